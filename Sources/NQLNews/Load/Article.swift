import Foundation

/// One news article as loaded from a file, a JSON record or standard input.
///
/// `text` is the clean body with paragraphs joined by a blank line; when a JSON
/// record supplies the body, `text` is that string exactly, byte for byte, so that
/// character offsets computed later point into it.
public struct Article: Sendable, Hashable {
    /// Stable identifier: the JSON `id` when present, else `path#index` (index from 1).
    public var id: String
    /// Whether the input gave the id as a number (`"id": 1`): it leaves NQL as one.
    public var numericID = false
    /// The file the article came from ("-" for standard input, "<text>" for strings).
    public var path: String
    /// The headline, if one was found.
    public var title: String?
    /// Sub-headlines (decks) that follow the headline.
    public var subtitle: [String]
    /// The outlet, e.g. "The Asia Business Daily".
    public var source: String?
    /// Authors joined by ", ", or nil when none is known.
    public var author: String? { authors.isEmpty ? nil : authors.joined(separator: ", ") }
    /// Each author's name.
    public var authors: [String]
    /// Publication date, ISO `YYYY-MM-DD` (or `YYYY-MM-DDTHH:MM:SS...` when the time is known).
    public var date: String?
    /// The date as it appeared in the input, before normalisation.
    public var rawDate: String?
    /// Canonical URL when known.
    public var url: String?
    /// The clean body.
    public var text: String
    /// Body paragraphs in order (split from `text` when read, unless the extractor gave them).
    public var paragraphs: [String] {
        get { givenParagraphs ?? TextShape.paragraphs(of: text) }
        set { givenParagraphs = newValue }
    }
    /// Paragraphs the extractor found (HTML, plain text); nil when they are `text` split.
    var givenParagraphs: [String]?
    /// Sentences of the body, in order (split when read).
    public var sentences: [String] { SentenceSplitter.split(paragraphs: paragraphs) }
    /// Image captions with their credits, kept out of the body.
    public var captions: [String]
    /// Number of words in `text` (counted when read).
    public var words: Int { TextShape.wordCount(text) }
    /// Input format: "txt", "md", "html", "json" or "jsonl".
    public var format: String
    /// Text decoding that was used: "utf-8", "utf-16le", "utf-16be", "windows-1252", or "json".
    public var encoding: String
    /// Other scalar fields of a JSON record (arrays of scalars are joined with ", "),
    /// e.g. Reuters `dateline` and `topics`; for HTML pages, `description` and `language`.
    public var extra: [String: String]

    /// Creates an article; paragraphs (unless given), sentences and words are
    /// derived from `text` when read, so a loaded corpus keeps only its text.
    public init(
        id: String, path: String, title: String? = nil, subtitle: [String] = [],
        source: String? = nil, authors: [String] = [], date: String? = nil,
        rawDate: String? = nil, url: String? = nil, text: String,
        paragraphs: [String]? = nil, captions: [String] = [], format: String,
        encoding: String = "utf-8", extra: [String: String] = [:]
    ) {
        self.id = id
        self.path = path
        self.title = title
        self.subtitle = subtitle
        self.source = source
        self.authors = authors
        self.date = date
        self.rawDate = rawDate
        self.url = url
        self.text = text
        self.givenParagraphs = paragraphs
        self.captions = captions
        self.format = format
        self.encoding = encoding
        self.extra = extra
    }
}

/// Something that kept a file, a line or a record from loading.
public struct LoadProblem: Sendable, Hashable, CustomStringConvertible {
    /// The file concerned ("-" for standard input).
    public var path: String
    /// 1-based line number, for JSON Lines records.
    public var line: Int?
    /// Short, lower-case explanation.
    public var message: String
    /// True for notes that did not stop loading (e.g. a fallback text encoding).
    public var isNote: Bool

    /// Creates a problem report.
    public init(path: String, line: Int? = nil, message: String, isNote: Bool = false) {
        self.path = path
        self.line = line
        self.message = message
        self.isNote = isNote
    }

    /// `path:line: error: message` (or `note:`).
    public var description: String {
        let loc = line.map { "\(path):\($0)" } ?? path
        return "\(loc): \(isNote ? "note" : "error"): \(message)"
    }
}

/// Small helpers on the shape of text: paragraphs and word counts.
enum TextShape {
    /// Splits on blank lines, and on indented lines (newswire style); lines inside a
    /// paragraph are joined with a space for the paragraph list (the text itself is not changed).
    static func paragraphs(of text: String) -> [String] {
        var result: [String] = []
        var text = text
        text.withUTF8 { b in
            var current: [UInt8] = []
            func flush() {
                if !current.isEmpty {
                    result.append(String(decoding: current, as: UTF8.self))
                    current.removeAll(keepingCapacity: true)
                }
            }
            var lineStart = 0
            let n = b.count
            while lineStart <= n {
                var lineEnd = lineStart
                while lineEnd < n, b[lineEnd] != 0x0A { lineEnd += 1 }
                var s = lineStart
                var e = lineEnd
                while s < e, b[s] <= 0x20 { s += 1 }
                while e > s, b[e - 1] <= 0x20 { e -= 1 }
                if s == e {
                    flush()
                } else {
                    let indented = s - lineStart >= 2 || (s > lineStart && b[lineStart] == 0x09)
                    if indented { flush() }
                    if !current.isEmpty { current.append(0x20) }
                    current.append(contentsOf: UnsafeBufferPointer(rebasing: b[s..<e]))
                }
                lineStart = lineEnd + 1
            }
            flush()
        }
        return result
    }

    /// Counts runs of letters or digits (with inner apostrophes, hyphens, dots).
    static func wordCount(_ text: String) -> Int {
        var n = 0
        var inWord = false
        var text = text
        text.withUTF8 { b in
            var i = 0
            while i < b.count {
                let c = b[i]
                if c < 0x80 {
                    let isWordChar = (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122)
                        || (inWord && (c == 39 || c == 45 || c == 46) && i + 1 < b.count && b[i + 1] > 0x20)
                    if isWordChar { if !inWord { n += 1; inWord = true } } else { inWord = false }
                    i += 1
                    continue
                }
                // Non-ASCII: decode one scalar.
                var len = 1
                if c >= 0xF0 { len = 4 } else if c >= 0xE0 { len = 3 } else if c >= 0xC0 { len = 2 }
                let end = min(b.count, i + len)
                var it = String(decoding: UnsafeBufferPointer(rebasing: b[i..<end]), as: UTF8.self).unicodeScalars.makeIterator()
                if let u = it.next() {
                    let isWordChar = u.properties.isAlphabetic || u.properties.numericType != nil || (inWord && u.value == 0x2019)
                    if isWordChar { if !inWord { n += 1; inWord = true } } else { inWord = false }
                }
                i = end
            }
        }
        return n
    }

    /// Trims ASCII and Unicode whitespace from both ends.
    static func trimSub(_ s: Substring) -> Substring {
        var start = s.startIndex
        var end = s.endIndex
        while start < end, s[start].isWhitespace { start = s.index(after: start) }
        while end > start {
            let before = s.index(before: end)
            if s[before].isWhitespace { end = before } else { break }
        }
        return s[start..<end]
    }

    /// Trims and collapses internal whitespace runs (ASCII and Unicode spaces) to one space.
    static func collapse(_ s: some StringProtocol) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(s.utf8.count)
        var pendingSpace = false
        var it = s.utf8.makeIterator()
        var lookahead: [UInt8] = []
        func next() -> UInt8? { lookahead.isEmpty ? it.next() : lookahead.removeFirst() }
        while let c = next() {
            var space = false
            var skip = false
            if c == 0x20 || (c >= 0x09 && c <= 0x0D) {
                space = true
            } else if c == 0xC2 {
                if let d = next() { if d == 0xA0 { space = true } else { lookahead.append(d) } }
            } else if c == 0xE2 || c == 0xE3 {
                if let d = next() {
                    if let e = next() {
                        if c == 0xE2, d == 0x80, (e >= 0x80 && e <= 0x8A) || e == 0xA8 || e == 0xA9 || e == 0xAF { space = true }
                        else if c == 0xE2, d == 0x80, e == 0x8B || e == 0x8C || e == 0x8D { skip = true }
                        else if c == 0xE3, d == 0x80, e == 0x80 { space = true }
                        else { lookahead.append(d); lookahead.append(e) }
                    } else { lookahead.append(d) }
                }
            } else if c == 0xEF {
                // U+FEFF byte-order mark inside text.
                if let d = next() {
                    if let e = next() {
                        if d == 0xBB, e == 0xBF { skip = true } else { lookahead.append(d); lookahead.append(e) }
                    } else { lookahead.append(d) }
                }
            }
            if skip { continue }
            if space { pendingSpace = !out.isEmpty; continue }
            if pendingSpace { out.append(0x20); pendingSpace = false }
            out.append(c)
            if !lookahead.isEmpty {
                // Bytes that were peeked but belong to this character.
                while let f = lookahead.first, f & 0xC0 == 0x80 { out.append(f); lookahead.removeFirst() }
            }
        }
        return String(decoding: out, as: UTF8.self)
    }
}

extension StringProtocol {
    /// Byte-wise substring test (Foundation's `contains` is locale-aware and slow on Linux).
    func has(_ needle: String) -> Bool {
        let found = self.utf8.withContiguousStorageIfAvailable { h in
            needle.utf8.withContiguousStorageIfAvailable { n in Self.search(h, n) }
        }
        if let f = found, let r = f { return r }
        let h = Array(self.utf8)
        let n = Array(needle.utf8)
        return h.withUnsafeBufferPointer { hb in n.withUnsafeBufferPointer { nb in Self.search(hb, nb) } }
    }

    private static func search(_ h: UnsafeBufferPointer<UInt8>, _ n: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let first = n.first else { return true }
        guard n.count <= h.count else { return false }
        var i = 0
        let last = h.count - n.count
        outer: while i <= last {
            if h[i] == first {
                var k = 1
                while k < n.count {
                    if h[i + k] != n[k] { i += 1; continue outer }
                    k += 1
                }
                return true
            }
            i += 1
        }
        return false
    }
}
