import Foundation
import Testing

/// Values nested deeper than the main thread's stack could free: built by a
/// generated script, then sorted, compared, printed, and left at exit.
@Suite struct DeepValueTests {
    @Test func aValueNestedATwoHundredThousandDeepDoesNotCrash() throws {
        let script = "let x = []\n" + String(repeating: "let x = [x]\n", count: 200_000)
            + "[x] | unique | len\nto_json(x) | len\n[x, x] | sort | len\nx in [x]\n"
        let r = try runNQL(["-"], stdin: script)
        #expect(r.status == 0, "\(r.err.prefix(300))")
        #expect(r.out == "1\n400002\n2\ntrue\n")
    }
}
