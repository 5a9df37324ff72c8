import Foundation

/// How a built-in reads a list given as its first argument, declared in its
/// registry entry and shown by `:help`.
public enum Flow: String, Sendable {
    /// Element by element: a stream in gives a stream out, nothing is kept.
    case streams
    /// Reads the elements one at a time and keeps only its result.
    case folds
    /// Needs every element at once: a stream is read into a list first.
    case collects

    /// The line `:help NAME` shows.
    public var help: String {
        switch self {
        case .streams: return "streams: over a stream (a load of JSON Lines, stdin, a folder or a glob) it passes elements on one at a time"
        case .folds: return "folds: reads a stream one element at a time, keeping only its result"
        case .collects: return "collects: reads a stream whole before it starts"
        }
    }
}

extension Builtin {
    /// Whether its first argument is a collection, so that how it reads a stream is worth saying.
    public var readsLists: Bool {
        flow != .collects || ["xs", "articles", "left"].contains(params.first ?? "")
    }
}

/// A list that is produced one element at a time: an immutable plan over a
/// source (a JSON Lines file, a folder, standard input) and the element-wise
/// stages applied to it. Opening it runs the plan from the start; nothing is
/// kept between elements, so memory does not grow with the input.
///
/// A stream lives inside one statement: binding it (`let`, a lambda's
/// parameter), putting it in a list or record, or giving it to a built-in
/// that collects reads it into a list. So a value in a variable is plain, and
/// a stream is read at most once unless a built-in reads it again (none does).
/// The one exception is a stream whose plan is kept when bound (a corpus
/// store): a variable holds the stream and reads the store each time it is used.
public final class ValueStream: @unchecked Sendable {
    /// Gives the next element, or nil at the end.
    public typealias Next = () throws -> Value?

    private let opener: () throws -> Next

    /// When every element is a record with exactly these keys, in this order
    /// (after `select`): CSV can then print its header before the first row.
    public let columns: [String]?
    /// What the source can answer itself (a corpus store: filters through its
    /// indexes, the count), or nil; see `StreamPlan`.
    public let plan: (any StreamPlan)?

    /// A stream whose elements come from the function `open` returns.
    public init(columns: [String]? = nil, _ open: @escaping () throws -> Next, plan: (any StreamPlan)? = nil) {
        self.columns = columns
        opener = open
        self.plan = plan
    }

    /// Starts reading from the beginning.
    public func open() throws -> Next { try opener() }

    /// Every element, in order.
    public func collect(_ interrupt: Interrupt) throws -> [Value] {
        let next = try open()
        var out: [Value] = []
        while let x = try next() {
            try interrupt.check()
            out.append(x)
        }
        return out
    }

    /// How many elements a stage reads ahead and announces to the prefetchers
    /// (`Interpreter.announce`): the window per-article work runs over in parallel.
    public static let window = 64
}

/// A source that can answer some stages itself instead of having every
/// element read and tested: a corpus store selects the articles that mention
/// a name through its tables, and counts them without reading one. A stage
/// asks the stream it reads (`filter` asks `narrowed(by:)`, `len` asks
/// `count()`, `take` asks `taken(_:)`); a nil answer means "read the elements as usual", so a plan
/// only ever makes things faster, never different.
public protocol StreamPlan: Sendable {
    /// The stream of the elements for which `predicate` holds, if the source
    /// can select them itself (with the same answer the predicate gives); nil otherwise.
    func narrowed(by predicate: Function) throws -> ValueStream?
    /// The number of elements, if the source knows it without reading them.
    func count() throws -> Int?
    /// The stream of the first `n` elements, if the source can give it with
    /// a plan of its own (so that `len` and `filter` after `take` still ask it); nil otherwise.
    func taken(_ n: Int) throws -> ValueStream?
    /// Whether a variable bound to the stream keeps the stream itself rather
    /// than its elements, and reads it anew each time it is used (with its plan):
    /// true for a source that can be read again from the start at any time (a corpus store).
    var keptWhenBound: Bool { get }
    /// What `:vars` shows for a variable holding the stream (a type and a
    /// value, such as "corpus" and "12 articles in 'news.db'"), found without reading the elements.
    func summary() throws -> (type: String, value: String)?
    /// The field names every element has, if the source knows them without reading one (a corpus store: the
    /// article fields), for the prompt's completion of `c.` and `c | where(.`.
    var elementFields: [String]? { get }
}

extension StreamPlan {
    public func taken(_ n: Int) throws -> ValueStream? { nil }
    public var keptWhenBound: Bool { false }
    public func summary() throws -> (type: String, value: String)? { nil }
    public var elementFields: [String]? { nil }
}

/// A module's per-element work that can run ahead on all cores: told of the
/// elements a stage is about to process (entity recognition of a window of articles).
public protocol ElementPrefetcher: AnyObject {
    /// The next elements a stage will process, in order.
    func upcoming(_ elements: ArraySlice<Value>)
}

extension Value {
    /// Whether this is a stream.
    public var isStream: Bool { if case .stream = self { return true } else { return false } }

    /// A stream read into a list; other values as they are.
    public func collected(_ interrupt: Interrupt) throws -> Value {
        if case .stream(let s) = self { return .list(try s.collect(interrupt)) }
        return self
    }

    /// The value a variable holds: a stream read into a list, unless its plan keeps it (`StreamPlan.keptWhenBound`).
    public func bound(_ interrupt: Interrupt) throws -> Value {
        if case .stream(let s) = self, s.plan?.keptWhenBound == true { return self }
        return try collected(interrupt)
    }
}

extension Interpreter {
    /// Tells the modules' prefetchers which elements come next.
    public func announce(_ elements: ArraySlice<Value>) {
        for state in moduleState.values {
            if let p = state as? ElementPrefetcher { p.upcoming(elements) }
        }
    }
}

extension Arguments {
    /// What an element-wise stage does with one element.
    public enum Step {
        /// Drop it.
        case skip
        /// Pass on a value.
        case emit(Value)
        /// Pass on a value and end.
        case last(Value)
        /// End without passing anything on.
        case stop
    }

    /// Throws the usual type error unless argument `i` is a list (or a stream).
    public func requireList(_ i: Int) throws {
        switch self[i] {
        case .list, .stream: return
        default: throw typeError(i, expected: "a list")
        }
    }

    /// Calls `body` with each element of argument `i` (a list or a stream),
    /// until it returns false. With `readAhead`, elements are taken a window
    /// at a time and announced to the prefetchers first (per-article work on all cores).
    public func forEachElement(_ i: Int, readAhead: Bool = false, _ body: (Value) throws -> Bool) throws {
        let window = readAhead ? ValueStream.window : 1
        switch self[i] {
        case .list(let xs):
            var start = 0
            while start < xs.count {
                let end = min(xs.count, start + window)
                if readAhead { interpreter.announce(xs[start..<end]) }
                for x in xs[start..<end] where !(try body(x)) { return }
                interpreter.advanceProgress(end - start)
                start = end
            }
        case .stream(let s):
            let next = try s.open()
            var buffer: [Value] = []
            while true {
                buffer.removeAll(keepingCapacity: true)
                while buffer.count < window, let x = try next() { buffer.append(x) }
                if buffer.isEmpty { return }
                if readAhead { interpreter.announce(buffer[...]) }
                for x in buffer {
                    try checkInterrupt()
                    if !(try body(x)) { return }
                }
            }
        default:
            throw typeError(i, expected: "a list")
        }
    }

    /// An element-wise stage over argument `i`: over a list it runs at once
    /// and gives a list; over a stream it gives a new stream that runs the
    /// step as elements are read. `makeStep` is called each time the stage
    /// starts (a fresh count for `take`). Elements are taken `window` at a
    /// time (`ValueStream.window`, or one for a stage that may stop early)
    /// and announced to the prefetchers first.
    /// `keepsElements` says the step passes elements on unchanged (or drops
    /// them), so the stream keeps its upstream's `columns`; `columns` says the
    /// step makes records with exactly these keys.
    public func stage(_ i: Int = 0, readAhead: Bool = true, keepsElements: Bool = false, columns: [String]? = nil,
                      _ makeStep: @escaping () throws -> (Value) throws -> Step) throws -> Value {
        let window = readAhead ? ValueStream.window : 1
        switch self[i] {
        case .list(let xs):
            let step = try makeStep()
            var out: [Value] = []
            var start = 0
            outer: while start < xs.count {
                let end = min(xs.count, start + window)
                if readAhead { interpreter.announce(xs[start..<end]) }
                for x in xs[start..<end] {
                    try checkInterrupt()
                    switch try step(x) {
                    case .skip: continue
                    case .emit(let v): out.append(v)
                    case .last(let v): out.append(v); break outer
                    case .stop: break outer
                    }
                }
                interpreter.advanceProgress(end - start)
                start = end
            }
            return .list(out)
        case .stream(let upstream):
            let interpreter = self.interpreter, span = self.span, source = interpreter.currentSource
            return .stream(ValueStream(columns: keepsElements ? upstream.columns : columns) {
                let next = try upstream.open()
                let step = try makeStep()
                var buffer: [Value] = []
                var position = 0
                var done = false
                return {
                    while !done {
                        if position == buffer.count {
                            buffer.removeAll(keepingCapacity: true)
                            position = 0
                            while buffer.count < window, let x = try next() { buffer.append(x) }
                            if buffer.isEmpty { done = true; return nil }
                            if readAhead { interpreter.announce(buffer[...]) }
                        }
                        let x = buffer[position]
                        position += 1
                        try interpreter.interrupt.check()
                        switch try interpreter.locating(span, in: source, { try step(x) }) {
                        case .skip: continue
                        case .emit(let v): return v
                        case .last(let v): done = true; return v
                        case .stop: done = true; return nil
                        }
                    }
                    return nil
                }
            })
        default:
            throw typeError(i, expected: "a list")
        }
    }
}
