import Foundation
import NQL
@testable import NQLNews
import Testing

/// `index` killed with SIGKILL part-way: the store keeps whole batches, opens,
/// passes SQLite's integrity check, and a second run completes it.
@Suite struct CorpusInterruptTests {
    /// A feed of small wire items, our own writing.
    static func feed(_ n: Int) -> String {
        let places = ["Seoul", "Tokyo", "Manila", "Hanoi", "Jakarta"]
        let people = ["Kim Min-jun", "Sato Hiroshi", "Maria Santos", "Nguyen Van An", "Budi Santoso"]
        return (1...n).map { i in
            let place = places[i % places.count], person = people[(i / 5) % people.count]
            return #"{"id": "w\#(i)", "title": "Wire \#(i) from \#(place)", "date": "2024-07-\#(10 + i % 20)", "body": "\#(person) spoke in \#(place) on Monday about crude oil prices. Traders said item \#(i) moved markets."}"#
        }.joined(separator: "\n") + "\n"
    }

    func runSession(_ program: String) -> String {
        var out = ""
        let session = Session(registry: News.registry(), format: .jsonl, write: { out += $0 }, writeError: { _ in })
        session.run(program, name: "check.nql")
        return out
    }

    @Test func aKilledIndexingLeavesWholeBatchesAndASecondRunCompletes() throws {
        let dir = NSTemporaryDirectory() + "nql-corpus-kill-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let total = 6_000
        try Data(Self.feed(total).utf8).write(to: URL(fileURLWithPath: dir + "/feed.jsonl"))
        let db = dir + "/news.db"
        let program = #"index(load("\#(dir)/feed.jsonl"), "\#(db)")"#

        let process = Process()
        process.executableURL = packageRoot.appendingPathComponent(".build/debug/nql")
        process.arguments = ["-e", program]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        try process.run()
        // Wait for the first committed batch, then kill it without warning.
        var stored = 0
        for _ in 0..<1_200 where process.isRunning {
            if FileManager.default.fileExists(atPath: db), let n = Int(runSession(#"try(() -> corpus("\#(db)") | len, -1)"#).trimmingCharacters(in: .whitespacesAndNewlines)), n > 0 {
                stored = n
                break
            }
            usleep(50_000)
        }
        let killedMidRun = process.isRunning
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()

        let check = try SQLiteDatabase(path: db, readOnly: false).prepare("PRAGMA integrity_check")
        #expect(try check.step())
        #expect(check.text(0) == "ok")
        let afterKill = Int(runSession(#"corpus("\#(db)") | len"#).trimmingCharacters(in: .whitespacesAndNewlines)) ?? -1
        #expect(afterKill >= stored)
        #expect(killedMidRun, "indexing ended before the first batch was seen")
        #expect(afterKill < total, "the kill came after the last batch")
        #expect(afterKill % StoreBuiltins.batchSize == 0, "a batch was cut: \(afterKill) articles")
        let second = runSession(program)
        #expect(second == #"{"articles":\#(total),"added":\#(total - afterKill),"replaced":0,"unchanged":\#(afterKill)}"# + "\n")
        let counts = runSession("""
            corpus("\(db)") | filter(mentions("Maria Santos")) | len
            load("\(dir)/feed.jsonl") | filter(mentions("Maria Santos")) | len
            """)
        let lines = counts.split(separator: "\n")
        #expect(lines.count == 2 && lines.first == lines.last, "\(counts)")
    }

    /// Runs a command; its exit status.
    func status(_ path: String, _ args: [String]) -> Int32 {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: path)
        p.arguments = args
        p.standardOutput = FileHandle.nullDevice
        p.standardError = FileHandle.nullDevice
        do { try p.run() } catch { return -1 }
        p.waitUntilExit()
        return p.terminationStatus
    }

    /// On a 256 KiB tmpfs (where this process may mount one): a full disk is
    /// one clear error, and the articles stored before stay readable.
    @Test func aFullDiskIsOneClearErrorAndKeepsWhatWasStored() throws {
        let dir = NSTemporaryDirectory() + "nql-corpus-full-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir + "/small", withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        guard status("/bin/mount", ["-t", "tmpfs", "-o", "size=256k", "tmpfs", dir + "/small"]) == 0 else { return }  // not permitted here
        defer { _ = status("/bin/umount", [dir + "/small"]) }
        try Data(Self.feed(3_000).utf8).write(to: URL(fileURLWithPath: dir + "/feed.jsonl"))
        let db = dir + "/small/news.db"
        #expect(runSession(#"index([{id: "first", text: "Officials in Seoul met on Monday."}], "\#(db)") | get("added")"#) == "1\n")
        var err = ""
        let session = Session(registry: News.registry(), format: .jsonl, write: { _ in }, writeError: { err += $0 })
        session.run(#"index(load("\#(dir)/feed.jsonl"), "\#(db)")"#, name: "full.nql")
        #expect(err.contains("index: corpus '\(db)': the disk is full; batches already committed are kept"), "\(err)")
        #expect(err.split(separator: "\n").count <= 3, "\(err)")
        let check = try SQLiteDatabase(path: db, readOnly: true).prepare("PRAGMA integrity_check")
        #expect(try check.step())
        #expect(check.text(0) == "ok")
        #expect(runSession(#"corpus("\#(db)") | first | get("id")"#) == "\"first\"\n")
    }
}

/// A read-only store as an ordinary user meets it. Root writes a 0444 file as
/// any root program does, so under root (as in CI) the check runs `nql` as
/// `nobody` through `setpriv`, when that is possible here.
@Suite struct CorpusReadOnlyTests {
    static let setpriv = "/usr/bin/setpriv"
    static let asNobody = ["--reuid=65534", "--regid=65534", "--clear-groups"]

    /// Whether `nql` can be run as nobody: root, setpriv present, the build readable by all.
    static func nobodyCanRunNQL() -> Bool {
        guard getuid() == 0, FileManager.default.isExecutableFile(atPath: setpriv) else { return false }
        let nql = packageRoot.appendingPathComponent(".build/debug/nql").path
        return (try? runProcess(URL(fileURLWithPath: setpriv), asNobody + [nql, "-e", "1 + 1"]))?.out == "2\n"
    }

    @Test(.enabled(if: nobodyCanRunNQL(), "needs root, setpriv and a build nobody can run"))
    func indexIntoAStoreThatIsReadOnlyForTheUserChangesNothing() throws {
        let dir = NSTemporaryDirectory() + "nql-corpus-readonly-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o755])
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try Data(CorpusInterruptTests.feed(12).utf8).write(to: URL(fileURLWithPath: dir + "/feed.jsonl"))
        let db = dir + "/news.db"
        let first = try runNQL(["-e", #"index(load("\#(dir)/feed.jsonl"), "\#(db)")"#])
        #expect(first.status == 0, "\(first.err)")
        try FileManager.default.setAttributes([.posixPermissions: 0o444], ofItemAtPath: db)
        let before = try Data(contentsOf: URL(fileURLWithPath: db))

        let nql = packageRoot.appendingPathComponent(".build/debug/nql").path
        let r = try runProcess(URL(fileURLWithPath: Self.setpriv),
                               Self.asNobody + [nql, "-e", #"index([{id: "new", text: "Seoul said nothing."}], "\#(db)")"#])
        #expect(r.status == 1)
        #expect(r.err.contains("the file is read-only; nothing was changed"), "\(r.err)")
        #expect(r.err.split(separator: "\n").count <= 3, "\(r.err)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: db)) == before)
        #expect(try runNQL(["-e", #"corpus("\#(db)") | len"#]).out == "12\n")
    }
}
