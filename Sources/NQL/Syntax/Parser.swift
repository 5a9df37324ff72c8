/// Builds the syntax tree from tokens, following `Grammar/nql.ebnf`; each
/// parse function quotes the rule it implements. On an error the parser
/// records it, skips to the next statement and goes on, so one run reports
/// every syntax error.
public struct Parser {
    private struct Failure: Error {}

    /// Tells whether a built-in's parameter takes a function: given the name,
    /// the position of an argument and the number of arguments written (after
    /// a pipe the piped value is position 0). nil when the name is unknown.
    public typealias FunctionParameters = @Sendable (_ name: String, _ position: Int, _ count: Int) -> Bool?

    private let source: SourceFile
    private var tokens: [Token]
    private var functionParameters: FunctionParameters?
    private var pos = 0
    private var nesting = 0
    private static let maxNesting = 200
    /// An upper bound on the depth of the tree being built: brackets plus every
    /// operator, pipe stage, call, field and index in a chain adds a level.
    /// Every pass over the tree (and its teardown) recurses, so this keeps a
    /// generated `1 + 1 + ...` of 200,000 terms from overflowing the stack.
    private var depth = 0
    static let maxDepth = 3_000
    /// At most this many syntax errors are reported per source; the last one says how many more there were.
    public static let maxReported = 20
    /// Problems found by the lexer and the parser, in source order.
    public private(set) var diagnostics: [Diagnostic] = []

    /// Creates a parser for a whole source file. With `functionParameters`
    /// an argument such as `.text` given to a parameter that takes a value is
    /// not made a function there: it belongs to the enclosing argument, so
    /// `filter(contains(.text, "x"))` tests each article's text.
    public init(_ source: SourceFile, functionParameters: FunctionParameters? = nil) {
        var lexer = Lexer(source)
        self.tokens = lexer.scanTokens()
        self.source = source
        self.diagnostics = lexer.diagnostics
        self.functionParameters = functionParameters
    }

    private init(source: SourceFile, range: Range<Int>, functionParameters: FunctionParameters?) {
        var lexer = Lexer(source, range: range)
        self.tokens = lexer.scanTokens()
        self.source = source
        self.diagnostics = lexer.diagnostics
        self.functionParameters = functionParameters
    }

    /// Parses a source file: the program, or every problem found.
    public static func parse(_ source: SourceFile, functionParameters: FunctionParameters? = nil) -> Result<Program, SyntaxErrors> {
        var parser = Parser(source, functionParameters: functionParameters)
        let program = parser.parseProgram()
        var problems = parser.diagnostics.sorted { $0.span.start < $1.span.start }
        if problems.count > maxReported {
            let more = problems.count - maxReported
            problems.removeLast(more)
            problems[problems.count - 1].notes.append(Messages.moreSyntaxErrors(more))
        }
        return problems.isEmpty ? .success(program) : .failure(SyntaxErrors(diagnostics: problems))
    }

    /// Whether the text is an unfinished statement (an open bracket or string,
    /// a trailing operator or `|`), so that a prompt should ask for more.
    public static func isIncomplete(_ text: String) -> Bool {
        if case .failure(let errors) = parse(SourceFile(name: "<repl>", text: text)) {
            return errors.diagnostics.contains { $0.isIncompleteInput }
        }
        return false
    }

    // MARK: - statements

    /// program = { separator } [ statement { separator { separator } statement } { separator } ] EOF ;
    public mutating func parseProgram() -> Program {
        var statements: [Statement] = []
        while true {
            skipSeparators()
            if check(.eof) { break }
            do {
                statements.append(try parseStatement())
                if !check(.eof) && !checkSeparator() {
                    throw fail(Messages.expectedStatementEnd(describe(peek)), peek.span)
                }
            } catch {
                synchronize()
            }
        }
        return Program(statements: statements, source: source)
    }

    /// statement = "let" NAME "=" expr | expr ;
    mutating func parseStatement() throws -> Statement {
        if match(.keyword(.let)) {
            let start = previous.span
            guard case .name(let name) = peek.kind else {
                throw fail(Messages.expectedNameAfterLet(describe(peek)), peek.span)
            }
            let nameSpan = advance().span
            try expect(.punct(.assign), Messages.expectedAssign)
            let value = try parseExpr()
            try rejectStrayImplicit(value)
            return .let(name: name, nameSpan: nameSpan, value: value, span: start.to(value.span))
        }
        let e = try parseExpr()
        try rejectStrayImplicit(e)
        return .expression(e)
    }

    private mutating func rejectStrayImplicit(_ e: Expr) throws {
        if e.usesImplicitElement {
            throw fail(Messages.strayImplicitField, firstImplicitSpan(e) ?? e.span)
        }
    }

    // MARK: - expressions

    /// expr = pipeline ;
    /// pipeline = or_expr { "|" stage } ;
    mutating func parseExpr() throws -> Expr {
        nesting += 1
        let outer = depth
        defer { nesting -= 1; depth = outer }
        if nesting > Parser.maxNesting { throw fail(Messages.nestedTooDeeply, peek.span) }
        try deepen()
        var lhs = try parseOr()
        while match(.punct(.pipe)) {
            try deepen()
            let stage = try parseStage()
            lhs = .pipe(lhs, stage, lhs.span.to(stage.span))
        }
        return lhs
    }

    /// stage = postfix ;   (a function, a call whose first argument is the piped value, or `.field`)
    mutating func parseStage() throws -> Expr {
        if check(.eof) { throw fail(Messages.expectedStage, peek.span) }
        let start = peek.span
        let stage = try parsePostfix(piped: true)
        if case .punct(let p) = peek.kind, [.plus, .minus, .star, .slash, .percent, .eq, .ne, .lt, .le, .gt, .ge].contains(p) {
            throw fail(Messages.operatorAfterStage(p.rawValue), peek.span)
        }
        if case .keyword(let k) = peek.kind, k == .and || k == .or || k == .in {
            throw fail(Messages.operatorAfterStage(k.rawValue), peek.span)
        }
        if stage.usesImplicitElement {
            return .lambda(LambdaExpr(params: ["."], body: stage, span: stage.span, implicitText: source.text(of: start.to(stage.span))))
        }
        return stage
    }

    /// or_expr = and_expr { "or" and_expr } ;
    mutating func parseOr() throws -> Expr {
        let outer = depth
        defer { depth = outer }
        var lhs = try parseAnd()
        while match(.keyword(.or)) {
            try deepen()
            let rhs = try parseAnd()
            lhs = .binary(.or, lhs, rhs, lhs.span.to(rhs.span))
        }
        return lhs
    }

    /// and_expr = not_expr { "and" not_expr } ;
    mutating func parseAnd() throws -> Expr {
        let outer = depth
        defer { depth = outer }
        var lhs = try parseNot()
        while match(.keyword(.and)) {
            try deepen()
            let rhs = try parseNot()
            lhs = .binary(.and, lhs, rhs, lhs.span.to(rhs.span))
        }
        return lhs
    }

    /// not_expr = "not" not_expr | comparison ;
    mutating func parseNot() throws -> Expr {
        if match(.keyword(.not)) {
            let start = previous.span
            nesting += 1
            defer { nesting -= 1 }
            if nesting > Parser.maxNesting { throw fail(Messages.nestedTooDeeply, previous.span) }
            let operand = try parseNot()
            return .unary(.not, operand, start.to(operand.span))
        }
        return try parseComparison()
    }

    /// comparison = additive [ ( "==" | "!=" | "<" | "<=" | ">" | ">=" | "in" | "not" "in" ) additive ] ;
    mutating func parseComparison() throws -> Expr {
        let lhs = try parseAdditive()
        var op: BinaryOp?
        var negate = false
        switch peek.kind {
        case .punct(.eq): op = .eq
        case .punct(.ne): op = .ne
        case .punct(.lt): op = .lt
        case .punct(.le): op = .le
        case .punct(.gt): op = .gt
        case .punct(.ge): op = .ge
        case .keyword(.in): op = .in
        case .keyword(.not) where peekAhead(1).kind == .keyword(.in):
            op = .in
            negate = true
            advance()
        default: break
        }
        guard let op else { return lhs }
        advance()
        let rhs = try parseAdditive()
        var result = Expr.binary(op, lhs, rhs, lhs.span.to(rhs.span))
        if negate { result = .unary(.not, result, result.span) }
        if case .punct(let p) = peek.kind, [.eq, .ne, .lt, .le, .gt, .ge].contains(p) {
            throw fail(Messages.chainedComparison, peek.span)
        }
        return result
    }

    /// additive = multiplicative { ( "+" | "-" ) multiplicative } ;
    mutating func parseAdditive() throws -> Expr {
        let outer = depth
        defer { depth = outer }
        var lhs = try parseMultiplicative()
        while true {
            let op: BinaryOp
            if match(.punct(.plus)) { op = .add } else if match(.punct(.minus)) { op = .sub } else { break }
            try deepen()
            let rhs = try parseMultiplicative()
            lhs = .binary(op, lhs, rhs, lhs.span.to(rhs.span))
        }
        return lhs
    }

    /// multiplicative = unary { ( "*" | "/" | "%" ) unary } ;
    mutating func parseMultiplicative() throws -> Expr {
        let outer = depth
        defer { depth = outer }
        var lhs = try parseUnary()
        while true {
            let op: BinaryOp
            if match(.punct(.star)) { op = .mul } else if match(.punct(.slash)) { op = .div } else if match(.punct(.percent)) { op = .mod } else { break }
            try deepen()
            let rhs = try parseUnary()
            lhs = .binary(op, lhs, rhs, lhs.span.to(rhs.span))
        }
        return lhs
    }

    /// unary = "-" unary | postfix ;
    mutating func parseUnary() throws -> Expr {
        if match(.punct(.minus)) {
            let start = previous.span
            nesting += 1
            defer { nesting -= 1 }
            if nesting > Parser.maxNesting { throw fail(Messages.nestedTooDeeply, peek.span) }
            let operand = try parseUnary()
            if case .literal(.int(let n), _) = operand { return .literal(.int(-n), start.to(operand.span)) }
            if case .literal(.float(let d), _) = operand { return .literal(.float(-d), start.to(operand.span)) }
            return .unary(.negate, operand, start.to(operand.span))
        }
        return try parsePostfix()
    }

    /// postfix = primary { "(" [ arguments ] ")" | "." NAME | "[" index "]" } ;
    /// index = expr | [ expr ] ":" [ expr ] ;
    mutating func parsePostfix(piped: Bool = false) throws -> Expr {
        let outer = depth
        defer { depth = outer }
        var e = try parsePrimary()
        var firstCall = true
        while true {
            if check(.punct(.lparen)) || check(.punct(.dot)) || check(.punct(.lbracket)) { try deepen() }
            if match(.punct(.lparen)) {
                let args = wrapImplicitArguments(try parseArguments(), callee: e, piped: piped && firstCall)
                firstCall = false
                e = .call(callee: e, args: args, e.span.to(previous.span))
            } else if match(.punct(.dot)) {
                guard case .name(let field) = peek.kind else {
                    throw fail(Messages.expectedFieldName(describe(peek)), peek.span)
                }
                advance()
                e = .field(e, field, e.span.to(previous.span))
            } else if match(.punct(.lbracket)) {
                var lo: Expr?
                if !check(.punct(.colon)) { lo = try parseExpr() }
                if match(.punct(.colon)) {
                    let hi: Expr? = check(.punct(.rbracket)) ? nil : try parseExpr()
                    try expect(.punct(.rbracket), Messages.expectedCloser("]", "index"))
                    e = .slice(e, lo, hi, e.span.to(previous.span))
                } else {
                    try expect(.punct(.rbracket), Messages.expectedCloser("]", "index"))
                    e = .index(e, lo ?? .literal(.null, previous.span), e.span.to(previous.span))
                }
            } else {
                return e
            }
        }
    }

    /// arguments = argument { "," argument } [ "," ] ;
    /// argument = [ NAME ":" ] expr ;   (an argument using `.field` becomes a function of the element)
    mutating func parseArguments() throws -> [Argument] {
        var args: [Argument] = []
        while !check(.punct(.rparen)) {
            var label: String?
            if case .name(let n) = peek.kind, peekAhead(1).kind == .punct(.colon) {
                label = n
                advance()
                advance()
            }
            args.append(Argument(label: label, value: try parseExpr()))
            if !match(.punct(.comma)) { break }
        }
        try expect(.punct(.rparen), Messages.expectedCloser(")", "arguments"))
        return args
    }

    /// Makes each argument that uses `.field` a function of the element
    /// (`where(.n > 1)`), except where the built-in takes a plain value: then
    /// `.field` is left to the enclosing argument (`filter(contains(.text, "x"))`).
    private func wrapImplicitArguments(_ args: [Argument], callee: Expr, piped: Bool) -> [Argument] {
        var name: String?
        if case .name(let n, _) = callee { name = n }
        let positional = args.filter { $0.label == nil }.count + (piped ? 1 : 0)
        var position = piped ? 1 : 0
        return args.map { arg in
            defer { if arg.label == nil { position += 1 } }
            guard arg.value.usesImplicitElement else { return arg }
            if arg.label == nil, let name, let oracle = functionParameters,
               oracle(name, position, positional) == false {
                return arg
            }
            let text = source.text(of: arg.value.span)
            return Argument(label: arg.label, value: .lambda(LambdaExpr(params: ["."], body: arg.value, span: arg.value.span, implicitText: text)))
        }
    }

    /// primary = INT | FLOAT | STRING | DATE | REGEX | "true" | "false" | "null"
    ///         | NAME | lambda | "(" expr ")" | list | record | implicit | conditional ;
    mutating func parsePrimary() throws -> Expr {
        let t = peek
        switch t.kind {
        case .int(let n): advance(); return .literal(.int(n), t.span)
        case .float(let d): advance(); return .literal(.float(d), t.span)
        case .date(let d): advance(); return .literal(.date(d), t.span)
        case .regex(let pattern, let flags):
            advance()
            do {
                return .literal(.regex(try RegexValue(pattern: pattern, flags: flags)), t.span)
            } catch let error as RegexValue.BadPattern {
                throw fail(Messages.badRegex(error.reason), t.span)
            }
        case .string(let pieces):
            advance()
            return try parseTemplate(pieces, t.span)
        case .keyword(.true): advance(); return .literal(.bool(true), t.span)
        case .keyword(.false): advance(); return .literal(.bool(false), t.span)
        case .keyword(.null): advance(); return .literal(.null, t.span)
        case .keyword(.if): return try parseConditional()
        case .name(let n):
            if peekAhead(1).kind == .punct(.arrow) { return try parseLambda() }
            advance()
            return .name(n, t.span)
        case .punct(.lparen):
            if lambdaAhead() { return try parseLambda() }
            advance()
            let inner = try parseExpr()
            try expect(.punct(.rparen), Messages.expectedCloser(")", "expression"))
            return inner
        case .punct(.lbracket): return try parseList()
        case .punct(.lbrace): return try parseRecord()
        case .punct(.dot): return try parseImplicit()
        case .eof: throw fail(Messages.expectedExpression("end of input"), t.span)
        default: throw fail(Messages.expectedExpression(describe(t)), t.span)
        }
    }

    /// implicit = "." [ NAME ] ;   (the current element, or one of its fields)
    mutating func parseImplicit() throws -> Expr {
        let start = advance().span
        if case .name(let field) = peek.kind, peek.span.start == start.end {
            advance()
            return .implicitField(field, start.to(previous.span))
        }
        return .implicitField(nil, start)
    }

    /// conditional = "if" expr "then" expr "else" expr ;
    mutating func parseConditional() throws -> Expr {
        let start = advance().span
        let cond = try parseExpr()
        try expect(.keyword(.then), Messages.expectedThen)
        let yes = try parseExpr()
        try expect(.keyword(.else), Messages.expectedElse)
        let no = try parseExpr()
        return .ifThen(cond, yes, no, start.to(no.span))
    }

    /// lambda = ( NAME | "(" [ NAME { "," NAME } ] ")" ) "->" expr ;
    mutating func parseLambda() throws -> Expr {
        let start = peek.span
        var params: [String] = []
        if case .name(let n) = peek.kind {
            params = [n]
            advance()
        } else {
            advance()  // (
            while case .name(let n) = peek.kind {
                if params.contains(n) { throw fail(Messages.duplicateParameter(n), peek.span) }
                params.append(n)
                advance()
                if !match(.punct(.comma)) { break }
            }
            try expect(.punct(.rparen), Messages.expectedCloser(")", "parameters"))
        }
        try expect(.punct(.arrow), Messages.expectedArrow)
        let body = try parseExpr()
        return .lambda(LambdaExpr(params: params, body: body, span: start.to(body.span)))
    }

    /// list = "[" [ expr { "," expr } [ "," ] ] "]" ;
    mutating func parseList() throws -> Expr {
        let start = advance().span
        var items: [Expr] = []
        while !check(.punct(.rbracket)) {
            items.append(try parseExpr())
            if !match(.punct(.comma)) { break }
        }
        try expect(.punct(.rbracket), Messages.expectedCloser("]", "list"))
        return .list(items, start.to(previous.span))
    }

    /// record = "{" [ field { "," field } [ "," ] ] "}" ;
    /// field = ( NAME | STRING ) ":" expr | NAME ;
    mutating func parseRecord() throws -> Expr {
        let start = advance().span
        var fields: [(key: String, value: Expr)] = []
        var seen = Set<String>()
        while !check(.punct(.rbrace)) {
            let keyToken = peek
            let key: String
            switch keyToken.kind {
            case .name(let n): key = n
            case .keyword(let k): key = k.rawValue
            case .string(let pieces) where pieces.allSatisfy({ if case .text = $0 { return true } else { return false } }):
                key = pieces.map { if case .text(let s) = $0 { return s } else { return "" } }.joined()
            default: throw fail(Messages.expectedFieldKey(describe(keyToken)), keyToken.span)
            }
            advance()
            if !seen.insert(key).inserted { throw fail(Messages.duplicateKey(key), keyToken.span) }
            if match(.punct(.colon)) {
                fields.append((key, try parseExpr()))
            } else if case .name = keyToken.kind {
                fields.append((key, .name(key, keyToken.span)))
            } else {
                throw fail(Messages.expectedColonInRecord, peek.span)
            }
            if !match(.punct(.comma)) { break }
        }
        try expect(.punct(.rbrace), Messages.expectedCloser("}", "record"))
        return .record(fields, start.to(previous.span))
    }

    private mutating func parseTemplate(_ pieces: [StringPiece], _ span: Span) throws -> Expr {
        var parts: [TemplatePart] = []
        for piece in pieces {
            switch piece {
            case .text(let s): parts.append(.text(s))
            case .code(let code, let offset):
                var sub = Parser(source: source, range: offset..<(offset + code.utf8.count), functionParameters: functionParameters)
                sub.nesting = nesting
                sub.depth = depth
                if sub.check(.eof) { throw fail(Messages.emptyInterpolation, Span(offset - 2, offset + 1)) }
                let e: Expr
                do {
                    e = try sub.parseExpr()
                    if !sub.check(.eof) { throw sub.fail(Messages.expectedCloser("}", "interpolation"), sub.peek.span) }
                } catch {
                    diagnostics.append(contentsOf: sub.diagnostics)
                    throw Failure()
                }
                diagnostics.append(contentsOf: sub.diagnostics)
                parts.append(.expr(e))
            }
        }
        if parts.count == 1, case .text(let s) = parts[0] { return .literal(.string(s), span) }
        if parts.isEmpty { return .literal(.string(""), span) }
        return .template(parts, span)
    }

    // MARK: - tokens

    private var peek: Token { tokens[pos] }
    private var previous: Token { tokens[max(0, pos - 1)] }
    private func peekAhead(_ k: Int) -> Token { tokens[min(pos + k, tokens.count - 1)] }
    private func check(_ kind: TokenKind) -> Bool { peek.kind == kind }
    private func checkSeparator() -> Bool { check(.newline) || check(.punct(.semicolon)) }

    @discardableResult
    private mutating func advance() -> Token {
        let t = tokens[pos]
        if pos < tokens.count - 1 { pos += 1 }
        return t
    }

    private mutating func match(_ kind: TokenKind) -> Bool {
        if check(kind) { advance(); return true }
        return false
    }

    private mutating func expect(_ kind: TokenKind, _ message: String) throws {
        if !match(kind) {
            throw fail(check(.eof) ? "\(message), but the input ended" : "\(message), found \(describe(peek))", peek.span)
        }
    }

    private mutating func skipSeparators() {
        while checkSeparator() { advance() }
    }

    /// Skips to the start of the next statement after an error.
    private mutating func synchronize() {
        while !check(.eof) && !checkSeparator() { advance() }
    }

    /// Whether `(` starts a parameter list: `( [NAME {, NAME}] ) ->`.
    private func lambdaAhead() -> Bool {
        var k = pos + 1
        if tokens[k].kind == .punct(.rparen) { return tokens[min(k + 1, tokens.count - 1)].kind == .punct(.arrow) }
        while k < tokens.count {
            guard case .name = tokens[k].kind else { return false }
            k += 1
            if tokens[k].kind == .punct(.comma) { k += 1; continue }
            return tokens[k].kind == .punct(.rparen) && tokens[min(k + 1, tokens.count - 1)].kind == .punct(.arrow)
        }
        return false
    }

    /// One more level in the tree being built; an error past `maxDepth`.
    private mutating func deepen() throws {
        depth += 1
        if depth > Parser.maxDepth { throw fail(Messages.expressionTooDeep(Parser.maxDepth), peek.span) }
    }

    private mutating func fail(_ message: String, _ span: Span) -> Failure {
        let atEnd = span.start >= (tokens.last?.span.start ?? 0) && check(.eof)
        diagnostics.append(Diagnostic(kind: .syntax, message: message, source: source, span: span, isIncompleteInput: atEnd))
        return Failure()
    }

    private func describe(_ t: Token) -> String {
        switch t.kind {
        case .eof: return "end of input"
        case .newline: return "end of line"
        case .int, .float: return "number '\(source.text(of: t.span))'"
        case .string: return "string"
        case .date: return "date"
        case .regex: return "regular expression"
        case .name(let n): return "'\(n)'"
        case .keyword(let k): return "'\(k.rawValue)'"
        case .punct(let p): return "'\(p.rawValue)'"
        }
    }

    private func firstImplicitSpan(_ e: Expr) -> Span? {
        if case .implicitField(_, let s) = e { return s }
        switch e {
        case .call(let c, let args, _): return firstImplicitSpan(c) ?? args.lazy.compactMap { firstImplicitSpan($0.value) }.first
        case .pipe(let a, let b, _), .index(let a, let b, _), .binary(_, let a, let b, _): return firstImplicitSpan(a) ?? firstImplicitSpan(b)
        case .field(let x, _, _), .unary(_, let x, _): return firstImplicitSpan(x)
        case .list(let xs, _): return xs.lazy.compactMap { firstImplicitSpan($0) }.first
        case .record(let fs, _): return fs.lazy.compactMap { firstImplicitSpan($0.value) }.first
        case .ifThen(let a, let b, let c, _): return firstImplicitSpan(a) ?? firstImplicitSpan(b) ?? firstImplicitSpan(c)
        default: return nil
        }
    }
}

/// Every syntax error found in one source.
public struct SyntaxErrors: Error, Sendable {
    /// The problems, in source order.
    public var diagnostics: [Diagnostic]
}
