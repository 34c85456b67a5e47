/// Where one value stands among others, read in a line's direction: its rank (1 = best) and
/// its quartile (1 = the best quarter). The one definition the brief, the synthesis and
/// ``Dashboard/distribution(_:within:year:breakdown:)`` share.
///
/// - The rank is 1 + the number of values strictly better; ties share the best rank
///   (values 3, 5, 5, 2 higher-is-better rank 3, 1, 1, 4).
/// - The quartile cuts the position p = (rank − 1) / (count − 1), 0 for the best and 1 for
///   the worst, in four: p < ¼ is 1, p < ½ is 2, p < ¾ is 3, else 4. A value alone is in
///   quartile 1. Of 11, ranks 1-3 are quartile 1 and ranks 9-11 quartile 4.
/// - A line without direction (``Direction/none``) is ranked highest first: a position, not a
///   judgement.
///
/// ```swift
/// let s = Standing(0.512, among: [0.512, 0.543, 0.60, 0.48], direction: .lowerIsBetter)!
/// s.rank      // 2: only 0.48 is better
/// s.quartile  // 2: p = 1/3
/// ```
public struct Standing: Hashable, Sendable, Codable {
    /// 1 = best in the line's direction.
    public var rank: Int
    /// The number of values ranked (the value itself included).
    public var of: Int
    /// 1 (best quarter) to 4 (worst quarter).
    public var quartile: Int

    /// The standing of `value` among `values`, which must include it; nil when it does not.
    /// - Complexity: O(n).
    public init?(_ value: Double, among values: [Double], direction: Direction) {
        guard values.contains(value) else { return nil }
        let better = values.filter { direction.isBetter($0, than: value) }.count
        self.init(rank: better + 1, of: values.count)
    }

    /// The standing of a rank among `count` values.
    public init(rank: Int, of count: Int) {
        self.rank = rank
        self.of = count
        quartile = count <= 1 ? 1 : min(4, 1 + 4 * (rank - 1) / (count - 1))
    }

    /// In the best quarter: a "force" of the synthesis.
    public var isBestQuarter: Bool { quartile == 1 }
    /// In the worst quarter: an "axe de progrès" of the synthesis.
    public var isWorstQuarter: Bool { quartile == 4 }
}

extension Objective {
    /// Whether a result meets the objective: at least the target for ``ObjectiveDirection/increase``,
    /// at most for ``ObjectiveDirection/decrease`` (reaching the target exactly meets it).
    public func isMet(by value: Double) -> Bool { direction == .increase ? value >= target : value <= target }
}

extension ObjectiveDirection {
    /// The direction an objective on a line takes by default: the line's own (nil for a line
    /// without direction, where the analyst must say `increase` or `decrease`).
    public init?(_ direction: Direction) {
        switch direction {
        case .higherIsBetter: self = .increase
        case .lowerIsBetter: self = .decrease
        case .none: return nil
        }
    }
}

/// Where an objective stands: its result, its gap and whether it is met — the one reading that
/// `objective list`, `convention of` and the reports share.
///
/// The gap is always **result − target**, in the line's unit (−0.109 is 10.9 points below a
/// share's target) and in the numerator's unit (young people for counts: −57 means 57 exits to
/// employment short of the target, the denominator staying as it is). Young people are whole:
/// the count is rounded against the objective (down for an increase, up for a decrease), so
/// that it says how many it takes to meet it, or how many it can lose and still meet it.
/// Whether a negative gap is good depends on the objective's direction: read ``met``.
public struct ObjectiveStatus: Hashable, Sendable {
    /// The objective.
    public var objective: Objective
    /// The year whose result is read.
    public var readYear: Int
    /// The result, nil when the year has none.
    public var value: Double?
    /// Result − target, in the line's unit.
    public var gap: Double?
    /// Numerator − target × denominator: the gap in young people (or in the numerator's unit).
    public var numeratorGap: Double?
    /// The numerator and denominator lines.
    public var numeratorID: String, denominatorID: String
    /// The denominator's value (the young people the gap is counted against).
    public var denominator: Double?
    /// Whether the result meets the objective; nil without a result.
    public var met: Bool? { value.map(objective.isMet(by:)) }
}

extension Dashboard {
    /// The status of an objective of an ML, read on `year` (the objective's own year by default).
    public func status(of objective: Objective, ml: String, readOn year: Int? = nil) -> ObjectiveStatus {
        let readYear = year ?? objective.year
        let line = Catalogue.indicator(objective.indicatorID)
        let (numID, denID) = line.flatMap { $0.components.count == 2 ? ($0.components[0], $0.components[1]) : nil } ?? ("", "")
        var status = ObjectiveStatus(objective: objective, readYear: readYear, numeratorID: numID, denominatorID: denID)
        guard let value = number(objective.indicatorID, for: .ml(ml), year: readYear) else { return status }
        status.value = value
        status.gap = value - objective.target
        let lag = line?.denominatorLag ?? 0
        if let num = number(numID, for: .ml(ml), year: readYear), let den = number(denID, for: .ml(ml), year: readYear - lag) {
            var g = num - objective.target * den
            // 1e-9 absorbs the binary error of target × denominator (0.35 × 20 is 7.000000000000001).
            if Catalogue.indicator(numID)?.kind == .count {
                g = objective.direction == .increase ? (g + 1e-9).rounded(.down) : (g - 1e-9).rounded(.up)
            }
            status.numeratorGap = g
            status.denominator = den
        }
        return status
    }
}
