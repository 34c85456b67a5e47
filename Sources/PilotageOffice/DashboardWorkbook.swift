import Foundation

extension Workbook {
    /// The whole dashboard as one workbook: one sheet per level (nation, regions, MLs) with one
    /// row per territory × year × breakdown and one column per line in catalogue order (ids in
    /// the first header row, official labels in the second), then a sheet that lists every line
    /// with its label, rule and direction. The cells are those of the CSV export; a cell the
    /// export omits is empty.
    public init(dashboard: Dashboard, year: Int? = nil, datasetName: String, language: Language = .fr) {
        self.init(levels: dashboard, lines: Catalogue.computed, keys: Breakdown.allCases.map(\.rawValue), year: year,
                  title: Messages.text(.workbookDashboardTitle, language, datasetName,
                                       (year.map { [$0] } ?? dashboard.years).map(String.init).joined(separator: ", ")),
                  language: language) { line, t, y, key in
            let b = Breakdown(rawValue: key)!
            return line.breakdowns.contains(b) ? dashboard.value(line.id, for: t, year: y, breakdown: b) : nil
        }
    }

    /// The programme tables as one workbook: as the dashboard's, with one row per territory ×
    /// year × programme and one column per programme line.
    public init(programmes: ProgrammeTables, of dashboard: Dashboard, year: Int? = nil, datasetName: String,
                language: Language = .fr) {
        self.init(levels: dashboard, lines: ProgrammeTables.lines, keys: ProgrammeTables.programmes.map(\.rawValue), year: year,
                  title: Messages.text(.workbookProgrammesTitle, language, datasetName,
                                       (year.map { [$0] } ?? dashboard.years).map(String.init).joined(separator: ", ")),
                  language: language) { line, t, y, key in
            programmes.value(line.id, for: t, year: y, programme: Program(rawValue: key)!)
        }
    }

    /// A sheet per level, a row per territory × year × key (breakdown or programme) that has a
    /// value, a column per line; then the lines sheet. `value` is nil where a line has no such key.
    private init(levels dashboard: Dashboard, lines: [Indicator], keys: [String], year: Int?, title: String, language: Language,
                 value: (Indicator, Territory, Int, String) -> Result<Double, Unavailability>?) {
        let years = year.map { [$0] } ?? dashboard.years
        self.init(title: title, language: language)
        let fixed = [Column("level", subheader: Messages.text(.workbookLevel, language)),
                     Column("territory", subheader: Messages.text(.territory, language)),
                     Column("name", subheader: Messages.text(.name, language)),
                     Column("year", subheader: Messages.text(.year, language)),
                     Column("breakdown", subheader: Messages.text(.breakdown, language))]
        let columns = fixed + lines.map { Column($0.id, subheader: $0.label.fr) }
        for level in [Level.national, .region, .ml] {
            var rows: [[Cell]] = []
            for t in dashboard.territories(level) {
                let name = dashboard.name(of: t)
                for y in years {
                    for key in keys {
                        var any = false
                        let values = lines.map { line -> Cell in
                            guard case .success(let v)? = value(line, t, y, key) else { return .empty(reason: nil) }
                            any = true
                            return Self.cell(v, line)
                        }
                        guard any else { continue }
                        rows.append([.text(level.rawValue), .text(t.id), .text(name), .year(y), .text(key)] + values)
                    }
                }
            }
            let sheetName = Messages.text(level == .national ? .workbookNation : level == .region ? .workbookRegions : .workbookMLs,
                                          language)
            sheets.append(Sheet(sheetName, title: [title], columns: columns, rows: rows, subheaders: true))
        }
        let described = lines.map { line -> [Cell] in
            [.text(line.id), .text(line.label.fr), .text(Messages.kindName(line.kind, language)),
             .text(line.rule.text(language)), .text(line.direction.label.text(language))]
        }
        sheets.append(Sheet(Messages.text(.workbookLines, language), title: [title],
                            columns: [Column("id"), Column(Messages.text(.officialLabel, language)),
                                      Column(Messages.text(.kind, language)), Column(Messages.text(.rule, language)),
                                      Column(Messages.text(.direction, language))],
                            rows: described))
    }

    /// A value of a catalogue line as a typed cell: a count, a ratio, euros or a number.
    public static func cell(_ v: Double, _ line: Indicator) -> Cell {
        if line.isEuroAmount { return .euros(v) }
        switch line.kind {
        case .count: return .count(v)
        case .ratio: return line.isPercentage ? .percent(v) : .ratio(v)
        default: return .number(v)
        }
    }
}
