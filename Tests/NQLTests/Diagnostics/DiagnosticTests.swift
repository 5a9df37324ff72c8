@testable import NQL
import Testing

@Suite struct DiagnosticTests {
    @Test func rendersLocationLineAndCaretUnderTheSpan() {
        let errors = syntaxErrors("let x = 1\nlet y = (2 +* 3)")
        #expect(errors.count == 1)
        #expect(errors[0].render() == """
            test.nql:2:13: error: expected an expression, found '*'
            let y = (2 +* 3)
                        ^

            """)
    }

    @Test func caretCoversTheWholeSpanAndAlignsAfterWideCharacters() {
        let (_, err, _) = run("let 서울 = 1\n\"서울\" + lenn(\"x\")")
        #expect(err == """
            test.nql:2:8: error: unknown name 'lenn'; did you mean 'len'?
            "서울" + lenn("x")
                     ^~~~

            """)
    }

    @Test func twoSyntaxErrorsAreBothReported() {
        let (_, err, outcome) = run("let a = [1, 2\nlet b = )\nprint(3)")
        #expect(outcome.exitCode == .syntaxError)
        #expect(err.components(separatedBy: "error:").count - 1 == 2)
        #expect(err.contains("test.nql:2:1:"))
        #expect(err.contains("test.nql:2:9:"))
    }

    @Test func lineAndColumnAreOneBasedAndCountCharacters() {
        let source = SourceFile(name: "f", text: "ab\n가나다x")
        let offset = Array("ab\n가나다".utf8).count
        #expect(source.line(of: offset) == 2)
        #expect(source.column(of: offset) == 4)
        #expect(source.lineText(2) == "가나다x")
    }

    @Test func didYouMeanFindsCloseNamesOnly() {
        #expect(Suggest.closest(to: "lenn", among: ["len", "lower"]) == "len")
        #expect(Suggest.closest(to: "mpa", among: ["map", "max"]) == "map")
        #expect(Suggest.closest(to: "zzzz", among: ["len"]) == nil)
        #expect(Suggest.closest(to: "entity", among: ["entities", "kwic"]) == "entities")
        #expect(Suggest.closest(to: "quote", among: ["quotes", "kwic"]) == "quotes")
    }

    @Test func runtimeErrorsCarryTheCallChain() {
        let (_, err, _) = run("let inner = x -> x.missing\nlet outer = x -> inner(x)\nouter({a: 1})")
        #expect(err.contains("test.nql:1:18: error: no field 'missing'"))
        #expect(err.contains("note: in 'inner', called at test.nql:2:18"))
        #expect(err.contains("note: in 'outer', called at test.nql:3:1"))
    }

    @Test func aLongLineIsEchoedAsAWindowAroundTheError() {
        let text = "let x = [" + String(repeating: "1, ", count: 10_000) + "$, " + String(repeating: "1, ", count: 1_000) + "1]"
        let rendered = syntaxErrors(text)[0].render()
        let lines = rendered.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(rendered.utf8.count < 600)
        #expect(lines[1].hasPrefix("...") && lines[1].hasSuffix("..."))
        // The caret still points at the '$'.
        let caretColumn = lines[2].firstIndex(of: "^").map { lines[2].distance(from: lines[2].startIndex, to: $0) }
        let dollarColumn = lines[1].firstIndex(of: "$").map { lines[1].distance(from: lines[1].startIndex, to: $0) }
        #expect(caretColumn != nil && caretColumn == dollarColumn)
    }

    @Test func controlCharactersInTheSourceAndMessageAreEscaped() {
        let (_, err, _) = run("\"\u{1b}]0;owned\u{7}\" + 1")
        #expect(!err.contains("\u{1B}") && !err.contains("\u{7}"))
        #expect(err.contains("\\u{1b}]0;owned\\u{7}"))
    }
}
