/// A tokenised document with sentence boundaries and per-token attributes, ready for tagging.
struct PreparedDocument {
    var tokens: [TextToken]
    var sentences: [Range<Int>]
    var attributes: [TokenAttributes]
}

/// Lexical resources the tagger's features read: word clusters and the gazetteer of training entities.
struct TaggerLexicon: Sendable {
    /// Word (exact bytes hash) -> finest cluster id c4096 (coarser ids are its prefixes).
    var clusters = KeyTable(capacity: 16)
    /// Word (exact bytes hash) -> vector clusters packed by `VectorClusterLearner.pack`.
    var vectors = KeyTable(capacity: 16)
    /// Token-sequence hash -> bit mask of tagger types.
    var gazetteer = KeyTable(capacity: 16)
    /// Lower-cased word hash -> casing bucket (1-4) learnt from unlabelled text.
    var casing = KeyTable(capacity: 16)
    /// Frequent words (UTF-8, concatenated) whose word-local feature weights are summed once at load time.
    var vocabularyBytes: [UInt8] = []
    /// End offset of each vocabulary word in `vocabularyBytes`.
    var vocabularyEnds: [Int32] = []
    var gazetteerMaxLength = 1

    static let maxGazetteerLength = 8

    /// Hash of a token sequence from its tokens' word hashes.
    @inline(__always)
    static func sequenceHash(_ h: UInt64, _ word: UInt64) -> UInt64 {
        let k = FeatureHash.pair(h, word)
        return k == 0 ? 1 : k
    }
    static let sequenceSeed: UInt64 = 0x1234_5678_9ABC_DEF1
}

enum DocumentPreparer {
    static let wrapAware = !NERExperiments.flags.contains("linesplit")
    /// Splits tokens into sentences: at line starts, and after ".", "!" or "?" followed by a capitalised word,
    /// a quote or a digit. A line start does not split when the text is plainly wrapped mid-sentence (the new
    /// line starts in lower case, or the last line ended with a comma or a lower-case word), as in wire copy; a blank
    /// or indented line always splits.
    static func sentences(_ p: UnsafeBufferPointer<UInt8>, _ tokens: [TextToken]) -> [Range<Int>] {
        var out: [Range<Int>] = []
        var s = 0
        @inline(__always) func isLower(_ b: UInt8) -> Bool { b >= 0x61 && b <= 0x7A }
        for i in 0..<tokens.count {
            if i > s {
                var split = tokens[i].startsLine
                if split && wrapAware {
                    let prev = tokens[i - 1]
                    let last = p[prev.utf8End - 1]
                    let wrapped = isLower(p[tokens[i].utf8Start])
                        || (prev.utf8End - prev.utf8Start == 1 && last == 0x2C)
                        || (isLower(p[prev.utf8Start]) && isLower(last))
                    // A blank line or an indented line (a new paragraph or table row in wire copy) always splits.
                    var newlines = 0
                    var indent = 0
                    for k in prev.utf8End..<tokens[i].utf8Start {
                        if p[k] == 0x0A {
                            newlines += 1
                            indent = 0
                        } else if p[k] == 0x20 || p[k] == 0x09 {
                            indent += p[k] == 0x09 ? 2 : 1
                        }
                    }
                    if wrapped && newlines < 2 && indent < 2 { split = false }
                }
                if !split {
                    let prev = tokens[i - 1]
                    if prev.utf8End - prev.utf8Start == 1 {
                        let c = p[prev.utf8Start]
                        if c == 0x2E || c == 0x21 || c == 0x3F {
                            let f = p[tokens[i].utf8Start]
                            split = (f >= 0x41 && f <= 0x5A) || f == 0x22 || f >= 0x80 || (f >= 0x30 && f <= 0x39)
                        }
                    }
                }
                if split {
                    out.append(s..<i)
                    s = i
                }
            }
        }
        if s < tokens.count { out.append(s..<tokens.count) }
        return out
    }

    /// Attributes of one word that depend only on its bytes and sentence position: word features, clusters, casing.
    @inline(__always)
    static func wordAttributes(_ p: UnsafeBufferPointer<UInt8>, _ s: Int, _ e: Int, sentenceStart: Bool,
                               lexicon: TaggerLexicon) -> TokenAttributes {
        let unknownCluster: UInt64 = 0xFFFF_FFFF
        var a = TaggerFeatures.attributes(p, s, e, sentenceStart: sentenceStart)
        var c = lexicon.clusters.get(a.word | 1)
        if c < 0, a.flags & TaggerFeatures.fAllCaps != 0, e - s > 1 {
            // Headlines: "MILAN" takes the clusters of "Milan".
            c = lexicon.clusters.get(FeatureHash.titled(p, s, e) | 1)
        }
        if c >= 0 {
            let v = UInt64(c)
            a.clusters = (v >> 7, v >> 5, v >> 2, v)
        } else {
            a.clusters = (unknownCluster, unknownCluster, unknownCluster, unknownCluster)
        }
        a.casing = UInt64(max(lexicon.casing.get(a.lower | 1), 0))
        var source: UInt64 = 0
        var v = lexicon.vectors.get(a.word | 1)
        if v < 0, a.flags & TaggerFeatures.fAllCaps != 0, e - s > 1 {
            source = 2
            v = lexicon.vectors.get(FeatureHash.titled(p, s, e) | 1)
        }
        if v < 0 {
            source = 1
            v = lexicon.vectors.get(a.lower | 1)
        }
        if v >= 0 {
            let packed = UInt64(v)
            a.vector = (packed >> 24, packed >> 15 & 0x1FF, packed & 0x7FFF)
        } else {
            source = 3
            a.vector = (unknownCluster, unknownCluster, unknownCluster)
        }
        a.vectorSource = source
        return a
    }

    /// Computes attributes (word features, clusters, gazetteer matches, document flags) for every token.
    static func prepare(_ p: UnsafeBufferPointer<UInt8>, tokens: [TextToken], lexicon: TaggerLexicon)
        -> PreparedDocument
    {
        let sents = sentences(p, tokens)
        var attrs = [TokenAttributes](repeating: TokenAttributes(), count: tokens.count)
        for r in sents {
            for i in r {
                let t = tokens[i]
                attrs[i] = wordAttributes(p, t.utf8Start, t.utf8End, sentenceStart: i == r.lowerBound, lexicon: lexicon)
            }
        }
        markGazetteer(&attrs, sents, lexicon)
        markDocumentFlags(&attrs, sents)
        return PreparedDocument(tokens: tokens, sentences: sents, attributes: attrs)
    }

    /// Marks, for each type, the BILOU position of each token in the longest gazetteer match covering it.
    static func markGazetteer(_ attrs: inout [TokenAttributes], _ sents: [Range<Int>], _ lexicon: TaggerLexicon) {
        markPhrases(&attrs, sents, lexicon.gazetteer, maxLength: lexicon.gazetteerMaxLength, lowerCase: false, document: false)
    }

    /// Marks each token's position (1 first, 2 inside, 3 last, 4 alone; 3 bits per type) in the longest
    /// phrase of `table` that starts at a capitalised token, into `gazetteer` or `documentGazetteer`.
    /// Phrases are hashed from the tokens' words, or their lower-case forms.
    static func markPhrases(_ attrs: inout [TokenAttributes], _ sents: [Range<Int>], _ table: KeyTable, maxLength maxLen: Int,
                            lowerCase: Bool, document: Bool) {
        for r in sents {
            for i in r {
                if attrs[i].isLowercase { continue }
                var h = TaggerLexicon.sequenceSeed
                var bestLen = 0
                var bestMask: Int32 = 0
                var j = i
                while j < r.upperBound && j - i < maxLen {
                    h = TaggerLexicon.sequenceHash(h, lowerCase ? attrs[j].lower : attrs[j].word)
                    let m = table.get(h)
                    if m > 0 {
                        bestLen = j - i + 1
                        bestMask = m
                    }
                    j += 1
                }
                guard bestLen > 0 else { continue }
                for t in 0..<TagSet.typeCount where bestMask & Int32(1 << t) != 0 {
                    let shift = UInt64(3 * t)
                    for k in i..<(i + bestLen) {
                        let current = document ? attrs[k].documentGazetteer : attrs[k].gazetteer
                        if (current >> shift) & 7 != 0 { continue }
                        let pos: UInt64 = bestLen == 1 ? 4 : (k == i ? 1 : (k == i + bestLen - 1 ? 3 : 2))
                        if document { attrs[k].documentGazetteer |= pos << shift } else { attrs[k].gazetteer |= pos << shift }
                    }
                }
            }
        }
    }

    static let documentGazetteer = !NERExperiments.flags.contains("nodocgaz")

    /// Second-pass document gazetteer: the names the first pass found anywhere in the document (compared
    /// case-insensitively), matched like the training gazetteer, so every occurrence sees what the others were.
    static func markDocumentGazetteer(_ attrs: inout [TokenAttributes], _ sents: [Range<Int>], tags: [Int]) {
        var table = KeyTable(capacity: 64)
        var maxLen = 0
        for span in TokenSpan.decode(tags) where span.end - span.start <= TaggerLexicon.maxGazetteerLength {
            var h = TaggerLexicon.sequenceSeed
            for k in span.start..<span.end { h = TaggerLexicon.sequenceHash(h, attrs[k].lower) }
            table.set(h, max(table.get(h), 0) | Int32(1 << span.taggerType))
            maxLen = max(maxLen, span.end - span.start)
        }
        for i in 0..<attrs.count { attrs[i].documentGazetteer = 0 }
        guard maxLen > 0 else { return }
        markPhrases(&attrs, sents, table, maxLength: maxLen, lowerCase: true, document: true)
    }

    /// Second-pass document labels: for each token, what the first pass said about the other occurrences of the
    /// same word in the document (majority class and how unanimous), or 1 when the word occurs only here.
    static let positional = NERExperiments.flags.contains("pos9")
    static let classes = positional ? 9 : 5

    /// Class of a first-pass tag: O or the type (and, if positional, single-word vs part of a longer name).
    @inline(__always)
    static func passClass(_ tag: Int) -> Int {
        if tag == 0 { return 0 }
        if !positional { return TagSet.type(of: tag) + 1 }
        return 1 + TagSet.type(of: tag) * 2 + (TagSet.position(of: tag) == 3 ? 0 : 1)
    }

    static func markPassLabels(_ attrs: inout [TokenAttributes], _ sents: [Range<Int>], tags: [Int]) {
        let K = classes
        var index = KeyTable(capacity: attrs.count + 1)
        var counts: [Int32] = []
        for i in 0..<attrs.count where !attrs[i].isLowercase {
            let cls = passClass(tags[i])
            let slot = Int(index.getOrInsert(attrs[i].lower | 1) {
                counts.append(contentsOf: repeatElement(0, count: K))
                return Int32(counts.count / K - 1)
            })
            counts[slot * K + cls] += 1
        }
        for i in 0..<attrs.count {
            if attrs[i].isLowercase {
                attrs[i].passLabel = 1
                continue
            }
            let cls = passClass(tags[i])
            let slot = Int(index.get(attrs[i].lower | 1)) * K
            var total: Int32 = 0
            var best = 0
            var bestCount: Int32 = -1
            for c in 0..<K {
                let n = counts[slot + c] - (c == cls ? 1 : 0)
                total += n
                if n > bestCount {
                    bestCount = n
                    best = c
                }
            }
            if total == 0 {
                attrs[i].passLabel = 2
                continue
            }
            let bucket: UInt64 = bestCount == total ? 0 : (bestCount * 2 >= total ? 1 : 2)
            attrs[i].passLabel = 3 + UInt64(best) * 3 + bucket
        }
        if documentGazetteer { markDocumentGazetteer(&attrs, sents, tags: tags) }
    }

    /// Shape hash of "d-d" (a score such as "2-1").
    static let scoreShape: UInt64 = {
        var bytes: [UInt8] = Array("2-1".utf8)
        return bytes.withUnsafeMutableBufferPointer { b in
            TaggerFeatures.attributes(UnsafeBufferPointer(b), 0, 3, sentenceStart: false).shape
        }
    }()

    /// Document-level flags: a capitalised word also seen in lower case in the document, and a sentence-initial
    /// capitalised word also seen capitalised inside a sentence.
    static func markDocumentFlags(_ attrs: inout [TokenAttributes], _ sents: [Range<Int>]) {
        var lowerSeen = KeyTable(capacity: attrs.count + 1)
        var capSeen = KeyTable(capacity: attrs.count + 1)
        for r in sents {
            for i in r {
                let a = attrs[i]
                if a.isLowercase { lowerSeen.set(a.lower | 1, 1) }
                if a.isCapitalised && i != r.lowerBound { capSeen.set(a.word | 1, 1) }
            }
        }
        // A results document: several scores like "2-1" or "3-0" (bit 8 of `document`, for every token).
        var sports: UInt64 = 0
        if TaggerFeatures.sportsFeatures {
            var scores = 0
            for i in 0..<attrs.count where attrs[i].shape == scoreShape && attrs[i].flags & 0xF000 <= 0x5000 {
                scores += 1
            }
            sports = scores >= 2 ? 1 << 8 : 0
            for i in 0..<attrs.count { attrs[i].document |= sports }
        }
        // Register: informal when at least a quarter of the sentences start in lower case.
        var lowerStarts = 0
        for r in sents where !r.isEmpty && attrs[r.lowerBound].isLowercase { lowerStarts += 1 }
        let informal: UInt64 = sents.count > 0 && lowerStarts * 4 >= sents.count ? 1 : 0
        if informal != 0 { for i in 0..<attrs.count { attrs[i].register = informal } }
        for r in sents {
            for i in r where attrs[i].isCapitalised {
                var f: UInt64 = 1 | sports
                if lowerSeen.get(attrs[i].lower | 1) >= 0 { f |= 2 }
                if i == r.lowerBound && capSeen.get(attrs[i].word | 1) >= 0 { f |= 4 }
                attrs[i].document = f
            }
        }
    }
}
