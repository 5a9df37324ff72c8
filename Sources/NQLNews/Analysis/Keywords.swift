// Keywords: the terms that make a document distinctive.
//
// Against a collection, a term's score is its TF-IDF weight in the document (sublinear tf
// times smoothed idf, L2-normalised). Numbers ("1,880") and single letters are never
// keywords: they are distinctive but say nothing about the topic. A single document has no collection, so it is
// measured against `BackgroundFrequency`: the score is (1 + ln count) times the term's
// information content in general English, -log2 p(term), with p from a Zipf model of a
// rank list; a word not in the list is taken as rarer than any in it.

import Foundation

/// A distinctive term of a document.
public struct DistinctiveTerm: Sendable, Equatable {
    /// The term, lower-case.
    public var term: String
    /// How distinctive it is; only comparable within one call.
    public var score: Double
    /// How many times the document uses it.
    public var count: Int

    /// Creates a keyword.
    public init(term: String, score: Double, count: Int) {
        self.term = term
        self.score = score
        self.count = count
    }
}

extension Analysis {
    /// The `k` most distinctive terms of each document against the others (TF-IDF);
    /// numbers and one-letter tokens are left out.
    public static func keywords(_ documents: [String], k: Int) throws -> [[DistinctiveTerm]] {
        guard !documents.isEmpty else { throw AnalysisError("keywords needs at least one document") }
        guard k >= 1 else { throw AnalysisError("k must be at least 1, got \(k)") }
        if documents.count == 1 { return [try keywords(documents[0], k: k)] }
        return try keywords(TFIDFIndex(texts: documents), k: k)
    }

    /// The `k` most distinctive terms of each document of an index against the others.
    public static func keywords(_ index: TFIDFIndex, k: Int) throws -> [[DistinctiveTerm]] {
        guard k >= 1 else { throw AnalysisError("k must be at least 1, got \(k)") }
        return try (0..<index.count).map { i in
            Array(try index.topTerms(of: i, k: Int.max).lazy.filter { isKeywordCandidate($0.term) }.prefix(k))
        }
    }

    /// Whether a term can be a keyword: not a number, not a single letter.
    static func isKeywordCandidate(_ term: String) -> Bool {
        term.utf8.count > 1 && term.contains(where: \.isLetter)
    }

    /// The `k` most distinctive terms of one text against general English.
    /// Numbers and one-letter tokens are left out.
    public static func keywords(_ text: String, k: Int) throws -> [DistinctiveTerm] {
        guard k >= 1 else { throw AnalysisError("k must be at least 1, got \(k)") }
        var counts: [String: Int] = [:]
        for t in tokens(text, removingStopWords: true) where isKeywordCandidate(t) {
            counts[t, default: 0] += 1
        }
        let scored = counts.map { term, c in
            DistinctiveTerm(term: term, score: (1 + log(Double(c))) * BackgroundFrequency.information(term), count: c)
        }
        return Array(scored.sorted { $0.score != $1.score ? $0.score > $1.score : $0.term < $1.term }.prefix(k))
    }
}
