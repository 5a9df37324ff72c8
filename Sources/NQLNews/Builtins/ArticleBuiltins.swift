import Foundation
import NQL

/// `load`, `entities`, `mentions`, `contains`, `filter` and `save`.
enum ArticleBuiltins {
    static let all: [Builtin] = [load, entities, mentions, contains, filter, save]

    static let load = Builtin(
        "load", group: "articles", params: "path",
        summary: "Load articles from a file, folder, glob or \"-\" (stdin): .txt .md .html .json .jsonl. One text or HTML file gives one article; anything else a list.",
        example: #"let a = load("Examples/articles/tokyo-2plus2.txt")"#,
        details: ArticleValues.fieldHelp + "\n\n" + LoadMessages.streamingHelp, fileUse: .read(argument: 0)
    ) { a in
        let raw = try a.string(0)
        let path = raw == "-" || raw.hasPrefix("/") ? raw : a.interpreter.currentDirectory + "/" + raw
        if let missing = MissingFile.message(raw, path: path) { throw a.error(missing) }
        let prefix = a.interpreter.currentDirectory + "/"
        var stdinData: Data?
        switch ArticleLoader.streamSource(path) {
        case .stream(let source): return .stream(articleStream(source, a, prefix: prefix))
        case .standardInput(let data): stdinData = data
        case .whole: break
        }
        var (articles, problems) = ArticleLoader.load(path, stdin: { stdinData })
        if path != "-" { confine(&articles, &problems, a.interpreter.fileAccess) }
        report(problems, a, prefix: prefix)
        let values = articles.map { articleValue($0, prefix: prefix) }
        var isDirectory: ObjCBool = false
        let single = FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && !isDirectory.boolValue
            && ["txt", "md", "html", "htm", "markdown"].contains((path as NSString).pathExtension.lowercased())
        if single { return values.first ?? .null }
        return .list(values)
    }

    /// Under `--read`/`--sandbox`: a file reached through a link inside an allowed
    /// folder that leads out of it is dropped, with a problem naming it.
    static func confine(_ articles: inout [Article], _ problems: inout [LoadProblem], _ access: FileAccess) {
        guard access.readable != nil else { return }
        let outside = Set(articles.map(\.path).filter { !access.mayRead($0) })
        guard !outside.isEmpty else { return }
        articles.removeAll { outside.contains($0.path) }
        for file in outside.sorted() { problems.append(LoadProblem(path: file, message: LoadMessages.outsideReadableFolders)) }
    }

    /// Warns about what could not be loaded (counted for exit status 4; notes are not).
    static func report(_ problems: [LoadProblem], _ a: Arguments, prefix: String) {
        for p in problems {
            let shown = p.description.replacingOccurrences(of: prefix, with: "")
            if p.isNote { a.interpreter.warn("nql: load: \(shown)\n") } else { a.interpreter.reportInputError("nql: load: \(shown)\n") }
        }
    }

    /// An article's record, with paths (and ids made from them) as the user wrote them, relative to the current folder.
    static func articleValue(_ article: Article, prefix: String) -> Value {
        var v = ArticleValues.record(article)
        if case .record(var r) = v, article.path.hasPrefix(prefix) {
            r["path"] = .string(String(article.path.dropFirst(prefix.count)))
            if article.id.hasPrefix(prefix) { r["id"] = .string(String(article.id.dropFirst(prefix.count))) }
            v = .record(r)
        }
        return v
    }

    /// `load` of JSON Lines, a folder or a glob: articles a batch at a time.
    /// Each reading starts again from the source; standard input can be read
    /// once (a second reading is an error: `let` collects it).
    static func articleStream(_ source: ArticleBatches.Source, _ a: Arguments, prefix: String) -> ValueStream {
        final class Once: @unchecked Sendable { var read = false }
        let once = Once()
        return ValueStream {
            if case .standardInput = source {
                if once.read { throw a.error(LoadMessages.standardInputReadTwice) }
                once.read = true
            }
            // The next batch is read, parsed and made into records on another
            // thread (records on all cores) while this one is worked on.
            let batches = ArticleBatches(source)
            let access = a.interpreter.fileAccess
            let ahead = ReadAhead { () -> ([Value], [LoadProblem])? in
                guard let batch = batches.next() else { return nil }
                var (articles, problems) = (batch.articles, batch.problems)
                if case .standardInput = source {} else { confine(&articles, &problems, access) }
                let kept = articles
                return (Parallel.map(count: kept.count) { articleValue(kept[$0], prefix: prefix) }, problems)
            }
            var queue: [Value] = []
            var position = 0
            return {
                while position == queue.count {
                    guard let batch = ahead.next() else { return nil }
                    report(batch.1, a, prefix: prefix)
                    a.interpreter.advanceProgress(batch.0.count)
                    queue = batch.0
                    position = 0
                }
                position += 1
                return queue[position - 1]
            }
        }
    }

    static let entities = Builtin(
        "entities", group: "articles", params: "article",
        summary: "Named entities of an article, a text or a list of articles: name, type, count, role, aliases (and mentions with offsets for one article).",
        example: #"load("Examples/articles/tokyo-2plus2.txt") | entities | where(.type == "PERSON") | select(.name, .role)"#,
        flow: .folds
    ) { a in
        let cache = try EntityCache.of(a.interpreter)
        if a[0].isList || a[0].isStream {
            // Over a collection: one row per entity, counted across articles (recognised a window at a time on all cores).
            var order: [String] = []
            var rows: [String: (entity: Entity, articles: Int)] = [:]
            try a.forEachElement(0, readAhead: true) { article in
                try ArticleValues.checkArticle(article, a, 0)
                for e in cache.entities(of: try ArticleValues.text(article, a)) {
                    let key = e.type.rawValue + "\u{0}" + e.name
                    if var row = rows[key] {
                        row.entity.count += e.count
                        row.entity.aliases = Array(Set(row.entity.aliases + e.aliases)).sorted()
                        if row.entity.role == nil { row.entity.role = e.role }
                        row.articles += 1
                        rows[key] = row
                    } else {
                        order.append(key)
                        rows[key] = (e, 1)
                    }
                }
                return true
            }
            let ranked = order.compactMap { rows[$0] }.enumerated().sorted { l, r in
                l.element.entity.count != r.element.entity.count ? l.element.entity.count > r.element.entity.count : l.offset < r.offset
            }
            return .list(ranked.map { item in
                guard case .record(var r) = ArticleValues.record(item.element.entity, withMentions: false) else { return .null }
                r["articles"] = .int(item.element.articles)
                return .record(r)
            })
        }
        let text = try ArticleValues.text(a[0], a)
        let found = cache.entities(of: text)
        if found.isEmpty, let script = NonEnglish.script(of: text) {
            a.interpreter.warn("nql: entities: the recogniser reads English; this text is in \(script), so no entities were found\n")
        }
        return .list(found.map { ArticleValues.record($0) })
    }

    static let mentions = Builtin(
        "mentions", group: "articles", params: "article, name",
        summary: "Whether the article (headline or body) mentions an entity: by name or alias (\"US\" finds \"United States\"), part of a person's name (\"Biden\"), or type (\"PERSON\").",
        example: #"load("Examples/articles/") | filter(mentions("Russia") and mentions("US")) | len"#
    ) { a in
        .bool(try EntityCache.of(a.interpreter).mentions(try ArticleValues.text(a[0], a), try a.string(1),
                                                         title: ArticleValues.field(a[0], "title")))
    }

    static let contains = Builtin(
        "contains", group: "articles", params: "article, phrase",
        summary: "Whether an article's text (or a string) contains the word or phrase: whole words, any case.",
        example: #"contains("Patriot missiles were sent", "patriot missiles")"#
    ) { a in
        .bool(TextSearch.containsPhrase(try ArticleValues.text(a[0], a), try a.string(1)))
    }

    static let filter = Builtin(
        "filter", group: "articles", params: "articles, predicate",
        summary: "Keep the articles for which the predicate holds; predicates combine with and, or, not.",
        example: #"load("Examples/articles/") | filter(mentions("Japan") and .date >= @2024-07-01) | select(.title, .source)"#,
        flow: .streams
    ) { a in
        if case .record = a[0] {
            // One article counts as a list of one.
            let f = try a.function(1)
            try ArticleValues.checkArticle(a[0], a, 0)
            return .list(try a.test(f, a[0]) ? [a[0]] : [])
        }
        guard a[0].isList || a[0].isStream else { throw a.error("argument 1 must be a list of articles, got \(a[0].typeName)") }
        let f = try a.function(1)
        // A corpus store answers some predicates through its indexes (`StreamPlan`).
        if case .stream(let s) = a[0], let narrowed = try s.plan?.narrowed(by: f) { return .stream(narrowed) }
        return try a.stage(keepsElements: true) { { x in
            try ArticleValues.checkArticle(x, a, 0)
            return try a.test(f, x) ? .emit(x) : .skip
        } }
    }

    static let save = Builtin(
        "save", group: "articles", params: "value, path", options: ["format"],
        summary: "Write a value to a file atomically as JSON, JSONL or CSV (by extension, or format: \"jsonl\"); articles to .html as a page with their entities marked; \"-\" writes to stdout.",
        example: #"save([{a: 1}], "/tmp/nql-example.csv")"#, fileUse: .write(argument: 1)
    ) { a in
        let raw = try a.string(1)
        let path = raw.hasPrefix("/") || raw == "-" ? raw : a.interpreter.currentDirectory + "/" + raw
        let format: OutputFormat
        let html = ["html", "htm"].contains((path as NSString).pathExtension.lowercased()) && a.option("format") == nil
        if html {
            format = .text
        } else if let named = a.option("format") {
            guard case .string(let name) = named, let f = OutputFormat(rawValue: name), f != .auto, f != .table else {
                throw a.error("format must be \"json\", \"jsonl\", \"csv\" or \"text\"")
            }
            format = f
        } else {
            switch (path as NSString).pathExtension.lowercased() {
            case "json": format = .json
            case "jsonl", "ndjson": format = .jsonl
            case "csv": format = .csv
            case "txt": format = .text
            default: throw a.error("cannot tell the format from '\(raw)'; use a name ending in .json, .jsonl, .csv or .txt, or give format:")
            }
        }
        let rendered = html ? try DisplayBuiltins.htmlPage(a[0], a) : Formatter.render(a[0], as: format)
        if raw == "-" || raw == "/dev/stdout" || raw == "/dev/fd/1" {  // through the output, in order with the results
            a.interpreter.output(rendered)
            return .null
        }
        do {
            try AtomicFile.write(Data(rendered.utf8), to: path)
        } catch let e as AtomicFile.WriteError {
            throw a.error(e.message)
        }
        // Scripts' stdout is data: the note is for a person at the prompt.
        if a.interpreter.display.interactive { a.interpreter.warn("saved to \(raw)\n") }
        return .null
    }
}

/// Whole-word, case-insensitive phrase search.
enum TextSearch {
    /// Whether `phrase` occurs in `text` as whole words, ignoring case and runs of whitespace
    /// (the phrase is compiled once and cached: see `PhraseSearch`).
    static func containsPhrase(_ text: String, _ phrase: String) -> Bool {
        PhraseSearch.compiled(phrase).matches(text)
    }
}
