import Synchronization

/// The flag a Ctrl-C handler raises; long-running evaluation checks it and
/// stops with an "interrupted" error, leaving the session intact.
public final class Interrupt: Sendable {
    private let flag = Atomic<Bool>(false)

    /// The flag the `nql` command's SIGINT handler raises.
    public static let shared = Interrupt()

    /// A separate flag (for tests and embedders).
    public init() {}

    /// Asks the running evaluation to stop. Safe to call from a signal handler.
    public func request() { flag.store(true, ordering: .relaxed) }

    /// Clears a pending request (before each statement).
    public func clear() { flag.store(false, ordering: .relaxed) }

    /// Whether a stop was asked for.
    public var isRequested: Bool { flag.load(ordering: .relaxed) }

    /// Throws the interrupt error if a stop was asked for.
    public func check() throws {
        try MemoryLimit.shared.check()
        if flag.load(ordering: .relaxed) {
            var e = RuntimeError(Messages.interrupted)
            e.isInterrupt = true
            throw e
        }
    }
}
