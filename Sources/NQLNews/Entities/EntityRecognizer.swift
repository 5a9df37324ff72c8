import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Finds named entities in news text: a statistical BILOU tagger (linear-chain CRF over hashed features, word
/// clusters and a gazetteer) followed by document-level consistency, the team's own rules (dates, money,
/// percentages, products, media) and type refinement (GPE/LOC, NORP/EVENT/PRODUCT/MISC).
public final class EntityRecognizer: Sendable {
    let model: TaggerModel
    /// Where the model was loaded from.
    public let modelPath: String

    private static let loaded: Result<EntityRecognizer, any Error> = Result {
        try EntityRecognizer(modelPath: EntityRecognizer.locateModel())
    }

    /// The revision of the rules that run after the tagger. A corpus store records it with the model's fingerprint,
    /// so `index` re-tags a store tagged by other rules and `corpus` says so; change it with any rule change that
    /// changes what is found.
    public static let rulesRevision = "2026-11-30.2"

    /// The recogniser with the shipped model, loaded once; throws `EntityModelError` if the model is missing.
    public static func shared() throws -> EntityRecognizer {
        try loaded.get()
    }

    /// Loads a recogniser from a model file.
    public init(modelPath: String) throws {
        guard let data = FileManager.default.contents(atPath: modelPath) else {
            throw EntityModelError.notFound(searched: [modelPath])
        }
        self.model = try TaggerModel.load(bytes: [UInt8](data))
        self.modelPath = modelPath
    }

    /// Places searched for `ner.model`, in order: the SwiftPM resource bundle next to the executable (also
    /// where `swift test` puts it) and `<exe dir>/../share/nql/` — or only `$NQL_MODEL_DIR` when it is set.
    /// Never the source tree: an installed copy must not work only by accident on the machine that built it.
    public static func modelSearchPaths() -> [String] {
        let name = EntityTrainer.modelFileName
        if let env = ProcessInfo.processInfo.environment["NQL_MODEL_DIR"], !env.isEmpty { return [env + "/" + name] }
        var dirs: [String] = []
        if let exe = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") {
            let dir = (exe as NSString).deletingLastPathComponent
            dirs.append(dir + "/nql_NQLNews.resources/Resources")
            dirs.append(dir + "/nql_NQLNews.resources")
            dirs.append((dir as NSString).deletingLastPathComponent + "/share/nql")
            dirs.append(dir + "/../share/nql")
        }
        return dirs.map { $0 + "/" + name }
    }

    static func locateModel() throws -> String {
        let paths = modelSearchPaths()
        for p in paths where FileManager.default.fileExists(atPath: p) { return p }
        throw EntityModelError.notFound(searched: paths)
    }

    // MARK: Recognition

    /// Entity mentions in `text`, in text order, with Unicode-scalar offsets.
    public func mentions(in text: String) -> [EntityMention] {
        var copy = text
        return copy.withUTF8 { p in
            let analysis = analyse(p)
            return analysis.mentions
        }
    }

    /// Distinct entities of `text`, ordered by first mention; mentions of one entity (full name then surname,
    /// "U.S." and "United States", ...) are merged under one canonical name, and persons get their role.
    public func entities(in text: String) -> [Entity] {
        var copy = text
        let merged = copy.withUTF8 { p in EntityMerger.merge(analyse(p), bytes: p) }
        return EntityRecognizer.placesAreNotPeople(merged)
    }

    private static let knownPlaces = Set(EntityLexicon.countries + EntityLexicon.cities)

    /// A known country or city named alone is a place, not a person or a thing ("Pyongyang said" is its
    /// government speaking): such a PERSON or MISC becomes GPE, joining the place of the same name if the text has it.
    static func placesAreNotPeople(_ entities: [Entity]) -> [Entity] {
        guard entities.contains(where: { [.PERSON, .MISC].contains($0.type) && knownPlaces.contains($0.name) }) else { return entities }
        var out: [Entity] = []
        for var e in entities {
            if [.PERSON, .MISC].contains(e.type), knownPlaces.contains(e.name) {
                e.type = .GPE
                e.role = nil
                e.mentions = e.mentions.map { EntityMention(start: $0.start, end: $0.end, text: $0.text, type: .GPE) }
            }
            if let i = out.firstIndex(where: { $0.name == e.name && $0.type == e.type }) {
                out[i].count += e.count
                out[i].mentions = (out[i].mentions + e.mentions).sorted { $0.start < $1.start }
                out[i].aliases = Array(Set(out[i].aliases + e.aliases)).sorted()
            } else {
                out.append(e)
            }
        }
        return out
    }

    /// Canonical name for a name a user typed ("US", "U.S.", "America" -> "United States"); nil when the name has
    /// no known alias (then match it as written).
    public static func canonicalName(for name: String) -> String? {
        EntityMerger.canonicalName(for: name)
    }

    /// Every known spelling of the entity a name refers to, canonical name first ("US" -> ["United States",
    /// "U.S.", "US", ...]); just `[name]` when no alias is known.
    public static func aliases(of name: String) -> [String] {
        guard let c = EntityMerger.canonicalName(for: name) else { return [name] }
        return [c] + (EntityLexicon.aliasGroups[c] ?? [])
    }

    /// Only the statistical tagger's spans (types PER/ORG/LOC/MISC), for evaluation and tests.
    func taggerSpans(_ p: UnsafeBufferPointer<UInt8>) -> (PreparedDocument, [TokenSpan]) {
        let tokens = Tokenizer.tokenize(utf8: p)
        var doc = DocumentPreparer.prepare(p, tokens: tokens, lexicon: model.lexicon)
        let cache = model.wordCache(doc)
        var staticScores: [Float] = []
        var tags = model.tag(doc, cache: cache, staticScores: &staticScores, reuse: false)
        if !NERExperiments.noSecondPass {
            // Second pass: the same model, now told how the first pass labelled the same words and names elsewhere
            // in the text.
            DocumentPreparer.markPassLabels(&doc.attributes, doc.sentences, tags: tags)
            tags = model.tag(doc, cache: cache, staticScores: &staticScores, reuse: true)
            if NERExperiments.thirdPass {
                DocumentPreparer.markPassLabels(&doc.attributes, doc.sentences, tags: tags)
                tags = model.tag(doc, cache: cache, staticScores: &staticScores, reuse: true)
            }
        }
        var spans = TokenSpan.decode(tags)
        DocumentConsistency.apply(&spans, doc)
        return (doc, spans)
    }

    struct Analysis {
        var tokens: [TextToken]
        var spans: [TokenSpan]
        var mentions: [EntityMention]
    }

    func analyse(_ p: UnsafeBufferPointer<UInt8>) -> Analysis {
        let (doc, tagged) = taggerSpans(p)
        var spans = tagged
        if !NERExperiments.noRules { EntityRules.apply(&spans, doc, p) }
        spans.sort { $0.start < $1.start }
        let mentions = spans.map { s -> EntityMention in
            let a = doc.tokens[s.start]
            let b = doc.tokens[s.end - 1]
            return EntityMention(
                start: a.start, end: b.end,
                text: String(decoding: UnsafeBufferPointer(rebasing: p[a.utf8Start..<b.utf8End]), as: UTF8.self),
                type: s.type)
        }
        return Analysis(tokens: doc.tokens, spans: spans, mentions: mentions)
    }
}

/// A span of tokens `start..<end` with a type; `taggerType` is the tagger's class (0-3) or -1 for rule output.
struct TokenSpan: Equatable {
    var start: Int
    var end: Int
    var type: EntityType
    var taggerType: Int

    static let taggerTypes: [EntityType] = [.PERSON, .ORG, .GPE, .MISC]

    /// Converts BILOU tags to spans (tolerating ill-formed sequences).
    static func decode(_ tags: [Int]) -> [TokenSpan] {
        var out: [TokenSpan] = []
        var i = 0
        while i < tags.count {
            let t = tags[i]
            if t == 0 {
                i += 1
                continue
            }
            let type = TagSet.type(of: t)
            var j = i + 1
            if TagSet.position(of: t) < 2 {
                while j < tags.count, tags[j] != 0, TagSet.type(of: tags[j]) == type {
                    let pos = TagSet.position(of: tags[j])
                    if pos == 0 || pos == 3 { break }
                    j += 1
                    if pos == 2 { break }
                }
            }
            out.append(TokenSpan(start: i, end: j, type: taggerTypes[type], taggerType: type))
            i = j
        }
        return out
    }
}
