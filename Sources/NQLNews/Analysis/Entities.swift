// Entity identity for comparisons: two entity summaries are the same entity when any of
// their names or aliases have the same key. A key is the name lower-cased, without
// periods, with white space collapsed and a leading "the " dropped, so "U.S." = "US" and
// "The Pentagon" = "Pentagon". Types are not compared: recognisers disagree on GPE and
// LOC, or ORG and NORP, more often than two different entities share a name.
// One exception uses the type: a PERSON known only by a surname is the PERSON whose full
// name ends with it, if exactly one full name does.

extension Analysis {
    /// An entity merged over documents or within one: a display name and every key it has.
    struct MergedEntity {
        var name: String
        var type: String
        var count: Int
        var firstOffset: Int?
        var keys: Set<String>
        /// How often each written name was the canonical name, to choose the display name.
        var nameVotes: [String: Int]

        init(_ e: EntitySummary) {
            name = e.name
            type = e.type
            count = e.count
            firstOffset = e.firstOffset
            keys = Analysis.entityKeys(e)
            nameVotes = [e.name: e.count]
        }

        mutating func absorb(_ o: MergedEntity) {
            count += o.count
            keys.formUnion(o.keys)
            for (n, v) in o.nameVotes { nameVotes[n, default: 0] += v }
            if let f = o.firstOffset { firstOffset = min(firstOffset ?? f, f) }
            // The most used name wins; a longer name breaks ties ("Antony Blinken" over "Blinken").
            if let best = nameVotes.max(by: { $0.value != $1.value ? $0.value < $1.value : ($0.key.count != $1.key.count ? $0.key.count < $1.key.count : $0.key > $1.key) }) {
                if best.key != name { name = best.key; type = best.key == o.name ? o.type : type }
            }
        }

        var summary: EntitySummary {
            EntitySummary(name: name, type: type, count: count, aliases: [], firstOffset: firstOffset)
        }
    }
}

extension Analysis {
    /// Types that are amounts or times, never names.
    static let amountTypes: Set<String> = ["DATE", "MONEY", "PERCENT"]

    /// Keys of the countries and cities the recogniser's lists know.
    static let knownPlaceKeys: Set<String> = Set((EntityLexicon.countries + EntityLexicon.cities).map(entityKey))

    /// The comparison key of an entity name.
    public static func entityKey(_ name: String) -> String {
        var out = ""
        var space = false
        for ch in name.lowercased() {
            if ch == "." { continue }
            if ch.isWhitespace {
                space = !out.isEmpty
                continue
            }
            if space { out.append(" "); space = false }
            out.append(ch == "’" ? "'" : ch)
        }
        if out.hasPrefix("the "), out.count > 4 { out.removeFirst(4) }
        return out
    }

    /// Every key of an entity: its name's and its aliases'.
    static func entityKeys(_ e: EntitySummary) -> Set<String> {
        var keys: Set<String> = [entityKey(e.name)]
        for a in e.aliases { keys.insert(entityKey(a)) }
        keys.remove("")
        return keys
    }

    /// How one list (document) mentions a merged entity.
    struct Presence {
        var count: Int
        var first: Int?
        var name: String
        var type: String
    }

    /// Merges entities sharing a key, over one list or many; returns the merged entities
    /// and, for each input list, which merged entities it contains and how.
    static func mergeEntities(_ lists: [[EntitySummary]]) -> (entities: [MergedEntity], perList: [[Int: Presence]]) {
        var flat: [(list: Int, entity: MergedEntity, count: Int)] = []
        for (l, list) in lists.enumerated() {
            for e in list { flat.append((l, MergedEntity(e), e.count)) }
        }
        var uf = UnionFind(count: flat.count)
        var owner: [String: Int] = [:]
        for (i, f) in flat.enumerated() {
            for k in f.entity.keys {
                if let o = owner[k] { uf.union(o, i) } else { owner[k] = i }
            }
        }
        // A lone surname ("Blinken") joins the one full name ending with it ("Antony
        // Blinken"), when the recogniser gave no alias; never when two full names share it.
        var fullNames: [String: Set<Int>] = [:]  // surname key -> entities (roots) with that surname
        for (i, f) in flat.enumerated() where f.entity.type == "PERSON" {
            for k in f.entity.keys {
                let parts = k.split(separator: " ")
                if parts.count >= 2, let last = parts.last { fullNames[String(last), default: []].insert(uf.find(i)) }
            }
        }
        // The recogniser may mistype a lone surname ("Blinken" as ORG): any one-word name
        // joins, unless it is a known place ("Washington" is not George Washington).
        for (i, f) in flat.enumerated() where !Analysis.amountTypes.contains(f.entity.type) {
            for k in f.entity.keys where !k.contains(" ") && !Analysis.knownPlaceKeys.contains(k) {
                if let roots = fullNames[k], roots.count == 1, let root = roots.first { uf.union(root, i) }
            }
        }
        var slot: [Int: Int] = [:]
        var merged: [MergedEntity] = []
        var perList = Array(repeating: [Int: Presence](), count: lists.count)
        for (i, f) in flat.enumerated() {
            let root = uf.find(i)
            let s: Int
            if let existing = slot[root] {
                s = existing
                merged[s].absorb(f.entity)
            } else {
                s = merged.count
                slot[root] = s
                merged.append(f.entity)
            }
            if var p = perList[f.list][s] {
                p.count += f.count
                if let o = f.entity.firstOffset { p.first = min(p.first ?? o, o) }
                if f.count > (lists[f.list].first { $0.name == p.name }?.count ?? 0) { p.name = f.entity.name; p.type = f.entity.type }
                perList[f.list][s] = p
            } else {
                perList[f.list][s] = Presence(count: f.count, first: f.entity.firstOffset, name: f.entity.name, type: f.entity.type)
            }
        }
        return (merged, perList)
    }

    /// Orders by prominence: more mentions first, then the earlier first mention, then name.
    static func moreProminent(_ a: (count: Int, first: Int?, name: String), _ b: (count: Int, first: Int?, name: String)) -> Bool {
        if a.count != b.count { return a.count > b.count }
        let fa = a.first ?? Int.max, fb = b.first ?? Int.max
        if fa != fb { return fa < fb }
        return a.name < b.name
    }
}
