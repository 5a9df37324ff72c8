import Foundation
@testable import NQL
import Testing

/// The underscored ICU module still builds, still times out, and still stops
/// on request; and matching through it gives NSRegularExpression's answers.
@Suite struct BoundedRegexTests {
    static let catastrophic = String(repeating: "a", count: 70) + "b"

    @Test func aCatastrophicPatternStopsWithAClearError() {
        let (_, err) = runRepr(#"matches("\#(BoundedRegexTests.catastrophic)", /(a+)+$/)"#)
        #expect(err.contains("took too long on one match"), "stderr was: \(err)")
    }

    @Test func anInterruptStopsAMatch() throws {
        let flag = Interrupt()
        let regex = try #require(BoundedRegex(pattern: "(a+)+$", flags: ""))
        flag.request()  // as Ctrl-C pressed while the match runs: ICU's progress callback sees it
        #expect(throws: BoundedRegex.Stop.interrupted) {
            _ = try regex.matches(in: Array(BoundedRegexTests.catastrophic.utf16), interrupt: flag)
        }
    }

    @Test func matchingAgreesWithTheFoundationEngine() throws {
        #expect(try value(#"find_all("서울 2023, 東京 2024 and 🙂 99", /\d+/)"#) == .list([.string("2023"), .string("2024"), .string("99")]))
        #expect(try value(#"replace("2024-07-28", /(\d+)-(\d+)-(\d+)/, "$3.$2.$1")"#) == .string("28.07.2024"))
        #expect(try value(#"replace("a.b", /\./, "\\$")"#) == .string("a$b"))
        #expect(try value(#"split("a1b22c🙂3", /\d+/)"#) == .list([.string("a"), .string("b"), .string("c🙂"), .string("")]))
        #expect(try value(#"matches("Hello", /hello/i)"#) == .bool(true))
        #expect(try value(#"find_all("a\nb", /^\w$/m)"#) == .list([.string("a"), .string("b")]))
        #expect(try value(#"matches("", /x*/)"#) == .bool(true))
    }
}
