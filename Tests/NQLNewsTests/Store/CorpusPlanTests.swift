import Foundation
@testable import NQL
@testable import NQLNews
import Testing

/// Runs a program with the news built-ins; returns stdout and stderr.
private func runNews(_ program: String) -> (out: String, err: String) {
    var out = "", err = ""
    let session = Session(registry: News.registry(), format: .jsonl, write: { out += $0 }, writeError: { err += $0 })
    _ = session.run(program, name: "test.nql")
    return (out, err)
}

/// The plan of the stream a program's last statement gives (nil when it is not a corpus stream).
private func plan(_ program: String) throws -> CorpusPlan? {
    let registry = News.registry()
    let parsed = try Parser.parse(SourceFile(name: "test.nql", text: program), functionParameters: registry.functionParameters).get()
    let interpreter = Interpreter(registry: registry, output: { _ in }, warn: { _ in })
    var last: Value = .null
    try interpreter.run(parsed) { v, _ in last = v }
    guard case .stream(let s) = last else { return nil }
    return s.plan as? CorpusPlan
}

/// A store of wires with every kind of date: real ones, none, and text that is not a date.
private func indexedWires() -> (folder: TempFolder, db: String) {
    let folder = TempFolder()
    let db = folder.path + "/wires.db"
    let feed = folder.write("wires.jsonl", """
        {"id": "w1", "date": "2024-07-26", "source": "Pacific Wire", "body": "Crude oil rose in Tokyo on Friday. Officials in Japan said little."}
        {"id": "w2", "date": "2024-07-28T09:30:00Z", "source": "Gulf Courier", "body": "Crude-oil tankers left Basra. Heavy crude\\noil was loaded; the crude oils of Iraq sold well."}
        {"id": "w3", "body": "No date on this one: Seoul and Tokyo talked about oil prices."}
        {"id": "w4", "date": "2024-07-28", "source": "Pacific Wire", "body": "CRUDE OIL fell. Foil and toil: not oil. Soil samples from Manila."}
        {"id": "w5", "date": "2024-07-30", "body": "In 2024 the U.S. and Japan signed a pact in Tokyo; crude   oil was not on the table."}
        """)
    var r = runNews(#"index(load("\#(feed)"), "\#(db)")"#)
    #expect(r.err == "", "\(r.err)")
    // Records given to index directly may carry a date that is no day at all.
    r = runNews(#"index([{id: "w6", text: "Tokyo oil, said the wire.", date: "2024-02-30"}, {id: "w7", text: "Oil in Tokyo.", date: "someday"}], "\#(db)")"#)
    #expect(r.err == "", "\(r.err)")
    return (folder, db)
}

@Suite struct CorpusPlanTests {
    @Test(arguments: [
        ".date >= @2024-07-28", ".date > @2024-07-28", ".date < @2024-07-28", ".date <= @2024-07-26", ".date == @2024-07-28",
        ".date != @2024-07-28", ".date == @2024-02-29", ".date > @2024-07-27 and mentions(\"Japan\")",
        #"matches(.text, /crude oil/)"#, #"matches(.text, / oil /)"#, #"matches(.text, /[Cc]rude\s+oil/)"#, #"matches(.text, /crude oils?/)"#,
        #"matches(.text, /crude oil/i)"#, #"matches(.text, "Tokyo[;,]")"#, #"matches(.text, /^No date/)"#, #"matches(.text, /\d{4} the/)"#,
        #"matches(.text, /(crude|heavy) oil\b/)"#, #"matches(.text, /oil|Seoul/)"#, #"matches(.text, / U\.S\. /)"#, #"matches(.text, /oil/)"#,
        #"contains(.text, "crude oil")"#, #"contains(.text, "oil") and matches(.text, / oil\./)"#,
    ])
    func filtersGiveWhatTheSameFilterGivesOnTheReadArticles(_ predicate: String) {
        let (folder, db) = indexedWires()
        _ = folder
        // `map` reads the articles one at a time into a list, which no plan answers.
        let r = runNews("""
            let read = corpus("\(db)") | map(x -> x)
            (corpus("\(db)") | filter(\(predicate)) | map(.id)) == (read | filter(\(predicate)) | map(.id))
            (corpus("\(db)") | filter(\(predicate)) | len) == (read | filter(\(predicate)) | len)
            """)
        #expect(r.err == "", "\(r.err)")
        #expect(r.out == "true\ntrue\n")
    }

    @Test func dateComparisonsKnowNullAndTextThatIsNoDate() {
        let (folder, db) = indexedWires()
        _ = folder
        let r = runNews("""
            corpus("\(db)") | filter(.date >= @2024-07-28) | map(.id) | join(" ")
            corpus("\(db)") | filter(.date != @2024-07-28) | map(.id) | join(" ")
            corpus("\(db)") | map(.date) | join(" ")
            """)
        #expect(r.err == "", "\(r.err)")
        #expect(r.out == """
            "w2 w4 w5"
            "w1 w3 w5 w6 w7"
            "2024-07-26 2024-07-28 null 2024-07-28 2024-07-30 null null"

            """)
    }

    @Test func theStoreAnswersDatesMatchesAndTake() throws {
        let (folder, db) = indexedWires()
        _ = folder
        let dated = try #require(try plan(#"corpus("\#(db)") | filter(.date > @2024-07-27 and .words > 3)"#))
        #expect(dated.conditions.count == 2)
        let matched = try #require(try plan(#"corpus("\#(db)") | filter(matches(.text, /crude oil/))"#))
        #expect(matched.conditions.count == 1)
        let taken = try #require(try plan(#"corpus("\#(db)") | filter(mentions("Tokyo")) | take(2)"#))
        #expect(taken.limit == 2 && taken.conditions.count == 1)
        #expect(try plan(#"corpus("\#(db)") | take(3) | take(5)"#)?.limit == 3)
        #expect(try plan(#"corpus("\#(db)") | filter(matches(.text, /oil/i))"#) == nil)
        #expect(try plan(#"corpus("\#(db)") | take(2) | filter(mentions("Tokyo"))"#) == nil, "a filter after take reads the first n")
        // With the full-text index emptied, only an answer from it can be empty.
        try SQLiteDatabase(path: db, readOnly: false).execute("INSERT INTO articles_fts(articles_fts) VALUES ('delete-all')")
        #expect(runNews(#"corpus("\#(db)") | filter(matches(.text, / oil/)) | len"#).out == "0\n")
        #expect(runNews(#"corpus("\#(db)") | filter(matches(.text, /oil/)) | len"#).out == "6\n", "not narrowed: read")
    }

    @Test func takeAndLenGiveWhatTheReadArticlesGive() {
        let (folder, db) = indexedWires()
        _ = folder
        let pipelines = [
            "take(3) | map(.id)", "take(0) | len", "take(100) | len", "take(3) | len", #"filter(mentions("Tokyo")) | take(2) | map(.id)"#,
            #"filter(contains(.text, "crude oil")) | take(1) | len"#, #"filter(contains(.text, "crude oil")) | take(5) | len"#,
            #"take(4) | filter(mentions("Tokyo")) | map(.id)"#, #"filter(.date > @2024-07-01) | take(2) | len"#, "take(2) | take(5) | len",
        ]
        for p in pipelines {
            let r = runNews(#"let read = corpus("\#(db)") | map(x -> x); (corpus("\#(db)") | \#(p)) == (read | \#(p))"#)
            #expect(r.err == "" && r.out == "true\n", "\(p): \(r.out) \(r.err)")
        }
        #expect(runNews(#"corpus("\#(db)") | filter(contains(.text, "crude oil")) | len"#).out == "4\n")
    }

    @Test func aVariableKeepsTheCorpusAndReadsTheStoreWhenUsed() throws {
        let (folder, db) = indexedWires()
        _ = folder
        let kept = try #require(try plan(#"let c = corpus("\#(db)") | filter(.words > 3); c"#))
        #expect(kept.conditions.count == 1)
        #expect(try kept.summary()?.value == "6 articles (filtered) in '\(db)', read when used")
        let whole = try #require(try plan(#"corpus("\#(db)")"#))
        #expect(try whole.summary()?.type == "corpus")
        // With the mention keys gone, only an answer from the index can be 0.
        try SQLiteDatabase(path: db, readOnly: false).execute("DELETE FROM mention_keys")
        let r = runNews(#"let c = corpus("\#(db)"); c | filter(mentions("Tokyo")) | len; index([{id: "w8", text: "Rain."}], "\#(db)"); c | len; len(c | map(.id))"#)
        #expect(r.err == "", "\(r.err)")
        #expect(r.out == #"0\#n{"articles":8,"added":1,"replaced":0,"unchanged":0}\#n8\#n8\#n"#)
    }

    @Test func containsFindsWhatFTS5SplitsOtherwiseAndAnOlderStoreIsUpgraded() throws {
        let folder = TempFolder()
        let db = folder.path + "/odd.db"
        let texts = ["The oﬃcials met in Seoul.", "Officials met again.", "x\u{E000}crude oil rose", "cafe\u{301}crude oil fell",
                     "Crude oil, said the officials.", "Nothing here."]
        let records = texts.enumerated().map { i, t in #"{id: "o\#(i)", text: "\#(t)"}"# }.joined(separator: ", ")
        #expect(runNews(#"index([\#(records)], "\#(db)")"#).err == "")
        let phrases = ["officials", "crude oil"]
        func sameAsRead() -> Bool {
            phrases.allSatisfy { p in
                let stages = #"filter(contains(.text, "\#(p)")) | map(.id)"#
                return runNews(#"let read = corpus("\#(db)") | map(x -> x); (corpus("\#(db)") | \#(stages)) == (read | \#(stages))"#).out == "true\n"
            }
        }
        #expect(sameAsRead())
        #expect(runNews(#"corpus("\#(db)") | filter(contains(.text, "officials")) | len"#).out == "3\n")
        #expect(runNews(#"corpus("\#(db)") | filter(contains(.text, "crude oil")) | len"#).out == "3\n")
        // A store of schema 1 (no folds column) is read without narrowing contains, and index upgrades it.
        try SQLiteDatabase(path: db, readOnly: false).execute(
            "DROP INDEX articles_folds; ALTER TABLE articles DROP COLUMN folds; UPDATE meta SET value = '1' WHERE key = 'schema_version'")
        #expect(try plan(#"corpus("\#(db)") | filter(contains(.text, "officials"))"#) == nil)
        #expect(sameAsRead())
        #expect(runNews(#"index([\#(records)], "\#(db)")"#).out == #"{"articles":6,"added":0,"replaced":0,"unchanged":6}"# + "\n")
        let version = try SQLiteDatabase(path: db, readOnly: true).prepare("SELECT value FROM meta WHERE key = 'schema_version'")
        #expect(try version.step() && version.text(0) == "2")
        #expect(try plan(#"corpus("\#(db)") | filter(contains(.text, "officials"))"#) != nil)
        #expect(sameAsRead())
        // The marked texts are candidates whatever FTS5 finds: with its index emptied, only they are found.
        try SQLiteDatabase(path: db, readOnly: false).execute("INSERT INTO articles_fts(articles_fts) VALUES ('delete-all')")
        #expect(runNews(#"corpus("\#(db)") | filter(contains(.text, "officials")) | map(.id) | join(" ")"#).out == "\"o0\"\n")
        #expect(runNews(#"corpus("\#(db)") | filter(contains(.text, "crude oil")) | map(.id) | join(" ")"#).out == "\"o2 o3\"\n")
    }

    @Test func ftsQueriesArePhrasesOfQuotedWords() {
        #expect(CorpusPlan.ftsQuery("crude oil") == #"text : "crude oil""#)
        #expect(CorpusPlan.ftsQuery("  Seoul ") == #"text : "Seoul""#)
    }

    @Test(arguments: [
        ("crude oil", "", #"text : ("oil"*)"#),
        (" crude oil ", "", #"text : ("crude" AND "oil")"#),
        ("^Tokyo,", "m", #"text : ("Tokyo")"#),
        (#"\bcrude oil prices"#, "", #"text : ("oil" AND "prices"*)"#),
        (#"crude\s+oil"#, "s", #"text : ("oil"*)"#),
        (#"crude\s*oil"#, "", nil),
        ("crude oils?", "", #"text : ("oil"*)"#),
        ("crude oi{1,2}l", "", #"text : ("o"*)"#),
        ("(crude|heavy) oil$", "", #"text : ("oil")"#),
        (#"[a-z]+ (North|South) Korea\."#, "", #"text : ("Korea")"#),
        (#"U\.S\. forces"#, "", #"text : ("S" AND "forces"*)"#),
        ("crude oil", "i", nil),
        ("crude oil", "x", nil),
        ("oil|gas", "", nil),
        ("(?i) crude oil", "", nil),
        (#"\Q crude oil\E"#, "", nil),
        (#"\x41 oil "#, "", nil),
        (#"\p{L} oil "#, "", nil),
        ("oil", "", nil),
        ("[]] oil", "", nil),
        ("(unclosed oil", "", nil),
        ("ö oil", "", #"text : ("oil"*)"#),
    ] as [(String, String, String?)])
    func regexNarrowingTakesOnlyWordsEveryMatchHolds(_ pattern: String, _ flags: String, _ query: String?) {
        #expect(CorpusPlan.ftsQuery(regex: pattern, flags: flags) == query, "\(pattern)")
    }
}
