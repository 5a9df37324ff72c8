import Foundation
import NQL

/// `compare`, `similar`, `stories`, `keywords`, `kwic`, `quotes`, `cooccur`
/// and `timeline`: the analyses of `Analysis`, over article records.
enum AnalysisBuiltins {
    static let all: [Builtin] = [compare, similar, stories, keywords, kwic, quotes, cooccur, timeline]

    // MARK: - from values

    /// Entity types that name something; dates and amounts are left out of comparisons.
    static let namedTypes: Set<EntityType> = [.PERSON, .ORG, .GPE, .LOC, .NORP, .PRODUCT, .EVENT, .MISC]

    /// An article record (or a string) as an analysis document, with its named entities.
    static func document(_ v: Value, _ a: Arguments, index: Int, entities: Bool) throws -> AnalysisDocument {
        let text = try ArticleValues.text(v, a, index)
        var sentences: [String] = []
        if case .record(let r) = v, case .list(let xs)? = r["sentences"] {
            sentences = xs.compactMap { if case .string(let s) = $0 { return s } else { return nil } }
        }
        var found: [EntitySummary] = []
        if entities {
            found = try EntityCache.of(a.interpreter).entities(of: text).filter { namedTypes.contains($0.type) }.map {
                EntitySummary(name: $0.name, type: $0.type.rawValue, count: $0.count, aliases: $0.aliases,
                              firstOffset: $0.mentions.first?.start)
            }
        }
        return AnalysisDocument(id: ArticleValues.field(v, "id") ?? "", text: text, sentences: sentences,
                                date: ArticleValues.date(v), entities: found)
    }

    static func documents(_ a: Arguments, _ index: Int, entities: Bool, allowEmpty: Bool = false) throws -> [AnalysisDocument] {
        let pool = try ArticleValues.articles(a, index, allowEmpty: allowEmpty)
        return try pool.indices.map { i in
            try a.checkInterrupt()
            // A window at a time: the entity cache recognises it on all cores.
            if entities && i % ValueStream.window == 0 { a.interpreter.announce(pool[i..<min(pool.count, i + ValueStream.window)]) }
            return try document(pool[i], a, index: index, entities: entities)
        }
    }

    /// Runs an analysis, turning its errors into the built-in's errors.
    static func analysing<T>(_ a: Arguments, _ body: () throws -> T) throws -> T {
        do { return try body() } catch let e as AnalysisError { throw a.error(e.message) }
    }

    static func round3(_ d: Double) -> Value { .float((d * 1000).rounded() / 1000) }
    static func strings(_ xs: [String]) -> Value { .list(xs.map { .string($0) }) }

    static func label(_ v: Value) -> Value {
        if let t = ArticleValues.field(v, "title") { return .string(t) }
        return ArticleValues.field(v, "id").map { .string($0) } ?? .null
    }

    // MARK: - compare

    static let compare = Builtin(
        "compare", group: "analysis", params: "left, right",
        summary: "Compare two articles (similarity, shared and missing entities, copied and unmatched sentences) or two collections (key words and entities by log-likelihood).",
        example: #"let w = load("Examples/articles/"); compare(w[0], w[1])"#,
        merge: compareMerge
    ) { a in
        switch (a[0], a[1]) {
        case (.list, .list):
            let left = try documents(a, 0, entities: true), right = try documents(a, 1, entities: true)
            return comparisonRecord(try analysing(a) { try Analysis.compare(left, right) })
        case (.list, _), (_, .list):
            throw a.error("compare two articles, or two lists of articles; got \(a[0].typeName) and \(a[1].typeName)")
        default:
            let left = try document(a[0], a, index: 0, entities: true), right = try document(a[1], a, index: 1, entities: true)
            let c = Analysis.compare(left, right)
            return .record(Record([
                ("similarity", round3(c.similarity)), ("entity_overlap", round3(c.entityOverlap)),
                ("shared", strings(c.sharedEntities.map(\.name))),
                ("only_left", strings(c.onlyLeftEntities.map(\.name))), ("only_right", strings(c.onlyRightEntities.map(\.name))),
                ("copied", strings(c.copied.map(\.left))), ("paraphrased", strings(c.paraphrased.map(\.left))),
                ("only_left_sentences", strings(c.sentencesOnlyLeft)), ("only_right_sentences", strings(c.sentencesOnlyRight)),
                ("alignments", .list(c.alignments.map {
                    .record(Record([("left", .string($0.left)), ("right", $0.right.map { .string($0) } ?? .null),
                                    ("similarity", round3($0.similarity)), ("kind", .string($0.kind.rawValue))]))
                })),
            ]))
        }
    }

    // MARK: - collections

    static let similar = Builtin(
        "similar", group: "analysis", params: "article, articles, k?",
        summary: "The k (default 5) articles most like this one, by TF-IDF cosine: score, title, id.",
        example: #"let w = load("Examples/articles/"); similar(w[0], w, 3)"#
    ) { a in
        let target = try document(a[0], a, index: 0, entities: false)
        let pool = try ArticleValues.articles(a, 1, allowEmpty: false)
        let k = a.has(2) ? try a.int(2) : 5
        guard k > 0 else { throw a.error("k must be at least 1, got \(k)") }
        var texts = try pool.map { try ArticleValues.text($0, a, 1) }
        let selfIndex = pool.firstIndex(where: { ArticleValues.field($0, "id") == target.id && !target.id.isEmpty }) ?? {
            texts.append(target.text)
            return texts.count - 1
        }()
        let index = TFIDFIndex(texts: texts)
        let ranked = try analysing(a) { try index.mostSimilar(to: selfIndex, k: k) }
        return .list(ranked.filter { $0.index < pool.count }.map { hit in
            .record(Record([("score", round3(hit.similarity)), ("title", label(pool[hit.index])),
                            ("id", ArticleValues.field(pool[hit.index], "id").map { .string($0) } ?? .null)]))
        })
    }

    static let stories = Builtin(
        "stories", group: "analysis", params: "articles", options: ["by"],
        summary: "Group articles that copy the same text (by: \"text\", MinHash + LSH, the default) or tell the same story (by: \"topic\": the same words and entities within three days): story, size, similarity, titles, ids.",
        example: #"load("Examples/articles/") | stories(by: "topic") | select(.size, .title)"#,
        merge: storiesMerge
    ) { a in
        var options = StoryOptions()
        switch a.option("by") {
        case nil, .string("text")?: options.method = .shingles
        case .string("topic")?: options.method = .topics
        default: throw a.error("by: must be \"text\" (shared wording) or \"topic\" (same event)")
        }
        // Same event: the people and places count as much as the words, so entities are needed.
        let docs = try documents(a, 0, entities: options.method == .topics)
        let pool = try ArticleValues.articles(a, 0)
        let groups = try analysing(a) { try Analysis.stories(docs, options: options) }
        return storyRecords(groups, titles: pool.map(label), ids: pool.map { ArticleValues.field($0, "id").map { .string($0) } ?? .null })
    }

    static let keywords = Builtin(
        "keywords", group: "analysis", params: "articles, k?",
        summary: "Distinctive terms (TF-IDF against the collection; for one article, against general English): term, score, count.",
        example: #"load("Examples/articles/tokyo-2plus2.txt") | keywords(5)"#,
        merge: keywordsMerge
    ) { a in
        let k = a.has(1) ? try a.int(1) : 10
        if case .list = a[0] {
            let pool = try ArticleValues.articles(a, 0, allowEmpty: false)
            let texts = try pool.map { try ArticleValues.text($0, a) }
            let perDoc = try analysing(a) { try Analysis.keywords(texts, k: k) }
            return keywordRecords(pool.map(label), perDoc)
        }
        let terms = try analysing(a) { try Analysis.keywords(try ArticleValues.text(a[0], a), k: k) }
        return .list(terms.map { .record(Record([("term", .string($0.term)), ("score", round3($0.score)), ("count", .int($0.count))])) })
    }

    static let kwic = Builtin(
        "kwic", group: "analysis", params: "articles, term, width?",
        summary: "Keyword in context: each whole-word match of a word, phrase or regex with the text around it.",
        example: #"load("Examples/articles/") | kwic("deterrence", 30)"#
    ) { a in
        let pool: [Value] = a[0].isString ? [a[0]] : try ArticleValues.articles(a, 0, allowEmpty: false)
        let texts = try pool.map { try ArticleValues.text($0, a) }
        let width = a.has(2) ? try a.int(2) : 40
        if width > 10_000 { throw a.error("width must be at most 10000 characters, got \(width)") }
        let (term, isRegex): (String, Bool)
        switch a[1] {
        case .string(let s): (term, isRegex) = (s, false)
        case .regex(let r): (term, isRegex) = (r.flags.contains("i") ? "(?i)" + r.pattern : r.pattern, true)
        default: throw a.typeError(1, expected: "a word, phrase or regular expression")
        }
        let lines = try analysing(a) { try Analysis.kwic(texts, term: term, width: width, regex: isRegex) }
        return .list(lines.map { line in
            let pad = String(repeating: " ", count: max(0, width - DisplayWidth.of(line.left)))
            return .record(Record([("id", ArticleValues.field(pool[line.document], "id").map { .string($0) } ?? .int(line.document)),
                                   ("left", .string(pad + line.left)), ("match", .string(line.match)), ("right", .string(line.right))]))
        })
    }

    static let quotes = Builtin(
        "quotes", group: "analysis", params: "article",
        summary: "Quotations with their speakers where the text says who (\"...,\" Blinken said): speaker, quote, kind.",
        example: #"quotes("\"We will not be intimidated,\" Austin said.")"#
    ) { a in
        let pool: [Value] = a[0].isString ? [a[0]] : (a[0].isList ? try ArticleValues.articles(a, 0) : [a[0]])
        var rows: [Value] = []
        for article in pool {
            let text = try ArticleValues.text(article, a)
            for q in try speakersResolved(Analysis.quotes(text), in: text, a) {
                var pairs: [(String, Value)] = [("speaker", (q.resolvedSpeaker ?? q.speaker).map { .string($0) } ?? .null),
                                                ("quote", .string(q.text)), ("kind", .string(q.kind.rawValue))]
                if pool.count > 1 || a[0].isList { pairs.insert(("title", label(article)), at: 0) }
                rows.append(.record(Record(pairs)))
            }
        }
        return .list(rows)
    }

    /// "He said" with no earlier speaker to take: the person named last before the quote
    /// (by the recogniser), so "he" and "she" are not reported as speakers.
    static func speakersResolved(_ quotes: [Quote], in text: String, _ a: Arguments) throws -> [Quote] {
        let unresolved = quotes.indices.filter { i in
            quotes[i].resolvedSpeaker == nil && ["he", "she"].contains(quotes[i].speaker?.lowercased() ?? "")
        }
        guard !unresolved.isEmpty else { return quotes }
        let people = try EntityCache.of(a.interpreter).entities(of: text).filter { $0.type == .PERSON }
            .flatMap { e in e.mentions.map { (start: $0.start, name: e.name) } }.sorted { $0.start < $1.start }
        // Quote offsets count characters; mentions count Unicode scalars.
        var scalarAt: [Int] = []
        scalarAt.reserveCapacity(text.count + 1)
        var offset = 0
        for ch in text {
            scalarAt.append(offset)
            offset += ch.unicodeScalars.count
        }
        scalarAt.append(offset)
        var out = quotes
        for i in unresolved {
            let start = scalarAt[min(max(0, out[i].start), scalarAt.count - 1)]
            out[i].resolvedSpeaker = people.last { $0.start < start }?.name
        }
        return out
    }

    static let cooccur = Builtin(
        "cooccur", group: "analysis", params: "articles", options: ["by", "types"],
        summary: "Entity pairs mentioned together, most frequent first; by: \"document\" (default) or \"sentence\", types: [\"PERSON\", ...].",
        example: #"load("Examples/articles/") | cooccur(types: ["PERSON"]) | take(5)"#,
        merge: cooccurMerge
    ) { a in
        let docs = try documents(a, 0, entities: true)
        let (unit, types) = try cooccurOptions(a.option("by"), a.option("types"), a.error)
        let pairs = try analysing(a) { try Analysis.cooccur(docs, unit: unit, types: types) }
        return cooccurRecords(pairs)
    }

    static let timeline = Builtin(
        "timeline", group: "analysis", params: "articles", options: ["by"],
        summary: "Articles per day, week (from Monday) or month (by: \"day\" | \"week\" | \"month\", default month), empty periods included.",
        example: #"load("Examples/articles/*.html") | timeline(by: "day")"#,
        flow: .folds, merge: timelineMerge
    ) { a in
        // Only the dates are kept.
        var dates: [String?] = []
        if a[0].isStream {
            try a.forEachElement(0) { x in
                try ArticleValues.checkArticle(x, a, 0)
                dates.append(ArticleValues.date(x))
                return true
            }
            if dates.isEmpty { throw a.error("the collection of articles is empty") }
        } else {
            dates = try ArticleValues.articles(a, 0, allowEmpty: false).map(ArticleValues.date)
        }
        let period = try timelinePeriod(a.option("by"), a.error)
        let t = try analysing(a) { try Analysis.timeline(dates, by: period) }
        if t.undated > 0 { a.interpreter.warn("nql: timeline: \(t.undated) of \(dates.count) articles have no date and are not counted\n") }
        return .list(t.buckets.map { .record(Record([("period", .string($0.period)), ("count", .int($0.count))])) })
    }
}

extension Value {
    var isString: Bool { if case .string = self { return true } else { return false } }
    var isList: Bool { if case .list = self { return true } else { return false } }
}
