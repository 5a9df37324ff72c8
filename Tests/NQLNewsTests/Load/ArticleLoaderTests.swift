import Foundation
import Testing

@testable import NQLNews

@Suite struct ArticleLoaderTests {
    let story = "Harbour Talks Resume\n\nNegotiators met again on Monday after a week-long pause, officials said.\n"

    @Test func missingPathIsOneProblem() {
        let (articles, problems) = ArticleLoader.load("/no/such/place/story.txt")
        #expect(articles.isEmpty)
        #expect(problems.count == 1)
        #expect(problems.first?.message == "no such file or folder")
        #expect(problems.first?.description == "/no/such/place/story.txt: error: no such file or folder")
    }

    @Test func folderWithoutArticles() {
        let dir = TempFolder()
        dir.write("notes.csv", "a,b\n")
        let (articles, problems) = ArticleLoader.load(dir.path)
        #expect(articles.isEmpty)
        #expect(problems.count == 1)
        #expect(problems.first?.message.hasPrefix("no articles in folder") == true)
    }

    @Test func emptyFile() {
        let dir = TempFolder()
        let f = dir.write("empty.txt", "")
        let (articles, problems) = ArticleLoader.load(f)
        #expect(articles.isEmpty)
        #expect(problems.map(\.message) == ["empty file"])
    }

    @Test func binaryFileIsRejectedAndOthersStillLoad() {
        let dir = TempFolder()
        dir.write("a.txt", story)
        dir.write("b.txt", Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x48, 0x44, 0x52, 0xFF, 0x00]))
        let (articles, problems) = ArticleLoader.load(dir.path)
        #expect(articles.count == 1)
        #expect(problems.count == 1)
        #expect(problems.first?.path.hasSuffix("b.txt") == true)
        #expect(problems.first?.message.hasPrefix("binary file") == true)
    }

    @Test func latin1TextIsDecodedAsWindows1252WithANote() throws {
        let dir = TempFolder()
        // "Café talks — “soon”" in Windows-1252.
        var bytes = Array("Caf".utf8) + [0xE9] + Array(" Talks Resume\n\nThe caf".utf8) + [0xE9]
        bytes += Array(" owners met on Monday ".utf8) + [0x97] + Array(" and said ".utf8) + [0x93] + Array("soon".utf8) + [0x94, 0x2E, 0x0A]
        let f = dir.write("cafe.txt", Data(bytes))
        let (articles, problems) = ArticleLoader.load(f)
        let a = try #require(articles.first)
        #expect(a.encoding == "windows-1252")
        #expect(a.title == "Café Talks Resume")
        #expect(a.text == "The café owners met on Monday — and said “soon”.")
        #expect(problems.count == 1)
        #expect(problems.first?.isNote == true)
    }

    @Test func eucKRText() throws {
        let dir = TempFolder()
        let bytes: [UInt8] = [
            186, 207, 185, 204, 32, 193, 164, 187, 243, 200, 184, 180, 227, 32, 192, 231, 176, 179, 32, 192, 252, 184, 193, 10, 10,
            191, 220, 177, 179, 186, 206, 180, 194, 32, 50, 56, 192, 207, 32, 199, 209, 185, 204, 32, 191, 220, 177, 179, 161, 164,
            177, 185, 185, 230, 192, 229, 176, 252, 32, 200, 184, 192, 199, 32, 176, 225, 176, 250, 184, 166, 32, 200, 175, 191,
            181, 199, 209, 180, 217, 176, 237, 32, 185, 224, 199, 251, 180, 217, 46, 10,
        ]
        let f = dir.write("kr.txt", Data(bytes))
        let (articles, problems) = ArticleLoader.load(f)
        let a = try #require(articles.first)
        #expect(a.encoding == "euc-kr")
        #expect(a.title == "북미 정상회담 재개 전망")
        #expect(a.text == "외교부는 28일 한미 외교·국방장관 회의 결과를 환영한다고 밝혔다.")
        #expect(problems.first?.message == "not utf-8; decoded as euc-kr")
    }

    @Test func utf16WithBOM() throws {
        let dir = TempFolder()
        var data = Data([0xFF, 0xFE])
        for unit in story.utf16 { data.append(UInt8(unit & 0xFF)); data.append(UInt8(unit >> 8)) }
        let f = dir.write("u16.txt", data)
        let (articles, _) = ArticleLoader.load(f)
        let a = try #require(articles.first)
        #expect(a.encoding == "utf-16le")
        #expect(a.title == "Harbour Talks Resume")
    }

    @Test func folderIsRecursiveAndSorted() {
        let dir = TempFolder()
        dir.write("b/2.txt", story)
        dir.write("a.txt", story)
        dir.write("b/1.md", "# Title One\n\nA sentence of body text that is long enough to count.\n")
        dir.write(".hidden/x.txt", story)
        let (articles, problems) = ArticleLoader.load(dir.path)
        #expect(problems.isEmpty)
        #expect(articles.map { ($0.path as NSString).lastPathComponent } == ["a.txt", "1.md", "2.txt"])
    }

    @Test func globs() {
        let dir = TempFolder()
        dir.write("x/one.txt", story)
        dir.write("x/deep/two.txt", story)
        dir.write("x/deep/three.html", "<html><body><p>\(story)</p></body></html>")
        #expect(ArticleLoader.load(dir.path + "/x/*.txt").articles.count == 1)
        #expect(ArticleLoader.load(dir.path + "/x/**/*.txt").articles.count == 2)
        #expect(ArticleLoader.load(dir.path + "/x/**/*.htm?").articles.count == 1)
        let none = ArticleLoader.load(dir.path + "/x/*.json")
        #expect(none.articles.isEmpty)
        #expect(none.problems.first?.message == "no files match pattern")
    }

    @Test func standardInputIsSniffed() throws {
        let jsonl = "{\"title\": \"A\", \"text\": \"One.\"}\n{\"title\": \"B\", \"text\": \"Two.\"}\n"
        let (articles, problems) = ArticleLoader.load("-", stdin: { Data(jsonl.utf8) })
        #expect(problems.isEmpty)
        #expect(articles.map(\.title) == ["A", "B"])
        #expect(articles.first?.path == "-")
        #expect(articles.first?.format == "jsonl")
        let failed = ArticleLoader.load("-", stdin: { nil })
        #expect(failed.problems.first?.message == "cannot read standard input")
    }

    @Test func exampleFolderLoadsCleanly() {
        let (articles, problems) = ArticleLoader.load(packageRoot + "/Examples/articles")
        #expect(problems.filter { !$0.isNote }.isEmpty)
        #expect(articles.count >= 7)
        #expect(articles.allSatisfy { $0.title != nil })
        #expect(Set(articles.map(\.format)) == ["txt", "md", "html", "jsonl"])
        // Ids are unique and stable.
        #expect(Set(articles.map(\.id)).count == articles.count)
    }

    @Test func idsAreStable() {
        let a = ArticleLoader.load(text: story, format: "txt", path: "x.txt").articles
        let b = ArticleLoader.load(text: story, format: "txt", path: "x.txt").articles
        #expect(a.map(\.id) == ["x.txt#1"])
        #expect(a == b)
    }
}
