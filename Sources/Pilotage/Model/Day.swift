/// A calendar day (proleptic Gregorian), stored as a day number for fast comparison.
///
/// Every date of the dataset format is a `Day`. The month arithmetic of the indicator
/// rules (`d ⊕ k months`, clamped to the end of the month) lives here.
///
/// ```swift
/// let d = Day(year: 2016, month: 1, day: 31)!
/// d.adding(months: 1)   // 2016-02-29
/// ```
public struct Day: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    /// Days since 1970-01-01 (negative before).
    public let number: Int32

    /// The years a dataset, a command or a convention may name: the one rule every year read
    /// from a file or a command line is checked against.
    public static let years: ClosedRange<Int> = 1900...2999

    /// A day from its day number (days since 1970-01-01).
    public init(number: Int32) { self.number = number }

    /// A day from its calendar fields, or `nil` when the date does not exist (2016-02-30).
    public init?(year: Int, month: Int, day: Int) {
        guard (1...12).contains(month), day >= 1, day <= Day.daysIn(month: month, year: year) else { return nil }
        self.number = Int32(Day.daysFromCivil(year, month, day))
    }

    /// Parses `YYYY-MM-DD`; `nil` when malformed or impossible.
    public init?(iso text: some StringProtocol) {
        let u = Array(text.utf8)
        guard let d = Day.parse(u[...]) else { return nil }
        self = d
    }

    /// Year, month and day of the month.
    public var components: (year: Int, month: Int, day: Int) { Day.civil(from: Int(number)) }
    /// The year.
    public var year: Int { components.year }

    /// The day `months` months later (earlier when negative), clamped to the end of the
    /// target month: 31 January ⊕ 1 month is 28 or 29 February.
    public func adding(months: Int) -> Day {
        let (y, m, d) = components
        let total = y * 12 + (m - 1) + months
        let ny = Int((Double(total) / 12).rounded(.down)), nm = total - ny * 12 + 1
        let nd = min(d, Day.daysIn(month: nm, year: ny))
        return Day(number: Int32(Day.daysFromCivil(ny, nm, nd)))
    }

    /// The day `days` days later.
    public func adding(days: Int) -> Day { Day(number: number + Int32(days)) }

    /// ISO 8601 `YYYY-MM-DD`.
    public var description: String {
        let (y, m, d) = components
        func pad(_ v: Int, _ w: Int) -> String { let s = String(v); return String(repeating: "0", count: max(0, w - s.count)) + s }
        return "\(pad(y, 4))-\(pad(m, 2))-\(pad(d, 2))"
    }

    /// Chronological order.
    public static func < (a: Day, b: Day) -> Bool { a.number < b.number }

    /// 1 January and 31 December of `year`.
    public static func yearBounds(_ year: Int) -> ClosedRange<Day> {
        Day(year: year, month: 1, day: 1)!...Day(year: year, month: 12, day: 31)!
    }

    // MARK: Calendar arithmetic (H. Hinnant's algorithms)

    static func isLeap(_ y: Int) -> Bool { (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return isLeap(year) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    static func daysFromCivil(_ y0: Int, _ m: Int, _ d: Int) -> Int {
        let y = m <= 2 ? y0 - 1 : y0
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146097 + doe - 719468
    }

    static func civil(from z0: Int) -> (Int, Int, Int) {
        let z = z0 + 719468
        let era = (z >= 0 ? z : z - 146096) / 146097
        let doe = z - era * 146097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365
        let y = yoe + era * 400
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (m <= 2 ? y + 1 : y, m, d)
    }

    /// Parses exactly `YYYY-MM-DD` from raw bytes.
    static func parse(_ b: ArraySlice<UInt8>) -> Day? {
        Array(b).withUnsafeBufferPointer { parse($0) }
    }

    /// The numbers of `YYYY-MM-DD`, not yet checked as a date.
    @inline(__always)
    static func digits(_ b: UnsafeBufferPointer<UInt8>) -> (year: Int, month: Int, day: Int)? {
        guard b.count == 10, b[4] == 45, b[7] == 45 else { return nil }
        let d0 = b[0] &- 48, d1 = b[1] &- 48, d2 = b[2] &- 48, d3 = b[3] &- 48
        let m0 = b[5] &- 48, m1 = b[6] &- 48, a0 = b[8] &- 48, a1 = b[9] &- 48
        guard d0 < 10, d1 < 10, d2 < 10, d3 < 10, m0 < 10, m1 < 10, a0 < 10, a1 < 10 else { return nil }
        return (Int(d0) * 1000 + Int(d1) * 100 + Int(d2) * 10 + Int(d3), Int(m0) * 10 + Int(m1), Int(a0) * 10 + Int(a1))
    }

    /// Parses exactly `YYYY-MM-DD` (the loader's hot path: no allocation).
    @inline(__always)
    static func parse(_ b: UnsafeBufferPointer<UInt8>) -> Day? {
        guard let (y, m, d) = digits(b), m >= 1, m <= 12, d >= 1, d <= daysIn(month: m, year: y) else { return nil }
        return Day(number: Int32(daysFromCivil(y, m, d)))
    }
}
