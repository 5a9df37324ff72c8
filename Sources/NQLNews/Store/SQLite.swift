import CSQLite
import Foundation

/// A small wrapper over SQLite's C API: a connection, prepared statements,
/// binding, stepping and transactions. Every failure is an `SQLiteError`
/// that names the file and carries SQLite's own message.
final class SQLiteDatabase {
    /// A failure, with the database's path and SQLite's message.
    struct SQLiteError: Error, CustomStringConvertible {
        /// The database file.
        var path: String
        /// SQLite's result code (`SQLITE_NOTADB`, `SQLITE_FULL`, ...).
        var code: Int32
        /// SQLite's message.
        var message: String
        var description: String { "\(path): \(message)" }
    }

    /// The file it was opened from.
    let path: String
    private var handle: OpaquePointer?

    /// Opens `path`; `readOnly` never creates or changes the file.
    init(path: String, readOnly: Bool) throws {
        self.path = path
        let flags = readOnly ? SQLITE_OPEN_READONLY : (SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE)
        var db: OpaquePointer?
        let rc = sqlite3_open_v2(path, &db, flags | SQLITE_OPEN_NOMUTEX, nil)
        handle = db
        if rc != SQLITE_OK {
            let message = db.flatMap { sqlite3_errmsg($0) }.map { String(cString: $0) } ?? "cannot open"
            sqlite3_close_v2(db)
            handle = nil
            throw SQLiteError(path: path, code: rc, message: message)
        }
        sqlite3_busy_timeout(db, 5_000)
        sqlite3_extended_result_codes(db, 1)
    }

    deinit { sqlite3_close_v2(handle) }

    /// SQLite's message for the last failure.
    private var lastMessage: String { handle.flatMap { sqlite3_errmsg($0) }.map { String(cString: $0) } ?? "unknown error" }

    /// Throws unless `rc` is one of `ok`.
    func check(_ rc: Int32, _ ok: Int32 = SQLITE_OK) throws {
        if rc != ok { throw SQLiteError(path: path, code: rc & 0xFF, message: lastMessage) }
    }

    /// Runs statements that take no parameters and return no rows of interest.
    func execute(_ sql: String) throws {
        try check(sqlite3_exec(handle, sql, nil, nil, nil))
    }

    /// A prepared statement.
    func prepare(_ sql: String) throws -> Statement {
        var stmt: OpaquePointer?
        try check(sqlite3_prepare_v2(handle, sql, -1, &stmt, nil))
        guard let stmt else { throw SQLiteError(path: path, code: SQLITE_MISUSE, message: "empty statement: \(sql)") }
        return Statement(stmt, database: self)
    }

    /// Runs `body` in one transaction: committed if it returns, rolled back if it throws.
    func transaction<T>(_ body: () throws -> T) throws -> T {
        try execute("BEGIN IMMEDIATE")
        do {
            let result = try body()
            try execute("COMMIT")
            return result
        } catch {
            try? execute("ROLLBACK")
            throw error
        }
    }

    /// The rows changed by the last statement.
    var changes: Int { Int(sqlite3_changes(handle)) }

    /// A prepared statement: bind parameters (from 1), step, read columns (from 0).
    final class Statement {
        private let stmt: OpaquePointer
        private let database: SQLiteDatabase

        fileprivate init(_ stmt: OpaquePointer, database: SQLiteDatabase) {
            self.stmt = stmt
            self.database = database
        }

        deinit { sqlite3_finalize(stmt) }

        /// Binds values to parameters 1, 2, ... (nil binds NULL) after clearing earlier bindings.
        @discardableResult
        func bind(_ values: [SQLValue?]) throws -> Statement {
            try database.check(sqlite3_reset(stmt))
            sqlite3_clear_bindings(stmt)
            for (i, v) in values.enumerated() {
                let n = Int32(i + 1)
                switch v {
                case nil: try database.check(sqlite3_bind_null(stmt, n))
                case .int(let x)?: try database.check(sqlite3_bind_int64(stmt, n, Int64(x)))
                case .text(let s)?:
                    let utf8 = Array(s.utf8)
                    guard utf8.count < Int(Int32.max) else {
                        throw SQLiteError(path: database.path, code: SQLITE_TOOBIG, message: "a text of \(utf8.count) bytes is too long to store")
                    }
                    try database.check(utf8.withUnsafeBufferPointer { buf in
                        buf.baseAddress.map { base in
                            base.withMemoryRebound(to: CChar.self, capacity: utf8.count) {
                                nql_sqlite3_bind_text_copy(stmt, n, $0, Int32(utf8.count))
                            }
                        } ?? nql_sqlite3_bind_text_copy(stmt, n, "", 0)
                    })
                }
            }
            return self
        }

        /// Steps once: true when a row is ready, false when done.
        func step() throws -> Bool {
            let rc = sqlite3_step(stmt)
            if rc == SQLITE_ROW { return true }
            if rc == SQLITE_DONE { return false }
            // The statement's own error (reset gives it back for legacy reasons).
            throw SQLiteError(path: database.path, code: rc & 0xFF, message: database.lastMessage)
        }

        /// Runs to the end, ignoring rows.
        func run() throws { while try step() {} }

        /// Ends the current run (releasing what it holds), keeping the bindings.
        func reset() { sqlite3_reset(stmt) }

        /// Column `i` of the current row as text (nil for NULL).
        func text(_ i: Int32) -> String? {
            guard sqlite3_column_type(stmt, i) != SQLITE_NULL, let p = sqlite3_column_text(stmt, i) else { return nil }
            let n = Int(sqlite3_column_bytes(stmt, i))
            return String(decoding: UnsafeBufferPointer(start: p, count: n), as: UTF8.self)
        }

        /// Column `i` of the current row as an integer (nil for NULL).
        func int(_ i: Int32) -> Int? {
            sqlite3_column_type(stmt, i) == SQLITE_NULL ? nil : Int(sqlite3_column_int64(stmt, i))
        }
    }
}

/// A value bound to a statement's parameter.
enum SQLValue {
    case int(Int)
    case text(String)
}
