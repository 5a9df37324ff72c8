/// Unary operators.
public enum UnaryOp: String, Sendable { case negate = "-", not }

/// Binary operators, including the short-circuit `and` and `or`.
public enum BinaryOp: String, Sendable {
    case add = "+", sub = "-", mul = "*", div = "/", mod = "%"
    case eq = "==", ne = "!=", lt = "<", le = "<=", gt = ">", ge = ">="
    case `in`, and, or
}

/// A function literal: `x -> body`, `(a, b) -> body`, or the implicit
/// one-parameter function an argument such as `.type == "PERSON"` becomes.
public final class LambdaExpr: Sendable {
    /// Parameter names; an implicit function has the single parameter `.`.
    public let params: [String]
    /// The body.
    public let body: Expr
    /// Where the literal is.
    public let span: Span
    /// For an implicit function, its source text (`.name`), used as a column name by `select`.
    public let implicitText: String?

    /// Creates a lambda node.
    public init(params: [String], body: Expr, span: Span, implicitText: String? = nil) {
        self.params = params
        self.body = body
        self.span = span
        self.implicitText = implicitText
    }

    /// The field name when the body is exactly `.field`.
    public var implicitFieldName: String? {
        if case .implicitField(let name?, _) = body { return name }
        return nil
    }
}

/// One argument of a call, perhaps labelled (`desc: true`).
public struct Argument: Sendable {
    /// The label, if any.
    public var label: String?
    /// The value.
    public var value: Expr
}

/// A part of an interpolated string.
public enum TemplatePart: Sendable {
    case text(String)
    case expr(Expr)
}

/// An expression. Every case carries its span.
public indirect enum Expr: Sendable {
    case literal(Value, Span)
    case template([TemplatePart], Span)
    case name(String, Span)
    /// `.field` (or `.` alone: the element itself) inside an implicit function.
    case implicitField(String?, Span)
    case list([Expr], Span)
    case record([(key: String, value: Expr)], Span)
    case lambda(LambdaExpr)
    case call(callee: Expr, args: [Argument], Span)
    case pipe(Expr, Expr, Span)
    case field(Expr, String, Span)
    case index(Expr, Expr, Span)
    case slice(Expr, Expr?, Expr?, Span)
    case unary(UnaryOp, Expr, Span)
    case binary(BinaryOp, Expr, Expr, Span)
    case ifThen(Expr, Expr, Expr, Span)

    /// Where the expression is.
    public var span: Span {
        switch self {
        case .literal(_, let s), .template(_, let s), .name(_, let s), .implicitField(_, let s), .list(_, let s),
             .record(_, let s), .call(_, _, let s), .pipe(_, _, let s), .field(_, _, let s), .index(_, _, let s),
             .slice(_, _, _, let s), .unary(_, _, let s), .binary(_, _, _, let s), .ifThen(_, _, _, let s):
            return s
        case .lambda(let l): return l.span
        }
    }

    /// Whether `.field` occurs outside any nested function literal.
    var usesImplicitElement: Bool {
        switch self {
        case .implicitField: return true
        case .literal, .name, .lambda: return false
        case .template(let parts, _):
            return parts.contains { if case .expr(let e) = $0 { return e.usesImplicitElement } else { return false } }
        case .list(let items, _): return items.contains { $0.usesImplicitElement }
        case .record(let fields, _): return fields.contains { $0.value.usesImplicitElement }
        case .call(let callee, let args, _): return callee.usesImplicitElement || args.contains { $0.value.usesImplicitElement }
        case .pipe(let a, let b, _), .index(let a, let b, _), .binary(_, let a, let b, _):
            return a.usesImplicitElement || b.usesImplicitElement
        case .field(let e, _, _), .unary(_, let e, _): return e.usesImplicitElement
        case .slice(let e, let lo, let hi, _):
            return e.usesImplicitElement || (lo?.usesImplicitElement ?? false) || (hi?.usesImplicitElement ?? false)
        case .ifThen(let c, let a, let b, _): return c.usesImplicitElement || a.usesImplicitElement || b.usesImplicitElement
        }
    }
}

/// A statement: a binding or an expression whose value is shown.
public enum Statement: Sendable {
    case `let`(name: String, nameSpan: Span, value: Expr, span: Span)
    case expression(Expr)

    /// Where the statement is.
    public var span: Span {
        switch self {
        case .let(_, _, _, let s): return s
        case .expression(let e): return e.span
        }
    }
}

/// A parsed program: its statements and the source they came from.
public struct Program: Sendable {
    /// The statements, in order.
    public var statements: [Statement]
    /// The source file.
    public var source: SourceFile
}
