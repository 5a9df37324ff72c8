/// An error raised while a program runs: where it happened and the chain of
/// user functions it happened in. Built-ins throw it without a span; the
/// interpreter fills in the span of the call.
public struct RuntimeError: Error, Sendable {
    /// The short, lower-case message.
    public var message: String
    /// Where, once known.
    public var span: Span?
    /// The source the span points into.
    public var source: SourceFile?
    /// `in 'f', called at file:line:col`, innermost first.
    public var callChain: [String] = []
    /// Whether the user interrupted the run (Ctrl-C).
    public var isInterrupt = false

    /// An error with a message; the location is added where it is known.
    public init(_ message: String, span: Span? = nil, source: SourceFile? = nil) {
        self.message = message
        self.span = span
        self.source = source
    }

    /// The error as a diagnostic to print; long call chains are shortened.
    public func diagnostic(fallback: SourceFile) -> Diagnostic {
        // Collapse runs of the same frame (deep recursion) into one line.
        var notes: [String] = []
        var run = 0
        for (i, frame) in callChain.enumerated() {
            run += 1
            if i + 1 < callChain.count, callChain[i + 1] == frame { continue }
            notes.append(run > 1 ? "\(frame) (\(run) times)" : frame)
            run = 0
        }
        if notes.count > 12 {
            notes = Array(notes.prefix(6)) + ["... \(notes.count - 10) more calls ..."] + Array(notes.suffix(4))
        }
        return Diagnostic(kind: .runtime, message: message, source: source ?? fallback, span: span ?? .none, notes: notes)
    }
}
