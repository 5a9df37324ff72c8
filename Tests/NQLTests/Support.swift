import Foundation
@testable import NQL

/// Runs a program in a fresh session and returns (stdout, stderr, outcome).
func run(_ program: String, format: OutputFormat = .auto, name: String = "test.nql") -> (out: String, err: String, outcome: Outcome) {
    var out = "", err = ""
    let session = Session(registry: .standard, format: format, write: { out += $0 }, writeError: { err += $0 })
    let outcome = session.run(program, name: name)
    return (out, err, outcome)
}

/// Evaluates a one-expression program to a value.
func value(_ program: String) throws -> Value {
    let source = SourceFile(name: "test.nql", text: program)
    let parsed = try Parser.parse(source).get()
    let interpreter = Interpreter(registry: .standard, output: { _ in }, warn: { _ in })
    var last: Value = .null
    try interpreter.run(parsed) { v, _ in last = v }
    return last
}

/// The diagnostics a program's syntax produces.
func syntaxErrors(_ program: String) -> [Diagnostic] {
    if case .failure(let e) = Parser.parse(SourceFile(name: "test.nql", text: program)) { return e.diagnostics }
    return []
}

/// Runs a program and prints every result in NQL notation (as the cases file expects).
func runRepr(_ program: String) -> (out: String, err: String) {
    var out = "", err = ""
    let source = SourceFile(name: "test.nql", text: program)
    switch Parser.parse(source, functionParameters: Registry.standard.functionParameters) {
    case .failure(let e):
        return ("", e.diagnostics.map { $0.render() }.joined())
    case .success(let parsed):
        let interpreter = Interpreter(registry: .standard, output: { out += $0 }, warn: { err += $0 })
        do {
            try interpreter.run(parsed) { v, _ in out += Formatter.repr(v) + "\n" }
        } catch let e as RuntimeError {
            err += e.diagnostic(fallback: source).render()
        } catch {
            err += "\(error)"
        }
        return (out, err)
    }
}
