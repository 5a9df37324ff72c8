import Foundation
import Testing
@testable import NQL

/// A small seeded generator (SplitMix64), so random splits repeat.
struct SeededRandom: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// The lines `nql --partial --part PART` prints for a program.
func partialLines(_ program: String, part: Int, registry: Registry) throws -> [Substring] {
    var out = "", err = ""
    let session = Session(registry: registry, format: .jsonl, write: { out += $0 }, writeError: { err += $0 })
    let source = SourceFile(name: "part.nql", text: program)
    let parsed = try Parser.parse(source, functionParameters: registry.functionParameters).get()
    session.interpreter.partialStage = try #require(Partial.finalStage(of: parsed, part: part)).stage
    guard case .completed = session.run(parsed) else { throw RuntimeError("partial failed: \(err)") }
    #expect(session.interpreter.gavePartial)
    return out.split(separator: "\n")
}

/// Splits items into k contiguous parts at random cut points (some parts may be empty).
func randomSplit<T>(_ items: [T], into k: Int, _ rng: inout SeededRandom) -> [[T]] {
    var cuts = (0..<(k - 1)).map { _ in Int.random(in: 0...items.count, using: &rng) }.sorted()
    cuts.append(items.count)
    var parts: [[T]] = [], start = 0
    for c in cuts {
        parts.append(Array(items[start..<c]))
        start = c
    }
    return parts
}

/// The merged JSON of a stage over random splits equals the JSON of the stage over the whole list.
func expectMergesExactly(_ items: [String], stage: String, seeds: ClosedRange<UInt64> = 1...4, ks: [Int] = [1, 2, 3, 7]) throws {
    let registry = Registry.standard
    let whole = run("[\(items.joined(separator: ", "))] | \(stage)", format: .json)
    #expect(whole.err.isEmpty)
    for seed in seeds {
        var rng = SeededRandom(state: seed)
        for k in ks {
            var lines: [Substring] = []
            for (i, part) in randomSplit(items, into: k, &rng).enumerated() {
                lines += try partialLines("[\(part.joined(separator: ", "))] | \(stage)", part: i, registry: registry)
            }
            lines.shuffle(using: &rng)
            let interpreter = Interpreter(registry: registry, output: { _ in }, warn: { _ in })
            let merged = try Partial.merge(lines: lines, registry: registry, interpreter: interpreter)
            #expect(Formatter.render(merged, as: .json) == whole.out, "\(stage), seed \(seed), \(k) parts")
        }
    }
}

@Suite struct PartialTests {
    static let words = ["\"oil\"", "\"Tokyo\"", "\"oil\"", "\"bank\"", "null", "3", "\"Tokyo\"", "\"oil\"", "2.5", "\"bank\"", "3",
                        "\"crude\"", "\"Tokyo\"", "@2024-07-28", "\"grain\"", "\"oil\"", "\"yen\"", "\"yen\"", "true", "\"bank\""]
    static let records = (0..<40).map { i in
        "{source: \"\(["Reuters", "AP", "AFP", "Kyodo"][i * 7 % 4])\", words: \(i * 37 % 23), score: \(Double(i % 9) * 0.1 + 1e-3)}"
    }

    @Test func lenAndCountMerge() throws {
        try expectMergesExactly(Self.words, stage: "len")
        try expectMergesExactly(Self.records, stage: "count(.words > 10)")
    }

    @Test func tallyKeepsFirstSeenTieOrder() throws {
        try expectMergesExactly(Self.words, stage: "tally")
        try expectMergesExactly(Self.records, stage: "tally(.source)")
    }

    @Test func groupMergesItemsInOrder() throws {
        try expectMergesExactly(Self.records, stage: "group(.source)")
        try expectMergesExactly(Self.words, stage: "group(x -> type(x))")
    }

    @Test func sumIsExactWhateverTheSplit() throws {
        try expectMergesExactly(Self.records, stage: "sum(.words)")
        try expectMergesExactly(Self.records, stage: "sum(.score)")
        // A naive running total depends on the order: 1e16 + 1 - 1e16 is 0 or 1.
        let tricky = ["1e16", "1", "-1e16", "0.1", "0.2", "3", "-0.3", "1e-300", "1e16", "0.5"]
        try expectMergesExactly(tricky, stage: "sum")
        #expect(try value("sum([1e16, 1, -1e16])") == .float(1))
        #expect(try value("sum([0.1, 0.2, -0.3])") == .float(2.7755575615628914e-17))
        #expect(try value("sum([1, 2, 3])") == .int(6))
        // Integers that overflow on the way, or beside a float, in any split.
        let big = ["9223372036854775807", "1", "-1", "9223372036854775807", "-9223372036854775807", "-5"]
        try expectMergesExactly(big, stage: "sum")
        try expectMergesExactly(["9223372036854775807", "9223372036854775807", "1.5", "9223372036854775807"], stage: "sum")
        #expect(try value("sum([1.5, 9223372036854775807, 9223372036854775807])") == .float(18446744073709551615.5))
    }

    @Test func everyMergeableCoreBuiltinIsCovered() {
        // New mergeable built-ins need a test above.
        #expect(Partial.mergeable(in: .standard) == ["count", "group", "len", "sum", "tally"])
    }

    @Test func aPartialIsSelfDescribing() throws {
        let lines = try partialLines("[\"a\", \"b\", \"a\"] | tally", part: 3, registry: .standard)
        #expect(lines == [#"{"nql_partial":1,"builtin":"tally","stage":"tally","options":{},"part":3,"value":[["a",2],["b",1]]}"#])
    }

    @Test func aStageThatDoesNotMergeSaysSo() throws {
        let source = SourceFile(name: "p.nql", text: "[3, 1] | sort")
        let parsed = try Parser.parse(source, functionParameters: Registry.standard.functionParameters).get()
        let (name, stage) = try #require(Partial.finalStage(of: parsed))
        #expect(name == "sort")
        #expect(stage.text == "sort")
        #expect(Registry.standard.builtin(named: "sort")?.merge == nil)
        var err = ""
        let session = Session(registry: .standard, write: { _ in }, writeError: { err += $0 })
        session.interpreter.partialStage = stage
        _ = session.run(parsed)
        #expect(err.contains("'sort' cannot give a partial result"))
        #expect(Partial.finalStage(of: try Parser.parse(SourceFile(name: "p", text: "let x = 1")).get()) == nil)
    }

    @Test func mergeRefusesMixedOrDamagedPartials() {
        let interpreter = Interpreter(registry: .standard, output: { _ in }, warn: { _ in })
        func merging(_ lines: [Substring]) -> String {
            do {
                _ = try Partial.merge(lines: lines, registry: .standard, interpreter: interpreter)
                return ""
            } catch let e as Partial.MergeError { return e.message } catch { return "\(error)" }
        }
        #expect(merging([]) == Messages.noPartials)
        #expect(merging(["{\"a\": 1}"]).hasPrefix("line 1 is not a partial result"))
        #expect(merging(["not json"]).hasPrefix("partial on line 1 is not JSON"))
        #expect(merging([#"{"nql_partial":9,"builtin":"len","part":0,"value":1}"#]).contains("format version 9"))
        #expect(merging([#"{"nql_partial":1,"builtin":"len","stage":"len","part":0,"value":1}"#,
                         #"{"nql_partial":1,"builtin":"count","stage":"count","part":1,"value":1}"#]).hasPrefix("partials of different stages"))
        #expect(merging([#"{"nql_partial":1,"builtin":"tally","stage":"tally","part":0,"value":7}"#]).contains("damaged"))
        #expect(merging([#"{"nql_partial":1,"builtin":"sort","stage":"sort","part":0,"value":7}"#]).contains("'sort' cannot give"))
    }
}
