import Foundation

extension Dataset {
    /// The workbook files that may stand for `indicators.csv` in an aggregate dataset.
    public static let indicatorWorkbooks = ["indicators.xlsx", "indicators.ods"]

    /// Loads a dataset folder as ``Dataset/load(from:)`` does, where an aggregate dataset may hold
    /// `indicators.xlsx` or `indicators.ods` instead of `indicators.csv`: the same columns, on the
    /// sheet named `indicators` or else the first; typed cells, or text cells written as in the
    /// CSV (`12.5`, `"12,5"`). Errors are located by sheet, row and column
    /// (`indicators.xlsx:indicators!E7`). With a `cache`, microdata are read from and written to
    /// its snapshots as ``Dataset/load(from:cache:)`` says.
    public static func loadReadingWorkbooks(from directory: String, cache: SnapshotCache? = nil,
                                            interruption: (() -> Bool)? = nil) throws(DatasetLoadError) -> Dataset {
        let present = indicatorWorkbooks.filter { FileManager.default.fileExists(atPath: (directory as NSString).appendingPathComponent($0)) }
        guard let file = present.first else {
            return try load(from: directory, tables: [], cache: cache, interruption: interruption)
        }
        func refuse(_ expected: LocalizedText, _ found: String) -> DatasetLoadError {
            DatasetLoadError(diagnostics: [.init(.mixedDataset, file: file, expected: expected, found: found)])
        }
        let csvPresent = FileManager.default.fileExists(atPath: (directory as NSString).appendingPathComponent("indicators.csv"))
        if csvPresent || present.count > 1 {
            throw refuse(.init(fr: "un seul fichier d'indicateurs (indicators.csv, .xlsx ou .ods)",
                               en: "one indicators file only (indicators.csv, .xlsx or .ods)"),
                         ((csvPresent ? ["indicators.csv"] : []) + present).joined(separator: " + "))
        }
        let sheets: [WorkbookReader.Sheet]
        do { sheets = try WorkbookReader.sheets(path: (directory as NSString).appendingPathComponent(file)) } catch {
            throw refuse(.init(fr: "un classeur lisible", en: "a readable workbook"), error.reason)
        }
        guard let sheet = sheets.first(where: { $0.name.lowercased() == "indicators" }) ?? sheets.first else {
            throw refuse(.init(fr: "une feuille « indicators »", en: "an \"indicators\" sheet"), "0 feuille / 0 sheets")
        }
        let table = ConvertedTable(sheet, name: "indicators.csv", source: file)
        return try load(from: directory, tables: [table], interruption: interruption)
    }
}

extension ConvertedTable {
    /// A sheet as the CSV it stands for: its first row holding cells is the header, every
    /// column up to the header's last; numbers written as the export writes them.
    init(_ sheet: WorkbookReader.Sheet, name: String, source: String) {
        let rowNumbers = sheet.rows.keys.sorted()
        let header = rowNumbers.first.flatMap { sheet.rows[$0] } ?? [:]
        let width = max(header.keys.max() ?? 0, 1)
        var csv = ""
        for r in rowNumbers {
            let cells = sheet.rows[r] ?? [:]
            csv += (1...width).map { c -> String in
                let text: String
                switch cells[c] {
                case .number(let v)?: text = NumberText.decimal(v)
                case .text(let s)?: text = s
                case .boolean(let b)?: text = b ? "true" : "false"
                case nil: return ""
                }
                return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
            }.joined(separator: ",") + "\n"
        }
        self.init(name: name, source: source, sheet: sheet.name, csv: Array(csv.utf8),
                  rowNumbers: rowNumbers, columnNumbers: Array(1...width))
    }
}
