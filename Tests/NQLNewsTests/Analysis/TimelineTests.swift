import Testing
@testable import NQLNews

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

    @Test func plainStringsAndDocuments() throws {
        let dates: [String] = ["2024-07-01", "2024-07-03"]
        #expect(try Analysis.timeline(dates, by: .day).buckets.count == 3)
        let docs = [AnalysisDocument(text: "a", date: "2024-07-01"), AnalysisDocument(text: "b")]
        let t = try Analysis.timeline(documents: docs, by: .month)
        #expect(t.buckets.map(\.count) == [1])
        #expect(t.undated == 1)
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

    @Test func farDatesAreCountedNotDropped() throws {
        let late = try Analysis.timeline(["9999-12-31", "9999-01-02"], by: .year)
        #expect(late.buckets.map(\.period) == ["9999"] && late.buckets.first?.count == 2 && late.undated == 0)
        #expect(try Analysis.timeline(["9999-12-31"], by: .month).buckets.map(\.period) == ["9999-12"])
        let early = try Analysis.timeline(["-0002-06-01", "0001-01-01"], by: .year)
        #expect(early.buckets.map(\.period) == ["-0002", "-0001", "0000", "0001"])
        #expect(early.undated == 0)
    }
}
