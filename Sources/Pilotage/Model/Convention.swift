/// The State's yearly subsidy to a Mission locale under its convention (CPO), exact to the cent.
public struct StateSubsidy: Hashable, Sendable, Codable {
    /// Main activities (programme 102, activity 010200001706).
    public var socle: Money
    /// Sponsorship (activity 010200001702), when the convention integrates it.
    public var parrainage: Money
    /// Fonds pour l'insertion professionnelle des jeunes (activity 010200001705), when integrated.
    public var fipj: Money
    /// A subsidy from its three lines.
    public init(socle: Money, parrainage: Money = .zero, fipj: Money = .zero) {
        self.socle = socle; self.parrainage = parrainage; self.fipj = fipj
    }
    /// The whole State subsidy of the convention (Garantie jeunes is never part of it).
    public var total: Money { socle + parrainage + fipj }
}

/// Whether a ratio's objective asks for more or for less.
public enum ObjectiveDirection: String, DatasetCode, Codable {
    /// The ratio should rise.
    case increase, decrease
    /// What the code names, in error messages.
    public static var codeDescription: String { "direction" }
}

/// A negotiated objective on a ratio for one year.
public struct Objective: Hashable, Sendable, Codable {
    /// A catalogue ratio (`R10`).
    public var indicatorID: String
    /// The year.
    public var year: Int
    /// The target, in the ratio's unit (0.40 for 40 %).
    public var target: Double
    /// Whether the ratio should rise or fall.
    public var direction: ObjectiveDirection
    /// Creates a value from its fields.
    public init(indicatorID: String, year: Int, target: Double, direction: ObjectiveDirection) {
        self.indicatorID = indicatorID; self.year = year; self.target = target; self.direction = direction
    }
}

/// A yearly amendment (avenant) of a convention.
public struct Amendment: Hashable, Sendable, Codable {
    /// The number.
    public var number: Int
    /// The year.
    public var year: Int
    /// The signature date.
    public var signedOn: Day?
    /// Creates a value from its fields.
    public init(number: Int, year: Int, signedOn: Day? = nil) { self.number = number; self.year = year; self.signedOn = signedOn }
}

/// The multi-year objectives convention (CPO) between the State and one Mission locale.
///
/// ```swift
/// var cpo = Convention(number: "CPO-84-001", mlID: "ML069-LYON", period: 2015...2018,
///                      subsidies: [2015: StateSubsidy(socle: 400_000)])
/// cpo.check(StateSubsidy(socle: 424_000), for: 2016)   // .within(headroom: …)
/// ```
public struct Convention: Hashable, Sendable, Codable {
    /// "Les ajustements … dans la limite de 10 % sur la durée de la convention": 10 %.
    public static let maximumAdjustmentPercent: Int64 = 10

    /// The number.
    public var number: String
    /// The Mission locale's identifier (`ml_id`).
    public var mlID: String
    /// The convention's years (four, such as 2015-2018).
    public var period: ClosedRange<Int>
    /// The State's subsidy per year.
    public var subsidies: [Int: StateSubsidy]
    /// The objectives.
    public var objectives: [Objective]
    /// The yearly amendments.
    public var amendments: [Amendment]
    /// Whether the convention integrates parrainage and FIPJ (then they count in the ±10% base).
    public var integratesParrainage: Bool
    /// The convention integrates the FIPJ (it counts in the ±10 % base).
    public var integratesFIPJ: Bool

    /// Creates a value from its fields.
    public init(number: String, mlID: String, period: ClosedRange<Int>, subsidies: [Int: StateSubsidy] = [:],
                objectives: [Objective] = [], amendments: [Amendment] = [], integratesParrainage: Bool = true, integratesFIPJ: Bool = true) {
        self.number = number; self.mlID = mlID; self.period = period; self.subsidies = subsidies
        self.objectives = objectives; self.amendments = amendments
        self.integratesParrainage = integratesParrainage; self.integratesFIPJ = integratesFIPJ
    }

    /// The base of the ±10% rule: the subsidy of the convention's first year.
    public var base: StateSubsidy? { subsidies[period.lowerBound] }

    /// The part of a subsidy the ±10% rule applies to: the socle, with parrainage and FIPJ when
    /// the convention integrates them ("Ces financements, hors Garantie Jeunes, restent fongibles").
    public func adjustable(_ s: StateSubsidy) -> Money {
        s.socle + (integratesParrainage ? s.parrainage : .zero) + (integratesFIPJ ? s.fipj : .zero)
    }

    /// The lowest and the highest adjustable amount the ±10 % rule allows for any year of the
    /// convention: the base × 90 % rounded up to the cent and the base × 110 % rounded down —
    /// each rounded toward what it allows, so that an amount is allowed exactly when it lies
    /// between them. Nil without a first-year subsidy.
    ///
    /// A base of 87 717,45 € allows 78 945,71 € to 96 489,19 € (× 110 % is 96 489,195 €).
    public var bounds: ClosedRange<Money>? {
        guard let base else { return nil }
        let b = adjustable(base), m = Convention.maximumAdjustmentPercent
        guard b > .zero, let low = b.scaled(by: 100 - m, over: 100, .up), let high = b.scaled(by: 100 + m, over: 100, .down) else {
            return nil
        }
        return low...high
    }

    /// Where a proposed subsidy stands against the ±10% rule (changes compound: the bound
    /// applies to the year's subsidy against the base, not to the yearly step).
    public enum FundingCheck: Hashable, Sendable {
        /// Allowed; what remains, exactly, up to the highest and down to the lowest allowed amount
        /// (the proposal plus `up` is what ``Convention/clamped(_:for:)`` sets above it).
        case within(up: Money, down: Money)
        /// Refused: the adjustable amount exceeds the highest allowed (`limit`) by `excess`.
        case above(limit: Money, excess: Money)
        /// Refused: the adjustable amount is below the lowest allowed (`limit`) by `shortfall`.
        case below(limit: Money, shortfall: Money)
        /// The year is outside the convention, or it has no first-year subsidy.
        case notApplicable
    }

    /// Checks a proposed subsidy for a year against the base: exact comparisons in cents.
    public func check(_ proposed: StateSubsidy, for year: Int) -> FundingCheck {
        guard period.contains(year), let bounds else { return .notApplicable }
        let p = adjustable(proposed)
        if p > bounds.upperBound { return .above(limit: bounds.upperBound, excess: p - bounds.upperBound) }
        if p < bounds.lowerBound { return .below(limit: bounds.lowerBound, shortfall: bounds.lowerBound - p) }
        return .within(up: bounds.upperBound - p, down: p - bounds.lowerBound)
    }

    /// The closest subsidy within ±10% of the base (the socle moves; parrainage and FIPJ stay):
    /// the proposal itself when allowed, else the bound it hits ("binding").
    public func clamped(_ proposed: StateSubsidy, for year: Int) -> (subsidy: StateSubsidy, binding: Bool) {
        var s = proposed
        switch check(proposed, for: year) {
        case .above(_, let excess): s.socle = s.socle - excess
        case .below(_, let shortfall): s.socle = s.socle + shortfall
        case .within, .notApplicable: return (proposed, false)
        }
        return (s, true)
    }

    /// What a year may still move from a reference subsidy (the year before, usually): up to
    /// the highest and down to the lowest allowed amount, in euros and in hundredths of a
    /// percent of the reference, rounded toward what is allowed (an increase of `upBasisPoints`
    /// / 100 % is allowed; one more hundredth is not). Nil outside the rule.
    ///
    /// From 91 226,15 € under a highest 96 489,19 €: +5 263,04 €, +576 basis points (+5,76 %:
    /// 5,7693… % rounded down).
    public func headroom(from reference: StateSubsidy) -> (up: Money, down: Money, upBasisPoints: Int64, downBasisPoints: Int64)? {
        guard let bounds else { return nil }
        let r = adjustable(reference)
        guard let upBP = r.basisPoints(to: bounds.upperBound, .down), let downBP = r.basisPoints(to: bounds.lowerBound, .up) else { return nil }
        return (bounds.upperBound - r, bounds.lowerBound - r, upBP, downBP)
    }

    /// The subsidy of a year stepped by a fraction from the year before (`0.06` for +6 %): the
    /// adjustable part becomes the previous one × (1 + fraction), to the nearest cent, carried
    /// by the socle (the year's parrainage and FIPJ stay as in `keeping`). Nil when out of range.
    public func stepped(from previous: StateSubsidy, by fraction: Double, keeping year: StateSubsidy) -> StateSubsidy? {
        guard let target = adjustable(previous).increased(by: fraction) else { return nil }
        var s = year
        s.socle = target - (adjustable(year) - year.socle)
        return s
    }
}
