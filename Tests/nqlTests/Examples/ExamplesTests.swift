import Foundation
import NQL
import NQLNews
import Testing

/// The package root, found from this file's path.
let packageRoot = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

/// Every `Examples/*.nql`, by name relative to the package root.
func exampleScripts() -> [String] {
    let dir = packageRoot.appendingPathComponent("Examples")
    let names = (try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? []
    return names.filter { $0.hasSuffix(".nql") }.sorted().map { "Examples/" + $0 }
}

/// Runs a script in-process as `nql --echo` would (format auto, no colour) and
/// returns what it printed on stdout and stderr.
func runScript(_ relativePath: String, stdin: String? = nil) throws -> (out: String, err: String, code: Int32) {
    let url = packageRoot.appendingPathComponent(relativePath)
    let text = try String(contentsOf: url, encoding: .utf8)
    var out = "", err = ""
    let session = Session(registry: News.registry(), write: { out += $0 }, writeError: { err += $0 },
                          currentDirectory: packageRoot.path)
    // As `nql --echo`: each statement before its output, so a reader sees which line printed what.
    session.echo = true
    // A lesson run as `nql LESSON --arg NAME=VALUE` keeps its arguments in NAME.args, one NAME=VALUE a line.
    let args = url.deletingPathExtension().appendingPathExtension("args")
    if let lines = try? String(contentsOf: args, encoding: .utf8) {
        for line in lines.split(separator: "\n") {
            guard let eq = line.firstIndex(of: "=") else { continue }
            session.interpreter.define(String(line[..<eq]), .string(String(line[line.index(after: eq)...])))
        }
        session.interpreter.takesArguments = true
    }
    let code = session.run(text, name: relativePath, bindLast: true).exitCode.rawValue
    return (out, err, code)
}

/// Golden tests: each example's output must equal `NAME.out` (and its errors
/// `NAME.err`). Set NQL_RECORD=1 to write the files anew after an intended change.
@Test(arguments: exampleScripts())
func exampleMatchesExpectedOutput(_ script: String) throws {
    // A lesson's stores in /tmp (`/tmp/nql-lesson-NN.db`) start fresh, as on a reader's first run.
    let scratch = (try? FileManager.default.contentsOfDirectory(atPath: "/tmp")) ?? []
    let lesson = "nql-lesson-" + String(script.dropFirst("Examples/".count).prefix(2)) + "."
    for name in scratch where name.hasPrefix(lesson) { try? FileManager.default.removeItem(atPath: "/tmp/" + name) }
    let (out, err, _) = try runScript(script)
    let base = packageRoot.appendingPathComponent(String(script.dropLast(4)))
    let outURL = base.appendingPathExtension("out"), errURL = base.appendingPathExtension("err")
    if ProcessInfo.processInfo.environment["NQL_RECORD"] == "1" {
        try out.write(to: outURL, atomically: true, encoding: .utf8)
        if err.isEmpty { try? FileManager.default.removeItem(at: errURL) } else { try err.write(to: errURL, atomically: true, encoding: .utf8) }
        return
    }
    let expectedOut = try String(contentsOf: outURL, encoding: .utf8)
    let expectedErr = (try? String(contentsOf: errURL, encoding: .utf8)) ?? ""
    #expect(out == expectedOut, "stdout of \(script) differs from \(outURL.lastPathComponent); rerun with NQL_RECORD=1 if intended")
    #expect(err == expectedErr, "stderr of \(script) differs from \(errURL.lastPathComponent); rerun with NQL_RECORD=1 if intended")
}

@Test func examplesFormACourse() {
    let scripts = exampleScripts()
    #expect(scripts.count >= 15)
    // Numbered from 01 without gaps, so the course reads in order.
    #expect(scripts.map { String($0.dropFirst("Examples/".count).prefix(2)) } == (1...scripts.count).map { String(format: "%02d", $0) })
}
