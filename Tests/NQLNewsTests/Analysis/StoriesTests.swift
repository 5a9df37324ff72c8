import Testing
@testable import NQLNews

@Suite("Analysis stories")
struct AnalysisStoriesTests {
    static let base = "The Federal Reserve entered the government securities market to arrange customer repurchase agreements, a spokesman said. Dealers said the move was expected, with federal funds trading at six pct when the Fed began its temporary and indirect supply of reserves to the banking system."
    static let other = "Showers continued throughout the week in the Bahia cocoa zone, alleviating the drought since early January and improving prospects for the coming temporao, although normal humidity levels have not been restored, the commission said in its weekly review."
    static let third = "Japan's trade surplus with the United States widened in February as exports of cars and electronics rose faster than imports of grain and aircraft, the finance ministry said on Tuesday in a statement to the press."

    @Test func groupsNearDuplicatesAndLeavesOthersAlone() throws {
        let texts = [
            Self.base,
            Self.other,
            Self.base.replacingOccurrences(of: "six pct", with: "six and a quarter pct"),
            Self.third,
            Self.base + " The operation was the second this week.",
        ]
        let groups = try Analysis.stories(texts)
        #expect(groups.count == 1)
        #expect(groups[0].members == [0, 2, 4])
        #expect(groups[0].representative == 4)  // the longest
        #expect(groups[0].meanSimilarity > 0.5 && groups[0].meanSimilarity <= 1)
    }

    @Test func representativeIsTheEarliestDated() throws {
        let docs = [
            AnalysisDocument(text: Self.base + " More words here.", date: "1987-03-02"),
            AnalysisDocument(text: Self.base, date: "1987-02-26"),
            AnalysisDocument(text: Self.other),
        ]
        let groups = try Analysis.stories(docs)
        #expect(groups.map(\.representative) == [1])
    }

    @Test func deterministic() throws {
        let texts = [Self.base, Self.other, Self.base, Self.third, Self.other + " Extra."]
        #expect(try Analysis.stories(texts) == Analysis.stories(texts))
        #expect(try Analysis.stories(texts).map(\.members) == [[0, 2], [1, 4]])
    }

    @Test func emptyTextsAndShortTexts() throws {
        #expect(try Analysis.stories(["", "", "short one"]).isEmpty)
        #expect(try Analysis.stories(["Blah blah blah.", "Blah blah blah."]).map(\.members) == [[0, 1]])
    }

    @Test func largeIdenticalBucketsStayLinear() throws {
        let texts = Array(repeating: Self.base, count: 500) + [Self.other]
        let groups = try Analysis.stories(texts)
        #expect(groups.count == 1)
        #expect(groups[0].members.count == 500)
    }

    @Test func errors() {
        #expect(throws: AnalysisError("stories needs at least one document")) { try Analysis.stories([String]()) }
        var o = StoryOptions()
        o.threshold = 0
        #expect(throws: AnalysisError("threshold must be in (0, 1], got 0.0")) { try Analysis.stories(["a"], options: o) }
        o = StoryOptions()
        o.bands = 100
        #expect(throws: AnalysisError("hashes (128) must be at least bands × rows (300)")) { try Analysis.stories(["a"], options: o) }
    }
}

import Foundation

@Suite("Analysis stories by topic")
struct AnalysisTopicStoriesTests {
    @Test func differentWordingSameTopic() throws {
        let texts = [
            "Japan and the United States warned on Sunday that North Korea and Russia are deepening military cooperation, at talks in Tokyo between Blinken, Austin, Hayashi and Kihara.",
            "Blinken and Austin met Hayashi and Kihara in Tokyo, where the four ministers voiced alarm at military cooperation between Russia and North Korea.",
            "Cocoa prices rose in Bahia after showers eased the drought, traders in Salvador said on Thursday.",
            "Showers in the Bahia cocoa zone eased the drought and lifted cocoa prices, Salvador traders said.",
            "The central bank left interest rates unchanged.",
        ]
        var o = StoryOptions()
        #expect(try Analysis.stories(texts, options: o).isEmpty)  // no shared 5-word runs
        o.method = .topics
        let groups = try Analysis.stories(texts, options: o)
        #expect(groups.map(\.members) == [[0, 1], [2, 3]])
        #expect(groups.allSatisfy { $0.meanSimilarity >= 0.5 })
        o.topicThreshold = 0
        #expect(throws: AnalysisError("topic threshold must be in (0, 1], got 0.0")) { try Analysis.stories(texts, options: o) }
    }
}

@Suite("Analysis stories by topic, leaders")
struct AnalysisTopicLeaderTests {
    @Test func topicGroupsDoNotChain() throws {
        // a ~ b and b ~ c, but a and c share little: c must not join a's group through b.
        let a = "alpha bravo charlie delta echo foxtrot golf hotel"
        let b = "alpha bravo charlie delta echo foxtrot india juliet kilo lima"
        let c = "echo foxtrot india juliet kilo lima mike november oscar papa"
        let pad = ["quebec romeo sierra", "tango uniform victor", "whiskey xray yankee", "zulu one two"]
        let texts = [a, b, c] + pad
        var o = StoryOptions()
        o.method = .topics
        o.topicThreshold = 0.4
        let index = TFIDFIndex(texts: texts)
        #expect(try index.similarity(0, 1) >= 0.4)
        #expect(try index.similarity(1, 2) >= 0.4)
        #expect(try index.similarity(0, 2) < 0.4)
        let groups = try Analysis.stories(texts, options: o)
        #expect(groups.map(\.members) == [[0, 1]])
    }
}

@Suite("Analysis stories by topic, entities and dates")
struct AnalysisTopicEntityTests {
    private func doc(_ text: String, _ date: String?, _ names: [String]) -> AnalysisDocument {
        AnalysisDocument(text: text, date: date, entities: names.map { EntitySummary(name: $0, type: $0.contains(" ") ? "PERSON" : "GPE") })
    }

    @Test func sharedPeopleAndPlacesJoinReportsThatWordItDifferently() throws {
        let docs = [
            doc("Floodwaters swept through the old town overnight and hundreds of residents left their homes, officials said.", "2024-10-18", ["Lyon", "Saône", "Grégory Doucet"]),
            doc("Rescuers used boats to reach people trapped by rising water as the river crested at a forty-year high.", "2024-10-18", ["Lyon", "Saône", "Grégory Doucet", "Rhône"]),
            doc("The mayor asked Paris to declare a natural disaster after the river burst its banks.", "2024-10-19", ["Lyon", "Saône", "Grégory Doucet", "Paris"]),
            // The same place a month later: another story.
            doc("Residents of the old town cleaned out their cellars a month after the river burst its banks.", "2024-11-20", ["Lyon", "Saône"]),
            doc("Markets in Tokyo closed higher as exporters gained on a weaker yen.", "2024-10-18", ["Tokyo"]),
        ]
        var o = StoryOptions()
        o.method = .topics
        let groups = try Analysis.stories(docs, options: o)
        #expect(groups.map(\.members) == [[0, 1, 2]])
        // Without entities the words alone are too different to join them.
        #expect(try Analysis.stories(docs.map(\.text), options: o).isEmpty)
    }

    @Test func sharingOnlyACityIsNotTheSameStory() throws {
        let docs = [
            doc("Shares in Seoul closed higher as chipmakers rallied on export data.", "2024-07-29", ["Seoul", "South Korea", "Kim Min-ji"]),
            doc("North Korea condemned the allies' statement, state media in Pyongyang said; Seoul did not respond.", "2024-07-29", ["Seoul", "South Korea", "Pyongyang"]),
        ]
        var o = StoryOptions()
        o.method = .topics
        #expect(try Analysis.stories(docs, options: o).isEmpty)
        #expect(Analysis.weightedJaccard(["a": 1, "b": 0.5], ["a": 1, "c": 1]) == 1.0 / 2.5)
    }

    @Test func noticesOfOneKindAboutDifferentCompaniesStayApart() throws {
        let notice = "Qtly div 15 cts vs 15 cts prior, payable April one to holders of record March 15, the company said."
        let docs = [
            AnalysisDocument(text: notice, date: "1987-03-02", entities: [EntitySummary(name: "Woodstream Corp", type: "ORG")]),
            AnalysisDocument(text: notice, date: "1987-03-02", entities: [EntitySummary(name: "Buell Industries", type: "ORG")]),
            AnalysisDocument(text: notice, date: "1987-03-02"),
            AnalysisDocument(text: notice, date: "1987-03-02"),
        ]
        var o = StoryOptions()
        o.method = .topics
        #expect(try Analysis.stories(docs, options: o).isEmpty, "the same words, but nobody in common or nobody at all")
    }
}
