import CLibXML2
import Foundation
import NQL

/// What a page prints under its headline: the date and the byline (see `HTMLExtractor`).
///
/// Readers date an article by what the page prints under its headline, so that
/// comes first: "By Jane Doe | Dec 22, 2023", "PUBLISHED: … | UPDATED: …",
/// "Saturday 23 December 2023 05:39, UK". Where the line labels a date as the
/// publication date, that one is taken; otherwise the first date shown. Only
/// without such a line do the metadata dates decide (they are often stale —
/// a first publication years back, or a UTC time that falls on the next day),
/// then `<time>` elements, date-classed elements, the URL and the byline.
/// The same lines give the byline when the markup names no one, and co-authors
/// it left out.
extension PageWalker {
    struct PageDates {
        /// The date text chosen, as written.
        var chosen: String?
        /// Publication and modification days from the metadata, ISO.
        var published: String?
        var modified: String?
    }

    /// What a label in front of a date says about it.
    enum DateLabel { case none, published, updated }

    /// A date printed on the page, with its label.
    struct ShownDate {
        var text: String
        var label: DateLabel
    }

    static let publishedMetaKeys = [
        "article:published_time", "og:published_time", "published_time", "article:published", "datepublished",
        "itemprop:datepublished", "pubdate", "publishdate", "publish-date", "publish_date", "date", "dc.date",
        "dc.date.issued", "dcterms.date", "dcterms.created", "sailthru.date", "parsely-pub-date", "article.published",
        "publication_date", "og:pubdate", "cxenseparse:recs:publishtime", "article:modified_time", "og:updated_time",
    ]

    func pageDates(ld: [String: Any]?, url: String?, header: [String]) -> PageDates {
        func valid(_ s: String?) -> String? { s.flatMap { DateNormalizer.find($0) != nil ? $0 : nil } }
        var fromMeta: String?
        for key in PageWalker.publishedMetaKeys {
            if let v = valid(meta[key]) { fromMeta = v; break }
            if key == "article:published_time", let v = valid(ld.flatMap { PageWalker.ldString($0["datePublished"]) }) { fromMeta = v; break }
        }
        if fromMeta == nil, let d = ld { fromMeta = valid(PageWalker.ldString(d["dateCreated"]) ?? PageWalker.ldString(d["dateModified"])) }
        let modified = valid(meta["article:modified_time"] ?? ld.flatMap { PageWalker.ldString($0["dateModified"]) } ?? meta["og:updated_time"] ?? meta["last-modified"])

        let shown = header.flatMap(PageWalker.datesShown)
        let fromHeader = (shown.first { $0.label == .published } ?? shown.first { $0.label == .none } ?? shown.first)?.text
        if PageWalker.debug {
            print("dates: shown \(shown.map { "\($0.label):\($0.text)" }) meta \(fromMeta ?? "-") modified \(modified ?? "-") updated \(updatedTexts) time \(timeDates.prefix(3)) texts \(dateTexts.prefix(3))")
        }
        var chosen = fromHeader ?? fromMeta ?? updatedTexts.first
        if chosen == nil { chosen = timeDates.first { DateNormalizer.find($0) != nil } }
        if chosen == nil { chosen = dateTexts.first }
        if chosen == nil, let u = url { chosen = PageWalker.urlDate(u) }
        if chosen == nil { chosen = bylineTexts.first { DateNormalizer.find($0) != nil } }
        return PageDates(
            chosen: chosen, published: fromMeta.flatMap { DateNormalizer.find($0)?.day },
            modified: modified.flatMap { DateNormalizer.find($0)?.day })
    }

    /// Index of the last node in each node's subtree (nodes are in document order).
    func subtreeEnds() -> [Int] {
        var end = Array(nodes.indices)
        for i in nodes.indices.reversed() where nodes[i].parent >= 0 {
            end[nodes[i].parent] = max(end[nodes[i].parent], end[i])
        }
        return end
    }

    /// The short lines that follow the headline, up to where the body's prose
    /// begins (at most 1,500 characters). Figures, captions and navigation are
    /// passed over; a short block holding blocks (a dek above a byline) is read
    /// line by line.
    func headerLines(after titleNode: Int, inSkip: [Bool]) -> [String] {
        let end = subtreeEnds()
        var lines: [String] = []
        var budget = 1500
        var prose = 0
        var j = end[titleNode] + 1
        while j < nodes.count, budget > 0, prose < 2, lines.count < 12 {
            let n = nodes[j]
            if inSkip[j] || n.textLen == 0 || n.hint <= -100 || n.tag == "figure" || n.tag == "figcaption" || n.tag == "h1" {
                j = end[j] + 1
                continue
            }
            let holdsBlocks = end[j] > j && nodes[(j + 1)...end[j]].contains { $0.textLen > 0 && PageWalker.blockTags.contains($0.tag) }
            if n.textLen <= 160, !holdsBlocks {
                let t = PageWalker.text(n.ptr)
                budget -= t.count
                lines.append(t)
                j = end[j] + 1
                continue
            }
            if n.directText >= 160 {
                prose += 1
                budget -= n.directText
            }
            j += 1
        }
        if PageWalker.debug { for l in lines { print("  header line: \(l.prefix(120))") } }
        return lines
    }

    static let dateLabels: [(String, DateLabel)] = [
        ("published", .published), ("posted", .published), ("updated", .updated), ("modified", .updated),
        ("corrected", .updated), ("edited", .updated), ("revised", .updated),
    ]

    /// The dates in a short line, each with the label in front of it.
    /// A line of prose (long, or ending like a sentence) shows none.
    static func datesShown(in line: String) -> [ShownDate] {
        let lower = line.lowercased()
        // "… at 8:48 p.m." ends with a full stop but is not a sentence.
        let clock = lower.hasSuffix("a.m.") || lower.hasSuffix("p.m.")
        guard line.count >= 6, line.split(separator: " ").count <= 20, clock || !PlainTextExtractor.endsLikeSentence(line) else { return [] }
        guard DateNormalizer.find(line) != nil else { return [] }
        // Cut the line at each label so "Published … | Updated …" gives two dates.
        var cuts: [(String.Index, DateLabel)] = [(line.startIndex, .none)]
        for (word, label) in dateLabels {
            var from = line.startIndex
            while let r = line.range(of: word, options: .caseInsensitive, range: from..<line.endIndex) {
                // A whole word: "edited", not the end of "credited".
                if r.lowerBound == line.startIndex || !line[line.index(before: r.lowerBound)].isLetter { cuts.append((r.lowerBound, label)) }
                from = r.upperBound
            }
        }
        cuts.sort { $0.0 < $1.0 }
        var out: [ShownDate] = []
        for (k, cut) in cuts.enumerated() {
            let stop = k + 1 < cuts.count ? cuts[k + 1].0 : line.endIndex
            let part = line[cut.0..<stop].trimmingCharacters(in: CharacterSet(charactersIn: " |·•,;"))
            if DateNormalizer.find(part) != nil { out.append(ShownDate(text: part, label: cut.1)) }
        }
        return out
    }

    /// Author names from the header: a "By …" line, or a line of names just
    /// above the date line ("Greg Potts" / "Published: 22 Dec 2023",
    /// "Will Macmaster Editor" / "Updated: August 8, 2023"). A photo credit
    /// can read "By …" too, so with several candidates the one next to the date
    /// line wins, then one that names a role ("…, Contributing Opinion Writer").
    static func headerByline(_ lines: [String]) -> [String] {
        let hasDate = lines.map { !datesShown(in: $0).isEmpty }
        var best: (names: [String], score: Int)?
        for (i, raw) in lines.enumerated() {
            var line = raw
            // "ByVan Sias": "By" glued to a linked name.
            if line.hasPrefix("By"), let c = line.dropFirst(2).first, c.isUppercase { line = "By " + line.dropFirst(2) }
            // "Amie Mock as told to Heather Eastman": the writer is named last.
            if let r = line.range(of: " as told to ") { line = "By " + line[r.upperBound...] }
            let nextToDate = hasDate[i] || (i + 1 < lines.count && hasDate[i + 1])
            var names = PlainTextExtractor.bylineNames(line) ?? []
            if names.isEmpty, i + 1 < lines.count, hasDate[i + 1], !hasDate[i], line.split(separator: " ").count <= 10 {
                names = line.split(whereSeparator: { $0 == "," || $0 == "|" || $0 == "&" }).flatMap { part in
                    Bylines.splitNames(Bylines.dropRole(String(part)))
                }
                if !names.allSatisfy({ $0.split(separator: " ").count >= 2 && !Bylines.looksLikeOrganisation($0) }) { names = [] }
            }
            guard !names.isEmpty else { continue }
            let namesARole = line.split(separator: " ").contains { Bylines.roleWords.contains($0.lowercased()) }
            let score = (nextToDate ? 2 : 0) + (namesARole ? 1 : 0)
            if best == nil || score > best?.score ?? 0 { best = (names, score) }
        }
        return best?.names ?? []
    }

    /// A date in a URL path: /2023/12/17/ or /2023-12-17/ or /20231217/.
    static func urlDate(_ u: String) -> String? {
        let parts = u.split(separator: "/")
        for (i, p) in parts.enumerated() where p.count == 4 && p.allSatisfy(\.isNumber) {
            if let y = Int(p), y >= 1990, y <= 2100, i + 2 < parts.count,
                let m = Int(parts[i + 1]), (1...12).contains(m), let d = Int(parts[i + 2].prefix(2)), (1...31).contains(d), parts[i + 2].prefix(2).allSatisfy(\.isNumber)
            {
                return "\(y)-\(m)-\(d)"
            }
        }
        for p in parts { if let f = DateNormalizer.find(String(p)), p.count <= 12 { return f.day } }
        return nil
    }
}
