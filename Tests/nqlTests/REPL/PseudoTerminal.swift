import Foundation

/// The real `nql` binary running on a pseudo-terminal, for driving the REPL
/// the way a person does: type keys, wait for output.
///
/// Spawned with `posix_spawn` (no `fork` inside the threaded test runner) as
/// a session leader that reopens the terminal's slave side, so the slave
/// becomes its controlling terminal and Ctrl-C raises SIGINT.
final class PseudoTerminal {
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    /// The package's root folder, found from this file's path.
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()
    /// The `nql` binary `swift build` made.
    static let binary = packageRoot.appendingPathComponent(".build/debug/nql").path

    let pid: pid_t
    private let master: Int32
    private var bytes: [UInt8] = []
    private var exitStatus: Int32?
    /// Output before this offset of `text` has been matched already.
    private(set) var mark: String.Index

    /// Starts `executable` (by default `nql`) with `arguments` in an environment of exactly `environment`.
    init(executable: String = PseudoTerminal.binary, arguments: [String] = [], environment: [String: String]) throws {
        var master: Int32 = -1, slave: Int32 = -1
        var size = winsize(ws_row: 24, ws_col: 100, ws_xpixel: 0, ws_ypixel: 0)
        var name = [CChar](repeating: 0, count: 256)
        guard openpty(&master, &slave, &name, nil, &size) == 0 else { throw Failure(description: "openpty failed: \(errno)") }
        defer { close(slave) }
        _ = fcntl(master, F_SETFD, FD_CLOEXEC)
        _ = fcntl(master, F_SETFL, fcntl(master, F_GETFL) | O_NONBLOCK)
        let slaveName = String(decoding: name.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, slaveName, O_RDWR, 0)
        posix_spawn_file_actions_adddup2(&actions, 0, 1)
        posix_spawn_file_actions_adddup2(&actions, 0, 2)

        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        // POSIX_SPAWN_SETSID (0x80; Glibc's Swift module lacks the constant) | SETSIGDEF | SETSIGMASK.
        posix_spawnattr_setflags(&attributes, Int16(0x80 | POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK))
        var defaults = sigset_t()
        sigemptyset(&defaults)
        for s in [SIGINT, SIGQUIT, SIGTSTP, SIGTTIN, SIGTTOU, SIGPIPE, SIGCHLD] { sigaddset(&defaults, s) }
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        var noMask = sigset_t()
        sigemptyset(&noMask)
        posix_spawnattr_setsigmask(&attributes, &noMask)

        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { (argv + envp).forEach { free($0) } }
        var pid: pid_t = 0
        let rc = posix_spawn(&pid, executable, &actions, &attributes, argv, envp)
        guard rc == 0 else {
            close(master)
            throw Failure(description: "cannot start \(executable): error \(rc) (run swift build)")
        }
        self.pid = pid
        self.master = master
        self.mark = "".startIndex
    }

    deinit {
        if exitStatus == nil {
            kill(pid, SIGKILL)
            var status: Int32 = 0
            waitpid(pid, &status, 0)
        }
        close(master)
    }

    /// Everything the program wrote, without escape sequences and carriage returns.
    var text: String { PseudoTerminal.clean(bytes) }

    /// Output not matched yet.
    var unmatched: String { String(text[mark...]) }

    /// Types keys.
    func send(_ keys: String) {
        var data = Array(keys.utf8)
        while !data.isEmpty {
            let n = data.withUnsafeBytes { write(master, $0.baseAddress, $0.count) }
            if n < 0 {
                if errno == EAGAIN || errno == EINTR { usleep(1000); continue }
                return
            }
            data.removeFirst(n)
        }
    }

    /// Reads what is available, waiting up to `milliseconds` for the first byte.
    private func pump(milliseconds: Int32) {
        var fds = pollfd(fd: master, events: Int16(POLLIN), revents: 0)
        guard poll(&fds, 1, milliseconds) > 0 else { return }
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let n = buffer.withUnsafeMutableBytes { read(master, $0.baseAddress, $0.count) }
            if n <= 0 { return }
            bytes.append(contentsOf: buffer[0..<n])
        }
    }

    /// Waits until `condition` holds, reading output meanwhile.
    private func wait(_ what: String, timeout: Double, until condition: () -> Bool) throws {
        let deadline = Date().addingTimeInterval(timeout)
        while !condition() {
            guard Date() < deadline else {
                throw Failure(description: "timed out after \(timeout) s waiting for \(what); unmatched output:\n\(unmatched)")
            }
            pump(milliseconds: 20)
        }
    }

    /// Waits for `needle` in the output after the last match, and moves past it.
    func expect(_ needle: String, timeout: Double = 10) throws {
        var found: Range<String.Index>?
        try wait("\(needle.debugDescription)", timeout: timeout) {
            let t = text
            found = t.range(of: needle, range: mark..<t.endIndex)
            return found != nil
        }
        if let found { mark = found.upperBound }
    }

    /// Whether libedit has the terminal in raw mode (ICANON and ECHO off): it
    /// prints the prompt before switching, and keys typed in between are lost.
    var isEditing: Bool {
        var t = termios()
        guard tcgetattr(master, &t) == 0 else { return false }
        return t.c_lflag & tcflag_t(ICANON) == 0 && t.c_lflag & tcflag_t(ECHO) == 0
    }

    /// Waits for the prompt and for libedit to be reading keys.
    func expectPrompt(_ prompt: String = "nql> ", timeout: Double = 10) throws {
        try expect(prompt, timeout: timeout)
        try wait("raw mode after \(prompt.debugDescription)", timeout: timeout) { isEditing }
    }

    /// Waits until the terminal is back in cooked mode (a statement is running).
    func expectRunning(timeout: Double = 10) throws {
        try wait("cooked mode", timeout: timeout) { !isEditing }
    }

    /// Waits for the program to end and returns its exit status.
    func expectExit(timeout: Double = 10) throws -> Int32 {
        if let exitStatus { return exitStatus }
        var status: Int32 = 0
        try wait("exit", timeout: timeout) {
            waitpid(pid, &status, WNOHANG) == pid
        }
        pump(milliseconds: 0)
        let code = (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
        exitStatus = code
        return code
    }

    /// Output with ANSI escape sequences and carriage returns removed.
    static func clean(_ bytes: [UInt8]) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var i = 0
        while i < bytes.count {
            let b = bytes[i]
            if b == 0x1B {
                i += 1
                if i < bytes.count, bytes[i] == UInt8(ascii: "[") {
                    i += 1
                    while i < bytes.count, !(0x40...0x7E).contains(bytes[i]) { i += 1 }
                }
                i += 1
            } else {
                if b != 0x0D && b != 0x07 { out.append(b) }
                i += 1
            }
        }
        return String(decoding: out, as: UTF8.self)
    }
}

/// A temporary folder for one test: HOME, the history file, saved scripts.
final class TemporaryFolder {
    let path: String

    init() throws {
        path = FileManager.default.temporaryDirectory.appendingPathComponent("nql-repl-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(atPath: path) }

    /// The environment a REPL test runs `nql` in.
    var environment: [String: String] {
        ["HOME": path, "TERM": "xterm", "LANG": "C.UTF-8", "NQL_HISTORY": path + "/state/history",
         "PATH": "/usr/bin:/bin"]
    }
}
