import Testing
@Test func placeholder_NQLNewsTests() { #expect(Bool(true)) }
