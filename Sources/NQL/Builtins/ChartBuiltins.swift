import Foundation

/// `chart` and `plot`: bar and line charts of labelled numbers (a `tally`,
/// a `timeline`, keyness scores), on the terminal or as an SVG file.
enum ChartBuiltins {
    static let all: [Builtin] = [chart, plot]

    static func chart(of a: Arguments) throws -> Chart {
        do { return try Chart(a[0]) } catch let e as Chart.Unchartable { throw a.error(e.message) }
    }

    static let chart = Builtin(
        "chart", group: "output", params: "data", options: ["rows"],
        summary: "Draw labelled numbers (a tally, a timeline, a record of numbers) as horizontal bars fitted to the terminal.",
        example: #"["oil", "gas", "oil", "coal", "oil"] | tally | chart"#,
        details: """
            The label is the first field that is not a number (a tally's `value`, a timeline's `period`); the bar is
            `count`, or else the first number field. `rows: N` draws at most N bars (default: all, up to 500).
            Bars are coloured on a colour terminal; in a pipe they are plain Unicode blocks. At the prompt a
            `timeline` result is drawn this way by itself. `plot` writes the same data as an SVG picture.
            """
    ) { a in
        let c = try chart(of: a)
        var rows: Int?
        if let r = a.option("rows") {
            guard case .int(let n) = r, n > 0 else { throw a.error("rows: must be a positive integer") }
            rows = n
        }
        let d = a.interpreter.display
        a.interpreter.output(c.terminal(width: d.width, color: d.color, maxBars: rows))
        return .null
    }

    static let plot = Builtin(
        "plot", group: "output", params: "data, path", options: ["title", "kind"],
        summary: "Write labelled numbers as an SVG chart: a line for a timeline, horizontal bars otherwise (kind: \"bar\" | \"line\").",
        example: #"["oil", "gas", "oil"] | tally | plot("/tmp/nql-example.svg", title: "Fuels")"#,
        details: """
            The picture has a title (default: the file's name), axes with round tick values, labels and the
            value's name; a timeline (labels such as 2024-07 or 2024-07-28) is drawn as a line, anything else as
            bars, unless kind: says otherwise. The file is written atomically. At most 60 bars are drawn.
            """,
        fileUse: .write(argument: 1)
    ) { a in
        let c = try chart(of: a)
        let raw = try a.string(1)
        guard (raw as NSString).pathExtension.lowercased() == "svg" else { throw a.error(Messages.plotFormat(raw)) }
        var line: Bool?
        if let k = a.option("kind") {
            guard case .string(let s) = k, s == "bar" || s == "line" else { throw a.error("kind: must be \"bar\" or \"line\"") }
            line = s == "line"
        }
        var title = ((raw as NSString).lastPathComponent as NSString).deletingPathExtension
        if let t = a.option("title") {
            guard case .string(let s) = t else { throw a.error("title: must be a string") }
            title = s
        }
        let path = a.interpreter.absolutePath(raw)
        do {
            try AtomicFile.write(Data(c.svg(title: title, line: line).utf8), to: path)
        } catch let e as AtomicFile.WriteError {
            throw a.error(e.message)
        }
        if a.interpreter.display.interactive { a.interpreter.warn("wrote \(raw)\n") }
        return .null
    }
}
