// Text from data (titles, file names, a script's own lines) can carry
// terminal control sequences: ESC ] 0 ; ... BEL retitles the window, other
// sequences move the cursor or rewrite what was printed before. Before such
// text reaches a terminal or a diagnostic, every control character is shown
// as a visible escape instead.

extension String {
    /// Control characters (C0 except tab and newline, DEL, C1) shown as `\u{1b}`;
    /// the same string when there are none (the usual case, checked on bytes).
    public func escapingControlCharacters(keepNewlines: Bool = true) -> String {
        let needs = utf8.contains { b in
            (b < 0x20 && b != 0x09 && !(keepNewlines && b == 0x0A)) || b == 0x7F || b == 0xC2
        }
        guard needs else { return self }
        var out = ""
        out.reserveCapacity(utf8.count + 8)
        for scalar in unicodeScalars {
            let v = scalar.value
            let isControl = (v < 0x20 && v != 0x09 && !(keepNewlines && v == 0x0A)) || (0x7F...0x9F).contains(v)
            if isControl {
                out += "\\u{" + String(v, radix: 16) + "}"
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}
