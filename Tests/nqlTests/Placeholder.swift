import Testing
@Test func placeholder_nqlTests() { #expect(Bool(true)) }
