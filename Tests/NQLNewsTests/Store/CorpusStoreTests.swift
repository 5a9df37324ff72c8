import Foundation
@testable import NQLNews
import Testing

@Suite struct CorpusStoreTests {
    @Test(arguments: [
        ("Crude oil rose in Tokyo.", false), ("Café au lait in Séoul, 서울.", false), ("The oﬃcials met.", true), ("Straße", true),
        ("x\u{E000}crude", true), ("cafe\u{301}crude", true), ("cafe\u{301} crude", false), ("crude oil\u{301}", false),
        ("Kelvin \u{212A}", true), ("", false),
    ])
    func textsFTS5MaySplitOtherwiseThanContainsAreMarked(_ text: String, _ marked: Bool) {
        #expect(CorpusStore.foldsOtherwise(text) == marked, "\(text)")
    }
}
