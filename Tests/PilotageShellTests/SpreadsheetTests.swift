import Foundation
import Testing
import ZIPFoundation
@testable import PilotageOffice
@testable import PilotageShell

/// Spreadsheets in and out: workbooks read back cell for cell, the French CSV, aggregate
/// dashboards read from a workbook with located errors.
@Suite("Spreadsheets")
struct SpreadsheetTests {
    func scratch(_ name: String) -> String {
        let dir = NSTemporaryDirectory() + "sheets-\(UUID().uuidString)"
        try! FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        return dir + "/" + name
    }

    /// `level,territory,year,indicator,breakdown` → value, from a standard export.
    func exportCells(_ csv: String) -> [String: String] {
        var cells: [String: String] = [:]
        for line in csv.split(separator: "\n").dropFirst() {
            let f = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            cells[f[0...4].joined(separator: "|")] = f[5]
        }
        return cells
    }

    @Test("the dashboard workbook holds every cell of the CSV export, as numbers, and nothing else")
    func dashboardWorkbookEqualsExport() throws {
        let path = scratch("tableau.xlsx")
        try Workbook(dashboard: demoDashboard, datasetName: "demo").write(to: path)
        let sheets = try WorkbookReader.sheets(path: path)
        #expect(sheets.map(\.name) == ["nation", "régions", "missions locales", "lignes"])
        let expected = exportCells(demoDashboard.exportCSV())
        var seen: [String: String] = [:]
        for sheet in sheets.prefix(3) {
            // Title row 1, empty row 2, ids row 3, labels row 4, data from row 5; columns A-E name the row.
            #expect(sheet[3, 6] == .text("0.1") && sheet[4, 1] == .text("niveau"))
            let ids = (6...sheet.rows[3]!.keys.max()!).map { c -> String in
                guard case .text(let id)? = sheet[3, c] else { return "?" }
                return id
            }
            for r in 5...sheet.lastRow {
                guard case .text(let level)? = sheet[r, 1], case .text(let t)? = sheet[r, 2], case .number(let y)? = sheet[r, 4],
                      case .text(let b)? = sheet[r, 5] else { Issue.record("row \(r) of \(sheet.name)"); continue }
                for (k, id) in ids.enumerated() {
                    guard let v = sheet[r, 6 + k] else { continue }
                    guard case .number(let x) = v else { Issue.record("text in \(sheet.name) row \(r)"); continue }
                    seen["\(level)|\(t)|\(Int(y))|\(id)|\(b)"] = NumberText.decimal(x)
                }
            }
        }
        #expect(seen.count == expected.count)
        let different = expected.filter { k, v in seen[k].map { Double($0)! } != Double(v)! }
        #expect(different.isEmpty, "\(different.keys.sorted().prefix(5))")
    }

    /// openpyxl, an independent reader, when it is installed (`.ci/run` installs it and sets
    /// PILOTAGE_REQUIRE_OPENPYXL, so that CI never skips this check).
    static let openpyxl: Bool = {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["python3", "-c", "import openpyxl"]
        p.standardError = FileHandle.nullDevice
        guard (try? p.run()) != nil else { return false }
        p.waitUntilExit()
        return p.terminationStatus == 0
    }()

    @Test("an independent reader (openpyxl) reads the same cells, formats, frozen header and filter",
          .enabled(if: openpyxl || ProcessInfo.processInfo.environment["PILOTAGE_REQUIRE_OPENPYXL"] != nil))
    func independentReader() throws {
        #expect(Self.openpyxl, "PILOTAGE_REQUIRE_OPENPYXL is set but python3 cannot import openpyxl")
        let path = scratch("tableau.xlsx")
        try Workbook(dashboard: demoDashboard, datasetName: "demo").write(to: path)
        let script = """
        import json, sys, openpyxl
        wb = openpyxl.load_workbook(sys.argv[1])
        ws = wb["missions locales"]
        cells = {f"{r}|{c}": ws.cell(r, c).value for r in range(5, ws.max_row + 1) for c in range(1, ws.max_column + 1)
                 if ws.cell(r, c).value is not None}
        r10 = [c for c in range(1, ws.max_column + 1) if ws.cell(3, c).value == "R10"][0]
        print(json.dumps({"sheets": wb.sheetnames, "freeze": ws.freeze_panes, "filter": ws.auto_filter.ref,
                          "r10_format": ws.cell(5, r10).number_format, "cells": cells}))
        """
        let p = Process(), out = Pipe()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["python3", "-c", script, path]
        p.standardOutput = out
        try p.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        let json = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(json["sheets"] as? [String] == ["nation", "régions", "missions locales", "lignes"])
        #expect(json["freeze"] as? String == "A5" && (json["filter"] as? String)?.hasPrefix("A4:") == true)
        #expect(json["r10_format"] as? String == "0.0\\ %")
        let theirs = try #require(json["cells"] as? [String: Any])
        let ours = try #require(try WorkbookReader.sheets(path: path).first { $0.name == "missions locales" })
        var count = 0, different: [String] = []
        for (r, row) in ours.rows where r >= 5 {
            for (c, value) in row {
                count += 1
                switch (value, theirs["\(r)|\(c)"]) {
                // The file holds 16 significant digits (libxlsxwriter's %.16G); JSON carries them on.
                case (.number(let x), let y as NSNumber) where abs(x - y.doubleValue) <= 1e-14 * max(1, abs(x)): break
                case (.text(let x), let y as String) where x == y: break
                default: different.append("row \(r) column \(c): \(value) against \(String(describing: theirs["\(r)|\(c)"]))")
                }
            }
        }
        #expect(different.isEmpty, "\(different.count) cells differ, first: \(different.prefix(3))")
        #expect(count == theirs.count && count > 10_000)

        // A report whose rows are lines: each rate is a percentage, each year a plain year.
        let brief = scratch("brief.xlsx"), objectives = scratch("objectifs.xlsx")
        let s = demoSession()
        #expect(s.run("brief of ML038-GRENOBLE for 2017 to \(brief)").succeeded)
        #expect(s.run("objective list of ML038-GRENOBLE to \(objectives)").succeeded)
        let formats = """
        import json, sys, openpyxl
        rows = [r for ws in openpyxl.load_workbook(sys.argv[1]).worksheets if ws.title.startswith("step_2") for r in ws.iter_rows()]
        r10 = [r for r in rows if any(str(c.value or "").startswith("R10") for c in r)][0]
        years = [c.number_format for r in openpyxl.load_workbook(sys.argv[2]).worksheets[0].iter_rows()
                 for c in r if isinstance(c.value, int) and 2000 < c.value < 2100]
        print(json.dumps({"r10": [c.number_format for c in r10 if isinstance(c.value, float)], "years": years}))
        """
        let q = Process(), pipe = Pipe()
        q.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        q.arguments = ["python3", "-c", formats, brief, objectives]
        q.standardOutput = pipe
        try q.run()
        let answer = pipe.fileHandleForReading.readDataToEndOfFile()
        q.waitUntilExit()
        let f = try #require(try JSONSerialization.jsonObject(with: answer) as? [String: [String]])
        #expect((f["r10"] ?? []).count >= 4 && (f["r10"] ?? []).allSatisfy { $0.contains("%") }, "\(f)")
        #expect(!(f["years"] ?? []).isEmpty && (f["years"] ?? []).allSatisfy { $0 == "0" }, "\(f)")
    }

    @Test("csv-fr: semicolons, decimal commas, BOM and CRLF; the same values as the export")
    func frenchCSV() throws {
        var french = ""
        demoDashboard.exportCSV(dialect: .french) { french += $0 }
        #expect(french.hasPrefix("\u{FEFF}level;territory;year;indicator;breakdown;value\r\n"))
        let standard = exportCells(demoDashboard.exportCSV())
        var parsed: [String: String] = [:]
        for line in french.dropFirst().components(separatedBy: "\r\n").dropFirst() where !line.isEmpty {
            let f = line.split(separator: ";", omittingEmptySubsequences: false).map(String.init)
            #expect(f.count == 6 && !f[5].contains("."))
            parsed[f[0...4].joined(separator: "|")] = f[5].replacingOccurrences(of: ",", with: ".")
        }
        #expect(parsed == standard)
        let shown = demoSession().run("show R10 of mls in 84 year 2016 format csv-fr").output
        #expect(shown.hasPrefix("\u{FEFF}level;territory;name;year;breakdown;R10\r\n") && shown.contains(";0,4125\r\n"))
    }

    @Test("show … to r.xlsx: typed cells with a title, a chart for `chart`, reasons of absent cells as comments")
    func showToWorkbook() throws {
        let s = demoSession()
        let path = scratch("r.xlsx")
        let r = s.run("show R10, 1 of mls in 84 year 2016 chart to \(path)")
        #expect(r.error == nil && r.output.contains("écrit"), "\(r.error ?? "")")
        let sheet = try #require(try WorkbookReader.sheets(path: path).first)
        #expect(sheet[1, 1] == .text("show R10, 1 of mls in 84 year 2016 chart") && sheet[4, 6] == .text("R10"))
        let csv = csvRows(s.run("show R10, 1 of mls in 84 year 2016 format csv").output)
        for (k, row) in csv.dropFirst().enumerated() {
            #expect(sheet[5 + k, 2] == .text(row[1]))
            for (c, field) in [(6, row[5]), (7, row[6])] {
                guard case .number(let x)? = sheet[5 + k, c] else { Issue.record("not a number"); continue }
                #expect(abs(x - Double(field)!) < 1e-9) // the CSV keeps 12 significant digits
            }
        }
        let archive = try Archive(url: URL(fileURLWithPath: path), accessMode: .read)
        #expect(archive["xl/charts/chart1.xml"] != nil)
        // An absent cell: empty, its reason in a comment.
        let absent = scratch("a.xlsx")
        #expect(s.run("show R2 of nation year 2015 to \(absent)").succeeded)
        let a = try #require(try WorkbookReader.sheets(path: absent).first)
        #expect(a[5, 6] == nil)
        let comments = try Archive(url: URL(fileURLWithPath: absent), accessMode: .read)
        #expect(comments["xl/comments1.xml"] != nil)
        #expect(s.run("show R10 format xlsx").error?.contains("FICHIER.xlsx") == true)
    }

    @Test("a report (the brief) as a workbook: one sheet per table, typed cells")
    func reportToWorkbook() throws {
        let path = scratch("brief.xlsx")
        #expect(demoSession().run("brief of ML038-GRENOBLE for 2017 to \(path)").succeeded)
        let sheets = try WorkbookReader.sheets(path: path)
        #expect(sheets.count >= 3 && sheets.contains { $0.name == "peers" })
        let numbers = sheets.flatMap { $0.rows.values.flatMap(\.values) }.filter { if case .number = $0 { true } else { false } }
        #expect(numbers.count > 50)
    }

    /// An aggregate dataset folder whose indicators are written by `indicators`.
    func aggregateFolder(_ indicators: (String) throws -> Void) throws -> String {
        let dir = (scratch("x") as NSString).deletingLastPathComponent
        let files = [
            "dataset.json": #"{"format": "pilotage-dataset", "version": 1, "name": "t", "years": [2016], "owner": {"team": "x"}}"#,
            "regions.csv": "region_code,name\n84,Auvergne-Rhône-Alpes\n",
            "missions.csv": "ml_id,name,region_code,department_code,legal_form\nML1,Un,84,69,association\n",
        ]
        for (name, text) in files { try text.write(toFile: dir + "/" + name, atomically: true, encoding: .utf8) }
        try indicators(dir)
        return dir
    }

    @Test("indicators.xlsx stands for indicators.csv: typed or French text cells, the same dashboard; errors by sheet, row and column")
    func aggregateWorkbook() throws {
        let csvDir = try aggregateFolder { dir in
            try "ml_id,year,indicator,breakdown,value\nML1,2016,8.1,all,10\nML1,2016,8.1.f,all,4\nML1,2016,5,all,2.5\n"
                .write(toFile: dir + "/indicators.csv", atomically: true, encoding: .utf8)
        }
        func book(_ value: Workbook.Cell, sheet: String = "indicators") -> Workbook {
            let columns = ["ml_id", "year", "indicator", "breakdown", "value"].map { Workbook.Column($0) }
            let rows: [[Workbook.Cell]] = [[.text("ML1"), .year(2016), .text("8.1"), .text("all"), .count(10)],
                                           [.text("ML1"), .text("2016"), .text("8.1.f"), .text("all"), .count(4)],
                                           [.text("ML1"), .year(2016), .text("5"), .text("all"), value]]
            return Workbook(title: "", sheets: [.init("notes", columns: [Workbook.Column("x")]), .init(sheet, columns: columns, rows: rows)])
        }
        let reference = Dashboard(try Dataset.load(from: csvDir))
        for value in [Workbook.Cell.number(2.5), .text("2,5"), .text("2.5")] {
            let dir = try aggregateFolder { try book(value).write(to: $0 + "/indicators.xlsx") }
            let d = Dashboard(try Dataset.loadReadingWorkbooks(from: dir))
            #expect(d.exportCSV() == reference.exportCSV(), "\(value)")
        }
        // A value that is not a number, in the sheet « indicators », row 4 (after the header, row 1), column E.
        let bad = try aggregateFolder { try book(.text("deux")).write(to: $0 + "/indicators.xlsx") }
        do { _ = try Dataset.loadReadingWorkbooks(from: bad); Issue.record("loaded") } catch {
            #expect(error.diagnostics.map(\.location) == ["indicators.xlsx:indicators!E4"], "\(error.diagnostics)")
            #expect(error.diagnostics.first?.message(.fr).contains("indicators.xlsx:indicators!E4: erreur") == true)
        }
        // Both files: refused, never one of them silently.
        let both = try aggregateFolder { dir in
            try book(.number(2.5)).write(to: dir + "/indicators.xlsx")
            try "ml_id,year,indicator,breakdown,value\n".write(toFile: dir + "/indicators.csv", atomically: true, encoding: .utf8)
        }
        #expect(throws: DatasetLoadError.self) { try Dataset.loadReadingWorkbooks(from: both) }
    }

    @Test("indicators.ods: an OpenDocument spreadsheet with repeated cells")
    func aggregateOpenDocument() throws {
        let content = """
        <?xml version="1.0" encoding="UTF-8"?>
        <office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" \
        xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0">
        <office:body><office:spreadsheet><table:table table:name="indicators">
        <table:table-row><table:table-cell office:value-type="string"><text:p>ml_id</text:p></table:table-cell>\
        <table:table-cell><text:p>year</text:p></table:table-cell><table:table-cell><text:p>indicator</text:p></table:table-cell>\
        <table:table-cell><text:p>breakdown</text:p></table:table-cell><table:table-cell><text:p>value</text:p></table:table-cell>\
        <table:table-cell table:number-columns-repeated="1000"/></table:table-row>
        <table:table-row><table:table-cell><text:p>ML1</text:p></table:table-cell>\
        <table:table-cell office:value-type="float" office:value="2016"><text:p>2016</text:p></table:table-cell>\
        <table:table-cell><text:p>8.1</text:p></table:table-cell><table:table-cell><text:p>all</text:p></table:table-cell>\
        <table:table-cell office:value-type="float" office:value="10"><text:p>10</text:p></table:table-cell></table:table-row>
        <table:table-row table:number-rows-repeated="3"><table:table-cell table:number-columns-repeated="5"/></table:table-row>
        <table:table-row><table:table-cell><text:p>ML1</text:p></table:table-cell>\
        <table:table-cell office:value-type="float" office:value="2016"><text:p>2016</text:p></table:table-cell>\
        <table:table-cell><text:p>8.1.f</text:p></table:table-cell><table:table-cell><text:p>all</text:p></table:table-cell>\
        <table:table-cell><text:p>quatre</text:p></table:table-cell></table:table-row>
        </table:table></office:spreadsheet></office:body></office:document-content>
        """
        let dir = try aggregateFolder { dir in
            let archive = try Archive(url: URL(fileURLWithPath: dir + "/indicators.ods"), accessMode: .create)
            for (name, text) in [("mimetype", "application/vnd.oasis.opendocument.spreadsheet"), ("content.xml", content)] {
                let data = Data(text.utf8)
                try archive.addEntry(with: name, type: .file, uncompressedSize: Int64(data.count)) { position, size in
                    data.subdata(in: Int(position)..<Int(position) + size)
                }
            }
        }
        do { _ = try Dataset.loadReadingWorkbooks(from: dir); Issue.record("loaded") } catch {
            // Rows 3 to 5 are empty (repeated): the bad value stands in row 6.
            #expect(error.diagnostics.map(\.location) == ["indicators.ods:indicators!E6"], "\(error.diagnostics)")
        }
    }
}
