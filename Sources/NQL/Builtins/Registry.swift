/// The table of built-in functions. The language registers its general
/// built-ins; modules such as NQLNews add theirs with `register`.
public struct Registry: Sendable {
    /// Every built-in, in registration order.
    public private(set) var entries: [Builtin] = []
    private var index: [String: Int] = [:]
    private var functions: [Function] = []

    /// An empty registry.
    public init() {}

    /// The language's general built-ins.
    public static var standard: Registry {
        var r = Registry()
        r.register(CoreBuiltins.all + ChartBuiltins.all)
        return r
    }

    /// Adds built-ins; one with a name already present replaces it.
    public mutating func register(_ builtins: [Builtin]) {
        for b in builtins {
            if let i = index[b.name] {
                entries[i] = b
                functions[i] = Function(.builtin(b))
            } else {
                index[b.name] = entries.count
                entries.append(b)
                functions.append(Function(.builtin(b)))
            }
        }
    }

    /// The built-in with this name.
    public func builtin(named name: String) -> Builtin? { index[name].map { entries[$0] } }

    /// The function value for a built-in (one object per built-in).
    public func function(named name: String) -> Function? { index[name].map { functions[$0] } }

    /// What the parser asks to place `.field` arguments: whether a built-in's
    /// argument (counting a partly applied call's missing first argument) takes a function.
    public var functionParameters: Parser.FunctionParameters {
        let table = Dictionary(entries.map { ($0.name, $0) }, uniquingKeysWith: { _, last in last })
        return { name, position, count in
            guard let b = table[name] else { return nil }
            return b.takesFunction(at: count == b.minArity - 1 ? position + 1 : position)
        }
    }

    /// Every name, sorted.
    public var names: [String] { entries.map(\.name).sorted() }

    /// Help groups in the order they were first registered, with their built-ins.
    public var groups: [(name: String, builtins: [Builtin])] {
        var order: [String] = []
        var members: [String: [Builtin]] = [:]
        for b in entries {
            if members[b.group] == nil { order.append(b.group) }
            members[b.group, default: []].append(b)
        }
        return order.map { ($0, members[$0] ?? []) }
    }
}
