/// A function value: a user lambda, a built-in, a built-in waiting for its
/// first argument, or predicates combined with `and`, `or`, `not`.
public final class Function: Sendable {
    /// How predicates are combined.
    public enum Combinator: String, Sendable { case and, or, not }

    /// What the function is.
    public enum Kind: Sendable {
        /// A lambda and the scope it was written in.
        case closure(Closure)
        /// A built-in from the registry.
        case builtin(Builtin)
        /// A built-in given every argument but its first: `mentions("Japan")`.
        case partial(Builtin, args: [Value], labeled: [(String, Value)])
        /// Predicates joined by `and`/`or`, or negated by `not`.
        case combined(Combinator, [Function])
        /// A function made by Swift code (a module's helper).
        case native(name: String, arity: Int, body: @Sendable (Interpreter, [Value]) throws -> Value)
    }

    /// What the function is.
    public let kind: Kind
    /// The closure, when the function is one (read without copying `kind` on every call).
    public let closure: Closure?

    /// Wraps a kind.
    public init(_ kind: Kind) {
        self.kind = kind
        if case .closure(let c) = kind { closure = c } else { closure = nil }
    }

    /// Identity, for equality and hashing of function values.
    public var identity: ObjectIdentifier { ObjectIdentifier(self) }

    /// A name for messages and printing.
    public var displayName: String {
        switch kind {
        case .closure(let c): return c.name ?? "lambda"
        case .builtin(let b): return b.name
        case .partial(let b, _, _): return b.name
        case .combined(let c, _): return c.rawValue
        case .native(let name, _, _): return name
        }
    }

    /// How the function prints: `<function f(x)>`, `<builtin len>`.
    public var description: String {
        switch kind {
        case .closure(let c):
            if let text = c.lambda.implicitText { return "<function \(text)>" }
            return "<function \(c.name ?? "")(\(c.lambda.params.joined(separator: ", ")))>"
        case .builtin(let b): return "<builtin \(b.name)>"
        case .partial(let b, _, _): return "<builtin \(b.name), partly applied>"
        case .combined(let c, let fs): return "<predicate \(c.rawValue) of \(fs.count)>"
        case .native(let name, _, _): return "<function \(name)>"
        }
    }

    /// The same closure under a name (given by `let`), so that errors name it.
    func named(_ name: String) -> Function {
        if case .closure(let c) = kind, c.name == nil {
            return Function(.closure(Closure(c.lambda, captured: c.captured, source: c.source, name: name)))
        }
        return self
    }
}

/// A lambda with the scope it was written in: one object, so that a call
/// retains one reference rather than four.
public final class Closure: Sendable {
    /// The function literal.
    public let lambda: LambdaExpr
    /// The bindings visible where it was written.
    public let captured: Scope?
    /// The source it was written in (for error locations).
    public let source: SourceFile
    /// The name it was bound to by `let`, for messages.
    public let name: String?

    /// Creates a closure.
    public init(_ lambda: LambdaExpr, captured: Scope?, source: SourceFile, name: String?) {
        self.lambda = lambda
        self.captured = captured
        self.source = source
        self.name = name
    }
}

/// Lexical bindings: a chain of single name–value nodes, innermost first.
/// Immutable once made, so closures can capture it freely.
public final class Scope: Sendable {
    /// The bound name; `.` for the element of an implicit function.
    public let name: String
    /// The bound value.
    public let value: Value
    /// The enclosing bindings.
    public let parent: Scope?

    /// Binds one name in front of `parent`.
    public init(name: String, value: Value, parent: Scope?) {
        self.name = name
        self.value = value
        self.parent = parent
    }

    /// The innermost binding of `name`.
    public func lookup(_ name: String) -> Value? {
        // The innermost binding is the usual hit: check it before walking (and retaining) the chain.
        if self.name == name { return value }
        var s = parent
        while let node = s {
            if node.name == name { return node.value }
            s = node.parent
        }
        return nil
    }

    /// Every bound name, innermost first.
    public var names: [String] {
        var out: [String] = []
        var s: Scope? = self
        while let node = s {
            out.append(node.name)
            s = node.parent
        }
        return out
    }
}
