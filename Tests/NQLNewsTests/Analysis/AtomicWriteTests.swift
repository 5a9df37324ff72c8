import Foundation
import Testing
@testable import NQLNews

@Suite("Analysis atomic write")
struct AnalysisAtomicWriteTests {
    func scratchDirectory() throws -> String {
        let dir = NSTemporaryDirectory() + "nql-analysis-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        return dir
    }

    @Test func writesAndReplacesLeavingNoTemporaryFile() throws {
        let dir = try scratchDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = dir + "/out.json"
        try writeAtomically(Data("{\"a\":1}".utf8), to: path)
        try writeAtomically(Data("[1,2]".utf8), to: path)
        #expect(FileManager.default.contents(atPath: path) == Data("[1,2]".utf8))
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir) == ["out.json"])
    }

    @Test func keepsThePermissionsOfAnExistingFile() throws {
        let dir = try scratchDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = dir + "/out.csv"
        try writeAtomically(Data("a\n".utf8), to: path)
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: path)
        try writeAtomically(Data("b\n".utf8), to: path)
        let mode = try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int
        #expect(mode == 0o600)
    }

    @Test func clearErrors() throws {
        let dir = try scratchDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        #expect(throws: AnalysisError("cannot save to '\(dir)/missing/out.json': directory '\(dir)/missing' does not exist")) {
            try writeAtomically(Data(), to: dir + "/missing/out.json")
        }
        #expect(throws: AnalysisError("cannot save to '\(dir)': it is a directory")) { try writeAtomically(Data(), to: dir) }
        if getuid() != 0 {
            let locked = dir + "/locked"
            try FileManager.default.createDirectory(atPath: locked, withIntermediateDirectories: false, attributes: [.posixPermissions: 0o500])
            #expect(throws: AnalysisError("cannot save to '\(locked)/out.json': permission denied in '\(locked)'")) {
                try writeAtomically(Data(), to: locked + "/out.json")
            }
            try FileManager.default.setAttributes([.posixPermissions: 0o700], ofItemAtPath: locked)
        }
    }

    @Test func systemErrorsAreNamed() {
        #expect(saveError("/r/x.csv", EACCES, directory: "/r").message == "cannot save to '/r/x.csv': permission denied in '/r'")
        #expect(saveError("/r/x.csv", EROFS, directory: "/r").message == "cannot save to '/r/x.csv': the file system is read-only")
        #expect(saveError("/r/x.csv", ENOSPC, directory: "/r").message == "cannot save to '/r/x.csv': no space left on the device")
    }

    @Test func formatsByExtensionAndCSVFields() throws {
        #expect(try SaveFormat(path: "a/b.JSON") == .json)
        #expect(try SaveFormat(path: "x.ndjson") == .jsonl)
        #expect(try SaveFormat(path: "x.csv") == .csv)
        #expect(throws: AnalysisError("unsupported file type '.txt' for 'x.txt': use .json, .jsonl or .csv")) { try SaveFormat(path: "x.txt") }
        #expect(throws: AnalysisError("cannot tell the format of 'x': add .json, .jsonl or .csv")) { try SaveFormat(path: "x") }
        #expect(Analysis.csvLine(["plain", "a,b", "say \"hi\"", "two\nlines"]) == "plain,\"a,b\",\"say \"\"hi\"\"\",\"two\nlines\"\r\n")
    }
}
