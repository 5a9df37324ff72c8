// Word tokens for analysis, read straight from UTF-8 bytes.
//
// A token is a maximal run of letters, digits and combining marks. An apostrophe
// (' or ’) or a hyphen inside the run is kept when a letter or digit follows it
// ("don't", "well-known"); a '.' or ',' between two digits is kept ("1,250", "3.5").
// Tokens are lower-cased; ’ is written as '. ASCII is handled byte by byte; other
// scalars are decoded once and classified by their Unicode general category.

extension Analysis {
    /// The lower-cased word tokens of `text`; with `removingStopWords`, content terms only:
    /// English stop words left out and a possessive 's dropped ("japan's" → "japan").
    public static func tokens(_ text: String, removingStopWords: Bool = false) -> [String] {
        var out: [String] = []
        out.reserveCapacity(text.utf8.count / 6)
        forEachToken(in: text) { bytes in
            if removingStopWords {
                if let term = contentTerm(bytes) { out.append(term) }
            } else {
                out.append(String(decoding: bytes, as: UTF8.self))
            }
        }
        return out
    }

    /// The content term of a token: nil for a stop word, a possessive 's dropped.
    static func contentTerm(_ bytes: UnsafeBufferPointer<UInt8>) -> String? {
        let n = bytes.count
        let possessive = n > 2 && bytes[n - 2] == 0x27 && bytes[n - 1] == 0x73
        let word = String(decoding: possessive ? UnsafeBufferPointer(rebasing: bytes[0..<(n - 2)]) : bytes, as: UTF8.self)
        return StopWords.english.contains(word) ? nil : word
    }

    /// Calls `body` with the lower-cased UTF-8 bytes of each token of `text`, in order.
    /// The buffer is only valid during the call; nothing is allocated per token.
    public static func forEachToken(in text: String, _ body: (UnsafeBufferPointer<UInt8>) -> Void) {
        var copy = text
        copy.withUTF8 { bytes in
            var scanner = TokenScanner(bytes: bytes)
            scanner.run(body)
        }
    }

    /// Calls `body` with each token's lower-cased bytes and the byte range it came from.
    static func forEachTokenSpan(in bytes: UnsafeBufferPointer<UInt8>, _ body: (UnsafeBufferPointer<UInt8>, Range<Int>) -> Void) {
        var scanner = TokenScanner(bytes: bytes)
        scanner.runSpans(body)
    }
}

extension Analysis {
    /// How a scalar takes part in a token.
    enum TokenClass {
        case word, digit, joiner, number, other
    }

    /// The byte-level scanner behind `Analysis.forEachToken`.
    struct TokenScanner {
        let b: UnsafeBufferPointer<UInt8>
        var lower: [UInt8] = []

        init(bytes: UnsafeBufferPointer<UInt8>) {
            b = bytes
            lower.reserveCapacity(64)
        }

        /// Decodes the scalar at `i`: its value and its length in bytes (1 for malformed input).
        @inline(__always)
        func decode(_ i: Int) -> (UInt32, Int) {
            let c0 = b[i]
            if c0 < 0x80 { return (UInt32(c0), 1) }
            let n = b.count
            if c0 & 0xE0 == 0xC0, i + 1 < n {
                return ((UInt32(c0 & 0x1F) << 6) | UInt32(b[i + 1] & 0x3F), 2)
            }
            if c0 & 0xF0 == 0xE0, i + 2 < n {
                return ((UInt32(c0 & 0x0F) << 12) | (UInt32(b[i + 1] & 0x3F) << 6) | UInt32(b[i + 2] & 0x3F), 3)
            }
            if c0 & 0xF8 == 0xF0, i + 3 < n {
                return ((UInt32(c0 & 0x07) << 18) | (UInt32(b[i + 1] & 0x3F) << 12) | (UInt32(b[i + 2] & 0x3F) << 6) | UInt32(b[i + 3] & 0x3F), 4)
            }
            return (0xFFFD, 1)
        }

        @inline(__always)
        static func classify(_ v: UInt32) -> TokenClass {
            if v < 0x80 {
                switch v {
                case 0x30...0x39: return .digit
                case 0x41...0x5A, 0x61...0x7A: return .word
                case 0x27, 0x2D: return .joiner
                case 0x2E, 0x2C: return .number
                default: return .other
                }
            }
            if v == 0x2019 || v == 0x2010 || v == 0x2011 { return .joiner }
            guard let s = Unicode.Scalar(v) else { return .other }
            switch s.properties.generalCategory {
            case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
                 .nonspacingMark, .spacingMark, .enclosingMark, .letterNumber, .otherNumber:
                return .word
            case .decimalNumber:
                return .digit
            default:
                return .other
            }
        }

        @inline(__always)
        mutating func appendLower(_ v: UInt32, at i: Int, length: Int) {
            if v < 0x80 {
                let c = UInt8(v)
                lower.append(c >= 0x41 && c <= 0x5A ? c &+ 32 : c)
            } else if v == 0x2019 || v == 0x2010 || v == 0x2011 {
                lower.append(v == 0x2019 ? 0x27 : 0x2D)
            } else if let s = Unicode.Scalar(v) {
                let m = s.properties.lowercaseMapping
                if m.utf8.count == 1 || (m.unicodeScalars.count == 1 && m.unicodeScalars.first == s) {
                    for k in i..<(i + length) { lower.append(b[k]) }
                } else {
                    lower.append(contentsOf: m.utf8)
                }
            }
        }

        mutating func run(_ body: (UnsafeBufferPointer<UInt8>) -> Void) {
            runSpans { bytes, _ in body(bytes) }
        }

        mutating func runSpans(_ body: (UnsafeBufferPointer<UInt8>, Range<Int>) -> Void) {
            let n = b.count
            var i = 0
            var start = -1
            var lastClass = TokenClass.other
            while i < n {
                let (v, len) = decode(i)
                let cls = TokenScanner.classify(v)
                switch cls {
                case .word, .digit:
                    if start < 0 { start = i; lower.removeAll(keepingCapacity: true) }
                    appendLower(v, at: i, length: len)
                    lastClass = cls
                    i += len
                    continue
                case .joiner, .number:
                    if start >= 0, i + len < n {
                        let (nv, _) = decode(i + len)
                        let next = TokenScanner.classify(nv)
                        let keep = cls == .joiner
                            ? (next == .word || next == .digit)
                            : (lastClass == .digit && next == .digit)
                        if keep {
                            appendLower(v, at: i, length: len)
                            i += len
                            continue
                        }
                    }
                case .other:
                    break
                }
                if start >= 0 {
                    lower.withUnsafeBufferPointer { body($0, start..<i) }
                    start = -1
                }
                lastClass = .other
                i += len
            }
            if start >= 0 {
                lower.withUnsafeBufferPointer { body($0, start..<n) }
            }
        }
    }
}
