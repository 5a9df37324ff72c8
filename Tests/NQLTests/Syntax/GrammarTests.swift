import Foundation
@testable import NQL
import Testing

/// Every `(* example: ... *)` snippet in Grammar/nql.ebnf.
func grammarExamples() -> [String] {
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()
    guard let text = try? String(contentsOf: root.appendingPathComponent("Grammar/nql.ebnf"), encoding: .utf8) else { return [] }
    var out: [String] = []
    var rest = Substring(text)
    while let start = rest.range(of: "(* example:") {
        guard let end = rest[start.upperBound...].range(of: "*)") else { break }
        out.append(rest[start.upperBound..<end.lowerBound].trimmingCharacters(in: .whitespacesAndNewlines))
        rest = rest[end.upperBound...]
    }
    return out
}

@Suite struct GrammarTests {
    @Test func grammarHasExamples() {
        #expect(grammarExamples().count >= 20)
    }

    @Test(arguments: grammarExamples())
    func everyGrammarExampleParsesAndRuns(_ snippet: String) {
        let (_, err, outcome) = run(snippet)
        guard case .completed = outcome else {
            Issue.record("example failed: \(snippet)\n\(err)")
            return
        }
    }

    @Test func everyParseFunctionNamesItsRule() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
        let parser = try String(contentsOf: root.appendingPathComponent("Sources/NQL/Syntax/Parser.swift"), encoding: .utf8)
        let grammar = try String(contentsOf: root.appendingPathComponent("Grammar/nql.ebnf"), encoding: .utf8)
        // Each rule quoted in the parser ("/// rule = ...") is defined in the grammar file with the same text.
        let quoted = parser.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { $0.hasPrefix("/// ") && $0.contains(" = ") && $0.hasSuffix(";") }
            .map { String($0.dropFirst(4)) }
        #expect(quoted.count >= 15)
        let normalizedGrammar = grammar.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        for rule in quoted {
            let name = rule.split(separator: " ").first.map(String.init) ?? ""
            #expect(normalizedGrammar.contains(name + " ="), "rule \(name) is quoted in Parser.swift but not defined in nql.ebnf")
        }
    }
}
