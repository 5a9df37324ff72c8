import Foundation
import NQL

/// Maps JSON records to articles, recognising the field names news data uses.
///
/// Body: `text`, `body`, `content`, `article`, `articleBody`, `story`; title:
/// `title`, `headline`; date: `date`, `published`, `publish_date`, `pubDate`,
/// `published_at`, `publishedAt`, `datePublished`, `created_at`; author:
/// `author`, `authors` (string, array, or objects with `name`), `byline`;
/// source: `source`, `site`, `publisher`, `outlet`, `site_name`; url: `url`,
/// `link`. Every other scalar field (or array of scalars, joined by ", ") goes
/// to `extra`. The body string is kept exactly as given.
enum JSONArticles {
    static let bodyKeys = ["text", "body", "content", "article", "articleBody", "story", "full_text"]
    static let titleKeys = ["title", "headline", "name"]
    static let dateKeys = [
        "date", "published", "publish_date", "pubDate", "published_at", "publishedAt", "datePublished",
        "publication_date", "created_at", "timestamp", "time",
    ]
    static let authorKeys = ["author", "authors", "byline", "creator", "writer"]
    static let sourceKeys = ["source", "site", "publisher", "outlet", "site_name", "source_name", "feed"]
    static let urlKeys = ["url", "link", "canonical_url", "href"]
    static let idKeys = ["id", "_id", "uuid", "guid", "doc_id", "docid", "newid"]
    static let subtitleKeys = ["subtitle", "subheadline", "deck", "description", "summary"]
    static let captionKeys = ["captions", "caption"]

    /// Builds an article from one JSON object; `index` is 1-based within the file.
    static func article(from obj: Record, path: String, index: Int, format: String) -> Article {
        var used = Set<String>()
        func first(_ keys: [String]) -> Value? {
            for k in keys {
                if let v = obj[k] {
                    used.insert(k)
                    if case .null = v { continue }
                    return v
                }
            }
            return nil
        }
        func scalar(_ v: Value) -> String? {
            if case .record(let d) = v {
                for k in ["name", "@value", "title", "value"] { if let s = d[k]?.scalarString { return s } }
                return nil
            }
            return v.scalarString
        }
        func strings(_ v: Value) -> [String] {
            if case .list(let a) = v { return a.compactMap(scalar).filter { !$0.isEmpty } }
            if let s = scalar(v), !s.isEmpty { return [s] }
            return []
        }

        // A body given as a list of strings (paragraphs) is joined, not dropped.
        let body: String = first(bodyKeys).map { strings($0).joined(separator: "\n\n") } ?? ""
        var title = first(titleKeys).flatMap(scalar).map { TextShape.collapse($0) }.flatMap { $0.isEmpty ? nil : $0 }
        var rawDate: String?
        var date: String?
        var extra: [String: String] = [:]
        if let v = first(dateKeys), let s = scalar(v) {
            rawDate = s
            if let found = DateNormalizer.find(s) {
                date = found.day
                if let t = found.time { extra["time"] = t }
            } else if let n = v.number, n > 1e8 {
                // Unix time in seconds or milliseconds.
                date = unixDay(n > 1e11 ? n / 1000 : n)
            }
        }
        var authors: [String] = []
        if let v = first(authorKeys) {
            for a in strings(v) { authors.append(contentsOf: Bylines.splitNames(a)) }
        }
        let source = first(sourceKeys).flatMap(scalar).flatMap { $0.isEmpty ? nil : $0 }
        let url = first(urlKeys).flatMap(scalar)
        let id = first(idKeys).flatMap(scalar) ?? "\(path)#\(index)"
        let subtitle = first(subtitleKeys).map(strings) ?? []
        let captions = first(captionKeys).map(strings) ?? []
        for (k, v) in obj.pairs where !used.contains(k) {
            if let s = scalar(v) {
                extra[k] = s
            } else if case .list(let a) = v {
                let parts = a.compactMap(scalar)
                if parts.count == a.count, !parts.isEmpty { extra[k] = parts.joined(separator: ", ") }
            }
        }
        // No title field: a short first line of the body is its headline (newswire tables).
        if title == nil, let line = body.split(separator: "\n", maxSplits: 1, omittingEmptySubsequences: true).first {
            let t = TextShape.collapse(line)
            let letters = t.unicodeScalars.filter { $0.properties.isAlphabetic }
            let upper = letters.filter { $0.properties.isUppercase }.count
            if !t.isEmpty, t.count <= 120, !PlainTextExtractor.endsLikeSentence(t) || upper * 10 >= letters.count * 8 {
                title = t
                extra["title_from"] = "body"
            }
        }
        var article = Article(
            id: id, path: path, title: title, subtitle: subtitle, source: source, authors: authors,
            date: date, rawDate: rawDate, url: url, text: body, captions: captions, format: format,
            encoding: "utf-8", extra: extra)
        if case .int? = first(idKeys) { article.numericID = true }
        return article
    }

    /// JSON that is not UTF-8 (Latin-1 from an old export): decoded as the text
    /// decoder finds it (Windows-1252, EUC-KR, UTF-16), parsed, and noted; nil for UTF-8.
    static func notUTF8(_ data: Data, path: String, parse: (Data, String) -> ([Article], [LoadProblem])) -> ([Article], [LoadProblem])? {
        let valid = data.withUnsafeBytes { String(validating: $0.bindMemory(to: UInt8.self), as: UTF8.self) != nil }
        guard !valid, case .text(let text, let encoding) = TextDecoding.decode(data), encoding != "utf-8" else { return nil }
        var (articles, problems) = parse(Data(text.utf8), path)
        for i in articles.indices { articles[i].encoding = encoding }
        problems.insert(LoadProblem(path: path, message: LoadMessages.decodedAs(encoding), isNote: true), at: 0)
        return (articles, problems)
    }

    /// The day of a Unix time; nil past the years a date can hold (1e400, a typo'd timestamp).
    static func unixDay(_ secs: Double) -> String? {
        let days = (secs / 86400).rounded(.down)
        guard days.isFinite, days >= Double(DateValue.representable.lowerBound), days <= Double(DateValue.representable.upperBound) else { return nil }
        return DateValue(days: Int(days)).iso
    }

    /// Parses a whole `.json` file: one object, an array of objects, or an
    /// object holding an array under `articles`, `items`, `data` or `results`.
    static func parseDocument(_ data: Data, path: String) -> ([Article], [LoadProblem]) {
        let parsed: Result<Value, JSON.ParseError> = data.withUnsafeBytes { raw in
            let b = raw.bindMemory(to: UInt8.self)
            let start = b.count >= 3 && b[0] == 0xEF && b[1] == 0xBB && b[2] == 0xBF ? 3 : 0
            do { return .success(try JSON.parse(bytes: UnsafeBufferPointer(rebasing: b[start...]), bigIntegersAsText: true)) }
            catch let e as JSON.ParseError { return .failure(e) }
            catch { return .failure(JSON.ParseError(offset: 0, reason: "cannot parse")) }
        }
        let obj: Value
        switch parsed {
        case .success(let v): obj = v
        case .failure(let e):
            return ([], [LoadProblem(path: path, line: lineNumber(data, offset: e.offset), message: LoadMessages.invalidJSON(e.reason))])
        }
        var records: [Value] = []
        switch obj {
        case .list(let a): records = a
        case .record(let d):
            if first(bodyKeys, in: d) == nil,
                let a = ["articles", "items", "data", "results", "documents", "docs"].lazy.compactMap({ k -> [Value]? in
                    if case .list(let a)? = d[k] { return a } else { return nil }
                }).first
            {
                records = a
            } else {
                records = [obj]
            }
        default:
            return ([], [LoadProblem(path: path, message: LoadMessages.jsonNotObjects)])
        }
        var arts: [Article] = []
        var probs: [LoadProblem] = []
        for (i, r) in records.enumerated() {
            if case .record(let d) = r { arts.append(article(from: d, path: path, index: i + 1, format: "json")) }
            else { probs.append(LoadProblem(path: path, message: LoadMessages.recordNotObject(i + 1))) }
        }
        if arts.isEmpty, probs.isEmpty { probs.append(LoadProblem(path: path, message: LoadMessages.noJSONRecords)) }
        return (arts, probs)
    }

    static func lineNumber(_ data: Data, offset: Int) -> Int {
        var line = 1
        for c in data.prefix(offset) where c == 0x0A { line += 1 }
        return line
    }

    private static func first(_ keys: [String], in d: Record) -> Value? {
        for k in keys { if let v = d[k] { return v } }
        return nil
    }

    /// Parses JSON Lines: one object a line; a bad line is reported with its number and skipped.
    static func parseLines(_ data: Data, path: String) -> ([Article], [LoadProblem]) {
        // Find line ranges first, then parse them on all cores.
        var ranges: [Range<Int>] = []
        data.withUnsafeBytes { raw in
            let b = raw.bindMemory(to: UInt8.self)
            var start = b.count >= 3 && b[0] == 0xEF && b[1] == 0xBB && b[2] == 0xBF ? 3 : 0
            for i in start..<b.count where b[i] == 0x0A {
                ranges.append(start..<i)
                start = i + 1
            }
            if start < b.count { ranges.append(start..<b.count) }
        }
        let results = data.withUnsafeBytes { (raw: UnsafeRawBufferPointer) -> [Result<Article?, LoadProblem>] in
            let all = raw.bindMemory(to: UInt8.self)
            return Parallel.map(count: ranges.count) { i in parseLine(UnsafeBufferPointer(rebasing: all[ranges[i]]), path: path, number: i + 1) }
        }
        return gather(results)
    }

    /// One line of JSON Lines (`number` counts from 1): an article, nothing for a blank line, or the problem.
    static func parseLine(_ line: UnsafeBufferPointer<UInt8>, path: String, number: Int) -> Result<Article?, LoadProblem> {
        if line.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }) { return .success(nil) }
        do {
            let v = try JSON.parse(bytes: line, bigIntegersAsText: true)
            guard case .record(let d) = v else {
                return .failure(LoadProblem(path: path, line: number, message: LoadMessages.jsonLineNotObject))
            }
            return .success(article(from: d, path: path, index: number, format: "jsonl"))
        } catch let error as JSON.ParseError {
            return .failure(LoadProblem(path: path, line: number, message: LoadMessages.invalidJSONLine(error.reason, column: error.offset + 1)))
        } catch {
            return .failure(LoadProblem(path: path, line: number, message: LoadMessages.invalidJSONLine("cannot parse", column: 1)))
        }
    }

    /// Articles and problems from per-line results, in order.
    static func gather(_ results: [Result<Article?, LoadProblem>]) -> ([Article], [LoadProblem]) {
        var arts: [Article] = []
        var probs: [LoadProblem] = []
        arts.reserveCapacity(results.count)
        for r in results {
            switch r {
            case .success(let a): if let a { arts.append(a) }
            case .failure(let p): probs.append(p)
            }
        }
        return (arts, probs)
    }
}

extension LoadProblem: Error {}

/// Runs independent work on all cores, keeping the order of results.
enum Parallel {
    final class Slots<T>: @unchecked Sendable {
        var items: [T?]
        init(_ n: Int) { items = Array(repeating: nil, count: n) }
    }

    static func map<T>(count: Int, _ body: (Int) -> T) -> [T] {
        if count == 0 { return [] }
        if count < 4 { return (0..<count).map(body) }
        let slots = Slots<T>(count)
        let chunks = min(count, ProcessInfo.processInfo.activeProcessorCount * 4)
        let per = (count + chunks - 1) / chunks
        withoutActuallyEscaping(body) { body in
            slots.items.withUnsafeMutableBufferPointer { buf in
                guard let base = buf.baseAddress else { return }
                nonisolated(unsafe) let b = body
                nonisolated(unsafe) let p = base
                DispatchQueue.concurrentPerform(iterations: chunks) { c in
                    let lo = c * per
                    let hi = min(count, lo + per)
                    if lo < hi { for i in lo..<hi { p[i] = b(i) } }
                }
            }
        }
        return slots.items.compactMap { $0 }
    }
}

extension Value {
    /// The value as text when it is a scalar (JSON numbers as written, mostly).
    var scalarString: String? {
        switch self {
        case .string(let s): return s
        case .int(let n): return String(n)
        case .float(let d): return d == d.rounded() && abs(d) < 1e15 ? String(Int(d)) : "\(d)"
        case .bool(let b): return b ? "true" : "false"
        default: return nil
        }
    }

    /// The value as Foundation-style `Any` for the JSON-LD walker; null is left out of objects.
    var anyValue: Any {
        switch self {
        case .null: return Optional<Any>.none as Any
        case .bool(let b): return b
        case .int(let n): return Double(n)
        case .float(let d): return d
        case .string(let s): return s
        case .list(let a): return a.map(\.anyValue)
        case .record(let o):
            var d: [String: Any] = [:]
            for (k, v) in o.pairs where !v.isNull { d[k] = v.anyValue }
            return d
        default: return Formatter.text(self)
        }
    }
}
