import Foundation
@testable import NQL
import Testing

private final class Counter: @unchecked Sendable {
    let lock = NSLock()
    var n = 0
    func bump() { lock.lock(); n += 1; lock.unlock() }
}

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

    @Test func aDeferredFieldIsComputedOnceWhenFirstRead() {
        let calls = Counter()
        let r = Record(keys: ["text", "words"], values: [.string("a b c"), Record.deferred { calls.bump(); return .int(3) }])
        #expect(calls.n == 0)
        #expect(r["words"] == .int(3))
        #expect(r["words"] == .int(3))
        #expect(calls.n == 1)
    }

    @Test func aDeferredFieldReadsLikeAStoredOne() {
        let lazy = Record(keys: ["a", "b"], values: [.int(1), Record.deferred { .list([.string("x")]) }])
        let eager = Record([("a", .int(1)), ("b", .list([.string("x")]))])
        #expect(lazy == eager)
        #expect(lazy.hashValue == eager.hashValue)
        #expect(lazy.values == eager.values)
        #expect(Array(lazy.pairs.map(\.1)) == [.int(1), .list([.string("x")])])
        var changed = lazy
        changed["b"] = .int(2)
        #expect(changed["b"] == .int(2))
        #expect(lazy["b"] == .list([.string("x")]))
    }

    @Test func hashingAndComparingARecordWithItselfComputesNothing() {
        let calls = Counter()
        let r = Record(keys: ["id", "text", "words"], values: [.string("a"), .string("a b"), Record.deferred { calls.bump(); return .int(2) }])
        var seen = Set<Value>()
        seen.insert(.record(r))
        seen.insert(.record(r))
        #expect(seen.count == 1)
        #expect(calls.n == 0)
        let other = Record([("id", .string("a")), ("text", .string("a b")), ("words", .int(3))])
        #expect(r != other)
        #expect(calls.n == 1)
    }

    @Test func aValueIsThreeWordsWide() throws {
        // Lists of a million values, and every field of a loaded corpus, are arrays of these.
        #expect(MemoryLayout<Value>.stride <= 24)
        let r = try RegexValue(pattern: "a+", flags: "i")
        let matched = try r.matches("xAAy")
        #expect(r.pattern == "a+" && r.flags == "i" && matched)
    }

    @Test func repeatedKeysInTheArrayFormKeepTheLastValue() {
        let r = Record(keys: ["a", "a"], values: [.int(1), .int(2)])
        #expect(r.keys == ["a"])
        #expect(r["a"] == .int(2))
    }
}
