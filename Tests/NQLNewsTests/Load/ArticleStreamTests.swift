import Foundation
import NQL
@testable import NQLNews
import Testing

/// A small feed in JSON Lines, our own writing: wire items with a blank line and a broken one.
private let feed = (1...40).map { i in
    let place = ["Seoul", "Tokyo", "Manila", "Hanoi"][i % 4]
    let body = i % 3 == 0 ? "Crude oil rose in \(place) on Monday, traders said." : "Officials in \(place) met Japanese envoys on Tuesday.\\n\\nTalks go on."
    return #"{"id": "w\#(i)", "title": "Wire \#(i)", "source": "\#(i % 2 == 0 ? "Yonhap" : "Kyodo")", "date": "2024-07-\#(10 + i % 20)", "body": "\#(body)"}"#
}.joined(separator: "\n") + "\n\n{\"id\": broken}\n{\"id\": \"last\", \"body\": \"No newline at the end.\"}"

/// Every batch a reader gives, joined.
private func readAll(_ source: ArticleBatches.Source, chunkSize: Int) -> ([Article], [LoadProblem]) {
    let reader = ArticleBatches(source, chunkSize: chunkSize)
    var articles: [Article] = [], problems: [LoadProblem] = []
    while let batch = reader.next() {
        articles += batch.articles
        problems += batch.problems
    }
    return (articles, problems)
}

/// Runs a program with the news built-ins.
private func runNews(_ program: String, format: OutputFormat = .auto) -> (out: String, err: String) {
    var out = "", err = ""
    let session = Session(registry: News.registry(), format: format, write: { out += $0 }, writeError: { err += $0 })
    session.run(program, name: "test.nql")
    return (out, err)
}

@Suite struct ArticleStreamTests {
    @Test(arguments: [7, 100, 1000, 1 << 21])
    func chunksGiveTheArticlesAndProblemsOfAWholeLoad(_ chunkSize: Int) {
        let folder = TempFolder()
        let path = folder.write("feed.jsonl", feed)
        let whole = ArticleLoader.load(path)
        let (articles, problems) = readAll(.jsonLines(path: path), chunkSize: chunkSize)
        #expect(articles == whole.articles)
        #expect(problems == whole.problems)
        #expect(articles.count == 41)
        #expect(problems.map(\.line) == [42])
    }

    @Test func aFolderStreamsItsFilesInPathOrder() {
        let folder = TempFolder()
        folder.write("b/feed.jsonl", feed)
        folder.write("a.txt", "Seoul talks\n\nOfficials met in Seoul on Monday.")
        folder.write("c.md", "# Manila\n\nThe port reopened.")
        let whole = ArticleLoader.load(folder.path)
        guard case .stream(let source) = ArticleLoader.streamSource(folder.path) else {
            Issue.record("a folder should stream")
            return
        }
        let (articles, problems) = readAll(source, chunkSize: 64)
        #expect(articles == whole.articles)
        #expect(problems == whole.problems)
    }

    @Test func singleFilesAndMissingPathsLoadWhole() {
        let folder = TempFolder()
        let text = folder.write("a.txt", "Seoul talks\n\nOfficials met.")
        let empty = folder.write("empty.jsonl", "  \n")
        for path in [text, empty, folder.path + "/missing.jsonl", folder.path + "/*.nothing"] {
            guard case .whole = ArticleLoader.streamSource(path) else {
                Issue.record("\(path) should load whole")
                continue
            }
        }
    }

    @Test(arguments: [
        #"filter(contains(.text, "crude oil")) | select(.id, .source)"#,
        #"filter(mentions("Japan") and .source == "Kyodo") | select(.id)"#,
        #"filter(mentions("GPE")) | len"#,
        "entities | take(5) | select(.name, .type, .count, .articles)",
        #"timeline(by: "week")"#,
        "tally(.source)",
        "map(.words) | sum",
        "take(3) | select(.id, .paragraphs, .sentences)",
    ])
    func newsBuiltinsGiveTheSameResultStreamedOrNot(_ stage: String) {
        let folder = TempFolder()
        let path = folder.write("feed.jsonl", feed)
        let streamed = runNews(#"load("\#(path)") | \#(stage)"#)
        let listed = runNews(#"let all = load("\#(path)"); all | \#(stage)"#)
        #expect(streamed.out == listed.out)
        #expect(streamed.err == listed.err)
        #expect(streamed.err.contains("feed.jsonl:42: error"))
        #expect(!streamed.out.isEmpty)
    }

    @Test func everyNewsBuiltinThatStreamsOrFoldsIsTested() {
        let declared = News.builtins.filter { $0.flow != .collects }.map(\.name)
        // index: StoreBuiltinsTests.aStreamAndAListIndexAlike.
        #expect(Set(declared) == ["filter", "entities", "timeline", "index"])
    }
}
