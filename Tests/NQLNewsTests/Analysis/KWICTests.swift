import Testing
@testable import NQLNews

@Suite("Analysis keyword in context")
struct AnalysisKWICTests {
    let texts = [
        "The U.S. and Japan warned that North Korea and Russia are deepening ties. North\nKorea denied it.",
        "Nothing about Koreans here, only korea's neighbour.",
    ]

    @Test func wholeWordPhraseAcrossLineBreaks() throws {
        let lines = try Analysis.kwic(texts, term: "north korea", width: 20)
        #expect(lines.map(\.match) == ["North Korea", "North Korea"])
        #expect(lines[0].offset == 31)
        #expect(lines[0].left == "Japan warned that")  // "d" of "and" cut off
        #expect(lines[0].right == "and Russia are")
        #expect(lines[1].left == "are deepening ties.")
        #expect(lines[1].right == "denied it.")
    }

    @Test func caseInsensitiveWholeWordsOnly() throws {
        let lines = try Analysis.kwic(texts, term: "KOREA", width: 10)
        // "Koreans" is not a match; "korea's" is (the apostrophe ends the word).
        #expect(lines.map(\.document) == [0, 0, 1])
        #expect(lines[2].match == "korea")
    }

    @Test func characterOffsetsCountGraphemes() throws {
        let lines = try Analysis.kwic(["café 👍🏽 Blinken said"], term: "blinken", width: 5)
        #expect(lines.first?.offset == 7)
        #expect(lines.first?.left == "👍🏽")
    }

    @Test func regularExpressions() throws {
        let lines = try Analysis.kwic(texts, term: "deepen\\w*", width: 8, regex: true)
        #expect(lines.map(\.match) == ["deepening"])
        #expect(lines[0].left == "are")
        #expect(try Analysis.kwic(texts, term: "north\\s+korea", regex: true).isEmpty)  // as written: case-sensitive
        #expect(try Analysis.kwic(texts, term: "(?i)north\\s+korea", regex: true).count == 2)
        #expect(throws: AnalysisError("invalid regular expression '(unclosed'")) { try Analysis.kwic(texts, term: "(unclosed", regex: true) }
        #expect(throws: AnalysisError("the search term is empty")) { try Analysis.kwic(texts, term: "  ") }
        #expect(throws: AnalysisError("width must not be negative, got -1")) { try Analysis.kwic(texts, term: "x", width: -1) }
    }

    @Test func apostrophesMatchEitherWay() throws {
        #expect(try Analysis.kwic(["China’s attempt", "China's plan", "Chinas"], term: "china's").map(\.document) == [0, 1])
        #expect(try Analysis.kwic(["China's plan"], term: "China’s").count == 1)
    }

    @Test func specialCharactersAreLiteralInPlainTerms() throws {
        #expect(try Analysis.kwic(["Costs rose (again) in U.S. markets"], term: "U.S.").count == 1)
        #expect(try Analysis.kwic(["USA"], term: "U.S.").isEmpty)
    }

    @Test func aCatastrophicRegexStopsWithAnError() {
        let text = "x " + String(repeating: "a", count: 70) + "b y"
        #expect(throws: (any Error).self) { try Analysis.kwic([text], term: "(a+)+$", regex: true) }
    }
}
