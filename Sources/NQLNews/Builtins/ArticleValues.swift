import Foundation
import NQL

/// How articles and entities appear in NQL: as records with documented fields.
enum ArticleValues {
    /// An article as a record: `id, path, title, subtitle, source, author,
    /// authors, date, url, text, paragraphs, sentences, captions, words,
    /// format, encoding` and `extra` (other fields the input carried).
    static func record(_ a: Article) -> Value {
        func opt(_ s: String?) -> Value { s.map { .string($0) } ?? .null }
        func list(_ xs: [String]) -> Value { .list(xs.map { .string($0) }) }
        let date: Value = a.date.flatMap { DateValue(iso: $0) }.map { .date($0) } ?? .null
        var extra = Record()
        for key in a.extra.keys.sorted() { extra[key] = a.extra[key].map { .string($0) } }
        // Paragraphs, sentences and words are computed when first read: a
        // corpus that is filtered and counted keeps only its text.
        let derived = Derived(text: a.text, paragraphs: a.givenParagraphs)
        let paragraphs = Record.deferred { strings(derived.paragraphs) }
        return .record(Record(keys: recordKeys, values: [
            a.numericID ? Int(a.id).map { .int($0) } ?? .string(a.id) : .string(a.id), .string(a.path), opt(a.title), list(a.subtitle), opt(a.source), opt(a.author), list(a.authors), date,
            opt(a.url), .string(a.text), paragraphs,
            Record.deferred { strings(derived.sentences) }, list(a.captions), Record.deferred { .int(derived.words) },
            .string(a.format), .string(a.encoding), .record(extra),
        ]))
    }

    /// What an article record's deferred fields are computed from (one small object the three share).
    final class Derived: Sendable {
        let text: String
        let given: [String]?
        init(text: String, paragraphs: [String]?) {
            self.text = text
            given = paragraphs
        }
        var paragraphs: [String] { given ?? TextShape.paragraphs(of: text) }
        var sentences: [String] { SentenceSplitter.split(paragraphs: paragraphs) }
        var words: Int { TextShape.wordCount(text) }
    }

    @Sendable static func strings(_ xs: [String]) -> Value { .list(xs.map { .string($0) }) }

    /// The keys of an article record, in order (one array that every article record shares).
    static let recordKeys = fields.map(\.name)

    /// The fields `load` gives every article, in record order, with their help.
    static let fields: [(name: String, help: String)] = [
        ("id", "the input's own id, else path#n"),
        ("path", "the file it came from"),
        ("title", "the headline"),
        ("subtitle", "sub-headlines (a list)"),
        ("source", "the outlet: copyright footer, og:site_name, JSON source/site/publisher"),
        ("author", "the first author"),
        ("authors", "every author (a list)"),
        ("date", "the publication day: for a page, the date printed under the headline, else its metadata"),
        ("url", "the canonical URL"),
        ("text", "the clean body; from JSON exactly as given"),
        ("paragraphs", "the body's paragraphs (a list)"),
        ("sentences", "the body's sentences (a list)"),
        ("captions", "photo captions with their credits (a list)"),
        ("words", "word count of the body"),
        ("format", "txt, md, html, json or jsonl"),
        ("encoding", "the text encoding used"),
        ("extra", "everything else: time, published/modified (page metadata), JSON fields such as dateline"),
    ]

    /// `:help load`'s list of fields.
    static var fieldHelp: String {
        let width = fields.map(\.name.count).max() ?? 0
        return "fields of each article:\n" + fields.map { "  " + $0.name.padding(toLength: width, withPad: " ", startingAt: 0) + "  " + $0.help }.joined(separator: "\n")
    }

    /// The text of an article record or a string; an error naming the built-in otherwise.
    static func text(_ v: Value, _ a: Arguments, _ index: Int = 0) throws -> String {
        switch v {
        case .string(let s): return s
        case .record(let r):
            if case .string(let s)? = r["text"] { return s }
            throw a.error("argument \(index + 1) must be an article (a record with a 'text' field) or a string; this record has no text")
        default:
            throw a.error("argument \(index + 1) must be an article or a string, got \(v.typeName)")
        }
    }

    /// The list of articles in argument `index` (a single article counts as a list of one).
    static func articles(_ a: Arguments, _ index: Int, allowEmpty: Bool = true) throws -> [Value] {
        let xs: [Value]
        switch a[index] {
        case .list(let list): xs = list
        case .stream: xs = try a.list(index)
        case .record: xs = [a[index]]
        default: throw a.error("argument \(index + 1) must be a list of articles, got \(a[index].typeName)")
        }
        if !allowEmpty && xs.isEmpty { throw a.error("the collection of articles is empty") }
        for x in xs { try checkArticle(x, a, index) }
        return xs
    }

    /// Throws unless `x` is an article (a record with a `text` field), an element of argument `index`.
    static func checkArticle(_ x: Value, _ a: Arguments, _ index: Int) throws {
        guard case .record(let r) = x, r["text"] != nil else {
            throw a.error("argument \(index + 1) must hold articles (records with a 'text' field), found \(x.typeName)")
        }
    }

    /// A field of an article record as a string, if present.
    static func field(_ v: Value, _ name: String) -> String? {
        if case .record(let r) = v, case .string(let s)? = r[name] { return s }
        return nil
    }

    /// An article's date as ISO text, if it has one.
    static func date(_ v: Value) -> String? {
        guard case .record(let r) = v else { return nil }
        switch r["date"] {
        case .date(let d)?: return d.iso
        case .string(let s)?: return DateValue(iso: s)?.iso
        default: return nil
        }
    }

    /// An entity as a record: `name, type, count, role, aliases, mentions`.
    static func record(_ e: Entity, withMentions: Bool = true) -> Value {
        var pairs: [(String, Value)] = [
            ("name", .string(e.name)), ("type", .string(e.type.rawValue)), ("count", .int(e.count)),
            ("role", e.role.map { .string($0) } ?? .null), ("aliases", .list(e.aliases.map { .string($0) })),
        ]
        if withMentions {
            pairs.append(("mentions", .list(e.mentions.map {
                .record(Record([("start", .int($0.start)), ("end", .int($0.end)), ("text", .string($0.text))]))
            })))
        }
        return .record(Record(pairs))
    }
}
