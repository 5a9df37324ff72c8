// Same-story grouping without comparing every pair: MinHash over word shingles, LSH
// banding for candidate pairs, verification by estimated Jaccard, union-find for groups.
//
// Defaults and why:
// - 5-word shingles over all tokens (stop words kept): reworded stories rarely share five
//   words in a row by chance, and template stories ("Shr 22 cts vs 19 cts Net ...") differ
//   in their numbers, so 5-shingles separate them where 3-shingles would not.
// - 128 hash functions, banded 42 × 3 (126 used): a pair with Jaccard s becomes a
//   candidate with probability 1 - (1 - s³)^42: 0.996 at s = 0.5, 0.68 at 0.3, 0.04 at 0.1.
// - A candidate pair is kept when its estimated Jaccard (share of equal signature slots)
//   is ≥ 0.5 (standard error ≈ 0.044 at 128 hashes): at least half of the word 5-grams in
//   common is a rewrite or update of the same story, not two stories on one topic.
// - Hash seeds are fixed, so the result is deterministic.
// `StoryMethod.topics` instead groups by TF-IDF cosine around leaders (see there).

/// Settings for `Analysis.stories`.
public struct StoryOptions: Sendable, Equatable {
    /// Words per shingle.
    public var shingleSize: Int = 5
    /// LSH bands.
    public var bands: Int = 42
    /// Signature slots per band; `bands × rows` slots are used for banding.
    public var rows: Int = 3
    /// Signature length (number of hash functions); at least `bands × rows`.
    public var hashes: Int = 128
    /// The least estimated Jaccard similarity for two documents to be the same story.
    public var threshold: Double = 0.5
    /// Buckets larger than this are linked as a chain and a star, not all pairs.
    public var maxBucketPairs: Int = 40
    /// How documents are compared: shared wording (default) or shared topic.
    public var method: StoryMethod = .shingles
    /// For `.topics`: the least score for two documents to be the same story: the TF-IDF
    /// cosine, averaged with the Jaccard overlap of their named entities when both have some.
    public var topicThreshold: Double = 0.28
    /// For `.topics`: dated documents further apart than this many days are never one story.
    public var topicDays: Int = 3
    /// For `.topics`: how many of a document's highest-weighted terms find its candidates.
    public var topicTerms: Int = 10

    /// The defaults.
    public init() {}
}

/// How `Analysis.stories` decides two documents tell the same story.
public enum StoryMethod: String, Sendable, Equatable {
    /// Shared wording: MinHash estimate of the Jaccard similarity of word 5-shingle sets
    /// (copies, rewrites, updates and corrections of one story).
    case shingles
    /// Shared topic: TF-IDF cosine of the whole texts, averaged with the overlap of their
    /// named entities (different outlets' accounts of one event share the people and places
    /// more than the words), within a few days; texts that name no entity, or none in common,
    /// or different people and organisations, never join. Candidates are the documents sharing at least two of a document's
    /// `topicTerms` highest-weighted terms, among terms in at most 2 % of the documents
    /// (at least 50), so the cost stays near-linear. Groups form around a leader (the
    /// earliest member) that every member is similar to, so they do not chain.
    case topics
}

/// A group of documents telling the same story.
public struct StoryGroup: Sendable, Equatable {
    /// Indices of the member documents, ascending (at least two).
    public var members: [Int]
    /// The member that stands for the group: the earliest dated, then the longest.
    public var representative: Int
    /// The mean estimated Jaccard similarity over the verified pairs that joined the group.
    public var meanSimilarity: Double

    /// Creates a group.
    public init(members: [Int], representative: Int, meanSimilarity: Double) {
        self.members = members
        self.representative = representative
        self.meanSimilarity = meanSimilarity
    }
}

extension Analysis {
    /// Groups texts that tell the same story; the representative is the longest member.
    public static func stories(_ texts: [String], options: StoryOptions = StoryOptions()) throws -> [StoryGroup] {
        try stories(texts: texts, dates: nil, options: options)
    }

    /// Groups documents that tell the same story; the representative is the earliest dated
    /// member, then the longest.
    public static func stories(_ documents: [AnalysisDocument], options: StoryOptions = StoryOptions()) throws -> [StoryGroup] {
        try stories(texts: documents.map(\.text), dates: documents.map(\.date),
                    entities: documents.map(entityWeights), options: options)
    }

    /// A document's named entities as comparison keys with weights: people,
    /// organisations and named things 1, places and nationalities ½ (two reports
    /// of one event name the same people; two stories from one city only share the city).
    static func entityWeights(_ d: AnalysisDocument) -> [String: Double] {
        var weights: [String: Double] = [:]
        for e in d.entities where !Analysis.amountTypes.contains(e.type) {
            let w = ["GPE", "LOC", "NORP", "FAC"].contains(e.type) ? 0.5 : 1.0
            for k in Analysis.entityKeys(e) { weights[k] = max(weights[k] ?? 0, w) }
        }
        return weights
    }

    static func stories(texts: [String], dates: [String?]?, entities: [[String: Double]]? = nil, options o: StoryOptions) throws -> [StoryGroup] {
        guard !texts.isEmpty else { throw AnalysisError("stories needs at least one document") }
        guard o.shingleSize >= 1 else { throw AnalysisError("shingle size must be at least 1, got \(o.shingleSize)") }
        guard o.bands >= 1, o.rows >= 1 else { throw AnalysisError("bands and rows must be at least 1") }
        guard o.hashes >= o.bands * o.rows else {
            throw AnalysisError("hashes (\(o.hashes)) must be at least bands × rows (\(o.bands * o.rows))")
        }
        guard o.threshold > 0, o.threshold <= 1 else { throw AnalysisError("threshold must be in (0, 1], got \(o.threshold)") }
        switch o.method {
        case .shingles:
            let (edges, present) = shingleEdges(texts, o)
            return groupStories(edges: edges, present: present, lengths: texts.map(\.utf8.count), dates: dates)
        case .topics:
            guard o.topicThreshold > 0, o.topicThreshold <= 1 else { throw AnalysisError("topic threshold must be in (0, 1], got \(o.topicThreshold)") }
            guard o.topicTerms >= 1 else { throw AnalysisError("topic terms must be at least 1, got \(o.topicTerms)") }
            let index = TFIDFIndex(texts: texts)
            // Candidates by wording alone, generously; the score below decides.
            let pairs = index.similarPairs(threshold: o.topicThreshold / 2, topTerms: o.topicTerms,
                                           maxDocumentFrequency: max(50, texts.count / 50))
            // A name in more than 200 documents is no clue to one event, and pairs grow with its square.
            let candidates = pairs + (entities.map { sharedEntityPairs($0, maxDocumentFrequency: min(200, max(50, texts.count / 50))) } ?? [])
            let days = dates?.map { $0.flatMap(Analysis.dayNumber) }
            let score: (Int, Int) -> Double = { i, j in
                if let days, let a = days[i], let b = days[j], abs(a - b) > o.topicDays { return 0 }
                let cosine = index.vectors[i].cosine(index.vectors[j])
                guard let entities else { return cosine }
                // An event is someone or something somewhere: texts that name nobody and
                // nowhere (a dividend notice, a price table) are notices of a kind, not a
                // story to group. Two texts that name different people or organisations,
                // or no entity in common, are two events of one kind (two companies'
                // dividends, two cities' hog prices), however alike their words.
                let a = entities[i], b = entities[j]
                guard a.keys.contains(where: { b[$0] != nil }) else { return 0 }
                let actorsA = a.filter { $0.value >= 1 }, actorsB = b.filter { $0.value >= 1 }
                if !actorsA.isEmpty, !actorsB.isEmpty, actorsA.keys.allSatisfy({ actorsB[$0] == nil }) { return 0 }
                return (cosine + weightedJaccard(a, b)) / 2
            }
            let edges = leaderEdges(count: index.count, candidates, dates: dates, threshold: o.topicThreshold, score: score)
            return groupStories(edges: edges, present: index.vectors.map { !$0.terms.isEmpty }, lengths: texts.map(\.utf8.count), dates: dates)
        }
    }

    /// Verified pairs by MinHash/LSH over word shingles, and which documents have words.
    static func shingleEdges(_ texts: [String], _ o: StoryOptions) -> ([(Int, Int, Double)], [Bool]) {
        let perDocument = minHashSignatures(texts, o)
        return (shingleEdges(signatures: perDocument, o), perDocument.map { $0 != nil })
    }

    /// Each text's MinHash signature (`hashes` slots), or nil for a text without words.
    /// A document's signature depends on its text alone, so parts of a collection can be signed apart.
    public static func minHashSignatures(_ texts: [String], _ o: StoryOptions) -> [[UInt32]?] {
        let hasher = MinHasher(hashes: o.hashes, shingleSize: o.shingleSize)
        let h = o.hashes
        // Tokenising and hashing each document is independent: on all cores, in document order.
        return Parallel.map(count: texts.count) { d in
            var tokenHashes: [UInt64] = []
            Analysis.forEachToken(in: texts[d]) { tokenHashes.append(fnv1a($0)) }
            guard !tokenHashes.isEmpty else { return nil }
            var sig = [UInt64](repeating: 0, count: h)
            hasher.signature(of: tokenHashes, into: &sig)
            return sig.map { UInt32(truncatingIfNeeded: $0 >> 32) }
        }
    }

    /// The LSH key of each band of a signature (`bands` × `rows` slots): documents sharing a
    /// key in some band are candidate pairs.
    public static func bandKeys(_ signature: [UInt32], _ o: StoryOptions) -> [UInt64] {
        (0..<o.bands).map { band in
            var k = UInt64(band) &* 0x9E37_79B9_7F4A_7C15
            for r in 0..<o.rows { k = mix64(k ^ UInt64(signature[band * o.rows + r])) }
            return k
        }
    }

    /// Verified pairs by LSH over signatures (nil: a document without words). With `candidates`
    /// (pair keys, as `pairKey` makes them), the LSH buckets were formed elsewhere (Spark's
    /// groupByKey over band keys) and only those pairs are verified.
    public static func shingleEdges(signatures perDocument: [[UInt32]?], candidates given: [UInt64]? = nil, _ o: StoryOptions) -> [(Int, Int, Double)] {
        let h = o.hashes
        let count = perDocument.count
        // signatures[d*h ..< (d+1)*h]; documents without words get no signature.
        var signatures = [UInt32](repeating: 0, count: count * h)
        var hasSignature = [Bool](repeating: false, count: count)
        for (d, sig) in perDocument.enumerated() {
            guard let sig, sig.count == h else { continue }
            for m in 0..<h { signatures[d * h + m] = sig[m] }
            hasSignature[d] = true
        }

        // Candidate pairs from LSH buckets: sort (band key, doc) per band, scan equal runs.
        var candidates: [UInt64] = given ?? []
        var keyed: [(UInt64, Int32)] = []
        keyed.reserveCapacity(count)
        for band in 0..<(given == nil ? o.bands : 0) {
            keyed.removeAll(keepingCapacity: true)
            for d in 0..<count where hasSignature[d] {
                var k = UInt64(band) &* 0x9E37_79B9_7F4A_7C15
                for r in 0..<o.rows { k = mix64(k ^ UInt64(signatures[d * h + band * o.rows + r])) }
                keyed.append((k, Int32(d)))
            }
            keyed.sort { $0.0 != $1.0 ? $0.0 < $1.0 : $0.1 < $1.1 }
            var s = 0
            while s < keyed.count {
                var e = s + 1
                while e < keyed.count, keyed[e].0 == keyed[s].0 { e += 1 }
                let size = e - s
                if size >= 2 {
                    if size * (size - 1) / 2 <= o.maxBucketPairs * (o.maxBucketPairs - 1) / 2 {
                        for x in s..<e { for y in (x + 1)..<e { candidates.append(pairKey(keyed[x].1, keyed[y].1)) } }
                    } else {
                        for x in (s + 1)..<e {
                            candidates.append(pairKey(keyed[s].1, keyed[x].1))
                            candidates.append(pairKey(keyed[x - 1].1, keyed[x].1))
                        }
                    }
                }
                s = e
            }
        }
        candidates.sort()

        // Verify.
        var edges: [(Int, Int, Double)] = []
        var previous: UInt64 = .max
        for c in candidates where c != previous {
            previous = c
            let i = Int(c >> 32), j = Int(c & 0xFFFF_FFFF)
            guard i < count, j < count, hasSignature[i], hasSignature[j] else { continue }
            var equal = 0
            for m in 0..<h where signatures[i * h + m] == signatures[j * h + m] { equal += 1 }
            let sim = Double(equal) / Double(h)
            if sim >= o.threshold { edges.append((i, j, sim)) }
        }
        return edges
    }

    /// Pairs of documents that name at least two of the same entities (or share the only
    /// one a document names), counting only entities named by at most `maxDocumentFrequency`
    /// documents, so a corpus-wide name ("U.S.") makes no candidates.
    static func sharedEntityPairs(_ entities: [[String: Double]], maxDocumentFrequency: Int) -> [(Int, Int, Double)] {
        var postings: [String: [Int]] = [:]
        for (d, keys) in entities.enumerated() { for k in keys.keys { postings[k, default: []].append(d) } }
        var shared: [UInt64: Int] = [:]
        for docs in postings.values where docs.count >= 2 && docs.count <= maxDocumentFrequency {
            for x in 0..<docs.count { for y in (x + 1)..<docs.count { shared[pairKey(Int32(docs[x]), Int32(docs[y])), default: 0] += 1 } }
        }
        return shared.compactMap { key, n in
            let i = Int(key >> 32), j = Int(key & 0xFFFF_FFFF)
            return n >= min(2, entities[i].count, entities[j].count) ? (i, j, 0) : nil
        }.sorted { ($0.0, $0.1) < ($1.0, $1.1) }
    }

    /// Σ min / Σ max of two weighted key sets (1 when equal, 0 when disjoint).
    static func weightedJaccard(_ a: [String: Double], _ b: [String: Double]) -> Double {
        var shared = 0.0, all = 0.0
        for (k, w) in a {
            let v = b[k] ?? 0
            shared += min(w, v)
            all += max(w, v)
        }
        for (k, v) in b where a[k] == nil { all += v }
        return all > 0 ? shared / all : 0
    }

    /// Leader clustering over similar pairs, so topics do not chain: documents in date
    /// order (then index order); each joins the group whose leader (first member) it is
    /// most similar to, among the groups of its similar neighbours, when that similarity
    /// is ≥ `threshold`; otherwise it leads a new group. Returns (leader, member, score).
    static func leaderEdges(count n: Int, _ pairs: [(Int, Int, Double)], dates: [String?]?, threshold: Double,
                            score: (Int, Int) -> Double) -> [(Int, Int, Double)] {
        var neighbours = [[Int]](repeating: [], count: n)
        for (i, j, _) in pairs { neighbours[i].append(j); neighbours[j].append(i) }
        let order = (0..<n).sorted { a, b in
            if let dates {
                let da = dates[a] ?? "", db = dates[b] ?? ""
                if da != db { return da.isEmpty ? false : (db.isEmpty ? true : da < db) }
            }
            return a < b
        }
        var leader = [Int](repeating: -1, count: n)
        var edges: [(Int, Int, Double)] = []
        for d in order {
            var best: (Int, Double)? = nil
            var tried = Set<Int>()
            for e in neighbours[d] where leader[e] >= 0 {
                let l = leader[e]
                guard tried.insert(l).inserted else { continue }
                let c = score(d, l)
                if c >= threshold, best.map({ c > $0.1 }) ?? true { best = (l, c) }
            }
            if let (l, c) = best {
                leader[d] = l
                edges.append((l, d, c))
            } else {
                leader[d] = d
            }
        }
        return edges
    }

    /// Groups documents joined by verified pairs (union-find): groups of two or more, the
    /// representative, the mean similarity over the group's pairs.
    public static func groupStories(edges: [(Int, Int, Double)], present: [Bool], lengths: [Int], dates: [String?]?) -> [StoryGroup] {
        var uf = UnionFind(count: lengths.count)
        for (i, j, _) in edges { uf.union(i, j) }
        var membersByRoot: [Int: [Int]] = [:]
        for d in 0..<lengths.count where present[d] { membersByRoot[uf.find(d), default: []].append(d) }
        var sum: [Int: (Double, Int)] = [:]
        for (i, _, s) in edges {
            let r = uf.find(i)
            let (t, n) = sum[r] ?? (0, 0)
            sum[r] = (t + s, n + 1)
        }
        var groups: [StoryGroup] = []
        for (root, members) in membersByRoot where members.count >= 2 {
            let rep = members.min { a, b in
                if let dates {
                    let da = dates[a] ?? "", db = dates[b] ?? ""
                    if da != db { return da.isEmpty ? false : (db.isEmpty ? true : da < db) }
                }
                let la = lengths[a], lb = lengths[b]
                return la != lb ? la > lb : a < b
            } ?? members[0]
            let (t, n) = sum[root] ?? (0, 0)
            groups.append(StoryGroup(members: members, representative: rep, meanSimilarity: n > 0 ? t / Double(n) : 0))
        }
        groups.sort { $0.members.count != $1.members.count ? $0.members.count > $1.members.count : $0.members[0] < $1.members[0] }
        return groups
    }

    @inline(__always)
    static func pairKey(_ a: Int32, _ b: Int32) -> UInt64 {
        let (x, y) = a < b ? (a, b) : (b, a)
        return UInt64(UInt32(x)) << 32 | UInt64(UInt32(y))
    }
}

extension Analysis {
    /// 64-bit FNV-1a of bytes: the hash of one token.
    @inline(__always)
    static func fnv1a(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var h: UInt64 = 0xCBF2_9CE4_8422_2325
        for b in bytes { h = (h ^ UInt64(b)) &* 0x0000_0100_0000_01B3 }
        return h
    }

    /// The SplitMix64 finaliser: spreads every input bit over the output.
    @inline(__always)
    static func mix64(_ x: UInt64) -> UInt64 {
        var z = x &+ 0x9E37_79B9_7F4A_7C15
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// MinHash signatures of shingled token-hash sequences, with fixed seeds.
    struct MinHasher {
        let a: [UInt64]
        let b: [UInt64]
        let shingleSize: Int

        init(hashes: Int, shingleSize: Int) {
            var state: UInt64 = 0x4E51_4C5F_5354_4F52  // "NQL_STOR": fixed, so results repeat
            var a: [UInt64] = [], b: [UInt64] = []
            for _ in 0..<hashes {
                state = mix64(state); a.append(state | 1)
                state = mix64(state); b.append(state)
            }
            self.a = a
            self.b = b
            self.shingleSize = shingleSize
        }

        /// Fills `sig` with, per hash function, the least permuted shingle hash. A text shorter
        /// than one shingle is one shingle of all its tokens.
        func signature(of tokens: [UInt64], into sig: inout [UInt64]) {
            let n = sig.count
            for m in 0..<n { sig[m] = .max }
            let k = min(shingleSize, tokens.count)
            a.withUnsafeBufferPointer { a in
                b.withUnsafeBufferPointer { b in
                    sig.withUnsafeMutableBufferPointer { s in
                        for start in 0...(tokens.count - k) {
                            var x: UInt64 = 0
                            for t in start..<(start + k) { x = (x &* 0x100_0000_01B3) ^ tokens[t] &+ 0x9E37_79B9 }
                            x = mix64(x)
                            for m in 0..<n {
                                let v = a[m] &* x &+ b[m]
                                if v < s[m] { s[m] = v }
                            }
                        }
                    }
                }
            }
        }
    }

    /// Disjoint sets with path halving and union by size.
    struct UnionFind {
        var parent: [Int]
        var size: [Int]

        init(count: Int) {
            parent = Array(0..<count)
            size = Array(repeating: 1, count: count)
        }

        mutating func find(_ x: Int) -> Int {
            var x = x
            while parent[x] != x {
                parent[x] = parent[parent[x]]
                x = parent[x]
            }
            return x
        }

        mutating func union(_ x: Int, _ y: Int) {
            var rx = find(x), ry = find(y)
            if rx == ry { return }
            if size[rx] < size[ry] { swap(&rx, &ry) }
            parent[ry] = rx
            size[rx] += size[ry]
        }
    }
}
