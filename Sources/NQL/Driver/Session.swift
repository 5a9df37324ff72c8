import Foundation

/// Exit codes of the `nql` command, documented in the README.
public enum ExitCode: Int32, Sendable {
    /// Everything ran.
    case success = 0
    /// A runtime error stopped the program (or it was interrupted).
    case runtimeError = 1
    /// The command line was wrong.
    case usageError = 2
    /// The program has syntax errors; nothing ran.
    case syntaxError = 3
    /// Everything ran, but some input could not be read (each was reported).
    case inputError = 4
}

/// What running one chunk of source did.
public enum Outcome: Sendable {
    /// Every statement ran.
    case completed
    /// The source has syntax errors (nothing ran).
    case syntaxErrors([Diagnostic])
    /// A statement failed; the ones before it ran.
    case runtimeError(Diagnostic, interrupted: Bool)

    /// The exit code this outcome maps to.
    public var exitCode: ExitCode {
        switch self {
        case .completed: return .success
        case .syntaxErrors: return .syntaxError
        case .runtimeError: return .runtimeError
        }
    }
}

/// A session: an interpreter plus the way results are shown. The script
/// runner, the REPL and the golden tests all run source through it.
public final class Session: @unchecked Sendable {
    /// The interpreter holding the session's bindings.
    public let interpreter: Interpreter
    /// How results are printed.
    public var format: OutputFormat
    /// Formatting options (colour, how many rows).
    public var options: Formatter.Options
    /// Where results go.
    public var write: (String) -> Void
    /// Where diagnostics go.
    public var writeError: (String) -> Void
    /// The last result (`_` at the prompt).
    public private(set) var lastValue: Value = .null
    /// Print each statement (`nql> ...`) before its output, as `sqlite3 -echo` does.
    public var echo = false
    /// Print `null` for an expression whose value is null and that printed nothing itself (the prompt).
    public var showsNull = false
    private var outputWrites = 0
    private let functionParameters: Parser.FunctionParameters

    /// Creates a session over a registry.
    public init(registry: Registry, format: OutputFormat = .auto, options: Formatter.Options = Formatter.Options(),
                write: @escaping (String) -> Void, writeError: @escaping (String) -> Void,
                currentDirectory: String = FileManager.default.currentDirectoryPath) {
        self.interpreter = Interpreter(registry: registry, output: write, warn: writeError, currentDirectory: currentDirectory)
        self.functionParameters = registry.functionParameters
        self.format = format
        self.options = options
        self.interpreter.display.color = options.color
        self.write = write
        self.writeError = writeError
        // `print`, `chart`, `show` write through the session, so it knows a statement printed.
        interpreter.output = { [unowned self] text in
            outputWrites += 1
            self.write(text)
        }
    }

    /// A statement as `--echo` shows it: `nql> ` before its first line, `...> ` before the rest.
    static func echoed(_ statement: Statement, in source: SourceFile) -> String {
        let text = source.text(of: statement.span).trimmingCharacters(in: .whitespacesAndNewlines)
        return "nql> " + text.split(separator: "\n", omittingEmptySubsequences: false).joined(separator: "\n...> ") + "\n"
    }

    /// Parses and runs source, printing each result and any diagnostics.
    @discardableResult
    public func run(_ text: String, name: String, bindLast: Bool = false) -> Outcome {
        let source = SourceFile(name: name, text: text)
        switch Parser.parse(source, functionParameters: functionParameters) {
        case .failure(let errors):
            for d in errors.diagnostics { writeError(d.render(color: options.color)) }
            return .syntaxErrors(errors.diagnostics)
        case .success(let program):
            return run(program, bindLast: bindLast)
        }
    }

    /// Runs a parsed program. A pending interrupt request stops it at once:
    /// callers clear the flag before installing their Ctrl-C handler.
    public func run(_ program: Program, bindLast: Bool = false) -> Outcome {
        var writesBefore = 0
        interpreter.reportsNull = showsNull
        interpreter.beforeStatement = { [unowned self] statement in
            writesBefore = outputWrites
            if echo { write(Session.echoed(statement, in: program.source)) }
        }
        defer { interpreter.beforeStatement = nil }
        do {
            try interpreter.run(program) { [self] value, _ in
                if value.isNull && outputWrites != writesBefore { return }
                var value = value
                if case .stream(let stream) = value {
                    guard let rest = try printStreamed(stream) else {
                        // Nothing is kept of a stream printed as it is produced, so `_` is null.
                        lastValue = .null
                        if bindLast { interpreter.define("_", .null) }
                        return
                    }
                    value = rest
                }
                value = try value.collected(interpreter.interrupt)
                lastValue = value
                if bindLast { interpreter.define("_", value) }
                write(Formatter.render(value, as: format, options: options))
            }
            return .completed
        } catch let e as RuntimeError {
            let d = e.diagnostic(fallback: program.source)
            writeError(d.render(color: options.color))
            return .runtimeError(d, interrupted: e.isInterrupt)
        } catch {
            let d = Diagnostic(kind: .runtime, message: "\(error)", source: program.source, span: .none)
            writeError(d.render(color: options.color))
            return .runtimeError(d, interrupted: false)
        }
    }
}

extension Session {
    /// Prints a stream element by element as it is produced, when the format
    /// allows (`jsonl`, `text`; `csv` when the columns are known, after
    /// `select`); false, printing nothing, when it needs every element first.
    /// Prints a stream element by element as it is produced, when the format allows
    /// (`jsonl`, `text`, `csv` with known columns, `auto` of records into a pipe), and
    /// returns nil; otherwise returns what is left to print the usual way.
    fileprivate func printStreamed(_ stream: ValueStream) throws -> Value? {
        var header = "", empty = ""
        let line: (Value) -> String
        var pending: Value?
        let next: ValueStream.Next
        if let perElement = Formatter.streamedLine(format) {
            line = perElement
            next = try stream.open()
        } else if format == .csv, let columns = stream.columns {
            (header, empty) = (Formatter.csvLine(columns), Formatter.csv(.list([])))
            line = { [options] in Formatter.csvRow($0, columns, formulaGuard: options.csvFormulaGuard) }
            next = try stream.open()
        } else if format == .auto, options.piped {
            // Into a pipe, records stream as JSON Lines; anything else is printed whole.
            next = try stream.open()
            guard let first = try next() else { return .list([]) }
            guard first.isRecord else {
                var all = [first]
                while let x = try next() {
                    try interpreter.interrupt.check()
                    all.append(x)
                }
                return .list(all)
            }
            line = { Formatter.json($0) + "\n" }
            pending = first
        } else {
            return .stream(stream)
        }
        var printed = false
        while let x = try pending ?? next() {
            pending = nil
            try interpreter.interrupt.check()
            write((printed ? "" : header) + line(x))
            printed = true
        }
        if !printed { write(empty) }
        return nil
    }
}

/// The language's version, printed by `nql --version`.
public enum NQLVersion {
    /// Semantic version.
    public static let string = "0.1.0"
}
