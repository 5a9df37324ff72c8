import Foundation

/// Viterbi decoding over BILOU tags, shared by training and the shipped tagger.
enum ChainDecoder {
    /// Transition scores with illegal BILOU transitions at -infinity: row `prev + 1` (row 0 = sentence start),
    /// column = tag.
    static func blocked(_ transitions: [Float]) -> [Float] {
        let T = TagSet.count
        var out = transitions
        for p in -1..<T {
            for t in 0..<T where !TagSet.allowed(prev: p, tag: t, atEnd: false) { out[(p + 1) * T + t] = -.infinity }
        }
        return out
    }

    /// The tags that may precede each tag inside a sentence (`predecessors[predecessorStart[t]..<predecessorStart[t + 1]]`):
    /// 9 for O, B and U, 2 for I and L, so decoding skips the blocked pairs.
    static let (predecessors, predecessorStart): ([Int], [Int]) = {
        var list: [Int] = []
        var start: [Int] = [0]
        for t in 0..<TagSet.count {
            for p in 0..<TagSet.count where TagSet.allowed(prev: p, tag: t, atEnd: false) { list.append(p) }
            start.append(list.count)
        }
        return (list, start)
    }()

    /// Whether `tag` may end a sentence (O, L or U).
    @inline(__always)
    static func mayEnd(_ tag: Int) -> Bool {
        tag == 0 || TagSet.position(of: tag) >= 2
    }

    /// The best legal tag sequence for tokens `s..<e`, whose emission scores are `em[i * tags + t]`; `trans` is
    /// `blocked(_:)`'s table. `delta` and `back` are scratch of at least `(e - s) * tags` elements.
    static func decode(_ em: UnsafePointer<Float>, _ s: Int, _ e: Int, trans: UnsafePointer<Float>,
                       delta: UnsafeMutablePointer<Float>, back: UnsafeMutablePointer<Int8>,
                       into out: UnsafeMutablePointer<Int>) {
        let T = TagSet.count
        let n = e - s
        guard n > 0 else { return }
        for t in 0..<T { delta[t] = trans[t] + em[s * T + t] }
        var i = 1
        while i < n {
            let d = delta + i * T
            let prev = delta + (i - 1) * T
            let row = em + (s + i) * T
            for t in 0..<T {
                var best: Float = -.infinity
                var arg = 0
                for k in predecessorStart[t]..<predecessorStart[t + 1] {
                    let p = predecessors[k]
                    let v = prev[p] + trans[(p + 1) * T + t]
                    if v > best {
                        best = v
                        arg = p
                    }
                }
                d[t] = best + row[t]
                back[i * T + t] = Int8(arg)
            }
            i += 1
        }
        var last = 0
        var bestScore: Float = -.infinity
        for t in 0..<T where mayEnd(t) && delta[(n - 1) * T + t] > bestScore {
            bestScore = delta[(n - 1) * T + t]
            last = t
        }
        var k = n - 1
        var tag = last
        while true {
            out[s + k] = tag
            if k == 0 { break }
            tag = Int(back[k * T + tag])
            k -= 1
        }
    }
}

/// A linear-chain conditional random field over the tagger's hashed features, trained online with AdaGrad,
/// an L2 penalty applied where a weight is touched, and parameter averaging; deterministic for a seed.
///
/// Weights are a row of `TagSet.count` floats per feature (emissions) plus a transition matrix (row `prev + 1`,
/// row 0 the sentence start). Sentences from sets that annotate only PER/ORG/LOC are trained against the
/// partially known labelling: where gold says O, any MISC tag is also accepted (forward-backward over the
/// sequences that agree with what is annotated).
struct ChainCRF {
    var table = KeyTable(capacity: 1 << 20)
    /// Row 0 is the null row of features too rare to learn from (key 0, weights always 0).
    var keys: [UInt64] = [0]
    var w = [Float](repeating: 0, count: TagSet.count)
    var g2 = [Float](repeating: 0, count: TagSet.count)
    var acc = [Double](repeating: 0, count: TagSet.count)
    /// How often each feature key occurs in the training documents (see `count(_:)`).
    var counts = KeyTable(capacity: 1 << 20)
    /// Features seen fewer times than this get the null row.
    var minCount = Int32(ChainCRF.defaultMinCount)
    var trans = [Float](repeating: 0, count: (TagSet.count + 1) * TagSet.count)
    var transG2 = [Float](repeating: 0, count: (TagSet.count + 1) * TagSet.count)
    var transAcc = [Double](repeating: 0, count: (TagSet.count + 1) * TagSet.count)
    var c: Double = 1
    var eta: Float = ChainCRF.defaultEta
    var l2: Float = ChainCRF.defaultL2

    /// Measured on the five dev sets (README of Entities): AdaGrad rate 0.1; L2 0.005 per touch (0 and 0.001
    /// overfit, 0.01 and 0.03 cost recall); features seen fewer than 3 times (weighted) left out (better on
    /// every set, and the model is 40 % smaller).
    static let defaultEta: Float = 0.1
    static let defaultL2: Float = 0.005
    static let defaultMinCount = 3

    /// Counts the feature keys of `doc` (`weight` times).
    mutating func count(_ doc: TrainingDocument, weight: Int) {
        for key in doc.keys { counts.set(key, max(counts.get(key), 0) + Int32(weight)) }
    }

    /// Feature rows of every static key of `doc` (one per key, in order), adding rows for new keys; keys counted
    /// fewer than `minCount` times get the null row 0.
    mutating func rowIndices(_ doc: TrainingDocument) -> [Int32] {
        let T = TagSet.count
        var out = [Int32](repeating: 0, count: doc.keys.count)
        for (k, key) in doc.keys.enumerated() {
            var row = table.get(key)
            if row < 0 && minCount > 1 && counts.get(key) < minCount { continue }
            if row < 0 {
                row = Int32(keys.count)
                keys.append(key)
                table.set(key, row)
            }
            out[k] = row
        }
        let need = keys.count * T
        if w.count < need {
            let extra = need - w.count
            w.append(contentsOf: repeatElement(0, count: extra))
            g2.append(contentsOf: repeatElement(0, count: extra))
            acc.append(contentsOf: repeatElement(0, count: extra))
        }
        return out
    }

    /// Zeroes every weight (a new model over the same feature rows).
    mutating func reset() {
        for k in 0..<w.count {
            w[k] = 0
            g2[k] = 0
            acc[k] = 0
        }
        for k in 0..<trans.count {
            trans[k] = 0
            transG2[k] = 0
            transAcc[k] = 0
        }
        c = 1
    }

    /// Averaged weights: (emission rows, transitions).
    func averaged() -> ([Float], [Float]) {
        var a = [Float](repeating: 0, count: w.count)
        for k in 0..<w.count { a[k] = Float(Double(w[k]) - acc[k] / c) }
        var t = [Float](repeating: 0, count: trans.count)
        for k in 0..<trans.count { t[k] = Float(Double(trans[k]) - transAcc[k] / c) }
        return (a, t)
    }

    /// Emission scores of the tokens of `doc` in `r` (from `rows`) into `em[(i - r.lowerBound) * tags + t]`.
    @inline(__always)
    static func emissions(_ weights: UnsafePointer<Float>, _ rows: UnsafePointer<Int32>, _ perToken: Int,
                          _ r: Range<Int>, _ em: UnsafeMutablePointer<Float>) {
        let T = TagSet.count
        for i in r {
            var a16 = SIMD16<Float>()
            var a1: Float = 0
            let rp = rows + i * perToken
            for k in 0..<perToken {
                let p = weights + Int(rp[k]) * T
                a16 += UnsafeRawPointer(p).loadUnaligned(as: SIMD16<Float>.self)
                a1 += p[16]
            }
            let out = em + (i - r.lowerBound) * T
            UnsafeMutableRawPointer(out).storeBytes(of: a16, as: SIMD16<Float>.self)
            out[16] = a1
        }
    }

    /// Best tags of a document with the given (averaged) weights.
    static func predict(_ doc: TrainingDocument, rows: [Int32], weights: [Float], transitions: [Float]) -> [Int] {
        let T = TagSet.count
        let S = TaggerFeatures.staticCount
        var out = [Int](repeating: 0, count: doc.gold.count)
        let longest = doc.sentences.map(\.count).max() ?? 0
        var em = [Float](repeating: 0, count: max(longest, 1) * T)
        var delta = [Float](repeating: 0, count: max(longest, 1) * T)
        var back = [Int8](repeating: 0, count: max(longest, 1) * T)
        let blocked = ChainDecoder.blocked(transitions)
        weights.withUnsafeBufferPointer { wb in
            rows.withUnsafeBufferPointer { rb in
                em.withUnsafeMutableBufferPointer { eb in
                    delta.withUnsafeMutableBufferPointer { db in
                        back.withUnsafeMutableBufferPointer { bb in
                            blocked.withUnsafeBufferPointer { tb in
                                out.withUnsafeMutableBufferPointer { ob in
                                    guard let wp = wb.baseAddress, let rp = rb.baseAddress, let ep = eb.baseAddress,
                                          let dp = db.baseAddress, let bp = bb.baseAddress, let tp = tb.baseAddress,
                                          let op = ob.baseAddress else { return }
                                    for r in doc.sentences where !r.isEmpty {
                                        emissions(wp, rp, S, r, ep)
                                        ChainDecoder.decode(ep, 0, r.count, trans: tp, delta: dp, back: bp,
                                                            into: op + r.lowerBound)
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        return out
    }

    /// Scaled forward-backward over `n` positions: `phi` are exponentiated (max-shifted) emissions, `mask` 1 for
    /// an allowed tag (nil: all), `expTrans` the exponentiated legal transitions. Writes marginals into `mu` and
    /// adds `sign` times the pairwise marginals into `xi`; false when the sentence has no allowed path.
    static func forwardBackward(n: Int, phi: UnsafePointer<Double>, mask: UnsafePointer<Double>?,
                                expTrans: UnsafePointer<Double>, alpha: UnsafeMutablePointer<Double>,
                                beta: UnsafeMutablePointer<Double>, scale: UnsafeMutablePointer<Double>,
                                mu: UnsafeMutablePointer<Double>, xi: UnsafeMutablePointer<Double>, sign: Double) -> Bool {
        let T = TagSet.count
        @inline(__always) func m(_ i: Int, _ t: Int) -> Double { mask.map { $0[i * T + t] } ?? 1 }
        var sum = 0.0
        for t in 0..<T {
            let a = expTrans[t] * phi[t] * m(0, t)
            alpha[t] = a
            sum += a
        }
        guard sum > 0, sum.isFinite else { return false }
        for t in 0..<T { alpha[t] /= sum }
        scale[0] = sum
        for i in 1..<max(n, 1) {
            sum = 0
            for t in 0..<T {
                var s = 0.0
                for p in 0..<T { s += alpha[(i - 1) * T + p] * expTrans[(p + 1) * T + t] }
                let a = s * phi[i * T + t] * m(i, t)
                alpha[i * T + t] = a
                sum += a
            }
            guard sum > 0, sum.isFinite else { return false }
            for t in 0..<T { alpha[i * T + t] /= sum }
            scale[i] = sum
        }
        var z = 0.0
        for t in 0..<T where ChainDecoder.mayEnd(t) { z += alpha[(n - 1) * T + t] }
        guard z > 0, z.isFinite else { return false }
        for t in 0..<T { beta[(n - 1) * T + t] = ChainDecoder.mayEnd(t) ? 1 : 0 }
        var i = n - 2
        while i >= 0 {
            for p in 0..<T {
                var s = 0.0
                for t in 0..<T {
                    s += expTrans[(p + 1) * T + t] * phi[(i + 1) * T + t] * m(i + 1, t) * beta[(i + 1) * T + t]
                }
                beta[i * T + p] = s / scale[i + 1]
            }
            i -= 1
        }
        for i in 0..<n {
            for t in 0..<T { mu[i * T + t] = alpha[i * T + t] * beta[i * T + t] / z }
        }
        for t in 0..<T { xi[t] += sign * mu[t] }
        for i in 1..<max(n, 1) {
            let k = sign / (scale[i] * z)
            for t in 0..<T {
                let right = phi[i * T + t] * m(i, t) * beta[i * T + t] * k
                if right == 0 { continue }
                for p in 0..<T {
                    xi[(p + 1) * T + t] += alpha[(i - 1) * T + p] * expTrans[(p + 1) * T + t] * right
                }
            }
        }
        return true
    }

    /// Scratch buffers of one training run, sized for its longest sentence.
    final class Scratch {
        let em, d: UnsafeMutablePointer<Float>
        let phi, mask, alpha, beta, scale, mu, muGold, xi, expTrans, legal: UnsafeMutablePointer<Double>

        init(longest: Int) {
            let T = TagSet.count
            let n = max(longest, 1) * T
            em = .allocate(capacity: n)
            d = .allocate(capacity: T)
            phi = .allocate(capacity: n)
            mask = .allocate(capacity: n)
            alpha = .allocate(capacity: n)
            beta = .allocate(capacity: n)
            scale = .allocate(capacity: max(longest, 1))
            mu = .allocate(capacity: n)
            muGold = .allocate(capacity: n)
            xi = .allocate(capacity: (T + 1) * T)
            expTrans = .allocate(capacity: (T + 1) * T)
            legal = .allocate(capacity: (T + 1) * T)
            legal.initialize(repeating: 0, count: (T + 1) * T)
            for p in -1..<T { for t in 0..<T where TagSet.allowed(prev: p, tag: t, atEnd: false) { legal[(p + 1) * T + t] = 1 } }
        }

        deinit {
            for p in [em, d] { p.deallocate() }
            for p in [phi, mask, alpha, beta, scale, mu, muGold, xi, expTrans, legal] { p.deallocate() }
        }
    }

    /// Trains on the documents `members` (indices into `docs`, repeated for weight) for `epochs` epochs.
    mutating func train(_ docs: [TrainingDocument], rows: [[Int32]], _ members: [Int], epochs: Int, seed: UInt64,
                        log: (String) -> Void) {
        let T = TagSet.count
        let S = TaggerFeatures.staticCount
        let clock = ContinuousClock()
        var rng = SeededGenerator(seed: seed)
        var order = members
        let longest = members.map { docs[$0].sentences.map(\.count).max() ?? 0 }.max() ?? 0
        let x = Scratch(longest: longest)
        let eta = self.eta
        let l2 = self.l2
        for epoch in 1...max(epochs, 1) {
            let te = clock.now
            order.shuffle(using: &rng)
            var fit = 0.0
            var skipped = 0
            for n in order {
                let doc = docs[n]
                rows[n].withUnsafeBufferPointer { rb in
                    guard let rp = rb.baseAddress else { return }
                    for r in doc.sentences where !r.isEmpty {
                        let len = r.count
                        for k in 0..<trans.count {
                            x.expTrans[k] = x.legal[k] * Foundation.exp(Double(max(-50, min(50, trans[k]))))
                        }
                        w.withUnsafeBufferPointer { wb in
                            if let wp = wb.baseAddress { ChainCRF.emissions(wp, rp, S, r, x.em) }
                        }
                        for i in 0..<len {
                            var top = -Float.infinity
                            for t in 0..<T { top = max(top, x.em[i * T + t]) }
                            if !top.isFinite { top = 0 }
                            for t in 0..<T {
                                let v = x.em[i * T + t] - top
                                x.phi[i * T + t] = v.isNaN ? 0 : Foundation.exp(Double(max(-600, v)))
                            }
                        }
                        for k in 0..<((T + 1) * T) { x.xi[k] = 0 }
                        // Gold side: one path, or the paths that agree with a partial labelling.
                        let partial = doc.unlabelledMisc && r.contains { doc.gold[$0] == TagSet.outside }
                        var ok = true
                        if partial {
                            for i in 0..<len {
                                let g = doc.gold[r.lowerBound + i]
                                for t in 0..<T {
                                    let miscHidden = g == TagSet.outside && t > 0 && TagSet.type(of: t) == TagSet.miscType
                                    x.mask[i * T + t] = t == g || miscHidden ? 1 : 0
                                }
                            }
                            ok = ChainCRF.forwardBackward(
                                n: len, phi: x.phi, mask: x.mask, expTrans: x.expTrans, alpha: x.alpha, beta: x.beta,
                                scale: x.scale, mu: x.muGold, xi: x.xi, sign: 1)
                        } else {
                            var prev = -1
                            for i in 0..<len {
                                let g = doc.gold[r.lowerBound + i]
                                for t in 0..<T { x.muGold[i * T + t] = t == g ? 1 : 0 }
                                x.xi[(prev + 1) * T + g] += 1
                                prev = g
                            }
                        }
                        if ok {
                            ok = ChainCRF.forwardBackward(
                                n: len, phi: x.phi, mask: nil, expTrans: x.expTrans, alpha: x.alpha, beta: x.beta,
                                scale: x.scale, mu: x.mu, xi: x.xi, sign: -1)
                        }
                        guard ok else {
                            skipped += 1
                            continue
                        }
                        // Emission updates where the model is not yet sure of the gold side.
                        let cNow = c
                        w.withUnsafeMutableBufferPointer { wb in
                            g2.withUnsafeMutableBufferPointer { gb in
                                acc.withUnsafeMutableBufferPointer { ab in
                                    guard let wp = wb.baseAddress, let gp = gb.baseAddress, let ap = ab.baseAddress else { return }
                                    let d = x.d
                                    for i in 0..<len {
                                        var largest: Float = 0
                                        var goldProbability = 0.0
                                        for t in 0..<T {
                                            let v = Float(x.muGold[i * T + t] - x.mu[i * T + t])
                                            d[t] = v
                                            largest = max(largest, abs(v))
                                            goldProbability += x.muGold[i * T + t] * x.mu[i * T + t]
                                        }
                                        fit += Foundation.log(max(goldProbability, 1e-12))
                                        if largest < 1e-3 { continue }
                                        let rowsOfToken = rp + (r.lowerBound + i) * S
                                        for k in 0..<S where rowsOfToken[k] != 0 {
                                            let b = Int(rowsOfToken[k]) * T
                                            for t in 0..<T {
                                                let g = d[t] - l2 * wp[b + t]
                                                if g == 0 { continue }
                                                let sum = gp[b + t] + g * g
                                                gp[b + t] = sum
                                                let step = eta * g / sum.squareRoot()
                                                wp[b + t] += step
                                                ap[b + t] += cNow * Double(step)
                                            }
                                        }
                                    }
                                }
                            }
                        }
                        for k in 0..<trans.count where x.xi[k] != 0 {
                            let g = Float(x.xi[k]) - l2 * trans[k]
                            transG2[k] += g * g
                            let step = eta * g / transG2[k].squareRoot()
                            trans[k] += step
                            transAcc[k] += cNow * Double(step)
                        }
                        c += 1
                    }
                }
            }
            log("epoch \(epoch)/\(epochs): mean log marginal of gold tags \(String(format: "%.4f", fit / Double(max(order.count, 1)))) per document, \(skipped) sentences skipped, \(keys.count) features, \(clock.now - te)")
        }
    }
}
