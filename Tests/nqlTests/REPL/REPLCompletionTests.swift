import Foundation
import NQL
import NQLNews
import Testing

@testable import nql

/// Completion without a terminal: what Tab offers in each context.
struct REPLCompletionTests {
    private func completer(_ globals: [String: Value] = [:], directory: String = "/") -> Completer {
        Completer(registry: News.registry(), globals: globals, currentDirectory: directory, home: "/home/none")
    }

    private let article = Value.record(Record([("title", .string("t")), ("text", .string("x")), ("source", .string("s"))]))

    @Test func builtinsAndKeywordsAtTheStartOfAStatement() {
        let c = completer().complete("le")
        #expect(c.candidates == ["len", "let"])
        #expect(c.insertion == "")
    }

    @Test func onlyFunctionsAfterAPipe() {
        let c = completer(["level": .int(1), "lengthen": .function(Function(.native(name: "lengthen", arity: 1) { _, a in a[0] }))])
            .complete("[1] | le")
        #expect(c.candidates == ["len", "lengthen"])
        #expect(c.insertion == "n")
    }

    @Test func variablesInScope() {
        let c = completer(["wires": .list([]), "words": .int(2)]).complete("x + wi")
        #expect(c.candidates == ["wires"])
        #expect(c.insertion == "res")
        #expect(completer().complete("1 + 2 an").candidates == ["and", "any"])
    }

    @Test func recordFieldsOfAGlobal() {
        let c = completer(["a": article]).complete("a.t")
        #expect(c.candidates == ["text", "title"])
        #expect(c.typed == "t")
        #expect(completer(["a": article]).complete("a.so").insertion == "urce")
    }

    @Test func fieldsOfTheFirstRecordOfAList() {
        let c = completer(["wires": .list([article])]).complete("wires | take(2) | len(wires.ti")
        #expect(c.candidates == ["title"])
    }

    @Test func fieldsOfThePipelineElementAfterALeadingDot() {
        let c = completer(["wires": .list([article])])
        #expect(c.complete("wires | where(.ti").candidates == ["title"])
        #expect(c.complete("let x = wires | sort(.so").candidates == ["source"])
        #expect(c.complete("where(.ti").candidates.isEmpty)
    }

    @Test func optionLabelsOfTheEnclosingCall() throws {
        let sort = try #require(Registry.standard.builtin(named: "sort"))
        let option = try #require(sort.options.first)
        let typed = String(option.prefix(2))
        #expect(completer().complete("[3, 1] | sort(x -> x, \(typed)").candidates.contains(option + ":"))
        #expect(completer().complete("[3, 1] | sort([1, \(typed)").candidates.allSatisfy { !$0.hasSuffix(":") })
        #expect(completer().complete("sort(xs, f(\(typed)").candidates.allSatisfy { !$0.hasSuffix(":") })
    }

    @Test func nestedFields() {
        let nested = Value.record(Record([("meta", .record(Record([("author", .string("k")), ("url", .null)])))]))
        #expect(completer(["r": nested]).complete("r.meta.au").candidates == ["author"])
    }

    @Test func nothingForUnknownVariablesAndLetNames() {
        #expect(completer().complete("nosuch.ti").candidates.isEmpty)
        #expect(completer().complete("let le").candidates.isEmpty)
        #expect(completer().complete("# le").candidates.isEmpty)
        #expect(completer().complete("\"le").candidates.isEmpty)
    }

    @Test func metaCommands() {
        #expect(completer().complete(":he").candidates == ["help"])
        #expect(completer().complete(":").candidates.count == MetaCommand.all.count)
        #expect(completer().complete(":format js").candidates == ["json", "jsonl"])
        #expect(completer().complete(":timer o").candidates == ["off", "on"])
        #expect(completer().complete(":help ran").candidates == ["range"])
        // In the middle of a statement ':' is not a command.
        #expect(completer().complete(":he", continuing: true).candidates.isEmpty)
    }

    @Test func pathsInsideLoad() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("nql-complete-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: root) }
        try FileManager.default.createDirectory(atPath: root + "/articles", withIntermediateDirectories: true)
        _ = FileManager.default.createFile(atPath: root + "/articles/tokyo.txt", contents: Data())
        _ = FileManager.default.createFile(atPath: root + "/articles/seoul.md", contents: Data())
        _ = FileManager.default.createFile(atPath: root + "/art\"quote.txt", contents: Data())
        _ = FileManager.default.createFile(atPath: root + "/.hidden", contents: Data())
        let c = completer(directory: root)

        let folder = c.complete("let a = load(\"arti")
        #expect(folder.candidates == ["articles/"])
        #expect(folder.insertion == "cles/")
        #expect(c.complete("load(\"articles/").display == ["seoul.md", "tokyo.txt"])
        #expect(c.complete("load(\"articles/to").insertion == "kyo.txt")
        #expect(c.complete("load(\"art\\\"").candidates == ["art\\\"quote.txt"])
        #expect(c.complete("load(\"").display == ["art\"quote.txt", "articles/"])
        #expect(c.complete("load(\"\(root)/articles/s").insertion == "eoul.md")
        #expect(c.complete(":load arti").candidates == ["articles/"])
        // Every built-in that reads the file named by its first argument completes it.
        #expect(c.complete("corpus(\"arti").candidates == ["articles/"])
        // Other strings are not paths.
        #expect(c.complete("print(\"arti").candidates.isEmpty)
    }

    @Test func commonPrefixAndColumns() {
        let c = Completion(typed: "st", candidates: ["starts_with", "str", "starts"])
        #expect(c.insertion == "")
        #expect(Completion(typed: "s", candidates: ["starts_with", "starts"]).insertion == "tarts")
        #expect(Completion.columns(["a", "bb", "c"], width: 80) == "a   bb  c\n")
        #expect(Completion.columns(["aaaa", "bbbb", "cccc"], width: 12) == "aaaa  cccc\nbbbb\n")
    }

    @Test func historyFileLocation() {
        #expect(HistoryFile.standard(environment: ["NQL_HISTORY": "/x/h", "HOME": "/home/u"])?.path == "/x/h")
        #expect(HistoryFile.standard(environment: ["XDG_STATE_HOME": "/s", "HOME": "/home/u"])?.path == "/s/nql/history")
        #expect(HistoryFile.standard(environment: ["HOME": "/home/u"])?.path == "/home/u/.local/state/nql/history")
        #expect(HistoryFile.standard(environment: [:]) == nil)
    }

    @Test func historyWriteFailureIsReported() {
        let file = HistoryFile(path: "/proc/nql-cannot-write/history")
        #expect(throws: HistoryFile.WriteError.self) { try file.write { _ in true } }
    }
}
