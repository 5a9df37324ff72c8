/// What a history file may hold before libedit is asked to read it.
///
/// libedit's own reader (`H_LOAD`) decodes each line's escapes in place and has
/// overrun its buffer on a crafted line (raw bytes after a backslash, found by
/// `Scripts/fuzz history`: raw bytes after a backslash, then an unknown escape
/// such as `\xt`). Everything libedit writes is printable text: control
/// characters and white space are escaped with `strvis`'s forms, other text is
/// UTF-8. So a file with anything else was not written by a prompt and is not
/// read: history is off for that session.
public enum HistoryText {
    /// Files larger than this are not read as a history.
    public static let maxBytes = 64 << 20

    /// Whether `bytes` are a history libedit may read: valid UTF-8, no control
    /// characters but the line ends, every backslash one of `strvis`'s escapes,
    /// and not larger than `maxBytes`.
    public static func isLoadable(_ bytes: [UInt8]) -> Bool {
        guard bytes.count <= maxBytes else { return false }
        guard !bytes.contains(where: { ($0 < 0x20 && $0 != 0x0A) || $0 == 0x7F }) else { return false }
        guard String(validating: bytes, as: UTF8.self) != nil else { return false }
        var i = 0
        while i < bytes.count {
            if bytes[i] == UInt8(ascii: "\\") {
                guard let length = escapeLength(bytes, at: i) else { return false }
                i += length
            } else {
                i += 1
            }
        }
        return true
    }

    /// The length of the `strvis` escape that starts at `start` (a backslash):
    /// `\\`, `\ooo`, `\^X`, `\M-X` or `\M^X`; nil for anything else.
    static func escapeLength(_ bytes: [UInt8], at start: Int) -> Int? {
        func byte(_ offset: Int) -> UInt8? { start + offset < bytes.count ? bytes[start + offset] : nil }
        let control: ClosedRange<UInt8> = 0x3F...0x5F      // `@`…`_` for 0x00…0x1F, `?` for DEL
        let graphic: ClosedRange<UInt8> = 0x21...0x7E
        let octal: ClosedRange<UInt8> = UInt8(ascii: "0")...UInt8(ascii: "7")
        switch byte(1) {
        case UInt8(ascii: "\\"):
            return 2
        case let first? where (UInt8(ascii: "0")...UInt8(ascii: "3")).contains(first):
            guard let second = byte(2), octal.contains(second), let third = byte(3), octal.contains(third) else { return nil }
            return 4
        case UInt8(ascii: "^"):
            guard let c = byte(2), control.contains(c) else { return nil }
            return 3
        case UInt8(ascii: "M"):
            switch byte(2) {
            case UInt8(ascii: "-"): guard let c = byte(3), graphic.contains(c) else { return nil }
            case UInt8(ascii: "^"): guard let c = byte(3), control.contains(c) else { return nil }
            default: return nil
            }
            return 4
        default:
            return nil
        }
    }
}
