import Testing

@testable import NQLNews

/// The surface strings of the tokens of `text`, cut by scalar offsets.
private func words(_ text: String) -> [String] {
    let scalars = Array(text.unicodeScalars)
    return Tokenizer.tokenize(text).map { t in
        var s = ""
        s.unicodeScalars.append(contentsOf: scalars[t.start..<t.end])
        return s
    }
}

@Suite struct TokenizerTests {
    @Test func splitsPunctuationOffWords() {
        #expect(words("Tokyo, Japan (on Friday).") == ["Tokyo", ",", "Japan", "(", "on", "Friday", ")", "."])
        #expect(words("\"Concerns\" over 'force'") == ["\"", "Concerns", "\"", "over", "'", "force", "'"])
    }

    @Test(arguments: ["U.S.", "Gen.", "1.5", "2+2", "PAC-3", "e-mail", "$1.5", "AT&T", "www.asiae.co.kr", "1,000",
                      "F-35A", "p.m.", "Mr.", "U.N.", "1996-08-22", "O'Neill"])
    func keepsWordsIntact(_ word: String) {
        #expect(words("see \(word) now") == ["see", word, "now"])
    }

    @Test func keepsAbbreviationsBeforeSentenceEnd() {
        #expect(words("the U.S. and Japan.") == ["the", "U.S.", "and", "Japan", "."])
        #expect(words("Gen. Kim met Lt. Lee.") == ["Gen.", "Kim", "met", "Lt.", "Lee", "."])
    }

    @Test func splitsClitics() {
        #expect(words("China's attempt") == ["China", "'s", "attempt"])
        #expect(words("We don't know") == ["We", "do", "n't", "know"])
        #expect(words("Japan’s forces") == ["Japan", "’s", "forces"])
    }

    @Test func splitsGluedParenthesis() {
        #expect(words("Daily(www.asiae.co.kr). All") == ["Daily", "(", "www.asiae.co.kr", ")", ".", "All"])
        #expect(words("Patriot (PAC3)") == ["Patriot", "(", "PAC3", ")"])
    }

    @Test func reproducesSpaceTokenisedText() {
        let text = "Germany 's representative said on Wednesday consumers should n't buy it .\n"
            + "\" We do n't support any such recommendation , \" the Commission 's chief spokesman said -- 1996-08-22 ."
            + "\n1. Michael Schumacher ( Germany ) 1:23.456 , U.S. $ 1.5 million ... 3-0 Inc. Corp. 's"
        let given = text.split(whereSeparator: { $0 == " " || $0 == "\n" }).map(String.init)
        #expect(words(text) == given)
    }

    @Test func offsetsAreUnicodeScalars() {
        let text = "서울 🇰🇷 Seoul's mayor"
        let tokens = Tokenizer.tokenize(text)
        let scalars = Array(text.unicodeScalars)
        let seoul = tokens.first { t in String(String.UnicodeScalarView(scalars[t.start..<t.end])) == "Seoul" }
        #expect(seoul?.start == 6)
        #expect(seoul?.end == 11)
        #expect(words(text) == ["서울", "🇰", "🇷", "Seoul", "'s", "mayor"])
    }

    @Test func emptyAndWhitespaceText() {
        #expect(Tokenizer.tokenize("").isEmpty)
        #expect(Tokenizer.tokenize(" \n\t ").isEmpty)
    }
}
