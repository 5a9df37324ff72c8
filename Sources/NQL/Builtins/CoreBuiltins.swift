import Foundation

/// The language's general built-ins: lists, records, text, numbers, dates.
/// Each entry's help and example are shown by `:help` and tested.
enum CoreBuiltins {
    static let all: [Builtin] = output + lists + aggregates + records + text + numbers + dates + control

    // MARK: output

    static let output: [Builtin] = [
        Builtin("print", group: "output", params: "values...", summary: "Print values (strings as they are) on one line.",
                example: #"print("total:", 3)"#) { a in
            a.interpreter.output(a.values.map(Formatter.text).joined(separator: " ") + "\n")
            return .null
        },
    ]

    // MARK: lists

    static let lists: [Builtin] = [
        Builtin("len", group: "lists", params: "x", summary: "Number of elements of a list, characters of a string or fields of a record.",
                example: #"len([1, 2, 3])"#, flow: .folds, merge: .count) { a in
            switch a[0] {
            case .list(let xs): return .int(xs.count)
            case .stream(let stream):
                if let n = try stream.plan?.count() { return .int(n) }
                var n = 0
                try a.forEachElement(0) { _ in n += 1; return true }
                return .int(n)
            case .string(let s): return .int(s.count)
            case .record(let r): return .int(r.count)
            default: throw a.typeError(0, expected: "a list, string or record")
            }
        },
        Builtin("map", group: "lists", params: "xs, f", summary: "Apply f to every element.",
                example: #"[1, 2, 3] | map(x -> x * 10)"#, flow: .streams) { a in
            try a.requireList(0)
            let f = try a.function(1)
            return try a.stage { { x in .emit(try a.call1(f, x)) } }
        },
        Builtin("where", group: "lists", params: "xs, predicate", summary: "Keep the elements for which the predicate is true.",
                example: #"[{n: 1}, {n: 5}] | where(.n > 2)"#, flow: .streams) { a in
            try a.requireList(0)
            let f = try a.function(1)
            return try a.stage(keepsElements: true) { { x in try a.test(f, x) ? .emit(x) : .skip } }
        },
        Builtin("select", group: "lists", params: "xs, fields...", anyLabels: true, summary: "Keep some fields of each record: .name, a string, or label: expression.",
                example: #"[{name: "Kim", age: 40, city: "Seoul"}] | select(.name, decade: .age / 10)"#, flow: .streams) { a in
            var columns: [(String, Value)] = []
            for v in a.values.dropFirst() {
                switch v {
                case .string(let s): columns.append((s, v))
                case .function(let f):
                    if case .closure(let c) = f.kind { columns.append((c.lambda.implicitFieldName ?? c.lambda.implicitText ?? f.displayName, v)) } else { columns.append((f.displayName, v)) }
                default: throw a.error("fields must be .name, a string, or label: expression; got \(v.typeName)")
                }
            }
            columns += a.labeled
            func project(_ x: Value) throws -> Value {
                var r = Record()
                for (name, spec) in columns {
                    switch spec {
                    case .string(let s):
                        guard case .record(let rec) = x else { throw a.error("cannot select field '\(s)' of \(x.typeName)") }
                        r[name] = rec[s] ?? .null
                    case .function(let f): r[name] = try a.call1(f, x)
                    default: r[name] = spec
                    }
                }
                return .record(r)
            }
            if case .record = a[0] { return try project(a[0]) }
            var names: [String] = []
            for (name, _) in columns where !names.contains(name) { names.append(name) }
            return try a.stage(columns: names) { { x in .emit(try project(x)) } }
        },
        Builtin("sort", group: "lists", params: "xs, key?", options: ["desc"], summary: "Sort (stable), by the key function if given; desc: true for largest first.",
                example: #"[{n: 2}, {n: 9}, {n: 5}] | sort(.n, desc: true)"#) { a in
            let xs = try a.list(0)
            let desc = try a.flag("desc")
            var keyed: [(Value, Value)]
            if a.has(1) {
                let f = try a.function(1)
                keyed = try xs.map { (try a.call1(f, $0), $0) }
            } else {
                keyed = xs.map { ($0, $0) }
            }
            let indexed = keyed.enumerated().map { ($0.offset, $0.element) }
            let sorted = indexed.sorted { l, r in
                let c = Operators.sortOrder(l.1.0, r.1.0)
                if c == 0 { return l.0 < r.0 }
                return desc ? c > 0 : c < 0
            }
            return .list(sorted.map { $0.1.1 })
        },
        Builtin("reverse", group: "lists", params: "xs", summary: "The elements (or characters) in reverse order.",
                example: #"reverse([1, 2, 3])"#) { a in
            if case .string(let s) = a[0] { return .string(String(s.reversed())) }
            return .list(try a.list(0).reversed())
        },
        Builtin("take", group: "lists", params: "xs, n", summary: "The first n elements.", example: #"range(10) | take(3)"#, flow: .streams) { a in
            try a.requireList(0)
            let n = max(0, try a.int(1))
            if case .stream(let s) = a[0], let taken = try s.plan?.taken(n) { return .stream(taken) }
            return try a.stage(readAhead: false, keepsElements: true) {
                var left = n
                return { x in
                    guard left > 0 else { return .stop }
                    left -= 1
                    return left == 0 ? .last(x) : .emit(x)
                }
            }
        },
        Builtin("skip", group: "lists", params: "xs, n", summary: "All but the first n elements.", example: #"range(5) | skip(3)"#, flow: .streams) { a in
            try a.requireList(0)
            let n = max(0, try a.int(1))
            return try a.stage(keepsElements: true) {
                var left = n
                return { x in
                    guard left == 0 else { left -= 1; return .skip }
                    return .emit(x)
                }
            }
        },
        Builtin("first", group: "lists", params: "xs, predicate?", summary: "The first element (that matches the predicate), or null.",
                example: #"[3, 8, 12] | first(x -> x > 5)"#, flow: .folds) { a in
            try a.requireList(0)
            let f = a.has(1) ? try a.function(1) : nil
            var found = Value.null
            try a.forEachElement(0) { x in
                if let f, !(try a.test(f, x)) { return true }
                found = x
                return false
            }
            return found
        },
        Builtin("last", group: "lists", params: "xs", summary: "The last element, or null.", example: #"last([1, 2, 3])"#) { a in
            try a.list(0).last ?? .null
        },
        Builtin("unique", group: "lists", params: "xs, key?", summary: "Drop repeated elements (by key if given), keeping the first.",
                example: #"unique(["a", "b", "a"])"#, flow: .streams) { a in
            try a.requireList(0)
            let f = a.has(1) ? try a.function(1) : nil
            return try a.stage(keepsElements: true) {
                var seen = Set<Value>()
                return { x in
                    let k = try f.map { try a.call1($0, x) } ?? x
                    return seen.insert(k).inserted ? .emit(x) : .skip
                }
            }
        },
        Builtin("group", group: "lists", params: "xs, key", summary: "Group elements by key: records {key, count, items}, in first-seen order.",
                example: #"["apple", "avocado", "banana"] | group(s -> s[0]) | select(.key, .count)"#, flow: .folds,
                merge: Merge(partial: { a in
                    let (order, groups) = try grouped(a)
                    return .list(order.map { .list([$0, .list(groups[$0] ?? [])]) })
                }, combine: { values, _, _ in
                    try groupRecords(Merge.firstSeen(values) { .list(try Merge.list($0) + Merge.list($1)) }.map { ($0.key, try Merge.list($0.payload)) })
                })) { a in
            let (order, groups) = try grouped(a)
            return groupRecords(order.map { ($0, groups[$0] ?? []) })
        },
        Builtin("count", group: "lists", params: "xs, predicate?", summary: "How many elements (match the predicate).",
                example: #"[1, 5, 9] | count(x -> x > 2)"#, flow: .folds, merge: .count) { a in
            try a.requireList(0)
            let f = a.has(1) ? try a.function(1) : nil
            var n = 0
            try a.forEachElement(0) { x in
                if try f.map({ try a.test($0, x) }) ?? true { n += 1 }
                return true
            }
            return .int(n)
        },
        Builtin("tally", group: "lists", params: "xs, key?", summary: "Count each distinct value (or key): records {value, count}, most frequent first.",
                example: #"["a", "b", "a"] | tally"#, flow: .folds,
                merge: Merge(partial: { a in
                    let (order, counts) = try tallied(a)
                    return .list(order.map { .list([$0, .int(counts[$0] ?? 0)]) })
                }, combine: { values, _, _ in
                    let merged = try Merge.firstSeen(values) { .int(try Merge.add(try Merge.int($0), try Merge.int($1))) }
                    var counts: [Value: Int] = [:]
                    for (k, n) in merged { counts[k] = try Merge.int(n) }
                    return ranked(merged.map(\.key), counts)
                })) { a in
            let (order, counts) = try tallied(a)
            return ranked(order, counts)
        },
        Builtin("flatten", group: "lists", params: "xs", summary: "Join a list of lists into one list.",
                example: #"flatten([[1, 2], [3]])"#) { a in
            var out: [Value] = []
            for x in try a.list(0) { if case .list(let ys) = x { out += ys } else { out.append(x) } }
            return .list(out)
        },
        Builtin("any", group: "lists", params: "xs, predicate", summary: "Whether the predicate is true for some element.",
                example: #"[1, 5] | any(x -> x > 4)"#, flow: .folds) { a in
            let f = try a.function(1)
            var found = false
            try a.forEachElement(0) { x in
                found = try a.test(f, x)
                return !found
            }
            return .bool(found)
        },
        Builtin("all", group: "lists", params: "xs, predicate", summary: "Whether the predicate is true for every element.",
                example: #"[1, 5] | all(x -> x > 0)"#, flow: .folds) { a in
            let f = try a.function(1)
            var every = true
            try a.forEachElement(0) { x in
                every = try a.test(f, x)
                return every
            }
            return .bool(every)
        },
        Builtin("enumerate", group: "lists", params: "xs", summary: "Records {index, value}, counting from 0.",
                example: #"enumerate(["a", "b"])"#, flow: .streams) { a in
            try a.stage {
                var index = 0
                return { x in
                    defer { index += 1 }
                    return .emit(.record(Record([("index", .int(index)), ("value", x)])))
                }
            }
        },
        Builtin("range", group: "lists", params: "start_or_end, end?, step?", summary: "Integers from start (default 0) up to but not including end.",
                example: #"range(2, 10, 3)"#) { a in
            let (lo, hi) = a.count >= 2 ? (try a.int(0), try a.int(1)) : (0, try a.int(0))
            let step = a.count >= 3 ? try a.int(2) : 1
            if step == 0 { throw a.error("step must not be 0") }
            // Counted in unsigned arithmetic: the distance between two Ints always fits in a UInt.
            let distance = step > 0 ? (hi > lo ? UInt(bitPattern: hi &- lo) : 0) : (lo > hi ? UInt(bitPattern: lo &- hi) : 0)
            let count = distance == 0 ? 0 : (distance - 1) / step.magnitude + 1
            if count > 100_000_000 { throw a.error("range of \(count) elements is too large (the limit is 100,000,000)") }
            let n = Int(count)
            try MemoryLimit.shared.reserve(n * MemoryLayout<Value>.stride)
            var out: [Value] = []
            out.reserveCapacity(n)
            var i = lo
            for k in 0..<n {
                if k & 0xFFFFF == 0 { try a.checkInterrupt() }
                out.append(.int(i))
                i &+= step  // wraps only after the last element
            }
            return .list(out)
        },
    ]

    /// The groups of `group`: keys in first-seen order, each key's elements in order.
    static func grouped(_ a: Arguments) throws -> ([Value], [Value: [Value]]) {
        try a.requireList(0)
        let f = try a.function(1)
        var order: [Value] = []
        var groups: [Value: [Value]] = [:]
        try a.forEachElement(0) { x in
            let k = try a.call1(f, x)
            if groups[k] == nil { order.append(k) }
            groups[k, default: []].append(x)
            return true
        }
        return (order, groups)
    }

    static func groupRecords(_ groups: [(Value, [Value])]) -> Value {
        .list(groups.map { k, items in .record(Record([("key", k), ("count", .int(items.count)), ("items", .list(items))])) })
    }

    /// The counts of `tally`: values (or keys) in first-seen order and how often each occurs.
    static func tallied(_ a: Arguments) throws -> ([Value], [Value: Int]) {
        try a.requireList(0)
        let f = a.has(1) ? try a.function(1) : nil
        var order: [Value] = []
        var counts: [Value: Int] = [:]
        try a.forEachElement(0) { x in
            let k = try f.map { try a.call1($0, x) } ?? x
            if counts[k] == nil { order.append(k) }
            counts[k, default: 0] += 1
            return true
        }
        return (order, counts)
    }

    /// `tally`'s records: most frequent first, ties in first-seen order.
    static func ranked(_ order: [Value], _ counts: [Value: Int]) -> Value {
        let ranked = order.enumerated().sorted { l, r in
            let (cl, cr) = (counts[l.element] ?? 0, counts[r.element] ?? 0)
            return cl != cr ? cl > cr : l.offset < r.offset
        }
        return .list(ranked.map { .record(Record([("value", $0.element), ("count", .int(counts[$0.element] ?? 0))])) })
    }

    // MARK: aggregates

    static func numbers(_ a: Arguments) throws -> [Double] {
        let xs = try a.list(0)
        let f = a.has(1) ? try a.function(1) : nil
        return try xs.map { x in
            let v = try f.map { try a.call1($0, x) } ?? x
            guard let d = v.number else { throw a.error("expected numbers, found \(v.typeName)") }
            return d
        }
    }

    static func extreme(_ a: Arguments, _ wantMax: Bool) throws -> Value {
        let xs = try a.list(0)
        let f = a.has(1) ? try a.function(1) : nil
        var best: (Value, Value)?
        for x in xs {
            let k = try f.map { try a.call1($0, x) } ?? x
            if let (bk, _) = best {
                guard let c = Operators.compare(k, bk) else { throw a.error(Messages.cannotCompare(k.typeName, bk.typeName)) }
                if wantMax ? c > 0 : c < 0 { best = (k, x) }
            } else {
                best = (k, x)
            }
        }
        return best?.1 ?? .null
    }

    /// A running total: integers exactly, floats exactly (Shewchuk's non-overlapping partials,
    /// as Python's math.fsum), so the result does not depend on the order of the numbers and
    /// totals of parts merge into the total of the whole.
    struct Total {
        /// The integer total is `carries * 2^64 + integer` (wrapping adds, each wrap counted), so integers that
        /// overflow on the way ("[Int.max, 1, -1]") or next to a float ("[1.5, Int.max, Int.max]") sum exactly.
        var integer = 0
        var carries = 0
        var partials: [Double] = []
        var special = 0.0  // the sum of infinities and NaNs, kept apart
        var isFloat = false

        mutating func addInteger(_ n: Int) {
            let (r, o) = integer.addingReportingOverflow(n)
            integer = r
            // Overflow only ever moves one wrap, in the direction of n (|carries| stays at most the element count).
            if o { carries += n > 0 ? 1 : -1 }
        }

        mutating func add(_ v: Value) throws {
            switch v {
            case .int(let n): addInteger(n)
            case .float(let d):
                isFloat = true
                addFloat(d)
            default: throw RuntimeError("expected numbers, found \(v.typeName)")
            }
        }

        mutating func addFloat(_ value: Double) {
            guard value.isFinite else { special += value; return }
            var x = value
            var i = 0
            for j in partials.indices {
                var y = partials[j]
                if abs(x) < abs(y) { swap(&x, &y) }
                let hi = x + y
                let lo = y - (hi - x)
                if lo != 0 { partials[i] = lo; i += 1 }
                x = hi
            }
            partials.removeSubrange(i...)
            guard x.isFinite else { special += x; partials = []; return }
            partials.append(x)
        }

        /// The correctly rounded sum of the partials (Python's fsum).
        static func rounded(_ p: [Double]) -> Double {
            var n = p.count
            guard n > 0 else { return 0 }
            n -= 1
            var hi = p[n], lo = 0.0
            while n > 0 {
                let x = hi
                n -= 1
                let y = p[n]
                hi = x + y
                lo = y - (hi - x)
                if lo != 0 { break }
            }
            if n > 0 && ((lo < 0 && p[n - 1] < 0) || (lo > 0 && p[n - 1] > 0)) {
                let y = lo * 2, x = hi + y
                if y == x - hi { hi = x }
            }
            return hi
        }

        func value() throws -> Value {
            guard isFloat else {
                guard carries == 0 else { throw RuntimeError(Messages.integerOverflow) }
                return .int(integer)
            }
            var all = self
            // The integer total in parts, each exact as a double: the wraps (a small multiple of 2^64) and two halves.
            all.addFloat(Double(carries) * 18_446_744_073_709_551_616.0)
            all.addFloat(Double(integer & ~0xFFFF_FFFF))
            all.addFloat(Double(integer & 0xFFFF_FFFF))
            return .float(special != 0 || special.isNaN ? special : Total.rounded(all.partials))
        }

        var partial: Value {
            .record(Record([("int", .int(integer)), ("carries", .int(carries)), ("float", .bool(isFloat)),
                            ("floats", .list((partials + [special]).map { .string(String($0.bitPattern, radix: 16)) }))]))
        }

        mutating func absorb(_ partial: Value) throws {
            guard case .record(let r) = partial, case .int(let n)? = r["int"], case .bool(let f)? = r["float"], case .list(let fs)? = r["floats"] else {
                throw RuntimeError(Messages.badPartial("a sum's {int, float, floats}"))
            }
            // (Partials written before "carries" existed have none.)
            var more = 0
            if let c = r["carries"] {
                guard case .int(let k) = c, abs(k) < 1 << 40 else { throw RuntimeError(Messages.badPartial("a sum's carries")) }
                more = k
            }
            carries = try Merge.add(carries, more)  // (partials are input: checked)
            addInteger(n)
            isFloat = isFloat || f
            for x in fs {
                guard case .string(let hex) = x, let bits = UInt64(hex, radix: 16) else { throw RuntimeError(Messages.badPartial("a float's bits")) }
                addFloat(Double(bitPattern: bits))
            }
        }
    }

    static func summed(_ a: Arguments) throws -> Total {
        try a.requireList(0)
        let f = a.has(1) ? try a.function(1) : nil
        var total = Total()
        try a.forEachElement(0) { x in
            let v = try f.map { try a.call1($0, x) } ?? x
            guard v.number != nil else { throw a.error("expected numbers, found \(v.typeName)") }
            try total.add(v)
            return true
        }
        return total
    }

    static let aggregates: [Builtin] = [
        Builtin("sum", group: "numbers", params: "xs, key?", summary: "The total (of the key); exact for integers, correctly rounded for floats.",
                example: #"sum([1, 2, 3.5])"#, flow: .folds,
                merge: Merge(partial: { a in try summed(a).partial }, combine: { values, _, _ in
                    var total = Total()
                    for v in values { try total.absorb(v) }
                    return try total.value()
                })) { a in try summed(a).value() },
        Builtin("avg", group: "numbers", params: "xs, key?", summary: "The mean (of the key), or null for an empty list.",
                example: #"avg([1, 2, 3, 4])"#) { a in
            let ds = try numbers(a)
            return ds.isEmpty ? .null : .float(ds.reduce(0, +) / Double(ds.count))
        },
        Builtin("min", group: "numbers", params: "xs, key?", summary: "The smallest element (by key), or null.",
                example: #"min([4, 2, 8])"#) { a in try extreme(a, false) },
        Builtin("max", group: "numbers", params: "xs, key?", summary: "The largest element (by key), or null.",
                example: #"[{n: "a", c: 2}, {n: "b", c: 7}] | max(.c)"#) { a in try extreme(a, true) },
    ]

    // MARK: records

    static let records: [Builtin] = [
        Builtin("keys", group: "records", params: "record", summary: "The field names, in order.",
                example: #"keys({name: "x", n: 1})"#) { a in
            .list(try a.record(0).keys.map { .string($0) })
        },
        Builtin("values", group: "records", params: "record", summary: "The field values, in order.",
                example: #"values({name: "x", n: 1})"#) { a in
            .list(try a.record(0).values)
        },
        Builtin("get", group: "records", params: "record, key, default?", summary: "A field's value, or the default (null) when it is missing.",
                example: #"get({a: 1}, "b", 0)"#) { a in
            try a.record(0)[try a.string(1)] ?? a[2]
        },
        Builtin("has", group: "records", params: "record, key", summary: "Whether the record has the field.",
                example: #"has({a: 1}, "a")"#) { a in
            .bool(try a.record(0)[try a.string(1)] != nil)
        },
        Builtin("type", group: "records", params: "x", summary: "The type of a value: null, bool, int, float, string, list, record, date, regex, function.",
                example: #"type(@2024-07-28)"#) { a in .string(a[0].typeName) },
    ]

    // MARK: text

    static func regexArgument(_ a: Arguments, _ i: Int) throws -> RegexValue {
        switch a[i] {
        case .regex(let r): return r
        case .string(let s):
            do { return try RegexValue.cached(pattern: s) } catch let e as RegexValue.BadPattern { throw a.error(Messages.badRegex(e.reason)) }
        default: throw a.typeError(i, expected: "a regular expression or string")
        }
    }

    static let text: [Builtin] = [
        Builtin("join", group: "text", params: "xs, separator?", summary: "Join elements into one string (default separator \"\").",
                example: #"join(["a", "b", "c"], ", ")"#) { a in
            let sep = a.has(1) ? try a.string(1) : ""
            return .string(try a.list(0).map(Formatter.text).joined(separator: sep))
        },
        Builtin("split", group: "text", params: "s, separator?", summary: "Split a string at a separator (string or regex; default: runs of whitespace).",
                example: #"split("a, b,c", /,\s*/)"#) { a in
            let s = try a.string(0)
            switch a[1] {
            case .null: return .list(s.split(whereSeparator: { $0.isWhitespace }).map { .string(String($0)) })
            case .string(let sep) where !sep.isEmpty: return .list(s.components(separatedBy: sep).map { .string($0) })
            case .string: return .list(s.map { .string(String($0)) })
            case .regex(let r): return .list(try r.split(s).map { .string($0) })
            default: throw a.typeError(1, expected: "a string or regular expression")
            }
        },
        Builtin("lower", group: "text", params: "s", summary: "Lower-case.", example: #"lower("Seoul")"#) { a in .string(try a.string(0).lowercased()) },
        Builtin("upper", group: "text", params: "s", summary: "Upper-case.", example: #"upper("nato")"#) { a in .string(try a.string(0).uppercased()) },
        Builtin("trim", group: "text", params: "s", summary: "Remove leading and trailing whitespace.", example: #"trim("  x  ")"#) { a in
            .string(try a.string(0).trimmingCharacters(in: .whitespacesAndNewlines))
        },
        Builtin("matches", group: "text", params: "s, pattern", summary: "Whether the regular expression (or string pattern) matches somewhere in s.",
                example: #"matches("PAC-3 Patriot", /pac-?3/i)"#) { a in
            .bool(try regexArgument(a, 1).matches(try a.string(0)))
        },
        Builtin("find_all", group: "text", params: "s, pattern", summary: "Every match of the regular expression in s.",
                example: #"find_all("in 2023 and 2024", /\d{4}/)"#) { a in
            .list(try regexArgument(a, 1).allMatches(try a.string(0)).map { .string($0) })
        },
        Builtin("replace", group: "text", params: "s, pattern, replacement", summary: "Replace every match (a string is matched literally; in a regex replacement $1 is a group).",
                example: #"replace("U.S. forces", "U.S.", "US")"#) { a in
            let s = try a.string(0), rep = try a.string(2)
            switch a[1] {
            case .string(let p): return .string(p.isEmpty ? s : s.replacingOccurrences(of: p, with: rep))
            case .regex(let r): return .string(try r.replacing(in: s, with: rep))
            default: throw a.typeError(1, expected: "a string or regular expression")
            }
        },
        Builtin("starts_with", group: "text", params: "s, prefix", summary: "Whether s starts with the prefix.",
                example: #"starts_with("North Korea", "North")"#) { a in .bool(try a.string(0).hasPrefix(try a.string(1))) },
        Builtin("ends_with", group: "text", params: "s, suffix", summary: "Whether s ends with the suffix.",
                example: #"ends_with("report.html", ".html")"#) { a in .bool(try a.string(0).hasSuffix(try a.string(1))) },
        Builtin("str", group: "text", params: "x", summary: "A value as text (strings unchanged).", example: #"str(42) + "%""#) { a in
            .string(Formatter.text(a[0]))
        },
        Builtin("to_json", group: "text", params: "x", summary: "A value as compact JSON text.", example: #"to_json({a: [1, 2]})"#) { a in
            .string(Formatter.json(a[0]))
        },
        Builtin("parse_json", group: "text", params: "s", summary: "Parse JSON text into a value.", example: #"parse_json("{\"a\": [1, 2.5]}")"#) { a in
            do { return try JSON.parse(try a.string(0)) } catch let e as JSON.ParseError { throw a.error(e.message) }
        },
    ]

    // MARK: numbers

    static let numbers: [Builtin] = [
        Builtin("round", group: "numbers", params: "x, digits?", summary: "Round to the nearest integer, or to digits after the point.",
                example: #"round(2.71828, 2)"#) { a in
            let x = try a.number(0)
            if a.has(1) {
                let digits = try a.int(1)
                // Beyond 400 digits either way the scale is 0 or infinite: a double has no such digits.
                let p = pow(10.0, Double(max(-400, min(400, digits))))
                let scaled = x * p
                guard p.isFinite, p > 0, scaled.isFinite else { return .float(digits > 0 ? x : 0 * x) }
                return .float(scaled.rounded() / p)
            }
            let r = x.rounded()
            return abs(r) < 9e18 ? .int(Int(r)) : .float(r)
        },
        Builtin("abs", group: "numbers", params: "x", summary: "The absolute value.", example: #"abs(-3)"#) { a in
            if case .int(let n) = a[0] {
                guard n != Int.min else { throw RuntimeError(Messages.integerOverflow) }
                return .int(abs(n))
            }
            return .float(abs(try a.number(0)))
        },
        Builtin("number", group: "numbers", params: "x", summary: "Parse text as a number (null when it is not one).",
                example: #"number("1,250") + 1"#) { a in
            switch a[0] {
            case .int, .float: return a[0]
            case .string(let s):
                let t = s.trimmingCharacters(in: .whitespaces).replacingOccurrences(of: ",", with: "")
                if let n = Int(t) { return .int(n) }
                if let d = Double(t) { return .float(d) }
                return .null
            default: throw a.typeError(0, expected: "a string or number")
            }
        },
    ]

    // MARK: dates

    static let dates: [Builtin] = [
        Builtin("date", group: "dates", params: "x",
                summary: "A date from text as news writes it (2024-07-28, Jul 28, 2024, 28 July 2024, RFC 2822, 26-FEB-1987 ...), or null when the text holds none.",
                example: #"date("Jul 28, 2024") + 7"#) { a in
            switch a[0] {
            case .date: return a[0]
            case .string(let s): return parseDate(s).map { .date($0) } ?? .null
            case .null: return .null
            default: throw a.typeError(0, expected: "a string or date")
            }
        },
        Builtin("year", group: "dates", params: "d", summary: "The year of a date (null for null: an undated article).", example: #"year(@2024-07-28)"#) { a in
            try dateArgument(a, 0).map { .int($0.parts.year) } ?? .null
        },
        Builtin("month", group: "dates", params: "d", summary: "The month (1-12) of a date (null for null).", example: #"month(@2024-07-28)"#) { a in
            try dateArgument(a, 0).map { .int($0.parts.month) } ?? .null
        },
        Builtin("day", group: "dates", params: "d", summary: "The day of the month of a date (null for null).", example: #"day(@2024-07-28)"#) { a in
            try dateArgument(a, 0).map { .int($0.parts.day) } ?? .null
        },
        Builtin("weekday", group: "dates", params: "d", summary: "The ISO weekday of a date: 1 = Monday ... 7 = Sunday (null for null).",
                example: #"weekday(@2024-07-28)"#) { a in try dateArgument(a, 0).map { .int($0.weekday) } ?? .null },
    ]

    /// A date from text: ISO first, then the forms `load` reads (one parser for both).
    static func parseDate(_ text: String) -> DateValue? {
        let s = text.trimmingCharacters(in: .whitespaces)
        return DateValue(iso: s) ?? DateNormalizer.normalize(s).flatMap { DateValue(iso: $0) }
    }

    /// A date argument; nil for null, so the parts of a missing date are null.
    static func dateArgument(_ a: Arguments, _ i: Int) throws -> DateValue? {
        switch a[i] {
        case .date(let d): return d
        case .null: return nil
        case .string(let s): if let d = parseDate(s) { return d }
        default: break
        }
        throw a.typeError(i, expected: "a date")
    }

    // MARK: control

    static let control: [Builtin] = [
        Builtin("error", group: "control", params: "message", summary: "Stop with an error message.",
                example: #"if 1 > 0 then "ok" else error("impossible")"#) { a in
            throw RuntimeError(Formatter.text(a[0]))
        },
        Builtin("try", group: "control", params: "f, fallback?", summary: "Call f(); on an error return the fallback, or {error: message} when none is given.",
                example: #"try(() -> 1 / 0, 0)"#) { a in
            let f = try a.function(0)
            do {
                return try a.call(f, [])
            } catch let e as RuntimeError where !e.isInterrupt {
                return a.count > 1 ? a[1] : .record(Record([("error", .string(e.message))]))
            }
        },
    ]
}

