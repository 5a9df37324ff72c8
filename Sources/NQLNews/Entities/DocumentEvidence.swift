import Foundation

/// Rules that read what the whole document says about a name, applied after `EntityRules`: what else the text
/// calls it, how it writes it elsewhere, and which pronoun picks it up. Each rule changes every mention of the
/// name in the document, so a name keeps one type.
///
/// - A species ("Ferussina petofiana", "I. psychra": a capitalised genus or its initial, then an unknown
///   lower-case word with a Latin ending) is no name, and neither is its genus alone.
/// - A name followed by "Jr." or "Sr." is a person ("RFK Jr.").
/// - "<US state> State" and "<place> Tech" are universities ("Florida State", "Virginia Tech").
/// - An organisation whose last word is a lone capital letter is a product model ("Raptor R").
/// - An organisation or person ending in "Sale" is an event ("Nordstrom Half Yearly Sale").
/// - A capitalised common word is no name where the document also writes it in lower case ("Black" beside
///   "black people"), and an acronym the document puts in the plural ("VPNs")
///   or a short all-capitals "place" no list knows ("AI", a basketball position "SF") is a common noun.
/// - A one-word "person" never written with a first name, never given a title and never said to speak, whom the
///   text picks up with "it"/"its" and not "he"/"she", is an organisation or brand ("Hoverwatch ... it tracks"),
///   or a product where the text mostly owns it ("your Mac", "a Mac"); so is one whose web address the text
///   gives ("glossier.com") or that starts other kinds of names ("Glossier Lidstar", "Glossier Party").
/// - A nationality or a people is NORP ("Korean", "Black artists"), unless it is a surname in the text.
/// - A name typed both person and organisation takes the type its pronouns agree on ("Jung Kook ... he").
/// - "the Dukes" (a plural one-word "person" after "the") is a team.
/// - An unlisted "place" cited as a source ("according to Morningstar", "the Morningstar study") and never put
///   in or at is an organisation.
/// - The two sides of "X vs. Y" are the same kind of thing: a "person" against an organisation is one too
///   ("James Madison vs. Air Force"); so are "between X and Y" and "from X to Y" where one is a place ("trains
///   between Lyon and Mâcon").
/// - A dateline ("LYON, France —") names a place wherever the text uses that name.
enum DocumentEvidence {
    static let enabled = !NERExperiments.flags.contains("noevidence")
    static let debug = NERExperiments.flags.contains("evidencedebug")

    static let juniors = EntityRules.hashes(["Jr.", "Jr", "Sr.", "Sr", "Jnr", "Snr"])
    static let universityWords = EntityRules.hashes(["State", "Tech"])
    /// Last words of the places whose "X State" is the state itself in news usage ("New York State").
    static let stateItself = EntityRules.hashes(["York", "Washington"])
    static let placeAbbreviations = EntityRules.hashes(EntityLexicon.placeAbbreviations)
    /// Peoples named by a capitalised adjective that is no nationality.
    static let peoples = EntityRules.hashes(["Black", "Hispanic", "Latino", "Latina", "Latinx", "Indigenous", "Aboriginal"])
    static let eventEnds = EntityRules.hashes(["Sale"])
    static let versus = EntityRules.lowerHashes(["vs", "vs.", "v", "v.", "versus"])
    static let personPronouns = EntityRules.lowerHashes(["he", "him", "his", "himself", "she", "her", "hers", "herself"])
    static let thingDeterminers = EntityRules.lowerHashes(["a", "an", "my", "your", "our", "their", "its"])
    static let possessives = EntityRules.lowerHashes(["'s", "’s", "'", "’"])
    static let according = FeatureHash.string("according")
    static let to = FeatureHash.string("to")
    static let from = FeatureHash.string("from")
    static let between = FeatureHash.string("between")
    static let sourceNouns = EntityRules.lowerHashes(["study", "report", "survey", "analysis", "data", "research", "poll", "index", "ratings", "rating"])
    static let locatives = EntityRules.lowerHashes(["in", "at", "near", "from", "across", "throughout", "outside", "inside"])
    static let thingPronouns = EntityRules.lowerHashes(["it", "its", "itself"])
    static let speechVerbs = EntityRules.lowerHashes([
        "said", "says", "say", "told", "tells", "added", "asked", "wrote", "writes", "explained", "recalled",
        "noted", "insisted", "argued", "tweeted", "posted", "replied", "declared", "announced", "stated",
    ])

    /// Each rule can be switched off for measurement: `NQL_NER_EXPERIMENT=no-species,no-pronoun` (read once).
    struct Switches {
        let acronym = !NERExperiments.flags.contains("no-acronym")
        let commonword = !NERExperiments.flags.contains("no-commonword")
        let conflict = !NERExperiments.flags.contains("no-conflict")
        let datelines = !NERExperiments.flags.contains("no-datelines")
        let drops = !NERExperiments.flags.contains("no-drops")
        let junior = !NERExperiments.flags.contains("no-junior")
        let model = !NERExperiments.flags.contains("no-model")
        let peoples = !NERExperiments.flags.contains("no-peoples")
        let plural = !NERExperiments.flags.contains("no-plural")
        let pronoun = !NERExperiments.flags.contains("no-pronoun")
        let routes = !NERExperiments.flags.contains("no-routes")
        let sources = !NERExperiments.flags.contains("no-sources")
        let species = !NERExperiments.flags.contains("no-species")
        let teams = !NERExperiments.flags.contains("no-teams")
        let univ = !NERExperiments.flags.contains("no-univ")
        let vs = !NERExperiments.flags.contains("no-vs")
    }
    static let on = Switches()

    static func apply(_ spans: inout [TokenSpan], _ doc: PreparedDocument, _ p: UnsafeBufferPointer<UInt8>) {
        guard enabled else { return }
        let attrs = doc.attributes
        let n = attrs.count
        guard n > 0, !doc.sentences.isEmpty else { return }
        /// The index of the sentence of token `k` (binary search: most texts never ask).
        func sentenceOf(_ k: Int) -> Int {
            var lo = 0, hi = doc.sentences.count - 1
            while lo < hi {
                let mid = (lo + hi + 1) / 2
                if doc.sentences[mid].lowerBound <= k { lo = mid } else { hi = mid - 1 }
            }
            return lo
        }
        func bytes(_ k: Int) -> UnsafeBufferPointer<UInt8> {
            UnsafeBufferPointer(rebasing: p[doc.tokens[k].utf8Start..<doc.tokens[k].utf8End])
        }
        /// A key for the words of tokens `s..<e`, lower-cased.
        func key(_ s: Int, _ e: Int) -> UInt64 {
            var h = TaggerLexicon.sequenceSeed
            for k in s..<e { h = TaggerLexicon.sequenceHash(h, attrs[k].lower) }
            return h
        }
        func words(_ s: TokenSpan) -> UInt64 { key(s.start, s.end) }
        func isAllCaps(_ k: Int) -> Bool { attrs[k].flags & TaggerFeatures.fAllCaps != 0 }
        func isInitial(_ k: Int) -> Bool {
            let b = bytes(k)
            return b.count == 2 && b[0] >= 0x41 && b[0] <= 0x5A && b[1] == 0x2E
        }
        /// Every span with these words (lower-cased) and one of `types` becomes `to`.
        func retype(_ names: Set<UInt64>, _ types: TypeSet, to: EntityType) {
            guard !names.isEmpty else { return }
            for k in spans.indices where types.contains(spans[k].type) && names.contains(words(spans[k])) {
                spans[k].type = to
                spans[k].taggerType = -1
            }
        }
        let nameTypes: TypeSet = [.PERSON, .ORG, .GPE, .LOC, .MISC, .NORP]

        // Species: a capitalised genus (or its initial) and an unknown lower-case word with a Latin ending.
        var genera = Set<UInt64>()
        var binomial = Set<Int>()
        for e in 1..<max(n, 1) where attrs[e].vectorSource == 3 && attrs[e].flags & TaggerFeatures.fAllLower != 0 {
            let k = e - 1
            guard attrs[k].isCapitalised && !isAllCaps(k) || isInitial(k), !doc.tokens[e].startsLine || sentenceOf(e) == sentenceOf(k),
                  isLatinEpithet(bytes(e)) else { continue }
            binomial.insert(k)
            binomial.insert(e)
            if !isInitial(k) { genera.insert(attrs[k].lower) }
        }
        if !binomial.isEmpty, on.species {
            spans.removeAll { s in
                nameTypes.contains(s.type) && ((s.start..<s.end).contains { binomial.contains($0) }
                    || s.end - s.start == 1 && genera.contains(attrs[s.start].lower))
            }
        }

        // "RFK Jr.": a name before a generational suffix is a person, suffix included.
        var juniorNames = Set<UInt64>()
        for k in spans.indices where on.junior && nameTypes.contains(spans[k].type) {
            let s = spans[k]
            let last = s.end - 1
            if s.end - s.start >= 2, juniors.contains(attrs[last].word) {
                juniorNames.insert(key(s.start, s.end - 1))
                spans[k].type = .PERSON
            } else if s.end < n, juniors.contains(attrs[s.end].word), sentenceOf(s.end) == sentenceOf(s.start),
                      !spans.contains(where: { $0.start <= s.end && s.end < $0.end && $0.end - $0.start > 1 })
            {
                juniorNames.insert(words(s))
                spans[k].end += 1
                spans[k].type = .PERSON
            }
        }
        if !juniorNames.isEmpty {
            spans.removeAll { $0.end - $0.start == 1 && juniors.contains(attrs[$0.start].word) }
            retype(juniorNames, nameTypes, to: .PERSON)
        }

        // Universities: "Florida State", "Virginia Tech" (joined where the tagger found the place alone).
        spans.sort { $0.start < $1.start }
        var k = 0
        while k < spans.count, on.univ {
            let s = spans[k]
            if s.type == .GPE || s.type == .LOC || s.type == .ORG, s.end < n, universityWords.contains(attrs[s.end].word),
                sentenceOf(s.end) == sentenceOf(s.start), isPlace(attrs, s.start, s.end)
            {
                if k + 1 < spans.count, spans[k + 1].start == s.end {
                    guard spans[k + 1].end == s.end + 1 else {
                        k += 1
                        continue
                    }
                    spans.remove(at: k + 1)
                }
                spans[k].end += 1
                spans[k].type = .ORG
                spans[k].taggerType = -1
            } else if s.end - s.start >= 2, s.type == .GPE || s.type == .LOC || s.type == .PERSON,
                      universityWords.contains(attrs[s.end - 1].word), isPlace(attrs, s.start, s.end - 1)
            {
                spans[k].type = .ORG
                spans[k].taggerType = -1
            }
            k += 1
        }

        // Product models ("Raptor R") and sales ("Nordstrom Half Yearly Sale").
        for k in spans.indices where spans[k].end - spans[k].start >= 2 && on.model {
            let last = spans[k].end - 1
            let b = bytes(last)
            if spans[k].type == .ORG, b.count == 1, b[0] >= 0x41 && b[0] <= 0x5A {
                spans[k].type = .PRODUCT
            } else if spans[k].type == .ORG || spans[k].type == .PERSON, eventEnds.contains(attrs[last].word) {
                spans[k].type = .EVENT
            }
        }

        // Common words and common-noun acronyms. Words of longer names in the text are exempt ("Tom Price" and
        // "Price said" beside "the price").
        let personNameWords = Set(spans.filter { $0.end - $0.start > 1 && $0.type == .PERSON }.flatMap { (s: TokenSpan) in (s.start..<s.end).map { attrs[$0].lower } })
        // What to look for in one pass over the tokens: the lower-case form of capitalised common words that are
        // names here, and the plural of each acronym (or the singular of each acronym plural).
        func isAcronym(_ b: some Collection<UInt8>) -> Bool { b.count >= 2 && b.count <= 5 && b.allSatisfy { $0 >= 0x41 && $0 <= 0x5A } }
        var commonWanted = Set<UInt64>(), otherForm: [UInt64: UInt64] = [:]
        for s in spans where s.end - s.start == 1 && nameTypes.contains(s.type) {
            let k = s.start
            if attrs[k].casing == 1, attrs[k].isCapitalised, !isAllCaps(k) { commonWanted.insert(attrs[k].lower) }
            let b = bytes(k)
            if isAcronym(b) {
                otherForm[(attrs[k].word ^ 0x73) &* FeatureHash.prime] = attrs[k].word  // the word with "s" added
            } else if b.count > 2, b[b.count - 1] == 0x73, isAcronym(b.dropLast()) {
                otherForm[FeatureHash.bytes(p, doc.tokens[k].utf8Start, doc.tokens[k].utf8End - 1)] = attrs[k].word
            }
        }
        var lowerSeen = Set<UInt64>()
        var plurals = Set<UInt64>()  // word hashes of acronyms the text puts in the plural, and of those plurals
        if !commonWanted.isEmpty || !otherForm.isEmpty {
            for k in 0..<n {
                // (Only words with capitals can be an acronym or its plural: "VPN", "VPNs".)
                if !otherForm.isEmpty, attrs[k].flags & (TaggerFeatures.fAllCaps | TaggerFeatures.fMixed) != 0,
                    let w = otherForm[attrs[k].word]
                {
                    plurals.insert(w)
                    plurals.insert(attrs[k].word)
                }
                if !commonWanted.isEmpty, attrs[k].flags & TaggerFeatures.fAllLower != 0, commonWanted.contains(attrs[k].lower),
                    k > doc.sentences[sentenceOf(k)].lowerBound
                {
                    lowerSeen.insert(attrs[k].lower)
                }
            }
        }
        var dropped = Set<UInt64>()
        for s in spans where s.end - s.start == 1 && nameTypes.contains(s.type) {
            let k = s.start
            let b = bytes(k)
            let common = attrs[k].casing == 1 && attrs[k].isCapitalised && !isAllCaps(k) && lowerSeen.contains(attrs[k].lower) && !personNameWords.contains(attrs[k].lower)
            let unknownAcronym = s.type == .GPE && isAllCaps(k) && b.count <= 3 && b.allSatisfy { $0 >= 0x41 && $0 <= 0x5A }
                && !placeAbbreviations.contains(attrs[k].word)
                && EntityRules.phrases.longest(attrs, k, k + 1, mask: EntityRules.gpe | EntityRules.loc) == nil
            if debug, common || unknownAcronym || plurals.contains(attrs[k].word) {
                FileHandle.standardError.write(Data("drop \(s.type) \(String(decoding: b, as: UTF8.self)) common \(common) acronym \(unknownAcronym)\n".utf8))
            }
            if common && on.commonword || unknownAcronym && on.acronym || plurals.contains(attrs[k].word) && on.plural {
                dropped.insert(words(s))
            }
        }
        if !dropped.isEmpty, on.drops { spans.removeAll { nameTypes.contains($0.type) && dropped.contains(words($0)) } }

        // A nationality or a people ("Korean", "Black artists") is NORP whatever the tagger typed it, unless the
        // text uses the word as a surname ("Conrad Black ... Black said").
        for k in spans.indices where spans[k].end - spans[k].start == 1 && spans[k].type != .NORP && nameTypes.contains(spans[k].type) && on.peoples {
            let q = spans[k].start
            guard !personNameWords.contains(attrs[q].lower),
                  peoples.contains(attrs[q].word)
                    || EntityRules.phrases.longest(attrs, q, q + 1, mask: EntityRules.norp | EntityRules.gpe | EntityRules.loc)?.category == EntityRules.norp
            else { continue }
            spans[k].type = .NORP
            spans[k].taggerType = -1
        }

        // Pronouns: a one-word "person" the text picks up with "it"/"its" is a thing.
        spans.sort { $0.start < $1.start }
        // Surnames of full names in the text ("Ohtani" after "Shohei Ohtani") are persons.
        let surnames = Set(spans.filter { $0.type == .PERSON && $0.end - $0.start > 1 }.map { attrs[$0.end - 1].lower })
        // A word that starts two or more other kinds of names is a brand ("Glossier Lidstar", "Glossier Party").
        // (first word -> the first such name, and whether another one follows)
        var brandOf: [UInt64: (first: UInt64, more: Bool)] = [:]
        for s in spans where s.end - s.start > 1 && s.type != .PERSON && (nameTypes.contains(s.type) || s.type == .PRODUCT) {
            let w = words(s)
            if let b = brandOf[attrs[s.start].lower] {
                if b.first != w { brandOf[attrs[s.start].lower]?.more = true }
            } else {
                brandOf[attrs[s.start].lower] = (w, false)
            }
        }
        var mentions: [UInt64: Int] = [:]
        var keyOf: [UInt64: UInt64] = [:]  // lower-cased word -> key of the one-word name
        /// The first third-person pronoun after span `q`, before any other name, in its sentence or the next: PERSON
        /// for "he"/"she", ORG for "it"/"its", nil for none. Not after a possessive: in "Smith's company said it"
        /// the pronoun is the company.
        func pronoun(after q: Int) -> EntityType? {
            let s = spans[q]
            let nextName = q + 1 < spans.count ? spans[q + 1].start : n
            var j = s.end < n && possessives.contains(attrs[s.end].lower) ? n : s.end
            let sentence = sentenceOf(s.start)
            let nextSentenceEnd = doc.sentences[min(sentence + 1, doc.sentences.count - 1)].upperBound
            while j < min(nextName, nextSentenceEnd, s.end + 30) {
                if personPronouns.contains(attrs[j].lower) { return .PERSON }
                if thingPronouns.contains(attrs[j].lower) { return .ORG }
                j += 1
            }
            return nil
        }
        var votes: [UInt64: (person: Int, thing: Int, owned: Int, spoken: Bool)] = [:]
        for (q, s) in spans.enumerated() where s.type == .PERSON && s.end - s.start == 1 {
            let w = attrs[s.start].lower
            guard !surnames.contains(w) else { continue }
            mentions[w, default: 0] += 1
            keyOf[w] = words(s)
            var v = votes[w] ?? (0, brandOf[w]?.more == true ? 2 : 0, 0, false)
            let before = s.start > 0 ? attrs[s.start - 1] : TaggerFeatures.boundaryAttributes
            if EntityRules.courtesy.contains(before.word) || EntityRules.roleHeads.contains(before.word)
                || speechVerbs.contains(before.lower) || s.end < n && speechVerbs.contains(attrs[s.end].lower)
            {
                v.spoken = true
            }
            // "your Mac", "a Cocospy": a determiner no person's name takes.
            if s.start > 0, thingDeterminers.contains(before.lower) {
                v.thing += 1
                v.owned += 1
            }
            switch pronoun(after: q) {
            case .PERSON: v.person += 1
            case .ORG: v.thing += 1
            default: break
            }
            votes[w] = v
        }
        // A web address with the name ("glossier.com") makes it a brand.
        for k in 0..<n where attrs[k].flags & TaggerFeatures.fPeriod != 0 {
            let b = bytes(k)
            guard let dot = b.firstIndex(of: 0x2E), dot > 0, dot < b.count - 2, b[(dot + 1)...].allSatisfy({ $0 >= 0x61 && $0 <= 0x7A || $0 == 0x2E }) else { continue }
            let w = FeatureHash.lowered(p, doc.tokens[k].utf8Start, doc.tokens[k].utf8Start + dot)
            if var v = votes[w] {
                v.thing += 2
                votes[w] = v
            }
        }
        // One "it" is weak evidence (it may be the sentence's, not the name's): it takes two, or one for a name the
        // text uses three times or more without a single "he" or "she".
        let things = Set(votes.filter { w, v in
            !v.spoken && (v.person == 0 && (v.thing >= 2 || v.thing >= 1 && mentions[w, default: 0] >= 3)
                || v.thing >= 3 && v.thing > 2 * v.person)
        }.map(\.key))
        if debug {
            for w in things {
                let name = spans.first { $0.end - $0.start == 1 && attrs[$0.start].lower == w }.map { String(decoding: bytes($0.start), as: UTF8.self) } ?? "?"
                FileHandle.standardError.write(Data("thing \(name) \(votes[w].map { "\($0)" } ?? "")\n".utf8))
            }
        }
        // Mostly "your Mac", "a Mac": a thing people own is a product; otherwise a company or brand.
        if on.pronoun {
            let owned = things.filter { votes[$0].map { $0.owned * 2 >= $0.thing } ?? false }
            retype(Set(owned.compactMap { keyOf[$0] }), [.PERSON], to: .PRODUCT)
            retype(Set(things.compactMap { keyOf[$0] }), [.PERSON], to: .ORG)
        }

        // A name the tagger typed both a person and an organisation in one text ("Jung Kook") is what the
        // pronouns after it say, where they agree.
        var typesOf: [UInt64: TypeSet] = [:]
        for s in spans where s.type == .PERSON || s.type == .ORG { typesOf[words(s), default: []].insert(s.type) }
        var conflict: [UInt64: Int] = [:]
        for (q, s) in spans.enumerated() where typesOf[words(s)] == [.PERSON, .ORG] {
            switch pronoun(after: q) {
            case .PERSON: conflict[words(s), default: 0] += 1
            case .ORG: conflict[words(s), default: 0] -= 1
            default: break
            }
        }
        if on.conflict {
            retype(Set(conflict.filter { $0.value > 0 }.keys), [.ORG], to: .PERSON)
            retype(Set(conflict.filter { $0.value < 0 }.keys), [.PERSON], to: .ORG)
        }

        // "the Dukes": a one-word "person" in the plural after "the" is a team or group, unless the text names a
        // person with its singular ("the Kennedys" beside "John Kennedy").
        var groups = Set<UInt64>()
        for s in spans where s.type == .PERSON && s.end - s.start == 1 && s.start > 0 && attrs[s.start - 1].lower == EntityRules.H.the {
            let b = bytes(s.start)
            guard b.count > 3, b[b.count - 1] == 0x73, b[b.count - 2] != 0x73, !isAllCaps(s.start) else { continue }
            let singular = FeatureHash.lowered(p, doc.tokens[s.start].utf8Start, doc.tokens[s.start].utf8End - 1)
            if !surnames.contains(singular) { groups.insert(words(s)) }
        }
        if on.teams { retype(groups, [.PERSON], to: .ORG) }

        // A "place" no list knows that the text cites as a source ("according to Morningstar", "the Morningstar
        // study") and never puts anyone or anything in or at is an organisation.
        var sourceVotes: [UInt64: (source: Int, place: Int)] = [:]
        for s in spans where s.type == .GPE && s.end - s.start == 1
            && EntityRules.phrases.longest(attrs, s.start, s.end, mask: EntityRules.gpe | EntityRules.loc) == nil
        {
            var v = sourceVotes[words(s)] ?? (0, 0)
            let k = s.start
            if k >= 2, attrs[k - 2].lower == according, attrs[k - 1].lower == to, !(s.end < n && possessives.contains(attrs[s.end].lower)) { v.source += 1 }
            var after = s.end
            if after < n, possessives.contains(attrs[after].lower) { after += 1 }
            if after < n, sourceNouns.contains(attrs[after].lower) { v.source += 1 }
            if k > 0, locatives.contains(attrs[k - 1].lower) { v.place += 1 }
            sourceVotes[words(s)] = v
        }
        if on.sources { retype(Set(sourceVotes.filter { $0.value.source > 0 && $0.value.place == 0 }.keys), [.GPE], to: .ORG) }

        // "X vs. Y": both sides the same kind of thing.
        var teams = Set<UInt64>()
        for q in spans.indices.dropLast() {
            let a = spans[q], b = spans[q + 1]
            guard b.start == a.end + 1, versus.contains(attrs[a.end].lower) else { continue }
            if a.type == .PERSON && b.type == .ORG { teams.insert(words(a)) }
            if a.type == .ORG && b.type == .PERSON { teams.insert(words(b)) }
        }
        if on.vs { retype(teams, [.PERSON], to: .ORG) }

        // A dateline ("LYON, France —") names a place, and so does that name wherever else the text has it.
        var datelines = Set<UInt64>()
        for s in spans where doc.tokens[s.start].startsLine && s.end + 1 < n && attrs[s.end].lower == EntityRules.H.comma {
            guard let m = EntityRules.phrases.longest(attrs, s.end + 1, n, mask: EntityRules.gpe), m.category & EntityRules.gpe != 0 else { continue }
            let after = s.end + 1 + m.length
            if after < n, EntityRules.H.dashes.contains(attrs[after].lower) || attrs[after].lower == EntityRules.openParenthesis {
                datelines.insert(words(s))
            }
        }
        if on.datelines { retype(datelines, [.PERSON, .ORG, .LOC, .MISC], to: .GPE) }

        // "between Lyon and Mâcon", "from Lyon to Mâcon": a one-word "person" routed to or from a place is a place.
        // (The place must be a listed one or one the text names as a place more than once.)
        var placeCount: [UInt64: Int] = [:]
        for s in spans where s.type == .GPE || s.type == .LOC { placeCount[words(s), default: 0] += 1 }
        func isSurePlace(_ s: TokenSpan) -> Bool {
            (s.type == .GPE || s.type == .LOC) && (placeCount[words(s), default: 0] >= 2
                || EntityRules.phrases.longest(attrs, s.start, s.end, mask: EntityRules.gpe | EntityRules.loc)?.length == s.end - s.start)
        }
        var places = Set<UInt64>()
        for q in spans.indices.dropLast() {
            let a = spans[q], b = spans[q + 1]
            guard a.start > 0, b.start == a.end + 1,
                  attrs[a.start - 1].lower == between && attrs[a.end].lower == EntityRules.H.and
                    || attrs[a.start - 1].lower == from && attrs[a.end].lower == to
            else { continue }
            for (person, other) in [(a, b), (b, a)] where person.type == .PERSON && person.end - person.start == 1
                && isSurePlace(other) && !surnames.contains(attrs[person.start].lower)
            {
                places.insert(words(person))
            }
        }
        if on.routes { retype(places, [.PERSON], to: .GPE) }
    }

    /// Whether tokens `s..<e` are a listed place (and not one whose "State" is the state itself).
    static func isPlace(_ attrs: [TokenAttributes], _ s: Int, _ e: Int) -> Bool {
        guard e > s, let m = EntityRules.phrases.longest(attrs, s, e, mask: EntityRules.gpe), m.length == e - s else { return false }
        return !(e - s <= 2 && stateItself.contains(attrs[e - 1].word))
    }

    static let latinEndings: [[UInt8]] = ["a", "us", "um", "ae", "ii", "is", "i"].map { Array($0.utf8) }

    /// A lower-case word of five letters or more with a Latin ending ("psychra", "petofiana", "rex" is too short).
    static func isLatinEpithet(_ b: UnsafeBufferPointer<UInt8>) -> Bool {
        guard b.count >= 5, b.allSatisfy({ $0 >= 0x61 && $0 <= 0x7A }) else { return false }
        return latinEndings.contains { e in b.count > e.count && zip(b.suffix(e.count), e).allSatisfy { $0 == $1 } }
    }

    /// A set of entity types as bits (no hashing, no allocation).
    struct TypeSet: OptionSet, ExpressibleByArrayLiteral {
        let rawValue: UInt16
        init(rawValue: UInt16) { self.rawValue = rawValue }
        init(arrayLiteral types: EntityType...) {
            rawValue = types.reduce(0) { $0 | TypeSet.bit($1) }
        }
        static func bit(_ t: EntityType) -> UInt16 {
            switch t {
            case .PERSON: 1
            case .ORG: 2
            case .GPE: 4
            case .LOC: 8
            case .NORP: 16
            case .DATE: 32
            case .MONEY: 64
            case .PERCENT: 128
            case .PRODUCT: 256
            case .EVENT: 512
            case .MISC: 1024
            }
        }
        func contains(_ t: EntityType) -> Bool { rawValue & TypeSet.bit(t) != 0 }
        mutating func insert(_ t: EntityType) { self = TypeSet(rawValue: rawValue | TypeSet.bit(t)) }
    }
}
