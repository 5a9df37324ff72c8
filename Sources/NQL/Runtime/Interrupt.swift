import Synchronization

/// The flag a Ctrl-C handler raises; long-running evaluation checks it and
/// stops with an "interrupted" error, leaving the session intact.
public enum Interrupt {
    private static let flag = Atomic<Bool>(false)

    /// Asks the running evaluation to stop. Safe to call from a signal handler.
    public static func request() { flag.store(true, ordering: .relaxed) }

    /// Clears a pending request (before each statement).
    public static func clear() { flag.store(false, ordering: .relaxed) }

    /// Whether a stop was asked for.
    public static var isRequested: Bool { flag.load(ordering: .relaxed) }

    /// Throws the interrupt error if a stop was asked for.
    public static func check() throws {
        if flag.load(ordering: .relaxed) {
            var e = RuntimeError(Messages.interrupted)
            e.isInterrupt = true
            throw e
        }
    }
}
