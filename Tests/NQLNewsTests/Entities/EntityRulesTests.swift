import Testing

@testable import NQLNews

@Suite struct EntityRulesTests {
    @Test(arguments: [
        ("The meeting was held on the 28th in Tokyo.", "the 28th"),
        ("It was last convened in January of last year.", "January of last year"),
        ("The deal closes on July 28, 2024, officials said.", "July 28, 2024"),
        ("Ministers will meet again on Friday.", "Friday"),
        ("Prices rose sharply last year.", "last year"),
        ("The agency was founded in 1998 by two engineers.", "1998"),
        ("The report is dated 2024-07-28.", "2024-07-28"),
        ("Talks resumed on 3 March 2023 in Geneva.", "3 March 2023"),
    ])
    func dates(_ text: String, _ date: String) throws {
        #expect(try has(text, date, .DATE))
    }

    @Test(arguments: [
        ("Japan plans to spend $1.5 billion on missiles.", "$1.5 billion"),
        ("The firm paid $ 20 million for the site.", "$ 20 million"),
        ("Seoul approved 3 trillion won for the program.", "3 trillion won"),
        ("The fine was 500 euros.", "500 euros"),
    ])
    func money(_ text: String, _ amount: String) throws {
        #expect(try has(text, amount, .MONEY))
    }

    @Test(arguments: [
        ("Exports grew 5% in May.", "5%"),
        ("Support fell to 23.4 percent this month.", "23.4 percent"),
        ("Rates rose 0.25 percentage points.", "0.25 percentage points"),
    ])
    func percentages(_ text: String, _ amount: String) throws {
        #expect(try has(text, amount, .PERCENT))
    }

    @Test func aPlaceNameRunsOnToItsGeographicHead() throws {
        let text = "The statement accused China of “coercive behaviour” and of trying to change the status quo by force in the East China Sea."
        #expect(try has(text, "East China Sea", .LOC))
        #expect(try !found(text).contains { $0.0 == "East China" })
    }

    @Test func theVerbMayIsNotADate() throws {
        #expect(try !found("Russia may transfer technology to North Korea.").contains { $0.1 == .DATE })
    }

    @Test func productsAndDesignations() throws {
        let text = "The allies will co-produce AMRAAM and Patriot (PAC3) missiles, and buy more F-35 jets and HIMARS."
        for p in ["AMRAAM", "Patriot", "PAC3", "F-35", "HIMARS"] {
            #expect(try has(text, p, .PRODUCT), "\(p)")
        }
    }

    @Test func placesAndNationalities() throws {
        let text = "Japanese and Korean officials met American diplomats in Seoul to discuss the Korean Peninsula."
        #expect(try has(text, "Japanese", .NORP))
        #expect(try has(text, "American", .NORP))
        #expect(try has(text, "Seoul", .GPE))
        #expect(try has(text, "Korean Peninsula", .LOC))
    }

    @Test func mediaNamesKeepTheirArticle() throws {
        #expect(try has("© The Asia Business Daily(www.asiae.co.kr). All rights reserved.", "The Asia Business Daily", .ORG))
        #expect(try has("According to Kyodo News on the 28th, the talks ended.", "Kyodo News", .ORG))
    }

    @Test func knownOrganisationsStayWhole() throws {
        #expect(try has("Austin said U.S. Forces Japan will become a joint force headquarters.", "U.S. Forces Japan", .ORG))
        #expect(try has("The U.N. Security Council met on Friday.", "U.N. Security Council", .ORG))
    }

    @Test func placesJoinedByAndAreTwoPlaces() throws {
        let text = "The United States and Japan agreed to upgrade their command links."
        #expect(try has(text, "United States", .GPE))
        #expect(try has(text, "Japan", .GPE))
    }

    @Test func twoNamesJoinedByAndBeforeALegalFormAreOneCompany() throws {
        // Our own wire-style text: the firm is written in full once, then as "Tolliver and Crane" and "Tolliver".
        let text = """
            An investor group offered to buy Tolliver and Crane Publishers Inc for 40 dlrs a share.
            The group said it had written to Tolliver and Crane proposing a merger. Tolliver said it would
            consider the offer.
            """
        let entities = try recognizer().entities(in: text)
        #expect(!entities.contains { $0.type == .PERSON }, "\(entities.map { ($0.name, $0.type) })")
        let firm = entities.first { $0.name == "Tolliver and Crane Publishers Inc" }
        #expect(firm?.type == .ORG && firm?.count == 3, "\(entities.map { ($0.name, $0.type, $0.count) })")
    }

    @Test func aPairOfSurnamesWrittenTwiceIsAFirm() throws {
        let text = """
            The tender offer is backed by privately held Tolliver and Crane and by Halvorsen Glass Inc.
            A partnership owned by Tolliver and Crane now holds 9.8 pct of the shares.
            """
        let mentions = try found(text)
        #expect(mentions.filter { $0.0 == "Tolliver and Crane" && $0.1 == .ORG }.count == 2, "\(mentions)")
        #expect(!mentions.contains { $0.1 == .PERSON }, "\(mentions)")
    }

    @Test func twoPeopleNamedTogetherStayPeople() throws {
        // Full names elsewhere in the text: "Okoye and Lindqvist" are two people, however often they are paired.
        let text = """
            Finance Minister Adaeze Okoye met Trade Minister Sven Lindqvist on Monday. Okoye and Lindqvist             signed the accord; later Okoye and Lindqvist spoke to reporters.
            """
        let mentions = try found(text)
        #expect(!mentions.contains { $0.0.contains(" and ") }, "\(mentions)")
    }

    @Test func aPersonsNameWrappedOverTwoLinesIsOnePerson() throws {
        let text = """
            Regional central bank Governor Thomas
            Oberholzer said the banking system was sound and needed no new rules.
                Oberholzer told reporters he saw no need for change.
            """
        let entities = try recognizer().entities(in: text)
        #expect(!entities.contains { $0.name == "Thomas" }, "\(entities.map { ($0.name, $0.type) })")
        let person = entities.first { $0.name == "Thomas Oberholzer" }
        #expect(person?.type == .PERSON && person?.count == 2, "\(entities.map { ($0.name, $0.type, $0.count) })")
    }

    @Test func namesOnLinesOfTheirOwnStaySeparate() throws {
        let text = "Speakers:\nAmara Lindqvist\nJonas Weber\n"
        let mentions = try found(text)
        #expect(!mentions.contains { $0.0.contains("\n") }, "\(mentions)")
    }

    @Test func anEmployerNamedWithAnOccupationIsAnOrganisation() throws {
        let text = """
            "Demand will stay weak," said Tolliver Crane analyst Maria Lopez. Daniel Okafor, an economist at \
            Pryor Kendall, said prices would fall.
            """
        let mentions = try found(text)
        #expect(mentions.contains { $0.0 == "Tolliver Crane" && $0.1 == .ORG }, "\(mentions)")
        #expect(mentions.contains { $0.0 == "Pryor Kendall" && $0.1 == .ORG }, "\(mentions)")
        #expect(mentions.contains { $0.0 == "Maria Lopez" && $0.1 == .PERSON }, "\(mentions)")
        let president = try found("Kestrel Motors will cut jobs, Pryor Kendall President Maria Lopez said on Monday.")
        #expect(president.contains { $0.0 == "Pryor Kendall" && $0.1 == .ORG }, "\(president)")
        // A person has a spokesman too.
        let spokesman = try found("\"We will not resign,\" Prime Minister Adaeze Okoye said. Okoye spokesman Tunde Bello agreed.")
        #expect(!spokesman.contains { $0.0 == "Okoye" && $0.1 == .ORG }, "\(spokesman)")
    }

    @Test func twoCompaniesNamedTogetherStayTwo() throws {
        let text = """
            Halvorsen Glass Inc will sell its stake to Tolliver. The accord allows Tolliver and Halvorsen to share \
            plants, and Tolliver and Halvorsen will study new products.
            """
        let mentions = try found(text)
        #expect(!mentions.contains { $0.0.contains(" and ") }, "\(mentions)")
    }

    @Test func aNameUsedAsAnEmployerIsAnOrganisationThroughoutTheText() throws {
        let text = """
            Pryor Kendall will sell its truck unit. Pryor Kendall President Maria Lopez said the sale would close \
            in June. Pryor Kendall said it would keep its bus plants.
            """
        let mentions = try found(text)
        #expect(mentions.filter { $0.0 == "Pryor Kendall" && $0.1 == .ORG }.count == 3, "\(mentions)")
    }

    @Test func aListOfOnePersonNamesMakesItsOtherNamesPersonsThroughoutTheText() throws {
        // "Suga", which the tagger left out, does not break the list; "J-Hope" is a person here and later on.
        let text = "Kim, Jin, Suga, J-Hope and Jimin shared a video. J-Hope followed in 2018 with a mixtape, and fans praised J-Hope."
        let hope = try found(text).filter { $0.0 == "J-Hope" }
        #expect(hope.count == 3 && hope.allSatisfy { $0.1 == .PERSON }, "\(hope)")
    }

    @Test func aSeatOfGovernmentIsAPlaceNotAPolity() throws {
        let text = "In a decree published on Wednesday, the Kremlin ordered new owners for the plants. The Kremlin said the move was legal."
        let kremlin = try found(text).filter { $0.0 == "Kremlin" }
        #expect(kremlin.count == 2 && kremlin.allSatisfy { $0.1 == .LOC }, "\(kremlin)")
    }
}
