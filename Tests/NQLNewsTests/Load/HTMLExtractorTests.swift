import Foundation
import Testing

@testable import NQLNews

let samplePage = """
    <!DOCTYPE html>
    <html lang="en"><head>
    <meta charset="utf-8">
    <title>Ministers meet in Tokyo | The Harbor Times</title>
    <meta property="og:site_name" content="The Harbor Times">
    <meta property="article:published_time" content="2024-07-28T16:45:00+09:00">
    <link rel="canonical" href="https://harbor.example/2024/07/28/tokyo">
    <script type="application/ld+json">{"@type":"NewsArticle","headline":"Ministers meet in Tokyo","author":{"@type":"Person","name":"Daniel Okafor"}}</script>
    </head><body>
    <nav class="menu"><a href="/">Home</a> <a href="/world">World</a> <a href="/business">Business</a></nav>
    <div class="ad-banner">Advertisement: buy a car today, best prices in town, no questions asked</div>
    <article><h1>Ministers meet in Tokyo</h1>
    <p class="byline">By Daniel Okafor</p>
    <figure><img src="x.jpg"><figcaption>Blinken and Hayashi in Tokyo. (Pool/Kyodo)</figcaption></figure>
    <div class="story-body">
    <p>TOKYO — The foreign and defence ministers of the United States and Japan met on Sunday, agreeing to overhaul command ties.</p>
    <p>Secretary of State Antony Blinken said the talks, the first in Tokyo in a year and a half, were “historic,” and Austin agreed.</p>
    <ul class="related-links"><li><a href="/1">Related: a story about something else entirely</a></li><li><a href="/2">Another unrelated story people clicked on</a></li></ul>
    <p>Defense Minister Minoru Kihara (木原稔) said the allies had entered “a new era” of cooperation, officials said.</p>
    </div></article>
    <section class="comments"><p>This is a reader comment that goes on for quite a while, with opinions, and more opinions, and commas.</p></section>
    <footer><p>© 2024 The Harbor Times. All rights reserved.</p></footer>
    </body></html>
    """

@Suite struct HTMLExtractorTests {
    @Test func bodyAndMetadata() throws {
        let (articles, problems) = ArticleLoader.load(text: samplePage, format: "html", path: "p.html")
        #expect(problems.isEmpty)
        let a = try #require(articles.first)
        #expect(a.title == "Ministers meet in Tokyo")
        #expect(a.source == "The Harbor Times")
        #expect(a.authors == ["Daniel Okafor"])
        #expect(a.date == "2024-07-28")
        #expect(a.url == "https://harbor.example/2024/07/28/tokyo")
        #expect(a.format == "html")
        #expect(a.paragraphs.count == 3)
        #expect(a.text.contains("木原稔"))
        #expect(a.captions == ["Blinken and Hayashi in Tokyo. (Pool/Kyodo)"])
        for noise in ["Advertisement", "Related:", "reader comment", "©", "Home", "By Daniel"] {
            #expect(!a.text.contains(noise), "body still contains \(noise)")
        }
    }

    @Test func creditsContactsAndEmbedsLeaveTheBody() throws {
        let page = """
            <html><head><title>Port strike ends</title></head><body><article><h1>Port strike ends</h1>
            <p>Dock workers in Busan went back to work on Monday after a three-day strike over pay and hours, the union said.</p>
            <p>Credit: Kim Min-ji/Pacific Wire</p>
            <p>The port authority said the backlog of containers would take about a week to clear, according to officials.</p>
            <blockquote class="twitter-tweet"><p>Back to work at last! pic.twitter.com/abc — Union (@union) July 29, 2024</p></blockquote>
            <p>Jane Doe can be reached at jane.doe@example.com.</p>
            </article></body></html>
            """
        let a = try #require(ArticleLoader.load(text: page, format: "html").articles.first)
        #expect(a.paragraphs.count == 2)
        #expect(a.captions.contains("Credit: Kim Min-ji/Pacific Wire"))
        #expect(!a.text.contains("pic.twitter.com"))
        #expect(!a.text.contains("reached at"))
    }

    @Test func sniffedFromContent() throws {
        let a = try #require(ArticleLoader.load(text: samplePage).articles.first)
        #expect(a.format == "html")
    }

    @Test func declaredLatin1Charset() throws {
        var bytes = Array("<html><head><meta charset=\"iso-8859-1\"><title>Caf".utf8) + [0xE9]
        bytes += Array("</title></head><body><p>The caf".utf8) + [0xE9] + Array(" on the corner reopened on Monday after a long, costly renovation, its owners said.</p></body></html>".utf8)
        let (articles, _) = ArticleLoader.load(data: Data(bytes), path: "l.html", format: "html")
        let a = try #require(articles.first)
        #expect(a.text.hasPrefix("The café on the corner"))
        #expect(a.encoding == "iso-8859-1")
    }

    @Test func latin1DeclaredButUTF8Saved() throws {
        let page = "<html><head><meta charset=\"iso-8859-1\"><title>Café</title></head><body><p>The café on the corner reopened on Monday — after a long, costly renovation, its owners said.</p></body></html>"
        let a = try #require(ArticleLoader.load(data: Data(page.utf8), path: "u.html", format: "html").articles.first)
        #expect(a.text.hasPrefix("The café on the corner reopened on Monday —"))
        #expect(a.encoding == "utf-8")
    }

    @Test(arguments: ["euc-kr", "shift_jis"])
    func aLegacyCharsetDeclaredOverUTF8BytesReadsAsUTF8(_ charset: String) throws {
        let page = "<html><head><meta charset=\"\(charset)\"><title>서울 회담 東京</title></head><body><p>서울에서 열린 회담에서 장관들은 북한 문제를 논의했다.</p><p>The ministers met in Seoul on Tuesday and said the talks would go on for a second day in Tokyo.</p></body></html>"
        let a = try #require(ArticleLoader.load(data: Data(page.utf8), path: "k.html", format: "html").articles.first)
        #expect(a.title == "서울 회담 東京")
        #expect(a.text.hasPrefix("서울에서 열린 회담에서"))
        #expect(a.encoding == "utf-8")
    }

    @Test func anEmptyOrTooDeeplyNestedBodyGetsANote() throws {
        let empty = "<html><head><title>Empty</title></head><body></body></html>"
        let deep = "<html><head><title>Deep</title></head><body>" + String(repeating: "<div>", count: 300)
            + "<p>The ministers met in Seoul on Tuesday and said the talks would go on for a second day in Tokyo.</p>"
            + String(repeating: "</div>", count: 300) + "</body></html>"
        for page in [empty, deep] {
            let (articles, problems) = ArticleLoader.load(data: Data(page.utf8), path: "e.html", format: "html")
            #expect(articles.count == 1)
            #expect(problems.map(\.message) == [LoadMessages.noHTMLArticleText] && problems.allSatisfy(\.isNote))
        }
    }

    @Test func aBrokenByteInAUTF8PageDoesNotStopTheParse() throws {
        let nav = (1...12).map { "<li><a href=\"/section/\($0)\">Section \($0)</a></li>" }.joined()
        var bytes = Array("<html><head><title>Harbour tunnel</title></head><body><nav><ul>\(nav)</ul></nav><p>The council in Malmö approved the tunnel on Thursday, ".utf8)
        bytes += [0xE2, 0x80]  // a cut-off "—"
        bytes += Array(" after a long debate about its cost and its route under the old harbour.</p><p>Work starts in spring, the mayor’s office said on Friday.</p></body></html>".utf8)
        let a = try #require(ArticleLoader.load(data: Data(bytes), path: "b.html", format: "html").articles.first)
        #expect(a.encoding == "utf-8 (repaired)")
        #expect(a.paragraphs.count == 2)
        #expect(a.text.contains("Malmö"))
        #expect(a.text.contains("the mayor’s office said on Friday."))
    }

    @Test func aLatin1PageWithBytesLatin1LeavesUndefined() throws {
        // 0x9D and 0x81 have no character in Windows-1252; converters stop at them.
        var bytes = Array("<html><head><meta charset=\"utf-8\"><title>Caf".utf8) + [0xE9]
        bytes += Array("</title></head><body><p>The caf".utf8) + [0xE9, 0x9D] + Array(" on the corner reopened on Monday after a long renovation".utf8)
        bytes += [0x81] + Array(", its owners said, and the queue ran round the block.</p></body></html>".utf8)
        let a = try #require(ArticleLoader.load(data: Data(bytes), path: "w.html", format: "html").articles.first)
        #expect(a.encoding == "windows-1252")
        #expect(a.text.hasPrefix("The café"))
        #expect(a.text.hasSuffix("the queue ran round the block."))
    }

    @Test func aRetitledStoryKeepsItsPrintedHeadline() throws {
        let page = """
            <html><head><title>Strong quake kills more than 120 | Weather Desk</title>
            <meta property="og:title" content="Strong quake kills more than 120"></head><body>
            <h1>Survivors endure freezing nights after the quake</h1>
            <p>Thousands of people spent a second night outdoors in temperatures well below freezing, officials said on Wednesday.</p>
            </body></html>
            """
        let a = try #require(ArticleLoader.load(text: page, format: "html").articles.first)
        #expect(a.title == "Survivors endure freezing nights after the quake")
    }

    @Test func aMediaLabelLeavesTheHeadline() throws {
        let page = """
            <html><head><meta property="og:title" content="WATCH: Dan and Kay bring the house down"></head><body>
            <h1>Dan and Kay bring the house down in the finale [Watch]</h1>
            <p>The duo closed the season with a song about moving house, and the judges stood up before the last chorus.</p>
            </body></html>
            """
        let a = try #require(ArticleLoader.load(text: page, format: "html").articles.first)
        #expect(a.title == "Dan and Kay bring the house down in the finale")
        #expect(PageWalker.droppingMediaTag("Flood waters reach the old town (VIDEO)") == "Flood waters reach the old town")
        #expect(PageWalker.droppingMediaTag("The budget in numbers (2024)") == "The budget in numbers (2024)")
        #expect(PageWalker.droppingMediaTag("[Watch]") == "[Watch]")
    }

    @Test func exampleHTMLPages() throws {
        let (articles, problems) = ArticleLoader.load(packageRoot + "/Examples/articles/*.html")
        #expect(problems.isEmpty)
        #expect(articles.count == 2)
        for a in articles {
            #expect(a.date == "2024-07-28")
            #expect(!a.authors.isEmpty)
            #expect(!a.text.contains("Advertisement"))
            #expect(!a.text.contains("comment"))
            #expect(!a.text.contains("cookies"))
        }
        let harbor = try #require(articles.first { $0.source == "The Harbor Times" })
        #expect(!harbor.text.contains("Russia"))
    }
}
