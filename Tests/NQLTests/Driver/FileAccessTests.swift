import Foundation
import Testing
@testable import NQL

@Suite struct FileAccessTests {
    func scratch() throws -> String {
        let dir = FileAccess.resolve(NSTemporaryDirectory() + "nql-access-\(UUID().uuidString)")
        try FileManager.default.createDirectory(atPath: dir + "/inside/deeper", withIntermediateDirectories: true)
        return dir
    }

    @Test func pathsAreResolvedBeforeTheyAreCompared() throws {
        let dir = try scratch()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try FileManager.default.createSymbolicLink(atPath: dir + "/inside/out", withDestinationPath: dir)
        let access = FileAccess(readable: [dir + "/inside"], writable: [dir + "/inside/deeper"])
        try access.checkRead(dir + "/inside/deeper/a.txt")
        try access.checkRead(dir + "/inside/*.json")
        #expect(throws: RuntimeError.self) { try access.checkRead(dir + "/inside/../secret.txt") }
        #expect(throws: RuntimeError.self) { try access.checkRead(dir + "/inside/out/secret.txt") }
        #expect(throws: RuntimeError.self) { try access.checkRead(dir + "/inside-not/a.txt") }
        #expect(throws: RuntimeError.self) { try access.checkRead(dir + "/*.txt") }
        try access.checkWrite(dir + "/inside/deeper/new/file.json")
        #expect(throws: RuntimeError.self) { try access.checkWrite(dir + "/inside/a.json") }
        try access.checkWrite("-")
        #expect(!access.mayRead(dir + "/inside/out/x.txt"))
    }

    @Test func aDeniedAccessNamesTheFlag() throws {
        var access = FileAccess(readable: ["/nonexistent-nql-folder"], writable: [])
        access.readFlag = "--sandbox"
        let error = #expect(throws: RuntimeError.self) { try access.checkRead("/etc/hostname") }
        #expect(error?.message == "reading '/etc/hostname' is not allowed (--sandbox allows reading below /nonexistent-nql-folder); run with --read PATH to allow it")
        #expect(Messages.writeDenied("/x", flag: "--sandbox", allowed: []).contains("run with --write PATH"))
    }

    @Test func aNULInAPathIsAnErrorEvenWithoutLimits() {
        #expect(throws: RuntimeError.self) { try FileAccess.unrestricted.checkRead("/etc/passwd\u{0}.txt") }
        // The check runs before the body of any built-in that declares a file use.
        var registry = Registry.standard
        registry.register([Builtin("peek", group: "test", params: "path", summary: "s", example: "e", fileUse: .read(argument: 0)) { _ in
            .string("body ran")
        }])
        var out = "", err = ""
        let session = Session(registry: registry, write: { out += $0 }, writeError: { err += $0 })
        session.interpreter.fileAccess = FileAccess(readable: ["/nonexistent-nql-folder"], writable: nil)
        session.run(#"peek("/etc/passwd\u{0}.txt")"#, name: "t")
        session.run(#"peek("/etc/passwd")"#, name: "t")
        #expect(err.contains("contains a NUL character") && err.contains("is not allowed"))
        #expect(out.isEmpty)
    }
}
