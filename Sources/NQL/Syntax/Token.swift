/// Reserved words.
public enum Keyword: String, Sendable, CaseIterable {
    case `let`, `if`, then, `else`, and, or, not, `in`, `true`, `false`, null
}

/// Operators and punctuation.
public enum Punct: String, Sendable, CaseIterable {
    case lparen = "(", rparen = ")", lbracket = "[", rbracket = "]", lbrace = "{", rbrace = "}"
    case comma = ",", colon = ":", semicolon = ";", dot = ".", pipe = "|", arrow = "->"
    case plus = "+", minus = "-", star = "*", slash = "/", percent = "%"
    case eq = "==", ne = "!=", lt = "<", le = "<=", gt = ">", ge = ">=", assign = "="
}

/// A piece of a string literal: plain text, or `${expression}` source with
/// the byte offset where that source starts.
public enum StringPiece: Sendable, Equatable {
    case text(String)
    case code(String, offset: Int)
}

/// What a token is.
public enum TokenKind: Sendable, Equatable {
    case int(Int)
    case float(Double)
    case string([StringPiece])
    case date(DateValue)
    case regex(pattern: String, flags: String)
    case name(String)
    case keyword(Keyword)
    case punct(Punct)
    case newline
    case eof
}

/// A token and the bytes it came from.
public struct Token: Sendable {
    /// What the token is.
    public var kind: TokenKind
    /// Where it is.
    public var span: Span

    /// Whether an operand ends with this token (so a following `/` divides).
    var endsOperand: Bool {
        switch kind {
        case .int, .float, .string, .date, .regex, .name: return true
        case .keyword(let k): return k == .true || k == .false || k == .null
        case .punct(let p): return p == .rparen || p == .rbracket || p == .rbrace
        case .newline, .eof: return false
        }
    }

    /// Whether a statement cannot end with this token, so a newline after it continues the line.
    var continuesLine: Bool {
        switch kind {
        case .keyword(let k): return [.let, .if, .then, .else, .and, .or, .not, .in].contains(k)
        case .punct(let p):
            return [.comma, .colon, .dot, .pipe, .arrow, .plus, .minus, .star, .slash, .percent,
                    .eq, .ne, .lt, .le, .gt, .ge, .assign].contains(p)
        default: return false
        }
    }

    /// Whether a line starting with this token continues the previous one.
    var continuesPreviousLine: Bool {
        switch kind {
        case .punct(.pipe), .punct(.arrow), .keyword(.then), .keyword(.else), .keyword(.and), .keyword(.or): return true
        default: return false
        }
    }
}
