import Foundation

/// How a built-in's result over input split into parts is put together again
/// (`nql --partial` on each part, `nql --merge` over the partials), declared in
/// its registry entry beside `flow`. The merged value equals the value over
/// the unsplit input: partials keep counts and first-seen orders, never
/// rounded or summed floats.
public struct Merge: Sendable {
    /// The partial result over one part of the input: a plain JSON value, or a
    /// list of them (one line each, as `stories` gives one per article).
    public let partial: @Sendable (Arguments) throws -> Value
    /// The value over the whole input from the partials' values, in input order
    /// (part by part), and the options the partials recorded.
    public let combine: @Sendable (_ values: [Value], _ options: Record, _ interpreter: Interpreter) throws -> Value
    /// Whether the partial is a list printed one element a line (each element is a partial of its own).
    public let perElement: Bool

    /// Declares how partials are made and combined.
    public init(perElement: Bool = false, partial: @escaping @Sendable (Arguments) throws -> Value,
                combine: @escaping @Sendable (_ values: [Value], _ options: Record, _ interpreter: Interpreter) throws -> Value) {
        self.perElement = perElement
        self.partial = partial
        self.combine = combine
    }

    /// The line `:help NAME` shows.
    public static let help = "mergeable: over split input, nql --partial on each part and nql --merge of the partials give the same result"
}

/// The self-describing line a partial is written as, and the merge of many.
///
/// `{"nql_partial": 1, "builtin": "tally", "stage": "tally(.source)", "options": {...}, "part": 3, "value": ...}`
/// (`part` orders the partials as the parts of the input are ordered; a per-element partial's `index`
/// orders the elements of one part; partials are otherwise kept in the order read).
public enum Partial {
    /// The format version written in every partial; `--merge` reads only this one.
    public static let version = 1

    /// A partial as the record printed on its own line.
    /// `index` numbers the elements of a per-element partial within its part.
    public static func envelope(builtin: String, stage: String, options: Record, part: Int, index: Int? = nil, value: Value) -> Value {
        var fields: [(String, Value)] = [("nql_partial", .int(version)), ("builtin", .string(builtin)), ("stage", .string(stage)),
                                         ("options", .record(options)), ("part", .int(part))]
        if let index { fields.append(("index", .int(index))) }
        return .record(Record(fields + [("value", value)]))
    }

    /// Why partials could not be merged.
    public struct MergeError: Error, Sendable {
        /// What to say.
        public var message: String
    }

    /// The merged value of partial lines (JSON, one per line, blank lines ignored), in any order.
    public static func merge(lines: [Substring], registry: Registry, interpreter: Interpreter) throws -> Value {
        var parts: [(part: Int, index: Int, seq: Int, value: Value)] = []
        var first: (builtin: String, stage: String, options: Record)?
        for (n, line) in lines.enumerated() where !line.allSatisfy({ $0 == " " || $0 == "\t" || $0 == "\r" }) {
            let parsed: Value
            do { parsed = try JSON.parse(String(line)) } catch let e as JSON.ParseError {
                throw MergeError(message: Messages.partialNotJSON(line: n + 1, e.message))
            }
            guard case .record(let r) = parsed, case .int(let v)? = r["nql_partial"] else {
                throw MergeError(message: Messages.notAPartial(line: n + 1))
            }
            guard v == version else { throw MergeError(message: Messages.partialVersion(line: n + 1, v, version)) }
            guard case .string(let name)? = r["builtin"], case .int(let part)? = r["part"], let value = r["value"] else {
                throw MergeError(message: Messages.notAPartial(line: n + 1))
            }
            let stage: String
            if case .string(let s)? = r["stage"] { stage = s } else { stage = name }
            let options: Record
            if case .record(let o)? = r["options"] { options = o } else { options = Record() }
            if let f = first {
                guard f.builtin == name, f.stage == stage, f.options == options else {
                    throw MergeError(message: Messages.partialsDiffer(f.stage, stage, line: n + 1))
                }
            } else {
                first = (name, stage, options)
            }
            var index = 0
            if case .int(let i)? = r["index"] { index = i }
            parts.append((part, index, parts.count, value))
        }
        guard let first else { throw MergeError(message: Messages.noPartials) }
        guard let merge = registry.builtin(named: first.builtin)?.merge else { throw MergeError(message: Messages.notMergeable(first.builtin)) }
        parts.sort { ($0.part, $0.index, $0.seq) < ($1.part, $1.index, $1.seq) }
        do {
            return try merge.combine(parts.map(\.value), first.options, interpreter)
        } catch let e as RuntimeError {
            throw MergeError(message: e.message)
        }
    }

    /// The built-in the last statement of a program ends with, and where: the stage whose
    /// result `--partial` replaces by a partial. Nil when the last statement is not a call.
    public static func finalStage(of program: Program, part: Int = 0) -> (name: String, stage: Stage)? {
        guard let last = program.statements.last, case .expression(let e) = last else { return nil }
        let source = program.source
        switch e {
        case .pipe(_, .call(.name(let n, _), _, let span), _): return (n, Stage(span: span, source: source, text: source.text(of: span), part: part))
        case .pipe(_, .name(let n, let nameSpan), let span): return (n, Stage(span: span, source: source, text: source.text(of: nameSpan), part: part))
        case .call(.name(let n, _), _, let span): return (n, Stage(span: span, source: source, text: source.text(of: span), part: part))
        default: return nil
        }
    }

    /// The call whose result `--partial` replaces, and the part of the input this process reads.
    public struct Stage: @unchecked Sendable {
        /// Where the call is (the interpreter calls the built-in at this span).
        public var span: Span
        /// The source the span is in.
        public var source: SourceFile
        /// The stage as written (`tally(.source)`), recorded in each partial.
        public var text: String
        /// The part's number (`--part N`).
        public var part: Int
    }

    /// The names of the mergeable built-ins, sorted (for messages and help).
    public static func mergeable(in registry: Registry) -> [String] {
        registry.entries.filter { $0.merge != nil }.map(\.name).sorted()
    }
}

// MARK: - helpers for built-ins' merges

extension Merge {
    /// Merges lists of `[key, payload]` pairs, each in its part's first-seen order, into
    /// the keys in first-seen order over all parts, combining payloads of one key in order.
    public static func firstSeen(_ values: [Value], combine: (Value, Value) throws -> Value) throws -> [(key: Value, payload: Value)] {
        var order: [Value] = []
        var payloads: [Value: Value] = [:]
        for v in values {
            guard case .list(let pairs) = v else { throw RuntimeError(Messages.badPartial("a list of [key, value] pairs")) }
            for p in pairs {
                guard case .list(let kv) = p, kv.count == 2 else { throw RuntimeError(Messages.badPartial("a [key, value] pair")) }
                if let old = payloads[kv[0]] {
                    payloads[kv[0]] = try combine(old, kv[1])
                } else {
                    order.append(kv[0])
                    payloads[kv[0]] = kv[1]
                }
            }
        }
        return order.map { ($0, payloads[$0] ?? .null) }
    }

    /// A list from a partial.
    public static func list(_ v: Value) throws -> [Value] {
        guard case .list(let xs) = v else { throw RuntimeError(Messages.badPartial("a list")) }
        return xs
    }

    /// An integer from a partial.
    public static func int(_ v: Value) throws -> Int {
        guard case .int(let n) = v else { throw RuntimeError(Messages.badPartial("an integer")) }
        return n
    }

    /// A count from a partial: 0 to 2³¹ - 1, so sums over any number of lines a merge can read
    /// stay far from overflow in the analyses that add them up.
    public static func count(_ v: Value) throws -> Int {
        guard case .int(let n) = v, n >= 0, n <= Int(Int32.max) else { throw RuntimeError(Messages.badPartial("a count from 0 to \(Int32.max)")) }
        return n
    }

    /// The sum of integers, with the language's overflow error.
    public static func add(_ a: Int, _ b: Int) throws -> Int {
        let (r, o) = a.addingReportingOverflow(b)
        if o { throw RuntimeError(Messages.integerOverflow) }
        return r
    }

    /// A mergeable count (`len`, `count`): the partial is the body's integer, merged by adding.
    public static let count = Merge(partial: { a in try a.builtin.body(a) }) { values, _, _ in
        .int(try values.reduce(0) { try add($0, try int($1)) })
    }
}
