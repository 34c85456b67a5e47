/// The State's yearly subsidy to a Mission locale under its convention (CPO).
public struct StateSubsidy: Hashable, Sendable, Codable {
    /// Main activities (programme 102, activity 010200001706).
    public var socle: Double
    /// Sponsorship (activity 010200001702), when the convention integrates it.
    public var parrainage: Double
    /// Fonds pour l'insertion professionnelle des jeunes (activity 010200001705), when integrated.
    public var fipj: Double
    /// Creates a value from its fields.
    public init(socle: Double, parrainage: Double = 0, fipj: Double = 0) {
        self.socle = socle; self.parrainage = parrainage; self.fipj = fipj
    }
    /// The whole State subsidy of the convention (Garantie jeunes is never part of it).
    public var total: Double { socle + parrainage + fipj }
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
    /// "Les ajustements … dans la limite de 10 % sur la durée de la convention".
    public static let maximumAdjustment = 0.10

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
    public func adjustable(_ s: StateSubsidy) -> Double {
        s.socle + (integratesParrainage ? s.parrainage : 0) + (integratesFIPJ ? s.fipj : 0)
    }

    /// Where a proposed subsidy stands against the ±10% rule (changes compound: the bound
    /// applies to the year's subsidy against the base, not to the yearly step).
    public enum FundingCheck: Hashable, Sendable {
        /// Allowed; what remains, in euros rounded to the cent, up to +10% and down to −10%.
        case within(up: Double, down: Double)
        /// Refused: the change against the base exceeds 10%.
        case outside(change: Double)
        /// The year is outside the convention, or it has no first-year subsidy.
        case notApplicable
    }

    /// Checks a proposed subsidy for a year against the base.
    public func check(_ proposed: StateSubsidy, for year: Int) -> FundingCheck {
        guard period.contains(year), let base, adjustable(base) > 0 else { return .notApplicable }
        let b = adjustable(base), p = adjustable(proposed)
        let change = p / b - 1
        if abs(change) > Convention.maximumAdjustment + 1e-12 { return .outside(change: change) }
        func cents(_ v: Double) -> Double { (v * 100).rounded() / 100 }
        return .within(up: cents(b * (1 + Convention.maximumAdjustment) - p), down: cents(p - b * (1 - Convention.maximumAdjustment)))
    }

    /// The closest subsidy within ±10% of the base (the socle moves; parrainage and FIPJ stay):
    /// the proposal itself when allowed, else the bound it hits ("binding").
    public func clamped(_ proposed: StateSubsidy, for year: Int) -> (subsidy: StateSubsidy, binding: Bool) {
        guard case .outside(let change) = check(proposed, for: year), let base else { return (proposed, false) }
        let b = adjustable(base), bound = b * (1 + (change > 0 ? 1 : -1) * Convention.maximumAdjustment)
        var s = proposed
        s.socle = ((proposed.socle + bound - adjustable(proposed)) * 100).rounded(change > 0 ? .down : .up) / 100
        return (s, true)
    }
}
