import Foundation
import NQL
@testable import NQLNews
import Testing

/// Twelve short wire stories of our own (two rewritten copies among them, one undated, one
/// with a date nobody can read), as JSON Lines.
private let wire: [String] = [
    #"{"id": "w1", "source": "Kyodo", "date": "1987-03-02", "title": "Toyota lifts output", "text": "Toyota Motor Corp said on Monday it would raise car output in Japan by five pct next month as exports to the United States recover. Toyota president Shoichiro Toyoda told reporters in Tokyo the yen had stabilised."}"#,
    #"{"id": "w2", "source": "Reuters", "date": "1987-03-02", "title": "Toyota to raise output", "text": "Toyota Motor Corp said on Monday it would raise car output in Japan by five pct next month as exports to the United States recover. Shoichiro Toyoda told reporters in Tokyo the yen had stabilised, a company spokesman added."}"#,
    #"{"id": "w3", "source": "Reuters", "date": "1987-03-04", "title": "OPEC output steady", "text": "OPEC oil output held steady in February at about 15.8 mln barrels per day, Saudi Arabia's oil minister Hisham Nazer said in Riyadh. Kuwait and Iran kept to their quotas, he said."}"#,
    #"{"id": "w4", "source": "AP", "date": "1987-03-09", "title": "Bank of Japan holds rates", "text": "The Bank of Japan left its discount rate unchanged at 3.0 pct, governor Satoshi Sumita said in Tokyo. The yen rose against the dollar after the announcement."}"#,
    #"{"id": "w5", "source": "Reuters", "title": "Undated grain note", "text": "Wheat shipments from Australia to China rose in the week, the Australian Wheat Board said in Melbourne."}"#,
    #"{"id": "w6", "source": "Kyodo", "date": "sometime in spring", "title": "Garbled date", "text": "Nissan Motor Co said it would build a new plant in Tennessee, Nissan president Yutaka Kume told reporters in Tokyo."}"#,
    #"{"id": "w7", "source": "AP", "date": "1987-04-13", "title": "Baker meets Miyazawa", "text": "U.S. Treasury Secretary James Baker met Japanese Finance Minister Kiichi Miyazawa in Washington on Monday. Baker and Miyazawa discussed the yen and the dollar."}"#,
    #"{"id": "w8", "source": "Reuters", "date": "1987-04-14", "title": "Miyazawa on the yen", "text": "Japanese Finance Minister Kiichi Miyazawa said after meeting James Baker in Washington that Japan would stimulate its economy. Miyazawa said the yen was too strong."}"#,
    #"{"id": "w9", "source": "Reuters", "date": "1987-04-30", "title": "OPEC output steady again", "text": "OPEC oil output held steady in April at about 15.8 mln barrels per day, Saudi Arabia's oil minister Hisham Nazer said in Riyadh. Kuwait and Iran kept to their quotas, he said."}"#,
    #"{"id": "w10", "source": "Kyodo", "date": "1987-05-06", "title": "Short", "text": "Shr 22 cts vs 19 cts. Net 4.1 mln vs 3.2 mln."}"#,
    #"{"id": "w11", "source": "AFP", "date": "1987-05-20", "title": "Chirac in Tokyo", "text": "French Prime Minister Jacques Chirac arrived in Tokyo for talks with Prime Minister Yasuhiro Nakasone on trade. Chirac and Nakasone will meet on Tuesday."}"#,
    #"{"id": "w12", "source": "Reuters", "date": "1987-05-21", "title": "Nakasone and Chirac", "text": "Prime Minister Yasuhiro Nakasone and French Prime Minister Jacques Chirac discussed trade in Tokyo. Nakasone said Japan would buy more French goods."}"#,
]

private func folder() throws -> URL {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("nql-merge-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    return dir
}

/// The output of a program with the news built-ins, as JSON, and its warnings.
private func whole(_ program: String) -> (out: String, err: String) {
    var out = "", err = ""
    let session = Session(registry: News.registry(), format: .json, write: { out += $0 }, writeError: { err += $0 })
    session.run(program, name: "whole.nql")
    return (out, err)
}

/// The partial lines of a program over one part.
private func partial(_ program: String, part: Int, registry: Registry) throws -> [Substring] {
    var out = "", err = ""
    let session = Session(registry: registry, format: .jsonl, write: { out += $0 }, writeError: { err += $0 })
    let source = SourceFile(name: "part.nql", text: program)
    let parsed = try Parser.parse(source, functionParameters: registry.functionParameters).get()
    session.interpreter.partialStage = try #require(Partial.finalStage(of: parsed, part: part)).stage
    guard case .completed = session.run(parsed) else { throw MergeTestFailure(message: err) }
    return out.split(separator: "\n")
}

private struct MergeTestFailure: Error { var message: String }

@Suite struct AnalysisMergesTests {
    static let stages = [
        "timeline", #"timeline(by: "day")"#, #"timeline(by: "week")"#, "cooccur", #"cooccur(by: "sentence")"#,
        #"cooccur(types: ["PERSON", "GPE"])"#, "stories", "keywords", "keywords(3)", "tally(.source)", "len",
    ].map { #"load("PATH") | "# + $0 } + [
        // Keyness of two collections split from one input.
        "let all = load(\"PATH\")\ncompare(all | where(.source == \"Reuters\"), all | where(.source != \"Reuters\"))",
    ]

    @Test(arguments: stages)
    func randomSplitsMergeToTheWholeResult(_ program: String) throws {
        let stage = program
        let dir = try folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let all = dir.appendingPathComponent("all.jsonl")
        try (wire.joined(separator: "\n") + "\n").write(to: all, atomically: true, encoding: .utf8)
        let (expected, warnings) = whole(program.replacingOccurrences(of: "PATH", with: all.path))
        #expect(!expected.isEmpty && !expected.contains("error"))
        let registry = News.registry()
        for seed: UInt64 in 1...3 {
            var rng = SeededGenerator(seed: seed)  // the trainer's splitmix64, so the splits repeat
            for k in [1, 2, 4, 6] {
                var cuts = (0..<(k - 1)).map { _ in Int.random(in: 1..<wire.count, using: &rng) }.sorted()
                cuts.append(wire.count)
                var lines: [Substring] = [], start = 0
                for (i, c) in cuts.enumerated() {
                    let file = dir.appendingPathComponent("part\(i).jsonl")
                    try (wire[start..<c].joined(separator: "\n") + "\n").write(to: file, atomically: true, encoding: .utf8)
                    lines += try partial(program.replacingOccurrences(of: "PATH", with: file.path), part: i, registry: registry)
                    start = c
                }
                lines.shuffle(using: &rng)
                var merging = ""
                let interpreter = Interpreter(registry: registry, output: { _ in }, warn: { merging += $0 })
                let merged = try Partial.merge(lines: lines, registry: registry, interpreter: interpreter)
                #expect(Formatter.render(merged, as: .json) == expected, "\(stage), seed \(seed), \(k) parts")
                // timeline's "2 of 12 articles have no date" is said once, as over the whole input.
                #expect(merging == warnings)
            }
        }
    }

    /// nql-spark groups the articles by band key in Spark and hands the merge the candidate pairs.
    @Test func storiesMergeCandidatePairsFromBandKeysGroupedElsewhere() throws {
        let dir = try folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let registry = News.registry()
        var lines: [Substring] = []
        var buckets: [String: [[Int]]] = [:]
        for (i, range) in [0..<5, 5..<9, 9..<12].enumerated() {
            let file = dir.appendingPathComponent("part\(i).jsonl")
            try (wire[range].joined(separator: "\n") + "\n").write(to: file, atomically: true, encoding: .utf8)
            let part = try partial(#"load("\#(file.path)") | stories"#, part: i, registry: registry)
            for line in part {
                guard case .record(let r) = try JSON.parse(String(line)), case .int(let p)? = r["part"], case .int(let index)? = r["index"],
                      case .record(let v)? = r["value"], case .list(let bands)? = v["bands"] else { Issue.record("not a stories partial"); return }
                for (b, key) in bands.enumerated() { buckets["\(b) \(key)", default: []].append([p, index]) }
            }
            lines += part
        }
        var pairs: [Value] = []
        for refs in buckets.values {
            let sorted = refs.sorted { $0.lexicographicallyPrecedes($1) }
            for x in sorted.indices { for y in sorted.indices where y > x { pairs.append(.list((sorted[x] + sorted[y]).map { .int($0) })) } }
        }
        #expect(!pairs.isEmpty)
        let envelope = Partial.envelope(builtin: "stories", stage: "stories", options: Record(), part: 0, value: .record(Record([("pairs", .list(pairs))])))
        lines.append(Substring(Formatter.json(envelope)))
        let interpreter = Interpreter(registry: registry, output: { _ in }, warn: { _ in })
        let merged = try Partial.merge(lines: lines.reversed(), registry: registry, interpreter: interpreter)
        let all = dir.appendingPathComponent("all.jsonl")
        try (wire.joined(separator: "\n") + "\n").write(to: all, atomically: true, encoding: .utf8)
        #expect(Formatter.render(merged, as: .json) == whole(#"load("\#(all.path)") | stories"#).out)
        #expect(Formatter.render(merged, as: .json).contains("OPEC output steady again"))
    }

    @Test func keywordsOfOneArticleInAllTheParts() throws {
        let dir = try folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let one = dir.appendingPathComponent("one.jsonl"), none = dir.appendingPathComponent("none.jsonl")
        try (wire[6] + "\n").write(to: one, atomically: true, encoding: .utf8)
        try "".write(to: none, atomically: true, encoding: .utf8)
        let registry = News.registry()
        // Against general English, as one process measures a single article.
        let lines = try partial(#"load("\#(none.path)") | keywords(4)"#, part: 0, registry: registry)
            + partial(#"load("\#(one.path)") | keywords(4)"#, part: 1, registry: registry)
        let interpreter = Interpreter(registry: registry, output: { _ in }, warn: { _ in })
        let merged = try Partial.merge(lines: lines, registry: registry, interpreter: interpreter)
        #expect(Formatter.render(merged, as: .json) == whole(#"load("\#(one.path)") | keywords(4)"#).out)
        #expect(Formatter.render(merged, as: .json).contains("miyazawa"))
    }

    @Test(arguments: [
        #"{"nql_partial":1,"builtin":"timeline","stage":"timeline","part":0,"value":{"days":[[9223372036854775807,1]],"undated":0,"articles":1}}"#,
        #"{"nql_partial":1,"builtin":"timeline","stage":"timeline","part":0,"value":{"days":[[1,9223372036854775807]],"undated":0,"articles":1}}"#,
        #"{"nql_partial":1,"builtin":"cooccur","stage":"cooccur","part":0,"value":[{"entities":[["A","PERSON",-5,[],null]]}]}"#,
        #"{"nql_partial":1,"builtin":"keywords","stage":"keywords","part":0,"value":{"k":3,"articles":[{"title":"t","terms":[["oil",9223372036854775807]]}]}}"#,
        #"{"nql_partial":1,"builtin":"stories","stage":"stories","part":0,"index":0,"value":{"length":3,"signature":"zz"}}"#,
        #"{"nql_partial":1,"builtin":"stories","stage":"stories","part":0,"value":{"pairs":[[0,0,0,1]]}}"#,
    ])
    func aDamagedPartialIsAnErrorNotACrash(_ line: String) {
        let registry = News.registry()
        let interpreter = Interpreter(registry: registry, output: { _ in }, warn: { _ in })
        #expect(throws: Partial.MergeError.self) { _ = try Partial.merge(lines: [Substring(line)], registry: registry, interpreter: interpreter) }
    }

    @Test func mergeableBuiltinsAreDeclaredInTheRegistry() {
        #expect(Partial.mergeable(in: News.registry()) == ["compare", "cooccur", "count", "group", "keywords", "len", "stories", "sum", "tally", "timeline"])
    }

    @Test func storiesByTopicRefusesAPartial() throws {
        #expect(throws: MergeTestFailure.self) {
            _ = try partial(#"[{text: "a b c"}] | stories(by: "topic")"#, part: 0, registry: News.registry())
        }
    }
}
