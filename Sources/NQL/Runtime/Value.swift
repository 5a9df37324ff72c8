import Foundation

/// A value in NQL.
public enum Value: Sendable {
    case null
    case bool(Bool)
    /// An exact integer; arithmetic that overflows is an error, not a wrap.
    case int(Int)
    case float(Double)
    case string(String)
    case list([Value])
    /// Boxed, so that a `Value` stays three words wide (a record is three: keys, values, index).
    indirect case record(Record)
    case date(DateValue)
    case regex(RegexValue)
    case function(Function)
    /// A list produced one element at a time (`Stream.swift`); it reads as a list.
    case stream(ValueStream)

    /// The name `type(x)` returns.
    public var typeName: String {
        switch self {
        case .null: return "null"
        case .bool: return "bool"
        case .int: return "int"
        case .float: return "float"
        case .string: return "string"
        case .list: return "list"
        case .record: return "record"
        case .date: return "date"
        case .regex: return "regex"
        case .function: return "function"
        case .stream: return "list"
        }
    }

    /// The number, if this is one.
    public var number: Double? {
        switch self {
        case .int(let n): return Double(n)
        case .float(let d): return d
        default: return nil
        }
    }

    /// Whether this is `null`.
    public var isNull: Bool { if case .null = self { return true } else { return false } }
}

/// A record: string keys in the order they were written, with values.
/// A field may be deferred (`Record.deferred`): computed when first read.
public struct Record: Sendable, Hashable {
    /// The keys, in order.
    public private(set) var keys: [String]
    /// The values as stored: a deferred field holds its placeholder until read.
    private var storage: [Value]
    /// Where each key is, once the record is large enough that scanning would
    /// make building it quadratic (a JSON object with 100,000 keys).
    private var positions: [String: Int]?
    private static let indexedAbove = 16

    /// An empty record.
    public init() {
        keys = []
        storage = []
    }

    /// A record from key–value pairs; a later duplicate key replaces the earlier value.
    public init(_ pairs: [(String, Value)]) {
        self.init()
        keys.reserveCapacity(pairs.count)
        storage.reserveCapacity(pairs.count)
        for (k, v) in pairs { self[k] = v }
    }

    /// A record from distinct keys and their values. Records made from the
    /// same `keys` array share it (a loaded corpus keeps one copy of the field names).
    public init(keys: [String], values: [Value]) {
        if keys.count == values.count, keys.count <= Record.indexedAbove, Set(keys).count == keys.count {
            self.init()
            self.keys = keys
            storage = values
        } else {
            self.init(Array(zip(keys, values)))
        }
    }

    /// The values, in the order of `keys` (deferred fields computed).
    public var values: [Value] { storage.map(Record.resolve) }

    private func position(of key: String) -> Int? {
        if let positions { return positions[key] }
        return keys.firstIndex(of: key)
    }

    /// The value for a key, or nil when absent.
    public subscript(key: String) -> Value? {
        get { position(of: key).map { Record.resolve(storage[$0]) } }
        set {
            if let i = position(of: key) {
                if let newValue { storage[i] = newValue } else {
                    keys.remove(at: i)
                    storage.remove(at: i)
                    if positions != nil { positions = Dictionary(keys.enumerated().map { ($1, $0) }, uniquingKeysWith: { a, _ in a }) }
                }
            } else if let newValue {
                keys.append(key)
                storage.append(newValue)
                if positions != nil {
                    positions?[key] = keys.count - 1
                } else if keys.count > Record.indexedAbove {
                    positions = Dictionary(keys.enumerated().map { ($1, $0) }, uniquingKeysWith: { a, _ in a })
                }
            }
        }
    }

    /// The key–value pairs, in order.
    public var pairs: Zip2Sequence<[String], [Value]> { zip(keys, values) }

    /// The number of fields.
    public var count: Int { keys.count }

    /// Equal when the keys and values are; a deferred field shared by both is
    /// equal without being computed.
    public static func == (a: Record, b: Record) -> Bool {
        guard a.keys == b.keys else { return false }
        for (x, y) in zip(a.storage, b.storage) {
            if case .function(let f) = x, case .function(let g) = y, f === g { continue }
            if Record.resolve(x) != Record.resolve(y) { return false }
        }
        return true
    }

    /// Hashes the keys and the first two values: enough to tell records
    /// apart, and an article's deferred fields (which come later) are not computed.
    public func hash(into h: inout Hasher) {
        h.combine(keys)
        for v in storage.prefix(2) { h.combine(Record.resolve(v)) }
    }

    // MARK: deferred fields

    /// The name that marks a deferred field's placeholder function.
    private static let deferredMarker = "\u{0}deferred"

    private final class Memo: @unchecked Sendable {
        var value: Value?
    }

    /// One lock for every deferred field (they are read rarely; a lock each would cost memory per field).
    private static let memoLock = NSLock()

    /// A placeholder for a field computed on first read (and then kept): an
    /// article's sentences, say, which a corpus mostly never reads.
    public static func deferred(_ compute: @escaping @Sendable () -> Value) -> Value {
        let memo = Memo()
        return .function(Function(.native(name: deferredMarker, arity: 0) { _, _ in
            memoLock.lock()
            defer { memoLock.unlock() }
            if let v = memo.value { return v }
            let v = compute()
            memo.value = v
            return v
        }))
    }

    /// A stored value, with a deferred field's placeholder replaced by its value.
    private static func resolve(_ v: Value) -> Value {
        guard case .function(let f) = v, case .native(let name, 0, let body) = f.kind, name == deferredMarker else { return v }
        // A placeholder's body ignores the interpreter and never throws.
        return (try? body(Record.noInterpreter, [])) ?? .null
    }

    private static let noInterpreter = Interpreter(registry: Registry())
}

/// A compiled regular expression and the literal it came from.
public struct RegexValue: @unchecked Sendable, Hashable {
    /// A pattern the regular-expression engine rejected.
    public struct BadPattern: Error {
        /// Why, in the engine's words.
        public var reason: String
    }

    /// The pattern, flags and compiled expression, in one object so that a
    /// `Value` stays three words wide (a regex inline would make every value 40 bytes).
    private final class Storage: @unchecked Sendable {
        let pattern: String
        let flags: String
        let compiled: NSRegularExpression
        let bounded: BoundedRegex
        init(pattern: String, flags: String, compiled: NSRegularExpression, bounded: BoundedRegex) {
            self.pattern = pattern
            self.flags = flags
            self.compiled = compiled
            self.bounded = bounded
        }
    }

    private let storage: Storage

    /// The pattern as written.
    public var pattern: String { storage.pattern }
    /// The flags as written: `i` (ignore case), `m`, `s`, `x`.
    public var flags: String { storage.flags }
    /// The compiled expression (ICU syntax).
    public var compiled: NSRegularExpression { storage.compiled }
    /// The same expression for matching with a time limit and Ctrl-C (BoundedRegex.swift).
    var bounded: BoundedRegex { storage.bounded }

    /// Compiles a pattern.
    public init(pattern: String, flags: String = "") throws {
        var options: NSRegularExpression.Options = []
        if flags.contains("i") { options.insert(.caseInsensitive) }
        if flags.contains("m") { options.insert(.anchorsMatchLines) }
        if flags.contains("s") { options.insert(.dotMatchesLineSeparators) }
        if flags.contains("x") { options.insert(.allowCommentsAndWhitespace) }
        // ICU first: Foundation leaks the pattern when it rejects one.
        guard let bounded = BoundedRegex(pattern: pattern, flags: flags) else {
            throw BadPattern(reason: "'\(pattern)' is not a valid pattern")
        }
        let compiled: NSRegularExpression
        do {
            compiled = try NSRegularExpression(pattern: pattern, options: options)
        } catch {
            throw BadPattern(reason: "'\(pattern)' is not a valid pattern")
        }
        storage = Storage(pattern: pattern, flags: flags, compiled: compiled, bounded: bounded)
    }

    /// Every match (or the first `limit`), each as its groups' UTF-16 ranges; an error
    /// when one match runs past the time limit or Ctrl-C is pressed.
    func boundedMatches(_ units: [UInt16], limit: Int = .max) throws -> [[Range<Int>?]] {
        do { return try bounded.matches(in: units, limit: limit) } catch BoundedRegex.Stop.timedOut {
            throw RuntimeError(Messages.regexTimedOut(pattern))
        } catch {
            var e = RuntimeError(Messages.interrupted)
            e.isInterrupt = true
            throw e
        }
    }

    /// Where each non-empty match is in `text`.
    public func matchRanges(in text: String) throws -> [Range<String.Index>] {
        try boundedMatches(Array(text.utf16)).compactMap { groups in
            guard let r = groups[0], !r.isEmpty else { return nil }
            return String.Index(utf16Offset: r.lowerBound, in: text)..<String.Index(utf16Offset: r.upperBound, in: text)
        }
    }

    /// Whether the expression matches anywhere in `text`.
    public func matches(_ text: String) throws -> Bool {
        try !boundedMatches(Array(text.utf16), limit: 1).isEmpty
    }

    /// Each match's whole text.
    public func allMatches(_ text: String) throws -> [String] {
        let units = Array(text.utf16)
        return try boundedMatches(units).compactMap { $0[0].map { String(decoding: units[$0], as: UTF16.self) } }
    }

    /// `text` with every match replaced by a template (`$1` names a group, `\$` is a dollar sign).
    public func replacing(in text: String, with template: String) throws -> String {
        let units = Array(text.utf16)
        let templateUnits = Array(template.utf16)
        var out: [UInt16] = []
        var last = 0
        for groups in try boundedMatches(units) {
            guard let whole = groups[0] else { continue }
            out += units[last..<whole.lowerBound]
            var i = 0
            while i < templateUnits.count {
                let u = templateUnits[i]
                if u == 0x5C, i + 1 < templateUnits.count {  // backslash: the next character as it is
                    out.append(templateUnits[i + 1])
                    i += 2
                } else if u == 0x24, i + 1 < templateUnits.count, (0x30...0x39).contains(templateUnits[i + 1]) {
                    // `$n`: as many digits as still name a group.
                    var n = Int(templateUnits[i + 1] - 0x30)
                    i += 2
                    while i < templateUnits.count, (0x30...0x39).contains(templateUnits[i]), n * 10 + Int(templateUnits[i] - 0x30) < groups.count {
                        n = n * 10 + Int(templateUnits[i] - 0x30)
                        i += 1
                    }
                    if n < groups.count, let r = groups[n] { out += units[r] }
                } else {
                    out.append(u)
                    i += 1
                }
            }
            last = whole.upperBound
        }
        out += units[last...]
        return String(decoding: out, as: UTF16.self)
    }

    /// `text` cut at every match.
    public func split(_ text: String) throws -> [String] {
        let units = Array(text.utf16)
        var pieces: [String] = []
        var last = 0
        for groups in try boundedMatches(units) {
            guard let r = groups[0], !r.isEmpty else { continue }
            pieces.append(String(decoding: units[last..<r.lowerBound], as: UTF16.self))
            last = r.upperBound
        }
        pieces.append(String(decoding: units[last...], as: UTF16.self))
        return pieces
    }

    /// Equal when written the same.
    public static func == (a: RegexValue, b: RegexValue) -> Bool { a.pattern == b.pattern && a.flags == b.flags }
    /// Hashes the pattern and flags.
    public func hash(into h: inout Hasher) {
        h.combine(pattern)
        h.combine(flags)
    }
}

extension Value: Hashable {
    /// Deep equality; `1 == 1.0`; functions are equal only to themselves.
    public static func == (a: Value, b: Value) -> Bool {
        switch (a, b) {
        case (.null, .null): return true
        case (.bool(let x), .bool(let y)): return x == y
        case (.int(let x), .int(let y)): return x == y
        case (.float(let x), .float(let y)): return x == y
        case (.int(let x), .float(let y)), (.float(let y), .int(let x)): return Double(x) == y
        case (.string(let x), .string(let y)): return x == y
        case (.list(let x), .list(let y)): return x == y
        case (.record(let x), .record(let y)): return x == y
        case (.date(let x), .date(let y)): return x == y
        case (.regex(let x), .regex(let y)): return x == y
        case (.function(let x), .function(let y)): return x.identity == y.identity
        case (.stream(let x), .stream(let y)): return x === y
        default: return false
        }
    }

    /// Hashes consistently with `==` (an integral float hashes as the integer).
    public func hash(into h: inout Hasher) {
        switch self {
        case .null: h.combine(0)
        case .bool(let b): h.combine(b)
        case .int(let n): h.combine(n)
        case .float(let d):
            if d.rounded() == d, abs(d) < 9.2e18 { h.combine(Int(d)) } else { h.combine(d) }
        case .string(let s): h.combine(s)
        case .list(let xs): h.combine(xs)
        case .record(let r): h.combine(r)
        case .date(let d): h.combine(d)
        case .regex(let r): h.combine(r)
        case .function(let f): h.combine(f.identity)
        case .stream(let s): h.combine(ObjectIdentifier(s))
        }
    }
}
