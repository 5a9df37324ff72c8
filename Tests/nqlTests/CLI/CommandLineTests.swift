import Foundation
import Testing

/// Runs the built `nql` binary with arguments and optional stdin.
func runNQL(_ args: [String], stdin: String? = nil, environment: [String: String] = [:]) throws -> (out: String, err: String, status: Int32) {
    let process = Process()
    process.executableURL = packageRoot.appendingPathComponent(".build/debug/nql")
    process.arguments = args
    process.currentDirectoryURL = packageRoot
    var env = ProcessInfo.processInfo.environment
    for (k, v) in environment { env[k] = v }
    process.environment = env
    let outPipe = Pipe(), errPipe = Pipe(), inPipe = Pipe()
    process.standardOutput = outPipe
    process.standardError = errPipe
    process.standardInput = inPipe
    try process.run()
    if let stdin { inPipe.fileHandleForWriting.write(Data(stdin.utf8)) }
    try inPipe.fileHandleForWriting.close()
    let out = outPipe.fileHandleForReading.readDataToEndOfFile()
    let err = errPipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (String(decoding: out, as: UTF8.self), String(decoding: err, as: UTF8.self), process.terminationStatus)
}

/// A running `nql` whose output a test reads while it runs (to press Ctrl-C, or to feed stdin late).
struct RunningNQL {
    let process = Process()
    let out = Pipe(), err = Pipe(), input = Pipe()

    init(_ args: [String]) throws {
        process.executableURL = packageRoot.appendingPathComponent(".build/debug/nql")
        process.arguments = args
        process.standardOutput = out
        process.standardError = err
        process.standardInput = input
        try process.run()
    }

    /// What is written to stdout so far (waits for the first write).
    func firstOutput() -> String { String(decoding: out.fileHandleForReading.availableData, as: UTF8.self) }

    /// The rest of stdout, stderr and the status, once it ends.
    func finish() throws -> (out: String, err: String, status: Int32) {
        try? input.fileHandleForWriting.close()
        let rest = out.fileHandleForReading.readDataToEndOfFile()
        let errors = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (String(decoding: rest, as: UTF8.self), String(decoding: errors, as: UTF8.self), process.terminationStatus)
    }
}

@Suite struct CommandLineTests {
    @Test func inlineProgramPrintsItsResult() throws {
        let r = try runNQL(["-e", "[3,1,2] | sort | map(x -> x * 10)"])
        #expect(r.out == "[10, 20, 30]\n")
        #expect(r.status == 0)
    }

    @Test func autoFormatIntoAPipeIsJSONLinesForRecords() throws {
        let r = try runNQL(["-e", #"[{title: "서울", day: @2024-07-28}, {title: "Tokyo", day: null}]"#])
        #expect(r.out == "{\"title\":\"서울\",\"day\":\"2024-07-28\"}\n{\"title\":\"Tokyo\",\"day\":null}\n")
        let table = try runNQL(["-f", "table", "-e", #"[{title: "Tokyo"}]"#])
        #expect(table.out == " title\n Tokyo\n")
    }

    @Test func saveKeepsStdoutForDataAndStringsShowDatesAsISO() throws {
        let path = NSTemporaryDirectory() + "nql-cli-save-\(UUID().uuidString).csv"
        defer { try? FileManager.default.removeItem(atPath: path) }
        let r = try runNQL(["-e", #"save([{day: @2024-07-28}], "\#(path)"); "on ${@2024-07-28 + 1}""#])
        #expect(r.out == "\"on 2024-07-29\"\n", "stderr: \(r.err)")
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "day\r\n2024-07-28\r\n")
    }

    @Test func anUnknownNameInAScriptHintsAtArg() throws {
        let r = try runNQL(["-e", "load(outlet)"])
        #expect(r.status == 1)
        #expect(r.err.contains("unknown name 'outlet'; if it is the script's input, give it with --arg outlet=VALUE"))
        let given = try runNQL(["-e", "outlet", "--arg", "outlet=Yonhap"])
        #expect(given.out == "\"Yonhap\"\n", "\(given.err)")
    }

    @Test func aModelFolderThatHoldsNoModelIsAnError() throws {
        let r = try runNQL(["-e", #"entities("Antony Blinken flew to Tokyo.") | len"#], environment: ["NQL_MODEL_DIR": "/no/such/model/folder"])
        #expect(r.status == 1)
        #expect(r.err.contains("NQL_MODEL_DIR is '/no/such/model/folder', which holds no 'ner.model'"))
    }

    @Test func printedLinesLeaveBeforeTheNextStatementRuns() throws {
        // The second statement waits for stdin; "ready" must already be readable by then.
        let nql = try RunningNQL(["-e", #"print("ready"); load("-") | len"#])
        #expect(nql.firstOutput() == "ready\n")
        nql.input.fileHandleForWriting.write(Data("{\"text\": \"a\"}\n".utf8))
        #expect(try nql.finish().out == "1\n")
    }

    @Test func aStreamedLoadIntoAPipePrintsRecordsAsJSONLines() throws {
        let r = try runNQL(["-e", #"load("Examples/articles/wires.jsonl") | select(.title) | take(2)"#])
        let lines = r.out.split(separator: "\n")
        #expect(lines.count == 2, "\(r.out)")
        #expect(lines.allSatisfy { $0.hasPrefix("{\"title\":") })
    }

    @Test func jsonFormatIsValidJSON() throws {
        let r = try runNQL(["--format", "json", "-e", "[3,1,2] | sort | map(x -> x * 10)"])
        let parsed = try JSONSerialization.jsonObject(with: Data(r.out.utf8)) as? [Int]
        #expect(parsed == [10, 20, 30])
    }

    @Test func recordsPrintAsAnAlignedTable() throws {
        let r = try runNQL(["--format", "table", "-e", #"[{name: "서울", n: 1}, {name: "Tokyo", n: 22}]"#])
        #expect(r.out == " name    n\n 서울    1\n Tokyo  22\n")
    }

    @Test func csvAndJsonl() throws {
        #expect(try runNQL(["-f", "csv", "-e", #"[{a: "x,y", b: 1}]"#]).out == "a,b\r\n\"x,y\",1\r\n")
        #expect(try runNQL(["-f", "jsonl", "-e", "[{a: 1}, {a: 2}]"]).out == "{\"a\":1}\n{\"a\":2}\n")
    }

    @Test func aStreamToAReaderThatStopsEndsQuietlyBySIGPIPE() throws {
        let input = NSTemporaryDirectory() + "nql-pipe-\(UUID().uuidString).jsonl"
        defer { try? FileManager.default.removeItem(atPath: input) }
        let lines = (1...200_000).map { #"{"id": "w\#($0)", "body": "Talks in Seoul."}"# }.joined(separator: "\n")
        #expect(FileManager.default.createFile(atPath: input, contents: Data(lines.utf8)))
        let process = Process()
        process.executableURL = packageRoot.appendingPathComponent(".build/debug/nql")
        process.arguments = ["-f", "jsonl", "-e", #"load("-") | map(.id)"#]
        process.standardInput = FileHandle(forReadingAtPath: input)
        let outPipe = Pipe(), errPipe = Pipe()
        process.standardOutput = outPipe
        process.standardError = errPipe
        try process.run()
        // Read the first line, then go away, as `head -1` does.
        var first = Data()
        while !first.contains(0x0A) {
            let more = outPipe.fileHandleForReading.availableData
            if more.isEmpty { break }
            first.append(more)
        }
        try outPipe.fileHandleForReading.close()
        let err = errPipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        #expect(String(decoding: first, as: UTF8.self).hasPrefix("\"w1\"\n"))
        #expect(process.terminationReason == .uncaughtSignal && process.terminationStatus == SIGPIPE)
        #expect(err.isEmpty)
    }

    @Test func exitCodesAreDistinct() throws {
        #expect(try runNQL(["-e", "1"]).status == 0)
        #expect(try runNQL(["-e", "1 / 0"]).status == 1)
        #expect(try runNQL(["--bogus"]).status == 2)
        #expect(try runNQL(["-e", "1 +* 2"]).status == 3)
        #expect(try runNQL(["no-such-file.nql"]).status == 2)
        // A missing input is reported and the rest runs, but the status says so.
        let missing = try runNQL(["-e", #"load("no-such-folder/") | len"#])
        #expect(missing.status == 4)
        #expect(missing.out == "0\n")
        #expect(missing.err.contains("no-such-folder"))
    }

    @Test func twoSyntaxErrorsAreBothReportedWithCarets() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("nql-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let file = dir.appendingPathComponent("bad.nql")
        try "let a = 1 +* 2\nprint(a)\nlet b = [1, 2,, 3]\n".write(to: file, atomically: true, encoding: .utf8)
        let r = try runNQL([file.path])
        #expect(r.status == 3)
        #expect(r.out.isEmpty)
        #expect(r.err.contains("bad.nql:1:12: error: expected an expression, found '*'\nlet a = 1 +* 2\n           ^\n"))
        #expect(r.err.contains("bad.nql:3:15: error: expected an expression, found ','\nlet b = [1, 2,, 3]\n              ^\n"))
    }

    @Test func unknownNameSuggestsAndRecursionEndsCleanly() throws {
        let r = try runNQL(["-e", "lenn([1])"])
        #expect(r.err.contains("did you mean 'len'?"))
        #expect(r.status == 1)
        let deep = try runNQL(["-e", "let f = n -> f(n + 1)\nf(0)"])
        #expect(deep.status == 1)
        #expect(deep.err.contains("too much recursion"))
    }

    @Test func programFromStdinAndShebang() throws {
        #expect(try runNQL([], stdin: "#!/usr/bin/env nql\nprint(\"piped\")\n").out == "piped\n")
        #expect(try runNQL(["-"], stdin: "1 + 1\n").out == "2\n")
    }

    @Test func argsAreBoundAsStrings() throws {
        let r = try runNQL(["-e", "\"hello ${who}\"", "--arg", "who=서울"])
        #expect(r.out == "\"hello 서울\"\n")
    }

    @Test func helpAndVersion() throws {
        #expect(try runNQL(["--help"]).out.contains("exit codes: 0 success"))
        #expect(try runNQL(["--version"]).out.hasPrefix("nql "))
    }

    @Test func errorsGoToStderrResultsToStdout() throws {
        let r = try runNQL(["-e", "print(\"ok\")\n1 / 0"])
        #expect(r.out == "ok\n")
        #expect(r.err.hasPrefix("<command line>:2:1: error: division by zero"))
    }

    @Test func entitiesJSONLToolWritesEveryMentionWithScalarOffsets() throws {
        let docs = """
            {"id": "d1", "text": "서울 — U.S. Secretary of State Antony Blinken met Yoon Suk Yeol in Seoul on Monday."}
            {"id": "d2", "text": "No names here."}
            {"id": 3, "text": "Nothing either."}

            """
        let r = try runNQL(["Examples/tools/entities-jsonl.nql"], stdin: docs)
        #expect(r.status == 0, "stderr: \(r.err)")
        let lines = r.out.split(separator: "\n").map(String.init)
        #expect(lines.count == 3)
        let first = try JSONSerialization.jsonObject(with: Data(lines[0].utf8)) as? [String: Any]
        #expect(first?["id"] as? String == "d1")
        let entities = first?["entities"] as? [[String: Any]] ?? []
        let text = Array("서울 — U.S. Secretary of State Antony Blinken met Yoon Suk Yeol in Seoul on Monday.".unicodeScalars)
        for e in entities {
            guard let start = e["start"] as? Int, let end = e["end"] as? Int, let mention = e["text"] as? String else {
                Issue.record("entity without start, end or text: \(e)")
                continue
            }
            var slice = ""
            slice.unicodeScalars.append(contentsOf: text[start..<end])
            #expect(slice == mention)
        }
        #expect(entities.contains { $0["text"] as? String == "Antony Blinken" && $0["type"] as? String == "PERSON" })
        #expect(lines[1] == #"{"id":"d2","entities":[]}"#)
        #expect(lines[2] == #"{"id":3,"entities":[]}"#, "a numeric id stays a number")
    }

    @Test func partialsOfPartsMergeIntoTheWholeResult() throws {
        let program = #"load("-") | tally(.source)"#
        let a = #"{"id": "1", "source": "AP", "text": "x"}"# + "\n" + #"{"id": "2", "source": "AFP", "text": "y"}"# + "\n"
        let b = #"{"id": "3", "source": "AFP", "text": "z"}"# + "\n" + #"{"id": "4", "source": "AP", "text": "w"}"# + "\n"
        let first = try runNQL(["--partial", "--part", "0", "-e", program], stdin: a)
        let second = try runNQL(["--partial", "--part", "1", "-e", program], stdin: b)
        #expect(first.status == 0 && second.status == 0)
        #expect(first.out.hasPrefix(#"{"nql_partial":1,"builtin":"tally","stage":"tally(.source)","options":{},"part":0,"#))
        // In any order: the parts' numbers keep AP (seen first) ahead of AFP at the tie.
        let merged = try runNQL(["--merge", "--format", "json"], stdin: second.out + first.out)
        let single = try runNQL(["--format", "json", "-e", program], stdin: a + b)
        #expect(merged.status == 0)
        #expect(merged.out == single.out)
        #expect(merged.out.contains("AP"))
        #expect(try runNQL(["--merge"], stdin: second.out + first.out).out == (try runNQL(["-e", program], stdin: a + b)).out)
    }

    @Test func aStageWithoutPartialsIsAUsageError() throws {
        let run = try runNQL(["--partial", "-e", #"load("-") | sort(.title)"#], stdin: "")
        #expect(run.status == 2)
        #expect(run.err.hasPrefix("nql: 'sort' cannot give a partial result"))
        #expect(run.err.contains("(mergeable: compare, cooccur, count, group, keywords, len, stories, sum, tally, timeline)"))
        #expect(run.out.isEmpty)
        let noStage = try runNQL(["--partial", "-e", "1 + 2"], stdin: "")
        #expect(noStage.status == 2)
        #expect(noStage.err.contains("--partial needs a script whose last statement ends with a mergeable built-in"))
        let both = try runNQL(["--partial", "--merge"], stdin: "")
        #expect(both.status == 2)
        let bad = try runNQL(["--merge"], stdin: "{}\n")
        #expect(bad.status == 1)
        #expect(bad.err.contains("line 1 is not a partial result"))
    }
}
