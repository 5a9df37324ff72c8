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

@Suite("Analysis timeline")
struct AnalysisTimelineTests {
    @Test func daysFillGapsWithZero() throws {
        let t = try Analysis.timeline(["2024-07-28", "2024-07-30", "2024-07-28T09:00:00Z", nil, "yesterday"], by: .day)
        #expect(t.buckets.map(\.period) == ["2024-07-28", "2024-07-29", "2024-07-30"])
        #expect(t.buckets.map(\.count) == [2, 0, 1])
        #expect(t.undated == 2)
    }

    @Test func isoWeeksStartOnMonday() throws {
        // 2024-12-30 is a Monday in ISO week 2025-W01; 2024-12-29 is a Sunday of 2024-W52.
        let t = try Analysis.timeline(["2024-12-29", "2024-12-30", "2025-01-05", "2025-01-13"], by: .week)
        #expect(t.buckets.map(\.period) == ["2024-W52", "2025-W01", "2025-W02", "2025-W03"])
        #expect(t.buckets.map(\.start) == ["2024-12-23", "2024-12-30", "2025-01-06", "2025-01-13"])
        #expect(t.buckets.map(\.count) == [1, 2, 0, 1])
    }

    @Test func monthsAndYears() throws {
        let m = try Analysis.timeline(["2023-11-15", "2024-02-29"], by: .month)
        #expect(m.buckets.map(\.period) == ["2023-11", "2023-12", "2024-01", "2024-02"])
        #expect(m.buckets.map(\.count) == [1, 0, 0, 1])
        let y = try Analysis.timeline(["2020-05-01", "2022-01-01"], by: .year)
        #expect(y.buckets.map(\.period) == ["2020", "2021", "2022"])
    }

    @Test func invalidDatesAndErrors() throws {
        #expect(Analysis.dayNumber("2023-02-29") == nil)
        #expect(Analysis.dayNumber("1970-01-01") == 0)
        #expect(Analysis.isoDate(Analysis.dayNumber("1600-03-01") ?? 0) == "1600-03-01")
        #expect(throws: AnalysisError("no readable dates (expected YYYY-MM-DD)")) { try Analysis.timeline(["soon"], by: .day) }
        #expect(throws: AnalysisError("timeline needs at least one date")) { try Analysis.timeline([], by: .month) }
        #expect(throws: AnalysisError("the dates span more than 100000 days; use a longer period")) {
            try Analysis.timeline(["0001-01-01", "2024-01-01"], by: .day)
        }
    }
}

import Foundation
