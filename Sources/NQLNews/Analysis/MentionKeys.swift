import Foundation

/// What "an article mentions X" means, in one place: `mentions`, `filter`
/// and `cooccur` all agree with it.
///
/// A query matches an entity by its name or an alias ("US" finds "United
/// States"). For people it also matches by part of the name, as readers
/// do: "Biden" finds "Joe Biden", and "Antony Blinken" finds an article
/// that only says "Blinken" (a lone surname the recogniser could not join
/// to a full name), as `compare` and `cooccur` merge names across articles.
/// Two different full names never match each other.
public enum MentionKeys {
    /// Comparison keys of an article's entities.
    public static func of(_ entities: [Entity]) -> Set<String> {
        var keys = Set<String>()
        for e in entities {
            keys.insert(Analysis.entityKey(e.name))
            for alias in e.aliases { keys.insert(Analysis.entityKey(alias)) }
            let words = nameWords(e.name)
            if words.count == 1, let only = words.first {
                // As `compare` and `cooccur` merge: the recogniser may mistype a lone
                // surname ("Blinken" as ORG), so any one-word name counts, unless it is a
                // known place ("Washington" is not George Washington).
                if !Analysis.amountTypes.contains(e.type.rawValue) && !Analysis.knownPlaceKeys.contains(only) {
                    keys.insert("lone:" + only)
                }
            } else if e.type == .PERSON {
                for w in words { keys.insert("part:" + w) }
            }
        }
        keys.remove("")
        return keys
    }

    /// The keys a query name matches: its own, its alias group's, and for a
    /// one-word query the same word as part of a person's name; for a longer
    /// one, its last word as a lone surname.
    public static func query(_ name: String) -> Set<String> {
        var keys = Set(([name] + EntityRecognizer.aliases(of: name)).map(Analysis.entityKey))
        let words = nameWords(name)
        if words.count == 1, let only = words.first {
            keys.insert("part:" + only)
        } else if let last = words.last {
            keys.insert("lone:" + last)
        }
        keys.remove("")
        return keys
    }

    /// The capitalised words of a name, as keys ("Kim Yong-bok" → ["kim", "yong-bok"]);
    /// particles such as "de" or "bin" are left out.
    static func nameWords(_ name: String) -> [String] {
        name.split(whereSeparator: { $0.isWhitespace }).compactMap { w in
            guard let first = w.first, first.isUppercase, w.count >= 2 else { return nil }
            return Analysis.entityKey(String(w))
        }
    }
}
