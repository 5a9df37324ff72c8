import Testing

@testable import NQLNews

/// What the rest of a text says about a name (`DocumentEvidence`), each rule on text of our own, with the cases
/// where it must not fire.
@Suite struct DocumentEvidenceTests {
    /// The (text, type) pairs of the mentions whose text contains `word`.
    func mentions(_ text: String, _ word: String) throws -> [(String, EntityType)] {
        try found(text).filter { $0.0.contains(word) }
    }

    let names: Set<EntityType> = [.PERSON, .ORG, .GPE, .LOC, .NORP, .MISC]

    @Test func aSpeciesAndItsGenusAreNoNames() throws {
        let text = """
            A new moth, Velorina tessellata, was described from Otago last week. V. tessellata flies only at dusk, \
            and the genus Velorina had been known from a single specimen.
            """
        let all = try found(text)
        #expect(!all.contains { ($0.0.contains("Velorina") || $0.0.contains("tessellata")) && names.contains($0.1) }, "\(all)")
        #expect(all.contains { $0.0 == "Otago" && $0.1 == .GPE }, "\(all)")
    }

    @Test func aNameBeforeJuniorIsAPerson() throws {
        let text = "RFK Jr. spoke to supporters in Phoenix on Saturday. Aides to RFK Jr. said the campaign would return in March."
        let rfk = try mentions(text, "RFK")
        #expect(rfk.count == 2 && rfk.allSatisfy { $0.0 == "RFK Jr." && $0.1 == .PERSON }, "\(rfk)")
    }

    @Test func stateAndTechAfterAPlaceAreUniversities() throws {
        let text = """
            Florida State beat Louisville on Saturday, while Virginia Tech lost to Ohio State. Voters in New York \
            State go to the polls in November.
            """
        let all = try found(text)
        for team in ["Florida State", "Virginia Tech", "Ohio State"] {
            #expect(all.contains { $0.0 == team && $0.1 == .ORG }, "\(team): \(all)")
        }
        // New York State is the state.
        #expect(!all.contains { $0.0.hasPrefix("New York") && $0.1 == .ORG }, "\(all)")
        #expect(all.contains { $0.0.hasPrefix("New York") && $0.1 == .GPE }, "\(all)")
    }

    @Test func aLoneCapitalLetterEndsAProductModel() throws {
        let text = """
            Ford unveiled the new Raptor R, which costs $30,000 more than the standard truck. An engine swap is the \
            biggest upgrade the 2023 Raptor R gets.
            """
        let raptor = try mentions(text, "Raptor")
        #expect(!raptor.isEmpty && raptor.allSatisfy { $0.0 == "Raptor R" && $0.1 == .PRODUCT }, "\(raptor)")
        #expect(try has(text, "Ford", .ORG))
    }

    @Test func aSaleIsAnEvent() throws {
        #expect(try has("The Nordstrom Half Yearly Sale starts on Friday, with up to 40% off shoes.", "Nordstrom Half Yearly Sale", .EVENT))
    }

    @Test func anAcronymTheTextPutsInThePluralIsACommonNoun() throws {
        let text = """
            Using a VPN hides your address from the sites you visit. Most VPNs cost less than $5 a month, and a good \
            VPN keeps no logs.
            """
        let vpn = try mentions(text, "VPN")
        #expect(vpn.isEmpty, "\(vpn)")
    }

    @Test func peoplesAreNORP() throws {
        let text = "The gallery shows work by Black artists from Buffalo. Black and Hispanic residents were hit hardest, the report found."
        let all = try found(text)
        #expect(all.filter { $0.0 == "Black" }.count == 2 && all.filter { $0.0 == "Black" }.allSatisfy { $0.1 == .NORP }, "\(all)")
        #expect(all.contains { $0.0 == "Hispanic" && $0.1 == .NORP }, "\(all)")
    }

    @Test func aSurnameThatIsAlsoACommonWordStaysAPerson() throws {
        let text = """
            Mayor Peter Black defended the plan on Tuesday. Black said black smoke would not change her mind, and \
            critics said Black had ignored them.
            """
        let black = try found(text).filter { $0.0.contains("Black") }
        #expect(black.count == 3 && black.allSatisfy { $0.1 == .PERSON }, "\(black)")
    }

    @Test func aPlaceTheTextPutsPeopleInIsNoSource() throws {
        let text = """
            Flooding closed schools in Fairhaven on Monday. According to Fairhaven, the river rose two metres. \
            Residents in Fairhaven were told to leave.
            """
        let town = try mentions(text, "Fairhaven")
        #expect(town.count == 3 && town.allSatisfy { $0.1 == .GPE }, "\(town)")
    }

    @Test func aNameTheTextCallsItIsNoPerson() throws {
        let text = """
            Trackwell — Best Free Phone Tracker for Families

            Trackwell is the best tracking app for parents of teenagers. Once you sign in, it shows every location \
            on a map. Trackwell also records messages, and it works without root access. Most families install \
            Trackwell on two phones.
            """
        let app = try mentions(text, "Trackwell")
        #expect(app.count == 4 && app.allSatisfy { $0.1 == .ORG }, "\(app)")
    }

    @Test func aNameTheTextCallsHeStaysAPerson() throws {
        let text = "Okafor arrived late to the meeting in Lagos. He said the talks had failed, and he blamed the ministry."
        #expect(try has(text, "Okafor", .PERSON))
    }

    @Test func aThingPeopleOwnIsAProduct() throws {
        let text = """
            Pros

            Fast speeds

            Cons

            Clunky Mac app

            The interface on Mac is a bit clunky, and your Mac may slow down when the app runs. Install it on a Mac first.
            """
        let all = try found(text)
        #expect(!all.contains { $0.0.contains("Clunky") }, "\(all)")
        let mac = all.filter { $0.0 == "Mac" }
        #expect(mac.count == 4 && mac.allSatisfy { $0.1 == .PRODUCT }, "\(all)")
    }

    @Test func aNameWithItsOwnWebAddressIsABrand() throws {
        let text = "Everything at kidlino.com is 25% off until Monday. We love Kidlino because the formulas are gentle. We think Kidlino is worth a look."
        let brand = try mentions(text, "Kidlino")
        #expect(brand.count == 2 && brand.allSatisfy { $0.1 == .ORG }, "\(brand)")
    }

    @Test func bothSidesOfVersusAreTeams() throws {
        let text = "James Madison vs. Air Force: what to know. James Madison went 11-1 this season."
        let jmu = try mentions(text, "Madison")
        #expect(jmu.count == 2 && jmu.allSatisfy { $0.1 == .ORG }, "\(jmu)")
    }

    @Test func aPluralAfterTheIsATeam() throws {
        let text = "Cignetti led the Dukes to 19 wins before leaving. The Dukes will play Air Force on Saturday."
        let all = try found(text)
        #expect(all.filter { $0.0 == "Dukes" }.allSatisfy { $0.1 == .ORG } && all.contains { $0.0 == "Dukes" }, "\(all)")
        #expect(all.contains { $0.0 == "Cignetti" && $0.1 == .PERSON }, "\(all)")
    }

    @Test func aPlaceCitedAsASourceIsAnOrganisation() throws {
        let text = """
            Investors trail their own funds. To measure the gap, Brightwater recently released its annual study of \
            returns. According to Brightwater, the gap is 1.7% a year. The Brightwater study covered ten years.
            """
        let firm = try mentions(text, "Brightwater")
        #expect(firm.count == 3 && firm.allSatisfy { $0.1 == .ORG }, "\(firm)")
    }

    @Test func anAcronymDefinedAfterALegalFormIsTheCompany() throws {
        let text = """
            Zeiss has bought Dutch Ophthalmic Research Center (International) B.V. (D.O.R.C.) from a Paris investment \
            firm. D.O.R.C. makes devices for eye surgeons.
            """
        let all = try found(text)
        #expect(all.filter { $0.0 == "D.O.R.C." }.count == 2 && all.filter { $0.0 == "D.O.R.C." }.allSatisfy { $0.1 == .ORG }, "\(all)")
        #expect(all.contains { $0.0 == "Dutch Ophthalmic Research Center" && $0.1 == .ORG }, "\(all)")
    }

    /// The flood story of lesson 12, cut to three paragraphs.
    let floodStory = """
        Hundreds evacuated after three days of rain; the river crested at its highest level since 1983

        LYON, France — The Saône burst its banks in central Lyon on Thursday night, sending brown water into the \
        cobbled streets of the old town and forcing the evacuation of more than 400 residents, the city's prefecture \
        said on Friday.

        The SNCF suspended trains between Lyon and Mâcon after water covered the tracks near Neuville-sur-Saône, and \
        the A6 motorway was closed in both directions for several hours.
        """

    @Test func aDatelineNamesAPlaceThroughoutTheText() throws {
        let lyon = try found(floodStory).filter { $0.0.lowercased() == "lyon" }
        #expect(lyon.count == 3 && lyon.allSatisfy { $0.1 == .GPE }, "\(lyon)")
        // ... one place, named as the body writes it.
        let places = try recognizer().entities(in: floodStory).filter { $0.name.lowercased() == "lyon" }
        #expect(places.count == 1 && places.first?.name == "Lyon" && places.first?.aliases == ["LYON"], "\(places)")
    }

    @Test func aNameRoutedToOrFromAPlaceIsAPlace() throws {
        #expect(try has(floodStory, "Mâcon", .GPE))
        // Two people named with "between ... and" stay people.
        let text = "Talks between Aoun and Hariri broke down on Monday, and Hariri left Beirut for Paris."
        let hariri = try found(text).filter { $0.0 == "Hariri" }
        #expect(hariri.allSatisfy { $0.1 == .PERSON }, "\(hariri)")
    }
}
