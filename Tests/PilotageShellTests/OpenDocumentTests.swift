import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
import ZIPFoundation
@testable import PilotageOffice
@testable import PilotageShell

/// The OpenDocument texts of the avenant and the brief: the package's structure, well-formed
/// XML, and the same text as the Markdown they are made from.
@Suite("OpenDocument text (.odt)")
struct OpenDocumentTests {
    /// The entries of a package, in order, with their bytes and compression.
    static func entries(_ bytes: [UInt8]) throws -> [(path: String, stored: Bool, data: Data)] {
        let archive = try Archive(data: Data(bytes), accessMode: .read)
        return try archive.map { entry in
            var data = Data()
            _ = try archive.extract(entry) { data.append($0) }
            return (entry.path, entry.compressedSize == entry.uncompressedSize && entry.type == .file, data)
        }
    }

    /// The paragraphs (and headings, list items, table cells) of a content.xml, as text:
    /// line breaks as "\n", `text:s` as spaces. Fails on XML that is not well-formed.
    final class TextCollector: NSObject, XMLParserDelegate {
        var paragraphs: [String] = [], current: String?, depth = 0
        func parser(_ p: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String] = [:]) {
            switch name {
            case "text:p", "text:h": current = ""
            case "text:line-break": current? += "\n"
            case "text:tab": current? += "\t"
            case "text:s": current? += String(repeating: " ", count: Int(attributes["text:c"] ?? "1") ?? 1)
            default: break
            }
        }
        func parser(_ p: XMLParser, foundCharacters string: String) { current? += string }
        func parser(_ p: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
            if name == "text:p" || name == "text:h", let c = current { paragraphs.append(c); current = nil }
        }
    }

    /// A new empty folder (the caller removes it).
    static func temporaryFolder() throws -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("odt-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        return dir
    }

    /// The lines of a content.xml's paragraphs, and whether it is well-formed XML.
    static func parse(_ data: Data) -> (wellFormed: Bool, paragraphs: [String]) {
        let parser = XMLParser(data: data), collector = TextCollector()
        parser.delegate = collector
        let ok = parser.parse()
        // A line break inside a paragraph is a new line of the Markdown.
        return (ok, collector.paragraphs.flatMap { $0.components(separatedBy: "\n") })
    }

    /// The Markdown's text, read independently of the writer: markup removed, one line a
    /// paragraph line, item or cell.
    static func markdownText(_ md: String) -> [String] {
        var out: [String] = []
        for raw in md.components(separatedBy: "\n") {
            var line = raw.hasSuffix("  ") ? String(raw.dropLast(2)) : raw
            if line.trimmingCharacters(in: .whitespaces).isEmpty || line == "---" { continue }
            if line.hasPrefix("|") {
                let cells = line.dropFirst().dropLast().split(separator: "|", omittingEmptySubsequences: false)
                    .map { $0.trimmingCharacters(in: .whitespaces) }
                if cells.allSatisfy({ !$0.isEmpty && $0.allSatisfy { ":-".contains($0) } }) { continue }
                for c in cells { out += c.replacingOccurrences(of: "**", with: "").components(separatedBy: "<br>") }
                continue
            }
            for prefix in ["### ", "## ", "- "] where line.hasPrefix(prefix) { line = String(line.dropFirst(prefix.count)); break }
            out.append(line.replacingOccurrences(of: "**", with: ""))
        }
        return out
    }

    @Test("the package: mimetype first and stored, manifest, content, styles, meta; XML well-formed")
    func structure() throws {
        let md = "## Titre  \nsuite\n\nUn paragraphe **gras** & <échappé>\n\n- un\n- deux\n\n| a | b |\n|---|---:|\n| 1 | 2 |\n\n---\n\n### Annexe\n"
        let bytes = try OpenDocumentText.package(markdown: md, title: "Essai")
        let e = try Self.entries(bytes)
        #expect(e.map(\.path) == ["mimetype", "META-INF/manifest.xml", "content.xml", "styles.xml", "meta.xml"])
        #expect(e[0].stored && String(decoding: e[0].data, as: UTF8.self) == "application/vnd.oasis.opendocument.text")
        // ODF: the mimetype's bytes at offset 38 of the file, right after its local header and name.
        #expect(Array(bytes[30..<38]) == Array("mimetype".utf8) && Array(bytes[38..<77]) == Array(OpenDocumentText.mediaType.utf8))
        for x in e.dropFirst() { #expect(Self.parse(x.data).wellFormed, "\(x.path) is well-formed XML") }
        let manifest = String(decoding: e[1].data, as: UTF8.self)
        for part in ["content.xml", "styles.xml", "meta.xml"] { #expect(manifest.contains("manifest:full-path=\"\(part)\"")) }
        let content = String(decoding: e[2].data, as: UTF8.self)
        #expect(content.contains("<text:h text:style-name=\"Heading_20_1\" text:outline-level=\"1\">Titre<text:line-break/>suite</text:h>"))
        #expect(content.contains("<text:span text:style-name=\"Strong_20_Emphasis\">gras</text:span> &amp; &lt;échappé&gt;"))
        #expect(content.contains("<table:table-header-rows>") && content.contains("table:number-columns-repeated=\"2\""))
        #expect(content.contains("<text:h text:style-name=\"PageBreakHeading2\"") && content.contains("fo:break-before=\"page\""))
        #expect(Self.parse(e[2].data).paragraphs == Self.markdownText(md))
        #expect(try OpenDocumentText.package(markdown: md, title: "Essai") == bytes, "the same document gives the same bytes")
    }

    /// Runs `command to FOLDER/file` and reads the written package's content: what the command
    /// said, whether content.xml is well-formed, and its lines.
    static func written(_ s: Session, _ command: String, _ file: String) throws -> (said: String, wellFormed: Bool, lines: [String]) {
        let dir = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let said = s.run("\(command) to \(dir)/\(file)").output.replacingOccurrences(of: dir + "/", with: "")
        let e = try entries([UInt8](try Data(contentsOf: URL(fileURLWithPath: dir + "/" + file))))
        let (ok, lines) = parse(try #require(e.first { $0.path == "content.xml" }).data)
        return (said, ok, lines)
    }

    @Test("avenant of ML069-LYON for 2017 to lyon.odt: the Markdown's text, amounts in words included")
    func avenant() throws {
        let s = demoSession()
        let md = s.run("avenant of ML069-LYON for 2017").output
        let (said, ok, paragraphs) = try Self.written(s, "avenant of ML069-LYON for 2017", "lyon.odt")
        #expect(said == "écrit : lyon.odt\n" && ok)
        #expect(paragraphs == Self.markdownText(md))
        let text = paragraphs.joined(separator: "\n")
        #expect(text.contains("NOTIFIÉE LE") && text.contains("Cadre réservé à l'administration"))
        #expect(text.contains("cent quarante-cinq mille cinq cent soixante et onze euros et quatre centimes"))
        #expect(text.contains("145\u{202F}571,04\u{202F}€") && text.contains("« Durée de la convention »"))
    }

    /// The committed reference: the text of the OpenDocument of Playground/scripts/5-avenant-lyon-2017
    /// (`PILOTAGE_WRITE_PLAYGROUND=1` rewrites it after an intended change).
    @Test("the reference avenant's OpenDocument text is the committed one")
    func reference() throws {
        let script = PlaygroundScriptTests.folder + "/5-avenant-lyon-2017.pilote"
        let s = demoSession()
        let (error, _) = s.runScript(try String(contentsOfFile: script, encoding: .utf8), source: "5-avenant-lyon-2017.pilote") { _ in }
        #expect(error == nil)
        let markdown = s.run("avenant of ML069-LYON for 2017").output
        let bytes = try OpenDocumentText.package(markdown: markdown, title: "Avenant")
        let (ok, lines) = Self.parse(try #require(try Self.entries(bytes).first { $0.path == "content.xml" }).data)
        #expect(ok && lines == Self.markdownText(markdown))
        let text = lines.joined(separator: "\n") + "\n", path = script.replacingOccurrences(of: ".pilote", with: ".odt.txt")
        if ProcessInfo.processInfo.environment["PILOTAGE_WRITE_PLAYGROUND"] != nil {
            try text.write(toFile: path, atomically: true, encoding: .utf8)
        }
        #expect(text == (try String(contentsOfFile: path, encoding: .utf8)))
    }

    @Test("brief … to FILE.odt: the brief's Markdown as an OpenDocument text")
    func brief() throws {
        let s = demoSession()
        let md = s.run("brief of ML069-LYON for 2017 format markdown").output
        let (said, ok, paragraphs) = try Self.written(s, "brief of ML069-LYON for 2017", "note.odt")
        #expect(said == "écrit : note.odt\n" && ok && paragraphs == Self.markdownText(md))
        #expect(paragraphs.contains("2.1 - REPERAGE - ACCUEIL - ENTRETIEN DE DIAGNOSTIC - ORIENTATION ET CONSOLIDATION DU PROJET"))
    }

    /// LibreOffice, where it is installed (never required): it opens the avenant and reads the
    /// same text back.
    @Test("LibreOffice opens the avenant (when installed)", .enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/soffice")))
    func libreOffice() throws {
        let dir = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let s = demoSession()
        #expect(s.run("avenant of ML069-LYON for 2017 to \(dir)/lyon.odt").succeeded)
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/soffice")
        p.arguments = ["-env:UserInstallation=file://\(dir)/profile", "--headless", "--convert-to", "txt:Text", "--outdir", dir, dir + "/lyon.odt"]
        p.standardOutput = FileHandle.nullDevice; p.standardError = FileHandle.nullDevice
        try p.run()
        p.waitUntilExit()
        let text = try String(contentsOfFile: dir + "/lyon.txt", encoding: .utf8)
        #expect(text.contains("NOTIFIÉE LE") && text.contains("Cadre réservé à l'administration"))
        #expect(text.contains("cent quarante-cinq mille cinq cent soixante et onze euros et quatre centimes"))
    }
}
