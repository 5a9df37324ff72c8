import Testing
@testable import NQLNews

@Suite("Analysis tokenizer")
struct AnalysisTokenizerTests {
    @Test func lowerCasesAndKeepsInternalApostrophesAndHyphens() {
        #expect(Analysis.tokens("Don't panic: the well-known U.S. plan!") == ["don't", "panic", "the", "well-known", "u", "s", "plan"])
    }

    @Test func curlyApostropheBecomesStraight() {
        #expect(Analysis.tokens("China’s attempt") == ["china's", "attempt"])
    }

    @Test func leadingAndTrailingJoinersAreDropped() {
        #expect(Analysis.tokens("'quoted' -dash- end-") == ["quoted", "dash", "end"])
    }

    @Test func numbersKeepInternalSeparators() {
        #expect(Analysis.tokens("1,250 tonnes at 3.5 pct. Done.") == ["1,250", "tonnes", "at", "3.5", "pct", "done"])
    }

    @Test func unicodeLettersAndLowerCase() {
        #expect(Analysis.tokens("Ångström ÉCOLE Straße 본문 바로가기") == ["ångström", "école", "straße", "본문", "바로가기"])
    }

    @Test func stopWordsRemovedOnRequest() {
        #expect(Analysis.tokens("The minister said that it was over", removingStopWords: true) == ["minister", "said"])
    }

    @Test func emptyAndPunctuationOnly() {
        #expect(Analysis.tokens("").isEmpty)
        #expect(Analysis.tokens(" -- ... !!").isEmpty)
    }

    @Test func sentenceSplitterRespectsAbbreviations() {
        let s = Analysis.sentences(of: "Mr. Blinken met U.S. troops. He left on Monday! Did he? \"Yes,\" she said.\n\nNew paragraph")
        #expect(s == ["Mr. Blinken met U.S. troops.", "He left on Monday!", "Did he?", "\"Yes,\" she said.", "New paragraph"])
    }
}

@Suite("Analysis content terms")
struct AnalysisContentTermTests {
    @Test func possessivesAreDroppedFromContentTerms() {
        #expect(Analysis.tokens("Japan's ministers and China’s", removingStopWords: true) == ["japan", "ministers", "china"])
        #expect(Analysis.tokens("Japan's") == ["japan's"])
        #expect(TFIDFIndex(texts: ["Japan's plan", "Japan plan"]).vocabulary == ["japan", "plan"])
    }
}
