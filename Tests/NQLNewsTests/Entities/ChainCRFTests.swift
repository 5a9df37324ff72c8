import Foundation
import Testing

@testable import NQLNews

@Suite struct ChainCRFTests {
    /// Emission scores for `n` tokens from a seeded generator (some large, to exercise the bounds).
    func scores(_ n: Int, seed: UInt64) -> [Float] {
        var rng = SeededGenerator(seed: seed)
        return (0..<(n * TagSet.count)).map { _ in Float(Int(rng.next() % 2001) - 1000) / 100 }
    }

    @Test(arguments: [1, 2, 5, 12])
    func viterbiGivesALegalSequence(_ n: Int) {
        let T = TagSet.count
        var em = scores(n, seed: UInt64(n))
        let trans = ChainDecoder.blocked([Float](repeating: 0, count: (T + 1) * T))
        var delta = [Float](repeating: 0, count: n * T)
        var back = [Int8](repeating: 0, count: n * T)
        var out = [Int](repeating: -1, count: n)
        em.withUnsafeMutableBufferPointer { e in
            trans.withUnsafeBufferPointer { t in
                delta.withUnsafeMutableBufferPointer { d in
                    back.withUnsafeMutableBufferPointer { b in
                        out.withUnsafeMutableBufferPointer { o in
                            ChainDecoder.decode(e.baseAddress!, 0, n, trans: t.baseAddress!, delta: d.baseAddress!,
                                                back: b.baseAddress!, into: o.baseAddress!)
                        }
                    }
                }
            }
        }
        var prev = -1
        for (i, tag) in out.enumerated() {
            #expect(TagSet.allowed(prev: prev, tag: tag, atEnd: i == n - 1), "\(out)")
            prev = tag
        }
        #expect(ChainDecoder.mayEnd(out[n - 1]))
    }

    @Test func marginalsSumToOneAndRespectAMask() {
        let T = TagSet.count
        let n = 4
        let em = scores(n, seed: 7)
        var phi = [Double](repeating: 0, count: n * T)
        for i in 0..<n {
            let top = (0..<T).map { em[i * T + $0] }.max() ?? 0
            for t in 0..<T { phi[i * T + t] = Double(em[i * T + t] - top).exp() }
        }
        var expTrans = [Double](repeating: 0, count: (T + 1) * T)
        for p in -1..<T { for t in 0..<T where TagSet.allowed(prev: p, tag: t, atEnd: false) { expTrans[(p + 1) * T + t] = 1 } }
        // Token 1 may only be O or MISC.
        var mask = [Double](repeating: 1, count: n * T)
        for t in 0..<T where !(t == 0 || TagSet.type(of: t) == TagSet.miscType) { mask[T + t] = 0 }
        for masked in [false, true] {
            var alpha = [Double](repeating: 0, count: n * T), beta = alpha, mu = alpha
            var scale = [Double](repeating: 0, count: n)
            var xi = [Double](repeating: 0, count: (T + 1) * T)
            let ok = masked
                ? ChainCRF.forwardBackward(n: n, phi: phi, mask: mask, expTrans: expTrans, alpha: &alpha, beta: &beta,
                                           scale: &scale, mu: &mu, xi: &xi, sign: 1)
                : ChainCRF.forwardBackward(n: n, phi: phi, mask: nil, expTrans: expTrans, alpha: &alpha, beta: &beta,
                                           scale: &scale, mu: &mu, xi: &xi, sign: 1)
            #expect(ok)
            for i in 0..<n {
                let sum = (0..<T).reduce(0.0) { $0 + mu[i * T + $1] }
                #expect(abs(sum - 1) < 1e-9, "position \(i): \(sum)")
            }
            // Each position after the first has exactly one incoming transition, whose marginals sum to 1.
            #expect(abs(xi.reduce(0, +) - Double(n)) < 1e-9)
            if masked {
                for t in 0..<T where mask[T + t] == 0 { #expect(mu[T + t] == 0) }
            }
        }
    }

    @Test func aSentenceWithNoLegalPathIsSkippedNotTrapped() {
        let T = TagSet.count
        let n = 2
        let phi = [Double](repeating: 1, count: n * T)
        var expTrans = [Double](repeating: 0, count: (T + 1) * T)
        for p in -1..<T { for t in 0..<T where TagSet.allowed(prev: p, tag: t, atEnd: false) { expTrans[(p + 1) * T + t] = 1 } }
        // The last token may only be B-PER, which cannot end a sentence.
        var mask = [Double](repeating: 1, count: n * T)
        for t in 0..<T where t != TagSet.begin(0) { mask[T + t] = 0 }
        var alpha = [Double](repeating: 0, count: n * T), beta = alpha, mu = alpha
        var scale = [Double](repeating: 0, count: n)
        var xi = [Double](repeating: 0, count: (T + 1) * T)
        #expect(!ChainCRF.forwardBackward(n: n, phi: phi, mask: mask, expTrans: expTrans, alpha: &alpha, beta: &beta,
                                          scale: &scale, mu: &mu, xi: &xi, sign: 1))
    }

    @Test func trainingIsDeterministicAndItsModelLoads() {
        let texts = [
            ("Mayor Talia Brenner visited Oslo on Monday .", [(6, 19, "PER"), (28, 32, "LOC")]),
            ("Brenner said Oslo would build a new bridge .", [(0, 7, "PER"), (13, 17, "LOC")]),
            ("Officials in Oslo praised Brenner .", [(13, 17, "LOC"), (26, 33, "PER")]),
        ]
        let docs = texts.map { text, spans in
            LabeledDocument(text: text, spans: spans.map { LabeledSpan(start: $0.0, end: $0.1, type: $0.2) })
        }
        let a = EntityTrainer.train(documents: docs, unlabelled: [], epochs: 3, folds: 3)
        let b = EntityTrainer.train(documents: docs, unlabelled: [], epochs: 3, folds: 3)
        #expect(a == b)
        let model = try? TaggerModel.load(bytes: a)
        #expect(model != nil)
    }
}

extension Double {
    fileprivate func exp() -> Double { Foundation.exp(self) }
}
