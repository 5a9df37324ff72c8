// Regular expressions that cannot hang the session. NSRegularExpression on
// Linux runs ICU without a time limit: `(a+)+$` over 31 a's and a `b` takes
// ~10 s and doubles with each `a`, and nothing can stop the thread. ICU's own
// C API (the toolchain's underscored `_FoundationICU` module, functions
// prefixed `swift_`) has both a per-match time limit and a progress callback,
// which here polls the Ctrl-C flag. The module can change between toolchain
// releases: everything that touches it is in this file, and
// `BoundedRegexTests` fails loudly if it stops building or stops timing out.

import _FoundationICU

/// A compiled ICU regular expression whose every match is bounded in time and
/// stops on Ctrl-C. Offsets are UTF-16 code units, as ICU counts them.
final class BoundedRegex: @unchecked Sendable {
    /// Why matching stopped early.
    enum Stop: Error {
        case timedOut, interrupted
    }

    /// ICU's match-time limit, in its steps (about 0.2 ms each on this
    /// machine: 5,000 is roughly one second for one match attempt).
    static let timeLimit: Int32 = 5_000

    /// The compiled pattern; never matched directly (matching changes its
    /// state), only cloned per use, so values can be shared between threads.
    private let compiled: OpaquePointer
    /// The number of capture groups.
    let groupCount: Int

    /// Compiles `pattern` with the flags `i`, `m`, `s`, `x`; nil when ICU rejects it.
    init?(pattern: String, flags: String) {
        var bits: UInt32 = 0
        if flags.contains("i") { bits |= UInt32(UREGEX_CASE_INSENSITIVE.rawValue) }
        if flags.contains("m") { bits |= UInt32(UREGEX_MULTILINE.rawValue) }
        if flags.contains("s") { bits |= UInt32(UREGEX_DOTALL.rawValue) }
        if flags.contains("x") { bits |= UInt32(UREGEX_COMMENTS.rawValue) }
        let units = Array(pattern.utf16)
        var status = U_ZERO_ERROR
        var parseError = UParseError()
        let re = units.withUnsafeBufferPointer { swift_uregex_open($0.baseAddress, Int32(clamping: $0.count), bits, &parseError, &status) }
        guard status.rawValue <= U_ZERO_ERROR.rawValue, let re else { return nil }
        compiled = re
        groupCount = Int(swift_uregex_groupCount(re, &status))
    }

    deinit { swift_uregex_close(compiled) }

    /// Every match (or the first `limit`) as the ranges of group 0 ... groupCount
    /// (nil for a group that did not take part).
    func matches(in text: [UInt16], limit: Int = .max, interrupt: Interrupt = .shared) throws -> [[Range<Int>?]] {
        var status = U_ZERO_ERROR
        guard let re = swift_uregex_clone(compiled, &status) else { return [] }
        defer { swift_uregex_close(re) }
        return try text.withUnsafeBufferPointer { buffer -> [[Range<Int>?]] in
            swift_uregex_setText(re, buffer.baseAddress ?? UnsafePointer(bitPattern: 1), Int32(clamping: buffer.count), &status)
            swift_uregex_setTimeLimit(re, BoundedRegex.timeLimit, &status)
            let context = Unmanaged.passUnretained(interrupt).toOpaque()
            swift_uregex_setMatchCallback(re, { context, _ in
                guard let context else { return 1 }
                return Unmanaged<Interrupt>.fromOpaque(context).takeUnretainedValue().isRequested ? 0 : 1
            }, context, &status)
            var out: [[Range<Int>?]] = []
            while out.count < limit {
                let found = swift_uregex_findNext(re, &status)
                if status == U_REGEX_TIME_OUT { throw Stop.timedOut }
                if status == U_REGEX_STOPPED_BY_CALLER { throw Stop.interrupted }
                guard status.rawValue <= U_ZERO_ERROR.rawValue, found != 0 else { break }
                var groups: [Range<Int>?] = []
                for g in 0...groupCount {
                    let start = Int(swift_uregex_start(re, Int32(g), &status)), end = Int(swift_uregex_end(re, Int32(g), &status))
                    groups.append(start >= 0 && end >= start ? start..<end : nil)
                }
                out.append(groups)
                if out.count & 0xFFF == 0, interrupt.isRequested { throw Stop.interrupted }
            }
            return out
        }
    }
}
