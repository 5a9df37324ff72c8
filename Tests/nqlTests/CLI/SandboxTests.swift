import Foundation
import NQL
import NQLNews
import Testing

/// `nql --sandbox untrusted.nql`: every built-in that touches files is tried
/// on a path outside the current folder (and, for writes, inside it too).
@Suite struct SandboxTests {
    func scratch() throws -> String {
        let dir = FileAccess.resolve(NSTemporaryDirectory() + "nql-sandbox-\(UUID().uuidString)")
        try FileManager.default.createDirectory(atPath: dir + "/work", withIntermediateDirectories: true)
        try Data("A story from the inside. It has two sentences.\n".utf8).write(to: URL(fileURLWithPath: dir + "/work/in.txt"))
        try Data("The secret outside. Nobody should read it.\n".utf8).write(to: URL(fileURLWithPath: dir + "/secret.txt"))
        return dir
    }

    func runIn(_ dir: String, _ args: [String]) throws -> (out: String, err: String, status: Int32) {
        try runProcess(packageRoot.appendingPathComponent(".build/debug/nql"), args, in: dir)
    }

    /// A call of the built-in on `path` (its path argument at the declared position).
    func call(_ b: Builtin, _ path: String) -> String {
        switch b.fileUse {
        case .read(let i)?:
            return "\(b.name)(" + (Array(repeating: "null", count: i) + ["\"\(path)\""]).joined(separator: ", ") + ")"
        case .write(let i)?:
            let format = b.options.contains("format") ? ", format: \"json\"" : ""
            return "\(b.name)(" + (["[{a: 1}]"] + Array(repeating: "null", count: max(0, i - 1)) + ["\"\(path)\""]).joined(separator: ", ") + format + ")"
        case nil: return ""
        }
    }

    @Test func everyBuiltinThatTouchesFilesIsDeclaredAndChecked() throws {
        let fileBuiltins = News.registry().entries.filter { $0.fileUse != nil }
        #expect(Set(fileBuiltins.map(\.name)) == ["load", "save", "plot", "index", "corpus"])
        let dir = try scratch()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        for b in fileBuiltins {
            for outside in [dir + "/secret.txt", "../secret.txt", "../*.txt", "/etc/hostname"] {
                let r = try runIn(dir + "/work", ["--sandbox", "-e", call(b, outside)])
                #expect(r.status == 1, "\(b.name) \(outside): \(r.err)")
                #expect(r.err.contains("is not allowed") && r.err.contains("--sandbox"), "\(r.err)")
                #expect(!r.out.contains("secret") && !r.out.contains("Nobody"))
            }
        }
        let secret = try String(contentsOfFile: dir + "/secret.txt", encoding: .utf8)
        #expect(secret.hasPrefix("The secret"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir + "/work") == ["in.txt"])
    }

    @Test func insideTheFolderReadingWorksAndWritingGoesOnlyToStdout() throws {
        let dir = try scratch()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let r = try runIn(dir + "/work", ["--sandbox", "-e", #"load("in.txt").text"#])
        #expect(r.status == 0 && r.out.contains("A story"))
        let w = try runIn(dir + "/work", ["--sandbox", "-e", #"save([1], "out.json")"#])
        #expect(w.status == 1 && w.err.contains("run with --write PATH"))
        let s = try runIn(dir + "/work", ["--sandbox", "-e", #"save([1], "-", format: "json")"#])
        #expect(s.status == 0 && s.out == "[\n  1\n]\n")
        let allowed = try runIn(dir + "/work", ["--sandbox", "--write", ".", "-e", #"save([1], "out.json")"#])
        #expect(allowed.status == 0, "\(allowed.err)")
    }

    @Test func aLinkInsideThatLeadsOutIsNotFollowed() throws {
        let dir = try scratch()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try FileManager.default.createSymbolicLink(atPath: dir + "/work/link.txt", withDestinationPath: dir + "/secret.txt")
        let r = try runIn(dir + "/work", ["--sandbox", "-e", #"load(".") | map(.text)"#])
        #expect(r.out.contains("A story") && !r.out.contains("secret"))
        #expect(r.err.contains("a link leads outside"))
        #expect(r.status == 4)
    }
}
