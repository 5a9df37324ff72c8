import Foundation

/// Evaluates programs. Holds the session: global bindings, the built-in
/// registry, where `print` writes, and state that modules keep per session.
public final class Interpreter: @unchecked Sendable {
    /// The built-ins this interpreter knows.
    public let registry: Registry
    /// Global bindings made by `let` (and `--arg`).
    public private(set) var globals: [String: Value] = [:]
    /// Where `print` writes.
    public var output: (String) -> Void
    /// What results are shown on (width, colour), for built-ins that draw.
    public var display = Display()
    /// Where warnings go (a file that could not be loaded, ...): the rest continues.
    public var warn: (String) -> Void
    /// How many inputs could not be read (`reportInputError`); `nql` then exits with 4.
    public private(set) var inputErrors = 0
    /// The directory relative paths are resolved against.
    public var currentDirectory: String
    /// The flag that stops evaluation (Ctrl-C).
    public let interrupt: Interrupt
    /// Which files built-ins may read and write (`--read`, `--write`, `--sandbox`).
    public var fileAccess = FileAccess.unrestricted
    /// State modules keep for the session (caches), by key.
    public var moduleState: [String: AnyObject] = [:]
    /// Called before each top-level statement runs (`--echo`).
    public var beforeStatement: ((Statement) -> Void)?
    /// Whether the program is a script that `--arg NAME=VALUE` can give names to (an unknown name says so).
    public var takesArguments = false
    /// Whether `run` hands null results to its caller too (the prompt prints `null`).
    public var reportsNull = false
    /// Called after each top-level statement with its wall time in seconds (`--timer`).
    public var afterStatement: ((Statement, Double) -> Void)?
    /// The progress line for long statements (`Progress.swift`); nil for none.
    public var progress: Progress?
    /// With `nql --partial`: the program's final stage (`Partial.finalStage`), in which source, and
    /// the part of the input this process reads; that call returns its partial result instead of its value.
    public var partialStage: Partial.Stage?
    /// Whether the final stage gave its partial result (a script may shadow the built-in's name).
    public private(set) var gavePartial = false
    /// The deepest nesting of user-function calls allowed.
    public static let maxCallDepth = 2_000

    private var depth = 0
    private var source = SourceFile(name: "<none>", text: "")

    /// Creates an interpreter.
    public init(registry: Registry, output: @escaping (String) -> Void = { print($0, terminator: "") },
                warn: @escaping (String) -> Void = { FileHandle.standardError.write(Data($0.utf8)) },
                currentDirectory: String = FileManager.default.currentDirectoryPath, interrupt: Interrupt = .shared) {
        self.registry = registry
        self.interrupt = interrupt
        self.output = output
        self.warn = warn
        self.currentDirectory = currentDirectory
    }

    /// Warns about an input that could not be read (a missing file, a bad
    /// JSON line) and counts it: the program goes on with the rest.
    public func reportInputError(_ message: String) {
        inputErrors += 1
        warn(message)
    }

    /// The 1-based line where a statement of the running program starts.
    public func currentLine(of statement: Statement) -> Int? { source.line(of: statement.span.start) }

    /// Binds a global name.
    public func define(_ name: String, _ value: Value) { globals[name] = value }

    /// Forgets every global binding and module state.
    public func reset() {
        var old = (globals, moduleState)
        globals = [:]
        moduleState = [:]
        // A value nested very deep is freed recursively: on the large stack.
        try? LargeStack.run { old = ([:], [:]) }
        _ = old
    }

    /// Runs the statements of a program in order, handing each expression
    /// statement's value to `onValue` (null values are skipped unless `reportsNull`). Stops at the
    /// first runtime error and throws it. Evaluation runs on a thread with a
    /// large stack, so deep (but bounded) recursion reports an error instead
    /// of overflowing the caller's stack.
    public func run(_ program: Program, onValue: @escaping (Value, Statement) throws -> Void) throws {
        try LargeStack.run { try self.runHere(program, onValue: onValue) }
    }

    private func runHere(_ program: Program, onValue: (Value, Statement) throws -> Void) throws {
        source = program.source
        depth = 0
        for statement in program.statements {
            try interrupt.check()
            beforeStatement?(statement)
            let started = DispatchTime.now().uptimeNanoseconds
            progress?.begin()
            defer {
                progress?.clear()
                if let afterStatement {
                    afterStatement(statement, Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9)
                }
            }
            switch statement {
            case .let(let name, _, let expr, _):
                // Binding collects a stream: a variable holds a plain value (or a corpus store's stream, read when used).
                var value = try locate(expr.span) { try eval(expr, nil).bound(interrupt) }
                if case .function(let f) = value { value = .function(f.named(name)) }
                globals[name] = value
            case .expression(let expr):
                let value = try locate(expr.span) { try eval(expr, nil) }
                if !value.isNull || reportsNull { try onValue(value, statement) }
            }
        }
    }

    /// Evaluates one expression in the global scope (on the large stack).
    public func evaluate(_ expr: Expr, in source: SourceFile) throws -> Value {
        self.source = source
        var result: Value = .null
        try LargeStack.run { result = try self.locate(expr.span) { try self.eval(expr, nil).collected(self.interrupt) } }
        return result
    }

    /// The source of the code running now (a stream stage locates its errors in it).
    var currentSource: SourceFile { source }

    /// Runs `body`, placing an error without a location at `span` in `file`
    /// (a stream's stage runs after its call has returned).
    func locating<T>(_ span: Span, in file: SourceFile, _ body: () throws -> T) throws -> T {
        do { return try body() } catch var e as RuntimeError {
            if e.span == nil { e.span = span; e.source = file }
            throw e
        }
    }

    private func locate<T>(_ span: Span, _ body: () throws -> T) throws -> T {
        do { return try body() } catch var e as RuntimeError {
            if e.span == nil { e.span = span; e.source = source }
            throw e
        }
    }

    // MARK: - expressions

    func eval(_ e: Expr, _ scope: Scope?) throws -> Value {
        switch e {
        case .literal(let v, _):
            return v
        case .name(let n, let span):
            return try lookup(n, scope, span)
        case .implicitField(let field, let span):
            guard let element = scope?.lookup(".") else { throw RuntimeError(Messages.strayImplicitField, span: span, source: source) }
            guard let field else { return element }
            return try fieldOf(element, field, span)
        case .template(let parts, _):
            var s = ""
            for part in parts {
                switch part {
                case .text(let t): s += t
                case .expr(let x):
                    let v = try eval(x, scope).collected(interrupt)
                    s += Formatter.text(v)
                }
            }
            return .string(s)
        case .list(let items, _):
            var out: [Value] = []
            out.reserveCapacity(items.count)
            for item in items { out.append(try eval(item, scope).collected(interrupt)) }
            return .list(out)
        case .record(let fields, _):
            var r = Record()
            for (k, x) in fields { r[k] = try eval(x, scope).collected(interrupt) }
            return .record(r)
        case .lambda(let l):
            return .function(Function(.closure(Closure(l, captured: scope, source: source, name: nil))))
        case .call(let callee, let args, let span):
            return try evalCall(callee, args, piped: nil, scope, span)
        case .pipe(let lhs, let rhs, let span):
            let input = try eval(lhs, scope)
            if case .call(let callee, let args, let callSpan) = rhs {
                return try evalCall(callee, args, piped: input, scope, callSpan)
            }
            let f = try eval(rhs, scope)
            guard case .function(let fn) = f else {
                throw RuntimeError(Messages.pipeTargetNotFunction(f.typeName), span: rhs.span, source: source)
            }
            return try call(fn, [input], at: span)
        case .field(let base, let name, let span):
            return try fieldOf(try eval(base, scope).collected(interrupt), name, span)
        case .index(let base, let idx, let span):
            return try indexOf(try eval(base, scope).collected(interrupt), try eval(idx, scope).collected(interrupt), span)
        case .slice(let base, let lo, let hi, let span):
            return try sliceOf(try eval(base, scope).collected(interrupt), try lo.map { try eval($0, scope) }, try hi.map { try eval($0, scope) }, span)
        case .unary(.negate, let x, let span):
            switch try eval(x, scope) {
            case .int(let n):
                let (r, o) = (0).subtractingReportingOverflow(n)
                if o { throw RuntimeError(Messages.integerOverflow, span: span, source: source) }
                return .int(r)
            case .float(let d): return .float(-d)
            case let v: throw RuntimeError(Messages.badOperand("-", v.typeName), span: span, source: source)
            }
        case .unary(.not, let x, _):
            let v = try eval(x, scope)
            if case .function(let f) = v, !isImplicit(scope) { return .function(Function(.combined(.not, [f]))) }
            return .bool(!(try truth(v, scope, "not", x.span)))
        case .binary(.and, let a, let b, let span), .binary(.or, let a, let b, let span):
            let isAnd: Bool
            if case .binary(.and, _, _, _) = e { isAnd = true } else { isAnd = false }
            let lhs = try eval(a, scope)
            if case .function(let f) = lhs, !isImplicit(scope) {
                let rhs = try eval(b, scope)
                guard case .function(let g) = rhs else {
                    throw RuntimeError(Messages.mixedPredicate(isAnd ? "and" : "or", rhs.typeName), span: span, source: source)
                }
                return .function(Function(.combined(isAnd ? .and : .or, [f, g])))
            }
            let l = try truth(lhs, scope, isAnd ? "and" : "or", a.span)
            if isAnd && !l { return .bool(false) }
            if !isAnd && l { return .bool(true) }
            return .bool(try truth(try eval(b, scope), scope, isAnd ? "and" : "or", b.span))
        case .binary(let op, let a, let b, let span):
            let l = try eval(a, scope).collected(interrupt), r = try eval(b, scope).collected(interrupt)
            do { return try Operators.apply(op, l, r) } catch var err as RuntimeError {
                if err.span == nil { err.span = span; err.source = source }
                throw err
            }
        case .ifThen(let c, let yes, let no, _):
            return try truth(try eval(c, scope), scope, "if", c.span) ? try eval(yes, scope) : try eval(no, scope)
        }
    }

    /// Whether the innermost function is an implicit one (`.field` argument):
    /// there a predicate function used with `and`/`or`/`not` is applied to the element.
    private func isImplicit(_ scope: Scope?) -> Bool { scope?.name == "." }

    private func truth(_ v: Value, _ scope: Scope?, _ what: String, _ span: Span) throws -> Bool {
        switch v {
        case .bool(let b): return b
        case .function(let f) where isImplicit(scope):
            guard let element = scope?.value else { return false }
            let r = try call(f, [element], at: span)
            if case .bool(let b) = r { return b }
            throw RuntimeError(Messages.predicateResult(r.typeName), span: span, source: source)
        default:
            throw RuntimeError(Messages.expectedBool(what, v.typeName), span: span, source: source)
        }
    }

    private func lookup(_ name: String, _ scope: Scope?, _ span: Span) throws -> Value {
        if let v = scope?.lookup(name) { return v }
        if let v = globals[name] { return v }
        if let f = registry.function(named: name) { return .function(f) }
        var candidates = Array(globals.keys) + registry.names + (scope?.names ?? []).filter { $0 != "." }
        candidates += Keyword.allCases.map(\.rawValue)
        let hint = Suggest.closest(to: name, among: candidates).map { Messages.didYouMean($0) }
            ?? (takesArguments ? Messages.giveWithArg(name) : "")
        throw RuntimeError(Messages.unknownName(name) + hint, span: span, source: source)
    }

    private func evalCall(_ callee: Expr, _ args: [Argument], piped: Value?, _ scope: Scope?, _ span: Span) throws -> Value {
        var values: [Value] = []
        values.reserveCapacity(args.count + 1)
        if let piped { values.append(piped) }
        var labeled: [(String, Value)] = []
        for a in args {
            let v = try eval(a.value, scope)
            if let label = a.label { labeled.append((label, v)) } else { values.append(v) }
        }
        let f = try eval(callee, scope)
        guard case .function(let fn) = f else {
            throw RuntimeError(Messages.notCallable(f.typeName), span: callee.span, source: source)
        }
        return try call(fn, values, labeled: labeled, at: span, piped: piped != nil)
    }

    // MARK: - calls

    /// Calls a function value. `piped` says the first argument came from `|`,
    /// which turns off partial application.
    public func call(_ f: Function, _ args: [Value], labeled: [(String, Value)] = [], at span: Span, piped: Bool = false) throws -> Value {
        switch f.kind {
        case .closure(let closure):
            if !labeled.isEmpty {
                throw RuntimeError(Messages.labelsOnLambda(closure.name ?? "lambda"), span: span, source: source)
            }
            let params = closure.lambda.params
            guard args.count == params.count else {
                throw RuntimeError(Messages.arity(closure.name ?? "lambda", expected: "\(params.count)", got: args.count), span: span, source: source)
            }
            var s = closure.captured
            for (i, p) in params.enumerated() { s = Scope(name: p, value: try args[i].collected(interrupt), parent: s) }
            return try invoke(closure, s, at: span)
        case .builtin(let b):
            // A stream reaches a built-in only as the first argument of one that streams or folds.
            var args = args, labeled = labeled
            for i in args.indices where args[i].isStream && (i > 0 || b.flow == .collects) { args[i] = try args[i].collected(interrupt) }
            for i in labeled.indices where labeled[i].1.isStream { labeled[i].1 = try labeled[i].1.collected(interrupt) }
            let minArity = b.minArity
            if !piped && args.count == minArity - 1 && minArity > 0 {
                return .function(Function(.partial(b, args: try args.map { try $0.collected(interrupt) }, labeled: labeled)))
            }
            if args.count < minArity || args.count > (b.maxArity ?? Int.max) {
                let expected = b.maxArity == minArity ? "\(minArity)" : b.maxArity.map { "\(minArity) to \($0)" } ?? "at least \(minArity)"
                throw RuntimeError(Messages.arity(b.name, expected: expected, got: args.count) + Messages.usage(b.signature), span: span, source: source)
            }
            for (k, _) in labeled {
                guard b.anyLabels || b.options.contains(k) else {
                    let hint = Suggest.closest(to: k, among: b.options).map { Messages.didYouMean($0) } ?? ""
                    throw RuntimeError(Messages.unknownOption(b.name, k) + hint, span: span, source: source)
                }
            }
            if let stage = partialStage, stage.span == span, stage.source === source {
                return try partial(b, Arguments(builtin: b, values: args, labeled: labeled, interpreter: self, span: span), stage)
            }
            do {
                return try b.body(Arguments(builtin: b, values: args, labeled: labeled, interpreter: self, span: span))
            } catch var e as RuntimeError {
                if e.span == nil { e.span = span; e.source = source }
                throw e
            }
        case .partial(let b, let rest, let labels):
            guard args.count == 1 else {
                throw RuntimeError(Messages.arity("\(b.name) (partly applied)", expected: "1", got: args.count), span: span, source: source)
            }
            return try call(Function(.builtin(b)), args + rest, labeled: labels + labeled, at: span, piped: true)
        case .combined(let op, let fs):
            guard args.count == 1 else {
                throw RuntimeError(Messages.arity("predicate", expected: "1", got: args.count), span: span, source: source)
            }
            func test(_ g: Function) throws -> Bool {
                let r = try call(g, args, at: span)
                if case .bool(let b) = r { return b }
                throw RuntimeError(Messages.predicateResult(r.typeName), span: span, source: source)
            }
            switch op {
            case .not: return .bool(!(try test(fs[0])))
            case .and: for g in fs where !(try test(g)) { return .bool(false) }; return .bool(true)
            case .or: for g in fs where try test(g) { return .bool(true) }; return .bool(false)
            }
        case .native(let name, let arity, let body):
            guard args.count == arity else {
                throw RuntimeError(Messages.arity(name, expected: "\(arity)", got: args.count), span: span, source: source)
            }
            return try body(self, try args.map { try $0.collected(interrupt) })
        }
    }

    /// The final stage's partial result, as the lines `nql --partial` prints: one envelope, or one
    /// per element when the partial is a list of per-element partials (`stories`: one per article).
    private func partial(_ b: Builtin, _ a: Arguments, _ stage: Partial.Stage) throws -> Value {
        guard let merge = b.merge else {
            throw RuntimeError(Messages.notMergeable(b.name, mergeable: Partial.mergeable(in: registry)), span: a.span, source: source)
        }
        let value: Value
        do { value = try merge.partial(a) } catch var e as RuntimeError {
            if e.span == nil { e.span = a.span; e.source = source }
            throw e
        }
        gavePartial = true
        let options = Record(a.labeled.map { ($0.0, $0.1) })
        if merge.perElement, case .list(let xs) = value {
            return .list(xs.enumerated().map {
                Partial.envelope(builtin: b.name, stage: stage.text, options: options, part: stage.part, index: $0.offset, value: $0.element)
            })
        }
        return Partial.envelope(builtin: b.name, stage: stage.text, options: options, part: stage.part, value: value)
    }

    /// Evaluates a closure's body in a scope that binds its parameters.
    private func invoke(_ closure: Closure, _ scope: Scope?, at span: Span) throws -> Value {
        try interrupt.check()
        depth += 1
        defer { depth -= 1 }
        if depth > Interpreter.maxCallDepth {
            throw RuntimeError(Messages.recursionTooDeep(Interpreter.maxCallDepth, closure.name ?? "lambda"), span: span, source: source)
        }
        let callerSource = source, fsource = closure.source
        if callerSource !== fsource { source = fsource }
        defer { if callerSource !== fsource { source = callerSource } }
        do {
            return try eval(closure.lambda.body, scope)
        } catch var e as RuntimeError {
            if e.span == nil { e.span = closure.lambda.body.span; e.source = fsource }
            if let name = closure.name, !e.isInterrupt {
                e.callChain.append(Messages.calledFrom(name, location(span, callerSource)))
            }
            throw e
        }
    }

    /// Calls a function with one argument (the common case in `map`, `where`,
    /// `sort`): a closure of one parameter is called without building an array.
    public func call1(_ f: Function, _ x: Value, at span: Span) throws -> Value {
        if let closure = f.closure, closure.lambda.params.count == 1 {
            return try invoke(closure, Scope(name: closure.lambda.params[0], value: try x.collected(interrupt), parent: closure.captured), at: span)
        }
        return try call(f, [x], at: span)
    }

    private func location(_ span: Span, _ file: SourceFile) -> String {
        "\(file.name):\(file.line(of: span.start)):\(file.column(of: span.start))"
    }

    // MARK: - access

    /// `value.name`: a record's field; over a list of records, each one's field.
    public func fieldOf(_ value: Value, _ name: String, _ span: Span) throws -> Value {
        switch value {
        case .record(let r):
            if let v = r[name] { return v }
            let hint = Suggest.closest(to: name, among: r.keys).map { Messages.didYouMean($0) } ?? ""
            throw RuntimeError(Messages.noField(name, r.keys) + hint, span: span, source: source)
        case .list(let xs):
            return .list(try xs.map { try fieldOf($0, name, span) })
        default:
            throw RuntimeError(Messages.fieldOfNonRecord(name, value.typeName), span: span, source: source)
        }
    }

    private func indexOf(_ base: Value, _ idx: Value, _ span: Span) throws -> Value {
        switch (base, idx) {
        case (.list(let xs), .int(let i)):
            let j = i < 0 ? xs.count + i : i
            guard j >= 0, j < xs.count else { throw RuntimeError(Messages.indexOutOfRange(i, xs.count), span: span, source: source) }
            return xs[j]
        case (.string(let s), .int(let i)):
            let chars = Array(s)
            let j = i < 0 ? chars.count + i : i
            guard j >= 0, j < chars.count else { throw RuntimeError(Messages.indexOutOfRange(i, chars.count), span: span, source: source) }
            return .string(String(chars[j]))
        case (.record, .string(let k)):
            return try fieldOf(base, k, span)
        default:
            throw RuntimeError(Messages.badIndex(base.typeName, idx.typeName), span: span, source: source)
        }
    }

    private func sliceOf(_ base: Value, _ lo: Value?, _ hi: Value?, _ span: Span) throws -> Value {
        func bound(_ v: Value?, _ count: Int, _ dflt: Int) throws -> Int {
            guard let v, !v.isNull else { return dflt }
            guard case .int(let i) = v else { throw RuntimeError(Messages.badIndex(base.typeName, v.typeName), span: span, source: source) }
            return max(0, min(count, i < 0 ? count + i : i))
        }
        switch base {
        case .list(let xs):
            let a = try bound(lo, xs.count, 0), b = try bound(hi, xs.count, xs.count)
            return .list(a < b ? Array(xs[a..<b]) : [])
        case .string(let s):
            let chars = Array(s)
            let a = try bound(lo, chars.count, 0), b = try bound(hi, chars.count, chars.count)
            return .string(a < b ? String(chars[a..<b]) : "")
        default:
            throw RuntimeError(Messages.badIndex(base.typeName, "slice"), span: span, source: source)
        }
    }
}

/// Runs work on a thread with a 1 GiB stack (virtual: only touched pages are
/// used) and waits for it, passing errors back.
enum LargeStack {
    private final class Work: @unchecked Sendable {
        let body: () throws -> Void
        var error: Error?
        init(_ body: @escaping () throws -> Void) { self.body = body }
    }

    static func run(_ body: @escaping () throws -> Void) throws {
        let work = Work(body)
        let done = DispatchSemaphore(value: 0)
        let thread = Thread {
            do { try work.body() } catch { work.error = error }
            done.signal()
        }
        thread.stackSize = 1 << 30
        thread.start()
        done.wait()
        if let error = work.error { throw error }
    }
}
