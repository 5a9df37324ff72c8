/// Every message `index` and `corpus` print, in one place (short, lower-case,
/// saying what went wrong and what happened to the store).
enum StoreMessages {
    static func noSuchCorpus(_ raw: String) -> String {
        "no such corpus '\(raw)'; make one with index(load(\"articles/\"), \"\(raw)\")"
    }
    static func notSQLite(_ raw: String) -> String {
        "'\(raw)' is not a corpus: it is not an SQLite database"
    }
    static func notCorpus(_ raw: String) -> String {
        "'\(raw)' is an SQLite database but not an NQL corpus (it has no meta table with a schema_version)"
    }
    static func newerSchema(_ raw: String, found: Int, supported: Int) -> String {
        "'\(raw)' was written by a newer NQL (corpus schema \(found); this one reads schema \(supported) and older); use that version"
    }
    static func readOnly(_ raw: String) -> String {
        "cannot index into '\(raw)': the file is read-only; nothing was changed"
    }
    static func failed(_ raw: String, _ message: String) -> String {
        "corpus '\(raw)': \(message)"
    }
    static let diskFull = "the disk is full; batches already committed are kept"
    static func retagging(_ raw: String, articles: Int) -> String {
        "nql: index: the entity model or rules changed since '\(raw)' was tagged; re-tagging its \(articles) article\(articles == 1 ? "" : "s")\n"
    }
    static func otherRecogniser(_ raw: String) -> String {
        "nql: corpus: '\(raw)' was tagged by another version of the entity recogniser; its entities are as then (index into it again to re-tag them)\n"
    }

    /// What `:help corpus` says about the filters the store answers.
    static let answeredHelp = """
        answered by the store (no article is built): filter(mentions("NAME")) (names, aliases, parts of
        people's names, types such as "PERSON", as mentions defines them); filter(contains(.text, "PHRASE"))
        (phrases of ASCII letters and digits) and filter(matches(.text, /RE/)) (when the pattern has a
        word written literally after a space or punctuation, and no i or x flag, |, (? or \\Q): FTS5 finds the
        candidates, then each is checked exactly; filter(.source == "X") and !=; filter(.words > N) and
        filter(.date >= @2024-07-01) (any comparison with a whole number or a date); these joined with and;
        chains of such filters; take(n); and len of any of them or of the whole corpus.
        Every other built-in reads the articles one at a time from the store, as it reads a load of JSON Lines.
        """
}
