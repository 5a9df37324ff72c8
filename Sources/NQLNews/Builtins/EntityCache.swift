import Foundation
import NQL

/// Entities recognised in this session, by text: recognition runs at most
/// once per article however many filters and comparisons use it, and the
/// names each article mentions are kept as a set for `mentions`.
final class EntityCache {
    /// What is known of one text.
    struct Known {
        /// The merged entities.
        var entities: [Entity]
        /// Comparison keys (`Analysis.entityKey`) of every name and alias.
        var keys: Set<String>
        /// The types present.
        var types: Set<EntityType>
    }

    private var byText: [String: Known] = [:]
    private var queryKeys: [String: Set<String>] = [:]
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

    /// What is known of a text, recognising it the first time.
    func known(_ text: String) -> Known {
        if let known = byText[text] { return known }
        let entities = recognizer.entities(in: text)
        let known = Known(entities: entities, keys: MentionKeys.of(entities), types: Set(entities.map(\.type)))
        byText[text] = known
        return known
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
