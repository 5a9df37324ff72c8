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
        cache.stored = StoredEntities.of(interpreter)
        interpreter.moduleState["news.entities"] = cache
        return cache
    }

    /// The announced window: its articles' keys (made at the first request), and how many were asked for.
    private var window: (keys: Set<Key>, asked: Set<Key>)?
    /// The ids of the announced articles, by text key: where a corpus store may hold their entities.
    private var idOf: [Key: String] = [:]
    /// The session's corpus stores, whose entities stand in for recognition.
    private var stored: StoredEntities?
    /// Whether to recognise a whole window at its first miss: yes while most
    /// of a window's articles are asked for (`filter(mentions(...))`), no
    /// after a window where few were (`filter(.source == "X" and mentions(...))`
    /// asks only for some), so a selective predicate does not pay for the rest.
    private var speculate = true

    /// Notes the articles a stage is about to process (`ElementPrefetcher`).
    func upcoming(_ elements: ArraySlice<Value>) {
        if let window, !window.keys.isEmpty { speculate = window.asked.count * 2 >= window.keys.count }
        window = nil
        upcoming = elements
    }

    /// What is known of a text, recognising it the first time (with the rest of the announced window).
    func known(_ text: String) -> Known {
        let key = Key(text)
        if window == nil, !upcoming.isEmpty {
            var keys = Set<Key>()
            idOf = [:]
            for v in upcoming {
                if case .record(let r) = v, case .string(let t)? = r["text"] {
                    let k = Key(t)
                    keys.insert(k)
                    switch r["id"] {
                    case .string(let id)?: idOf[k] = id
                    case .int(let n)?: idOf[k] = String(n)  // (a store keeps numeric ids as text)
                    default: break
                    }
                }
            }
            window = (keys, [])
        }
        if window?.keys.contains(key) == true { window?.asked.insert(key) }
        if let known = byKey[key] { return known }
        if let known = fromStore(key, text) { return known }
        if speculate, !upcoming.isEmpty, window?.keys.contains(key) == true {
            let pending = upcoming
            upcoming = []
            var seen = Set<Key>()
            var todo: [(Key, String)] = []
            for v in pending {
                guard case .record(let r) = v, case .string(let t)? = r["text"] else { continue }
                let k = Key(t)
                if byKey[k] == nil, seen.insert(k).inserted, fromStore(k, t) == nil { todo.append((k, t)) }
            }
            let found = Parallel.map(count: todo.count) { i in self.recognise(todo[i].1) }
            recognised += found.count
            for (i, known) in found.enumerated() { store(todo[i].0, known) }
            if let known = byKey[key] { return known }
        }
        let known = recognise(text)
        recognised += 1
        store(key, known)
        return known
    }

    /// How many texts have been recognised (for tests).
    private(set) var recognised = 0

    /// The entities a corpus store holds for the announced article with this text, kept like recognised ones.
    private func fromStore(_ key: Key, _ text: String) -> Known? {
        guard let stored, let id = idOf[key], let known = stored.known(id: id, text: text) else { return nil }
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
        // The recogniser reads English: a span with no Latin letter or digit (a Korean
        // word in a Korean text) is not a name it knows.
        let entities = recognizer.entities(in: text).filter { NonEnglish.hasLatinLetterOrDigit($0.name) }
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
