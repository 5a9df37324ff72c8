import Foundation
import NQL

/// Entities recognised in this session: recognition runs at most once per
/// article however many filters and comparisons use it (while it stays in
/// the cache), and the names each article mentions are kept as a set for
/// `mentions`.
///
/// - Keyed by a 128-bit hash of the text and its length, not the text.
/// - Bounded: at most `capacity` texts; the oldest entry goes first.
/// - Parallel: a stage announces the articles it is about to process
///   (`ElementPrefetcher`); the first one that needs its entities has the
///   whole window recognised on all cores, in input order.
final class EntityCache: ElementPrefetcher {
    /// What is known of one text.
    struct Known: Sendable {
        /// The merged entities.
        var entities: [Entity]
        /// Comparison keys (`Analysis.entityKey`) of every name and alias.
        var keys: Set<String>
        /// The types present.
        var types: Set<EntityType>
    }

    /// A text's cache key.
    struct Key: Hashable {
        var first: Int
        var second: Int
        var length: Int

        init(_ text: String) {
            var a = Hasher(), b = Hasher()
            a.combine(0x5EED_0001)
            b.combine(0x5EED_0002)
            a.combine(text)
            b.combine(text)
            first = a.finalize()
            second = b.finalize()
            length = text.utf8.count
        }
    }

    /// How many texts are kept: a corpus of this many articles is recognised once per session.
    static let capacity = 32_768

    private var byKey: [Key: Known] = [:]
    private var order: [Key] = []
    private var oldest = 0
    private var queryKeys: [String: Set<String>] = [:]
    private var upcoming: ArraySlice<Value> = []
    private let recognizer: EntityRecognizer

    private init(recognizer: EntityRecognizer) { self.recognizer = recognizer }

    /// The session's cache (made on first use, kept in the interpreter's module state).
    static func of(_ interpreter: Interpreter) throws -> EntityCache {
        if let cache = interpreter.moduleState["news.entities"] as? EntityCache { return cache }
        let recognizer: EntityRecognizer
        do { recognizer = try EntityRecognizer.shared() } catch { throw RuntimeError("entities: \(error)") }
        let cache = EntityCache(recognizer: recognizer)
        interpreter.moduleState["news.entities"] = cache
        return cache
    }

    /// Notes the articles a stage is about to process (`ElementPrefetcher`).
    func upcoming(_ elements: ArraySlice<Value>) { upcoming = elements }

    /// What is known of a text, recognising it the first time (with the rest of the announced window).
    func known(_ text: String) -> Known {
        let key = Key(text)
        if let known = byKey[key] { return known }
        if !upcoming.isEmpty {
            let window = upcoming
            upcoming = []
            var seen = Set<Key>()
            var todo: [(Key, String)] = []
            for v in window {
                guard case .record(let r) = v, case .string(let t)? = r["text"] else { continue }
                let k = Key(t)
                if byKey[k] == nil, seen.insert(k).inserted { todo.append((k, t)) }
            }
            if seen.contains(key) {
                let found = Parallel.map(count: todo.count) { i in self.recognise(todo[i].1) }
                for (i, known) in found.enumerated() { store(todo[i].0, known) }
                if let known = byKey[key] { return known }
            }
        }
        let known = recognise(text)
        store(key, known)
        return known
    }

    /// What is known of each text, recognising the ones not cached on all cores, in order (for `index`).
    func knownAll(_ texts: [String]) -> [Known] {
        var seen = Set<Key>()
        var todo: [(Key, String)] = []
        for t in texts {
            let k = Key(t)
            if byKey[k] == nil, seen.insert(k).inserted { todo.append((k, t)) }
        }
        let found = Parallel.map(count: todo.count) { i in self.recognise(todo[i].1) }
        var fresh: [Key: Known] = [:]
        for (i, known) in found.enumerated() {
            store(todo[i].0, known)
            fresh[todo[i].0] = known
        }
        return texts.map { t in
            let k = Key(t)
            return byKey[k] ?? fresh[k] ?? recognise(t)
        }
    }

    private func recognise(_ text: String) -> Known {
        let entities = recognizer.entities(in: text)
        return Known(entities: entities, keys: MentionKeys.of(entities), types: Set(entities.map(\.type)))
    }

    private func store(_ key: Key, _ known: Known) {
        if order.count < EntityCache.capacity {
            order.append(key)
        } else {
            byKey[order[oldest]] = nil
            order[oldest] = key
            oldest = (oldest + 1) % EntityCache.capacity
        }
        byKey[key] = known
    }

    /// The entities of a text, recognised once.
    func entities(of text: String) -> [Entity] { known(text).entities }

    /// Whether a text (or its headline) mentions a name as `MentionKeys`
    /// defines it, or an entity of a type when `name` is one ("PERSON").
    func mentions(_ text: String, _ name: String, title: String? = nil) -> Bool {
        let body = known(text), headline = title.map(known)
        if let type = EntityType(rawValue: name) { return body.types.contains(type) || headline?.types.contains(type) == true }
        let query = keys(forQuery: name)
        return !body.keys.isDisjoint(with: query) || headline.map { !$0.keys.isDisjoint(with: query) } == true
    }

    /// The keys a query matches: its own, and those of its alias group.
    private func keys(forQuery name: String) -> Set<String> {
        if let cached = queryKeys[name] { return cached }
        let keys = MentionKeys.query(name)
        queryKeys[name] = keys
        return keys
    }
}
