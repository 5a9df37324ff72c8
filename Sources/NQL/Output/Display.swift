/// What the output is shown on, for built-ins that draw (`chart`, `show`):
/// how wide it is, whether it takes colour, and whether a person is at a prompt.
public struct Display: Sendable, Equatable {
    /// Columns to fit drawings to (the terminal's width, else 80).
    public var width: Int
    /// Whether ANSI colours may be used.
    public var color: Bool
    /// Whether a person is reading at an interactive prompt (notes such as
    /// "saved to …" go to stderr only then).
    public var interactive: Bool

    /// Creates display settings; the defaults suit a file or a pipe.
    public init(width: Int = 80, color: Bool = false, interactive: Bool = false) {
        self.width = width
        self.color = color
        self.interactive = interactive
    }
}
