import Testing

@testable import NQLNews

@Suite struct EntityRoleTests {
    @Test(arguments: [
        ("The meeting was attended by U.S. Secretary of State Antony Blinken on Monday.", "Antony Blinken", "Secretary of State"),
        ("Officials said Secretary of Defense Lloyd Austin would travel to Manila.", "Lloyd Austin", "Secretary of Defense"),
        ("Japanese Foreign Minister Yoshimasa Hayashi spoke first.", "Yoshimasa Hayashi", "Foreign Minister"),
        ("Defense Minister Minoru Kihara inspected the base.", "Minoru Kihara", "Defense Minister"),
        ("U.S. President Joe Biden signed the bill.", "Joe Biden", "President"),
        ("Prime Minister Fumio Kishida called an election.", "Fumio Kishida", "Prime Minister"),
    ])
    func titleBeforeName(_ text: String, _ name: String, _ role: String) throws {
        let person = try recognizer().entities(in: text).first { $0.name == name }
        #expect(person?.type == .PERSON)
        #expect(person?.role == role)
    }

    @Test func appositiveRole() throws {
        let text = "\"We are ready,\" said Maria Lopez, the commission's executive director, on Monday."
        let person = try recognizer().entities(in: text).first { $0.name == "Maria Lopez" }
        #expect(person?.role == "executive director")
    }

    @Test func noRoleWithoutTitle() throws {
        let person = try recognizer().entities(in: "Yesterday Maria Lopez went home.").first { $0.type == .PERSON }
        #expect(person?.role == nil)
    }
}
