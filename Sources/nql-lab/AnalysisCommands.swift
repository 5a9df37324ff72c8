import Foundation
import NQL
import NQLNews

/// Developer commands for the corpus-analysis algorithms.
enum AnalysisCommands {
    /// The `body` (and `topics`) of each JSON line of a file.
    static func readBodies(_ path: String) -> (bodies: [String], topics: [[String]])? {
        guard let data = FileManager.default.contents(atPath: path) else { return nil }
        var bodies: [String] = []
        var topics: [[String]] = []
        for line in String(decoding: data, as: UTF8.self).split(separator: "\n") {
            guard let value = try? JSON.parse(String(line)), case .record(let r) = value else { continue }
            if case .string(let s)? = r["body"] { bodies.append(s) } else { bodies.append("") }
            var t: [String] = []
            if case .list(let xs)? = r["topics"] { for x in xs { if case .string(let s) = x { t.append(s) } } }
            topics.append(t)
        }
        return (bodies, topics)
    }

    /// `bench-stories FILE.jsonl`: same-story grouping over the `body` of each JSON line.
    static func benchStories(_ args: [String]) -> Int32 {
        guard let path = args.first(where: { !$0.hasPrefix("--") }) else {
            print("usage: nql-lab bench-stories FILE.jsonl [--topics]")
            return 2
        }
        var options = StoryOptions()
        if args.contains("--topics") { options.method = .topics }
        let clock = ContinuousClock()
        let readStart = clock.now
        guard let (bodies, _) = readBodies(path) else {
            print("error: cannot read \(path)")
            return 1
        }
        let readTime = clock.now - readStart
        let start = clock.now
        let groups: [StoryGroup]
        do { groups = try Analysis.stories(bodies, options: options) } catch {
            print("error: \(error)")
            return 1
        }
        let time = clock.now - start
        let grouped = groups.reduce(0) { $0 + $1.members.count }
        print("documents      \(bodies.count) (read and parsed in \(readTime))")
        print("stories time   \(time) (method \(options.method.rawValue))")
        print("groups         \(groups.count)")
        print("grouped        \(grouped) (\(String(format: "%.1f", 100 * Double(grouped) / Double(max(1, bodies.count))))%)")
        let sizes = groups.map(\.members.count)
        print("largest groups \(sizes.prefix(10).map(String.init).joined(separator: ", "))")
        let samples = groups.count > 3 ? [groups[0], groups[groups.count / 2], groups[groups.count - 1]] : groups
        for g in samples {
            print("- \(g.members.count) members, mean similarity \(String(format: "%.2f", g.meanSimilarity)), e.g. \(g.members.prefix(5).map(String.init).joined(separator: ", "))")
            for m in g.members.prefix(3) {
                let text = bodies[m].split(whereSeparator: \.isWhitespace).joined(separator: " ")
                print("    [\(m)] \(text.prefix(80))")
            }
        }
        return 0
    }

    /// `bench-analysis FILE.jsonl [N]`: timings of the other algorithms over the bodies, and
    /// the recall and precision of `stories` against exact 5-shingle Jaccard on the first N.
    static func benchAnalysis(_ args: [String]) -> Int32 {
        guard let path = args.first, let (bodies, topics) = readBodies(path) else {
            print("usage: nql-lab bench-analysis FILE.jsonl [N]")
            return 2
        }
        let sample = args.count > 1 ? (Int(args[1]) ?? 3000) : 3000
        let clock = ContinuousClock()
        func time<T>(_ label: String, _ body: () throws -> T) rethrows -> T {
            let t0 = clock.now
            let r = try body()
            print("\(label.padding(toLength: 44, withPad: " ", startingAt: 0)) \(clock.now - t0)")
            return r
        }
        do {
            let tokens = time("tokenise all bodies (count tokens)") { bodies.reduce(0) { $0 + Analysis.tokens($1).count } }
            print("  \(tokens) tokens, \(bodies.reduce(0) { $0 + $1.utf8.count }) bytes")
            let index = time("TFIDFIndex over all bodies") { TFIDFIndex(texts: bodies) }
            print("  vocabulary \(index.vocabulary.count)")
            let near = try time("mostSimilar(k: 5) for 200 documents") { try (0..<200).map { try index.mostSimilar(to: $0 * 100, k: 5) } }
            print("  e.g. document 0 -> \(near[0].map { "\($0.index) (\(String(format: "%.2f", $0.similarity)))" }.joined(separator: ", "))")
            let kw = try time("keywords(k: 10) per document, all bodies") { try Analysis.keywords(bodies, k: 10) }
            print("  e.g. document 0: \(kw[0].map(\.term).joined(separator: ", "))")
            let a = zip(bodies, topics).filter { $0.1.contains("crude") }.map { AnalysisDocument(text: $0.0) }
            let b = zip(bodies, topics).filter { $0.1.contains("grain") }.map { AnalysisDocument(text: $0.0) }
            let key = try time("compare(crude: \(a.count), grain: \(b.count)) keyness") { try Analysis.compare(a, b) }
            print("  crude: \(key.keyWordsA.prefix(8).map { "\($0.term) \(Int($0.logLikelihood))" }.joined(separator: ", "))")
            print("  grain: \(key.keyWordsB.prefix(8).map { "\($0.term) \(Int($0.logLikelihood))" }.joined(separator: ", "))")
            let lines = try time("kwic(\"oil prices\", width 40), all bodies") { try Analysis.kwic(bodies, term: "oil prices", width: 40) }
            print("  \(lines.count) lines")
            let quotes = time("quotes, all bodies") { bodies.reduce(0) { $0 + Analysis.quotes($1).count } }
            print("  \(quotes) quotes")

            // Stories against brute force on a sample: exact Jaccard of word 5-shingle sets.
            let docs = Array(bodies.prefix(sample))
            let sets: [Set<String>] = docs.map { text in
                let t = Analysis.tokens(text)
                if t.isEmpty { return [] }
                if t.count < 5 { return [t.joined(separator: " ")] }
                return Set((0...(t.count - 5)).map { t[$0..<($0 + 5)].joined(separator: " ") })
            }
            var truth = Set<[Int]>()
            time("brute-force exact Jaccard, \(docs.count) documents") {
                for i in 0..<docs.count where !sets[i].isEmpty {
                    for j in (i + 1)..<docs.count where !sets[j].isEmpty {
                        let inter = sets[i].count < sets[j].count ? sets[i].filter { sets[j].contains($0) }.count : sets[j].filter { sets[i].contains($0) }.count
                        if inter == 0 { continue }
                        if Double(inter) / Double(sets[i].count + sets[j].count - inter) >= 0.5 { truth.insert([i, j]) }
                    }
                }
            }
            let groups = try time("stories, same \(docs.count) documents") { try Analysis.stories(docs) }
            var found = Set<[Int]>()
            for g in groups { for x in g.members { for y in g.members where x < y { found.insert([x, y]) } } }
            let hit = truth.filter { found.contains($0) }.count
            print("  pairs with exact Jaccard >= 0.5: \(truth.count); in the same story group: \(hit) (recall \(String(format: "%.3f", Double(hit) / Double(max(1, truth.count)))))")
            let verified = found.filter { p in
                let inter = sets[p[0]].intersection(sets[p[1]]).count
                return Double(inter) / Double(sets[p[0]].count + sets[p[1]].count - inter) >= 0.4
            }.count
            print("  grouped pairs: \(found.count); with exact Jaccard >= 0.4: \(verified) (\(String(format: "%.3f", Double(verified) / Double(max(1, found.count)))))")
        } catch {
            print("error: \(error)")
            return 1
        }
        return 0
    }
}
