// TF-IDF vectors with cosine similarity, and an inverted index for nearest neighbours.
//
// Weights: tf = 1 + ln(count) (sublinear), idf = ln((1 + N) / (1 + df)) + 1 (smoothed, as
// scikit-learn's default), vectors L2-normalised, so cosine is a sparse dot product.
// By default terms are content terms: stop words left out (they carry no topic and
// dominate short texts) and a possessive 's dropped, so "japan's" counts as "japan".

import Foundation

/// A sparse, L2-normalised term vector: term ids ascending, with their weights.
public struct TermVector: Sendable, Equatable {
    /// Term ids, ascending.
    public var terms: [Int32]
    /// The weight of each term, same order.
    public var weights: [Double]

    /// The empty vector.
    public init() { terms = []; weights = [] }

    /// The cosine of two normalised vectors: their dot product.
    public func cosine(_ other: TermVector) -> Double {
        var i = 0, j = 0, sum = 0.0
        while i < terms.count, j < other.terms.count {
            let a = terms[i], b = other.terms[j]
            if a == b { sum += weights[i] * other.weights[j]; i += 1; j += 1 }
            else if a < b { i += 1 } else { j += 1 }
        }
        return min(1, max(0, sum))
    }
}

/// A TF-IDF index over a collection: built once, then queried for similarities.
public struct TFIDFIndex: Sendable {
    /// Term text by id.
    public private(set) var vocabulary: [String] = []
    /// Term id by text.
    public private(set) var termIDs: [String: Int32] = [:]
    /// In how many documents each term occurs, by id.
    public private(set) var documentFrequency: [Int] = []
    /// Raw term counts per document: term id -> count.
    public private(set) var counts: [[Int32: Int]] = []
    /// The normalised TF-IDF vector of each document.
    public private(set) var vectors: [TermVector] = []
    /// Whether stop words were left out.
    public let removesStopWords: Bool
    /// For each term id, the documents containing it with the term's weight there.
    private var postings: [[(doc: Int32, weight: Double)]] = []

    /// The number of documents.
    public var count: Int { counts.count }

    /// Builds the index over texts.
    public init(texts: [String], removingStopWords: Bool = true) {
        removesStopWords = removingStopWords
        counts.reserveCapacity(texts.count)
        for text in texts {
            var c: [Int32: Int] = [:]
            Analysis.forEachToken(in: text) { bytes in
                let id = self.intern(bytes)
                if id >= 0 { c[id, default: 0] += 1 }
            }
            for id in c.keys { documentFrequency[Int(id)] += 1 }
            counts.append(c)
        }
        finish()
    }

    /// Each text's terms with their counts, in the order they first occur: what
    /// `init(termCounts:)` needs to build, from parts of a collection, the index `init(texts:)` builds.
    public static func termCounts(of text: String, removingStopWords: Bool = true) -> [(term: String, count: Int)] {
        var order: [String] = []
        var c: [String: Int] = [:]
        Analysis.forEachToken(in: text) { bytes in
            guard let word = removingStopWords ? Analysis.contentTerm(bytes) : String(decoding: bytes, as: UTF8.self) else { return }
            if c[word] == nil { order.append(word) }
            c[word, default: 0] += 1
        }
        return order.map { ($0, c[$0] ?? 0) }
    }

    /// Builds the index from each document's `termCounts(of:)`: the same term ids, weights and
    /// vectors as over the texts, since terms are numbered in the order they first occur.
    public init(termCounts documents: [[(term: String, count: Int)]], removingStopWords: Bool = true) {
        removesStopWords = removingStopWords
        counts.reserveCapacity(documents.count)
        for terms in documents {
            var c: [Int32: Int] = [:]
            for (word, n) in terms { c[intern(word), default: 0] += n }
            for id in c.keys { documentFrequency[Int(id)] += 1 }
            counts.append(c)
        }
        finish()
    }

    private mutating func finish() {
        vectors = counts.map { vector(ofCounts: $0) }
        postings = Array(repeating: [], count: vocabulary.count)
        for (d, v) in vectors.enumerated() {
            for (t, w) in zip(v.terms, v.weights) { postings[Int(t)].append((Int32(d), w)) }
        }
    }

    /// Builds the index over documents' texts.
    public init(documents: [AnalysisDocument], removingStopWords: Bool = true) {
        self.init(texts: documents.map(\.text), removingStopWords: removingStopWords)
    }

    /// Looks a token up, adding it to the vocabulary; -1 for a stop word when removed.
    private mutating func intern(_ bytes: UnsafeBufferPointer<UInt8>) -> Int32 {
        let term = removesStopWords ? Analysis.contentTerm(bytes) : String(decoding: bytes, as: UTF8.self)
        guard let word = term else { return -1 }
        return intern(word)
    }

    /// Looks a term up, adding it to the vocabulary.
    private mutating func intern(_ word: String) -> Int32 {
        if let id = termIDs[word] { return id }
        let id = Int32(vocabulary.count)
        vocabulary.append(word)
        termIDs[word] = id
        documentFrequency.append(0)
        return id
    }

    /// The smoothed inverse document frequency of a term id (a term absent from the
    /// collection, id -1, gets the largest value, as if df were 0).
    public func idf(_ id: Int32) -> Double {
        let df = id >= 0 && Int(id) < documentFrequency.count ? documentFrequency[Int(id)] : 0
        return log(Double(1 + count) / Double(1 + df)) + 1
    }

    /// The smoothed inverse document frequency of a word.
    public func idf(of word: String) -> Double { idf(termIDs[word] ?? -1) }

    private func vector(ofCounts c: [Int32: Int]) -> TermVector {
        var v = TermVector()
        let ids = c.keys.sorted()
        v.terms = ids
        v.weights = ids.map { (1 + log(Double(c[$0] ?? 1))) * idf($0) }
        normalise(&v)
        return v
    }

    private func normalise(_ v: inout TermVector) {
        let norm = v.weights.reduce(0) { $0 + $1 * $1 }.squareRoot()
        if norm > 0 { v.weights = v.weights.map { $0 / norm } }
    }

    /// The vector of any text against this collection's idf. Words not in the collection
    /// are kept, under negative ids unique within this vector, with the largest idf.
    public func vector(for text: String) -> TermVector {
        var known: [Int32: Int] = [:]
        var unknown: [String: Int] = [:]
        Analysis.forEachToken(in: text) { bytes in
            let term = removesStopWords ? Analysis.contentTerm(bytes) : String(decoding: bytes, as: UTF8.self)
            guard let word = term else { return }
            if let id = termIDs[word] { known[id, default: 0] += 1 } else { unknown[word, default: 0] += 1 }
        }
        var pairs: [(Int32, Double)] = known.map { ($0.key, (1 + log(Double($0.value))) * idf($0.key)) }
        // Unknown words never match another vector's ids: give them ids below zero.
        for (n, (_, c)) in unknown.sorted(by: { $0.key < $1.key }).enumerated() {
            pairs.append((Int32(-1 - n), (1 + log(Double(c))) * idf(-1)))
        }
        pairs.sort { $0.0 < $1.0 }
        var v = TermVector()
        v.terms = pairs.map(\.0)
        v.weights = pairs.map(\.1)
        normalise(&v)
        return v
    }

    /// Cosine similarity of documents `i` and `j`, in 0...1.
    public func similarity(_ i: Int, _ j: Int) throws -> Double {
        try check(i); try check(j)
        return vectors[i].cosine(vectors[j])
    }

    /// The `k` documents most similar to document `i` (excluding itself), best first,
    /// found through the inverted index: only documents sharing a term are scored.
    public func mostSimilar(to i: Int, k: Int) throws -> [(index: Int, similarity: Double)] {
        try check(i)
        guard k >= 1 else { throw AnalysisError("k must be at least 1, got \(k)") }
        // A dense accumulator plus the list of documents touched: no hashing per posting.
        var scores = [Double](repeating: 0, count: count)
        var touched: [Int32] = []
        let v = vectors[i]
        for (t, w) in zip(v.terms, v.weights) {
            for p in postings[Int(t)] where Int(p.doc) != i {
                if scores[Int(p.doc)] == 0 { touched.append(p.doc) }
                scores[Int(p.doc)] += w * p.weight
            }
        }
        let ranked = touched.sorted { scores[Int($0)] != scores[Int($1)] ? scores[Int($0)] > scores[Int($1)] : $0 < $1 }
        return ranked.prefix(k).map { (Int($0), min(1, scores[Int($0)])) }
    }

    /// Pairs of documents with cosine ≥ `threshold`, found without comparing all pairs: a
    /// document's candidates share at least two of its `topTerms` highest-weighted terms
    /// (one, if it has fewer than two), counting only terms in at most
    /// `maxDocumentFrequency` documents. Each pair once, as (lower index, higher, cosine).
    func similarPairs(threshold: Double, topTerms: Int, maxDocumentFrequency: Int) -> [(Int, Int, Double)] {
        var shared = [Int32](repeating: 0, count: count)
        var touched: [Int32] = []
        var out: [(Int, Int, Double)] = []
        var found = Set<UInt64>()  // accepted pairs (lower << 32 | higher)
        for d in 0..<count {
            let v = vectors[d]
            let top = zip(v.terms, v.weights)
                .filter { documentFrequency[Int($0.0)] <= maxDocumentFrequency }
                .sorted { $0.1 != $1.1 ? $0.1 > $1.1 : $0.0 < $1.0 }
                .prefix(topTerms)
            let needed: Int32 = top.count >= 2 ? 2 : 1
            for (t, _) in top {
                for p in postings[Int(t)] where Int(p.doc) != d {
                    if shared[Int(p.doc)] == 0 { touched.append(p.doc) }
                    shared[Int(p.doc)] += 1
                }
            }
            for e in touched {
                // A pair found from both sides is verified once, from the lower index,
                // unless only the higher one's top terms found it.
                if shared[Int(e)] >= needed, Int(e) > d || !found.contains(UInt64(e) << 32 | UInt64(d)) {
                    let c = v.cosine(vectors[Int(e)])
                    if c >= threshold {
                        out.append((min(d, Int(e)), max(d, Int(e)), c))
                        if Int(e) > d { found.insert(UInt64(d) << 32 | UInt64(e)) }
                    }
                }
                shared[Int(e)] = 0
            }
            touched.removeAll(keepingCapacity: true)
        }
        return out
    }

    /// The `k` terms of document `i` with the highest TF-IDF weight, with their counts.
    public func topTerms(of i: Int, k: Int) throws -> [DistinctiveTerm] {
        try check(i)
        guard k >= 1 else { throw AnalysisError("k must be at least 1, got \(k)") }
        let v = vectors[i]
        let ranked = zip(v.terms, v.weights).sorted {
            $0.1 != $1.1 ? $0.1 > $1.1 : vocabulary[Int($0.0)] < vocabulary[Int($1.0)]
        }
        return ranked.prefix(k).map { DistinctiveTerm(term: vocabulary[Int($0.0)], score: $0.1, count: counts[i][$0.0] ?? 0) }
    }

    private func check(_ i: Int) throws {
        guard i >= 0, i < count else {
            throw AnalysisError(count == 0 ? "the collection is empty" : "document index \(i) is out of range 0..<\(count)")
        }
    }
}
