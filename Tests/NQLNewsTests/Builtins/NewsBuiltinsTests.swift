import Foundation
import NQL
import NQLNews
import Testing

/// Runs a program with the news built-ins; returns stdout, stderr and the outcome.
private func runNews(_ program: String) -> (out: String, err: String, outcome: Outcome) {
    var out = "", err = ""
    let session = Session(registry: News.registry(), write: { out += $0 }, writeError: { err += $0 })
    let outcome = session.run(program, name: "test.nql")
    return (out, err, outcome)
}

private let twoReports = """
    let a = {id: "a", title: "Tokyo talks", text: "U.S. Secretary of State Antony Blinken met Japanese Foreign Minister Yoshimasa Hayashi in Tokyo on Sunday. The ministers warned that Russia and North Korea are deepening military ties. They agreed to co-produce Patriot missiles."}
    let b = {id: "b", title: "Seoul watches", text: "On Sunday, Blinken and Hayashi met in Tokyo. The ministers warned that Russia and North Korea are deepening military ties. Seoul was not at the table."}
    """

@Suite struct NewsBuiltinsTests {
    @Test(arguments: [
        ("compare(1, 2)", "compare: argument 1 must be an article or a string, got int"),
        ("entities(42)", "entities: argument 1 must be an article or a string, got int"),
        ("mentions(3, \"US\")", "mentions: argument 1 must be an article or a string, got int"),
        ("keywords([1, 2])", "keywords: argument 1 must hold articles"),
        ("stories([])", "stories: the collection of articles is empty"),
        ("timeline([])", "timeline: the collection of articles is empty"),
        ("cooccur([])", "cooccur: the collection of articles is empty"),
        ("kwic([], \"x\")", "kwic: the collection of articles is empty"),
        ("similar({text: \"a\"}, [], 3)", "similar: the collection of articles is empty"),
        ("filter([{text: \"a\"}], matches(.text, \"(\"))", "invalid regular expression"),
        ("timeline([{text: \"a\"}], by: \"hour\")", "by: must be \"day\", \"week\" or \"month\""),
        ("save([1], \"/no/such/folder/x.json\")", "does not exist"),
        ("save([1], \"x.xml\")", "cannot tell the format"),
        (#"load("\#(packageRoot)/Examples/articles/tokyo2plus2.txt")"#, "no such file '\(packageRoot)/Examples/articles/tokyo2plus2.txt'; did you mean '\(packageRoot)/Examples/articles/tokyo-2plus2.txt'?"),
        (#"load("no/such/folder/story.html")"#, "no such file 'no/such/folder/story.html' (its folder does not exist)"),
    ])
    func wrongInputIsRejectedClearly(_ program: String, _ message: String) {
        let (_, err, outcome) = runNews(program)
        #expect(outcome.exitCode == .runtimeError)
        #expect(err.contains(message), "stderr was: \(err)")
    }

    @Test func compareListsSharedAndMissingEntitiesAndCopiedSentences() throws {
        let (out, err, _) = runNews(twoReports + """

            let c = compare(a, b)
            c.shared
            c.only_left
            c.only_right
            c.copied
            """)
        #expect(err.isEmpty, "\(err)")
        let lines = out.split(separator: "\n").map(String.init)
        #expect(lines.count == 4)
        #expect(lines[0].contains("\"Antony Blinken\"") && lines[0].contains("\"Yoshimasa Hayashi\"") && lines[0].contains("\"Russia\""))
        #expect(lines[1].contains("\"Patriot\""))
        #expect(lines[2].contains("\"Seoul\""))
        #expect(lines[3] == #"["The ministers warned that Russia and North Korea are deepening military ties."]"#)
    }

    @Test func filterMatchesAliasesAndTypesAndRecognisesOnce() throws {
        let (out, err, _) = runNews(twoReports + """

            [a, b] | filter(mentions("US")) | map(.id)
            [a, b] | filter(mentions("Seoul") or mentions("PRODUCT")) | map(.id)
            [a, b] | filter(contains(.text, "not at the TABLE")) | map(.id)
            """)
        #expect(err.isEmpty, "\(err)")
        #expect(out == "[\"a\"]\n[\"a\", \"b\"]\n[\"b\"]\n")
    }

    @Test func aSurnameFindsThePersonAndTheHeadlineCounts() throws {
        let (out, err, _) = runNews("""
            let p = {id: "p", title: "Campaign notes", text: "President Joe Biden spoke in Detroit on Monday. Biden promised new factory jobs."}
            let q = {id: "q", title: "Budget row", text: "Senators met on Tuesday. Later, Blinken said the talks in Manila had gone well."}
            let r = {id: "r", title: "Ministers meet in Manila", text: "The talks lasted two hours on Wednesday."}
            [p, q, r] | filter(mentions("Biden")) | map(.id)
            [p, q, r] | filter(mentions("Antony Blinken")) | map(.id)
            [p, q, r] | filter(mentions("Jill Biden")) | map(.id)
            [p, q, r] | filter(mentions("Manila")) | map(.id)
            """)
        #expect(err.isEmpty, "\(err)")
        #expect(out == "[\"p\"]\n[\"q\"]\n[]\n[\"q\", \"r\"]\n")
    }

    @Test func cooccurAndFilterAgreeOnWhichArticlesMentionAPair() throws {
        let (out, err, _) = runNews(twoReports + """

            let c = [a, b] | cooccur | where(.a == "Antony Blinken" and .b == "Yoshimasa Hayashi")
            c | map(.count)
            [a, b] | filter(mentions("Antony Blinken") and mentions("Yoshimasa Hayashi")) | len
            """)
        #expect(err.isEmpty, "\(err)")
        #expect(out == "[2]\n2\n")
    }

    @Test func textInAnotherScriptGetsANoteInsteadOfASilentEmptyList() {
        let korean = runNews(#"entities("서울시는 오늘 새 지하철 노선을 발표했다. 시민들은 환영했다.")"#)
        #expect(korean.out == "[]\n")
        #expect(korean.err.contains("the recogniser reads English; this text is in Korean (Hangul)"))
        let english = runNews(#"entities("The meeting ended early.")"#)
        #expect(english.err.isEmpty)
    }

    @Test func heAndSheAreResolvedToThePersonNamedBefore() {
        let (out, err, _) = runNews(#"""
            quotes("Prime Minister Fumio Kishida toured the flooded town of Wajima on Monday.\n\n\"We will rebuild every home,\" he said.") | map(.speaker)
            """#)
        #expect(err.isEmpty, "\(err)")
        #expect(out == "[\"Fumio Kishida\"]\n")
    }

    @Test func saveWritesJSONLinesAtomically() throws {
        let path = NSTemporaryDirectory() + "nql-save-\(UUID().uuidString).jsonl"
        defer { try? FileManager.default.removeItem(atPath: path) }
        let (_, err, outcome) = runNews("save([{a: 1}, {a: \"é\"}], \"\(path)\")")
        #expect(outcome.exitCode == .success, "\(err)")
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "{\"a\":1}\n{\"a\":\"é\"}\n")
    }

    @Test func loadHelpListsTheFieldsEveryArticleHas() throws {
        let run = runNews(#"load("\#(packageRoot)/Examples/articles/tokyo-2plus2.txt") | keys"#)
        #expect(run.err.isEmpty)
        let load = try #require(News.registry().builtin(named: "load"))
        // The fields are the lines after the first, up to the blank line before the note on streaming.
        let fieldBlock = load.details.components(separatedBy: "\n\n")[0]
        let documented = fieldBlock.split(separator: "\n").dropFirst().compactMap { $0.split(separator: " ").first.map(String.init) }
        #expect(run.out.trimmingCharacters(in: .whitespacesAndNewlines) == "[" + documented.map { "\"\($0)\"" }.joined(separator: ", ") + "]")
    }
}

