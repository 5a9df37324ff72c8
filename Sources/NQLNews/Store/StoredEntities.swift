import NQL

/// The corpus stores read in this session, whose stored entities stand in for recognition: an article read
/// from a store (`corpus(…) | map(a -> a | entities)`, `cooccur`, a filter the store does not answer) gets the
/// entities `index` stored for it instead of being recognised again, when the store was tagged by this very
/// recogniser (the same fingerprint: model bytes and rules revision) and holds the same text under the
/// article's id (entities depend on the text alone, so the answer is the one recognition would give).
final class StoredEntities: @unchecked Sendable {
    private struct Source {
        var path: String
        var shown: String
        var fingerprint: String
        /// The open store, once trusted; nil before the first lookup, or if it is not trusted.
        var store: CorpusStore?
        var checked = false
    }

    private var sources: [Source] = []

    /// How many texts were answered from a store (for tests).
    private(set) var lent = 0

    /// The session's registry (kept in the interpreter's module state).
    static func of(_ interpreter: Interpreter) -> StoredEntities {
        if let s = interpreter.moduleState["news.stored-entities"] as? StoredEntities { return s }
        let s = StoredEntities()
        interpreter.moduleState["news.stored-entities"] = s
        return s
    }

    /// Notes a store `corpus` opened and the fingerprint recorded in it (checked only when first needed: hashing
    /// the model costs more than a query the store answers by itself).
    func register(path: String, shown: String, fingerprint: String) {
        guard !sources.contains(where: { $0.path == path }) else { return }
        sources.append(Source(path: path, shown: shown, fingerprint: fingerprint))
    }

    /// This recogniser's fingerprint, computed once per process.
    private static let current: String? = try? StoreBuiltins.modelFingerprint()

    /// The stored entities of the article with this id and exactly this text, from a trusted store; nil otherwise.
    func known(id: String, text: String) -> EntityCache.Known? {
        for i in sources.indices {
            if !sources[i].checked {
                sources[i].checked = true
                if let current = StoredEntities.current, sources[i].fingerprint == current {
                    sources[i].store = try? CorpusStore.openForReading(sources[i].path, shown: sources[i].shown)
                }
            }
            guard let store = sources[i].store, let known = try? store.storedKnown(id: id, text: text) else { continue }
            lent += 1
            return known
        }
        return nil
    }
}

extension CorpusStore {
    /// The entities stored for the article `id`, if it is stored with exactly `text` (nil otherwise), rebuilt as
    /// `index` wrote them: entities in order of first mention, each with its mentions.
    func storedKnown(id: String, text: String) throws -> EntityCache.Known? {
        let article = try statement("SELECT text FROM articles WHERE id = ?").bind([.text(id)])
        guard try article.step(), article.text(0) == text else { return nil }
        var entities: [Entity] = []
        var index: [String: Int] = [:]  // type + name -> position in `entities`
        let rows = try statement("SELECT name, type, count, role, aliases FROM entities WHERE article_id = ? ORDER BY rowid").bind([.text(id)])
        while try rows.step() {
            guard let name = rows.text(0), let type = rows.text(1).flatMap(EntityType.init(rawValue:)) else { return nil }
            var aliases: [String] = []
            if let json = rows.text(4), json != "[]" {
                guard case .list(let xs)? = try? JSON.parse(json) else { return nil }
                aliases = xs.compactMap { if case .string(let s) = $0 { return s } else { return nil } }
            }
            // (Two entities of one name and type cannot be told apart by their mentions' rows: recognise instead.)
            guard index.updateValue(entities.count, forKey: type.rawValue + "\u{0}" + name) == nil else { return nil }
            entities.append(Entity(name: name, type: type, count: rows.int(2) ?? 0, mentions: [], aliases: aliases, role: rows.text(3)))
        }
        let mentions = try statement("SELECT name, type, start, \"end\", text FROM mentions WHERE article_id = ? ORDER BY rowid").bind([.text(id)])
        while try mentions.step() {
            guard let name = mentions.text(0), let typeName = mentions.text(1), let type = EntityType(rawValue: typeName),
                  let at = index[typeName + "\u{0}" + name], let start = mentions.int(2), let end = mentions.int(3)
            else { return nil }
            entities[at].mentions.append(EntityMention(start: start, end: end, text: mentions.text(4) ?? "", type: type))
        }
        return EntityCache.Known(entities: entities, keys: MentionKeys.of(entities), types: Set(entities.map(\.type)))
    }
}
