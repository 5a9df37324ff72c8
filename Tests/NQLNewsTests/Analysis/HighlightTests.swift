import Foundation
import NQL
@testable import NQLNews
import Testing

@Suite struct HighlightTests {
    private let text = "Minister Hayashi met Antony Blinken in Tokyo.\n\nSeoul watched."

    private func sample() -> Highlight {
        Highlight(title: "Talks in Tokyo", meta: "Gulf Courier · 2024-07-28", text: text, marks: [
            .init(start: 9, end: 16, type: "PERSON"), .init(start: 21, end: 35, type: "PERSON"),
            .init(start: 39, end: 44, type: "GPE"), .init(start: 47, end: 52, type: "GPE"),
            .init(start: 40, end: 42, type: "ORG"), .init(start: 60, end: 90, type: "ORG"),
        ])
    }

    @Test func overlappingAndOutOfRangeMarksAreDropped() {
        #expect(sample().marks.count == 4)
        #expect(sample().types == ["PERSON", "GPE"])
    }

    @Test func plainTerminalOutputMarksEachMentionWithItsType() {
        let out = sample().terminal(width: 80, color: false)
        #expect(out == """
            Talks in Tokyo
            Gulf Courier · 2024-07-28

            Minister [Hayashi|PERSON] met [Antony Blinken|PERSON] in [Tokyo|GPE].

            [Seoul|GPE] watched.

            PERSON  GPE

            """)
    }

    @Test func wrappingKeepsLinesWithinTheWidthAndColoursCarryOver() {
        let plain = sample().terminal(width: 30, color: false)
        for line in plain.split(separator: "\n") { #expect(DisplayWidth.of(String(line)) <= 30, "\(line)") }
        let coloured = sample().terminal(width: 27, color: true)
        #expect(coloured.contains("\u{1B}[1;35mAntony"))
        // A mention broken over two lines is closed at the line's end and reopened.
        #expect(coloured.contains("\u{1B}[0m\n\u{1B}[1;35mBlinken"))
        #expect(!coloured.contains("|PERSON]"))
    }

    @Test func controlCharactersInDataNeverReachTheTerminal() {
        let h = Highlight(title: "Bad\u{1B}]0;owned\u{07}", meta: nil, text: "a\u{1B}[2Jb", marks: [])
        #expect(!h.terminal(width: 80, color: true).contains("\u{1B}]"))
        #expect(!h.terminal(width: 80, color: false).contains("\u{1B}"))
    }

    @Test func htmlPageIsSelfContainedEscapedAndMarked() throws {
        let h = Highlight(title: "AT&T <script>", meta: nil, text: "AT&T hired Kim Min-ji.", marks: [
            .init(start: 0, end: 4, type: "ORG"), .init(start: 11, end: 21, type: "PERSON"),
        ])
        let page = Highlight.htmlPage([h], title: "AT&T <script>")
        #expect(page.hasPrefix("<!DOCTYPE html>"))
        #expect(!page.contains("<script"))
        #expect(page.contains(#"<mark class="ent ent-ORG" title="ORG">AT&amp;T<span class="label">ORG</span></mark>"#))
        #expect(page.contains(#">Kim Min-ji<span class="label">PERSON</span></mark>"#))
        #expect(!page.contains("src=") && !page.contains("href="), "no outside resources")
    }
}
