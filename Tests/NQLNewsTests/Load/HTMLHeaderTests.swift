import Foundation
import NQL
import Testing

@testable import NQLNews

/// A page with the given head tags and the lines between the headline and the body.
private func page(head: String, header: String, body: String = "") -> String {
    """
    <html><head><title>Council approves the harbour tunnel | Bayside Ledger</title>\(head)</head><body>
    <nav><a href="/">Home</a> <a href="/city">City</a> Sunday, December 24th 2023</nav>
    <article><h1>Council approves the harbour tunnel</h1>
    \(header)
    <div class="story"><p>The city council voted 7–2 on Thursday to pay for a tunnel under the harbour, ending a debate that began in 2019.</p>
    \(body)
    <p>Work is due to start next spring, the mayor’s office said, and the tunnel should open four years later.</p></div>
    </article></body></html>
    """
}

private func article(_ html: String) throws -> Article {
    try #require(ArticleLoader.load(text: html, format: "html", path: "d.html").articles.first)
}

@Suite struct HTMLHeaderTests {
    @Test func theDateUnderTheHeadlineBeatsStaleMetadata() throws {
        // The metadata still carries the first version's date from years back.
        let a = try article(page(
            head: #"<meta property="article:published_time" content="2019-11-25T13:00:00Z"><meta property="article:modified_time" content="2023-11-27T11:20:00Z">"#,
            header: #"<div class="byline"><p>By Maya Ortiz and Lee Chan</p><time datetime="2023-11-27T06:20:00-05:00">November 27, 2023</time></div>"#))
        #expect(a.date == "2023-11-27")
        #expect(a.extra["published"] == "2019-11-25")
        #expect(a.extra["modified"] == "2023-11-27")
    }

    @Test func aLabelledPublicationDateBeatsTheUpdate() throws {
        // The UTC timestamp falls on the next day; the page prints the local day.
        let a = try article(page(
            head: #"<meta property="article:published_time" content="2023-12-23T01:48:19+00:00">"#,
            header: "<div>By Tom Reyes | New York Ledger</div><div>UPDATED: December 23, 2023 at 10:54 a.m. | PUBLISHED: December 22, 2023 at 8:48 p.m.</div>"))
        #expect(a.date == "2023-12-22")
        #expect(a.rawDate == "PUBLISHED: December 22, 2023 at 8:48 p.m.")
    }

    @Test func anUnlabelledDateComesBeforeACorrection() throws {
        let a = try article(page(
            head: "", header: "<p>By Sarah Quinn</p><div>December 22, 2023 at 8:00 AM EST Corrected December 28, 2023 at 2:28 PM EST</div>"))
        #expect(a.date == "2023-12-22")
    }

    @Test func captionsAndBodyProseAreNotTheArticleDate() throws {
        let a = try article(page(
            head: #"<meta property="article:published_time" content="2023-12-21T09:00:00Z">"#,
            header: "<figure><img src=t.jpg><figcaption>Council members on December 20, 2023. (Photo: J. Park)</figcaption></figure>",
            body: "<p>On December 14, 2023, engineers told the council the tunnel would cost 40% more than first planned.</p>"))
        #expect(a.date == "2023-12-21")
    }

    @Test func navigationDatesAreIgnored() throws {
        // "Sunday, December 24th 2023" sits in the navigation, before the headline.
        let a = try article(page(head: #"<meta name="date" content="2023-12-21">"#, header: "<p>By Ana Lima</p>"))
        #expect(a.date == "2023-12-21")
    }

    @Test func aTimeElementWithAClockOnlyFallsBackToMetadata() throws {
        let a = try article(page(
            head: #"<script type="application/ld+json">{"@type":"NewsArticle","datePublished":"2023-12-19T23:30:00-05:00"}</script>"#,
            header: #"<p>posted at <time datetime="2023-12-19T23:30:00-05:00">23:30</time></p>"#))
        #expect(a.date == "2023-12-19")
    }

    @Test func labelsSplitALine() {
        let shown = PageWalker.datesShown(in: "Published: 12:37 GMT, 21 December 2023 | Updated: 15:26 GMT, 22 December 2023")
        #expect(shown.map(\.label) == [.published, .updated])
        #expect(shown.compactMap { DateNormalizer.find($0.text)?.day } == ["2023-12-21", "2023-12-22"])
        #expect(PageWalker.datesShown(in: "Council members met on December 20, 2023.").isEmpty)
        #expect(PageWalker.datesShown(in: "Posted at 8:48 p.m.").isEmpty)
        #expect(PageWalker.datesShown(in: "Photo credited to Ana Lima, 3 May 2023").map(\.label) == [.none])
    }

    // Bylines printed under the headline.

    @Test func aBylineGluedToItsLink() throws {
        let a = try article(page(head: "", header: #"<div>By<a href="/staff/ana-lima">Ana Lima</a></div><p>Published Dec 21, 2023</p>"#))
        #expect(a.authors == ["Ana Lima"])
    }

    @Test func namesAboveTheDateLineWithTheirRole() throws {
        let a = try article(page(
            head: "", header: #"<div><a href="/w">Will Ortega Senior Writer</a></div><div>Updated: August 8, 2023 | 6:51 AM</div>"#,
            body: #"<div class="byline">Dana Fox</div>"#))
        #expect(a.authors == ["Will Ortega"])
        #expect(a.date == "2023-08-08")
    }

    @Test func aPhotoCreditIsNotTheByline() throws {
        let a = try article(page(head: "", header: "<div>By Kim Ito</div><div>By Ana Lima, Staff Writer</div>"))
        #expect(a.authors == ["Ana Lima"])
    }

    @Test func asToldTo() throws {
        let a = try article(page(head: "", header: "<div>Rosa Delgado as told to Sam Whitfield</div><div>March 07, 2022 • 6 min read</div>"))
        #expect(a.authors == ["Sam Whitfield"])
    }

    @Test func theHeaderBylineAddsCoAuthorsTheMetadataLeftOut() throws {
        let a = try article(page(
            head: #"<meta name="author" content="Starr Bowen">"#,
            header: "<div>Starr Bowen, Rania Aziz, Anna Cho</div><div>12/22/2023</div>"))
        #expect(a.authors == ["Starr Bowen", "Rania Aziz", "Anna Cho"])
    }

    @Test func coAuthorLinks() throws {
        let a = try article(page(
            head: "", header: #"<p><a rel="author" href="/a">Najib Jaber, Pacific Wire</a> and <a rel="author" href="/b">Samy Maher, Pacific Wire</a></p>"#))
        #expect(a.authors == ["Najib Jaber", "Samy Maher"])
    }

    @Test func roleAfterAName() {
        #expect(Bylines.dropRole("Aleksandar Petrov Senior Writer") == "Aleksandar Petrov")
        #expect(Bylines.dropRole("Greg Potts") == "Greg Potts")
    }

    @Test func anAuthorBoxAndSignUpSmallPrintLeaveTheBody() throws {
        let a = try article(page(
            head: #"<meta name="author" content="Gemma Price">"#, header: "",
            body: """
                <p>Gemma Price</p><p>Culture reporter @gemmaprice</p>
                <p>This newsletter may contain advertising, deals, or affiliate links. Subscribing to a newsletter indicates your consent to our Terms of Use and Privacy Policy. You may unsubscribe from the newsletters at any time.</p>
                """))
        #expect(a.paragraphs.count == 2)
        #expect(!a.text.contains("Gemma"))
        #expect(!a.text.contains("Privacy Policy"))
    }
}

