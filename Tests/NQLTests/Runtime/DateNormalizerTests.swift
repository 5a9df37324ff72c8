import Testing

@testable import NQL

@Suite struct DateNormalizerTests {
    @Test(arguments: [
        ("2024-07-28", "2024-07-28"),
        ("2024-07-28T10:00:00Z", "2024-07-28"),
        ("Jul 28, 2024", "2024-07-28"),
        ("28 July 2024", "2024-07-28"),
        ("July 28, 2024", "2024-07-28"),
        ("July 28th, 2024", "2024-07-28"),
        ("Sun, 28 Jul 2024 10:00:00 +0900", "2024-07-28"),
        ("26-FEB-1987 15:01:01.79", "1987-02-26"),
        ("2024.07.28", "2024-07-28"),
        ("2024/07/28", "2024-07-28"),
        ("07/28/2024", "2024-07-28"),
        ("28.07.2024", "2024-07-28"),
        ("Published July 28, 2024 10:00 a.m. EDT", "2024-07-28"),
        ("입력 2024.07.28 10:00", "2024-07-28"),
        ("2024년 7월 28일", "2024-07-28"),
        ("2024年7月28日", "2024-07-28"),
        ("20240728", "2024-07-28"),
    ])
    func normalises(input: String, expected: String) {
        #expect(DateNormalizer.normalize(input) == expected)
    }

    @Test func keepsTheTime() {
        #expect(DateNormalizer.find("2024-07-28T10:00:00Z")?.time == "10:00:00Z")
        #expect(DateNormalizer.find("Sun, 28 Jul 2024 10:00:00 +0900")?.time == "10:00:00+09:00")
        #expect(DateNormalizer.find("26-FEB-1987 15:01:01.79")?.time == "15:01:01")
        #expect(DateNormalizer.find("July 28, 2024 3:05 p.m.")?.time == "15:05:00")
    }

    @Test func rejectsNonDates() {
        #expect(DateNormalizer.normalize("no date here") == nil)
        #expect(DateNormalizer.normalize("2024-13-45") == nil)
        #expect(DateNormalizer.normalize("") == nil)
    }
}
