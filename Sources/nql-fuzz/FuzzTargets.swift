// libFuzzer entry points for the code that reads untrusted input. Built only
// by `Scripts/fuzz` (with `-sanitize=fuzzer,address -DFUZZING`, so libFuzzer
// supplies `main`); an ordinary build gets a stub that says how to run it.
// The target is chosen by the environment variable NQL_FUZZ_TARGET.

import Foundation
import NQL
import NQLNews
import CEditLine

/// The fuzz targets, by name.
enum FuzzTarget: String, CaseIterable {
    case parser, eval, json, html, text, entities, history

    /// Feeds one input to the code under test; any trap is a finding.
    func run(_ data: Data) {
        switch self {
        case .parser:
            _ = Parser.parse(SourceFile(name: "fuzz.nql", text: String(decoding: data, as: UTF8.self)),
                             functionParameters: FuzzTarget.registry.functionParameters)
        case .eval:
            FuzzTarget.evaluate(String(decoding: data, as: UTF8.self))
        case .json:
            _ = try? JSON.parse(String(decoding: data, as: UTF8.self))
            _ = ArticleLoader.load(data: data, path: "fuzz.json", format: "json")
            _ = ArticleLoader.load(data: data, path: "fuzz.jsonl", format: "jsonl")
        case .html:
            _ = ArticleLoader.load(data: data, path: "fuzz.html", format: "html")
        case .text:
            _ = ArticleLoader.load(data: data, path: "fuzz.txt", format: "txt")
            _ = ArticleLoader.load(data: data, path: "fuzz", format: nil)
        case .entities:
            // The recogniser and its rules read whatever text an article brings.
            guard let recognizer = try? EntityRecognizer.shared() else { return }
            let text = String(decoding: data, as: UTF8.self)
            _ = recognizer.entities(in: text)
        case .history:
            FuzzTarget.readHistory(data)
        }
    }

    static let registry = Registry.standard

    /// Runs a program with a one-second budget (a watchdog raises the
    /// interrupt flag) and a memory limit; errors are expected, traps are not.
    static func evaluate(_ text: String) {
        guard case .success(let program) = Parser.parse(SourceFile(name: "fuzz.nql", text: text),
                                                         functionParameters: registry.functionParameters) else { return }
        let flag = Interrupt()
        let interpreter = Interpreter(registry: registry, output: { _ in }, warn: { _ in }, interrupt: flag)
        // Generated programs touch no file: `plot` writes, and the fuzzer runs as whoever started it.
        interpreter.fileAccess = FileAccess(readable: [], writable: [])
        let watchdog = DispatchWorkItem { flag.request() }
        DispatchQueue.global().asyncAfter(deadline: .now() + 1, execute: watchdog)
        _ = try? interpreter.run(program) { value, _ in
            _ = Formatter.render(value, as: .auto)
            _ = Formatter.render(value, as: .json)
            _ = Formatter.render(value, as: .csv)
        }
        watchdog.cancel()
    }

    /// Reads the bytes as a history file, as the prompt does at start-up.
    static func readHistory(_ data: Data) {
        // As the prompt does: a file libedit could not have written is not read.
        guard HistoryText.isLoadable([UInt8](data)) else { return }
        let path = NSTemporaryDirectory() + "nql-fuzz-history-\(getpid())"
        guard FileManager.default.createFile(atPath: path, contents: data) else { return }
        defer { unlink(path) }
        guard let history = history_init() else { return }
        defer { history_end(history) }
        nql_history_set_size(history, 1000)
        _ = nql_history_load(history, path)
        _ = nql_history_count(history)
    }
}

#if FUZZING
// SwiftPM gives an executable its own entry point, so libFuzzer's `main` is not
// used: this one hands control to libFuzzer's driver.
@_silgen_name("LLVMFuzzerRunDriver")
func LLVMFuzzerRunDriver(_ argc: UnsafeMutablePointer<Int32>,
                         _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
                         _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> Int32) -> Int32

nonisolated(unsafe) private var selected = FuzzTarget.parser

@main
enum FuzzDriver {
    static func main() {
        let name = ProcessInfo.processInfo.environment["NQL_FUZZ_TARGET"] ?? ""
        guard let target = FuzzTarget(rawValue: name) else {
            FileHandle.standardError.write(Data("set NQL_FUZZ_TARGET to one of \(FuzzTarget.allCases.map(\.rawValue))\n".utf8))
            exit(2)
        }
        selected = target
        MemoryLimit.shared.bytes = 1 << 30
        var argc = CommandLine.argc
        var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
        exit(LLVMFuzzerRunDriver(&argc, &argv) { bytes, count in
            guard let bytes else { return 0 }
            selected.run(Data(bytes: bytes, count: count))
            return 0
        })
    }
}
#else
@main
enum FuzzUsage {
    static func main() {
        print("nql-fuzz is built with libFuzzer by Scripts/fuzz; targets: \(FuzzTarget.allCases.map(\.rawValue).joined(separator: ", "))")
    }
}
#endif
