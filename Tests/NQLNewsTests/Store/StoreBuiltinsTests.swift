import Foundation
import NQL
@testable import NQLNews
import Testing

/// Runs a program with the news built-ins; returns stdout, stderr and the outcome.
private func runNews(_ program: String) -> (out: String, err: String, outcome: Outcome) {
    var out = "", err = ""
    let session = Session(registry: News.registry(), format: .jsonl, write: { out += $0 }, writeError: { err += $0 })
    let outcome = session.run(program, name: "test.nql")
    return (out, err, outcome)
}

/// The course's articles.
private let articles = packageRoot + "/Examples/articles/"

/// A store of the course's articles in a fresh folder.
private func indexedCourse() -> (folder: TempFolder, db: String) {
    let folder = TempFolder()
    let db = folder.path + "/news.db"
    let r = runNews(#"index(load("\#(articles)"), "\#(db)")"#)
    #expect(r.err == "", "\(r.err)")
    return (folder, db)
}

@Suite struct StoreBuiltinsTests {
    @Test func indexingTheSameArticlesAgainAddsNothing() {
        let folder = TempFolder()
        let db = folder.path + "/news.db"
        let first = runNews(#"index(load("\#(articles)"), "\#(db)")"#)
        #expect(first.out == #"{"articles":12,"added":12,"replaced":0,"unchanged":0}"# + "\n")
        let again = runNews(#"index(load("\#(articles)"), "\#(db)")"#)
        #expect(again.out == #"{"articles":12,"added":0,"replaced":0,"unchanged":12}"# + "\n")
        #expect(again.err == "")
    }

    @Test func aChangedArticleIsReplacedInPlaceAndANewOneAdded() {
        let folder = TempFolder()
        let db = folder.path + "/news.db"
        let feed = folder.write("feed.jsonl", """
            {"id": 1, "title": "Port reopens", "body": "The port of Busan reopened on Monday after the storm."}
            {"id": 2, "title": "Talks", "body": "Officials from Japan met in Seoul on Tuesday."}
            """)
        #expect(runNews(#"index(load("\#(feed)"), "\#(db)")"#).out == #"{"articles":2,"added":2,"replaced":0,"unchanged":0}"# + "\n")
        folder.write("feed.jsonl", """
            {"id": 1, "title": "Port reopens", "body": "The port of Busan reopened on Monday after the storm."}
            {"id": 2, "title": "Talks", "body": "Officials from Japan met in Seoul on Tuesday. Seoul said nothing."}
            {"id": 3, "title": "Rain", "body": "Rain fell in Manila."}
            """)
        let r = runNews("""
            index(load("\(feed)"), "\(db)")
            corpus("\(db)") | map(.id)
            corpus("\(db)") | filter(contains(.text, "Seoul said nothing")) | map(.id)
            corpus("\(db)") | filter(mentions("Seoul")) | map(.id)
            """)
        #expect(r.err == "", "\(r.err)")
        #expect(r.out == #"{"articles":3,"added":1,"replaced":1,"unchanged":1}"# + "\n1\n2\n3\n2\n2\n")
    }

    @Test func aStreamAndAListIndexAlike() {
        let folder = TempFolder()
        let feed = folder.write("feed.jsonl", (1...300).map { i in
            #"{"id": "w\#(i)", "title": "Wire \#(i)", "body": "Officials in \#(["Seoul", "Tokyo", "Manila"][i % 3]) met on Monday."}"#
        }.joined(separator: "\n"))
        let streamed = runNews(#"index(load("\#(feed)"), "\#(folder.path)/a.db"); corpus("\#(folder.path)/a.db") | filter(mentions("Tokyo")) | len"#)
        let listed = runNews(#"let all = load("\#(feed)"); index(all, "\#(folder.path)/b.db"); corpus("\#(folder.path)/b.db") | filter(mentions("Tokyo")) | len"#)
        #expect(streamed.err == "" && listed.err == "")
        #expect(streamed.out == listed.out)
        #expect(streamed.out == #"{"articles":300,"added":300,"replaced":0,"unchanged":0}"# + "\n100\n")
    }

    @Test func theCorpusGivesBackTheLoadedRecords() {
        let (folder, db) = indexedCourse()
        _ = folder
        let r = runNews("""
            let stored = corpus("\(db)")
            let loaded = load("\(articles)")
            stored == loaded
            corpus("\(db)") | len
            (corpus("\(db)") | map(.paragraphs)) == (loaded | map(.paragraphs))
            """)
        #expect(r.err == "", "\(r.err)")
        #expect(r.out == "true\n12\ntrue\n")
    }

    @Test(arguments: [
        "mentions(\"Japan\")", "mentions(\"US\")", "mentions(\"Blinken\")", "mentions(\"Antony Blinken\")", "mentions(\"PERSON\")",
        "mentions(\"Nobody Atall\")", "mentions(., \"Russia\")",
        "contains(.text, \"North Korea\")", "contains(.text, \"missiles\")", "contains(.text, \"patriot missiles\")",
        "contains(\"Seoul\")", "contains(.text, \"zzz\")",
        "mentions(\"Japan\") and contains(.text, \"missiles\")", ".source == \"The Gulf Courier\"", ".source != \"The Gulf Courier\"",
        ".words > 200", ".words <= 209", "mentions(\"Japan\") and .words > 200", "mentions(\"Japan\") or .words > 200",
    ])
    func filtersTheStoreAnswersGiveTheLoadedAnswers(_ predicate: String) {
        let (folder, db) = indexedCourse()
        _ = folder
        let r = runNews("""
            (corpus("\(db)") | filter(\(predicate)) | len) == (load("\(articles)") | filter(\(predicate)) | len)
            (corpus("\(db)") | filter(\(predicate)) | map(.id)) == (load("\(articles)") | filter(\(predicate)) | map(.id))
            """)
        #expect(r.err == "", "\(r.err)")
        #expect(r.out == "true\ntrue\n")
    }

    @Test func chainedFiltersGiveTheLoadedAnswer() {
        let (folder, db) = indexedCourse()
        _ = folder
        let stages = #"filter(mentions("Japan")) | filter(contains(.text, "North Korea")) | filter(.words > 150)"#
        let r = runNews(#"(corpus("\#(db)") | \#(stages) | map(.id)) == (load("\#(articles)") | \#(stages) | map(.id))"#)
        #expect(r.err == "" && r.out == "true\n", "\(r.err)")
    }

    @Test func mentionsCountsComeFromTheIndex() throws {
        let (folder, db) = indexedCourse()
        _ = folder
        // With the mention keys gone, only an answer from the index can be 0.
        try SQLiteDatabase(path: db, readOnly: false).execute("DELETE FROM mention_keys")
        let r = runNews(#"corpus("\#(db)") | filter(mentions("Japan")) | len"#)
        #expect(r.out == "0\n")
        let both = runNews(#"corpus("\#(db)") | filter(mentions("Japan") and .words > 0) | len"#)
        #expect(both.out == "0\n")
        let chained = runNews(#"corpus("\#(db)") | filter(.words > 0) | filter(mentions("Japan")) | map(.id) | len"#)
        #expect(chained.out == "0\n")
        let other = runNews(#"corpus("\#(db)") | filter(mentions("Japan") or mentions("Japan")) | len"#)
        #expect(other.out != "0\n", "a predicate the store does not answer reads the articles")
    }

    @Test func theStoreIsReadableWithSQL() throws {
        let (folder, db) = indexedCourse()
        _ = folder
        let s = try SQLiteDatabase(path: db, readOnly: true)
            .prepare("SELECT count(DISTINCT article_id) FROM mentions WHERE name = 'Japan'")
        #expect(try s.step())
        #expect((s.int(0) ?? 0) > 0)
        let meta = try SQLiteDatabase(path: db, readOnly: true).prepare("SELECT value FROM meta WHERE key = 'schema_version'")
        #expect(try meta.step())
        #expect(meta.text(0) == String(CorpusStore.schemaVersion))
        let model = try SQLiteDatabase(path: db, readOnly: true).prepare("SELECT value FROM meta WHERE key = 'model_fingerprint'")
        #expect(try model.step())
        #expect(model.text(0) == (try StoreBuiltins.modelFingerprint()))
        #expect(model.text(0)?.hasPrefix("ner.model ") == true)
    }

    @Test func aChangedModelRetagsAndSaysSo() throws {
        let (folder, db) = indexedCourse()
        _ = folder
        try SQLiteDatabase(path: db, readOnly: false).execute("UPDATE meta SET value = 'old model' WHERE key = 'model_fingerprint'; DELETE FROM mention_keys")
        let r = runNews(#"index(load("\#(articles)"), "\#(db)")"#)
        #expect(r.err.contains("the entity model or rules changed since"))
        #expect(r.err.contains("re-tagging its 12 articles"))
        let counts = runNews(#"(corpus("\#(db)") | filter(mentions("Japan")) | len) == (load("\#(articles)") | filter(mentions("Japan")) | len)"#)
        #expect(counts.out == "true\n")
        let quiet = runNews(#"index(load("\#(articles)"), "\#(db)")"#)
        #expect(quiet.err == "")
    }

    @Test func storedEntitiesStandInForRecognitionWhereTheTextIsTheSame() throws {
        let (folder, db) = indexedCourse()
        _ = folder
        // What a corpus gives is what the loaded articles give, entity for entity.
        let fromStore = runNews(#"corpus("\#(db)") | entities"#)
        let loaded = runNews(#"load("\#(articles)") | entities"#)
        #expect(fromStore.err == "" && fromStore.out == loaded.out && !loaded.out.isEmpty)
        // ... and it is read from the store: a renamed entity there shows (no text changed, so it stands).
        let database = try SQLiteDatabase(path: db, readOnly: false)
        try database.execute("UPDATE entities SET name = 'Nippon' WHERE name = 'Japan'; UPDATE mentions SET name = 'Nippon' WHERE name = 'Japan'")
        let renamed = runNews(#"corpus("\#(db)") | entities | where(.name == "Nippon" or .name == "Japan") | map(.name)"#)
        #expect(renamed.out.contains("Nippon") && !renamed.out.contains("\"Japan\""), "\(renamed.out)")
        // An article whose stored text differs from the one read is recognised afresh.
        try database.execute("UPDATE entities SET name = 'Nippon' WHERE name = 'Japan'")
        let one = runNews(#"[corpus("\#(db)") | first] | map(a -> {id: a.id, text: a.text + " Japan agreed."}) | entities | map(.name)"#)
        #expect(!one.out.contains("Nippon") && one.out.contains("Japan"), "\(one.out)")
        // A store from another recogniser is not trusted: it warns, and its entities are not used.
        try database.execute("UPDATE meta SET value = 'ner.model 1 bytes fnv1a64 0; rules old' WHERE key = 'model_fingerprint'")
        let stale = runNews(#"corpus("\#(db)") | entities | where(.name == "Nippon") | len"#)
        #expect(stale.err.contains("another version of the entity recogniser") && stale.out == "0\n", "\(stale)")
    }

    @Test func aStoreTaggedByOtherRulesSaysSoWhenRead() throws {
        let (folder, db) = indexedCourse()
        _ = folder
        let fresh = runNews(#"corpus("\#(db)") | len"#)
        #expect(fresh.err == "" && fresh.out == "12\n")
        // A store tagged before the rules' revision (or by a model of another size) warns, and still answers.
        let fingerprint = try StoreBuiltins.modelFingerprint()
        #expect(fingerprint.hasSuffix("; rules \(EntityRecognizer.rulesRevision)"))
        for stale in [String(fingerprint.prefix { $0 != ";" }), fingerprint.replacingOccurrences(of: "ner.model ", with: "ner.model 1")] {
            try SQLiteDatabase(path: db, readOnly: false).execute("UPDATE meta SET value = '\(stale)' WHERE key = 'model_fingerprint'")
            let r = runNews(#"corpus("\#(db)") | len"#)
            #expect(r.err.contains("was tagged by another version of the entity recogniser"), "\(stale)")
            #expect(r.out == "12\n")
        }
        // Indexing into it again re-tags it, and the warning is gone.
        _ = runNews(#"index(load("\#(articles)"), "\#(db)")"#)
        #expect(runNews(#"corpus("\#(db)") | len"#).err == "")
    }

    @Test func badFilesGetOneClearMessageEach() throws {
        let folder = TempFolder()
        let text = folder.write("notes.db", "These are notes, not a database.\n")
        let missing = folder.path + "/missing.db"
        let newer = folder.path + "/newer.db"
        _ = runNews(#"index([{id: "a", text: "Seoul said nothing."}], "\#(newer)")"#)
        try SQLiteDatabase(path: newer, readOnly: false).execute("UPDATE meta SET value = '99' WHERE key = 'schema_version'")
        let other = folder.path + "/other.db"
        try SQLiteDatabase(path: other, readOnly: false).execute("CREATE TABLE t(x)")
        let cases: [(String, String)] = [
            (#"corpus("\#(text)")"#, "is not a corpus: it is not an SQLite database"),
            (#"index([{text: "x"}], "\#(text)")"#, "is not a corpus: it is not an SQLite database"),
            (#"corpus("\#(missing)")"#, "no such corpus"),
            (#"corpus("\#(newer)")"#, "was written by a newer NQL (corpus schema 99; this one reads schema 2 and older)"),
            (#"index([{text: "x"}], "\#(newer)")"#, "was written by a newer NQL"),
            (#"corpus("\#(other)")"#, "is an SQLite database but not an NQL corpus"),
            (#"index([1], "\#(folder.path)/new.db")"#, "must hold articles"),
        ]
        for (program, message) in cases {
            let r = runNews(program)
            if case .completed = r.outcome { Issue.record("\(program) should fail") }
            #expect(r.err.contains(message), "\(program): \(r.err)")
            #expect(r.err.split(separator: "\n").count <= 3, "\(program): \(r.err)")
        }
        #expect(try String(contentsOfFile: text, encoding: .utf8) == "These are notes, not a database.\n")
    }

    @Test(.enabled(if: getuid() != 0, "root may write a read-only file"))
    func aReadOnlyStoreIsNotChanged() throws {
        let (folder, db) = indexedCourse()
        _ = folder
        try FileManager.default.setAttributes([.posixPermissions: 0o444], ofItemAtPath: db)
        let r = runNews(#"index([{id: "new", text: "Seoul said nothing."}], "\#(db)")"#)
        #expect(r.err.contains("the file is read-only; nothing was changed"))
        #expect(runNews(#"corpus("\#(db)") | len"#).out == "12\n")
    }
}
