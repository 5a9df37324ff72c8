import Foundation
import Testing

@testable import NQLNews

@Suite struct EntityOffsetTests {
    /// The text's scalars `start..<end`.
    func slice(_ text: String, _ m: EntityMention) -> String {
        let scalars = Array(text.unicodeScalars)
        var s = ""
        s.unicodeScalars.append(contentsOf: scalars[m.start..<m.end])
        return s
    }

    @Test(arguments: [
        "서울 외교부 🇰🇷🙂 Foreign Minister Yoshimasa Hayashi met Antony Blinken in Tokyo on Friday.",
        "Ünïcödé café — “Japan” and “North Korea” were discussed by Joe Biden, 합참 said; costs: €5 billion.",
        seedLikeArticle,
    ])
    func offsetsRoundTrip(_ text: String) throws {
        let mentions = try recognizer().mentions(in: text)
        #expect(!mentions.isEmpty)
        for m in mentions {
            #expect(slice(text, m) == m.text)
            #expect(m.start < m.end)
        }
        #expect(zip(mentions, mentions.dropFirst()).allSatisfy { $0.end <= $1.start })
    }

    @Test func entityAfterKoreanAndEmoji() throws {
        let text = "한국어 기사 🙂👍 Antony Blinken visited Seoul."
        let m = try recognizer().mentions(in: text).first { $0.type == .PERSON }
        #expect(m?.text == "Antony Blinken")
        #expect(m?.start == 10)
        #expect(m?.end == 24)
    }

    @Test func emptyText() throws {
        #expect(try recognizer().mentions(in: "").isEmpty)
        #expect(try recognizer().entities(in: "   ").isEmpty)
    }

    @Test func missingModelIsAClearError() {
        #expect(throws: EntityModelError.self) { try EntityRecognizer(modelPath: "/nonexistent/ner.model") }
    }
}

@Suite struct EntityModelLocationTests {
    @Test func sharedModelIsFoundWithoutBundleModule() throws {
        let path = try EntityRecognizer.shared().modelPath
        #expect(path.hasSuffix("/ner.model"))
        #expect(EntityRecognizer.modelSearchPaths().contains(path))
        // The same file loads into an independent recogniser with identical results.
        let other = try EntityRecognizer(modelPath: path)
        let text = "Foreign Minister Yoshimasa Hayashi met Antony Blinken in Tokyo."
        #expect(other.mentions(in: text) == (try EntityRecognizer.shared().mentions(in: text)))
    }

    @Test func corruptModelIsAClearError() throws {
        let path = "/tmp/nql-ner-corrupt-\(UInt32.random(in: 0...UInt32.max)).model"
        try "not a model".write(toFile: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }
        #expect(throws: EntityModelError.self) { try EntityRecognizer(modelPath: path) }
    }

    @Test func aModelOfTheOlderGreedyTaggerIsRejectedWithAHint() throws {
        var bytes = Array("NQLNER06".utf8)
        bytes += [UInt8](repeating: 0, count: 64)
        do {
            _ = try TaggerModel.load(bytes: bytes)
            Issue.record("an NQLNER06 model was accepted")
        } catch let error as EntityModelError {
            #expect(error.description.contains("older version"), "\(error)")
        }
    }

    @Test func aRowIndexOutsideTheWeightsIsCorrupt() throws {
        // A valid small model, then one occupied slot pointed at a row that does not exist.
        var lexicon = TaggerLexicon()
        lexicon.vocabularyBytes = Array("news".utf8)
        lexicon.vocabularyEnds = [4]
        let model = TaggerModel.build(features: [(12345, 0)], weights: [Float](repeating: 0.5, count: TagSet.count),
                                      lexicon: lexicon)
        #expect(try TaggerModel.load(bytes: model.serialized()).weights.count == TagSet.count)
        var bytes = model.serialized()
        let cap = model.fingerprints.count
        let slot = try #require(model.fingerprints.firstIndex { $0 != 0 })
        let rowOfStart = 36 + cap * 4 + slot * 4
        for k in 0..<4 { bytes[rowOfStart + k] = 0xFF }  // -1
        #expect(throws: EntityModelError.self) { try TaggerModel.load(bytes: bytes) }
    }
}
