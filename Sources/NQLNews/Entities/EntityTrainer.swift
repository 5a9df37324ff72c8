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

    /// Creates a labelled document.
    public init(text: String, spans: [LabeledSpan], unlabelledMisc: Bool = false, weight: Int = 1) {
        self.text = text
        self.spans = spans
        self.unlabelledMisc = unlabelledMisc
        self.weight = weight
    }
}

/// Trains the entity tagger: word clusters from unlabelled text, a jackknifed gazetteer and a linear-chain CRF.
public enum EntityTrainer {
    /// File name of the model inside the resources folder.
    public static let modelFileName = "ner.model"

    /// Trains a model and returns its serialised bytes. Deterministic for a given seed.
    public static func train(documents: [LabeledDocument], unlabelled: [String], vectorDirectory: String? = nil,
                             epochs: Int = 5,
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
                unlabelledMisc: documents[n].unlabelledMisc)
            td.computeKeys()
            prepared.append(td)
        }
        log("training: \(docs.count) documents, \(tokenTotal) tokens prepared in \(clock.now - t0)")

        // Pass-1 predictions for every training document from a model that never saw it (10 folds), so the
        // second pass learns how far to trust document-level evidence.
        var crf = ChainCRF()
        crf.eta = NERExperiments.number("crfeta", ChainCRF.defaultEta)
        crf.l2 = NERExperiments.number("crfl2", ChainCRF.defaultL2)
        let foldEpochs = Int(NERExperiments.number("foldepochs", Float(epochs)))
        let stackFolds = max(2, Int(NERExperiments.number("folds", Float(folds))))
        crf.minCount = Int32(NERExperiments.number("mincount", Float(ChainCRF.defaultMinCount)))
        for (n, td) in prepared.enumerated() { crf.count(td, weight: max(documents[n].weight, 1)) }
        var rows = prepared.map { crf.rowIndices($0) }
        var firstPass = [[Int]](repeating: [], count: prepared.count)
        for f in 0..<stackFolds {
            let tf = clock.now
            crf.reset()
            let members = (0..<prepared.count).filter { $0 % stackFolds != f }.flatMap {
                repeatElement($0, count: max(documents[$0].weight, 1))
            }
            crf.train(prepared, rows: rows, members, epochs: foldEpochs, seed: seed &+ UInt64(f), log: { _ in })
            let (weights, transitions) = crf.averaged()
            var correct = 0, total = 0
            for n in 0..<prepared.count where n % stackFolds == f {
                firstPass[n] = ChainCRF.predict(prepared[n], rows: rows[n], weights: weights, transitions: transitions)
                for i in 0..<firstPass[n].count {
                    total += 1
                    if firstPass[n][i] == prepared[n].gold[i] { correct += 1 }
                }
            }
            log("fold \(f + 1)/\(stackFolds): held-out token accuracy \(String(format: "%.2f", Double(correct) / Double(max(total, 1)) * 100))%, \(clock.now - tf)")
        }
        // Each document appears twice: without (first pass) and with (second pass) document-level labels.
        var both = prepared
        for n in 0..<prepared.count {
            var td = prepared[n]
            DocumentPreparer.markPassLabels(&td.attributes, td.sentences, tags: firstPass[n])
            td.computeKeys()
            crf.count(td, weight: max(documents[n].weight, 1))
            both.append(td)
        }
        for td in both[prepared.count...] { rows.append(crf.rowIndices(td)) }
        crf.reset()
        let everything = (0..<both.count).flatMap {
            repeatElement($0, count: max(documents[$0 % prepared.count].weight, 1))
        }
        crf.train(both, rows: rows, everything, epochs: epochs, seed: seed, log: log)
        let (weights, transitions) = crf.averaged()
        var features = crf.keys.enumerated().filter { $0.element != 0 }.map { ($0.element, Int32($0.offset)) }
        var allWeights = weights
        for p in -1..<TagSet.count {
            features.append((TaggerFeatures.transitionKey(prev: p), Int32(features.count)))
            allWeights.append(contentsOf: transitions[((p + 1) * TagSet.count)..<((p + 2) * TagSet.count)])
        }

        var lexicon = TaggerLexicon()
        lexicon.clusters = clusters
        lexicon.vectors = vectors
        lexicon.casing = casing
        for word in vocabulary {
            lexicon.vocabularyBytes.append(contentsOf: word.utf8)
            lexicon.vocabularyEnds.append(Int32(lexicon.vocabularyBytes.count))
        }
        (lexicon.gazetteer, lexicon.gazetteerMaxLength) = gazetteer(excludingFold: -1)
        let model = TaggerModel.build(features: features, weights: allWeights, lexicon: lexicon,
                                      prune: NERExperiments.number("prune", 0))
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
