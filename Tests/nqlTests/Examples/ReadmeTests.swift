import Foundation
import NQL
import NQLNews
import Testing

/// Every ```nql block of the README runs without an error or a warning, so
/// the manual never shows a program that fails.
@Test func readmeProgramsRun() throws {
    let readme = try String(contentsOf: packageRoot.appendingPathComponent("README.md"), encoding: .utf8)
    let blocks = readme.components(separatedBy: "```nql\n").dropFirst().compactMap { $0.components(separatedBy: "\n```").first }
    #expect(!blocks.isEmpty)
    for block in blocks {
        var err = ""
        let session = Session(registry: News.registry(), write: { _ in }, writeError: { err += $0 },
                              currentDirectory: packageRoot.path)
        let outcome = session.run(block, name: "README.md")
        guard case .completed = outcome else {
            Issue.record("README block failed:\n\(block)\n\(err)")
            continue
        }
        #expect(err.isEmpty, "README block warned: \(err)")
    }
}
