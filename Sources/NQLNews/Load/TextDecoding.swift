import Foundation

/// Decodes file bytes into text, saying which encoding was used.
///
/// Order: UTF-8 (with or without BOM), UTF-16 with a BOM (or an evident
/// BOM-less UTF-16 pattern), EUC-KR (when high bytes come in Korean pairs),
/// then Windows-1252 (a superset of Latin-1 for printable text). Data with NUL
/// bytes or many control characters is binary.
enum TextDecoding {
    enum Outcome {
        case text(String, encoding: String)
        case binary(reason: String)
    }

    static func decode(_ data: Data) -> Outcome {
        if data.isEmpty { return .text("", encoding: "utf-8") }
        return data.withUnsafeBytes { raw -> Outcome in
            let b = raw.bindMemory(to: UInt8.self)
            let n = b.count
            if n >= 3, b[0] == 0xEF, b[1] == 0xBB, b[2] == 0xBF {
                if let s = String(validating: UnsafeBufferPointer(rebasing: b[3...]), as: UTF8.self) {
                    return .text(s, encoding: "utf-8")
                }
            }
            if n >= 2, b[0] == 0xFF, b[1] == 0xFE { return .text(utf16(b, from: 2, little: true), encoding: "utf-16le") }
            if n >= 2, b[0] == 0xFE, b[1] == 0xFF { return .text(utf16(b, from: 2, little: false), encoding: "utf-16be") }
            // NUL bytes: BOM-less UTF-16 (NULs in every other byte) or binary.
            let sample = min(n, 4096)
            var nulEven = 0
            var nulOdd = 0
            var control = 0
            for i in 0..<sample {
                let c = b[i]
                if c == 0 { if i & 1 == 0 { nulEven += 1 } else { nulOdd += 1 } }
                else if c < 0x20, c != 0x09, c != 0x0A, c != 0x0D, c != 0x0C, c != 0x1B { control += 1 }
            }
            if nulOdd > sample / 4, nulEven < sample / 50 { return .text(utf16(b, from: 0, little: true), encoding: "utf-16le") }
            if nulEven > sample / 4, nulOdd < sample / 50 { return .text(utf16(b, from: 0, little: false), encoding: "utf-16be") }
            if nulEven + nulOdd > 0 { return .binary(reason: LoadMessages.binaryNUL) }
            if let s = String(validating: b, as: UTF8.self) { return .text(s, encoding: "utf-8") }
            if control * 20 > sample { return .binary(reason: LoadMessages.binaryControl) }
            // Mostly-UTF-8 with a few bad bytes stays UTF-8 (repaired); otherwise Windows-1252.
            let (valid, invalid) = utf8Validity(b)
            if invalid * 200 < valid, valid > 0, hasMultibyte(b) {
                return .text(String(decoding: b, as: UTF8.self), encoding: "utf-8 (repaired)")
            }
            if looksLikeEUCKR(b), let s = String(data: Data(b), encoding: String.Encoding(rawValue: 0x8000_0940)) {
                return .text(s, encoding: "euc-kr")
            }
            return .text(windows1252(b), encoding: "windows-1252")
        }
    }

    /// High bytes come in pairs within 0xA1–0xFE (KS X 1001), as Korean text in EUC-KR does;
    /// Windows-1252 text has isolated high bytes.
    static func looksLikeEUCKR(_ b: UnsafeBufferPointer<UInt8>) -> Bool {
        var pairs = 0
        var stray = 0
        var i = 0
        while i < b.count {
            let c = b[i]
            if c < 0x80 { i += 1; continue }
            if c >= 0xA1, c <= 0xFE, i + 1 < b.count, b[i + 1] >= 0xA1, b[i + 1] <= 0xFE { pairs += 1; i += 2; continue }
            stray += 1
            i += 1
        }
        return pairs >= 2 && stray * 20 <= pairs
    }

    private static func hasMultibyte(_ b: UnsafeBufferPointer<UInt8>) -> Bool {
        for c in b where c >= 0xC2 && c <= 0xF4 { return true }
        return false
    }

    /// Counts well-formed multi-byte sequences and stray bytes.
    private static func utf8Validity(_ b: UnsafeBufferPointer<UInt8>) -> (Int, Int) {
        var valid = 0
        var invalid = 0
        var i = 0
        while i < b.count {
            let c = b[i]
            if c < 0x80 { valid += 1; i += 1; continue }
            let len = c >= 0xF0 && c <= 0xF4 ? 4 : c >= 0xE0 ? 3 : c >= 0xC2 && c < 0xE0 ? 2 : 0
            if len == 0 || i + len > b.count { invalid += 1; i += 1; continue }
            var ok = true
            for k in 1..<len where b[i + k] & 0xC0 != 0x80 { ok = false }
            if ok { valid += 1; i += len } else { invalid += 1; i += 1 }
        }
        return (valid, invalid)
    }

    private static func utf16(_ b: UnsafeBufferPointer<UInt8>, from: Int, little: Bool) -> String {
        var units: [UInt16] = []
        units.reserveCapacity((b.count - from) / 2)
        var i = from
        while i + 1 < b.count {
            units.append(little ? UInt16(b[i]) | UInt16(b[i + 1]) << 8 : UInt16(b[i]) << 8 | UInt16(b[i + 1]))
            i += 2
        }
        return String(decoding: units, as: UTF16.self)
    }

    private static let cp1252High: [UInt32] = [
        0x20AC, 0x81, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039,
        0x0152, 0x8D, 0x017D, 0x8F, 0x90, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
        0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x9D, 0x017E, 0x0178,
    ]

    static func windows1252(_ b: UnsafeBufferPointer<UInt8>) -> String {
        var s = String.UnicodeScalarView()
        for c in b {
            let v: UInt32 = (c >= 0x80 && c < 0xA0) ? cp1252High[Int(c - 0x80)] : UInt32(c)
            if let u = Unicode.Scalar(v) { s.append(u) }
        }
        return String(s)
    }
}
