import Foundation

/// An amount in euros, exact to the cent: the State's subsidy of a convention, from
/// conventions.csv to the avenant, and the ±10 % rule that judges it.
///
/// Integer cents, so that sums, comparisons and the bounds of the rule are exact; an integer
/// literal is a number of whole euros.
///
/// ```swift
/// let socle: Money = 160_000                  // 160 000,00 €
/// Money(euros: 96_489.19)?.cents              // 9_648_919
/// Money(euros: 0.005)                         // nil: finer than a cent
/// ```
public struct Money: Hashable, Comparable, Sendable, CustomStringConvertible, ExpressibleByIntegerLiteral {
    /// The amount in cents.
    public var cents: Int64

    /// An amount in cents.
    public init(cents: Int64) { self.cents = cents }

    /// A number of whole euros.
    public init(integerLiteral euros: Int64) { cents = euros * 100 }

    /// The largest amount read from a file or a command: 10 000 billion euros, so that the
    /// ±10 % rule's products stay exact in 64 bits.
    public static let limit = Money(cents: 1_000_000_000_000_000)

    /// An amount in euros that is a whole number of cents (up to the binary error of a
    /// `Double`); nil when it is finer than a cent, not finite, or beyond ``limit``.
    public init?(euros: Double) {
        let c = euros * 100
        guard c.isFinite, abs(c) <= Double(Money.limit.cents), abs(c - c.rounded()) < 1e-6 else { return nil }
        cents = Int64(c.rounded())
    }

    /// The amount in euros, as a `Double` (for the dashboard's lines and ratios).
    public var euros: Double { Double(cents) / 100 }

    /// `12345.6` as `12345.60`: plain decimal notation, a point, two decimals (files, JSON).
    public var description: String {
        let a = cents.magnitude
        let fraction = a % 100
        return (cents < 0 ? "-" : "") + "\(a / 100)." + (fraction < 10 ? "0" : "") + "\(fraction)"
    }

    /// `base × numerator / denominator`, rounded to the cent down or up (never to the nearest:
    /// a bound is rounded toward what it allows); nil when the product leaves 64 bits.
    public func scaled(by numerator: Int64, over denominator: Int64, _ rule: FloatingPointRoundingRule) -> Money? {
        let (p, overflow) = cents.multipliedReportingOverflow(by: numerator)
        guard !overflow, denominator != 0 else { return nil }
        var q = p / denominator
        let r = p % denominator
        if r != 0 {
            if rule == .up && (r > 0) == (denominator > 0) { q += 1 }
            if rule == .down && (r > 0) != (denominator > 0) { q -= 1 }
        }
        return Money(cents: q)
    }

    /// The amount times `1 + fraction`, rounded to the nearest cent (half away from zero), in
    /// decimal arithmetic on the fraction as written (`0.0577` is 5.77 %, not its binary neighbour).
    public func increased(by fraction: Double) -> Money? {
        guard fraction.isFinite, let f = Decimal(string: "\(fraction)") else { return nil }
        var product = Decimal(cents) * (1 + f), rounded = Decimal()
        NSDecimalRound(&rounded, &product, 0, .plain)
        let n = NSDecimalNumber(decimal: rounded)
        guard abs(n.doubleValue) <= Double(Money.limit.cents) else { return nil }
        return Money(cents: n.int64Value)
    }

    /// `part / self − 1` in hundredths of a percent (basis points), rounded as asked.
    public func basisPoints(to other: Money, _ rule: FloatingPointRoundingRule) -> Int64? {
        guard cents != 0 else { return nil }
        return Money(cents: other.cents - cents).scaled(by: 10_000, over: cents, rule)?.cents
    }

    public static func < (a: Money, b: Money) -> Bool { a.cents < b.cents }
    public static func + (a: Money, b: Money) -> Money { Money(cents: a.cents + b.cents) }
    public static func - (a: Money, b: Money) -> Money { Money(cents: a.cents - b.cents) }
    /// Zero euros.
    public static let zero = Money(cents: 0)
}

extension Money: Codable {
    /// A JSON number of euros (`77567.34`), as workspaces have always stored subsidies.
    public func encode(to encoder: Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(Decimal(cents) / 100)
    }

    /// A number of euros; an amount finer than a cent (written by an earlier release) is
    /// rounded to the nearest cent.
    public init(from decoder: Decoder) throws {
        let c = try decoder.singleValueContainer()
        var value = try c.decode(Decimal.self) * 100, rounded = Decimal()
        NSDecimalRound(&rounded, &value, 0, .plain)
        cents = NSDecimalNumber(decimal: rounded).int64Value
    }
}
