/// "Did you mean" suggestions by edit distance.
public enum Suggest {
    /// The candidate closest to `name`, if it is close enough to be a likely typo.
    public static func closest(to name: String, among candidates: [String]) -> String? {
        let target = Array(name.lowercased())
        let limit = max(1, min(3, target.count / 3))
        var best: (String, Int)?
        for c in Set(candidates) where c != name {
            let lower = c.lowercased()
            var d = distance(target, Array(lower))
            // "descending" for "desc": one name is the start of the other.
            if min(lower.count, target.count) >= 3, lower.hasPrefix(String(target)) || String(target).hasPrefix(lower) { d = min(d, limit) }
            // "entity" for "entities": the same stem, a different ending.
            let stem = zip(target, lower).prefix { $0 == $1 }.count
            if stem >= 4, stem >= min(target.count, lower.count) - 1 { d = min(d, limit) }
            guard d <= limit else { continue }
            if let (bc, bd) = best, bd < d || (bd == d && bc < c) { continue }
            best = (c, d)
        }
        return best?.0
    }

    /// Optimal-string-alignment distance (Levenshtein plus adjacent swaps).
    static func distance(_ a: [Character], _ b: [Character]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var prev2 = [Int](repeating: 0, count: b.count + 1)
        var prev = Array(0...b.count)
        var cur = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            cur[0] = i
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] { cur[j] = min(cur[j], prev2[j - 2] + 1) }
            }
            (prev2, prev, cur) = (prev, cur, prev2)
        }
        return prev[b.count]
    }
}
