import Testing
@Test func placeholder_NQLTests() { #expect(Bool(true)) }
