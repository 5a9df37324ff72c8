/// Reading author names out of bylines ("By Jane Doe and John Roe, Reuters").
enum Bylines {
    /// Words that are roles or outlets rather than parts of a name.
    static let nonNameWords: Set<String> = [
        "staff", "writer", "reporter", "correspondent", "editor", "contributor", "senior", "associated",
        "press", "reuters", "afp", "ap", "the", "news", "desk", "team", "updated", "published", "posted",
        "photographer", "columnist", "analyst", "opinion", "for", "special", "to", "bureau", "chief",
    ]

    /// Words that make a byline a role rather than a person ("Guardian staff reporter").
    static let roleWords: Set<String> = [
        "staff", "correspondent", "reporter", "desk", "team", "editors", "newsroom", "contributors", "bureau", "staffer",
        "writer", "columnist", "contributing", "contributor", "editor", "producer", "photographer", "opinion",
    ]

    /// Words that mark an organisation rather than a person ("Bleacher Report", "The Daily Journal").
    static let organisationWords: Set<String> = [
        "news", "press", "report", "times", "post", "journal", "daily", "media", "agency", "network", "magazine",
        "tribune", "herald", "gazette", "wire", "service", "online", "radio", "tv", "channel", "inc", "ltd", "group",
    ]

    static func looksLikeOrganisation(_ name: String) -> Bool {
        name.split(separator: " ").contains { organisationWords.contains($0.lowercased()) }
    }

    /// Splits a byline into names: strips "By", splits on commas, "and", "&", "|".
    static func splitNames(_ raw: String) -> [String] {
        var s = TextShape.collapse(raw)
        for prefix in ["By ", "by ", "BY ", "Written by ", "Words by ", "Author: ", "Authors: ", "Reporter "] where s.hasPrefix(prefix) {
            s = String(s.dropFirst(prefix.count))
        }
        var parts: [String] = []
        for chunk in s.split(whereSeparator: { $0 == "," || $0 == "|" || $0 == ";" || $0 == "&" || $0 == "·" || $0 == "/" }) {
            let sub = chunk.replacingOccurrences(of: " and ", with: "\u{1}").replacingOccurrences(of: " And ", with: "\u{1}")
            for p in sub.split(separator: "\u{1}") {
                var name = TextShape.collapse(p)
                if name.hasPrefix("and ") { name = String(name.dropFirst(4)) }
                if name.hasPrefix("By ") { name = String(name.dropFirst(3)) }
                if looksLikeName(name) { parts.append(name) }
            }
        }
        var seen = Set<String>()
        return parts.filter { seen.insert($0.lowercased()).inserted }
    }

    /// A name has 1–5 words, starts upper-case, holds no digits or '@', and is not a role.
    static func looksLikeName(_ s: String) -> Bool {
        let words = s.split(separator: " ")
        guard (1...5).contains(words.count), s.count <= 60 else { return false }
        guard let f = s.unicodeScalars.first, !f.properties.isLowercase, f.properties.isAlphabetic else { return false }
        if s.contains(where: { $0.isNumber || $0 == "@" || $0 == ":" || $0 == "(" }) { return false }
        if words.allSatisfy({ nonNameWords.contains($0.lowercased()) }) { return false }
        if words.contains(where: { roleWords.contains($0.lowercased()) }) { return false }
        if words.count == 1, s.count < 3 { return false }
        return true
    }

    /// A name without the role after it: "Will Macmaster Editor" → "Will Macmaster",
    /// "Aleksandar Stevanovic Senior Writer" → "Aleksandar Stevanovic".
    static func dropRole(_ s: String) -> String {
        let words = TextShape.collapse(s).split(separator: " ")
        let name = words.prefix { !roleWords.contains($0.lowercased()) && !nonNameWords.contains($0.lowercased()) }
        return name.joined(separator: " ")
    }
}
