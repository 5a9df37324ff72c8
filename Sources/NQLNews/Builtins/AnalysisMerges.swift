import Foundation
import NQL

// How `timeline`, `cooccur` and `stories` results over parts of a collection merge
// (`nql --partial` per part, `nql --merge`): each part's partial keeps what the whole
// needs, and the merge runs the same analysis code on it, so the result is the one a
// single process gives.
// - timeline: articles per day and the undated count; periods are built after merging.
// - cooccur: each article's recognised entities (and, by sentence, which of their names
//   each sentence holds); the expensive part, recognition, is done per part, and the
//   merge of entities across articles runs once over all of them.
// - stories: each article's MinHash signature, LSH band keys, length, date, title and id;
//   candidate pairs, verification and grouping run once, over global article numbers.
extension AnalysisBuiltins {
    // MARK: timeline

    static func timelinePeriod(_ option: Value?, _ error: (String) -> RuntimeError) throws -> TimelinePeriod {
        guard let by = option else { return .month }
        guard case .string(let s) = by, let p = TimelinePeriod(rawValue: s) else { throw error("by: must be \"day\", \"week\" or \"month\"") }
        return p
    }

    static let dayRange = (Analysis.dayNumber("-9999-01-01") ?? -4_371_587)...(Analysis.dayNumber("9999-12-31") ?? 2_932_896)

    static let timelineMerge = Merge(partial: { a in
        var dates: [String?] = []
        try a.forEachElement(0) { x in
            try ArticleValues.checkArticle(x, a, 0)
            dates.append(ArticleValues.date(x))
            return true
        }
        _ = try timelinePeriod(a.option("by"), a.error)
        let (days, undated) = Analysis.dayCounts(dates)
        return .record(Record([("days", .list(days.keys.sorted().map { .list([.int($0), .int(days[$0] ?? 0)]) })),
                               ("undated", .int(undated)), ("articles", .int(dates.count))]))
    }, combine: { values, options, interpreter in
        var days: [Int: Int] = [:]
        var undated = 0, articles = 0
        for v in values {
            guard case .record(let r) = v, case .list(let ds)? = r["days"], case .int(let u)? = r["undated"], case .int(let n)? = r["articles"] else {
                throw RuntimeError(Messages.badPartial("a timeline's {days, undated, articles}"))
            }
            for d in ds {
                let pair = try Merge.list(d)
                guard pair.count == 2 else { throw RuntimeError(Messages.badPartial("a [day, count] pair")) }
                let day = try Merge.int(pair[0])
                // Only days a date can be on (the years -9999 to 9999).
                guard day >= dayRange.lowerBound, day <= dayRange.upperBound else { throw RuntimeError(Messages.badPartial("a day of the years -9999 to 9999")) }
                days[day] = try Merge.add(days[day] ?? 0, try Merge.count(pair[1]))
            }
            undated = try Merge.add(undated, u)
            articles = try Merge.add(articles, n)
        }
        let fail = { (m: String) in RuntimeError("timeline: " + m) }
        let period = try timelinePeriod(options["by"], fail)
        if articles == 0 { throw fail("the collection of articles is empty") }
        let t: Timeline
        do { t = try Analysis.timeline(dayCounts: days, undated: undated, by: period) } catch let e as AnalysisError { throw fail(e.message) }
        if t.undated > 0 { interpreter.warn("nql: timeline: \(t.undated) of \(articles) articles have no date and are not counted\n") }
        return .list(t.buckets.map { .record(Record([("period", .string($0.period)), ("count", .int($0.count))])) })
    })

    // MARK: cooccur

    static func cooccurOptions(_ by: Value?, _ types: Value?, _ error: (String) -> RuntimeError) throws -> (CooccurrenceUnit, Set<String>?) {
        var unit = CooccurrenceUnit.document
        if let by {
            guard case .string(let s) = by, let u = CooccurrenceUnit(rawValue: s) else { throw error("by: must be \"document\" or \"sentence\"") }
            unit = u
        }
        var set: Set<String>?
        if let types {
            guard case .list(let xs) = types else { throw error("types: must be a list of entity types such as [\"PERSON\", \"ORG\"]") }
            set = Set(xs.compactMap { if case .string(let s) = $0 { return s } else { return nil } })
        }
        return (unit, set)
    }

    static func entityValue(_ e: EntitySummary) -> Value {
        .list([.string(e.name), .string(e.type), .int(e.count), strings(e.aliases), e.firstOffset.map { .int($0) } ?? .null])
    }

    static func entity(_ v: Value) throws -> EntitySummary {
        let f = try Merge.list(v)
        guard f.count == 5, case .string(let name) = f[0], case .string(let type) = f[1] else {
            throw RuntimeError(Messages.badPartial("an entity [name, type, count, aliases, offset]"))
        }
        let count = try Merge.count(f[2])
        let aliases = try Merge.list(f[3]).compactMap { if case .string(let s) = $0 { return s } else { return nil } }
        var offset: Int?
        if case .int(let o) = f[4] { offset = try Merge.count(.int(o)) }
        return EntitySummary(name: name, type: type, count: count, aliases: aliases, firstOffset: offset)
    }

    static let cooccurMerge = Merge(partial: { a in
        let (unit, _) = try cooccurOptions(a.option("by"), a.option("types"), a.error)
        let docs = try documents(a, 0, entities: true, allowEmpty: true)
        return .list(docs.map { doc in
            var fields: [(String, Value)] = [("entities", .list(doc.entities.map(entityValue)))]
            if unit == .sentence {
                // Which of the article's entity names each sentence holds as a whole word: a sentence
                // of just those names holds the same ones, so the merge needs no text.
                let names = Array(Set(doc.entities.flatMap { [$0.name] + $0.aliases })).sorted()
                fields.append(("sentences", .list(doc.effectiveSentences.map { s in strings(names.filter { Analysis.containsWord(s, $0) }) })))
            }
            return .record(Record(fields))
        })
    }, combine: { values, options, _ in
        let fail = { (m: String) in RuntimeError("cooccur: " + m) }
        let (unit, types) = try cooccurOptions(options["by"], options["types"], fail)
        var docs: [AnalysisDocument] = []
        for v in values {
            for d in try Merge.list(v) {
                guard case .record(let r) = d, case .list(let es)? = r["entities"] else { throw RuntimeError(Messages.badPartial("an article's entities")) }
                let entities = try es.map(entity)
                var sentences: [String] = []
                if unit == .sentence {
                    guard case .list(let ss)? = r["sentences"] else { throw RuntimeError(Messages.badPartial("an article's sentences")) }
                    // An article without sentences gets one sentence naming nobody, which counts as its unit.
                    sentences = try ss.map { try Merge.list($0).compactMap { if case .string(let s) = $0 { return s } else { return nil } }.joined(separator: "\n") }
                }
                docs.append(AnalysisDocument(text: "", sentences: sentences, entities: entities))
            }
        }
        if docs.isEmpty { throw fail("the collection of articles is empty") }
        let pairs: [Cooccurrence]
        do { pairs = try Analysis.cooccur(docs, unit: unit, types: types) } catch let e as AnalysisError { throw fail(e.message) }
        return cooccurRecords(pairs)
    })

    static func cooccurRecords(_ pairs: [Cooccurrence]) -> Value {
        .list(pairs.map {
            .record(Record([("a", .string($0.first)), ("b", .string($0.second)), ("count", .int($0.count)), ("pmi", round3($0.pmi)),
                            ("a_type", .string($0.firstType)), ("b_type", .string($0.secondType))]))
        })
    }

    // MARK: compare (two collections)

    static func comparisonRecord(_ c: CollectionComparison) -> Value {
        func terms(_ xs: [KeyTerm]) -> Value {
            .list(xs.map { .record(Record([("term", .string($0.term)), ("count", .int($0.count)), ("other", .int($0.otherCount)),
                                          ("g2", round3($0.logLikelihood)), ("log_ratio", round3($0.logRatio))])) })
        }
        func presence(_ xs: [EntityPresence]) -> Value {
            .list(xs.map { .record(Record([("name", .string($0.name)), ("type", .string($0.type)),
                                          ("articles", .int($0.documents)), ("count", .int($0.count))])) })
        }
        return .record(Record([
            ("left_words", .int(c.tokensA)), ("right_words", .int(c.tokensB)),
            ("key_words_left", terms(c.keyWordsA)), ("key_words_right", terms(c.keyWordsB)),
            ("key_entities_left", terms(c.keyEntitiesA)), ("key_entities_right", terms(c.keyEntitiesB)),
            ("entities_only_left", presence(c.entitiesOnlyInA)), ("entities_only_right", presence(c.entitiesOnlyInB)),
        ]))
    }

    static func countsValue(_ c: Analysis.CollectionCounts) -> Value {
        .record(Record([("tokens", .int(c.tokens)),
                        ("words", .list(c.words.keys.sorted().map { .list([.string($0), .int(c.words[$0] ?? 0)]) })),
                        ("entities", .list(c.entities.map { .list($0.map(entityValue)) }))]))
    }

    static func absorb(_ v: Value?, into c: inout Analysis.CollectionCounts) throws {
        guard case .record(let r)? = v, case .int(let tokens)? = r["tokens"], case .list(let words)? = r["words"], case .list(let docs)? = r["entities"] else {
            throw RuntimeError(Messages.badPartial("a collection's {tokens, words, entities}"))
        }
        c.tokens = try Merge.add(c.tokens, try Merge.count(.int(tokens)))
        for w in words {
            let pair = try Merge.list(w)
            guard pair.count == 2, case .string(let word) = pair[0] else { throw RuntimeError(Messages.badPartial("a [word, count] pair")) }
            c.words[word] = try Merge.add(c.words[word] ?? 0, try Merge.count(pair[1]))
        }
        for d in docs { c.entities.append(try Merge.list(d).map(entity)) }
    }

    static let compareMerge = Merge(partial: { a in
        guard case .list = a[0], case .list = a[1] else { throw a.error("only compare of two collections gives partial results") }
        let left = try documents(a, 0, entities: true, allowEmpty: true), right = try documents(a, 1, entities: true, allowEmpty: true)
        return .record(Record([("left", countsValue(Analysis.collectionCounts(left))), ("right", countsValue(Analysis.collectionCounts(right)))]))
    }, combine: { values, _, _ in
        var left = Analysis.CollectionCounts(), right = Analysis.CollectionCounts()
        for v in values {
            guard case .record(let r) = v else { throw RuntimeError(Messages.badPartial("compare's {left, right}")) }
            try absorb(r["left"], into: &left)
            try absorb(r["right"], into: &right)
        }
        do { return comparisonRecord(try Analysis.compare(counts: left, right)) } catch let e as AnalysisError { throw RuntimeError("compare: " + e.message) }
    })

    // MARK: keywords

    static let keywordsMerge = Merge(partial: { a in
        let k = a.has(1) ? try a.int(1) : 10
        guard case .list = a[0] else { throw a.error("only keywords of a collection gives partial results") }
        let pool = try ArticleValues.articles(a, 0)
        let docs: [Value] = try pool.map { article in
            let text = try ArticleValues.text(article, a)
            var fields: [(String, Value)] = [("title", label(article)),
                                             ("terms", .list(TFIDFIndex.termCounts(of: text).map { .list([.string($0.term), .int($0.count)]) }))]
            // A collection of one article is measured against general English, from its text.
            if pool.count == 1 { fields.append(("text", .string(text))) }
            return .record(Record(fields))
        }
        return .record(Record([("k", .int(k)), ("articles", .list(docs))]))
    }, combine: { values, _, _ in
        let fail = { (m: String) in RuntimeError("keywords: " + m) }
        var k = 10
        var titles: [Value] = [], terms: [[(term: String, count: Int)]] = [], lone: String?
        for v in values {
            guard case .record(let r) = v, case .int(let n)? = r["k"], case .list(let docs)? = r["articles"] else {
                throw RuntimeError(Messages.badPartial("keywords' {k, articles}"))
            }
            k = n
            for d in docs {
                guard case .record(let doc) = d, case .list(let ts)? = doc["terms"] else { throw RuntimeError(Messages.badPartial("an article's terms")) }
                titles.append(doc["title"] ?? .null)
                terms.append(try ts.map { t in
                    let pair = try Merge.list(t)
                    guard pair.count == 2, case .string(let w) = pair[0] else { throw RuntimeError(Messages.badPartial("a [term, count] pair")) }
                    return (w, try Merge.count(pair[1]))
                })
                if case .string(let text)? = doc["text"] { lone = text }
            }
        }
        if titles.isEmpty { throw fail("the collection of articles is empty") }
        let perDoc: [[DistinctiveTerm]]
        do {
            if titles.count == 1, let lone { perDoc = [try Analysis.keywords(lone, k: k)] } else { perDoc = try Analysis.keywords(TFIDFIndex(termCounts: terms), k: k) }
        } catch let e as AnalysisError { throw fail(e.message) }
        return keywordRecords(titles, perDoc)
    })

    static func keywordRecords(_ titles: [Value], _ perDoc: [[DistinctiveTerm]]) -> Value {
        .list(zip(titles, perDoc).map { title, terms in .record(Record([("title", title), ("keywords", strings(terms.map(\.term)))])) })
    }

    // MARK: stories

    static func hex(_ xs: [UInt32]) -> String {
        var s = ""
        s.reserveCapacity(xs.count * 8)
        for x in xs {
            let h = String(x, radix: 16)
            s += String(repeating: "0", count: 8 - h.count) + h
        }
        return s
    }

    static func unhex(_ s: String) -> [UInt32]? {
        let bytes = Array(s.utf8)
        guard bytes.count % 8 == 0 else { return nil }
        var out: [UInt32] = []
        out.reserveCapacity(bytes.count / 8)
        var i = 0
        while i < bytes.count {
            guard let x = UInt32(String(decoding: bytes[i..<(i + 8)], as: UTF8.self), radix: 16) else { return nil }
            out.append(x)
            i += 8
        }
        return out
    }

    static let storiesMerge = Merge(perElement: true, partial: { a in
        if let by = a.option("by"), by != .string("text") {
            throw a.error("only stories(by: \"text\") gives partial results; by: \"topic\" compares every article with the whole collection")
        }
        let options = StoryOptions()
        let pool = try ArticleValues.articles(a, 0)
        let texts = try pool.map { try ArticleValues.text($0, a, 0) }
        let signatures = Analysis.minHashSignatures(texts, options)
        return .list(pool.indices.map { d in
            let bands: Value = signatures[d].map { sig in
                .list(Analysis.bandKeys(sig, options).map { k in .string(String(k, radix: 16)) })
            } ?? .list([])
            return .record(Record([("part", .int(a.interpreter.partialStage?.part ?? 0)), ("index", .int(d)),
                                   ("signature", signatures[d].map { .string(hex($0)) } ?? .null), ("bands", bands),
                                   ("length", .int(texts[d].utf8.count)), ("date", ArticleValues.date(pool[d]).map { .string($0) } ?? .null),
                                   ("title", label(pool[d])), ("id", ArticleValues.field(pool[d], "id").map { .string($0) } ?? .null)]))
        })
    }, combine: { values, _, _ in
        let options = StoryOptions()
        var signatures: [[UInt32]?] = [], lengths: [Int] = [], dates: [String?] = [], titles: [Value] = [], ids: [Value] = []
        var refs: [Int: Int] = [:]  // (part, index) of an article -> its number over all parts
        var pairs: [Value]?
        for v in values {
            // Candidate pairs from LSH buckets formed outside (nql-spark: groupByKey over band keys).
            if case .record(let r) = v, case .list(let ps)? = r["pairs"] {
                pairs = (pairs ?? []) + ps
                continue
            }
            guard case .record(let r) = v, case .int(let length)? = r["length"] else { throw RuntimeError(Messages.badPartial("an article's signature")) }
            if case .int(let part)? = r["part"], case .int(let index)? = r["index"] { refs[part << 32 | index] = lengths.count }
            switch r["signature"] {
            case .string(let s)?:
                guard let sig = unhex(s), sig.count == options.hashes else { throw RuntimeError(Messages.badPartial("a signature of \(options.hashes) hashes")) }
                signatures.append(sig)
            default: signatures.append(nil)
            }
            lengths.append(length)
            if case .string(let d)? = r["date"] { dates.append(d) } else { dates.append(nil) }
            titles.append(r["title"] ?? .null)
            ids.append(r["id"] ?? .null)
        }
        if values.isEmpty { throw RuntimeError("stories: the collection of articles is empty") }
        var candidates: [UInt64]?
        if let pairs {
            candidates = try pairs.map { p in
                let f = try Merge.list(p).map(Merge.int)
                guard f.count == 4, let i = refs[f[0] << 32 | f[1]], let j = refs[f[2] << 32 | f[3]] else {
                    throw RuntimeError(Messages.badPartial("a candidate pair [part, index, part, index] of articles given"))
                }
                return i < j ? UInt64(i) << 32 | UInt64(j) : UInt64(j) << 32 | UInt64(i)
            }
        }
        let edges = Analysis.shingleEdges(signatures: signatures, candidates: candidates, options)
        let groups = Analysis.groupStories(edges: edges, present: signatures.map { $0 != nil }, lengths: lengths, dates: dates)
        return storyRecords(groups, titles: titles, ids: ids)
    })

    static func storyRecords(_ groups: [StoryGroup], titles: [Value], ids: [Value]) -> Value {
        .list(groups.enumerated().map { n, g in
            .record(Record([
                ("story", .int(n + 1)), ("size", .int(g.members.count)), ("similarity", round3(g.meanSimilarity)),
                ("title", titles[g.representative]),
                ("titles", .list(g.members.map { titles[$0] })),
                ("ids", .list(g.members.map { ids[$0] })),
            ]))
        })
    }
}
