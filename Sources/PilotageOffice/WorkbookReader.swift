import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import ZIPFoundation

/// Reads the sheets of a workbook: Office Open XML (.xlsx) or OpenDocument (.ods).
public enum WorkbookReader {
    /// A cell as the file holds it.
    public enum Value: Sendable, Equatable {
        case number(Double)
        case text(String)
        case boolean(Bool)
    }

    /// A sheet: its name and its non-empty cells by row and column (both 1-based, as a
    /// spreadsheet numbers them).
    public struct Sheet: Sendable {
        public var name: String
        public var rows: [Int: [Int: Value]]

        /// The cell at `row`, `column` (1-based), nil when empty.
        public subscript(row: Int, column: Int) -> Value? { rows[row]?[column] }
        /// The last row that holds a cell.
        public var lastRow: Int { rows.keys.max() ?? 0 }
    }

    /// Why a workbook could not be read.
    public struct Failure: Error, Sendable, CustomStringConvertible {
        public var file: String
        public var reason: String
        public var description: String { "\(file): \(reason)" }
    }

    /// The sheets of the workbook at `path`, in their order.
    public static func sheets(path: String) throws(Failure) -> [Sheet] {
        let name = (path as NSString).lastPathComponent
        let archive: Archive
        do { archive = try Archive(url: URL(fileURLWithPath: path), accessMode: .read) } catch {
            throw Failure(file: name, reason: "not a zip archive (\(error))")
        }
        func entry(_ p: String) throws(Failure) -> Data? {
            guard let e = archive[p] else { return nil }
            var data = Data()
            do { _ = try archive.extract(e, skipCRC32: false) { data.append($0) } } catch {
                throw Failure(file: name, reason: "damaged entry \(p)")
            }
            return data
        }
        if let content = try entry("content.xml") { return OpenDocumentSheets(content).sheets }
        guard let book = try entry("xl/workbook.xml") else {
            throw Failure(file: name, reason: "neither xl/workbook.xml (xlsx) nor content.xml (ods)")
        }
        let strings = try entry("xl/sharedStrings.xml").map { SharedStrings($0).strings } ?? []
        let relations = try entry("xl/_rels/workbook.xml.rels").map { Relations($0).targets } ?? [:]
        var out: [Sheet] = []
        for (sheetName, id) in SheetList(book).sheets {
            guard let target = relations[id] else { continue }
            let p = target.hasPrefix("/") ? String(target.dropFirst()) : "xl/" + target
            guard let xml = try entry(p) else { throw Failure(file: name, reason: "missing \(p)") }
            out.append(Sheet(name: sheetName, rows: SheetCells(xml, strings).rows))
        }
        return out
    }

    /// "C" → 3, "AA" → 27.
    static func columnNumber(_ letters: Substring) -> Int {
        letters.reduce(0) { $0 * 26 + Int($1.asciiValue! - 64) }
    }
}

/// A SAX parser that keeps the text of the current element.
private class XMLReader: NSObject, XMLParserDelegate {
    var text = ""
    init(_ data: Data) {
        super.init()
        let parser = XMLParser(data: data)
        parser.delegate = self
        parser.parse()
    }
    func parser(_ parser: XMLParser, foundCharacters string: String) { text += string }
    // The parser calls the protocol's witnesses, which are these two: subclasses override
    // `start` and `end` (a subclass's own `parser(_:didStartElement:…)` would never be called).
    func parser(_ p: XMLParser, didStartElement e: String, namespaceURI: String?, qualifiedName: String?,
                attributes: [String: String]) { start(e, attributes) }
    func parser(_ p: XMLParser, didEndElement e: String, namespaceURI: String?, qualifiedName: String?) { end(e) }
    func start(_ e: String, _ attributes: [String: String]) {}
    func end(_ e: String) {}
}

private final class SharedStrings: XMLReader {
    var strings: [String] = []
    var inSI = false, inT = false, current = ""
    override func start(_ e: String, _ attributes: [String: String]) {
        if e == "si" { inSI = true; current = "" } else if e == "t" { inT = true; text = "" }
    }
    override func end(_ e: String) {
        if e == "t" { if inSI { current += text }; inT = false } else if e == "si" { strings.append(current); inSI = false }
    }
}

private final class Relations: XMLReader {
    var targets: [String: String] = [:]
    override func start(_ e: String, _ attributes: [String: String]) {
        if e == "Relationship", let id = attributes["Id"], let t = attributes["Target"] { targets[id] = t }
    }
}

private final class SheetList: XMLReader {
    var sheets: [(String, String)] = []
    override func start(_ e: String, _ attributes: [String: String]) {
        if e == "sheet", let n = attributes["name"], let id = attributes["r:id"] { sheets.append((n, id)) }
    }
}

/// The cells of an xlsx sheet: `<c r="C5" t="s"><v>3</v></c>`, inline strings too.
private final class SheetCells: XMLReader {
    let strings: [String]
    var rows: [Int: [Int: WorkbookReader.Value]] = [:]
    var row = 0, column = 0, type = "n", value = "", inline = ""
    init(_ data: Data, _ strings: [String]) { self.strings = strings; super.init(data) }
    override func start(_ e: String, _ attributes: [String: String]) {
        switch e {
        case "row": row = Int(attributes["r"] ?? "") ?? row + 1; column = 0
        case "c":
            let ref = attributes["r"] ?? ""
            let letters = ref.prefix { $0.isLetter }
            column = letters.isEmpty ? column + 1 : WorkbookReader.columnNumber(letters)
            type = attributes["t"] ?? "n"; value = ""; inline = ""
        case "v", "t": text = ""
        default: break
        }
    }
    override func end(_ e: String) {
        switch e {
        case "v": value = text
        case "t": inline += text
        case "c":
            let v: WorkbookReader.Value?
            switch type {
            case "s": v = Int(value).flatMap { $0 < strings.count ? .text(strings[$0]) : nil }
            case "inlineStr": v = .text(inline)
            case "str": v = .text(value)
            case "b": v = .boolean(value == "1")
            default: v = value.isEmpty ? nil : Double(value).map { .number($0) } ?? .text(value)
            }
            if let v { rows[row, default: [:]][column] = v }
        default: break
        }
    }
}

/// The tables of an ODS `content.xml`: `table:table-row` and `table:table-cell` with their
/// `number-columns-repeated` and `number-rows-repeated`.
private final class OpenDocumentSheets: XMLReader {
    var sheets: [WorkbookReader.Sheet] = []
    var current: WorkbookReader.Sheet?
    var row = 0, column = 0, rowRepeat = 1, cellRepeat = 1
    var cellValue: WorkbookReader.Value?, inCell = false, paragraphs: [String] = []
    override func start(_ e: String, _ attributes: [String: String]) {
        switch e {
        case "table:table": current = .init(name: attributes["table:name"] ?? "", rows: [:]); row = 0
        case "table:table-row":
            rowRepeat = Int(attributes["table:number-rows-repeated"] ?? "") ?? 1
            row += 1; column = 0
        case "table:table-cell", "table:covered-table-cell":
            cellRepeat = Int(attributes["table:number-columns-repeated"] ?? "") ?? 1
            inCell = true; paragraphs = []; cellValue = nil
            switch attributes["office:value-type"] {
            case "float", "percentage", "currency": cellValue = Double(attributes["office:value"] ?? "").map { .number($0) }
            case "boolean": cellValue = .boolean(attributes["office:boolean-value"] == "true")
            default: break
            }
        case "text:p": text = ""
        default: break
        }
    }
    override func end(_ e: String) {
        switch e {
        case "text:p": if inCell { paragraphs.append(text) }
        case "table:table-cell", "table:covered-table-cell":
            let v = cellValue ?? (paragraphs.isEmpty ? nil : .text(paragraphs.joined(separator: "\n")))
            // Repeated empty cells pad a row to the sheet's width: only values are kept.
            if let v { for k in 0..<min(cellRepeat, 1024) { current?.rows[row, default: [:]][column + 1 + k] = v } }
            column += cellRepeat; inCell = false
        case "table:table-row": row += rowRepeat - 1
        case "table:table": if let current { sheets.append(current) }; current = nil
        default: break
        }
    }
}
