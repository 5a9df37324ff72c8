import Foundation
import NQLNews

#if canImport(Glibc)
    import Glibc
#endif

/// Developer commands for the entity recogniser: `train-ner` and `eval-ner`.
enum NERCommands {
    static func fail(_ message: String) -> Never {
        FileHandle.standardError.write(Data("nql-lab: error: \(message)\n".utf8))
        exit(1)
    }

    /// Reads a JSON Lines file into dictionaries.
    static func readJSONLines(_ path: String) -> [[String: Any]] {
        guard let data = FileManager.default.contents(atPath: path) else { fail("cannot read \(path)") }
        var out: [[String: Any]] = []
        for line in data.split(separator: UInt8(ascii: "\n")) where !line.isEmpty {
            guard let obj = try? JSONSerialization.jsonObject(with: Data(line)) as? [String: Any] else {
                fail("bad JSON line in \(path)")
            }
            out.append(obj)
        }
        return out
    }

    static func labelledDocuments(_ path: String) -> [LabeledDocument] {
        readJSONLines(path).map { obj in
            let text = obj["text"] as? String ?? ""
            let ents = obj["entities"] as? [[String: Any]] ?? []
            let spans = ents.compactMap { e -> LabeledSpan? in
                guard let s = e["start"] as? Int, let en = e["end"] as? Int, let t = e["type"] as? String else {
                    return nil
                }
                return LabeledSpan(start: s, end: en, type: t)
            }
            return LabeledDocument(text: text, spans: spans)
        }
    }

    /// `train-ner [--weight N] [--no-misc] TRAIN.jsonl... --unlabelled FILE.jsonl --vectors DIR --out DIR [--epochs N]`
    ///
    /// `--weight N` (documents seen N times per epoch) and `--no-misc` (the set annotates only PER/ORG/LOC, so
    /// where it says O the CRF also accepts MISC) apply to the next training file only.
    static func train(_ args: [String]) {
        var docs: [LabeledDocument] = []
        var unlabelled: [String] = []
        var vectors: String?
        var out = "Sources/NQLNews/Resources"
        var epochs = 5
        var weight = 1
        var noMisc = false
        var i = 0
        while i < args.count {
            switch args[i] {
            case "--unlabelled":
                i += 1
                if i < args.count { unlabelled.append(args[i]) }
            case "--vectors":
                i += 1
                if i < args.count { vectors = args[i] }
            case "--out":
                i += 1
                if i < args.count { out = args[i] }
            case "--epochs":
                i += 1
                if i < args.count, let n = Int(args[i]) { epochs = n }
            case "--weight":
                i += 1
                if i < args.count, let n = Int(args[i]), n > 0 { weight = n } else { fail("--weight needs a positive count") }
            case "--no-misc":
                noMisc = true
            default:
                for var d in labelledDocuments(args[i]) {
                    d.weight = weight
                    d.unlabelledMisc = noMisc
                    if noMisc { d.spans.removeAll { $0.type == "MISC" } }
                    docs.append(d)
                }
                weight = 1
                noMisc = false
            }
            i += 1
        }
        guard !docs.isEmpty else {
            fail("usage: nql-lab train-ner [--weight N] [--no-misc] TRAIN.jsonl... --unlabelled FILE.jsonl --vectors DIR --out DIR")
        }
        let clock = ContinuousClock()
        let t0 = clock.now
        var texts: [String] = []
        for path in unlabelled {
            for obj in readJSONLines(path) {
                if let body = obj["body"] as? String {
                    texts.append(body)
                } else if let text = obj["text"] as? String {
                    texts.append(text)
                }
            }
        }
        print("read \(docs.count) training documents, \(texts.count) unlabelled texts in \(clock.now - t0)")
        let bytes = EntityTrainer.train(documents: docs, unlabelled: texts, vectorDirectory: vectors, epochs: epochs) {
            print($0)
        }
        let path = out + "/" + EntityTrainer.modelFileName
        guard FileManager.default.createFile(atPath: path, contents: Data(bytes)) else { fail("cannot write \(path)") }
        print("wrote \(path) (\(bytes.count) bytes) in \(clock.now - t0)")
    }

    static func scoredType(_ t: EntityType) -> String? {
        switch t {
        case .PERSON: return "PER"
        case .ORG: return "ORG"
        case .GPE, .LOC: return "LOC"
        case .NORP, .EVENT, .PRODUCT, .MISC: return "MISC"
        case .DATE, .MONEY, .PERCENT: return nil
        }
    }

    static func peakRSS() -> String {
        guard let s = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return "?" }
        for line in s.split(separator: "\n") where line.hasPrefix("VmHWM") {
            return line.split(separator: ":")[1].trimmingCharacters(in: .whitespaces)
        }
        return "?"
    }

    /// `eval-ner DEV.jsonl [--model PATH] [--errors N] [--types PER,ORG,LOC] [--no-speed] [--mentions]`
    ///
    /// Scores the mentions of `entities(in:)` with each entity's type, as the exporter
    /// `Examples/tools/entities-jsonl.nql` writes them (`--mentions`: the raw `mentions(in:)` instead).
    /// `--types` scores only those types, dropping every other type on both sides (the convention for sets that
    /// annotate only persons, organisations and places); `--no-speed` skips the five timed runs.
    static func eval(_ args: [String]) {
        var path: String?
        var modelPath: String?
        var errors = 0
        var types = ["PER", "ORG", "LOC", "MISC"]
        var timed = true
        var raw = false
        var i = 0
        while i < args.count {
            switch args[i] {
            case "--model":
                i += 1
                if i < args.count { modelPath = args[i] }
            case "--types":
                i += 1
                if i < args.count { types = args[i].split(separator: ",").map(String.init) }
            case "--no-speed":
                timed = false
            case "--mentions":
                raw = true
            case "--errors":
                i += 1
                if i < args.count { errors = Int(args[i]) ?? 0 }
            default: path = args[i]
            }
            i += 1
        }
        guard let path else { fail("usage: nql-lab eval-ner DEV.jsonl") }
        let docs = labelledDocuments(path)
        let clock = ContinuousClock()
        let t0 = clock.now
        let recognizer: EntityRecognizer
        do {
            recognizer = try modelPath.map { try EntityRecognizer(modelPath: $0) } ?? EntityRecognizer.shared()
        } catch {
            fail("\(error)")
        }
        let loadTime = clock.now - t0
        let scored = Set(types)
        var tp = [String: Int](), fp = [String: Int](), fn = [String: Int]()
        var shown = 0
        for d in docs {
            let predicted = raw
                ? recognizer.mentions(in: d.text)
                : recognizer.entities(in: d.text).flatMap { e in e.mentions.map { EntityMention(start: $0.start, end: $0.end, text: $0.text, type: e.type) } }
            var p = Set<String>()
            var ptext: [String: String] = [:]
            for m in predicted {
                guard let t = scoredType(m.type), scored.contains(t) else { continue }
                let k = "\(m.start):\(m.end):\(t)"
                p.insert(k)
                ptext[k] = m.text
            }
            let g = Set(d.spans.filter { scored.contains($0.type) }.map { "\($0.start):\($0.end):\($0.type)" })
            for k in p {
                let t = String(k.split(separator: ":")[2])
                if g.contains(k) { tp[t, default: 0] += 1 } else {
                    fp[t, default: 0] += 1
                    if shown < errors {
                        print("FP \(k) \(ptext[k] ?? "")")
                        shown += 1
                    }
                }
            }
            for k in g where !p.contains(k) {
                let t = String(k.split(separator: ":")[2])
                fn[t, default: 0] += 1
                if shown < errors {
                    let parts = k.split(separator: ":").map(String.init)
                    let sc = Array(d.text.unicodeScalars)
                    guard let s = Int(parts[0]), let e = Int(parts[1]), s <= e, e <= sc.count else { continue }
                    var str = ""
                    str.unicodeScalars.append(contentsOf: sc[s..<e])
                    print("FN \(k) \(str)")
                    shown += 1
                }
            }
        }
        func prf(_ a: Int, _ b: Int, _ c: Int) -> String {
            let p = a + b == 0 ? 0 : Double(a) / Double(a + b) * 100
            let r = a + c == 0 ? 0 : Double(a) / Double(a + c) * 100
            let f = p + r == 0 ? 0 : 2 * p * r / (p + r)
            return String(format: "P %.2f  R %.2f  F1 %.2f", p, r, f)
        }
        let TP = tp.values.reduce(0, +), FP = fp.values.reduce(0, +), FN = fn.values.reduce(0, +)
        print("overall  \(prf(TP, FP, FN))  (\(TP + FN) gold entities)")
        for t in types {
            print(String(format: "%-8@ ", t as NSString) + prf(tp[t] ?? 0, fp[t] ?? 0, fn[t] ?? 0))
        }
        print("model    \(recognizer.modelPath) loaded in \(loadTime)")
        guard timed else { return }
        // Speed of recognition alone (mentions), one core.
        let words = docs.reduce(0) { $0 + $1.text.split(whereSeparator: { $0 == " " || $0 == "\n" }).count }
        var best = Double.infinity
        var bestCPU = Double.infinity
        func cpuSeconds() -> Double {
            var ts = timespec()
            clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts)
            return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
        }
        for _ in 0..<5 {
            let ts = clock.now
            let c0 = cpuSeconds()
            var n = 0
            for d in docs { n += recognizer.mentions(in: d.text).count }
            let el = clock.now - ts
            let secs = Double(el.components.seconds) + Double(el.components.attoseconds) / 1e18
            best = min(best, secs)
            bestCPU = min(bestCPU, cpuSeconds() - c0)
            if n < 0 { print(n) }
        }
        print(String(format: "speed    %.0f words/s wall, %.0f words/s thread CPU time (%d words, one thread, best of 5)",
                     Double(words) / best, Double(words) / bestCPU, words))
        print("peak RSS \(peakRSS())")
    }
}

extension NERCommands {
    /// `check-tokens FILE.jsonl`: lists CoNLL tokens the tokenizer does not reproduce.
    static func checkTokens(_ args: [String]) {
        var bad = 0
        for d in labelledDocuments(args[0]) {
            let sc = Array(d.text.unicodeScalars)
            let mine = Tokenizer.tokenize(d.text).map { t -> String in
                var s = ""
                s.unicodeScalars.append(contentsOf: sc[t.start..<t.end])
                return s
            }
            let given = d.text.split(whereSeparator: { $0 == " " || $0 == "\n" }).map(String.init)
            let a = Set(mine), b = Set(given)
            for g in b.subtracting(a) where bad < 60 {
                print("not reproduced: \(g)")
                bad += 1
            }
        }
    }
}

extension NERCommands {
    /// `ner-show FILE`: prints the mentions and entities found in a text file.
    static func show(_ args: [String]) {
        guard let path = args.first, let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            fail("usage: nql-lab ner-show FILE")
        }
        do {
            let r = try EntityRecognizer.shared()
            for m in r.mentions(in: text) { print("\(m.start)..<\(m.end)\t\(m.type.rawValue)\t\(m.text)") }
            print("--")
            for e in r.entities(in: text) {
                print("\(e.type.rawValue)\t\(e.name)\tcount=\(e.count)\taliases=\(e.aliases)\trole=\(e.role ?? "-")")
            }
        } catch {
            fail("\(error)")
        }
    }
}

extension NERCommands {
    /// `bench-ner FILE.jsonl`: recognition speed over every `body` (or `text`) of a JSON Lines corpus.
    static func bench(_ args: [String]) {
        guard let path = args.first else { fail("usage: nql-lab bench-ner CORPUS.jsonl") }
        let texts = readJSONLines(path).compactMap { ($0["body"] as? String) ?? ($0["text"] as? String) }
        let recognizer: EntityRecognizer
        do { recognizer = try EntityRecognizer.shared() } catch { fail("\(error)") }
        let words = texts.reduce(0) { $0 + $1.split(whereSeparator: { $0 == " " || $0 == "\n" }).count }
        var ts = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts)
        let c0 = Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
        let clock = ContinuousClock()
        let t0 = clock.now
        var mentions = 0
        for t in texts { mentions += recognizer.mentions(in: t).count }
        let el = clock.now - t0
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts)
        let cpu = Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9 - c0
        let wall = Double(el.components.seconds) + Double(el.components.attoseconds) / 1e18
        print(String(format: "%d texts, %d words, %d mentions: %.0f words/s wall, %.0f words/s thread CPU time",
                     texts.count, words, mentions, Double(words) / wall, Double(words) / cpu))
        print("peak RSS \(peakRSS())")
    }
}

extension NERCommands {
    /// `audit-ner CORPUS [--top N]`: the most frequent names per type (PERSON, ORG, GPE) over a corpus of articles
    /// (anything `load` reads: a pages folder, a JSON Lines file, ...), with mention and article counts, for a
    /// person to review.
    static func audit(_ args: [String]) -> Int32 {
        var path: String?
        var top = 50
        var i = 0
        while i < args.count {
            if args[i] == "--top", i + 1 < args.count, let n = Int(args[i + 1]), n > 0 {
                top = n
                i += 2
                continue
            }
            path = args[i]
            i += 1
        }
        guard let path else { fail("usage: nql-lab audit-ner CORPUS [--top N]") }
        let (articles, problems) = ArticleLoader.load(path)
        for p in problems.prefix(5) { FileHandle.standardError.write(Data("nql-lab: \(p)\n".utf8)) }
        let recognizer: EntityRecognizer
        do { recognizer = try EntityRecognizer.shared() } catch { fail("\(error)") }
        var counts: [EntityType: [String: (mentions: Int, articles: Int)]] = [:]
        for article in articles {
            for e in recognizer.entities(in: article.text) {
                var row = counts[e.type, default: [:]][e.name, default: (0, 0)]
                row.mentions += e.count
                row.articles += 1
                counts[e.type, default: [:]][e.name] = row
            }
        }
        print("\(articles.count) articles" + (problems.isEmpty ? "" : ", \(problems.count) load problems"))
        for type in [EntityType.PERSON, .ORG, .GPE] {
            let ranked = (counts[type] ?? [:]).sorted {
                $0.value.mentions != $1.value.mentions ? $0.value.mentions > $1.value.mentions : $0.key < $1.key
            }
            print("\n\(type.rawValue): \(ranked.count) names; the \(min(top, ranked.count)) most mentioned (mentions, articles)")
            for (n, (name, c)) in ranked.prefix(top).enumerated() {
                print(String(format: "%3d %6d %5d  ", n + 1, c.mentions, c.articles) + name)
            }
        }
        return 0
    }
}
