import Foundation
import NQL
import Testing

/// Memory, output and interruption limits of the `nql` command.
@Suite struct LimitsTests {
    @Test func aStatementOverTheMemoryLimitIsAnError() throws {
        let r = try runNQL(["--max-memory", "200M", "-e", "range(100) | map(x -> range(1000000)) | len"])
        #expect(r.status == 1)
        #expect(r.err.contains("out of memory") && r.err.contains("200 MB"))
    }

    @Test func underAnAddressSpaceLimitTheStatementFailsNotTheProcess() throws {
        let nql = packageRoot.appendingPathComponent(".build/debug/nql").path
        let r = try runNQL([], environment: [:], shell: "ulimit -v 3000000; exec '\(nql)' -e 'range(1000) | map(x -> range(10000000)) | len'")
        #expect(r.status == 1, "\(r.err.prefix(300))")
        #expect(r.err.contains("out of memory"))
    }

    @Test func sizesReadAsPeopleWriteThem() {
        #expect(MemoryLimit.parseSize("512M") == 512 << 20)
        #expect(MemoryLimit.parseSize("2g") == 2 << 30)
        #expect(MemoryLimit.parseSize("1.5GB") == 3 << 29)
        #expect(MemoryLimit.parseSize("1000") == 1000)
        #expect(MemoryLimit.parseSize("lots") == nil && MemoryLimit.parseSize("-1G") == nil && MemoryLimit.parseSize("1e30T") == nil)
    }

    @Test func aFullDiskIsReportedWithANonZeroStatus() throws {
        let r = try runNQL([], shell: "exec '\(packageRoot.appendingPathComponent(".build/debug/nql").path)' -f json -e 'range(100000)' > /dev/full")
        #expect(r.status == 1)
        #expect(r.err.contains("cannot write the output") && r.err.contains("No space left on device"))
    }

    @Test func ctrlCDuringAScriptKeepsTheOutputOfFinishedStatements() throws {
        let nql = try RunningNQL(["-e", "print(\"finished\")\nlen(range(100000000) | map(x -> x + 1))\nprint(\"never\")"])
        // Wait until the first statement's output is out, then press Ctrl-C.
        let first = nql.firstOutput()
        nql.process.interrupt()
        let r = try nql.finish()
        #expect(first + r.out == "finished\n")
        #expect(r.status == 130)
        #expect(r.err.contains("interrupted"))
    }

    @Test func ctrlCStopsASlowLoad() throws {
        // 400,000 small articles: far more than a debug build reads in the moment before Ctrl-C.
        let path = NSTemporaryDirectory() + "nql-slow-load-\(UUID().uuidString).jsonl"
        defer { try? FileManager.default.removeItem(atPath: path) }
        var lines = ""
        lines.reserveCapacity(400_000 * 60)
        for n in 0..<400_000 { lines += "{\"id\": \(n), \"text\": \"Talks in Seoul went on for a second day.\"}\n" }
        try lines.write(toFile: path, atomically: false, encoding: .utf8)
        let nql = try RunningNQL(["-e", "print(\"loading\")\nload(\"\(path)\") | filter(contains(.text, \"Seoul\")) | len\nprint(\"never\")"])
        let first = nql.firstOutput()
        usleep(300_000)  // into the load
        nql.process.interrupt()
        let r = try nql.finish()
        #expect(first + r.out == "loading\n", "the load was stopped before it counted")
        #expect(r.status == 130)
        #expect(r.err.contains("interrupted"))
    }

    @Test func aClosedPipeEndsQuietlyWith141() throws {
        let nql = packageRoot.appendingPathComponent(".build/debug/nql").path
        let r = try runNQL([], shell: "'\(nql)' -f json -e 'range(1000000)' | head -c 10 > /dev/null; echo \"status ${PIPESTATUS[0]}\"")
        #expect(r.out == "status 141\n")
        #expect(r.err.isEmpty)
    }
}

/// Runs a shell command line (bash) instead of nql itself.
func runNQL(_ args: [String], environment: [String: String] = [:], shell: String) throws -> (out: String, err: String, status: Int32) {
    try runProcess(URL(fileURLWithPath: "/bin/bash"), ["-c", shell])
}

/// Runs a program with stdin closed and returns what it wrote and its status.
func runProcess(_ executable: URL, _ args: [String], in directory: String? = nil) throws -> (out: String, err: String, status: Int32) {
    let process = Process()
    process.executableURL = executable
    process.arguments = args
    if let directory { process.currentDirectoryURL = URL(fileURLWithPath: directory) }
    let outPipe = Pipe(), errPipe = Pipe()
    process.standardOutput = outPipe
    process.standardError = errPipe
    process.standardInput = FileHandle.nullDevice
    try process.run()
    let out = outPipe.fileHandleForReading.readDataToEndOfFile()
    let err = errPipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (String(decoding: out, as: UTF8.self), String(decoding: err, as: UTF8.self), process.terminationStatus)
}
