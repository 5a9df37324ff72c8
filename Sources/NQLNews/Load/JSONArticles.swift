import Foundation

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
    static func article(from obj: [String: Any], path: String, index: Int, format: String) -> Article {
        var used = Set<String>()
        func first(_ keys: [String]) -> (String, Any)? {
            for k in keys {
                if let v = obj[k], !(v is NSNull) { used.insert(k); return (k, v) }
                if obj[k] != nil { used.insert(k) }
            }
            return nil
        }
        func scalar(_ v: Any) -> String? {
            if let s = v as? String { return s }
            if let d = v as? [String: Any] {
                for k in ["name", "@value", "title", "value"] { if let s = d[k] as? String { return s } }
                return nil
            }
            if let n = v as? NSNumber { return n.stringValue }
            return nil
        }
        func strings(_ v: Any) -> [String] {
            if let a = v as? [Any] { return a.compactMap(scalar).filter { !$0.isEmpty } }
            if let s = scalar(v), !s.isEmpty { return [s] }
            return []
        }

        let body: String = first(bodyKeys).flatMap { scalar($0.1) } ?? ""
        let title = first(titleKeys).flatMap { scalar($0.1) }.map { TextShape.collapse($0) }.flatMap { $0.isEmpty ? nil : $0 }
        var rawDate: String?
        var date: String?
        var extra: [String: String] = [:]
        if let (_, v) = first(dateKeys), let s = scalar(v) {
            rawDate = s
            if let found = DateNormalizer.find(s) {
                date = found.day
                if let t = found.time { extra["time"] = t }
            } else if let n = v as? NSNumber, n.doubleValue > 1e8 {
                // Unix time in seconds or milliseconds.
                let secs = n.doubleValue > 1e11 ? n.doubleValue / 1000 : n.doubleValue
                date = unixDay(secs)
            }
        }
        var authors: [String] = []
        if let (_, v) = first(authorKeys) {
            for a in strings(v) { authors.append(contentsOf: Bylines.splitNames(a)) }
        }
        let source = first(sourceKeys).flatMap { scalar($0.1) }.flatMap { $0.isEmpty ? nil : $0 }
        let url = first(urlKeys).flatMap { scalar($0.1) }
        let id = first(idKeys).flatMap { scalar($0.1) } ?? "\(path)#\(index)"
        let subtitle = first(subtitleKeys).map { strings($0.1) } ?? []
        let captions = first(captionKeys).map { strings($0.1) } ?? []
        for (k, v) in obj where !used.contains(k) {
            if let s = scalar(v) {
                extra[k] = s
            } else if let a = v as? [Any] {
                let parts = a.compactMap(scalar)
                if parts.count == a.count, !parts.isEmpty { extra[k] = parts.joined(separator: ", ") }
            }
        }
        return Article(
            id: id, path: path, title: title, subtitle: subtitle, source: source, authors: authors,
            date: date, rawDate: rawDate, url: url, text: body, captions: captions, format: format,
            encoding: "utf-8", extra: extra)
    }

    static func unixDay(_ secs: Double) -> String {
        let days = Int((secs / 86400).rounded(.down))
        // Civil-from-days (Howard Hinnant).
        let z = days + 719468
        let era = (z >= 0 ? z : z - 146096) / 146097
        let doe = z - era * 146097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        let y = yoe + era * 400 + (m <= 2 ? 1 : 0)
        return String(format: "%04d-%02d-%02d", y, m, d)
    }

    /// Parses a whole `.json` file: one object, an array of objects, or an
    /// object holding an array under `articles`, `items`, `data` or `results`.
    static func parseDocument(_ data: Data, path: String) -> ([Article], [LoadProblem]) {
        let obj: Any
        do {
            obj = try JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed])
        } catch {
            return ([], [LoadProblem(path: path, message: "invalid json: \(jsonMessage(error))")])
        }
        var records: [Any] = []
        if let a = obj as? [Any] { records = a }
        else if let d = obj as? [String: Any] {
            if let a = ["articles", "items", "data", "results", "documents", "docs"].lazy.compactMap({ d[$0] as? [Any] }).first,
                first(bodyKeys, in: d) == nil
            {
                records = a
            } else {
                records = [d]
            }
        } else {
            return ([], [LoadProblem(path: path, message: "json is not an object or an array of objects")])
        }
        var arts: [Article] = []
        var probs: [LoadProblem] = []
        for (i, r) in records.enumerated() {
            if let d = r as? [String: Any] { arts.append(article(from: d, path: path, index: i + 1, format: "json")) }
            else { probs.append(LoadProblem(path: path, message: "record \(i + 1) is not a json object; skipped")) }
        }
        return (arts, probs)
    }

    private static func first(_ keys: [String], in d: [String: Any]) -> Any? {
        for k in keys { if let v = d[k] { return v } }
        return nil
    }

    /// Parses JSON Lines: one object a line; a bad line is reported with its number and skipped.
    static func parseLines(_ data: Data, path: String) -> ([Article], [LoadProblem]) {
        // Find line ranges first, then parse them on all cores.
        var ranges: [Range<Int>] = []
        data.withUnsafeBytes { raw in
            let b = raw.bindMemory(to: UInt8.self)
            var start = 0
            for i in 0..<b.count where b[i] == 0x0A {
                ranges.append(start..<i)
                start = i + 1
            }
            if start < b.count { ranges.append(start..<b.count) }
        }
        let results = Parallel.map(count: ranges.count) { i -> Result<Article?, LoadProblem> in
            let r = ranges[i]
            let line = data.subdata(in: r)
            if isBlank(line) { return .success(nil) }
            do {
                let obj = try JSONSerialization.jsonObject(with: line, options: [])
                guard let d = obj as? [String: Any] else {
                    return .failure(LoadProblem(path: path, line: i + 1, message: "line is not a json object; skipped"))
                }
                return .success(article(from: d, path: path, index: i + 1, format: "jsonl"))
            } catch {
                return .failure(LoadProblem(path: path, line: i + 1, message: "invalid json (\(jsonMessage(error))); line skipped"))
            }
        }
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

    private static func isBlank(_ d: Data) -> Bool {
        d.allSatisfy { $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }
    }

    private static func jsonMessage(_ error: Error) -> String {
        let ns = error as NSError
        if let d = ns.userInfo[NSDebugDescriptionErrorKey] as? String { return d.lowercased() }
        return "cannot parse"
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
