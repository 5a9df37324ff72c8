import CLibXML2
import Foundation
import NQL

/// Scoring the page's blocks and assembling the article (see `HTMLExtractor`).
extension PageWalker {
    /// Set NQL_LOAD_DEBUG=1 to print the scorer's top candidates.
    static let debug = ProcessInfo.processInfo.environment["NQL_LOAD_DEBUG"] != nil

    func inSkipFlags() -> [Bool] {
        var flags = [Bool](repeating: false, count: nodes.count)
        for i in nodes.indices {
            let p = nodes[i].parent
            flags[i] = nodes[i].skip || (p >= 0 && flags[p])
        }
        return flags
    }

    /// A body shorter than this (UTF-8 bytes) may be a paywall's opening: the page's data is consulted.
    static let shortBody = 1500

    /// Text outside links (characters) under which a block with a linked headline is a teaser card.
    static let teaserText = 300

    /// How much non-paragraph text counts against a container (1: as much as paragraph text counts for it).
    static let badWeight = 1.0

    /// Elements whose own inline text can make them a paragraph.
    static let unitTags: Set<String> = ["p", "pre", "td", "blockquote", "div", "section", "article", "main", "li", "dd", "center"]

    /// Per-subtree counts that tell one story from a feed of stories.
    struct SubtreeCounts {
        /// `<h1>` headlines.
        var h1: [Int]
        /// `<h2>`–`<h4>` headings.
        var headings: [Int]
        /// Datelines and bylines: `<time>`, date- or byline-classed elements.
        var stamps: [Int]
        /// Headings that are links: teasers for other pages.
        var linkedHeadings: [Int]
        /// Blocks with a line of prose of their own (25 characters or more).
        var proseBlocks: [Int]
        /// `<article>` elements.
        var articles: [Int]
        /// The last node of each subtree (nodes are in document order).
        var last: [Int]

        func contains(_ i: Int, _ j: Int) -> Bool { i < j && j <= last[i] }
    }

    /// "h1" … "h6", without hashing the tag.
    static func isHeading(_ tag: String) -> Bool {
        var t = tag.utf8.makeIterator()
        guard t.next() == UInt8(ascii: "h"), let d = t.next(), d >= UInt8(ascii: "1"), d <= UInt8(ascii: "6"), t.next() == nil else { return false }
        return true
    }

    func subtreeCounts(_ inSkip: [Bool]) -> SubtreeCounts {
        let zero = [Int](repeating: 0, count: nodes.count)
        var c = SubtreeCounts(h1: zero, headings: zero, stamps: zero, linkedHeadings: zero, proseBlocks: zero, articles: zero, last: subtreeEnds())
        var heading = [Bool](repeating: false, count: nodes.count)
        var inHeading = [Bool](repeating: false, count: nodes.count)
        for i in nodes.indices {
            let p = nodes[i].parent
            heading[i] = PageWalker.isHeading(nodes[i].tag)
            inHeading[i] = heading[i] || (p >= 0 && inHeading[p])
        }
        for i in nodes.indices.reversed() where !inSkip[i] {
            if heading[i] {
                let tag = nodes[i].tag
                if tag == "h1" {
                    c.h1[i] += 1
                } else if tag != "h5", tag != "h6" {
                    c.headings[i] += 1
                    if nodes[i].textLen >= 10, nodes[i].linkLen * 10 >= nodes[i].textLen * 8 { c.linkedHeadings[i] += 1 }
                }
            } else if nodes[i].tag == "article" {
                c.articles[i] += 1
            }
            // A date in a heading titles a section (a timeline); a story's own dateline stands apart.
            if nodes[i].stamp, !inHeading[i] { c.stamps[i] += 1 }
            if nodes[i].directText >= 25, PageWalker.unitTags.contains(nodes[i].tag) { c.proseBlocks[i] += 1 }
            let p = nodes[i].parent
            guard p >= 0 else { continue }
            c.h1[p] += c.h1[i]
            c.headings[p] += c.headings[i]
            c.stamps[p] += c.stamps[i]
            c.linkedHeadings[p] += c.linkedHeadings[i]
            c.proseBlocks[p] += c.proseBlocks[i]
            c.articles[p] += c.articles[i]
        }
        return c
    }

    /// Paragraph text under each node (blocks with ≥ 25 characters of their own
    /// text and few links); paragraphs inside boilerplate-looking containers
    /// (sidebar, comments, modal) do not count for the ancestors.
    func paragraphText(_ skip: [Bool]) -> [Double] {
        var good = [Double](repeating: 0, count: nodes.count)
        for i in nodes.indices where !skip[i] && PageWalker.unitTags.contains(nodes[i].tag) && nodes[i].directText >= 25 {
            let ld = nodes[i].textLen > 0 ? Double(nodes[i].linkLen) / Double(nodes[i].textLen) : 0
            if ld < 0.5 { good[i] += Double(nodes[i].directText) * (1 - ld) }
        }
        for i in nodes.indices.reversed() where nodes[i].parent >= 0 && !skip[i] {
            if nodes[i].hint >= 0 { good[nodes[i].parent] += good[i] }
        }
        return good
    }

    func density(_ i: Int, _ good: [Double]) -> Double {
        good[i] - PageWalker.badWeight * max(0, Double(nodes[i].textLen) - good[i])
    }

    /// The densest container and its score; -1 when no block holds paragraph text.
    func densest(_ skip: [Bool], good: [Double]) -> (node: Int, score: Double) {
        // Inside a smallish boilerplate container (cookie dialog, sidebar) counts as boilerplate.
        let pageText = nodes.first?.textLen ?? 0
        var negAncestor = [Bool](repeating: false, count: nodes.count)
        for i in nodes.indices {
            let p = nodes[i].parent
            negAncestor[i] = nodes[i].hint <= -100 || (nodes[i].hint < 0 && nodes[i].textLen * 2 < pageText) || (p >= 0 && negAncestor[p])
        }
        var best = -1
        var bestScore = -Double.infinity
        for i in nodes.indices where !skip[i] && nodes[i].tag != "html" && good[i] > 0 {
            var v = density(i, good)
            if negAncestor[i] { v *= 0.3 } else if nodes[i].hint > 0 { v *= 1.1 }
            if v > bestScore { bestScore = v; best = i }
        }
        // A single paragraph is never the container: use its parent.
        if best >= 0, ["p", "li", "blockquote", "pre", "dd", "td"].contains(nodes[best].tag), nodes[best].parent >= 0 {
            best = nodes[best].parent
            bestScore = density(best, good)
        }
        return (best, bestScore)
    }

    /// Whether node `i` is a story of its own: a block (not a paragraph) of prose with
    /// a dateline or byline of its own.
    func isCard(_ i: Int, good: [Double], counts: SubtreeCounts) -> Bool {
        good[i] >= 100 && counts.stamps[i] >= 1 && nodes[i].tag != "p" && nodes[i].tag != "blockquote"
    }

    /// The children of `i` that are stories of their own, when they make `i` a feed:
    /// three under headings of their own (a live blog, an archive of posts), or five
    /// without (a comment thread). Empty when `i` is not a feed.
    func storyCards(_ i: Int, good: [Double], counts: SubtreeCounts) -> [Int] {
        var cards: [Int] = []
        var headed = 0
        var ch = i + 1
        while ch <= counts.last[i] {
            if nodes[ch].parent == i, isCard(ch, good: good, counts: counts) {
                cards.append(ch)
                if counts.headings[ch] + counts.h1[ch] >= 1 { headed += 1 }
            }
            ch += 1
        }
        return headed >= 3 || cards.count >= 5 ? cards : []
    }

    /// The feeds inside `best` (not `best` itself) that do not hold the headline: their cards.
    func innerFeedCards(_ best: Int, good: [Double], counts: SubtreeCounts, skip: [Bool], headline: Int?) -> [Int] {
        var cardCount: [Int: (cards: [Int], headed: Int)] = [:]
        var j = best + 1
        while j <= counts.last[best] {
            let p = nodes[j].parent
            if !skip[j], p != best, isCard(j, good: good, counts: counts) {
                var e = cardCount[p] ?? ([], 0)
                e.cards.append(j)
                if counts.headings[j] + counts.h1[j] >= 1 { e.headed += 1 }
                cardCount[p] = e
            }
            j += 1
        }
        var out: [Int] = []
        for (p, e) in cardCount where e.headed >= 3 || e.cards.count >= 5 {
            if let h = headline, counts.contains(p, h) { continue }
            out += e.cards
        }
        return out
    }

    /// The page with the `cards` subtrees left out too: the skip flags, the paragraph
    /// text and the densest container that remain.
    func leavingOut(_ cards: [Int], _ skip: [Bool]) -> (skip: [Bool], good: [Double], best: (node: Int, score: Double)) {
        var outside = skip
        for j in cards { outside[j] = true }
        for j in nodes.indices where !outside[j] && nodes[j].parent >= 0 && outside[nodes[j].parent] { outside[j] = true }
        let good = paragraphText(outside)
        return (outside, good, densest(outside, good: good))
    }

    /// Indices of the containers whose blocks form the body, and the subtrees left out
    /// (`inSkip` and, when the densest block was a feed, the feed's cards).
    func chooseRoots(_ inSkip: [Bool], counts: SubtreeCounts, headline: Int?) -> (roots: [Int], skip: [Bool]) {
        // Text density: paragraph text under a node counts for it, other text
        // (links, short blocks, widgets) against it; class hints tip the balance.
        var skip = inSkip
        var good = paragraphText(skip)
        var (best, bestScore) = densest(skip, good: good)
        guard best >= 0 else { return (nodes.isEmpty ? [] : [0], skip) }
        // A feed of stories, posts or comments is not the story: the headline's own
        // card when the headline is in the feed, else the best block outside the feed.
        for _ in 0..<3 {
            let cards = storyCards(best, good: good, counts: counts)
            guard !cards.isEmpty else { break }
            if let h = headline, let own = cards.first(where: { counts.contains($0, h) }) {
                if PageWalker.debug { print("feed: the headline's card \(nodes[own].tag)") }
                best = own
                bestScore = density(best, good)
                continue
            }
            let (outside, outsideGood, other) = leavingOut(cards, skip)
            if PageWalker.debug { print("feed of \(cards.count) cards; outside it: \(other.node >= 0 ? nodes[other.node].tag : "-") good \(other.node >= 0 ? Int(outsideGood[other.node]) : 0)") }
            // The story comes before its feed (a summary above the updates); else the feed stays.
            guard other.node >= 0, other.node < cards[0], outsideGood[other.node] >= 200 else { break }
            skip = outside
            good = outsideGood
            (best, bestScore) = other
        }
        // Several <article>s in the winner (the story and teasers for others): the one with the headline.
        if let h = headline, counts.contains(best, h), counts.articles[best] - (nodes[best].tag == "article" ? 1 : 0) >= 2 {
            var a = nodes[h].parent
            while a > best, nodes[a].tag != "article" { a = nodes[a].parent }
            if a > best, good[a] >= 200 {
                if PageWalker.debug { print("the headline's <article> of \(counts.articles[best])") }
                best = a
                bestScore = density(best, good)
            }
        }
        // Feeds inside the winner (a thread of replies under the story) are left out.
        let inner = innerFeedCards(best, good: good, counts: counts, skip: skip, headline: headline)
        if !inner.isEmpty {
            let (outside, outsideGood, other) = leavingOut(inner, skip)
            if PageWalker.debug {
                print("feed of \(inner.count) cards inside the winner; outside them: \(other.node) good \(other.node >= 0 ? Int(outsideGood[other.node]) : 0)")
                for j in inner.sorted() { print("  card \(j) \(nodes[j].tag).\(PageWalker.attributes(nodes[j].ptr).classAndID.prefix(40)): \(PageWalker.text(nodes[j].ptr).prefix(80))") }
            }
            if other.node >= 0, other.node < (inner.min() ?? 0), outsideGood[other.node] >= 200 {
                skip = outside
                good = outsideGood
                (best, bestScore) = other
            }
        }
        var h1Count = counts.h1
        for i in nodes.indices where skip[i] != inSkip[i] { h1Count[i] = 0 }
        // A feed of several stories (each with its own h1): keep the first story.
        while h1Count[best] >= 2 {
            guard let first = nodes.indices[(best + 1)...].first(where: { nodes[$0].parent == best && h1Count[$0] >= 1 && good[$0] >= 300 }) else { break }
            if PageWalker.debug { print("feed: descending to \(nodes[first].tag)") }
            best = first
            bestScore = density(best, good)
        }
        if PageWalker.debug {
            for i in nodes.indices where nodes[i].parent == best && good[i] > 0 {
                var h = ""
                for j in (i + 1)..<min(nodes.count, i + 400) where nodes[j].tag == "h1" || nodes[j].tag == "h2" || nodes[j].tag == "article" { h += nodes[j].tag + " " }
                print("child \(nodes[i].tag).\(PageWalker.attributes(nodes[i].ptr).classAndID.prefix(50)) good \(Int(good[i])) text \(nodes[i].textLen) \(h.prefix(40))")
            }
        }
        let parent = nodes[best].parent
        guard parent >= 0 else { return ([best], skip) }
        var roots: [Int] = []
        let threshold = max(300, bestScore * 0.2)
        let bestClass = PageWalker.attributes(nodes[best].ptr).classAndID
        for i in (parent + 1)..<nodes.count where nodes[i].parent == parent {
            if i == best { roots.append(i); continue }
            if skip[i] || nodes[i].hint < 0 { continue }
            if h1Count[i] > 0 && h1Count[best] > 0 { continue }  // another story of a feed
            if nodes[i].tag == "article", nodes[best].tag == "article", let h = headline, counts.contains(best, h) { continue }  // the next story
            let ld = nodes[i].textLen > 0 ? Double(nodes[i].linkLen) / Double(nodes[i].textLen) : 1
            let v = good[i] - PageWalker.badWeight * max(0, Double(nodes[i].textLen) - good[i])
            if v >= threshold { roots.append(i); continue }
            // Paragraph wrappers repeated with the same class as the best one (also one that
            // holds only a heading and a list: a body split into blocks by its CMS).
            if good[i] > 0 || (ld < 0.2 && counts.headings[i] > 0 && nodes[i].textLen >= 50), nodes[i].tag == nodes[best].tag, ld < 0.5,
                PageWalker.attributes(nodes[i].ptr).classAndID == bestClass
            {
                roots.append(i)
                continue
            }
            if nodes[i].tag == "p" {
                if nodes[i].textLen > 80 && ld < 0.5 { roots.append(i) }
                else if nodes[i].textLen > 0 && ld == 0 && nodes[i].directText < 80 {
                    let t = PageWalker.text(nodes[i].ptr)
                    if PlainTextExtractor.endsLikeSentence(t) { roots.append(i) }
                }
            }
        }
        return (roots, skip)
    }

    /// Text blocks under the chosen containers, with captions kept apart, and the
    /// shape of each block (heading or not, how much of it is link text).
    func blocks(roots: [Int], inSkip: [Bool], counts: SubtreeCounts) -> (paragraphs: [String], captions: [String], shapes: [BlockShape]) {
        var index: [UnsafeMutableRawPointer: Int] = [:]
        index.reserveCapacity(nodes.count)
        for (i, n) in nodes.enumerated() { index[UnsafeMutableRawPointer(n.ptr)] = i }
        var paragraphs: [String] = []
        var captions: [String] = []
        var shapes: [BlockShape] = []
        var buf = ""
        var bufChars = 0
        var bufLink = 0
        var bufHeading = true
        var bufOpensWithLink = false
        // A line of links was left out since the last block: the title of a teaser whose blurb may follow.
        var droppedLinkLine = false
        func flush() {
            let t = TextShape.collapse(buf)
            if !t.isEmpty {
                paragraphs.append(t)
                shapes.append(BlockShape(heading: bufHeading, linkFraction: Double(bufLink) / Double(max(1, bufChars)), afterLinkLine: droppedLinkLine, opensWithLink: bufOpensWithLink))
                droppedLinkLine = false
            }
            buf = ""
            bufChars = 0
            bufLink = 0
            bufHeading = true
            bufOpensWithLink = false
        }
        var cellCount = [Int](repeating: 0, count: nodes.count)
        for j in nodes.indices.reversed() where nodes[j].parent >= 0 {
            if nodes[j].tag == "td" || nodes[j].tag == "th" { cellCount[j] += 1 }
            cellCount[nodes[j].parent] += cellCount[j]
        }
        var rootText = 0
        let linkedHeadings = counts.linkedHeadings
        let proseBlocks = counts.proseBlocks
        func rec(_ i: Int, isRoot: Bool, inLink: Bool, inHeading: Bool) {
            let n = nodes[i]
            if isRoot { rootText = max(n.textLen, 1) }
            if !isRoot {
                if inSkip[i] { return }
                // A boilerplate-looking class skips a subtree unless it holds most of the text.
                if n.hint < 0, n.textLen * 10 < rootText * 3 || n.linkLen * 2 > n.textLen { return }
                if n.tag == "figure" || n.tag == "figcaption" {
                    let t = PageWalker.text(n.ptr)
                    if !t.isEmpty { captions.append(t) }
                    return
                }
                if n.textLen > 0, n.tag != "p", PageWalker.blockTags.contains(n.tag) {
                    let ld = Double(n.linkLen) / Double(n.textLen)
                    if ld > 0.5 && n.textLen < 400 { droppedLinkLine = true; return }
                }
                if n.tag == "p", n.textLen > 0, n.textLen < 200, Double(n.linkLen) / Double(n.textLen) > 0.7 { droppedLinkLine = true; return }
                // A teaser card: a linked headline with a line or two under it (a rail of other
                // stories); a listicle's linked item heading has its paragraphs under it.
                if linkedHeadings[i] > 0, n.tag != "p", proseBlocks[i] <= 1, n.textLen - n.linkLen < PageWalker.teaserText {
                    if PageWalker.debug { print("teaser card: \(PageWalker.text(n.ptr).prefix(80))") }
                    return
                }
                // Data tables (short cells: scores, specifications) are not prose.
                if n.tag == "table", cellCount[i] > 0, n.textLen / cellCount[i] < 40 { return }
            }
            let block = PageWalker.blockTags.contains(n.tag)
            if block { flush() }
            let link = inLink || n.tag == "a"
            let heading = inHeading || PageWalker.isHeading(n.tag)
            var c = n.ptr.pointee.children
            while let ch = c {
                if ch.pointee.type == XML_TEXT_NODE || ch.pointee.type == XML_CDATA_SECTION_NODE {
                    if let content = ch.pointee.content {
                        let t = String(cString: content)
                        buf += t
                        let visible = t.utf8.reduce(0) { $0 + ($1 > 0x20 ? 1 : 0) }
                        bufChars += visible
                        if link { bufLink += visible }
                        if bufChars == visible, visible > 0 { bufOpensWithLink = link }
                        if !heading, visible > 0 { bufHeading = false }
                    }
                } else if ch.pointee.type == XML_ELEMENT_NODE, let j = index[UnsafeMutableRawPointer(ch)] {
                    rec(j, isRoot: false, inLink: link, inHeading: heading)
                }
                c = ch.pointee.next
            }
            if block { flush() }
        }
        for r in roots { rec(r, isRoot: true, inLink: false, inHeading: false) }
        flush()
        return (paragraphs, captions, shapes)
    }

    static func ldTypes(_ d: [String: Any]) -> [String] {
        if let s = d["@type"] as? String { return [s] }
        if let a = d["@type"] as? [Any] { return a.compactMap { $0 as? String } }
        return []
    }

    static func ldString(_ v: Any?) -> String? {
        if let s = v as? String { return s }
        if let d = v as? [String: Any] { return ldString(d["name"]) ?? ldString(d["@value"]) ?? ldString(d["@id"]) }
        if let a = v as? [Any], let f = a.first { return ldString(f) }
        return nil
    }

    static func ldNames(_ v: Any?) -> [String] {
        if let s = v as? String { return [s] }
        if let d = v as? [String: Any] {
            if let n = d["name"] as? String { return [n] }
            return []
        }
        if let a = v as? [Any] { return a.flatMap { ldNames($0) } }
        return []
    }

    /// Author names from JSON-LD; organisations are dropped when people are named too.
    static func ldAuthorNames(_ v: Any?) -> [String] {
        let items: [Any] = (v as? [Any]) ?? (v.map { [$0] } ?? [])
        var people: [String] = []
        var orgs: [String] = []
        for item in items {
            if let d = item as? [String: Any] {
                let isOrg = ldTypes(d).contains { $0 == "Organization" || $0 == "NewsMediaOrganization" }
                for n in ldNames(d) { if isOrg { orgs.append(n) } else { people.append(n) } }
            } else {
                people.append(contentsOf: ldNames(item))
            }
        }
        return people.isEmpty ? orgs : people
    }

    static func decodeEntities(_ s: String) -> String {
        guard s.has("&") else { return s }
        var out = s
        for (k, v) in [("&amp;", "&"), ("&quot;", "\""), ("&#39;", "'"), ("&#039;", "'"), ("&apos;", "'"), ("&lt;", "<"), ("&gt;", ">"), ("&#x27;", "'"), ("&rsquo;", "’"), ("&lsquo;", "‘"), ("&ldquo;", "“"), ("&rdquo;", "”"), ("&nbsp;", " "), ("&mdash;", "—"), ("&ndash;", "–")] {
            out = out.replacingOccurrences(of: k, with: v)
        }
        return out
    }

    /// Lower-case letters and digits only, for comparing titles and names.
    static func norm(_ s: String) -> String {
        var out = String.UnicodeScalarView()
        for u in s.unicodeScalars {
            let v = u.value
            if v < 128 {
                if (v >= 97 && v <= 122) || (v >= 48 && v <= 57) { out.append(u) }
                else if v >= 65 && v <= 90, let l = Unicode.Scalar(v + 32) { out.append(l) }
            } else if u.properties.isAlphabetic || u.properties.numericType != nil {
                out.append(contentsOf: u.properties.lowercaseMapping.unicodeScalars)
            }
        }
        return String(out)
    }

    /// Removes a trailing (or leading) " | Site Name" part from a page title.
    static func stripSiteName(_ title: String, site: String?) -> String {
        let seps = [" | ", " - ", " — ", " – ", " :: ", " · ", " « ", " » ", " / "]
        var t = title
        for sep in seps {
            let parts = t.components(separatedBy: sep)
            guard parts.count >= 2 else { continue }
            if let last = parts.last {
                let nl = norm(last)
                let isSite = site.map { ns in
                    let n = norm(ns)
                    return nl == n || (nl.count <= n.count + 6 && nl.contains(n)) || (n.count <= nl.count + 6 && n.contains(nl) && !nl.isEmpty)
                } ?? false
                if isSite || (last.split(separator: " ").count <= 4 && parts.dropLast().joined(separator: sep).count > last.count * 2) {
                    t = parts.dropLast().joined(separator: sep)
                    continue
                }
            }
            if let first = parts.first, let site, norm(first) == norm(site) {
                t = parts.dropFirst().joined(separator: sep)
            } else if sep == " | ", let first = parts.first, first.split(separator: " ").count <= 2,
                parts.dropFirst().joined(separator: sep).count > first.count * 3
            {
                // A section label in front: "Politics | Governor vetoes …".
                t = parts.dropFirst().joined(separator: sep)
            }
        }
        return t.trimmingCharacters(in: .whitespaces)
    }

    /// Whether a sub-headline reads as a standfirst: six words or more, not a byline,
    /// no date, not an interface string.
    static func isStandfirst(_ dek: String) -> Bool {
        let words = dek.split(separator: " ")
        guard words.count >= 6, let first = words.first?.lowercased(), first != "by" else { return false }
        return !PlainTextExtractor.isInterface(dek) && DateNormalizer.find(dek) == nil
    }

    static let mediaTags: Set<String> = ["watch", "video", "videos", "photo", "photos", "pics", "listen", "audio", "gallery", "podcast", "live"]

    /// A headline without a trailing media label: "… to Show Finale [Watch]", "… (VIDEO)".
    static func droppingMediaTag(_ title: String) -> String {
        guard let last = title.last, last == "]" || last == ")" else { return title }
        let open: Character = last == "]" ? "[" : "("
        guard let start = title.lastIndex(of: open), start > title.startIndex else { return title }
        let label = title[title.index(after: start)..<title.index(before: title.endIndex)]
        let words = label.split(separator: " ")
        guard (1...2).contains(words.count), words.contains(where: { mediaTags.contains($0.lowercased()) }) else { return title }
        return title[..<start].trimmingCharacters(in: .whitespaces)
    }

    mutating func article(path: String, encoding: String) -> Article {
        let inSkip = inSkipFlags()

        let ld = jsonLD.first { d in PageWalker.ldTypes(d).contains { $0.hasSuffix("Article") || $0 == "BlogPosting" || $0 == "Report" || $0 == "LiveBlogPosting" || $0 == "WebPage" && d["headline"] != nil } }
        let ldSite = ld.flatMap { PageWalker.ldString($0["publisher"]) }
            ?? jsonLD.first { PageWalker.ldTypes($0).contains("Organization") || PageWalker.ldTypes($0).contains("NewsMediaOrganization") }.flatMap { PageWalker.ldString($0["name"]) }
        var site = (meta["og:site_name"] ?? ldSite ?? meta["application-name"] ?? meta["twitter:site"]).map { $0.hasPrefix("@") ? String($0.dropFirst()) : $0 }
        // Take the site's own spelling from the <title> when it is there ("politifact" → "PolitiFact").
        if let s0 = site, let tt = titleTag {
            for sep in [" | ", " - ", " — ", " – "] {
                for part in tt.components(separatedBy: sep) where PageWalker.norm(part) == PageWalker.norm(s0) { site = part.trimmingCharacters(in: .whitespaces) }
            }
        }

        // Title.
        let ogTitle = (meta["og:title"] ?? meta["twitter:title"]).map { PageWalker.decodeEntities(TextShape.collapse($0)) }
        let ldTitle = ld.flatMap { PageWalker.ldString($0["headline"]) }.map { PageWalker.decodeEntities(TextShape.collapse($0)) }
        let tagTitle = titleTag.map { PageWalker.stripSiteName($0, site: site) }
        var title: String?
        var titleNode: Int?
        let siteNorm = site.map(PageWalker.norm) ?? ""
        let refTitles = [ldTitle, ogTitle].compactMap { $0 }.map { PageWalker.stripSiteName($0, site: site) }
        let refs = ([ogTitle, ldTitle, titleTag].compactMap { $0 }).map(PageWalker.norm)
        for h in h1s {
            let nh = PageWalker.norm(h.text)
            if nh.count < 10 || nh == siteNorm { continue }
            if refs.contains(where: { $0.contains(nh) }) { title = h.text; titleNode = h.node; break }
            // The h1 holds the headline plus a kicker ("News …"): use the clean headline.
            if let r = refTitles.first(where: { PageWalker.norm($0).count > 10 && nh.contains(PageWalker.norm($0)) }) { title = r; titleNode = h.node; break }
        }
        // No headline agrees with the metadata: the story was retitled, and the printed
        // headline is the one readers see (a headline has words, not a section name).
        if title == nil, let h = h1s.first(where: { $0.text.split(separator: " ").count >= 4 && PageWalker.norm($0.text) != siteNorm }) {
            title = h.text
            titleNode = h.node
        }
        if title == nil { title = refTitles.first { PageWalker.norm($0) != siteNorm && !$0.isEmpty } }
        if title == nil, let h = h1s.first(where: { PageWalker.norm($0.text) != siteNorm }) { title = h.text; titleNode = h.node }
        if title == nil { title = tagTitle }
        title = title.map(PageWalker.droppingMediaTag)
        if let t = title, t.isEmpty { title = nil }
        if titleNode == nil, let t = title.map(PageWalker.norm), !t.isEmpty {
            titleNode = h1s.first { PageWalker.norm($0.text) == t }?.node
        }

        // Body: the densest container, unless it is a feed the headline is not part of.
        let counts = subtreeCounts(inSkip)
        let (roots, bodySkip) = chooseRoots(inSkip, counts: counts, headline: titleNode)
        var (paragraphs, captions, shapes) = blocks(roots: roots, inSkip: bodySkip, counts: counts)
        let declaredArticle = ld != nil || (meta["og:type"]?.lowercased().has("article") ?? false)
        let trimmedTail: Bool
        (paragraphs, trimmedTail) = PageWalker.trimmingTrailingMatter(paragraphs, shapes: shapes, declaredArticle: declaredArticle)
        // A body cut short on purpose (`trimmedTail`) is not a short DOM for JSON-LD `articleBody` to replace.
        if PageWalker.debug {
            print("roots: \(roots.map { "\(nodes[$0].tag).\(PageWalker.attributes(nodes[$0].ptr).classAndID.prefix(40))" })")
            for p in paragraphs { print("  block: \(p.prefix(100))") }
        }

        // Date.
        let urlString = canonical ?? meta["og:url"] ?? ld.flatMap { PageWalker.ldString($0["url"]) }
        let header = titleNode.map { headerLines(after: $0, inSkip: inSkip) } ?? []
        let dates = pageDates(ld: ld, url: urlString, header: header)
        let found = dates.chosen.flatMap { DateNormalizer.find($0) }

        // Authors: JSON-LD, then meta tags, rel=author links, the byline under the headline, a byline element.
        var authors: [String] = []
        func accept(_ names: [String]) -> [String] {
            var seen = Set<String>()
            var out: [String] = []
            for raw in names {
                for var n in Bylines.splitNames(PageWalker.decodeEntities(TextShape.collapse(raw))) {
                    if let site, n.count > site.count + 2, n.lowercased().hasSuffix(" " + site.lowercased()) {
                        n = String(n.dropLast(site.count + 1))
                    }
                    if n.hasPrefix("http") { continue }
                    if let site, PageWalker.norm(site) == PageWalker.norm(n) { continue }
                    if seen.insert(PageWalker.norm(n)).inserted { out.append(n) }
                }
            }
            // With people named, an outlet in the list is not an author.
            let people = out.filter { !Bylines.looksLikeOrganisation($0) }
            return people.isEmpty ? out : people
        }
        if let d = ld { authors = accept(PageWalker.ldAuthorNames(d["author"]) + PageWalker.ldAuthorNames(d["creator"])) }
        for key in ["author", "article:author", "parsely-author", "sailthru.author", "dc.creator", "byl", "twitter:creator"] where authors.isEmpty {
            if let v = meta[key], !v.hasPrefix("http"), !v.hasPrefix("@") { authors = accept([v]) }
        }
        if authors.isEmpty {
            // Co-authors each have a link; more than four names is a list of other stories.
            let linked = accept(authorLinks)
            authors = linked.count <= 4 ? linked : accept(Array(authorLinks.prefix(1)))
        }
        // The byline printed under the headline, when the markup names no one or fewer people.
        let printed = accept(PageWalker.headerByline(header))
        if authors.isEmpty || (printed.count > authors.count && Set(authors.map(PageWalker.norm)).isSubset(of: printed.map(PageWalker.norm))) {
            if !printed.isEmpty { authors = printed }
        }
        for t in bylineTexts where authors.isEmpty { authors = accept([t]) }

        // Body clean-up: interface strings, footers, the title and bylines repeated.
        let normTitle = title.map(PageWalker.norm)
        var bodyBylines: [String] = []
        var movedCaptions: [String] = []
        paragraphs = paragraphs.filter { p in
            let size = p.utf8.count
            if size < 400, PlainTextExtractor.isInterface(p) { return false }
            if size < 300, PlainTextExtractor.copyrightSource(p).isFooter { return false }
            if let nt = normTitle, p.utf8.count < nt.utf8.count * 2 + 20, PageWalker.norm(p) == nt { return false }
            if size < 300, PlainTextExtractor.isCaption(p, title: nil) { movedCaptions.append(p); return false }
            if PlainTextExtractor.isContactLine(p) { return false }
            if p.count < 120, let names = PlainTextExtractor.bylineNames(p) { bodyBylines.append(contentsOf: names); return false }
            // "posted on 2023-12-19 23:30 EST by Jane Doe"
            if p.count < 150, DateNormalizer.find(p) != nil, let r = p.range(of: " by ") {
                let names = Bylines.splitNames(String(p[r.upperBound...]))
                if !names.isEmpty { bodyBylines.append(contentsOf: names); return false }
            }
            if p.count < 80, !PlainTextExtractor.isProse(p), PlainTextExtractor.dateLine(p) != nil { return false }
            return true
        }
        if authors.isEmpty { authors = accept(bodyBylines) }
        // An author box inside the body: the name alone, or a role with a social handle.
        let authorKeys = Set(authors.map(PageWalker.norm))
        paragraphs.removeAll { p in
            guard p.count < 80 else { return false }
            return authorKeys.contains(PageWalker.norm(p)) || (p.split(separator: " ").last?.hasPrefix("@") == true && !PlainTextExtractor.endsLikeSentence(p))
        }
        // The page's own data: JSON-LD articleBody when the DOM gave much less, or to
        // trim a DOM that took much more; a paywalled page's JSON holding the rest.
        if let d = ld, let body = d["articleBody"] as? String {
            let domLen = paragraphs.reduce(0) { $0 + $1.count }
            if body.count > 200, domLen * 2 < body.count, !trimmedTail {
                paragraphs = TextShape.paragraphs(of: PageWalker.decodeEntities(body))
            } else if let kept = PageWalker.trimmed(paragraphs, toArticleBody: body) {
                if PageWalker.debug { print("articleBody keeps \(kept.count) of \(paragraphs.count) paragraphs") }
                paragraphs = kept
            }
        }
        let printedLen = dataScripts.isEmpty ? 0 : paragraphs.reduce(0) { $0 + $1.utf8.count }
        if printedLen < PageWalker.shortBody, !dataScripts.isEmpty, let full = PageWalker.bodyFromData(dataScripts, printed: paragraphs),
            full.reduce(0, { $0 + $1.utf8.count }) >= max(500, printedLen * 2)
        {
            if PageWalker.debug { print("page data: \(full.count) paragraphs for \(paragraphs.count) printed") }
            paragraphs = full
        }
        if captions.isEmpty { captions = Array(figcaptions.prefix(5)) }
        captions += movedCaptions
        // Sub-headline: a dek/standfirst element, else the page's description printed under
        // the headline; not the title again, nor already the body's start.
        let description = decks.isEmpty ? (meta["description"] ?? meta["og:description"]).map { PageWalker.norm(PageWalker.decodeEntities($0)) } : nil
        let printedDescription = decks.isEmpty ? description.flatMap { d in d.count >= 20 ? header.first { PageWalker.norm($0) == d } : nil } : nil
        let subtitle = (decks.first ?? printedDescription).map { [PageWalker.decodeEntities($0)] }?.filter { d in
            PageWalker.norm(d) != normTitle && !(paragraphs.first.map { PageWalker.norm($0) == PageWalker.norm(d) } ?? false)
        } ?? []
        // The standfirst is the story's opening as printed under the headline: it opens the
        // body too, when it reads as prose (a kicker or a byline in a dek element does not).
        if let dek = subtitle.first, PageWalker.isStandfirst(dek) {
            let nd = PageWalker.norm(dek)
            if !paragraphs.prefix(3).contains(where: { PageWalker.norm($0).has(nd) }) { paragraphs.insert(dek, at: 0) }
        }
        var extra: [String: String] = [:]
        if let t = found?.time { extra["time"] = t }
        if let p = dates.published, p != found?.day { extra["published"] = p }
        if let m = dates.modified { extra["modified"] = m }
        if let d = meta["description"] ?? meta["og:description"] { extra["description"] = PageWalker.decodeEntities(TextShape.collapse(d)) }
        if let l = lang { extra["language"] = l }
        return Article(
            id: "\(path)#1", path: path, title: title, subtitle: subtitle, source: site.map { TextShape.collapse($0) }, authors: authors,
            date: found?.day, rawDate: dates.chosen, url: urlString, text: paragraphs.joined(separator: "\n\n"),
            paragraphs: paragraphs, captions: captions, format: "html", encoding: encoding, extra: extra)
    }
}

/// How a body block looks: all heading or not, how much of its text is link text,
/// whether a line of links (left out) came just before it, whether it opens with a link.
struct BlockShape: Equatable {
    var heading = false
    var linkFraction = 0.0
    var afterLinkLine = false
    var opensWithLink = false
}

/// Matter after the story inside the chosen container: apparatus under a closing
/// heading, a round-up of other pages, the records of a reference page.
extension PageWalker {
    /// Headings after which a page lists its apparatus or its readers' comments, not the story.
    /// (Not "related stories" or "more from …": a rail under such a heading often sits
    /// half-way down a story that goes on after it.)
    static let closingHeadings: Set<String> = [
        "references", "sources", "see also", "further reading", "external links", "footnotes", "bibliography", "citations",
        "comments", "reader comments", "leave a reply", "leave a comment", "join the conversation",
    ]

    /// "12 Comments", "3 responses", "5 thoughts on “…”": a comment thread's heading.
    static func isCommentCount(_ t: String) -> Bool {
        let words = t.split(separator: " ")
        guard words.count >= 2, words[0].allSatisfy(\.isNumber) else { return false }
        let noun = words[1].lowercased()
        return noun == "comments" || noun == "comment" || noun == "responses" || noun == "replies" || (noun == "thoughts" && words.count > 2 && words[2].lowercased() == "on")
    }

    /// Prose a body keeps before any trim applies (characters): never trim a body to nothing.
    static let keptProse = 200

    /// The body without trailing matter: see `closingHeading`, `roundUpStart`, `catalogueStart`;
    /// and without the headings it ends with.
    /// `cut` says whether matter with prose in it was left out (not only headings).
    static func trimmingTrailingMatter(_ paragraphs: [String], shapes: [BlockShape], declaredArticle: Bool) -> (paragraphs: [String], cut: Bool) {
        guard paragraphs.count == shapes.count, paragraphs.count >= 3 else { return (paragraphs, false) }
        var end = paragraphs.count
        if let c = closingHeading(paragraphs, shapes: shapes) { end = c }
        if let r = roundUpStart(Array(paragraphs[..<end]), shapes: Array(shapes[..<end])) { end = r }
        if !declaredArticle, let c = catalogueStart(Array(paragraphs[..<end]), shapes: Array(shapes[..<end])) { end = c }
        let cut = end < paragraphs.count
        // A heading with nothing under it titled what was left out (a rail, a table of data).
        while end > 1, shapes[end - 1].heading, prose(paragraphs, shapes, before: end - 1) > 0 { end -= 1 }
        if PageWalker.debug, end < paragraphs.count { print("trailing matter: \(paragraphs.count - end) of \(paragraphs.count) blocks from \(paragraphs[end].prefix(60))") }
        return (Array(paragraphs[..<end]), cut)
    }

    /// Characters of prose (not headings) in `paragraphs[..<end]`.
    static func prose(_ paragraphs: [String], _ shapes: [BlockShape], before end: Int) -> Int {
        var n = 0
        for i in 0..<min(end, paragraphs.count) where !shapes[i].heading { n += paragraphs[i].count }
        return n
    }

    /// A heading such as "References", "See also" or "12 Comments", after the story's prose.
    static func closingHeading(_ paragraphs: [String], shapes: [BlockShape]) -> Int? {
        for i in paragraphs.indices where shapes[i].heading && paragraphs[i].count < 120 {
            let t = paragraphs[i].lowercased().trimmingCharacters(in: CharacterSet(charactersIn: " :"))
            if closingHeadings.contains(t) || isCommentCount(t), prose(paragraphs, shapes, before: i) >= keptProse { return i }
        }
        return nil
    }

    /// Where a round-up of other pages starts that runs to the end of the body: every block
    /// from there is a heading, a linked title, or one of at most two blurbs under a linked
    /// title (or opening with one), in two sections or more, with four titles or more that
    /// have blurbs, half as many again as there are headings, and not many more blurbs than titles. The story's own prose never sits
    /// apart from a link in that way for long.
    static func roundUpStart(_ paragraphs: [String], shapes: [BlockShape]) -> Int? {
        var start = 0
        var blurbs: Int?  // blurbs since the last linked title; nil: no title since the last heading
        var titlesWithBlurbs = 0
        var blurbCount = 0
        var headings = 0
        for i in paragraphs.indices {
            let s = shapes[i]
            let linkedTitle = !s.heading && s.linkFraction >= 0.75 && paragraphs[i].count <= 200
            if s.heading && paragraphs[i].count < 100 {
                blurbs = nil
                headings += 1
            } else if linkedTitle {
                blurbs = 0
            } else if s.afterLinkLine || s.opensWithLink, paragraphs[i].count >= 100 {
                // A blurb under a title that was a line of links, or that opens with its linked
                // title (a list's short items that open with a link are not blurbs).
                titlesWithBlurbs += 1
                blurbCount += 1
                blurbs = 1
            } else if let b = blurbs, b < 2 {
                if b == 0 { titlesWithBlurbs += 1 }
                blurbCount += 1
                blurbs = b + 1
            } else {
                // Prose of the story's own: the round-up, if any, starts after it.
                start = i + 1
                blurbs = nil
                titlesWithBlurbs = 0
                blurbCount = 0
                headings = 0
            }
        }
        // Sections (two headings or more) of several titles each: a heading over every item
        // (with a "buy" link between it and its text) is a listicle, whose items are the story;
        // a story with a box of links after every paragraph or two has no sections and more
        // paragraphs than links.
        guard titlesWithBlurbs >= max(4, headings * 3 / 2), headings >= 2, blurbCount * 2 <= titlesWithBlurbs * 3, start < paragraphs.count, prose(paragraphs, shapes, before: start) >= keptProse * 2 else { return nil }
        return start
    }

    /// The label of a labelled field ("Price: $40", "Location: north of the bridge"): one to
    /// four words before a colon, nil for other lines.
    static func fieldLabel(_ p: String) -> String? {
        guard let colon = p.firstIndex(of: ":"), p.distance(from: p.startIndex, to: colon) <= 32 else { return nil }
        let label = p[..<colon].trimmingCharacters(in: .whitespaces)
        let words = label.split(separator: " ")
        guard (1...4).contains(words.count), label.first?.isUppercase == true, label.allSatisfy({ $0.isLetter || $0 == " " || $0 == "'" || $0 == "-" }) else { return nil }
        return label.lowercased()
    }

    /// Records that make a catalogue.
    static let minRecords = 10

    /// A page that is not an article (its metadata does not say so) whose body is mostly
    /// a catalogue: ten records or more, each a heading over two labelled fields or more,
    /// opening with the same label (a guide's shrines, a database's entries). Its story is
    /// its lead, as a live blog's is its summary: the body ends at the first heading after
    /// the lead (or at the first record, when the lead is too short to stand alone).
    static func catalogueStart(_ paragraphs: [String], shapes: [BlockShape]) -> Int? {
        var records: [String: Int] = [:]
        var firstRecord: [String: Int] = [:]
        var i = 0
        while i < paragraphs.count {
            guard shapes[i].heading else { i += 1; continue }
            var j = i + 1
            var labels: [String] = []
            while j < paragraphs.count, !shapes[j].heading {
                if let l = fieldLabel(paragraphs[j]) { labels.append(l) }
                j += 1
            }
            if labels.count >= 2, let first = labels.first {
                records[first, default: 0] += 1
                if firstRecord[first] == nil { firstRecord[first] = i }
            }
            i = j
        }
        guard let (label, _) = records.first(where: { $0.value >= minRecords }), let recordStart = firstRecord[label],
            prose(paragraphs, shapes, before: recordStart) * 2 < prose(paragraphs, shapes, before: paragraphs.count)
        else { return nil }
        // The first heading after the lead (the headline itself may open the blocks).
        for h in 0..<recordStart where shapes[h].heading && prose(paragraphs, shapes, before: h) >= keptProse { return h }
        return prose(paragraphs, shapes, before: recordStart) >= keptProse ? recordStart : nil
    }
}
