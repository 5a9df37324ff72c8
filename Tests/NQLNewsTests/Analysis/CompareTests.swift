import Testing
@testable import NQLNews

@Suite("Analysis compare")
struct AnalysisCompareTests {
    let left = AnalysisDocument(
        id: "a",
        text: "Antony Blinken met Yoshimasa Hayashi in Tokyo on Sunday. The ministers warned that North Korea and Russia are deepening military cooperation. The U.S. will reorganise its forces in Japan into a joint command. Patriot missile production will be expanded.",
        entities: [
            EntitySummary(name: "Antony Blinken", type: "PERSON", count: 2, aliases: ["Blinken"], firstOffset: 0),
            EntitySummary(name: "Yoshimasa Hayashi", type: "PERSON", count: 1, firstOffset: 19),
            EntitySummary(name: "United States", type: "GPE", count: 3, aliases: ["U.S."], firstOffset: 130),
            EntitySummary(name: "Patriot", type: "PRODUCT", count: 1, firstOffset: 200),
            EntitySummary(name: "Japan", type: "GPE", count: 1, firstOffset: 180),
        ])
    let right = AnalysisDocument(
        id: "b",
        text: "Antony Blinken met Yoshimasa Hayashi in Tokyo on Sunday. Ministers warned North Korea and Russia were deepening their military cooperation. South Korea's president Yoon Suk Yeol welcomed the talks.",
        entities: [
            EntitySummary(name: "Blinken", type: "PERSON", count: 1, firstOffset: 0),
            EntitySummary(name: "US", type: "GPE", count: 1, firstOffset: 50),
            EntitySummary(name: "Yoon Suk Yeol", type: "PERSON", count: 1, firstOffset: 150),
            EntitySummary(name: "Seoul", type: "GPE", count: 2, firstOffset: 160),
        ])

    @Test func entityOverlapCountsAliasMatchesAsOne() {
        let c = Analysis.compare(left, right)
        #expect(c.sharedEntities.map(\.name) == ["United States", "Antony Blinken"])
        #expect(c.sharedEntities[1].rightName == "Blinken")
        #expect(c.onlyLeftEntities.map(\.name) == ["Yoshimasa Hayashi", "Japan", "Patriot"])
        #expect(c.onlyRightEntities.map(\.name) == ["Seoul", "Yoon Suk Yeol"])
        // 2 shared of 2 + 3 + 2 = 7 distinct entities.
        #expect(abs(c.entityOverlap - 2.0 / 7.0) < 1e-12)
    }

    @Test func sentenceAlignment() {
        let c = Analysis.compare(left, right)
        #expect(c.alignments.count == 4)
        #expect(c.alignments[0].kind == .copied)
        #expect(c.alignments[0].rightIndex == 0)
        #expect(c.alignments[1].kind == .paraphrased)
        #expect(c.alignments[1].rightIndex == 1)
        #expect(c.sentencesOnlyLeft.count == 2)
        #expect(c.sentencesOnlyRight == ["South Korea's president Yoon Suk Yeol welcomed the talks."])
        #expect(c.similarity > 0.3 && c.similarity < 0.9)
    }

    @Test func copiedAfterNormalisingQuotesAndSpace() {
        let a = [#"He said “we are ready”  to talk."#]
        let b = [#"he said "we are ready" to talk."#]
        let al = Analysis.alignSentences(a, b)
        #expect(al[0].kind == .copied)
        #expect(al[0].similarity == 1)
    }

    @Test func shortSentencesAreNotParaphrases() {
        let al = Analysis.alignSentences(["Blinken agreed."], ["Blinken disagreed strongly."])
        #expect(al[0].kind == .unmatched)
    }

    @Test func identicalDocuments() {
        let c = Analysis.compare(left, left)
        #expect(abs(c.similarity - 1) < 1e-9)
        #expect(c.entityOverlap == 1)
        #expect(c.sentencesOnlyLeft.isEmpty && c.sentencesOnlyRight.isEmpty)
    }

    @Test func similarityWithACollectionIndex() {
        let index = TFIDFIndex(texts: [left.text, right.text, "Cocoa prices rose in Bahia."])
        let c = Analysis.compare(left, right, index: index)
        #expect(c.similarity > 0.3)
    }

    @Test func noEntitiesMeansZeroOverlap() {
        let c = Analysis.compare("One text here.", "Another text there.")
        #expect(c.entityOverlap == 0)
        #expect(c.sharedEntities.isEmpty)
    }
}

@Suite("Analysis keyness")
struct AnalysisKeynessTests {
    @Test func logLikelihoodMatchesAHandComputedValue() {
        // a=10 of c=1000, b=2 of d=1000: E = 6 each; G² = 2(10 ln(10/6) + 2 ln(2/6)).
        let expected = 2 * (10 * log(10.0 / 6) + 2 * log(2.0 / 6))
        #expect(abs(Analysis.logLikelihood(10, 1000, 2, 1000) - expected) < 1e-12)
        #expect(Analysis.logLikelihood(5, 100, 5, 100) == 0)
        #expect(abs(Analysis.logRatio(8, 1000, 2, 1000) - 2) < 1e-12)
        #expect(abs(Analysis.logRatio(4, 1000, 0, 1000) - 3) < 1e-12)  // zero taken as 0.5
    }

    @Test func keyWordsAndEntitiesOnEachSide() throws {
        let a = (0..<5).map { i in
            AnalysisDocument(text: "Russia sanctions Russia missile talks number \(i) weather",
                             entities: [EntitySummary(name: "Russia", type: "GPE", count: 2), EntitySummary(name: "Vladimir Putin", type: "PERSON", count: 1, aliases: ["Putin"])])
        }
        let b = (0..<5).map { i in
            AnalysisDocument(text: "Cocoa harvest cocoa prices talks number \(i) weather",
                             entities: [EntitySummary(name: "Bahia", type: "GPE", count: 1), EntitySummary(name: "Putin", type: "PERSON", count: 1)])
        }
        let r = try Analysis.compare(a, b)
        #expect(r.tokensA == 40 && r.tokensB == 40)
        #expect(r.keyWordsA.first?.term == "russia")
        #expect(r.keyWordsA.first?.count == 10)
        #expect(r.keyWordsA.first?.otherCount == 0)
        #expect(r.keyWordsA.allSatisfy { $0.logLikelihood >= 3.84 && $0.logRatio > 0 })
        #expect(r.keyWordsB.map(\.term).prefix(1) == ["cocoa"])
        #expect(!r.keyWordsA.contains { $0.term == "talks" || $0.term == "weather" })
        #expect(r.keyEntitiesA.map(\.term) == ["Russia"])
        #expect(r.keyEntitiesA.first?.type == "GPE")
        #expect(r.entitiesOnlyInA.map(\.name) == ["Russia"])
        #expect(r.entitiesOnlyInA.first?.documents == 5)
        #expect(r.entitiesOnlyInB.map(\.name) == ["Bahia"])  // Putin is on both sides via the alias
    }

    @Test func minimumFrequencyAndErrors() throws {
        var o = KeynessOptions()
        o.minimumFrequency = 20
        let a = [AnalysisDocument(text: String(repeating: "alpha ", count: 10))]
        let b = [AnalysisDocument(text: String(repeating: "beta ", count: 10))]
        #expect(try Analysis.compare(a, b, options: o).keyWordsA.isEmpty)
        #expect(try Analysis.compare(a, b).keyWordsA.map(\.term) == ["alpha"])
        #expect(throws: AnalysisError("compare needs two non-empty collections, got 0 and 1 documents")) { try Analysis.compare([], b) }
    }
}

import Foundation
