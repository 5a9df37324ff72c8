/// Turns the many ways news writes a date into ISO `YYYY-MM-DD`.
///
/// Hand-written (no `DateFormatter`) because it runs once per article on bulk
/// loads. Finds the first date in the string, so bylines such as
/// "Published July 28, 2024 10:00 a.m." work too.
public enum DateNormalizer {
    /// A date found in text: ISO day and, when given, the time of day.
    public struct Found: Sendable, Hashable {
        /// `YYYY-MM-DD`.
        public var day: String
        /// `HH:MM:SS` with a zone suffix (`Z`, `+09:00`) when one was given.
        public var time: String?
    }

    /// ISO `YYYY-MM-DD` for the first date in `s`, or nil.
    public static func normalize(_ s: String) -> String? { find(s)?.day }

    private enum Tok { case num(Int, Int)  /* value, digits */; case word(String); case sep(UInt8) }

    /// The first date (and time) in `s`, or nil.
    public static func find(_ s: String) -> Found? {
        let toks = tokenize(s)
        var i = 0
        while i < toks.count {
            if let (y, m, d, next) = matchDate(toks, i), valid(y, m, d) {
                return Found(day: iso(y, m, d), time: matchTime(toks, next))
            }
            i += 1
        }
        return nil
    }

    private static func tokenize(_ s: String) -> [Tok] {
        var toks: [Tok] = []
        let u = Array(s.utf8.prefix(400))
        var i = 0
        while i < u.count {
            let c = u[i]
            if c >= 48 && c <= 57 {
                var v = 0
                var n = 0
                while i < u.count, u[i] >= 48 && u[i] <= 57 {
                    if n < 9 { v = v * 10 + Int(u[i] - 48) }
                    n += 1
                    i += 1
                }
                toks.append(.num(v, n))
            } else if (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c >= 0x80 {
                let st = i
                if c >= 0x80 {
                    // One non-ASCII scalar per word (CJK date markers are single characters).
                    i += 1
                    while i < u.count, u[i] & 0xC0 == 0x80 { i += 1 }
                } else {
                    while i < u.count, (u[i] >= 65 && u[i] <= 90) || (u[i] >= 97 && u[i] <= 122) { i += 1 }
                }
                toks.append(.word(String(decoding: u[st..<i], as: UTF8.self).lowercased()))
            } else if c == 0x20 || c == 0x09 || c == 0x0A || c == 0x0D {
                i += 1
            } else {
                toks.append(.sep(c))
                i += 1
            }
        }
        return toks
    }

    static let months: [String: Int] = [
        "jan": 1, "january": 1, "feb": 2, "february": 2, "mar": 3, "march": 3, "apr": 4,
        "april": 4, "may": 5, "jun": 6, "june": 6, "jul": 7, "july": 7, "aug": 8, "august": 8,
        "sep": 9, "sept": 9, "september": 9, "oct": 10, "october": 10, "nov": 11, "november": 11,
        "dec": 12, "december": 12,
        // A few other languages seen in news pages.
        "janvier": 1, "février": 2, "mars": 3, "avril": 4, "mai": 5, "juin": 6, "juillet": 7,
        "août": 8, "septembre": 9, "octobre": 10, "novembre": 11, "décembre": 12, "januar": 1,
        "februar": 2, "märz": 3, "juni": 6, "juli": 7, "oktober": 10, "dezember": 12,
        "enero": 1, "febrero": 2, "marzo": 3, "abril": 4, "mayo": 5, "junio": 6, "julio": 7,
        "agosto": 8, "septiembre": 9, "octubre": 10, "noviembre": 11, "diciembre": 12,
    ]

    private static func num(_ t: [Tok], _ i: Int) -> (Int, Int)? {
        guard i < t.count, case .num(let v, let n) = t[i] else { return nil }
        return (v, n)
    }
    private static func word(_ t: [Tok], _ i: Int) -> String? {
        guard i < t.count, case .word(let w) = t[i] else { return nil }
        return w
    }
    private static func sep(_ t: [Tok], _ i: Int) -> UInt8? {
        guard i < t.count, case .sep(let c) = t[i] else { return nil }
        return c
    }
    private static func month(_ t: [Tok], _ i: Int) -> Int? {
        guard let w = word(t, i) else { return nil }
        return months[w]
    }

    /// Returns (year, month, day, index after the date).
    private static func matchDate(_ t: [Tok], _ i: Int) -> (Int, Int, Int, Int)? {
        // 2024-07-28, 2024/07/28, 2024.07.28, 20240728, 2024년 7월 28일, 2024年7月28日
        if let (y, yn) = num(t, i) {
            if yn == 8, y / 10000 >= 1900, y / 10000 <= 2100 {
                return (y / 10000, (y / 100) % 100, y % 100, i + 1)
            }
            if yn == 4, let s1 = sep(t, i + 1), s1 == 0x2D || s1 == 0x2F || s1 == 0x2E,
                let (m, mn) = num(t, i + 2), mn <= 2, sep(t, i + 3) == s1, let (d, dn) = num(t, i + 4), dn <= 2
            {
                return (y, m, d, i + 5)
            }
            if yn == 4, let w1 = word(t, i + 1), w1 == "년" || w1 == "年", let (m, _) = num(t, i + 2),
                let w2 = word(t, i + 3), w2 == "월" || w2 == "月", let (d, _) = num(t, i + 4)
            {
                return (y, m, d, i + 5 + (word(t, i + 5) == "일" || word(t, i + 5) == "日" ? 1 : 0))
            }
            // 28 July 2024, 28-FEB-1987, 28. Juli 2024, 28 de julio de 2024
            if yn <= 2 {
                var j = i + 1
                if sep(t, j) == 0x2D || sep(t, j) == 0x2E || sep(t, j) == 0x2F { j += 1 }
                if word(t, j) == "de" { j += 1 }
                if let m = month(t, j) {
                    j += 1
                    if sep(t, j) == 0x2D || sep(t, j) == 0x2C || sep(t, j) == 0x2E { j += 1 }
                    if word(t, j) == "de" { j += 1 }
                    if let (yy, yyn) = num(t, j), yyn == 4 { return (yy, m, y, j + 1) }
                    if let (yy, yyn) = num(t, j), yyn == 2, sep(t, j - 1) == 0x2D {
                        return (yy < 50 ? 2000 + yy : 1900 + yy, m, y, j + 1)
                    }
                }
                // 07/28/2024 (US order unless the first number cannot be a month), 28.07.2024
                if let s1 = sep(t, i + 1), s1 == 0x2F || s1 == 0x2E || s1 == 0x2D,
                    let (b, bn) = num(t, i + 2), bn <= 2, sep(t, i + 3) == s1, let (yy, yyn) = num(t, i + 4), yyn == 4
                {
                    if s1 == 0x2E || y > 12 { return (yy, b, y, i + 5) }
                    return (yy, y, b, i + 5)
                }
            }
        }
        // July 28, 2024; Jul. 28 2024; July 28th, 2024
        if let m = month(t, i) {
            var j = i + 1
            if sep(t, j) == 0x2E { j += 1 }
            if let (d, dn) = num(t, j), dn <= 2 {
                j += 1
                if let w = word(t, j), w == "st" || w == "nd" || w == "rd" || w == "th" { j += 1 }
                if sep(t, j) == 0x2C { j += 1 }
                if let (y, yn) = num(t, j), yn == 4 { return (y, m, d, j + 1) }
            }
        }
        return nil
    }

    private static func matchTime(_ t: [Tok], _ i: Int) -> String? {
        var j = i
        if let w = word(t, j), w == "t" || w == "at" { j += 1 }
        if sep(t, j) == 0x2C { j += 1 }
        // Reuters and ISO glue "T10": the tokenizer splits letters from digits already.
        guard let (h, hn) = num(t, j), hn <= 2, sep(t, j + 1) == 0x3A, let (mi, mn) = num(t, j + 2), mn == 2 else {
            return nil
        }
        var sec = 0
        j += 3
        if sep(t, j) == 0x3A, let (s, sn) = num(t, j + 1), sn == 2 { sec = s; j += 2 }
        if sep(t, j) == 0x2E, num(t, j + 1) != nil { j += 2 }  // fractions
        var hour = h
        if let w = word(t, j) {
            if w == "pm" || (w == "p" && sep(t, j + 1) == 0x2E) { if hour < 12 { hour += 12 }; j += 1 }
            else if w == "am" || (w == "a" && sep(t, j + 1) == 0x2E) { if hour == 12 { hour = 0 }; j += 1 }
        }
        guard hour < 24, mi < 60, sec < 61 else { return nil }
        var out = two(hour) + ":" + two(mi) + ":" + two(sec)
        if word(t, j) == "z" { out += "Z" }
        else if let c = sep(t, j), c == 0x2B || c == 0x2D, let (z, zn) = num(t, j + 1) {
            if zn == 4 { out += String(UnicodeScalar(c)) + two(z / 100) + ":" + two(z % 100) }
            else if zn == 2, sep(t, j + 2) == 0x3A, let (zm, _) = num(t, j + 3) {
                out += String(UnicodeScalar(c)) + two(z) + ":" + two(zm)
            }
        } else if let w = word(t, j), w == "utc" || w == "gmt" { out += "Z" }
        return out
    }

    private static func valid(_ y: Int, _ m: Int, _ d: Int) -> Bool {
        y >= 1900 && y <= 2100 && m >= 1 && m <= 12 && d >= 1 && d <= 31
    }
    private static func two(_ v: Int) -> String { v < 10 ? "0\(v)" : "\(v)" }
    private static func iso(_ y: Int, _ m: Int, _ d: Int) -> String { "\(y)-\(two(m))-\(two(d))" }
}
