/// What it takes to bring a ratio to a target: the gap in points and in young people, and the
/// amount of a lever that closes it.
public struct GoalSeek: Hashable, Sendable {
    /// The catalogue line's identifier.
    public var indicatorID: String
    /// The target, in the ratio's unit (0.40 for 40 %).
    public var target: Double
    /// The value of the year.
    public var current: Double
    /// Current − target, in the ratio's unit (−0.05 is 5 points below a share's target): the
    /// one sign of every gap (``ObjectiveStatus``); `numeratorChange` is what closes it.
    public var gap: Double { current - target }
    /// The numerator and denominator lines, with their values.
    public var numeratorID: String, denominatorID: String
    /// The numerator's value.
    public var numerator: Double, denominator: Double
    /// What the numerator must gain, the denominator staying as it is ("R10 at 40% needs 57 more
    /// exits to employment out of 1 210 exits"); rounded up to whole young people for counts.
    public var numeratorChange: Double
    /// The lever asked for and its amount, when it moves the ratio (nil otherwise).
    public var lever: Lever?
    /// The lever's amount that reaches the target.
    public var leverAmount: Double?
}

/// Why a goal seek or a sensitivity table has no answer.
public enum GoalSeekError: Error, Hashable, Sendable {
    /// Only ratios (quotients of two lines) have targets.
    case notARatio(String)
    /// A value the target needs is absent.
    case unavailable(Unavailability)
    /// The lever feeds neither the numerator nor the denominator of the ratio.
    case leverDoesNotMove(lever: Lever, indicator: String)
    /// The lever moves both terms alike, so the ratio cannot reach the target (e.g. a share
    /// can never reach 100% by adding to both).
    case unreachable(target: Double)
    /// A change of the table cannot be applied.
    case scenario(ScenarioError)
    /// The target needs the numerator below 0 or above its parent line (`limit`): 8.1.f above 8.1.
    case outOfBounds(line: String, limit: Double)
}

extension Dashboard {
    /// The gap between a ratio and a target for an ML (or a region or the nation), and, with a
    /// lever, the amount of it that reaches the target at the ML.
    ///
    /// ```swift
    /// let g = try dashboard.goalSeek("R10", target: 0.40, ml: "ML069-LYON", year: 2016, lever: .exitsToEmployment)
    /// g.numeratorChange   // more exits to employment, exits unchanged
    /// g.leverAmount       // more exits to employment, counted in the exits too
    /// ```
    public func goalSeek(_ id: String, target: Double, for territory: Territory, year: Int, lever: Lever? = nil) throws(GoalSeekError) -> GoalSeek {
        guard let line = Catalogue.indicator(id), line.isQuotient, line.components.count == 2, line.denominatorLag == 0 else {
            throw .notARatio(id)
        }
        let (numID, denID) = (line.components[0], line.components[1])
        let current: Double, num: Double, den: Double
        do {
            current = try value(id, for: territory, year: year).get()
            num = try value(numID, for: territory, year: year).get()
            den = try value(denID, for: territory, year: year).get()
        } catch { throw .unavailable(error) }
        let isCount = Catalogue.indicator(numID)?.kind == .count
        var change = target * den - num
        // Whole young people, rounded away from the current value (a decrease needs one more fewer).
        if isCount { change = change >= 0 ? (change - 1e-9).rounded(.up) : (change + 1e-9).rounded(.down) }
        // The numerator alone cannot leave its bounds: a count never below 0, a « dont » line
        // never above its parent (R10 at 137,5 % would need more exits to employment than exits).
        if num + change < -1e-9 { throw .outOfBounds(line: numID, limit: 0) }
        if let parent = Catalogue.indicator(numID)?.parentID, let p = number(parent, for: territory, year: year),
           num + change > p + 1e-9 {
            throw .outOfBounds(line: numID, limit: p)
        }
        var result = GoalSeek(indicatorID: id, target: target, current: current, numeratorID: numID, denominatorID: denID,
                              numerator: num, denominator: den, numeratorChange: change)
        if let lever {
            // (num + a·x) / (den + b·x) = target  ⇒  x = (target·den − num) / (a − target·b)
            let a: Double = lever.lines.contains(numID) ? 1 : 0, b: Double = lever.lines.contains(denID) ? 1 : 0
            guard a != 0 || b != 0 else { throw .leverDoesNotMove(lever: lever, indicator: id) }
            let slope = a - target * b
            guard abs(slope) > 1e-12 else { throw .unreachable(target: target) }
            var x = (target * den - num) / slope
            if lever.countsYoungPeople { x = x >= 0 ? (x - 1e-9).rounded(.up) : (x + 1e-9).rounded(.down) }
            // The lever's amount must leave the counts consistent (no line below 0 or above its parent).
            if territory.level == .ml {
                do { _ = try applying(Scenario(name: "seek", changes: [.init(ml: territory.id, year: year, lever: lever, amount: x)])) } catch {
                    throw .scenario(error)
                }
            }
            result.lever = lever
            result.leverAmount = x
        }
        return result
    }

    /// A ratio for an ML and its region as a lever (one-way table) or two levers (two-way
    /// table) take each of the given amounts. `values[i][j]`: first lever's amount i, second's j
    /// (one column without a second lever); nil where the change breaks the counts.
    public func sensitivity(_ id: String, ml: String, year: Int, lever: Lever, amounts: [Double],
                            by second: Lever? = nil, amounts secondAmounts: [Double] = [0]) throws(GoalSeekError)
        -> (ml: [[Double?]], region: [[Double?]]) {
        guard let line = Catalogue.indicator(id), line.isComputed else { throw .notARatio(id) }
        guard let region = region(of: ml) else { throw .scenario(.unknownML(ml)) }
        guard years.contains(year) else { throw .scenario(.unknownYear(year)) }
        var mlTable: [[Double?]] = [], regionTable: [[Double?]] = []
        for x in amounts {
            var mlRow: [Double?] = [], regionRow: [Double?] = []
            for y in (second == nil ? [0] : secondAmounts) {
                var s = Scenario(name: "sensitivity", changes: [.init(ml: ml, year: year, lever: lever, amount: x)])
                if let second { s.changes.append(.init(ml: ml, year: year, lever: second, amount: y)) }
                let w = try? applying(s)
                mlRow.append(w?.number(id, for: .ml(ml), year: year))
                regionRow.append(w?.number(id, for: region, year: year))
            }
            mlTable.append(mlRow); regionTable.append(regionRow)
        }
        return (mlTable, regionTable)
    }

    /// Every ratio before and after a scenario, for a territory, year and breakdown: the
    /// Scenario Manager's summary (targets can conflict: more entries lower R6).
    public func effects(of scenario: Scenario, for territory: Territory, year: Int, breakdown: Breakdown = .all) throws(ScenarioError)
        -> [(indicator: Indicator, before: Result<Double, Unavailability>, after: Result<Double, Unavailability>)] {
        let w = try applying(scenario)
        return Catalogue.computed.filter(\.isQuotient).map {
            ($0, value($0.id, for: territory, year: year, breakdown: breakdown), w.value($0.id, for: territory, year: year, breakdown: breakdown))
        }
    }
}

extension Lever {
    /// The lever counts young people (whole numbers), rather than FTEs or euros.
    public var countsYoungPeople: Bool { ![.accompanimentETP, .otherETP, .stateFunding, .europeanFunding, .otherFunding].contains(self) }
}

/// A proposed target for a ratio, and how it was derived.
public struct TargetProposal: Hashable, Sendable {
    /// How a proposal is derived.
    public enum Method: String, Hashable, Sendable {
        /// The median of the ML's peers (results of the year before the dialogue).
        case peerMedian = "peer_median"
        /// The ML's own trend: Y−1 + (Y−1 − Y−2).
        case ownTrend = "own_trend"
        /// The result of Y−1 plus a number of points.
        case plusPoints = "plus_points"
    }
    /// How it was derived.
    public var method: Method
    /// The value.
    public var value: Double
}

extension Dashboard {
    /// Targets for a ratio of an ML for the dialogue year: the peers' median, the ML's own
    /// trend, and its last result moved by `points` (0.02 is 2 points) in `direction` — by
    /// default the line's (R10 goes up, R8 and R11 go down; **increase** for a line without one).
    public func proposals(_ id: String, ml: String, dialogueYear: Int, points: Double = 0.02,
                          direction: ObjectiveDirection? = nil) -> [TargetProposal] {
        let direction = direction ?? Catalogue.indicator(id).flatMap { ObjectiveDirection($0.direction) } ?? .increase
        let y = dialogueYear - 1
        var result: [TargetProposal] = []
        if let median = Statistics.median(peers(of: ml, year: y).compactMap { number(id, for: .ml($0), year: y) }) {
            result.append(.init(method: .peerMedian, value: median))
        }
        if let now = number(id, for: .ml(ml), year: y) {
            if let before = number(id, for: .ml(ml), year: y - 1) { result.append(.init(method: .ownTrend, value: now + (now - before))) }
            result.append(.init(method: .plusPoints, value: now + (direction == .increase ? points : -points)))
        }
        return result
    }
}
