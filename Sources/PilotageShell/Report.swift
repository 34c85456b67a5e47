import Foundation

/// A command's answer as data: a title, lines of text, and tables of typed cells. One renderer
/// (`render`) prints it as a table for people, or as CSV, JSON or Markdown for other tools;
/// `format F`, `to FILE` and `--format` apply to every command that answers with a report.
/// The JSON shape is documented in Docs/reports.md.
struct Report {
    /// What a cell holds: the machine value (plain numbers, a share as a fraction, euros to the
    /// cent) and the text people read.
    enum Value {
        /// A number of young people (or of records).
        case count(Double)
        /// A quotient: a share (0.512 for 51,2 %) or another ratio (R2, R13).
        case ratio(Double)
        /// Euros.
        case amount(Double)
        /// Any other number (a score, a duration, FTEs, a year).
        case number(Double)
        /// A word or a label.
        case text(String)
        /// No value, and why.
        case absent(reason: String)

        /// The number of a numeric cell.
        var number: Double? {
            switch self {
            case .count(let x), .ratio(let x), .amount(let x), .number(let x): return x
            case .text, .absent: return nil
            }
        }

        var kind: String {
            switch self {
            case .count: return "count"
            case .ratio: return "ratio"
            case .amount: return "amount"
            case .number: return "number"
            case .text: return "text"
            case .absent: return "absent"
            }
        }
    }

    struct Cell {
        var value: Value
        /// As people read it (French or English number formatting, units, n.d.).
        var shown: String

        static func text(_ s: String) -> Cell { Cell(value: .text(s), shown: s) }
        static func absent(_ reason: String, shown: String = "n.d.") -> Cell {
            Cell(value: .absent(reason: reason), shown: shown)
        }
        static func number(_ v: Double, _ shown: String) -> Cell { Cell(value: .number(v), shown: shown) }
        /// Yes or no: `yes`/`no` in CSV and JSON, « oui »/« non » for people.
        static func flag(_ b: Bool, _ lang: Language) -> Cell {
            Cell(value: .text(b ? "yes" : "no"), shown: Messages.text(b ? .yes : .no, lang))
        }
        static func count(_ v: Double, _ lang: Language) -> Cell {
            Cell(value: .count(v), shown: formatted(v, decimals: 0, lang))
        }
        /// Euros, shown in French; a report read in English writes them its way (`localized`).
        static func amount(_ v: Money) -> Cell { Cell(value: .amount(v.euros), shown: QueryRender.euros(v.euros, .fr)) }

        /// A value of a catalogue line, typed by the line: a count, a ratio, euros or a number.
        static func line(_ v: Double, _ line: Indicator, _ lang: Language) -> Cell {
            let shown = QueryRender.display(v, line, lang)
            if line.isEuroAmount { return Cell(value: .amount(v), shown: shown) }
            switch line.kind {
            case .count: return Cell(value: .count(v), shown: shown)
            case .ratio: return Cell(value: .ratio(v), shown: shown)
            default: return Cell(value: .number(v), shown: shown)
            }
        }

        /// A value of a line, or an absent cell with the reason.
        static func line(_ r: Result<Double, Unavailability>, _ line: Indicator, _ lang: Language) -> Cell {
            switch r {
            case .success(let v): return .line(v, line, lang)
            case .failure(let e): return .absent(e.explanation(lang))
            }
        }

        /// A value of a line if known, else absent for `reason`.
        static func line(_ v: Double?, _ line: Indicator, _ lang: Language, absent reason: String) -> Cell {
            v.map { .line($0, line, lang) } ?? .absent(reason)
        }

        /// A change of a line's value: points for a share, the line's unit otherwise.
        static func change(_ v: Double, _ line: Indicator, _ lang: Language) -> Cell {
            let shown = QueryRender.display(v, .init(line: line, part: .change), lang)
            let value: Value = line.isEuroAmount ? .amount(v) : (line.isQuotient ? .ratio(v) : .number(v))
            return Cell(value: value, shown: shown)
        }
    }

    struct Column {
        /// The name in CSV and JSON (`value`, `peer_rank`).
        var key: String
        /// The header people read.
        var label: String
        /// Only in CSV and JSON (the table form shows it inside another cell).
        var dataOnly = false
    }

    struct Table {
        /// The name of the table in JSON and CSV (`step_1`, `subsidies`).
        var name: String
        /// Text printed above the table (its title), kept in JSON as `title`.
        var heading: [String] = []
        var columns: [Column]
        var rows: [[Cell]] = []
        /// Text printed under the table, kept in JSON as `notes`.
        var footer: [String] = []
        /// How many columns are left-aligned (names); the others are right-aligned (numbers).
        var leftColumns = 1
        var indent = "  "
        /// Print the header row in the table form (a list of findings has none).
        var showsHeader = true
        /// What the table form prints instead of aligned rows, when a sentence says it better
        /// (the peers, the weight in the region); CSV, JSON and Markdown keep the rows.
        var plainText: [String]?

        init(_ name: String, heading: [String] = [], columns: [(String, String)], leftColumns: Int = 1,
             indent: String = "  ") {
            self.name = name; self.heading = heading; self.leftColumns = leftColumns; self.indent = indent
            self.columns = columns.map { Column(key: $0.0, label: $0.1) }
        }

        /// The columns and rows people read (data-only columns left out).
        var shown: (header: [String], rows: [[String]]) {
            let keep = columns.indices.filter { !columns[$0].dataOnly }
            return (keep.map { columns[$0].label }, rows.map { r in keep.map { r[$0].shown } })
        }
    }

    /// A piece of the report, in the order people read it.
    enum Block {
        case text(String)
        case table(Table)
    }

    /// The kind of report (`brief`, `funding`…), the JSON's `report`.
    var kind: String
    var title: String
    var blocks: [Block] = []
    /// The language people read it in: an absent cell shows « n.d. » or "n/a".
    var language = Language.fr

    init(_ kind: String, title: String) { self.kind = kind; self.title = title }

    mutating func text(_ line: String) { blocks.append(.text(line)) }
    mutating func add(_ table: Table) { blocks.append(.table(table)) }

    var tables: [Table] { blocks.compactMap { if case .table(let t) = $0 { return t } else { return nil } } }

    /// The report in one of the four forms.
    func render(_ format: OutputFormat) -> String {
        switch format {
        case .table: return plain()
        case .csv: return csv()
        case .csvFrench: return csv(.french)
        case .json: return json()
        case .markdown: return markdown()
        // A workbook is not text: `Session.deliver` writes it; printed, the table form stands in.
        case .xlsx: return plain()
        }
    }

    // MARK: for people

    /// The rows people read, in the report's language: the absent mark and amounts in euros
    /// written its way (cells are made once; a report is read in the session's language).
    func localized(_ t: Table) -> [[String]] {
        let keep = t.columns.indices.filter { !t.columns[$0].dataOnly }
        return t.rows.map { r in keep.map { k in
            switch r[k].value {
            case .amount(let euros) where language == .en: return QueryRender.euros(euros, language)
            case .absent where r[k].shown == "n.d.": return Messages.text(.notAvailable, language)
            default: return r[k].shown
            }
        } }
    }

    func plain() -> String {
        var out = title.isEmpty ? "" : title + "\n"
        for b in blocks {
            switch b {
            case .text(let s): out += s + "\n"
            case .table(let t):
                for h in t.heading { out += h + "\n" }
                if let lines = t.plainText {
                    for l in lines { out += l + "\n" }
                } else {
                    let rows = (t.showsHeader ? [t.shown.header] : []) + localized(t)
                    if !rows.isEmpty { out += aligned(rows, leftColumns: t.leftColumns, indent: t.indent) }
                }
                for f in t.footer { out += f + "\n" }
            }
        }
        return out
    }

    func markdown() -> String {
        func line(_ cells: [String]) -> String {
            // A cell's lines (a theme's text) are separated by <br>, which keeps the row on one line.
            "| " + cells.map { $0.replacingOccurrences(of: "|", with: "\\|").replacingOccurrences(of: "\n", with: "<br>") }
                .joined(separator: " | ") + " |\n"
        }
        var out = title.isEmpty ? "" : "## " + title + "\n"
        for b in blocks {
            switch b {
            case .text(let s):
                let t = s.trimmingCharacters(in: .whitespaces)
                if !t.isEmpty { out += "\n" + t + "\n" }
            case .table(let t):
                for h in t.heading.map(\.trimmed) where !h.isEmpty { out += "\n**" + h + "**\n" }
                let header = t.shown.header, rows = localized(t)
                out += "\n" + line(header)
                out += "|" + header.indices.map { $0 < t.leftColumns ? " --- |" : " ---: |" }.joined() + "\n"
                for r in rows { out += line(r) }
                for f in t.footer.map(\.trimmed) where !f.isEmpty { out += "\n" + f + "\n" }
            }
        }
        return out
    }

    // MARK: for other tools

    /// The tables one after the other, each with its header row, separated by an empty line.
    func csv(_ dialect: CSVDialect = .standard) -> String {
        (dialect.byteOrderMark ? "\u{FEFF}" : "") + tables.map { t in
            var out = dialect.row(t.columns.map(\.key))
            for r in t.rows {
                out += dialect.row(r.map { cell in
                    let v = Self.plainValue(cell.value) ?? ""
                    return cell.value.number == nil ? v : dialect.number(v)
                })
            }
            return out
        }.joined(separator: dialect.lineEnd)
    }

    static func plainValue(_ v: Value) -> String? {
        if let x = v.number { return NumberText.decimal(x) }
        if case .text(let s) = v { return s }
        return nil
    }

    func json() -> String {
        let s = JSONText.string
        var texts: [String] = []
        for case .text(let t) in blocks where !t.trimmed.isEmpty { texts.append(t.trimmed) }
        var out = "{\n  \"report\": \(s(kind)),\n  \"title\": \(s(title)),\n"
        out += "  \"notes\": [" + texts.map(s).joined(separator: ", ") + "],\n  \"tables\": ["
        for (k, t) in tables.enumerated() {
            let heading = t.heading.map(\.trimmed).filter { !$0.isEmpty }.joined(separator: "\n")
            out += (k == 0 ? "\n" : ",\n") + "    {\"name\": \(s(t.name)), \"title\": \(s(heading)),\n"
            out += "     \"columns\": [" + t.columns.map { c in
                let kinds = Set(t.rows.compactMap { r -> String? in
                    guard let i = t.columns.firstIndex(where: { $0.key == c.key }), i < r.count,
                          r[i].value.kind != "absent" else { return nil }
                    return r[i].value.kind
                })
                let type = kinds.count == 1 ? kinds.first! : kinds.isEmpty ? "absent" : "mixed"
                return "{\"key\": \(s(c.key)), \"label\": \(s(c.label)), \"type\": \(s(type))}"
            }.joined(separator: ", ") + "],\n"
            out += "     \"rows\": ["
            for (i, r) in t.rows.enumerated() {
                var values: [String] = [], reasons: [String] = []
                for (c, cell) in zip(t.columns, r) {
                    switch cell.value {
                    case .text(let v): values.append("\(s(c.key)): \(s(v))")
                    case .absent(let why):
                        values.append("\(s(c.key)): null")
                        reasons.append("\(s(c.key)): \(s(why))")
                    default: values.append("\(s(c.key)): \(NumberText.decimal(cell.value.number ?? 0))")
                    }
                }
                out += (i == 0 ? "\n" : ",\n") + "       {" + values.joined(separator: ", ")
                    + (reasons.isEmpty ? "" : ", \"reasons\": {" + reasons.joined(separator: ", ") + "}") + "}"
            }
            out += (t.rows.isEmpty ? "]" : "\n     ]") + ",\n"
            out += "     \"notes\": [" + t.footer.map { s($0.trimmed) }.joined(separator: ", ") + "]}"
        }
        return out + (tables.isEmpty ? "]\n}\n" : "\n  ]\n}\n")
    }
}

extension String {
    /// Without its leading and trailing spaces.
    var trimmed: String { trimmingCharacters(in: .whitespaces) }
}

/// JSON text: a string with its escapes (shared by the query's JSON and the reports').
enum JSONText {
    static func string(_ s: String) -> String {
        var out = "\""
        for u in s.unicodeScalars {
            switch u {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default: out += u.value < 0x20 ? String(format: "\\u%04x", u.value) : String(u)
            }
        }
        return out + "\""
    }
}
