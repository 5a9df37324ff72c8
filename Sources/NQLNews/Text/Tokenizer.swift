/// A token of raw text, located both in Unicode scalars (for users) and in UTF-8 bytes (for fast feature hashing).
public struct TextToken: Sendable, Hashable {
    /// Offset of the first scalar of the token in the text's Unicode scalars.
    public var start: Int
    /// Offset one past the last scalar of the token (exclusive).
    public var end: Int
    /// Offset of the first byte of the token in the text's UTF-8 bytes.
    public var utf8Start: Int
    /// Offset one past the last byte of the token in the text's UTF-8 bytes (exclusive).
    public var utf8End: Int
    /// True when the token is the first on its line (used for sentence splitting).
    public var startsLine: Bool

    /// Creates a token from its scalar and byte ranges.
    public init(start: Int, end: Int, utf8Start: Int, utf8End: Int, startsLine: Bool = false) {
        self.start = start
        self.end = end
        self.utf8Start = utf8Start
        self.utf8End = utf8End
        self.startsLine = startsLine
    }
}

/// Splits raw news text into word tokens, keeping abbreviations ("U.S.", "Gen."), numbers ("1.5", "$1.5", "2+2"),
/// hyphenated words ("PAC-3", "e-mail"), "AT&T" and domain names intact. Text that is already tokenised with single
/// spaces (CoNLL) comes back with exactly its given tokens.
public enum Tokenizer {
    /// Tokenises `text`, returning tokens with scalar and UTF-8 offsets.
    public static func tokenize(_ text: String) -> [TextToken] {
        var copy = text
        return copy.withUTF8 { tokenize(utf8: $0) }
    }

    /// Tokenises UTF-8 bytes; offsets are relative to the start of `bytes`.
    public static func tokenize(utf8 bytes: UnsafeBufferPointer<UInt8>) -> [TextToken] {
        var scanner = Scanner(bytes: bytes)
        scanner.run()
        return scanner.tokens
    }

    /// Lower-case abbreviations (without the final period) whose period belongs to the word.
    static let abbreviations: Set<String> = [
        "mr", "mrs", "ms", "dr", "prof", "gen", "lt", "col", "maj", "capt", "cpt", "sgt", "adm", "cmdr", "gov",
        "sen", "rep", "rev", "st", "jr", "sr", "inc", "corp", "co", "ltd", "bros", "plc", "jan", "feb", "mar",
        "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "mon", "tue", "wed", "thu", "fri",
        "sat", "sun", "vs", "no", "nos", "vol", "mt", "ft", "calif", "fla", "mass", "ariz", "ill", "wash",
        "conn", "penn", "tenn", "colo", "okla", "mich", "minn", "wis", "ind", "pa", "va", "ga", "la", "md",
        "approx", "dept", "est", "etc", "fig", "univ", "ave", "blvd", "pres", "supt", "messrs", "mme", "mlle",
    ]

    struct Scanner {
        let bytes: UnsafeBufferPointer<UInt8>
        var tokens: [TextToken] = []
        // Running cursor converting byte offsets to scalar offsets (tokens are emitted in order).
        var cursorByte = 0
        var cursorScalar = 0
        var lineStart = true

        init(bytes: UnsafeBufferPointer<UInt8>) {
            self.bytes = bytes
            tokens.reserveCapacity(bytes.count / 5 + 4)
        }

        mutating func scalarOffset(_ byte: Int) -> Int {
            while cursorByte < byte {
                if bytes[cursorByte] & 0xC0 != 0x80 { cursorScalar += 1 }
                cursorByte += 1
            }
            return cursorScalar
        }

        mutating func emit(_ s: Int, _ e: Int) {
            guard e > s else { return }
            let a = scalarOffset(s)
            let b = scalarOffset(e)
            tokens.append(TextToken(start: a, end: b, utf8Start: s, utf8End: e, startsLine: lineStart))
            lineStart = false
        }

        /// Length in bytes of the UTF-8 sequence starting with `b`.
        @inline(__always) func seqLen(_ b: UInt8) -> Int {
            if b < 0x80 { return 1 }
            if b >= 0xF0 { return 4 }
            if b >= 0xE0 { return 3 }
            if b >= 0xC0 { return 2 }
            return 1
        }

        func decode(_ i: Int) -> UInt32 {
            let b0 = UInt32(bytes[i])
            let n = bytes.count
            if b0 < 0x80 { return b0 }
            if b0 >= 0xF0, i + 3 < n {
                return (b0 & 0x07) << 18 | (UInt32(bytes[i + 1]) & 0x3F) << 12 | (UInt32(bytes[i + 2]) & 0x3F) << 6
                    | (UInt32(bytes[i + 3]) & 0x3F)
            }
            if b0 >= 0xE0, i + 2 < n {
                return (b0 & 0x0F) << 12 | (UInt32(bytes[i + 1]) & 0x3F) << 6 | (UInt32(bytes[i + 2]) & 0x3F)
            }
            if b0 >= 0xC0, i + 1 < n { return (b0 & 0x1F) << 6 | (UInt32(bytes[i + 1]) & 0x3F) }
            return 0xFFFD
        }

        /// Whitespace length at `i` (0 if not whitespace): ASCII space/tab/newlines and no-break space.
        func spaceLen(_ i: Int) -> Int {
            let b = bytes[i]
            if b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D || b == 0x0B || b == 0x0C { return 1 }
            if b == 0xC2, i + 1 < bytes.count, bytes[i + 1] == 0xA0 { return 2 }
            if b == 0xE2, i + 2 < bytes.count, bytes[i + 1] == 0x80,
                bytes[i + 2] >= 0x80 && bytes[i + 2] <= 0x8B || (bytes[i + 2] == 0xAF)
            {
                return 3
            }
            if b == 0xE3, i + 2 < bytes.count, bytes[i + 1] == 0x80, bytes[i + 2] == 0x80 { return 3 }
            return 0
        }

        /// Whether the character at `i` is part of a word (letters, digits, non-punctuation non-ASCII).
        func isWordChar(_ i: Int) -> Bool {
            let b = bytes[i]
            if b < 0x80 { return isAlnum(b) }
            let c = decode(i)
            return !Scanner.isPunctuationScalar(c) && !Scanner.isSymbolScalar(c)
        }

        @inline(__always) func isAlnum(_ b: UInt8) -> Bool {
            (b >= 0x30 && b <= 0x39) || (b | 0x20 >= 0x61 && b | 0x20 <= 0x7A)
        }
        @inline(__always) func isDigit(_ b: UInt8) -> Bool { b >= 0x30 && b <= 0x39 }
        @inline(__always) func isLetter(_ b: UInt8) -> Bool { b | 0x20 >= 0x61 && b | 0x20 <= 0x7A }

        static func isPunctuationScalar(_ c: UInt32) -> Bool {
            switch c {
            case 0x2010...0x205E, 0x00A1...0x00BF, 0x00D7, 0x00F7, 0x3000...0x303F, 0xFF01...0xFF0F,
                0xFF1A...0xFF20, 0xFF3B...0xFF40, 0xFF5B...0xFF65, 0xFFFD:
                return true
            default: return false
            }
        }

        static func isSymbolScalar(_ c: UInt32) -> Bool {
            switch c {
            case 0x2100...0x2BFF, 0x1F000...0x1FAFF, 0xFE00...0xFE0F, 0x200D: return true
            default: return false
            }
        }

        /// Apostrophe (ASCII or right single quotation mark) at `i`: returns its byte length, else 0.
        func apostropheLen(_ i: Int) -> Int {
            if bytes[i] == 0x27 { return 1 }
            if bytes[i] == 0xE2, i + 2 < bytes.count, bytes[i + 1] == 0x80, bytes[i + 2] == 0x99 { return 3 }
            return 0
        }

        /// Length of the run of ASCII letters starting at `i`.
        func letterRun(_ i: Int, _ end: Int) -> Int {
            var j = i
            while j < end, isLetter(bytes[j]) { j += 1 }
            return j - i
        }

        func isClitic(_ s: Int, _ n: Int) -> Bool {
            guard n >= 1, n <= 2 else { return false }
            let a = bytes[s] | 0x20
            if n == 1 { return a == 0x73 || a == 0x64 || a == 0x6D || a == 0x74 }  // s d m t
            let b = bytes[s + 1] | 0x20
            return (a == 0x6C && b == 0x6C) || (a == 0x72 && b == 0x65) || (a == 0x76 && b == 0x65)  // ll re ve
        }

        mutating func run() {
            let n = bytes.count
            var i = 0
            while i < n {
                let sp = spaceLen(i)
                if sp > 0 {
                    if bytes[i] == 0x0A { lineStart = true }
                    i += sp
                    continue
                }
                var e = i
                while e < n, spaceLen(e) == 0 { e += seqLen(bytes[e]) }
                if e > n { e = n }
                chunk(i, e)
                i = e
            }
        }

        /// Splits one whitespace-free chunk [s, e).
        mutating func chunk(_ s: Int, _ e: Int) {
            var p = s
            while p < e {
                let b = bytes[p]
                // Currency sign glued to a number: "$1.5".
                if b == 0x24, p + 1 < e, isDigit(bytes[p + 1]) {
                    let w = wordEnd(p + 1, e, chunkStart: s)
                    emit(p, w)
                    p = w
                    continue
                }
                if isWordChar(p) {
                    let w = wordEnd(p, e, chunkStart: s)
                    emit(p, w)
                    p = w
                    continue
                }
                // Clitics and '97: "'s", "'ll", "'97".
                let ap = apostropheLen(p)
                if ap > 0, p + ap < e {
                    let run = letterRun(p + ap, e)
                    if run > 0, isClitic(p + ap, run), p + ap + run == e || !isWordChar(p + ap + run) {
                        emit(p, p + ap + run)
                        p += ap + run
                        continue
                    }
                    var d = p + ap
                    while d < e, isDigit(bytes[d]) { d += 1 }
                    if d - (p + ap) == 2, d == e || !isWordChar(d) {
                        emit(p, d)
                        p = d
                        continue
                    }
                }
                // Punctuation: a run of the same ASCII character is one token ("--", "...", "``").
                let len = seqLen(b)
                var q = p + len
                if b < 0x80 {
                    while q < e, bytes[q] == b { q += 1 }
                }
                if q > e { q = e }
                emit(p, q)
                p = q
            }
        }

        /// End of the word starting at `p` inside chunk [.., e): joins letters/digits across internal ".", "-", "+",
        /// "&", "/", ":", ",", "@", "_" and keeps an abbreviation's final period.
        func wordEnd(_ p: Int, _ e: Int, chunkStart: Int) -> Int {
            var q = p
            var hasInternalDot = false
            var lastJoiner: UInt8 = 0
            while q < e {
                if isWordChar(q) {
                    q += seqLen(bytes[q])
                    continue
                }
                let b = bytes[q]
                // Apostrophe inside a word: split clitics ("Japan's", "don't"), keep names ("O'Neill").
                let ap = apostropheLen(q)
                if ap > 0 {
                    let run = letterRun(q + ap, e)
                    if run == 0 { break }
                    let after = q + ap + run
                    let endsWord = after == e || !isWordChar(after)
                    if endsWord, run == 1, bytes[q + ap] | 0x20 == 0x74, q - p >= 1, bytes[q - 1] | 0x20 == 0x6E {
                        // "don't" -> "do" "n't"; a chunk "n't" stays whole.
                        if q - 1 == p { return after }
                        return q - 1
                    }
                    if endsWord, isClitic(q + ap, run) { break }
                    q = after
                    continue
                }
                if q + 1 < e, b < 0x80, isWordChar(q + 1) {
                    let prev = bytes[q - 1]
                    let next = bytes[q + 1]
                    var join = false
                    switch b {
                    case 0x2E:  // .
                        join = true
                        hasInternalDot = true
                    case 0x2D, 0x5F, 0x2F, 0x40, 0x26:  // - _ / @ &
                        join = true
                    case 0x2B, 0x2C, 0x3A:  // + , : between digits
                        join = isDigit(prev) && isDigit(next)
                    default: join = false
                    }
                    if join {
                        lastJoiner = b
                        q += 1
                        continue
                    }
                }
                break
            }
            _ = lastJoiner
            // A final period that belongs to the word.
            if q < e, bytes[q] == 0x2E, q + 1 == e || bytes[q + 1] != 0x2E {
                if hasInternalDot && isLetter(bytes[q - 1]) { return q + 1 }
                let len = q - p
                if len == 1, isLetter(bytes[p]) { return q + 1 }
                if len <= 6, isAbbreviation(p, q) { return q + 1 }
                // Numbered list items at the start of a line: "1. Michael Schumacher".
                if lineStartChunk(chunkStart), p == chunkStart, q + 1 == e, (p..<q).allSatisfy({ isDigit(bytes[$0]) }) {
                    return q + 1
                }
            }
            return q
        }

        func lineStartChunk(_ s: Int) -> Bool {
            var i = s - 1
            while i >= 0 {
                let b = bytes[i]
                if b == 0x0A { return true }
                if b != 0x20 && b != 0x09 && b != 0x0D { return false }
                i -= 1
            }
            return true
        }

        func isAbbreviation(_ s: Int, _ e: Int) -> Bool {
            var lowered = [UInt8]()
            lowered.reserveCapacity(e - s)
            for i in s..<e {
                let b = bytes[i]
                guard b < 0x80, isLetter(b) else { return false }
                lowered.append(b | 0x20)
            }
            return Tokenizer.abbreviations.contains(String(decoding: lowered, as: UTF8.self))
        }
    }
}
