// Entity co-occurrence: which entities are mentioned together, in the same document or
// the same sentence. Entities are merged across documents by name and alias (as in
// compare). In sentence mode an entity is in a sentence when the sentence contains its
// name or an alias as a whole word (case-sensitive, since "US" and "us" differ).
//
// PMI = log2(n(a,b) · N / (n(a) · n(b))), with N the number of units (documents or
// sentences) and n(x) the units mentioning x: 0 means as often together as chance.

import Foundation

/// What counts as "together".
public enum CooccurrenceUnit: String, Sendable, Equatable {
    /// Both entities in one document.
    case document
    /// Both entities in one sentence.
    case sentence
}

/// Two entities mentioned together, and how often.
public struct Cooccurrence: Sendable, Equatable {
    /// The first entity (alphabetically first name).
    public var first: String
    /// Its type.
    public var firstType: String
    /// The second entity.
    public var second: String
    /// Its type.
    public var secondType: String
    /// Units (documents or sentences) mentioning both.
    public var count: Int
    /// Pointwise mutual information in bits.
    public var pmi: Double
}

extension Analysis {
    /// Entity pairs mentioned in the same document or sentence, most frequent first (then
    /// higher PMI, then names). `types` keeps only entities of those types; pairs seen fewer
    /// than `minimumCount` times are left out.
    public static func cooccur(_ documents: [AnalysisDocument], unit: CooccurrenceUnit = .document,
                               types: Set<String>? = nil, minimumCount: Int = 1) throws -> [Cooccurrence] {
        guard !documents.isEmpty else { throw AnalysisError("cooccur needs at least one document") }
        guard minimumCount >= 1 else { throw AnalysisError("minimum count must be at least 1, got \(minimumCount)") }
        let (merged, per) = mergeEntities(documents.map(\.entities))
        var keyOwner: [String: Int] = [:]
        for (i, m) in merged.enumerated() { for k in m.keys { keyOwner[k] = i } }
        let allowed = merged.map { m in types.map { $0.contains(m.type) } ?? true }

        var units: [[Int]] = []
        for (d, doc) in documents.enumerated() {
            let present = per[d].keys.filter { allowed[$0] }.sorted()
            switch unit {
            case .document:
                units.append(present)
            case .sentence:
                // The names this document uses for each of its entities.
                var names: [Int: Set<String>] = [:]
                for e in doc.entities {
                    guard let owner = keyOwner[entityKey(e.name)], allowed[owner] else { continue }
                    names[owner, default: []].insert(e.name)
                    for a in e.aliases { names[owner, default: []].insert(a) }
                }
                for s in doc.effectiveSentences {
                    units.append(names.filter { $0.value.contains { containsWord(s, $0) } }.keys.sorted())
                }
            }
        }
        var single: [Int: Int] = [:]
        var pairs: [UInt64: Int] = [:]
        for u in units {
            for e in u { single[e, default: 0] += 1 }
            for x in 0..<u.count { for y in (x + 1)..<u.count { pairs[UInt64(u[x]) << 32 | UInt64(u[y]), default: 0] += 1 } }
        }
        let n = Double(units.count)
        var out: [Cooccurrence] = []
        for (key, count) in pairs where count >= minimumCount {
            var a = merged[Int(key >> 32)], b = merged[Int(key & 0xFFFF_FFFF)]
            let na = Double(single[Int(key >> 32)] ?? 1), nb = Double(single[Int(key & 0xFFFF_FFFF)] ?? 1)
            if b.name < a.name { swap(&a, &b) }
            out.append(Cooccurrence(first: a.name, firstType: a.type, second: b.name, secondType: b.type,
                                    count: count, pmi: log2(Double(count) * n / (na * nb))))
        }
        out.sort {
            if $0.count != $1.count { return $0.count > $1.count }
            if $0.pmi != $1.pmi { return $0.pmi > $1.pmi }
            return ($0.first, $0.second) < ($1.first, $1.second)
        }
        return out
    }

    /// Whether `text` contains `word` with no letter or digit directly on either side.
    static func containsWord(_ text: String, _ word: String) -> Bool {
        guard !word.isEmpty else { return false }
        var from = text.startIndex
        while let r = text.range(of: word, range: from..<text.endIndex) {
            let before = r.lowerBound == text.startIndex ? nil : text[text.index(before: r.lowerBound)]
            let after = r.upperBound == text.endIndex ? nil : text[r.upperBound]
            let boundaryBefore = before.map { !($0.isLetter || $0.isNumber) } ?? true
            let boundaryAfter = after.map { !($0.isLetter || $0.isNumber) } ?? true
            if boundaryBefore && boundaryAfter { return true }
            from = text.index(after: r.lowerBound)
        }
        return false
    }
}
