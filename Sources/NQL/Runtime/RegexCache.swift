import Foundation

extension RegexValue {
    private final class Cache: @unchecked Sendable {
        let lock = NSLock()
        var compiled: [String: RegexValue] = [:]
    }

    private static let cache = Cache()

    /// A pattern given as a string (`matches(.text, "oil|gas")`), compiled once
    /// and kept (up to 1,000 patterns), so a predicate run over a corpus does
    /// not compile it per element.
    public static func cached(pattern: String) throws -> RegexValue {
        cache.lock.lock()
        defer { cache.lock.unlock() }
        if let found = cache.compiled[pattern] { return found }
        let made = try RegexValue(pattern: pattern)
        if cache.compiled.count >= 1000 { cache.compiled.removeAll() }
        cache.compiled[pattern] = made
        return made
    }
}
