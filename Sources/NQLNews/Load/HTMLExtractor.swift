import CLibXML2
import Foundation
import NQL

/// Extracts the article body and metadata from a saved web page with libxml2.
///
/// Body: text density on the DOM. Every block element with enough inline text
/// of its own (and few links) is a paragraph; its text counts for each
/// ancestor, and all other text (links, short blocks, widgets) counts against
/// it. Class/id hints (article, content, story-body… up; nav, footer, related,
/// share, promo… down; cookie, comment, modal… never), `<article>`, `<main>`
/// and `itemprop=articleBody` tip the balance; the best container wins, with
/// sibling blocks that look like prose. JSON-LD `articleBody` is used when the
/// DOM gives much less. Metadata: og/twitter/article meta tags, JSON-LD,
/// `<h1>`, `<title>`, `<time>`, `rel=author`, byline classes and dates in the URL.
enum HTMLExtractor {
    static func load(data: Data, path: String) -> (articles: [Article], problems: [LoadProblem]) {
        if case .binary(let reason) = TextDecoding.decode(data.prefix(8192)) {
            return ([], [LoadProblem(path: path, message: reason)])
        }
        guard let page = extract(data: data, path: path) else {
            return ([], [LoadProblem(path: path, message: LoadMessages.cannotParseHTML)])
        }
        // An empty body (or one nested deeper than the parser follows) is said, not loaded silently.
        if page.text.isEmpty {
            return ([page], [LoadProblem(path: path, message: LoadMessages.noHTMLArticleText, isNote: true)])
        }
        return ([page], [])
    }

    private static let initOnce: Void = { xmlInitParser() }()

    static func extract(data: Data, path: String) -> Article? {
        _ = initOnce
        nql_xml_silence()
        let input = prepare(data)
        let options = Int32(HTML_PARSE_RECOVER.rawValue | HTML_PARSE_NOERROR.rawValue | HTML_PARSE_NOWARNING.rawValue | HTML_PARSE_NONET.rawValue)
        let doc: htmlDocPtr? = input.bytes.withUnsafeBytes { raw -> htmlDocPtr? in
            // libxml2 takes an int size: a page over 2 GB is not parsed (the caller reports it).
            guard let base = raw.baseAddress?.assumingMemoryBound(to: CChar.self), let size = Int32(exactly: raw.count) else { return nil }
            return htmlReadMemory(base, size, path, input.label, options)
        }
        guard let doc else { return nil }
        defer { xmlFreeDoc(doc) }
        guard let root = xmlDocGetRootElement(doc) else { return nil }
        var page = PageWalker()
        page.walk(root)
        return page.article(path: path, encoding: input.encoding)
    }

    static let latinCharsets: Set<String> = ["iso-8859-1", "latin1", "latin-1", "windows-1252", "cp1252", "us-ascii", "ascii"]

    /// The bytes to hand libxml2, their charset label, and the encoding to report.
    ///
    /// A page that declares a charset other than UTF-8 or Latin-1 is converted by
    /// libxml2. Everything else reaches it as valid UTF-8: UTF-8 as it is, text
    /// that is not (a Latin-1 page, a UTF-8 page with a few broken bytes, an
    /// undeclared EUC-KR page) decoded here the way text files are, so no byte
    /// stops the parse half-way. Pages often declare Latin-1 but are saved as UTF-8:
    /// valid multi-byte UTF-8 is trusted over the declaration.
    static func prepare(_ data: Data) -> (bytes: Data, label: String, encoding: String) {
        let declared = declaredCharset(data)
        let (ascii, utf8) = data.withUnsafeBytes { raw -> (Bool, Bool) in
            let bytes = raw.bindMemory(to: UInt8.self)
            let ascii = !bytes.contains { $0 >= 0x80 }
            return (ascii, ascii || String(validating: bytes, as: UTF8.self) != nil)
        }
        // A page saved as UTF-8 whose <meta> still names its old charset (euc-kr, shift_jis):
        // multi-byte text that is valid UTF-8 is almost never anything else, so UTF-8 wins.
        if let cs = declared, cs != "utf-8", !latinCharsets.contains(cs), ascii || !utf8 { return (data, cs, cs) }
        if utf8 { return (data, "utf-8", ascii ? declared ?? "utf-8" : "utf-8") }
        guard case .text(let text, let used) = TextDecoding.decode(data) else { return (data, "windows-1252", "windows-1252") }
        // Windows-1252 decodes every Latin-1 page; report the charset the page declared.
        if used == "windows-1252", let cs = declared, latinCharsets.contains(cs) { return (Data(text.utf8), "utf-8", cs) }
        return (Data(text.utf8), "utf-8", used)
    }

    /// The charset a page declares in its first 4 KB (`<meta charset>`, `http-equiv`), lower-case.
    static func declaredCharset(_ data: Data) -> String? {
        let head = String(decoding: data.prefix(4096), as: UTF8.self).lowercased()
        guard let r = head.range(of: "charset=") else { return nil }
        var cs = ""
        for ch in head[r.upperBound...] {
            if ch == "\"" || ch == "'" { if cs.isEmpty { continue } else { break } }
            if ch.isLetter || ch.isNumber || ch == "-" || ch == "_" { cs.append(ch) } else { break }
        }
        if cs == "utf8" { cs = "utf-8" }
        return cs.isEmpty ? nil : cs
    }
}

/// One element of the page, in document order.
struct PageNode {
    var ptr: xmlNodePtr
    var parent: Int
    var tag: String
    var hint: Int
    var textLen = 0
    var linkLen = 0
    var directText = 0
    var skip = false
    /// A `<time>`, or a date- or byline-classed element: a story's own dateline.
    var stamp = false
}

struct PageWalker {
    var nodes: [PageNode] = []
    var meta: [String: String] = [:]
    var titleTag: String?
    /// Headlines in page order, with their node index.
    var h1s: [(text: String, node: Int)] = []
    var canonical: String?
    var jsonLD: [[String: Any]] = []
    /// Inline scripts, JSON (`type="application/json"`) or code: the data a page's scripts render from.
    var dataScripts: [(node: xmlNodePtr, isJSON: Bool)] = []
    var timeDates: [String] = []
    var authorLinks: [String] = []
    var bylineTexts: [String] = []
    var figcaptions: [String] = []
    var dateTexts: [String] = []
    var decks: [String] = []
    var updatedTexts: [String] = []
    var lang: String?
    /// What a class/id string says, computed once per distinct string on the page.
    struct ClassInfo {
        var hint = 0
        var dateLike = false
        var updateLike = false
        var bylineLike = false
        var deckLike = false
    }
    var classCache: [String: ClassInfo] = [:]

    static func classInfo(_ cls: String) -> ClassInfo {
        var info = ClassInfo()
        info.hint = hintWeight(cls)
        info.dateLike = cls.has("date") || cls.has("publish") || cls.has("time") || cls.has("updat")
        info.updateLike = cls.has("updat") || cls.has("modif")
        info.deckLike = ["dek", "standfirst", "subtitle", "subhead", "sub-title", "sub-head", "deck", "strapline"].contains { cls.has($0) }
        info.bylineLike = cls.has("byline") || cls.has("author-name") || cls.has("authorname") || cls.has("author__name") || cls.has("author-link")
        return info
    }

    static let blockTags: Set<String> = [
        "p", "div", "section", "article", "main", "td", "th", "li", "blockquote", "pre", "h1", "h2", "h3", "h4",
        "h5", "h6", "ul", "ol", "dl", "dd", "dt", "table", "tr", "tbody", "figure", "figcaption", "header", "footer",
        "aside", "nav", "form", "body", "html", "center", "address", "details", "summary", "hr", "br",
    ]
    static let skipTags: Set<String> = [
        "script", "style", "noscript", "template", "svg", "iframe", "button", "select", "option", "textarea",
        "input", "nav", "footer", "aside", "form", "head", "object", "embed", "canvas", "video", "audio", "menu",
        "dialog", "label",
    ]
    static let positiveWords = [
        "article", "body", "content", "entry", "main", "page", "post", "text", "blog", "story", "prose", "rich-text",
        "richtext", "paragraph", "detail",
    ]
    static let negativeWords = [
        "nav", "footer", "comment", "related", "share", "social", "promo", "advert", "sidebar",
        "widget", "menu", "breadcrumb", "newsletter", "signup", "popup", "modal", "cookie", "banner",
        "masthead", "header", "aside", "privacy", "consent", "gdpr", "recommend", "trending", "popular", "more-", "outbrain", "taboola", "sponsor",
        "tags", "toolbar", "byline", "author", "caption", "credit", "meta", "skip", "login",
        "disclaimer", "copyright", "most-read", "read-more", "readmore", "teaser", "card", "carousel", "slider",
        "button", "icon", "tooltip", "player", "twitter-tweet", "instagram-media", "tiktok-embed", "rating", "print", "jump", "subnav", "footnote",
    ]

    /// Hint words indexed by their first byte: (word bytes, kind) with kind 0 strong negative, 1 negative, 2 positive.
    static let hintTable: [[([UInt8], UInt8)]] = {
        var table = [[([UInt8], UInt8)]](repeating: [], count: 256)
        let strong = ["cookie", "privacy", "consent", "gdpr", "modal", "popup", "comment", "newsletter", "disqus"]
        for (words, kind) in [(strong, UInt8(0)), (negativeWords, 1), (positiveWords, 2)] {
            for w in words {
                let b = Array(w.utf8)
                if let f = b.first { table[Int(f)].append((b, kind)) }
            }
        }
        return table
    }()

    /// Class/id weight: +25 for content words, −25 for boilerplate words, −100 for
    /// containers that are never the article (cookie notices, comments, dialogs).
    /// One pass over the string, checking only the words that start with each byte.
    static func hintWeight(_ s: String) -> Int {
        var s = s
        return s.withUTF8 { buf -> Int in
            var negative = false
            var positive = false
            let n = buf.count
            for i in 0..<n {
                for (w, kind) in hintTable[Int(buf[i])] where i + w.count <= n {
                    var k = 1
                    while k < w.count, buf[i + k] == w[k] { k += 1 }
                    if k == w.count {
                        // "commentary" is an opinion column, not reader comments.
                        if kind == 0, w.count == 7, i + 10 <= n, buf[i + 7] == 97, buf[i + 8] == 114, buf[i + 9] == 121 { continue }
                        switch kind {
                        case 0: return -100
                        case 1: negative = true
                        default: positive = true
                        }
                    }
                }
            }
            // Short words only as whole tokens ("ad" in "ad-slot", not in "lead-para" or "head-").
            if !negative {
                var start = 0
                for i in 0...n {
                    let isAlnum = i < n && ((buf[i] >= 97 && buf[i] <= 122) || (buf[i] >= 48 && buf[i] <= 57))
                    if !isAlnum {
                        let len = i - start
                        if len == 2, buf[start] == 97, buf[start + 1] == 100 { negative = true }  // "ad"
                        if len == 3, buf[start] == 97, buf[start + 1] == 100, buf[start + 2] == 115 { negative = true }  // "ads"
                        start = i + 1
                    }
                }
            }
            return (negative ? -25 : 0) + (positive ? 25 : 0)
        }
    }

    /// The attributes the scorer looks at, read in one pass.
    struct Attributes {
        var classAndID = ""
        var itemprop: String?
        var role: String?
        var hidden = false
    }

    static func attributes(_ node: xmlNodePtr) -> Attributes {
        var out = Attributes()
        var a = node.pointee.properties
        while let at = a {
            defer { a = at.pointee.next }
            guard let n = at.pointee.name else { continue }
            let name = UnsafeRawPointer(n).assumingMemoryBound(to: CChar.self)
            func value() -> String { attributeText(at) }
            if strcasecmp(name, "class") == 0 || strcasecmp(name, "id") == 0 {
                out.classAndID += (out.classAndID.isEmpty ? "" : " ") + value().lowercased()
            } else if strcasecmp(name, "itemprop") == 0 {
                out.itemprop = value().lowercased()
            } else if strcasecmp(name, "role") == 0 {
                out.role = value().lowercased()
            } else if strcasecmp(name, "hidden") == 0 {
                out.hidden = true
            } else if strcasecmp(name, "aria-hidden") == 0 {
                if value() == "true" { out.hidden = true }
            }
        }
        return out
    }

    /// The text of an attribute (its child text nodes joined).
    static func attributeText(_ at: xmlAttrPtr) -> String {
        var out = ""
        var c = at.pointee.children
        while let t = c {
            if let content = t.pointee.content { out += String(cString: content) }
            c = t.pointee.next
        }
        return out
    }

    static func attr(_ node: xmlNodePtr, _ name: String) -> String? {
        var a = node.pointee.properties
        while let at = a {
            if let n = at.pointee.name, strcasecmp(UnsafeRawPointer(n).assumingMemoryBound(to: CChar.self), name) == 0 {
                return attributeText(at)
            }
            a = at.pointee.next
        }
        return nil
    }

    static func tagName(_ node: xmlNodePtr) -> String {
        guard let n = node.pointee.name else { return "" }
        return String(cString: n).lowercased()
    }

    /// All text under a node, whitespace collapsed.
    static func text(_ node: xmlNodePtr) -> String {
        var out = ""
        func rec(_ n: xmlNodePtr) {
            var c = n.pointee.children
            while let ch = c {
                if ch.pointee.type == XML_TEXT_NODE || ch.pointee.type == XML_CDATA_SECTION_NODE {
                    if let content = ch.pointee.content { out += String(cString: content); }
                } else if ch.pointee.type == XML_ELEMENT_NODE {
                    let t = tagName(ch)
                    if t != "script" && t != "style" {
                        if t == "br" || PageWalker.blockTags.contains(t) { out += " " }
                        rec(ch)
                    }
                }
                c = ch.pointee.next
            }
        }
        rec(node)
        return TextShape.collapse(out)
    }

    mutating func walk(_ root: xmlNodePtr) {
        nodes.reserveCapacity(4096)
        lang = PageWalker.attr(root, "lang")
        _ = visit(root, parent: -1, block: -1, inLink: false, hidden: false)
    }

    /// Visits an element; returns (text length, link text length) of its subtree.
    @discardableResult
    mutating func visit(_ node: xmlNodePtr, parent: Int, block: Int, inLink: Bool, hidden: Bool) -> (Int, Int) {
        let tag = PageWalker.tagName(node)
        let idx = nodes.count
        let attrs = PageWalker.attributes(node)
        let cls = attrs.classAndID
        var hint = 0
        var info = ClassInfo()
        if !cls.isEmpty {
            if let c = classCache[cls] { info = c } else { info = PageWalker.classInfo(cls); classCache[cls] = info }
            hint = info.hint
        }
        let itemprop = attrs.itemprop
        if itemprop == "articlebody" { hint += 50 }
        if tag == "article" { hint += 20 }
        if tag == "main" { hint += 10 }
        let role = attrs.role ?? ""
        // Only `hidden`/`aria-hidden` hide a subtree; inline `display:none` is not
        // trusted, because paywalls hide the article body that way.
        let isHidden = hidden || attrs.hidden
        let skip = PageWalker.skipTags.contains(tag) || isHidden || role == "navigation" || role == "complementary" || role == "contentinfo" || role == "banner" || role == "menu" || role == "dialog"
        nodes.append(PageNode(ptr: node, parent: parent, tag: tag, hint: hint, skip: skip, stamp: tag == "time" || info.dateLike || info.bylineLike))
        let isBlock = PageWalker.blockTags.contains(tag)
        let myBlock = isBlock ? idx : block
        let link = inLink || tag == "a"
        var total = 0
        var linkTotal = 0
        var c = node.pointee.children
        while let ch = c {
            switch ch.pointee.type {
            case XML_ELEMENT_NODE:
                let (t, l) = visit(ch, parent: idx, block: skip ? -1 : myBlock, inLink: link, hidden: isHidden)
                if !skip { total += t; linkTotal += l }
            case XML_TEXT_NODE:
                if !skip, let content = ch.pointee.content {
                    var n = 0
                    var p = content
                    var prevSpace = true
                    while p.pointee != 0 {
                        let b = p.pointee
                        let space = b == 0x20 || b == 0x0A || b == 0x09 || b == 0x0D
                        if !(space && prevSpace), b & 0xC0 != 0x80 { n += 1 }
                        prevSpace = space
                        p += 1
                    }
                    total += n
                    if link { linkTotal += n }
                    if myBlock >= 0 {
                        nodes[myBlock].directText += n
                    }
                }
            default:
                break
            }
            c = ch.pointee.next
        }
        nodes[idx].textLen = total
        // After the children, so the subtree's text length is known and large
        // containers are not flattened to text just to be rejected.
        collectMeta(node, index: idx, tag: tag, cls: cls, info: info, itemprop: itemprop, textLen: total)
        nodes[idx].linkLen = linkTotal
        return (total, linkTotal)
    }

    mutating func collectMeta(_ node: xmlNodePtr, index: Int, tag: String, cls: String, info: ClassInfo, itemprop: String?, textLen: Int) {
        switch tag {
        case "meta":
            let key = (PageWalker.attr(node, "property") ?? PageWalker.attr(node, "name") ?? PageWalker.attr(node, "itemprop") ?? "").lowercased()
            if !key.isEmpty, let content = PageWalker.attr(node, "content"), !content.isEmpty, meta[key] == nil {
                meta[key] = content
            }
        case "title":
            if titleTag == nil { titleTag = PageWalker.text(node) }
        case "h1":
            let t = PageWalker.text(node)
            if !t.isEmpty { h1s.append((t, index)) }
        case "link":
            let rel = PageWalker.attr(node, "rel")?.lowercased() ?? ""
            if rel == "canonical", canonical == nil { canonical = PageWalker.attr(node, "href") }
        case "script":
            let type = PageWalker.attr(node, "type")?.lowercased()
            if type == "application/ld+json" {
                let raw = PageWalker.rawText(node)
                // Lenient parser: JSON-LD in the wild has raw newlines in strings and trailing commas.
                if let v = try? JSON.parse(raw) { PageWalker.flattenLD(v.anyValue, into: &jsonLD) }
            } else if type == "application/json" {
                dataScripts.append((node, true))
            } else if PageWalker.attr(node, "src") == nil, node.pointee.children != nil {
                dataScripts.append((node, false))
            }
        case "figcaption":
            let t = PageWalker.text(node)
            if !t.isEmpty { figcaptions.append(t) }
        case "time":
            if let dt = PageWalker.attr(node, "datetime") { timeDates.append(dt) }
        case "a":
            if PageWalker.attr(node, "rel")?.lowercased().has("author") == true {
                let t = PageWalker.text(node)
                if !t.isEmpty { authorLinks.append(t) }
            }
        default:
            break
        }
        if itemprop == "datepublished", let dt = PageWalker.attr(node, "datetime") ?? PageWalker.attr(node, "content") {
            meta["itemprop:datepublished"] = meta["itemprop:datepublished"] ?? dt
        }
        if itemprop == "author" || itemprop == "creator", textLen < 200 {
            let t = PageWalker.text(node)
            if !t.isEmpty, t.count < 100 { authorLinks.append(t) }
        }
        if info.dateLike, dateTexts.count < 5, textLen < 200, tag != "body", tag != "html" {
            let t = PageWalker.text(node)
            if t.count < 80, DateNormalizer.find(t) != nil {
                if info.updateLike || t.lowercased().hasPrefix("updated") { updatedTexts.append(t) } else { dateTexts.append(t) }
            } else if tag == "time", info.updateLike, let dt = PageWalker.attr(node, "datetime") {
                updatedTexts.append(dt)
            }
        }
        if info.deckLike, decks.isEmpty, textLen < 400, tag != "body", tag != "html", tag != "article", tag != "main" {
            let t = PageWalker.text(node)
            let letters = t.unicodeScalars.filter { $0.properties.isAlphabetic }
            let upper = letters.filter { $0.properties.isUppercase }.count
            if t.count < 300, t.split(separator: " ").count >= 4, upper * 10 < letters.count * 7,
                PlainTextExtractor.dateLine(t) == nil, !PlainTextExtractor.isInterface(t)
            {
                decks.append(t)
            }
        }
        if info.bylineLike, textLen < 200, tag != "body", tag != "html", tag != "article" {
            let t = PageWalker.text(node)
            if !t.isEmpty, t.count < 150 { bylineTexts.append(t) }
        }
    }

    static func rawText(_ node: xmlNodePtr) -> String {
        var out = ""
        var c = node.pointee.children
        while let ch = c {
            if let content = ch.pointee.content { out += String(cString: content) }
            c = ch.pointee.next
        }
        return out
    }

    static func flattenLD(_ obj: Any, into out: inout [[String: Any]]) {
        if let a = obj as? [Any] { for x in a { flattenLD(x, into: &out) } }
        else if let d = obj as? [String: Any] {
            out.append(d)
            if let g = d["@graph"] { flattenLD(g, into: &out) }
        }
    }
}
