import Testing
@testable import NQLNews
@Test func scratchAnalysis() throws {
    let index = TFIDFIndex(texts: ["north korea cooperation", "korea north ties"])
    print("VOC", index.vocabulary, index.vectors, index.counts)
}
