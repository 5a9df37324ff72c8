import CEditLine
import Foundation
import NQL
import Testing
@testable import nql

/// The history file is only ever a regular file in libedit's format, and it
/// only grows: a FIFO does not hang the prompt, other files are not touched,
/// and a long history is never cut.
@Suite struct HistoryFileTests {
    func scratch() throws -> String {
        let dir = NSTemporaryDirectory() + "nql-history-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        return dir
    }

    func entry(_ line: String) -> (UnsafeMutablePointer<FILE>) -> Bool {
        { fp in fputs(HistoryFile.header + line + "\n", fp) >= 0 }
    }

    @Test func aFIFOOrADeviceIsNotAHistory() throws {
        let dir = try scratch()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        #expect(mkfifo(dir + "/fifo", 0o600) == 0)
        #expect(HistoryFile(path: dir + "/fifo").problem()?.contains("not a regular file") == true)
        #expect(HistoryFile(path: "/dev/null").problem()?.contains("not a regular file") == true)
        #expect(throws: HistoryFile.WriteError.self) { try HistoryFile(path: dir + "/fifo").append(entry("1 + 1")) }
    }

    @Test func aHistoryLibeditCouldNotHaveWrittenIsNotRead() throws {
        let dir = try scratch()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        // The input with which libedit's own reader overran its buffer (found by Scripts/fuzz history).
        let crafted: [UInt8] = Array("_HiStOrY_V2_\n\\".utf8) + [0xFF, 0x7F, 0xFF, 0xFF, 0xFF] + Array(")\\_?i0".utf8)
        #expect(FileManager.default.createFile(atPath: dir + "/bad", contents: Data(crafted)))
        #expect(HistoryFile(path: dir + "/bad").damage()?.contains("control bytes or invalid UTF-8") == true)
        let good = HistoryFile.header + "let\\040a\\040=\\040\"서울\"\nload(\"a.txt\")\\040|\\040len\n"
        #expect(FileManager.default.createFile(atPath: dir + "/good", contents: Data(good.utf8)))
        #expect(HistoryFile(path: dir + "/good").damage() == nil)
        // An escape strvis never writes (found by Scripts/fuzz history on a fresh corpus).
        let unknownEscape = HistoryFile.header + "let\\040x\\xt\")\\040|\\040len\n"
        #expect(FileManager.default.createFile(atPath: dir + "/escape", contents: Data(unknownEscape.utf8)))
        #expect(HistoryFile(path: dir + "/escape").damage() != nil)
        for cut in ["a\\", "a\\0", "a\\04", "a\\M", "a\\M-", "a\\^", "a\\^a", "a\\8"] {
            #expect(!HistoryText.isLoadable(Array((HistoryFile.header + cut + "\n").utf8)), "\(cut)")
        }
    }

    @Test func everythingLibeditWritesIsReadBack() throws {
        let dir = try scratch()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let lines = ["a b\tc\\d\u{01} e\u{7F}", "let x = \"서울 — Zürich\"", "one\ntwo", "$y^z\\M-q \\^A \\x41"]
        let history = try #require(history_init())
        defer { history_end(history) }
        nql_history_set_size(history, 100)
        for line in lines { nql_history_enter(history, line) }
        let path = dir + "/history"
        try HistoryFile(path: path).append { fp in nql_history_save_fp(history, fp) >= 0 }
        let written = try #require(FileManager.default.contents(atPath: path))
        #expect(HistoryText.isLoadable([UInt8](written)), "\(String(decoding: written, as: UTF8.self))")
        let again = try #require(history_init())
        defer { history_end(again) }
        nql_history_set_size(again, 100)
        #expect(nql_history_load(again, path) >= 0)
        #expect(nql_history_count(again) == lines.count)
    }

    @Test func anOrdinaryFileIsLeftAlone() throws {
        let dir = try scratch()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = dir + "/notes.txt"
        try Data("my notes\n".utf8).write(to: URL(fileURLWithPath: path))
        #expect(HistoryFile(path: path).problem()?.contains("not an nql history file") == true)
        #expect(throws: HistoryFile.WriteError.self) { try HistoryFile(path: path).append(entry("1 + 1")) }
        #expect(FileManager.default.contents(atPath: path) == Data("my notes\n".utf8))
    }

    @Test func aLongHistoryIsAppendedToNeverCut() throws {
        let dir = try scratch()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = dir + "/history"
        try HistoryFile(path: path).append(entry("first"))
        #expect(try String(contentsOfFile: path, encoding: .utf8) == HistoryFile.header + "first\n")
        let old = HistoryFile.header + (0..<200_000).map { "statement\\040\($0)\n" }.joined()
        try Data(old.utf8).write(to: URL(fileURLWithPath: path))
        try HistoryFile(path: path).append(entry("last"))
        #expect(try String(contentsOfFile: path, encoding: .utf8) == old + "last\n")
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir) == ["history"])
    }
}
