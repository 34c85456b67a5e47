import Foundation

/// The answer of a query: one row per territory × year × breakdown, one column per line
/// (four with `change`: N, N−1, change, % change).
struct QueryTable {
    enum Part: CaseIterable { case value, previous, change, relativeChange }
    struct Column {
        var line: Indicator
        var part: Part
        /// The CSV / JSON name: `R10`, `R10_prev`, `R10_change`, `R10_rel_change`.
        var key: String {
            switch part {
            case .value: return line.id
            case .previous: return line.id + "_prev"
            case .change: return line.id + "_change"
            case .relativeChange: return line.id + "_rel_change"
            }
        }
    }
    struct Row {
        var territory: Territory
        var name: String
        var year: Int
        var breakdown: Population
        var cells: [Result<Double, Unavailability>]
        /// A comparison row added by `with region|nation` (outside sorting and filters).
        var isReference = false
    }

    var columns: [Column]
    var rows: [Row]
    var years: [Int]
    var breakdowns: [Population]

    /// Evaluates a query on a dashboard (and the programme tables, for programme rows): values,
    /// filters, order, limit, comparison rows.
    init(_ q: Query, _ d: Dashboard, programmes: ProgrammeTables? = nil) {
        /// A line's value for a population: the dashboard's, or the programme tables'.
        func value(_ id: String, _ t: Territory, _ y: Int, _ b: Population) -> Result<Double, Unavailability> {
            switch b {
            case .breakdown(let b): return d.value(id, for: t, year: y, breakdown: b)
            case .programme(let p):
                return programmes?.value(id, for: t, year: y, programme: p) ?? .failure(.noProgrammeTable(p))
            }
        }
        func number(_ id: String, for t: Territory, year y: Int, breakdown b: Population) -> Double? {
            try? value(id, t, y, b).get()
        }
        years = q.years; breakdowns = q.breakdowns
        columns = q.lines.flatMap { line in (q.change ? Part.allCases : [.value]).map { Column(line: line, part: $0) } }
        func row(_ t: Territory, _ y: Int, _ b: Population, reference: Bool = false) -> Row {
            let cells = q.lines.flatMap { line -> [Result<Double, Unavailability>] in
                let now = value(line.id, t, y, b)
                guard q.change else { return [now] }
                let before = value(line.id, t, y - 1, b)
                let change: Result<Double, Unavailability>, relative: Result<Double, Unavailability>
                switch (now, before) {
                case (.success(let n), .success(let p)):
                    change = .success(n - p)
                    relative = p == 0 ? .failure(.zeroDenominator("\(line.id) \(y - 1)")) : .success((n - p) / p)
                case (.failure(let e), _), (_, .failure(let e)): change = .failure(e); relative = .failure(e)
                }
                return [now, before, change, relative]
            }
            return Row(territory: t, name: d.name(of: t), year: y, breakdown: b, cells: cells, isReference: reference)
        }
        // Filters and order act on territories, judged by their row of the last year and first breakdown.
        let keyYear = q.years.last ?? 0, keyBreakdown = q.breakdowns.first ?? Population.all
        var selected = q.territories
        for f in q.filters {
            func value(_ t: Territory) -> Double? { number(f.line.id, for: t, year: keyYear, breakdown: keyBreakdown) }
            let known = selected.compactMap(value)
            let cut: (Territory) -> Double?
            switch f.threshold {
            case .number(let x): cut = { _ in x }
            case .median: let m = Statistics.quantile(known, 0.5); cut = { _ in m }
            case .q1: let m = Statistics.quantile(known, 0.25); cut = { _ in m }
            case .q3: let m = Statistics.quantile(known, 0.75); cut = { _ in m }
            case .mean: let m = known.isEmpty ? nil : known.reduce(0, +) / Double(known.count); cut = { _ in m }
            case .region:
                cut = { t in t.level == .ml ? d.region(of: t.id).flatMap { number(f.line.id, for: $0, year: keyYear, breakdown: keyBreakdown) } : nil }
            case .nation: let m = number(f.line.id, for: .nation, year: keyYear, breakdown: keyBreakdown); cut = { _ in m }
            }
            selected = selected.filter { t in
                guard let v = value(t), let c = cut(t) else { return false }
                switch f.op {
                case "<": return v < c
                case "<=": return v <= c
                case ">": return v > c
                case ">=": return v >= c
                default: return v == c
                }
            }
        }

        // `top`/`bottom` pick by the sort line (the first line by default); absent values go last.
        if q.sortLine != nil || q.limit != nil {
            let key = q.sortLine ?? q.lines[0]
            let descending = q.ascending.map { !$0 } ?? (q.limit?.top ?? true)
            func v(_ t: Territory) -> Double? { number(key.id, for: t, year: keyYear, breakdown: keyBreakdown) }
            func ordered(_ list: [Territory], _ desc: Bool) -> [Territory] {
                list.enumerated().sorted { a, b in
                    switch (v(a.element), v(b.element)) {
                    case let (x?, y?) where x != y: return desc ? x > y : x < y
                    case (nil, _?): return false
                    case (_?, nil): return true
                    default: return a.offset < b.offset
                    }
                }.map(\.element)
            }
            selected = ordered(selected, q.limit?.top ?? descending)
            if let limit = q.limit { selected = Array(selected.prefix(limit.count)) }
            if q.ascending != nil { selected = ordered(selected, descending) }
        }
        var main: [Row] = []
        for t in selected { for y in q.years { for b in q.breakdowns { main.append(row(t, y, b)) } } }

        // Comparison rows: the regions of the rows shown, then the nation.
        var references: [Row] = []
        if q.withRegion {
            var seen = Set<Territory>()
            for r in main where r.territory.level == .ml {
                guard let region = d.region(of: r.territory.id), seen.insert(region).inserted else { continue }
                for y in q.years { for b in q.breakdowns { references.append(row(region, y, b, reference: true)) } }
            }
        }
        if q.withNation, !main.contains(where: { $0.territory == .nation }) {
            for y in q.years { for b in q.breakdowns { references.append(row(.nation, y, b, reference: true)) } }
        }
        rows = main + references
    }
}
