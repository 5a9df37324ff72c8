/// A calendar date (proleptic Gregorian), stored as days since 1970-01-01.
public struct DateValue: Sendable, Hashable, Comparable {
    /// Days since 1970-01-01; negative before it.
    public var days: Int

    /// Creates a date from a day number.
    public init(days: Int) { self.days = days }

    /// Creates a date from its parts, or nil when they name no real day.
    public init?(year: Int, month: Int, day: Int) {
        guard (1...12).contains(month), day >= 1, day <= DateValue.daysIn(month: month, year: year),
              (-9999...9999).contains(year) else { return nil }
        // Howard Hinnant's days_from_civil.
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        self.days = era * 146097 + doe - 719468
    }

    /// Parses `YYYY-MM-DD` (also `YYYY-MM-DDThh:mm...`, keeping the day only).
    public init?(iso: String) {
        let parts = iso.prefix(10).split(separator: "-", omittingEmptySubsequences: false)
        guard iso.utf8.count >= 10, parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
              let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2]) else { return nil }
        if iso.utf8.count > 10 {
            let next = iso.utf8[iso.utf8.index(iso.utf8.startIndex, offsetBy: 10)]
            guard next == UInt8(ascii: "T") || next == UInt8(ascii: " ") else { return nil }
        }
        self.init(year: y, month: m, day: d)
    }

    /// Year, month and day.
    public var parts: (year: Int, month: Int, day: Int) {
        let z = days + 719468
        let era = (z >= 0 ? z : z - 146096) / 146097
        let doe = z - era * 146097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
    }

    /// ISO day of the week, 1 = Monday ... 7 = Sunday.
    public var weekday: Int { ((days % 7 + 7 + 3) % 7) + 1 }

    /// `YYYY-MM-DD`.
    public var iso: String {
        let (y, m, d) = parts
        func pad(_ n: Int, _ w: Int) -> String {
            let s = String(abs(n))
            return (n < 0 ? "-" : "") + String(repeating: "0", count: max(0, w - s.count)) + s
        }
        return "\(pad(y, 4))-\(pad(m, 2))-\(pad(d, 2))"
    }

    /// The number of days in a month.
    public static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// Orders dates by day.
    public static func < (a: DateValue, b: DateValue) -> Bool { a.days < b.days }

    /// The day numbers of dates NQL can show: years -9999 to 9999.
    public static let representable = -4_371_587...2_932_896

    /// The date `n` days later (earlier when negative), or nil outside the years -9999 to 9999.
    public func adding(days n: Int) -> DateValue? {
        let (r, overflow) = days.addingReportingOverflow(n)
        return !overflow && DateValue.representable.contains(r) ? DateValue(days: r) : nil
    }
}
