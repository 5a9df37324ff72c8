// Quotations and who said them, from the patterns news writing uses:
//   "…," Blinken said.          "…," said Defense Secretary Lloyd Austin.
//   "…," a State Department spokesman said.       "…," he added.
//   Austin told reporters: "…"  Blinken said in a statement, "…"
//   Blinken, speaking in Tokyo, said: "…"
//   According to the ministry, …          (indirect)
//   Hayashi said (on Sunday) that …       (indirect)
//   Earnings will rise, Chairman Kenneth Douglas told analysts.   (indirect)
// Straight and curly quotes are both read; a quote may hold several sentences; a quote
// left open at the end of a paragraph and reopened at the start of the next is one quote
// (the newspaper convention; a paragraph ends at a blank line or an indented line). Quotes of fewer than 4 words without a speaker are taken
// as scare quotes or titles and left out.
//
// Speakers are reported as written; `resolvedSpeaker` is a best guess at a full name: a
// title is dropped ("Defense Secretary Lloyd Austin" → "Lloyd Austin"), a surname is
// expanded from an earlier full mention ("Blinken" → "Antony Blinken"), and "he"/"she" or
// an unattributed quote of 4 or more words right after an attributed one in the same
// paragraph takes the previous speaker.

/// A quotation found in a text.
public struct Quote: Sendable, Equatable {
    /// Direct speech in quotation marks, or indirect ("said that …", "according to …").
    public enum Kind: String, Sendable, Equatable { case direct, indirect }

    /// The quoted words, without the quotation marks and a trailing comma, white space
    /// runs (wrapped lines) shown as one space.
    public var text: String
    /// The speaker as the text names them ("Blinken", "he", "a State Department spokesman").
    public var speaker: String?
    /// The speaker's full name when the text allows: see the file comment.
    public var resolvedSpeaker: String?
    /// Direct or indirect.
    public var kind: Kind
    /// Character offset where the quoted words start.
    public var start: Int
    /// Character offset just past the quoted words.
    public var end: Int
}

extension Analysis {
    /// Verbs that introduce speech.
    static let speechVerbs: Set<String> = [
        "said", "says", "say", "told", "tells", "added", "adds", "asked", "asks", "stated",
        "explained", "noted", "notes", "wrote", "writes", "insisted", "warned", "warns",
        "declared", "replied", "continued", "argued", "argues", "claimed", "recalled",
        "remarked", "stressed", "emphasized", "emphasised", "acknowledged", "admitted",
        "announced", "cautioned", "commented", "concluded", "confirmed", "observed", "urged",
        "vowed", "predicted", "posted", "tweeted", "joked", "conceded", "complained",
        "responded", "reiterated", "suggested", "explains", "insists", "adds", "according",
    ]
    static let speakerAdverbs: Set<String> = ["also", "later", "earlier", "then", "further", "again", "previously", "separately", "once", "still", "repeatedly", "often"]
    static let sentenceConnectives: Set<String> = [
        "but", "and", "yet", "so", "however", "meanwhile", "still", "also", "both", "then", "now",
        "later", "earlier", "in", "on", "at", "for", "when", "while", "after", "before", "if",
        "separately", "instead", "today", "yesterday",
    ]
    static let pronouns: Set<String> = ["he", "she", "they", "we", "i", "it", "you"]
    static let nameConnectors: Set<String> = ["of", "de", "van", "von", "al", "bin", "da", "del", "la", "le", "du", "der", "dos", "el"]
    static let titleWords: Set<String> = [
        "secretary", "minister", "president", "prime", "foreign", "defense", "defence", "state",
        "mr", "mrs", "ms", "dr", "gen", "general", "senator", "sen", "rep", "representative",
        "gov", "governor", "chancellor", "king", "queen", "prince", "princess", "chairman",
        "chairwoman", "chair", "director", "spokesman", "spokeswoman", "spokesperson",
        "ambassador", "deputy", "chief", "officer", "vice", "premier", "leader", "judge",
        "justice", "pope", "lt", "col", "colonel", "commander", "admiral", "adm", "sgt",
        "captain", "capt", "mayor", "professor", "prof", "sir", "lord", "lady", "dame",
        "us", "u.s", "uk", "eu", "un", "executive", "ceo", "head", "envoy", "senior",
        "national", "security", "adviser", "advisor", "attorney", "speaker", "finance",
        "interior", "trade", "home", "treasury", "sheikh", "emir", "crown", "of", "the",
        "treasurer", "analyst", "economist", "spokesman", "counterpart", "ministry", "official",
    ]

    /// A word or punctuation token of a text, with its Character offsets.
    struct QToken {
        var text: String
        var start: Int
        var end: Int
        var isWord: Bool
        var lower: String
        var isCapitalized: Bool

        init(text: String, start: Int, end: Int, isWord: Bool, lower: String? = nil) {
            self.text = text
            self.start = start
            self.end = end
            self.isWord = isWord
            self.lower = lower ?? (isWord ? text.lowercased() : text)
            isCapitalized = text.first.map(isUpperFast) ?? false
        }
    }

    /// Splits characters into words (letters, digits, internal ' - and the periods of
    /// abbreviations) and single punctuation tokens; white space is dropped.
    static func quoteTokens(_ c: [Character], _ range: Range<Int>) -> [QToken] {
        var out: [QToken] = []
        var i = range.lowerBound
        var bytes: [UInt8] = [], lowerBytes: [UInt8] = []
        bytes.reserveCapacity(32)
        lowerBytes.reserveCapacity(32)
        while i < range.upperBound {
            let ch = c[i]
            if isSpaceFast(ch) { i += 1; continue }
            if isWordFast(ch) {
                var j = i + 1
                while j < range.upperBound {
                    if isWordFast(c[j]) { j += 1; continue }
                    if isJoinerFast(c[j]), j + 1 < range.upperBound, isWordFast(c[j + 1]) { j += 1; continue }
                    break
                }
                // Built from UTF-8 bytes: appending Characters one by one was the hot spot.
                bytes.removeAll(keepingCapacity: true)
                lowerBytes.removeAll(keepingCapacity: true)
                var hasPeriod = false, ascii = true
                for k in i..<j {
                    if let a = c[k].asciiValue {
                        bytes.append(a)
                        lowerBytes.append(a >= 65 && a <= 90 ? a + 32 : a)
                        hasPeriod = hasPeriod || a == 46
                    } else {
                        bytes.append(contentsOf: c[k].utf8)
                        ascii = false
                    }
                }
                var word = String(decoding: bytes, as: UTF8.self)
                var lower = ascii ? String(decoding: lowerBytes, as: UTF8.self) : word.lowercased()
                // Keep the period of "Mr." or "U.S." as part of the word.
                if j < range.upperBound, c[j] == ".", hasPeriod || (j - i == 1 && isUpperFast(c[i])) || (j - i <= 6 && SentenceSplitter.abbreviations.contains(lower)) {
                    word.append(".")
                    lower.append(".")
                    j += 1
                }
                out.append(QToken(text: word, start: i, end: j, isWord: true, lower: lower))
                i = j
            } else {
                out.append(QToken(text: String(ch), start: i, end: i + 1, isWord: false))
                i += 1
            }
        }
        return out
    }

    /// Whether a word can be part of a name ("Lloyd", "U.S.", "of" between names).
    static func isNameWord(_ t: QToken) -> Bool { t.isWord && t.isCapitalized }

    /// The name phrase starting at token `i` going forward: capitalized words, with
    /// connectors between them; or a description from "the"/"a"/"an" to punctuation.
    static func speakerForward(_ t: [QToken], from i: Int) -> (String, Int)? {
        guard i < t.count, t[i].isWord else { return nil }
        if pronouns.contains(t[i].lower) { return (t[i].text, i + 1) }
        if ["the", "a", "an"].contains(t[i].lower) {
            var j = i + 1
            while j < t.count, t[j].isWord, j - i < 8, !speechVerbs.contains(t[j].lower), t[j].lower != "who" { j += 1 }
            return j > i + 1 ? (t[i..<j].map(\.text).joined(separator: " "), j) : nil
        }
        var j = i
        while j < t.count {
            if isNameWord(t[j]) { j += 1; continue }
            if t[j].isWord, nameConnectors.contains(t[j].lower), j > i, j + 1 < t.count, isNameWord(t[j + 1]) { j += 1; continue }
            break
        }
        return j > i ? (t[i..<j].map(\.text).joined(separator: " ").trimmingAnalysisCharacters("."), j) : nil
    }

    /// The name phrase ending just before token `end`, going backward; nil if none.
    static func speakerBackward(_ t: [QToken], before verb: Int, notBefore floor: Int) -> String? {
        var end = verb
        // Step over an adverb between speaker and verb ("Japan also said", "he later told").
        if end - 1 > floor, t[end - 1].isWord, !t[end - 1].isCapitalized,
           speakerAdverbs.contains(t[end - 1].lower) || (t[end - 1].lower.hasSuffix("ly") && t[end - 1].text.count > 4) {
            end -= 1
        }
        // Step over a parenthetical: "Blinken, speaking in Tokyo, said".
        if end - 1 > floor, t[end - 1].text == ",",
           let open = (max(floor, end - 10)..<(end - 1)).last(where: { t[$0].text == "," }), open > floor,
           !(open + 1..<(end - 1)).contains(where: { !t[$0].isWord }) {
            end = open
        }
        guard end - 1 >= floor, t[end - 1].isWord else { return nil }
        if pronouns.contains(t[end - 1].lower) { return t[end - 1].text }
        var s = end
        while s - 1 >= floor {
            let w = t[s - 1]
            if isNameWord(w) { s -= 1; continue }
            if w.isWord, nameConnectors.contains(w.lower) || w.lower == "and", s < end, s - 2 >= floor, isNameWord(t[s - 2]) { s -= 1; continue }
            break
        }
        // A sentence-initial connective is not part of the name ("But Mining Council ...").
        while s < end - 1, sentenceConnectives.contains(t[s].lower) { s += 1 }
        if s < end {
            // "the U.S. ambassador" or "a State Department spokesman": an article before.
            if s - 1 >= floor, ["the", "a", "an"].contains(t[s - 1].lower), !t[s - 1].isCapitalized || s - 1 == floor { s -= 1 }
            return t[s..<end].map(\.text).joined(separator: " ")
        }
        // A lower-case description: back to its article, at most 6 words.
        var k = end - 1
        while k >= floor, end - k <= 6, t[k].isWord {
            if ["the", "a", "an"].contains(t[k].lower) { return t[k..<end].map(\.text).joined(separator: " ") }
            k -= 1
        }
        return nil
    }

    /// Quotations in `text` with their speakers. With `indirect`, also reported speech
    /// ("X said that …", "According to X, …").
    public static func quotes(_ text: String, indirect: Bool = true) -> [Quote] {
        let c = Array(text)
        let spans = quoteSpans(c)
        var quotes: [Quote] = []
        var covered: [Range<Int>] = []
        var pending: [Quote] = []  // parts of a quote continued over paragraphs
        for span in spans {
            var inner = span.inner
            // Drop white space and a trailing comma inside the marks.
            while inner.lowerBound < inner.upperBound, isSpaceFast(c[inner.lowerBound]) { inner = (inner.lowerBound + 1)..<inner.upperBound }
            while inner.upperBound > inner.lowerBound, isSpaceFast(c[inner.upperBound - 1]) || c[inner.upperBound - 1] == "," { inner = inner.lowerBound..<(inner.upperBound - 1) }
            guard !inner.isEmpty else { continue }
            covered.append(span.outer)
            var q = Quote(text: collapseSpace(c[inner]), speaker: attributeAfter(c, span.outer.upperBound) ?? attributeBefore(c, span.outer.lowerBound),
                          resolvedSpeaker: nil, kind: .direct, start: inner.lowerBound, end: inner.upperBound)
            if span.continues {
                pending.append(q)
                continue
            }
            if !pending.isEmpty {
                let first = pending[0]
                q.text = (pending.map(\.text) + [q.text]).joined(separator: " ")
                q.start = first.start
                if q.speaker == nil { q.speaker = pending.compactMap(\.speaker).first }
                pending = []
            }
            quotes.append(q)
        }
        for p in pending { quotes.append(p) }
        // Word tokens of the whole text, once: indirect speech and name resolution use them.
        let all = quoteTokens(c, 0..<c.count)
        if indirect { quotes += indirectQuotes(c, all, avoiding: covered) }
        quotes.sort { $0.start < $1.start }
        resolveSpeakers(&quotes, c, all)
        return quotes.filter { q in
            let short = q.text.split(separator: " ").count < 4
            // A news agency "reporting" a word or two ("2+2" talks, Kyodo News said) is not its speech.
            if short, let speaker = q.speaker, isMediaName(speaker) { return false }
            return q.speaker != nil || q.resolvedSpeaker != nil || !short
        }
    }

    /// Whether a speaker is a news outlet ("Kyodo News", "the Korea Herald").
    static func isMediaName(_ speaker: String) -> Bool {
        var name = speaker
        if name.lowercased().hasPrefix("the ") { name = String(name.dropFirst(4)) }
        if mediaNames.contains(name) || mediaNames.contains("The " + name) { return true }
        guard let last = name.split(separator: " ").last, name.first?.isUppercase == true else { return false }
        return EntityLexicon.mediaHeads.contains(String(last)) || ["Agency", "Press", "Wire", "Service"].contains(String(last))
    }

    private static let mediaNames = Set(EntityLexicon.media)

    struct QuoteSpan {
        var outer: Range<Int>
        var inner: Range<Int>
        var continues: Bool
    }

    /// Pairs quotation marks: “ with ”, and straight quotes in turn. A quote still open at
    /// a blank line ends there, marked `continues` when the next paragraph opens a quote.
    static func quoteSpans(_ c: [Character]) -> [QuoteSpan] {
        var spans: [QuoteSpan] = []
        var open: (Int, Character)? = nil
        var i = 0
        while i < c.count {
            let ch = c[i]
            if let (o, mark) = open {
                if (mark == "“" && ch == "”") || (mark == "\"" && ch == "\"") {
                    spans.append(QuoteSpan(outer: o..<(i + 1), inner: (o + 1)..<i, continues: false))
                    open = nil
                } else if ch == "\n" || ch == "\r\n" {
                    if let k = paragraphStart(c, afterNewlineAt: i) {
                        if k < c.count, c[k] == "“" || c[k] == "\"" {
                            spans.append(QuoteSpan(outer: o..<i, inner: (o + 1)..<i, continues: true))
                            open = (k, c[k])
                            i = k + 1
                            continue
                        }
                        open = nil  // an unclosed quote: give up on it
                    }
                } else if i - o > 3000 {
                    open = nil
                }
            } else if ch == "“" || ch == "\"" {
                open = (i, ch)
            }
            i += 1
        }
        return spans
    }

    /// Where the next paragraph starts when the line break at `i` ends a paragraph: a blank
    /// line follows, or the next line is indented (two spaces or a tab, as wire copy does).
    static func paragraphStart(_ c: [Character], afterNewlineAt i: Int) -> Int? {
        var j = i + 1
        var indent = 0
        while j < c.count, c[j] == " " || c[j] == "\t" || c[j] == "\r" { indent += c[j] == "\t" ? 2 : 1; j += 1 }
        if j < c.count, c[j] == "\n" || c[j] == "\r\n" {
            while j < c.count, isSpaceFast(c[j]) { j += 1 }
            return j
        }
        return indent >= 2 ? j : nil
    }

    /// Whether a paragraph ends between two offsets.
    static func paragraphBreak(_ c: [Character], _ range: Range<Int>) -> Bool {
        for i in range where c[i] == "\n" || c[i] == "\r\n" {
            if paragraphStart(c, afterNewlineAt: i) != nil { return true }
        }
        return false
    }

    /// `"…," Blinken said` / `"…," said Austin` / `"…," the minister told reporters`.
    static func attributeAfter(_ c: [Character], _ from: Int) -> String? {
        var end = from
        while end < c.count, end - from < 160, c[end] != "\"", c[end] != "“" {
            if c[end] == "\n" || c[end] == "\r\n", paragraphStart(c, afterNewlineAt: end) != nil { break }
            end += 1
        }
        var t = quoteTokens(c, from..<end)
        if let f = t.first, f.text == "," || f.text == "—" || f.text == "–" { t.removeFirst() }
        guard let first = t.first, first.isWord else { return nil }
        if speechVerbs.contains(first.lower), first.lower != "according" {
            return speakerForward(t, from: 1)?.0
        }
        // Speaker first, then a speech verb.
        if let (name, next) = speakerForward(t, from: 0), next < t.count, t[next].isWord, speechVerbs.contains(t[next].lower), t[next].lower != "according" {
            return name
        }
        return nil
    }

    /// `Austin told reporters: "…"` / `Blinken said in a statement, "…"` /
    /// `According to Blinken, "…"`.
    static func attributeBefore(_ c: [Character], _ quoteStart: Int) -> String? {
        var start = quoteStart
        while start > 0, quoteStart - start < 200, !".!?\"”".contains(c[start - 1]) {
            if c[start - 1] == "\n" || c[start - 1] == "\r\n", paragraphStart(c, afterNewlineAt: start - 1) != nil { break }
            start -= 1
        }
        let t = quoteTokens(c, start..<quoteStart)
        guard !t.isEmpty else { return nil }
        if t.count >= 3, t[0].lower == "according", t[1].lower == "to", let (name, _) = speakerForward(t, from: 2) { return name }
        // The last speech verb, at most 6 tokens before the quote, introducing it: directly
        // (`said "…"`), after a colon or comma (`said in a statement, "…"`), or after
        // the one or two words of `told reporters "…"`. Otherwise it is another verb's
        // object (`announced a "unified command"`).
        let introduced = !t[t.count - 1].isWord && (t[t.count - 1].text == ":" || t[t.count - 1].text == ",")
        var v = t.count - 1
        while v >= 0, t.count - v <= 7 {
            if t[v].isWord, speechVerbs.contains(t[v].lower), t[v].lower != "according" {
                let between = t.count - 1 - v
                guard introduced || between == 0 || (t[v].lower == "told" && between <= 2) else { return nil }
                return speakerBackward(t, before: v, notBefore: 0)
            }
            v -= 1
        }
        return nil
    }

    /// The tokens lying wholly inside a character range (found by binary search).
    static func tokens(_ all: [QToken], in r: Range<Int>) -> ArraySlice<QToken> {
        var lo = 0, hi = all.count
        while lo < hi { let m = (lo + hi) / 2; if all[m].start < r.lowerBound { lo = m + 1 } else { hi = m } }
        var end = lo
        while end < all.count, all[end].end <= r.upperBound { end += 1 }
        return all[lo..<end]
    }

    /// Reported speech in sentences outside quotation marks.
    static func indirectQuotes(_ c: [Character], _ all: [QToken], avoiding covered: [Range<Int>]) -> [Quote] {
        var out: [Quote] = []
        var s = 0
        func sentenceEnd(_ from: Int) -> Int {
            var i = from
            while i < c.count {
                if c[i] == "\n", i + 1 < c.count, c[i + 1] == "\n" { return i }
                if isStopFast(c[i]), i + 1 >= c.count || isSpaceFast(c[i + 1]) {
                    // Not after an abbreviation or initial.
                    var w = i
                    while w > 0, isWordFast(c[w - 1]) { w -= 1 }
                    let word = String(c[w..<i])
                    if !(word.count == 1 && word.first?.isUppercase == true), !SentenceSplitter.abbreviations.contains(word.lowercased()) { return i + 1 }
                }
                i += 1
            }
            return c.count
        }
        while s < c.count {
            while s < c.count, isSpaceFast(c[s]) { s += 1 }
            guard s < c.count else { break }
            let e = sentenceEnd(s)
            defer { s = max(e, s + 1) }
            if covered.contains(where: { $0.overlaps(s..<e) }) { continue }
            let t = Array(tokens(all, in: s..<e))
            guard t.count >= 5 else { continue }
            // According to X, rest.
            if t[0].lower == "according", t[1].lower == "to", let (name, next) = speakerForward(t, from: 2),
               next < t.count, t[next].text == "," , next + 1 < t.count {
                let from = t[next + 1].start
                var to = e
                while to > from, isStopFast(c[to - 1]) || isSpaceFast(c[to - 1]) { to -= 1 }
                out.append(Quote(text: collapseSpace(c[from..<to]), speaker: name, resolvedSpeaker: nil, kind: .indirect, start: from, end: to))
                continue
            }
            // Rest, X said. / Rest, said X. / Rest, X told reporters.
            if let comma = t.lastIndex(where: { $0.text == "," }), comma >= 4, comma + 2 < t.count {
                var tail = Array(t[(comma + 1)...])
                while let l = tail.last, !l.isWord { tail.removeLast() }
                var speaker: String? = nil
                if let f = tail.first, speechVerbs.contains(f.lower), f.lower != "according",
                   let (name, next) = speakerForward(tail, from: 1), next == tail.count {
                    speaker = name
                } else if let (name, next) = speakerForward(tail, from: 0), next < tail.count,
                          speechVerbs.contains(tail[next].lower), tail[next].lower != "according", tail.count - next <= 4,
                          !["that", "it", "in"].contains(tail.count > next + 1 ? tail[next + 1].lower : "") {
                    speaker = name
                }
                if let speaker {
                    // Not the dateline the story opens with ("LYON, France — The Saône burst …, the prefecture said").
                    var first = 0
                    if let w = t.first, w.isWord, w.text.count >= 2, w.text == w.text.uppercased(), w.text != w.text.lowercased(),
                        let dash = t.prefix(8).firstIndex(where: { ["—", "–", "-", "--"].contains($0.text) }), dash + 1 < comma
                    {
                        first = dash + 1
                    }
                    let from = t[first].start, to = t[comma].start
                    out.append(Quote(text: collapseSpace(c[from..<to]), speaker: speaker, resolvedSpeaker: nil, kind: .indirect, start: from, end: to))
                    continue
                }
            }
            // X said (…) that rest.
            for v in 1..<t.count where t[v].isWord && speechVerbs.contains(t[v].lower) && t[v].lower != "according" {
                guard let that = (v + 1..<min(t.count, v + 6)).first(where: { t[$0].lower == "that" }), that + 1 < t.count,
                      (v + 1..<that).allSatisfy({ t[$0].isWord }),
                      let speaker = speakerBackward(t, before: v, notBefore: 0) else { continue }
                let from = t[that + 1].start
                var to = e
                while to > from, isStopFast(c[to - 1]) || isSpaceFast(c[to - 1]) { to -= 1 }
                out.append(Quote(text: collapseSpace(c[from..<to]), speaker: speaker, resolvedSpeaker: nil, kind: .indirect, start: from, end: to))
                break
            }
        }
        return out
    }

    /// Fills `resolvedSpeaker` (see the file comment).
    static func resolveSpeakers(_ quotes: inout [Quote], _ c: [Character], _ all: [QToken]) {
        var previous: String? = nil
        var previousEnd = 0
        for i in quotes.indices {
            let q = quotes[i]
            var resolved: String? = nil
            if let s = q.speaker {
                let lower = s.lowercased()
                if pronouns.contains(lower) {
                    resolved = ["he", "she"].contains(lower) ? previous : nil
                } else if let first = s.first, first.isUppercase || (lower.hasPrefix("the ") && s.dropFirst(4).first?.isUppercase == true) {
                    resolved = fullName(s, before: q.start, in: all)
                }
            } else if let p = previous, q.kind == .direct, q.text.split(separator: " ").count >= 4,
                      !paragraphBreak(c, previousEnd..<min(max(previousEnd, q.start), c.count)) {
                resolved = p
            }
            quotes[i].resolvedSpeaker = resolved
            if resolved != nil { previous = resolved }
            previousEnd = q.end
        }
    }

    /// A name without leading titles; a lone surname expanded from an earlier full mention.
    static func fullName(_ speaker: String, before limit: Int, in t: [QToken]) -> String? {
        var words = speaker.split(separator: " ").map(String.init)
        if words.first?.lowercased() == "the" { words.removeFirst() }
        // A description, not a name ("spokesman", "Embassy's annual report"): no full name.
        guard words.allSatisfy({ $0.first?.isUppercase == true || nameConnectors.contains($0) || $0 == "and" }) else { return nil }
        // Several speakers ("the U.S. and Japan"): keep them as written.
        if words.contains("and") { return words.joined(separator: " ") }
        // Everything up to the last title word is the title ("Reserve Bank Governor").
        if let lastTitle = words.dropLast().lastIndex(where: { titleWords.contains($0.lowercased().trimmingAnalysisCharacters(".")) }) {
            words.removeFirst(lastTitle + 1)
        }
        if words.count == 1 {
            let surname = words[0]
            let last = t.lastIndex { $0.start < limit } ?? -1
            for k in stride(from: last, through: 1, by: -1) where t[k].text == surname {
                var s = k
                while s - 1 >= 0, k - s < 3, isNameWord(t[s - 1]), !titleWords.contains(t[s - 1].lower.trimmingAnalysisCharacters(".")),
                      !sentenceConnectives.contains(t[s - 1].lower) { s -= 1 }
                if s < k { return t[s...k].map(\.text).joined(separator: " ") }
            }
        }
        return words.joined(separator: " ")
    }
}

extension String {
    /// The string without the given characters at either end.
    func trimmingAnalysisCharacters(_ set: String) -> String {
        var s = Substring(self)
        while let f = s.first, set.contains(f) { s = s.dropFirst() }
        while let l = s.last, set.contains(l) { s = s.dropLast() }
        return String(s)
    }
}

extension Analysis {
    // Character tests with an ASCII fast path: Character's own properties look up Unicode
    // tables every time, which dominated the time of `quotes`.

    @inline(__always) static func isWordFast(_ ch: Character) -> Bool {
        if let a = ch.asciiValue { return (a >= 48 && a <= 57) || ((a | 0x20) >= 97 && (a | 0x20) <= 122) }
        return ch.isLetter || ch.isNumber
    }

    @inline(__always) static func isSpaceFast(_ ch: Character) -> Bool {
        if let a = ch.asciiValue { return a == 32 || (a >= 9 && a <= 13) }
        return ch.isWhitespace
    }

    @inline(__always) static func isUpperFast(_ ch: Character) -> Bool {
        if let a = ch.asciiValue { return a >= 65 && a <= 90 }
        return ch.isUppercase
    }

    @inline(__always) static func isJoinerFast(_ ch: Character) -> Bool {
        ch == "'" || ch == "’" || ch == "-" || ch == "."
    }

    @inline(__always) static func isStopFast(_ ch: Character) -> Bool {
        ch == "." || ch == "!" || ch == "?"
    }
}
