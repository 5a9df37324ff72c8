import Foundation
@testable import NQLNews
import Testing

/// The regular expression `contains` used to build for every article: the byte scan must agree with it.
private func byRegex(_ text: String, _ phrase: String) -> Bool {
    let words = phrase.split(whereSeparator: { $0.isWhitespace }).map { NSRegularExpression.escapedPattern(for: String($0)) }
    guard !words.isEmpty else { return false }
    let pattern = "(?<![\\p{L}\\p{N}])" + words.joined(separator: "\\s+") + "(?![\\p{L}\\p{N}])"
    guard let re = try? NSRegularExpression(pattern: pattern, options: [.caseInsensitive]) else { return false }
    return re.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) != nil
}

@Suite struct PhraseSearchTests {
    static let texts = [
        "Patriot missiles were sent to Kyiv.", "PATRIOT\nMISSILES", "patriot  \t missiles", "patriotmissiles",
        "the Patriots missiles", "anti-patriot missiles!", "x patriot missiles2", "Éxpatriot missiles", "patriot missilesé",
        "patriot\u{A0}missiles", "patriot\u{0B}missiles", "patriot\u{85}missiles", "patriot\u{2028}missiles", "patriot\u{3000}missiles",
        "oil", "Oil prices rose", "soil and toil", "OIL-rich", "crude oil.", "oil_field", "1oil", "oil2", "оil (Cyrillic o)",
        "\u{212A}im Jong Un", "Kim Jong Un", "KIM  JONG\nUN", "kimjong un", "Straße", "STRASSE", "strasse", "ﬁrm ﬁnish", "firm finish",
        "U.S. forces", "u.s. forces", "US forces", "日本 oil 석유", "oil日本", "日本oil", "🙂oil🙂", "oil\u{301}", "", "   ",
    ]
    static let phrases = ["patriot missiles", "Patriot", "oil", "OIL", "kim jong un", "strasse", "firm", "u.s. forces", "US",
                          "日本", "Straße", "oil日本", "  ", "missiles", "k"]

    @Test func agreesWithTheRegularExpression() {
        for text in Self.texts {
            for phrase in Self.phrases {
                #expect(PhraseSearch(phrase).matches(text) == byRegex(text, phrase), "text \(text.debugDescription), phrase \(phrase.debugDescription)")
            }
        }
    }

    @Test func theCacheGivesTheSameAnswer() {
        #expect(PhraseSearch.compiled("crude oil").matches("Crude  oil prices"))
        #expect(PhraseSearch.compiled("crude oil").matches("Crude  oil prices"))
        #expect(!PhraseSearch.compiled("crude oil").matches("crude-oil"))
    }

    @Test func anEmptyPhraseMatchesNothing() {
        #expect(!PhraseSearch("").matches("anything"))
        #expect(!PhraseSearch(" \n").matches(" \n"))
    }
}
