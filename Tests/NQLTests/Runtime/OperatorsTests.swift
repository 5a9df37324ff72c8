import Foundation
@testable import NQL
import Testing

/// Arithmetic that input can drive to the edge of Int: an error, never a trap.
@Suite struct OperatorsTests {
    static let overflowing: [(program: String, error: String)] = [
        ("range(9223372036854775807)", "too large"),
        ("range(0, 9223372036854775807)", "too large"),
        ("range(-9223372036854775807 - 1, 9223372036854775807)", "too large"),
        ("@2024-07-28 + 9223372036854775807", "date out of range"),
        ("9223372036854775807 + @0001-01-01", "date out of range"),
        ("@2024-07-28 - (-9223372036854775807 - 1)", "date out of range"),
        ("@2100-01-01 - (@2024-07-28 - 9223372036854775807)", "date out of range"),
        ("@9999-12-31 + 1", "date out of range"),
        ("(-9223372036854775807 - 1) / -1", "integer overflow"),
        ("(-9223372036854775807 - 1) * -1", "integer overflow"),
    ]

    @Test(arguments: overflowing)
    func overflowIsAnError(_ c: (program: String, error: String)) {
        let (_, err) = runRepr(c.program)
        #expect(err.contains(c.error), "stderr was: \(err)")
    }

    @Test func rangesNearTheEdgesOfIntAreExact() throws {
        #expect(try value("range(5, 6, 9223372036854775807)") == .list([.int(5)]))
        #expect(try value("range(-9223372036854775807 - 1, 9223372036854775807, 4611686018427387904)")
                == .list([.int(Int.min), .int(-4611686018427387904), .int(0), .int(4611686018427387904)]))
        #expect(try value("range(9223372036854775806, 9223372036854775807)") == .list([.int(Int.max - 1)]))
        #expect(try value("range(3, 0, -9223372036854775807 - 1)") == .list([.int(3)]))
    }

    @Test func datesAtTheEndsOfTheRepresentableYears() throws {
        #expect(DateValue(year: -9999, month: 1, day: 1)?.days == DateValue.representable.lowerBound)
        #expect(DateValue(year: 9999, month: 12, day: 31)?.days == DateValue.representable.upperBound)
        #expect(try value("@9999-12-30 + 1") == .date(DateValue(year: 9999, month: 12, day: 31)!))
        #expect(try value("@9999-12-31 - @0001-01-01") == .int(3_652_058))
    }

    @Test func roundWithExtremeDigitsIsNotNaN() throws {
        #expect(try value("round(2.5, 400)") == .float(2.5))
        #expect(try value("round(2.5, 9223372036854775807)") == .float(2.5))
        #expect(try value("round(2.5, -400)") == .float(0))
        #expect(try value("round(1e300, 300)") == .float(1e300))
        #expect(try value("round(2.567, 2)") == .float(2.57))
    }
}
