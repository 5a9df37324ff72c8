import Foundation
import NQL

/// The possible completions of the word before the cursor.
struct Completion: Equatable {
    /// The part of the word already typed; every candidate starts with it.
    var typed: String
    /// Whole words that may replace `typed`.
    var candidates: [String]
    /// How each candidate is listed (a file name without its folder).
    var display: [String]

    /// Nothing to offer.
    static let none = Completion(typed: "", candidates: [], display: [])

    init(typed: String, candidates: [String], display: [String]? = nil) {
        let sorted = Array(Set(candidates)).sorted()
        self.typed = typed
        self.candidates = sorted
        self.display = display.map { Array(Set($0)).sorted() } ?? sorted
    }

    /// What to insert at the cursor: the candidates' common prefix past `typed`.
    var insertion: String {
        guard var common = candidates.first else { return "" }
        for c in candidates.dropFirst() {
            common = String(zip(common.unicodeScalars, c.unicodeScalars).prefix { $0 == $1 }.map { Character($0.0) })
        }
        guard common.hasPrefix(typed), common.unicodeScalars.count > typed.unicodeScalars.count else { return "" }
        return String(String.UnicodeScalarView(common.unicodeScalars.dropFirst(typed.unicodeScalars.count)))
    }

    /// Words laid out in columns across `width` terminal columns, ending with a newline.
    static func columns(_ words: [String], width: Int) -> String {
        guard !words.isEmpty else { return "" }
        let cell = (words.map { DisplayWidth.of($0) }.max() ?? 0) + 2
        let perRow = max(1, width / cell)
        let rows = (words.count + perRow - 1) / perRow
        var out = ""
        for r in 0..<rows {
            var line = ""
            for c in 0..<perRow {
                let i = c * rows + r
                guard i < words.count else { break }
                let w = words[i]
                line += w
                if (c + 1) * rows + r < words.count {
                    line += String(repeating: " ", count: cell - DisplayWidth.of(w))
                }
            }
            out += line + "\n"
        }
        return out
    }
}

/// Context-aware completion, drawn from the same registry that dispatches
/// calls and prints `:help`: built-ins, keywords, variables in scope, record
/// fields after `name.`, meta-commands after `:`, and file paths inside
/// `load("...`.
struct Completer {
    /// The built-ins.
    var registry: Registry
    /// The session's global bindings (read only: completing never evaluates anything).
    var globals: [String: Value]
    /// The directory relative paths are resolved against.
    var currentDirectory: String
    /// The home directory, for `~/`.
    var home: String? = ProcessInfo.processInfo.environment["HOME"]
    /// The meta-commands.
    var commands: [MetaCommand] = MetaCommand.all

    /// Completions for the text before the cursor on the current line;
    /// `continuing` says earlier lines of the statement are pending.
    func complete(_ before: String, continuing: Bool = false) -> Completion {
        if !continuing, let command = before.drop(while: { $0 == " " || $0 == "\t" }).first, command == ":" {
            return completeCommand(String(before.drop(while: { $0 == " " || $0 == "\t" }).dropFirst()))
        }
        let scan = Scan(before)
        switch scan.state {
        case .comment:
            return .none
        case .string(let content, let tokensBefore):
            // Paths inside the first argument of a built-in that reads a file there (load, corpus).
            guard tokensBefore.count >= 2, tokensBefore.last == .punct("("), case .name(let callee) = tokensBefore[tokensBefore.count - 2],
                  case .read(argument: 0)? = registry.builtin(named: callee)?.fileUse else { return .none }
            return completePath(content, escape: true)
        case .code(let tokens, let word):
            return completeCode(tokens: tokens, word: word, continuing: continuing)
        }
    }

    // MARK: - code

    private static let expressionKeywords: [String] = Keyword.allCases.map(\.rawValue).filter { $0 != "let" }

    private func completeCode(tokens: [Scan.Token], word: String, continuing: Bool) -> Completion {
        let previous = tokens.last
        if previous == .punct(".") {
            // `a.b.ti`: walk the global's value through record fields.
            var chain: [String] = []
            var k = tokens.count - 1
            while k >= 1, tokens[k] == .punct("."), case .name(let n) = tokens[k - 1] {
                chain.insert(n, at: 0)
                k -= 2
                if k >= 0, tokens[k] == .punct(".") { continue }
                break
            }
            if chain.isEmpty {
                // `.ti` inside `wires | where(.ti`: the current element is one of the pipeline's input.
                chain = Completer.pipelineSource(tokens)
            }
            guard let root = chain.first, var value = globals[root] else { return .none }
            for field in chain.dropFirst() {
                guard let next = Completer.field(field, of: value) else { return .none }
                value = next
            }
            return Completion(typed: word, candidates: Completer.fieldNames(of: value).filter { $0.hasPrefix(word) })
        }
        if case .keyword("let") = previous { return .none }
        var names: [String]
        if previous == .punct("|") {
            // After a pipe comes a function: a built-in or a variable holding one.
            names = registry.names + globals.compactMap { name, value in
                if case .function = value { return name } else { return nil }
            }
        } else {
            names = registry.names + Array(globals.keys) + Completer.expressionKeywords
            let statementStart = !continuing && (previous == nil || previous == .punct(";"))
            if statementStart { names.append("let") }
            // An argument of a built-in may be one of its labelled options: `sort(xs, desc: true)`.
            if previous == .punct("(") || previous == .punct(","), let callee = Completer.enclosingCall(tokens),
               let builtin = registry.builtin(named: callee) {
                names += builtin.options.map { $0 + ":" }
            }
        }
        guard !word.isEmpty || previous != nil else { return .none }
        return Completion(typed: word, candidates: names.filter { $0.hasPrefix(word) })
    }

    /// The function whose argument list the tokens end inside: `sort` in `xs | sort(.n, `.
    static func enclosingCall(_ tokens: [Scan.Token]) -> String? {
        var depth = 0
        for k in tokens.indices.reversed() {
            switch tokens[k] {
            case .punct(")"), .punct("]"), .punct("}"): depth += 1
            case .punct("["), .punct("{"):
                if depth == 0 { return nil }
                depth -= 1
            case .punct("("):
                if depth == 0 {
                    if k > 0, case .name(let callee) = tokens[k - 1] { return callee }
                    return nil
                }
                depth -= 1
            default: break
            }
        }
        return nil
    }

    /// `name.field` in `[let x =] name.field | ...`: the variable a pipeline starts from.
    static func pipelineSource(_ tokens: [Scan.Token]) -> [String] {
        var statement = tokens[...]
        if let semicolon = statement.lastIndex(of: .punct(";")) { statement = statement[(semicolon + 1)...] }
        if statement.first == .keyword("let") { statement = statement.dropFirst(3) }
        var chain: [String] = []
        var rest = statement
        while case .name(let n)? = rest.first {
            chain.append(n)
            rest = rest.dropFirst()
            guard rest.first == .punct(".") else { break }
            rest = rest.dropFirst()
        }
        return rest.first == .punct("|") ? chain : []
    }

    private static func field(_ name: String, of value: Value) -> Value? {
        switch value {
        case .record(let r): return r[name]
        case .list(let xs):
            guard let first = xs.first else { return nil }
            return field(name, of: first)
        default: return nil
        }
    }

    /// A record's keys; for a list of records, the first record's keys; for a stream whose source knows its
    /// elements' fields (a corpus variable), those, without reading an element.
    static func fieldNames(of value: Value) -> [String] {
        switch value {
        case .record(let r): return r.keys
        case .list(let xs):
            if let first = xs.first, case .record(let r) = first { return r.keys }
            return []
        case .stream(let s): return (s.plan?.elementFields ?? []).sorted()
        default: return []
        }
    }

    // MARK: - meta-commands

    private func completeCommand(_ text: String) -> Completion {
        guard let space = text.firstIndex(where: { $0 == " " || $0 == "\t" }) else {
            let names = commands.map(\.name).filter { $0.hasPrefix(text) }
            return Completion(typed: text, candidates: names)
        }
        let name = String(text[..<space])
        let argument = String(text[text.index(after: space)...].drop { $0 == " " || $0 == "\t" })
        guard let command = commands.first(where: { $0.name == name }) else { return .none }
        switch command.argument {
        case .none: return .none
        case .words(let words): return Completion(typed: argument, candidates: words.filter { $0.hasPrefix(argument) })
        case .builtin:
            let names = registry.names + commands.map { ":" + $0.name }
            return Completion(typed: argument, candidates: names.filter { $0.hasPrefix(argument) })
        case .path: return completePath(argument, escape: false)
        }
    }

    // MARK: - paths

    /// Files and folders whose path starts with `typed` (folders end in `/`).
    /// Inside an NQL string, `typed` is the raw literal text and candidates are escaped.
    func completePath(_ typed: String, escape: Bool) -> Completion {
        if escape && typed.contains("${") { return .none }
        let path = escape ? Completer.unescape(typed) : typed
        let folderPart: String, base: String
        if let slash = path.lastIndex(of: "/") {
            folderPart = String(path[...slash])
            base = String(path[path.index(after: slash)...])
        } else {
            (folderPart, base) = ("", path)
        }
        var folder = folderPart
        if folder.hasPrefix("~/"), let home { folder = home + folder.dropFirst(1) }
        if folder.isEmpty { folder = currentDirectory } else if !folder.hasPrefix("/") {
            folder = currentDirectory + "/" + folder
        }
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder) else { return .none }
        var candidates: [String] = [], display: [String] = []
        for name in names where name.hasPrefix(base) && (base.hasPrefix(".") || !name.hasPrefix(".")) {
            var isDirectory: ObjCBool = false
            _ = FileManager.default.fileExists(atPath: folder + "/" + name, isDirectory: &isDirectory)
            let shown = name + (isDirectory.boolValue ? "/" : "")
            let full = folderPart + shown
            candidates.append(escape ? Completer.escapeRaw(typedFolder: typed, folderPart: folderPart, rest: shown) : full)
            display.append(shown)
        }
        return Completion(typed: typed, candidates: candidates, display: display)
    }

    /// The candidate as literal text: what was typed for the folder, then the escaped rest.
    private static func escapeRaw(typedFolder typed: String, folderPart: String, rest: String) -> String {
        // The typed text ends with the escaped form of the base; keep the folder exactly as typed.
        let rawFolder: String
        if let slash = typed.lastIndex(of: "/") { rawFolder = String(typed[...slash]) } else { rawFolder = "" }
        return rawFolder + escape(rest)
    }

    static func escape(_ s: String) -> String {
        var out = ""
        for ch in s {
            switch ch {
            case "\\": out += "\\\\"
            case "\"": out += "\\\""
            case "$": out += "\\$"
            default: out.append(ch)
            }
        }
        return out
    }

    static func unescape(_ s: String) -> String {
        var out = ""
        var escaped = false
        for ch in s {
            if escaped {
                out.append(ch)
                escaped = false
            } else if ch == "\\" {
                escaped = true
            } else {
                out.append(ch)
            }
        }
        return out
    }
}

/// A rough scan of the text before the cursor: enough tokens to tell where
/// the cursor is (in code, a string or a comment) and what precedes the word.
struct Scan {
    enum Token: Equatable {
        case name(String)
        case keyword(String)
        case punct(String)
        case string
        case other
    }

    enum State: Equatable {
        /// In code: the tokens before the word being typed, and the word.
        case code([Token], word: String)
        /// Inside a string literal: its text so far, and the tokens before it.
        case string(String, tokensBefore: [Token])
        case comment
    }

    let state: State

    init(_ text: String) {
        let s = Array(text.unicodeScalars)
        var tokens: [Token] = []
        var i = 0
        func isNameStart(_ c: Unicode.Scalar) -> Bool {
            (c >= "a" && c <= "z") || (c >= "A" && c <= "Z") || c == "_" || c.value >= 0x80
        }
        func isNameChar(_ c: Unicode.Scalar) -> Bool { isNameStart(c) || (c >= "0" && c <= "9") }
        while i < s.count {
            let c = s[i]
            if c == " " || c == "\t" || c == "\n" || c == "\r" {
                i += 1
            } else if c == "#" {
                state = .comment
                return
            } else if c == "\"" {
                let start = i + 1
                var j = start
                var closed = false
                while j < s.count {
                    if s[j] == "\\" { j += 2; continue }
                    if s[j] == "\"" { closed = true; break }
                    j += 1
                }
                if !closed {
                    let content = String(String.UnicodeScalarView(s[start..<min(j, s.count)]))
                    state = .string(content, tokensBefore: tokens)
                    return
                }
                tokens.append(.string)
                i = j + 1
            } else if isNameStart(c) {
                let start = i
                while i < s.count, isNameChar(s[i]) { i += 1 }
                let word = String(String.UnicodeScalarView(s[start..<i]))
                if i == s.count {
                    state = .code(tokens, word: word)
                    return
                }
                tokens.append(Keyword(rawValue: word) != nil ? .keyword(word) : .name(word))
            } else if c >= "0" && c <= "9" || c == "@" {
                // A number or a date: `1.5`, `@2024-07-28`.
                i += 1
                while i < s.count, isNameChar(s[i]) || s[i] == "." || s[i] == "-" { i += 1 }
                tokens.append(.other)
            } else {
                let two = i + 1 < s.count ? String(String.UnicodeScalarView([c, s[i + 1]])) : ""
                if ["->", "==", "!=", "<=", ">="].contains(two) {
                    tokens.append(.punct(two))
                    i += 2
                } else {
                    tokens.append(.punct(String(c)))
                    i += 1
                }
            }
        }
        state = .code(tokens, word: "")
    }
}
