import Foundation
@testable import NQL
import Testing

@Suite struct ChartBuiltinsTests {
    @Test func chartPrintsBarsAndReturnsNull() {
        let (out, err, outcome) = run(#"["oil", "gas", "oil"] | tally | chart"#)
        #expect(outcome.exitCode == .success, "\(err)")
        #expect(out.contains(" oil ") && out.contains("█") && out.hasSuffix(" 1\n"))
        #expect(!out.contains("null"))
    }

    @Test func chartRowsOptionLimitsTheBars() {
        let (out, _, _) = run(#"range(30) | map(x -> {k: "n${x}", count: x}) | chart(rows: 5)"#)
        #expect(out.split(separator: "\n").count == 6)
        #expect(out.contains("25 more bars (30 in all)"))
    }

    @Test func plotWritesAnSVGFileAtomically() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("nql-plot-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("fuels.svg").path
        let (out, err, outcome) = run(#"["oil", "gas", "oil"] | tally | plot("\#(path)", title: "Fuels")"#)
        #expect(outcome.exitCode == .success, "\(err)")
        #expect(out.isEmpty, "plot prints nothing on stdout: \(out)")
        let svg = try String(contentsOfFile: path, encoding: .utf8)
        #expect(svg.contains(">Fuels</text>") && svg.contains(">oil</text>"))
    }

    @Test(arguments: [
        (#"plot([1, 2], "/tmp/x.png")"#, "cannot tell the picture format"),
        (#"plot([1, 2], "/tmp/x.svg", kind: "pie")"#, "kind: must be"),
        (#"chart("text")"#, "cannot chart string"),
        (#"chart([1], rows: 0)"#, "rows: must be a positive integer"),
        (#"plot([1], "/no/such/folder/x.svg")"#, "does not exist"),
    ])
    func wrongInputIsRejectedClearly(_ program: String, _ message: String) {
        let (_, err, outcome) = run(program)
        #expect(outcome.exitCode == .runtimeError)
        #expect(err.contains(message), "stderr was: \(err)")
    }

    @Test func aTimelineResultIsDrawnAtThePromptOnly() {
        let timeline = #"[{period: "2024-07", count: 2}, {period: "2024-08", count: 1}]"#
        var out = ""
        var options = Formatter.Options()
        options.terminalWidth = 50
        let session = Session(registry: .standard, options: options, write: { out += $0 }, writeError: { _ in })
        session.run(timeline, name: "t")
        #expect(out.contains("2024-07 ") && out.contains("█"))
        #expect(!run(timeline).out.contains("█"), "a script prints the table")
    }
}
