import NQL
import NQLNews
import Testing

@testable import nql

/// The help `:help` prints comes from the registry: every entry must carry it.
struct REPLHelpTests {
    static let registries: [(String, Registry)] = [("Registry.standard", Registry.standard), ("News.registry()", News.registry())]

    @Test(arguments: registries.map(\.0))
    func everyBuiltinHasSummaryGroupAndExample(_ name: String) throws {
        let registry = try #require(REPLHelpTests.registries.first { $0.0 == name }?.1)
        #expect(!registry.entries.isEmpty)
        for b in registry.entries {
            #expect(!b.summary.trimmingCharacters(in: .whitespaces).isEmpty, "\(b.name) has no summary")
            #expect(!b.group.trimmingCharacters(in: .whitespaces).isEmpty, "\(b.name) has no group")
            #expect(!b.example.trimmingCharacters(in: .whitespaces).isEmpty, "\(b.name) has no example")
        }
    }

    @Test func helpTextListsEveryBuiltinAndCommand() {
        let registry = News.registry()
        let text = REPL.helpText(registry: registry)
        for b in registry.entries { #expect(text.contains("  \(b.name)") && text.contains(b.summary)) }
        for group in registry.groups { #expect(text.contains("\n\(group.name)\n")) }
        for c in MetaCommand.all { #expect(text.contains(c.usage)) }
    }

    @Test func helpForOneBuiltin() throws {
        let sort = try #require(Registry.standard.builtin(named: "sort"))
        let text = REPL.help(for: sort)
        #expect(text.hasPrefix(sort.signature + "\n"))
        #expect(text.contains(sort.summary))
        #expect(text.contains(sort.example))
    }

    @Test func helpSaysWhichBuiltinsMerge() throws {
        let registry = News.registry()
        #expect(REPL.help(for: try #require(registry.builtin(named: "len"))).contains("\n  mergeable: over split input, nql --partial"))
        #expect(REPL.help(for: try #require(registry.builtin(named: "timeline"))).contains("\n  mergeable:"))
        #expect(!REPL.help(for: try #require(registry.builtin(named: "sort"))).contains("mergeable"))
    }

    @Test func helpForLoadListsTheArticleFields() throws {
        let load = try #require(News.registry().builtin(named: "load"))
        let text = REPL.help(for: load)
        #expect(text.contains("fields of each article:"))
        for field in ["title", "subtitle", "source", "authors", "date", "paragraphs", "sentences", "captions", "words"] {
            #expect(text.contains("\n    \(field) "), "\(field) missing from :help load")
        }
        #expect(text.contains("standard input") && text.contains("only once"))
    }

    @Test func helpForCorpusSaysWhichFiltersTheStoreAnswers() throws {
        let corpus = try #require(News.registry().builtin(named: "corpus"))
        let text = REPL.help(for: corpus)
        #expect(text.contains("answered by the store"))
        #expect(text.contains("filter(mentions(\"NAME\"))") && text.contains("filter(contains(.text, \"PHRASE\"))"))
        #expect(text.contains("fields of each article:"))
    }

    @Test func helpSaysHowABuiltinReadsAStream() throws {
        let registry = News.registry()
        for (name, flow) in [("filter", "streams:"), ("tally", "folds:"), ("sort", "collects:"), ("stories", "collects:")] {
            let b = try #require(registry.builtin(named: name))
            #expect(REPL.help(for: b).contains("\n  " + flow), "\(name)")
        }
        let upper = try #require(registry.builtin(named: "upper"))
        #expect(!REPL.help(for: upper).contains("collects:"))
    }

}
