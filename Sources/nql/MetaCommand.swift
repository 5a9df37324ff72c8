import NQL

/// A command typed at the prompt after `:`, such as `:help` or `:save FILE`.
/// This table drives dispatch, `:help` and completion.
struct MetaCommand: Sendable {
    /// What the argument is, for completion.
    enum Argument: Sendable {
        case none
        case words([String])
        case builtin
        case path
    }

    /// The name after the colon.
    let name: String
    /// How it is written, e.g. `:timer on|off`.
    let usage: String
    /// One-line help.
    let summary: String
    /// What its argument completes to.
    let argument: Argument

    static let all: [MetaCommand] = [
        MetaCommand(name: "help", usage: ":help [NAME]", summary: "list the built-ins, or show one built-in's signature and example",
                    argument: .builtin),
        MetaCommand(name: "vars", usage: ":vars", summary: "the variables in scope, with their types and values", argument: .none),
        MetaCommand(name: "format", usage: ":format " + OutputFormat.allCases.map(\.rawValue).joined(separator: "|"),
                    summary: "how results are printed", argument: .words(OutputFormat.allCases.map(\.rawValue))),
        MetaCommand(name: "timer", usage: ":timer on|off", summary: "print the wall time each statement took",
                    argument: .words(["on", "off"])),
        MetaCommand(name: "rows", usage: ":rows N|all", summary: "how many rows or elements a result shows (default 1000 through the pager, 20 without)",
                    argument: .words(["all"])),
        MetaCommand(name: "pager", usage: ":pager on|off", summary: "page results taller than the terminal through $PAGER (default less -FRSX)",
                    argument: .words(["on", "off"])),
        MetaCommand(name: "echo", usage: ":echo on|off", summary: "print each statement before its output (as nql --echo)",
                    argument: .words(["on", "off"])),
        MetaCommand(name: "load", usage: ":load FILE.nql", summary: "run a script into this session", argument: .path),
        MetaCommand(name: "save", usage: ":save FILE.nql", summary: "write the statements that ran without error as a script",
                    argument: .path),
        MetaCommand(name: "reset", usage: ":reset", summary: "forget every variable and start afresh", argument: .none),
        MetaCommand(name: "quit", usage: ":quit", summary: "leave (so does Ctrl-D on an empty line)", argument: .none),
    ]

    /// The command with this name.
    static func named(_ name: String) -> MetaCommand? { all.first { $0.name == name } }
}
