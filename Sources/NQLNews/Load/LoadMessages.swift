/// Every message a `LoadProblem` can carry, in one place (short, lower-case,
/// saying what went wrong and what happened to the input).
enum LoadMessages {
    static let noSuchPath = "no such file or folder"
    static let outsideReadableFolders = "not read: a link leads outside the folders --read or --sandbox allow"
    static let noArticlesInFolder = "no articles in folder (looked for .txt, .md, .html, .json, .jsonl)"
    static let noGlobMatches = "no files match pattern"
    static let cannotReadStdin = "cannot read standard input"
    static let cannotReadFile = "cannot read file (permission denied or not a regular file)"
    static let emptyFile = "empty file"
    static let noArticleText = "no article text found"
    static let noHTMLArticleText = "no article text found in html"
    static let cannotParseHTML = "cannot parse html"
    static let noJSONRecords = "no json records"
    static let jsonNotObjects = "json is not an object or an array of objects"
    static let jsonLineNotObject = "line is not a json object; skipped"
    static let binaryNUL = "binary file (contains NUL bytes)"
    static let binaryControl = "binary file (control characters, not text)"
    static let standardInputReadTwice = "standard input was already read; bind it with let to use it twice"
    static let streamingHelp = """
        JSON Lines (a file or standard input), folders and globs load as a stream: articles are read
        a batch at a time as later stages ask for them, so a pipeline in one statement runs in memory
        that does not grow with the input. Reading it again reads the files again. Binding it with
        let (or giving it to a built-in that collects) reads it whole into a list; standard input
        can be read only once, so bind load("-") with let to use it twice.
        """

    static func decodedAs(_ encoding: String) -> String { "not utf-8; decoded as \(encoding)" }
    static func invalidJSON(_ detail: String) -> String { "invalid json: \(detail)" }
    static func invalidJSONLine(_ detail: String, column: Int) -> String {
        "invalid json (\(detail) at column \(column)); line skipped"
    }
    static func recordNotObject(_ n: Int) -> String { "record \(n) is not a json object; skipped" }
}
