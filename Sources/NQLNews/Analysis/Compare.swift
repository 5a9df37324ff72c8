// Comparing two documents: TF-IDF similarity, shared and missing entities, and which
// sentences one copies or paraphrases from the other.
//
// Sentence similarity is the cosine of the two sentences' sets of content words (stop
// words removed): |A ∩ B| / √(|A|·|B|). Thresholds:
// - copied: identical after normalising quotes, white space and case, or cosine ≥ 0.9
//   both on content words and on all words, and word-bigram Dice ≥ 0.75 (for 10-word
//   sentences, about one word changed on each side; checking all words keeps "warned
//   that … are" and "warned … were" apart, a rewording that keeps every content word,
//   and the bigrams keep the same words in another order apart);
// - paraphrased: cosine ≥ 0.5 (about half the content words shared: a rewording of the
//   same statement; unrelated sentences on one topic rarely share half their words);
//   sentences with fewer than 3 content words can only be copied, never paraphrased,
//   since two or three shared words ("he said on Tuesday") prove nothing; such short
//   sentences are copied only when identical after normalising.
// - otherwise unmatched, and listed as said only on that side.

import Foundation

/// How a sentence of one document relates to the other document.
public enum AlignmentKind: String, Sendable, Equatable {
    /// The other document has the same sentence (up to quotes, white space and case, or
    /// content-word cosine ≥ 0.9).
    case copied
    /// The other document has a sentence sharing most content words (cosine ≥ 0.5).
    case paraphrased
    /// No sentence of the other document is close.
    case unmatched
}

/// A sentence of the left document with its closest sentence in the right one.
public struct SentenceAlignment: Sendable, Equatable {
    /// Index of the sentence in the left document.
    public var leftIndex: Int
    /// The left sentence.
    public var left: String
    /// Index of the closest right sentence, if any shares a content word.
    public var rightIndex: Int?
    /// The closest right sentence.
    public var right: String?
    /// Content-word cosine, 0...1 (1 for identical sentences).
    public var similarity: Double
    /// Copied, paraphrased or unmatched.
    public var kind: AlignmentKind
}

/// An entity both documents mention.
public struct SharedEntity: Sendable, Equatable {
    /// The name on the left.
    public var name: String
    /// The type on the left.
    public var type: String
    /// The name on the right, when it differs (an alias match).
    public var rightName: String
    /// Mentions on the left.
    public var leftCount: Int
    /// Mentions on the right.
    public var rightCount: Int
}

/// The result of comparing two documents.
public struct Comparison: Sendable, Equatable {
    /// TF-IDF cosine similarity of the two texts, 0...1.
    public var similarity: Double
    /// Jaccard overlap of the two entity sets (alias matches count as one entity); 0 when
    /// neither document has entities.
    public var entityOverlap: Double
    /// Entities both mention, most prominent first (total mentions, then earliest).
    public var sharedEntities: [SharedEntity]
    /// Entities only the left mentions, most prominent first.
    public var onlyLeftEntities: [EntitySummary]
    /// Entities only the right mentions, most prominent first.
    public var onlyRightEntities: [EntitySummary]
    /// Every left sentence with its closest right sentence.
    public var alignments: [SentenceAlignment]
    /// Every right sentence with its closest left sentence (left and right swapped).
    public var reverseAlignments: [SentenceAlignment]

    /// Left sentences the right copies.
    public var copied: [SentenceAlignment] { alignments.filter { $0.kind == .copied } }
    /// Left sentences the right paraphrases.
    public var paraphrased: [SentenceAlignment] { alignments.filter { $0.kind == .paraphrased } }
    /// What the left says that the right does not.
    public var sentencesOnlyLeft: [String] { alignments.filter { $0.kind == .unmatched }.map(\.left) }
    /// What the right says that the left does not.
    public var sentencesOnlyRight: [String] { reverseAlignments.filter { $0.kind == .unmatched }.map(\.left) }
}

extension Analysis {
    /// Content-word cosine at or above which sentences count as copied.
    public static let copiedThreshold = 0.9
    /// Content-word cosine at or above which sentences count as paraphrased.
    public static let paraphrasedThreshold = 0.5
    /// Word-bigram Dice overlap a near-identical sentence also needs to count as copied:
    /// one word changed in a 12-word sentence leaves 0.82; the same words reordered less.
    public static let copiedBigramThreshold = 0.75
    /// The fewest content words a sentence needs to be matched as a paraphrase.
    public static let paraphraseMinimumWords = 3

    /// Compares two documents. Similarity uses `index`'s idf when given (the texts need not
    /// be in it), otherwise idf over just the two texts.
    public static func compare(_ a: AnalysisDocument, _ b: AnalysisDocument, index: TFIDFIndex? = nil) -> Comparison {
        let similarity: Double
        if let index {
            similarity = index.vector(for: a.text).cosine(index.vector(for: b.text))
        } else {
            let pair = TFIDFIndex(texts: [a.text, b.text])
            similarity = pair.vectors[0].cosine(pair.vectors[1])
        }
        let (shared, onlyA, onlyB, overlap) = compareEntities(a.entities, b.entities)
        let sa = a.effectiveSentences, sb = b.effectiveSentences
        return Comparison(
            similarity: similarity, entityOverlap: overlap, sharedEntities: shared,
            onlyLeftEntities: onlyA, onlyRightEntities: onlyB,
            alignments: alignSentences(sa, sb), reverseAlignments: alignSentences(sb, sa))
    }

    /// Compares two texts (no entities).
    public static func compare(_ a: String, _ b: String) -> Comparison {
        compare(AnalysisDocument(text: a), AnalysisDocument(text: b))
    }

    static func compareEntities(_ a: [EntitySummary], _ b: [EntitySummary]) -> ([SharedEntity], [EntitySummary], [EntitySummary], Double) {
        let (merged, per) = mergeEntities([a, b])
        var shared: [(SharedEntity, Int?)] = []
        var onlyA: [EntitySummary] = [], onlyB: [EntitySummary] = []
        for (i, _) in merged.enumerated() {
            let pa = per[0][i], pb = per[1][i]
            if let pa, let pb {
                let first = [pa.first, pb.first].compactMap { $0 }.min()
                shared.append((SharedEntity(name: pa.name, type: pa.type, rightName: pb.name, leftCount: pa.count, rightCount: pb.count), first))
            } else if let pa {
                onlyA.append(EntitySummary(name: pa.name, type: pa.type, count: pa.count, firstOffset: pa.first))
            } else if let pb {
                onlyB.append(EntitySummary(name: pb.name, type: pb.type, count: pb.count, firstOffset: pb.first))
            }
        }
        shared.sort { moreProminent(($0.0.leftCount + $0.0.rightCount, $0.1, $0.0.name), ($1.0.leftCount + $1.0.rightCount, $1.1, $1.0.name)) }
        onlyA.sort { moreProminent(($0.count, $0.firstOffset, $0.name), ($1.count, $1.firstOffset, $1.name)) }
        onlyB.sort { moreProminent(($0.count, $0.firstOffset, $0.name), ($1.count, $1.firstOffset, $1.name)) }
        let union = shared.count + onlyA.count + onlyB.count
        return (shared.map(\.0), onlyA, onlyB, union == 0 ? 0 : Double(shared.count) / Double(union))
    }

    /// A sentence normalised for the identity test: straight quotes, single spaces, lower case.
    static func normaliseSentence(_ s: String) -> String {
        var out = ""
        var space = false
        for ch in s.lowercased() {
            if ch.isWhitespace { space = !out.isEmpty; continue }
            if space { out.append(" "); space = false }
            switch ch {
            case "“", "”", "„", "‟", "«", "»": out.append("\"")
            case "‘", "’", "‚", "‛": out.append("'")
            default: out.append(ch)
            }
        }
        return out
    }

    /// The cosine of two sentences' sets of all words, stop words included.
    static func allWordCosine(_ a: String, _ b: String) -> Double {
        let x = Set(tokens(a)), y = Set(tokens(b))
        guard !x.isEmpty, !y.isEmpty else { return 0 }
        return Double(x.intersection(y).count) / (Double(x.count) * Double(y.count)).squareRoot()
    }

    /// The Dice overlap of two sentences' word-bigram sets (all words): word order.
    static func bigramDice(_ a: String, _ b: String) -> Double {
        func bigrams(_ s: String) -> Set<String> {
            let t = tokens(s)
            guard t.count >= 2 else { return Set(t) }
            return Set((1..<t.count).map { t[$0 - 1] + " " + t[$0] })
        }
        let x = bigrams(a), y = bigrams(b)
        guard !x.isEmpty || !y.isEmpty else { return 1 }
        return 2 * Double(x.intersection(y).count) / Double(x.count + y.count)
    }

    /// For each left sentence, the closest right sentence and how they relate.
    public static func alignSentences(_ left: [String], _ right: [String]) -> [SentenceAlignment] {
        let rightWords = right.map { Set(tokens($0, removingStopWords: true)) }
        var exact: [String: Int] = [:]
        for (j, s) in right.enumerated() where exact[normaliseSentence(s)] == nil { exact[normaliseSentence(s)] = j }
        var postings: [String: [Int]] = [:]
        for (j, ws) in rightWords.enumerated() { for w in ws { postings[w, default: []].append(j) } }

        return left.enumerated().map { i, sentence in
            if let j = exact[normaliseSentence(sentence)] {
                return SentenceAlignment(leftIndex: i, left: sentence, rightIndex: j, right: right[j], similarity: 1, kind: .copied)
            }
            let words = Set(tokens(sentence, removingStopWords: true))
            var shared: [Int: Int] = [:]
            for w in words { for j in postings[w] ?? [] { shared[j, default: 0] += 1 } }
            var best: (Int, Double)? = nil
            for (j, n) in shared {
                let cos = Double(n) / (Double(words.count) * Double(rightWords[j].count)).squareRoot()
                if let (bj, bc) = best, cos < bc || (cos == bc && j > bj) { continue }
                best = (j, cos)
            }
            guard let (j, cos) = best else {
                return SentenceAlignment(leftIndex: i, left: sentence, rightIndex: nil, right: nil, similarity: 0, kind: .unmatched)
            }
            let kind: AlignmentKind
            let enough = min(words.count, rightWords[j].count) >= paraphraseMinimumWords
            if cos >= copiedThreshold, enough, allWordCosine(sentence, right[j]) >= copiedThreshold,
               bigramDice(sentence, right[j]) >= copiedBigramThreshold { kind = .copied }
            else if cos >= paraphrasedThreshold, enough { kind = .paraphrased }
            else { kind = .unmatched }
            return SentenceAlignment(leftIndex: i, left: sentence, rightIndex: j, right: right[j], similarity: cos, kind: kind)
        }
    }
}
