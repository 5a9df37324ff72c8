@testable import NQL
import Testing

@Suite struct ParserTests {
    @Test func precedence() throws {
        #expect(try value("1 + 2 * 3") == .int(7))
        #expect(try value("(1 + 2) * 3") == .int(9))
        #expect(try value("not 1 > 2 and true") == .bool(true))
        #expect(try value("-2 * -3") == .int(6))
    }

    @Test func pipelineStagesAreCallsWithTheValueFirst() throws {
        #expect(try value("[3, 1, 2] | sort | map(x -> x * 10)") == .list([.int(10), .int(20), .int(30)]))
        #expect(try value("\"a,b\" | split(\",\") | len") == .int(2))
        #expect(try value("{title: \"T\"} | .title") == .string("T"))
    }

    @Test func argumentsUsingDotFieldBecomeFunctions() throws {
        let program = try Parser.parse(SourceFile(name: "t", text: "where(xs, .n > 1)")).get()
        guard case .expression(.call(_, let args, _)) = program.statements[0], case .lambda(let l) = args[1].value else {
            Issue.record("expected a call with a lambda argument")
            return
        }
        #expect(l.params == ["."])
        #expect(l.implicitText == ".n > 1")
    }

    @Test func dotFieldGivenToAValueParameterBelongsToTheEnclosingArgument() throws {
        let source = SourceFile(name: "t", text: "where(xs, starts_with(.t, \"S\"))")
        let program = try Parser.parse(source, functionParameters: Registry.standard.functionParameters).get()
        guard case .expression(.call(_, let args, _)) = program.statements[0], case .lambda(let l) = args[1].value,
              case .call(_, let inner, _) = l.body else {
            Issue.record("expected where's second argument to be a function")
            return
        }
        guard case .implicitField("t", _) = inner[0].value else {
            Issue.record("expected starts_with's first argument to stay .t")
            return
        }
    }

    @Test func strayDotFieldIsAnError() {
        let errors = syntaxErrors(".title")
        #expect(errors.count == 1)
        #expect(errors[0].message.contains("works only in an argument"))
    }

    @Test func recoversAndReportsEveryError() {
        let errors = syntaxErrors("let a = 1 +* 2\nlet b = (3\nprint(1)\nlet = 3\n")
        #expect(errors.count == 3)
        #expect(errors.map { $0.source.line(of: $0.span.start) } == [1, 3, 4])
    }

    @Test func incompleteInputIsItsOwnCase() {
        #expect(Parser.isIncomplete("[1, 2"))
        #expect(Parser.isIncomplete("\"open string"))
        #expect(Parser.isIncomplete("xs |"))
        #expect(Parser.isIncomplete("let f = x ->"))
        #expect(Parser.isIncomplete("if a then b"))
        #expect(!Parser.isIncomplete("[1, 2]"))
        #expect(!Parser.isIncomplete("1 +* 2"))
        #expect(!Parser.isIncomplete("f(1))"))
    }

    @Test func deepNestingIsAnErrorNotACrash() {
        let deep = String(repeating: "[", count: 5000) + String(repeating: "]", count: 5000)
        #expect(syntaxErrors(deep).first?.message == "expression is nested too deeply")
        let negations = String(repeating: "-", count: 5000) + "1"
        #expect(!syntaxErrors(negations).isEmpty)
    }

    @Test func lambdasAndParenthesesAreTellApart() throws {
        #expect(try value("((a, b) -> a - b)(5, 3)") == .int(2))
        #expect(try value("(1)") == .int(1))
        #expect(try value("(() -> 7)()") == .int(7))
    }

    @Test func operatorAfterStageExplainsParentheses() {
        let errors = syntaxErrors("[1] | len + 1")
        #expect(errors.first?.message.contains("put the pipeline in parentheses") == true)
    }
}

/// Input controls the depth of the tree: every way of making it deep stops
/// with an error at a bound, so no pass over the tree (nor its teardown)
/// can overflow the stack.
@Suite struct ParserLimitTests {
    static let generators: [(String, String)] = [
        ("not ", "true"), (" + 1", "1"), (" | str", "1"), ("[0]", "[1]"), (".a", "{a: 1}"), ("(", "1"),
        ("- ", "1"), (" and true", "true"), ("(1)", "f"), ("x -> ", "1"), ("if true then ", "1 else 2"),
    ]

    @Test(arguments: generators)
    func longChainsAreASyntaxErrorNotACrash(_ g: (String, String)) {
        let text = g.0.hasSuffix(" ") && g.0 != " + 1" ? String(repeating: g.0, count: 200_000) + g.1
            : g.1 + String(repeating: g.0, count: 200_000)
        let errors = syntaxErrors(text)
        #expect(errors.contains { $0.message.contains("too deep") || $0.message.contains("nested too deeply") },
                "got: \(errors.map(\.message).prefix(3))")
    }

    @Test func aChainOfAThousandTermsStillRuns() throws {
        #expect(try value("1" + String(repeating: " + 1", count: 1_000)) == .int(1_001))
        #expect(try value(String(repeating: "not ", count: 100) + "true") == .bool(true))
    }

    @Test func atMostTwentyErrorsAreReportedPerSource() {
        let errors = syntaxErrors(String(repeating: "$", count: 30_000))
        #expect(errors.count == Parser.maxReported)
        #expect(errors.last?.notes.contains("29980 more syntax errors not shown") == true)
    }
}
