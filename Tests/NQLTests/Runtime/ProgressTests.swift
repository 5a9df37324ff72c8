import Foundation
@testable import NQL
import Testing

private final class Lines: @unchecked Sendable {
    var drawn: [String] = []
}

@Suite struct ProgressTests {
    @Test func nothingIsDrawnInTheFirstSecond() {
        let lines = Lines()
        let progress = Progress { lines.drawn.append($0) }
        progress.begin()
        for _ in 0..<10_000 { progress.advance() }
        progress.clear()
        #expect(lines.drawn.isEmpty)
    }

    @Test func afterASecondTheLineShowsCountAndRateAndIsClearedAtTheEnd() {
        let lines = Lines()
        let progress = Progress { lines.drawn.append($0) }
        progress.begin()
        Thread.sleep(forTimeInterval: 1.1)
        progress.advance(64)
        #expect(lines.drawn.count == 1)
        #expect(lines.drawn.first?.hasPrefix("\r64 done · ") == true)
        #expect(lines.drawn.first?.hasSuffix(" s\u{1B}[K") == true)
        progress.clear()
        #expect(lines.drawn.last == "\r\u{1B}[K")
        progress.clear()
        #expect(lines.drawn.count == 2)
    }

    @Test func aStatementOverAListCountsItsElements() throws {
        let lines = Lines()
        let interpreter = Interpreter(registry: .standard, output: { _ in }, warn: { _ in })
        interpreter.progress = Progress { lines.drawn.append($0) }
        let program = try Parser.parse(SourceFile(name: "t.nql", text: "range(1000) | map(x -> x + 1) | len"),
                                       functionParameters: Registry.standard.functionParameters).get()
        var result: Value = .null
        try interpreter.run(program) { v, _ in result = v }
        #expect(result == .int(1000))
        #expect(lines.drawn.isEmpty)
    }
}
