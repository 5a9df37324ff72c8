/// What a history file may hold before libedit is asked to read it.
///
/// libedit's own reader (`H_LOAD`) decodes each line's escapes in place and has
/// overrun its buffer on a crafted line (raw bytes after a backslash, found by
/// `Scripts/fuzz history`). Everything libedit writes is printable text: control
/// characters are escaped, other text is UTF-8. So a file with anything else was
/// not written by a prompt and is not read: history is off for that session.
public enum HistoryText {
    /// Files larger than this are not read as a history.
    public static let maxBytes = 64 << 20

    /// Whether `bytes` are a history libedit may read: valid UTF-8, no control
    /// characters but the line ends, and not larger than `maxBytes`.
    public static func isLoadable(_ bytes: [UInt8]) -> Bool {
        guard bytes.count <= maxBytes else { return false }
        guard !bytes.contains(where: { ($0 < 0x20 && $0 != 0x0A) || $0 == 0x7F }) else { return false }
        return String(validating: bytes, as: UTF8.self) != nil
    }
}
