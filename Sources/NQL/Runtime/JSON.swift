/// A small, fast JSON reader producing NQL values (objects keep key order).
public enum JSON {
    /// Why JSON text could not be read, and where.
    public struct ParseError: Error, Sendable {
        /// The byte offset of the problem.
        public var offset: Int
        /// What is wrong, without the place.
        public var reason: String
        /// The message, with the byte offset.
        public var message: String { "invalid JSON at byte \(offset): \(reason)" }
        /// Creates an error.
        public init(offset: Int, reason: String) {
            self.offset = offset
            self.reason = reason
        }
    }

    /// Parses one JSON document.
    public static func parse(_ text: String) throws -> Value {
        var copy = text
        return try copy.withUTF8 { try parse(bytes: $0) }
    }

    /// Parses one JSON document from UTF-8 bytes. With `bigIntegersAsText` an
    /// integer too large for 64 bits stays exact, as its digits (a news id such
    /// as 18446744073709551617), instead of becoming a rounded float.
    public static func parse(bytes: UnsafeBufferPointer<UInt8>, bigIntegersAsText: Bool = false) throws -> Value {
        var r = Reader(b: bytes)
        r.bigIntegersAsText = bigIntegersAsText
        r.skipSpace()
        let v = try r.value(depth: 0)
        r.skipSpace()
        if r.i != bytes.count { throw r.fail("unexpected text after the JSON value") }
        return v
    }

    private struct Reader {
        let b: UnsafeBufferPointer<UInt8>
        var i = 0
        var bigIntegersAsText = false

        func fail(_ what: String) -> ParseError { ParseError(offset: i, reason: what) }

        mutating func skipSpace() {
            while i < b.count, b[i] == 32 || b[i] == 10 || b[i] == 13 || b[i] == 9 { i += 1 }
        }

        mutating func value(depth: Int) throws -> Value {
            guard depth < 512 else { throw fail("nested too deeply") }
            guard i < b.count else { throw fail("unexpected end") }
            switch b[i] {
            case UInt8(ascii: "{"):
                i += 1
                var r = Record()
                skipSpace()
                if i < b.count, b[i] == UInt8(ascii: "}") { i += 1; return .record(r) }
                while true {
                    skipSpace()
                    guard i < b.count, b[i] == UInt8(ascii: "\"") else { throw fail("expected a key") }
                    let k = try string()
                    skipSpace()
                    guard i < b.count, b[i] == UInt8(ascii: ":") else { throw fail("expected ':'") }
                    i += 1
                    skipSpace()
                    r[k] = try value(depth: depth + 1)
                    skipSpace()
                    guard i < b.count else { throw fail("unexpected end") }
                    if b[i] == UInt8(ascii: ",") { i += 1; continue }
                    if b[i] == UInt8(ascii: "}") { i += 1; return .record(r) }
                    throw fail("expected ',' or '}'")
                }
            case UInt8(ascii: "["):
                i += 1
                var xs: [Value] = []
                skipSpace()
                if i < b.count, b[i] == UInt8(ascii: "]") { i += 1; return .list(xs) }
                while true {
                    skipSpace()
                    xs.append(try value(depth: depth + 1))
                    skipSpace()
                    guard i < b.count else { throw fail("unexpected end") }
                    if b[i] == UInt8(ascii: ",") { i += 1; continue }
                    if b[i] == UInt8(ascii: "]") { i += 1; return .list(xs) }
                    throw fail("expected ',' or ']'")
                }
            case UInt8(ascii: "\""): return .string(try string())
            case UInt8(ascii: "t"): try word("true"); return .bool(true)
            case UInt8(ascii: "f"): try word("false"); return .bool(false)
            case UInt8(ascii: "n"): try word("null"); return .null
            default: return try number()
            }
        }

        mutating func word(_ w: StaticString) throws {
            let n = w.utf8CodeUnitCount
            guard i + n <= b.count else { throw fail("unexpected end") }
            for k in 0..<n where b[i + k] != w.utf8Start[k] { throw fail("unexpected character") }
            i += n
        }

        mutating func number() throws -> Value {
            let start = i
            var isFloat = false
            while i < b.count {
                let c = b[i]
                if c >= 48 && c <= 57 || c == UInt8(ascii: "-") || c == UInt8(ascii: "+") {
                    i += 1
                } else if c == UInt8(ascii: ".") || c == UInt8(ascii: "e") || c == UInt8(ascii: "E") {
                    isFloat = true
                    i += 1
                } else {
                    break
                }
            }
            guard i > start else { throw fail("unexpected character") }
            let text = String(decoding: UnsafeBufferPointer(rebasing: b[start..<i]), as: UTF8.self)
            if !isFloat, let n = Int(text) { return .int(n) }
            if !isFloat, bigIntegersAsText, text.drop(while: { $0 == "-" }).allSatisfy(\.isASCII), Double(text) != nil { return .string(text) }
            guard let d = Double(text) else { throw fail("bad number '\(text)'") }
            return .float(d)
        }

        mutating func string() throws -> String {
            i += 1
            let start = i
            // Fast path: no escapes.
            while i < b.count, b[i] != UInt8(ascii: "\""), b[i] != UInt8(ascii: "\\"), b[i] != 0 { i += 1 }
            guard i < b.count else { throw fail("unterminated string") }
            // A raw NUL is never JSON (it must be written \u0000), and it would cut C strings short.
            if b[i] == 0 { throw fail("a NUL byte inside a string") }
            if b[i] == UInt8(ascii: "\"") {
                defer { i += 1 }
                return String(decoding: UnsafeBufferPointer(rebasing: b[start..<i]), as: UTF8.self)
            }
            var out = Array(UnsafeBufferPointer(rebasing: b[start..<i]))
            while i < b.count {
                let c = b[i]
                if c == UInt8(ascii: "\"") {
                    i += 1
                    return String(decoding: out, as: UTF8.self)
                }
                if c == 0 { throw fail("a NUL byte inside a string") }
                if c != UInt8(ascii: "\\") { out.append(c); i += 1; continue }
                guard i + 1 < b.count else { break }
                let e = b[i + 1]
                i += 2
                switch e {
                case UInt8(ascii: "n"): out.append(10)
                case UInt8(ascii: "t"): out.append(9)
                case UInt8(ascii: "r"): out.append(13)
                case UInt8(ascii: "b"): out.append(8)
                case UInt8(ascii: "f"): out.append(12)
                case UInt8(ascii: "u"):
                    var code = try hex4()
                    if (0xD800..<0xDC00).contains(code), i + 1 < b.count, b[i] == UInt8(ascii: "\\"), b[i + 1] == UInt8(ascii: "u") {
                        i += 2
                        let low = try hex4()
                        if (0xDC00..<0xE000).contains(low) { code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00) }
                    }
                    let scalar = Unicode.Scalar(code) ?? "\u{FFFD}"
                    out.append(contentsOf: Array(String(Character(scalar)).utf8))
                default: out.append(e)
                }
            }
            throw fail("unterminated string")
        }

        mutating func hex4() throws -> UInt32 {
            guard i + 4 <= b.count else { throw fail("bad \\u escape") }
            var v: UInt32 = 0
            for _ in 0..<4 {
                let c = b[i]
                let d: UInt32
                switch c {
                case 48...57: d = UInt32(c - 48)
                case 65...70: d = UInt32(c - 55)
                case 97...102: d = UInt32(c - 87)
                default: throw fail("bad \\u escape")
                }
                v = v * 16 + d
                i += 1
            }
            return v
        }
    }
}
