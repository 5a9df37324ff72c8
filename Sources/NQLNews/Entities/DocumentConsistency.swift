import Foundation

/// Document-level consistency: a name keeps one type throughout an article, and a name the tagger recognised
/// in most of its occurrences is recognised in the others too.
enum DocumentConsistency {
    /// Set by experiments to switch the pass off (never set in production code).
    // Majority voting measured worse than the stacked second pass on the dev set, so it is off unless asked for.
    static let enabled = NERExperiments.flags.contains("vote")
    static let propagate = NERExperiments.flags.contains("propagate")

    static func apply(_ spans: inout [TokenSpan], _ doc: PreparedDocument) {
        guard enabled, !spans.isEmpty else { return }
        let attrs = doc.attributes
        func key(_ s: Int, _ e: Int) -> UInt64 {
            var h = TaggerLexicon.sequenceSeed
            for k in s..<e { h = TaggerLexicon.sequenceHash(h, attrs[k].word) }
            return h
        }
        // 1. Majority type per surface form (ties go to the first occurrence's type).
        var votes: [UInt64: [Int]] = [:]
        var firstType: [UInt64: Int] = [:]
        var keys: [UInt64] = []
        for s in spans {
            let k = key(s.start, s.end)
            keys.append(k)
            votes[k, default: [0, 0, 0, 0]][s.taggerType] += 1
            if firstType[k] == nil { firstType[k] = s.taggerType }
        }
        var winner: [UInt64: Int] = [:]
        for (k, v) in votes {
            var best = firstType[k] ?? 0
            for t in 0..<4 where v[t] > v[best] { best = t }
            winner[k] = best
        }
        for n in spans.indices {
            let t = winner[keys[n]] ?? spans[n].taggerType
            spans[n].taggerType = t
            spans[n].type = TokenSpan.taggerTypes[t]
        }
        guard propagate else { return }
        // 2. Propagation to untagged occurrences of a capitalised name tagged at least as often as not.
        var covered = [Bool](repeating: false, count: attrs.count)
        for s in spans { for k in s.start..<s.end { covered[k] = true } }
        var positions: [UInt64: [Int]] = [:]
        for r in doc.sentences {
            for i in r where attrs[i].isCapitalised { positions[attrs[i].word, default: []].append(i) }
        }
        var sentenceEnd = [Int](repeating: 0, count: attrs.count)
        for r in doc.sentences { for i in r { sentenceEnd[i] = r.upperBound } }
        var added: [TokenSpan] = []
        var done = Set<UInt64>()
        for (n, s) in spans.enumerated() {
            let k = keys[n]
            guard !done.contains(k) else { continue }
            done.insert(k)
            guard attrs[s.start].isCapitalised, let starts = positions[attrs[s.start].word] else { continue }
            let len = s.end - s.start
            var candidates: [Int] = []
            var tagged = 0
            for i in starts {
                guard i + len <= sentenceEnd[i], key(i, i + len) == k else { continue }
                if covered[i] {
                    tagged += 1
                } else if (i..<(i + len)).allSatisfy({ !covered[$0] }) {
                    // Do not grow into a longer capitalised name.
                    let before = i > 0 && sentenceEnd[i - 1] == sentenceEnd[i] && attrs[i - 1].isCapitalised
                        && !covered[i - 1] && attrs[i - 1].flags & TaggerFeatures.fSentenceStart == 0
                    let after = i + len < sentenceEnd[i] && attrs[i + len].isCapitalised
                    if !before && !after { candidates.append(i) }
                }
            }
            guard !candidates.isEmpty, tagged >= candidates.count else { continue }
            for i in candidates {
                added.append(TokenSpan(start: i, end: i + len, type: s.type, taggerType: s.taggerType))
                for q in i..<(i + len) { covered[q] = true }
            }
        }
        if !added.isEmpty {
            spans += added
            spans.sort { $0.start < $1.start }
        }
    }
}

/// Switches for design experiments measured with `nql-lab eval-ner` (environment `NQL_NER_EXPERIMENT`, comma-separated,
/// e.g. "vote", "nopass2", "norules", "fine4096", "pos9", "projected", and for training the CRF's numbers
/// "crfeta=0.1", "crfl2=0.005", "mincount=3", "folds=10", "foldepochs=5"); empty in normal use.
enum NERExperiments {
    static let flags = ProcessInfo.processInfo.environment["NQL_NER_EXPERIMENT"] ?? ""
    static let noSecondPass = flags.contains("nopass2")
    static let thirdPass = flags.contains("pass3")
    static let noRules = flags.contains("norules")
    static let noTrim = flags.contains("notrim")
    static let keepCommonWordPersons = flags.contains("keepcommon")
    static let noOrganisationRuns = flags.contains("noorgrun")
    static let noCommonInitial = flags.contains("nocommoninitial")
    static let noListGaps = flags.contains("nolistgaps")
    static let noListWide = flags.contains("nolistwide")

    /// A number given as `name=value` among the flags ("crfeta=0.05"), or `fallback`.
    static func number(_ name: String, _ fallback: Float) -> Float {
        for part in flags.split(separator: ",") {
            let kv = part.split(separator: "=", maxSplits: 1)
            if kv.count == 2, kv[0] == name, let v = Float(kv[1]) { return v }
        }
        return fallback
    }
}
