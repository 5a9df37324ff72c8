import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
@testable import NQL
import Testing

@Suite struct ChartTests {
    private func record(_ pairs: [(String, Value)]) -> Value { .record(Record(pairs)) }

    @Test func aTallyChartsItsValuesByCount() throws {
        let tally: Value = .list([record([("value", .string("oil")), ("count", .int(4))]),
                                  record([("value", .string("gas")), ("count", .int(2))])])
        let c = try Chart(tally)
        #expect(c.bars == [Chart.Bar(label: "oil", value: 4), Chart.Bar(label: "gas", value: 2)])
        #expect(c.valueName == "count")
        #expect(c.labelName == "value")
        #expect(!c.isTimeline)
    }

    @Test func aTimelineIsRecognisedByItsPeriods() throws {
        let t: Value = .list([record([("period", .string("2024-07")), ("count", .int(1))]),
                              record([("period", .string("2024-08")), ("count", .int(3))])])
        #expect(try Chart(t).isTimeline)
        #expect(try Chart(t).svg(title: "t").contains("<polyline"))
        #expect(try Chart(t).svg(title: "t", line: false).contains("<rect x="))
    }

    @Test func recordsOfNumbersAndListsOfNumbersChart() throws {
        #expect(try Chart(record([("a", .int(1)), ("b", .float(2.5))])).bars.map(\.label) == ["a", "b"])
        #expect(try Chart(.list([.int(5), .int(7)])).bars.map(\.value) == [5, 7])
    }

    @Test(arguments: [Value.list([]), .string("x"), .list([.string("a")]), .record(Record([("a", .string("b"))]))])
    func unchartableValuesAreRejected(_ v: Value) {
        #expect(throws: Chart.Unchartable.self) { try Chart(v) }
    }

    @Test func terminalBarsAreScaledToTheWidestAndFitTheWidth() throws {
        let c = Chart(bars: [.init(label: "Seoul", value: 8), .init(label: "東京", value: 4), .init(label: "none", value: 0)])
        let lines = c.terminal(width: 40, color: false).split(separator: "\n").map(String.init)
        #expect(lines.count == 3)
        for line in lines { #expect(DisplayWidth.of(line) <= 40, "\(line)") }
        let full = lines[0].filter { $0 == "█" }.count, half = lines[1].filter { $0 == "█" }.count
        #expect(full > 0 && abs(full - 2 * half) <= 1)
        #expect(lines[0].hasSuffix(" 8") && lines[1].hasSuffix(" 4"))
        #expect(!lines[2].contains("█"))
        #expect(lines[1].hasPrefix(" 東京  "), "labels are padded by display width: \(lines[1])")
    }

    @Test func colourIsOnlyUsedWhenAskedAndLabelsCannotDriveTheTerminal() {
        let c = Chart(bars: [.init(label: "a\u{1B}]0;owned\u{07}", value: 1)])
        #expect(!c.terminal(width: 60, color: false).contains("\u{1B}"))
        #expect(c.terminal(width: 60, color: true).contains("\u{1B}[36m"))
        #expect(!c.terminal(width: 60, color: true).contains("\u{1B}]0"))
    }

    @Test func partialBlocksShowFractions() {
        #expect(Chart.blocks(2.5) == "██▌")
        #expect(Chart.blocks(0.01) == "▏")
        #expect(Chart.blocks(.nan) == "")
    }

    @Test func ticksAreRoundAndCoverTheTop() {
        #expect(Chart.ticks(upTo: 8) == [0, 2, 4, 6, 8])
        #expect(Chart.ticks(upTo: 23) == [0, 5, 10, 15, 20, 25])
        #expect(Chart.ticks(upTo: 0) == [0, 1])
    }

    @Test func svgEscapesTextAndHasAxesTitleAndLabels() throws {
        let c = Chart(bars: [.init(label: "AT&T <Inc>", value: 3)], valueName: "count")
        let svg = c.svg(title: "Who \"says\" what")
        #expect(svg.hasPrefix("<svg xmlns=\"http://www.w3.org/2000/svg\""))
        #expect(svg.contains("AT&amp;T &lt;Inc&gt;"))
        #expect(svg.contains("Who &quot;says&quot; what"))
        #expect(svg.contains(">count</text>"))
        #expect(svg.hasSuffix("</svg>\n"))
        // Well-formed XML: Foundation's parser reads it to the end.
        let parser = XMLParser(data: Data(svg.utf8))
        #expect(parser.parse())
    }
}
