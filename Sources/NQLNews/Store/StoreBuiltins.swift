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
        summary: "The articles of a store made by index, read from the file as a stream that every built-in accepts; mentions and contains filters are answered by its indexes.",
        example: #"index(load("Examples/articles/"), "/tmp/nql-example.db"); corpus("/tmp/nql-example.db") | filter(mentions("Japan")) | len"#,
        details: ArticleValues.fieldHelp + "\n\n" + StoreMessages.answeredHelp, fileUse: .read(argument: 0)
    ) { a in
        let raw = try a.string(0)
        let path = a.interpreter.absolutePath(raw)
        _ = try problem(a, raw) { try CorpusStore.openForReading(path, shown: raw) }
        let plan = CorpusPlan(path: path, shown: raw, interpreter: a.interpreter, error: { a.error($0) })
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

    /// Identifies the entity model a store was tagged with: the model file's size and a hash of its bytes
    /// (read from the file, without loading the model).
    static func modelFingerprint() throws -> String {
        let path: String
        do { path = try EntityRecognizer.locateModel() } catch { throw RuntimeError("entities: \(error)") }
        guard let data = FileManager.default.contents(atPath: path) else { throw RuntimeError("entities: cannot read \(path)") }
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        data.withUnsafeBytes { bytes in
            for b in bytes { h = (h ^ UInt64(b)) &* 0x0000_0100_0000_01B3 }
        }
        return "ner.model \(data.count) bytes fnv1a64 \(String(h, radix: 16))"
    }
}

/// What a `corpus` stream reads from its store, and the stages it can answer
/// itself (`StreamPlan`): `filter` by `mentions(NAME)` through the
/// mention_keys table, by `contains(.text, PHRASE)` through FTS5 and then the
/// exact `contains` check, by `.source == "X"` / `!=` and by `.words`
/// compared with a whole number, those joined with `and`, and chains of such
/// filters; `len` of any of these. Anything else reads the articles one at a time.
final class CorpusPlan: StreamPlan, @unchecked Sendable {
    /// One condition the store checks.
    enum Condition {
        /// Articles with any of these mention keys (`CorpusStore.mentionKeys`).
        case mentions([String])
        /// Articles whose text contains the phrase as `contains` defines it.
        case contains(String)
        /// A column compared with a value (`IS`, `IS NOT`, `<`, ...: NULL compares as NQL's null does).
        case column(String, op: String, SQLValue)
    }

    let path: String
    let shown: String
    /// The conditions every article given holds (none: the whole corpus).
    let conditions: [Condition]
    private let interpreter: Interpreter
    private let error: (String) -> Error

    init(path: String, shown: String, conditions: [Condition] = [], interpreter: Interpreter, error: @escaping (String) -> Error) {
        self.path = path
        self.shown = shown
        self.conditions = conditions
        self.interpreter = interpreter
        self.error = error
    }

    /// The phrases checked exactly after FTS5 narrows.
    private var phrases: [PhraseSearch] {
        conditions.compactMap { if case .contains(let p) = $0 { return PhraseSearch.compiled(p) } else { return nil } }
    }

    /// The articles, read from the store in the order they were first indexed.
    func stream() -> ValueStream {
        ValueStream({ [self] in
            let store = try open()
            let s = try guarded { try store.db.prepare(sql(columns: CorpusStore.articleColumns)) }
            try guarded { try s.bind(parameters) }
            let phrases = self.phrases
            // After its last row a statement would start again if stepped: the end is kept.
            var ended = false
            return { [self] in
                while !ended, try guarded({ try s.step() }) {
                    let text = phrases.isEmpty ? "" : s.text(9) ?? ""
                    if !phrases.allSatisfy({ $0.matches(text) }) { continue }
                    return CorpusStore.record(from: s)
                }
                ended = true
                _ = store
                return nil
            }
        }, plan: self)
    }

    func narrowed(by predicate: Function) throws -> ValueStream? {
        guard let more = narrowing(predicate) else { return nil }
        return CorpusPlan(path: path, shown: shown, conditions: conditions + more, interpreter: interpreter, error: error).stream()
    }

    func count() throws -> Int? {
        let store = try open()
        return try guarded {
            if conditions.isEmpty { return try store.count() }
            if conditions.count == 1, case .mentions(let keys) = conditions[0] {
                let s = try store.db.prepare("SELECT count(DISTINCT article_id) FROM mention_keys WHERE key IN (\(placeholders(keys.count)))")
                try s.bind(keys.map { .text($0) })
                return try s.step() ? s.int(0) ?? 0 : 0
            }
            let phrases = self.phrases
            if phrases.isEmpty {
                let s = try store.db.prepare("SELECT count(*) FROM articles WHERE " + whereClause)
                try s.bind(parameters)
                return try s.step() ? s.int(0) ?? 0 : 0
            }
            let s = try store.db.prepare(sql(columns: "text"))
            try s.bind(parameters)
            var n = 0
            while try s.step() {
                let text = s.text(0) ?? ""
                if phrases.allSatisfy({ $0.matches(text) }) { n += 1 }
            }
            return n
        }
    }

    private func open() throws -> CorpusStore {
        try guarded { try CorpusStore.openForReading(path, shown: shown) }
    }

    /// Runs `body`, turning a store's `Problem` or an SQLite failure into one clear error.
    private func guarded<T>(_ body: () throws -> T) throws -> T {
        do { return try CorpusStore.wrapping(shown, body) } catch let p as CorpusStore.Problem { throw error(p.message) }
    }

    private func placeholders(_ n: Int) -> String { Array(repeating: "?", count: n).joined(separator: ", ") }

    /// The conditions as SQL (their parameters: `parameters`).
    private var whereClause: String {
        if conditions.isEmpty { return "1" }
        return conditions.map { c -> String in
            switch c {
            case .mentions(let keys): return "id IN (SELECT article_id FROM mention_keys WHERE key IN (\(placeholders(keys.count))))"
            case .contains: return "seq IN (SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?)"
            case .column(let name, let op, _): return "\(name) \(op) ?"
            }
        }.joined(separator: " AND ")
    }

    private var parameters: [SQLValue?] {
        conditions.flatMap { c -> [SQLValue?] in
            switch c {
            case .mentions(let keys): return keys.map { .text($0) }
            case .contains(let phrase): return [.text(CorpusPlan.ftsQuery(phrase))]
            case .column(_, _, let value): return [value]
            }
        }
    }

    /// The query for the articles that hold the conditions, in store order.
    private func sql(columns: String) -> String {
        "SELECT \(columns) FROM articles WHERE \(whereClause) ORDER BY seq"
    }

    /// An FTS5 query that every text containing the phrase matches: each of its
    /// words (FTS5 splits them into tokens as it split the texts), all in the text column.
    static func ftsQuery(_ phrase: String) -> String {
        let words = phrase.split(whereSeparator: { $0.isWhitespace }).map { "\"" + $0.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }
        return "text : (" + words.joined(separator: " AND ") + ")"
    }

    /// The conditions a predicate stands for, when the store can answer it with the same result.
    private func narrowing(_ f: Function) -> [Condition]? {
        switch f.kind {
        case .partial(let b, let args, let labeled):
            guard labeled.isEmpty, args.count == 1, case .string(let s) = args[0] else { return nil }
            return call(b.name, s).map { [$0] }
        case .combined(.and, let parts):
            var all: [Condition] = []
            for part in parts {
                guard let c = narrowing(part) else { return nil }
                all += c
            }
            return all
        case .closure(let c):
            guard c.lambda.params == ["."] else { return nil }
            return conditions(c.lambda.body, c.captured)
        default:
            return nil
        }
    }

    /// The conditions of an implicit function's body: `contains(.text, "phrase")`,
    /// `mentions(., "NAME")`, `mentions("NAME")` (applied to the element), `.source == "X"`,
    /// `.words > 200`, and these joined with `and`.
    private func conditions(_ body: Expr, _ captured: Scope?) -> [Condition]? {
        switch body {
        case .binary(.and, let l, let r, _):
            guard let a = conditions(l, captured), let b = conditions(r, captured) else { return nil }
            return a + b
        case .call(.name(let callee, _), let args, _):
            guard args.allSatisfy({ $0.label == nil }), captured?.lookup(callee) == nil, interpreter.globals[callee] == nil else { return nil }
            if args.count == 1, case .literal(.string(let s), _) = args[0].value { return call(callee, s).map { [$0] } }
            guard args.count == 2, case .implicitField(let field, _) = args[0].value,
                  case .literal(.string(let s), _) = args[1].value,
                  field == nil || (field == "text" && callee == "contains") else { return nil }
            return call(callee, s).map { [$0] }
        case .binary(let op, .implicitField(let field?, _), .literal(let value, _), _):
            switch (field, op, value) {
            case ("source", .eq, .string(let s)): return [.column("source", op: "IS", .text(s))]
            case ("source", .ne, .string(let s)): return [.column("source", op: "IS NOT", .text(s))]
            case ("words", _, .int(let n)):
                let ops: [BinaryOp: String] = [.eq: "=", .ne: "!=", .lt: "<", .le: "<=", .gt: ">", .ge: ">="]
                return ops[op].map { [.column("words", op: $0, .int(n))] }
            default: return nil
            }
        default:
            return nil
        }
    }

    /// The condition of `mentions(NAME)` or `contains(PHRASE)`.
    private func call(_ name: String, _ argument: String) -> Condition? {
        switch name {
        case "mentions":
            let keys = CorpusStore.mentionKeys(forQuery: argument)
            return keys.isEmpty ? nil : .mentions(keys)
        case "contains":
            // Only phrases whose words FTS5 and `contains` split the same way: ASCII letters and digits.
            let words = argument.split(whereSeparator: { $0.isWhitespace })
            guard !words.isEmpty, words.allSatisfy({ $0.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber) } }) else { return nil }
            return .contains(argument)
        default:
            return nil
        }
    }
}
