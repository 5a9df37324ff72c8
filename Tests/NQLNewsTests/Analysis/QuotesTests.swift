import Testing
@testable import NQLNews

@Suite("Analysis quotes")
struct AnalysisQuotesTests {
    @Test func speakerAfterTheQuote() {
        let text = """
        U.S. Secretary of State Antony Blinken met his Japanese counterpart in Tokyo. "We are deeply concerned about North Korea," Blinken said. "The alliance has never been stronger," said Defense Secretary Lloyd Austin.
        """
        let q = Analysis.quotes(text)
        #expect(q.count == 2)
        #expect(q[0].text == "We are deeply concerned about North Korea")
        #expect(q[0].speaker == "Blinken")
        #expect(q[0].resolvedSpeaker == "Antony Blinken")
        #expect(q[0].kind == .direct)
        #expect(q[1].speaker == "Defense Secretary Lloyd Austin")
        #expect(q[1].resolvedSpeaker == "Lloyd Austin")
        let chars = Array(text)
        #expect(String(chars[q[0].start..<q[0].end]) == q[0].text)
        #expect(String(chars[q[1].start..<q[1].end]) == q[1].text)
    }

    @Test func curlyQuotesPronounsAndDescriptions() {
        let text = "Minister Yoshimasa Hayashi spoke first. “This is a turning point for the region,” Hayashi told reporters. “We will not back down,” he added. “The talks were useful,” a State Department spokesman said."
        let q = Analysis.quotes(text)
        #expect(q.map(\.speaker) == ["Hayashi", "he", "a State Department spokesman"])
        #expect(q.map(\.resolvedSpeaker) == ["Yoshimasa Hayashi", "Yoshimasa Hayashi", nil])
    }

    @Test func speakerBeforeTheQuote() {
        let text = #"Austin told reporters: "We will deploy the new system next year." Later, Blinken said in a statement, "Diplomacy remains our first choice.""#
        let q = Analysis.quotes(text)
        #expect(q.map(\.speaker) == ["Austin", "Blinken"])
        #expect(q[0].text == "We will deploy the new system next year.")
    }

    @Test func speakerBeforeAParenthetical() {
        let text = #"Blinken, speaking in Tokyo on Sunday, said: "The alliance is stronger than ever.""#
        let q = Analysis.quotes(text)
        #expect(q.map(\.speaker) == ["Blinken"])
    }

    @Test func multiSentenceAndContinuedParagraphs() {
        let text = "\"We met today. We agreed on a plan. It will take time.\n\n\"But we are confident,\" the minister said."
        let q = Analysis.quotes(text)
        #expect(q.count == 1)
        #expect(q[0].text == "We met today. We agreed on a plan. It will take time. But we are confident")
        #expect(q[0].speaker == "the minister")
    }

    @Test func indentedParagraphsOfWireCopy() {
        let text = "\"We will cut output by ten pct\nnext month and review prices.\n    \"The market is oversupplied,\" the\nminister said."
        let q = Analysis.quotes(text)
        #expect(q.count == 1)
        #expect(q[0].text == "We will cut output by ten pct next month and review prices. The market is oversupplied")
        #expect(q[0].speaker == "the minister")
    }

    @Test func followingQuoteInTheSameParagraphKeepsTheSpeaker() {
        let text = #""Sanctions are working," Blinken said. "Russia is running out of options.""#
        let q = Analysis.quotes(text)
        #expect(q.count == 2)
        #expect(q[1].speaker == nil)
        #expect(q[1].resolvedSpeaker == "Blinken")
    }

    @Test func indirectSpeech() {
        let text = "According to the defence ministry, the missile flew 600 kilometres. Hayashi said on Sunday that Japan would expand production."
        let q = Analysis.quotes(text)
        #expect(q.map(\.kind) == [.indirect, .indirect])
        #expect(q[0].speaker == "the defence ministry")
        #expect(q[0].text == "the missile flew 600 kilometres")
        #expect(q[1].speaker == "Hayashi")
        #expect(q[1].text == "Japan would expand production")
        #expect(Analysis.quotes(text, indirect: false).isEmpty)
    }

    @Test func theDatelineIsNoPartOfReportedSpeech() {
        let text = "LYON, France — The river burst its banks in central Lyon on Thursday night, forcing 400 residents out, the city's prefecture said on Friday."
        let q = Analysis.quotes(text)
        #expect(q.count == 1)
        #expect(q.first?.speaker == "the city's prefecture")
        #expect(q.first?.text == "The river burst its banks in central Lyon on Thursday night, forcing 400 residents out")
        // A sentence that opens with capitals but no dateline keeps its start.
        let plain = Analysis.quotes("NATO troops will stay in the region until March, the alliance said on Friday.")
        #expect(plain.first?.text == "NATO troops will stay in the region until March")
    }

    @Test func reportedSpeechWithTheSpeakerAtTheEnd() {
        let text = "Dean Foods expects fourth quarter earnings to exceed last year's, Chairman Kenneth Douglas told analysts. The stock fell sharply this morning, said a trader in New York. Prices rose in the morning, then fell."
        let q = Analysis.quotes(text)
        #expect(q.map(\.speaker) == ["Chairman Kenneth Douglas", "a trader in New York"])
        #expect(q[0].text == "Dean Foods expects fourth quarter earnings to exceed last year's")
        #expect(q[0].resolvedSpeaker == "Kenneth Douglas")
    }

    @Test func scareQuotesAreLeftOut() {
        let text = #"The ministers announced a "unified command" for U.S. forces and said China "seeks to change the international order for its own benefit"."#
        let q = Analysis.quotes(text, indirect: false)
        #expect(q.map(\.text) == ["seeks to change the international order for its own benefit"])
        #expect(q[0].speaker == nil)
    }
    @Test func aNewsAgencyIsNotTheSpeakerOfAFragment() {
        let text = #"The ministers held their "2+2" talks in Tokyo, Kyodo News reported. "We will not be intimidated by anyone," the Yonhap News Agency quoted the minister as saying."#
        let q = Analysis.quotes(text, indirect: false)
        #expect(!q.contains { $0.text == "2+2" })
        #expect(Analysis.isMediaName("Kyodo News") && Analysis.isMediaName("the Korea Herald") && Analysis.isMediaName("Yonhap"))
        #expect(!Analysis.isMediaName("Antony Blinken") && !Analysis.isMediaName("a spokesman"))
    }
}
