// swift-tools-version: 6.0
// NQL: a news-analysis language and REPL.
//
// Targets:
//   NQL        – the language (lexer, parser, evaluator, values, built-in registry,
//                diagnostics, output formats). Imports no terminal or CLI code.
//   NQLNews    – news analysis (load, entities, filter, compare, ...); registers its
//                built-ins into NQL's registry.
//   CEditLine  – libedit, for the REPL's line editing (apt: libedit-dev).
//   CLibXML2   – libxml2's HTML parser, for loading saved web pages (apt: libxml2-dev).
//   CSQLite    – SQLite with FTS5, for corpus stores (`index`, `corpus`) (apt: libsqlite3-dev).
//   nql        – the thin command-line executable and REPL.
//   nql-lab    – developer commands: train and evaluate the entity model, score the
//                page extractor, run benchmarks.
import PackageDescription

let package = Package(
    name: "nql",
    products: [
        .executable(name: "nql", targets: ["nql"]),
        .library(name: "NQL", targets: ["NQL"]),
        .library(name: "NQLNews", targets: ["NQLNews"]),
    ],
    targets: [
        .systemLibrary(
            name: "CEditLine",
            pkgConfig: "libedit",
            providers: [.apt(["libedit-dev"])]
        ),
        .systemLibrary(
            name: "CLibXML2",
            pkgConfig: "libxml-2.0",
            providers: [.apt(["libxml2-dev"])]
        ),
        .systemLibrary(
            name: "CSQLite",
            pkgConfig: "sqlite3",
            providers: [.apt(["libsqlite3-dev"])]
        ),
        // ICU's C API (regular expressions with a time limit): see Runtime/BoundedRegex.swift.
        .target(name: "NQL", linkerSettings: [.linkedLibrary("_FoundationICU")]),
        .target(
            name: "NQLNews",
            dependencies: ["NQL", "CLibXML2", "CSQLite"],
            exclude: ["Load/README.md", "Entities/README.md", "Analysis/README.md", "Store/README.md"],
            resources: [.copy("Resources")]
        ),
        .executableTarget(name: "nql", dependencies: ["NQL", "NQLNews", "CEditLine"]),
        .executableTarget(name: "nql-lab", dependencies: ["NQL", "NQLNews"]),
        // libFuzzer targets; Scripts/fuzz builds them with -sanitize=fuzzer,address.
        .executableTarget(name: "nql-fuzz", dependencies: ["NQL", "NQLNews", "CEditLine"]),
        .testTarget(name: "NQLTests", dependencies: ["NQL"], exclude: ["Runtime/cases.txt"]),
        .testTarget(name: "NQLNewsTests", dependencies: ["NQLNews", "NQL"]),
        .testTarget(name: "nqlTests", dependencies: ["nql", "NQL", "NQLNews"]),
    ],
    swiftLanguageModes: [.v6]
)
