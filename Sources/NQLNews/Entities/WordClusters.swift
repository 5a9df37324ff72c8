import Foundation

/// Learns word clusters from unlabelled text: each frequent word gets a sparse unit vector of positive pointwise
/// mutual information with its left and right neighbours (the 2,000 most frequent words), grouped by spherical
/// k-means into 32 clusters, each split into 4 (128) and each of those into 8 (1,024). Deterministic for a given
/// seed. (The 128-dimension random projection is built only for the "projected" experiment, but its draws from the
/// random generator stay, so the shipped model retrains byte for byte.)
enum WordClusterLearner {
    static let contextSize = NERExperiments.flags.contains("ctx5000") ? 5000 : 2000
    static let dimensions = 128
    static let minCount = NERExperiments.flags.contains("min2") ? 2 : 3
    static let window = NERExperiments.flags.contains("win2") ? 2 : 1
    static let maxVocabulary = 80_000

    /// Returns a table from word hash (exact bytes) to the finest cluster id c4096 (c1024 = c4096 >> 2,
    /// c128 = c1024 >> 3, c32 = c128 >> 2).
    static func learn(texts: [String], seed: UInt64, log: (String) -> Void) -> (clusters: KeyTable, casing: KeyTable, vocabulary: [String]) {
        let clock = ContinuousClock()
        let t0 = clock.now
        // 1. Token ids and counts.
        var ids = KeyTable(capacity: 200_000)
        var counts: [Int32] = []
        var hashes: [UInt64] = []
        var firstSeen: [(Int32, Int32, Int32)] = []
        var sequence: [Int32] = []
        var casingIndex = KeyTable(capacity: 200_000)
        var casingCounts: [Int32] = []
        sequence.reserveCapacity(4_000_000)
        for (textIndex, text) in texts.enumerated() {
            var t = text
            t.withUTF8 { p in
                let toks = Tokenizer.tokenize(utf8: p)
                var initial = true
                for tok in toks {
                    if tok.startsLine {
                        sequence.append(-1)
                        initial = true
                    }
                    // Casing profile: how often the word is capitalised when not sentence-initial.
                    let first = p[tok.utf8Start]
                    if !initial && first >= 0x41 && first <= 0x5A || first >= 0x61 && first <= 0x7A {
                        let l = FeatureHash.lowered(p, tok.utf8Start, tok.utf8End) | 1
                        let slot = Int(casingIndex.getOrInsert(l) {
                            casingCounts.append(contentsOf: [0, 0])
                            return Int32(casingCounts.count / 2 - 1)
                        })
                        casingCounts[slot * 2 + (first >= 0x61 ? 0 : 1)] += 1
                    }
                    let len = tok.utf8End - tok.utf8Start
                    initial = len == 1 && (first == 0x2E || first == 0x21 || first == 0x3F || first == 0x22)
                    let h = FeatureHash.bytes(p, tok.utf8Start, tok.utf8End) | 1
                    let id = ids.getOrInsert(h) {
                        counts.append(0)
                        hashes.append(h)
                        firstSeen.append((Int32(textIndex), Int32(tok.utf8Start), Int32(tok.utf8End)))
                        return Int32(counts.count - 1)
                    }
                    counts[Int(id)] += 1
                    sequence.append(id)
                }
            }
            sequence.append(-1)
        }
        let order = (0..<counts.count).sorted { counts[$0] != counts[$1] ? counts[$0] > counts[$1] : hashes[$0] < hashes[$1] }
        var vocabIndex = [Int32](repeating: -1, count: counts.count)
        var contextIndex = [Int32](repeating: -1, count: counts.count)
        var vocab: [Int] = []
        for (rank, id) in order.enumerated() {
            if rank < contextSize { contextIndex[id] = Int32(rank) }
            if counts[id] >= minCount && vocab.count < maxVocabulary {
                vocabIndex[id] = Int32(vocab.count)
                vocab.append(id)
            }
        }
        let V = vocab.count
        log("clusters: \(sequence.count) tokens, \(counts.count) types, vocabulary \(V)")
        // 2. Neighbour co-occurrence counts.
        let dims = 2 * window * contextSize
        var cellIndex = KeyTable(capacity: 4_000_000)
        var cells: [Float] = []
        var cellKeys: [(Int32, Int32)] = []
        var rowSum = [Double](repeating: 0, count: V)
        var colSum = [Double](repeating: 0, count: dims)
        var total = 0.0
        func add(_ v: Int32, _ d: Int32) {
            let key = UInt64(v) * UInt64(dims) + UInt64(d) + 1
            let c = cellIndex.getOrInsert(key) {
                cells.append(0)
                cellKeys.append((v, d))
                return Int32(cells.count - 1)
            }
            cells[Int(c)] += 1
            rowSum[Int(v)] += 1
            colSum[Int(d)] += 1
            total += 1
        }
        for j in 0..<sequence.count {
            let id = sequence[j]
            guard id >= 0 else { continue }
            let v = vocabIndex[Int(id)]
            guard v >= 0 else { continue }
            // Blocks of context dimensions: left neighbour at distance d, then right neighbour at distance d.
            for d in 1...window {
                if j - d >= 0, (1...d).allSatisfy({ sequence[j - $0] >= 0 }) {
                    let c = contextIndex[Int(sequence[j - d])]
                    if c >= 0 { add(v, Int32(2 * (d - 1) * contextSize) + c) }
                }
                if j + d < sequence.count, (1...d).allSatisfy({ sequence[j + $0] >= 0 }) {
                    let c = contextIndex[Int(sequence[j + d])]
                    if c >= 0 { add(v, Int32((2 * (d - 1) + 1) * contextSize) + c) }
                }
            }
        }
        // 3. PPMI. The projection's random draws are made in every mode so the seed stream (and the
        // shipped model) stays the same; the projected vectors are built only for the experiment.
        var rng = SeededGenerator(seed: seed)
        let D = dimensions
        var projection = [Float](repeating: 0, count: dims * D)
        for k in 0..<projection.count { projection[k] = (rng.next() & 1) == 0 ? 1 : -1 }
        var vectors = [Float](repeating: 0, count: V * D)
        // Context distribution smoothing (alpha 0.75) as in Levy et al.
        var smoothed = [Double](repeating: 0, count: dims)
        var smoothedTotal = 0.0
        for d in 0..<dims {
            smoothed[d] = pow(colSum[d], 0.75)
            smoothedTotal += smoothed[d]
        }
        if !useSparse {
            for (c, (v, d)) in cellKeys.enumerated() {
                let pmi = Foundation.log(Double(cells[c]) * smoothedTotal / (rowSum[Int(v)] * smoothed[Int(d)]))
                guard pmi > 0 else { continue }
                let w = Float(pmi)
                let base = Int(v) * D
                let pb = Int(d) * D
                for k in 0..<D { vectors[base + k] += w * projection[pb + k] }
            }
            for v in 0..<V {
                var n: Float = 0
                for k in 0..<D { n += vectors[v * D + k] * vectors[v * D + k] }
                n = n.squareRoot()
                if n > 0 { for k in 0..<D { vectors[v * D + k] /= n } }
            }
        }
        log("clusters: vectors built in \(clock.now - t0)")
        // Exact sparse PPMI rows (unit length) for k-means directly on them.
        var sparse = SparseRows(rowStart: [Int](repeating: 0, count: V + 1), columns: [], values: [], dims: dims)
        if useSparse {
            var perRow = [[(Int32, Float)]](repeating: [], count: V)
            for (c, (v, d)) in cellKeys.enumerated() {
                let pmi = Foundation.log(Double(cells[c]) * smoothedTotal / (rowSum[Int(v)] * smoothed[Int(d)]))
                if pmi > 0 { perRow[Int(v)].append((d, Float(pmi))) }
            }
            for v in 0..<V {
                var norm: Float = 0
                for (_, x) in perRow[v] { norm += x * x }
                norm = max(norm.squareRoot(), 1e-9)
                for (d, x) in perRow[v].sorted(by: { $0.0 < $1.0 }) {
                    sparse.columns.append(d)
                    sparse.values.append(x / norm)
                }
                sparse.rowStart[v + 1] = sparse.columns.count
            }
        }
        func kmeans(_ vectors: [Float], _ D: Int, _ members: [Int], k: Int, rng: inout SeededGenerator) -> [[Int]] {
            useSparse ? WordClusterLearner.kmeansSparse(sparse, members, k: k, rng: &rng)
                : WordClusterLearner.kmeans(vectors, D, members, k: k, rng: &rng)
        }
        // 4. Hierarchical spherical k-means.
        let all = Array(0..<V)
        let top = kmeans(vectors, D, all, k: 32, rng: &rng)
        var c32 = [Int](repeating: 0, count: V)
        var c128 = [Int](repeating: 0, count: V)
        var c1024 = [Int](repeating: 0, count: V)
        for (a, members) in top.enumerated() {
            for m in members { c32[m] = a }
            let mid = kmeans(vectors, D, members, k: 4, rng: &rng)
            for (b, mm) in mid.enumerated() {
                let id128 = a * 4 + b
                for m in mm { c128[m] = id128 }
                let low = kmeans(vectors, D, mm, k: 8, rng: &rng)
                for (c, ll) in low.enumerated() {
                    for m in ll { c1024[m] = id128 * 8 + c }
                }
            }
        }
        // Finest level: each 1024-cluster split into 4 (separate generator so the coarser levels do not change).
        var rng2 = SeededGenerator(seed: seed ^ 0x4096)
        var members1024 = [[Int]](repeating: [], count: 1024)
        for v in 0..<V { members1024[c1024[v]].append(v) }
        var c4096 = [Int](repeating: 0, count: V)
        for (c, mm) in members1024.enumerated() where !mm.isEmpty {
            for (d, ll) in kmeans(vectors, D, mm, k: 4, rng: &rng2).enumerated() {
                for m in ll { c4096[m] = c * 4 + d }
            }
        }
        _ = c32
        _ = c128
        var table = KeyTable(capacity: V)
        for v in 0..<V {
            table.set(hashes[vocab[v]], Int32(c4096[v]))
        }
        log("clusters: k-means done in \(clock.now - t0)")
        // Casing buckets: 1 rarely capitalised (<10%), 2 <50%, 3 <90%, 4 almost always; only words seen twice.
        var casing = KeyTable(capacity: casingIndex.count)
        for (key, slot) in casingIndex.pairs() {
            let lower = casingCounts[Int(slot) * 2], upper = casingCounts[Int(slot) * 2 + 1]
            let total = lower + upper
            guard total >= 2 else { continue }
            let r = Double(upper) / Double(total)
            casing.set(key, r < 0.1 ? 1 : (r < 0.5 ? 2 : (r < 0.9 ? 3 : 4)))
        }
        let vocabulary = vocab.map { id -> String in
            let (ti, a, b) = firstSeen[id]
            return String(decoding: Array(texts[Int(ti)].utf8)[Int(a)..<Int(b)], as: UTF8.self)
        }
        return (table, casing, vocabulary)
    }

    static let useSparse = !NERExperiments.flags.contains("projected")

    struct SparseRows {
        var rowStart: [Int]
        var columns: [Int32]
        var values: [Float]
        var dims: Int
    }

    /// Spherical k-means on sparse unit rows with dense centroids.
    static func kmeansSparse(_ m: SparseRows, _ members: [Int], k: Int, rng: inout SeededGenerator,
                             iterations: Int = 8) -> [[Int]] {
        if members.count <= k { return members.map { [$0] } + Array(repeating: [], count: k - members.count) }
        let D = m.dims
        var centroids = [Float](repeating: 0, count: k * D)
        var picked = Set<Int>()
        for c in 0..<k {
            var x = Int(rng.next() % UInt64(members.count))
            while picked.contains(x) { x = (x + 1) % members.count }
            picked.insert(x)
            let r = members[x]
            for q in m.rowStart[r]..<m.rowStart[r + 1] { centroids[c * D + Int(m.columns[q])] = m.values[q] }
        }
        var assign = [Int](repeating: 0, count: members.count)
        m.columns.withUnsafeBufferPointer { cols in
            m.values.withUnsafeBufferPointer { vals in
                for _ in 0..<iterations {
                    centroids.withUnsafeBufferPointer { cp in
                        for (n, r) in members.enumerated() {
                            var best = 0
                            var bestDot: Float = -.infinity
                            let a = m.rowStart[r], b = m.rowStart[r + 1]
                            for c in 0..<k {
                                var dot: Float = 0
                                let cb = c * D
                                for q in a..<b { dot += vals[q] * cp[cb + Int(cols[q])] }
                                if dot > bestDot {
                                    bestDot = dot
                                    best = c
                                }
                            }
                            assign[n] = best
                        }
                    }
                    var sums = [Float](repeating: 0, count: k * D)
                    var sizes = [Int](repeating: 0, count: k)
                    for (n, r) in members.enumerated() {
                        let c = assign[n]
                        sizes[c] += 1
                        for q in m.rowStart[r]..<m.rowStart[r + 1] { sums[c * D + Int(cols[q])] += vals[q] }
                    }
                    for c in 0..<k where sizes[c] > 0 {
                        var norm: Float = 0
                        for d in 0..<D { norm += sums[c * D + d] * sums[c * D + d] }
                        norm = max(norm.squareRoot(), 1e-9)
                        for d in 0..<D { centroids[c * D + d] = sums[c * D + d] / norm }
                    }
                }
            }
        }
        var groups = [[Int]](repeating: [], count: k)
        for (n, r) in members.enumerated() { groups[assign[n]].append(r) }
        return groups
    }

    /// Spherical k-means of `members` into `k` groups (fewer if there are fewer members); returns the groups.
    static func kmeans(_ vectors: [Float], _ D: Int, _ members: [Int], k: Int, rng: inout SeededGenerator,
                       iterations: Int = 8) -> [[Int]] {
        if members.count <= k { return members.map { [$0] } + Array(repeating: [], count: k - members.count) }
        // Seeds: k members spread over the frequency order (members are sorted by frequency).
        var centroids = [Float](repeating: 0, count: k * D)
        var picked = Set<Int>()
        for c in 0..<k {
            var m = Int(rng.next() % UInt64(members.count))
            while picked.contains(m) { m = (m + 1) % members.count }
            picked.insert(m)
            for d in 0..<D { centroids[c * D + d] = vectors[members[m] * D + d] }
        }
        var assign = [Int](repeating: 0, count: members.count)
        vectors.withUnsafeBufferPointer { vp in
            for _ in 0..<iterations {
                centroids.withUnsafeBufferPointer { cp in
                    for (n, m) in members.enumerated() {
                        var best = 0
                        var bestDot: Float = -.infinity
                        let vb = m * D
                        for c in 0..<k {
                            var dot: Float = 0
                            let cb = c * D
                            for d in 0..<D { dot += vp[vb + d] * cp[cb + d] }
                            if dot > bestDot {
                                bestDot = dot
                                best = c
                            }
                        }
                        assign[n] = best
                    }
                }
                var sums = [Float](repeating: 0, count: k * D)
                var sizes = [Int](repeating: 0, count: k)
                for (n, m) in members.enumerated() {
                    let c = assign[n]
                    sizes[c] += 1
                    for d in 0..<D { sums[c * D + d] += vp[m * D + d] }
                }
                for c in 0..<k where sizes[c] > 0 {
                    var norm: Float = 0
                    for d in 0..<D { norm += sums[c * D + d] * sums[c * D + d] }
                    norm = max(norm.squareRoot(), 1e-9)
                    for d in 0..<D { centroids[c * D + d] = sums[c * D + d] / norm }
                }
            }
        }
        var groups = [[Int]](repeating: [], count: k)
        for (n, m) in members.enumerated() { groups[assign[n]].append(m) }
        return groups
    }
}
