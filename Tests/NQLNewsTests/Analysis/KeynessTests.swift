import Foundation
import Testing
@testable import NQLNews

@Suite("Analysis keyness")
struct AnalysisKeynessTests {
    @Test func logLikelihoodMatchesAHandComputedValue() {
        // a=10 of c=1000, b=2 of d=1000: E = 6 each; G² = 2(10 ln(10/6) + 2 ln(2/6)).
        let expected = 2 * (10 * log(10.0 / 6) + 2 * log(2.0 / 6))
        #expect(abs(Analysis.logLikelihood(10, 1000, 2, 1000) - expected) < 1e-12)
        #expect(Analysis.logLikelihood(5, 100, 5, 100) == 0)
        #expect(abs(Analysis.logRatio(8, 1000, 2, 1000) - 2) < 1e-12)
        #expect(abs(Analysis.logRatio(4, 1000, 0, 1000) - 3) < 1e-12)  // zero taken as 0.5
    }

    @Test func keyWordsAndEntitiesOnEachSide() throws {
        let a = (0..<5).map { i in
            AnalysisDocument(text: "Russia sanctions Russia missile talks number \(i) weather",
                             entities: [EntitySummary(name: "Russia", type: "GPE", count: 2), EntitySummary(name: "Vladimir Putin", type: "PERSON", count: 1, aliases: ["Putin"])])
        }
        let b = (0..<5).map { i in
            AnalysisDocument(text: "Cocoa harvest cocoa prices talks number \(i) weather",
                             entities: [EntitySummary(name: "Bahia", type: "GPE", count: 1), EntitySummary(name: "Putin", type: "PERSON", count: 1)])
        }
        let r = try Analysis.compare(a, b)
        #expect(r.tokensA == 40 && r.tokensB == 40)
        #expect(r.keyWordsA.first?.term == "russia")
        #expect(r.keyWordsA.first?.count == 10)
        #expect(r.keyWordsA.first?.otherCount == 0)
        #expect(r.keyWordsA.allSatisfy { $0.logLikelihood >= 3.84 && $0.logRatio > 0 })
        #expect(r.keyWordsB.map(\.term).prefix(1) == ["cocoa"])
        #expect(!r.keyWordsA.contains { $0.term == "talks" || $0.term == "weather" })
        #expect(r.keyEntitiesA.map(\.term) == ["Russia"])
        #expect(r.keyEntitiesA.first?.type == "GPE")
        #expect(r.entitiesOnlyInA.map(\.name) == ["Russia"])
        #expect(r.entitiesOnlyInA.first?.documents == 5)
        #expect(r.entitiesOnlyInB.map(\.name) == ["Bahia"])  // Putin is on both sides via the alias
    }

    @Test func minimumFrequencyAndErrors() throws {
        var o = KeynessOptions()
        o.minimumFrequency = 20
        let a = [AnalysisDocument(text: String(repeating: "alpha ", count: 10))]
        let b = [AnalysisDocument(text: String(repeating: "beta ", count: 10))]
        #expect(try Analysis.compare(a, b, options: o).keyWordsA.isEmpty)
        #expect(try Analysis.compare(a, b).keyWordsA.map(\.term) == ["alpha"])
        #expect(throws: AnalysisError("compare needs two non-empty collections, got 0 and 1 documents")) { try Analysis.compare([], b) }
    }
}
