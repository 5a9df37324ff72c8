/// Every message the language prints, in one place: short, lower-case, and
/// saying what was expected.
public enum Messages {
    // MARK: lexer
    static let numberTooLarge = "number is too large for an integer; write it with a decimal point for a float"
    static func badDate(_ text: String) -> String { "'@\(text)' is not a date; dates are written @YYYY-MM-DD" }
    static let unterminatedRegex = "regular expression is missing its closing '/'"
    static let badUnicodeEscape = "expected a unicode escape like \\u{AC00}"
    static func unknownEscape(_ c: String) -> String { "unknown escape '\\\(c)' in string; use \\n, \\t, \\\", \\\\, \\$ or \\u{...}" }
    static let unterminatedString = "string is missing its closing '\"'"
    static let bangNotOperator = "'!' is not an operator; use 'not' or '!='"
    static func unexpectedCharacter(_ c: String) -> String { "unexpected character '\(c)'" }

    // MARK: parser
    static func expectedStatementEnd(_ found: String) -> String { "expected a new line or ';' after the statement, found \(found)" }
    static func expectedNameAfterLet(_ found: String) -> String { "expected a name after 'let', found \(found)" }
    static let expectedAssign = "expected '=' after the name in 'let'"
    static let strayImplicitField = "'.field' stands for a field of the current element and works only in an argument, as in where(.type == \"PERSON\")"
    static let nestedTooDeeply = "expression is nested too deeply"
    static func moreSyntaxErrors(_ n: Int) -> String { "\(n) more syntax error\(n == 1 ? "" : "s") not shown" }
    static func expressionTooDeep(_ limit: Int) -> String {
        "expression is too long or too deep (more than \(limit) operators, stages or calls in a row); split it with 'let'"
    }
    static let expectedStage = "expected a function after '|'"
    static func operatorAfterStage(_ op: String) -> String {
        "'\(op)' cannot follow a pipeline stage; put the pipeline in parentheses: (x | f) \(op) y"
    }
    static let chainedComparison = "comparisons cannot be chained; join them with 'and'"
    static func expectedFieldName(_ found: String) -> String { "expected a field name after '.', found \(found)" }
    static func expectedCloser(_ closer: String, _ what: String) -> String { "expected '\(closer)' to close the \(what)" }
    static func badRegex(_ reason: String) -> String { "invalid regular expression: \(reason)" }
    static func expectedExpression(_ found: String) -> String { "expected an expression, found \(found)" }
    static let expectedThen = "expected 'then' after the condition of 'if'"
    static let expectedElse = "expected 'else': every 'if' needs both branches"
    static func duplicateParameter(_ name: String) -> String { "parameter '\(name)' appears twice" }
    static let expectedArrow = "expected '->' after the parameters"
    static func expectedFieldKey(_ found: String) -> String { "expected a field name in the record, found \(found)" }
    static func duplicateKey(_ key: String) -> String { "field '\(key)' appears twice in the record" }
    static let expectedColonInRecord = "expected ':' after the field name"
    static let emptyInterpolation = "empty '${}' in string"

    // MARK: runtime
    static let interrupted = "interrupted"
    static func argumentType(index: Int, name: String, expected: String, got: String) -> String {
        "argument \(index) (\(name)) must be \(expected), got \(got)"
    }
    static func optionType(_ name: String, expected: String, got: String) -> String { "option '\(name)' must be \(expected), got \(got)" }
    static func predicateResult(_ got: String) -> String { "a predicate must return true or false, got \(got)" }
    static func pipeTargetNotFunction(_ got: String) -> String { "the right side of '|' must be a function, got \(got)" }
    static func readDenied(_ path: String, flag: String, allowed: [String]) -> String {
        "reading '\(path.escapingControlCharacters(keepNewlines: false))' is not allowed (\(flag) allows reading below \(allowed.isEmpty ? "nothing" : allowed.joined(separator: ", "))); run with --read PATH to allow it"
    }
    static func writeDenied(_ path: String, flag: String, allowed: [String]) -> String {
        "writing '\(path.escapingControlCharacters(keepNewlines: false))' is not allowed (\(flag) allows writing \(allowed.isEmpty ? "only to stdout (\"-\")" : "below " + allowed.joined(separator: ", "))); run with --write PATH to allow it"
    }
    static func nulInPath(_ path: String) -> String {
        "the path '\(path.escapingControlCharacters(keepNewlines: false))' contains a NUL character"
    }
    static func regexTimedOut(_ pattern: String) -> String {
        "the regular expression /\(pattern.escapingControlCharacters(keepNewlines: false))/ took too long on one match (it backtracks without end, as (a+)+ does); make it more specific"
    }
    static func outOfMemory(limit: Int) -> String {
        "out of memory: the statement needs more than the \(limit >> 20) MB allowed (nql --max-memory SIZE sets the limit)"
    }
    static let dateOutOfRange = "date out of range (years -9999 to 9999)"
    static let integerOverflow = "integer overflow; use a float (1.0 * x) for very large numbers"
    static func badOperand(_ op: String, _ t: String) -> String { "'\(op)' cannot be applied to \(t)" }
    static func badOperands(_ op: String, _ a: String, _ b: String) -> String { "'\(op)' cannot be applied to \(a) and \(b)" }
    static func mixedPredicate(_ op: String, _ got: String) -> String {
        "'\(op)' joins two predicates here, but the right side is \(got); write a function such as x -> ... on both sides"
    }
    static func expectedBool(_ what: String, _ got: String) -> String { "'\(what)' needs true or false, got \(got)" }
    static func didYouMean(_ name: String) -> String { "; did you mean '\(name)'?" }
    static func unknownName(_ name: String) -> String { "unknown name '\(name)'" }
    static func giveWithArg(_ name: String) -> String { "; if it is the script's input, give it with --arg \(name)=VALUE" }
    static func notCallable(_ t: String) -> String { "\(t) is not a function and cannot be called" }
    static func labelsOnLambda(_ name: String) -> String { "'\(name)' takes no labelled arguments" }
    static func arity(_ name: String, expected: String, got: Int) -> String {
        "'\(name)' takes \(expected) argument\(expected == "1" ? "" : "s"), got \(got)"
    }
    static func usage(_ signature: String) -> String { " (usage: \(signature))" }
    static func recursionTooDeep(_ limit: Int, _ name: String) -> String {
        "too much recursion: more than \(limit) nested calls (in '\(name)'); does the function ever stop calling itself?"
    }
    static func calledFrom(_ name: String, _ location: String) -> String { "in '\(name)', called at \(location)" }
    static func unknownOption(_ builtin: String, _ option: String) -> String { "'\(builtin)' has no option '\(option)'" }
    static func noField(_ name: String, _ keys: [String]) -> String {
        let shown = keys.prefix(12).joined(separator: ", ")
        return "no field '\(name)' in this record (fields: \(shown)\(keys.count > 12 ? ", ..." : ""))"
    }
    static func fieldOfNonRecord(_ name: String, _ t: String) -> String { "cannot read field '\(name)' of \(t)" }
    static func indexOutOfRange(_ i: Int, _ count: Int) -> String { "index \(i) is out of range for length \(count)" }
    static func badIndex(_ base: String, _ idx: String) -> String { "cannot index \(base) with \(idx)" }
    static func cannotCompare(_ a: String, _ b: String) -> String { "cannot compare \(a) with \(b)" }
    static func internalError(_ what: String) -> String { "internal error: \(what)" }
    static let divisionByZero = "division by zero"

    // MARK: partials (nql --partial, --merge)
    static func partialNotJSON(line: Int, _ reason: String) -> String { "partial on line \(line) is not JSON: \(reason)" }
    static func notAPartial(line: Int) -> String {
        "line \(line) is not a partial result (expected {\"nql_partial\": 1, \"builtin\": ..., \"part\": ..., \"value\": ...} as nql --partial prints)"
    }
    static func partialVersion(line: Int, _ got: Int, _ expected: Int) -> String {
        "partial on line \(line) has format version \(got); this nql merges version \(expected)"
    }
    static func partialsDiffer(_ first: String, _ other: String, line: Int) -> String {
        "partials of different stages cannot be merged: '\(first)' and, on line \(line), '\(other)'"
    }
    static let noPartials = "no partial results on standard input (give the lines nql --partial printed)"
    /// A partial line whose value is not what its built-in writes.
    public static func badPartial(_ expected: String) -> String { "a partial result is damaged: expected \(expected)" }
    /// `nql --partial` over a script whose last stage has no partial form.
    public static func notMergeable(_ name: String, mergeable: [String] = []) -> String {
        "'\(name)' cannot give a partial result: its results over parts of the input do not merge"
            + (mergeable.isEmpty ? "" : " (mergeable: \(mergeable.joined(separator: ", ")))")
    }
    /// `nql --partial` over a script that does not end with a call of a built-in.
    public static func noFinalStage(mergeable: [String]) -> String {
        "--partial needs a script whose last statement ends with a mergeable built-in, as in load(\"-\") | tally(.source) (mergeable: \(mergeable.joined(separator: ", ")))"
    }

    // MARK: charts
    static let chartEmpty = "nothing to chart: the value is empty"
    static func chartShape(_ t: String) -> String {
        "cannot chart \(t); give a list of records with a number field (a tally, a timeline), a record of numbers or a list of numbers"
    }
    static let chartNoNumber = "cannot chart these records: none of their fields is a number"
    static func chartRecordValue(_ key: String, _ t: String) -> String { "cannot chart field '\(key)': it is \(t), not a number" }
    static func plotFormat(_ path: String) -> String { "cannot tell the picture format from '\(path)'; use a name ending in .svg" }
}
