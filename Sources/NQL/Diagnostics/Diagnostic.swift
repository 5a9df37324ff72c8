/// An error found in a program, with where it happened.
public struct Diagnostic: Error, Sendable {
    /// What kind of problem this is: it decides the exit code.
    public enum Kind: Sendable { case syntax, runtime }
    /// The kind of problem.
    public var kind: Kind
    /// The short, lower-case message.
    public var message: String
    /// The source the span points into.
    public var source: SourceFile
    /// The offending text.
    public var span: Span
    /// Extra lines printed after the caret (the call chain, hints).
    public var notes: [String]
    /// True when the only problem is that the input stopped before the
    /// statement was complete: the REPL asks for another line instead.
    public var isIncompleteInput: Bool

    /// Creates a diagnostic.
    public init(kind: Kind, message: String, source: SourceFile, span: Span, notes: [String] = [], isIncompleteInput: Bool = false) {
        self.kind = kind
        self.message = message
        self.source = source
        self.span = span
        self.notes = notes
        self.isIncompleteInput = isIncompleteInput
    }

    /// The longest part of a source line a diagnostic echoes, in bytes.
    public static let maxEchoedBytes = 160

    /// `file:line:col`, 1-based.
    public var location: String {
        "\(source.name):\(source.line(of: span.start)):\(source.column(of: span.start))"
    }

    /// `file:line:col: error: message`, the source line, a caret under the span
    /// (aligned by display width) and the notes.
    public func render(color: Bool = false) -> String {
        let line = source.line(of: span.start)
        let lineText = source.lineText(line)
        let lineStart = source.lineStart(line)
        var bytes = Array(lineText.utf8)
        var startInLine = max(0, min(span.start - lineStart, bytes.count))
        var endInLine = max(startInLine, min(span.end - lineStart, bytes.count))
        // A long line is shown as a window around the span, so an error in a
        // 30 KB line does not echo 30 KB.
        var (before, after) = ("", "")
        if bytes.count > Diagnostic.maxEchoedBytes {
            var from = max(0, startInLine - Diagnostic.maxEchoedBytes / 3)
            var to = min(bytes.count, from + Diagnostic.maxEchoedBytes)
            while from > 0 && bytes[from] & 0xC0 == 0x80 { from -= 1 }
            while to < bytes.count && bytes[to] & 0xC0 == 0x80 { to += 1 }
            if from > 0 { before = "..." }
            if to < bytes.count { after = "..." }
            bytes = Array(bytes[from..<to])
            startInLine -= from
            endInLine = min(endInLine - from, bytes.count)
        }
        let shown = before + String(decoding: bytes, as: UTF8.self).escapingControlCharacters(keepNewlines: false) + after
        let prefix = before + String(decoding: bytes[..<startInLine], as: UTF8.self).escapingControlCharacters(keepNewlines: false)
        let covered = String(decoding: bytes[startInLine..<endInLine], as: UTF8.self).escapingControlCharacters(keepNewlines: false)
        let pad = String(repeating: " ", count: DisplayWidth.of(prefix.replacingTabs()))
        let width = max(1, DisplayWidth.of(covered))
        let caret = "^" + String(repeating: "~", count: width - 1)
        let red = color ? "\u{1B}[1;31m" : "", bold = color ? "\u{1B}[1m" : "", reset = color ? "\u{1B}[0m" : ""
        let green = color ? "\u{1B}[32m" : ""
        let location = self.location.escapingControlCharacters(keepNewlines: false)
        var out = "\(bold)\(location): \(red)error:\(reset)\(bold) \(message.escapingControlCharacters())\(reset)\n"
        out += shown.replacingTabs() + "\n"
        out += pad + green + caret + reset + "\n"
        for note in notes { out += "note: \(note.escapingControlCharacters())\n" }
        return out
    }
}

extension String {
    /// Tabs become single spaces so that the caret line stays aligned.
    func replacingTabs() -> String {
        contains("\t") ? String(map { $0 == "\t" ? " " : $0 }) : self
    }
}
