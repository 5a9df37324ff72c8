import Foundation

/// Loads articles from files, folders, globs, standard input or strings.
///
/// Every failure becomes a `LoadProblem` naming the file (and line for JSON
/// Lines); good articles still load. Files are read and parsed on all cores and
/// returned in stable sorted path order.
public enum ArticleLoader {
    /// File name extensions loaded from folders and globs, with their format.
    public static let formatsByExtension: [String: String] = [
        "txt": "txt", "text": "txt", "md": "md", "markdown": "md", "html": "html", "htm": "html",
        "xhtml": "html", "json": "json", "jsonl": "jsonl", "ndjson": "jsonl",
    ]

    /// Loads `path`: a file, a folder (recursively, sorted, hidden files skipped),
    /// a glob (`*`, `?`, `[...]`, `**` for any depth) or "-" for standard input.
    public static func load(_ path: String, stdin: () -> Data? = { FileHandle.standardInput.readDataToEndOfFile() })
        -> (articles: [Article], problems: [LoadProblem])
    {
        if path == "-" {
            guard let data = stdin() else { return ([], [LoadProblem(path: "-", message: LoadMessages.cannotReadStdin)]) }
            return load(data: data, path: "-", format: nil)
        }
        let fm = FileManager.default
        var isDir: ObjCBool = false
        if fm.fileExists(atPath: path, isDirectory: &isDir) {
            if isDir.boolValue {
                let files = filesUnder(path)
                if files.isEmpty { return ([], [LoadProblem(path: path, message: LoadMessages.noArticlesInFolder)]) }
                return loadFiles(files)
            }
            return loadFiles([path])
        }
        if Glob.isPattern(path) {
            let files = Glob.expand(path)
            if files.isEmpty { return ([], [LoadProblem(path: path, message: LoadMessages.noGlobMatches)]) }
            return loadFiles(files)
        }
        return ([], [LoadProblem(path: path, message: LoadMessages.noSuchPath)])
    }

    /// How `load` reads a path.
    public enum Reading {
        /// As a stream (JSON Lines, a folder, a glob, JSON Lines on standard input).
        case stream(ArticleBatches.Source)
        /// Whole: standard input that is not JSON Lines, with its bytes.
        case standardInput(Data)
        /// Whole, by `load(path)` (a single file, or a path that reports a problem).
        case whole
    }

    /// How to read `path`: JSON Lines files and standard input, folders and
    /// globs stream; the rest (and anything that reports a problem) is read whole.
    public static func streamSource(_ path: String) -> Reading {
        if path == "-" {
            var head: [UInt8] = []
            var buffer = [UInt8](repeating: 0, count: 1 << 16)
            // Enough to tell JSON Lines: two lines, 1 MiB, or the end.
            while head.count < 1 << 20, head.lazy.filter({ $0 == 0x0A }).prefix(2).count < 2 {
                var n: Int
                repeat { n = buffer.withUnsafeMutableBytes { read(STDIN_FILENO, $0.baseAddress, $0.count) } } while n < 0 && errno == EINTR
                if n <= 0 {
                    return .standardInput(Data(head))
                }
                head.append(contentsOf: buffer[0..<n])
            }
            if sniff(Data(head)) == "jsonl", case .text = TextDecoding.decode(Data(head.prefix(4096))) { return .stream(.standardInput(head: head)) }
            return .standardInput(Data(head) + FileHandle.standardInput.readDataToEndOfFile())
        }
        var isDir: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDir) {
            if isDir.boolValue {
                let files = filesUnder(path)
                return files.isEmpty ? .whole : .stream(.files(files))
            }
            return isStreamableJSONLines(path) ? .stream(.jsonLines(path: path)) : .whole
        }
        if Glob.isPattern(path) {
            let files = Glob.expand(path)
            return files.isEmpty ? .whole : .stream(.files(files))
        }
        return .whole
    }

    /// A `.jsonl`/`.ndjson` file that is not empty and not binary (those are reported by the whole load).
    static func isStreamableJSONLines(_ path: String) -> Bool {
        guard ["jsonl", "ndjson"].contains((path as NSString).pathExtension.lowercased()),
              let h = FileHandle(forReadingAtPath: path) else { return false }
        defer { try? h.close() }
        let head = h.readData(ofLength: 4096)
        if head.allSatisfy({ $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }) { return false }
        if case .binary = TextDecoding.decode(head) { return false }
        return true
    }

    /// Loads articles from a string; `format` is "txt", "md", "html", "json" or
    /// "jsonl" (nil: guessed from the content).
    public static func load(text: String, format: String? = nil, path: String = "<text>")
        -> (articles: [Article], problems: [LoadProblem])
    {
        load(data: Data(text.utf8), path: path, format: format)
    }

    /// Loads several files in parallel, keeping their order.
    public static func loadFiles(_ files: [String]) -> (articles: [Article], problems: [LoadProblem]) {
        let results = Parallel.map(count: files.count) { i -> ([Article], [LoadProblem]) in
            let f = files[i]
            guard let data = FileManager.default.contents(atPath: f) else {
                return ([], [LoadProblem(path: f, message: LoadMessages.cannotReadFile)])
            }
            let ext = (f as NSString).pathExtension.lowercased()
            return load(data: data, path: f, format: formatsByExtension[ext])
        }
        var arts: [Article] = []
        var probs: [LoadProblem] = []
        for (a, p) in results {
            arts.append(contentsOf: a)
            probs.append(contentsOf: p)
        }
        return (arts, probs)
    }

    /// Loads one file's bytes.
    public static func load(data: Data, path: String, format: String?) -> (articles: [Article], problems: [LoadProblem]) {
        if data.isEmpty || data.allSatisfy({ $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }) {
            return ([], [LoadProblem(path: path, message: LoadMessages.emptyFile)])
        }
        // "htm", "markdown", "ndjson"… name the same formats as their extensions.
        let fmt = format.flatMap { formatsByExtension[$0.lowercased()] } ?? sniff(data)
        switch fmt {
        case "json":
            if case .binary(let reason) = TextDecoding.decode(data.prefix(4096)) { return ([], [LoadProblem(path: path, message: reason)]) }
            if let (a, p) = JSONArticles.notUTF8(data, path: path, parse: JSONArticles.parseDocument) { return (a, p) }
            let (a, p) = JSONArticles.parseDocument(data, path: path)
            // A ".json" file that is really JSON Lines.
            if a.isEmpty, let first = p.first, first.message.hasPrefix(LoadMessages.invalidJSON("")), looksLikeJSONLines(data) {
                return JSONArticles.parseLines(data, path: path)
            }
            return (a, p)
        case "jsonl":
            // A NUL inside one line spoils that line only (it is invalid JSON there).
            if case .binary(let reason) = TextDecoding.decode(data.prefix(4096)), !looksLikeJSONLines(data) { return ([], [LoadProblem(path: path, message: reason)]) }
            if let (a, p) = JSONArticles.notUTF8(data, path: path, parse: JSONArticles.parseLines) { return (a, p) }
            let (a, p) = JSONArticles.parseLines(data, path: path)
            if a.isEmpty, p.isEmpty { return ([], [LoadProblem(path: path, message: LoadMessages.noJSONRecords)]) }
            return (a, p)
        case "html":
            return HTMLExtractor.load(data: data, path: path)
        default:
            switch TextDecoding.decode(data) {
            case .binary(let reason):
                return ([], [LoadProblem(path: path, message: reason)])
            case .text(let text, let encoding):
                var probs: [LoadProblem] = []
                if encoding != "utf-8" {
                    probs.append(LoadProblem(path: path, message: LoadMessages.decodedAs(encoding), isNote: true))
                }
                if format == nil, text.utf8.first == UInt8(ascii: "<"), looksLikeHTML(data) {
                    return HTMLExtractor.load(data: data, path: path)
                }
                guard let art = plainArticle(text, path: path, format: fmt == "md" ? "md" : "txt", encoding: encoding) else {
                    return ([], probs + [LoadProblem(path: path, message: LoadMessages.noArticleText)])
                }
                return ([art], probs)
            }
        }
    }

    static func plainArticle(_ text: String, path: String, format: String, encoding: String) -> Article? {
        let normalized = text.has("\r") ? text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n") : text
        let r = PlainTextExtractor.extract(normalized, markdown: format == "md")
        if r.paragraphs.isEmpty && r.title == nil { return nil }
        var extra: [String: String] = [:]
        if let t = r.date?.time { extra["time"] = t }
        return Article(
            id: "\(path)#1", path: path, title: r.title, subtitle: r.subtitle, source: r.source, authors: r.authors,
            date: r.date?.day, rawDate: r.rawDate, url: nil, text: r.paragraphs.joined(separator: "\n\n"), paragraphs: r.paragraphs,
            captions: r.captions, format: format, encoding: encoding, extra: extra)
    }

    /// Guesses the format of content without a known extension.
    static func sniff(_ data: Data) -> String {
        var i = data.startIndex
        if data.count >= 3, data[i] == 0xEF, data[i + 1] == 0xBB, data[i + 2] == 0xBF { i += 3 }
        while i < data.endIndex, data[i] == 0x20 || data[i] == 0x0A || data[i] == 0x0D || data[i] == 0x09 { i += 1 }
        guard i < data.endIndex else { return "txt" }
        switch data[i] {
        case UInt8(ascii: "["): return "json"
        case UInt8(ascii: "{"): return looksLikeJSONLines(data) ? "jsonl" : "json"
        case UInt8(ascii: "<"): return looksLikeHTML(data) ? "html" : "txt"
        default: return "txt"
        }
    }

    static func looksLikeJSONLines(_ data: Data) -> Bool {
        // Two or more lines that each start with "{".
        var starts = 0
        var atLineStart = true
        for c in data.prefix(1 << 20) {
            if atLineStart, c == UInt8(ascii: "{") { starts += 1; if starts >= 2 { return true } }
            if c == 0x0A { atLineStart = true } else if c != 0x20 && c != 0x09 && c != 0x0D { atLineStart = false }
        }
        return false
    }

    static func looksLikeHTML(_ data: Data) -> Bool {
        let head = String(decoding: data.prefix(2048), as: UTF8.self).lowercased()
        return head.has("<html") || head.has("<!doctype html") || head.has("<body") || head.has("<head")
            || head.has("<p>") || head.has("<div")
    }

    /// Article files under a folder, recursively, sorted by path; hidden entries skipped.
    static func filesUnder(_ dir: String) -> [String] {
        var out: [String] = []
        let fm = FileManager.default
        let base = dir.hasSuffix("/") ? String(dir.dropLast()) : dir
        guard let e = fm.enumerator(atPath: base) else { return [] }
        while let rel = e.nextObject() as? String {
            let name = (rel as NSString).lastPathComponent
            if name.hasPrefix(".") { e.skipDescendants(); continue }
            let ext = (name as NSString).pathExtension.lowercased()
            if formatsByExtension[ext] != nil { out.append(base + "/" + rel) }
        }
        return out.sorted()
    }
}
