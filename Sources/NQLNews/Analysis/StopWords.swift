// An English stop-word list written for news analysis: function words, auxiliaries,
// pronouns and contractions. Reporting verbs ("said") are kept out on purpose: they are
// content for quote analysis and are down-weighted by IDF anyway.

/// English stop words, lower-case, with ASCII apostrophes.
public enum StopWords {
    /// The list as a set, for lookups.
    public static let english: Set<String> = Set(list)

    /// The list in a readable order.
    public static let list: [String] = [
        "a", "about", "above", "after", "again", "against", "all", "also", "am", "an", "and",
        "any", "are", "aren't", "as", "at", "be", "because", "been", "before", "being",
        "below", "between", "both", "but", "by", "can", "can't", "cannot", "could",
        "couldn't", "did", "didn't", "do", "does", "doesn't", "doing", "don't", "down",
        "during", "each", "either", "else", "ever", "every", "few", "for", "from", "further",
        "had", "hadn't", "has", "hasn't", "have", "haven't", "having", "he", "he'd", "he'll",
        "he's", "her", "here", "here's", "hers", "herself", "him", "himself", "his", "how",
        "how's", "however", "i", "i'd", "i'll", "i'm", "i've", "if", "in", "into", "is",
        "isn't", "it", "it's", "its", "itself", "just", "let's", "may", "me", "might", "more",
        "most", "must", "mustn't", "my", "myself", "neither", "no", "nor", "not", "now", "of",
        "off", "on", "once", "only", "or", "other", "ought", "our", "ours", "ourselves", "out",
        "over", "own", "same", "shall", "shan't", "she", "she'd", "she'll", "she's", "should",
        "shouldn't", "so", "some", "such", "than", "that", "that's", "the", "their", "theirs",
        "them", "themselves", "then", "there", "there's", "these", "they", "they'd",
        "they'll", "they're", "they've", "this", "those", "though", "through", "thus", "to",
        "too", "under", "until", "up", "upon", "us", "very", "via", "was", "wasn't", "we",
        "we'd", "we'll", "we're", "we've", "were", "weren't", "what", "what's", "when",
        "when's", "where", "where's", "whether", "which", "while", "who", "who's", "whom",
        "whose", "why", "why's", "will", "with", "within", "without", "won't", "would",
        "wouldn't", "yet", "you", "you'd", "you'll", "you're", "you've", "your", "yours",
        "yourself", "yourselves", "'s", "s", "t",
    ]
}

extension Analysis {
    /// Abbreviations that end with a period but do not end a sentence.
    static let abbreviations: Set<String> = [
        "mr", "mrs", "ms", "dr", "prof", "gen", "lt", "col", "sgt", "capt", "cmdr", "adm",
        "sen", "rep", "gov", "pres", "st", "jr", "sr", "no", "vs", "etc", "inc", "corp",
        "co", "ltd", "dept", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept",
        "oct", "nov", "dec", "mt", "ft", "approx", "est", "fig", "rev", "hon",
    ]

    /// Splits text into sentences: after '.', '!' or '?' (and any closing quotes or
    /// brackets) followed by space and an upper-case letter, digit or opening quote, unless
    /// the period ends a known abbreviation or a single initial ("U.S.", "J."); and at
    /// blank lines. Single line breaks are treated as wrapped lines, not boundaries.
    public static func sentences(of text: String) -> [String] {
        let chars = Array(text)
        var out: [String] = []
        var start = 0
        var i = 0
        func flush(_ end: Int) {
            if end > start {
                let s = String(chars[start..<end]).trimmedForAnalysis()
                if !s.isEmpty { out.append(s) }
            }
            start = end
        }
        while i < chars.count {
            let c = chars[i]
            if c == "\n" || c == "\r\n" {
                var j = i + 1
                while j < chars.count, chars[j] == " " || chars[j] == "\t" { j += 1 }
                if j < chars.count, chars[j] == "\n" || chars[j] == "\r\n" {
                    flush(i)
                    i = j + 1
                    start = i
                    continue
                }
            }
            if c == "." || c == "!" || c == "?" {
                var j = i + 1
                while j < chars.count, "\"'”’)]".contains(chars[j]) || chars[j] == "." { j += 1 }
                var k = j
                var sawSpace = false
                while k < chars.count, chars[k].isWhitespace { k += 1; sawSpace = true }
                if k >= chars.count { i = j; continue }
                let next = chars[k]
                let starts = next.isUppercase || next.isNumber || "\"“‘'(".contains(next)
                if sawSpace && starts && !(c == "." && isAbbreviation(chars, endingBefore: i)) {
                    flush(j)
                    i = k
                    start = k
                    continue
                }
                i = j
                continue
            }
            i += 1
        }
        flush(chars.count)
        return out
    }

    /// Whether the word ending just before the period at `dot` is an abbreviation or initial.
    private static func isAbbreviation(_ chars: [Character], endingBefore dot: Int) -> Bool {
        var s = dot
        while s > 0, chars[s - 1].isLetter { s -= 1 }
        let word = String(chars[s..<dot])
        if word.count == 1, word.first?.isUppercase == true { return true }  // "J." or "U.S."
        return abbreviations.contains(word.lowercased())
    }
}

extension String {
    /// The string without leading and trailing white space.
    func trimmedForAnalysis() -> String {
        var s = Substring(self)
        while let f = s.first, f.isWhitespace { s = s.dropFirst() }
        while let l = s.last, l.isWhitespace { s = s.dropLast() }
        return String(s)
    }
}
