import Foundation
import NQL
import Testing

@testable import NQLNews

/// The body from the page's own data: JSON-LD articleBody and a script's JSON (pages of our own writing).
@Suite struct HTMLPageDataTests {
    func load(_ page: String) throws -> Article {
        let (articles, _) = ArticleLoader.load(text: page, format: "html", path: "p.html")
        return try #require(articles.first)
    }

    static let story = [
        "The city's new tram line opened on Monday, six months late and about 8% over budget, carrying 11,000 riders on its first day.",
        "Transit officials said the delay came from a shortage of overhead wire and a redesign of the stop at Central Station.",
        "Riders interviewed at the river stop were mostly pleased, though several said the trams were too full at rush hour.",
    ]

    /// The DOM holds the story and, unmarked, more prose than the story: articleBody says which is the story.
    @Test func articleBodyTrimsADomTwiceItsSize() throws {
        let archive = (1...6).map { "<p>From the archive, part \($0): in 1911 the old horse tram ran along the same street, and the depot still stands behind the market hall today, now a bicycle shop.</p>" }
        let page = """
            <html><head><title>Tram line opens</title>
            <script type="application/ld+json">{"@type":"NewsArticle","headline":"Tram line opens","articleBody":"\(Self.story.joined(separator: "\\n\\n"))"}</script>
            </head><body><div class="page">
            <h1>Tram line opens</h1>
            \(Self.story.map { "<p>\($0)</p>" }.joined(separator: "\n"))
            \(archive.joined(separator: "\n"))
            </div></body></html>
            """
        let a = try load(page)
        #expect(a.paragraphs == Self.story)
    }

    /// A cut-off articleBody (a paywall's teaser) is not trusted to trim the page.
    @Test func aTruncatedArticleBodyLeavesTheDomAlone() throws {
        let more = (1...6).map { "<p>Paragraph \($0) of the full story goes on about the tram's timetable, the fares, the new ticket machines and the plans for a second line.</p>" }
        let page = """
            <html><head><title>Tram line opens</title>
            <script type="application/ld+json">{"@type":"NewsArticle","headline":"Tram line opens","articleBody":"\(Self.story[0]) \(Self.story[1]) Riders interviewed at the river stop were mostly pleased, though several said the"}</script>
            </head><body><article>
            <h1>Tram line opens</h1>
            \(Self.story.map { "<p>\($0)</p>" }.joined(separator: "\n"))
            \(more.joined(separator: "\n"))
            </article></body></html>
            """
        let a = try load(page)
        #expect(a.paragraphs.count == 9)
    }

    /// A paywalled page prints two paragraphs; the JSON its scripts render from holds them all.
    @Test func aPaywalledBodyComesFromThePageData() throws {
        let rest = (1...8).map { "Paragraph \($0) after the paywall: the tram's second line is planned for 2029, with eleven stops between the harbour and the university." }
        let all = Self.story + rest
        let items = all.map { p in
            #"{"type":"paragraph","content":[{"type":"text","value":"\#(p)"},{"type":"link","href":"https://x.example/a","content":[{"type":"text","value":""}]}]}"#
        }
        let data = #"{"props":{"story":{"id":42,"body":{"content":["# + items.joined(separator: ",") + "]}}}}"
        let page = """
            <html><head><title>Tram line opens</title></head><body><article>
            <h1>Tram line opens</h1>
            <div class="body"><p>\(Self.story[0])</p><p>\(Self.story[1])</p><div class="placeholder"></div></div>
            </article>
            <script id="__DATA__" type="application/json">\(data)</script>
            </body></html>
            """
        let a = try load(page)
        #expect(a.paragraphs == all)
    }

    @Test func dataWithoutThePrintedOpeningIsIgnored() throws {
        let data = #"{"items":[{"text":"Something else entirely, a recipe for plum cake with cinnamon and a little rum."},{"text":"Another unrelated item."},{"text":"A third item."}],"pad":""# + String(repeating: "x", count: 1200) + #""}"#
        let page = """
            <html><head><title>Tram line opens</title></head><body><article>
            <h1>Tram line opens</h1><p>\(Self.story[0])</p><p>\(Self.story[1])</p>
            </article><script type="application/json">\(data)</script></body></html>
            """
        let a = try load(page)
        #expect(a.paragraphs == Array(Self.story.prefix(2)))
    }

    @Test func plainPrefixStopsAtCharactersJSONEscapes() {
        #expect(PageWalker.plainPrefix("Tom & Jerry went to the market") == nil)
        #expect(PageWalker.plainPrefix("The council met on Monday evening \"in private\"") == "The council met on Monday evening ")
    }

    /// The state a script assigns (`window.__STATE__ = {…}`), with the body as one string of markup.
    @Test func aBodyInAnAssignedStateObject() throws {
        let rest = (1...10).map { "<p>Paragraph \($0) after the paywall: the second line is planned for 2029, with eleven stops.</p>" }.joined()
        let markup = "<p>\(Self.story[0])</p><p>\(Self.story[1])</p>" + rest
        let state = #"{"page":{"kind":"story","id":"7"},"article":{"title":"Tram line opens","body":"\#(markup.replacingOccurrences(of: "\"", with: "\\\""))"}}"#
        let page = """
            <html><head><title>Tram line opens</title></head><body><article>
            <h1>Tram line opens</h1>
            <p>\(Self.story[0])</p><p>\(Self.story[1])</p>
            </article>
            <script>window.analytics = {"section": "city"}; window.__STATE__ = \(state); window.ready = true;</script>
            </body></html>
            """
        let a = try load(page)
        #expect(a.paragraphs.count == 12)
        #expect(a.paragraphs.first == Self.story[0])
        #expect(a.text.contains("Paragraph 10 after the paywall"))
    }

    @Test func assignedObjectIsBalanced() {
        let script = #"var a = {"x": 1}; window.s = {"t": "say {hi} and \"quote\"", "n": [1, {"b": 2}]}; f();"#
        #expect(PageWalker.assignedObject(in: script, around: "say {hi}") == #"{"t": "say {hi} and \"quote\"", "n": [1, {"b": 2}]}"#)
        #expect(PageWalker.assignedObject(in: "x = {\"unterminated\": \"say {hi}", around: "say {hi}") == nil)
    }

    @Test func aListOfParagraphStrings() throws {
        let root = try JSON.parse(#"{"story":{"paragraphs":["<p>First printed paragraph of the story, long enough.</p>","Second, not printed.","Last printed paragraph here, also long enough."]}}"#)
        let out = PageWalker.paragraphs(in: root, probe: "First printed paragraph", lastProbe: "Last printed paragraph", printedLen: 100)
        #expect(out == ["First printed paragraph of the story, long enough.", "Second, not printed.", "Last printed paragraph here, also long enough."])
    }
}
