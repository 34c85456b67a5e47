import Foundation

/// Prints a query's answer: table, CSV, JSON, Markdown, terminal bars and sparklines, SVG.
enum QueryRender {
    static func text(_ t: QueryTable, _ q: Query, _ format: OutputFormat, _ lang: Language) -> String {
        switch q.display {
        case .bars: return bars(t, lang)
        case .spark: return sparks(t, lang)
        case .table: break
        }
        switch format {
        case .csv: return csv(t)
        case .csvFrench: return csv(t, .french)
        case .xlsx: return table(t, lang, why: q.why) // written as a workbook by `show … to F.xlsx`
        case .json: return json(t, lang)
        case .table: return table(t, lang, why: q.why)
        case .markdown: return markdown(t, lang, why: q.why)
        }
    }

    // MARK: CSV and JSON (machine formats: plain numbers, `.` decimal point)

    static func csv(_ t: QueryTable, _ dialect: CSVDialect = .standard) -> String {
        var out = (dialect.byteOrderMark ? "\u{FEFF}" : "")
            + dialect.row(["level", "territory", "name", "year", "breakdown"] + t.columns.map(\.key))
        for r in t.rows {
            let cells = r.cells.map { c -> String in
                if case .success(let v) = c { return dialect.number(NumberText.decimal(v)) } else { return "" }
            }
            out += dialect.row([r.territory.level.rawValue, r.territory.id, r.name, String(r.year), r.breakdown.code] + cells)
        }
        return out
    }

    static func json(_ t: QueryTable, _ lang: Language) -> String {
        let string = JSONText.string
        var out = "{\n  \"columns\": [" + t.columns.map { string($0.key) }.joined(separator: ", ") + "],\n  \"rows\": ["
        for (k, r) in t.rows.enumerated() {
            var values: [String] = [], reasons: [String] = []
            for (c, cell) in zip(t.columns, r.cells) {
                switch cell {
                case .success(let v): values.append("\(string(c.key)): \(NumberText.decimal(v))")
                case .failure(let e):
                    values.append("\(string(c.key)): null")
                    reasons.append("\(string(c.key)): \(string(e.explanation(lang)))")
                }
            }
            out += (k == 0 ? "\n" : ",\n") + "    {\"level\": \(string(r.territory.level.rawValue)), \"territory\": \(string(r.territory.id)), "
                + "\"name\": \(string(r.name)), \"year\": \(r.year), \"breakdown\": \(string(r.breakdown.code)), "
                + "\"values\": {\(values.joined(separator: ", "))}"
                + (reasons.isEmpty ? "" : ", \"reasons\": {\(reasons.joined(separator: ", "))}") + "}"
        }
        return out + (t.rows.isEmpty ? "]\n}\n" : "\n  ]\n}\n")
    }

    // MARK: table and Markdown (for people: formatted numbers, n.d.)

    /// Header and cells as displayed; the first column names the territory.
    static func cells(_ t: QueryTable, _ lang: Language) -> (header: [String], rows: [[String]], notes: [String]) {
        let manyYears = t.years.count > 1, manyBreakdowns = t.breakdowns.count > 1
        var header = [Messages.text(.territory, lang)]
        if manyYears { header.append(Messages.text(.year, lang)) }
        if manyBreakdowns { header.append(Messages.text(t.breakdowns[0].isProgramme ? .programmeHeader : .breakdown, lang)) }
        header += t.columns.map { c in
            switch c.part {
            case .value: return c.line.id
            case .previous: return "N−1"
            case .change: return "Δ"
            case .relativeChange: return "Δ %"
            }
        }
        var rows: [[String]] = [], notes: [String] = [], reasons: [String: Int] = [:]
        for r in t.rows {
            var row = [(r.isReference ? "= " : "") + "\(r.name) (\(r.territory.id))"]
            if manyYears { row.append(String(r.year)) }
            if manyBreakdowns { row.append(r.breakdown.label(lang)) }
            for (c, cell) in zip(t.columns, r.cells) {
                switch cell {
                case .success(let v): row.append(display(v, c, lang))
                case .failure(let e):
                    let reason = e.explanation(lang)
                    if reasons[reason] == nil { reasons[reason] = reasons.count + 1; notes.append("[\(reasons.count)] \(reason)") }
                    row.append(Messages.text(.notAvailable, lang) + "[\(reasons[reason]!)]")
                }
            }
            rows.append(row)
        }
        return (header, rows, notes)
    }

    static func table(_ t: QueryTable, _ lang: Language, why: Bool) -> String {
        var (header, rows, notes) = cells(t, lang)
        let absent = Messages.text(.notAvailable, lang)
        if !why { rows = rows.map { $0.map { $0.hasPrefix(absent + "[") ? absent : $0 } } }
        let leading = 1 + (t.years.count > 1 ? 1 : 0) + (t.breakdowns.count > 1 ? 1 : 0)
        var out = ""
        var title: [String] = []
        if t.years.count == 1 { title.append(String(t.years[0])) }
        if t.breakdowns.count == 1 { title.append(t.breakdowns[0].label(lang)) }
        if !title.isEmpty { out += title.joined(separator: ", ") + "\n" }
        out += aligned([header] + rows, leftColumns: leading)
        if rows.isEmpty { out += Messages.text(.noTerritory, lang) + "\n" }
        if why { for n in notes { out += absent + n + "\n" } }
        return out
    }

    static func markdown(_ t: QueryTable, _ lang: Language, why: Bool) -> String {
        var (header, rows, notes) = cells(t, lang)
        let absent = Messages.text(.notAvailable, lang)
        if !why { rows = rows.map { $0.map { $0.hasPrefix(absent + "[") ? absent : $0 } } }
        let leading = 1 + (t.years.count > 1 ? 1 : 0) + (t.breakdowns.count > 1 ? 1 : 0)
        func line(_ cells: [String]) -> String { "| " + cells.map { $0.replacingOccurrences(of: "|", with: "\\|") }.joined(separator: " | ") + " |\n" }
        var out = ""
        if t.years.count == 1 || t.breakdowns.count == 1 {
            out += "**" + ((t.years.count == 1 ? [String(t.years[0])] : []) + (t.breakdowns.count == 1 ? [t.breakdowns[0].label(lang)] : [])).joined(separator: ", ") + "**\n\n"
        }
        out += line(header) + "|" + header.indices.map { $0 < leading ? " --- |" : " ---: |" }.joined() + "\n"
        for r in rows { out += line(r) }
        if why, !notes.isEmpty { out += "\n" + notes.map { "- " + Messages.text(.notAvailable, lang) + "\($0)\n" }.joined() }
        return out
    }

    /// A value as an analyst reads it: counts with thousands separators, shares as %, amounts in €;
    /// changes signed (points for shares), relative changes as %.
    static func display(_ v: Double, _ c: QueryTable.Column, _ lang: Language) -> String {
        switch c.part {
        case .value, .previous: return display(v, c.line, lang)
        case .relativeChange: return signed(formatted(v * 100, decimals: 1, lang), v) + (lang == .fr ? "\u{202F}%" : "%")
        case .change:
            if c.line.isPercentage { return signed(formatted(v * 100, decimals: 1, lang), v) + (lang == .fr ? "\u{202F}" : " ") + "pt" }
            return signed(display(v, c.line, lang), v)
        }
    }

    /// Euros as people read them, as the tables show a line in euros: `1 234,50 €` (narrow
    /// no-break spaces, minus sign) or `1,234.50 €`.
    static func euros(_ v: Double, _ lang: Language) -> String {
        lang == .fr ? FrenchNumber.figures(cents: Int64((v * 100).rounded())) : formatted(v, decimals: 2, .en) + " €"
    }

    static func signed(_ text: String, _ v: Double) -> String { v > 0 && !text.hasPrefix("+") ? "+" + text : text }

    static func display(_ v: Double, _ line: Indicator, _ lang: Language) -> String {
        let percent = line.isPercentage
        let shown = percent ? v * 100 : v
        let decimals = line.kind == .count ? 0 : (percent || line.kind == .mean ? 1 : 2)
        let text = formatted(shown, decimals: decimals, lang)
        if percent { return text + (lang == .fr ? "\u{202F}%" : "%") }
        if line.isEuroAmount { return text + (lang == .fr ? "\u{202F}€" : " €") }
        return text
    }

    // MARK: terminal charts

    static let eighths = ["", "▏", "▎", "▍", "▌", "▋", "▊", "▉"]

    /// Horizontal bars of the first line, one per row, in the rows' order.
    static func bars(_ t: QueryTable, _ lang: Language, width: Int = 40) -> String {
        guard let column = t.columns.first else { return "" }
        let labels = t.rows.map { r in
            var l = "\(r.isReference ? "= " : "")\(r.name) (\(r.territory.id))"
            if t.years.count > 1 { l += " \(r.year)" }
            if t.breakdowns.count > 1 { l += " \(r.breakdown.label(lang))" }
            return l
        }
        let values = t.rows.map { try? $0.cells[0].get() }
        let high = values.compactMap { $0 }.map { abs($0) }.max() ?? 0
        let labelWidth = labels.map(\.count).max() ?? 0
        var out = "\(column.line.id) — " + (t.years.count == 1 ? "\(t.years[0])" : "\(t.years.first ?? 0)-\(t.years.last ?? 0)")
            + (t.breakdowns.count == 1 ? ", \(t.breakdowns[0].label(lang))" : "") + "\n"
        for (label, v) in zip(labels, values) {
            var bar = ""
            if let v, high > 0 {
                let units = Int((max(0, v) / high * Double(width * 8)).rounded())
                bar = String(repeating: "█", count: units / 8) + eighths[units % 8]
            }
            let shown = v.map { display($0, column.line, lang) } ?? Messages.text(.notAvailable, lang)
            out += padded(label, labelWidth) + "  " + padded(bar, width + 1) + " " + shown + "\n"
        }
        return out
    }

    static let levels = Array("▁▂▃▄▅▆▇█")

    /// One sparkline per territory and line across the years of the query, with first and last values.
    static func sparks(_ t: QueryTable, _ lang: Language) -> String {
        var groups: [(label: String, line: Indicator, values: [Double?])] = []
        var index: [String: Int] = [:]
        for r in t.rows {
            for (c, column) in t.columns.enumerated() where column.part == .value {
                let key = "\(r.territory)|\(r.breakdown.code)|\(column.line.id)"
                if index[key] == nil {
                    index[key] = groups.count
                    let label = "\(r.isReference ? "= " : "")\(r.name) (\(r.territory.id))" + (t.breakdowns.count > 1 ? " \(r.breakdown.label(lang))" : "")
                    groups.append((label, column.line, Array(repeating: nil, count: t.years.count)))
                }
                if let y = t.years.firstIndex(of: r.year) { groups[index[key]!].values[y] = try? r.cells[c].get() }
            }
        }
        let labelWidth = groups.map(\.label.count).max() ?? 0, idWidth = groups.map(\.line.id.count).max() ?? 0
        var out = "\(t.years.first ?? 0)-\(t.years.last ?? 0)" + (t.breakdowns.count == 1 ? ", \(t.breakdowns[0].label(lang))" : "") + "\n"
        for g in groups {
            let known = g.values.compactMap { $0 }
            let low = known.min() ?? 0, high = known.max() ?? 0
            let spark = String(g.values.map { v -> Character in
                guard let v else { return " " }
                return high == low ? levels[3] : levels[Int(((v - low) / (high - low) * 7).rounded())]
            })
            let first = g.values.first.flatMap { $0 }.map { display($0, g.line, lang) } ?? Messages.text(.notAvailable, lang)
            let last = g.values.last.flatMap { $0 }.map { display($0, g.line, lang) } ?? Messages.text(.notAvailable, lang)
            out += padded(g.label, labelWidth) + "  " + padded(g.line.id, idWidth)
                + "  \(spark)  \(first) → \(last)\n"
        }
        return out
    }

    // MARK: SVG

    /// Ranked bars for one year, time series for several.
    static func svg(_ t: QueryTable, _ lang: Language) throws(ShellError) -> String {
        guard let column = t.columns.first else { return "" }
        let line = column.line
        let title = line.named(lang)
        let subtitle = (t.years.count == 1 ? "\(t.years[0])" : "\(t.years.first ?? 0)-\(t.years.last ?? 0)") + " · " + t.breakdowns.map { $0.label(lang) }.joined(separator: ", ")
        let format = { (v: Double) in display(v, line, lang) }
        if t.years.count == 1 {
            let bars = t.rows.compactMap { r -> SVGChart.Bar? in
                guard case .success(let v) = r.cells[0] else { return nil }
                return SVGChart.Bar(label: r.name + (t.breakdowns.count > 1 ? " (\(r.breakdown.label(lang)))" : ""), value: v, highlighted: r.isReference)
            }
            return SVGChart.rankedBars(title: title, subtitle: subtitle, bars: bars, format: format)
        }
        var series: [SVGChart.Series] = [], index: [String: Int] = [:]
        for r in t.rows {
            let key = "\(r.territory)|\(r.breakdown.code)"
            if index[key] == nil {
                index[key] = series.count
                series.append(SVGChart.Series(label: r.name + (t.breakdowns.count > 1 ? " (\(r.breakdown.label(lang)))" : ""), values: Array(repeating: nil, count: t.years.count)))
            }
            if let y = t.years.firstIndex(of: r.year) { series[index[key]!].values[y] = try? r.cells[0].get() }
        }
        guard series.count <= 12 else {
            throw ShellError(Messages.text(.tooManySeries, lang, String(series.count)))
        }
        return SVGChart.timeSeries(title: title, subtitle: subtitle, years: t.years, series: series, format: format)
    }
}

/// `v` with `decimals` digits, grouped by thousands with French or English separators.
/// Plain integer arithmetic: Foundation's formatting dominated the time of large answers.
/// A number as typed in a command, echoed in the session's language with the decimals it has
/// (`1 234,5` in French, `1,234.5` in English; at most 6 decimals).
func typedNumber(_ v: Double, _ lang: Language, signed: Bool = false) -> String {
    let plain = NumberText.decimal(v)
    let decimals = plain.split(separator: ".").dropFirst().first.map { min(6, $0.count) } ?? 0
    return (signed && v >= 0 ? "+" : "") + formatted(v, decimals: decimals, lang)
}

extension Language {
    /// A number as this language writes it (`1 234,5` in French, `1,234.5` in English).
    public func number(_ v: Double, decimals: Int = 0) -> String { formatted(v, decimals: decimals, self) }
}

func formatted(_ v: Double, decimals: Int, _ lang: Language) -> String {
    var scale: Int64 = 1
    for _ in 0..<decimals { scale *= 10 }
    guard v.isFinite, abs(v) * Double(scale) < 9e15 else { return grouped(String(format: "%.\(decimals)f", v), lang) }
    let n = Int64((abs(v) * Double(scale)).rounded())
    var digits: [UInt8] = [], integer = n / scale
    repeat { digits.append(UInt8(48 + integer % 10)); integer /= 10 } while integer > 0
    var out: [UInt8] = []
    out.reserveCapacity(digits.count + 12)
    // French typography writes the minus sign U+2212; English, the hyphen-minus.
    if n != 0 && v < 0 { if lang == .fr { out += [0xE2, 0x88, 0x92] } else { out.append(45) } }
    for (i, d) in digits.reversed().enumerated() {
        if i > 0, (digits.count - i) % 3 == 0 {
            if lang == .fr { out += [0xE2, 0x80, 0xAF] } else { out.append(44) }   // U+202F or ","
        }
        out.append(d)
    }
    if decimals > 0 {
        out.append(lang == .fr ? 44 : 46)
        var fraction = n % scale, tail: [UInt8] = []
        for _ in 0..<decimals { tail.append(UInt8(48 + fraction % 10)); fraction /= 10 }
        out += tail.reversed()
    }
    return String(decoding: out, as: UTF8.self)
}

/// Rows as aligned columns two spaces apart: the first `leftColumns` left-aligned (names), the
/// others right-aligned (numbers); no trailing spaces.
func aligned(_ rows: [[String]], leftColumns: Int = 1, indent: String = "") -> String {
    guard let first = rows.first else { return "" }
    let widths = first.indices.map { c in rows.map { $0[c].width }.max() ?? 0 }
    return rows.map { row in
        indent + row.enumerated().map { c, cell in
            c < leftColumns ? padded(cell, widths[c]) : String(repeating: " ", count: widths[c] - cell.width) + cell
        }.joined(separator: "  ").trailingSpacesRemoved + "\n"
    }.joined()
}

/// `s` followed by spaces up to `width` characters.
func padded(_ s: String, _ width: Int) -> String {
    let n = s.width
    return n >= width ? s : s + String(repeating: " ", count: width - n)
}

extension String {
    /// Columns on a terminal: one per Unicode scalar (our cells hold no combining marks), and
    /// much faster to count than characters.
    var width: Int { unicodeScalars.count }

    var trailingSpacesRemoved: String {
        var s = self
        while s.last == " " { s.removeLast() }
        return s
    }
}

/// `1234567.5` → `1 234 567,5` (French, narrow no-break spaces) or `1,234,567.5`.
func grouped(_ plain: String, _ lang: Language) -> String {
    var integer = plain, fraction = ""
    if let dot = plain.firstIndex(of: ".") { integer = String(plain[..<dot]); fraction = String(plain[plain.index(after: dot)...]) }
    let negative = integer.hasPrefix("-")
    if negative { integer.removeFirst() }
    var groups: [String] = []
    while integer.count > 3 { groups.insert(String(integer.suffix(3)), at: 0); integer.removeLast(3) }
    groups.insert(integer, at: 0)
    let body = groups.joined(separator: lang == .fr ? "\u{202F}" : ",")
    let sign = negative && !(body.allSatisfy { $0 == "0" || $0 == "\u{202F}" || $0 == "," } && fraction.allSatisfy { $0 == "0" }) ? (lang == .fr ? "−" : "-") : ""
    return sign + body + (fraction.isEmpty ? "" : (lang == .fr ? "," : ".") + fraction)
}
