import Foundation
import NQL
import NQLNews
import Testing

@Suite struct DisplayBuiltinsTests {
    private func runNews(_ program: String) -> (out: String, err: String, outcome: Outcome) {
        var out = "", err = ""
        let session = Session(registry: News.registry(), write: { out += $0 }, writeError: { err += $0 })
        let outcome = session.run(program, name: "test.nql")
        return (out, err, outcome)
    }

    private let article = #"""
        {title: "Talks in Tokyo", source: "Gulf Courier", date: @2024-07-28, author: "Mina Park",
         text: "U.S. Secretary of State Antony Blinken met Japanese Foreign Minister Yoshimasa Hayashi in Tokyo on Sunday.\n\nSeoul was not at the table."}
        """#

    @Test func showPrintsTheArticleWithItsEntitiesMarked() {
        let (out, err, outcome) = runNews(article + " | show")
        #expect(outcome.exitCode == .success, "\(err)")
        let lines = out.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(lines[0] == "Talks in Tokyo")
        #expect(lines[1] == "Gulf Courier · 2024-07-28 · by Mina Park")
        #expect(out.contains("[Antony Blinken|PERSON]") && out.contains("[Yoshimasa Hayashi|PERSON]"))
        #expect(out.contains("[Tokyo|GPE]") && out.contains("[Seoul|GPE]"))
        #expect(lines.contains { $0.hasPrefix("PERSON") && $0.contains("GPE") }, "a legend: \(out)")
        for line in lines { #expect(DisplayWidth.of(line) <= 80, "\(line)") }
    }

    @Test func showAcceptsAListAndATextButNotANumber() {
        #expect(runNews("[\(article), \(article)] | show").out.components(separatedBy: "Talks in Tokyo").count == 3)
        #expect(runNews(#"show("Kim Min-ji flew to Busan.")"#).out.contains("[Busan|GPE]"))
        #expect(runNews("show(3)").err.contains("show: argument 1 must be"))
    }

    @Test func saveToHTMLWritesAHighlightedPage() throws {
        let path = NSTemporaryDirectory() + "nql-show-\(UUID().uuidString).html"
        defer { try? FileManager.default.removeItem(atPath: path) }
        let (_, err, outcome) = runNews("save(\(article), \"\(path)\")")
        #expect(outcome.exitCode == .success, "\(err)")
        let page = try String(contentsOfFile: path, encoding: .utf8)
        #expect(page.contains("<h1>Talks in Tokyo</h1>"))
        #expect(page.contains(#"<mark class="ent ent-PERSON" title="PERSON">Antony Blinken<span class="label">PERSON</span></mark>"#))
        #expect(page.contains("<p>") && page.hasSuffix("</html>\n"))
    }
}
