import Foundation

/// What reading one line gave.
enum LineInput: Equatable {
    /// A line, without its newline (a recalled multi-line entry keeps its inner newlines).
    case line(String)
    /// The user pressed Ctrl-C: drop what was typed.
    case cancelled
    /// End of input (Ctrl-D on an empty line, or the end of a pipe).
    case end
}

/// Where the REPL gets its lines: libedit on a terminal, plain reads otherwise.
protocol LineReader: AnyObject {
    /// Reads one line, showing `prompt` if the reader shows prompts.
    func readLine(prompt: String) -> LineInput
    /// Records a complete statement (possibly several lines) as one history entry.
    func addHistory(_ entry: String)
    /// Writes the history where it persists; called at exit.
    func close()
    /// Called when a line is being completed: text before the cursor → what may follow.
    var complete: ((String) -> Completion)? { get set }
}

/// Reads lines from standard input without editing, prompts or history: for
/// a terminal on stdin whose output goes to a file or pipe.
final class PlainLineReader: LineReader {
    var complete: ((String) -> Completion)?

    func readLine(prompt: String) -> LineInput {
        guard let line = Swift.readLine(strippingNewline: true) else { return .end }
        return .line(line)
    }

    func addHistory(_ entry: String) {}

    func close() {}
}
