import Foundation

/// The performance × efficacy matrix of Annexe 2 §2a (« une matrice permettant d'évaluer la
/// performance et l'efficacité des Missions locales »): where each ML of a scope stands on two
/// composite scores, each a mean of z-scores within the scope. The instruction defines the two
/// variables (``Matrix/efficacyDefinition``, ``Matrix/performanceDefinition``) but no formula:
/// the measures, the method and the quadrants' names are Pilotage's reading. The code keeps the
/// name `efficiency` for the instruction's « efficacité ».
///
/// The default method (documented, overridable):
/// - efficiency = mean z of R13, R12, young people in contact per FTE (1 / 9) and 10.1.e
///   (``allFunding``: line 10 per accompanied young person, 10 / 4, instead);
/// - performance = mean z of R10, R11, R9 and the 4.4 rate (4.4 / 4), each first adjusted for
///   context: the residual of a least-squares regression, across the MLs of the scope, on
///   DEFM/JANO (0.2 / 0.1) and the shares of young people in contact living in a QPV and in a ZRR.
///
/// Each measure counts in its ``Direction``: a catalogue line in the catalogue's (R11 and
/// 10.1.e are lower-is-better, so they count negatively); a quotient of two lines in the one it
/// declares (more young people per FTE, a higher 4.4 rate: higher is better).
///
/// ```swift
/// let m = try dashboard.matrix(within: .region("84"), year: 2016)
/// m.points.first { $0.ml == "ML069-LYON" }?.quadrant
/// ```
public struct MatrixMethod: Hashable, Sendable {
    /// A measure: a line, or a quotient of two lines (each under a breakdown), with its direction.
    public struct Measure: Hashable, Sendable {
        /// What is shown for it.
        public var label: String
        /// The numerator's value.
        public var numerator: String, numeratorBreakdown: Breakdown
        /// The denominator's value.
        public var denominator: String?, denominatorBreakdown: Breakdown
        /// Which way the measure reads; its z-score counts negatively when lower is better.
        public var direction: Direction
        /// +1, or −1 when lower is better (context covariates, without direction, are not scored).
        public var sign: Double { direction == .lowerIsBetter ? -1 : 1 }
        /// A catalogue line, read in its catalogue direction.
        public init(line id: String, _ breakdown: Breakdown = .all) {
            self.init(id, id, breakdown, direction: Catalogue.indicator(id)?.direction ?? .none)
        }
        /// A value or a quotient of two values, with the direction it declares (a context
        /// covariate has none).
        public init(_ label: String, _ numerator: String, _ nb: Breakdown = .all, over denominator: String? = nil, _ db: Breakdown = .all,
                    direction: Direction) {
            self.label = label; self.numerator = numerator; numeratorBreakdown = nb
            self.denominator = denominator; denominatorBreakdown = db; self.direction = direction
        }
        func value(_ d: Dashboard, _ t: Territory, _ year: Int) -> Double? {
            guard let n = d.number(numerator, for: t, year: year, breakdown: numeratorBreakdown) else { return nil }
            guard let denominator else { return n }
            guard let q = d.number(denominator, for: t, year: year, breakdown: denominatorBreakdown), q != 0 else { return nil }
            return n / q
        }
    }
    /// Efficiency score (mean of z-scores).
    public var efficiency: [Measure]
    /// Performance score (mean of z-scores).
    public var performance: [Measure]
    /// The context covariates the performance measures are adjusted on (none: no adjustment).
    public var context: [Measure]

    /// Creates a value from its fields.
    public init(efficiency: [Measure], performance: [Measure], context: [Measure]) {
        self.efficiency = efficiency; self.performance = performance; self.context = context
    }

    /// The default method of Pilotage: efficacy on the State's money per accompanied young
    /// person (10.1.e).
    public static let standard = MatrixMethod(
        efficiency: [.init(line: "R13"), .init(line: "R12"), .init("1/9", "1", over: "9", direction: .higherIsBetter), .init(line: "10.1.e")],
        performance: [.init(line: "R10"), .init(line: "R11"), .init(line: "R9"), .init("4.4/4", "4.4", over: "4", direction: .higherIsBetter)],
        context: [.init("0.2/0.1", "0.2", over: "0.1", direction: .none), .init("QPV", "1", .qpv, over: "1", direction: .none),
                  .init("ZRR", "1", .zrr, over: "1", direction: .none)])

    /// The default method with efficacy read on all the ML's funding (line 10, « financements »
    /// in the instruction's words) per accompanied young person instead of the State's alone.
    public static let allFunding: MatrixMethod = {
        var m = standard
        m.efficiency = m.efficiency.map { $0.numerator == "10.1.e" ? .init("10/4", "10", over: "4", direction: .lowerIsBetter) : $0 }
        return m
    }()
}

/// The matrix of a scope for one year.
public struct Matrix: Hashable, Sendable {
    /// The instruction's definition of the first variable, « efficacité » (Annexe n°2, 2 a), verbatim.
    public static let efficacyDefinition = "son efficacité qui peut se traduire par le degré d'optimisation de ses ressources (ETP, financements) au service de son activité (interaction avec les jeunes, les partenaires, les employeurs)"
    /// The instruction's definition of the second variable, « performance », verbatim.
    public static let performanceDefinition = "sa performance qui peut se lire dans le rapport entre les résultats produits (en termes d'accès à l'emploi et d'accès au droit commun) et la prise en compte d'un contexte donné (géographique, économique et social)"

    /// The four quadrants.
    public enum Quadrant: String, Hashable, Sendable, CaseIterable {
        /// Performant and efficient.
        case performantEfficient = "performante et efficace"
        /// Performant, not efficient.
        case performantOnly = "performante, peu efficace"
        /// Efficient, not performant.
        case efficientOnly = "efficace, peu performante"
        /// Neither.
        case neither = "ni performante ni efficace"

        /// The quadrant's name in `language` (the raw value is the French one). The names are
        /// Pilotage's reading: the instruction crosses the two variables without naming quadrants.
        public func label(_ language: Language) -> String {
            guard language == .en else { return rawValue }
            switch self {
            case .performantEfficient: return "performant and effective"
            case .performantOnly: return "performant, not very effective"
            case .efficientOnly: return "effective, not very performant"
            case .neither: return "neither performant nor effective"
            }
        }
    }
    /// One ML of the matrix.
    public struct Point: Hashable, Sendable {
        /// The Mission locale.
        public var ml: String
        /// Efficiency score (mean of z-scores).
        public var efficiency: Double
        /// Performance score (mean of z-scores).
        public var performance: Double
        /// The quadrant.
        public var quadrant: Quadrant {
            switch (performance >= 0, efficiency >= 0) {
            case (true, true): return .performantEfficient
            case (true, false): return .performantOnly
            case (false, true): return .efficientOnly
            case (false, false): return .neither
            }
        }
    }
    /// The region or the nation.
    public var scope: Territory
    /// The year.
    public var year: Int
    /// The points of the scope.
    public var points: [Point]
    /// MLs left out because a measure is absent (zero denominator, missing file…).
    public var excluded: [String]
    /// Whether performance was adjusted for context (needs more MLs than covariates + 1).
    public var contextAdjusted: Bool
}

/// Why a matrix cannot be computed.
public enum MatrixError: Error, Hashable, Sendable {
    /// No such region.
    case unknownScope(Territory)
    /// The year is not in the dataset.
    case unknownYear(Int)
    /// Fewer than two MLs have every measure.
    case tooFewMissionsLocales(Int)
}

extension Dashboard {
    /// The performance × efficiency matrix of the MLs of a region or the nation. MLs where a
    /// measure is absent are listed in `excluded`, never scored as 0.
    public func matrix(within scope: Territory = .nation, year: Int, method: MatrixMethod = .standard) throws(MatrixError) -> Matrix {
        guard years.contains(year) else { throw .unknownYear(year) }
        let mls = missions(in: scope)
        guard !mls.isEmpty else { throw .unknownScope(scope) }
        let all = method.efficiency + method.performance + method.context
        var kept: [Territory] = [], excluded: [String] = []
        var values: [[Double]] = []
        for ml in mls {
            let v = all.map { $0.value(self, ml, year) }
            if v.contains(where: { $0 == nil || !$0!.isFinite }) { excluded.append(ml.id); continue }
            kept.append(ml); values.append(v.map { $0! })
        }
        guard kept.count >= 2 else { throw .tooFewMissionsLocales(kept.count) }
        let nE = method.efficiency.count, nP = method.performance.count, nC = method.context.count
        func column(_ k: Int) -> [Double] { values.map { $0[k] } }
        var efficiency = [Double](repeating: 0, count: kept.count), performance = efficiency
        for k in 0..<nE {
            let z = Statistics.zScores(column(k).map { $0 * method.efficiency[k].sign })
            for i in kept.indices { efficiency[i] += z[i] / Double(nE) }
        }
        let covariates = (0..<nC).map { column(nE + nP + $0) }
        let adjusted = nC > 0 && kept.count > nC + 1
        for k in 0..<nP {
            var y = column(nE + k).map { $0 * method.performance[k].sign }
            if adjusted, let r = Statistics.residuals(y, on: covariates) { y = r }
            let z = Statistics.zScores(y)
            for i in kept.indices { performance[i] += z[i] / Double(nP) }
        }
        let points = kept.indices.map { Matrix.Point(ml: kept[$0].id, efficiency: efficiency[$0], performance: performance[$0]) }
        return Matrix(scope: scope, year: year, points: points, excluded: excluded, contextAdjusted: adjusted)
    }
}

/// Small statistics of the dashboard, the brief and the matrix.
public enum Statistics {
    /// Linear interpolation between order statistics (spreadsheets' QUARTILE.INC); nil when empty.
    public static func quantile(_ values: [Double], _ p: Double) -> Double? {
        let v = values.sorted()
        guard !v.isEmpty else { return nil }
        let x = p * Double(v.count - 1), i = Int(x.rounded(.down)), f = x - Double(i)
        return i + 1 < v.count ? v[i] + f * (v[i + 1] - v[i]) : v[i]
    }

    /// The middle value, or the mean of the two middle values; nil when empty.
    public static func median(_ values: [Double]) -> Double? {
        let v = values.sorted(), n = v.count
        guard n > 0 else { return nil }
        return n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2
    }

    /// (x − mean) / standard deviation (population); all 0 when the values do not vary.
    public static func zScores(_ x: [Double]) -> [Double] {
        guard !x.isEmpty else { return [] }
        let mean = x.reduce(0, +) / Double(x.count)
        let sd = (x.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(x.count)).squareRoot()
        return sd > 1e-12 ? x.map { ($0 - mean) / sd } : x.map { _ in 0 }
    }

    /// Residuals of the least-squares fit of `y` on an intercept and the covariates; nil when
    /// the covariates are collinear.
    public static func residuals(_ y: [Double], on covariates: [[Double]]) -> [Double]? {
        let n = y.count, k = covariates.count + 1
        // Normal equations (XᵀX) b = Xᵀy, X = [1, covariates…].
        func x(_ i: Int, _ j: Int) -> Double { j == 0 ? 1 : covariates[j - 1][i] }
        var a = [[Double]](repeating: [Double](repeating: 0, count: k + 1), count: k)
        for r in 0..<k {
            for c in 0..<k { a[r][c] = (0..<n).reduce(0) { $0 + x($1, r) * x($1, c) } }
            a[r][k] = (0..<n).reduce(0) { $0 + x($1, r) * y[$1] }
        }
        // Gauss-Jordan with partial pivoting.
        for col in 0..<k {
            guard let pivot = (col..<k).max(by: { abs(a[$0][col]) < abs(a[$1][col]) }), abs(a[pivot][col]) > 1e-10 else { return nil }
            a.swapAt(col, pivot)
            for r in 0..<k where r != col {
                let f = a[r][col] / a[col][col]
                for c in col...k { a[r][c] -= f * a[col][c] }
            }
        }
        let b = (0..<k).map { a[$0][k] / a[$0][$0] }
        return (0..<n).map { i in y[i] - (0..<k).reduce(0) { $0 + b[$1] * x(i, $1) } }
    }
}
