import Foundation
import NQL
import NQLNews

/// Developer commands for the corpus-analysis algorithms.
enum AnalysisCommands {
    /// `bench-stories FILE.jsonl`: same-story grouping over the `body` of each JSON line.
    static func benchStories(_ args: [String]) -> Int32 {
        guard let path = args.first else {
            print("usage: nql-lab bench-stories FILE.jsonl")
            return 2
        }
        let clock = ContinuousClock()
        let readStart = clock.now
        guard let data = FileManager.default.contents(atPath: path) else {
            print("error: cannot read \(path)")
            return 1
        }
        var bodies: [String] = []
        for line in String(decoding: data, as: UTF8.self).split(separator: "\n") {
            guard let value = try? JSON.parse(String(line)), case .record(let r) = value else { continue }
            if case .string(let s)? = r["body"] { bodies.append(s) } else { bodies.append("") }
        }
        let readTime = clock.now - readStart
        let start = clock.now
        let groups: [StoryGroup]
        do { groups = try Analysis.stories(bodies) } catch {
            print("error: \(error)")
            return 1
        }
        let time = clock.now - start
        let grouped = groups.reduce(0) { $0 + $1.members.count }
        print("documents      \(bodies.count) (read and parsed in \(readTime))")
        print("stories time   \(time)")
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
}
