/// Turns program text into tokens. Newlines inside brackets, after an operator
/// or before a line starting with `|`, `then`, `else`, `and` or `or` are not
/// statement ends. Problems are collected as diagnostics; scanning goes on.
public struct Lexer {
    private let source: SourceFile
    private let b: [UInt8]
    private var i: Int
    private let n: Int
    private var tokens: [Token] = []
    private var depth = 0
    /// Problems found while scanning.
    public private(set) var diagnostics: [Diagnostic] = []

    /// Creates a lexer over a source file, or over the byte range of it that
    /// holds an interpolated `${...}` expression.
    public init(_ source: SourceFile, range: Range<Int>? = nil) {
        self.source = source
        self.b = source.bytes
        self.i = range?.lowerBound ?? 0
        self.n = range?.upperBound ?? source.bytes.count
    }

    /// Scans the whole source. The last token is always `.eof`.
    public mutating func scanTokens() -> [Token] {
        if i == 0, b.starts(with: Array("#!".utf8)) { skipComment() }
        while true {
            skipBlanks()
            guard i < n else { break }
            let start = i
            let c = b[i]
            switch c {
            case UInt8(ascii: "\n"):
                i += 1
                if depth == 0 { addNewline(Span(start, i)) }
            case UInt8(ascii: "#"): skipComment()
            case UInt8(ascii: "\""): scanString()
            case UInt8(ascii: "@"): scanDate()
            case UInt8(ascii: "0")...UInt8(ascii: "9"): scanNumber()
            case UInt8(ascii: "/") where !(tokens.last?.endsOperand ?? false): scanRegex()
            default:
                if isNameStart(c) { scanName() } else { scanPunct() }
            }
        }
        if let last = tokens.last, last.kind == .newline { tokens.removeLast() }
        tokens.append(Token(kind: .eof, span: Span(n, n)))
        return joinContinuedLines(tokens)
    }

    // MARK: - pieces

    private mutating func skipBlanks() {
        while i < n, b[i] == 32 || b[i] == 9 || b[i] == 13 { i += 1 }
    }

    private mutating func skipComment() {
        while i < n, b[i] != UInt8(ascii: "\n") { i += 1 }
    }

    private mutating func addNewline(_ span: Span) {
        guard let last = tokens.last, last.kind != .newline, last.kind != .punct(.semicolon) else { return }
        tokens.append(Token(kind: .newline, span: span))
    }

    private func atLineStart(_ offset: Int) -> Bool {
        var k = offset - 1
        while k >= 0, b[k] == 32 || b[k] == 9 { k -= 1 }
        return k < 0 || b[k] == UInt8(ascii: "\n")
    }

    private func isNameStart(_ c: UInt8) -> Bool {
        (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c == 95 || c >= 0x80
    }

    private func isNameChar(_ c: UInt8) -> Bool { isNameStart(c) || (c >= 48 && c <= 57) }

    private mutating func scanName() {
        let start = i
        while i < n, isNameChar(b[i]) { i += 1 }
        let text = String(decoding: b[start..<i], as: UTF8.self)
        let kind: TokenKind = Keyword(rawValue: text).map { .keyword($0) } ?? .name(text)
        // `let` only starts statements: at the start of a line inside an
        // unclosed bracket it means the bracket was never closed, so end the
        // statement there and let the parser report it and recover.
        if kind == .keyword(.let), depth > 0, atLineStart(start) {
            depth = 0
            tokens.append(Token(kind: .newline, span: Span(start, start)))
        }
        tokens.append(Token(kind: kind, span: Span(start, i)))
    }

    private mutating func scanNumber() {
        let start = i
        var isFloat = false
        func digits() { while i < n, (b[i] >= 48 && b[i] <= 57) || b[i] == 95 { i += 1 } }
        digits()
        if i + 1 < n, b[i] == UInt8(ascii: "."), b[i + 1] >= 48, b[i + 1] <= 57 {
            isFloat = true
            i += 1
            digits()
        }
        if i < n, b[i] == UInt8(ascii: "e") || b[i] == UInt8(ascii: "E") {
            var j = i + 1
            if j < n, b[j] == UInt8(ascii: "+") || b[j] == UInt8(ascii: "-") { j += 1 }
            if j < n, b[j] >= 48, b[j] <= 57 {
                isFloat = true
                i = j
                digits()
            }
        }
        let text = String(decoding: b[start..<i], as: UTF8.self).filter { $0 != "_" }
        let span = Span(start, i)
        if isFloat, let d = Double(text) {
            tokens.append(Token(kind: .float(d), span: span))
        } else if let n = Int(text) {
            tokens.append(Token(kind: .int(n), span: span))
        } else {
            error(Messages.numberTooLarge, span)
            tokens.append(Token(kind: .int(0), span: span))
        }
    }

    private mutating func scanDate() {
        let start = i
        i += 1
        while i < n, (b[i] >= 48 && b[i] <= 57) || b[i] == UInt8(ascii: "-") { i += 1 }
        let text = String(decoding: b[(start + 1)..<i], as: UTF8.self)
        let span = Span(start, i)
        if let date = DateValue(iso: text) {
            tokens.append(Token(kind: .date(date), span: span))
        } else {
            error(Messages.badDate(text), span)
            tokens.append(Token(kind: .keyword(.null), span: span))
        }
    }

    private mutating func scanRegex() {
        let start = i
        i += 1
        var pattern: [UInt8] = []
        while i < n, b[i] != UInt8(ascii: "/") {
            if b[i] == UInt8(ascii: "\n") { break }
            if b[i] == UInt8(ascii: "\\"), i + 1 < n, b[i + 1] == UInt8(ascii: "/") {
                pattern.append(UInt8(ascii: "/"))
                i += 2
                continue
            }
            pattern.append(b[i])
            i += 1
        }
        guard i < n, b[i] == UInt8(ascii: "/") else {
            error(Messages.unterminatedRegex, Span(start, i), incomplete: false)
            tokens.append(Token(kind: .regex(pattern: "", flags: ""), span: Span(start, i)))
            return
        }
        i += 1
        let flagStart = i
        while i < n, b[i] == UInt8(ascii: "i") || b[i] == UInt8(ascii: "m") || b[i] == UInt8(ascii: "s") || b[i] == UInt8(ascii: "x") { i += 1 }
        let flags = String(decoding: b[flagStart..<i], as: UTF8.self)
        tokens.append(Token(kind: .regex(pattern: String(decoding: pattern, as: UTF8.self), flags: flags), span: Span(start, i)))
    }

    private mutating func scanString() {
        let start = i
        i += 1
        var pieces: [StringPiece] = []
        var text: [UInt8] = []
        func flushText() {
            if !text.isEmpty { pieces.append(.text(String(decoding: text, as: UTF8.self))) }
            text.removeAll()
        }
        while i < n, b[i] != UInt8(ascii: "\"") {
            let c = b[i]
            if c == UInt8(ascii: "\\") {
                guard i + 1 < n else { i += 1; break }
                let e = b[i + 1]
                let escStart = i
                i += 2
                switch e {
                case UInt8(ascii: "n"): text.append(10)
                case UInt8(ascii: "t"): text.append(9)
                case UInt8(ascii: "r"): text.append(13)
                case UInt8(ascii: "0"): text.append(0)
                case UInt8(ascii: "\\"), UInt8(ascii: "\""), UInt8(ascii: "$"): text.append(e)
                case UInt8(ascii: "u"):
                    guard i < n, b[i] == UInt8(ascii: "{") else {
                        error(Messages.badUnicodeEscape, Span(escStart, i)); continue
                    }
                    let hexStart = i + 1
                    var j = hexStart
                    while j < n, b[j] != UInt8(ascii: "}"), j - hexStart < 8 { j += 1 }
                    let hex = String(decoding: b[hexStart..<min(j, n)], as: UTF8.self)
                    if j < n, b[j] == UInt8(ascii: "}"), let v = UInt32(hex, radix: 16), let s = Unicode.Scalar(v) {
                        text.append(contentsOf: Array(String(Character(s)).utf8))
                        i = j + 1
                    } else {
                        error(Messages.badUnicodeEscape, Span(escStart, min(j + 1, n)))
                        i = min(j + 1, n)
                    }
                default:
                    error(Messages.unknownEscape(String(decoding: [e], as: UTF8.self)), Span(escStart, i))
                }
            } else if c == UInt8(ascii: "$"), i + 1 < n, b[i + 1] == UInt8(ascii: "{") {
                flushText()
                let codeStart = i + 2
                var j = codeStart
                var braces = 1
                var inString = false
                while j < n {
                    let d = b[j]
                    if inString {
                        if d == UInt8(ascii: "\\") { j += 1 } else if d == UInt8(ascii: "\"") { inString = false }
                    } else if d == UInt8(ascii: "\"") {
                        inString = true
                    } else if d == UInt8(ascii: "{") {
                        braces += 1
                    } else if d == UInt8(ascii: "}") {
                        braces -= 1
                        if braces == 0 { break }
                    }
                    j += 1
                }
                if j >= n {
                    i = n
                    break
                }
                pieces.append(.code(String(decoding: b[codeStart..<j], as: UTF8.self), offset: codeStart))
                i = j + 1
            } else {
                text.append(c)
                i += 1
            }
        }
        guard i < n else {
            error(Messages.unterminatedString, Span(start, n), incomplete: true)
            tokens.append(Token(kind: .string([]), span: Span(start, n)))
            return
        }
        i += 1
        flushText()
        tokens.append(Token(kind: .string(pieces), span: Span(start, i)))
    }

    private mutating func scanPunct() {
        let start = i
        let two = i + 1 < n ? String(decoding: b[i...(i + 1)], as: UTF8.self) : ""
        if let p = Punct(rawValue: two), two.count == 2 {
            i += 2
            tokens.append(Token(kind: .punct(p), span: Span(start, i)))
            return
        }
        let one = String(decoding: [b[i]], as: UTF8.self)
        if let p = Punct(rawValue: one) {
            i += 1
            switch p {
            case .lparen, .lbracket, .lbrace: depth += 1
            case .rparen, .rbracket, .rbrace: depth = max(0, depth - 1)
            default: break
            }
            tokens.append(Token(kind: .punct(p), span: Span(start, i)))
            return
        }
        // One unknown character, or one whole UTF-8 sequence.
        i += 1
        while i < n, b[i] & 0xC0 == 0x80 { i += 1 }
        let bad = String(decoding: b[start..<i], as: UTF8.self)
        error(bad == "!" ? Messages.bangNotOperator : Messages.unexpectedCharacter(bad), Span(start, i))
    }

    private mutating func error(_ message: String, _ span: Span, incomplete: Bool = false) {
        diagnostics.append(Diagnostic(kind: .syntax, message: message, source: source, span: span, isIncompleteInput: incomplete))
    }

    /// Drops newlines that do not end a statement: after an operator, or
    /// before a line that starts with `|`, `then`, `else`, `and`, `or`.
    private func joinContinuedLines(_ tokens: [Token]) -> [Token] {
        var out: [Token] = []
        out.reserveCapacity(tokens.count)
        for (k, t) in tokens.enumerated() {
            if t.kind == .newline {
                if let prev = out.last, prev.continuesLine { continue }
                if k + 1 < tokens.count, tokens[k + 1].continuesPreviousLine { continue }
                if out.isEmpty { continue }
            }
            out.append(t)
        }
        return out
    }
}
