import Foundation
import ZIPFoundation

/// An OpenDocument text (.odt, ODF 1.3) made from the Markdown that Pilotage's documents are
/// written in (the avenant, the brief): headings, paragraphs with line breaks and bold spans,
/// bullet lists, tables with a header row, and a page break for `---`. The Référentiel général
/// d'interopérabilité names ODF for office documents exchanged by administrations; no office
/// suite is needed to write one.
///
/// ```swift
/// let bytes = try OpenDocumentText.package(markdown: avenant.markdown(), title: "Avenant n° 2")
/// try OutputFile.write(bytes: bytes, to: "avenant.odt")
/// ```
///
/// The package holds, in this order, `mimetype` (first and stored, as ODF requires),
/// `META-INF/manifest.xml`, `content.xml`, `styles.xml` and `meta.xml`. Text is written as
/// given: French typography (« », narrow no-break spaces in amounts) is kept character for
/// character, and runs of spaces are kept with `text:s`.
public enum OpenDocumentText {
    /// Why a package cannot be written.
    public enum Failure: Error, Hashable, Sendable {
        /// The zip library refused an entry (the reason as it gives it).
        case archive(String)
    }

    /// The media type of an OpenDocument text.
    public static let mediaType = "application/vnd.oasis.opendocument.text"

    /// The .odt package of a Markdown document.
    ///
    /// - Parameters:
    ///   - markdown: the document (the subset ``blocks(_:)`` reads).
    ///   - title: the document's title in its metadata.
    /// - Throws: ``Failure/archive(_:)`` when the zip library fails.
    public static func package(markdown: String, title: String) throws(Failure) -> [UInt8] {
        let entries: [(String, String)] = [
            ("mimetype", mediaType), ("META-INF/manifest.xml", manifest), ("content.xml", content(markdown)),
            ("styles.xml", styles), ("meta.xml", meta(title: title)),
        ]
        do {
            let archive = try Archive(data: Data(), accessMode: .create)
            // A fixed date: the same document gives the same bytes.
            let date = DateComponents(calendar: Calendar(identifier: .gregorian), timeZone: TimeZone(identifier: "UTC"),
                                      year: 2015, month: 1, day: 1).date ?? Date(timeIntervalSince1970: 1_420_070_400)
            for (k, (path, text)) in entries.enumerated() {
                let data = Data(text.utf8)
                try archive.addEntry(with: path, type: .file, uncompressedSize: Int64(data.count), modificationDate: date,
                                     compressionMethod: k == 0 ? .none : .deflate) { position, size in
                    data.subdata(in: Int(position)..<Int(position) + size)
                }
            }
            guard let bytes = archive.data else { throw Failure.archive("no data") }
            return [UInt8](bytes)
        } catch let f as Failure {
            throw f
        } catch {
            throw .archive(String(describing: error))
        }
    }

    // MARK: the document as blocks

    /// A block of the document.
    public enum Block: Hashable, Sendable {
        /// A heading (`##` is level 1, `###` level 2); its lines are separated by line breaks
        /// (a heading line ending with two spaces goes on with the next line).
        case heading(level: Int, lines: [String])
        /// A paragraph; its lines are separated by line breaks.
        case paragraph([String])
        /// A bullet list, one string an item.
        case list([String])
        /// A table: the header row then the rows; a cell's lines are separated by `<br>`.
        case table([[String]])
        /// A page break before what follows.
        case pageBreak
    }

    /// The blocks of the Markdown subset Pilotage writes: `## `/`### ` headings, `- ` items,
    /// `|` table rows (the `---` row under the header is skipped), `---` alone for a page
    /// break, and paragraphs (consecutive lines of one paragraph are separated by line breaks).
    public static func blocks(_ markdown: String) -> [Block] {
        var out: [Block] = [], paragraph: [String] = [], items: [String] = [], rows: [[String]] = []
        var heading: (level: Int, lines: [String])?, headingGoesOn = false
        func flush() {
            if let h = heading { out.append(.heading(level: h.level, lines: h.lines)); heading = nil }
            if !paragraph.isEmpty { out.append(.paragraph(paragraph)); paragraph = [] }
            if !items.isEmpty { out.append(.list(items)); items = [] }
            if !rows.isEmpty { out.append(.table(rows)); rows = [] }
        }
        for raw in markdown.components(separatedBy: "\n") {
            let line = raw.hasSuffix("  ") ? String(raw.dropLast(2)) : raw
            if line.trimmingCharacters(in: .whitespaces).isEmpty { flush(); continue }
            if headingGoesOn, heading != nil {
                heading!.lines.append(line)
                headingGoesOn = raw.hasSuffix("  ")
                continue
            }
            if line == "---" { flush(); out.append(.pageBreak); continue }
            for (prefix, level) in [("### ", 2), ("## ", 1)] where line.hasPrefix(prefix) {
                flush()
                heading = (level, [String(line.dropFirst(prefix.count))])
                headingGoesOn = raw.hasSuffix("  ")
            }
            if heading != nil {
                if !headingGoesOn { flush() }
                continue
            }
            if line.hasPrefix("- ") {
                if items.isEmpty { flush() }
                items.append(String(line.dropFirst(2)))
                continue
            }
            if line.hasPrefix("|") {
                if rows.isEmpty { flush() }
                let cells = cellsOf(line)
                if cells.allSatisfy({ !$0.isEmpty && $0.allSatisfy { ":-".contains($0) } }) { continue }
                rows.append(cells)
                continue
            }
            if !items.isEmpty || !rows.isEmpty { flush() }
            paragraph.append(line)
        }
        flush()
        return out
    }

    /// The cells of a Markdown table row (`\|` is a literal bar).
    static func cellsOf(_ line: String) -> [String] {
        var cells: [String] = [], current = "", escaped = false
        for c in line.dropFirst() {
            if escaped { current.append(c); escaped = false; continue }
            if c == "\\" { escaped = true; continue }
            if c == "|" { cells.append(current.trimmingCharacters(in: .whitespaces)); current = ""; continue }
            current.append(c)
        }
        return cells
    }

    // MARK: content.xml

    /// `content.xml`: the blocks as ODF elements, with the automatic styles they use.
    public static func content(_ markdown: String) -> String {
        var body = "", tableCount = 0, breakNext = false
        func paragraphStyle(_ name: String) -> String {
            defer { breakNext = false }
            return breakNext ? "PageBreak" : name
        }
        for block in blocks(markdown) {
            switch block {
            case .pageBreak:
                breakNext = true
            case .heading(let level, let lines):
                let style = breakNext ? "PageBreakHeading\(level)" : "Heading_20_\(level)"
                breakNext = false
                body += "<text:h text:style-name=\"\(style)\" text:outline-level=\"\(level)\">"
                    + lines.map(inline).joined(separator: "<text:line-break/>") + "</text:h>\n"
            case .paragraph(let lines):
                body += "<text:p text:style-name=\"\(paragraphStyle("Text_20_body"))\">"
                    + lines.map(inline).joined(separator: "<text:line-break/>") + "</text:p>\n"
            case .list(let items):
                if breakNext { body += "<text:p text:style-name=\"\(paragraphStyle("Text_20_body"))\"/>\n" }
                body += "<text:list text:style-name=\"Bullets\">"
                for item in items { body += "<text:list-item><text:p text:style-name=\"List_20_Contents\">\(inline(item))</text:p></text:list-item>" }
                body += "</text:list>\n"
            case .table(let rows):
                if breakNext { body += "<text:p text:style-name=\"\(paragraphStyle("Text_20_body"))\"/>\n" }
                tableCount += 1
                let width = rows.map(\.count).max() ?? 1
                body += "<table:table table:name=\"Tableau\(tableCount)\" table:style-name=\"Table\">"
                body += "<table:table-column table:style-name=\"Column\" table:number-columns-repeated=\"\(width)\"/>"
                for (k, row) in rows.enumerated() {
                    let style = k == 0 ? "Table_20_Heading" : "Table_20_Contents"
                    if k == 0 { body += "<table:table-header-rows>" }
                    body += "<table:table-row>"
                    for c in 0..<width {
                        let lines = (c < row.count ? row[c] : "").components(separatedBy: "<br>")
                        body += "<table:table-cell table:style-name=\"Cell\" office:value-type=\"string\">"
                            + lines.map { "<text:p text:style-name=\"\(style)\">\(inline($0))</text:p>" }.joined() + "</table:table-cell>"
                    }
                    body += "</table:table-row>"
                    if k == 0 { body += "</table:table-header-rows>" }
                }
                body += "</table:table>\n"
            }
        }
        return """
        <?xml version="1.0" encoding="UTF-8"?>
        <office:document-content \(namespaces) office:version="1.3">
        <office:automatic-styles>
        <style:style style:name="PageBreak" style:family="paragraph" style:parent-style-name="Text_20_body"><style:paragraph-properties fo:break-before="page"/></style:style>
        <style:style style:name="PageBreakHeading1" style:family="paragraph" style:parent-style-name="Heading_20_1"><style:paragraph-properties fo:break-before="page"/></style:style>
        <style:style style:name="PageBreakHeading2" style:family="paragraph" style:parent-style-name="Heading_20_2"><style:paragraph-properties fo:break-before="page"/></style:style>
        <style:style style:name="Table" style:family="table"><style:table-properties style:width="17cm" table:align="margins" fo:margin-top="0.2cm" fo:margin-bottom="0.2cm"/></style:style>
        <style:style style:name="Column" style:family="table-column"/>
        <style:style style:name="Cell" style:family="table-cell"><style:table-cell-properties fo:padding="0.1cm" fo:border="0.5pt solid #808080"/></style:style>
        <text:list-style style:name="Bullets"><text:list-level-style-bullet text:level="1" text:bullet-char="•"><style:list-level-properties text:list-level-position-and-space-mode="label-alignment"><style:list-level-label-alignment text:label-followed-by="listtab" text:list-tab-stop-position="0.635cm" fo:text-indent="-0.635cm" fo:margin-left="0.635cm"/></style:list-level-properties></text:list-level-style-bullet></text:list-style>
        </office:automatic-styles>
        <office:body>
        <office:text>
        \(body)</office:text>
        </office:body>
        </office:document-content>

        """
    }

    /// A line of text: XML escapes, `**bold**` spans, runs of spaces and tabs kept.
    static func inline(_ text: String) -> String {
        var out = "", rest = Substring(text)
        while let open = rest.range(of: "**"), let close = rest.range(of: "**", range: open.upperBound..<rest.endIndex) {
            out += spaced(rest[..<open.lowerBound])
            out += "<text:span text:style-name=\"Strong_20_Emphasis\">" + spaced(rest[open.upperBound..<close.lowerBound]) + "</text:span>"
            rest = rest[close.upperBound...]
        }
        return out + spaced(rest)
    }

    /// XML-escaped text with runs of spaces as `text:s` (ODF collapses them otherwise) and tabs
    /// as `text:tab`.
    static func spaced(_ text: Substring) -> String {
        var out = "", spaces = 0
        func flushSpaces() {
            if spaces > 0 { out += " " + (spaces > 1 ? "<text:s text:c=\"\(spaces - 1)\"/>" : "") }
            spaces = 0
        }
        for c in text {
            switch c {
            case " ": spaces += 1
            case "\t": flushSpaces(); out += "<text:tab/>"
            case "&": flushSpaces(); out += "&amp;"
            case "<": flushSpaces(); out += "&lt;"
            case ">": flushSpaces(); out += "&gt;"
            case "\"": flushSpaces(); out += "&quot;"
            default:
                if let v = c.unicodeScalars.first?.value, v < 0x20 { continue }   // not allowed in XML 1.0
                flushSpaces(); out.append(c)
            }
        }
        flushSpaces()
        return out
    }

    // MARK: the other parts

    static let namespaces = """
    xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" \
    xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" \
    xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0" \
    xmlns:dc="http://purl.org/dc/elements/1.1/"
    """

    static let manifest = """
    <?xml version="1.0" encoding="UTF-8"?>
    <manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.3">
    <manifest:file-entry manifest:full-path="/" manifest:version="1.3" manifest:media-type="\(mediaType)"/>
    <manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>
    <manifest:file-entry manifest:full-path="styles.xml" manifest:media-type="text/xml"/>
    <manifest:file-entry manifest:full-path="meta.xml" manifest:media-type="text/xml"/>
    </manifest:manifest>

    """

    /// A4 pages with 2 cm margins, a serif body in French (hyphenation and spelling), headings,
    /// table text and bold spans.
    static let styles = """
    <?xml version="1.0" encoding="UTF-8"?>
    <office:document-styles \(namespaces) office:version="1.3">
    <office:styles>
    <style:default-style style:family="paragraph"><style:paragraph-properties fo:hyphenation-ladder-count="no-limit"/><style:text-properties style:font-name="Liberation Serif" fo:font-family="'Liberation Serif'" fo:font-size="11pt" fo:language="fr" fo:country="FR" fo:hyphenate="true"/></style:default-style>
    <style:style style:name="Standard" style:family="paragraph" style:class="text"/>
    <style:style style:name="Text_20_body" style:display-name="Text body" style:family="paragraph" style:parent-style-name="Standard" style:class="text"><style:paragraph-properties fo:margin-top="0cm" fo:margin-bottom="0.21cm" fo:text-align="justify"/></style:style>
    <style:style style:name="Heading" style:family="paragraph" style:parent-style-name="Standard" style:next-style-name="Text_20_body" style:class="text"><style:paragraph-properties fo:margin-top="0.42cm" fo:margin-bottom="0.21cm" fo:keep-with-next="always"/><style:text-properties fo:font-weight="bold"/></style:style>
    <style:style style:name="Heading_20_1" style:display-name="Heading 1" style:family="paragraph" style:parent-style-name="Heading" style:default-outline-level="1" style:class="text"><style:paragraph-properties fo:text-align="center"/><style:text-properties fo:font-size="14pt"/></style:style>
    <style:style style:name="Heading_20_2" style:display-name="Heading 2" style:family="paragraph" style:parent-style-name="Heading" style:default-outline-level="2" style:class="text"><style:text-properties fo:font-size="12pt"/></style:style>
    <style:style style:name="List_20_Contents" style:display-name="List Contents" style:family="paragraph" style:parent-style-name="Standard" style:class="list"><style:paragraph-properties fo:margin-bottom="0.1cm"/></style:style>
    <style:style style:name="Table_20_Contents" style:display-name="Table Contents" style:family="paragraph" style:parent-style-name="Standard" style:class="extra"><style:text-properties fo:font-size="10pt"/></style:style>
    <style:style style:name="Table_20_Heading" style:display-name="Table Heading" style:family="paragraph" style:parent-style-name="Table_20_Contents" style:class="extra"><style:text-properties fo:font-weight="bold"/></style:style>
    <style:style style:name="Strong_20_Emphasis" style:display-name="Strong Emphasis" style:family="text"><style:text-properties fo:font-weight="bold"/></style:style>
    </office:styles>
    <office:automatic-styles>
    <style:page-layout style:name="A4"><style:page-layout-properties fo:page-width="21cm" fo:page-height="29.7cm" style:print-orientation="portrait" fo:margin-top="2cm" fo:margin-bottom="2cm" fo:margin-left="2cm" fo:margin-right="2cm"/></style:page-layout>
    </office:automatic-styles>
    <office:master-styles>
    <style:master-page style:name="Standard" style:page-layout-name="A4"/>
    </office:master-styles>
    </office:document-styles>

    """

    static func meta(title: String) -> String {
        """
        <?xml version="1.0" encoding="UTF-8"?>
        <office:document-meta \(namespaces) office:version="1.3">
        <office:meta><meta:generator>Pilotage</meta:generator><dc:title>\(spaced(Substring(title)))</dc:title><dc:language>fr-FR</dc:language></office:meta>
        </office:document-meta>

        """
    }
}
