import Foundation
import NQL

/// `index` and `corpus`: a corpus kept in an SQLite file (`CorpusStore`).
enum StoreBuiltins {
    static let all: [Builtin] = [index, corpus]

    /// Articles written per transaction: an interrupted run keeps whole batches.
    static let batchSize = 256

    static let index = Builtin(
        "index", group: "articles", params: "articles, path",
        summary: "Store articles, their entities and a full-text index in an SQLite file; again with the same articles it changes nothing, changed ones (by id and content) are replaced. Read it with corpus(path).",
        example: #"index(load("Examples/articles/"), "/tmp/nql-example.db")"#,
        details: """
            gives a record: articles (in the store now), added, replaced, unchanged.
            The file is an ordinary SQLite database (WAL mode) written \(batchSize) articles per transaction,
            so an interrupted run keeps every whole batch; it records its schema version and the entity
            model it was tagged with, and re-tags every article when the model changes.
            """,
        fileUse: .write(argument: 1), flow: .folds
    ) { a in
        var isRecord = false
        if case .record = a[0] { isRecord = true }
        guard a[0].isList || a[0].isStream || isRecord else {
            throw a.error("argument 1 must be a list of articles, got \(a[0].typeName)")
        }
        let raw = try a.string(1)
        let path = a.interpreter.absolutePath(raw)
        let store = try problem(a, raw) { try CorpusStore.openForWriting(path, shown: raw) }
        let fingerprint = try modelFingerprint()
        switch try problem(a, raw, { try store.metaValue("model_fingerprint") }) {
        case nil: try problem(a, raw) { try store.setMeta("model_fingerprint", fingerprint) }
        case let stored? where stored != fingerprint:
            a.interpreter.warn(StoreMessages.retagging(raw, articles: try problem(a, raw) { try store.count() }))
            let cache = try EntityCache.of(a.interpreter)
            try problem(a, raw) { try retag(store, cache) }
            try problem(a, raw) { try store.setMeta("model_fingerprint", fingerprint) }
        default: break
        }
        var added = 0, replaced = 0, unchanged = 0
        var batch: [Value] = []
        func flush() throws {
            let rows = batch.map(CorpusStore.Row.init)
            batch.removeAll(keepingCapacity: true)
            var written: [String: String] = [:]
            var todo: [Int] = []
            var isNew: [Bool] = []
            for (i, row) in rows.enumerated() {
                let stored = try written[row.id] ?? store.storedHash(row.id)
                if stored == row.hash { unchanged += 1; continue }
                if stored == nil { added += 1 } else { replaced += 1 }
                written[row.id] = row.hash
                todo.append(i)
                isNew.append(stored == nil)
            }
            if todo.isEmpty { return }
            // The model is loaded only when there is something to tag.
            let cache = try EntityCache.of(a.interpreter)
            let known = recognise(todo.map { (rows[$0].text, rows[$0].title) }, cache)
            try store.db.transaction {
                for (j, i) in todo.enumerated() { try store.write(rows[i], isNew: isNew[j], body: known[j].body, title: known[j].title) }
            }
        }
        if case .record = a[0] {
            try ArticleValues.checkArticle(a[0], a, 0)
            batch = [a[0]]
        } else {
            try a.forEachElement(0) { x in
                try ArticleValues.checkArticle(x, a, 0)
                batch.append(x)
                if batch.count >= batchSize { try problem(a, raw, flush) }
                return true
            }
        }
        try problem(a, raw, flush)
        let total = try problem(a, raw) { try store.count() }
        return .record(Record([("articles", .int(total)), ("added", .int(added)), ("replaced", .int(replaced)), ("unchanged", .int(unchanged))]))
    }

    static let corpus = Builtin(
        "corpus", group: "articles", params: "path",
        summary: "The articles of a store made by index, read from the file as a stream that every built-in accepts; filters on mentions, contains, matches, .source, .words and .date, take and len are answered by its indexes (see :help corpus).",
        example: #"index(load("Examples/articles/"), "/tmp/nql-example.db"); corpus("/tmp/nql-example.db") | filter(mentions("Japan")) | len"#,
        details: ArticleValues.fieldHelp + "\n\n" + StoreMessages.answeredHelp, fileUse: .read(argument: 0)
    ) { a in
        let raw = try a.string(0)
        let path = a.interpreter.absolutePath(raw)
        let store = try problem(a, raw) { try CorpusStore.openForReading(path, shown: raw) }
        if let stored = try problem(a, raw, { try store.metaValue("model_fingerprint") }) {
            if isPlainlyOtherRecogniser(stored) {
                a.interpreter.warn(StoreMessages.otherRecogniser(raw))
            } else {
                // Its articles' stored entities may stand in for recognising them again (checked when first needed).
                StoredEntities.of(a.interpreter).register(path: path, shown: raw, fingerprint: stored)
            }
        }
        let plan = CorpusPlan(path: path, shown: raw, marksFolds: store.version >= 2, interpreter: a.interpreter, error: { a.error($0) })
        return .stream(plan.stream())
    }

    /// Runs `body`, turning a store's `Problem` or an SQLite failure (a full disk, say) into one clear error at the call.
    static func problem<T>(_ a: Arguments, _ shown: String, _ body: () throws -> T) throws -> T {
        do { return try CorpusStore.wrapping(shown, body) } catch let p as CorpusStore.Problem { throw a.error(p.message) }
    }

    /// Re-recognises every stored article's entities, a batch per transaction.
    static func retag(_ store: CorpusStore, _ cache: EntityCache) throws {
        var last = 0
        while true {
            let s = try store.db.prepare("SELECT seq, id, title, text FROM articles WHERE seq > ? ORDER BY seq LIMIT \(batchSize)").bind([.int(last)])
            var rows: [(id: String, title: String?, text: String)] = []
            while try s.step() {
                last = s.int(0) ?? last
                rows.append((s.text(1) ?? "", s.text(2), s.text(3) ?? ""))
            }
            if rows.isEmpty { return }
            let known = recognise(rows.map { ($0.text, $0.title) }, cache)
            try store.db.transaction {
                for (j, row) in rows.enumerated() { try store.writeEntities(row.id, body: known[j].body, title: known[j].title) }
            }
        }
    }

    /// The entities of texts and their headlines, recognised on all cores (through the session's cache).
    static func recognise(_ articles: [(text: String, title: String?)], _ cache: EntityCache)
        -> [(body: EntityCache.Known, title: EntityCache.Known?)] {
        let titles = articles.compactMap(\.title)
        let known = cache.knownAll(articles.map(\.text) + titles)
        var t = articles.count
        return articles.enumerated().map { j, article in
            guard article.title != nil, t < known.count else { return (known[j], nil) }
            t += 1
            return (known[j], known[t - 1])
        }
    }

    /// Identifies the entity recogniser a store was tagged with: the model file's size and a hash of its bytes
    /// (read from the file, without loading the model), and the revision of the rules after the tagger.
    static func modelFingerprint() throws -> String {
        let path: String
        do { path = try EntityRecognizer.locateModel() } catch { throw RuntimeError("entities: \(error)") }
        guard let data = FileManager.default.contents(atPath: path) else { throw RuntimeError("entities: cannot read \(path)") }
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        data.withUnsafeBytes { bytes in
            for b in bytes { h = (h ^ UInt64(b)) &* 0x0000_0100_0000_01B3 }
        }
        return sizePart(data.count) + "fnv1a64 \(String(h, radix: 16))" + rulesPart
    }

    /// The parts of a fingerprint that cost nothing to know: the model's size (its start) and the rules' revision (its end).
    static func sizePart(_ size: Int) -> String { "ner.model \(size) bytes " }
    static let rulesPart = "; rules \(EntityRecognizer.rulesRevision)"

    /// Whether a store's fingerprint is plainly not this recogniser's, by what costs nothing to check: the rules'
    /// revision and the model file's size (hashing the model, as `index` does, would cost more than a query).
    static func isPlainlyOtherRecogniser(_ stored: String) -> Bool {
        guard stored.hasSuffix(rulesPart) else { return true }
        guard let path = try? EntityRecognizer.locateModel(),
              let size = (try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? Int else { return false }
        return !stored.hasPrefix(sizePart(size))
    }
}
