import Foundation

/// Trained weights of the linear-chain CRF tagger (Float32 in memory, Int8 steps in the file), plus its lexicon.
///
/// File format (`ner.model`, little-endian): magic "NQLNER07"; UInt32 tag count, weight-table capacity, row count,
/// cluster-table capacity, gazetteer-table capacity, gazetteer max length; Float32 scale; then the arrays
/// fingerprints[capacity] UInt32, rowOf[capacity] Int32, weights[rows * tags] Int8 (times scale; emission rows
/// keyed by feature, and the transition scores as the rows of `TaggerFeatures.transitionKey`), cluster keys/values,
/// gazetteer keys/values, UInt32 casing capacity and casing keys/values, UInt32 vocabulary count and byte count, word end offsets Int32, word bytes,
/// UInt32 vector-cluster capacity and vector-cluster keys/values.
final class TaggerModel: Sendable {
    let fingerprints: [UInt32]
    let rowOf: [Int32]
    let weights: [Float]
    let mask: Int
    let scale: Float
    let lexicon: TaggerLexicon
    /// Word-local weight sums (5 offsets x tags) of the vocabulary words, not sentence-initial; see `WordCache`.
    let vocabularyIndex: KeyTable
    let vocabularyVectors: [Float]

    /// "07": scores are CRF emissions and transitions decoded by Viterbi. Older files ("NQLNER05", "NQLNER06")
    /// held greedy-perceptron weights, which mean something else, and are rejected.
    static let magic: [UInt8] = Array("NQLNER07".utf8)
    /// Transition scores with illegal BILOU transitions blocked (see `ChainDecoder.blocked`).
    let transitions: [Float]

    init(fingerprints: [UInt32], rowOf: [Int32], weights: [Float], scale: Float, lexicon: TaggerLexicon) {
        self.fingerprints = fingerprints
        self.rowOf = rowOf
        self.weights = weights
        self.mask = fingerprints.count - 1
        self.scale = scale
        self.lexicon = lexicon
        (vocabularyIndex, vocabularyVectors) = TaggerModel.precompute(
            lexicon: lexicon, fingerprints: fingerprints, rowOf: rowOf, weights: weights)
        var t = [Float](repeating: 0, count: (TagSet.count + 1) * TagSet.count)
        fingerprints.withUnsafeBufferPointer { fps in
            rowOf.withUnsafeBufferPointer { rows in
                weights.withUnsafeBufferPointer { w in
                    t.withUnsafeMutableBufferPointer { tb in
                        guard let tp = tb.baseAddress else { return }
                        for p in -1..<TagSet.count {
                            TaggerModel.addRow(TaggerFeatures.transitionKey(prev: p), fps, rows, w, fingerprints.count - 1,
                                               tp + (p + 1) * TagSet.count)
                        }
                    }
                }
            }
        }
        transitions = ChainDecoder.blocked(t)
    }

    /// How many of the most frequent vocabulary words get their weights summed at load time (the rest are summed
    /// per text when they occur): more costs load time, fewer costs tagging speed.
    static let precomputedWords = 10_000

    /// Sums the word-local feature weights of the most frequent vocabulary words once, at load time.
    static func precompute(lexicon: TaggerLexicon, fingerprints: [UInt32], rowOf: [Int32], weights: [Float])
        -> (KeyTable, [Float])
    {
        let tags = TagSet.count
        let stride = 5 * tags
        let count = min(lexicon.vocabularyEnds.count, precomputedWords)
        var index = KeyTable(capacity: count + 1)
        // One extra entry after the vocabulary: the sentence boundary.
        var vectors = [Float](repeating: 0, count: (count + 1) * stride)
        var keys = [UInt64](repeating: 0, count: 32)
        let mask = fingerprints.count - 1
        fingerprints.withUnsafeBufferPointer { fps in
            rowOf.withUnsafeBufferPointer { rows in
                weights.withUnsafeBufferPointer { w in
                    keys.withUnsafeMutableBufferPointer { kb in
                        vectors.withUnsafeMutableBufferPointer { vb in
                            guard let kp = kb.baseAddress, let vp = vb.baseAddress else { return }
                            lexicon.vocabularyBytes.withUnsafeBufferPointer { p in
                                var start = 0
                                for n in 0...count {
                                    let a: TokenAttributes
                                    if n == count {
                                        a = TaggerFeatures.boundaryAttributes
                                    } else {
                                        let end = Int(lexicon.vocabularyEnds[n])
                                        defer { start = end }
                                        guard end > start else { continue }
                                        a = DocumentPreparer.wordAttributes(p, start, end, sentenceStart: false, lexicon: lexicon)
                                        index.set(a.word | 1, Int32(n))
                                    }
                                    for (k, offset) in (-2...2).enumerated() {
                                        let m = TaggerFeatures.wordKeys(a, offset: offset, kp)
                                        let out = vp + n * stride + k * tags
                                        for f in 0..<m { addRow(kb[f], fps, rows, w, mask, out) }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        return (index, vectors)
    }

    /// Builds the compact model from averaged float weights keyed by feature key, leaving out rows whose largest
    /// weight is below `prune`.
    static func build(features: [(UInt64, Int32)], weights: [Float], lexicon: TaggerLexicon, prune: Float = 0)
        -> TaggerModel
    {
        let tags = TagSet.count
        // Weights are stored as Int8 steps of `scale` (measured no worse than Int16 on every dev set); the model in
        // memory uses the same rounded values.
        let largest = weights.reduce(Float(0)) { max($0, abs($1)) }
        let scale: Float = largest > 0 ? largest / Float(Int8.max) : 1
        // Keep only rows with a non-zero quantised weight.
        var kept: [(UInt64, [Float])] = []
        for (key, row) in features {
            var q = [Float](repeating: 0, count: tags)
            var any = false
            for t in 0..<tags {
                let v = (weights[Int(row) * tags + t] / scale).rounded() * scale
                q[t] = v
                if v != 0 && abs(v) >= prune { any = true }
            }
            if any { kept.append((key, q)) }
        }
        kept.sort { $0.0 < $1.0 }
        // Load factor at most 3/4: the 375,727 rows of the shipped model fit 2^19 slots (4 MB) instead of 2^20,
        // which loads and tags faster than the emptier table (fewer cache misses) although probes run longer.
        var cap = 16
        while cap * 3 < kept.count * 4 { cap <<= 1 }
        var fps = [UInt32](repeating: 0, count: cap)
        var rowOf = [Int32](repeating: -1, count: cap)
        var w = [Float]()
        w.reserveCapacity(kept.count * tags)
        for (n, (key, q)) in kept.enumerated() {
            var i = Int(truncatingIfNeeded: key) & (cap - 1)
            let fp = fingerprint(key)
            while fps[i] != 0 { i = (i + 1) & (cap - 1) }
            fps[i] = fp
            rowOf[i] = Int32(n)
            w.append(contentsOf: q)
        }
        return TaggerModel(fingerprints: fps, rowOf: rowOf, weights: w, scale: scale, lexicon: lexicon)
    }

    @inline(__always)
    static func fingerprint(_ key: UInt64) -> UInt32 {
        UInt32(truncatingIfNeeded: key >> 32) | 1
    }

    // MARK: Serialisation

    func serialized() -> [UInt8] {
        var out = TaggerModel.magic
        func u32(_ v: Int) { withUnsafeBytes(of: UInt32(v).littleEndian) { out.append(contentsOf: $0) } }
        func raw<T>(_ a: [T]) { a.withUnsafeBytes { out.append(contentsOf: $0) } }
        u32(TagSet.count)
        u32(fingerprints.count)
        u32(weights.count / TagSet.count)
        u32(lexicon.clusters.keys.count)
        u32(lexicon.gazetteer.keys.count)
        u32(lexicon.gazetteerMaxLength)
        withUnsafeBytes(of: scale.bitPattern.littleEndian) { out.append(contentsOf: $0) }
        raw(fingerprints)
        raw(rowOf)
        raw(weights.map { Int8(max(-127, min(127, ($0 / scale).rounded()))) })
        raw(lexicon.clusters.keys)
        raw(lexicon.clusters.values)
        raw(lexicon.gazetteer.keys)
        raw(lexicon.gazetteer.values)
        u32(lexicon.casing.keys.count)
        raw(lexicon.casing.keys)
        raw(lexicon.casing.values)
        u32(lexicon.vocabularyEnds.count)
        u32(lexicon.vocabularyBytes.count)
        raw(lexicon.vocabularyEnds)
        raw(lexicon.vocabularyBytes)
        u32(lexicon.vectors.keys.count)
        raw(lexicon.vectors.keys)
        raw(lexicon.vectors.values)
        return out
    }

    static func load(bytes: [UInt8]) throws -> TaggerModel {
        var pos = 0
        func fail(_ what: String) -> EntityModelError { .corrupt("entity model is corrupt: \(what)") }
        guard bytes.count >= 8 + 28, Array(bytes[0..<8]) == magic else {
            if bytes.count >= 8, Array(bytes[0..<6]) == Array("NQLNER".utf8) {
                throw fail("made for an older version of the tagger; retrain it (see the README's entity section)")
            }
            throw fail("bad header")
        }
        pos = 8
        func u32() throws -> Int {
            guard pos + 4 <= bytes.count else { throw fail("truncated") }
            var v: UInt32 = 0
            for k in 0..<4 { v |= UInt32(bytes[pos + k]) << (8 * k) }
            pos += 4
            return Int(v)
        }
        func array<T>(_ n: Int, _ type: T.Type) throws -> [T] {
            let size = n * MemoryLayout<T>.stride
            guard pos + size <= bytes.count else { throw fail("truncated") }
            let a = [T](unsafeUninitializedCapacity: n) { buf, count in
                bytes.withUnsafeBytes { src in
                    UnsafeMutableRawBufferPointer(buf).copyMemory(
                        from: UnsafeRawBufferPointer(rebasing: src[pos..<(pos + size)]))
                }
                count = n
            }
            pos += size
            return a
        }
        guard try u32() == TagSet.count else { throw fail("tag set differs") }
        let cap = try u32()
        let rows = try u32()
        let clusterCap = try u32()
        let gazCap = try u32()
        let gazMax = try u32()
        let scale = Float(bitPattern: UInt32(try u32()))
        guard cap > 0, cap & (cap - 1) == 0 else { throw fail("bad capacity") }
        let fps = try array(cap, UInt32.self)
        let rowOf = try array(cap, Int32.self)
        let w = try array(rows * TagSet.count, Int8.self).map { Float($0) * scale }
        let ck = try array(clusterCap, UInt64.self)
        let cv = try array(clusterCap, Int32.self)
        let gk = try array(gazCap, UInt64.self)
        let gv = try array(gazCap, Int32.self)
        let casingCap = try u32()
        let sk = try array(casingCap, UInt64.self)
        let sv = try array(casingCap, Int32.self)
        let vocabCount = try u32()
        let vocabBytes = try u32()
        let ve = try array(vocabCount, Int32.self)
        let vb = try array(vocabBytes, UInt8.self)
        let vectorCap = try u32()
        let xk = try array(vectorCap, UInt64.self)
        let xv = try array(vectorCap, Int32.self)
        for c in [clusterCap, gazCap, casingCap, vectorCap] where c == 0 || c & (c - 1) != 0 { throw fail("bad table size") }
        guard zip(fps, rowOf).allSatisfy({ $0 == 0 || ($1 >= 0 && $1 < Int32(rows)) }), ve.allSatisfy({ $0 >= 0 && Int($0) <= vocabBytes }) else {
            throw fail("bad index")
        }
        var lex = TaggerLexicon()
        lex.casing = KeyTable(keys: sk, values: sv)
        lex.vocabularyEnds = ve
        lex.vocabularyBytes = vb
        lex.clusters = KeyTable(keys: ck, values: cv)
        lex.gazetteer = KeyTable(keys: gk, values: gv)
        lex.gazetteerMaxLength = gazMax
        lex.vectors = KeyTable(keys: xk, values: xv)
        return TaggerModel(fingerprints: fps, rowOf: rowOf, weights: w, scale: scale, lexicon: lex)
    }

    // MARK: Tagging

    /// Summed weights of each distinct word's word-local features at each offset -2...2, computed once per text
    /// (slot 0 is the sentence boundary), so that tagging a token costs a few lookups instead of ~50.
    struct WordCache {
        var slotOfToken: [Int32]
        var vectors: [Float]
    }

    /// Adds the weight row of `key` (if the feature is known) to `sc`.
    @inline(__always)
    static func addRow(_ key: UInt64, _ fps: UnsafeBufferPointer<UInt32>, _ rows: UnsafeBufferPointer<Int32>,
                       _ w: UnsafeBufferPointer<Float>, _ mask: Int, _ sc: UnsafeMutablePointer<Float>) {
        let tags = TagSet.count
        let fp = fingerprint(key)
        var slot = Int(truncatingIfNeeded: key) & mask
        while true {
            let g = fps[slot]
            if g == fp {
                let base = Int(rows[slot]) * tags
                for t in 0..<tags { sc[t] += w[base + t] }
                return
            }
            if g == 0 { return }
            slot = (slot + 1) & mask
        }
    }

    /// Adds the weight row of `key` (if known) to the accumulators: tags 0-15 in `a`, tag 16 in `b`.
    @inline(__always)
    static func addRow(_ key: UInt64, _ fps: UnsafeBufferPointer<UInt32>, _ rows: UnsafeBufferPointer<Int32>,
                       _ w: UnsafePointer<Float>, _ mask: Int, _ a: inout SIMD16<Float>, _ b: inout Float) {
        let fp = fingerprint(key)
        var slot = Int(truncatingIfNeeded: key) & mask
        while true {
            let g = fps[slot]
            if g == fp {
                let p = w + Int(rows[slot]) * TagSet.count
                a += UnsafeRawPointer(p).loadUnaligned(as: SIMD16<Float>.self)
                b += p[16]
                return
            }
            if g == 0 { return }
            slot = (slot + 1) & mask
        }
    }

    func wordCache(_ doc: PreparedDocument) -> WordCache {
        let tags = TagSet.count
        let stride = 5 * tags
        var table = KeyTable(capacity: min(doc.tokens.count, 1 << 16) + 16)
        var slots = [Int32](repeating: 0, count: doc.tokens.count)
        // Slots: >= 0 local (words outside the vocabulary, or sentence-initial), < 0 precomputed (-index - 1).
        var pending: [Int] = []
        for i in 0..<doc.attributes.count {
            let a = doc.attributes[i]
            let initial = a.flags & TaggerFeatures.fSentenceStart != 0
            let key = (a.word ^ (initial ? 0x5BD1_E995 : 0)) | 1
            var slot = table.get(key)
            if slot == -1 {
                let known = initial ? -1 : vocabularyIndex.get(a.word | 1)
                if known >= 0 {
                    slot = -known - 2
                } else {
                    slot = Int32(pending.count)
                    pending.append(i)
                }
                table.set(key, slot)
            }
            slots[i] = slot < -1 ? slot + 1 : slot
        }
        var vectors = [Float](repeating: 0, count: pending.count * stride)
        var keys = [UInt64](repeating: 0, count: 32)
        fingerprints.withUnsafeBufferPointer { fps in
            rowOf.withUnsafeBufferPointer { rows in
                weights.withUnsafeBufferPointer { w in
                    keys.withUnsafeMutableBufferPointer { kb in
                        vectors.withUnsafeMutableBufferPointer { vb in
                            guard let kp = kb.baseAddress, let vp = vb.baseAddress else { return }
                            for (n, i) in pending.enumerated() {
                                let a = doc.attributes[i]
                                for (k, offset) in (-2...2).enumerated() {
                                    let m = TaggerFeatures.wordKeys(a, offset: offset, kp)
                                    let out = vp + n * stride + k * tags
                                    for f in 0..<m { TaggerModel.addRow(kp[f], fps, rows, w, mask, out) }
                                }
                            }
                        }
                    }
                }
            }
        }
        return WordCache(slotOfToken: slots, vectors: vectors)
    }

    /// BILOU tagging of every sentence: emission scores per token, then the best legal sequence (Viterbi); returns
    /// one tag per token.
    /// `staticScores` holds, per token, the scores of features that do not change between passes: filled when
    /// `reuse` is false, read when it is true (the second pass only adds the document-label features).
    func tag(_ doc: PreparedDocument, cache: WordCache, staticScores: inout [Float], reuse: Bool) -> [Int] {
        let tags = TagSet.count
        let stride = 5 * tags
        let boundarySlot = -min(lexicon.vocabularyEnds.count, TaggerModel.precomputedWords) - 1
        let n = doc.tokens.count
        var result = [Int](repeating: 0, count: n)
        guard n > 0 else { return result }
        if staticScores.count != n * tags {
            staticScores = [Float](repeating: 0, count: n * tags)
        }
        var emissions = [Float](repeating: 0, count: n * tags)
        var keys = [UInt64](repeating: 0, count: TaggerFeatures.contextCount)
        fingerprints.withUnsafeBufferPointer { fps in
            rowOf.withUnsafeBufferPointer { rows in
                weights.withUnsafeBufferPointer { w in
                    doc.attributes.withUnsafeBufferPointer { attrs in
                        vocabularyVectors.withUnsafeBufferPointer { global in
                        staticScores.withUnsafeMutableBufferPointer { stat in
                        emissions.withUnsafeMutableBufferPointer { emb in
                        cache.vectors.withUnsafeBufferPointer { vec in
                            cache.slotOfToken.withUnsafeBufferPointer { slots in
                                keys.withUnsafeMutableBufferPointer { kb in
                                    guard let kp = kb.baseAddress, let statBase = stat.baseAddress,
                                          let emBase = emb.baseAddress,
                                          let globalBase = global.baseAddress, let wp = w.baseAddress else { return }
                                    let vecBase = vec.baseAddress ?? globalBase
                                    for r in doc.sentences {
                                        for i in r {
                                            let st = statBase + i * tags
                                            TaggerFeatures.contextKeys(attrs, r.lowerBound, r.upperBound, i, kp)
                                            var a16 = SIMD16<Float>()
                                            var a1: Float = 0
                                            if reuse {
                                                a16 = UnsafeRawPointer(st).loadUnaligned(as: SIMD16<Float>.self)
                                                a1 = st[16]
                                            } else {
                                                for k in 0..<5 {
                                                    let j = i + k - 2
                                                    let slot = j >= r.lowerBound && j < r.upperBound ? Int(slots[j]) : boundarySlot
                                                    let v = slot >= 0
                                                        ? vecBase + slot * stride + k * tags
                                                        : globalBase + (-slot - 1) * stride + k * tags
                                                    a16 += UnsafeRawPointer(v).loadUnaligned(as: SIMD16<Float>.self)
                                                    a1 += v[16]
                                                }
                                                for f in 0..<TaggerFeatures.passIndependentContextCount {
                                                    TaggerModel.addRow(kp[f], fps, rows, wp, mask, &a16, &a1)
                                                }
                                                UnsafeMutableRawPointer(st).storeBytes(of: a16, as: SIMD16<Float>.self)
                                                st[16] = a1
                                            }
                                            for f in TaggerFeatures.passIndependentContextCount..<kb.count {
                                                TaggerModel.addRow(kp[f], fps, rows, wp, mask, &a16, &a1)
                                            }
                                            let e = emBase + i * tags
                                            UnsafeMutableRawPointer(e).storeBytes(of: a16, as: SIMD16<Float>.self)
                                            e[16] = a1
                                        }
                                    }
                                }
                            }
                        }
                        }
                        }
                        }
                    }
                }
            }
        }
        let longest = doc.sentences.map(\.count).max() ?? 0
        var delta = [Float](repeating: 0, count: max(longest, 1) * tags)
        var back = [Int8](repeating: 0, count: max(longest, 1) * tags)
        emissions.withUnsafeBufferPointer { eb in
            transitions.withUnsafeBufferPointer { tb in
                delta.withUnsafeMutableBufferPointer { db in
                    back.withUnsafeMutableBufferPointer { bb in
                        result.withUnsafeMutableBufferPointer { ob in
                            guard let ep = eb.baseAddress, let tp = tb.baseAddress, let dp = db.baseAddress,
                                  let bp = bb.baseAddress, let op = ob.baseAddress else { return }
                            for r in doc.sentences where !r.isEmpty {
                                ChainDecoder.decode(ep + r.lowerBound * tags, 0, r.count, trans: tp, delta: dp, back: bp,
                                                    into: op + r.lowerBound)
                            }
                        }
                    }
                }
            }
        }
        return result
    }
}

/// Errors raised when the entity model cannot be found or read.
public enum EntityModelError: Error, CustomStringConvertible, Sendable {
    /// No model file was found in any of the searched places.
    case notFound(searched: [String])
    /// The model file exists but could not be parsed.
    case corrupt(String)

    /// A message a user can act on.
    public var description: String {
        switch self {
        case .notFound(let searched):
            if let dir = ProcessInfo.processInfo.environment["NQL_MODEL_DIR"], !dir.isEmpty {
                return "entity model not found: NQL_MODEL_DIR is '\(dir)', which holds no 'ner.model' (unset it, or point it at the folder that does)"
            }
            return "entity model 'ner.model' not found; searched: \(searched.joined(separator: ", ")) "
                + "(set NQL_MODEL_DIR to the folder holding it)"
        case .corrupt(let message): return message
        }
    }
}

extension KeyTable {
    /// Rebuilds a table from stored slot arrays.
    init(keys: [UInt64], values: [Int32]) {
        self.init(capacity: 1)
        self.replaceStorage(keys: keys, values: values)
    }
}
