import Foundation
@testable import NQL
import Testing

@Suite struct FormatterTests {
    let records: Value = .list([
        .record(Record([("name", .string("김정은")), ("n", .int(1))])),
        .record(Record([("name", .string("Antony Blinken")), ("n", .int(22))])),
    ])

    @Test func tablesAlignByDisplayWidth() {
        #expect(Formatter.render(records, as: .table) == """
             name             n
             김정은           1
             Antony Blinken  22

            """)
    }

    @Test func jsonIsValidAndEscaped() throws {
        let v: Value = .record(Record([("q", .string("say \"hi\"\n\t\u{1}")), ("xs", .list([.float(1.5), .null, .bool(true)])),
                                       ("d", .date(DateValue(days: 0))), ("k", .string("한국"))]))
        for text in [Formatter.json(v), Formatter.render(v, as: .json)] {
            let parsed = try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any]
            #expect(parsed?["q"] as? String == "say \"hi\"\n\t\u{1}")
            #expect(parsed?["d"] as? String == "1970-01-01")
            #expect(parsed?["k"] as? String == "한국")
        }
        #expect(Formatter.json(.float(.nan)) == "null")
    }

    @Test func jsonlPrintsOneLinePerElement() {
        #expect(Formatter.render(records, as: .jsonl) == "{\"name\":\"김정은\",\"n\":1}\n{\"name\":\"Antony Blinken\",\"n\":22}\n")
    }

    @Test func csvQuotesWhatNeedsQuoting() {
        let v: Value = .list([.record(Record([("a", .string("x,y")), ("b", .string("say \"hi\"")), ("c", .list([.int(1), .int(2)]))]))])
        #expect(Formatter.render(v, as: .csv) == "a,b,c\r\n\"x,y\",\"say \"\"hi\"\"\",1; 2\r\n")
        #expect(Formatter.render(.list([.int(1), .string("a\nb")]), as: .csv) == "value\r\n1\r\n\"a\nb\"\r\n")
    }

    @Test func reprReadsBackAsTheSameValue() throws {
        let v: Value = .list([.string("tab\t \"q\" ${x} 서울"), .float(2.0), .date(DateValue(year: 2024, month: 7, day: 28)!),
                              .record(Record([("job title", .int(1)), ("if", .null)]))])
        let text = Formatter.repr(v)
        #expect(try value(text) == v)
    }

    @Test func longListsAreShownInPart() {
        let v: Value = .list((0..<30).map { .int($0) })
        let text = Formatter.render(v, as: .auto, options: Formatter.Options(maxItems: 3))
        #expect(text == "[0, 1, 2, … 27 more (30 in all)]\n")
    }

    @Test func displayWidth() {
        #expect(DisplayWidth.of("abc") == 3)
        #expect(DisplayWidth.of("한국어") == 6)
        #expect(DisplayWidth.of("e\u{301}") == 1)
        #expect(DisplayWidth.truncate("한국어입니다", to: 5) == "한국…")
    }

    @Test func floatsAlwaysLookLikeFloats() {
        #expect(Formatter.number(3) == "3.0")
        #expect(Formatter.number(0.1) == "0.1")
        #expect(Formatter.number(1e20) == "1e+20")
    }

    @Test func durations() {
        #expect(Formatter.duration(0.000_42) == "0.42 ms")
        #expect(Formatter.duration(0.0123) == "12.3 ms")
        #expect(Formatter.duration(1.2041) == "1.204 s")
    }
    @Test func datesLeaveAsISODaysInDataFormats() throws {
        let row: Value = .list([.record(Record([("day", .date(try #require(DateValue(iso: "2024-07-28")))), ("n", .int(1))]))])
        #expect(Formatter.render(row, as: .csv) == "day,n\r\n2024-07-28,1\r\n")
        #expect(Formatter.render(row, as: .jsonl) == "{\"day\":\"2024-07-28\",\"n\":1}\n")
        #expect(Formatter.text(.date(try #require(DateValue(iso: "2024-07-28")))) == "2024-07-28")
        #expect(Formatter.repr(.date(try #require(DateValue(iso: "2024-07-28")))) == "@2024-07-28", "NQL notation keeps its literal")
    }

    @Test func autoInAPipePrintsRecordsAsJSONLinesAndOtherValuesAsBefore() {
        var options = Formatter.Options()
        options.piped = true
        let rows: Value = .list([.record(Record([("title", .string("Talks")), ("n", .int(2))]))])
        #expect(Formatter.render(rows, as: .auto, options: options) == "{\"title\":\"Talks\",\"n\":2}\n")
        #expect(Formatter.render(.record(Record([("a", .int(1))])), as: .auto, options: options) == "{\"a\":1}\n")
        #expect(Formatter.render(.list([.int(1), .int(2)]), as: .auto, options: options) == "[1, 2]\n")
        #expect(Formatter.render(rows, as: .auto).hasPrefix(" title"), "a table when not piped")
    }
    @Test func tablesAtThePromptUseTheTerminalWidth() {
        let long = String(repeating: "word ", count: 20).trimmingCharacters(in: .whitespaces)  // 99 columns
        let rows: Value = .list([.record(Record([("title", .string(long)), ("n", .int(1))]))])
        var options = Formatter.Options()
        options.terminalWidth = 140
        let wide = Formatter.render(rows, as: .auto, options: options)
        #expect(wide.contains(long), "a 99-column title fits in 140 columns uncut")
        options.terminalWidth = 60
        let narrow = Formatter.render(rows, as: .auto, options: options)
        for line in narrow.split(separator: "\n") { #expect(DisplayWidth.of(String(line)) <= 60, "\(line)") }
        #expect(narrow.contains("…"))
        #expect(Formatter.render(rows, as: .auto).contains("…"), "scripts keep the 48-column cells")
        #expect(Formatter.fitted([10, 50, 30], headers: [5, 5, 5], into: 60) == [10, 22, 23])
        #expect(Formatter.fitted([10, 20], headers: [5, 5], into: 80) == [10, 20])
    }

    @Test func csvNeutralisesFormulasInStringsButNotInNumbers() {
        let rows: Value = .list([.record(Record([("cell", .string("=cmd|'/C calc'!A0")), ("n", .int(-3))])),
                                 .record(Record([("cell", .string("@SUM(A1)")), ("n", .float(-1.5))])),
                                 .record(Record([("cell", .string("\tx")), ("n", .int(2))]))])
        #expect(Formatter.csv(rows) == "cell,n\r\n\"'=cmd|'/C calc'!A0\",-3\r\n\"'@SUM(A1)\",-1.5\r\n\"'\tx\",2\r\n")
        #expect(Formatter.csv(rows, formulaGuard: false).hasPrefix("cell,n\r\n=cmd|'/C calc'!A0,-3\r\n"))
    }

    @Test func controlCharactersFromDataAreEscapedInTablesAndTerminalText() {
        let evil: Value = .string("\u{1b}]0;owned\u{7}title\u{9b}")
        let table = Formatter.render(.list([.record(Record([("title", evil)]))]), as: .table)
        #expect(!table.contains("\u{1b}") && table.contains("\\u{1b}]0;owned\\u{7}title\\u{9b}"))
        let vertical = Formatter.render(.record(Record([("title", evil), ("x", .string(String(repeating: "y", count: 120)))])), as: .auto)
        #expect(!vertical.contains("\u{1b}"))
        #expect(!Formatter.render(evil, as: .text, options: Formatter.Options(terminal: true)).contains("\u{1b}"))
        #expect(Formatter.render(evil, as: .text) == "\u{1b}]0;owned\u{7}title\u{9b}\n")
        #expect(!Formatter.render(evil, as: .auto).contains("\u{1b}"))
        #expect(!Formatter.render(evil, as: .auto).contains("\u{9b}"))
    }
}
