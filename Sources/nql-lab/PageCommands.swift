import Foundation
import NQLNews

/// `eval-pages` and `bench-load`: scoring and timing the article loader.
enum PageCommands {
    /// CPU seconds used by this process so far (all threads).
    static func cpuSeconds() -> Double {
        var ts = timespec()
        clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
    }

    /// Lower-case word tokens (letters and digits).
    static func tokens(_ s: String) -> [String: Int] {
        var counts: [String: Int] = [:]
        var cur = ""
        for ch in s.lowercased() {
            if ch.isLetter || ch.isNumber { cur.append(ch) } else if !cur.isEmpty { counts[cur, default: 0] += 1; cur = "" }
        }
        if !cur.isEmpty { counts[cur, default: 0] += 1 }
        return counts
    }

    static func f1(_ got: String, _ want: String) -> (p: Double, r: Double, f: Double) {
        let g = tokens(got)
        let w = tokens(want)
        let gn = g.values.reduce(0, +)
        let wn = w.values.reduce(0, +)
        if gn == 0 && wn == 0 { return (1, 1, 1) }
        var overlap = 0
        for (k, v) in g { overlap += min(v, w[k] ?? 0) }
        let p = gn > 0 ? Double(overlap) / Double(gn) : 0
        let r = wn > 0 ? Double(overlap) / Double(wn) : 0
        return (p, r, p + r > 0 ? 2 * p * r / (p + r) : 0)
    }

    /// Case, whitespace, quotes and dashes unified.
    static func normTitle(_ s: String?) -> String {
        guard let s else { return "" }
        var out = ""
        for ch in s.lowercased() {
            switch ch {
            case "“", "”", "„", "«", "»", "″": out.append("\"")
            case "‘", "’", "‚", "′", "`": out.append("'")
            case "–", "—", "‒", "―", "−": out.append("-")
            default: out.append(ch)
            }
        }
        return out.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
    }

    static func normNames(_ s: [String]) -> Set<String> {
        Set(s.map { String(normTitle($0).filter { $0.isLetter || $0 == " " }) }.map { $0.split(separator: " ").joined(separator: " ") }.filter { !$0.isEmpty })
    }

    static func evalPages(_ dir: String, verbose: Bool) -> Int32 {
        let truthPath = dir + "/truth.jsonl"
        guard let data = FileManager.default.contents(atPath: truthPath) else {
            FileHandle.standardError.write(Data("eval-pages: cannot read \(truthPath)\n".utf8))
            return 1
        }
        var truths: [[String: Any]] = []
        for line in data.split(separator: 0x0A) {
            if let o = try? JSONSerialization.jsonObject(with: Data(line)) as? [String: Any] { truths.append(o) }
        }
        let files = truths.map { dir + "/html/" + (($0["html_file"] as? String) ?? "") }
        let start = Date()
        let cpu0 = cpuSeconds()
        let (articles, problems) = ArticleLoader.loadFiles(files)
        let elapsed = Date().timeIntervalSince(start)
        let cpu = cpuSeconds() - cpu0
        var byPath: [String: Article] = [:]
        for a in articles { byPath[a.path] = a }
        var sumF = 0.0, sumP = 0.0, sumR = 0.0
        var titleOK = 0, dateOK = 0, authorOK = 0
        var scores: [(name: String, p: Double, r: Double, f: Double)] = []
        for (i, t) in truths.enumerated() {
            let a = byPath[files[i]]
            let (p, r, f) = f1(a?.text ?? "", t["text"] as? String ?? "")
            sumF += f; sumP += p; sumR += r
            scores.append(((files[i] as NSString).lastPathComponent, p, r, f))
            let tOK = normTitle(a?.title) == normTitle(t["title"] as? String)
            let dOK = (a?.date.map { String($0.prefix(10)) } ?? "") == (t["date"] as? String ?? "")
            let want = (t["authors"] as? String ?? "").split(separator: ",").map { String($0) }
            let aOK = normNames(a?.authors ?? []) == normNames(want)
            if tOK { titleOK += 1 }
            if dOK { dateOK += 1 }
            if aOK { authorOK += 1 }
            if verbose {
                let name = (files[i] as NSString).lastPathComponent
                print(String(format: "%@ f1=%.3f p=%.3f r=%.3f", name, f, p, r)
                    + (tOK ? "" : "\n  title got: \(a?.title ?? "nil")\n  title want: \(t["title"] as? String ?? "")")
                    + (dOK ? "" : "\n  date got: \(a?.date ?? "nil") want: \(t["date"] as? String ?? "")")
                    + (aOK ? "" : "\n  authors got: \(a?.authors ?? []) want: \(want)"))
            }
        }
        let n = Double(max(truths.count, 1))
        print("pages \(truths.count)  problems \(problems.count)")
        print(String(format: "body F1 %.3f (P %.3f R %.3f)  title %.3f  date %.3f  author %.3f  time %.3f s (cpu %.3f s)",
            sumF / n, sumP / n, sumR / n, Double(titleOK) / n, Double(dateOK) / n, Double(authorOK) / n, elapsed, cpu))
        printDistribution(scores)
        return 0
    }

    /// How the body scores spread: pages below 0.5 and 0.8, and the ten worst with precision and recall.
    static func printDistribution(_ scores: [(name: String, p: Double, r: Double, f: Double)]) {
        let below5 = scores.filter { $0.f < 0.5 }.count
        let below8 = scores.filter { $0.f < 0.8 }.count
        print("body F1 below 0.5: \(below5) pages, below 0.8: \(below8) pages; worst ten:")
        for s in scores.sorted(by: { $0.f < $1.f }).prefix(10) {
            print(String(format: "  %.3f  P %.3f  R %.3f  %@", s.f, s.p, s.r, s.name))
        }
    }

    static func benchLoad(_ path: String) -> Int32 {
        let start = Date()
        let cpu0 = cpuSeconds()
        let (articles, problems) = ArticleLoader.load(path)
        let elapsed = Date().timeIntervalSince(start)
        let cpu = cpuSeconds() - cpu0
        let sentences = articles.reduce(0) { $0 + $1.sentences.count }
        let titled = articles.filter { $0.title != nil }.count
        let dated = articles.filter { $0.date != nil }.count
        print("articles \(articles.count)  problems \(problems.count)  titled \(titled)  dated \(dated)  sentences \(sentences)")
        print(String(format: "%.3f s  %.0f articles/s  (cpu %.3f s on %d cores)", elapsed, Double(articles.count) / max(elapsed, 1e-9), cpu, ProcessInfo.processInfo.activeProcessorCount))
        for p in problems.prefix(5) { print(p.description) }
        return 0
    }
}

extension PageCommands {
    /// Prints every field of the articles loaded from `path`.
    static func show(_ path: String, sentences showSentences: Bool = false) -> Int32 {
        let (articles, problems) = ArticleLoader.load(path)
        for a in articles {
            print("id: \(a.id)\npath: \(a.path)\nformat: \(a.format) (\(a.encoding))")
            print("title: \(a.title ?? "-")\nsubtitle: \(a.subtitle)\nsource: \(a.source ?? "-")\nauthors: \(a.authors)")
            print("date: \(a.date ?? "-") (raw: \(a.rawDate ?? "-"))\nurl: \(a.url ?? "-")\ncaptions: \(a.captions)")
            print("words: \(a.words)  paragraphs: \(a.paragraphs.count)  sentences: \(a.sentences.count)")
            print("extra: \(a.extra.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value.prefix(60))" })")
            print("---\n\(a.text)\n===")
            if showSentences { for s in a.sentences { print("  • \(s)") } }
        }
        for p in problems { print(p.description) }
        return problems.contains { !$0.isNote } ? 1 : 0
    }
}
