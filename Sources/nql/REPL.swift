import Foundation
import NQL

/// The interactive prompt: reads statements (continuing unfinished ones),
/// runs them in one session, and answers meta-commands such as `:help`.
final class REPL {
    /// The session statements run in.
    let session: Session
    private var reader: LineReader?
    private let out = BufferedOutput.standardOutput
    /// Statements typed so far that are not yet complete.
    private var pending = ""
    /// Whether to print each statement's wall time.
    private var timer = false
    /// Whether results taller than the terminal go through the pager (`:pager`).
    private var pager = true
    /// The most rows or elements a result shows (`:rows`); nil: all.
    private var rows: Int?
    /// The rows shown when `:rows` was not given: many through a pager, a screenful without.
    private var defaultRows: Int { pager ? 1_000 : 20 }
    /// The statements that ran without error, in order, for `:save`.
    private(set) var completedStatements: [String] = []

    /// The line shown at start-up.
    static let welcome = "NQL \(NQLVersion.string) — type :help for help, :quit or Ctrl-D to leave"

    /// Creates a REPL over a session; `reader` defaults to libedit on a terminal.
    init(session: Session, reader: LineReader? = nil) {
        self.session = session
        self.reader = reader
    }

    /// Runs until `:quit` or end of input; returns the exit status.
    func run() -> Int32 {
        session.options.maxItems = defaultRows
        session.showsNull = true
        let interactive = isatty(STDIN_FILENO) != 0 && isatty(STDOUT_FILENO) != 0
        let reader: LineReader = self.reader ?? (interactive ? LineEditor(historyFile: HistoryFile.standard()) : nil) ?? PlainLineReader()
        self.reader = reader
        reader.complete = { [unowned self] before in
            Completer(registry: session.interpreter.registry, globals: session.interpreter.globals,
                      currentDirectory: session.interpreter.currentDirectory)
                .complete(before, continuing: !pending.isEmpty)
        }
        // Ctrl-C is a key while editing; between statements it must not kill the session.
        if reader is LineEditor { signal(SIGINT, SIG_IGN) }
        let showPrompts = reader is LineEditor
        if showPrompts { out.write(REPL.welcome + "\n") }
        loop: while true {
            out.flush()
            let prompt = showPrompts ? (pending.isEmpty ? "nql> " : "...> ") : ""
            switch reader.readLine(prompt: prompt) {
            case .end:
                break loop
            case .cancelled:
                pending = ""
            case .line(let line):
                if pending.isEmpty, line.drop(while: { $0 == " " || $0 == "\t" }).hasPrefix(":") {
                    reader.addHistory(line)
                    if !command(line.trimmingCharacters(in: .whitespaces)) { break loop }
                    continue
                }
                // A line that starts with '|' goes on from the last result: `| where(...)` refines what was shown.
                if pending.isEmpty, line.drop(while: { $0 == " " || $0 == "\t" }).hasPrefix("|"), session.interpreter.globals["_"] != nil {
                    pending = "_ " + line
                } else {
                    pending = pending.isEmpty ? line : pending + "\n" + line
                }
                if pending.allSatisfy(\.isWhitespace) {
                    pending = ""
                    continue
                }
                if Parser.isIncomplete(pending) { continue }
                let statement = pending
                pending = ""
                reader.addHistory(statement)
                evaluate(statement, name: "<repl>")
            }
        }
        reader.close()
        out.flush()
        return ExitCode.success.rawValue
    }

    /// Runs source; Ctrl-C stops it (the evaluation runs on a worker thread
    /// and checks the flag the handler raises) and the session stays as it was.
    @discardableResult
    private func evaluate(_ text: String, name: String) -> Outcome {
        let start = DispatchTime.now()
        session.interpreter.interrupt.clear()
        let onTerminal = reader is LineEditor
        var size = (columns: 80, rows: 24)
        if onTerminal {
            size = LineEditor.terminalSize()
            session.interpreter.display.width = size.columns
            session.interpreter.display.interactive = true
            session.options.terminalWidth = size.columns
        }
        // Through a pager, the statement's output is gathered first and paged when it is taller than the screen.
        let paging = onTerminal && pager
        var gathered = ""
        let write = session.write
        if paging { session.write = { gathered += $0 } }
        let previous = signal(SIGINT) { _ in Interrupt.shared.request() }
        let outcome = session.run(text, name: name, bindLast: true)
        signal(SIGINT, previous)
        if paging {
            session.write = write
            if gathered.reduce(0, { $1 == "\n" ? $0 + 1 : $0 }) < size.rows - 1 || !Pager.show(gathered) { out.write(gathered) }
        }
        out.flush()
        if timer {
            let seconds = Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9
            out.write(dim("time: \(Formatter.duration(seconds))") + "\n")
        }
        if case .completed = outcome { completedStatements.append(text) }
        return outcome
    }

    /// `0.42 ms`, `12.3 ms`, `1.204 s`.

    // MARK: - meta-commands

    /// Runs a meta-command line such as `:help len`; false means leave.
    func command(_ line: String) -> Bool {
        let body = line.dropFirst()
        let name = String(body.prefix { !$0.isWhitespace })
        let argument = body.dropFirst(name.count).trimmingCharacters(in: .whitespaces)
        switch name {
        case "help": help(argument)
        case "vars": vars()
        case "format": format(argument)
        case "timer": setTimer(argument)
        case "echo": setEcho(argument)
        case "pager": setPager(argument)
        case "rows": setRows(argument)
        case "load": load(argument)
        case "save": save(argument)
        case "reset":
            session.interpreter.reset()
            completedStatements = []
            pending = ""
            out.write("the session is reset: no variables are defined\n")
        case "quit", "q", "exit":
            return false
        case "":
            fail("a command name must follow ':' (try :help)")
        default:
            let hint = Suggest.closest(to: name, among: MetaCommand.all.map(\.name)).map { "; did you mean ':\($0)'?" } ?? ""
            fail("unknown command ':\(name)'\(hint) (:help lists the commands)")
        }
        out.flush()
        return true
    }

    private func fail(_ message: String) {
        out.flush()
        let label = session.options.color ? "\u{1B}[1;31merror:\u{1B}[0m" : "error:"
        session.writeError("\(label) \(message)\n")
    }

    private func bold(_ s: String) -> String { session.options.color ? "\u{1B}[1m\(s)\u{1B}[0m" : s }

    private func dim(_ s: String) -> String { session.options.color ? "\u{1B}[2m\(s)\u{1B}[0m" : s }

    private func help(_ argument: String) {
        let registry = session.interpreter.registry
        if argument.isEmpty {
            out.write(REPL.helpText(registry: registry, bold: bold))
            return
        }
        if argument.hasPrefix(":") {
            guard let command = MetaCommand.named(String(argument.dropFirst())) else {
                fail("no command '\(argument)' (:help lists the commands)")
                return
            }
            out.write("\(bold(command.usage))\n  \(command.summary)\n")
            return
        }
        guard let builtin = registry.builtin(named: argument) else {
            if Keyword(rawValue: argument) != nil {
                out.write("'\(argument)' is a keyword of the language, not a built-in (see the README)\n")
                return
            }
            let hint = Suggest.closest(to: argument, among: registry.names).map { "; did you mean '\($0)'?" } ?? ""
            fail("no built-in named '\(argument)'\(hint)")
            return
        }
        out.write(REPL.help(for: builtin, bold: bold))
    }

    /// Every built-in, grouped, each with its one-line help; then the meta-commands and keys.
    static func helpText(registry: Registry, bold: (String) -> String = { $0 }) -> String {
        var text = "Built-in functions (:help NAME shows one in full):\n"
        let width = registry.entries.map { $0.name.count }.max() ?? 0
        for group in registry.groups {
            text += "\n" + bold(group.name) + "\n"
            for b in group.builtins {
                text += "  " + b.name.padding(toLength: width, withPad: " ", startingAt: 0) + "  " + b.summary + "\n"
            }
        }
        text += "\n" + bold("Commands") + "\n"
        let usageWidth = MetaCommand.all.map(\.usage.count).max() ?? 0
        for c in MetaCommand.all {
            text += "  " + c.usage.padding(toLength: usageWidth, withPad: " ", startingAt: 0) + "  " + c.summary + "\n"
        }
        text += "\n" + bold("Keys") + "\n" + keys.map { "  \($0.0.padding(toLength: 12, withPad: " ", startingAt: 0))  \($0.1)\n" }.joined()
        return text
    }

    static let keys: [(String, String)] = [
        ("Tab", "complete a name, a field after 'name.', a command or a file path in load(\"...\")"),
        ("Up / Down", "walk the history (a statement of several lines comes back whole)"),
        ("Ctrl-R", "search the history"),
        ("Ctrl-C", "drop the line, or stop the statement that is running"),
        ("Ctrl-D", "leave, on an empty line"),
        ("Ctrl-Z", "suspend (fg resumes)"),
    ]

    /// `:help NAME`: signature, description, details, group and example.
    static func help(for b: Builtin, bold: (String) -> String = { $0 }) -> String {
        var text = bold(b.signature) + "\n  " + b.summary + "\n"
        if !b.options.isEmpty { text += "  options: " + b.options.map { "\($0):" }.joined(separator: ", ") + "\n" }
        if !b.details.isEmpty { text += b.details.split(separator: "\n", omittingEmptySubsequences: false).map { "  \($0)\n" }.joined() }
        if b.readsLists { text += "  " + b.flow.help + "\n" }
        if b.merge != nil { text += "  " + Merge.help + "\n" }
        text += "  group: \(b.group)\n"
        text += "  example:\n" + b.example.split(separator: "\n", omittingEmptySubsequences: false).map { "    \($0)\n" }.joined()
        return text
    }

    private func vars() {
        let globals = session.interpreter.globals
        guard !globals.isEmpty else {
            out.write("no variables yet (let NAME = VALUE defines one)\n")
            return
        }
        let rows: [Value] = globals.keys.sorted().compactMap { name in
            guard let value = globals[name] else { return nil }
            if case .stream(let stream) = value, let plan = stream.plan {
                // A corpus is described by its store (its count from an index), never read here.
                let (type, described): (String, String)
                do { (type, described) = try plan.summary() ?? ("list", "a stream") } catch { (type, described) = ("corpus", (error as? RuntimeError)?.message ?? "\(error)") }
                return .record(Record([("name", .string(name)), ("type", .string(type)),
                                       ("value", .string(DisplayWidth.truncate(described, to: 60)))]))
            }
            let shown = DisplayWidth.truncate(Formatter.repr(value, maxItems: 5).replacingOccurrences(of: "\n", with: " "), to: 60)
            return .record(Record([("name", .string(name)), ("type", .string(value.typeName)), ("value", .string(shown))]))
        }
        var options = session.options
        options.maxItems = nil
        options.maxCellWidth = 60
        out.write(Formatter.render(.list(rows), as: .table, options: options))
    }

    private func format(_ argument: String) {
        if argument.isEmpty {
            out.write("format: \(session.format.rawValue)\n")
            return
        }
        guard let format = OutputFormat(rawValue: argument) else {
            let all = OutputFormat.allCases.map(\.rawValue)
            let hint = Suggest.closest(to: argument, among: all).map { "; did you mean '\($0)'?" } ?? ""
            fail("unknown format '\(argument)'\(hint) (use \(all.joined(separator: ", ")))")
            return
        }
        session.format = format
    }

    private func setTimer(_ argument: String) {
        switch argument {
        case "on": timer = true
        case "off": timer = false
        case "": out.write("timer: \(timer ? "on" : "off")\n")
        default: fail("use :timer on or :timer off")
        }
    }

    private func setPager(_ argument: String) {
        switch argument {
        case "on": pager = true
        case "off": pager = false
        case "": out.write("pager: \(pager ? "on (\(Pager.command))" : "off")\n")
            return
        default: fail("use :pager on or :pager off")
            return
        }
        if rows == nil { session.options.maxItems = defaultRows }
    }

    private func setRows(_ argument: String) {
        switch argument {
        case "":
            out.write("rows: \(session.options.maxItems.map(String.init) ?? "all")\n")
        case "all":
            rows = nil
            session.options.maxItems = nil
        default:
            guard let n = Int(argument), n > 0 else { return fail("use :rows N (a positive number) or :rows all") }
            rows = n
            session.options.maxItems = n
        }
    }

    private func setEcho(_ argument: String) {
        switch argument {
        case "on": session.echo = true
        case "off": session.echo = false
        case "": out.write("echo: \(session.echo ? "on" : "off")\n")
        default: fail("use :echo on or :echo off")
        }
    }

    private func resolve(_ path: String) -> String {
        if path.hasPrefix("~/"), let home = ProcessInfo.processInfo.environment["HOME"] { return home + path.dropFirst() }
        return path.hasPrefix("/") ? path : session.interpreter.currentDirectory + "/" + path
    }

    private func load(_ path: String) {
        guard !path.isEmpty else { return fail("name a script: :load FILE.nql") }
        let full = resolve(path)
        do { try session.interpreter.fileAccess.checkRead(full) } catch { return fail("cannot load \(path): \(error)") }
        guard let data = FileManager.default.contents(atPath: full), let text = String(data: data, encoding: .utf8) else {
            var isDirectory: ObjCBool = false
            let exists = FileManager.default.fileExists(atPath: full, isDirectory: &isDirectory)
            return fail("cannot load \(path): \(exists ? (isDirectory.boolValue ? "it is a folder" : "cannot be read as UTF-8 text") : "no such file")")
        }
        evaluate(text, name: path)
    }

    private func save(_ path: String) {
        guard !path.isEmpty else { return fail("name a file: :save FILE.nql") }
        let full = resolve(path)
        var script = "# NQL session saved by nql \(NQLVersion.string); run it with: nql \((path as NSString).lastPathComponent)\n"
        for statement in completedStatements { script += statement + "\n" }
        do {
            try session.interpreter.fileAccess.checkWrite(full)
            try AtomicFile.write(Data(script.utf8), to: full)
            let n = completedStatements.count
            out.write("saved \(n) statement\(n == 1 ? "" : "s") to \(path)\n")
        } catch {
            fail("cannot save \(path): \(error)")
        }
    }
}
