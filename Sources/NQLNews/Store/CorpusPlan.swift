import Foundation
import NQL

/// What a `corpus` stream reads from its store, and the stages it can answer
/// itself (`StreamPlan`): `filter` by `mentions(NAME)` through the
/// mention_keys table, by `contains(.text, PHRASE)` and `matches(.text, RE)`
/// through FTS5 and then the exact check, by `.source == "X"` / `!=`, by
/// `.words` compared with a whole number and `.date` compared with a date,
/// those joined with `and`, and chains of such filters; `take(n)` (SQL's
/// LIMIT); `len` of any of these. Anything else reads the articles one at a time.
final class CorpusPlan: StreamPlan, @unchecked Sendable {
    /// What a row FTS5 found is checked against before it is given.
    enum Check {
        /// `contains(.text, PHRASE)`.
        case phrase(PhraseSearch)
        /// `matches(.text, RE)`.
        case regex(RegexValue)

        func holds(_ text: String) throws -> Bool {
            switch self {
            case .phrase(let p): return p.matches(text)
            case .regex(let r): return try r.matches(text)
            }
        }
    }

    /// One condition the store checks.
    enum Condition {
        /// Articles with any of these mention keys (`CorpusStore.mentionKeys`).
        case mentions([String])
        /// Articles whose text FTS5 finds with the query (every text the check holds for, and maybe more),
        /// then checked exactly.
        case text(fts: String, check: Check)
        /// An SQL condition on the articles table and its parameters.
        case sql(String, [SQLValue])
    }

    let path: String
    let shown: String
    /// The conditions every article given holds (none: the whole corpus).
    let conditions: [Condition]
    /// At most this many articles (`take`), after the conditions.
    let limit: Int?
    /// Whether the store marks the texts FTS5 may split otherwise than `contains` (`articles.folds`, schema 2).
    let marksFolds: Bool
    private let interpreter: Interpreter
    private let error: (String) -> Error

    init(path: String, shown: String, conditions: [Condition] = [], limit: Int? = nil, marksFolds: Bool, interpreter: Interpreter,
         error: @escaping (String) -> Error) {
        self.path = path
        self.shown = shown
        self.conditions = conditions
        self.limit = limit
        self.marksFolds = marksFolds
        self.interpreter = interpreter
        self.error = error
    }

    /// The exact checks after FTS5 narrows.
    private var checks: [Check] {
        conditions.compactMap { if case .text(_, let c) = $0 { return c } else { return nil } }
    }

    /// The articles, read from the store in the order they were first indexed.
    func stream() -> ValueStream {
        ValueStream({ [self] in
            let store = try open()
            let s = try guarded { try store.db.prepare(sql(columns: CorpusStore.articleColumns)) }
            _ = try guarded { try s.bind(parameters) }
            let checks = self.checks
            var left = limit ?? .max
            // After its last row a statement would start again if stepped: the end is kept.
            var ended = false
            return { [self] in
                while !ended, left > 0, try guarded({ try s.step() }) {
                    if !checks.isEmpty {
                        let text = s.text(9) ?? ""
                        if try !checks.allSatisfy({ try $0.holds(text) }) { continue }
                    }
                    left -= 1
                    return CorpusStore.record(from: s)
                }
                ended = true
                _ = store
                return nil
            }
        }, plan: self)
    }

    func narrowed(by predicate: Function) throws -> ValueStream? {
        // A filter after take selects among the first n: read them.
        guard limit == nil, let more = narrowing(predicate) else { return nil }
        return CorpusPlan(path: path, shown: shown, conditions: conditions + more, marksFolds: marksFolds, interpreter: interpreter,
                          error: error).stream()
    }

    func taken(_ n: Int) throws -> ValueStream? {
        CorpusPlan(path: path, shown: shown, conditions: conditions, limit: min(limit ?? n, n), marksFolds: marksFolds, interpreter: interpreter,
                   error: error).stream()
    }

    /// A variable keeps a corpus (and a filter or take of one): it is read from the store each time it is used.
    var keptWhenBound: Bool { true }

    var elementFields: [String]? { ArticleValues.recordKeys }

    func summary() throws -> (type: String, value: String)? {
        guard let n = try count() else { return nil }
        let part = conditions.isEmpty && limit == nil ? "" : " (filtered)"
        return ("corpus", "\(n) article\(n == 1 ? "" : "s")\(part) in '\(shown)', read when used")
    }

    func count() throws -> Int? {
        let store = try open()
        let limit = self.limit ?? .max
        return try guarded {
            if conditions.isEmpty { return min(try store.count(), limit) }
            if conditions.count == 1, case .mentions(let keys) = conditions[0] {
                // (key, article_id) is the table's key: one key's rows are distinct articles already.
                let counted = keys.count == 1 ? "count(*)" : "count(DISTINCT article_id)"
                let s = try store.db.prepare("SELECT \(counted) FROM mention_keys WHERE key IN (\(placeholders(keys.count)))")
                try s.bind(keys.map { .text($0) })
                return min(try s.step() ? s.int(0) ?? 0 : 0, limit)
            }
            let checks = self.checks
            if checks.isEmpty {
                let s = try store.db.prepare("SELECT count(*) FROM articles WHERE " + whereClause)
                try s.bind(parameters)
                return min(try s.step() ? s.int(0) ?? 0 : 0, limit)
            }
            // The rows FTS5 found are checked one by one (only their text is read).
            let s = try store.db.prepare(sql(columns: "text"))
            try s.bind(parameters)
            var n = 0
            while n < limit, try s.step() {
                let text = s.text(0) ?? ""
                if try checks.allSatisfy({ try $0.holds(text) }) { n += 1 }
            }
            return n
        }
    }

    private func open() throws -> CorpusStore {
        try guarded { try CorpusStore.openForReading(path, shown: shown) }
    }

    /// Runs `body`, turning a store's `Problem` or an SQLite failure into one clear error.
    private func guarded<T>(_ body: () throws -> T) throws -> T {
        do { return try CorpusStore.wrapping(shown, body) } catch let p as CorpusStore.Problem { throw error(p.message) }
    }

    private func placeholders(_ n: Int) -> String { Array(repeating: "?", count: n).joined(separator: ", ") }

    /// The conditions as SQL (their parameters: `parameters`).
    private var whereClause: String {
        if conditions.isEmpty { return "1" }
        return conditions.map { c -> String in
            switch c {
            case .mentions(let keys): return "id IN (SELECT article_id FROM mention_keys WHERE key IN (\(placeholders(keys.count))))"
            case .text(_, .phrase):
                // With the texts FTS5 may split otherwise than contains (`CorpusStore.foldsOtherwise`).
                return "seq IN (SELECT rowid FROM articles_fts WHERE articles_fts MATCH ? UNION SELECT seq FROM articles WHERE folds = 1)"
            case .text(_, .regex): return "seq IN (SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?)"
            case .sql(let condition, _): return "(\(condition))"
            }
        }.joined(separator: " AND ")
    }

    private var parameters: [SQLValue?] {
        conditions.flatMap { c -> [SQLValue?] in
            switch c {
            case .mentions(let keys): return keys.map { .text($0) }
            case .text(let query, _): return [.text(query)]
            case .sql(_, let values): return values
            }
        }
    }

    /// The query for the articles that hold the conditions, in store order.
    private func sql(columns: String) -> String {
        let all = checks.isEmpty ? limit.map { " LIMIT \($0)" } ?? "" : ""
        return "SELECT \(columns) FROM articles WHERE \(whereClause) ORDER BY seq" + all
    }

    /// An FTS5 query that every text containing the phrase matches: the phrase
    /// of its words (FTS5 splits the texts into the same words, and `contains`
    /// allows only whitespace between them), in the text column.
    static func ftsQuery(_ phrase: String) -> String {
        let words = phrase.split(whereSeparator: { $0.isWhitespace }).map { $0.replacingOccurrences(of: "\"", with: "\"\"") }
        return "text : \"" + words.joined(separator: " ") + "\""
    }

    /// The conditions a predicate stands for, when the store can answer it with the same result.
    private func narrowing(_ f: Function) -> [Condition]? {
        switch f.kind {
        case .partial(let b, let args, let labeled):
            guard labeled.isEmpty, args.count == 1, case .string(let s) = args[0] else { return nil }
            return call(b.name, s).map { [$0] }
        case .combined(.and, let parts):
            var all: [Condition] = []
            for part in parts {
                guard let c = narrowing(part) else { return nil }
                all += c
            }
            return all
        case .closure(let c):
            guard c.lambda.params == ["."] else { return nil }
            return conditions(c.lambda.body, c.captured)
        default:
            return nil
        }
    }

    /// The conditions of an implicit function's body: `contains(.text, "phrase")`,
    /// `matches(.text, /re/)`, `mentions(., "NAME")`, `mentions("NAME")` (applied to the element),
    /// `.source == "X"`, `.words > 200`, `.date >= @2024-07-01`, and these joined with `and`.
    private func conditions(_ body: Expr, _ captured: Scope?) -> [Condition]? {
        switch body {
        case .binary(.and, let l, let r, _):
            guard let a = conditions(l, captured), let b = conditions(r, captured) else { return nil }
            return a + b
        case .call(.name(let callee, _), let args, _):
            guard args.allSatisfy({ $0.label == nil }), captured?.lookup(callee) == nil, interpreter.globals[callee] == nil else { return nil }
            if args.count == 1, case .literal(.string(let s), _) = args[0].value { return call(callee, s).map { [$0] } }
            guard args.count == 2, case .implicitField(let field, _) = args[0].value else { return nil }
            if callee == "matches", field == "text" { return matches(args[1].value).map { [$0] } }
            guard case .literal(.string(let s), _) = args[1].value,
                  field == nil || (field == "text" && callee == "contains") else { return nil }
            return call(callee, s).map { [$0] }
        case .binary(let op, .implicitField(let field?, _), .literal(let value, _), _):
            switch (field, op, value) {
            case ("source", .eq, .string(let s)): return [.sql("source IS ?", [.text(s)])]
            case ("source", .ne, .string(let s)): return [.sql("source IS NOT ?", [.text(s)])]
            case ("words", _, .int(let n)):
                return CorpusPlan.sqlOperators[op].map { [.sql("words \($0) ?", [.int(n)])] }
            case ("date", _, .date(let d)):
                return CorpusPlan.date(op, d).map { [$0] }
            default: return nil
            }
        default:
            return nil
        }
    }

    private static let sqlOperators: [BinaryOp: String] = [.eq: "=", .ne: "!=", .lt: "<", .le: "<=", .gt: ">", .ge: ">="]

    /// `.date OP d`. The column holds a date as `DateValue.iso` writes it (which
    /// sorts as the days do for years 0–9999), or NULL, or text that was not a
    /// date (which reads back as null); `date(x, '+0 days') = x` holds only for
    /// the first (a modifier makes SQLite carry 2024-02-30 over to March).
    /// As in NQL, null is neither before nor after a date and differs from every one.
    static func date(_ op: BinaryOp, _ d: DateValue) -> Condition? {
        guard (0...9999).contains(d.parts.year), let sqlOp = sqlOperators[op] else { return nil }
        switch op {
        case .eq: return .sql("date = ?", [.text(d.iso)])
        case .ne: return .sql("date IS NOT ?", [.text(d.iso)])
        default: return .sql("date \(sqlOp) ? AND date(date, '+0 days') = date", [.text(d.iso)])
        }
    }

    /// The condition of `matches(.text, PATTERN)`, when FTS5 can narrow it: see `ftsQuery(regex:flags:)`.
    private func matches(_ pattern: Expr) -> Condition? {
        let regex: RegexValue
        switch pattern {
        case .literal(.regex(let r), _): regex = r
        case .literal(.string(let s), _):
            guard let r = try? RegexValue.cached(pattern: s) else { return nil }
            regex = r
        default: return nil
        }
        return CorpusPlan.ftsQuery(regex: regex.pattern, flags: regex.flags).map { .text(fts: $0, check: .regex(regex)) }
    }

    /// The condition of `mentions(NAME)` or `contains(PHRASE)`.
    private func call(_ name: String, _ argument: String) -> Condition? {
        switch name {
        case "mentions":
            let keys = CorpusStore.mentionKeys(forQuery: argument)
            return keys.isEmpty ? nil : .mentions(keys)
        case "contains":
            // Only phrases whose words FTS5 and `contains` split the same way: ASCII letters and digits;
            // and only in a store that marks the texts FTS5 may split otherwise (schema 2 on).
            guard marksFolds else { return nil }
            let words = argument.split(whereSeparator: { $0.isWhitespace })
            guard !words.isEmpty, words.allSatisfy({ $0.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber) } }) else { return nil }
            return .text(fts: CorpusPlan.ftsQuery(argument), check: .phrase(PhraseSearch.compiled(argument)))
        default:
            return nil
        }
    }
}

extension CorpusPlan {
    /// An FTS5 query that every text the regular expression matches somewhere
    /// also matches, or nil when none can be drawn from it safely.
    ///
    /// The pattern is read as a sequence of parts; only ASCII characters written
    /// literally count, outside groups and classes and not under a quantifier.
    /// A run of letters and digits with a literal separator (a space or other
    /// ASCII punctuation), `^` or `$` on both sides is a whole FTS5 token of every
    /// text matched; with one on its left only, the start of one (`"oil"*`).
    /// Not narrowed: the flags `i` (ICU folds case more widely than FTS5) and `x`,
    /// any `|` outside a group, `(?` (inline flags, lookaround), `\Q`, escapes with
    /// arguments (`\x41`, `\p{L}`, back-references), and patterns without such a run.
    static func ftsQuery(regex pattern: String, flags: String) -> String? {
        if flags.contains("i") || flags.contains("x") { return nil }
        enum Part: Equatable { case letter(UInt8), separator, anchor, other }
        let b = Array(pattern.utf8)
        var parts: [Part] = []
        var i = 0
        func isAlnum(_ c: UInt8) -> Bool { (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5A) || (c >= 0x61 && c <= 0x7A) }
        // Skips a class from its "[" (nested sets, escapes); false when it does not end or starts with "]".
        func skipClass() -> Bool {
            var depth = 0
            while i < b.count {
                switch b[i] {
                case UInt8(ascii: "\\"): i += 2
                case UInt8(ascii: "["):
                    depth += 1
                    i += 1
                    if i < b.count, b[i] == UInt8(ascii: "^") { i += 1 }
                    if i < b.count, b[i] == UInt8(ascii: "]") { return false }
                case UInt8(ascii: "]"):
                    depth -= 1
                    i += 1
                    if depth == 0 { return true }
                default: i += 1
                }
            }
            return false
        }
        while i < b.count {
            let c = b[i]
            switch c {
            case UInt8(ascii: "("):
                if i + 1 < b.count, b[i + 1] == UInt8(ascii: "?") { return nil }
                var depth = 0
                repeat {
                    guard i < b.count else { return nil }
                    switch b[i] {
                    case UInt8(ascii: "\\"): i += 2
                    case UInt8(ascii: "["): guard skipClass() else { return nil }
                    case UInt8(ascii: "("): depth += 1; i += 1
                    case UInt8(ascii: ")"): depth -= 1; i += 1
                    default: i += 1
                    }
                } while depth > 0
                parts.append(.other)
            case UInt8(ascii: "["):
                guard skipClass() else { return nil }
                parts.append(.other)
            case UInt8(ascii: "\\"):
                guard i + 1 < b.count else { return nil }
                let n = b[i + 1]
                i += 2
                if n >= 0x80 {
                    parts.append(.other)
                } else if isAlnum(n) {
                    // One-letter escapes only; \Q, \x41, \p{L}, \N{..}, \1 and the like are not read.
                    guard Array("bBdDsSwWhHvVRXAZzGnrtfae".utf8).contains(n) else { return nil }
                    // \s and the control characters are FTS5 separators; the others may match letters.
                    parts.append(Array("snrtfea".utf8).contains(n) ? .separator : .other)
                } else {
                    parts.append(.separator)
                }
            case UInt8(ascii: "|"), UInt8(ascii: ")"): return nil
            case UInt8(ascii: "*"), UInt8(ascii: "+"), UInt8(ascii: "?"), UInt8(ascii: "{"):
                // A quantified part may be absent or repeated: a letter is no longer part of a word, a
                // separator stays one when it must occur at least once. After a quantifier, ? and + only
                // make it lazy or possessive.
                var atLeastOnce = c == UInt8(ascii: "+")
                if c == UInt8(ascii: "{") {
                    guard let end = b[i...].firstIndex(of: UInt8(ascii: "}")) else { return nil }
                    let least = String(decoding: b[(i + 1)..<end], as: UTF8.self).split(separator: ",", omittingEmptySubsequences: false).first
                    atLeastOnce = least.flatMap { Int($0) }.map { $0 >= 1 } ?? false
                    i = end
                }
                if let last = parts.last, !(last == .separator && atLeastOnce) { parts[parts.count - 1] = .other }
                i += 1
                if i < b.count, b[i] == UInt8(ascii: "?") || b[i] == UInt8(ascii: "+") { i += 1 }
            case UInt8(ascii: "^"), UInt8(ascii: "$"):
                parts.append(.anchor)
                i += 1
            case UInt8(ascii: "."), UInt8(ascii: "]"), UInt8(ascii: "}"):
                parts.append(.other)
                i += 1
            default:
                parts.append(c >= 0x80 ? .other : isAlnum(c) ? .letter(c) : .separator)
                i += 1
            }
        }
        var terms: [String] = []
        var j = 0
        while j < parts.count {
            guard case .letter = parts[j] else { j += 1; continue }
            let start = j
            var word: [UInt8] = []
            while j < parts.count, case .letter(let c) = parts[j] {
                word.append(c)
                j += 1
            }
            let left = start > 0 && (parts[start - 1] == .separator || parts[start - 1] == .anchor)
            let right = j < parts.count && (parts[j] == .separator || parts[j] == .anchor)
            guard left else { continue }
            terms.append("\"" + String(decoding: word, as: UTF8.self) + "\"" + (right ? "" : "*"))
        }
        return terms.isEmpty ? nil : "text : (" + terms.joined(separator: " AND ") + ")"
    }
}
