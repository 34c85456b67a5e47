import CXlsxWriter
import Foundation

extension Workbook {
    /// Above this many cells a workbook is written row by row with constant memory (the
    /// national dashboard); below, comments on absent cells are written too.
    static let constantMemoryCells = 200_000

    /// Writes the workbook to `path` (through a temporary file, then ``OutputFile``: a file
    /// that exists is replaced whole or not at all).
    public func write(to path: String) throws(OutputFile.Failure) {
        let package: [UInt8]
        do { package = try bytes() } catch { throw OutputFile.Failure(path: path, code: EIO) }
        try OutputFile.write(bytes: package, to: path)
    }

    /// The workbook as bytes (for tests and for programs that send it elsewhere).
    public func bytes() throws(Failure) -> [UInt8] {
        let temporary = NSTemporaryDirectory() + "pilotage-\(getpid())-\(UUID().uuidString).xlsx"
        defer { unlink(temporary) }
        try write(temporaryFile: temporary)
        guard let data = FileManager.default.contents(atPath: temporary) else { throw Failure(reason: "unreadable temporary file") }
        return [UInt8](data)
    }

    private func write(temporaryFile path: String) throws(Failure) {
        let cells = sheets.reduce(0) { $0 + $1.rows.count * max(1, $1.columns.count) }
        let large = cells > Self.constantMemoryCells
        var options = lxw_workbook_options(constant_memory: large ? 1 : 0, tmpdir: nil, use_zip64: large ? 1 : 0)
        guard let book = workbook_new_opt(path, &options) else { throw Failure(reason: "cannot create the workbook") }
        let formats = Formats(book, language)
        var properties = lxw_doc_properties()
        let titleC = strdup(title), creator = strdup("Pilotage")
        defer { free(titleC); free(creator) }
        properties.title = titleC; properties.author = creator
        workbook_set_properties(book, &properties)

        var taken = Set<String>()
        for sheet in sheets {
            let name = Sheet.safeName(sheet.name, taken: taken)
            taken.insert(name.lowercased())
            guard let ws = workbook_add_worksheet(book, name) else { continue }
            sheet.write(ws, book, name: name, formats, comments: !large, language: language)
        }
        let status = workbook_close(book)
        guard status == LXW_NO_ERROR else { throw Failure(reason: String(cString: lxw_strerror(status))) }
    }

    /// The cell formats of a workbook, made once (libxlsxwriter keeps them).
    struct Formats {
        let bold, title, count, percent, decimal, euros, year: UnsafeMutablePointer<lxw_format>?

        init(_ book: UnsafeMutablePointer<lxw_workbook>, _ language: Language) {
            func make(_ numberFormat: String?, bold: Bool = false) -> UnsafeMutablePointer<lxw_format>? {
                let f = workbook_add_format(book)
                if let numberFormat { format_set_num_format(f, numberFormat) }
                if bold { format_set_bold(f) }
                return f
            }
            let fr = language == .fr
            self.bold = make(nil, bold: true)
            self.title = make(nil, bold: true)
            self.count = make("#,##0")
            self.percent = make(fr ? "0.0\\ %" : "0.0%")
            self.decimal = make("#,##0.00")
            self.euros = make(fr ? "#,##0.00\\ \"€\"" : "\"€\"#,##0.00")
            self.year = make("0")
        }
    }
}

extension Workbook.Sheet {
    /// Title lines, header rows (frozen, filtered), rows, widths, then the chart.
    func write(_ ws: UnsafeMutablePointer<lxw_worksheet>, _ book: UnsafeMutablePointer<lxw_workbook>, name: String,
               _ f: Workbook.Formats, comments: Bool, language: Language) {
        var row: UInt32 = 0
        for line in title {
            worksheet_write_string(ws, row, 0, line, row == 0 ? f.title : nil)
            row += 1
        }
        if !title.isEmpty { row += 1 }
        for (c, column) in columns.enumerated() { worksheet_write_string(ws, row, UInt16(c), column.header, f.bold) }
        row += 1
        if subheaders {
            for (c, column) in columns.enumerated() { worksheet_write_string(ws, row, UInt16(c), column.subheader, nil) }
            row += 1
        }
        // The filter sits on the last header row (the labels under the ids), never on data.
        let firstData = row, headerRow = row - 1
        var widths = columns.map { max(6, min(60, $0.header.count + 2)) }
        for cells in rows {
            for (c, cell) in cells.enumerated() where c < columns.count {
                let col = UInt16(c)
                switch cell {
                case .count(let v): worksheet_write_number(ws, row, col, v, f.count)
                case .percent(let v): worksheet_write_number(ws, row, col, v, f.percent)
                case .ratio(let v): worksheet_write_number(ws, row, col, v, f.decimal)
                case .euros(let v):
                    worksheet_write_number(ws, row, col, v, f.euros)
                    widths[c] = max(widths[c], 16)
                case .number(let v): worksheet_write_number(ws, row, col, v, v.rounded() == v ? f.count : f.decimal)
                case .year(let y): worksheet_write_number(ws, row, col, Double(y), f.year)
                case .text(let s):
                    worksheet_write_string(ws, row, col, s, nil)
                    widths[c] = max(widths[c], min(60, s.count + 2))
                case .empty(let reason):
                    if comments, let reason { worksheet_write_comment(ws, row, col, reason) }
                }
            }
            row += 1
        }
        for (c, w) in widths.enumerated() { worksheet_set_column(ws, UInt16(c), UInt16(c), Double(w), nil) }
        worksheet_freeze_panes(ws, firstData, 0)
        if !columns.isEmpty {
            worksheet_autofilter(ws, headerRow, 0, max(firstData, row) - 1, UInt16(columns.count - 1))
        }
        if let chart, !rows.isEmpty { insert(chart, ws, book, name: name, from: firstData, to: row - 1) }
    }

    private func insert(_ spec: Workbook.Chart, _ ws: UnsafeMutablePointer<lxw_worksheet>,
                        _ book: UnsafeMutablePointer<lxw_workbook>, name: String, from first: UInt32, to last: UInt32) {
        let type = spec.kind == .bars ? UInt8(LXW_CHART_BAR.rawValue) : UInt8(LXW_CHART_LINE.rawValue)
        guard let chart = workbook_add_chart(book, type) else { return }
        for c in spec.valueColumns where c < columns.count {
            let series = chart_add_series(chart, nil, nil)
            chart_series_set_categories(series, name, first, UInt16(spec.categoryColumn), last, UInt16(spec.categoryColumn))
            chart_series_set_values(series, name, first, UInt16(c), last, UInt16(c))
            chart_series_set_name(series, columns[c].header)
        }
        chart_title_set_name(chart, spec.title)
        if spec.kind == .bars { chart_axis_set_reverse(chart.pointee.y_axis) } // first row on top, as in the table
        worksheet_insert_chart(ws, 1, UInt16(columns.count + 1), chart)
    }
}
