/// The kind of a named entity (OntoNotes-style names, upper case raw values).
public enum EntityType: String, Sendable, CaseIterable {
    /// People, including fictional.
    case PERSON
    /// Companies, agencies, institutions, media.
    case ORG
    /// Countries, cities, states.
    case GPE
    /// Non-political locations: mountains, rivers, regions.
    case LOC
    /// Nationalities, religious or political groups.
    case NORP
    /// Absolute or relative dates and periods.
    case DATE
    /// Monetary values.
    case MONEY
    /// Percentages.
    case PERCENT
    /// Objects, vehicles, weapons, foods (not services).
    case PRODUCT
    /// Named wars, sports events, summits.
    case EVENT
    /// Other named things.
    case MISC
}

/// One occurrence of an entity in a text.
public struct EntityMention: Sendable, Hashable {
    /// Offset of the first Unicode scalar of the mention in the text.
    public var start: Int
    /// Offset one past the last Unicode scalar (exclusive).
    public var end: Int
    /// The mention's text, equal to the text's scalars `start..<end`.
    public var text: String
    /// The mention's type.
    public var type: EntityType

    /// Creates a mention.
    public init(start: Int, end: Int, text: String, type: EntityType) {
        self.start = start
        self.end = end
        self.text = text
        self.type = type
    }
}

/// A distinct entity of a text: its mentions merged under one canonical name.
public struct Entity: Sendable {
    /// Canonical name ("Antony Blinken", "United States").
    public var name: String
    /// The entity's type.
    public var type: EntityType
    /// Number of mentions.
    public var count: Int
    /// Every mention, in text order.
    public var mentions: [EntityMention]
    /// Other surface forms seen in the text or known for the name ("Blinken", "U.S.", "US"), without `name`.
    public var aliases: [String]
    /// For a PERSON, the role or title the text gives ("Secretary of State"), if any.
    public var role: String?

    /// Creates an entity.
    public init(name: String, type: EntityType, count: Int, mentions: [EntityMention], aliases: [String],
                role: String?) {
        self.name = name
        self.type = type
        self.count = count
        self.mentions = mentions
        self.aliases = aliases
        self.role = role
    }
}
