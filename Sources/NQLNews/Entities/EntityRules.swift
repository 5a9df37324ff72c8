/// Rules applied after the tagger: media names and products from the team's lists, type refinement
/// (GPE/LOC, NORP/EVENT/PRODUCT/MISC), persons after titles, places and nationalities the tagger missed, and
/// dates, money and percentages.
enum EntityRules {
    // Phrase categories (bit masks).
    static let gpe = 1
    static let loc = 2
    static let norp = 4
    static let product = 8
    static let media = 16

    struct PhraseTable: Sendable {
        var table = KeyTable(capacity: 2048)
        var maxLength = 1

        mutating func add(_ phrase: String, _ category: Int) {
            let tokens = Tokenizer.tokenize(phrase)
            var h = TaggerLexicon.sequenceSeed
            var copy = phrase
            copy.withUTF8 { p in
                for t in tokens { h = TaggerLexicon.sequenceHash(h, FeatureHash.bytes(p, t.utf8Start, t.utf8End)) }
            }
            table.set(h, max(table.get(h), 0) | Int32(category))
            maxLength = max(maxLength, tokens.count)
        }

        /// Longest phrase starting at token `i` (within `end`) whose category intersects `mask`.
        func longest(_ attrs: [TokenAttributes], _ i: Int, _ end: Int, mask: Int) -> (length: Int, category: Int)? {
            var h = TaggerLexicon.sequenceSeed
            var best: (Int, Int)?
            var j = i
            while j < end && j - i < maxLength {
                h = TaggerLexicon.sequenceHash(h, attrs[j].word)
                let c = Int(table.get(h))
                if c > 0, c & mask != 0 { best = (j - i + 1, c) }
                j += 1
            }
            return best
        }
    }

    static let phrases: PhraseTable = {
        var t = PhraseTable()
        for p in EntityLexicon.countries { t.add(p, gpe) }
        for p in EntityLexicon.cities { t.add(p, gpe) }
        for p in EntityLexicon.locations { t.add(p, loc) }
        for p in EntityLexicon.nationalities { t.add(p, norp) }
        for p in EntityLexicon.products { t.add(p, product) }
        for p in EntityLexicon.media + EntityLexicon.organisations { t.add(p, media) }
        return t
    }()

    static func hashes(_ words: some Sequence<String>) -> WordSet { WordSet(words.map(FeatureHash.string)) }
    static func lowerHashes(_ words: [String]) -> WordSet { WordSet(words.map { FeatureHash.string($0.lowercased()) }) }

    /// A set of word hashes (open addressing, no Swift hashing on the hot path).
    struct WordSet: Sendable {
        var table: KeyTable
        init(_ hashes: [UInt64]) {
            table = KeyTable(capacity: hashes.count + 1)
            for h in hashes { table.set(h | 1, 1) }
        }
        @inline(__always) func contains(_ h: UInt64) -> Bool { table.get(h | 1) >= 0 }
    }

    static let roleHeads = hashes(EntityLexicon.roleHeads)
    static let roleWords = hashes(EntityLexicon.roleHeads.union(EntityLexicon.roleModifiers).union(["of", "for"]))
    static let mediaHeads = hashes(EntityLexicon.mediaHeads)
    static let eventWords = hashes(EntityLexicon.eventWords)
    static let trimmable = hashes(EntityLexicon.trimmableTitles)
    static let facilityHeads = hashes(EntityLexicon.facilityHeads)
    static let courtesy = hashes(EntityLexicon.courtesyTitles)
    static let corporateSuffixes = hashes(EntityLexicon.corporateSuffixes)
    static let holidays = hashes([
        "Christmas", "Easter", "Thanksgiving", "Halloween", "Hanukkah", "Chanukah", "Ramadan", "Diwali", "Passover",
        "Eid", "Lent", "Advent", "Kwanzaa", "Juneteenth", "Xmas",
    ])
    static let organisationHeads = hashes(EntityLexicon.organisationHeads)
    static let geographicHeads = hashes(EntityLexicon.geographicHeads)
    static let theWord = FeatureHash.string("The")
    static let theLower = H.the
    static let ofLower = H.of

    // Date, money and percentage vocabulary (lower-cased).
    static let months = lowerHashes([
        "January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
        "November", "December", "Jan.", "Feb.", "Mar.", "Apr.", "Jun.", "Jul.", "Aug.", "Sep.", "Sept.", "Oct.",
        "Nov.", "Dec.",
    ])
    static let weekdays = lowerHashes([
        "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday", "weekend",
    ])
    static let dayWords = lowerHashes(["yesterday", "today", "tomorrow", "tonight"])
    static let relatives = lowerHashes(["last", "next", "this", "earlier", "later", "early", "late", "mid", "past", "coming"])
    static let units = lowerHashes([
        "year", "years", "month", "months", "week", "weeks", "quarter", "decade", "century", "spring", "summer",
        "autumn", "fall", "winter", "morning", "afternoon", "evening", "night",
    ])
    static let yearPrepositions = lowerHashes([
        "in", "since", "by", "until", "till", "from", "before", "after", "of", "during", "through", "to", "and",
    ])
    static let scales = lowerHashes(["million", "billion", "trillion", "thousand", "hundred", "m", "bn", "mln", "k"])
    static let currencyWords = lowerHashes([
        "dollar", "dollars", "euro", "euros", "yen", "won", "yuan", "renminbi", "pound", "pounds", "sterling",
        "franc", "francs", "mark", "marks", "rupee", "rupees", "rouble", "roubles", "ruble", "rubles", "peso",
        "pesos", "cents", "cent", "dinar", "dinars", "rand", "lira", "baht", "ringgit", "dong", "shekels",
        "dlrs", "dlr", "stg", "usd",
    ])
    static let numberWords = lowerHashes([
        "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
        "fifteen", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety", "hundred",
        "several", "a",
    ])
    static let currencySymbols = hashes(["$", "US$", "€", "£", "¥", "₩", "C$", "A$", "HK$", "NZ$", "S$", "Rs", "USD", "EUR", "JPY", "KRW"])
    static let percentWords = lowerHashes(["percent", "pct", "%", "per", "percentage"])
    static let percentSign = FeatureHash.string("%")


    /// Hashes of single words the rules test for.
    enum H {
        static let cent = FeatureHash.string("cent")
        static let coming = FeatureHash.string("coming")
        static let earlier = FeatureHash.string("earlier")
        static let early = FeatureHash.string("early")
        static let late = FeatureHash.string("late")
        static let later = FeatureHash.string("later")
        static let may = FeatureHash.string("may")
        static let mid = FeatureHash.string("mid")
        static let of = FeatureHash.string("of")
        static let and = FeatureHash.string("and")
        static let comma = FeatureHash.string(",")
        static let dashes: Set<UInt64> = [FeatureHash.string("-"), FeatureHash.string("–"), FeatureHash.string("—")]
        static let past = FeatureHash.string("past")
        static let per = FeatureHash.string("per")
        static let percentage = FeatureHash.string("percentage")
        static let points = FeatureHash.string("points")
        static let the = FeatureHash.string("the")
        static let weekend = FeatureHash.string("weekend")
        static let year = FeatureHash.string("year")
        static let this = FeatureHash.string("this")
    }

    // MARK: Apply

    static func apply(_ spans: inout [TokenSpan], _ doc: PreparedDocument, _ p: UnsafeBufferPointer<UInt8>) {
        let attrs = doc.attributes
        let n = attrs.count
        guard n > 0 else { return }
        var sentenceEnd = [Int](repeating: n, count: n)
        var sentenceStart = [Int](repeating: 0, count: n)
        for r in doc.sentences {
            for i in r {
                sentenceEnd[i] = r.upperBound
                sentenceStart[i] = r.lowerBound
            }
        }
        func text(_ i: Int) -> String {
            String(decoding: UnsafeBufferPointer(rebasing: p[doc.tokens[i].utf8Start..<doc.tokens[i].utf8End]), as: UTF8.self)
        }
        func overlaps(_ s: Int, _ e: Int) -> [Int] {
            spans.indices.filter { spans[$0].start < e && s < spans[$0].end }
        }
        func replace(_ s: Int, _ e: Int, _ type: EntityType) {
            let o = Set(overlaps(s, e))
            spans = spans.enumerated().filter { !o.contains($0.offset) }.map(\.element)
            spans.append(TokenSpan(start: s, end: e, type: type, taggerType: -1))
        }

        // 1. Media and organisation names from the lists, and "The <Capitalised ...> Daily/Times/..." patterns.
        var i = 0
        while i < n {
            if !attrs[i].isCapitalised {
                i += 1
                continue
            }
            if let m = phrases.longest(attrs, i, sentenceEnd[i], mask: media) {
                // Keep a longer organisation the tagger found around it ("Reuters Ottawa Bureau").
                // ... unless another media name follows inside it ("AFP Yonhap News" is two sources).
                let e = i + m.length
                let longer = overlaps(i, e).contains {
                    spans[$0].type == .ORG && spans[$0].start <= i && spans[$0].end >= e
                        && !(spans[$0].end > e && phrases.longest(attrs, e, spans[$0].end, mask: media) != nil)
                }
                if !longer { replace(i, i + m.length, .ORG) }
                i += m.length
                continue
            }
            if attrs[i].word == theWord, i > sentenceStart[i] {
                var j = i + 1
                while j < sentenceEnd[i], attrs[j].isCapitalised, j - i <= 5 { j += 1 }
                if j - i >= 3, mediaHeads.contains(attrs[j - 1].word) {
                    replace(i, j, .ORG)
                    i = j
                    continue
                }
            }
            i += 1
        }

        // 2. Products: list entries and designations like "F-35", "PAC-3", "Su-57".
        /// Tokens of the product name or designation starting at token `i` (0 when none).
        func productLength(_ i: Int) -> Int {
            let t = doc.tokens[i]
            guard attrs[i].flags & TaggerFeatures.fAllLower == 0, attrs[i].flags & TaggerFeatures.fNoLetter == 0 else { return 0 }
            if let m = phrases.longest(attrs, i, sentenceEnd[i], mask: product) { return m.length }
            return isDesignation(p, t.utf8Start, t.utf8End) ? 1 : 0
        }
        // A name made only of products and designations is those products, whatever the tagger called it
        // ("Patriot PAC-3" is "Patriot" and "PAC-3", as where the tagger found them apart).
        var parts: [TokenSpan] = []
        spans.removeAll { s in
            guard s.taggerType >= 0, s.end - s.start > 1 else { return false }
            var found: [TokenSpan] = []
            var j = s.start
            while j < s.end {
                let len = productLength(j)
                if len == 0 || j + len > s.end { return false }
                found.append(TokenSpan(start: j, end: j + len, type: .PRODUCT, taggerType: -1))
                j += len
            }
            parts += found
            return true
        }
        spans += parts
        i = 0
        while i < n {
            let len = productLength(i)
            if len > 0 {
                let o = overlaps(i, i + len)
                // A longer name around it stays, unless it is two names joined by "and" ("AMRAAM and Patriot").
                let containedInLonger = o.contains { q in spans[q].start <= i && spans[q].end >= i + len
                    && spans[q].end - spans[q].start > len && spans[q].type != .MISC
                    && !(spans[q].start..<spans[q].end).contains { attrs[$0].lower == H.and } }
                let person = o.contains { spans[$0].type == .PERSON }
                if !containedInLonger && !person { replace(i, i + len, .PRODUCT) }
                i += len
            } else {
                i += 1
            }
        }

        // 3. Refine the tagger's types.
        let starts = Set(spans.map(\.start))
        for k in spans.indices where spans[k].taggerType >= 0 {
            // A place name the tagger stopped short of: "East China" + "Sea", "Taiwan" + "Strait".
            let after = spans[k].end
            if spans[k].taggerType == 2 || spans[k].taggerType == 3, after < sentenceEnd[spans[k].start],
                geographicHeads.contains(attrs[after].word), !starts.contains(after)
            {
                spans[k].end += 1
                spans[k].taggerType = 2  // "Korean" + "Peninsula" is a place
            }
            let s = spans[k]
            let m = phrases.longest(attrs, s.start, s.end, mask: gpe | loc | norp)
            // The phrase list's category when it covers the whole span, else 0.
            let category = m.map { $0.length == s.end - s.start ? $0.category : 0 } ?? 0
            let whole = category != 0
            switch s.taggerType {
            case 2:  // LOC
                spans[k].type = whole && category & loc != 0 && category & gpe == 0 ? .LOC : .GPE
                if !whole, s.end - s.start > 1,
                    geographicHeads.contains(attrs[s.end - 1].word) || facilityHeads.contains(attrs[s.end - 1].word)
                {
                    spans[k].type = .LOC
                }
            case 3:  // MISC
                if whole, category & norp != 0 {
                    spans[k].type = .NORP
                } else if s.end - s.start == 1, isNationalityLike(text(s.start)) {
                    spans[k].type = .NORP
                } else if (s.start..<s.end).contains(where: { eventWords.contains(attrs[$0].word) }) {
                    spans[k].type = .EVENT
                }
            default:
                // "Korean Peninsula", "Pacific Ocean" are places whatever the tagger thought.
                if s.taggerType != 0, whole && category & loc != 0
                    || s.end - s.start > 1 && geographicHeads.contains(attrs[s.end - 1].word)
                {
                    spans[k].type = .LOC
                }
            }
        }

        // 3a0. Holidays are dates, not people or places ("Christmas", "Easter").
        for k in spans.indices where spans[k].end - spans[k].start == 1 && holidays.contains(attrs[spans[k].start].word) {
            spans[k].type = .DATE
            spans[k].taggerType = -1
        }

        // 3b. A title the tagger ran into the name: "Secretary of [Defense Lloyd Austin]" -> "Lloyd Austin".
        for k in spans.indices where spans[k].taggerType >= 0 {
            var s = spans[k]
            var trimmed = false
            // ... and the "of" between title words ("Secretary of Defense").
            while s.end - s.start > 1, trimmable.contains(attrs[s.start].word)
                && (s.start > 0 && (attrs[s.start - 1].lower == ofLower || roleHeads.contains(attrs[s.start - 1].word)
                    || s.start > 1 && attrs[s.start - 1].lower == H.the && attrs[s.start - 2].lower == ofLower
                    || trimmable.contains(attrs[s.start - 1].word)) || roleHeads.contains(attrs[s.start].word)
                    || courtesy.contains(attrs[s.start].word))
                    || trimmed && attrs[s.start].lower == ofLower
            {
                s.start += 1
                trimmed = true
            }
            guard trimmed, !NERExperiments.noTrim else { continue }
            let rest = s.start..<s.end
            if rest.count <= 3, rest.allSatisfy({ attrs[$0].isCapitalised && attrs[$0].flags & TaggerFeatures.fAllCaps == 0 }),
                phrases.longest(attrs, s.start, s.end, mask: gpe | loc | norp | media) == nil
            {
                s.type = .PERSON
                s.taggerType = 0
            }
            spans[k] = s
        }

        // 3a. A sentence-initial word that news text almost never capitalises mid-sentence is not the start of a
        // name: "Said Ohtani, through his interpreter" is PERSON "Ohtani", "Additionally" alone is nothing.
        // ... and so is one the casing profile does not know that this text writes in lower case mid-sentence and
        // never capitalises there ("Clunky Mac app" as a list item beside "a bit clunky").
        var lowerMid = Set<UInt64>(), capitalMid = Set<UInt64>()
        let unknownInitials = Set(doc.sentences.filter { !$0.isEmpty && attrs[$0.lowerBound].casing == 0 && attrs[$0.lowerBound].isCapitalised }
            .map { attrs[$0.lowerBound].lower })
        for k in 0..<n where attrs[k].casing == 0 && !unknownInitials.isEmpty && k > sentenceStart[k] && unknownInitials.contains(attrs[k].lower) {
            if attrs[k].isLowercase { lowerMid.insert(attrs[k].lower) } else if attrs[k].isCapitalised { capitalMid.insert(attrs[k].lower) }
        }
        func isCommonInitial(_ k: Int) -> Bool {
            attrs[k].casing == 1 || attrs[k].casing == 0 && lowerMid.contains(attrs[k].lower) && !capitalMid.contains(attrs[k].lower)
                && !NERExperiments.noCommonInitial
        }
        if !NERExperiments.flags.contains("keepinitial") {
            var kept: [TokenSpan] = []
            for var s in spans {
                let k = s.start
                if s.taggerType >= 0, k == sentenceStart[k], isCommonInitial(k), !attrs[k].isLowercase,
                    attrs[k].flags & TaggerFeatures.fAllCaps == 0, attrs[k].word != theWord
                {
                    if s.end - s.start == 1 { continue }
                    s.start += 1
                } else if s.taggerType >= 0, attrs[k].word == theWord, s.end - s.start >= 2,
                    let m = phrases.longest(attrs, k + 1, s.end, mask: gpe | loc | media), m.length == s.end - k - 1,
                    phrases.longest(attrs, k, s.end, mask: media)?.length != s.end - k
                {
                    // "The U.N. Security Council": the article is not part of a listed name (but it is of "The Asia
                    // Business Daily", listed with it).
                    s.start += 1
                }
                kept.append(s)
            }
            spans = kept
        }

        // 3b2. A courtesy title or abbreviated rank before capitalised words: those words are a person, the title
        // is not part of any name ("North Korean Gen. Kim Yong-bok" -> NORP "North Korean", PERSON "Kim Yong-bok").
        if !NERExperiments.noTrim {
            var k = 0
            while k < n {
                guard courtesy.contains(attrs[k].word), k + 1 < sentenceEnd[k] else {
                    k += 1
                    continue
                }
                var e = k + 1
                while e < sentenceEnd[k], e - k <= 3, attrs[e].isCapitalised, attrs[e].flags & TaggerFeatures.fAllCaps == 0,
                    !courtesy.contains(attrs[e].word)
                {
                    e += 1
                }
                guard e > k + 1, phrases.longest(attrs, k + 1, e, mask: gpe | loc | norp | media) == nil else {
                    k += 1
                    continue
                }
                // A name the tagger ran on past the title's words keeps its end ("Gen. Kim Yong-bok Jr").
                if let longer = spans.first(where: { $0.start <= k + 1 && $0.end > e && $0.type == .PERSON }) { e = longer.end }
                var kept: [TokenSpan] = []
                for s in spans {
                    if s.end <= k || s.start >= e {
                        kept.append(s)
                    } else if s.start < k {
                        // The words before the title stay a name of their own: a nationality, place or organisation.
                        var rest = TokenSpan(start: s.start, end: k, type: s.type, taggerType: -1)
                        if let m = phrases.longest(attrs, s.start, k, mask: gpe | loc | norp), m.length == k - s.start {
                            rest.type = m.category & norp != 0 ? .NORP : (m.category & gpe != 0 ? .GPE : .LOC)
                        }
                        kept.append(rest)
                    }
                }
                kept.append(TokenSpan(start: k + 1, end: e, type: .PERSON, taggerType: 0))
                spans = kept
                k = e
            }
        }

        // 3c. Capitalised runs ending in an organisation word ("Japan Self-Defense Forces") where the tagger
        // split them or called part of them a person.
        i = 0
        while i < n {
            guard organisationHeads.contains(attrs[i].word) else {
                i += 1
                continue
            }
            var s = i
            while s > sentenceStart[i], attrs[s - 1].isCapitalised, !(s - 1 == sentenceStart[i] && attrs[s - 1].word == theWord),
                !months.contains(attrs[s - 1].lower), !weekdays.contains(attrs[s - 1].lower)
            {
                s -= 1
            }
            let run = s..<(i + 1)
            let inside = spans.filter { $0.start < run.upperBound && run.lowerBound < $0.end }
            let agrees = inside.count == 1 && inside[0].type == .ORG && inside[0].end == run.upperBound
            // Only where the tagger was confused: it called the organisation word part of a person's name.
            let confused = inside.contains { $0.type == .PERSON && $0.start <= i && i < $0.end && $0.end == run.upperBound }
            // ... or it stopped short inside the run ("the Self-Defense [Forces]").
            let stoppedShort = inside.count == 1 && [.ORG, .MISC].contains(inside[0].type) && inside[0].end == run.upperBound
                && inside[0].start > run.lowerBound && inside[0].taggerType >= 0
            // ... or it found nothing in a run inside running text (the word before it in lower case, so this is
            // not a title-case headline): "alongside the Self-Defense Forces".
            let missed = inside.isEmpty && run.lowerBound > sentenceStart[i] && attrs[run.lowerBound - 1].isLowercase
                && attrs[i].flags & TaggerFeatures.fAllCaps == 0
            if run.count >= 2, !agrees || stoppedShort, confused || stoppedShort || missed, !NERExperiments.noOrganisationRuns {
                replace(run.lowerBound, run.upperBound, .ORG)
            }
            i += 1
        }

        // 3c2. Two places the tagger ran together over "and" or a dash ("The United States and Japan",
        // "the U.S.–Japan statement") are two places.
        var separated: [TokenSpan] = []
        spans.removeAll { s in
            guard s.taggerType >= 0, s.end - s.start >= 3,
                  let a = (s.start + 1..<s.end - 1).first(where: { attrs[$0].lower == H.and || H.dashes.contains(attrs[$0].lower) })
            else { return false }
            let leftStart = attrs[s.start].word == theWord ? s.start + 1 : s.start
            guard leftStart < a,
                  let l = phrases.longest(attrs, leftStart, a, mask: gpe | loc), leftStart + l.length == a,
                  let r = phrases.longest(attrs, a + 1, s.end, mask: gpe | loc), a + 1 + r.length == s.end
            else { return false }
            separated.append(TokenSpan(start: leftStart, end: a, type: l.category & gpe != 0 ? .GPE : .LOC, taggerType: -1))
            separated.append(TokenSpan(start: a + 1, end: s.end, type: r.category & gpe != 0 ? .GPE : .LOC, taggerType: -1))
            return true
        }
        spans += separated

        // 3d. A "person" made only of words that are almost never capitalised mid-sentence in news text
        // ("Font Size", "Session" in page furniture and title-case headlines) is dropped.
        if !NERExperiments.keepCommonWordPersons {
            spans.removeAll { s in
                s.type == .PERSON && (s.start..<s.end).allSatisfy { attrs[$0].casing == 1 }
                    && !(s.start > 0 && roleHeads.contains(attrs[s.start - 1].word))
            }
        }

        // 3e. Wire copy: a sign-off alone on the last line ("REUTER") is no name, and a legal-form suffix alone
        // ("Corp") joins the organisation name right before it or is dropped.
        // Also a capitalised word alone on the text's last line with letters, indented as wire copy sets its
        // sign-off (" Reuter"); an e-mail's signature ("Thanks\nJulie") is not indented and stays a name.
        func spacesBefore(_ k: Int) -> Int {
            var j = doc.tokens[k].utf8Start
            while j > 0, p[j - 1] == 0x20 || p[j - 1] == 0x09 { j -= 1 }
            return doc.tokens[k].utf8Start - j
        }
        func isIndented(_ k: Int) -> Bool {
            var j = doc.tokens[k].utf8Start
            var spaces = 0
            while j > 0, p[j - 1] == 0x20 || p[j - 1] == 0x09 {
                j -= 1
                spaces += 1
            }
            return spaces > 0 && (j == 0 || p[j - 1] == 0x0A)
        }
        let organisationEnds = Set(spans.filter { $0.type == .ORG }.map(\.end))
        let lastWithLetters = (0..<n).last { attrs[$0].flags & TaggerFeatures.fNoLetter == 0 }
        spans.removeAll { s in
            guard s.end - s.start == 1, s.taggerType >= 0 || s.type == .ORG else { return false }  // (a listed agency too: " Reuter")
            let k = s.start
            // (What follows it on that line is punctuation or debris such as a carriage return written "^M".)
            if doc.tokens[k].startsLine, attrs[k].flags & TaggerFeatures.fAllCaps != 0, n - k <= 5,
                (k + 1..<n).allSatisfy({ attrs[$0].flags & TaggerFeatures.fNoLetter != 0
                    || !doc.tokens[$0].startsLine && attrs[$0].flags & TaggerFeatures.fAllLower == 0 && attrs[$0].flags & 0xF000 == 0x1000 })
            {
                return true
            }
            if k == lastWithLetters, k > 0, doc.tokens[k].startsLine, attrs[k].isCapitalised, isIndented(k) { return true }
            // ... or set off at the end of the text's last line by a run of spaces ("total 55.8 (33.7).        REUTER") or
            // after the last sentence ("a tenth of an ounce. REUTER").
            if k == lastWithLetters, k > 0, attrs[k].flags & TaggerFeatures.fAllCaps != 0,
                spacesBefore(k) >= 3 || sentenceStart[k] == k && attrs[k - 1].flags & TaggerFeatures.fNoLetter != 0
            {
                return true
            }
            return corporateSuffixes.contains(attrs[k].word) && !organisationEnds.contains(k)
        }
        let suffixAfter = spans.indices.compactMap { k -> Int? in
            let e = spans[k].end
            guard spans[k].type == .ORG || spans[k].type == .PERSON && spans[k].taggerType >= 0, e < n, e < sentenceEnd[spans[k].start] || doc.tokens[e].startsLine,
                  corporateSuffixes.contains(attrs[e].word),
                  !spans.contains(where: { $0.start <= e && e < $0.end && $0.end - $0.start > 1 }) else { return nil }
            return e
        }
        // Wire copy wraps lines inside names: an organisation ending a line continues with an organisation word
        // that starts the next ("the Securities and Exchange" / "Commission").
        let wrappedHeads = spans.filter { $0.type == .ORG }.map(\.end).filter { e in
            e < n && doc.tokens[e].startsLine && organisationHeads.contains(attrs[e].word)
                && !spans.contains(where: { $0.start <= e && e < $0.end && $0.end - $0.start > 1 })
        }
        for e in Set(wrappedHeads) {
            spans.removeAll { $0.start == e && $0.end == e + 1 }
            if let j = spans.firstIndex(where: { $0.end == e && $0.type == .ORG }) { spans[j].end = e + 1 }
        }
        for e in suffixAfter {
            spans.removeAll { $0.start == e && $0.end == e + 1 }
            if let j = spans.firstIndex(where: { $0.end == e && ($0.type == .ORG || $0.type == .PERSON) }) {
                // "Crazy Eddie Inc": a "person" with a legal form after it is a company.
                spans[j].end = e + 1
                spans[j].type = .ORG
                spans[j].taggerType = 1
            }
        }

        // 3e1. Wire copy wraps lines inside a person's name too ("Governor Robert" / "Heller said"): a one-word
        // person ending a line of running text (words before it on that line), and a person of at most two
        // words starting the next line, are one person.
        if !NERExperiments.flags.contains("nowrappedpersons") {
            spans.sort { $0.start < $1.start }
            var k = spans.count - 2
            while k >= 0 {
                let a = spans[k], b = spans[k + 1]
                if a.type == .PERSON, b.type == .PERSON, a.end - a.start == 1, b.end - b.start <= 2, a.end == b.start,
                    doc.tokens[b.start].startsLine, !doc.tokens[a.start].startsLine, a.start > 0,
                    attrs[a.start - 1].flags & TaggerFeatures.fNoLetter == 0
                {
                    spans[k].end = b.end
                    spans.remove(at: k + 1)
                }
                k -= 1
            }
        }

        // 3e2. Firm names made of two names joined by "and" ("Harper and Row Publishers Inc", "Wagner and
        // Brown"): a one-word "person" right before "and" and a company name (its last word a legal form or an
        // organisation word) is the start of that company; and a one-word "person" joined by "and" to another
        // one-word person or organisation is one firm with it where the document writes that same pair again or
        // writes it as (the start of) a company, and neither word is part of a longer person's name there (nor,
        // unless it was written as a company, of a longer organisation's name).
        if !NERExperiments.flags.contains("nofirms") {
            let andWords: Set<UInt64> = [FeatureHash.string("and"), FeatureHash.string("&")]
            func isAnd(_ k: Int) -> Bool { k < n && andWords.contains(attrs[k].word) }
            func oneWordPerson(_ s: TokenSpan) -> Bool { s.type == .PERSON && s.end - s.start == 1 }
            spans.sort { $0.start < $1.start }
            let personWords = Set(spans.filter { $0.type == .PERSON && $0.end - $0.start > 1 }
                .flatMap { s in (s.start..<s.end).map { attrs[$0].lower } })
            var companyPairs = Set<[UInt64]>()  // (first word, word after "and") of the companies above
            var pairCount: [[UInt64]: Int] = [:]
            var k = 0
            while k + 1 < spans.count {
                let a = spans[k], b = spans[k + 1]
                if oneWordPerson(a), isAnd(a.end), b.start == a.end + 1, b.type == .ORG, b.end - b.start >= 2,
                    a.start == 0 || !isAnd(a.start - 1), !personWords.contains(attrs[a.start].lower),
                    corporateSuffixes.contains(attrs[b.end - 1].word) || organisationHeads.contains(attrs[b.end - 1].word)
                {
                    companyPairs.insert([attrs[a.start].lower, attrs[b.start].lower])
                    spans[k] = TokenSpan(start: a.start, end: b.end, type: .ORG, taggerType: 1)
                    spans.remove(at: k + 1)
                }
                k += 1
            }
            // Words of longer organisation names: "Renault and Chrysler" are two companies where the text also
            // writes "Chrysler Corp".
            let organisationWords = Set(spans.filter { $0.type == .ORG && $0.end - $0.start > 1 }
                .flatMap { s in (s.start..<s.end).map { attrs[$0].lower } })
            var pairs: [Int] = []
            for k in spans.indices.dropLast() {
                let a = spans[k], b = spans[k + 1]
                guard oneWordPerson(a), b.start == a.end + 1, isAnd(a.end), b.end - b.start == 1,
                      b.type == .PERSON || b.type == .ORG,
                      !personWords.contains(attrs[a.start].lower), !personWords.contains(attrs[b.start].lower),
                      companyPairs.contains([attrs[a.start].lower, attrs[b.start].lower])
                        || !organisationWords.contains(attrs[a.start].lower) && !organisationWords.contains(attrs[b.start].lower)
                else { continue }
                pairs.append(k)
                pairCount[[attrs[a.start].lower, attrs[b.start].lower], default: 0] += 1
            }
            for k in pairs.reversed() {
                let a = spans[k], b = spans[k + 1]
                let key = [attrs[a.start].lower, attrs[b.start].lower]
                guard companyPairs.contains(key) || pairCount[key, default: 0] >= 2 else { continue }
                spans[k] = TokenSpan(start: a.start, end: b.end, type: .ORG, taggerType: 1)
                spans.remove(at: k + 1)
            }
        }

        // 3f. A title the tagger took for a name ("[U.S. Secretary of State] Antony Blinken", "Japanese [Foreign
        // Minister] Yoshimasa Hayashi"): a span made only of title words (and a leading place or nationality)
        // right before a capitalised word is dropped, and capitalised words right before a person join it (one
        // uncommon capitalised word right after it too).
        if !NERExperiments.noTrim {
            var leading: [TokenSpan] = []
            var titleEnds: [Int] = []
            spans.removeAll { s in
                guard s.taggerType >= 0, s.type != .PERSON, s.end < sentenceEnd[s.start], attrs[s.end].isCapitalised,
                      (s.start..<s.end).contains(where: { roleHeads.contains(attrs[$0].word) }) else { return false }
                var k = s.start
                var place: TokenSpan?
                if let m = phrases.longest(attrs, k, s.end, mask: gpe | norp) {
                    k += m.length
                    place = TokenSpan(start: s.start, end: k, type: m.category & gpe != 0 ? .GPE : .NORP, taggerType: -1)
                }
                guard k < s.end, (k..<s.end).allSatisfy({ roleWords.contains(attrs[$0].word) }) else { return false }
                if let place { leading.append(place) }
                titleEnds.append(s.end)
                return true
            }
            spans += leading
            // The capitalised words right after a dropped title are the person it names ("[Secretary of
            // State] Antony Blinken"), even where the tagger typed them otherwise or left a word out.
            for e in titleEnds {
                var end = e
                while end < sentenceEnd[e], end - e < 3, attrs[end].isCapitalised, attrs[end].flags & TaggerFeatures.fAllCaps == 0,
                    !roleWords.contains(attrs[end].word), !courtesy.contains(attrs[end].word),
                    phrases.longest(attrs, end, end + 1, mask: gpe | loc | norp | media) == nil
                {
                    end += 1
                }
                guard end > e, !spans.contains(where: { $0.start < end && $0.end > end }) else { continue }
                spans.removeAll { $0.start >= e && $0.end <= end }
                spans.append(TokenSpan(start: e, end: end, type: .PERSON, taggerType: -1))
            }
            let covered = Set(spans.flatMap { Array($0.start..<$0.end) })
            for k in spans.indices where spans[k].type == .PERSON {
                var b = spans[k].start
                while b > sentenceStart[b], spans[k].end - b < 4, !covered.contains(b - 1), attrs[b - 1].isCapitalised,
                    attrs[b - 1].flags & TaggerFeatures.fAllCaps == 0, !roleWords.contains(attrs[b - 1].word),
                    !courtesy.contains(attrs[b - 1].word), !(b - 1 == sentenceStart[b] && isCommonInitial(b - 1)),
                    phrases.longest(attrs, b - 1, b, mask: gpe | loc | norp | media) == nil
                {
                    b -= 1
                }
                spans[k].start = b
                // ... and one more capitalised word right after, ending the run ("Yoon Suk" + "Yeol" told).
                let e = spans[k].end
                if e - b < 3, e < sentenceEnd[e - 1], !covered.contains(e), attrs[e].isCapitalised,
                    attrs[e].flags & TaggerFeatures.fAllCaps == 0, attrs[e].casing != 1,
                    e + 1 >= sentenceEnd[e - 1] || !attrs[e + 1].isCapitalised,
                    phrases.longest(attrs, e, e + 1, mask: gpe | loc | norp | media) == nil
                {
                    spans[k].end = e + 1
                }
            }
        }

        // 3e3. An employer named with an occupation is an organisation, whatever the tagger called it: a "person"
        // right before an occupation and a person ("E.F. Hutton Group analyst Michael Lewis"), or right after an
        // occupation and "at"/"with" ("analyst at Smith Barney").
        if !NERExperiments.flags.contains("noemployers") {
            let occupationWords = Set(EntityLexicon.occupations.map(FeatureHash.string))
            let employerLinks: Set<UInt64> = [FeatureHash.string("at"), FeatureHash.string("with")]
            var employers = Set<[UInt64]>()
            spans.sort { $0.start < $1.start }
            for k in spans.indices where spans[k].type == .PERSON {
                let s = spans[k]
                let before = s.end + 1 < n && occupationWords.contains(attrs[s.end].word)
                    && k + 1 < spans.count && spans[k + 1].start == s.end + 1 && spans[k + 1].type == .PERSON
                let after = s.start >= 2 && employerLinks.contains(attrs[s.start - 1].word)
                    && occupationWords.contains(attrs[s.start - 2].word)
                if before || after {
                    spans[k].type = .ORG
                    spans[k].taggerType = 1
                    var words = (s.start..<s.end).map { attrs[$0].lower }
                    employers.insert(words)
                    // "E.F. Hutton Group" is "E.F. Hutton" too.
                    if words.count > 1, organisationHeads.contains(attrs[s.end - 1].word) || corporateSuffixes.contains(attrs[s.end - 1].word) {
                        words.removeLast()
                        employers.insert(words)
                    }
                }
            }
            // The document uses that name as an organisation: so it is one wherever the tagger called it a person.
            for k in spans.indices where spans[k].type == .PERSON && employers.contains((spans[k].start..<spans[k].end).map { attrs[$0].lower }) {
                spans[k].type = .ORG
                spans[k].taggerType = 1
            }
        }

        // 4. Persons right after a title: "Secretary of Defense Lloyd Austin", "Defense Minister Minoru Kihara".
        for k in spans.indices where spans[k].type != .PERSON && spans[k].taggerType >= 0 {
            let s = spans[k]
            guard s.start > 0, s.end - s.start <= 3, roleHeads.contains(attrs[s.start - 1].word) || isRoleEnd(attrs, s.start - 1)
                || courtesy.contains(attrs[s.start - 1].word)
            else { continue }
            guard phrases.longest(attrs, s.start, s.end, mask: gpe | loc | norp) == nil else { continue }
            guard (s.start..<s.end).allSatisfy({ attrs[$0].isCapitalised && attrs[$0].flags & TaggerFeatures.fAllCaps == 0 })
            else { continue }
            spans[k].type = .PERSON
            spans[k].taggerType = 0
        }

        // 4b. A list of names ("Blinken, Austin, Hayashi and Kihara said") names one kind of thing: when at least
        // half of a list of three or more are persons, the other one-word names the tagger typed otherwise are
        // persons too (unless they are listed places, nationalities or media).
        let order = spans.indices.sorted { spans[$0].start < spans[$1].start }
        var run: [Int] = []
        var listedPersons = Set<UInt64>()
        func closeRun() {
            defer { run = [] }
            guard run.count >= 3 else { return }
            let persons = run.filter { spans[$0].type == .PERSON }.count
            guard persons * 2 >= run.count, persons < run.count else { return }
            // Names in a list of one-word persons ("Jin, Suga, J-Hope, Jimin") are persons wherever the text uses them
            // alone; a list of full names and bands ("Korn, Limp Bizkit, Linkin Park") says less.
            let mononyms = run.filter { spans[$0].type == .PERSON && spans[$0].end - spans[$0].start == 1 }.count >= 2
            for k in run where spans[k].type != .PERSON && spans[k].taggerType >= 0 && spans[k].end - spans[k].start == 1 {
                let q = spans[k].start
                guard attrs[q].isCapitalised, attrs[q].flags & TaggerFeatures.fAllCaps == 0,
                    phrases.longest(attrs, q, q + 1, mask: gpe | loc | norp | media) == nil
                else { continue }
                spans[k].type = .PERSON
                spans[k].taggerType = 0
                if mononyms { listedPersons.insert(attrs[q].word) }
            }
        }

        for k in order {
            if let last = run.last, spans[k].start < spans[last].end {
                closeRun()  // overlapping spans are no list
            } else if let last = run.last {
                let gap = spans[last].end..<spans[k].start
                let joined = (gap.count == 1 && (attrs[gap.lowerBound].lower == H.and || attrs[gap.lowerBound].lower == H.comma))
                    || (gap.count == 2 && attrs[gap.lowerBound].lower == H.comma && attrs[gap.lowerBound + 1].lower == H.and)
                    // ... also over one capitalised word the tagger left out ("Jin, Suga, J-Hope").
                    || (gap.count == 3 && attrs[gap.lowerBound].lower == H.comma && attrs[gap.lowerBound + 1].isCapitalised
                        && (attrs[gap.lowerBound + 2].lower == H.comma || attrs[gap.lowerBound + 2].lower == H.and)
                        && !NERExperiments.noListGaps)
                if !joined || sentenceStart[spans[k].start] != sentenceStart[spans[last].start] { closeRun() }
            }
            run.append(k)
        }
        closeRun()
        // ... and that word is the same person wherever else the tagger typed it alone ("J-Hope followed in 2018").
        if !NERExperiments.noListWide {
            for k in spans.indices where spans[k].end - spans[k].start == 1 && spans[k].taggerType >= 0 && spans[k].type != .PERSON
                && listedPersons.contains(attrs[spans[k].start].word)
            {
                spans[k].type = .PERSON
                spans[k].taggerType = 0
            }
        }

        // 5. Places and nationalities the tagger missed (whole capitalised tokens, not inside another name).
        var covered = [Bool](repeating: false, count: n)
        for s in spans { for q in s.start..<s.end { covered[q] = true } }
        i = 0
        while i < n {
            guard attrs[i].isCapitalised, !covered[i],
                let m = phrases.longest(attrs, i, sentenceEnd[i], mask: gpe | loc | norp)
            else {
                i += 1
                continue
            }
            let e = i + m.length
            let freeRange = (i..<e).allSatisfy { !covered[$0] }
            let before = i > sentenceStart[i] && attrs[i - 1].isCapitalised && i - 1 > sentenceStart[i]
            let after = e < sentenceEnd[i] && attrs[e].isCapitalised
            if freeRange && !before && !after {
                let type: EntityType = m.category & gpe != 0 ? .GPE : (m.category & loc != 0 ? .LOC : .NORP)
                spans.append(TokenSpan(start: i, end: e, type: type, taggerType: -1))
                for q in i..<e { covered[q] = true }
            }
            i = e
        }

        // 6. Dates, money and percentages where nothing else was found.
        i = 0
        while i < n {
            if covered[i] {
                i += 1
                continue
            }
            if let (e, type) = numericEntity(attrs, doc.tokens, p, i, sentenceEnd[i]),
                (i..<e).allSatisfy({ !covered[$0] })
            {
                spans.append(TokenSpan(start: i, end: e, type: type, taggerType: -1))
                for q in i..<e { covered[q] = true }
                i = e
            } else {
                i += 1
            }
        }
        if !NERExperiments.flags.contains("noacronyms") { acronyms(&spans, attrs, p, doc.tokens) }
        DocumentEvidence.apply(&spans, doc, p)
        spans.sort { $0.start < $1.start }
    }

    static let openParenthesis = FeatureHash.string("(")
    static let closeParenthesis = FeatureHash.string(")")

    /// An acronym defined in brackets after an organisation's name is that organisation, there and wherever else
    /// the document uses it: "Bank of Ghana (BoG)" ... "BoG said".
    static func acronyms(_ spans: inout [TokenSpan], _ attrs: [TokenAttributes], _ p: UnsafeBufferPointer<UInt8>,
                         _ tokens: [TextToken]) {
        var defined: [UInt64: EntityType] = [:]
        var widened: [(Int, Int)] = []
        for s in spans where s.end - s.start >= 2 && s.type == .ORG {
            // Past a bracketed qualifier and a legal form: "Dutch Ophthalmic Research Center (International) B.V.
            // (D.O.R.C.)".
            var a = s.end
            var q = a
            if q + 2 < attrs.count, attrs[q].word == openParenthesis, attrs[q + 2].word == closeParenthesis,
                attrs[q + 1].flags & TaggerFeatures.fInitCap != 0, attrs[q + 1].flags & TaggerFeatures.fMixed == 0
            {
                q += 3
            }
            let suffixStart = q
            while q < attrs.count, q - suffixStart < 2, corporateSuffixes.contains(attrs[q].word) { q += 1 }
            if q > suffixStart { a = q }
            guard a + 2 < attrs.count, attrs[a].word == openParenthesis, attrs[a + 2].word == closeParenthesis else { continue }
            // The acronym's capitals must be initials of the name's words, in order ("BoG" for "Bank of Ghana";
            // not "USA" after a runner's name in a results list).
            let t = tokens[a + 1]
            var capitals: [UInt8] = []
            for k in t.utf8Start..<t.utf8End where p[k] >= 0x41 && p[k] <= 0x5A { capitals.append(p[k]) }
            func abbreviates(from start: Int) -> Bool {
                let initials = (start..<s.end).map { p[tokens[$0].utf8Start] }.filter { $0 >= 0x41 && $0 <= 0x5A }
                guard capitals.count >= 2, capitals.first == initials.first else { return false }
                var j = 0
                for c in initials where j < capitals.count && c == capitals[j] { j += 1 }
                return j == capitals.count
            }
            if abbreviates(from: s.start) {
                defined[attrs[a + 1].word] = s.type
            } else if s.start > 0, attrs[s.start - 1].isCapitalised, attrs[s.start - 1].flags & TaggerFeatures.fAllCaps == 0,
                // (only a word alone or a one-word name of its own: no longer name is cut)
                !spans.contains(where: { $0.start < s.start && $0.end > s.start - 1 && $0.end - $0.start > 1 }),
                abbreviates(from: s.start - 1)
            {
                // The word before it belongs to the name ("Dutch" + "Ophthalmic Research Center" is D.O.R.C.).
                defined[attrs[a + 1].word] = s.type
                widened.append((s.start - 1, s.start))
            }
        }
        for (from, start) in widened {
            spans.removeAll { $0.start == from && $0.end == start }
            if let k = spans.firstIndex(where: { $0.start == start && $0.type == .ORG }) { spans[k].start = from }
        }
        guard !defined.isEmpty else { return }
        var spanAt: [Int: Int] = [:]
        var covered = Set<Int>()
        for (n, s) in spans.enumerated() {
            if s.end - s.start == 1 { spanAt[s.start] = n }
            for k in s.start..<s.end { covered.insert(k) }
        }
        for k in 0..<attrs.count {
            guard let type = defined[attrs[k].word] else { continue }
            if let n = spanAt[k] {
                spans[n].type = type
            } else if !covered.contains(k) {
                spans.append(TokenSpan(start: k, end: k + 1, type: type, taggerType: -1))
            }
        }
    }

    /// Whether token `i` ends a title phrase (a role head preceded by modifiers).
    static func isRoleEnd(_ attrs: [TokenAttributes], _ i: Int) -> Bool {
        roleHeads.contains(attrs[i].word)
    }

    static func isNationalityLike(_ w: String) -> Bool {
        guard let f = w.unicodeScalars.first, f.properties.isUppercase, w.count > 4 else { return false }
        return w.hasSuffix("ese") || w.hasSuffix("ian") || w.hasSuffix("ish") || w.hasSuffix("ans")
            || w.hasSuffix("ean") || w.hasSuffix("ani") || w.hasSuffix("eni")
    }

    /// "F-35", "PAC-3", "Su-57", "MiG-29", "F-35A": a known prefix, a hyphen, digits, an optional letter.
    static func isDesignation(_ p: UnsafeBufferPointer<UInt8>, _ s: Int, _ e: Int) -> Bool {
        var h = s
        while h < e && p[h] != 0x2D { h += 1 }
        guard h < e, h > s, h + 1 < e else { return false }
        let prefix = String(decoding: UnsafeBufferPointer(rebasing: p[s..<h]), as: UTF8.self)
        guard EntityLexicon.productPrefixes.contains(prefix) else { return false }
        var d = h + 1
        var digits = 0
        while d < e && p[d] >= 0x30 && p[d] <= 0x39 {
            d += 1
            digits += 1
        }
        guard digits > 0 else { return false }
        return e - d <= 1 && (d == e || (p[d] >= 0x41 && p[d] <= 0x5A))
    }

    // MARK: Numbers, dates, money, percentages

    static func isNumber(_ p: UnsafeBufferPointer<UInt8>, _ t: TextToken) -> Bool {
        var s = t.utf8Start
        if p[s] == 0x24 { s += 1 }  // "$1.5"
        guard s < t.utf8End, p[s] >= 0x30 && p[s] <= 0x39 else { return false }
        for k in s..<t.utf8End {
            let b = p[k]
            if !(b >= 0x30 && b <= 0x39 || b == 0x2E || b == 0x2C) { return false }
        }
        return true
    }

    static func numberValue(_ p: UnsafeBufferPointer<UInt8>, _ t: TextToken) -> Int? {
        var v = 0
        for k in t.utf8Start..<t.utf8End {
            let b = p[k]
            guard b >= 0x30 && b <= 0x39 else { return nil }
            v = v * 10 + Int(b - 0x30)
            if v > 100_000 { return nil }
        }
        return v
    }

    static func isYear(_ p: UnsafeBufferPointer<UInt8>, _ t: TextToken) -> Bool {
        guard t.utf8End - t.utf8Start == 4, let v = numberValue(p, t) else { return false }
        return v >= 1900 && v <= 2099
    }

    static func isOrdinal(_ p: UnsafeBufferPointer<UInt8>, _ t: TextToken) -> Bool {
        let n = t.utf8End - t.utf8Start
        guard n >= 3, n <= 4 else { return false }
        var k = t.utf8Start
        while k < t.utf8End && p[k] >= 0x30 && p[k] <= 0x39 { k += 1 }
        guard k > t.utf8Start, t.utf8End - k == 2 else { return false }
        let a = p[k] | 0x20, b = p[k + 1] | 0x20
        return (a == 0x73 && b == 0x74) || (a == 0x6E && b == 0x64) || (a == 0x72 && b == 0x64) || (a == 0x74 && b == 0x68)
    }

    static func isDayNumber(_ p: UnsafeBufferPointer<UInt8>, _ t: TextToken) -> Bool {
        guard t.utf8End - t.utf8Start <= 2, let v = numberValue(p, t) else { return isOrdinal(p, t) }
        return v >= 1 && v <= 31
    }

    /// A date, money amount or percentage starting at token `i`: its end and type.
    static func numericEntity(_ attrs: [TokenAttributes], _ tokens: [TextToken], _ p: UnsafeBufferPointer<UInt8>,
                              _ i: Int, _ end: Int) -> (Int, EntityType)? {
        let a = attrs[i]
        let t = tokens[i]
        func lower(_ k: Int) -> UInt64 { k < end ? attrs[k].lower : 0 }
        func isComma(_ k: Int) -> Bool { k < end && tokens[k].utf8End - tokens[k].utf8Start == 1 && p[tokens[k].utf8Start] == 0x2C }
        // Money: "$1.5 billion", "US$ 5 million", "1.5 million dollars", "5 billion won".
        if currencySymbols.contains(a.word), i + 1 < end, isNumber(p, tokens[i + 1]) {
            var e = i + 2
            while e < end, scales.contains(lower(e)) { e += 1 }
            return (e, .MONEY)
        }
        if p[t.utf8Start] == 0x24, isNumber(p, t) {
            var e = i + 1
            while e < end, scales.contains(lower(e)) { e += 1 }
            return (e, .MONEY)
        }
        // "seven billion dlrs", "one million dollars".
        if numberWords.contains(a.lower), i + 2 < end, scales.contains(lower(i + 1)) {
            var e = i + 1
            while e < end, scales.contains(lower(e)) { e += 1 }
            if e < end, currencyWords.contains(lower(e)) { return (e + 1, .MONEY) }
        }
        if isNumber(p, t) {
            var e = i + 1
            while e < end, scales.contains(lower(e)) { e += 1 }
            if e < end, currencyWords.contains(lower(e)), e > i + 1 || !isYear(p, t) { return (e + 1, .MONEY) }
            // Percentages: "5%", "5 percent", "5 per cent", "5 percentage points".
            if e < end, attrs[e].word == percentSign || percentWords.contains(lower(e)) {
                if lower(e) == H.per {
                    if e + 1 < end, lower(e + 1) == H.cent { return (e + 2, .PERCENT) }
                } else if lower(e) == H.percentage {
                    if e + 1 < end, lower(e + 1) == H.points { return (e + 2, .PERCENT) }
                } else {
                    return (e + 1, .PERCENT)
                }
            }
        }
        // Dates.
        if months.contains(a.lower), a.isCapitalised {
            var e = i + 1
            if e < end, isDayNumber(p, tokens[e]) {
                e += 1
                if isComma(e), e + 1 < end, isYear(p, tokens[e + 1]) { e += 2 } else if e < end, isYear(p, tokens[e]) { e += 1 }
            } else if e < end, isYear(p, tokens[e]) {
                e += 1
            } else if e + 2 < end, lower(e) == ofLower, relatives.contains(lower(e + 1)),
                lower(e + 2) == H.year
            {
                e += 3
            } else if e + 1 < end, lower(e) == ofLower, isYear(p, tokens[e + 1]) {
                e += 2
            } else if a.lower == H.may && (i == 0 || !yearPrepositions.contains(attrs[i - 1].lower)) {
                return nil  // the verb "may"
            }
            return (e, .DATE)
        }
        if isDayNumber(p, t), i + 1 < end, months.contains(lower(i + 1)), attrs[i + 1].isCapitalised {
            var e = i + 2
            if e < end, isYear(p, tokens[e]) { e += 1 }
            return (e, .DATE)
        }
        if a.lower == theLower, i + 1 < end, isOrdinal(p, tokens[i + 1]) {
            var e = i + 2
            if e + 1 < end, lower(e) == ofLower, months.contains(lower(e + 1)) { e += 2 }
            return (e, .DATE)
        }
        if weekdays.contains(a.lower), a.isCapitalised || a.lower == H.weekend {
            guard a.isCapitalised else { return nil }
            return (i + 1, .DATE)
        }
        if dayWords.contains(a.lower) { return (i + 1, .DATE) }
        if relatives.contains(a.lower), i + 1 < end {
            var e = i + 1
            if a.lower == H.earlier || a.lower == H.later,
                relatives.contains(lower(e))
            {
                e += 1
            }
            if e < end, a.lower != H.this, a.lower != H.past, isYear(p, tokens[e]) {
                return (e + 1, .DATE)  // "late 1987", "early 2024"
            }
            if e < end, units.contains(lower(e)) || months.contains(lower(e)) || weekdays.contains(lower(e)) {
                if a.lower == H.past || a.lower == H.coming || a.lower == H.early || a.lower == H.late || a.lower == H.mid {
                    if !(i > 0 && lower(i - 1) == theLower) && !months.contains(lower(e)) { return nil }
                }
                return (e + 1, .DATE)
            }
        }
        if isYear(p, t), i > 0, yearPrepositions.contains(attrs[i - 1].lower) || months.contains(attrs[i - 1].lower) {
            return (i + 1, .DATE)
        }
        // ISO dates: 2024-07-28, 1996-08-22.
        if t.utf8End - t.utf8Start == 10, p[t.utf8Start + 4] == 0x2D, p[t.utf8Start + 7] == 0x2D,
            (0..<10).allSatisfy({ $0 == 4 || $0 == 7 || (p[t.utf8Start + $0] >= 0x30 && p[t.utf8Start + $0] <= 0x39) })
        {
            return (i + 1, .DATE)
        }
        // Decades: "the 1990s".
        if t.utf8End - t.utf8Start == 5, p[t.utf8End - 1] == 0x73, (0..<4).allSatisfy({ p[t.utf8Start + $0] >= 0x30 && p[t.utf8Start + $0] <= 0x39 }) {
            return (i + 1, .DATE)
        }
        return nil
    }
}
