import CEditLine
import Foundation
import NQL

/// Line editing with libedit's native API: emacs keys, UTF-8, history that
/// persists, tab completion, Ctrl-C as a key (the terminal's `isig` is off
/// while editing, so no signal can be lost between two reads).
final class LineEditor: LineReader {
    var complete: ((String) -> Completion)?

    private let editor: OpaquePointer
    private let history: OpaquePointer
    private var historyFile: HistoryFile?
    private var prompt: UnsafeMutablePointer<CChar>?
    private var cancelled = false
    private var warnedAboutHistory = false
    /// History entries of this session not yet in the history file.
    private var unsaved: [String] = []
    /// How many entries the history keeps.
    static let historySize: Int32 = 2000

    /// Creates an editor on the terminal; nil if libedit cannot start.
    init?(historyFile: HistoryFile?) {
        LineEditor.useUTF8Locale()
        guard let editor = nql_el_init("nql") else { return nil }
        guard let history = history_init() else {
            el_end(editor)
            return nil
        }
        self.editor = editor
        self.history = history
        self.historyFile = historyFile
        nql_history_set_size(history, LineEditor.historySize)
        nql_history_set_unique(history, 1)
        if let file = historyFile {
            if let problem = file.problem() ?? file.damage() {
                FileHandle.standardError.write(Data("nql: warning: history is off: \(problem)\n".utf8))
                self.historyFile = nil
            } else {
                nql_history_load(history, file.path)
            }
        }

        nql_el_set_clientdata(editor, Unmanaged.passUnretained(self).toOpaque())
        nql_el_set_editor(editor, "emacs")
        nql_el_set_signal(editor, 0)
        nql_el_set_history(editor, history)
        nql_el_set_prompt(editor) { el in
            guard let el, let me = LineEditor.from(el) else { return nil }
            return me.prompt
        }
        // Ctrl-C and Ctrl-Z reach us as keys: turn off signal generation while editing.
        nql_el_setty(editor, "-d", "-isig")
        nql_el_add_function(editor, "nql-complete", "complete the word before the cursor") { el, _ in
            guard let el, let me = LineEditor.from(el) else { return UInt8(CC_ERROR) }
            return me.completeWord()
        }
        nql_el_add_function(editor, "nql-cancel", "drop the line (and a pending statement)") { el, _ in
            guard let el, let me = LineEditor.from(el) else { return UInt8(CC_ERROR) }
            me.cancelled = true
            // To the end of the line (a byte count is at least the character count; libedit clamps).
            if let line = el_line(el), let cursor = line.pointee.cursor, let last = line.pointee.lastchar {
                el_cursor(el, Int32(clamping: last - cursor))
            }
            el_insertstr(el, "^C")
            el_push(el, "\n")
            return UInt8(CC_REFRESH)
        }
        nql_el_add_function(editor, "nql-suspend", "suspend nql (fg resumes it)") { el, _ in
            guard let el else { return UInt8(CC_ERROR) }
            nql_el_prep_term(el, 0)
            kill(0, SIGTSTP)
            nql_el_prep_term(el, 1)
            return UInt8(CC_REDISPLAY)
        }
        nql_el_bind(editor, "^I", "nql-complete")
        nql_el_bind(editor, "^C", "nql-cancel")
        nql_el_bind(editor, "^Z", "nql-suspend")
        nql_el_bind(editor, "^R", "em-inc-search-prev")
        // Ctrl-Left/Right and Alt-Left/Right move by words, as in most terminals.
        for key in ["\\e[1;5D", "\\e[1;3D"] { nql_el_bind(editor, key, "ed-prev-word") }
        for key in ["\\e[1;5C", "\\e[1;3C"] { nql_el_bind(editor, key, "em-next-word") }
        nql_el_bind(editor, "\\e[3~", "ed-delete-next-char")
        // The user's ~/.editrc has the last word.
        el_source(editor, nil)
        LineEditor.restoreTerminalOnTermination()
    }

    /// The terminal's settings before editing, for a signal handler to put back.
    nonisolated(unsafe) private static var originalTerminal = termios()

    /// Killed while editing (SIGTERM, SIGHUP), nql would leave the terminal in
    /// raw mode: put the settings back, then die of the signal as usual.
    private static func restoreTerminalOnTermination() {
        guard tcgetattr(STDIN_FILENO, &originalTerminal) == 0 else { return }
        for s in [SIGTERM, SIGHUP] {
            signal(s) { s in
                tcsetattr(STDIN_FILENO, TCSANOW, &LineEditor.originalTerminal)
                signal(s, SIG_DFL)
                raise(s)
            }
        }
    }

    deinit {
        el_end(editor)
        history_end(history)
        free(prompt)
    }

    private static func from(_ el: OpaquePointer) -> LineEditor? {
        guard let data = nql_el_get_clientdata(el) else { return nil }
        return Unmanaged<LineEditor>.fromOpaque(data).takeUnretainedValue()
    }

    /// libedit decodes input with the C library's multibyte functions: without a
    /// UTF-8 LC_CTYPE it silently drops Korean or Japanese input.
    static func useUTF8Locale() {
        if setlocale(LC_CTYPE, "") == nil || !isUTF8Codeset() {
            setlocale(LC_CTYPE, "C.UTF-8")
        }
    }

    private static func isUTF8Codeset() -> Bool {
        guard let codeset = nl_langinfo(nl_item(CODESET)) else { return false }
        let name = String(cString: codeset).uppercased()
        return name == "UTF-8" || name == "UTF8"
    }

    func readLine(prompt text: String) -> LineInput {
        free(prompt)
        prompt = strdup(text)
        cancelled = false
        el_resize(editor)
        while true {
            var count: Int32 = 0
            errno = 0
            guard let line = el_gets(editor, &count) else {
                if count < 0 && errno == EINTR { continue }
                // libedit echoes nothing on Ctrl-D: end the prompt's line.
                write(STDOUT_FILENO, "\n", 1)
                return .end
            }
            if cancelled { return .cancelled }
            var s = String(cString: line)
            if s.hasSuffix("\n") { s.removeLast() }
            return .line(s)
        }
    }

    func addHistory(_ entry: String) {
        guard !entry.allSatisfy(\.isWhitespace) else { return }
        nql_history_enter(history, entry)
        unsaved.append(entry)
        save()
    }

    func close() { save() }

    /// Appends the entries not yet saved to the history file (other sessions
    /// may have written to it since; nothing already there is rewritten or cut);
    /// a failure is reported once, and the entries are tried again after the next statement.
    private func save() {
        guard let historyFile, !unsaved.isEmpty, let fresh = history_init() else { return }
        defer { history_end(fresh) }
        nql_history_set_size(fresh, Int32(clamping: unsaved.count + 1))
        for entry in unsaved { nql_history_enter(fresh, entry) }
        do {
            try historyFile.append { fp in nql_history_save_fp(fresh, fp) >= 0 }
            unsaved = []
        } catch {
            if !warnedAboutHistory {
                warnedAboutHistory = true
                let message = "nql: warning: history not saved: \(error); the session goes on\n"
                FileHandle.standardError.write(Data(message.utf8))
            }
        }
    }

    // MARK: - completion

    private func completeWord() -> UInt8 {
        guard let complete, let info = el_line(editor) else { return UInt8(CC_ERROR) }
        let start = UnsafeRawPointer(info.pointee.buffer)
        let cursor = UnsafeRawPointer(info.pointee.cursor)
        guard let start, let cursor else { return UInt8(CC_ERROR) }
        let bytes = UnsafeBufferPointer(start: start.assumingMemoryBound(to: UInt8.self), count: cursor - start)
        let before = String(decoding: bytes, as: UTF8.self)
        let completion = complete(before)
        if completion.candidates.isEmpty {
            el_beep(editor)
            return UInt8(CC_REFRESH)
        }
        let insertion = completion.insertion
        if !insertion.isEmpty { el_insertstr(editor, insertion) }
        if completion.candidates.count == 1 { return UInt8(CC_REFRESH) }
        let listing = "\n" + Completion.columns(completion.display, width: LineEditor.terminalWidth())
        listing.utf8CString.withUnsafeBufferPointer { buffer in
            _ = Glibc.write(STDOUT_FILENO, buffer.baseAddress, buffer.count - 1)
        }
        return UInt8(CC_REDISPLAY)
    }

    static func terminalWidth() -> Int { terminalSize().columns }

    /// The terminal's columns and rows (80 × 24 when it cannot tell).
    static func terminalSize() -> (columns: Int, rows: Int) {
        var size = winsize()
        guard ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0 else { return (80, 24) }
        return (size.ws_col > 0 ? Int(size.ws_col) : 80, size.ws_row > 0 ? Int(size.ws_row) : 24)
    }
}

/// The history file: where it lives, and a safe way to write it.
struct HistoryFile {
    /// The file's path.
    let path: String

    /// `$NQL_HISTORY`, else `$XDG_STATE_HOME/nql/history` (XDG_STATE_HOME defaults to ~/.local/state).
    static func standard(environment: [String: String] = ProcessInfo.processInfo.environment) -> HistoryFile? {
        if let path = environment["NQL_HISTORY"], !path.isEmpty { return HistoryFile(path: path) }
        var state = environment["XDG_STATE_HOME"] ?? ""
        if state.isEmpty || !state.hasPrefix("/") {
            guard let home = environment["HOME"], !home.isEmpty else { return nil }
            state = home + "/.local/state"
        }
        return HistoryFile(path: state + "/nql/history")
    }

    struct WriteError: Error, CustomStringConvertible {
        var description: String
    }

    /// The first line of libedit's history format.
    static let header = "_HiStOrY_V2_\n"

    /// Why the path cannot be used as the history (nil when it can): only a
    /// regular file that is empty or already a history is read and written, so
    /// `NQL_HISTORY` naming a FIFO, a device or someone's notes neither hangs
    /// the prompt nor overwrites anything.
    func problem() -> String? {
        var st = stat()
        guard stat(path, &st) == 0 else { return nil }
        guard st.st_mode & S_IFMT == S_IFREG else { return "\(path) is not a regular file" }
        guard st.st_size > 0 else { return nil }
        let fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        guard fd >= 0 else { return "\(path): \(String(cString: strerror(errno)))" }
        defer { Glibc.close(fd) }
        var head = [UInt8](repeating: 0, count: HistoryFile.header.utf8.count)
        let n = Glibc.read(fd, &head, head.count)
        return n == head.count && head.elementsEqual(HistoryFile.header.utf8) ? nil : "\(path) is not an nql history file"
    }

    /// Why the file's content must not be handed to libedit (see `HistoryText`), or nil.
    /// Read once, before loading; `problem()` is the cheap check made before each write.
    func damage() -> String? {
        guard let data = FileManager.default.contents(atPath: path), !data.isEmpty else { return nil }
        return HistoryText.isLoadable([UInt8](data)) ? nil : "\(path) holds text a history never has (control bytes or invalid UTF-8)"
    }

    /// Adds what `body` writes (a whole history file, header first) to the end of
    /// the history file, creating it (mode 0600) if absent.
    func append(_ body: (UnsafeMutablePointer<FILE>) -> Bool) throws {
        if let problem = problem() { throw WriteError(description: problem) }
        // libedit writes only to a stream with a file descriptor (it fchmods it): an unnamed temporary file.
        guard let scratch = tmpfile() else { throw WriteError(description: "cannot create a temporary file") }
        defer { fclose(scratch) }
        guard body(scratch), fflush(scratch) == 0 else { throw WriteError(description: "\(path): write failed") }
        rewind(scratch)
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let n = fread(&chunk, 1, chunk.count, scratch)
            if n <= 0 { break }
            bytes += chunk[..<n]
        }
        var text = String(decoding: bytes, as: UTF8.self)
        var st = stat()
        if stat(path, &st) == 0, st.st_size > 0, text.hasPrefix(HistoryFile.header) { text.removeFirst(HistoryFile.header.count) }
        if stat(path, &st) != 0 {
            try write { fp in fputs(text, fp) >= 0 }
            return
        }
        let fd = open(path, O_WRONLY | O_APPEND | O_CLOEXEC)
        guard fd >= 0 else { throw WriteError(description: "\(path): \(String(cString: strerror(errno)))") }
        defer { Glibc.close(fd) }
        bytes = Array(text.utf8)
        var offset = 0
        while offset < bytes.count {
            let n = bytes[offset...].withUnsafeBytes { Glibc.write(fd, $0.baseAddress, $0.count) }
            if n < 0 && errno == EINTR { continue }
            guard n > 0 else { throw WriteError(description: "\(path): \(String(cString: strerror(errno)))") }
            offset += n
        }
    }

    /// Writes through `body` into a temporary file (mode 0600, exclusive, random
    /// name), then renames it over the history file, so a failed write never
    /// truncates the old history.
    func write(_ body: (UnsafeMutablePointer<FILE>) -> Bool) throws {
        let directory = (path as NSString).deletingLastPathComponent
        if !directory.isEmpty && !FileManager.default.fileExists(atPath: directory) {
            do {
                try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true,
                                                        attributes: [.posixPermissions: 0o700])
            } catch {
                throw WriteError(description: "cannot create \(directory)")
            }
        }
        let temporary = path + ".tmp." + String(UInt64.random(in: 0...UInt64.max), radix: 36)
        let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw WriteError(description: "\(temporary): \(String(cString: strerror(errno)))") }
        guard let fp = fdopen(fd, "w") else {
            Glibc.close(fd)
            unlink(temporary)
            throw WriteError(description: "\(temporary): \(String(cString: strerror(errno)))")
        }
        let written = body(fp)
        let flushed = fflush(fp) == 0
        fclose(fp)
        guard written && flushed else {
            unlink(temporary)
            throw WriteError(description: "\(path): write failed")
        }
        guard rename(temporary, path) == 0 else {
            let reason = String(cString: strerror(errno))
            unlink(temporary)
            throw WriteError(description: "\(path): \(reason)")
        }
    }
}
