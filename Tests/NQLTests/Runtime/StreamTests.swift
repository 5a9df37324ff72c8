import Foundation
@testable import NQL
import Testing

/// Counts how often a test stream is opened and how many elements it gave.
private final class Reads: @unchecked Sendable {
    var opened = 0
    var elements = 0
}

/// A stream over a list, counting its reads.
private func stream(_ xs: [Value], _ reads: Reads = Reads()) -> Value {
    .stream(ValueStream {
        reads.opened += 1
        var i = 0
        return {
            guard i < xs.count else { return nil }
            defer { i += 1 }
            reads.elements += 1
            return xs[i]
        }
    })
}

/// Runs a program with `xs` bound to a value (a list or a stream), printing results as `format`.
private func runWith(_ xs: Value, _ program: String, format: OutputFormat = .auto) -> (out: String, err: String, outcome: Outcome) {
    var out = "", err = ""
    let session = Session(registry: .standard, format: format, write: { out += $0 }, writeError: { err += $0 })
    session.interpreter.define("xs", xs)
    let outcome = session.run(program, name: "test.nql")
    return (out, err, outcome)
}

private let records: [Value] = [(3, "a"), (1, "b"), (4, "a"), (1, "c"), (5, "b"), (9, "a")].map { n, s in
    .record(Record([("n", .int(n)), ("s", .string(s))]))
}

@Suite struct StreamTests {
    /// A program for every built-in that streams or folds: it gives the same
    /// result over a stream as over the list.
    static let programs: [String: [String]] = [
        "len": ["xs | len"],
        "map": ["xs | map(.n * 2)", "xs | map(r -> r.s) | unique"],
        "where": ["xs | where(.n > 2)", "xs | where(.n > 100)"],
        "select": ["xs | select(.s, m: .n + 1)"],
        "take": ["xs | take(2)", "xs | take(0)", "xs | take(100)", "xs | where(.n > 1) | take(1)"],
        "skip": ["xs | skip(2)", "xs | skip(100)"],
        "unique": ["xs | unique(.s)", "xs | map(.n) | unique"],
        "enumerate": ["xs | enumerate | take(3)"],
        "first": ["xs | first(.n > 3)", "xs | first", "xs | first(.n > 100)"],
        "count": ["xs | count(.n > 1)", "xs | count"],
        "tally": ["xs | tally(.s)", "xs | map(.n) | tally"],
        "group": ["xs | group(.s) | select(.key, .count)"],
        "sum": ["xs | sum(.n)", "xs | map(.n) | sum"],
        "any": ["xs | any(.n > 8)", "xs | any(.n > 100)"],
        "all": ["xs | all(.n > 0)", "xs | all(.n > 1)"],
    ]

    @Test func everyBuiltinThatStreamsOrFoldsIsTested() {
        let declared = Registry.standard.entries.filter { $0.flow != .collects }.map(\.name)
        #expect(Set(declared) == Set(Self.programs.keys))
    }

    @Test(arguments: programs.sorted { $0.key < $1.key }.flatMap { $0.value })
    func aProgramGivesTheSameResultStreamedOrNot(_ program: String) {
        let listed = runWith(.list(records), program)
        let reads = Reads()
        let streamed = runWith(stream(records, reads), program)
        #expect(listed.err.isEmpty && streamed.err.isEmpty, "\(listed.err) \(streamed.err)")
        #expect(streamed.out == listed.out)
        #expect(reads.opened <= 1)
    }

    @Test func aStageStopsReadingWhenItHasWhatItNeeds() {
        let reads = Reads()
        _ = runWith(stream(records + records + records, reads), "xs | take(2) | len")
        #expect(reads.elements == 2)
        let early = Reads()
        _ = runWith(stream(records, early), "xs | any(.n > 3)")
        #expect(early.elements == 3)
    }

    @Test func bindingCollectsSoAVariableIsPlain() {
        let reads = Reads()
        let run = runWith(stream(records, reads), "let ys = xs\ntype(ys)\nys | len\nys | take(1) | len")
        #expect(run.out == "\"list\"\n6\n1\n")
        #expect(reads.opened == 1)
    }

    @Test(arguments: ["[xs | take(1) | len, xs | len]", "{a: xs | take(2)}", "(xs | take(2))[1].n", "(xs | take(2)).n", "(ys -> len(ys))(xs)",
                      "xs | sort(.n) | take(2)", "(xs | take(2)) == (xs | take(2))", "\"${xs | take(1) | map(.n)}\"", "xs | reverse | first"])
    func streamsReadAsListsEverywhere(_ program: String) {
        let listed = runWith(.list(records), program), streamed = runWith(stream(records), program)
        #expect(listed.err.isEmpty && streamed.err.isEmpty, "\(listed.err) \(streamed.err)")
        #expect(streamed.out == listed.out)
    }

    @Test(arguments: [OutputFormat.auto, .jsonl, .text, .csv, .json, .table])
    func everyFormatPrintsAStreamAsItsList(_ format: OutputFormat) {
        let program = "xs | where(.n > 1)\nxs | map(.s)\nxs | select(.s, m: .n, .s) | take(4) | where(.m > 1)\nxs | select(.n) | where(.n > 100)\nxs | select()"
        #expect(runWith(stream(records), program, format: format).out == runWith(.list(records), program, format: format).out)
    }

    @Test func jsonLinesPrintEachElementAsItIsProduced() {
        var lines: [String] = []
        let reads = Reads()
        let session = Session(registry: .standard, format: .jsonl, write: { lines.append($0) }, writeError: { _ in })
        session.interpreter.define("xs", stream(records, reads))
        _ = session.run("xs | map(.n)", name: "test.nql")
        #expect(lines == ["3\n", "1\n", "4\n", "1\n", "5\n", "9\n"])
    }

    @Test func csvPrintsEachRowAsItIsProducedOnceTheColumnsAreKnown() {
        var lines: [String] = []
        let session = Session(registry: .standard, format: .csv, write: { lines.append($0) }, writeError: { _ in })
        session.interpreter.define("xs", stream(records))
        _ = session.run("xs | select(.s, .n) | take(2)\nxs | map(.n)", name: "test.nql")
        #expect(lines == ["s,n\r\na,3\r\n", "b,1\r\n", "value\r\n3\r\n1\r\n4\r\n1\r\n5\r\n9\r\n"])
    }

    @Test func anErrorInAStageNamesItsCall() {
        let run = runWith(stream(records), "xs | map(.n / 0)", format: .jsonl)
        #expect(run.outcome.exitCode == .runtimeError)
        #expect(run.err.contains("division by zero"))
        #expect(run.err.contains("test.nql:1:"))
    }

    @Test func helpSaysHowABuiltinReadsAStream() {
        #expect(Registry.standard.builtin(named: "map")?.flow == .streams)
        #expect(Registry.standard.builtin(named: "tally")?.flow == .folds)
        #expect(Registry.standard.builtin(named: "sort")?.flow == .collects)
        #expect(Registry.standard.builtin(named: "sort")?.readsLists == true)
        #expect(Registry.standard.builtin(named: "upper")?.readsLists == false)
    }
}
