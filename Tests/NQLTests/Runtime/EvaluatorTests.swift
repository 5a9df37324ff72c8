import Foundation
@testable import NQL
import Testing

/// One case of `cases.txt`.
struct LanguageCase: CustomTestStringConvertible, Sendable {
    var program: String
    var expected: [String]
    var line: Int
    var testDescription: String { "line \(line): \(program)" }
}

/// Reads `cases.txt` beside this file.
func languageCases() -> [LanguageCase] {
    let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("cases.txt")
    guard let text = try? String(contentsOf: url, encoding: .utf8) else { return [] }
    var cases: [LanguageCase] = []
    var block: [String] = []
    var start = 0
    for (i, line) in (text.components(separatedBy: "\n") + [""]).enumerated() {
        if line.hasPrefix("#") && block.isEmpty { continue }
        if line.isEmpty {
            if let program = block.first { cases.append(LanguageCase(program: program, expected: Array(block.dropFirst()), line: start)) }
            block = []
        } else {
            if block.isEmpty { start = i + 1 }
            block.append(line)
        }
    }
    return cases
}

@Suite struct EvaluatorTests {
    @Test func thereAreManyCases() {
        #expect(languageCases().count > 80)
    }

    @Test(arguments: languageCases())
    func languageCase(_ c: LanguageCase) {
        let (out, err) = runRepr(c.program)
        if let error = c.expected.first, error.hasPrefix("error: ") {
            #expect(err.contains(String(error.dropFirst(7))), "stderr was: \(err)")
        } else {
            #expect(err.isEmpty, "unexpected error: \(err)")
            #expect(out == c.expected.map { $0 + "\n" }.joined())
        }
    }

    @Test func letBoundLambdaCallsItselfAndIsNamedInErrors() {
        let (_, err, outcome) = run("let f = n -> 10 / n\nlet g = n -> f(n - 1)\ng(1)")
        guard case .runtimeError = outcome else {
            Issue.record("expected a runtime error")
            return
        }
        #expect(err.contains("test.nql:1:14: error: division by zero"))
        #expect(err.contains("note: in 'f', called at test.nql:2:14"))
        #expect(err.contains("note: in 'g', called at test.nql:3:1"))
    }

    @Test func deepRecursionIsAnErrorNotACrash() {
        let (_, err, outcome) = run("let f = n -> f(n + 1)\nf(0)")
        #expect(outcome.exitCode == .runtimeError)
        #expect(err.contains("too much recursion"))
        #expect(err.contains("times)"))
    }

    @Test func interruptStopsEvaluation() {
        let flag = Interrupt()
        flag.request()
        let source = SourceFile(name: "t", text: "range(10) | map(x -> x)")
        let interpreter = Interpreter(registry: .standard, output: { _ in }, warn: { _ in }, interrupt: flag)
        #expect(throws: RuntimeError.self) {
            try interpreter.run(try Parser.parse(source).get()) { _, _ in }
        }
    }

    @Test func statementsBeforeAnErrorRun() {
        let (out, _, outcome) = run("print(\"one\")\n1 / 0\nprint(\"two\")")
        #expect(out == "one\n")
        #expect(outcome.exitCode == .runtimeError)
    }

    @Test func syntaxErrorsRunNothing() {
        let (out, _, outcome) = run("print(\"one\")\n1 +* 2")
        #expect(out.isEmpty)
        #expect(outcome.exitCode == .syntaxError)
    }
}
