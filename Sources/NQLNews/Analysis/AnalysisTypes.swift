// Input and error types shared by the analysis algorithms. They are plain values so the
// analysis can be tested and benchmarked without the loader or the entity recogniser.

/// A document as the analysis sees it: built by the caller from an article.
public struct AnalysisDocument: Sendable, Equatable {
    /// A stable identifier (path, URL or index); only reported back, never interpreted.
    public var id: String
    /// The clean body text.
    public var text: String
    /// The body split into sentences; when empty, `Analysis.sentences(of:)` splits `text`.
    public var sentences: [String]
    /// The publication date as ISO `YYYY-MM-DD`, when known.
    public var date: String?
    /// The entities found in the document; may be empty.
    public var entities: [EntitySummary]

    /// Creates a document; only `text` is required.
    public init(id: String = "", text: String, sentences: [String] = [], date: String? = nil, entities: [EntitySummary] = []) {
        self.id = id
        self.text = text
        self.sentences = sentences
        self.date = date
        self.entities = entities
    }

    /// The given sentences, or `text` split by the built-in sentence splitter.
    public var effectiveSentences: [String] {
        sentences.isEmpty ? Analysis.sentences(of: text) : sentences
    }
}

/// One entity of one document, merged over its mentions.
public struct EntitySummary: Sendable, Equatable {
    /// The canonical name as the recogniser chose it ("Antony Blinken").
    public var name: String
    /// The type label ("PERSON", "ORG", "GPE", ...).
    public var type: String
    /// How many times the document mentions it.
    public var count: Int
    /// Other names the document uses for it ("Blinken", "US" for "United States").
    public var aliases: [String]
    /// Character offset of the first mention, when known; breaks ties in prominence.
    public var firstOffset: Int?

    /// Creates an entity summary.
    public init(name: String, type: String, count: Int = 1, aliases: [String] = [], firstOffset: Int? = nil) {
        self.name = name
        self.type = type
        self.count = count
        self.aliases = aliases
        self.firstOffset = firstOffset
    }
}

/// Why an analysis could not run: a short, lower-case message the user can act on.
public struct AnalysisError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The message, e.g. `k must be at least 1, got 0`.
    public var message: String

    /// Creates an error with a message.
    public init(_ message: String) { self.message = message }

    /// The message.
    public var description: String { message }
}

/// The namespace of the corpus-analysis algorithms (similarity, compare, keyness, stories,
/// keywords, keyword in context, quotes, co-occurrence, timeline, atomic writing).
public enum Analysis {}
