import Foundation
import Testing

@testable import NQLNews

@Suite struct JSONArticlesTests {
    @Test func bodyIsKeptExactly() throws {
        let body = "  SEOUL, July 29 -\nShares rose.\n    Reuter\n\u{3}"
        let obj: [String: Any] = ["body": body, "title": "Shares Rise", "date": "26-FEB-1987 15:01:01.79", "dateline": "SEOUL, July 29 -", "topics": ["money", "fx"], "newid": 7]
        let data = try JSONSerialization.data(withJSONObject: obj)
        let (articles, problems) = ArticleLoader.load(data: data, path: "r.json", format: nil)
        #expect(problems.isEmpty)
        let a = try #require(articles.first)
        #expect(a.text == body)
        #expect(a.title == "Shares Rise")
        #expect(a.date == "1987-02-26")
        #expect(a.extra["time"] == "15:01:01")
        #expect(a.extra["dateline"] == "SEOUL, July 29 -")
        #expect(a.extra["topics"] == "money, fx")
        #expect(a.id == "7")
        #expect(a.paragraphs == ["SEOUL, July 29 - Shares rose.", "Reuter"])
    }

    @Test func fieldNamesAreMapped() throws {
        let line = #"{"headline": "Talks End", "content": "It ended. “Good,” he said.", "published_at": "2024/07/28", "authors": ["Jane Doe", "John Roe"], "publisher": {"name": "Wire"}, "link": "https://x.example/a"}"#
        let a = try #require(ArticleLoader.load(text: line, format: "json").articles.first)
        #expect(a.title == "Talks End")
        #expect(a.text == "It ended. “Good,” he said.")
        #expect(a.date == "2024-07-28")
        #expect(a.authors == ["Jane Doe", "John Roe"])
        #expect(a.source == "Wire")
        #expect(a.url == "https://x.example/a")
        #expect(a.sentences == ["It ended.", "“Good,” he said."])
    }

    @Test func nullBodyStillLoads() throws {
        let a = try #require(ArticleLoader.load(text: #"[{"title": "No Body", "text": null, "date": "July 28, 2024"}]"#, format: "json").articles.first)
        #expect(a.text == "")
        #expect(a.title == "No Body")
        #expect(a.date == "2024-07-28")
        #expect(a.words == 0)
        #expect(a.sentences.isEmpty)
    }

    @Test func badLineIsReportedAndSkipped() {
        let text = """
            {"title": "One", "text": "First."}
            {"title": "Two", "text": "Second.
            {"title": "Three", "text": "Third."}

            [1, 2]
            """
        let (articles, problems) = ArticleLoader.load(text: text, format: "jsonl", path: "w.jsonl")
        #expect(articles.map(\.title) == ["One", "Three"])
        #expect(problems.map(\.line) == [2, 5])
        #expect(problems.first?.path == "w.jsonl")
        #expect(problems.first?.message.hasPrefix("invalid json") == true)
        #expect(articles.map(\.id) == ["w.jsonl#1", "w.jsonl#3"])
    }

    @Test func invalidJSONDocument() {
        let (articles, problems) = ArticleLoader.load(text: "{\"title\": ", format: "json", path: "bad.json")
        #expect(articles.isEmpty)
        #expect(problems.count == 1)
        #expect(problems.first?.message.hasPrefix("invalid json") == true)
    }

    @Test func deeplyNestedJSONIsAProblemNotACrash() {
        let text = String(repeating: "[", count: 100_000)
        let (articles, problems) = ArticleLoader.load(text: text, format: "json", path: "deep.json")
        #expect(articles.isEmpty)
        #expect(problems.map(\.message) == ["invalid json: nested too deeply"])
    }

    @Test func titleFromFirstBodyLineWhenMissing() throws {
        let a = try #require(ArticleLoader.load(text: #"{"title": null, "body": "\nFED WEEKLY REPORT - FEB 26\n  Reserves 644 vs 1,337\n"}"#, format: "json").articles.first)
        #expect(a.title == "FED WEEKLY REPORT - FEB 26")
        #expect(a.extra["title_from"] == "body")
    }

    @Test func aLineWithANULIsSkippedAndTheOthersKept() {
        var lines = (0..<10).map { #"{"id": \#($0), "text": "Story \#($0) is here."}"# }
        lines.insert(#"{"id": 99, "text": "bad \#u{0} line"}"#, at: 5)
        let (articles, problems) = ArticleLoader.load(data: Data((lines.joined(separator: "\n") + "\n").utf8), path: "w.jsonl", format: "jsonl")
        #expect(articles.count == 10)
        #expect(problems.count == 1 && problems.first?.line == 6 && problems.first?.message.contains("NUL") == true)
    }

    @Test func latin1JSONIsDecodedWithANote() throws {
        let bytes = Array(#"{"id": "x", "text": "Café über São Paulo."}"#.unicodeScalars.map { UInt8($0.value) })
        let (articles, problems) = ArticleLoader.load(data: Data(bytes), path: "old.json", format: "json")
        let a = try #require(articles.first)
        #expect(a.text == "Café über São Paulo.")
        #expect(a.encoding == "windows-1252")
        #expect(problems.map(\.isNote) == [true] && problems.first?.message.contains("windows-1252") == true)
    }

    @Test func idsAboveTwoToTheSixtyThreeStayExact() {
        let text = #"{"id": 18446744073709551617, "text": "Big id."}"# + "\n" + #"{"id": -92233720368547758090, "text": "Small."}"#
        let ids = ArticleLoader.load(text: text, format: "jsonl").articles.map(\.id)
        #expect(ids == ["18446744073709551617", "-92233720368547758090"])
    }

    @Test func aBodyGivenAsAListOfParagraphsIsJoined() throws {
        let a = try #require(ArticleLoader.load(text: #"{"text": ["Para one.", "Para two."]}"#, format: "jsonl").articles.first)
        #expect(a.text == "Para one.\n\nPara two.")
    }

    @Test func aTimestampPastAnyDateIsNoDateNotACrash() {
        // Found by the json fuzz target: a 'published_at' of 1e400 trapped converting to Int.
        let text = #"{"text": "a", "published_at": 1e400}"# + "\n" + #"{"text": "b", "published_at": 9e300}"# + "\n" + #"{"text": "c", "published_at": 1722124800}"#
        let dates = ArticleLoader.load(text: text, format: "jsonl").articles.map(\.date)
        #expect(dates == [nil, nil, "2024-07-28"])
    }
}
