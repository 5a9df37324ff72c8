import CSQLite
import Foundation
import NQL

/// A corpus kept in one SQLite file (`index` writes it, `corpus` reads it):
/// the articles with every field `load` gives, their entities and mentions,
/// the keys `mentions` compares (`MentionKeys`), and an FTS5 index of
/// headline and text. The schema is meant to be read by people too (see
/// Store/README.md).
final class CorpusStore {
    /// The schema this version writes and reads (and reads older ones of).
    /// 2 added `articles.folds`; `index` upgrades a store of schema 1 in place.
    static let schemaVersion = 2

    /// Tables, indexes and triggers; `IF NOT EXISTS` throughout, so opening an existing store changes nothing.
    static let schema = """
        CREATE TABLE IF NOT EXISTS meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
        CREATE TABLE IF NOT EXISTS articles(
            seq INTEGER PRIMARY KEY,
            id TEXT NOT NULL UNIQUE,
            numeric_id INTEGER NOT NULL DEFAULT 0,
            path TEXT NOT NULL,
            title TEXT,
            subtitle TEXT NOT NULL DEFAULT '[]',
            source TEXT,
            author TEXT,
            authors TEXT NOT NULL DEFAULT '[]',
            date TEXT,
            url TEXT,
            text TEXT NOT NULL,
            paragraphs TEXT,
            captions TEXT NOT NULL DEFAULT '[]',
            words INTEGER NOT NULL,
            format TEXT NOT NULL,
            encoding TEXT NOT NULL,
            extra TEXT NOT NULL DEFAULT '{}',
            content_hash TEXT NOT NULL,
            folds INTEGER NOT NULL DEFAULT 0
        );
        CREATE INDEX IF NOT EXISTS articles_source ON articles(source);
        CREATE INDEX IF NOT EXISTS articles_words ON articles(words);
        CREATE INDEX IF NOT EXISTS articles_date ON articles(date);
        CREATE INDEX IF NOT EXISTS articles_folds ON articles(seq) WHERE folds = 1;
        CREATE TABLE IF NOT EXISTS entities(
            article_id TEXT NOT NULL, name TEXT NOT NULL, type TEXT NOT NULL,
            count INTEGER NOT NULL, role TEXT, aliases TEXT NOT NULL DEFAULT '[]'
        );
        CREATE INDEX IF NOT EXISTS entities_article ON entities(article_id);
        CREATE INDEX IF NOT EXISTS entities_name ON entities(name);
        CREATE TABLE IF NOT EXISTS mentions(
            article_id TEXT NOT NULL, name TEXT NOT NULL, type TEXT NOT NULL,
            start INTEGER NOT NULL, "end" INTEGER NOT NULL, text TEXT NOT NULL
        );
        CREATE INDEX IF NOT EXISTS mentions_article ON mentions(article_id);
        CREATE TABLE IF NOT EXISTS mention_keys(
            key TEXT NOT NULL, article_id TEXT NOT NULL, PRIMARY KEY(key, article_id)
        ) WITHOUT ROWID;
        CREATE INDEX IF NOT EXISTS mention_keys_article ON mention_keys(article_id);
        CREATE VIRTUAL TABLE IF NOT EXISTS articles_fts USING fts5(title, text, content='articles', content_rowid='seq');
        CREATE TRIGGER IF NOT EXISTS articles_fts_insert AFTER INSERT ON articles BEGIN
            INSERT INTO articles_fts(rowid, title, text) VALUES (new.seq, new.title, new.text);
        END;
        CREATE TRIGGER IF NOT EXISTS articles_fts_delete AFTER DELETE ON articles BEGIN
            INSERT INTO articles_fts(articles_fts, rowid, title, text) VALUES ('delete', old.seq, old.title, old.text);
        END;
        CREATE TRIGGER IF NOT EXISTS articles_fts_update AFTER UPDATE ON articles BEGIN
            INSERT INTO articles_fts(articles_fts, rowid, title, text) VALUES ('delete', old.seq, old.title, old.text);
            INSERT INTO articles_fts(rowid, title, text) VALUES (new.seq, new.title, new.text);
        END;
        """

    /// The article columns a record is made from, in `record(from:)`'s order.
    static let articleColumns = "id, numeric_id, path, title, subtitle, source, authors, date, url, text, paragraphs, captions, format, encoding, extra"

    /// A store that cannot be used: the message to show.
    struct Problem: Error { var message: String }

    let db: SQLiteDatabase
    /// The path as the user wrote it, for messages.
    let shown: String
    /// The schema the file has (0: an empty file about to become a store).
    private(set) var version = 0

    private init(db: SQLiteDatabase, shown: String) {
        self.db = db
        self.shown = shown
    }

    /// Opens an existing store for reading: one clear `Problem` for a missing
    /// file, a file that is not SQLite, an SQLite file that is not a corpus,
    /// and a corpus from a newer schema.
    static func openForReading(_ path: String, shown: String) throws -> CorpusStore {
        guard FileManager.default.fileExists(atPath: path) else { throw Problem(message: StoreMessages.noSuchCorpus(shown)) }
        let store = try wrapping(shown) { CorpusStore(db: try SQLiteDatabase(path: path, readOnly: true), shown: shown) }
        try store.checkVersion(allowEmpty: false)
        return store
    }

    /// Opens (or creates) a store for writing, in WAL mode, with the schema in place.
    static func openForWriting(_ path: String, shown: String) throws -> CorpusStore {
        if FileManager.default.fileExists(atPath: path) && !FileManager.default.isWritableFile(atPath: path) {
            throw Problem(message: StoreMessages.readOnly(shown))
        }
        let store = try wrapping(shown) { CorpusStore(db: try SQLiteDatabase(path: path, readOnly: false), shown: shown) }
        try store.checkVersion(allowEmpty: true)
        try wrapping(shown) {
            // WAL: readers go on while a batch is written, and a killed writer leaves whole transactions.
            try store.db.execute("PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA cache_size=-32768;")
            try store.db.transaction {
                if store.version == 1 { try store.upgradeFrom1() }
                try store.db.execute(schema)
                try store.db.prepare("INSERT INTO meta(key, value) VALUES ('schema_version', ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value")
                    .bind([.text(String(schemaVersion))]).run()
            }
        }
        store.version = schemaVersion
        return store
    }

    /// Schema 1 to 2 (inside the caller's transaction): the `folds` column, set for every stored text.
    private func upgradeFrom1() throws {
        try db.execute("ALTER TABLE articles ADD COLUMN folds INTEGER NOT NULL DEFAULT 0")
        let s = try db.prepare("SELECT seq, text FROM articles")
        let mark = try db.prepare("UPDATE articles SET folds = 1 WHERE seq = ?")
        var marked: [Int] = []
        while try s.step() {
            if let seq = s.int(0), CorpusStore.foldsOtherwise(s.text(1) ?? "") { marked.append(seq) }
        }
        for seq in marked { try mark.bind([.int(seq)]).run() }
    }

    /// Whether FTS5 (unicode61: tokens of letters, digits and private-use
    /// characters, simple case folding) might not find a phrase `contains`
    /// finds in the text: it holds a character whose full case folding gives
    /// ASCII letters (`ﬁ`, `ß`), a private-use character, or a combining mark
    /// right before an ASCII letter or digit (FTS5 joins them into one token;
    /// `contains` sees a word starting there). Such articles are candidates of
    /// every `contains` the store narrows.
    static func foldsOtherwise(_ text: String) -> Bool {
        if text.utf8.allSatisfy({ $0 < 0x80 }) { return false }
        var previousIsMark = false
        for u in text.unicodeScalars {
            if u.isASCII {
                if previousIsMark, u.properties.isAlphabetic || u.properties.numericType != nil { return true }
                previousIsMark = false
                continue
            }
            if PhraseSearch.foldsToASCII(u) { return true }
            switch u.properties.generalCategory {
            case .privateUse: return true
            case .nonspacingMark, .spacingMark, .enclosingMark: previousIsMark = true
            default: previousIsMark = false
            }
        }
        return false
    }

    /// Throws a `Problem` unless the file is a corpus of a schema this version reads
    /// (or, with `allowEmpty`, an empty database about to become one).
    private func checkVersion(allowEmpty: Bool) throws {
        let tables: Int = try wrapping(shown) {
            let s = try db.prepare("SELECT count(*) FROM sqlite_master")
            return try s.step() ? s.int(0) ?? 0 : 0
        }
        let hasMeta: Bool = try wrapping(shown) {
            let s = try db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'meta'")
            return try s.step()
        }
        if !hasMeta {
            if allowEmpty && tables == 0 { return }
            throw Problem(message: StoreMessages.notCorpus(shown))
        }
        guard let version = try metaValue("schema_version").flatMap({ Int($0) }) else {
            throw Problem(message: StoreMessages.notCorpus(shown))
        }
        if version > CorpusStore.schemaVersion {
            throw Problem(message: StoreMessages.newerSchema(shown, found: version, supported: CorpusStore.schemaVersion))
        }
        self.version = version
    }

    /// A value from the meta table.
    func metaValue(_ key: String) throws -> String? {
        try wrapping(shown) {
            let s = try db.prepare("SELECT value FROM meta WHERE key = ?").bind([.text(key)])
            return try s.step() ? s.text(0) : nil
        }
    }

    /// Sets a value in the meta table.
    func setMeta(_ key: String, _ value: String) throws {
        try wrapping(shown) {
            try db.prepare("INSERT INTO meta(key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value")
                .bind([.text(key), .text(value)]).run()
        }
    }

    /// Runs `body`, turning an SQLite failure into a `Problem` with a clear message.
    static func wrapping<T>(_ shown: String, _ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let e as SQLiteDatabase.SQLiteError {
            switch e.code {
            case SQLITE_NOTADB: throw Problem(message: StoreMessages.notSQLite(shown))
            case SQLITE_FULL: throw Problem(message: StoreMessages.failed(shown, StoreMessages.diskFull))
            case SQLITE_READONLY: throw Problem(message: StoreMessages.readOnly(shown))
            default: throw Problem(message: StoreMessages.failed(shown, e.message))
            }
        }
    }

    func wrapping<T>(_ shown: String, _ body: () throws -> T) throws -> T { try CorpusStore.wrapping(shown, body) }

    // MARK: reading

    /// The number of articles.
    func count() throws -> Int {
        try wrapping(shown) {
            let s = try db.prepare("SELECT count(*) FROM articles")
            return try s.step() ? s.int(0) ?? 0 : 0
        }
    }

    /// An article record from a row of `articleColumns`.
    static func record(from s: SQLiteDatabase.Statement) -> Value {
        func list(_ i: Int32) -> [String] {
            guard let json = s.text(i), json != "[]", let xs = try? JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String] else { return [] }
            return xs
        }
        var extra: [String: String] = [:]
        if let json = s.text(14), json != "{}", let d = try? JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: String] { extra = d }
        var article = Article(
            id: s.text(0) ?? "", path: s.text(2) ?? "", title: s.text(3), subtitle: list(4), source: s.text(5),
            authors: list(6), date: s.text(7), url: s.text(8), text: s.text(9) ?? "",
            paragraphs: s.text(10) == nil ? nil : list(10), captions: list(11), format: s.text(12) ?? "",
            encoding: s.text(13) ?? "", extra: extra
        )
        article.numericID = s.int(1) == 1
        return ArticleValues.record(article)
    }

    // MARK: writing

    /// One article's row, as stored.
    struct Row {
        var id: String
        var numericID: Bool
        var path: String
        var title: String?
        var subtitle: String
        var source: String?
        var author: String?
        var authors: String
        var date: String?
        var url: String?
        var text: String
        var paragraphs: String?
        var captions: String
        var words: Int
        var format: String
        var encoding: String
        var extra: String
        var hash: String
        /// `CorpusStore.foldsOtherwise(text)`.
        var folds: Bool

        /// The row of an article record (checked to have a text by the caller).
        init(_ v: Value) {
            let r: Record
            if case .record(let x) = v { r = x } else { r = Record() }
            func str(_ k: String) -> String? {
                switch r[k] {
                case .string(let s)?: return s
                case .int(let n)?: return String(n)
                default: return nil
                }
            }
            func strings(_ k: String) -> [String] {
                guard case .list(let xs)? = r[k] else { return [] }
                return xs.compactMap { if case .string(let s) = $0 { return s } else { return nil } }
            }
            if case .int(let n)? = r["id"] {
                id = String(n)
                numericID = true
            } else {
                id = str("id") ?? ""
                numericID = false
            }
            path = str("path") ?? ""
            title = str("title")
            subtitle = CorpusStore.json(strings("subtitle"))
            source = str("source")
            author = str("author")
            authors = CorpusStore.json(strings("authors"))
            switch r["date"] {
            case .date(let d)?: date = d.iso
            case .string(let s)?: date = DateValue(iso: s)?.iso ?? s
            default: date = nil
            }
            url = str("url")
            text = str("text") ?? ""
            // Paragraphs are stored only when they are not the text split (HTML and plain-text extraction).
            let given = strings("paragraphs")
            paragraphs = given == TextShape.paragraphs(of: text) ? nil : CorpusStore.json(given)
            captions = CorpusStore.json(strings("captions"))
            words = TextShape.wordCount(text)
            format = str("format") ?? ""
            encoding = str("encoding") ?? ""
            var extraFields: [String: String] = [:]
            if case .record(let e)? = r["extra"] {
                for (k, v) in e.pairs {
                    switch v {
                    case .string(let s): extraFields[k] = s
                    case .int(let n): extraFields[k] = String(n)
                    case .float(let d): extraFields[k] = String(d)
                    case .bool(let b): extraFields[k] = String(b)
                    default: break
                    }
                }
            }
            extra = CorpusStore.json(extraFields)
            folds = CorpusStore.foldsOtherwise(text)
            hash = ""
            hash = CorpusStore.hash([id, numericID ? "1" : "0", path, title ?? "\u{0}", subtitle, source ?? "\u{0}", authors,
                                     date ?? "\u{0}", url ?? "\u{0}", text, paragraphs ?? "\u{0}", captions, format, encoding, extra])
        }
    }

    /// Compact JSON of a list of strings, for the list columns.
    static func json(_ xs: [String]) -> String {
        if xs.isEmpty { return "[]" }
        var out = "["
        for (i, x) in xs.enumerated() {
            if i > 0 { out += "," }
            out += Formatter.jsonString(x)
        }
        return out + "]"
    }

    /// Compact JSON of a string map, keys in order, for the `extra` column.
    static func json(_ fields: [String: String]) -> String {
        if fields.isEmpty { return "{}" }
        var out = "{"
        for (i, key) in fields.keys.sorted().enumerated() {
            if i > 0 { out += "," }
            out += Formatter.jsonString(key) + ":" + Formatter.jsonString(fields[key] ?? "")
        }
        return out + "}"
    }

    /// A stable 128-bit hash of the fields (two FNV-1a passes), as hex: the same in every process.
    static func hash(_ fields: [String]) -> String {
        var a: UInt64 = 0xcbf2_9ce4_8422_2325, b: UInt64 = 0x8422_2325_cbf2_9ce4
        for f in fields {
            for byte in f.utf8 {
                a = (a ^ UInt64(byte)) &* 0x0000_0100_0000_01B3
                b = (b ^ UInt64(byte)) &* 0x0000_0100_0000_01B3 ^ (b >> 29)
            }
            a = (a ^ 0x1F) &* 0x0000_0100_0000_01B3
            b = (b ^ 0x1F) &* 0x0000_0100_0000_01B3 ^ (b >> 29)
        }
        return String(a, radix: 16) + String(b, radix: 16)
    }

    /// The stored content hash of an article, if it is stored.
    func storedHash(_ id: String) throws -> String? {
        let s = try statement("SELECT content_hash FROM articles WHERE id = ?").bind([.text(id)])
        defer { s.reset() }
        return try s.step() ? s.text(0) : nil
    }

    private var statements: [String: SQLiteDatabase.Statement] = [:]

    /// A prepared statement, prepared once per store.
    func statement(_ sql: String) throws -> SQLiteDatabase.Statement {
        if let s = statements[sql] { return s }
        let s = try db.prepare(sql)
        statements[sql] = s
        return s
    }

    /// Writes one article (insert, or update in place keeping its position) and replaces its entities
    /// (`isNew`: none are stored yet).
    func write(_ row: Row, isNew: Bool, body: EntityCache.Known, title: EntityCache.Known?) throws {
        try statement("""
            INSERT INTO articles(id, numeric_id, path, title, subtitle, source, author, authors, date, url, text, paragraphs,
                                 captions, words, format, encoding, extra, content_hash, folds)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT(id) DO UPDATE SET numeric_id = excluded.numeric_id, path = excluded.path, title = excluded.title,
                subtitle = excluded.subtitle, source = excluded.source, author = excluded.author, authors = excluded.authors,
                date = excluded.date, url = excluded.url, text = excluded.text, paragraphs = excluded.paragraphs,
                captions = excluded.captions, words = excluded.words, format = excluded.format, encoding = excluded.encoding,
                extra = excluded.extra, content_hash = excluded.content_hash, folds = excluded.folds
            """).bind([
                .text(row.id), .int(row.numericID ? 1 : 0), .text(row.path), row.title.map { .text($0) }, .text(row.subtitle),
                row.source.map { .text($0) }, row.author.map { .text($0) }, .text(row.authors), row.date.map { .text($0) },
                row.url.map { .text($0) }, .text(row.text), row.paragraphs.map { .text($0) }, .text(row.captions),
                .int(row.words), .text(row.format), .text(row.encoding), .text(row.extra), .text(row.hash),
                .int(row.folds ? 1 : 0),
            ]).run()
        try writeEntities(row.id, replacing: !isNew, body: body, title: title)
    }

    /// Replaces an article's entities, mentions and mention keys.
    func writeEntities(_ id: String, replacing: Bool = true, body: EntityCache.Known, title: EntityCache.Known?) throws {
        for table in ["entities", "mentions", "mention_keys"] where replacing {
            try statement("DELETE FROM \(table) WHERE article_id = ?").bind([.text(id)]).run()
        }
        let entity = try statement("INSERT INTO entities(article_id, name, type, count, role, aliases) VALUES (?, ?, ?, ?, ?, ?)")
        let mention = try statement("INSERT INTO mentions(article_id, name, type, start, \"end\", text) VALUES (?, ?, ?, ?, ?, ?)")
        for e in body.entities {
            try entity.bind([.text(id), .text(e.name), .text(e.type.rawValue), .int(e.count), e.role.map { .text($0) },
                             .text(CorpusStore.json(e.aliases))]).run()
            for m in e.mentions {
                try mention.bind([.text(id), .text(e.name), .text(e.type.rawValue), .int(m.start), .int(m.end), .text(m.text)]).run()
            }
        }
        let key = try statement("INSERT OR IGNORE INTO mention_keys(key, article_id) VALUES (?, ?)")
        var keys = body.keys.union(body.types.map { "type:" + $0.rawValue })
        if let title { keys.formUnion(title.keys.union(title.types.map { "type:" + $0.rawValue })) }
        for k in keys.sorted() { try key.bind([.text(k), .text(id)]).run() }
    }

    /// The keys stored for an article's `mentions` of a query name (as `EntityCache.mentions` compares).
    static func mentionKeys(forQuery name: String) -> [String] {
        if let type = EntityType(rawValue: name) { return ["type:" + type.rawValue] }
        return MentionKeys.query(name).sorted()
    }
}
