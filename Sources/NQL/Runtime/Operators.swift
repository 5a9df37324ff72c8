/// Arithmetic, comparison and membership on values.
public enum Operators {
    /// Applies a binary operator (not `and`/`or`, which short-circuit).
    public static func apply(_ op: BinaryOp, _ a: Value, _ b: Value) throws -> Value {
        switch op {
        case .add: return try add(a, b)
        case .sub: return try arithmetic(op, a, b)
        case .mul: return try arithmetic(op, a, b)
        case .div: return try divide(a, b)
        case .mod: return try modulo(a, b)
        case .eq: return .bool(a == b)
        case .ne: return .bool(a != b)
        case .lt, .le, .gt, .ge:
            // A missing value (null) is neither before nor after anything, as in SQL:
            // `.date >= @2024-07-01` is false for an article without a date.
            if a.isNull || b.isNull { return .bool(false) }
            guard let c = compare(a, b) else {
                throw RuntimeError(Messages.cannotCompare(a.typeName, b.typeName))
            }
            switch op {
            case .lt: return .bool(c < 0)
            case .le: return .bool(c <= 0)
            case .gt: return .bool(c > 0)
            default: return .bool(c >= 0)
            }
        case .in: return .bool(try contains(b, a))
        case .and, .or: throw RuntimeError(Messages.internalError("short-circuit operator reached apply"))
        }
    }

    private static func add(_ a: Value, _ b: Value) throws -> Value {
        switch (a, b) {
        case (.string(let x), .string(let y)): return .string(x + y)
        case (.list(let x), .list(let y)): return .list(x + y)
        case (.record(var x), .record(let y)):
            for (k, v) in y.pairs { x[k] = v }
            return .record(x)
        case (.date(let d), .int(let n)), (.int(let n), .date(let d)):
            guard let r = d.adding(days: n) else { throw RuntimeError(Messages.dateOutOfRange) }
            return .date(r)
        default: return try arithmetic(.add, a, b)
        }
    }

    private static func arithmetic(_ op: BinaryOp, _ a: Value, _ b: Value) throws -> Value {
        switch (a, b) {
        case (.int(let x), .int(let y)):
            let (r, overflow): (Int, Bool)
            switch op {
            case .add: (r, overflow) = x.addingReportingOverflow(y)
            case .sub: (r, overflow) = x.subtractingReportingOverflow(y)
            default: (r, overflow) = x.multipliedReportingOverflow(by: y)
            }
            if overflow { throw RuntimeError(Messages.integerOverflow) }
            return .int(r)
        case (.date(let x), .date(let y)) where op == .sub:
            let (r, overflow) = x.days.subtractingReportingOverflow(y.days)
            if overflow { throw RuntimeError(Messages.integerOverflow) }
            return .int(r)
        case (.date(let d), .int(let n)) where op == .sub:
            guard n != Int.min, let r = d.adding(days: -n) else { throw RuntimeError(Messages.dateOutOfRange) }
            return .date(r)
        default:
            guard let x = a.number, let y = b.number else {
                throw RuntimeError(Messages.badOperands(op.rawValue, a.typeName, b.typeName))
            }
            switch op {
            case .add: return .float(x + y)
            case .sub: return .float(x - y)
            default: return .float(x * y)
            }
        }
    }

    private static func divide(_ a: Value, _ b: Value) throws -> Value {
        guard let x = a.number, let y = b.number else {
            throw RuntimeError(Messages.badOperands("/", a.typeName, b.typeName))
        }
        if y == 0 { throw RuntimeError(Messages.divisionByZero) }
        if case .int(let i) = a, case .int(let j) = b {
            if j == -1 && i == Int.min { throw RuntimeError(Messages.integerOverflow) }
            if i % j == 0 { return .int(i / j) }
        }
        return .float(x / y)
    }

    private static func modulo(_ a: Value, _ b: Value) throws -> Value {
        switch (a, b) {
        case (.int(let x), .int(let y)):
            if y == 0 { throw RuntimeError(Messages.divisionByZero) }
            if y == -1 { return .int(0) }
            let r = x % y
            return .int(r != 0 && (r < 0) != (y < 0) ? r + y : r)
        default:
            guard let x = a.number, let y = b.number else {
                throw RuntimeError(Messages.badOperands("%", a.typeName, b.typeName))
            }
            if y == 0 { throw RuntimeError(Messages.divisionByZero) }
            let r = x.truncatingRemainder(dividingBy: y)
            return .float(r != 0 && (r < 0) != (y < 0) ? r + y : r)
        }
    }

    /// `needle in haystack`: list membership, substring, or record key.
    public static func contains(_ haystack: Value, _ needle: Value) throws -> Bool {
        switch (haystack, needle) {
        case (.list(let xs), _): return xs.contains(needle)
        case (.string(let s), .string(let t)): return s.contains(t)
        case (.record(let r), .string(let k)): return r[k] != nil
        default: throw RuntimeError(Messages.badOperands("in", needle.typeName, haystack.typeName))
        }
    }

    /// Orders two values of comparable kinds (numbers, strings, dates, bools,
    /// lists element-wise); nil when they cannot be compared. An ISO date
    /// string compares with a date.
    public static func compare(_ a: Value, _ b: Value) -> Int? {
        switch (a, b) {
        case (.int(let x), .int(let y)): return x < y ? -1 : (x > y ? 1 : 0)
        case (.string(let x), .string(let y)): return x < y ? -1 : (x > y ? 1 : 0)
        case (.date(let x), .date(let y)): return x.days < y.days ? -1 : (x.days > y.days ? 1 : 0)
        case (.date, .string(let s)): return DateValue(iso: s).flatMap { compare(a, .date($0)) }
        case (.string(let s), .date): return DateValue(iso: s).flatMap { compare(.date($0), b) }
        case (.bool(let x), .bool(let y)): return x == y ? 0 : (!x ? -1 : 1)
        case (.list(let xs), .list(let ys)):
            for (x, y) in zip(xs, ys) {
                guard let c = compare(x, y) else { return nil }
                if c != 0 { return c }
            }
            return xs.count < ys.count ? -1 : (xs.count > ys.count ? 1 : 0)
        default:
            if let x = a.number, let y = b.number { return x < y ? -1 : (x > y ? 1 : 0) }
            return nil
        }
    }

    /// A total order for sorting mixed values: null first, then by kind, then by value.
    public static func sortOrder(_ a: Value, _ b: Value) -> Int {
        if let c = compare(a, b) { return c }
        func rank(_ v: Value) -> Int {
            switch v {
            case .null: return 0
            case .bool: return 1
            case .int, .float: return 2
            case .date: return 3
            case .string: return 4
            case .list, .stream: return 5
            case .record: return 6
            case .regex: return 7
            case .function: return 8
            }
        }
        let (ra, rb) = (rank(a), rank(b))
        if ra != rb { return ra < rb ? -1 : 1 }
        let (sa, sb) = (Formatter.repr(a), Formatter.repr(b))
        return sa < sb ? -1 : (sa > sb ? 1 : 0)
    }
}
