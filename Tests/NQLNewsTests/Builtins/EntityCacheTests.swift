import Foundation
import NQL
@testable import NQLNews
import Testing

/// `count` short wire items, each text different, every seventh from Tokyo.
private func wires(_ count: Int) -> Value {
    .list((0..<count).map { i in
        .record(Record([("n", .int(i)), ("text", .string(i % 7 == 0 ? "Officials in Tokyo met envoy number \(i) on Monday." : "The port of Busan handled cargo lot \(i)."))]))
    })
}

/// Runs `program` with `xs` bound to the wires; returns the printed result and the session's entity cache.
private func run(_ program: String, _ xs: Value) throws -> (out: String, cache: EntityCache) {
    var out = ""
    let session = Session(registry: News.registry(), write: { out += $0 }, writeError: { out += $0 })
    session.interpreter.define("xs", xs)
    session.run(program, name: "test.nql")
    return (out, try EntityCache.of(session.interpreter))
}

@Suite struct EntityCacheTests {
    @Test func eachArticleIsRecognisedOnceWhenEveryOneIsAskedFor() throws {
        let (out, cache) = try run(#"xs | filter(mentions("Japan") or mentions("GPE")) | len"# + "\n" + #"xs | filter(mentions("Tokyo")) | len"#, wires(200))
        #expect(out == "200\n29\n")
        #expect(cache.recognised == 200)
    }

    @Test func aSelectivePredicateDoesNotRecogniseWholeWindows() throws {
        let (out, cache) = try run(#"xs | filter(.n % 10 == 0 and mentions("Tokyo")) | map(.n)"#, wires(640))
        #expect(out == "[0, 70, 140, 210, 280, 350, 420, 490, 560, 630]\n")
        // The first window is recognised whole (64); after it, only the articles asked for (one in ten).
        #expect(cache.recognised < 64 + 64)
    }

    @Test func theSameTextIsOneEntry() throws {
        let same = Value.list(Array(repeating: .record(Record([("text", .string("Officials in Tokyo met on Monday."))])), count: 100))
        let (out, cache) = try run(#"xs | filter(mentions("Tokyo")) | len"#, same)
        #expect(out == "100\n")
        #expect(cache.recognised == 1)
    }
}
