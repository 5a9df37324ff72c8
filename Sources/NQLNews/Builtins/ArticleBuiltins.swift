import Foundation
import NQL

/// `load`, `entities`, `mentions`, `contains`, `filter` and `save`.
enum ArticleBuiltins {
    static let all: [Builtin] = [load, entities, mentions, contains, filter, save]

    static let load = Builtin(
        "load", group: "articles", params: "path",
        summary: "Load articles from a file, folder, glob or \"-\" (stdin): .txt .md .html .json .jsonl. One text or HTML file gives one article; anything else a list.",
        example: #"let a = load("Examples/articles/tokyo-2plus2.txt")"#,
        details: ArticleValues.fieldHelp, fileUse: .read(argument: 0)
    ) { a in
        let raw = try a.string(0)
        let path = raw == "-" || raw.hasPrefix("/") ? raw : a.interpreter.currentDirectory + "/" + raw
        if let missing = MissingFile.message(raw, path: path) { throw a.error(missing) }
        var (articles, problems) = ArticleLoader.load(path)
        // A file reached through a link inside an allowed folder that leads out of it is dropped.
        let access = a.interpreter.fileAccess
        if access.readable != nil, path != "-" {
            let outside = Set(articles.map(\.path).filter { !access.mayRead($0) })
            articles.removeAll { outside.contains($0.path) }
            for file in outside.sorted() { problems.append(LoadProblem(path: file, message: LoadMessages.outsideReadableFolders)) }
        }
        let prefix = a.interpreter.currentDirectory + "/"
        for p in problems {
            let shown = p.description.replacingOccurrences(of: prefix, with: "")
            if p.isNote { a.interpreter.warn("nql: load: \(shown)\n") } else { a.interpreter.reportInputError("nql: load: \(shown)\n") }
        }
        let values = articles.map { article -> Value in
            var v = ArticleValues.record(article)
            // Paths (and ids made from them) read as the user wrote them, relative to the current folder.
            if case .record(var r) = v, article.path.hasPrefix(prefix) {
                r["path"] = .string(String(article.path.dropFirst(prefix.count)))
                if article.id.hasPrefix(prefix) { r["id"] = .string(String(article.id.dropFirst(prefix.count))) }
                v = .record(r)
            }
            return v
        }
        var isDirectory: ObjCBool = false
        let single = FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && !isDirectory.boolValue
            && ["txt", "md", "html", "htm", "markdown"].contains((path as NSString).pathExtension.lowercased())
        if single { return values.first ?? .null }
        return .list(values)
    }

    static let entities = Builtin(
        "entities", group: "articles", params: "article",
        summary: "Named entities of an article, a text or a list of articles: name, type, count, role, aliases (and mentions with offsets for one article).",
        example: #"load("Examples/articles/tokyo-2plus2.txt") | entities | where(.type == "PERSON") | select(.name, .role)"#
    ) { a in
        let cache = try EntityCache.of(a.interpreter)
        if case .list = a[0] {
            // Over a collection: one row per entity, counted across articles.
            var order: [String] = []
            var rows: [String: (entity: Entity, articles: Int)] = [:]
            for article in try ArticleValues.articles(a, 0) {
                try a.checkInterrupt()
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
        example: #"load("Examples/articles/") | filter(mentions("Japan") and .date >= @2024-07-01) | select(.title, .source)"#
    ) { a in
        let xs = try ArticleValues.articles(a, 0)
        let f = try a.function(1)
        var out: [Value] = []
        for x in xs where try a.test(f, x) { out.append(x) }
        return .list(out)
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
    /// Whether `phrase` occurs in `text` as whole words, ignoring case and runs of whitespace.
    static func containsPhrase(_ text: String, _ phrase: String) -> Bool {
        let words = phrase.split(whereSeparator: { $0.isWhitespace }).map { NSRegularExpression.escapedPattern(for: String($0)) }
        guard !words.isEmpty else { return false }
        let pattern = "(?<![\\p{L}\\p{N}])" + words.joined(separator: "\\s+") + "(?![\\p{L}\\p{N}])"
        guard let re = try? NSRegularExpression(pattern: pattern, options: [.caseInsensitive]) else { return false }
        return re.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) != nil
    }
}
