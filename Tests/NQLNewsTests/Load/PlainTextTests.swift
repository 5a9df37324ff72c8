import Foundation
import Testing

@testable import NQLNews

/// A page saved like the seed article: navigation, headline, decks, caption, footer.
let seedLike = """
    본문 바로가기
    bar_progress

    Text Size

    Close

    US-Japan Ministers Warn Over North Korea-Russia Military Ties

    First "2+2" Talks in Tokyo in a Year and a Half
    Allies Condemn China's Attempts to Change the Status Quo by Force

    The foreign and defense ministers of the United States and Japan voiced "grave concern" on the 28th over the deepening military partnership between North Korea and Russia.

    US-Japan Ministers Warn Over North Korea-Russia Military Ties U.S. Secretary of State Antony Blinken meets his Japanese counterparts in Tokyo on the 28th. [Image source=AFP Yonhap News]

    According to Kyodo News, U.S. Secretary of State Antony Blinken and Secretary of Defense Lloyd Austin met Japanese Foreign Minister Yoshimasa Hayashi and Defense Minister Minoru Kihara.

    They also pledged to co-produce the AMRAAM missile and the Patriot (PAC-3) interceptor.


    © The Korea Market Daily(www.kmdaily.example). All rights reserved.

    Special Coverage


    Join us on social!

    Top
    """

@Suite struct PlainTextTests {
    @Test func aPlayersBrowserNoteIsInterface() {
        #expect(PlainTextExtractor.isInterface("Please use Chrome browser for a more accessible video player"))
        #expect(PlainTextExtractor.isInterface("For the best experience, please switch to a modern browser."))
        // Prose that asks something of the reader is not.
        #expect(!PlainTextExtractor.isInterface("Please use caution on the roads tonight, police said."))
        #expect(!PlainTextExtractor.isInterface("Officials asked residents to please use the browser-based form, which opened on Monday, to report damage to homes and businesses along the river, and said that paper forms would also be accepted at the town hall until the end of the month."))
    }

    @Test func seedLikeTextGivesTitleDecksSourceCaptionAndCleanBody() throws {
        let (articles, problems) = ArticleLoader.load(text: seedLike, format: "txt")
        #expect(problems.isEmpty)
        let a = try #require(articles.first)
        #expect(a.title == "US-Japan Ministers Warn Over North Korea-Russia Military Ties")
        #expect(a.subtitle == [
            "First \"2+2\" Talks in Tokyo in a Year and a Half",
            "Allies Condemn China's Attempts to Change the Status Quo by Force",
        ])
        #expect(a.source == "The Korea Market Daily")
        #expect(a.captions == [
            "U.S. Secretary of State Antony Blinken meets his Japanese counterparts in Tokyo on the 28th. [Image source=AFP Yonhap News]"
        ])
        #expect(a.paragraphs.count == 3)
        #expect(a.paragraphs.first?.hasPrefix("The foreign and defense ministers") == true)
        for noise in ["본문", "bar_progress", "Text Size", "Close", "©", "Special Coverage", "Join us", "Top", "Image source"] {
            #expect(!a.text.contains(noise), "body still contains \(noise)")
        }
        #expect(a.format == "txt")
        #expect(a.encoding == "utf-8")
        #expect(a.words > 50)
    }

    @Test func exampleFileTokyo2plus2() throws {
        let (articles, problems) = ArticleLoader.load(packageRoot + "/Examples/articles/tokyo-2plus2.txt")
        #expect(problems.isEmpty)
        let a = try #require(articles.first)
        #expect(a.title == "US-Japan Ministers Warn Over North Korea-Russia Military Ties")
        #expect(a.subtitle.count == 2)
        #expect(a.source == "The Korea Market Daily")
        #expect(a.authors == ["Kim Min-ji"])
        #expect(a.captions.count == 1)
        #expect(a.captions.first?.hasSuffix("[Image source=AFP Yonhap News]") == true)
        #expect(!a.text.contains("Join us on social"))
        #expect(!a.text.contains("bar_progress"))
        #expect(!a.text.contains("Reporter"))
        #expect(a.text.contains("AMRAAM"))
    }

    @Test func bylineDateAndBreadcrumb() throws {
        let text = """
            Menu
            World › Asia

            Harbour Cranes Return to Work After Strike

            By Jane Doe and John Roe
            Published July 28, 2024 10:00 a.m.

            Dock workers went back to work on Monday after a three-day strike over pay, the port authority said.

            Photo: Port workers in Busan on Monday. (Photo=Yonhap)

            Talks will resume next week, officials said, adding that the backlog would take days to clear.

            Share
            Read more
            """
        let a = try #require(ArticleLoader.load(text: text, format: "txt").articles.first)
        #expect(a.title == "Harbour Cranes Return to Work After Strike")
        #expect(a.authors == ["Jane Doe", "John Roe"])
        #expect(a.author == "Jane Doe, John Roe")
        #expect(a.date == "2024-07-28")
        #expect(a.extra["time"] == "10:00:00")
        #expect(a.captions.count == 1)
        #expect(a.paragraphs.count == 2)
    }

    @Test func sectionLabelAboveTheHeadline() throws {
        let text = "World News\n\nTokyo Talks End With Command Deal\n\nThe two allies agreed on Sunday to merge command structures over several years, officials said.\n"
        let a = try #require(ArticleLoader.load(text: text, format: "txt").articles.first)
        #expect(a.title == "Tokyo Talks End With Command Deal")
        #expect(a.subtitle.isEmpty)
    }

    @Test func questionHeadline() throws {
        let text = "Is Japan Ready for a Joint Command?\n\nOfficials in Tokyo say the new structure will take years to build, and the budget is not yet settled.\n"
        let a = try #require(ArticleLoader.load(text: text, format: "txt").articles.first)
        #expect(a.title == "Is Japan Ready for a Joint Command?")
        #expect(a.paragraphs.count == 1)
    }

    @Test func hardWrappedProseIsJoined() throws {
        let text = """
            A Short Headline Here

            This paragraph was saved from an email client that wraps lines at
            about seventy characters, so every sentence is broken across several
            lines even though it is one paragraph of prose about the talks.
            """
        let a = try #require(ArticleLoader.load(text: text, format: "txt").articles.first)
        #expect(a.title == "A Short Headline Here")
        #expect(a.paragraphs.count == 1)
    }

    @Test func markdownHeadingsImagesAndLinks() throws {
        let text = """
            # Morning Brief: Allies Talk Missiles

            By Hannah Ito

            The meeting ended with a **joint statement** that named [North Korea](https://example.com/nk).

            ![Ministers in Tokyo. Photo: Pool](a.jpg)

            ## What to watch

            Beijing said the allies were "hyping up" a threat.
            """
        let a = try #require(ArticleLoader.load(text: text, format: "md").articles.first)
        #expect(a.title == "Morning Brief: Allies Talk Missiles")
        #expect(a.format == "md")
        #expect(a.captions == ["Ministers in Tokyo. Photo: Pool"])
        #expect(a.text.contains("joint statement that named North Korea."))
        #expect(!a.text.contains("**"))
        #expect(a.paragraphs.contains("What to watch"))
    }

    @Test func copyrightFooterNamesTheOutletUpToItsSentenceEnd() {
        #expect(PlainTextExtractor.copyrightSource("© 2024 The Gulf Courier. Distributed by Pacific Wire Service. All rights reserved.").source
            == "The Gulf Courier")
        #expect(PlainTextExtractor.copyrightSource("Copyright 1987 Dow Jones & Co. Inc.").source == "Dow Jones & Co. Inc")
        #expect(PlainTextExtractor.copyrightSource("© The Asia Business Daily(www.asiae.co.kr). All rights reserved.").source
            == "The Asia Business Daily")
    }
}
