/// Telling a user why `entities` found nothing: the recogniser reads English,
/// and a text written mostly in another script gets no names at all.
enum NonEnglish {
    /// The script most of the text's letters are in, when fewer than a fifth
    /// of them are Latin ("Korean (Hangul)", "Japanese or Chinese", ...); nil otherwise.
    static func script(of text: String) -> String? {
        var latin = 0, other = 0
        var counts: [String: Int] = [:]
        for u in text.unicodeScalars.prefix(20_000) where u.properties.isAlphabetic {
            if u.value < 0x250 || (0x1E00...0x1EFF).contains(u.value) {
                latin += 1
                continue
            }
            other += 1
            counts[name(of: u.value), default: 0] += 1
        }
        guard other >= 10, latin * 5 < latin + other else { return nil }
        return counts.max { $0.value < $1.value }?.key
    }

    /// Whether a name has a Latin letter or a digit somewhere ("Seoul", "€10", "Lee Jae-myung").
    static func hasLatinLetterOrDigit(_ s: String) -> Bool {
        s.unicodeScalars.contains { u in
            (u.value < 0x250 || (0x1E00...0x1EFF).contains(u.value)) && (u.properties.isAlphabetic || u.properties.numericType != nil)
        }
    }

    private static func name(of v: UInt32) -> String {
        switch v {
        case 0xAC00...0xD7AF, 0x1100...0x11FF, 0x3130...0x318F: return "Korean (Hangul)"
        case 0x3040...0x30FF: return "Japanese"
        case 0x4E00...0x9FFF, 0x3400...0x4DBF: return "Chinese or Japanese characters"
        case 0x0400...0x04FF: return "Cyrillic"
        case 0x0600...0x06FF: return "Arabic script"
        case 0x0590...0x05FF: return "Hebrew"
        case 0x0900...0x097F: return "Devanagari"
        case 0x0E00...0x0E7F: return "Thai"
        case 0x0370...0x03FF: return "Greek"
        default: return "a script other than Latin"
        }
    }
}
