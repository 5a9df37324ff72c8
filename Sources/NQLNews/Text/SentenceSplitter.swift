/// Splits text into sentences, keeping abbreviations ("U.S.", "Gen.", "Jan.",
/// "p.m."), decimals ("1.5"), initials ("J. R. R. Tolkien") and quotations intact.
///
/// A boundary is `.`, `!`, `?` or `…` (optionally followed by closing quotes or
/// brackets), then whitespace, then something that can start a sentence: an
/// upper-case letter, a digit, an opening quote or bracket, or a letter from a
/// script without case. Works on UTF-8 bytes.
public enum SentenceSplitter {
    /// Sentences of each paragraph, in order; a sentence never spans paragraphs.
    public static func split(paragraphs: [String]) -> [String] {
        var out: [String] = []
        for p in paragraphs { split(p, into: &out) }
        return out
    }

    /// Sentences of one piece of text (newlines count as spaces).
    public static func split(_ text: String) -> [String] {
        var out: [String] = []
        split(text, into: &out)
        return out
    }

    static func split(_ text: String, into out: inout [String]) {
        var text = text
        text.withUTF8 { buf in
            splitBytes(buf, into: &out)
        }
    }

    private static func splitBytes(_ b: UnsafeBufferPointer<UInt8>, into out: inout [String]) {
        let n = b.count
        var start = 0
        var i = 0
        func emit(_ from: Int, _ to: Int) {
            var s = from
            var e = to
            while s < e, isSpace(b[s]) { s += 1 }
            while e > s, isSpace(b[e - 1]) { e -= 1 }
            if e > s {
                out.append(String(decoding: UnsafeBufferPointer(rebasing: b[s..<e]), as: UTF8.self))
            }
        }
        while i < n {
            let c = b[i]
            var end = -1  // exclusive end of the sentence if i is a boundary
            if c == 0x2E || c == 0x21 || c == 0x3F {  // . ! ?
                end = i + 1
            } else if c == 0xE2, i + 2 < n, b[i + 1] == 0x80, b[i + 2] == 0xA6 {  // …
                end = i + 3
            } else if c == 0xE3, i + 2 < n, b[i + 1] == 0x80, b[i + 2] == 0x82 {  // 。
                // Ideographic full stop needs no following space.
                emit(start, i + 3)
                i += 3
                start = i
                continue
            }
            if end < 0 { i += 1; continue }
            // Runs of terminators ("?!", "...").
            while end < n, b[end] == 0x2E || b[end] == 0x21 || b[end] == 0x3F { end += 1 }
            // Closing quotes and brackets.
            while end < n {
                if b[end] == 0x22 || b[end] == 0x27 || b[end] == 0x29 || b[end] == 0x5D {
                    end += 1
                } else if end + 2 < n, b[end] == 0xE2, b[end + 1] == 0x80,
                    b[end + 2] == 0x9D || b[end + 2] == 0x99
                {
                    end += 3
                } else {
                    break
                }
            }
            // Must be followed by whitespace (or end of text).
            if end >= n { break }
            guard isSpace(b[end]) else { i = end; continue }
            var next = end
            while next < n, isSpace(b[next]) { next += 1 }
            if next >= n { break }
            guard canStartSentence(b, next) else { i = end; continue }
            if c == 0x2E, end == i + 1, !periodEndsSentence(b, period: i, next: next) {
                i = end
                continue
            }
            emit(start, end)
            start = next
            i = next
        }
        emit(start, n)
    }

    @inline(__always) private static func isSpace(_ c: UInt8) -> Bool {
        c == 0x20 || c == 0x0A || c == 0x09 || c == 0x0D || c == 0x0C
    }

    @inline(__always) private static func isUpper(_ c: UInt8) -> Bool { c >= 65 && c <= 90 }
    @inline(__always) private static func isLower(_ c: UInt8) -> Bool { c >= 97 && c <= 122 }
    @inline(__always) private static func isAlpha(_ c: UInt8) -> Bool { isUpper(c) || isLower(c) }

    private static func canStartSentence(_ b: UnsafeBufferPointer<UInt8>, _ i: Int) -> Bool {
        let c = b[i]
        if isUpper(c) || (c >= 48 && c <= 57) { return true }
        if c == 0x22 || c == 0x27 || c == 0x28 || c == 0x5B { return true }
        if isLower(c) { return false }
        if c < 0x80 { return false }
        // Non-ASCII: opening curly quotes, or a letter that is not lower-case.
        if c == 0xE2, i + 2 < b.count, b[i + 1] == 0x80, b[i + 2] == 0x9C || b[i + 2] == 0x98 {
            return true
        }
        var it = String(decoding: UnsafeBufferPointer(rebasing: b[i..<min(b.count, i + 4)]), as: UTF8.self)
            .unicodeScalars.makeIterator()
        guard let u = it.next() else { return false }
        return !u.properties.isLowercase
    }

    /// Words after which a period does not end a sentence (compared lower-case).
    static let abbreviations: Set<String> = [
        "mr", "mrs", "ms", "dr", "prof", "sr", "jr", "st", "mt", "ft", "gen", "col", "lt", "maj",
        "capt", "cmdr", "adm", "sgt", "cpl", "pvt", "sen", "rep", "gov", "pres", "rev", "hon",
        "amb", "atty", "supt", "insp", "det", "fr", "messrs", "mme", "mlle", "jan", "feb", "mar",
        "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "mon", "tue", "tues",
        "wed", "thu", "thur", "thurs", "fri", "sat", "sun", "no", "nos", "vol", "vols", "fig",
        "figs", "p", "pp", "ch", "art", "sec", "ed", "eds", "est", "approx", "dept", "div", "univ",
        "assn", "bros", "vs", "v", "etc", "cf", "al", "ave", "blvd", "rd", "hwy", "ariz", "calif",
        "colo", "conn", "fla", "ill", "ind", "kan", "mass", "mich", "minn", "miss", "neb", "nev",
        "okla", "ore", "pa", "penn", "tenn", "tex", "va", "wash", "wis", "wyo", "mln", "bln", "pct",
        "dlrs", "yr", "yrs", "min", "max", "tel", "ext", "op", "cit",
    ]

    /// Sentence starters that follow an abbreviation such as "U.S." at the end of a sentence.
    private static let starters: Set<String> = [
        "The", "He", "She", "It", "They", "We", "I", "But", "And", "In", "A", "An", "This", "That",
        "These", "Those", "There", "His", "Her", "Its", "Their", "Our", "If", "When", "While",
        "After", "As", "At", "For", "On", "So", "Yet", "However", "Meanwhile", "Officials",
        "According",
    ]

    private static func isCompanySuffix(_ b: UnsafeBufferPointer<UInt8>, _ s: Int, _ e: Int) -> Bool {
        let len = e - s
        guard len >= 2, len <= 4 else { return false }
        var w = ""
        for j in s..<e { w.unicodeScalars.append(Unicode.Scalar(isUpper(b[j]) ? b[j] + 32 : b[j])) }
        return w == "inc" || w == "corp" || w == "co" || w == "ltd" || w == "plc" || w == "bros"
    }

    private static func periodEndsSentence(_ b: UnsafeBufferPointer<UInt8>, period: Int, next: Int) -> Bool {
        // The word before the period.
        var ws = period
        while ws > 0, !isSpace(b[ws - 1]), b[ws - 1] != 0x28, b[ws - 1] != 0x22 { ws -= 1 }
        let wordLen = period - ws
        if wordLen == 0 { return true }
        // Single letter: an initial ("J. R. R. Tolkien"), unless it is "I" ending a sentence? Keep it.
        if wordLen == 1, isUpper(b[ws]) { return false }
        // Dotted abbreviation such as "U.S." or "p.m.": end only before a common sentence starter.
        var hasInnerDot = false
        var k = ws
        while k < period { if b[k] == 0x2E { hasInnerDot = true; break }; k += 1 }
        // Company suffixes ("Apple Inc. Chief Executive …") end a sentence only before a common opener.
        if hasInnerDot || isCompanySuffix(b, ws, period) {
            var e = next
            while e < b.count, isAlpha(b[e]) { e += 1 }
            let nextWord = String(decoding: UnsafeBufferPointer(rebasing: b[next..<e]), as: UTF8.self)
            return starters.contains(nextWord)
        }
        if wordLen <= 7 {
            var lower = ""
            var allAlpha = true
            for j in ws..<period {
                let ch = b[j]
                if isUpper(ch) { lower.unicodeScalars.append(Unicode.Scalar(ch + 32)) }
                else if isLower(ch) { lower.unicodeScalars.append(Unicode.Scalar(ch)) }
                else { allAlpha = false; break }
            }
            if allAlpha, abbreviations.contains(lower) {
                // "No." and "Sun." etc. are often real words; only treat as abbreviation before a digit or capital name.
                if lower == "no" || lower == "sun" || lower == "mar" || lower == "sat" || lower == "wed" || lower == "art" || lower == "ed" || lower == "min" || lower == "max" || lower == "est" || lower == "miss" || lower == "ill" || lower == "ind" || lower == "wash" || lower == "op" || lower == "v" || lower == "p" || lower == "al" {
                    // Real words like "no", "sun", "ill": only an abbreviation when the word
                    // is capitalised and a digit follows ("No. 1", "Mar. 3").
                    return !(isUpper(b[ws]) && b[next] >= 48 && b[next] <= 57) && lower != "al"
                }
                return false
            }
        }
        return true
    }
}
