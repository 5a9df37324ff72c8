import Foundation
import Testing
@testable import NQL

@Suite struct AtomicFileTests {
    func scratchDirectory() throws -> String {
        let dir = NSTemporaryDirectory() + "nql-atomic-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        return dir
    }

    @Test func writesAndReplacesLeavingNoTemporaryFile() throws {
        let dir = try scratchDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = dir + "/out.json"
        try AtomicFile.write(Data("{\"a\":1}".utf8), to: path)
        try AtomicFile.write(Data("[1,2]".utf8), to: path)
        #expect(FileManager.default.contents(atPath: path) == Data("[1,2]".utf8))
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir) == ["out.json"])
    }

    @Test func keepsThePermissionsOfAnExistingFile() throws {
        let dir = try scratchDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = dir + "/out.csv"
        try AtomicFile.write(Data("a\n".utf8), to: path)
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: path)
        try AtomicFile.write(Data("b\n".utf8), to: path)
        let mode = try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int
        #expect(mode == 0o600)
    }

    @Test func clearErrors() throws {
        let dir = try scratchDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        #expect(throws: AtomicFile.WriteError("cannot save to '\(dir)/missing/out.json': directory '\(dir)/missing' does not exist")) {
            try AtomicFile.write(Data(), to: dir + "/missing/out.json")
        }
        #expect(throws: AtomicFile.WriteError("cannot save to '\(dir)': it is a directory")) { try AtomicFile.write(Data(), to: dir) }
        if getuid() != 0 {
            let locked = dir + "/locked"
            try FileManager.default.createDirectory(atPath: locked, withIntermediateDirectories: false, attributes: [.posixPermissions: 0o500])
            #expect(throws: AtomicFile.WriteError("cannot save to '\(locked)/out.json': permission denied in '\(locked)'")) {
                try AtomicFile.write(Data(), to: locked + "/out.json")
            }
            try FileManager.default.setAttributes([.posixPermissions: 0o700], ofItemAtPath: locked)
        }
    }

    @Test func systemErrorsAreNamed() {
        #expect(AtomicFile.saveError("/r/x.csv", EACCES, directory: "/r").message == "cannot save to '/r/x.csv': permission denied in '/r'")
        #expect(AtomicFile.saveError("/r/x.csv", EROFS, directory: "/r").message == "cannot save to '/r/x.csv': the file system is read-only")
        #expect(AtomicFile.saveError("/r/x.csv", ENOSPC, directory: "/r").message == "cannot save to '/r/x.csv': no space left on the device")
    }

    @Test func aSymbolicLinkIsFollowedAndStaysALink() throws {
        let dir = try scratchDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try AtomicFile.write(Data("old".utf8), to: dir + "/real.txt")
        try FileManager.default.createSymbolicLink(atPath: dir + "/link.txt", withDestinationPath: "real.txt")
        try AtomicFile.write(Data("new".utf8), to: dir + "/link.txt")
        #expect(FileManager.default.contents(atPath: dir + "/real.txt") == Data("new".utf8))
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: dir + "/link.txt") == "real.txt")
        // A link to a file not yet there creates that file.
        try FileManager.default.createSymbolicLink(atPath: dir + "/dangling.txt", withDestinationPath: dir + "/later.txt")
        try AtomicFile.write(Data("x".utf8), to: dir + "/dangling.txt")
        #expect(FileManager.default.contents(atPath: dir + "/later.txt") == Data("x".utf8))
    }

    @Test func setuidBitsDoNotSurviveAndTheModeIsKept() throws {
        let dir = try scratchDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = dir + "/tool"
        try AtomicFile.write(Data("a".utf8), to: path)
        chmod(path, 0o4755)
        try AtomicFile.write(Data("b".utf8), to: path)
        var st = stat()
        #expect(stat(path, &st) == 0)
        #expect(st.st_mode & 0o7777 == 0o755)
    }

    @Test func aDeviceIsWrittenInPlaceNotReplaced() throws {
        try AtomicFile.write(Data("discarded".utf8), to: "/dev/null")
        var st = stat()
        #expect(stat("/dev/null", &st) == 0)
        #expect(st.st_mode & S_IFMT == S_IFCHR)
    }

    @Test func aFIFOWithoutAReaderIsAnErrorNotAHang() throws {
        let dir = try scratchDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        #expect(mkfifo(dir + "/pipe", 0o600) == 0)
        #expect(throws: AtomicFile.WriteError("cannot save to '\(dir)/pipe': nothing is reading from it")) {
            try AtomicFile.write(Data("x".utf8), to: dir + "/pipe")
        }
        var st = stat()
        #expect(stat(dir + "/pipe", &st) == 0 && st.st_mode & S_IFMT == S_IFIFO)
    }

    @Test func aNULInThePathIsAnError() throws {
        let dir = try scratchDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        #expect(throws: AtomicFile.WriteError.self) { try AtomicFile.write(Data("x".utf8), to: dir + "/a\u{0}.txt") }
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir).isEmpty)
    }
}
