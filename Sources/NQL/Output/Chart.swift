import Foundation

/// A bar or line chart of labelled numbers: what `chart` draws on a terminal
/// and `plot` writes as SVG. Built from a list of records (the first text-like
/// field is the label, `count` or else the first numeric field the value),
/// a record of numbers (`{a: 3, b: 1}`) or a list of numbers.
public struct Chart: Sendable, Equatable {
    /// One bar (or point).
    public struct Bar: Sendable, Equatable {
        /// What the bar is for.
        public var label: String
        /// Its value (finite).
        public var value: Double
    }

    /// The bars, in the order given.
    public var bars: [Bar]
    /// The name of the value (`count`, `g2`, ...), shown on the axis.
    public var valueName: String
    /// The name of the label field (`period`, `value`, ...).
    public var labelName: String

    /// The most bars a chart draws (the rest are summed up in a note).
    public static let maxBars = 500

    /// Why a value cannot be charted.
    public struct Unchartable: Error, Sendable, Equatable { public let message: String }

    /// Reads a chart from a value.
    public init(_ value: Value) throws {
        switch value {
        case .list(let xs) where xs.allSatisfy({ $0.number != nil }):
            guard !xs.isEmpty else { throw Unchartable(message: Messages.chartEmpty) }
            bars = xs.enumerated().map { Bar(label: String($0.offset), value: $0.element.number ?? 0) }
            (valueName, labelName) = ("value", "index")
        case .list(let xs):
            guard let first = xs.first, case .record(let r0) = first else {
                throw Unchartable(message: xs.isEmpty ? Messages.chartEmpty : Messages.chartShape(value.typeName))
            }
            guard let numberKey = r0.keys.contains("count") ? "count" : r0.keys.first(where: { r0[$0]?.number != nil }) else {
                throw Unchartable(message: Messages.chartNoNumber)
            }
            let labelKey = r0.keys.first { $0 != numberKey && !(r0[$0]?.isNumber ?? false) } ?? r0.keys.first { $0 != numberKey }
            bars = []
            for x in xs {
                guard case .record(let r) = x else { throw Unchartable(message: Messages.chartShape(x.typeName)) }
                let label = labelKey.flatMap { r[$0] }.map(Chart.labelText) ?? ""
                bars.append(Bar(label: label, value: r[numberKey]?.number ?? 0))
            }
            (valueName, labelName) = (numberKey, labelKey ?? "")
        case .record(let r):
            guard !r.keys.isEmpty else { throw Unchartable(message: Messages.chartEmpty) }
            bars = try r.pairs.map { k, v in
                guard let d = v.number else { throw Unchartable(message: Messages.chartRecordValue(k, v.typeName)) }
                return Bar(label: k, value: d)
            }
            (valueName, labelName) = ("value", "key")
        default:
            throw Unchartable(message: Messages.chartShape(value.typeName))
        }
        bars = bars.map { Bar(label: $0.label, value: $0.value.isFinite ? $0.value : 0) }
    }

    /// A chart from bars directly.
    public init(bars: [Bar], valueName: String = "value", labelName: String = "label") {
        self.bars = bars
        self.valueName = valueName
        self.labelName = labelName
    }

    private static func labelText(_ v: Value) -> String {
        if v.isNull { return "(none)" }
        return Formatter.text(v)
    }

    /// Whether every label reads as a period of time (`2024-07`, `2024-07-28`,
    /// `2024-W31`): a timeline, drawn as a line by `plot`.
    public var isTimeline: Bool {
        !bars.isEmpty && bars.allSatisfy { b in
            let s = b.label.unicodeScalars
            guard s.count >= 7, s.count <= 10, let first4 = Int(String(String.UnicodeScalarView(s.prefix(4)))) else { return false }
            return first4 > 0 && b.label.dropFirst(4).first == "-"
        }
    }

    // MARK: - terminal

    /// Horizontal bars drawn with Unicode blocks, fitted to `width` columns:
    /// label, bar, value. Negative values draw no bar. With `color`, bars are cyan.
    public func terminal(width: Int, color: Bool, maxBars: Int? = nil) -> String {
        let shown = Array(bars.prefix(min(maxBars ?? Chart.maxBars, Chart.maxBars)))
        let values = shown.map { Chart.numberText($0.value) }
        let valueWidth = values.map { DisplayWidth.of($0) }.max() ?? 1
        let totalWidth = max(width, 30)
        let labelLimit = max(6, min(32, totalWidth / 3))
        let labels = shown.map { DisplayWidth.truncate($0.label.escapingControlCharacters(keepNewlines: false), to: labelLimit) }
        let labelWidth = labels.map { DisplayWidth.of($0) }.max() ?? 0
        let barWidth = max(4, totalWidth - labelWidth - valueWidth - 4)
        let top = shown.map(\.value).max() ?? 0
        var out = ""
        for (i, bar) in shown.enumerated() {
            let fill = String(repeating: " ", count: labelWidth - DisplayWidth.of(labels[i]))
            let blocks = top > 0 && bar.value > 0 ? Chart.blocks(bar.value / top * Double(barWidth)) : ""
            let drawn = color && !blocks.isEmpty ? "\u{1B}[36m\(blocks)\u{1B}[0m" : blocks
            let gap = String(repeating: " ", count: max(1, barWidth - blocks.unicodeScalars.count + 1))
            out += " \(labels[i])\(fill) \(drawn)\(gap)\(values[i])\n"
        }
        if shown.count < bars.count { out += " … \(bars.count - shown.count) more bars (\(bars.count) in all)\n" }
        return out
    }

    /// A number as people write it: whole numbers without a decimal point.
    static func numberText(_ d: Double) -> String {
        d.rounded() == d && abs(d) < 1e15 ? String(Int(d)) : Formatter.number((d * 1000).rounded() / 1000)
    }

    /// `cells` columns of bar: full blocks then one eighth-block for the rest.
    static func blocks(_ cells: Double) -> String {
        guard cells.isFinite, cells > 0 else { return "" }
        let eighths = Int((min(cells, 10_000) * 8).rounded())
        let partial = ["", "▏", "▎", "▍", "▌", "▋", "▊", "▉"]
        let text = String(repeating: "█", count: eighths / 8) + partial[eighths % 8]
        return text.isEmpty ? "▏" : text
    }

    // MARK: - SVG

    /// A self-contained SVG document: a line chart for a timeline (or when
    /// `line` is true), horizontal bars otherwise; with a title, axes, tick
    /// labels and the value name.
    public func svg(title: String, line: Bool? = nil) -> String {
        (line ?? isTimeline) ? lineSVG(title: title) : barSVG(title: title)
    }

    private static let font = "font-family=\"DejaVu Sans, Helvetica, Arial, sans-serif\""

    /// Round tick values from 0 to at least `top`.
    static func ticks(upTo top: Double) -> [Double] {
        guard top > 0, top.isFinite else { return [0, 1] }
        let raw = top / 5
        let magnitude = pow(10, floor(log10(raw)))
        let step = [1.0, 2, 2.5, 5, 10].map { $0 * magnitude }.first { $0 >= raw } ?? raw
        var ticks: [Double] = []
        var t = 0.0
        while t < top + step * 0.999 && ticks.count < 12 {
            ticks.append(t)
            t += step
        }
        return ticks
    }

    private func header(width: Int, height: Int, title: String) -> String {
        """
        <svg xmlns="http://www.w3.org/2000/svg" width="\(width)" height="\(height)" viewBox="0 0 \(width) \(height)" role="img">
        <title>\(Chart.escape(title))</title>
        <rect width="\(width)" height="\(height)" fill="#ffffff"/>
        <text x="\(width / 2)" y="28" text-anchor="middle" font-size="18" font-weight="bold" \(Chart.font) fill="#222">\(Chart.escape(title))</text>

        """
    }

    private func barSVG(title: String) -> String {
        let shown = Array(bars.prefix(60))
        let labelChars = min(36, shown.map { $0.label.count }.max() ?? 4)
        let left = 20 + labelChars * 7, right = 70, top = 50, rowHeight = 24
        let plotWidth = 520, width = left + plotWidth + right
        let height = top + rowHeight * shown.count + 50
        let ticks = Chart.ticks(upTo: shown.map(\.value).max() ?? 0)
        let scale = Double(plotWidth) / (ticks.last ?? 1)
        var svg = header(width: width, height: height, title: title)
        let axisY = top + rowHeight * shown.count
        for t in ticks {
            let x = left + Int(t * scale)
            svg += "<line x1=\"\(x)\" y1=\"\(top)\" x2=\"\(x)\" y2=\"\(axisY)\" stroke=\"#e3e3e3\"/>\n"
            svg += "<text x=\"\(x)\" y=\"\(axisY + 18)\" text-anchor=\"middle\" font-size=\"12\" \(Chart.font) fill=\"#555\">\(Chart.numberText(t))</text>\n"
        }
        for (i, bar) in shown.enumerated() {
            let y = top + i * rowHeight
            let w = max(0, Int(bar.value * scale))
            let label = Chart.escape(DisplayWidth.truncate(bar.label, to: 36))
            svg += "<text x=\"\(left - 8)\" y=\"\(y + 16)\" text-anchor=\"end\" font-size=\"13\" \(Chart.font) fill=\"#222\">\(label)</text>\n"
            svg += "<rect x=\"\(left)\" y=\"\(y + 4)\" width=\"\(w)\" height=\"\(rowHeight - 8)\" fill=\"#3b82c4\"/>\n"
            svg += "<text x=\"\(left + w + 6)\" y=\"\(y + 16)\" font-size=\"12\" \(Chart.font) fill=\"#333\">\(Chart.numberText(bar.value))</text>\n"
        }
        svg += "<line x1=\"\(left)\" y1=\"\(top)\" x2=\"\(left)\" y2=\"\(axisY)\" stroke=\"#333\"/>\n"
        svg += "<line x1=\"\(left)\" y1=\"\(axisY)\" x2=\"\(left + plotWidth)\" y2=\"\(axisY)\" stroke=\"#333\"/>\n"
        svg += "<text x=\"\(left + plotWidth / 2)\" y=\"\(axisY + 40)\" text-anchor=\"middle\" font-size=\"13\" \(Chart.font) fill=\"#333\">\(Chart.escape(valueName))</text>\n"
        if shown.count < bars.count {
            svg += "<text x=\"\(left)\" y=\"\(height - 4)\" font-size=\"11\" \(Chart.font) fill=\"#777\">… \(bars.count - shown.count) more not shown</text>\n"
        }
        return svg + "</svg>\n"
    }

    private func lineSVG(title: String) -> String {
        let left = 70, right = 30, top = 50, bottom = 90, plotWidth = 640, plotHeight = 300
        let width = left + plotWidth + right, height = top + plotHeight + bottom
        let ticks = Chart.ticks(upTo: bars.map(\.value).max() ?? 0)
        let scale = Double(plotHeight) / (ticks.last ?? 1)
        let step = bars.count > 1 ? Double(plotWidth) / Double(bars.count - 1) : 0
        var svg = header(width: width, height: height, title: title)
        let axisY = top + plotHeight
        for t in ticks {
            let y = axisY - Int(t * scale)
            svg += "<line x1=\"\(left)\" y1=\"\(y)\" x2=\"\(left + plotWidth)\" y2=\"\(y)\" stroke=\"#e3e3e3\"/>\n"
            svg += "<text x=\"\(left - 8)\" y=\"\(y + 4)\" text-anchor=\"end\" font-size=\"12\" \(Chart.font) fill=\"#555\">\(Chart.numberText(t))</text>\n"
        }
        let points = bars.enumerated().map { i, b in
            (x: left + Int(Double(i) * step) + (bars.count == 1 ? plotWidth / 2 : 0), y: axisY - Int(max(0, b.value) * scale))
        }
        let path = points.map { "\($0.x),\($0.y)" }.joined(separator: " ")
        svg += "<polyline points=\"\(path)\" fill=\"none\" stroke=\"#3b82c4\" stroke-width=\"2.5\"/>\n"
        let labelEvery = max(1, Int((Double(bars.count) / 12).rounded(.up)))
        for (i, p) in points.enumerated() {
            svg += "<circle cx=\"\(p.x)\" cy=\"\(p.y)\" r=\"3.5\" fill=\"#3b82c4\"><title>\(Chart.escape(bars[i].label)): \(Chart.numberText(bars[i].value))</title></circle>\n"
            if i % labelEvery == 0 || i == points.count - 1 {
                svg += "<text x=\"\(p.x)\" y=\"\(axisY + 16)\" text-anchor=\"end\" font-size=\"11\" \(Chart.font) fill=\"#555\" transform=\"rotate(-40 \(p.x) \(axisY + 16))\">\(Chart.escape(bars[i].label))</text>\n"
            }
        }
        svg += "<line x1=\"\(left)\" y1=\"\(top)\" x2=\"\(left)\" y2=\"\(axisY)\" stroke=\"#333\"/>\n"
        svg += "<line x1=\"\(left)\" y1=\"\(axisY)\" x2=\"\(left + plotWidth)\" y2=\"\(axisY)\" stroke=\"#333\"/>\n"
        svg += "<text x=\"18\" y=\"\(top + plotHeight / 2)\" text-anchor=\"middle\" font-size=\"13\" \(Chart.font) fill=\"#333\" transform=\"rotate(-90 18 \(top + plotHeight / 2))\">\(Chart.escape(valueName))</text>\n"
        return svg + "</svg>\n"
    }

    /// Text escaped for XML and HTML, control characters dropped.
    public static func escape(_ s: String) -> String {
        var out = ""
        out.reserveCapacity(s.utf8.count)
        for u in s.unicodeScalars {
            switch u {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            case "\n", "\t": out.unicodeScalars.append(u)
            default:
                if u.value < 0x20 || (0x7F..<0xA0).contains(u.value) { continue }
                out.unicodeScalars.append(u)
            }
        }
        return out
    }
}

extension Value {
    var isNumber: Bool {
        switch self {
        case .int, .float: return true
        default: return false
        }
    }
}
