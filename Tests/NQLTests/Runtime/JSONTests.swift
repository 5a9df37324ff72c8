@testable import NQL
import Testing

@Suite struct JSONTests {
    @Test func escapesAndSurrogatePairs() throws {
        let v = try JSON.parse(#"{"t": "a\"b\\c\n\u00e9\ud83d\ude00/\/"}"#)
        guard case .record(let d) = v, case .string(let s)? = d["t"] else {
            Issue.record("not an object")
            return
        }
        #expect(s == "a\"b\\c\né😀//")
    }

    @Test func objectsKeepKeyOrderAndNumbersKeepTheirKind() throws {
        #expect(try JSON.parse(#"{"b": 1, "a": 2.5, "c": [true, null]}"#)
            == .record(Record([("b", .int(1)), ("a", .float(2.5)), ("c", .list([.bool(true), .null]))])))
    }

    @Test func errorsSayWhere() {
        #expect(throws: JSON.ParseError.self) { try JSON.parse("[1, 2") }
        do {
            _ = try JSON.parse(#"{"a" 1}"#)
        } catch let e as JSON.ParseError {
            #expect(e.offset == 5)
            #expect(e.message == "invalid JSON at byte 5: expected ':'")
        } catch {
            Issue.record("unexpected error \(error)")
        }
        #expect(throws: JSON.ParseError.self) { try JSON.parse(String(repeating: "[", count: 2000)) }
    }
}
