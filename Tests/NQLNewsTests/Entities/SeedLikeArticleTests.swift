import Testing

@testable import NQLNews

@Suite struct SeedLikeArticleTests {
    @Test func officialsWithRoles() throws {
        let entities = try recognizer().entities(in: seedLikeArticle)
        let expected = [
            ("Antony Blinken", "Secretary of State"), ("Lloyd Austin", "Secretary of Defense"),
            ("Yoshimasa Hayashi", "Foreign Minister"), ("Minoru Kihara", "Defense Minister"),
            ("Joe Biden", "President"), ("Fumio Kishida", "Prime Minister"),
        ]
        for (name, role) in expected {
            let person = entities.first { $0.name == name }
            #expect(person?.type == .PERSON, "\(name)")
            #expect(person?.role == role, "\(name)")
        }
        #expect(entities.first { $0.name == "Lloyd Austin" }?.count == 2)
    }

    @Test func weaponsAndMedia() throws {
        #expect(try has(seedLikeArticle, "AMRAAM", .PRODUCT))
        #expect(try has(seedLikeArticle, "Patriot", .PRODUCT))
        #expect(try has(seedLikeArticle, "PAC-3", .PRODUCT))
        #expect(try has(seedLikeArticle, "The Asia Business Daily", .ORG))
        #expect(try has(seedLikeArticle, "Kyodo News", .ORG))
    }

    @Test func placesDatesAndAmounts() throws {
        let entities = try recognizer().entities(in: seedLikeArticle)
        #expect(entities.first { $0.name == "United States" }?.type == .GPE)
        #expect(entities.contains { $0.name == "Tokyo" && $0.type == .GPE })
        #expect(try has(seedLikeArticle, "the 28th", .DATE))
        #expect(try has(seedLikeArticle, "January of last year", .DATE))
        #expect(try has(seedLikeArticle, "July 28, 2024", .DATE))
        #expect(try has(seedLikeArticle, "$1.5 billion", .MONEY))
        #expect(try has(seedLikeArticle, "5%", .PERCENT))
    }
}
