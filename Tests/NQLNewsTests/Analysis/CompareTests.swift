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

    @Test func aLoneSurnameMatchesTheOnlyFullNameEndingWithIt() {
        let a = AnalysisDocument(text: "", entities: [EntitySummary(name: "Antony Blinken", type: "PERSON"), EntitySummary(name: "George Bush", type: "PERSON"), EntitySummary(name: "Laura Bush", type: "PERSON")])
        let b = AnalysisDocument(text: "", entities: [EntitySummary(name: "Blinken", type: "PERSON"), EntitySummary(name: "Bush", type: "PERSON")])
        let c = Analysis.compare(a, b)
        #expect(c.sharedEntities.map(\.name) == ["Antony Blinken"])
        #expect(c.onlyRightEntities.map(\.name) == ["Bush"])  // two full names end with it
        // Two full names of one entity (an alias) are still one entity.
        let d = AnalysisDocument(text: "", entities: [EntitySummary(name: "Antony Blinken", type: "PERSON", aliases: ["Tony Blinken"])])
        let e = AnalysisDocument(text: "", entities: [EntitySummary(name: "Blinken", type: "PERSON")])
        #expect(Analysis.compare(d, e).sharedEntities.count == 1)
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

    @Test func copiedNeedsTheSameWordOrder() {
        let oneWord = Analysis.alignSentences(["The ministers met in Tokyo on Sunday to discuss the new joint command structure."],
                                              ["The ministers met in Tokyo on Monday to discuss the new joint command structure."])
        #expect(oneWord[0].kind == .paraphrased)  // 8 of 9 content words shared: cosine 0.89
        let typo = Analysis.alignSentences(["The ministers met in Tokyo on Sunday to discuss the new joint command structure and its costs."],
                                           ["The ministers met in Tokyo on Sunday to discuss the new joint command structure and its cost."])
        #expect(typo[0].kind == .copied)
        let reordered = Analysis.alignSentences(["Tokyo command structure new joint the discuss to Sunday on met ministers the and its costs."],
                                                ["The ministers met in Tokyo on Sunday to discuss the new joint command structure and its costs."])
        #expect(reordered[0].kind == .paraphrased)
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

import Foundation
