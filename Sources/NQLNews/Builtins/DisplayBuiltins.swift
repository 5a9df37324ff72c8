import Foundation
import NQL

/// `show`: an article with its entities marked, on the terminal; `save` uses
/// the same highlight for `.html` files.
enum DisplayBuiltins {
    static let all: [Builtin] = [show]

    /// An article record (or a text) with its recognised mentions marked.
    static func highlight(_ v: Value, _ a: Arguments, index: Int = 0) throws -> Highlight {
        let text = try ArticleValues.text(v, a, index)
        let entities = try EntityCache.of(a.interpreter).entities(of: text)
        let marks = entities.flatMap { e in e.mentions.map { Highlight.Mark(start: $0.start, end: $0.end, type: e.type.rawValue) } }
        var meta: [String] = []
        if let source = ArticleValues.field(v, "source"), !source.isEmpty { meta.append(source) }
        if let date = ArticleValues.date(v) { meta.append(date) }
        if let author = ArticleValues.field(v, "author"), !author.isEmpty { meta.append("by " + author) }
        return Highlight(title: ArticleValues.field(v, "title"), meta: meta.isEmpty ? nil : meta.joined(separator: " · "),
                         text: text, marks: marks)
    }

    /// Articles (one record, a list of them, or a text) as one HTML page with their entities marked.
    static func htmlPage(_ v: Value, _ a: Arguments) throws -> String {
        let items: [Value]
        if case .string = v { items = [v] } else { items = try ArticleValues.articles(a, 0, allowEmpty: false) }
        let pages = try items.map { x -> Highlight in
            try a.checkInterrupt()
            return try highlight(x, a)
        }
        let title = pages.count == 1 ? (pages.first?.title ?? "Article") : "\(pages.count) articles"
        return Highlight.htmlPage(pages, title: title)
    }

    static let show = Builtin(
        "show", group: "articles", params: "article",
        summary: "Print an article (title, source, date, body wrapped to the terminal) with its entity mentions coloured by type, and a legend.",
        example: #"load("Examples/articles/tokyo-2plus2.txt") | show"#,
        details: """
            Like displaCy, in the terminal. Without colour (in a pipe, or with NO_COLOR) a mention is written
            [Antony Blinken|PERSON]. A list of articles shows each in turn. save(article, "a.html") writes the same
            highlighting as a self-contained web page.
            """
    ) { a in
        let items: [Value]
        if case .string = a[0] { items = [a[0]] } else { items = try ArticleValues.articles(a, 0) }
        let display = a.interpreter.display
        for (i, x) in items.enumerated() {
            try a.checkInterrupt()
            let h = try highlight(x, a)
            a.interpreter.output((i > 0 ? "\n" : "") + h.terminal(width: display.width, color: display.color))
        }
        return .null
    }
}
