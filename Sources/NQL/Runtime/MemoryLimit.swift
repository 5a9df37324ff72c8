// A statement that would use more memory than allowed stops with an error
// instead of the process aborting when an allocation fails (as it does under
// `ulimit -v`, or when the machine runs out). The memory in use is the
// resident size (/proc/self/statm: it counts what is touched, not the address
// space the evaluation thread's 1 GiB stack reserves), read at the places
// evaluation already polls for Ctrl-C (every 64th poll) and before large
// lists are built.

import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// The most heap a session may use; checked while evaluation runs.
public final class MemoryLimit: Sendable {
    /// The limit the `nql` command sets (`--max-memory`, or a default).
    public static let shared = MemoryLimit()

    private let limit = Atomic<Int>(0)
    private let polls = Atomic<Int>(0)

    /// A separate limit (for tests).
    public init() {}

    /// The limit in bytes; 0 means none.
    public var bytes: Int {
        get { limit.load(ordering: .relaxed) }
        set { limit.store(newValue, ordering: .relaxed) }
    }

    /// Bytes of memory the process has resident (from /proc/self/statm).
    public static func heapInUse() -> Int { statm(field: 1) }

    /// Throws when the heap is over the limit (sampled: every 64th call reads it).
    public func check() throws {
        let max = bytes
        guard max > 0 else { return }
        guard polls.add(1, ordering: .relaxed).newValue & 63 == 0 else { return }
        let used = MemoryLimit.heapInUse()
        if used > max { throw RuntimeError(Messages.outOfMemory(limit: max)) }
    }

    /// Throws unless `more` bytes still fit under the limit (before building a large value).
    public func reserve(_ more: Int) throws {
        let max = bytes
        guard max > 0 else { return }
        let (total, overflow) = MemoryLimit.heapInUse().addingReportingOverflow(more)
        if overflow || total > max { throw RuntimeError(Messages.outOfMemory(limit: max)) }
    }

    /// Parses a size such as `512M`, `2G`, `1500000000` (K, M, G, T; powers of 1024).
    public static func parseSize(_ text: String) -> Int? {
        var t = Substring(text.uppercased())
        if t.count > 1, t.last == "B" { t = t.dropLast() }
        guard let last = t.last else { return nil }
        let units: [Character: Int] = ["K": 1 << 10, "M": 1 << 20, "G": 1 << 30, "T": 1 << 40]
        let (digits, unit) = units[last].map { (String(t.dropLast()), $0) } ?? (String(t), 1)
        guard let n = Double(digits), n > 0, n.isFinite else { return nil }
        let bytes = n * Double(unit)
        return bytes < 9e18 ? Int(bytes) : nil
    }

    /// A limit that keeps clear of the process's address-space limit (`ulimit -v`), if any:
    /// what is left of it after the reservations already made, less a margin.
    public static func fromAddressSpaceLimit() -> Int? {
        #if canImport(Glibc)
        var rl = rlimit()
        guard getrlimit(__rlimit_resource_t(RLIMIT_AS.rawValue), &rl) == 0, rl.rlim_cur != rlim_t.max else { return nil }
        let reserved = addressSpaceInUse() + (1 << 30) + (256 << 20)  // the evaluation thread's stack and a margin
        let cap = Int(clamping: rl.rlim_cur)
        return max(64 << 20, cap - reserved)
        #else
        return nil
        #endif
    }

    /// Half the machine's memory: the default at the interactive prompt.
    public static func halfOfPhysicalMemory() -> Int {
        let pages = sysconf(Int32(_SC_PHYS_PAGES)), size = sysconf(Int32(_SC_PAGESIZE))
        guard pages > 0, size > 0 else { return 0 }
        return pages.multipliedReportingOverflow(by: size).partialValue / 2
    }

    private static func addressSpaceInUse() -> Int { statm(field: 0) }

    /// A field of /proc/self/statm (0: size, 1: resident), in bytes; 0 when unreadable.
    private static func statm(field: Int) -> Int {
        let fd = open("/proc/self/statm", O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return 0 }
        defer { close(fd) }
        var buffer = [UInt8](repeating: 0, count: 128)
        let n = read(fd, &buffer, buffer.count)
        guard n > 0 else { return 0 }
        let fields = buffer[..<n].split(separator: UInt8(ascii: " "))
        guard field < fields.count, let pages = Int(String(decoding: fields[field], as: UTF8.self)) else { return 0 }
        return pages * Int(sysconf(Int32(_SC_PAGESIZE)))
    }
}
