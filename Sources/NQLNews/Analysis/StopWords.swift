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
    /// Splits text into sentences with the loader's `SentenceSplitter`, treating blank
    /// lines as paragraph breaks that no sentence spans.
    public static func sentences(of text: String) -> [String] {
        var paragraphs: [String] = []
        var current: [Substring] = []
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.allSatisfy(\.isWhitespace) {
                if !current.isEmpty { paragraphs.append(current.joined(separator: " ")) }
                current = []
            } else {
                current.append(line)
            }
        }
        if !current.isEmpty { paragraphs.append(current.joined(separator: " ")) }
        return SentenceSplitter.split(paragraphs: paragraphs)
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
