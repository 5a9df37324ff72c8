import Foundation
import NQL
@testable import NQLNews
import Testing

/// The REPL as a person meets it: the real `nql` binary on a pseudo-terminal.
/// Every test waits for the prompt *and* for raw mode before typing.
@Suite("REPL on a terminal", .serialized)
struct REPLTerminalTests {
    private static let up = "\u{1B}[A"
    private static let ctrlC = "\u{03}"
    private static let ctrlD = "\u{04}"
    private static let ctrlE = "\u{05}"
    private static let backspace = "\u{7F}"

    private func start(_ folder: TemporaryFolder, arguments: [String] = [], without unset: [String] = []) throws -> PseudoTerminal {
        let terminal = try PseudoTerminal(arguments: arguments, environment: folder.environment.filter { !unset.contains($0.key) })
        try terminal.expect("NQL \(NQLVersion.string) — type :help for help")
        try terminal.expectPrompt()
        return terminal
    }

    @Test func tabCompletesABuiltin() throws {
        let folder = try TemporaryFolder()
        let nql = try start(folder)
        nql.send("\"abc\" | le\t\r")
        try nql.expect("\n3\n")
        try nql.expectPrompt()
        // At the start of a statement `le` could be `len` or `let`: both are listed.
        nql.send("le\t")
        try nql.expect("len")
        try nql.expect("let")
        // The listing is followed by the prompt and the line, redrawn.
        try nql.expect("nql> le")
        nql.send(Self.ctrlC)
        try nql.expect("^C")
        try nql.expectPrompt()
        nql.send(Self.ctrlD)
        #expect(try nql.expectExit() == 0)
    }

    @Test func aLineStartingWithABarRefinesTheLastResultAndNullPrints() throws {
        let folder = try TemporaryFolder()
        let nql = try start(folder)
        nql.send("[{n: 1}, {n: 5}, {n: 9}]\r")
        try nql.expectPrompt()
        nql.send("| where(.n > 2) | map(.n)\r")
        try nql.expect("[5, 9]\n")
        try nql.expectPrompt()
        nql.send("| sum\r")
        try nql.expect("\n14\n")
        try nql.expectPrompt()
        nql.send("get({a: 1}, \"b\")\r")
        try nql.expect("\nnull\n")
        try nql.expectPrompt()
        // A statement that printed something itself shows no `null` after it.
        nql.send("print(\"hello\")\r")
        try nql.expect("\nhello\nnql> ")
        nql.send(":echo on\r")
        try nql.expectPrompt()
        nql.send("1 + 1\r")
        try nql.expect("nql> 1 + 1\n2\n")
        try nql.expectPrompt()
        nql.send(Self.ctrlD)
        #expect(try nql.expectExit() == 0)
    }

    @Test func longResultsGoThroughThePagerAndRowsLimitsThem() throws {
        let folder = try TemporaryFolder()
        var environment = folder.environment
        environment["PAGER"] = "sed s/^/PAGED:/"
        let nql = try PseudoTerminal(arguments: [], environment: environment)
        try nql.expectPrompt()
        nql.send("range(60) | map(x -> {n: x, label: \"row ${x}\"})\r")
        try nql.expect("PAGED:  n  label")
        try nql.expect("PAGED: 59  row 59")
        try nql.expectPrompt()
        // A short result is printed directly.
        nql.send("[{n: 1}]\r")
        try nql.expect("\n n\n 1\n")
        try nql.expectPrompt()
        nql.send(":pager off\r")
        try nql.expectPrompt()
        nql.send(":rows 5\r")
        try nql.expectPrompt()
        nql.send("range(60) | map(x -> {n: x})\r")
        try nql.expect(" 4\n … 55 more rows (60 in all)\n")
        try nql.expectPrompt()
        nql.send(Self.ctrlD)
        #expect(try nql.expectExit() == 0)
    }

    @Test func tablesAndChartsUseTheTerminalsWidth() throws {
        let folder = try TemporaryFolder()
        let nql = try start(folder)
        // 70 columns of title: cut at 48 in a script, whole on this 100-column terminal.
        let title = String(repeating: "Seoul ", count: 11) + "Tokyo"
        nql.send("[{title: \"\(title)\", n: 1}]\r")
        try nql.expect(" \(title)  1\n")
        try nql.expectPrompt()
        // A timeline draws itself as bars across the terminal.
        nql.send("[{period: \"2024-07\", count: 4}, {period: \"2024-08\", count: 2}]\r")
        try nql.expect(" 2024-07 ")
        try nql.expect("█")
        try nql.expect(" 4\n")
        try nql.expectPrompt()
        nql.send(Self.ctrlD)
        #expect(try nql.expectExit() == 0)
    }

    @Test func tabCompletesARecordField() throws {
        let folder = try TemporaryFolder()
        let nql = try start(folder)
        nql.send("let a = {title: \"x\", text: \"y\"}\r")
        try nql.expectPrompt()
        nql.send("a.ti\t\r")
        try nql.expect("a.title\n\"x\"\n")
        try nql.expectPrompt()
        nql.send("a.t\t")
        try nql.expect("text")
        try nql.expect("title")
        try nql.expect("nql> a.t")
        nql.send(Self.ctrlC)
        try nql.expect("^C")
        try nql.expectPrompt()
        nql.send(":vars\r")
        try nql.expect("record")
        try nql.expectPrompt()
    }

    @Test func aCorpusVariableShowsItsCountWithoutBeingReadAndItsPathCompletes() throws {
        let folder = try TemporaryFolder()
        let db = folder.path + "/news.db"
        var err = ""
        let session = Session(registry: News.registry(), format: .jsonl, write: { _ in }, writeError: { err += $0 })
        session.run(#"index(load("\#(packageRoot.path)/Examples/articles/"), "\#(db)")"#, name: "index.nql")
        #expect(err == "")
        let nql = try start(folder)
        nql.send("let c = corpus(\"\(folder.path)/ne\t")
        try nql.expect("news.db")
        nql.send("\")\r")
        try nql.expectPrompt()
        // The variable names the store: :vars counts its articles there, now.
        try SQLiteDatabase(path: db, readOnly: false).execute("DELETE FROM articles WHERE seq = 1")
        nql.send(":vars\r")
        try nql.expect("corpus")
        try nql.expect("11 articles in")
        try nql.expectPrompt()
        nql.send("c | filter(mentions(\"Japan\")) | len\r")
        try nql.expect(#"c | filter(mentions("Japan")) | len"# + "\n")
        try nql.expectPrompt()
        // Its articles' fields complete, without reading the store: `.so` -> `.source`.
        nql.send("c | filter(.so\t")
        try nql.expect("c | filter(.source")
        nql.send(" == \"Nobody\") | len\r")
        try nql.expect("0\n")
        try nql.expectPrompt()
        nql.send(":help corpus\r")
        try nql.expect("answered by the store")
        try nql.expect("take(n)")
        try nql.expectPrompt()
        nql.send(Self.ctrlD)
        #expect(try nql.expectExit() == 0)
    }

    @Test func historyIsRecalledInTheNextSession() throws {
        let folder = try TemporaryFolder()
        do {
            let first = try start(folder)
            first.send("let h = 40 + 2\r")
            try first.expectPrompt()
            first.send(Self.ctrlD)
            #expect(try first.expectExit() == 0)
        }
        let path = folder.environment["NQL_HISTORY"] ?? ""
        let attributes = try FileManager.default.attributesOfItem(atPath: path)
        #expect((attributes[.posixPermissions] as? Int) == 0o600)

        let second = try start(folder)
        second.send(Self.up)
        try second.expect("let h = 40 + 2")
        second.send("\r")
        try second.expectPrompt()
        second.send("h\r")
        try second.expect("\n42\n")
        try second.expectPrompt()
    }

    @Test func twoSessionsAtOnceKeepBothHistories() throws {
        let folder = try TemporaryFolder()
        let first = try start(folder)
        let second = try start(folder)
        first.send("let one = 1\r")
        try first.expectPrompt()
        second.send("let two = 2\r")
        try second.expectPrompt()
        first.send(Self.ctrlD)
        #expect(try first.expectExit() == 0)
        second.send(Self.ctrlD)
        #expect(try second.expectExit() == 0)

        let third = try start(folder)
        third.send(Self.up)
        try third.expect("let two = 2")
        // libedit redraws only what changed, so run the older entry to see it.
        third.send(Self.up + "\r")
        try third.expectPrompt()
        third.send("one\r")
        try third.expect("\n1\n")
        try third.expectPrompt()
    }

    @Test func aThreeLineStatementIsOneHistoryEntry() throws {
        let folder = try TemporaryFolder()
        let nql = try start(folder)
        nql.send("sum([1,\r")
        try nql.expectPrompt("...> ")
        nql.send("2,\r")
        try nql.expectPrompt("...> ")
        nql.send("3])\r")
        try nql.expect("\n6\n")
        try nql.expectPrompt()
        // Up brings back all three lines; Ctrl-E goes to the end of the last.
        nql.send(Self.up)
        try nql.expect("sum([1,\n2,\n3])")
        nql.send(Self.ctrlE + " + 1\r")
        try nql.expect("\n7\n")
        try nql.expectPrompt()
    }

    @Test func aTrailingPipeOrAnOpenStringContinues() throws {
        let folder = try TemporaryFolder()
        let nql = try start(folder)
        nql.send("range(3) |\r")
        try nql.expectPrompt("...> ")
        nql.send("len\r")
        try nql.expect("\n3\n")
        try nql.expectPrompt()
        nql.send("\"ab\r")
        try nql.expectPrompt("...> ")
        nql.send("cd\" | len\r")
        try nql.expect("\n5\n")
        try nql.expectPrompt()
    }

    @Test func koreanTextIsEditedAndPrintedIntact() throws {
        let folder = try TemporaryFolder()
        let nql = try start(folder)
        nql.send("\"서울 특별시X" + Self.backspace + "\"\r")
        try nql.expect("\n\"서울 특별시\"\n")
        try nql.expectPrompt()
        nql.send("len(\"東京 タワー\")\r")
        try nql.expect("\n6\n")
        try nql.expectPrompt()
    }

    @Test func koreanInputWorksWithoutALocaleInTheEnvironment() throws {
        let folder = try TemporaryFolder()
        let nql = try start(folder, without: ["LANG"])
        nql.send("\"한국어\" + \"!\"\r")
        try nql.expect("\n\"한국어!\"\n")
        try nql.expectPrompt()
    }

    @Test func ctrlCStopsAStatementAndKeepsTheSession() throws {
        let folder = try TemporaryFolder()
        let nql = try start(folder)
        nql.send("let keep = 7\r")
        try nql.expectPrompt()
        nql.send("range(100000) | map(i -> range(1000) | map(j -> j + 1) | len) | len\r")
        try nql.expectRunning()
        // A Ctrl-C that lands before the handler is in place is dropped: press again.
        var stopped = false
        for _ in 0..<10 where !stopped {
            usleep(200_000)
            nql.send(Self.ctrlC)
            stopped = (try? nql.expect("interrupted", timeout: 2)) != nil
        }
        #expect(stopped)
        try nql.expectPrompt()
        nql.send("keep\r")
        try nql.expect("\n7\n")
        try nql.expectPrompt()
        // Ctrl-C on a line drops it, and the unfinished statement with it.
        nql.send("[1,\r")
        try nql.expectPrompt("...> ")
        nql.send("2" + Self.ctrlC)
        try nql.expect("2^C")
        try nql.expectPrompt()
        nql.send("keep + 1\r")
        try nql.expect("\n8\n")
        try nql.expectPrompt()
    }

    @Test func ctrlDOnAnEmptyLineExitsWithStatusZero() throws {
        let folder = try TemporaryFolder()
        let nql = try start(folder)
        nql.send("1 + 1\r")
        try nql.expect("\n2\n")
        try nql.expectPrompt()
        nql.send(Self.ctrlD)
        #expect(try nql.expectExit() == 0)
        let history = try String(contentsOfFile: folder.environment["NQL_HISTORY"] ?? "", encoding: .utf8)
        #expect(history.contains("1\\040+\\0401") || history.contains("1 + 1"))
    }

    /// Job control needs a shell: nql is started from an interactive bash.
    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/bin/bash")))
    func ctrlZSuspendsAndFgResumes() throws {
        let folder = try TemporaryFolder()
        var environment = folder.environment
        environment["PS1"] = "$ "
        let shell = try PseudoTerminal(executable: "/bin/bash", arguments: ["--norc", "--noprofile", "-i"],
                                       environment: environment)
        try shell.expectPrompt("$ ")
        shell.send(PseudoTerminal.binary + "\r")
        try shell.expectPrompt()
        shell.send("let k = 9\r")
        try shell.expectPrompt()
        shell.send("\u{1A}")
        try shell.expect("Stopped")
        try shell.expectPrompt("$ ")
        shell.send("fg\r")
        try shell.expectPrompt()
        shell.send("k + 1\r")
        try shell.expect("\n10\n")
        try shell.expectPrompt()
        shell.send(Self.ctrlD)
        try shell.expectPrompt("$ ")
        shell.send("exit\r")
        #expect(try shell.expectExit() == 0)
    }

    @Test func sigtermWhileEditingRestoresTheTerminal() throws {
        let folder = try TemporaryFolder()
        let nql = try start(folder)
        #expect(nql.isEditing)
        kill(nql.pid, SIGTERM)
        #expect(try nql.expectExit() == 128 + SIGTERM)
        #expect(!nql.isEditing)
    }

    @Test func helpListsEveryBuiltinWithItsHelp() throws {
        let folder = try TemporaryFolder()
        let nql = try start(folder)
        nql.send(":help\r")
        try nql.expect("Keys")
        try nql.expectPrompt()
        let shown = nql.text
        for builtin in News.registry().entries {
            #expect(shown.contains(builtin.name), "\(builtin.name) is missing from :help")
            #expect(shown.contains(builtin.summary), "the help of \(builtin.name) is missing from :help")
        }
    }

    @Test func helpForOneBuiltinShowsSignatureAndExample() throws {
        let folder = try TemporaryFolder()
        let nql = try start(folder)
        nql.send(":help len\r")
        try nql.expect("len(x)")
        let len = try #require(Registry.standard.builtin(named: "len"))
        try nql.expect(len.example)
        try nql.expectPrompt()
        nql.send(":hlep\r")
        try nql.expect("did you mean ':help'?")
        try nql.expectPrompt()
        nql.send(":help entity\r")
        try nql.expect("no built-in named 'entity'; did you mean 'entities'?")
        try nql.expectPrompt()
    }

    @Test func saveWritesAScriptThatReplaysTheSession() throws {
        let folder = try TemporaryFolder()
        let nql = try start(folder)
        for line in ["let s = 5", "let t = [s,", "s * 2]", "nosuch + 1", "t | sum", "_ + 1"] {
            nql.send(line + "\r")
            try nql.expectPrompt(line.hasSuffix(",") ? "...> " : "nql> ")
        }
        let script = folder.path + "/session.nql"
        nql.send(":save \(script)\r")
        try nql.expect("saved 4 statements")
        try nql.expectPrompt()
        let saved = try String(contentsOfFile: script, encoding: .utf8)
        #expect(!saved.contains("nosuch"))
        #expect(saved.contains("let t = [s,\ns * 2]"))

        let replay = Process()
        replay.executableURL = URL(fileURLWithPath: PseudoTerminal.binary)
        replay.arguments = [script]
        let output = Pipe()
        replay.standardOutput = output
        try replay.run()
        let printed = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        replay.waitUntilExit()
        #expect(replay.terminationStatus == 0)
        #expect(printed == "15\n16\n")
    }
}
