import CSQLite
import Foundation
@testable import NQLNews
import Testing

@Suite struct SQLiteTests {
    @Test func errorsNameTheFileAndCarrySQLitesMessage() throws {
        let folder = TempFolder()
        let db = try SQLiteDatabase(path: folder.path + "/t.db", readOnly: false)
        #expect {
            try db.execute("SELECT * FROM missing")
        } throws: { error in
            guard let e = error as? SQLiteDatabase.SQLiteError else { return false }
            return e.description == folder.path + "/t.db: no such table: missing" && e.code == SQLITE_ERROR
        }
    }

    @Test func aTransactionThatThrowsIsRolledBack() throws {
        struct Stop: Error {}
        let folder = TempFolder()
        let db = try SQLiteDatabase(path: folder.path + "/t.db", readOnly: false)
        try db.execute("CREATE TABLE t(x)")
        try db.transaction { try db.prepare("INSERT INTO t VALUES (?)").bind([.int(1)]).run() }
        #expect(throws: Stop.self) {
            try db.transaction {
                try db.prepare("INSERT INTO t VALUES (?)").bind([.int(2)]).run()
                throw Stop()
            }
        }
        let s = try db.prepare("SELECT group_concat(x) FROM t")
        #expect(try s.step())
        #expect(s.text(0) == "1")
    }

    @Test func textsAndNullsRoundTrip() throws {
        let folder = TempFolder()
        let db = try SQLiteDatabase(path: folder.path + "/t.db", readOnly: false)
        try db.execute("CREATE TABLE t(a, b, c)")
        try db.prepare("INSERT INTO t VALUES (?, ?, ?)").bind([.text("서울 \u{0} “quoted”"), nil, .text("")]).run()
        let s = try db.prepare("SELECT a, b, c FROM t")
        #expect(try s.step())
        #expect(s.text(0) == "서울 \u{0} “quoted”")
        #expect(s.text(1) == nil && s.int(1) == nil)
        #expect(s.text(2) == "")
        #expect(try !s.step())
    }

    @Test func fts5IsCompiledIn() throws {
        let folder = TempFolder()
        let db = try SQLiteDatabase(path: folder.path + "/t.db", readOnly: false)
        try db.execute("CREATE VIRTUAL TABLE f USING fts5(text)")
    }
}
