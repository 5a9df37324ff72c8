import Foundation

/// A one-line progress indicator for long work: elements done, rate and
/// elapsed time, redrawn at most four times a second once a statement has
/// run for a second. The `nql` command installs one only when standard
/// error is a terminal, so pipes and CI logs never see it.
public final class Progress: @unchecked Sendable {
    private let draw: (String) -> Void
    private var started: UInt64 = 0
    private var lastDrawn: UInt64 = 0
    private var done = 0
    private var shown = false

    /// A progress line written with `draw` (carriage returns and the ANSI erase-line code included).
    public init(draw: @escaping (String) -> Void) { self.draw = draw }

    private static func now() -> UInt64 { DispatchTime.now().uptimeNanoseconds }

    /// A statement starts.
    public func begin() {
        started = Progress.now()
        lastDrawn = started
        done = 0
    }

    /// `n` more elements are done.
    public func advance(_ n: Int = 1) {
        done += n
        guard done & 63 == 0 || n > 1 else { return }
        let t = Progress.now()
        guard t &- started > 1_000_000_000, t &- lastDrawn > 250_000_000 else { return }
        lastDrawn = t
        let seconds = Double(t &- started) / 1e9
        draw("\r\(done.formatted()) done · \(Int(Double(done) / seconds).formatted())/s · \(String(format: "%.1f", seconds)) s\u{1B}[K")
        shown = true
    }

    /// Erases the line (before output, and when a statement ends).
    public func clear() {
        if shown { draw("\r\u{1B}[K") }
        shown = false
    }
}

extension Interpreter {
    /// Counts elements done for the progress line, if there is one: list
    /// stages count their elements, a stream's source (`load`) the ones it reads.
    @inline(__always) public func advanceProgress(_ n: Int = 1) { progress?.advance(n) }
}
