import NQL

/// Entities recognised in this session, by text: recognition runs at most
/// once per article however many filters and comparisons use it.
final class EntityCache {
    private var byText: [String: [Entity]] = [:]
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

    /// The entities of a text, recognised once.
    func entities(of text: String) -> [Entity] {
        if let known = byText[text] { return known }
        let found = recognizer.entities(in: text)
        byText[text] = found
        return found
    }

    /// Every mention in a text (not cached: used by the JSONL tool on each document once).
    func mentions(of text: String) -> [EntityMention] { recognizer.mentions(in: text) }
}

extension EntityLexicon {
    /// The canonical name for a name or alias a user typed ("US" -> "United States"), or nil.
    static func canonical(for name: String) -> String? {
        let key = aliasKey(name)
        for (canonical, aliases) in aliasGroups {
            if aliasKey(canonical) == key || aliases.contains(where: { aliasKey($0) == key }) { return canonical }
        }
        return nil
    }

    /// Names compared without case, dots or a leading "the".
    static func aliasKey(_ s: String) -> String {
        var t = s.lowercased().replacingOccurrences(of: ".", with: "")
        if t.hasPrefix("the ") { t.removeFirst(4) }
        return t.trimmingCharacters(in: .whitespaces)
    }
}

import Foundation
