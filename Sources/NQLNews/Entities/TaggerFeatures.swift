/// The tag set of the statistical tagger: BILOU over the four CoNLL types.
enum TagSet {
    /// Tagger types, in tag order.
    static let types: [String] = ["PER", "ORG", "LOC", "MISC"]
    static let typeCount = 4
    /// Type index of MISC.
    static let miscType = 3
    /// O plus B, I, L, U for each type.
    static let count = 1 + 4 * typeCount
    static let outside = 0

    @inline(__always) static func begin(_ t: Int) -> Int { 1 + 4 * t }
    @inline(__always) static func inside(_ t: Int) -> Int { 2 + 4 * t }
    @inline(__always) static func last(_ t: Int) -> Int { 3 + 4 * t }
    @inline(__always) static func unit(_ t: Int) -> Int { 4 + 4 * t }
    @inline(__always) static func type(of tag: Int) -> Int { (tag - 1) >> 2 }
    /// 0 = B, 1 = I, 2 = L, 3 = U.
    @inline(__always) static func position(of tag: Int) -> Int { (tag - 1) & 3 }

    /// Whether `tag` may follow `prev` (-1 = sentence start); `atEnd` when `tag` is the sentence's last token.
    @inline(__always)
    static func allowed(prev: Int, tag: Int, atEnd: Bool) -> Bool {
        let open = prev > 0 && position(of: prev) < 2
        if open {
            guard tag > 0, type(of: tag) == type(of: prev) else { return false }
            let p = position(of: tag)
            return p == 2 || (p == 1 && !atEnd)
        }
        if tag == 0 { return true }
        let p = position(of: tag)
        return p == 3 || (p == 0 && !atEnd)
    }
}

/// Per-token values from which feature keys are formed; computed once per token from its UTF-8 bytes.
struct TokenAttributes {
    var word: UInt64 = 0
    var lower: UInt64 = 0
    var shape: UInt64 = 0
    var flags: UInt64 = 0
    var prefix: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)
    var suffix: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)
    var clusters: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)
    /// Vector clusters (c64, c512, row) of the word, and how it was found (0 exact, 1 lower case, 2 headline
    /// word as a title, 3 unknown).
    var vector: (UInt64, UInt64, UInt64) = (0, 0, 0)
    var vectorSource: UInt64 = 0
    var gazetteer: UInt64 = 0
    var document: UInt64 = 0
    /// 1 when the document's casing is unreliable (informal text: many sentences start in lower case).
    var register: UInt64 = 0
    /// Second-pass document label (0 in the first pass).
    var passLabel: UInt64 = 0
    /// Second-pass matches against the first pass's names in the same document (0 in the first pass).
    var documentGazetteer: UInt64 = 0
    /// Casing bucket of the word in unlabelled text (0 unknown).
    var casing: UInt64 = 0
    var isCapitalised = false
    var isLowercase = false
}

/// Computes token attributes and the static feature keys of each token.
enum TaggerFeatures {
    /// Number of static (history-independent) feature keys per token.
    static let staticCount = wordKeyTotal + contextCount
    static let extra = NERExperiments.flags.contains("feat")
    // The 4,096-cluster level measured worse on dev (89.9 vs 90.1); kept for experiments only.
    static let fine = NERExperiments.flags.contains("fine4096")
    static let boundary: UInt64 = 0xB0B0_B0B0_B0B0_B0B1
    /// Clusters from pretrained word vectors (`VectorClusterLearner`) for the token and its neighbours.
    static let vectors = !NERExperiments.flags.contains("novectors")

    // Flag bits.
    static let fInitCap: UInt64 = 1
    static let fAllCaps: UInt64 = 2
    static let fAllLower: UInt64 = 4
    static let fHasDigit: UInt64 = 8
    static let fAllDigit: UInt64 = 16
    static let fHyphen: UInt64 = 32
    static let fPeriod: UInt64 = 64
    static let fNoLetter: UInt64 = 128
    static let fSentenceStart: UInt64 = 256
    static let fMixed: UInt64 = 512

    /// Fills the word-level attributes of a token (not clusters, gazetteer or document flags).
    @inline(__always)
    static func attributes(_ p: UnsafeBufferPointer<UInt8>, _ s: Int, _ e: Int, sentenceStart: Bool) -> TokenAttributes {
        var a = TokenAttributes()
        a.word = FeatureHash.bytes(p, s, e)
        a.lower = FeatureHash.lowered(p, s, e)
        var shape = FeatureHash.offset
        var lastClass: UInt8 = 0
        var upper = 0
        var lowerCount = 0
        var digits = 0
        var letters = 0
        var flags: UInt64 = 0
        var i = s
        var shapeLen = 0
        while i < e {
            let b = p[i]
            var cls: UInt8
            if b >= 0x41 && b <= 0x5A {
                cls = 0x58  // X
                upper += 1
                letters += 1
            } else if b >= 0x61 && b <= 0x7A {
                cls = 0x78  // x
                lowerCount += 1
                letters += 1
            } else if b >= 0x30 && b <= 0x39 {
                cls = 0x64  // d
                digits += 1
            } else if b >= 0x80 {
                if b & 0xC0 == 0x80 {
                    i += 1
                    continue
                }
                cls = 0x75  // u: other letter
                letters += 1
            } else {
                cls = b
                if b == 0x2D { flags |= fHyphen }
                if b == 0x2E { flags |= fPeriod }
            }
            if cls != lastClass {
                shape = (shape ^ UInt64(cls)) &* FeatureHash.prime
                lastClass = cls
                shapeLen += 1
            }
            i += 1
        }
        a.shape = shape
        if p[s] >= 0x41 && p[s] <= 0x5A { flags |= fInitCap }
        if upper > 0 && lowerCount == 0 { flags |= fAllCaps }
        if lowerCount > 0 && upper == 0 { flags |= fAllLower }
        if upper > 0 && lowerCount > 0 && !(upper == 1 && flags & fInitCap != 0) { flags |= fMixed }
        if digits > 0 { flags |= fHasDigit }
        if digits > 0 && letters == 0 && flags & (fHyphen | fPeriod) == 0 { flags |= fAllDigit }
        if letters == 0 && digits == 0 { flags |= fNoLetter }
        if sentenceStart { flags |= fSentenceStart }
        let lenBucket = UInt64(min(e - s, 5))
        a.flags = flags | lenBucket << 12
        a.isCapitalised = flags & fInitCap != 0
        a.isLowercase = flags & fAllLower != 0
        // Affixes: hashes of the first/last 1-4 bytes (whole scalars are not needed for hashing).
        let n = e - s
        let b = boundary
        var h = FeatureHash.offset
        var p0 = b, p1 = b, p2 = b, p3 = b
        if n > 0 { h = (h ^ UInt64(p[s])) &* FeatureHash.prime; p0 = h }
        if n > 1 { h = (h ^ UInt64(p[s + 1])) &* FeatureHash.prime; p1 = h }
        if n > 2 { h = (h ^ UInt64(p[s + 2])) &* FeatureHash.prime; p2 = h }
        if n > 3 { h = (h ^ UInt64(p[s + 3])) &* FeatureHash.prime; p3 = h }
        a.prefix = (p0, p1, p2, p3)
        h = FeatureHash.offset ^ 0x55
        var s0 = b, s1 = b, s2 = b, s3 = b
        if n > 0 { h = (h ^ UInt64(p[e - 1])) &* FeatureHash.prime; s0 = h }
        if n > 1 { h = (h ^ UInt64(p[e - 2])) &* FeatureHash.prime; s1 = h }
        if n > 2 { h = (h ^ UInt64(p[e - 3])) &* FeatureHash.prime; s2 = h }
        if n > 3 { h = (h ^ UInt64(p[e - 4])) &* FeatureHash.prime; s3 = h }
        a.suffix = (s0, s1, s2, s3)
        return a
    }

    /// Number of word-local keys per offset -2...2 (features reading one token's own attributes).
    static let wordKeyCounts: [Int] = {
        // Counted by running the templates once, so the count can never disagree with them.
        let scratch = UnsafeMutablePointer<UInt64>.allocate(capacity: 64)
        defer { scratch.deallocate() }
        return (-2...2).map { wordKeys(TokenAttributes(), offset: $0, scratch) }
    }()
    /// Word-local keys come first in the static keys, offsets -2...2 in order, then the context keys.
    static let wordKeyTotal = wordKeyCounts.reduce(0, +)
    static let sportsFeatures = NERExperiments.flags.contains("sports")
    static let registerFeatures = !NERExperiments.flags.contains("noregister")
    static let registerCount = registerFeatures ? 3 : 0
    static let contextCount = 10 + (DocumentPreparer.documentGazetteer ? 2 : 0) + (sportsFeatures ? 2 : 0) + registerCount
    /// The first context keys do not read second-pass labels (those come last).
    static let passIndependentContextCount = 7 + (sportsFeatures ? 2 : 0) + registerCount

    /// Sentinel attributes standing for "no token" beyond a sentence edge.
    static let boundaryAttributes: TokenAttributes = {
        let b = boundary
        var a = TokenAttributes()
        a.lower = b
        a.word = b
        a.shape = b
        a.flags = b
        a.clusters = (b, b, b, b)
        a.vector = (b, b, b)
        a.vectorSource = 7
        a.casing = b
        a.suffix = (b, b, b, b)
        a.gazetteer = b
        a.passLabel = 0xFF
        return a
    }()

    /// Keys of the features that read token `a` when it sits at `offset` (-2...2) from the tagged token.
    /// They depend only on the token's bytes and sentence-start flag, so they can be cached per word.
    @inline(__always)
    static func wordKeys(_ a: TokenAttributes, offset: Int, _ out: UnsafeMutablePointer<UInt64>) -> Int {
        var n = 0
        @inline(__always) func put(_ t: UInt64, _ v: UInt64) {
            out[n] = FeatureHash.key(t, v)
            n += 1
        }
        switch offset {
        case -2:
            put(1, a.lower)
            put(7, a.shape)
            put(12, a.flags)
            put(28, a.clusters.1)
            if extra { put(48, a.clusters.2) }
        case -1:
            put(2, a.lower)
            put(8, a.shape)
            put(13, a.flags)
            put(25, a.clusters.2)
            put(29, a.clusters.1)
            put(44, a.casing)
            if fine { put(58, a.clusters.3) }
            if vectors {
                put(65, a.vector.0)
                put(66, a.vector.1)
                put(67, a.vector.2)
            }
            if extra {
                put(46, a.word)
                put(54, a.suffix.2)
            }
        case 0:
            put(0, 1)
            put(3, a.lower)
            put(6, a.word)
            put(9, a.shape)
            put(14, a.flags)
            put(17, a.prefix.0)
            put(18, a.prefix.1)
            put(19, a.prefix.2)
            put(20, a.prefix.3)
            put(21, a.suffix.0)
            put(22, a.suffix.1)
            put(23, a.suffix.2)
            put(24, a.suffix.3)
            put(26, a.clusters.2)
            put(30, a.clusters.1)
            put(33, a.clusters.0)
            put(43, a.casing << 2 | (a.flags & fInitCap) | (a.flags & fSentenceStart != 0 ? 2 : 0))
            put(56, a.clusters.2 << 16 | (a.flags & 0x3FF))
            if fine { put(59, a.clusters.3) }
            if vectors {
                put(68, a.vector.0)
                put(69, a.vector.1)
                put(70, a.vector.2)
                put(71, a.vector.0 << 8 | a.vectorSource << 4 | (a.flags & (fInitCap | fAllCaps)) | (a.flags & fSentenceStart != 0 ? 8 : 0))
            }
        case 1:
            put(4, a.lower)
            put(10, a.shape)
            put(15, a.flags)
            put(27, a.clusters.2)
            put(31, a.clusters.1)
            put(45, a.casing)
            if fine { put(60, a.clusters.3) }
            if vectors {
                put(72, a.vector.0)
                put(73, a.vector.1)
                put(74, a.vector.2)
            }
            if extra {
                put(47, a.word)
                put(55, a.suffix.2)
            }
        default:
            put(5, a.lower)
            put(11, a.shape)
            put(16, a.flags)
            put(32, a.clusters.1)
            if extra { put(49, a.clusters.2) }
        }
        return n
    }

    /// Keys of the features that combine tokens or depend on the occurrence (gazetteer, document, second pass).
    @inline(__always)
    static func contextKeys(_ attrs: UnsafeBufferPointer<TokenAttributes>, _ s: Int, _ e: Int, _ i: Int,
                            _ out: UnsafeMutablePointer<UInt64>) {
        let a = attrs[i]
        let m1 = i - 1 >= s ? attrs[i - 1] : boundaryAttributes
        let p1 = i + 1 < e ? attrs[i + 1] : boundaryAttributes
        out[0] = FeatureHash.key(34, m1.gazetteer)
        out[1] = FeatureHash.key(35, a.gazetteer)
        out[2] = FeatureHash.key(36, p1.gazetteer)
        out[3] = FeatureHash.key(37, FeatureHash.pair(m1.lower, a.lower))
        out[4] = FeatureHash.key(38, FeatureHash.pair(a.lower, p1.lower))
        out[5] = FeatureHash.key(39, FeatureHash.pair(FeatureHash.pair(m1.shape, a.shape), p1.shape))
        out[6] = FeatureHash.key(40, a.document | (a.flags & 0x3FF) << 8)
        var n = 7
        if sportsFeatures {
            // Sports results: place names there are mostly teams (organisations).
            let sports = a.document >> 8 & 1
            out[n] = FeatureHash.key(63, sports << 40 | a.gazetteer)
            out[n + 1] = FeatureHash.key(64, sports << 40 | a.clusters.1)
            n += 2
        }
        if registerFeatures {
            // The word's casing and kind conjoined with the document's register, so informal text (lower-case
            // names, capitals for emphasis) can weigh them differently from edited news.
            let r = a.register << 56
            out[n] = FeatureHash.key(75, r | a.casing << 16 | (a.flags & 0x3FF))
            out[n + 1] = FeatureHash.key(76, r ^ a.lower)
            out[n + 2] = FeatureHash.key(77, r | a.vector.0 << 16 | a.vectorSource << 12 | (a.flags & 0x3FF))
            n += 3
        }
        out[n] = FeatureHash.key(41, a.passLabel)
        out[n + 1] = FeatureHash.key(42, a.passLabel << 16 | m1.passLabel << 8 | p1.passLabel)
        out[n + 2] = FeatureHash.key(57, a.gazetteer << 16 | a.passLabel)
        if DocumentPreparer.documentGazetteer {
            out[n + 3] = FeatureHash.key(61, a.documentGazetteer)
            out[n + 4] = FeatureHash.key(62, a.documentGazetteer << 16 | m1.documentGazetteer)
        }
    }

    /// Writes the static feature keys of token `i` of a sentence `attrs[s..<e]` into `out[0..<staticCount]`.
    @inline(__always)
    static func staticKeys(_ attrs: UnsafeBufferPointer<TokenAttributes>, _ s: Int, _ e: Int, _ i: Int,
                           _ out: UnsafeMutablePointer<UInt64>) {
        var n = 0
        for k in -2...2 {
            let j = i + k
            let a = j >= s && j < e ? attrs[j] : boundaryAttributes
            n += wordKeys(a, offset: k, out + n)
        }
        contextKeys(attrs, s, e, i, out + n)
    }

    /// Key of the transition-score row for tags following `prev` (-1: the sentence start).
    static func transitionKey(prev: Int) -> UInt64 {
        FeatureHash.key(50, UInt64(prev + 1))
    }
}
