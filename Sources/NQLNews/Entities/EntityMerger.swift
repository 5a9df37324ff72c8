import Foundation

/// Merges mentions into distinct entities: same text or alias ("U.S." = "United States"), a surname after the full
/// name ("Blinken" after "Antony Blinken"), a shorter organisation name that ends a longer one ("Self-Defense
/// Forces" after "Japan Self-Defense Forces"); finds persons' roles from the title before a mention.
enum EntityMerger {
    /// Alias (exact) -> canonical name, and lower-cased alias -> canonical name.
    static let aliasTable: (exact: [String: String], folded: [String: String]) = {
        var exact: [String: String] = [:]
        var folded: [String: String] = [:]
        for (canonical, aliases) in EntityLexicon.aliasGroups {
            for a in aliases + [canonical] {
                exact[a] = canonical
                if a.count > 3 { folded[a.lowercased()] = canonical }
            }
        }
        return (exact, folded)
    }()

    /// Canonical name for a user's spelling ("US", "U.S.", "America" -> "United States"), or nil if unknown.
    static func canonicalName(for name: String) -> String? {
        let trimmed = name.trimmingCharacters(in: .whitespaces)
        if let c = aliasTable.exact[trimmed] { return c }
        if let c = aliasTable.exact[trimmed.uppercased()] { return c }
        return aliasTable.folded[trimmed.lowercased()]
    }

    /// Strips a leading lower-case "the" ("the 28th" -> "28th") and writes a line break or run of spaces inside a
    /// name as one space (wire copy wraps lines inside names); a possessive inside a name ("Moody's") stays.
    static func normalised(_ text: String) -> String {
        var t = text
        if t.contains(where: { $0.isWhitespace && $0 != " " }) || t.contains("  ") {
            t = t.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        }
        if t.hasPrefix("the ") { t.removeFirst(4) }
        return t
    }

    static func merge(_ analysis: EntityRecognizer.Analysis, bytes p: UnsafeBufferPointer<UInt8>) -> [Entity] {
        struct Group {
            var name: String
            var type: EntityType
            var words: [String]
            var mentions: [EntityMention]
            var aliases: [String]
            var role: String?
        }
        var groups: [Group] = []
        func words(_ s: TokenSpan) -> [String] {
            (s.start..<s.end).map { k in
                String(decoding: UnsafeBufferPointer(rebasing: p[analysis.tokens[k].utf8Start..<analysis.tokens[k].utf8End]), as: UTF8.self)
            }
        }
        for (n, span) in analysis.spans.enumerated() {
            var mention = analysis.mentions[n]
            let w = words(span)
            let text = normalised(mention.text)
            let canonical = canonicalName(for: text) ?? text
            var target: Int?
            // Same canonical name and compatible type.
            target = groups.firstIndex { $0.name == canonical && compatible($0.type, mention.type) }
            if target == nil, mention.type == .PERSON || w.count == 1 && [.GPE, .ORG, .MISC, .LOC].contains(mention.type) {
                // A surname (or first name) alone after the full name.
                if w.count <= 2 {
                    target = groups.lastIndex { g in
                        g.type == .PERSON && g.words.count > w.count && Array(g.words.suffix(w.count)) == w
                    }
                    if target == nil, mention.type == .PERSON, w.count == 1 {
                        target = groups.lastIndex { g in g.type == .PERSON && g.words.count > 1 && g.words.first == w.first }
                    }
                }
                if let t = target, mention.type != .PERSON {
                    // Do not turn a known place into a person.
                    if EntityRules.phrases.table.count > 0, canonicalName(for: text) != nil || isKnownPlace(text) {
                        target = nil
                    } else {
                        mention.type = groups[t].type
                    }
                }
            }
            if target == nil, mention.type == .ORG || mention.type == .MISC || mention.type == .EVENT {
                // The end of a longer name of the same type.
                target = groups.lastIndex { g in
                    g.type == mention.type && g.words.count > w.count && w.count >= 2 && Array(g.words.suffix(w.count)) == w
                }
            }
            if let t = target {
                groups[t].mentions.append(mention)
                if text != groups[t].name && !groups[t].aliases.contains(text) { groups[t].aliases.append(text) }
            } else {
                var g = Group(name: canonical, type: mention.type, words: w, mentions: [mention], aliases: [], role: nil)
                if text != canonical { g.aliases.append(text) }
                groups.append(g)
            }
            if mention.type == .PERSON, let i = target ?? groups.indices.last, groups[i].role == nil {
                groups[i].role = role(before: span.start, analysis: analysis, p: p)
            }
        }
        // A surname used before the full name ("Trump said ..." and later "Donald Trump"): one person, whatever
        // the tagger typed the earlier mentions (the full name's type wins; known places stay places).
        var absorbedNames = Set<Int>()
        for (n, g) in groups.enumerated() where g.words.count <= 2 && ![.DATE, .MONEY, .PERCENT, .PRODUCT].contains(g.type) {
            guard let t = groups.indices.first(where: { t in
                t > n && groups[t].type == .PERSON && groups[t].words.count > g.words.count
                    && Array(groups[t].words.suffix(g.words.count)) == g.words
            }) else { continue }
            if g.type != .PERSON, canonicalName(for: g.name) != nil || isKnownPlace(g.name) { continue }
            groups[t].mentions += g.mentions.map { EntityMention(start: $0.start, end: $0.end, text: $0.text, type: .PERSON) }
            groups[t].mentions.sort { $0.start < $1.start }
            if !groups[t].aliases.contains(g.name) { groups[t].aliases.append(g.name) }
            if groups[t].role == nil { groups[t].role = g.role }
            absorbedNames.insert(n)
        }
        if !absorbedNames.isEmpty { groups = groups.enumerated().filter { !absorbedNames.contains($0.offset) }.map(\.element) }
        // A "person" whose name begins a company's full name in the same text is that company ("Shearson" and
        // "Shearson Lehman Brothers Inc", "Dome" and "Dome Petroleum Ltd"): the full name carries a legal form.
        var absorbedPersons = Set<Int>()
        // Also a shorter organisation name that begins it ("Harper and Row" and "Harper and Row Publishers Inc").
        for (n, g) in groups.enumerated() where (g.type == .PERSON || g.type == .ORG) && !g.words.isEmpty {
            guard let o = groups.firstIndex(where: { o in
                o.type == .ORG && o.words.count > g.words.count && Array(o.words.prefix(g.words.count)) == g.words
                    && o.words.last.map { EntityLexicon.corporateSuffixes.contains($0) } == true
            }) else { continue }
            groups[o].mentions += g.mentions.map { EntityMention(start: $0.start, end: $0.end, text: $0.text, type: .ORG) }
            groups[o].mentions.sort { $0.start < $1.start }
            if !groups[o].aliases.contains(g.name) { groups[o].aliases.append(g.name) }
            absorbedPersons.insert(n)
        }
        if !absorbedPersons.isEmpty { groups = groups.enumerated().filter { !absorbedPersons.contains($0.offset) }.map(\.element) }
        if !absorbedNames.isEmpty || !absorbedPersons.isEmpty {
            // Entities stay ordered by first mention: a name joined to a later one moves that one up.
            groups = groups.enumerated().sorted { a, b in
                let x = a.element.mentions.first?.start ?? 0, y = b.element.mentions.first?.start ?? 0
                return x != y ? x < y : a.offset < b.offset
            }.map(\.element)
        }
        if !NERExperiments.flags.contains("manytypes") {
            groups = oneTypePerName(groups.map { ($0.name, $0.type, $0.mentions, $0.aliases, $0.role) }).map {
                Group(name: $0.name, type: $0.type, words: [], mentions: $0.mentions, aliases: $0.aliases, role: $0.role)
            }
        }
        return groups.map { g in
            var aliases = g.aliases
            for a in EntityLexicon.aliasGroups[g.name] ?? [] where !aliases.contains(a) { aliases.append(a) }
            return Entity(name: g.name, type: g.type, count: g.mentions.count, mentions: g.mentions,
                          aliases: aliases, role: g.role)
        }
    }

    /// Comparison key of a name's spelling variants: hyphens, dots, spaces and apostrophes ignored ("PAC-3" =
    /// "PAC3", "Kim Yong-bok" = "Kim Yongbok"); case counts ("CHICAGO" in a results table is not "Chicago").
    static func variantKey(_ name: String) -> String {
        String(String.UnicodeScalarView(name.unicodeScalars.filter {
            !($0 == "-" || $0 == "." || $0 == " " || $0 == "'" || $0 == "’" || $0 == "\u{2010}" || $0 == "\u{2011}")
        }))
    }

    /// One name, one type per document: entities whose names differ only in spelling variants or case (or not at all)
    /// but got different types merge into the one with more mentions (a known place counts as a place), unless
    /// both are used at least twice (the text really uses the name two ways: a city and its team). Variants of
    /// the same type merge too ("PAC3" and "PAC-3").
    typealias Merged = (name: String, type: EntityType, mentions: [EntityMention], aliases: [String], role: String?)
    static func oneTypePerName(_ groups: [Merged]) -> [Merged] {
        var byKey: [String: [Int]] = [:]
        var order: [String] = []
        for (n, g) in groups.enumerated() where ![.DATE, .MONEY, .PERCENT].contains(g.type) {
            // Case too: a dateline's or headline's "LYON" is the body's "Lyon".
            let key = variantKey(g.name).lowercased()
            guard !key.isEmpty else { continue }
            if byKey[key] == nil { order.append(key) }
            byKey[key, default: []].append(n)
        }
        var absorbed = Set<Int>()
        var out = groups
        for key in order {
            guard let members = byKey[key], members.count > 1 else { continue }
            func weight(_ n: Int) -> Double {
                let g = groups[n]
                let place = (g.type == .GPE || g.type == .LOC) && isKnownPlace(g.name)
                return Double(g.mentions.count) + (place ? 0.5 : 0) + (isCapitals(g.name) ? 0 : 0.25)
            }
            guard let winner = members.max(by: { weight($0) < weight($1) || weight($0) == weight($1) && $0 > $1 }) else {
                continue
            }
            for n in members where n != winner {
                let g = groups[n]
                // Used at least twice each way: the text really uses the name two ways (a city and its team).
                if g.mentions.count >= 2 && g.type != groups[winner].type { continue }
                // Capitals are results tables and headlines ("AT CHICAGO" the place, "CHICAGO 5" the team).
                if g.type != groups[winner].type && isCapitals(g.name) { continue }
                out[winner].mentions += g.mentions
                for a in [g.name] + g.aliases where a != out[winner].name && !out[winner].aliases.contains(a) {
                    out[winner].aliases.append(a)
                }
                if out[winner].role == nil { out[winner].role = g.role }
                absorbed.insert(n)
            }
            out[winner].mentions.sort { $0.start < $1.start }
        }
        // Still ordered by first mention.
        return out.enumerated().filter { !absorbed.contains($0.offset) }.sorted { l, r in
            let a = l.element.mentions.first?.start ?? 0, b = r.element.mentions.first?.start ?? 0
            return a != b ? a < b : l.offset < r.offset
        }.map(\.element)
    }

    /// No lower-case letter and at least two capitals ("CHICAGO", "NATO").
    static func isCapitals(_ name: String) -> Bool {
        var capitals = 0
        for c in name.unicodeScalars {
            if c.properties.isLowercase { return false }
            if c.properties.isUppercase { capitals += 1 }
        }
        return capitals >= 2
    }

    static func isKnownPlace(_ text: String) -> Bool {
        EntityLexicon.countries.contains(text) || EntityLexicon.cities.contains(text)
            || EntityLexicon.locations.contains(text)
    }

    static func compatible(_ a: EntityType, _ b: EntityType) -> Bool {
        if a == b { return true }
        let places: Set<EntityType> = [.GPE, .LOC]
        return places.contains(a) && places.contains(b)
    }

    /// The title right before token `start`: "Secretary of State" in "U.S. Secretary of State Antony Blinken",
    /// or the appositive after the name: "X, the commission's executive director,".
    static func role(before start: Int, analysis: EntityRecognizer.Analysis, p: UnsafeBufferPointer<UInt8>) -> String? {
        func word(_ k: Int) -> String {
            String(decoding: UnsafeBufferPointer(rebasing: p[analysis.tokens[k].utf8Start..<analysis.tokens[k].utf8End]), as: UTF8.self)
        }
        var k = start - 1
        var collected: [String] = []
        var hasHead = false
        while k >= 0 && collected.count < 8 {
            let w = word(k)
            if EntityLexicon.roleHeads.contains(w) {
                hasHead = true
            } else if EntityLexicon.roleModifiers.contains(w) || w == "of" || w == "for" {
                // part of the title
            } else {
                break
            }
            if analysis.spans.contains(where: { $0.start <= k && k < $0.end && $0.type != .ORG }) { break }
            collected.insert(w, at: 0)
            k -= 1
        }
        while let f = collected.first, f == "of" || f == "for" { collected.removeFirst() }
        // Courtesy titles alone are not roles.
        let courtesy: Set<String> = ["Mr.", "Mrs.", "Ms.", "Dr."]
        collected.removeAll { courtesy.contains($0) }
        if hasHead, !collected.isEmpty, collected.contains(where: { EntityLexicon.roleHeads.contains($0) }) {
            return collected.joined(separator: " ")
        }
        return appositiveRole(after: start, analysis: analysis, p: p)
    }

    /// "Name, the commission's executive director," -> "executive director".
    static func appositiveRole(after start: Int, analysis: EntityRecognizer.Analysis, p: UnsafeBufferPointer<UInt8>) -> String? {
        guard let span = analysis.spans.first(where: { $0.start == start }) else { return nil }
        let toks = analysis.tokens
        func word(_ k: Int) -> String {
            String(decoding: UnsafeBufferPointer(rebasing: p[toks[k].utf8Start..<toks[k].utf8End]), as: UTF8.self)
        }
        var k = span.end
        guard k + 2 < toks.count, word(k) == "," else { return nil }
        k += 1
        let det = word(k)
        guard det == "the" || det == "a" || det == "an" || det == "its" || det == "his" || det == "her" else { return nil }
        k += 1
        var collected: [String] = []
        while k < toks.count && collected.count < 8 {
            let w = word(k)
            if w == "," || w == "." || w == ";" { break }
            collected.append(w)
            k += 1
        }
        guard k < toks.count, word(k) == "," || word(k) == ".", !collected.isEmpty else { return nil }
        // Drop an owner ("the commission's executive director" -> "executive director").
        if let pos = collected.lastIndex(where: { $0 == "'s" || $0 == "’s" || $0.hasSuffix("'s") }) {
            collected = Array(collected[(pos + 1)...])
        }
        let heads = Set(EntityLexicon.roleHeads.map { $0.lowercased() })
            .union(["director", "minister", "secretary", "spokesman", "spokeswoman", "chief", "head", "president",
                    "chairman", "officer", "founder", "editor", "analyst", "economist", "professor", "ceo"])
        guard let last = collected.last, heads.contains(last.lowercased()) else { return nil }
        return collected.joined(separator: " ")
    }
}
