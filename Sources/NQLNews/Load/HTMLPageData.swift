import CLibXML2
import Foundation
import NQL

/// The body as the page's own data gives it, when the printed page shows less
/// or more than the story (see `HTMLExtractor`).
///
/// Two sources: JSON-LD `articleBody`, and the JSON a page embeds for its
/// scripts (`<script type="application/json">`, e.g. Next.js `__NEXT_DATA__`),
/// which on paywalled pages holds every paragraph while the HTML prints two.
extension PageWalker {
    /// The DOM paragraphs that JSON-LD `articleBody` confirms, when the DOM took far
    /// more than the story (a page of teasers around a short guide, a listicle's rail).
    /// Nil, leaving the DOM as it is, when the DOM is not at least twice as long, when
    /// the body is not plausible (short, or cut off mid-sentence by a paywall), or when
    /// the DOM paragraphs it confirms are less than half of it (not this page's text).
    static func trimmed(_ paragraphs: [String], toArticleBody body: String) -> [String]? {
        let domLen = paragraphs.reduce(0) { $0 + $1.utf8.count }
        guard body.utf8.count >= 300, domLen >= body.utf8.count * 2 else { return nil }
        let body = TextShape.collapse(decodeEntities(body))
        guard PlainTextExtractor.endsLikeSentence(body) else { return nil }
        let normBody = norm(body)
        let kept = paragraphs.filter { p in
            let n = norm(p)
            return !n.isEmpty && normBody.has(n)
        }
        let keptLen = kept.reduce(0) { $0 + $1.utf8.count }
        return keptLen * 2 >= body.utf8.count ? kept : nil
    }

    /// The body from the data a page's scripts render from: the list whose items hold
    /// the first and last printed paragraphs, each item's text read from the key the
    /// opening was found under; or one string holding the whole body's markup. A JSON
    /// script is parsed whole; another inline script, the object assigned around the
    /// opening (`window.__STATE__ = {…}`). Nil when no script holds the printed opening.
    static func bodyFromData(_ scripts: [(node: xmlNodePtr, isJSON: Bool)], printed: [String]) -> [String]? {
        guard let first = printed.first, let probe = plainPrefix(first) else { return nil }
        let lastProbe = printed.count > 1 ? printed.last.flatMap(plainPrefix) : nil
        let printedLen = printed.reduce(0) { $0 + $1.utf8.count }
        for script in scripts where scriptHolds(script.node, probe) {
            let raw = rawText(script.node)
            guard raw.utf8.count > 1000 else { continue }
            guard let json = script.isJSON ? raw : assignedObject(in: raw, around: probe), let root = try? JSON.parse(json) else { continue }
            if let out = paragraphs(in: root, probe: probe, lastProbe: lastProbe, printedLen: printedLen), !out.isEmpty { return out }
        }
        return nil
    }

    /// Whether a script's text holds `probe`, searched in place (scripts can be megabytes).
    static func scriptHolds(_ node: xmlNodePtr, _ probe: String) -> Bool {
        var c = node.pointee.children
        while let ch = c {
            if let content = ch.pointee.content, probe.withCString({ strstr(UnsafeRawPointer(content).assumingMemoryBound(to: CChar.self), $0) }) != nil { return true }
            c = ch.pointee.next
        }
        return false
    }

    static func paragraphs(in root: Value, probe: String, lastProbe: String?, printedLen: Int) -> [String]? {
        guard let (path, key) = findText(probe, in: root, depth: 0) else { return nil }
        // One string with the whole body's markup ("body": "<p>…</p><p>…</p>").
        if let leaf = value(at: path, in: root), case .string(let html) = leaf, html.utf8.count >= printedLen * 2,
            lastProbe.map({ html.has($0) }) ?? true, html.has("<p") || html.has("<br")
        {
            return htmlParagraphs(html)
        }
        // The list of paragraphs: where the paths to the first and last printed paragraph part,
        // else the nearest list of three or more items above the first.
        var listDepth: Int?
        if let lp = lastProbe, let (lastPath, _) = findText(lp, in: root, depth: 0) {
            var d = 0
            while d < min(path.count, lastPath.count), path[d] == lastPath[d] { d += 1 }
            if d < path.count, d < lastPath.count, case .index = path[d] { listDepth = d }
        } else {
            var node = root
            for (d, step) in path.enumerated() {
                if case .list(let items) = node, items.count >= 3 { listDepth = d }
                guard let next = child(node, step) else { break }
                node = next
            }
        }
        guard let depth = listDepth, case .index(let start) = path[depth],
            let list = value(at: Array(path[..<depth]), in: root), case .list(let items) = list, start < items.count
        else { return nil }
        var out: [String] = []
        for item in items[start...] {
            var buf = ""
            collect(key, in: item, into: &buf, depth: 0)
            let t = TextShape.collapse(stripTags(buf))
            if !t.isEmpty { out.append(t) }
        }
        return out
    }

    static func value(at path: [Step], in root: Value) -> Value? {
        var node = root
        for step in path {
            guard let next = child(node, step) else { return nil }
            node = next
        }
        return node
    }

    /// Paragraphs of a body given as markup: block ends and line breaks part them.
    static func htmlParagraphs(_ html: String) -> [String] {
        var s = html
        for end in ["</p>", "</P>", "<br>", "<br/>", "<br />", "</h2>", "</h3>", "</li>", "</blockquote>", "</div>"] {
            s = s.replacingOccurrences(of: end, with: "\n\n")
        }
        return TextShape.paragraphs(of: stripTags(s)).map { TextShape.collapse($0) }.filter { !$0.isEmpty }
    }

    /// The JSON object assigned in a script (`x = {…}`) that holds `probe`, as text.
    static func assignedObject(in script: String, around probe: String) -> String? {
        let b = Array(script.utf8)
        guard let hit = b.firstRange(of: Array(probe.utf8))?.lowerBound else { return nil }
        var i = hit
        var tries = 0
        while i > 0, tries < 8 {
            i -= 1
            guard b[i] == UInt8(ascii: "{") else { continue }
            var k = i
            while k > 0, b[k - 1] == 0x20 || b[k - 1] == 0x0A || b[k - 1] == 0x09 { k -= 1 }
            guard k > 1, b[k - 1] == UInt8(ascii: "="), ![UInt8(ascii: "="), UInt8(ascii: "!"), UInt8(ascii: "<"), UInt8(ascii: ">")].contains(b[k - 2]) else { continue }
            tries += 1
            if let end = objectEnd(b, from: i), end > hit { return String(decoding: b[i...end], as: UTF8.self) }
        }
        return nil
    }

    /// The index of the brace that closes the object opening at `start` (strings skipped), or nil.
    static func objectEnd(_ b: [UInt8], from start: Int) -> Int? {
        var depth = 0
        var inString = false
        var i = start
        while i < b.count {
            let c = b[i]
            if inString {
                if c == UInt8(ascii: "\\") { i += 1 } else if c == UInt8(ascii: "\"") { inString = false }
            } else if c == UInt8(ascii: "\"") {
                inString = true
            } else if c == UInt8(ascii: "{") || c == UInt8(ascii: "[") {
                depth += 1
            } else if c == UInt8(ascii: "}") || c == UInt8(ascii: "]") {
                depth -= 1
                if depth == 0 { return i }
            }
            i += 1
        }
        return nil
    }

    /// One step of a path into parsed JSON.
    enum Step: Equatable {
        case index(Int)
        case key(String)
    }

    static func child(_ v: Value, _ step: Step) -> Value? {
        switch (v, step) {
        case (.list(let items), .index(let i)): return i < items.count ? items[i] : nil
        case (.record(let r), .key(let k)): return r.pairs.first { $0.0 == k }?.1
        default: return nil
        }
    }

    /// Nesting this deep is not an article's paragraphs.
    static let maxDataDepth = 48

    /// The path to the first string containing `probe`, and the key it is stored under.
    static func findText(_ probe: String, in v: Value, depth: Int) -> ([Step], String)? {
        guard depth < maxDataDepth else { return nil }
        switch v {
        case .list(let items):
            for (i, item) in items.enumerated() {
                // A list of strings: the item is the paragraph (no key).
                if case .string(let t) = item {
                    if t.has(probe) { return ([.index(i)], "") }
                } else if let (p, k) = findText(probe, in: item, depth: depth + 1) {
                    return ([.index(i)] + p, k)
                }
            }
        case .record(let r):
            for (k, item) in r.pairs {
                if case .string(let s) = item {
                    if s.has(probe) { return ([.key(k)], k) }
                } else if let (p, key) = findText(probe, in: item, depth: depth + 1) {
                    return ([.key(k)] + p, key)
                }
            }
        default:
            break
        }
        return nil
    }

    /// The strings stored under `key` anywhere in `v`, in order.
    static func collect(_ key: String, in v: Value, into out: inout String, depth: Int) {
        guard depth < maxDataDepth else { return }
        switch v {
        case .list(let items):
            for item in items { collect(key, in: item, into: &out, depth: depth + 1) }
        case .record(let r):
            for (k, item) in r.pairs {
                if k == key, case .string(let s) = item { out += s } else { collect(key, in: item, into: &out, depth: depth + 1) }
            }
        case .string(let s):
            if depth == 0 { out += s }
        default:
            break
        }
    }

    /// Text with HTML tags removed (a data string may hold a paragraph's markup).
    static func stripTags(_ s: String) -> String {
        guard s.has("<") else { return s }
        var out = ""
        var inTag = false
        for ch in s {
            if ch == "<" { inTag = true; out.append(" ") } else if ch == ">" { inTag = false } else if !inTag { out.append(ch) }
        }
        return decodeEntities(out)
    }

    /// The opening of a paragraph up to its first character JSON might escape
    /// (quotes, backslashes, `<>&`, non-ASCII), at most 60 and at least 20 characters; nil when shorter.
    static func plainPrefix(_ p: String) -> String? {
        var out = ""
        for u in p.unicodeScalars {
            guard u.value >= 0x20, u.value < 0x7F, u != "\"", u != "\\", u != "<", u != ">", u != "&" else { break }
            out.unicodeScalars.append(u)
            if out.utf8.count >= 60 { break }
        }
        return out.utf8.count >= 20 ? out : nil
    }
}
