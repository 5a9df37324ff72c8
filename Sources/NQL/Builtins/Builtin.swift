/// One built-in function: its name, parameters, help and body. Every
/// built-in lives in a table of these; the same table drives dispatch,
/// `:help` and completion.
public struct Builtin: Sendable {
    /// The name it is called by.
    public let name: String
    /// The help group it is listed under (`lists`, `text`, `articles`, ...).
    public let group: String
    /// Positional parameter names: `x?` is optional, `x...` takes the rest.
    public let params: [String]
    /// Labelled options, written `name: value` in a call.
    public let options: [String]
    /// Whether any label is accepted (`select(name: .title)` names a column).
    public let anyLabels: Bool
    /// One-line help.
    public let summary: String
    /// A short example that runs.
    public let example: String
    /// Longer help shown by `:help NAME` (the fields of a result, say); may be empty.
    public let details: String
    /// How it reads a stream given as its first argument (`Stream.swift`); shown by `:help`.
    public let flow: Flow
    /// How results over split input merge (`nql --partial`, `--merge`; `Partial.swift`); nil when they cannot.
    public let merge: Merge?
    /// The implementation.
    public let body: @Sendable (Arguments) throws -> Value
    /// The file it reads or writes, if any: checked against the session's
    /// `FileAccess` (`--read`, `--write`, `--sandbox`) before the body runs.
    public let fileUse: FileAccess.Use?

    /// Declares a built-in; `params` is written as in its signature, e.g. `"xs, key?"`.
    public init(_ name: String, group: String, params: String, options: [String] = [], anyLabels: Bool = false,
                summary: String, example: String, details: String = "", fileUse: FileAccess.Use? = nil,
                flow: Flow = .collects, merge: Merge? = nil, body: @escaping @Sendable (Arguments) throws -> Value) {
        self.flow = flow
        self.merge = merge
        self.anyLabels = anyLabels
        self.name = name
        self.group = group
        self.params = params.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        self.options = options
        self.summary = summary
        self.example = example
        self.details = details
        self.fileUse = fileUse
        guard let fileUse else {
            self.body = body
            return
        }
        self.body = { a in
            switch fileUse {
            case .read(let i): if case .string(let path) = a[i] { try a.interpreter.fileAccess.checkRead(a.interpreter.absolutePath(path)) }
            case .write(let i): if case .string(let path) = a[i] { try a.interpreter.fileAccess.checkWrite(a.interpreter.absolutePath(path)) }
            }
            return try body(a)
        }
    }

    /// The number of positional arguments it needs.
    public var minArity: Int { params.filter { !$0.hasSuffix("?") && !$0.hasSuffix("...") }.count }

    /// The most positional arguments it takes; nil when it takes any number.
    public var maxArity: Int? { params.last?.hasSuffix("...") == true ? nil : params.count }

    /// `sort(xs, key?, desc: bool)`.
    public var signature: String {
        "\(name)(\((params + options.map { "\($0): ..." }).joined(separator: ", ")))"
    }

    /// Parameter names that take a function; an argument such as `.name` is
    /// made a function only for these (`sort(.count)`), and left to the
    /// enclosing argument for the rest (`filter(contains(.text, "x"))`).
    public static let functionParameterNames: Set<String> = ["f", "predicate", "key", "fields"]

    /// Whether the argument at a position (0 = first) is a function parameter.
    public func takesFunction(at position: Int) -> Bool {
        guard !params.isEmpty else { return false }
        if position >= params.count && maxArity != nil { return false }
        return Builtin.functionParameterNames.contains(paramName(min(position, params.count - 1)))
    }

    /// The name of the i-th parameter, without its `?` or `...`.
    func paramName(_ i: Int) -> String {
        guard !params.isEmpty else { return "argument" }
        let p = params[min(i, params.count - 1)]
        return p.trimmingCharacters(in: CharacterSet(charactersIn: "?."))
    }
}

/// The arguments of one built-in call, with typed accessors that throw
/// clear errors ("sort: argument 2 (key) must be a function, got int").
public struct Arguments {
    /// The built-in being called.
    public let builtin: Builtin
    /// Positional arguments.
    public let values: [Value]
    /// Labelled arguments, in the order written.
    public let labeled: [(String, Value)]
    /// The interpreter, for calling function arguments and printing.
    public let interpreter: Interpreter
    /// Where the call is.
    public let span: Span

    /// The number of positional arguments.
    public var count: Int { values.count }

    /// The i-th argument, or null when not given.
    public subscript(i: Int) -> Value { i < values.count ? values[i] : .null }

    /// Whether the i-th argument was given (and is not null).
    public func has(_ i: Int) -> Bool { i < values.count && !values[i].isNull }

    /// An error naming the built-in.
    public func error(_ message: String) -> RuntimeError { RuntimeError("\(builtin.name): \(message)") }

    /// An error saying the i-th argument has the wrong type.
    public func typeError(_ i: Int, expected: String) -> RuntimeError {
        error(Messages.argumentType(index: i + 1, name: builtin.paramName(i), expected: expected, got: self[i].typeName))
    }

    /// The i-th argument as a list.
    public func list(_ i: Int) throws -> [Value] {
        if case .list(let xs) = self[i] { return xs }
        if case .stream(let s) = self[i] { return try s.collect(interpreter.interrupt) }
        throw typeError(i, expected: "a list")
    }

    /// The i-th argument as a string.
    public func string(_ i: Int) throws -> String {
        if case .string(let s) = self[i] { return s }
        throw typeError(i, expected: "a string")
    }

    /// The i-th argument as an integer (an integral float is accepted).
    public func int(_ i: Int) throws -> Int {
        switch self[i] {
        case .int(let n): return n
        case .float(let d) where d.rounded() == d && abs(d) < 9e18: return Int(d)
        default: throw typeError(i, expected: "an integer")
        }
    }

    /// The i-th argument as a number.
    public func number(_ i: Int) throws -> Double {
        if let d = self[i].number { return d }
        throw typeError(i, expected: "a number")
    }

    /// The i-th argument as a record.
    public func record(_ i: Int) throws -> Record {
        if case .record(let r) = self[i] { return r }
        throw typeError(i, expected: "a record")
    }

    /// The i-th argument as a function.
    public func function(_ i: Int) throws -> Function {
        if case .function(let f) = self[i] { return f }
        throw typeError(i, expected: "a function")
    }

    /// A labelled option, if given.
    public func option(_ name: String) -> Value? { labeled.first { $0.0 == name }?.1 }

    /// A boolean option, false when absent.
    public func flag(_ name: String) throws -> Bool {
        switch option(name) {
        case nil, .null?: return false
        case .bool(let b)?: return b
        case let v?: throw error(Messages.optionType(name, expected: "true or false", got: v.typeName))
        }
    }

    /// Throws if the user asked to stop (call it in long loops).
    public func checkInterrupt() throws { try interpreter.interrupt.check() }

    /// Calls a function value with arguments.
    public func call(_ f: Function, _ args: [Value]) throws -> Value {
        try interpreter.call(f, args, at: span).collected(interpreter.interrupt)
    }

    /// Calls a function with one argument.
    public func call1(_ f: Function, _ x: Value) throws -> Value {
        try interpreter.call1(f, x, at: span).collected(interpreter.interrupt)
    }

    /// Calls a predicate and insists on a boolean result.
    public func test(_ f: Function, _ x: Value) throws -> Bool {
        let r = try interpreter.call1(f, x, at: span)
        if case .bool(let b) = r { return b }
        throw error(Messages.predicateResult(r.typeName))
    }
}

import Foundation
