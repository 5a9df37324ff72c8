import Testing
@testable import NQLNews

/// Messy input must never trap: every analysis runs over pseudo-random text made of
/// quotes, punctuation, line breaks, emoji, combining marks and CJK.
@Suite("Analysis robustness")
struct AnalysisRobustnessTests {
    static func messyTexts(count: Int, seed: UInt64) -> [String] {
        let pool: [String] = ["\"", "“", "”", "'", "’", ",", ".", "!", "?", ":", ";", "-", "—", "(", ")", "\n", "\n\n", "\n    ",
                              " ", " ", " ", "said", "Said", "told", "according", "to", "that", "he", "the", "a", "Mr.", "U.S.",
                              "Blinken", "Antony", "Austin", "of", "and", "1,250", "3.5", "e\u{301}", "👍🏽", "본문", "Straße", "\r\n", "\t"]
        var state = seed
        func next() -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int(state >> 33)
        }
        return (0..<count).map { _ in
            let n = next() % 120
            return (0..<n).map { _ in pool[next() % pool.count] }.joined(separator: next() % 3 == 0 ? "" : " ")
        }
    }

    @Test func everyAnalysisSurvivesMessyText() throws {
        let texts = Self.messyTexts(count: 300, seed: 42) + Self.messyTexts(count: 300, seed: 7) + ["", " ", "\"", "“", "\"\"", "a\"", "said", "According to", "\n\n\"x"]
        for t in texts {
            _ = Analysis.tokens(t, removingStopWords: true)
            _ = Analysis.sentences(of: t)
            for q in Analysis.quotes(t) {
                #expect(q.start >= 0 && q.start <= q.end && q.end <= t.count)
            }
            _ = try Analysis.keywords(t, k: 3)
        }
        let docs = texts.map { AnalysisDocument(text: $0, entities: [EntitySummary(name: "Blinken", type: "PERSON"), EntitySummary(name: "U.S.", type: "GPE", aliases: ["US"])]) }
        _ = try Analysis.stories(texts)
        var o = StoryOptions()
        o.method = .topics
        _ = try Analysis.stories(texts, options: o)
        _ = try Analysis.keywords(texts, k: 2)
        _ = try Analysis.kwic(texts, term: "said that", width: 7)
        _ = try Analysis.kwic(texts, term: "\\w+", width: 0, regex: true)
        _ = try Analysis.cooccur(docs, unit: .sentence)
        _ = try Analysis.compare(Array(docs.prefix(50)), Array(docs.suffix(50)))
        for i in stride(from: 0, to: texts.count - 1, by: 7) {
            _ = Analysis.compare(docs[i], docs[i + 1])
        }
        let index = TFIDFIndex(texts: texts)
        _ = try index.mostSimilar(to: 0, k: 3)
    }
}
