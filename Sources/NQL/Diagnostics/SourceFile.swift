/// A named piece of program text, with the line table needed to turn byte
/// offsets into 1-based lines and columns.
public final class SourceFile: Sendable {
    /// The name printed in diagnostics: a path, `<stdin>`, `<command line>` or `<repl>`.
    public let name: String
    /// The program text.
    public let text: String
    /// The UTF-8 bytes of `text`, which the lexer scans.
    public let bytes: [UInt8]
    private let lineStarts: [Int]

    /// Creates a source file and indexes its lines.
    public init(name: String, text: String) {
        self.name = name
        self.text = text
        self.bytes = Array(text.utf8)
        var starts = [0]
        for (i, b) in bytes.enumerated() where b == UInt8(ascii: "\n") {
            starts.append(i + 1)
        }
        self.lineStarts = starts
    }

    /// The 1-based line holding the byte at `offset`.
    public func line(of offset: Int) -> Int {
        var lo = 0, hi = lineStarts.count - 1
        while lo < hi {
            let mid = (lo + hi + 1) / 2
            if lineStarts[mid] <= offset { lo = mid } else { hi = mid - 1 }
        }
        return lo + 1
    }

    /// The 1-based column, counted in characters, of the byte at `offset`.
    public func column(of offset: Int) -> Int {
        let start = lineStarts[line(of: offset) - 1]
        let clipped = min(max(offset, start), bytes.count)
        return (String(decoding: bytes[start..<clipped], as: UTF8.self).count) + 1
    }

    /// The text of a 1-based line, without its newline.
    public func lineText(_ line: Int) -> String {
        guard line >= 1, line <= lineStarts.count else { return "" }
        let start = lineStarts[line - 1]
        var end = line < lineStarts.count ? lineStarts[line] - 1 : bytes.count
        if end > start, bytes[end - 1] == UInt8(ascii: "\r") { end -= 1 }
        return String(decoding: bytes[start..<max(start, end)], as: UTF8.self)
    }

    /// The byte offset where a 1-based line starts.
    public func lineStart(_ line: Int) -> Int {
        lineStarts[max(0, min(line - 1, lineStarts.count - 1))]
    }

    /// The text covered by a span.
    public func text(of span: Span) -> String {
        let lo = max(0, min(span.start, bytes.count)), hi = max(lo, min(span.end, bytes.count))
        return String(decoding: bytes[lo..<hi], as: UTF8.self)
    }
}

/// A half-open range of UTF-8 byte offsets into a `SourceFile`.
public struct Span: Sendable, Hashable {
    /// Offset of the first byte.
    public var start: Int
    /// Offset one past the last byte.
    public var end: Int
    /// Creates a span.
    public init(_ start: Int, _ end: Int) {
        self.start = start
        self.end = end
    }
    /// The smallest span covering both.
    public func to(_ other: Span) -> Span { Span(min(start, other.start), max(end, other.end)) }
    /// A span used for values that come from no source text.
    public static let none = Span(0, 0)
}
