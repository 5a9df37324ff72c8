extension Value {
    var isRecord: Bool { if case .record = self { return true } else { return false } }
}

/// The ways results can be printed.
public enum OutputFormat: String, Sendable, CaseIterable {
    /// Tables for lists of records, NQL notation for the rest.
    case auto
    /// Aligned columns.
    case table
    /// Pretty-printed JSON, one document per result.
    case json
    /// One compact JSON value per line; a list prints one line per element.
    case jsonl
    /// RFC 4180 comma-separated values with a header row.
    case csv
    /// Strings as they are, lists one element per line.
    case text
}

/// Turns values into text: NQL notation, JSON, CSV, tables.
public enum Formatter {
    /// Options for human-facing output.
    public struct Options: Sendable {
        /// Show at most this many list elements or table rows (nil: all), then a count.
        public var maxItems: Int?
        /// Use ANSI colours (table headers, entity types).
        public var color: Bool
        /// The widest a table cell may be, in columns.
        public var maxCellWidth: Int
        /// At a prompt: the terminal's width. Tables use all of it (cells wider than
        /// `maxCellWidth` when they fit), and a timeline result is drawn as a bar chart.
        public var terminalWidth: Int?
        /// Output goes to a file or a pipe: `auto` prints records and lists of records as JSON Lines, not tables.
        public var piped = false
        /// Output goes to a terminal: control characters in `text` output are shown escaped
        /// (tables and NQL notation always escape them).
        public var terminal: Bool
        /// CSV string cells that a spreadsheet would run as a formula (`=`, `+`, `-`, `@`,
        /// tab, CR first) get a leading `'`, as OWASP recommends; numbers are left alone.
        public var csvFormulaGuard: Bool

        /// Creates options.
        public init(maxItems: Int? = nil, color: Bool = false, maxCellWidth: Int = 48, terminal: Bool = false,
                    csvFormulaGuard: Bool = true) {
            self.maxItems = maxItems
            self.color = color
            self.maxCellWidth = maxCellWidth
            self.terminal = terminal
            self.csvFormulaGuard = csvFormulaGuard
        }
    }

    /// A value printed in a format, ending with a newline.
    public static func render(_ value: Value, as format: OutputFormat, options: Options = Options()) -> String {
        switch format {
        case .auto:
            if let width = options.terminalWidth, isTimeline(value), let c = try? Chart(value) {
                return c.terminal(width: width, color: options.color)
            }
            if options.piped && (isTable(value) || value.isRecord) { return render(value, as: .jsonl) }
            if isTable(value) { return table(value, options: options) }
            if case .record(let r) = value, repr(value).count > 100 { return vertical(r, options: options) }
            return repr(value, maxItems: options.maxItems) + "\n"
        case .table:
            if case .record(let r) = value { return vertical(r, options: options) }
            if case .list(let xs) = value, !isTable(value) {
                return xs.map { text($0).escapingControlCharacters() + "\n" }.joined()
            }
            return isTable(value) ? table(value, options: options) : repr(value) + "\n"
        case .json: return json(value, indent: 0) + "\n"
        case .jsonl:
            if case .list(let xs) = value { return xs.map { json($0) + "\n" }.joined() }
            return json(value) + "\n"
        case .csv: return csv(value, formulaGuard: options.csvFormulaGuard)
        case .text:
            let terminal = options.terminal
            func shown(_ v: Value) -> String { terminal ? text(v).escapingControlCharacters() : text(v) }
            if case .list(let xs) = value { return xs.map { shown($0) + "\n" }.joined() }
            return shown(value) + "\n"
        }
    }

    /// How one element of a list prints in a format that gives each element
    /// its own line (`jsonl`, `text`), so a stream can print as it is read;
    /// nil for formats that need every element first (tables, CSV columns, JSON).
    public static func streamedLine(_ format: OutputFormat) -> ((Value) -> String)? {
        switch format {
        case .jsonl: return { json($0) + "\n" }
        case .text: return { text($0) + "\n" }
        case .auto, .table, .json, .csv: return nil
        }
    }

    /// A CSV header or row from its fields (`\r\n` at the end), as `csv` writes them.
    public static func csvLine(_ fields: [String]) -> String { fields.map(csvField).joined(separator: ",") + "\r\n" }

    /// A record's CSV row under `columns`.
    public static func csvRow(_ v: Value, _ columns: [String], formulaGuard: Bool = true) -> String {
        guard case .record(let r) = v else { return csvCell(v, formulaGuard) + "\r\n" }
        return columns.map { csvCell(r[$0] ?? .null, formulaGuard) }.joined(separator: ",") + "\r\n"
    }

    /// A wall time for people: `0.42 ms`, `12.3 ms`, `1.234 s`.
    public static func duration(_ seconds: Double) -> String {
        if seconds < 0.01 { return String(format: "%.2f ms", seconds * 1000) }
        if seconds < 1 { return String(format: "%.1f ms", seconds * 1000) }
        return String(format: "%.3f s", seconds)
    }

    // MARK: - NQL notation

    /// NQL notation: `"text"`, `[1, 2]`, `{name: "x"}`, `@2024-07-28`.
    public static func repr(_ v: Value, maxItems: Int? = nil) -> String {
        var out = ""
        writeRepr(v, into: &out, maxItems: maxItems)
        return out
    }

    private static func writeRepr(_ v: Value, into out: inout String, maxItems: Int?) {
        switch v {
        case .null: out += "null"
        case .bool(let b): out += b ? "true" : "false"
        case .int(let n): out += String(n)
        case .float(let d): out += number(d)
        case .string(let s): out += quoted(s)
        case .date(let d): out += "@" + d.iso
        case .regex(let r): out += "/" + r.pattern.replacingOccurrences(of: "/", with: "\\/") + "/" + r.flags
        case .function(let f): out += f.description
        case .stream: out += "<stream>"  // not reached: sessions and bindings collect streams
        case .list(let xs):
            out += "["
            let shown = maxItems.map { min($0, xs.count) } ?? xs.count
            for (i, x) in xs.prefix(shown).enumerated() {
                if i > 0 { out += ", " }
                writeRepr(x, into: &out, maxItems: maxItems)
            }
            if shown < xs.count { out += ", … \(xs.count - shown) more (\(xs.count) in all)" }
            out += "]"
        case .record(let r):
            out += "{"
            for (i, (k, x)) in r.pairs.enumerated() {
                if i > 0 { out += ", " }
                out += isPlainKey(k) ? k : quoted(k)
                out += ": "
                writeRepr(x, into: &out, maxItems: maxItems)
            }
            out += "}"
        }
    }

    /// A float as NQL and JSON print it: shortest round-trip digits, always with a point or exponent.
    public static func number(_ d: Double) -> String {
        if d.isNaN { return "nan" }
        if d.isInfinite { return d < 0 ? "-inf" : "inf" }
        if d == d.rounded(), abs(d) < 1e16 { return String(Int(d)) + ".0" }
        return "\(d)"
    }

    private static func isPlainKey(_ k: String) -> Bool {
        guard let first = k.unicodeScalars.first, first == "_" || first.properties.isAlphabetic else { return false }
        return Keyword(rawValue: k) == nil && k.unicodeScalars.allSatisfy { $0 == "_" || $0.properties.isAlphabetic || ("0"..."9").contains($0) }
    }

    /// A string literal with escapes, which reads back as the same string.
    public static func quoted(_ s: String) -> String {
        var out = "\""
        var previousDollar = false
        for u in s.unicodeScalars {
            switch u {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            case "\r": out += "\\r"
            case "{" where previousDollar: out.removeLast(); out += "\\${"
            default:
                if u.value < 0x20 || (0x7F...0x9F).contains(u.value) { out += "\\u{\(String(u.value, radix: 16))}" } else { out.unicodeScalars.append(u) }
            }
            previousDollar = u == "$"
        }
        return out + "\""
    }

    /// Strings as they are, dates as ISO days (2024-07-28: data, not NQL's `@` literal); everything else in NQL notation.
    public static func text(_ v: Value) -> String {
        if case .string(let s) = v { return s }
        if case .date(let d) = v { return d.iso }
        return repr(v)
    }

    // MARK: - JSON

    /// JSON text; `indent` > 0... pretty-prints with two spaces per level, nil prints compactly.
    public static func json(_ v: Value, indent: Int? = nil) -> String {
        var out = ""
        writeJSON(v, into: &out, indent: indent)
        return out
    }

    private static func writeJSON(_ v: Value, into out: inout String, indent: Int?) {
        let newline = indent.map { "\n" + String(repeating: "  ", count: $0 + 1) } ?? ""
        let closing = indent.map { "\n" + String(repeating: "  ", count: $0) } ?? ""
        let inner = indent.map { $0 + 1 }
        switch v {
        case .null: out += "null"
        case .bool(let b): out += b ? "true" : "false"
        case .int(let n): out += String(n)
        case .float(let d): out += d.isFinite ? number(d) : "null"
        case .string(let s): out += jsonString(s)
        case .date(let d): out += jsonString(d.iso)
        case .regex(let r): out += jsonString(r.pattern)
        case .function(let f): out += jsonString(f.description)
        case .stream: out += jsonString("<stream>")  // not reached: sessions and bindings collect streams
        case .list(let xs):
            if xs.isEmpty { out += "[]"; return }
            out += "["
            for (i, x) in xs.enumerated() {
                out += (i > 0 ? "," : "") + newline
                writeJSON(x, into: &out, indent: inner)
            }
            out += closing + "]"
        case .record(let r):
            if r.count == 0 { out += "{}"; return }
            out += "{"
            for (i, (k, x)) in r.pairs.enumerated() {
                out += (i > 0 ? "," : "") + newline + jsonString(k) + (indent == nil ? ":" : ": ")
                writeJSON(x, into: &out, indent: inner)
            }
            out += closing + "}"
        }
    }

    /// A JSON string literal (control characters escaped, the rest as UTF-8).
    public static func jsonString(_ s: String) -> String {
        var out = "\""
        out.reserveCapacity(s.utf8.count + 2)
        for u in s.unicodeScalars {
            switch u {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if u.value < 0x20 || u.value == 0x2028 || u.value == 0x2029 {
                    let hex = String(u.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(u)
                }
            }
        }
        return out + "\""
    }

    // MARK: - CSV

    /// CSV with a header row: a list of records by their keys, a list of other
    /// values as one `value` column, a record as one row.
    public static func csv(_ v: Value, formulaGuard: Bool = true) -> String {
        let rows: [Value]
        switch v {
        case .list(let xs): rows = xs
        default: rows = [v]
        }
        let columns = columnsOf(rows)
        var out = ""
        if let columns {
            out += csvLine(columns)
            for row in rows where row.isRecord { out += csvRow(row, columns, formulaGuard: formulaGuard) }
        } else {
            out += "value\r\n"
            for row in rows { out += csvCell(row, formulaGuard) + "\r\n" }
        }
        return out
    }

    /// One CSV cell; text from data that starts like a formula gets a leading `'`.
    private static func csvCell(_ v: Value, _ formulaGuard: Bool) -> String {
        let s = cellText(v)
        switch v {
        case .string, .list, .record:
            if formulaGuard, let first = s.utf8.first, [UInt8(ascii: "="), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "@"), 0x09, 0x0D].contains(first) {
                return "\"'" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\""
            }
        default: break
        }
        return csvField(s)
    }

    private static func csvField(_ s: String) -> String {
        let needsQuotes = s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" })
            || s.hasPrefix(" ") || s.hasSuffix(" ")
        return needsQuotes ? "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : s
    }

    /// A value as one cell: strings as they are, lists joined with "; ", records as JSON.
    public static func cellText(_ v: Value) -> String {
        switch v {
        case .null: return ""
        case .string(let s): return s
        case .list(let xs): return xs.map(cellText).joined(separator: "; ")
        case .record: return json(v)
        case .float(let d): return number(d)
        case .date(let d): return d.iso
        default: return repr(v)
        }
    }

    // MARK: - tables

    /// A `timeline` result: records of exactly `period` and `count`.
    private static func isTimeline(_ v: Value) -> Bool {
        guard case .list(let xs) = v, !xs.isEmpty else { return false }
        return xs.allSatisfy { if case .record(let r) = $0 { return r.keys == ["period", "count"] } else { return false } }
    }

    private static func isTable(_ v: Value) -> Bool {
        if case .list(let xs) = v, !xs.isEmpty, columnsOf(xs) != nil { return true }
        return false
    }

    /// The union of keys, in first-seen order, when every row is a record.
    private static func columnsOf(_ rows: [Value]) -> [String]? {
        var columns: [String] = []
        var seen = Set<String>()
        for row in rows {
            guard case .record(let r) = row else { return nil }
            for k in r.keys where seen.insert(k).inserted { columns.append(k) }
        }
        return rows.isEmpty ? nil : columns
    }

    /// An aligned table of records; numbers right-aligned; widths by display width.
    public static func table(_ v: Value, options: Options) -> String {
        guard case .list(let all) = v, let columns = columnsOf(all) else { return repr(v) + "\n" }
        let rows = options.maxItems.map { Array(all.prefix($0)) } ?? all
        var cells: [[String]] = []
        var numeric = [Bool](repeating: true, count: columns.count)
        for row in rows {
            guard case .record(let r) = row else { continue }
            var line: [String] = []
            for (c, key) in columns.enumerated() {
                let value = r[key] ?? .null
                if value.number == nil && !value.isNull { numeric[c] = false }
                let flat = cellText(value).split(whereSeparator: { $0.isNewline }).joined(separator: " ").escapingControlCharacters()
                line.append(options.terminalWidth == nil ? DisplayWidth.truncate(flat, to: options.maxCellWidth) : flat)
            }
            cells.append(line)
        }
        let header = columns.map { $0.escapingControlCharacters() }
        var widths = header.map { DisplayWidth.of($0) }
        for line in cells { for (c, s) in line.enumerated() { widths[c] = max(widths[c], DisplayWidth.of(s)) } }
        if let terminal = options.terminalWidth {
            widths = fitted(widths, headers: columns.map { DisplayWidth.of($0) }, into: terminal)
            cells = cells.map { line in line.enumerated().map { DisplayWidth.truncate($0.element, to: widths[$0.offset]) } }
        }
        func pad(_ s: String, _ c: Int) -> String {
            let fill = String(repeating: " ", count: widths[c] - DisplayWidth.of(s))
            return numeric[c] ? fill + s : s + fill
        }
        func join(_ line: [String]) -> String {
            var s = " " + line.enumerated().map { pad($0.element, $0.offset) }.joined(separator: "  ")
            while s.hasSuffix(" ") { s.removeLast() }
            return s + "\n"
        }
        let headerLine = join(header)
        var out = options.color ? "\u{1B}[1m" + headerLine.dropLast() + "\u{1B}[0m\n" : headerLine
        for line in cells { out += join(line) }
        if rows.count < all.count { out += " … \(all.count - rows.count) more rows (\(all.count) in all)\n" }
        return out
    }

    /// Column widths shrunk to fit `total` columns (one leading space, two between
    /// columns): the widest column gives way first, down to the next widest, and
    /// none below its header or 8 columns. A table that fits keeps its widths.
    static func fitted(_ natural: [Int], headers: [Int], into total: Int) -> [Int] {
        var widths = natural
        var excess = widths.reduce(1 + 2 * max(0, widths.count - 1), +) - total
        while excess > 0, let i = widths.indices.max(by: { widths[$0] < widths[$1] }) {
            let minimum = max(8, headers[i])
            guard widths[i] > minimum else { break }
            let next = widths.enumerated().filter { $0.offset != i }.map(\.element).max() ?? 0
            let target = max(minimum, min(widths[i] - 1, max(next, widths[i] - excess)))
            excess -= widths[i] - target
            widths[i] = target
        }
        return widths
    }

    /// A record as `key  value` lines. A list that does not fit on one line
    /// shows one element per line (at most `maxItems`, default 8), so reports
    /// such as `compare`'s read well at the prompt.
    private static func vertical(_ r: Record, options: Options) -> String {
        let width = r.keys.map { DisplayWidth.of($0.escapingControlCharacters()) }.max() ?? 0
        let valueWidth = max(options.maxCellWidth, 72)
        let indent = String(repeating: " ", count: width + 3)
        func flat(_ v: Value) -> String {
            let text = v.isRecord ? repr(v) : cellText(v)
            return text.split(whereSeparator: { $0.isNewline }).joined(separator: " ").escapingControlCharacters()
        }
        var out = ""
        for (k, v) in r.pairs {
            let k = k.escapingControlCharacters()
            let fill = String(repeating: " ", count: width - DisplayWidth.of(k))
            let key = options.color ? "\u{1B}[1m\(k)\u{1B}[0m" : k
            if case .list(let xs) = v, !xs.isEmpty {
                let joined = xs.map(flat).joined(separator: ", ")
                if DisplayWidth.of(joined) <= valueWidth {
                    out += " \(key)\(fill)  \(joined)\n"
                    continue
                }
                let limit = options.maxItems ?? 8
                for (i, x) in xs.prefix(limit).enumerated() {
                    out += (i == 0 ? " \(key)\(fill)  " : indent) + "- " + DisplayWidth.truncate(flat(x), to: valueWidth - 2) + "\n"
                }
                if xs.count > limit { out += indent + "… \(xs.count - limit) more (\(xs.count) in all)\n" }
                continue
            }
            out += " \(key)\(fill)  \(DisplayWidth.truncate(flat(v), to: valueWidth))\n"
        }
        return out
    }
}

import Foundation
