import Foundation

/// Shows long results through the user's pager, as psql does: `$PAGER`, or
/// `less -FRSX` (quit if one screen, keep colours, chop long lines, leave the
/// text on screen). An empty `PAGER` turns paging off.
enum Pager {
    /// The pager's command line.
    static var command: String {
        ProcessInfo.processInfo.environment["PAGER"] ?? "less -FRSX"
    }

    /// Pipes `text` through the pager and waits for it; false when there is no
    /// pager to run (the caller then prints the text itself).
    static func show(_ text: String) -> Bool {
        let command = self.command.trimmingCharacters(in: .whitespaces)
        guard !command.isEmpty else { return false }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", command]
        let input = Pipe()
        process.standardInput = input
        do { try process.run() } catch { return false }
        // A pager that quits early (q in less) closes the pipe: stop writing, quietly.
        let previous = signal(SIGPIPE, SIG_IGN)
        defer { signal(SIGPIPE, previous) }
        try? input.fileHandleForWriting.write(contentsOf: Data(text.utf8))
        try? input.fileHandleForWriting.close()
        process.waitUntilExit()
        return process.terminationReason == .exit && process.terminationStatus != 127
    }
}
