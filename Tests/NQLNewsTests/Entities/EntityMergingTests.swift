import Testing

@testable import NQLNews

@Suite struct EntityMergingTests {
    @Test func aSurnameBeforeTheFullNameIsTheSamePerson() throws {
        let text = """
            Okafor wants the league to act. Speaking on Friday, club chairman Emeka Okafor said the fine was unfair.
            """
        let entities = try recognizer().entities(in: text)
        let okafor = entities.filter { $0.name.hasSuffix("Okafor") }
        #expect(okafor.count == 1, "\(entities.map { ($0.name, $0.type) })")
        #expect(okafor.first?.name == "Emeka Okafor" && okafor.first?.type == .PERSON && okafor.first?.count == 2)
    }

    @Test func aShortCompanyNameJoinsItsFullName() throws {
        let text = """
            Harwell Trask Holdings Inc said on Monday it would sell its brewing unit. Harwell Trask will keep \
            its bottling plants, a spokesman said.
            """
        let entities = try recognizer().entities(in: text)
        #expect(!entities.contains { $0.type == .PERSON }, "\(entities.map { ($0.name, $0.type) })")
        let company = entities.first { $0.name == "Harwell Trask Holdings Inc" }
        #expect(company?.type == .ORG)
    }

    @Test func surnameJoinsFullName() throws {
        let text = "Secretary of State Antony Blinken arrived in Tokyo. Blinken said the alliance was strong."
        let entities = try recognizer().entities(in: text)
        let blinken = entities.first { $0.name == "Antony Blinken" }
        #expect(blinken?.type == .PERSON)
        #expect(blinken?.count == 2)
        #expect(blinken?.aliases.contains("Blinken") == true)
        #expect(!entities.contains { $0.name == "Blinken" })
    }

    @Test func unitedStatesSpellingsMerge() throws {
        let text = "The U.S. and Japan met. Officials in the United States said America and the US agree."
        let entities = try recognizer().entities(in: text)
        let us = entities.filter { $0.name == "United States" }
        #expect(us.count == 1)
        #expect((us.first?.count ?? 0) >= 3)
        #expect(us.first?.aliases.contains("U.S.") == true)
    }

    @Test func shortOrganisationNameJoinsLongOne() throws {
        let text = "The plan covers the Japan Self-Defense Forces. Later, the Self-Defense Forces will train with U.S. troops."
        let entities = try recognizer().entities(in: text)
        let sdf = entities.filter { $0.name.hasSuffix("Self-Defense Forces") }
        #expect(sdf.count == 1)
        #expect(sdf.first?.count == 2)
    }

    @Test func canonicalNamesForUserQueries() {
        #expect(EntityRecognizer.canonicalName(for: "US") == "United States")
        #expect(EntityRecognizer.canonicalName(for: "U.S.") == "United States")
        #expect(EntityRecognizer.canonicalName(for: "america") == "United States")
        #expect(EntityRecognizer.canonicalName(for: "UK") == "United Kingdom")
        #expect(EntityRecognizer.canonicalName(for: "Zywiec") == nil)
        #expect(EntityRecognizer.aliases(of: "US").first == "United States")
    }

    @Test func entitiesAreOrderedByFirstMention() throws {
        let entities = try recognizer().entities(in: "Fumio Kishida met Joe Biden in Washington.")
        let names = entities.map(\.name)
        #expect(names == ["Fumio Kishida", "Joe Biden", "Washington"])
    }
}
