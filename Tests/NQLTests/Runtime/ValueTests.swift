import Foundation
@testable import NQL
import Testing

/// Records stay linear in their field count (a literal with 40,000 fields,
/// a JSON object with 100,000 keys) and behave the same at every size.
@Suite struct ValueTests {
    @Test func aLiteralWithFortyThousandFieldsIsBuiltAndRead() throws {
        let fields = (0..<40_000).map { "k\($0): \($0)" }.joined(separator: ", ")
        #expect(try value("{\(fields)}.k39999") == .int(39_999))
    }

    @Test func aJSONObjectWithAHundredThousandKeys() throws {
        let json = "{" + (0..<100_000).map { "\"k\($0)\": \($0)" }.joined(separator: ",") + "}"
        guard case .record(let r) = try JSON.parse(json) else {
            Issue.record("not a record")
            return
        }
        #expect(r.count == 100_000)
        #expect(r["k77777"] == .int(77_777))
    }

    @Test func largeAndSmallRecordsBehaveAlike() {
        var big = Record((0..<40).map { ("k\($0)", Value.int($0)) })
        big["k3"] = nil
        big["k3"] = .int(-3)
        #expect(big["k39"] == .int(39) && big["k3"] == .int(-3) && big.keys.last == "k3")
        big["k39"] = .string("x")
        #expect(big.count == 40 && big["k39"] == .string("x"))
        var rebuilt = Record()
        for (k, v) in big.pairs { rebuilt[k] = v }
        #expect(rebuilt == big && rebuilt.hashValue == big.hashValue)
        #expect(Record([("a", .int(1)), ("a", .int(2))])["a"] == .int(2))
    }
}
