import Foundation

/// A gold entity span in a training document, in Unicode-scalar offsets (end exclusive).
public struct LabeledSpan: Sendable, Hashable {
    /// First scalar of the entity.
    public var start: Int
    /// One past the last scalar.
    public var end: Int
    /// Tagger type: "PER", "ORG", "LOC" or "MISC".
    public var type: String

    /// Creates a span.
    public init(start: Int, end: Int, type: String) {
        self.start = start
        self.end = end
        self.type = type
    }
}

/// A training document: its text and gold entity spans.
public struct LabeledDocument: Sendable {
    /// The document text.
    public var text: String
    /// Gold entities.
    public var spans: [LabeledSpan]
    /// The set annotates only persons, organisations and places: where gold says O, a MISC prediction is not
    /// an error (nationalities, products and events are simply unlabelled there).
    public var unlabelledMisc: Bool
    /// How many times the document is seen per training epoch (newswire is weighted up).
    public var weight: Int
    /// Non-zero: a set id (one per training set); while training, every feature of the document also has a copy
    /// of its own for that set, which absorbs what is peculiar to it (tweets' casing, web text's conventions)
    /// and is left out of the model, so the shared features stay closer to edited news.
    public var ownFeatures: Int = 0

    /// Creates a labelled document.
    public init(text: String, spans: [LabeledSpan], unlabelledMisc: Bool = false, weight: Int = 1) {
        self.text = text
        self.spans = spans
        self.unlabelledMisc = unlabelledMisc
        self.weight = weight
    }
}

/// Trains the entity tagger: word clusters from unlabelled text, a jackknifed gazetteer and an averaged perceptron.
public enum EntityTrainer {
    /// File name of the model inside the resources folder.
    public static let modelFileName = "ner.model"

    /// Trains a model and returns its serialised bytes. Deterministic for a given seed.
    public static func train(documents: [LabeledDocument], unlabelled: [String], vectorDirectory: String? = nil,
                             epochs: Int = 10,
                             seed: UInt64 = 20_261_129, folds: Int = 10,
                             log: (String) -> Void = { _ in }) -> [UInt8] {
        let clock = ContinuousClock()
        let t0 = clock.now
        let (clusters, casing, vocabulary) = WordClusterLearner.learn(
            texts: unlabelled + documents.map(\.text), seed: seed, log: log)
        log("clusters: \(clusters.count) words in \(clock.now - t0)")
        var vectors = KeyTable(capacity: 16)
        if let vectorDirectory {
            switch VectorClusterLearner.learn(directory: vectorDirectory, seed: seed, log: log) {
            case .success(let table): vectors = table
            case .failure(let error): log("warning: \(error); training without vector clusters")
            }
        }

        // Tokenise and label the training documents.
        struct Doc {
            var bytes: [UInt8]
            var tokens: [TextToken]
            var gold: [Int]
            var entities: [(Range<Int>, Int)]
        }
        var docs: [Doc] = []
        var misaligned = 0
        for d in documents {
            let bytes = Array(d.text.utf8)
            let tokens = Tokenizer.tokenize(d.text)
            var gold = [Int](repeating: 0, count: tokens.count)
            var entities: [(Range<Int>, Int)] = []
            var ti = 0
            for span in d.spans.sorted(by: { $0.start < $1.start }) {
                guard let type = TagSet.types.firstIndex(of: span.type) else { continue }
                while ti < tokens.count && tokens[ti].end <= span.start { ti += 1 }
                var tj = ti
                while tj < tokens.count && tokens[tj].end <= span.end { tj += 1 }
                guard tj > ti, tokens[ti].start == span.start, tokens[tj - 1].end == span.end else {
                    misaligned += 1
                    continue
                }
                if tj - ti == 1 {
                    gold[ti] = TagSet.unit(type)
                } else {
                    gold[ti] = TagSet.begin(type)
                    for k in (ti + 1)..<(tj - 1) { gold[k] = TagSet.inside(type) }
                    gold[tj - 1] = TagSet.last(type)
                }
                entities.append((ti..<tj, type))
            }
            docs.append(Doc(bytes: bytes, tokens: tokens, gold: gold, entities: entities))
        }
        if misaligned > 0 { log("warning: \(misaligned) gold spans do not align with tokens") }

        // Gazetteer tables: one per fold (built from the other folds) and one from everything for inference.
        func entityHash(_ doc: Doc, _ r: Range<Int>) -> UInt64 {
            var h = TaggerLexicon.sequenceSeed
            doc.bytes.withUnsafeBufferPointer { p in
                for k in r {
                    h = TaggerLexicon.sequenceHash(h, FeatureHash.bytes(p, doc.tokens[k].utf8Start, doc.tokens[k].utf8End))
                }
            }
            return h
        }
        let gazetteerFromWeighted = NERExperiments.flags.contains("gazweighted")
        func inGazetteer(_ n: Int) -> Bool { !gazetteerFromWeighted || documents[n].weight > 1 }
        func gazetteer(excludingFold fold: Int) -> (KeyTable, Int) {
            var table = KeyTable(capacity: 30_000)
            var maxLen = 1
            for (n, doc) in docs.enumerated() where n % folds != fold && inGazetteer(n) {
                for (r, type) in doc.entities where r.count <= TaggerLexicon.maxGazetteerLength {
                    let h = entityHash(doc, r)
                    let old = max(table.get(h), 0)
                    table.set(h, old | Int32(1 << type))
                    maxLen = max(maxLen, r.count)
                }
            }
            return (table, maxLen)
        }

        // Static feature keys of every training token, with the fold's gazetteer.
        var foldLexicons: [TaggerLexicon] = []
        for f in 0..<folds {
            var lex = TaggerLexicon()
            lex.clusters = clusters
            lex.vectors = vectors
            lex.casing = casing
            (lex.gazetteer, lex.gazetteerMaxLength) = gazetteer(excludingFold: f)
            foldLexicons.append(lex)
        }
        var prepared: [TrainingDocument] = []
        var tokenTotal = 0
        for (n, doc) in docs.enumerated() {
            let pd = doc.bytes.withUnsafeBufferPointer {
                DocumentPreparer.prepare($0, tokens: doc.tokens, lexicon: foldLexicons[n % folds])
            }
            tokenTotal += doc.tokens.count
            var td = TrainingDocument(
                sentences: pd.sentences, attributes: pd.attributes, keys: [], gold: doc.gold,
                unlabelledMisc: documents[n].unlabelledMisc,
                ownFeatures: documents[n].ownFeatures == 0 ? 0 : 0xD0_0000 &+ UInt64(documents[n].ownFeatures))
            td.computeKeys()
            prepared.append(td)
        }
        log("training: \(docs.count) documents, \(tokenTotal) tokens prepared in \(clock.now - t0)")

        // Pass-1 predictions for every training document from a model that never saw it (10 folds), so the
        // second pass learns how far to trust document-level evidence.
        var firstPass = [[Int]](repeating: [], count: prepared.count)
        for f in 0..<folds {
            let tf = clock.now
            var p = Perceptron()
            let members = (0..<prepared.count).filter { $0 % folds != f }.flatMap {
                repeatElement($0, count: max(documents[$0].weight, 1))
            }
            p.train(prepared, members, epochs: epochs, seed: seed &+ UInt64(f), log: { _ in })
            let model = p.averaged()
            var correct = 0, total = 0
            for n in 0..<prepared.count where n % folds == f {
                firstPass[n] = model.predict(prepared[n])
                for i in 0..<firstPass[n].count {
                    total += 1
                    if firstPass[n][i] == prepared[n].gold[i] { correct += 1 }
                }
            }
            log("fold \(f + 1)/\(folds): held-out token accuracy \(String(format: "%.2f", Double(correct) / Double(max(total, 1)) * 100))%, \(clock.now - tf)")
        }
        // Each document appears twice: without (first pass) and with (second pass) document-level labels.
        var both = prepared
        for n in 0..<prepared.count {
            var td = prepared[n]
            DocumentPreparer.markPassLabels(&td.attributes, td.sentences, tags: firstPass[n])
            td.computeKeys()
            both.append(td)
        }
        var perceptron = Perceptron()
        let everything = (0..<both.count).flatMap {
            repeatElement($0, count: max(documents[$0 % prepared.count].weight, 1))
        }
        perceptron.train(both, everything, epochs: epochs, seed: seed, log: log)
        let final = perceptron.averaged()

        var lexicon = TaggerLexicon()
        lexicon.clusters = clusters
        lexicon.vectors = vectors
        lexicon.casing = casing
        for word in vocabulary {
            lexicon.vocabularyBytes.append(contentsOf: word.utf8)
            lexicon.vocabularyEnds.append(Int32(lexicon.vocabularyBytes.count))
        }
        (lexicon.gazetteer, lexicon.gazetteerMaxLength) = gazetteer(excludingFold: -1)
        let model = TaggerModel.build(
            features: final.keys.enumerated().map { ($0.element, Int32($0.offset)) }, weights: final.weights,
            lexicon: lexicon)
        let bytes = model.serialized()
        log("model: \(model.weights.count / TagSet.count) features kept, \(bytes.count) bytes; total \(clock.now - t0)")
        return bytes
    }
}

/// A training document with precomputed static feature keys.
struct TrainingDocument {
    var sentences: [Range<Int>]
    var attributes: [TokenAttributes]
    var keys: [UInt64]
    var gold: [Int]
    /// Gold O may hide an unannotated MISC name (see `LabeledDocument.unlabelledMisc`).
    var unlabelledMisc = false
    /// Salt of the document's own feature copies (see `LabeledDocument.ownFeatures`), 0 for none.
    var ownFeatures: UInt64 = 0

    mutating func computeKeys() {
        let S = TaggerFeatures.staticCount
        var keys = [UInt64](repeating: 0, count: attributes.count * S)
        keys.withUnsafeMutableBufferPointer { kb in
            guard let kp = kb.baseAddress else { return }
            attributes.withUnsafeBufferPointer { attrs in
                for r in sentences {
                    for i in r {
                        TaggerFeatures.staticKeys(attrs, r.lowerBound, r.upperBound, i, kp + i * S)
                    }
                }
            }
        }
        self.keys = keys
    }
}

/// One greedy decoding step, shared by training and prediction.
enum GreedyStep {
    /// Fills `feats` with token `i`'s features (its static keys and the history of
    /// the two tags before it) and returns the best tag allowed after `prev`.
    /// With `copies` (a set's salt, 0 for none) every feature also appears in that set's own copy
    /// (`featureCount` is then twice the usual count).
    static func best(_ doc: TrainingDocument, _ i: Int, in r: Range<Int>, prev: Int, prev2: Int, rows: KeyTable,
                     weights: [Float], feats: inout [UInt64], scores: inout [Float], copies: UInt64 = 0) -> Int {
        let T = TagSet.count
        let S = TaggerFeatures.staticCount
        let H = TaggerFeatures.historyCount
        for k in 0..<S { feats[k] = doc.keys[i * S + k] }
        feats.withUnsafeMutableBufferPointer { fb in
            guard let fp = fb.baseAddress else { return }
            TaggerFeatures.historyKeys(doc.attributes[i], prev: prev, prev2: prev2, fp + S)
        }
        let n = copies == 0 ? S + H : 2 * (S + H)
        if copies != 0 {
            for k in 0..<(S + H) { feats[S + H + k] = FeatureHash.key(copies, feats[k]) }
        }
        for t in 0..<T { scores[t] = 0 }
        for f in feats[0..<n] {
            let row = rows.get(f)
            if row >= 0 {
                let b = Int(row) * T
                for t in 0..<T { scores[t] += weights[b + t] }
            }
        }
        let atEnd = i == r.upperBound - 1
        var best = 0
        var bestScore = -Float.infinity
        for t in 0..<T where scores[t] > bestScore && TagSet.allowed(prev: prev, tag: t, atEnd: atEnd) {
            best = t
            bestScore = scores[t]
        }
        return best
    }
}

/// Averaged float weights of a trained perceptron, able to tag training documents.
struct AveragedWeights {
    var rows: KeyTable
    var keys: [UInt64]
    var weights: [Float]

    func predict(_ doc: TrainingDocument) -> [Int] {
        let T = TagSet.count
        let S = TaggerFeatures.staticCount
        let H = TaggerFeatures.historyCount
        var out = [Int](repeating: 0, count: doc.gold.count)
        var feats = [UInt64](repeating: 0, count: 2 * (S + H))
        var scores = [Float](repeating: 0, count: T)
        for r in doc.sentences {
            var prev = -1
            var prev2 = -1
            for i in r {
                let best = GreedyStep.best(doc, i, in: r, prev: prev, prev2: prev2, rows: rows, weights: weights,
                                           feats: &feats, scores: &scores)
                out[i] = best
                prev2 = prev
                prev = best
            }
        }
        return out
    }
}

/// Averaged perceptron with greedy decoding on the tagger's own history (lazy averaging).
struct Perceptron {
    var rows = KeyTable(capacity: 1 << 18)
    var rowKeys: [UInt64] = []
    var w: [Float] = []
    var acc: [Double] = []
    var c: Double = 1
    /// Rows of features that exist only as a training set's own copy (left out of the shipped model).
    var copyRows = Set<Int>()

    mutating func train(_ docs: [TrainingDocument], _ members: [Int], epochs: Int, seed: UInt64,
                        log: (String) -> Void) {
        let T = TagSet.count
        let S = TaggerFeatures.staticCount
        let H = TaggerFeatures.historyCount
        let clock = ContinuousClock()
        var rng = SeededGenerator(seed: seed)
        var order = members
        var feats = [UInt64](repeating: 0, count: 2 * (S + H))
        var scores = [Float](repeating: 0, count: T)
        var tokenTotal = 0
        for n in members { tokenTotal += docs[n].gold.count }
        for epoch in 1...max(epochs, 1) {
            let te = clock.now
            order.shuffle(using: &rng)
            var correct = 0
            for n in order {
                let doc = docs[n]
                for r in doc.sentences {
                    var prev = -1
                    var prev2 = -1
                    for i in r {
                        let best = GreedyStep.best(doc, i, in: r, prev: prev, prev2: prev2, rows: rows, weights: w,
                                                   feats: &feats, scores: &scores, copies: doc.ownFeatures)
                        let n = doc.ownFeatures == 0 ? S + H : 2 * (S + H)
                        let gold = doc.gold[i]
                        let unannotated = doc.unlabelledMisc && gold == TagSet.outside && best > 0
                            && TagSet.type(of: best) == TagSet.miscType
                        if best == gold || unannotated {
                            correct += 1
                        } else {
                            for (k, f) in feats[0..<n].enumerated() {
                                var row = rows.get(f)
                                if row < 0 {
                                    if k >= S + H { copyRows.insert(rowKeys.count) }
                                    rowKeys.append(f)
                                    w.append(contentsOf: repeatElement(0, count: T))
                                    acc.append(contentsOf: repeatElement(0, count: T))
                                    row = Int32(rowKeys.count - 1)
                                    rows.set(f, row)
                                }
                                let b = Int(row) * T
                                w[b + gold] += 1
                                acc[b + gold] += c
                                w[b + best] -= 1
                                acc[b + best] -= c
                            }
                        }
                        c += 1
                        prev2 = prev
                        prev = best
                    }
                }
            }
            let accuracy = Double(correct) / Double(max(tokenTotal, 1)) * 100
            log("epoch \(epoch)/\(epochs): token accuracy \(String(format: "%.2f", accuracy))%, \(rowKeys.count) features, \(clock.now - te)")
        }
    }

    func averaged() -> AveragedWeights {
        var avg = [Float](repeating: 0, count: w.count)
        for k in 0..<w.count { avg[k] = Float(Double(w[k]) - acc[k] / c) }
        for row in copyRows { for t in 0..<TagSet.count { avg[row * TagSet.count + t] = 0 } }
        return AveragedWeights(rows: rows, keys: rowKeys, weights: avg)
    }
}
