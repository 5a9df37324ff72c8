@testable import NQL
import Testing

private func kinds(_ text: String) -> [TokenKind] {
    var lexer = Lexer(SourceFile(name: "t", text: text))
    return lexer.scanTokens().map(\.kind)
}

@Suite struct LexerTests {
    @Test func numbersNamesAndOperators() {
        #expect(kinds("let x = 1_000 + 2.5e2") == [.keyword(.let), .name("x"), .punct(.assign), .int(1000), .punct(.plus), .float(250), .eof])
        #expect(kinds("a->b >= c != d") == [.name("a"), .punct(.arrow), .name("b"), .punct(.ge), .name("c"), .punct(.ne), .name("d"), .eof])
    }

    @Test func slashIsRegexOnlyWhereAnOperandIsExpected() {
        #expect(kinds("6 / 2") == [.int(6), .punct(.slash), .int(2), .eof])
        #expect(kinds("matches(s, /a\\/b/i)") == [.name("matches"), .punct(.lparen), .name("s"), .punct(.comma),
                                                  .regex(pattern: "a/b", flags: "i"), .punct(.rparen), .eof])
    }

    @Test func datesAndStrings() {
        #expect(kinds("@2024-07-28") == [.date(DateValue(year: 2024, month: 7, day: 28)!), .eof])
        #expect(kinds(#""a\tb\u{AC00}""#) == [.string([.text("a\tb가")]), .eof])
    }

    @Test func interpolationKeepsItsSourceOffset() {
        let k = kinds(#""x ${a + 1} y""#)
        #expect(k == [.string([.text("x "), .code("a + 1", offset: 5), .text(" y")]), .eof])
    }

    @Test func newlinesEndStatementsOnlyOutsideBrackets() {
        #expect(kinds("1\n2") == [.int(1), .newline, .int(2), .eof])
        #expect(kinds("[1,\n2]") == [.punct(.lbracket), .int(1), .punct(.comma), .int(2), .punct(.rbracket), .eof])
        #expect(kinds("x\n  | f") == [.name("x"), .punct(.pipe), .name("f"), .eof])
        #expect(kinds("1 +\n2") == [.int(1), .punct(.plus), .int(2), .eof])
    }

    @Test func commentsAndShebang() {
        #expect(kinds("#!/usr/bin/env nql\n1 # one\n") == [.int(1), .eof])
    }

    @Test func problemsAreCollected() {
        var lexer = Lexer(SourceFile(name: "t", text: "1 ! 2 \"open"))
        _ = lexer.scanTokens()
        #expect(lexer.diagnostics.count == 2)
        #expect(lexer.diagnostics[0].message.contains("'!' is not an operator"))
        #expect(lexer.diagnostics[1].isIncompleteInput)
    }
}
