import Foundation
@testable import NQL
import Testing

private final class Counter: @unchecked Sendable {
    let lock = NSLock()
    var n = 0
    func bump() { lock.lock(); n += 1; lock.unlock() }
}

@Suite struct ValueTests {
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
        #expect(r.pattern == "a+" && r.flags == "i" && r.matches("xAAy"))
    }

    @Test func repeatedKeysInTheArrayFormKeepTheLastValue() {
        let r = Record(keys: ["a", "a"], values: [.int(1), .int(2)])
        #expect(r.keys == ["a"])
        #expect(r["a"] == .int(2))
    }
}
