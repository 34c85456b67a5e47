import Foundation

/// The programme tables (the « tableaux de pilotage des dispositifs »): the lines that read
/// national pathways, broken down by national programme. Under programme P, « national
/// pathway » in a line's rule reads « pathway of programme P »; nothing else changes and every
/// young person is kept, so that a young person with pathways of two programmes counts under
/// both (indicators.md, « Programme tables »).
///
/// ```swift
/// let tables = ProgrammeTables(dataset)
/// let gj = tables.value("R10", for: .ml("ML069-LYON"), year: 2016, programme: .garantieJeunes)
/// ```
public struct ProgrammeTables: Sendable {
    /// The national programmes, in the order of the tables.
    public static let programmes: [Program] = [.civis, .civisRenforce, .ppae, .garantieJeunes, .pacea]

    /// The lines that have a programme breakdown, in catalogue order.
    public static var lines: [Indicator] { Catalogue.computed.filter(\.hasProgrammeBreakdown) }

    private let tables: [Program: Dashboard]
    /// The years of the dataset.
    public let years: [Int]

    /// Computes the programme tables of a dataset: from microdata, one evaluation per programme,
    /// of the young people who have a pathway of it that the years can count (see
    /// `ComponentTable.programmesHeld`), for its lines alone; from an aggregate dataset, its programme rows
    /// (`breakdown` = the programme's code in `indicators.csv`), the ratios computed from them.
    public init(_ dataset: Dataset, programmes: [Program] = ProgrammeTables.programmes) {
        years = dataset.years
        let t = Trace.now()
        var tables: [Program: Dashboard] = [:], first: Dashboard?
        let held = dataset.micro.map { ComponentTable.programmesHeld($0, years: dataset.years) }
        Trace.log("programmes held", t)
        for p in programmes where p.scope == .national {
            let table = ComponentTable(dataset: dataset, programme: p, held: held)
            // The tables share the dashboard's names and indexes: made once.
            let dashboard = first.map { Dashboard($0, table: table) } ?? Dashboard(dataset, table: table)
            tables[p] = dashboard
            first = first ?? dashboard
        }
        self.tables = tables
        Trace.log("programme tables", t)
    }

    /// The value of a line for a territory, year and national programme, or why it is absent.
    public func value(_ id: String, for territory: Territory, year: Int, programme: Program) -> Result<Double, Unavailability> {
        guard let line = Catalogue.indicator(id) else { return .failure(.unknownIndicator(id)) }
        guard line.hasProgrammeBreakdown else { return .failure(.noProgrammeBreakdown(id)) }
        guard let table = tables[programme] else { return .failure(.noProgrammeTable(programme)) }
        // An aggregate dataset's missing value is a missing programme row: said so.
        return table.value(id, for: territory, year: year).mapError { reason in
            guard case .missingValue(let indicator, let ids) = reason else { return reason }
            return .missingProgrammeValue(indicator: indicator, programme: programme, mlIDs: ids)
        }
    }

    /// The value or `nil`.
    public func number(_ id: String, for territory: Territory, year: Int, programme: Program) -> Double? {
        try? value(id, for: territory, year: year, programme: programme).get()
    }

    /// The export of `pilotage export programmes`: the export format of `dataset-format.md` for
    /// the programme lines only, `breakdown` the programme code, sorted as the dashboard export
    /// (territories, years, lines, then programmes in table order); counts even when 0, absent
    /// cells (a ratio with a zero denominator) omitted.
    public func exportCSV<E: Error>(year: Int? = nil, dialect: CSVDialect = .standard,
                                    into write: (String) throws(E) -> Void) throws(E) {
        guard let any = tables.values.first else { return try write(dialect.row(Self.header)) }
        let available = Self.programmes.filter { tables[$0] != nil }, dashboards = available.map { tables[$0]! }
        // The tables share one layout; a cell is read from its table's values (a dashboard taken
        // out of the array for each cell would be copied, its dozen references counted).
        let values = dashboards.map(\.table.values), layout = any.table
        try ExportRows.write(any, year: year, lines: Self.lines, keys: available.map(\.rawValue), dialect: dialect, into: write) {
            line, plan, t, ti, yi, k in
            if case .computed = plan { return dashboards[k].exportValue(line, plan, t, ti, yi, 0) }
            return plan.read(values[k], cell: layout.offset(ti, yi, 0, 0))
        }
    }

    /// The whole export as one string.
    public func exportCSV(year: Int? = nil) -> String {
        var out = ""
        exportCSV(year: year) { out += $0 }
        return out
    }

    static let header = ["level", "territory", "year", "indicator", "breakdown", "value"]
}

extension Indicator {
    /// Whether the line reads national pathways and so has a programme breakdown (3.1, 4.1 …,
    /// R8, the 4.2 cohorts and R9, 6.1 …, 8.1 and its « dont » lines, R10, R11).
    public var hasProgrammeBreakdown: Bool { Catalogue.programmeLineIDs.contains(id) }

    /// Whether, under a programme, the line reads the young person's last exit of that
    /// programme's pathways in the year (8.1's « dont » lines): it may not be their last national
    /// exit, which the line reads under `all`, so the programme's count may exceed the line's
    /// `all` count (every other programme count is at most it).
    public var readsProgrammeLastExit: Bool { hasProgrammeBreakdown && id.hasPrefix("8.1.") }
}

extension Catalogue {
    /// The lines of the programme tables (indicators.md, « Programme tables »): one fact, here.
    static let programmeLineIDs: Set<String> = {
        var ids: Set<String> = ["3.1", "4.1", "4.1.end", "4.1.f", "4.1.g", "4.1.g.1", "4.1.h", "4.1.i", "R8",
                                "4.2.m4.base", "4.2.m4", "4.2.m12.base", "4.2.m12", "R9",
                                "6.1", "6.1.formation", "6.1.emploi", "6.1.eav", "8.1", "R10", "R11"]
        for line in Catalogue.all where line.id.hasPrefix("4.1.f.") || line.id.hasPrefix("8.1.") { ids.insert(line.id) }
        return ids
    }()
}
