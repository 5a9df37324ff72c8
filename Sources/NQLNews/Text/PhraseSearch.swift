import Foundation

/// Whole-word, case-insensitive phrase search (`contains`), compiled once
/// per phrase and kept in a small cache, so a filter over a corpus does not
/// build a regular expression per article.
///
/// The meaning is that of the regular expression
/// `(?<![\p{L}\p{N}])w1\s+w2…(?![\p{L}\p{N}])` with ICU's case-insensitive
/// matching. An ASCII phrase is matched by a byte scan with the same rules;
/// a phrase with other letters, or a text holding one of the few characters
/// whose case folding gives ASCII letters (the Kelvin sign, `ß`, `ﬁ`, ...),
/// uses the regular expression itself.
struct PhraseSearch: Sendable {
    /// The phrase's words, lower-cased ASCII bytes; empty when the regular expression decides.
    private let words: [[UInt8]]
    /// The equivalent regular expression; nil for a phrase without words.
    private let regex: RegexBox?

    private final class RegexBox: @unchecked Sendable {
        let re: NSRegularExpression
        init(_ re: NSRegularExpression) { self.re = re }
    }

    /// Compiles a phrase.
    init(_ phrase: String) {
        let parts = phrase.split(whereSeparator: { $0.isWhitespace }).map(String.init)
        guard !parts.isEmpty else {
            words = []
            regex = nil
            return
        }
        let pattern = "(?<![\\p{L}\\p{N}])" + parts.map { NSRegularExpression.escapedPattern(for: $0) }.joined(separator: "\\s+")
            + "(?![\\p{L}\\p{N}])"
        regex = (try? NSRegularExpression(pattern: pattern, options: [.caseInsensitive])).map(RegexBox.init)
        let bytes = parts.map { Array($0.utf8) }
        // Words must be ASCII without whitespace (split above used Character.isWhitespace, which is wider).
        if bytes.allSatisfy({ $0.allSatisfy { $0 < 0x80 && !PhraseSearch.isASCIISpace($0) } }) {
            words = bytes.map { $0.map(PhraseSearch.lower) }
        } else {
            words = []
        }
    }

    /// Whether `text` contains the phrase.
    func matches(_ text: String) -> Bool {
        guard let regex else { return false }
        if !words.isEmpty {
            let fast = text.utf8.withContiguousStorageIfAvailable { scan($0) }
            switch fast ?? scan(Array(text.utf8)) {
            case .found: return true
            case .absent: return false
            case .undecided: break
            }
        }
        return regex.re.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) != nil
    }

    private enum Answer { case found, absent, undecided }

    private func scan(_ b: [UInt8]) -> Answer { b.withUnsafeBufferPointer { scan($0) } }

    private func scan(_ b: UnsafeBufferPointer<UInt8>) -> Answer {
        // A match found here is one for the regular expression too; "absent"
        // holds only when no character folds to ASCII letters.
        let n = b.count
        var folds = false
        let first = words[0][0]
        var i = 0
        while i < n {
            let c = b[i]
            if c >= 0x80 {
                if !folds, c >= 0xC0, PhraseSearch.foldsToASCII(PhraseSearch.scalar(b, at: i)) { folds = true }
                i += 1
                continue
            }
            if PhraseSearch.lower(c) == first, matchHere(b, i) { return .found }
            i += 1
        }
        return folds ? .undecided : .absent
    }

    /// Whether the phrase matches starting at byte `start`.
    private func matchHere(_ b: UnsafeBufferPointer<UInt8>, _ start: Int) -> Bool {
        if start > 0, PhraseSearch.isWordScalar(PhraseSearch.scalar(b, before: start)) { return false }
        var i = start
        for (k, w) in words.enumerated() {
            if k > 0 {
                // One or more whitespace characters.
                var spaced = false
                while i < b.count {
                    if b[i] < 0x80 {
                        guard PhraseSearch.isASCIISpace(b[i]) else { break }
                        i += 1
                    } else {
                        let (u, len) = PhraseSearch.scalarAndLength(b, at: i)
                        guard let u, PhraseSearch.isUnicodeSpace(u) else { break }
                        i += len
                    }
                    spaced = true
                }
                if !spaced { return false }
            }
            guard i + w.count <= b.count else { return false }
            for j in 0..<w.count where PhraseSearch.lower(b[i + j]) != w[j] { return false }
            i += w.count
        }
        return i >= b.count || !PhraseSearch.isWordScalar(PhraseSearch.scalar(b, at: i))
    }

    // MARK: - characters

    private static func lower(_ c: UInt8) -> UInt8 { c >= 65 && c <= 90 ? c + 32 : c }

    /// ICU's `\s` (White_Space) in ASCII: tab to carriage return, and space.
    private static func isASCIISpace(_ c: UInt8) -> Bool { c == 0x20 || (c >= 0x09 && c <= 0x0D) }

    /// ICU's `\s` beyond ASCII: White_Space (no-break space, NEL, the separators).
    private static func isUnicodeSpace(_ u: Unicode.Scalar) -> Bool { u.properties.isWhitespace }

    /// `[\p{L}\p{N}]`.
    private static func isWordScalar(_ u: Unicode.Scalar?) -> Bool {
        guard let u else { return false }
        if u.value < 0x80 {
            let c = UInt8(u.value)
            return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122)
        }
        switch u.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
             .decimalNumber, .letterNumber, .otherNumber: return true
        default: return false
        }
    }

    /// Characters whose case folding holds an ASCII letter: with one of them
    /// in the text, the regular expression decides.
    static func foldsToASCII(_ u: Unicode.Scalar?) -> Bool {
        guard let v = u?.value else { return false }
        switch v {
        case 0xDF, 0x130, 0x149, 0x17F, 0x1F0, 0x1E96...0x1E9A, 0x1E9E, 0x212A, 0xFB00...0xFB06: return true
        default: return false
        }
    }

    /// The scalar starting at byte `i` and its length in bytes (nil for a malformed sequence).
    private static func scalarAndLength(_ b: UnsafeBufferPointer<UInt8>, at i: Int) -> (Unicode.Scalar?, Int) {
        let c = b[i]
        if c < 0x80 { return (Unicode.Scalar(c), 1) }
        let len = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1
        guard len > 1, i + len <= b.count else { return (nil, 1) }
        var v = UInt32(c) & (len == 2 ? 0x1F : len == 3 ? 0x0F : 0x07)
        for k in 1..<len {
            let d = b[i + k]
            guard d & 0xC0 == 0x80 else { return (nil, 1) }
            v = v << 6 | UInt32(d & 0x3F)
        }
        return (Unicode.Scalar(v), len)
    }

    private static func scalar(_ b: UnsafeBufferPointer<UInt8>, at i: Int) -> Unicode.Scalar? { scalarAndLength(b, at: i).0 }

    /// The scalar that ends just before byte `i`.
    private static func scalar(_ b: UnsafeBufferPointer<UInt8>, before i: Int) -> Unicode.Scalar? {
        var s = i - 1
        while s > 0, i - s < 4, b[s] & 0xC0 == 0x80 { s -= 1 }
        return scalar(b, at: s)
    }

    // MARK: - cache

    private final class Cache: @unchecked Sendable {
        let lock = NSLock()
        var compiled: [String: PhraseSearch] = [:]
    }

    private static let cache = Cache()

    /// The compiled search for a phrase, from the cache (at most 1,000 phrases are kept).
    static func compiled(_ phrase: String) -> PhraseSearch {
        cache.lock.lock()
        defer { cache.lock.unlock() }
        if let found = cache.compiled[phrase] { return found }
        if cache.compiled.count >= 1000 { cache.compiled.removeAll() }
        let made = PhraseSearch(phrase)
        cache.compiled[phrase] = made
        return made
    }
}
