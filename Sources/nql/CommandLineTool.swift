import Foundation
import NQL
import NQLNews

/// What the command line asked for.
struct Invocation {
    enum Program {
        case file(String)
        case inline(String)
        case stdin
        case repl
    }
    var program: Program = .repl
    var format: OutputFormat = .auto
    var args: [(String, String)] = []
    var color: Bool?
    var timer = false
    var echo = false
    var csvFormulaGuard = true
    var readable: [String]?
    var writable: [String]?
    var sandbox = false
    var maxMemory: Int?
    /// `--partial`: the last stage prints its partial result; `--part N` says which part of the input this is.
    var partial = false
    var part = 0
    /// `--merge`: combine partial results read on stdin.
    var merge = false

    /// The file access the flags ask for: --sandbox reads below the current folder and
    /// writes nowhere but stdout; --read and --write add folders (and each alone limits its kind).
    var fileAccess: FileAccess {
        let cwd = FileManager.default.currentDirectoryPath
        let read = sandbox ? [cwd] + (readable ?? []) : readable
        let write = sandbox ? (writable ?? []) : writable
        var access = FileAccess(readable: read, writable: write)
        if sandbox {
            access.readFlag = readable == nil ? "--sandbox" : "--sandbox with --read"
            access.writeFlag = writable == nil ? "--sandbox" : "--sandbox with --write"
        }
        return access
    }
}

extension ExitCode {
    /// Stopped by Ctrl-C (128 + SIGINT, as a shell reports it).
    static let interrupted: Int32 = 130
    /// The reader of stdout went away (128 + SIGPIPE).
    static let brokenPipe: Int32 = 141
}

/// A command line that cannot be run, with what to say.
struct UsageError: Error {
    var message: String
}

/// The `nql` command: argument parsing by hand (a handful of flags; no
/// dependency, and start-up stays a few milliseconds).
enum CommandLineTool {
    static let usage = """
        usage: nql [options] FILE.nql [--arg NAME=VALUE ...]
               nql [options] -e PROGRAM
               nql [options] -            (program on standard input; also when stdin is a pipe)
               nql                        (interactive prompt on a terminal)

        options:
          -e, --eval PROGRAM     run PROGRAM given on the command line
          -f, --format FORMAT    print results as auto, table, json, jsonl, csv or text (default auto: tables
                                 on a terminal; into a file or pipe, records and lists of records as JSON Lines)
              --arg NAME=VALUE   bind NAME to the string VALUE in the program (repeatable)
              --timer            print each statement's wall time on stderr
              --echo             print each statement (nql> ...) before its output
              --color, --no-color  force colour on or off (default: on when stdout is a terminal and NO_COLOR is unset)
              --read PATH        allow reading only below PATH (repeatable; load, :load)
              --write PATH       allow writing only below PATH (repeatable; save, :save)
              --sandbox          for untrusted scripts: read only below the current folder, write only to
                                 stdout ("-"); --read and --write add to it. A denied access is an error.
              --max-memory SIZE  stop a statement that needs more memory than SIZE (512M, 2G) with an error
                                 (default: below `ulimit -v` if set; at the prompt, half the machine's memory)
              --csv-formulas     write CSV cells that start with = + - @ as they are (default: a leading ' keeps
                                 spreadsheets from running them as formulas)
              --partial          print the partial result of the script's last stage (a mergeable built-in such as
                                 len, tally or timeline) as JSON Lines, to be combined by nql --merge
              --part N           with --partial: which part of the input this is (0, 1, ...); merged results
                                 keep first-seen orders as if the parts were read in this order (default 0)
              --merge            read partial results on stdin (any number of parts, in any order) and print
                                 what the script prints over the whole input
          -h, --help             show this help
          -V, --version          show the version

        exit codes: 0 success, 1 runtime error or output not written, 2 usage error, 3 syntax error,
                    4 some input could not be read (the rest ran), 130 Ctrl-C, 141 stdout closed by its reader

        """

    /// Sessions the process keeps until it exits (see `runProgram`).
    nonisolated(unsafe) static var keptUntilExit: [Session] = []

    static func main(_ argv: [String]) -> Int32 {
        let invocation: Invocation
        do {
            guard let parsed = try parse(argv) else { return ExitCode.success.rawValue }
            invocation = parsed
        } catch let e as UsageError {
            FileHandle.standardError.write(Data("nql: \(e.message)\nTry 'nql --help' for more information.\n".utf8))
            return ExitCode.usageError.rawValue
        } catch {
            return ExitCode.usageError.rawValue
        }
        return run(invocation)
    }

    /// Parses arguments; nil when the request (help, version) is already answered.
    static func parse(_ argv: [String]) throws -> Invocation? {
        var inv = Invocation()
        var programSet = false
        var i = 0
        func value(_ flag: String) throws -> String {
            i += 1
            guard i < argv.count else { throw UsageError(message: "option '\(flag)' needs a value") }
            return argv[i]
        }
        func setProgram(_ p: Invocation.Program) throws {
            if programSet { throw UsageError(message: "give one program: a file, -e PROGRAM, or -") }
            inv.program = p
            programSet = true
        }
        while i < argv.count {
            let arg = argv[i]
            var flag = arg, attached: String?
            if arg.hasPrefix("--"), let eq = arg.firstIndex(of: "=") {
                flag = String(arg[..<eq])
                attached = String(arg[arg.index(after: eq)...])
            }
            switch flag {
            case "-h", "--help":
                print(usage, terminator: "")
                return nil
            case "-V", "--version":
                print("nql \(NQLVersion.string)")
                return nil
            case "-e", "--eval":
                try setProgram(.inline(try attached ?? value(flag)))
            case "-f", "--format":
                let name = try attached ?? value(flag)
                guard let f = OutputFormat(rawValue: name) else {
                    let all = OutputFormat.allCases.map(\.rawValue).joined(separator: ", ")
                    throw UsageError(message: "unknown format '\(name)'; use one of \(all)")
                }
                inv.format = f
            case "--arg":
                let pair = try attached ?? value(flag)
                guard let eq = pair.firstIndex(of: "="), eq != pair.startIndex else {
                    throw UsageError(message: "--arg needs NAME=VALUE, got '\(pair)'")
                }
                let name = String(pair[..<eq])
                guard name.first.map({ $0.isLetter || $0 == "_" }) == true, name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" }) else {
                    throw UsageError(message: "'\(name)' is not a valid name for --arg")
                }
                inv.args.append((name, String(pair[pair.index(after: eq)...])))
            case "--timer": inv.timer = true
            case "--echo": inv.echo = true
            case "--csv-formulas": inv.csvFormulaGuard = false
            case "--read":
                let path = try attached ?? value(flag)
                guard !path.isEmpty, !path.utf8.contains(0) else { throw UsageError(message: "--read needs a path") }
                inv.readable = (inv.readable ?? []) + [path]
            case "--write":
                let path = try attached ?? value(flag)
                guard !path.isEmpty, !path.utf8.contains(0) else { throw UsageError(message: "--write needs a path") }
                inv.writable = (inv.writable ?? []) + [path]
            case "--sandbox": inv.sandbox = true
            case "--max-memory":
                let text = try attached ?? value(flag)
                guard let size = MemoryLimit.parseSize(text) else {
                    throw UsageError(message: "--max-memory needs a size such as 512M or 2G, got '\(text)'")
                }
                inv.maxMemory = size
            case "--partial": inv.partial = true
            case "--part":
                let text = try attached ?? value(flag)
                guard let n = Int(text), n >= 0 else { throw UsageError(message: "--part needs a number 0 or more, got '\(text)'") }
                inv.part = n
            case "--merge": inv.merge = true
            case "--color": inv.color = true
            case "--no-color": inv.color = false
            case "-":
                try setProgram(.stdin)
            default:
                if arg.hasPrefix("-") && arg.count > 1 {
                    throw UsageError(message: "unknown option '\(arg)'")
                }
                try setProgram(.file(arg))
            }
            i += 1
        }
        if inv.merge {
            if inv.partial { throw UsageError(message: "give --partial or --merge, not both") }
            if programSet { throw UsageError(message: "--merge reads partial results on stdin and takes no program") }
            return inv
        }
        if !programSet && isatty(STDIN_FILENO) == 0 { inv.program = .stdin }
        if inv.partial, case .repl = inv.program { throw UsageError(message: "--partial needs a program: a file, -e PROGRAM, or -") }
        return inv
    }

    static func run(_ inv: Invocation) -> Int32 {
        let code = runProgram(inv)
        guard BufferedOutput.standardOutput.finish() else { return ExitCode.runtimeError.rawValue }
        return code
    }

    static func runProgram(_ inv: Invocation) -> Int32 {
        let stdoutIsTerminal = isatty(STDOUT_FILENO) != 0
        let color = inv.color ?? (stdoutIsTerminal && ProcessInfo.processInfo.environment["NO_COLOR"].map { $0.isEmpty } ?? true)
        let out = BufferedOutput.standardOutput
        var options = Formatter.Options(color: color, terminal: stdoutIsTerminal, csvFormulaGuard: inv.csvFormulaGuard)
        options.piped = !stdoutIsTerminal
        // A progress line for long statements, only on a terminal (never in pipes or logs).
        let progress = isatty(STDERR_FILENO) != 0 ? Progress { BufferedOutput.standardError.write($0) } : nil
        let session = Session(registry: News.registry(), format: inv.format, options: options,
                              write: { progress?.clear(); out.write($0) },
                              writeError: { s in progress?.clear(); out.flush(); BufferedOutput.standardError.write(s) })
        session.interpreter.progress = progress
        session.interpreter.display = Display(width: stdoutIsTerminal ? LineEditor.terminalWidth() : 80, color: color)
        session.echo = inv.echo
        if case .repl = inv.program {} else { session.interpreter.takesArguments = true }
        for (name, value) in inv.args { session.interpreter.define(name, .string(value)) }
        session.interpreter.fileAccess = inv.fileAccess
        if case .repl = inv.program {
            MemoryLimit.shared.bytes = inv.maxMemory ?? MemoryLimit.fromAddressSpaceLimit() ?? MemoryLimit.halfOfPhysicalMemory()
        } else {
            MemoryLimit.shared.bytes = inv.maxMemory ?? MemoryLimit.fromAddressSpaceLimit() ?? 0
        }
        // Never torn down: the process exits right after, and freeing a value nested
        // 190,000 deep (built by a script) recurses deeper than the main thread's stack.
        keptUntilExit.append(session)
        let timer = inv.timer
        session.interpreter.afterStatement = { statement, seconds in
            // Each finished statement's results are written out, so `print` shows progress and a
            // second Ctrl-C (which ends the process at once) loses nothing that had finished.
            out.flush()
            guard timer else { return }
            let line = session.interpreter.currentLine(of: statement)
            BufferedOutput.standardError.write("time: \(Formatter.duration(seconds))\(line.map { " (line \($0))" } ?? "")\n")
        }
        defer { out.flush() }
        if inv.merge { return merge(session, format: inv.format, options: options) }
        let text: String, name: String
        switch inv.program {
        case .repl:
            return REPL(session: session).run()
        case .inline(let program):
            (text, name) = (program, "<command line>")
        case .stdin:
            let data = FileHandle.standardInput.readDataToEndOfFile()
            (text, name) = (String(decoding: data, as: UTF8.self), "<stdin>")
        case .file(let path):
            guard let data = FileManager.default.contents(atPath: path) else {
                var isDir: ObjCBool = false
                let why = FileManager.default.fileExists(atPath: path, isDirectory: &isDir) ? (isDir.boolValue ? "is a directory" : "cannot be read") : "no such file"
                FileHandle.standardError.write(Data("nql: \(path): \(why)\n".utf8))
                return ExitCode.usageError.rawValue
            }
            guard let decoded = String(data: data, encoding: .utf8) else {
                FileHandle.standardError.write(Data("nql: \(path): not UTF-8 text\n".utf8))
                return ExitCode.usageError.rawValue
            }
            (text, name) = (decoded, path)
        }
        // Ctrl-C stops the script between steps, so the results of the statements
        // that finished are flushed; a second Ctrl-C ends the process at once.
        Interrupt.shared.clear()
        // A parent may have started us with SIGINT blocked (threads inherit the mask).
        var interruptOnly = sigset_t()
        sigemptyset(&interruptOnly)
        sigaddset(&interruptOnly, SIGINT)
        sigprocmask(SIG_UNBLOCK, &interruptOnly, nil)
        signal(SIGINT) { _ in
            if Interrupt.shared.isRequested { _exit(ExitCode.interrupted) }
            Interrupt.shared.request()
        }
        let outcome: Outcome
        if inv.partial {
            // The partial is parsed first, so a script that cannot give one says so before reading any input.
            let source = SourceFile(name: name, text: text)
            guard case .success(let program) = Parser.parse(source, functionParameters: session.interpreter.registry.functionParameters) else {
                return session.run(text, name: name).exitCode.rawValue
            }
            let registry = session.interpreter.registry
            let mergeable = Partial.mergeable(in: registry)
            guard let (stageName, stage) = Partial.finalStage(of: program, part: inv.part) else {
                FileHandle.standardError.write(Data("nql: \(Messages.noFinalStage(mergeable: mergeable))\n".utf8))
                return ExitCode.usageError.rawValue
            }
            guard registry.builtin(named: stageName)?.merge != nil else {
                FileHandle.standardError.write(Data("nql: \(Messages.notMergeable(stageName, mergeable: mergeable))\n".utf8))
                return ExitCode.usageError.rawValue
            }
            session.interpreter.partialStage = stage
            session.format = .jsonl
            outcome = session.run(program)
            if case .completed = outcome, !session.interpreter.gavePartial {
                FileHandle.standardError.write(Data("nql: \(Messages.noFinalStage(mergeable: mergeable))\n".utf8))
                return ExitCode.usageError.rawValue
            }
        } else {
            // `_` is the last result in scripts too, so a script saved by the REPL's :save replays.
            outcome = session.run(text, name: name, bindLast: true)
        }
        if case .completed = outcome, session.interpreter.inputErrors > 0 { return ExitCode.inputError.rawValue }
        if case .runtimeError(_, interrupted: true) = outcome { return ExitCode.interrupted }
        return outcome.exitCode.rawValue
    }
}

extension CommandLineTool {
    /// `nql --merge`: partial results on stdin, combined and printed as the script prints its result.
    static func merge(_ session: Session, format: OutputFormat, options: NQL.Formatter.Options) -> Int32 {
        let data = FileHandle.standardInput.readDataToEndOfFile()
        let text = String(decoding: data, as: UTF8.self)
        do {
            let value = try Partial.merge(lines: text.split(separator: "\n", omittingEmptySubsequences: true),
                                          registry: session.interpreter.registry, interpreter: session.interpreter)
            session.write(NQL.Formatter.render(value, as: format, options: options))
            return ExitCode.success.rawValue
        } catch let e as Partial.MergeError {
            FileHandle.standardError.write(Data("nql: --merge: \(e.message)\n".utf8))
            return ExitCode.runtimeError.rawValue
        } catch {
            FileHandle.standardError.write(Data("nql: --merge: \(error)\n".utf8))
            return ExitCode.runtimeError.rawValue
        }
    }
}

/// Buffered writes to a file descriptor (results can be large).
final class BufferedOutput: @unchecked Sendable {
    static let standardOutput = BufferedOutput(fd: STDOUT_FILENO)
    static let standardError = BufferedOutput(fd: STDERR_FILENO, buffered: false)

    private let fd: Int32
    private let buffered: Bool
    private var buffer: [UInt8] = []
    /// The first write error (errno), after which output is dropped; EPIPE
    /// (the reader went away, as with `nql ... | head`) exits at once with 141,
    /// the status a shell expects from a process stopped by SIGPIPE.
    private(set) var writeError: Int32?
    private var lastFlush = DispatchTime.now().uptimeNanoseconds

    init(fd: Int32, buffered: Bool = true) {
        self.fd = fd
        self.buffered = buffered
    }

    func write(_ s: String) {
        buffer.append(contentsOf: s.utf8)
        // Streamed results reach a reader (`| head`) within a tenth of a second.
        if !buffered || buffer.count > 1 << 16 || DispatchTime.now().uptimeNanoseconds - lastFlush > 100_000_000 { flush() }
    }

    func flush() {
        lastFlush = DispatchTime.now().uptimeNanoseconds
        var offset = 0
        while offset < buffer.count && writeError == nil {
            let n = buffer[offset...].withUnsafeBytes { Glibc.write(fd, $0.baseAddress, $0.count) }
            if n <= 0 {
                if n < 0 && errno == EINTR { continue }
                // The reader is gone (`| head`): end quietly as a Unix filter does,
                // status 141, even where SIGPIPE was ignored.
                if n < 0 && errno == EPIPE && fd == STDOUT_FILENO {
                    signal(SIGPIPE, SIG_DFL)
                    raise(SIGPIPE)
                }
                writeError = n < 0 ? errno : EIO
                if writeError == EPIPE { exit(ExitCode.brokenPipe) }
                break
            }
            offset += n
        }
        buffer.removeAll(keepingCapacity: true)
    }

    /// Flushes, then says whether everything written reached the file; if not, reports
    /// the reason on stderr ("nql: cannot write the output: No space left on device").
    func finish() -> Bool {
        flush()
        if fd == STDOUT_FILENO, writeError == nil, fsync(fd) != 0, errno == ENOSPC || errno == EIO || errno == EDQUOT {
            writeError = errno
        }
        guard let code = writeError else { return true }
        let line = "nql: cannot write the output: \(String(cString: strerror(code)))\n"
        _ = line.withCString { Glibc.write(STDERR_FILENO, $0, strlen($0)) }
        return false
    }
}
