import Foundation

/// A spreadsheet as data: sheets of typed cells, written as an Office Open XML workbook (.xlsx)
/// by ``write(to:)``. Counts are integers, shares numbers with a percentage format, amounts
/// numbers with a euro format; an absent cell is empty, with its reason in a cell comment.
public struct Workbook: Sendable {
    /// What a cell holds. Numbers stay numbers: a spreadsheet sorts, sums and charts them.
    public enum Cell: Sendable, Equatable {
        /// A number of young people (shown without decimals).
        case count(Double)
        /// A share, or a change in points: 0.512 is shown « 51,2 % ».
        case percent(Double)
        /// Another quotient (R2, R13), shown with two decimals.
        case ratio(Double)
        /// Euros to the cent.
        case euros(Double)
        /// Any other number, shown with up to two decimals.
        case number(Double)
        /// A year, shown without a thousands separator.
        case year(Int)
        /// A word or a label.
        case text(String)
        /// No value; the reason is kept as the cell's comment (nil: a plain empty cell).
        case empty(reason: String?)
    }

    /// A column: its header, and an optional second header row (the official label under the id).
    public struct Column: Sendable {
        /// The first header row (a line id, `territory`…).
        public var header: String
        /// The second header row, when the sheet has one (``Sheet/subheaders``).
        public var subheader: String

        /// A column with its header.
        public init(_ header: String, subheader: String = "") {
            self.header = header; self.subheader = subheader
        }
    }

    /// A native chart of a sheet: bars across territories, or lines across years.
    public struct Chart: Sendable {
        /// Bars (one category per row) or lines (one point per row, a series per column).
        public enum Kind: Sendable { case bars, lines }
        public var kind: Kind
        public var title: String
        /// The column that names the categories (territories or years).
        public var categoryColumn: Int
        /// The columns drawn, one series each.
        public var valueColumns: [Int]

        /// A chart of `valueColumns` against `categoryColumn`.
        public init(_ kind: Kind, title: String, categoryColumn: Int, valueColumns: [Int]) {
            self.kind = kind; self.title = title; self.categoryColumn = categoryColumn; self.valueColumns = valueColumns
        }
    }

    /// A sheet: title rows, then a header row (frozen, with a filter), then the rows.
    public struct Sheet: Sendable {
        /// The tab's name (cut to 31 characters, without `[]:*?/\`, as spreadsheets require).
        public var name: String
        /// Lines above the table: what, where, when, from which dataset.
        public var title: [String]
        public var columns: [Column]
        public var rows: [[Cell]]
        /// Whether the header has a second row (the official labels under the ids).
        public var subheaders: Bool
        public var chart: Chart?

        /// A sheet named `name` with its title lines, columns and rows.
        public init(_ name: String, title: [String] = [], columns: [Column], rows: [[Cell]] = [],
                    subheaders: Bool = false, chart: Chart? = nil) {
            self.name = name; self.title = title; self.columns = columns; self.rows = rows
            self.subheaders = subheaders; self.chart = chart
        }
    }

    public var sheets: [Sheet]
    /// The document's title (its properties).
    public var title: String
    /// French (`# ##0,00 €`, `51,2 %`) or English (`€#,##0.00`, `51.2%`) formats. A spreadsheet
    /// shows digits with its reader's own separators; the language sets where units stand.
    public var language: Language

    /// A workbook of `sheets`.
    public init(title: String, sheets: [Sheet] = [], language: Language = .fr) {
        self.title = title; self.sheets = sheets; self.language = language
    }

    /// Why a workbook could not be written.
    public struct Failure: Error, Sendable, CustomStringConvertible {
        /// libxlsxwriter's own words.
        public var reason: String
        public var description: String { reason }
    }
}

extension Workbook.Sheet {
    /// A sheet name spreadsheets accept: at most 31 characters, none of `[]:*?/\`, unique in
    /// `taken` (a suffix ` (2)` when needed).
    static func safeName(_ name: String, taken: Set<String>) -> String {
        var base = String(name.map { "[]:*?/\\".contains($0) ? "_" : $0 }.prefix(31))
        if base.isEmpty { base = "sheet" }
        var candidate = base, k = 2
        while taken.contains(candidate.lowercased()) {
            let suffix = " (\(k))"
            candidate = String(base.prefix(31 - suffix.count)) + suffix
            k += 1
        }
        return candidate
    }
}
