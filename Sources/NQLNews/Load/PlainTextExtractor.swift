import NQL

/// Cleans a plain-text or Markdown article saved from a web page.
///
/// Signals, in order: known interface strings (several languages) and
/// identifier-like lines (`bar_progress`) are dropped; copyright footers end the
/// body and name the outlet; caption lines (a credit such as `[Image source=…]`,
/// `(Photo=…)`, `Photo:` or a line repeating the headline) go to `captions`;
/// "By …" bylines and "Published …" date lines fill `authors` and `date`; the
/// first headline-like line (short, no closing sentence punctuation) before the
/// first prose paragraph is the title and the headline-like lines right after it
/// are sub-headlines; short lines after the last prose paragraph are page furniture.
enum PlainTextExtractor {
    /// Interface strings seen on news sites, compared lower-case without trailing punctuation.
    static let interfaceStrings: Set<String> = [
        // English
        "skip to content", "skip to main content", "skip navigation", "menu", "search", "close", "open",
        "top", "back to top", "go to top", "text size", "font size", "print", "email", "e-mail", "share",
        "share this", "share this article", "share on facebook", "share on twitter", "share on x",
        "tweet", "copy link", "link copied", "comments", "comment", "view comments", "leave a comment",
        "subscribe", "subscribe now", "sign in", "sign up", "log in", "login", "log out", "register",
        "newsletter", "sign up for our newsletter", "advertisement", "sponsored", "ad", "related",
        "related articles", "related stories", "related news", "read more", "read next", "more stories",
        "recommended", "most read", "most popular", "trending", "latest news", "special coverage",
        "join us on social", "follow us", "follow us on", "listen", "listen to this article", "home",
        "news", "next", "previous", "prev", "more", "loading", "cookie settings", "accept cookies",
        "facebook", "twitter", "linkedin", "whatsapp", "reddit", "instagram", "youtube", "kakaotalk",
        "play", "pause", "mute", "full screen", "zoom", "enlarge", "gallery", "video", "photo",
        "continue reading", "show more", "see more", "click to unmute", "tap to unmute", "this video has an invalid file format",
        "please use a html5 video capable browser to watch videos", "please enter your date of birth to view this video",
        "sorry, but you can't access this content", "thanks for signing up", "you're all set", "watch now", "now playing",
        "up next", "replay", "skip ad", "loading video", "video unavailable", "all rights reserved", "terms of use",
        "privacy policy", "contact us", "about us", "sitemap", "rss", "a+", "a-", "aa",
        // Korean
        "본문 바로가기", "주메뉴 바로가기", "메뉴", "검색", "닫기", "로그인", "회원가입", "공유", "공유하기",
        "글자크기", "글씨크기", "인쇄", "기사 인쇄", "스크랩", "구독", "맨위로", "위로", "이전", "다음",
        "댓글", "관련기사", "많이 본 뉴스", "카카오톡", "페이스북", "트위터", "url 복사", "기사원문",
        // Japanese and Chinese
        "メニュー", "検索", "閉じる", "ログイン", "シェア", "共有", "印刷", "トップへ", "ページトップへ", "関連記事",
        "本文へ", "菜单", "搜索", "关闭", "登录", "分享", "返回顶部", "相关新闻",
        // French, German, Spanish
        "fermer", "partager", "rechercher", "s'abonner", "lire aussi", "schließen", "teilen", "suche",
        "anmelden", "mehr zum thema", "cerrar", "compartir", "buscar", "suscríbete", "lee también",
    ]

    /// Prefixes of social and promotion lines ("Follow us on …", "Share on …").
    static let interfacePrefixes = [
        "follow us", "join us on", "share on", "share this", "sign up for", "subscribe to", "click here",
        "read more:", "read more at", "related:", "see also:", "also read:", "download the", "get the app",
        "this article was", "listen to this", "keep reading", "watch:", "advertisement", "more from ",
        "recommended:", "most read", "you may also like", "sponsored content", "sign up for our", "your subscription has been",
        "this newsletter may contain", "by clicking", "by signing up", "by subscribing",
    ]

    static func isInterface(_ line: String) -> Bool {
        if line.utf8.count > 600 { return false }
        var key = line.lowercased()
        while let last = key.last, "!:.|>»›→·•*-–—".contains(last) || last == " " { key.removeLast() }
        while let f = key.first, "<«‹←·•*-–— ".contains(f) { key.removeFirst() }
        if key.isEmpty { return true }
        // Player clocks and counters: "00:00:00", "1/12".
        if key.count <= 12, key.allSatisfy({ $0.isNumber || $0 == ":" || $0 == "/" || $0 == " " }) { return true }
        if interfaceStrings.contains(key) { return true }
        // Identifier-like widget names: "bar_progress", "btn-top".
        if !key.has(" "), key.has("_"), key.count < 40, key.allSatisfy({ $0.isASCII }) { return true }
        if key.count < 60 { for p in interfacePrefixes where key.hasPrefix(p) { return true } }
        // Sign-up pitches run longer than menu items.
        if key.count < 200 {
            for p in ["sign up for our", "subscribe to our", "your subscription has been", "this newsletter may contain", "thanks for signing up",
                      "people are also reading", "get the latest", "don't miss out", "download our app"] where key.hasPrefix(p) {
                return true
            }
        }
        // A player's note on which browser to use: "Please use Chrome browser for a more accessible video player".
        if key.count < 160, key.hasPrefix("please use") || key.hasPrefix("please switch to") || key.hasPrefix("for the best experience"),
            key.has("browser")
        {
            return true
        }
        // Newsletter pitches: "Want to keep up with breaking news? Subscribe to our email newsletter."
        if key.count < 200, key.has("newsletter"), key.has("subscribe") || key.has("sign up") { return true }
        // The legal small print under a sign-up box.
        if key.count < 400, key.has("privacy policy"), key.has("subscrib") || key.has("sign up") || key.has("signing up") { return true }
        // A promoted link card: "Related With every automaker that builds trucks…".
        if key.count < 400, line.hasPrefix("Related "), let next = line.dropFirst(8).first, next.isUppercase { return true }
        // Breadcrumbs: "Politics › Diplomacy", "Home > World > Asia".
        for sep in [" › ", " » ", " > ", " / "] where key.has(sep) && key.count < 80 {
            let parts = key.components(separatedBy: sep)
            if parts.allSatisfy({ $0.split(separator: " ").count <= 3 }) { return true }
        }
        // A run of menu items: "Home | World | Business".
        if key.has(" | ") && !key.has(".") && key.split(separator: "|").allSatisfy({ $0.split(separator: " ").count <= 3 }) { return true }
        return false
    }

    /// Outlet named by a copyright footer, and whether the line is one.
    static func copyrightSource(_ line: String) -> (isFooter: Bool, source: String?) {
        if line.utf8.count > 1200 { return (false, nil) }
        let lower = line.lowercased()
        let isFooter = line.has("©") || line.has("ⓒ") || lower.hasPrefix("copyright") || lower.has("all rights reserved")
            || lower.hasPrefix("(c) ") || line.has("무단전재") || line.has("무단 전재") || line.has("저작권자")
            || line.has("無断転載")
        guard isFooter, line.count < 300 else { return (false, nil) }
        var s = line
        for marker in ["©", "ⓒ", "Copyright", "COPYRIGHT", "copyright", "(c)", "(C)", "저작권자"] {
            if let r = s.range(of: marker) { s = String(s[r.upperBound...]) }
        }
        // Drop years, "All rights reserved", parenthesised URLs and trailing punctuation.
        if let r = s.range(of: "all rights reserved", options: .caseInsensitive) { s = String(s[..<r.lowerBound]) }
        if let r = s.range(of: "(") { s = String(s[..<r.lowerBound]) }
        if let r = s.range(of: "무단") { s = String(s[..<r.lowerBound]) }
        var words = s.split(separator: " ").map(String.init)
        while let f = words.first, f.allSatisfy({ $0.isNumber || $0 == "-" || $0 == "–" || $0 == "," }) { words.removeFirst() }
        // "The Gulf Courier. Distributed by ...": the outlet ends with its sentence,
        // unless the period ends an abbreviation ("Dow Jones & Co. Inc").
        var kept: [String] = []
        for w in words {
            kept.append(w)
            let bare = w.dropLast().lowercased()
            if w.hasSuffix("."), bare.count > 1, !["co", "inc", "ltd", "corp", "llc", "plc", "bros"].contains(bare),
               !SentenceSplitter.abbreviations.contains(String(bare)), !bare.contains(".") {
                break
            }
        }
        var name = kept.joined(separator: " ")
        while let l = name.last, ".,;:-–—|".contains(l) || l == " " { name.removeLast() }
        if name.lowercased().hasPrefix("www.") || name.isEmpty || name.count > 80 { return (true, nil) }
        return (true, name)
    }

    /// An author's contact line: "Jane Doe can be reached at jane@example.com."
    static func isContactLine(_ line: String) -> Bool {
        guard line.utf8.count < 400, let at = line.firstIndex(of: "@"), line[at...].contains(".") else { return false }
        let lower = line.lowercased()
        return lower.has("reached at") || lower.has("email") || lower.has("e-mail") || lower.has("contact") || lower.has("follow")
            || lower.has("write to")
    }

    /// Credit markers that make a line a caption.
    static func isCaption(_ line: String, title: String?) -> Bool {
        if line.utf8.count > 2000 { return false }
        let lower = line.lowercased()
        if line.hasSuffix("]") || line.hasSuffix(")") {
            for marker in ["[image source", "[photo", "[사진", "(사진", "[image", "(photo=", "(photo:", "[ⓒ", "(ap photo", "(reuters", "(afp", "[reuters", "[afp", "[ap", "[yonhap", "[getty", "(getty", "(epa", "[epa", "/yonhap)", "/ap)", "/reuters)"] where lower.contains(marker) {
                if let open = lower.range(of: marker), lower.distance(from: open.lowerBound, to: lower.endIndex) < 120 { return true }
            }
        }
        // "… Credit: Antony Jones/Getty Images"
        if lower.has("credit: "), line.count < 300, let r = lower.range(of: "credit: ", options: .backwards), lower.distance(from: r.lowerBound, to: lower.endIndex) < 90 { return true }
        for prefix in ["photo:", "photo by", "image:", "picture:", "caption:", "credit:", "photo credit", "image credit", "(photo=", "[photo=", "▲", "△", "사진=", "【写真】", "写真:", "写真＝"] where lower.hasPrefix(prefix) {
            return true
        }
        if let t = title, t.count > 20, line.count > t.count + 10, line.hasPrefix(t) { return true }
        if line.count < 250, lower.hasSuffix("getty images") || lower.hasSuffix("/ reuters") || lower.hasSuffix("/ afp") || lower.hasSuffix("photo: ap") { return true }
        return false
    }

    static func bylineNames(_ line: String) -> [String]? {
        guard line.utf8.count < 480, line.count < 120 else { return nil }
        let lower = line.lowercased()
        guard lower.hasPrefix("by ") || lower.hasPrefix("written by ") || lower.hasPrefix("reporter ") || lower.hasPrefix("author:") || lower.hasPrefix("authors:") else { return nil }
        var head = line
        // "By Jane Doe, Reuters | Published July 28, 2024": keep the part before a date marker.
        for sep in [" | ", " - ", " — ", " – ", "Published", "Updated", "Posted"] {
            if let r = head.range(of: sep), r.lowerBound > head.startIndex { head = String(head[..<r.lowerBound]) }
        }
        let names = Bylines.splitNames(head)
        return names.isEmpty ? nil : names
    }

    static func dateLine(_ line: String) -> DateNormalizer.Found? {
        guard line.utf8.count < 480, line.count < 120 else { return nil }
        let lower = line.lowercased()
        let markers = ["published", "updated", "posted", "date:", "input", "입력", "수정", "last modified", "公開", "更新"]
        let marked = markers.contains { lower.hasPrefix($0) } || lower.has(" | published")
        guard let found = DateNormalizer.find(line) else { return nil }
        // A bare date line, or a marked one.
        if marked || line.split(separator: " ").count <= 8 { return found }
        return nil
    }

    /// Sentence punctuation at the end means prose rather than a headline.
    static func endsLikeSentence(_ s: String) -> Bool {
        guard let l = s.last else { return false }
        if ".!?…。:;".contains(l) { return true }
        if "\"”’'".contains(l) {
            let body = s.dropLast()
            if let p = body.last, ".!?,".contains(p) { return true }
        }
        return false
    }

    static func isHeadlineLike(_ s: String) -> Bool {
        if s.utf8.count > 1000 { return false }
        let words = s.split(separator: " ").count
        guard words <= 30, s.count <= 250 else { return false }
        if !endsLikeSentence(s) { return true }
        // Headlines may ask or exclaim: "Is Japan Ready for a Joint Command?"
        if let l = s.last, l == "?" || l == "!", words <= 16 { return true }
        return false
    }

    static func isProse(_ s: String) -> Bool {
        if s.utf8.count > 1000 { return true }
        let words = s.split(separator: " ").count
        return (words >= 12 && endsLikeSentence(s)) || words >= 40
    }

    struct Result {
        var title: String?
        var subtitle: [String] = []
        var source: String?
        var authors: [String] = []
        var date: DateNormalizer.Found?
        var rawDate: String?
        var paragraphs: [String] = []
        var captions: [String] = []
    }

    /// Splits text into units: one per line, except that hard-wrapped prose
    /// (consecutive long lines) is joined back into one paragraph.
    static func units(_ text: String, markdown: Bool) -> [String] {
        var units: [String] = []
        var block: [String] = []
        func flush() {
            guard !block.isEmpty else { return }
            let long = block.filter { $0.count >= 50 }.count
            if block.count > 1, long * 2 >= block.count, !block.allSatisfy(endsLikeSentence), !block.allSatisfy({ isHeadlineLike($0) && $0.count < 70 }) {
                // Join wrapped lines; a line that ends a sentence and is short starts a new unit.
                var cur = ""
                for l in block {
                    cur += cur.isEmpty ? l : " " + l
                    if endsLikeSentence(l), l.count < 45 { units.append(cur); cur = "" }
                }
                if !cur.isEmpty { units.append(cur) }
            } else {
                units.append(contentsOf: block)
            }
            block.removeAll()
        }
        for raw in text.split(separator: "\n", omittingEmptySubsequences: false) {
            var line = TextShape.collapse(raw)
            if markdown { line = Markdown.strip(line) }
            if line.isEmpty { flush() } else { block.append(line) }
        }
        flush()
        return units
    }

    static func extract(_ text: String, markdown: Bool) -> Result {
        var r = Result()
        let all = units(text, markdown: markdown)
        enum Kind { case content, caption }
        var kept: [(String, Kind)] = []
        var footerSeen = false
        for u in all {
            if isInterface(u) { continue }
            let (isFooter, src) = copyrightSource(u)
            if isFooter {
                if r.source == nil { r.source = src }
                footerSeen = true
                continue
            }
            if footerSeen && !isProse(u) { continue }
            if r.authors.isEmpty, let names = bylineNames(u) {
                r.authors = names
                if r.date == nil, let d = DateNormalizer.find(u) { r.date = d; r.rawDate = u }
                continue
            }
            if r.date == nil, !isProse(u), let d = dateLine(u) { r.date = d; r.rawDate = u; continue }
            if markdown, u.hasPrefix("\u{1}caption ") { kept.append((String(u.dropFirst(9)), .caption)); continue }
            kept.append((u, .content))
        }
        // Title: first headline-like unit before the first prose unit (markdown "# " wins).
        let firstProse = kept.firstIndex { $0.1 == .content && isProse($0.0) } ?? kept.count
        var titleIndex: Int?
        for (i, (u, kind)) in kept.enumerated() where i < firstProse && kind == .content {
            if u.hasPrefix("\u{1}h1 ") { titleIndex = i; break }
        }
        // The first headline-like line of three words or more ("World News" above it is a section label).
        for minWords in [3, 1] where titleIndex == nil {
            for (i, (u, kind)) in kept.enumerated() where i < firstProse && kind == .content && !isCaption(u, title: nil) {
                if isHeadlineLike(u), u.count >= 8, u.split(separator: " ").count >= minWords { titleIndex = i; break }
            }
        }
        var body: [String] = []
        var subtitleOpen = true
        for (i, (u0, kind)) in kept.enumerated() {
            let u = u0.hasPrefix("\u{1}h") ? String(u0.dropFirst(4)) : u0
            if i == titleIndex { r.title = u; continue }
            if let ti = titleIndex, i < ti { continue }  // kicker or leftover navigation above the headline
            if kind == .caption || isCaption(u, title: r.title) {
                var cap = u
                if let t = r.title, cap.hasPrefix(t), cap.count > t.count + 10 {
                    cap = TextShape.collapse(cap.dropFirst(t.count))
                }
                r.captions.append(cap)
                continue
            }
            if titleIndex != nil, subtitleOpen, i < firstProse, isHeadlineLike(u) {
                r.subtitle.append(u)
                continue
            }
            subtitleOpen = false
            body.append(u)
        }
        // Short lines after the last prose paragraph are page furniture.
        if let lastProse = body.lastIndex(where: isProse) {
            body = Array(body[...lastProse])
        }
        r.paragraphs = body
        return r
    }
}

/// Minimal Markdown clean-up for `.md` articles: headings, emphasis, links, images.
enum Markdown {
    /// Returns the line without Markdown syntax; headings become "\u{1}hN text",
    /// image lines "\u{1}caption alt-text".
    static func strip(_ line: String) -> String {
        var s = line
        if s.hasPrefix("#") {
            let level = s.prefix(while: { $0 == "#" }).count
            s = String(s.dropFirst(level)).trimmingCharacters(in: .whitespaces)
            while s.hasSuffix("#") { s.removeLast() }
            return "\u{1}h\(min(level, 6)) " + inline(s.trimmingCharacters(in: .whitespaces))
        }
        if s.hasPrefix("!["), let close = s.range(of: "](") {
            let alt = s[s.index(s.startIndex, offsetBy: 2)..<close.lowerBound]
            return alt.isEmpty ? "" : "\u{1}caption " + alt
        }
        if s.hasPrefix("> ") { s = String(s.dropFirst(2)) }
        if s.hasPrefix("- ") || s.hasPrefix("* ") || s.hasPrefix("+ ") { s = String(s.dropFirst(2)) }
        if s == "---" || s == "***" || s == "___" { return "" }
        return inline(s)
    }

    /// Removes emphasis markers and keeps link text.
    static func inline(_ s: String) -> String {
        guard s.has("*") || s.has("[") || s.has("_") || s.has("`") else { return s }
        var out = ""
        var i = s.startIndex
        while i < s.endIndex {
            let c = s[i]
            if c == "[", let close = s[i...].firstIndex(of: "]"), s.index(after: close) < s.endIndex, s[s.index(after: close)] == "(",
                let paren = s[close...].firstIndex(of: ")")
            {
                out += s[s.index(after: i)..<close]
                i = s.index(after: paren)
                continue
            }
            if c == "*" || c == "`" || (c == "_" && (i == s.startIndex || s[s.index(before: i)] == " " || s.index(after: i) == s.endIndex || s[s.index(after: i)] == " ")) {
                i = s.index(after: i)
                continue
            }
            out.append(c)
            i = s.index(after: i)
        }
        return out
    }
}
