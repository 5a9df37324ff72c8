import Testing

@testable import NQLNews

@Suite struct SentenceSplitterTests {
    @Test func abbreviationsAndNumbersStayIntact() {
        let s = SentenceSplitter.split("The U.S. and Japan met on Jan. 5 at 3 p.m. in Tokyo. Gen. Austin said growth was 1.5 percent. It was the first such talk.")
        #expect(s == [
            "The U.S. and Japan met on Jan. 5 at 3 p.m. in Tokyo.",
            "Gen. Austin said growth was 1.5 percent.",
            "It was the first such talk.",
        ])
    }

    @Test func initials() {
        #expect(SentenceSplitter.split("J. R. R. Tolkien wrote it. Then he slept.") == ["J. R. R. Tolkien wrote it.", "Then he slept."])
    }

    @Test func quotations() {
        #expect(SentenceSplitter.split("He said, \"We will go.\" Then they left.") == ["He said, \"We will go.\"", "Then they left."])
        #expect(SentenceSplitter.split("“Will we go?” he asked. “Yes.”") == ["“Will we go?” he asked.", "“Yes.”"])
        #expect(SentenceSplitter.split("It is over (for now.) Next year, maybe.") == ["It is over (for now.)", "Next year, maybe."])
    }

    @Test func dottedAbbreviationAtSentenceEnd() {
        #expect(SentenceSplitter.split("Troops returned to the U.S. The talks ended.") == ["Troops returned to the U.S.", "The talks ended."])
        #expect(SentenceSplitter.split("Troops returned to the U.S. Pacific Fleet.") == ["Troops returned to the U.S. Pacific Fleet."])
    }

    @Test func companySuffixes() {
        #expect(SentenceSplitter.split("Apple Inc. Chief Executive Tim Cook spoke. He left.") == ["Apple Inc. Chief Executive Tim Cook spoke.", "He left."])
        #expect(SentenceSplitter.split("Shares of Acme Corp. The company said no.") == ["Shares of Acme Corp.", "The company said no."])
    }

    @Test func otherScriptsAndParagraphs() {
        #expect(SentenceSplitter.split("会談が行われた。共同声明を発表した。") == ["会談が行われた。", "共同声明を発表した。"])
        #expect(SentenceSplitter.split(paragraphs: ["One. Two.", "Three"]) == ["One.", "Two.", "Three"])
        #expect(SentenceSplitter.split("") == [])
    }
}
