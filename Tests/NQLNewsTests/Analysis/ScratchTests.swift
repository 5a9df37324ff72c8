import Testing
import Foundation
@testable import NQLNews
@Test func scratchAnalysis() throws {
    let text = (try? String(contentsOfFile: "/work/shared/seeds/000_b529eadf13be987b.txt", encoding: .utf8)) ?? ""
    for q in Analysis.quotes(text) { print("Q", q.kind, q.speaker ?? "-", "|", q.resolvedSpeaker ?? "-", "|", q.text.prefix(100)) }
    print("KW", try Analysis.keywords(text, k: 12).map { "\($0.term):\($0.count)" })
    for l in try Analysis.kwic([text], term: "North Korea", width: 30).prefix(4) { print("K", l.left, "[", l.match, "]", l.right) }
}
