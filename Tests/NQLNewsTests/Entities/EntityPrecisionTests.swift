import Testing

@testable import NQLNews

/// Error classes seen on real pages and wire copy, each on text of our own.
@Suite struct EntityPrecisionTests {
    @Test(arguments: [
        "Additionally, the court ruled that the contract was void. Unfortunately, it rained all week.",
        "Meanwhile, the council voted to keep the library open. Nevertheless, residents were unhappy.",
        "Overall, the harvest was better than expected. Consequently, prices fell.",
    ])
    func sentenceInitialAdverbsAreNotNames(_ text: String) throws {
        let names = try found(text).filter { [.PERSON, .ORG, .GPE, .LOC].contains($0.1) }
        #expect(names.isEmpty, "\(names)")
    }

    @Test(arguments: [
        "U.S. Secretary of State Antony Blinken said on Tuesday that the talks had gone well.",
        "U.S. Secretary of State Antony Blinken arrived in Manila on Tuesday for talks.",
    ])
    func theWordsAfterATitleAreThePersonItNames(_ text: String) throws {
        let mentions = try found(text)
        #expect(mentions.contains { $0.0 == "Antony Blinken" && $0.1 == .PERSON }, "\(mentions)")
        #expect(!mentions.contains { $0.0 == "Blinken" }, "\(mentions)")
    }

    @Test func aKnownCityNamedAloneIsAPlace() {
        let people = [Entity(name: "Pyongyang", type: .PERSON, count: 1, mentions: [EntityMention(start: 0, end: 9, text: "Pyongyang", type: .PERSON)], aliases: [], role: "Chairman"),
                      Entity(name: "Pyongyang", type: .GPE, count: 2, mentions: [EntityMention(start: 40, end: 49, text: "Pyongyang", type: .GPE)], aliases: [], role: nil),
                      Entity(name: "Paris Hilton", type: .PERSON, count: 1, mentions: [], aliases: [], role: nil)]
        let fixed = EntityRecognizer.placesAreNotPeople(people)
        #expect(fixed.map(\.name) == ["Pyongyang", "Paris Hilton"])
        #expect(fixed[0].type == .GPE && fixed[0].count == 3 && fixed[0].role == nil && fixed[0].mentions.allSatisfy { $0.type == .GPE })
        #expect(fixed[1].type == .PERSON)
    }

    @Test func holidaysAreDatesNotPeople() throws {
        let text = "Christmas came early for Hartley. Shoppers spent more before Christmas, and Easter sales held up."
        let mentions = try found(text)
        #expect(!mentions.contains { ($0.0 == "Christmas" || $0.0 == "Easter") && $0.1 != .DATE }, "\(mentions)")
        #expect(mentions.contains { $0.0 == "Hartley" })
    }

    @Test func wireSignOffIsNotAName() throws {
        let text = """
            Harbour Freight Lines said its third-quarter profit rose on stronger
            container traffic through the port of Rotterdam.
                The company expects a weaker fourth quarter.
             REUTER
            """
        let mentions = try found(text)
        #expect(!mentions.contains { $0.0 == "REUTER" }, "\(mentions)")
        #expect(mentions.contains { $0.0 == "Rotterdam" })
    }

    @Test func corporateSuffixAloneIsNotAName() throws {
        let text = "Shares of Northfield Mills Corp rose 5%. Corp officials declined to comment."
        let mentions = try found(text)
        #expect(!mentions.contains { $0.0 == "Corp" }, "\(mentions)")
    }

    @Test func wrappedWireLinesStayOneSentence() throws {
        // Wire copy is wrapped mid-sentence: "Inc" on a new line still ends the company name.
        let text = "Caldera Mining Co and Westline Holdings\nInc said they would merge their copper units."
        let mentions = try found(text)
        #expect(!mentions.contains { $0.0 == "Inc" }, "\(mentions)")
    }

    @Test func saidBeforeANameStaysOutOfIt() throws {
        let text = "\"We played well tonight,\" said Okonkwo, who scored twice. The coach praised Okonkwo after the match."
        let entities = try recognizer().entities(in: text)
        #expect(!entities.contains { $0.name.hasPrefix("Said") || $0.name.hasPrefix("said") }, "\(entities.map(\.name))")
        #expect(entities.contains { $0.name == "Okonkwo" && $0.type == .PERSON })
    }

    @Test func titlesStayOutOfNames() throws {
        let text = "North Korean Gen. Kim Yong-bok inspected the unit. Mr Tanaka and Dr. Alvarez later joined the talks."
        let entities = try recognizer().entities(in: text)
        let names = entities.map(\.name)
        #expect(entities.contains { $0.name == "Kim Yong-bok" && $0.type == .PERSON }, "\(names)")
        #expect(entities.contains { $0.name == "Tanaka" && $0.type == .PERSON }, "\(names)")
        #expect(entities.contains { $0.name == "Alvarez" && $0.type == .PERSON }, "\(names)")
        #expect(!names.contains { $0.hasPrefix("Gen.") || $0.hasPrefix("Mr") || $0.hasPrefix("Dr.") }, "\(names)")
    }

    @Test func aTitleCaseSignOffIsNotAName() throws {
        let text = "Grain exports rose 4 pct in March, the ministry said.\n Reuter\n"
        let mentions = try found(text)
        #expect(!mentions.contains { $0.0 == "Reuter" }, "\(mentions)")
        // An e-mail's signature is a name.
        let mail = "Can we move the meeting to Thursday?\nThanks\nMarisol\n"
        let signed = try found(mail)
        #expect(signed.contains { $0.0 == "Marisol" }, "\(signed)")
    }

    @Test func aSignOffAfterTheLastSentenceOrATableRowIsNotAName() throws {
        for text in [
            "The smaller coins will weigh a half ounce,\na quarter ounce and a tenth of an ounce. REUTER\n",
            "    Rapeseed prev 3.7, Feb 21.1, total 55.8 (33.7).        REUTER\n",
        ] {
            let mentions = try found(text)
            #expect(!mentions.contains { $0.0 == "REUTER" }, "\(mentions)")
        }
        // The agency named in the text is an organisation.
        let polled = try found("Output will fall to 96,000 tonnes, according\nto traders polled by Reuter correspondents.\n REUTER\n")
        #expect(polled.contains { $0.0 == "Reuter" && $0.1 == .ORG } && !polled.contains { $0.0 == "REUTER" }, "\(polled)")
    }

    @Test func aSignOffFollowedByDebrisIsNotAName() throws {
        let text = "The co-operative said it would pay members in May.\nREUTER...^M"
        let mentions = try found(text)
        #expect(!mentions.contains { $0.0.hasPrefix("REUTER") }, "\(mentions)")
    }

    @Test func aBuildingOrStreetIsAPlaceNotAPolity() throws {
        let text = "Protesters marched from Harrow Street to the Kelvin Tower in Dundee on Saturday."
        let mentions = try found(text)
        #expect(!mentions.contains { ($0.0.hasSuffix("Street") || $0.0.hasSuffix("Tower")) && $0.1 == .GPE }, "\(mentions)")
        #expect(mentions.contains { $0.0 == "Dundee" && $0.1 == .GPE }, "\(mentions)")
    }

    @Test func anOrganisationWrappedOverTwoLinesIsOneName() throws {
        let text = """
            The company said it had filed its annual report with the Harbour Securities and Exchange
            Commission on Friday and expected no objection.
            """
        let mentions = try found(text)
        #expect(mentions.contains { $0.0 == "Harbour Securities and Exchange\nCommission" && $0.1 == .ORG }, "\(mentions)")
        // The entity's name is written on one line.
        let names = try recognizer().entities(in: text).map(\.name)
        #expect(names.contains("Harbour Securities and Exchange Commission"), "\(names)")
    }

    @Test func aNameWithALegalFormIsACompany() throws {
        let text = "Shares of Dunmore Pike Inc fell 3 pct after the toy maker cut its forecast."
        let mentions = try found(text)
        #expect(mentions.contains { $0.0 == "Dunmore Pike Inc" && $0.1 == .ORG }, "\(mentions)")
        #expect(!mentions.contains { $0.1 == .PERSON }, "\(mentions)")
    }

    @Test func chancellorOfTheExchequerIsATitle() throws {
        let text = "Chancellor of the Exchequer Miriam Oduya said the budget would cut taxes."
        let mentions = try found(text)
        #expect(mentions.contains { $0.0 == "Miriam Oduya" && $0.1 == .PERSON }, "\(mentions)")
    }

    @Test func aTitleWithOfStaysOutOfTheName() throws {
        let text = "The envoy met Secretary of Defense Marta Quillon and Secretary of Agriculture Dev Raman in Lagos on Friday."
        let mentions = try found(text)
        #expect(mentions.contains { $0.0 == "Marta Quillon" && $0.1 == .PERSON }, "\(mentions)")
        #expect(!mentions.contains { $0.0.hasPrefix("of ") || $0.0.hasPrefix("Secretary") }, "\(mentions)")
    }

    @Test func aListOfNamesIsOneKindOfName() throws {
        let text = """
            The ministers met in Nairobi on Monday. Ochieng, Brandt, Sato and Delacroix said in a joint statement             that the pipeline would open next year.
            """
        let people = try recognizer().entities(in: text).filter { $0.type == .PERSON }.map(\.name)
        for name in ["Ochieng", "Brandt", "Sato", "Delacroix"] {
            #expect(people.contains(name), "\(name) in \(people)")
        }
    }

    @Test func aListOfPeopleLeavesItsPlacesAlone() throws {
        let text = "Officials from Kenya, Uganda and Tanzania met Ochieng, Brandt and Sato in Nairobi."
        let mentions = try found(text)
        for place in ["Kenya", "Uganda", "Tanzania", "Nairobi"] {
            #expect(mentions.contains { $0.0 == place && $0.1 == .GPE }, "\(place) in \(mentions)")
        }
    }

    @Test func aNameMadeOfProductsIsAProduct() throws {
        let text = "The ministry will buy Patriot PAC-3 interceptors and more F-35 jets, a spokesman said."
        let mentions = try found(text)
        #expect(!mentions.contains { $0.1 == .PERSON || $0.1 == .ORG }, "\(mentions)")
        #expect(mentions.contains { $0.0 == "PAC-3" && $0.1 == .PRODUCT }, "\(mentions)")
    }

    @Test func twoPlacesJoinedByADashAreTwoPlaces() throws {
        let text = "Officials in Accra criticised the Ghana–Nigeria trade pact on Monday."
        let mentions = try found(text)
        #expect(mentions.contains { $0.0 == "Ghana" && $0.1 == .GPE }, "\(mentions)")
        #expect(mentions.contains { $0.0 == "Nigeria" && $0.1 == .GPE }, "\(mentions)")
    }

    @Test func anOrganisationWordEndsANameInRunningText() throws {
        let text = "Engineers from the Coastal Survey Agency will work alongside the Harbour Defence Forces next year."
        let mentions = try found(text)
        #expect(mentions.contains { $0.0.hasSuffix("Defence Forces") && $0.1 == .ORG }, "\(mentions)")
    }

    @Test func spellingVariantsMerge() throws {
        let text = "The army will deploy more PAC-3 batteries. Each PAC3 launcher carries sixteen missiles."
        let entities = try recognizer().entities(in: text)
        let pac = entities.filter { EntityMerger.variantKey($0.name) == "PAC3" }
        #expect(pac.count == 1, "\(entities.map(\.name))")
        #expect(pac.first?.count == 2)
    }

    @Test func oneTypePerNameInADocument() throws {
        let text = """
            Pyongyang fired two missiles on Sunday. Officials in Pyongyang said the test was a warning. \
            Seoul and Tokyo condemned the launch, and Washington called Pyongyang reckless.
            """
        let entities = try recognizer().entities(in: text)
        let pyongyang = entities.filter { $0.name == "Pyongyang" }
        #expect(pyongyang.count == 1, "\(entities.map { ($0.name, $0.type) })")
        #expect(pyongyang.first?.count == 3)
    }

    @Test func variantKeyIgnoresHyphensAndSpacesNotCase() {
        #expect(EntityMerger.variantKey("PAC-3") == EntityMerger.variantKey("PAC3"))
        #expect(EntityMerger.variantKey("Kim Yong-bok") == EntityMerger.variantKey("Kim Yongbok"))
        #expect(EntityMerger.variantKey("Seoul") != EntityMerger.variantKey("Soul"))
        #expect(EntityMerger.variantKey("CHICAGO") != EntityMerger.variantKey("Chicago"))
    }

    @Test func oneTypePerNameKeepsTwoRealUsesApart() {
        func m(_ start: Int) -> EntityMention { EntityMention(start: start, end: start + 10, text: "Washington", type: .GPE) }
        let groups: [EntityMerger.Merged] = [
            ("Washington", .GPE, [m(0), m(40)], [], nil),
            ("Washington", .PERSON, [m(20), m(60)], [], nil),
            ("Jordan", .GPE, [m(80), m(90)], [], nil),
            ("Jordan", .PERSON, [m(100)], [], nil),
        ]
        let merged = EntityMerger.oneTypePerName(groups)
        #expect(merged.filter { $0.name == "Washington" }.count == 2)
        let jordan = merged.filter { $0.name == "Jordan" }
        #expect(jordan.count == 1)
        #expect(jordan.first?.type == .GPE)
        #expect(jordan.first?.mentions.map(\.start) == [80, 90, 100])
    }
}

@Suite struct EntityAcronymTests {
    @Test func acronymDefinedAfterAnOrganisationIsThatOrganisation() throws {
        let text = """
            The Bank of Ghana (BoG) raised its policy rate on Monday. Traders said BoG would act again if \
            inflation stayed high.
            """
        let mentions = try recognizer().mentions(in: text).filter { $0.text == "BoG" }
        #expect(mentions.count == 2)
        #expect(mentions.allSatisfy { $0.type == .ORG })
    }

    @Test func bracketsAfterAPersonAreNotAnAcronym() throws {
        // A results list: the country after a runner is not the runner's acronym.
        let text = "1. Michael Johnson (USA) 19.32 seconds 2. Frank Fredericks (NAM) 19.68"
        let usa = try recognizer().mentions(in: text).filter { $0.text == "USA" }
        #expect(!usa.contains { $0.type == .PERSON })
    }
}
