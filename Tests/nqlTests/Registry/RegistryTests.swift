import Foundation
import NQL
import NQLNews
import Testing

/// The names of every built-in `nql` runs with.
func builtinNames() -> [String] { News.registry().entries.map(\.name) }

@Suite struct RegistryTests {
    @Test func everyBuiltinHasHelpAGroupAndAnExample() {
        for b in News.registry().entries {
            #expect(!b.summary.isEmpty, "\(b.name) has no help text")
            #expect(!b.group.isEmpty, "\(b.name) has no group")
            #expect(!b.example.isEmpty, "\(b.name) has no example")
            #expect(b.signature.hasPrefix(b.name + "("))
        }
    }

    @Test func theIssueListOfGeneralBuiltinsIsThere() {
        let required = ["print", "len", "map", "where", "select", "sort", "take", "skip", "first", "last", "unique", "group",
                        "count", "sum", "avg", "min", "max", "join", "split", "lower", "upper", "trim", "matches", "replace",
                        "keys", "type", "range"]
        let names = Set(builtinNames())
        for name in required { #expect(names.contains(name), "missing built-in \(name)") }
    }

    /// The corpus store the examples of `index` and `corpus` share starts fresh (once per run).
    static let freshExampleStore: Void = {
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: "/tmp/nql-example.db" + suffix) }
    }()

    /// The example shown by `:help NAME` runs without error (from the package root).
    @Test(arguments: builtinNames())
    func helpExampleRuns(_ name: String) throws {
        _ = RegistryTests.freshExampleStore
        guard let b = News.registry().builtin(named: name) else { return }
        var err = ""
        let session = Session(registry: News.registry(), write: { _ in }, writeError: { err += $0 },
                              currentDirectory: packageRoot.path)
        let outcome = session.run(b.example, name: "<help \(name)>")
        guard case .completed = outcome else {
            Issue.record("example of \(name) failed: \(b.example)\n\(err)")
            return
        }
        #expect(err.isEmpty, "example of \(name) warned: \(err)")
    }
}
