import Foundation
import NQL

/// An article with its entity mentions marked, as displaCy shows them: on a
/// terminal (coloured by type, wrapped to the width, with a legend) or as a
/// self-contained HTML page. Mentions are scalar offsets into `text`.
public struct Highlight: Sendable {
    /// A marked stretch of the text.
    public struct Mark: Sendable, Equatable {
        /// First scalar offset.
        public var start: Int
        /// One past the last scalar offset.
        public var end: Int
        /// Entity type name (PERSON, ORG, ...).
        public var type: String

        /// Creates a mark.
        public init(start: Int, end: Int, type: String) {
            self.start = start
            self.end = end
            self.type = type
        }
    }

    /// The headline, if any.
    public var title: String?
    /// One line of metadata (source, date, author), if any.
    public var meta: String?
    /// The body.
    public var text: String
    /// The marks, sorted, without overlaps.
    public private(set) var marks: [Mark]

    /// Creates a highlight; overlapping and out-of-range marks are dropped.
    public init(title: String?, meta: String?, text: String, marks: [Mark]) {
        self.title = title
        self.meta = meta
        self.text = text
        let count = text.unicodeScalars.count
        var kept: [Mark] = []
        for m in marks.sorted(by: { ($0.start, $1.end) < ($1.start, $0.end) }) where m.start >= 0 && m.end <= count && m.start < m.end {
            if let last = kept.last, m.start < last.end { continue }
            kept.append(m)
        }
        self.marks = kept
    }

    /// ANSI colour codes by type (bold for names, plain for dates and amounts).
    static let colors: [String: String] = [
        "PERSON": "1;35", "ORG": "1;34", "GPE": "1;32", "LOC": "32", "NORP": "1;33", "PRODUCT": "1;31",
        "EVENT": "1;36", "MISC": "1;37", "DATE": "36", "MONEY": "33", "PERCENT": "33",
    ]

    /// The types marked, in the order of `EntityType`'s cases.
    public var types: [String] {
        let present = Set(marks.map(\.type))
        return EntityType.allCases.map(\.rawValue).filter(present.contains)
    }

    // MARK: - terminal

    /// The article for a terminal: title, metadata, the body wrapped to
    /// `width` columns with each mention coloured by type, and a legend. Without
    /// colour a mention is written `[Antony Blinken|PERSON]`. Control
    /// characters in the data are shown as `?`, so a text cannot drive the terminal.
    public func terminal(width: Int, color: Bool) -> String {
        let width = max(20, width)
        var out = ""
        if let title, !title.isEmpty {
            let t = title.escapingControlCharacters(keepNewlines: false)
            out += (color ? "\u{1B}[1m\(t)\u{1B}[0m" : t) + "\n"
        }
        if let meta, !meta.isEmpty {
            let m = meta.escapingControlCharacters(keepNewlines: false)
            out += (color ? "\u{1B}[2m\(m)\u{1B}[0m" : m) + "\n"
        }
        if !out.isEmpty { out += "\n" }
        out += wrappedBody(width: width, color: color)
        let legend = types
        if !legend.isEmpty {
            out += "\n" + legend.map { color ? "\u{1B}[\(Highlight.colors[$0] ?? "1")m\($0)\u{1B}[0m" : $0 }.joined(separator: "  ") + "\n"
        }
        return out
    }

    /// A word of the body: its text with colour codes or markers, its width,
    /// and the colour still open at its end (when a mention runs on past it).
    private struct Word {
        var text = ""
        var width = 0
        var openColor: String?
    }

    private func wrappedBody(width: Int, color: Bool) -> String {
        let scalars = Array(text.unicodeScalars)
        var starts: [Int: Mark] = [:], ends: [Int: Mark] = [:]
        for m in marks {
            starts[m.start] = m
            ends[m.end] = m
        }
        var paragraphs: [[Word]] = [[]]
        var word = Word()
        var open: String?
        var pendingNewlines = 0
        func finishWord() {
            guard !word.text.isEmpty else { return }
            word.openColor = open
            paragraphs[paragraphs.count - 1].append(word)
            word = Word()
        }
        for i in 0...scalars.count {
            if let m = ends[i] {
                if color { word.text += "\u{1B}[0m" } else {
                    word.text += "|\(m.type)]"
                    word.width += m.type.count + 2
                }
                open = nil
            }
            guard i < scalars.count else { break }
            let u = scalars[i]
            if u == "\n" || u == "\r" || u == "\u{2029}" {
                finishWord()
                pendingNewlines += 1
                continue
            }
            if pendingNewlines > 0 {
                if !(paragraphs.last ?? []).isEmpty { paragraphs.append([]) }
                pendingNewlines = 0
            }
            if let m = starts[i] {
                let code = Highlight.colors[m.type] ?? "1"
                if color { word.text += "\u{1B}[\(code)m" } else {
                    word.text += "["
                    word.width += 1
                }
                open = color ? code : nil
            }
            if u == " " || u == "\t" || u == "\u{A0}" {
                finishWord()
                continue
            }
            let shown: Unicode.Scalar = u.value < 0x20 || (0x7F..<0xA0).contains(u.value) ? "?" : u
            word.text.unicodeScalars.append(shown)
            word.width += DisplayWidth.of(shown)
        }
        finishWord()
        var out = ""
        for (p, words) in paragraphs.enumerated() where !words.isEmpty {
            if p > 0 && !out.isEmpty { out += "\n" }
            var lineWidth = 0
            var carried: String?
            for w in words {
                if lineWidth > 0 && lineWidth + 1 + w.width > width {
                    if carried != nil { out += "\u{1B}[0m" }
                    out += "\n"
                    if let c = carried { out += "\u{1B}[\(c)m" }
                    lineWidth = 0
                } else if lineWidth > 0 {
                    out += " "
                    lineWidth += 1
                }
                out += w.text
                lineWidth += w.width
                carried = w.openColor
            }
            if carried != nil { out += "\u{1B}[0m" }
            out += "\n"
        }
        return out
    }

    // MARK: - HTML

    /// Background colours of the HTML marks, by type.
    static let htmlColors: [String: String] = [
        "PERSON": "#f5c2e7", "ORG": "#b4d2f7", "GPE": "#c2ecc4", "LOC": "#dcefc0", "NORP": "#f9e2af",
        "PRODUCT": "#f7b8b8", "EVENT": "#b8ecec", "MISC": "#e0e0e0", "DATE": "#d6e4f0", "MONEY": "#f3dfc1",
        "PERCENT": "#f3dfc1",
    ]

    /// The article's body as HTML paragraphs with `<mark>`ed mentions.
    public func htmlArticle() -> String {
        let scalars = Array(text.unicodeScalars)
        var out = "<article>\n"
        if let title, !title.isEmpty { out += "<h1>\(Chart.escape(title))</h1>\n" }
        if let meta, !meta.isEmpty { out += "<p class=\"meta\">\(Chart.escape(meta))</p>\n" }
        var paragraph = ""
        var markIndex = 0
        var i = 0
        func flush() {
            let trimmed = paragraph.trimmingCharacters(in: .whitespaces)
            if !trimmed.isEmpty { out += "<p>\(trimmed)</p>\n" }
            paragraph = ""
        }
        while i < scalars.count {
            if markIndex < marks.count, marks[markIndex].start == i {
                let m = marks[markIndex]
                let surface = String(String.UnicodeScalarView(scalars[m.start..<m.end]))
                paragraph += "<mark class=\"ent ent-\(m.type)\" title=\"\(m.type)\">\(Chart.escape(surface))<span class=\"label\">\(m.type)</span></mark>"
                i = m.end
                markIndex += 1
                continue
            }
            let u = scalars[i]
            if u == "\n" || u == "\u{2029}" { flush() } else { paragraph += Chart.escape(String(u)) }
            i += 1
        }
        flush()
        return out + "</article>\n"
    }

    /// A self-contained HTML page (inline style, no scripts) of one or more
    /// highlighted articles, with a legend of the types marked.
    public static func htmlPage(_ articles: [Highlight], title: String) -> String {
        let present = Set(articles.flatMap(\.types))
        let legend = EntityType.allCases.map(\.rawValue).filter(present.contains)
        var css = """
            body { font: 17px/1.6 Georgia, "DejaVu Serif", serif; max-width: 46em; margin: 2em auto; padding: 0 1em; color: #222; }
            h1 { font: bold 1.6em/1.25 "DejaVu Sans", Helvetica, Arial, sans-serif; margin: 1.5em 0 0.2em; }
            .meta { color: #666; font: 0.9em "DejaVu Sans", Helvetica, Arial, sans-serif; margin-top: 0; }
            mark.ent { padding: 0.05em 0.3em; border-radius: 0.35em; color: inherit; line-height: 1; }
            mark.ent .label { font: bold 0.6em "DejaVu Sans", Helvetica, Arial, sans-serif; margin-left: 0.4em; vertical-align: middle; opacity: 0.75; }
            .legend { font: 0.85em "DejaVu Sans", Helvetica, Arial, sans-serif; border-top: 1px solid #ddd; margin-top: 2em; padding-top: 0.6em; }
            .legend mark { margin-right: 0.6em; }
            article + article { border-top: 1px solid #ddd; }

            """
        for type in EntityType.allCases.map(\.rawValue) {
            css += "mark.ent-\(type) { background: \(htmlColors[type] ?? "#e0e0e0"); }\n"
        }
        var page = "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        page += "<meta name=\"generator\" content=\"NQL\">\n<title>\(Chart.escape(title))</title>\n<style>\n\(css)</style>\n</head>\n<body>\n"
        for a in articles { page += a.htmlArticle() }
        if !legend.isEmpty {
            page += "<p class=\"legend\">" + legend.map { "<mark class=\"ent ent-\($0)\">\($0)</mark>" }.joined(separator: " ") + "</p>\n"
        }
        return page + "</body>\n</html>\n"
    }
}
