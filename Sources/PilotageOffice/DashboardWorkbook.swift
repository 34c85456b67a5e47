import Foundation

extension Workbook {
    /// The whole dashboard as one workbook: one sheet per level (nation, regions, MLs) with one
    /// row per territory × year × breakdown and one column per line in catalogue order (ids in
    /// the first header row, official labels in the second), then a sheet that lists every line
    /// with its label, rule and direction. The cells are those of the CSV export; a cell the
    /// export omits is empty.
    public init(dashboard: Dashboard, year: Int? = nil, datasetName: String, language: Language = .fr) {
        let lines = Catalogue.computed
        let years = year.map { [$0] } ?? dashboard.years
        let title = Messages.text(.workbookDashboardTitle, language, datasetName,
                                  years.map(String.init).joined(separator: ", "))
        self.init(title: title, language: language)
        let fixed = [Column("level", subheader: Messages.text(.workbookLevel, language)),
                     Column("territory", subheader: Messages.text(.territory, language)),
                     Column("name", subheader: Messages.text(.name, language)),
                     Column("year", subheader: Messages.text(.year, language)),
                     Column("breakdown", subheader: Messages.text(.breakdown, language))]
        let columns = fixed + lines.map { Column($0.id, subheader: $0.label.fr, isPercentage: $0.isPercentage) }
        for level in [Level.national, .region, .ml] {
            let territories = dashboard.territories.filter { $0.level == level }
            var rows: [[Cell]] = []
            for t in territories {
                let name = dashboard.name(of: t)
                for y in years {
                    for b in Breakdown.allCases {
                        var any = false
                        let values = lines.map { line -> Cell in
                            guard line.breakdowns.contains(b),
                                  case .success(let v) = dashboard.value(line.id, for: t, year: y, breakdown: b)
                            else { return .empty(reason: nil) }
                            any = true
                            return Self.cell(v, line)
                        }
                        guard any else { continue }
                        rows.append([.text(level.rawValue), .text(t.id), .text(name), .year(y),
                                     .text(b.rawValue)] + values)
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
        case .ratio: return .ratio(v)
        default: return .number(v)
        }
    }
}
