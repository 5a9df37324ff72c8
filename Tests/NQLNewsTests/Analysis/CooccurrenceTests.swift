import Testing
@testable import NQLNews

@Suite("Analysis co-occurrence")
struct AnalysisCooccurrenceTests {
    let docs = [
        AnalysisDocument(text: "Blinken met Hayashi in Tokyo. Russia was discussed.",
                         entities: [EntitySummary(name: "Antony Blinken", type: "PERSON", aliases: ["Blinken"]),
                                    EntitySummary(name: "Yoshimasa Hayashi", type: "PERSON", aliases: ["Hayashi"]),
                                    EntitySummary(name: "Tokyo", type: "GPE"), EntitySummary(name: "Russia", type: "GPE")]),
        AnalysisDocument(text: "Antony Blinken spoke about Russia.",
                         entities: [EntitySummary(name: "Antony Blinken", type: "PERSON"), EntitySummary(name: "Russia", type: "GPE")]),
        AnalysisDocument(text: "Cocoa prices rose in Bahia.", entities: [EntitySummary(name: "Bahia", type: "GPE")]),
    ]

    @Test func documentPairsSortedByCount() throws {
        let pairs = try Analysis.cooccur(docs)
        #expect(pairs.first?.first == "Antony Blinken")
        #expect(pairs.first?.second == "Russia")
        #expect(pairs.first?.count == 2)
        #expect(pairs.count == 6)  // 4 entities in doc 0 give 6 pairs; doc 1's pair repeats one
        // PMI of Blinken–Russia: both in 2 of 3 documents, together in 2: log2(2·3 / (2·2)).
        #expect(abs((pairs.first?.pmi ?? 0) - log2(1.5)) < 1e-12)
    }

    @Test func sentencePairsUseNamesAndAliases() throws {
        let pairs = try Analysis.cooccur(docs, unit: .sentence)
        let names = pairs.map { "\($0.first)+\($0.second)" }
        #expect(names.contains("Antony Blinken+Yoshimasa Hayashi"))
        #expect(names.contains("Antony Blinken+Russia"))  // sentence of document 1
        #expect(!names.contains("Russia+Tokyo"))  // different sentences in document 0
        #expect(pairs.first { $0.first == "Antony Blinken" && $0.second == "Russia" }?.count == 1)
    }

    @Test func typesFilterMinimumAndErrors() throws {
        let people = try Analysis.cooccur(docs, types: ["PERSON"])
        #expect(people.map(\.second) == ["Yoshimasa Hayashi"])
        #expect(try Analysis.cooccur(docs, minimumCount: 2).count == 1)
        #expect(throws: AnalysisError("cooccur needs at least one document")) { try Analysis.cooccur([]) }
        #expect(throws: AnalysisError("minimum count must be at least 1, got 0")) { try Analysis.cooccur(docs, minimumCount: 0) }
    }
}

import Foundation
