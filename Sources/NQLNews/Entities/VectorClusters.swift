import Foundation

/// Word clusters derived from pretrained word vectors of modern web and news text (a folder holding
/// `vectors.f32`, rows of 300 little-endian Float32, and `words.tsv`, lines `word<TAB>row`, as described in
/// `../shared/data/vectors/README.md`).
///
/// Every word carries three levels: its vector row (already a 20,000-way clustering: words without a vector of
/// their own point at the nearest kept one), and the row's group at 64 and 512 clusters (spherical k-means over
/// the length-normalised rows at 64, each cluster then split into 8). Only what the tagger reads is kept: words
/// with a letter and no digit, at most 24 bytes, and not a capitalised form sharing its row with its lower-case
/// form (the lookup falls back to the lower-case form, which gives the same answer).
enum VectorClusterLearner {
    static let dimensions = 300
    static let coarse = 64
    static let split = 8
    static let maxWordBytes = 24

    /// Packs a row and its cluster ids into a table value: row (15 bits), c512 << 15, c64 << 24.
    @inline(__always)
    static func pack(row: Int, c512: Int, c64: Int) -> Int32 {
        Int32(row | c512 << 15 | c64 << 24)
    }

    /// Reads the folder and returns the table word hash (exact bytes, | 1) -> packed clusters, or nil with a reason.
    static func learn(directory: String, seed: UInt64, log: (String) -> Void) -> Result<KeyTable, VectorFileError> {
        let clock = ContinuousClock()
        let t0 = clock.now
        guard let raw = FileManager.default.contents(atPath: directory + "/vectors.f32"),
              let words = FileManager.default.contents(atPath: directory + "/words.tsv")
        else { return .failure(VectorFileError(message: "cannot read vectors.f32 and words.tsv in \(directory)")) }
        let rows = raw.count / (4 * dimensions)
        guard rows > coarse * split, rows < 1 << 15 else {
            return .failure(VectorFileError(message: "vectors.f32 has \(rows) rows; expected 4,096 to 32,767"))
        }
        var vectors = [Float](repeating: 0, count: rows * dimensions)
        raw.withUnsafeBytes { src in
            for i in 0..<(rows * dimensions) {
                vectors[i] = Float(bitPattern: UInt32(littleEndian: src.loadUnaligned(fromByteOffset: i * 4, as: UInt32.self)))
            }
        }
        for r in 0..<rows {
            var n: Float = 0
            for d in 0..<dimensions { n += vectors[r * dimensions + d] * vectors[r * dimensions + d] }
            let s = n > 0 ? 1 / n.squareRoot() : 0
            for d in 0..<dimensions { vectors[r * dimensions + d] *= s }
        }
        var rng = SeededGenerator(seed: seed)
        let top = kMeans(vectors, members: Array(0..<rows), k: coarse, rng: &rng)
        var fine = [Int](repeating: 0, count: rows)
        for c in 0..<coarse {
            let members = (0..<rows).filter { top[$0] == c }
            guard !members.isEmpty else { continue }
            let sub = kMeans(vectors, members: members, k: min(split, members.count), rng: &rng)
            for (n, r) in members.enumerated() { fine[r] = c * split + sub[n] }
        }
        log("vector clusters: \(rows) rows grouped at \(coarse) and \(coarse * split) in \(clock.now - t0)")

        // Word -> row, then keep only the words the tagger needs.
        var rowOf: [String: Int] = [:]
        var order: [String] = []
        for line in words.split(separator: UInt8(ascii: "\n")) {
            guard let tab = line.firstIndex(of: UInt8(ascii: "\t")),
                  let word = String(bytes: line[line.startIndex..<tab], encoding: .utf8),
                  let row = Int(String(decoding: line[(tab + 1)...], as: UTF8.self)), row >= 0, row < rows
            else { continue }
            if rowOf[word] == nil { order.append(word) }
            rowOf[word] = row
        }
        var table = KeyTable(capacity: 16)
        var kept = 0
        for word in order {
            guard let row = rowOf[word], keep(word, row: row, rowOf: rowOf) else { continue }
            table.set(FeatureHash.string(word) | 1, pack(row: row, c512: fine[row], c64: top[row]))
            kept += 1
        }
        log("vector clusters: kept \(kept) of \(order.count) words in \(clock.now - t0)")
        return .success(table)
    }

    /// Whether a word belongs in the shipped table.
    static func keep(_ word: String, row: Int, rowOf: [String: Int]) -> Bool {
        guard word.utf8.count <= maxWordBytes else { return false }
        var letter = false
        for s in word.unicodeScalars {
            if s.properties.isAlphabetic { letter = true }
            if s.properties.numericType != nil { return false }
        }
        guard letter else { return false }
        let lower = asciiLowered(word)
        return lower == word || rowOf[lower] != row
    }

    /// ASCII letters folded to lower case, as `FeatureHash.lowered` folds them.
    static func asciiLowered(_ word: String) -> String {
        String(decoding: word.utf8.map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 }, as: UTF8.self)
    }

    /// Spherical k-means over unit rows `members` of `vectors`; returns the cluster of each member.
    static func kMeans(_ vectors: [Float], members: [Int], k: Int, iterations: Int = 12,
                       rng: inout SeededGenerator) -> [Int] {
        let D = dimensions
        var centres = [Float](repeating: 0, count: k * D)
        var picked = Set<Int>()
        var c = 0
        while c < k {
            let m = members[Int(rng.next() % UInt64(members.count))]
            if picked.contains(m) && picked.count < members.count { continue }
            picked.insert(m)
            for d in 0..<D { centres[c * D + d] = vectors[m * D + d] }
            c += 1
        }
        var assign = [Int](repeating: 0, count: members.count)
        vectors.withUnsafeBufferPointer { v in
            for _ in 0..<iterations {
                centres.withUnsafeBufferPointer { cp in
                    for (n, m) in members.enumerated() {
                        var best = 0
                        var bestDot = -Float.infinity
                        for c in 0..<k {
                            var dot: Float = 0
                            for d in 0..<D { dot += v[m * D + d] * cp[c * D + d] }
                            if dot > bestDot {
                                bestDot = dot
                                best = c
                            }
                        }
                        assign[n] = best
                    }
                }
                var sums = [Float](repeating: 0, count: k * D)
                for (n, m) in members.enumerated() {
                    let c = assign[n]
                    for d in 0..<D { sums[c * D + d] += v[m * D + d] }
                }
                for c in 0..<k {
                    var norm: Float = 0
                    for d in 0..<D { norm += sums[c * D + d] * sums[c * D + d] }
                    guard norm > 0 else { continue }  // an empty cluster keeps its centre
                    let s = 1 / norm.squareRoot()
                    for d in 0..<D { centres[c * D + d] = sums[c * D + d] * s }
                }
            }
        }
        return assign
    }
}

/// The vectors folder given to training could not be read.
struct VectorFileError: Error, CustomStringConvertible {
    var message: String
    var description: String { message }
}
