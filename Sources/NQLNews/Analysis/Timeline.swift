import NQL
// Coverage over time: how many documents per day, ISO week, month or year, with every
// period between the first and the last present (empty ones counted 0), so a chart of the
// result has an honest time axis. Dates are ISO `YYYY-MM-DD` (a longer timestamp is read
// by its first ten characters); anything else is counted as undated.
// Calendar arithmetic is the proleptic Gregorian day count (Howard Hinnant's algorithm).

/// The length of a timeline period.
public enum TimelinePeriod: String, Sendable, Equatable, CaseIterable {
    /// Calendar days, labelled `2024-07-28`.
    case day
    /// ISO weeks, Monday to Sunday, labelled `2024-W30`; `start` is the Monday.
    case week
    /// Calendar months, labelled `2024-07`.
    case month
    /// Calendar years, labelled `2024`.
    case year
}

/// One period of a timeline.
public struct TimelineBucket: Sendable, Equatable {
    /// The period's label (see `TimelinePeriod`).
    public var period: String
    /// The period's first day, `YYYY-MM-DD`.
    public var start: String
    /// Documents dated in the period.
    public var count: Int
}

/// Counts per period.
public struct Timeline: Sendable, Equatable {
    /// Every period from the first to the last date, in order.
    public var buckets: [TimelineBucket]
    /// Documents without a readable date.
    public var undated: Int
}

extension Analysis {
    /// The most periods a timeline may have: a guard against a stray year 0001.
    public static let maximumTimelinePeriods = 100_000

    /// Counts dates per period, filling gaps with zero.
    public static func timeline(_ dates: [String?], by period: TimelinePeriod) throws -> Timeline {
        let (days, undated) = dayCounts(dates)
        return try timeline(dayCounts: days, undated: undated, by: period)
    }

    /// How many dates fall on each day (day numbers as `dayNumber` gives them), and how many are not dates.
    public static func dayCounts(_ dates: [String?]) -> (days: [Int: Int], undated: Int) {
        var days: [Int: Int] = [:]
        var undated = 0
        for d in dates {
            if let d, let n = dayNumber(d) { days[n, default: 0] += 1 } else { undated += 1 }
        }
        return (days, undated)
    }

    /// Counts per period from counts per day (the days of parts of a collection add up).
    public static func timeline(dayCounts: [Int: Int], undated: Int, by period: TimelinePeriod) throws -> Timeline {
        guard let lo = dayCounts.keys.min(), let hi = dayCounts.keys.max() else {
            throw AnalysisError(undated == 0 ? "timeline needs at least one date" : "no readable dates (expected YYYY-MM-DD)")
        }
        let first = periodStart(lo, period), last = periodStart(hi, period)
        var starts: [Int] = []
        var s = first
        while s <= last {
            starts.append(s)
            guard starts.count <= maximumTimelinePeriods else {
                throw AnalysisError("the dates span more than \(maximumTimelinePeriods) \(period.rawValue)s; use a longer period")
            }
            s = nextPeriod(s, period)
        }
        var counts = [Int: Int]()
        for (d, n) in dayCounts { counts[periodStart(d, period), default: 0] += n }
        let buckets = starts.map { TimelineBucket(period: label($0, period), start: isoDate($0), count: counts[$0] ?? 0) }
        return Timeline(buckets: buckets, undated: undated)
    }

    /// Counts documents by their `date` per period, filling gaps with zero.
    public static func timeline(documents: [AnalysisDocument], by period: TimelinePeriod) throws -> Timeline {
        try timeline(documents.map(\.date), by: period)
    }

    /// Days since 1970-01-01 of an ISO date, or nil when it is not a valid date.
    /// A year before 1 is written with a minus sign (`-0044-03-15`, as NQL prints it).
    public static func dayNumber(_ s: String) -> Int? {
        guard s.hasPrefix("-") else { return DateValue(iso: String(s.prefix(10)))?.days }
        guard let d = DateValue(iso: String(s.dropFirst().prefix(10))) else { return nil }
        return DateValue(year: -d.parts.year, month: d.parts.month, day: d.parts.day)?.days
    }

    /// Day number of a year, month and day; also past the years a date value holds
    /// (the period after 9999), Howard Hinnant's days_from_civil.
    static func daysFromCivil(_ year: Int, _ month: Int, _ day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let doy = (153 * ((month + 9) % 12) + 2) / 5 + day - 1
        return era * 146097 + yoe * 365 + yoe / 4 - yoe / 100 + doy - 719468
    }

    static func civil(_ z: Int) -> (Int, Int, Int) { DateValue(days: z).parts }

    /// Monday = 0 … Sunday = 6.
    static func weekday(_ z: Int) -> Int { DateValue(days: z).weekday - 1 }

    static func periodStart(_ z: Int, _ p: TimelinePeriod) -> Int {
        switch p {
        case .day: return z
        case .week: return z - weekday(z)
        case .month: let (y, m, _) = civil(z); return daysFromCivil(y, m, 1)
        case .year: let (y, _, _) = civil(z); return daysFromCivil(y, 1, 1)
        }
    }

    static func nextPeriod(_ z: Int, _ p: TimelinePeriod) -> Int {
        switch p {
        case .day: return z + 1
        case .week: return z + 7
        case .month: let (y, m, _) = civil(z); return m == 12 ? daysFromCivil(y + 1, 1, 1) : daysFromCivil(y, m + 1, 1)
        case .year: let (y, _, _) = civil(z); return daysFromCivil(y + 1, 1, 1)
        }
    }

    /// `YYYY-MM-DD` of a day number.
    static func isoDate(_ z: Int) -> String { DateValue(days: z).iso }

    static func pad(_ n: Int, _ width: Int) -> String {
        let s = String(n.magnitude)
        return (n < 0 ? "-" : "") + (s.count >= width ? s : String(repeating: "0", count: width - s.count) + s)
    }

    static func label(_ z: Int, _ p: TimelinePeriod) -> String {
        let (y, m, _) = civil(z)
        switch p {
        case .day: return isoDate(z)
        case .week:
            // The ISO week belongs to the year of its Thursday.
            let thursday = z + 3
            let (ty, _, _) = civil(thursday)
            let week = (thursday - daysFromCivil(ty, 1, 1)) / 7 + 1
            return "\(pad(ty, 4))-W\(pad(week, 2))"
        case .month: return "\(pad(y, 4))-\(pad(m, 2))"
        case .year: return pad(y, 4)
        }
    }
}
