import Foundation
import PilotageOffice

/// Answers as workbooks (`to r.xlsx`, `format xlsx`): the typed cells of a report or of a query
/// become typed spreadsheet cells; the text forms stay with `render`.
extension Report {
    /// One sheet per table, with the report's title, the table's heading and the source above it.
    func workbook(source: String) -> Workbook {
        var book = Workbook(title: title, language: language)
        for t in tables {
            let columns = t.columns.map { Workbook.Column($0.label) }
            let rows = t.rows.map { r in r.indices.map { k in Self.cell(r[k], key: t.columns[k].key) } }
            let title = [self.title] + t.heading.map(\.trimmed).filter { !$0.isEmpty } + [source]
            book.sheets.append(Workbook.Sheet(t.name, title: title, columns: columns, rows: rows))
        }
        return book
    }

    /// A typed cell, formatted as people read it in the table: a number shown « 51,2 % » or
    /// « +1,6 pt » is a percentage (a row may hold a different line in each table), a year stays
    /// « 2016 »; a word as people read it (« oui », not the JSON's `yes`).
    static func cell(_ cell: Cell, key: String) -> Workbook.Cell {
        let shown = cell.shown.trimmed
        if let v = cell.value.number, shown.hasSuffix("%") || shown.hasSuffix("pt") { return .percent(v) }
        switch cell.value {
        case .count(let v): return .count(v)
        case .ratio(let v): return .ratio(v)
        case .amount(let v): return .euros(v)
        case .number(let v):
            if v == v.rounded(), (1900...2100).contains(v), shown == String(Int(v)) || key == "year" { return .year(Int(v)) }
            return .number(v)
        case .text: return .text(cell.shown)
        case .absent(let reason): return .empty(reason: reason)
        }
    }
}

extension QueryRender {
    /// A query's answer as a workbook: the columns of its CSV (level, territory, name, year,
    /// breakdown, then one per line), typed; a `chart` answer gets a native chart too (bars across
    /// territories, or lines across years for one territory).
    static func workbook(_ t: QueryTable, _ q: Query, _ lang: Language, source: String, title: String) -> Workbook {
        let fixed = ["level", "territory", "name", "year", "breakdown"].map { Workbook.Column($0) }
        let columns = fixed + t.columns.map { Workbook.Column($0.key) }
        let rows = t.rows.map { r -> [Workbook.Cell] in
            let head: [Workbook.Cell] = [.text(r.territory.level.rawValue), .text(r.territory.id), .text(r.name),
                                         .year(r.year), .text(r.breakdown.code)]
            return head + zip(t.columns, r.cells).map { c, cell -> Workbook.Cell in
                switch cell {
                case .failure(let e): return .empty(reason: e.explanation(lang))
                case .success(let v):
                    switch c.part {
                    case .value, .previous: return Workbook.cell(v, c.line)
                    case .relativeChange: return .percent(v)
                    case .change: return c.line.isPercentage ? .percent(v) : c.line.isQuotient ? .ratio(v) : Workbook.cell(v, c.line)
                    }
                }
            }
        }
        var chart: Workbook.Chart?
        if q.display != .table {
            let values = t.columns.indices.filter { t.columns[$0].part == .value }.map { $0 + fixed.count }
            let oneTerritory = Set(t.rows.map(\.territory)).count == 1 && t.years.count > 1
            chart = Workbook.Chart(oneTerritory ? .lines : .bars, title: title,
                                   categoryColumn: oneTerritory ? 3 : 2, valueColumns: values)
        }
        var book = Workbook(title: title, language: lang)
        book.sheets = [Workbook.Sheet("pilotage", title: [title, source], columns: columns, rows: rows, chart: chart)]
        return book
    }
}

extension Session {
    /// « Jeu de données « demo » — Pilotage, 2026-12-01 »: the title line of a workbook.
    var workbookSource: String {
        let name = (try? dataset().manifest.name) ?? ""
        let day = ISO8601DateFormatter.string(from: Date(), timeZone: .current, formatOptions: [.withFullDate])
        return Messages.text(.workbookSource, language, name, day)
    }

    /// Writes a workbook to the file of a `to FILE.xlsx` clause.
    func write(_ book: Workbook, to path: String, token: Token) throws(ShellError) {
        try write(to: path, token: token) { () throws(ShellError) in
            do { return try book.bytes() } catch {
                let failure = OutputFile.Failure(path: path, code: EIO)
                throw ShellError(Messages.text(.cannotWrite, language, path, failure.reason(language)), at: token)
            }
        }
    }
}
