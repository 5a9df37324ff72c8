// Comparing two collections: keyness by Dunning's log-likelihood (G²), as AntConc
// computes it, for words and for entities, plus which entities only one side mentions.
//
// For a term with count a in collection A (size c tokens) and b in B (size d tokens):
//   E1 = c·(a+b)/(c+d), E2 = d·(a+b)/(c+d),
//   G² = 2·(a·ln(a/E1) + b·ln(b/E2))   (a zero count contributes 0).
// G² ≥ 3.84 is significant at p < 0.05 (one degree of freedom); 6.63 at p < 0.01.
// Effect size is Hardie's log ratio: log2((a/c) / (b/d)), with a zero count replaced by 0.5
// so that a term absent from one side gets a finite value. Each doubling of relative
// frequency adds 1.
// Sizes are word tokens for both words and entities (entities per word, not per entity),
// so both lists read as "how much more often per word of text".

import Foundation

/// A term over-represented in one collection against the other.
public struct KeyTerm: Sendable, Equatable {
    /// The word (lower-case) or the entity's name.
    public var term: String
    /// The entity type; empty for words.
    public var type: String
    /// Occurrences in the collection it is key in.
    public var count: Int
    /// Occurrences in the other collection.
    public var otherCount: Int
    /// Dunning's log-likelihood G².
    public var logLikelihood: Double
    /// log2 of the ratio of relative frequencies (positive: more frequent in its collection).
    public var logRatio: Double
}

/// An entity one collection mentions and the other never does.
public struct EntityPresence: Sendable, Equatable {
    /// The entity's name.
    public var name: String
    /// Its type.
    public var type: String
    /// In how many documents of its collection it appears.
    public var documents: Int
    /// Its mentions over those documents.
    public var count: Int
}

/// Settings for comparing collections.
public struct KeynessOptions: Sendable, Equatable {
    /// The least G² to report: 3.84 is p < 0.05, 6.63 p < 0.01, 10.83 p < 0.001.
    public var minimumLogLikelihood: Double = 3.84
    /// The least count a term needs in the collection it is key in.
    public var minimumFrequency: Int = 3
    /// Count content terms: English stop words left out, possessive 's dropped.
    public var removingStopWords: Bool = true
    /// The most terms per list.
    public var limit: Int = 100

    /// The defaults.
    public init() {}
}

/// The result of comparing two collections.
public struct CollectionComparison: Sendable, Equatable {
    /// Word tokens in A and in B (the sizes G² is computed with).
    public var tokensA: Int, tokensB: Int
    /// Words over-represented in A, by G² descending.
    public var keyWordsA: [KeyTerm]
    /// Words over-represented in B.
    public var keyWordsB: [KeyTerm]
    /// Entities over-represented in A.
    public var keyEntitiesA: [KeyTerm]
    /// Entities over-represented in B.
    public var keyEntitiesB: [KeyTerm]
    /// Entities in some document of A and in no document of B, most documents first.
    public var entitiesOnlyInA: [EntityPresence]
    /// Entities in some document of B and in no document of A.
    public var entitiesOnlyInB: [EntityPresence]
}

extension Analysis {
    /// Dunning's log-likelihood G² for a count `a` of `c` against `b` of `d`.
    public static func logLikelihood(_ a: Int, _ c: Int, _ b: Int, _ d: Int) -> Double {
        guard c > 0, d > 0, a + b > 0 else { return 0 }
        let total = Double(c + d), sum = Double(a + b)
        let e1 = Double(c) * sum / total, e2 = Double(d) * sum / total
        var g = 0.0
        if a > 0 { g += Double(a) * log(Double(a) / e1) }
        if b > 0 { g += Double(b) * log(Double(b) / e2) }
        return 2 * g
    }

    /// Hardie's log ratio: log2 of relative frequency in the first over the second, with a
    /// zero count taken as 0.5.
    public static func logRatio(_ a: Int, _ c: Int, _ b: Int, _ d: Int) -> Double {
        guard c > 0, d > 0 else { return 0 }
        let fa = Double(a == 0 ? 0.5 : Double(a)) / Double(c)
        let fb = Double(b == 0 ? 0.5 : Double(b)) / Double(d)
        return log2(fa / fb)
    }

    /// Compares two collections of documents: key words and key entities on each side, and
    /// entities only one side mentions.
    public static func compare(_ a: [AnalysisDocument], _ b: [AnalysisDocument], options: KeynessOptions = KeynessOptions()) throws -> CollectionComparison {
        try compare(counts: collectionCounts(a, options: options), collectionCounts(b, options: options), options: options)
    }

    /// What `compare` of collections needs of one collection: its word tokens, the count of
    /// each word, and each document's entities (in document order). Counts of parts of a
    /// collection add up; entity lists join in order.
    public struct CollectionCounts: Sendable, Equatable {
        /// Word tokens.
        public var tokens = 0
        /// Count of each word (content terms when stop words are removed).
        public var words: [String: Int] = [:]
        /// Each document's entities, in document order.
        public var entities: [[EntitySummary]] = []

        /// Empty counts.
        public init() {}
    }

    /// The counts `compare(counts:_:options:)` needs of a collection.
    public static func collectionCounts(_ docs: [AnalysisDocument], options: KeynessOptions = KeynessOptions()) -> CollectionCounts {
        var c = CollectionCounts()
        for d in docs {
            forEachToken(in: d.text) { bytes in
                c.tokens += 1
                let term = options.removingStopWords ? contentTerm(bytes) : String(decoding: bytes, as: UTF8.self)
                if let term { c.words[term, default: 0] += 1 }
            }
            c.entities.append(d.entities)
        }
        return c
    }

    /// Compares two collections from their counts (see `compare(_:_:options:)`).
    public static func compare(counts ca: CollectionCounts, _ cb: CollectionCounts, options: KeynessOptions = KeynessOptions()) throws -> CollectionComparison {
        let a = ca.entities, b = cb.entities
        guard !a.isEmpty, !b.isEmpty else { throw AnalysisError("compare needs two non-empty collections, got \(a.count) and \(b.count) documents") }
        guard options.limit >= 1 else { throw AnalysisError("limit must be at least 1, got \(options.limit)") }
        guard options.minimumFrequency >= 1 else { throw AnalysisError("minimum frequency must be at least 1, got \(options.minimumFrequency)") }
        let (countsA, countsB, sizeA, sizeB) = (ca.words, cb.words, ca.tokens, cb.tokens)

        func key(_ mine: [String: Int], _ mySize: Int, _ other: [String: Int], _ otherSize: Int, type: (String) -> String) -> [KeyTerm] {
            var out: [KeyTerm] = []
            for (t, n) in mine where n >= options.minimumFrequency {
                let m = other[t] ?? 0
                // Over-represented only: relative frequency higher on this side.
                guard Double(n) * Double(otherSize) > Double(m) * Double(mySize) else { continue }
                let g = logLikelihood(n, mySize, m, otherSize)
                guard g >= options.minimumLogLikelihood else { continue }
                out.append(KeyTerm(term: t, type: type(t), count: n, otherCount: m, logLikelihood: g, logRatio: logRatio(n, mySize, m, otherSize)))
            }
            out.sort { $0.logLikelihood != $1.logLikelihood ? $0.logLikelihood > $1.logLikelihood : $0.term < $1.term }
            return Array(out.prefix(options.limit))
        }

        // Entities: merged across both collections by name and alias keys.
        let (merged, per) = mergeEntities(a + b)
        var entA: [String: Int] = [:], entB: [String: Int] = [:]
        var docsA: [Int: Int] = [:], docsB: [Int: Int] = [:]
        var typeOf: [String: String] = [:]
        for (doc, presence) in per.enumerated() {
            for (e, p) in presence {
                let name = merged[e].name
                typeOf[name] = merged[e].type
                if doc < a.count { entA[name, default: 0] += p.count; docsA[e, default: 0] += 1 }
                else { entB[name, default: 0] += p.count; docsB[e, default: 0] += 1 }
            }
        }
        func only(_ docs: [Int: Int], _ absent: [Int: Int], _ counts: [String: Int]) -> [EntityPresence] {
            docs.filter { absent[$0.key] == nil }
                .map { EntityPresence(name: merged[$0.key].name, type: merged[$0.key].type, documents: $0.value, count: counts[merged[$0.key].name] ?? 0) }
                .sorted { ($0.documents, $0.count) != ($1.documents, $1.count) ? ($0.documents, $0.count) > ($1.documents, $1.count) : $0.name < $1.name }
        }
        let noType: (String) -> String = { _ in "" }
        let entityType: (String) -> String = { typeOf[$0] ?? "" }
        return CollectionComparison(
            tokensA: sizeA, tokensB: sizeB,
            keyWordsA: key(countsA, sizeA, countsB, sizeB, type: noType),
            keyWordsB: key(countsB, sizeB, countsA, sizeA, type: noType),
            keyEntitiesA: key(entA, sizeA, entB, sizeB, type: entityType),
            keyEntitiesB: key(entB, sizeB, entA, sizeA, type: entityType),
            entitiesOnlyInA: only(docsA, docsB, entA),
            entitiesOnlyInB: only(docsB, docsA, entB))
    }
}
