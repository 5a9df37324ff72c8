import Testing
@testable import NQLNews

@Suite("Analysis TF-IDF")
struct AnalysisTFIDFTests {
    let texts = [
        "North Korea and Russia deepen military cooperation, ministers warn.",
        "Ministers warn that North Korea and Russia deepen military ties.",
        "Cocoa prices rose in Bahia after showers eased the drought.",
        "Showers in the Bahia cocoa zone eased the drought, traders said.",
    ]

    @Test func identicalTextsHaveSimilarityOne() throws {
        let index = TFIDFIndex(texts: ["a b c words here", "a b c words here"])
        #expect(abs(try index.similarity(0, 1) - 1) < 1e-9)
    }

    @Test func relatedTextsAreCloserThanUnrelated() throws {
        let index = TFIDFIndex(texts: texts)
        #expect(try index.similarity(0, 1) > 0.5)
        #expect(try index.similarity(0, 2) == 0)
        #expect(try index.similarity(2, 3) > index.similarity(1, 3))
    }

    @Test func smoothedIDF() {
        let index = TFIDFIndex(texts: texts)
        // "bahia" is in 2 of 4 documents: ln(5/3) + 1.
        #expect(abs(index.idf(of: "bahia") - (log(5.0 / 3.0) + 1)) < 1e-12)
        #expect(abs(index.idf(of: "absent") - (log(5.0) + 1)) < 1e-12)
    }

    @Test func mostSimilarUsesTheInvertedIndex() throws {
        let index = TFIDFIndex(texts: texts)
        let best = try index.mostSimilar(to: 2, k: 2)
        #expect(best.first?.index == 3)
        #expect(best.count == 1)  // nothing else shares a term with document 2
        #expect(try index.mostSimilar(to: 0, k: 5).map(\.index) == [1])
    }

    @Test func errors() {
        let index = TFIDFIndex(texts: texts)
        #expect(throws: AnalysisError("k must be at least 1, got 0")) { try index.mostSimilar(to: 0, k: 0) }
        #expect(throws: AnalysisError("document index 9 is out of range 0..<4")) { try index.similarity(0, 9) }
        #expect(throws: AnalysisError("the collection is empty")) { try TFIDFIndex(texts: []).similarity(0, 0) }
    }

    @Test func vectorForAnOutsideText() {
        let index = TFIDFIndex(texts: texts)
        let v = index.vector(for: "Bahia cocoa showers and brand-new words")
        #expect(v.cosine(index.vectors[3]) > 0.3)
        #expect(v.terms.contains { $0 < 0 })
    }

    @Test func keywordsAgainstCollectionAndBackground() throws {
        let per = try Analysis.keywords(texts, k: 3)
        #expect(per.count == 4)
        #expect(per[2].contains { $0.term == "prices" })
        let numbers = try Analysis.keywords(["Bahia shipped 1,880 bags in 1987.", "Other 1987 news."], k: 5)
        #expect(numbers[0].map(\.term) == ["bags", "bahia", "shipped"])  // not "1,880"
        let single = try Analysis.keywords("The Patriot missile and the AMRAAM missile were discussed, officials said. Missile production will rise.", k: 2)
        #expect(single.first?.term == "missile")
        #expect(single.first?.count == 3)
        #expect(!single.contains { $0.term == "said" || $0.term == "officials" })
        #expect(throws: AnalysisError("k must be at least 1, got 0")) { try Analysis.keywords("x", k: 0) }
        #expect(throws: AnalysisError("keywords needs at least one document")) { try Analysis.keywords([String](), k: 3) }
    }
}

import Foundation
