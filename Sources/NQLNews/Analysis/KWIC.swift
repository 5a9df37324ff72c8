// Keyword in context: every whole-word, case-insensitive match of a word or phrase (or
// of a regular expression, taken as written) with the text around it, as concordancers
// like AntConc show it.
//
// A phrase matches across any run of white space ("North  Korea" across a line break),
// and straight and curly apostrophes match each other.
// Context is at most `width` characters on each side, cut back to a word boundary so no
// word is shown in part, with white space runs shown as one space.
// Offsets are in Characters (what Swift's String.count counts) from the start of the text.

import Foundation
import NQL

/// One match with its context.
public struct ConcordanceLine: Sendable, Equatable {
    /// Index of the text in the input list.
    public var document: Int
    /// Character offset of the match in its text.
    public var offset: Int
    /// The context before the match.
    public var left: String
    /// The match as written.
    public var match: String
    /// The context after the match.
    public var right: String
}

extension Analysis {
    /// Every match of `term` in `texts` with `width` characters of context on each side.
    /// With `regex`, `term` is an ICU regular expression used as written (case-sensitive
    /// unless it says `(?i)`); otherwise a word or phrase matched whole-word and
    /// case-insensitively.
    public static func kwic(_ texts: [String], term: String, width: Int = 40, regex: Bool = false) throws -> [ConcordanceLine] {
        guard width >= 0 else { throw AnalysisError("width must not be negative, got \(width)") }
        let pattern: String
        if regex {
            guard !term.isEmpty else { throw AnalysisError("the regular expression is empty") }
            pattern = term
        } else {
            // Straight and curly apostrophes match each other ("China's" finds "China’s").
            let words = term.split(whereSeparator: \.isWhitespace).map { word in
                word.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "'" || $0 == "’" })
                    .map { NSRegularExpression.escapedPattern(for: String($0)) }
                    .joined(separator: "['’]")
            }
            guard !words.isEmpty else { throw AnalysisError("the search term is empty") }
            pattern = "(?<![\\p{L}\\p{N}])" + words.joined(separator: "\\s+") + "(?![\\p{L}\\p{N}])"
        }
        // Bounded in time per match and stopped by Ctrl-C, as every NQL regex is.
        let expression: RegexValue
        do {
            expression = try RegexValue(pattern: pattern, flags: regex ? "" : "i")
        } catch {
            throw AnalysisError("invalid regular expression '\(term)'")
        }
        var lines: [ConcordanceLine] = []
        for (d, text) in texts.enumerated() {
            var cursor = text.startIndex
            var cursorOffset = 0
            for r in try expression.matchRanges(in: text) {
                cursorOffset += text.distance(from: cursor, to: r.lowerBound)
                cursor = r.lowerBound
                lines.append(ConcordanceLine(
                    document: d, offset: cursorOffset,
                    left: leftContext(text, before: r.lowerBound, width: width),
                    match: collapseSpace(text[r]),
                    right: rightContext(text, after: r.upperBound, width: width)))
            }
        }
        return lines
    }

    static func collapseSpace<S: Sequence<Character>>(_ s: S) -> String {
        var out = ""
        var space = false
        for ch in s {
            if ch.isWhitespace { space = true; continue }
            if space, !out.isEmpty { out.append(" ") }
            space = false
            out.append(ch)
        }
        if space, !out.isEmpty { out.append(" ") }
        return out
    }

    static func leftContext(_ text: String, before end: String.Index, width: Int) -> String {
        guard width > 0 else { return "" }
        let start = text.index(end, offsetBy: -width, limitedBy: text.startIndex) ?? text.startIndex
        var slice = text[start..<end]
        // Cut a partial word at the far end.
        if start > text.startIndex, let f = slice.first, !f.isWhitespace, !text[text.index(before: start)].isWhitespace {
            if let sp = slice.firstIndex(where: \.isWhitespace) { slice = slice[sp...] } else { slice = slice[slice.endIndex...] }
        }
        return collapseSpace(slice).trimmedForAnalysis()
    }

    static func rightContext(_ text: String, after start: String.Index, width: Int) -> String {
        guard width > 0 else { return "" }
        let end = text.index(start, offsetBy: width, limitedBy: text.endIndex) ?? text.endIndex
        var slice = text[start..<end]
        if end < text.endIndex, let l = slice.last, !l.isWhitespace, !text[end].isWhitespace {
            if let sp = slice.lastIndex(where: \.isWhitespace) { slice = slice[..<sp] } else { slice = slice[..<slice.startIndex] }
        }
        return collapseSpace(slice).trimmedForAnalysis()
    }
}
