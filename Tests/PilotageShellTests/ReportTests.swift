import Foundation
import Testing
@testable import PilotageShell

/// Every report, in every format: the table form is today's output, JSON parses and matches the
/// shapes documented in Docs/reports.md, CSV has a header row, Markdown is a table.
@Suite("Reports: every answer as data")
struct ReportTests {
    /// Each report, by a command that makes it (after the lines that set it up).
    static let commands: [(report: String, setup: [String], line: String)] = [
        ("brief", [], "brief of ML038-GRENOBLE for 2017"),
        ("synthesis", ["synthesis add ML038-GRENOBLE 2 actions \"Repérage\""], "synthesis of ML038-GRENOBLE for 2017"),
        ("proposals", [], "objective propose R8 of ML038-GRENOBLE for 2017 points 3"),
        ("objectives", [], "objective list of ML038-GRENOBLE"),
        ("scenarios", ["scenario new e", "scenario add e national_entries 100 of ML069-LYON year 2016", "scenario new f"], "scenario show e,f"),
        ("sensitivity", [], "sensitivity R5 of ML069-LYON year 2016 by national_entries 0, 50, 100"),
        ("goal_seek", [], "seek R10 = 40% of ML069-LYON year 2016 by exits_to_employment"),
        ("convention", [], "convention of ML038-GRENOBLE"),
        ("funding", ["funding of ML038-GRENOBLE year 2016 +4% set"], "funding of ML038-GRENOBLE year 2017 +5.76%"),
        ("matrix", ["scenario new e", "scenario add e national_entries 100 of ML069-LYON year 2016"], "matrix of 84 year 2016 highlight ML069-LYON scenario e"),
        ("levers", [], "levers"),
        ("catalogue", [], "catalogue kind ratio"),
    ]

    /// `report table column:type …` lines of the `report-shapes` block of Docs/reports.md.
    static let shapes: [String: [(table: String, columns: [(key: String, type: String)])]] = {
        let doc = (try? String(contentsOfFile: root.appendingPathComponent("Docs/reports.md").path, encoding: .utf8)) ?? ""
        let block = doc.components(separatedBy: "```report-shapes\n").dropFirst().first?.components(separatedBy: "```").first ?? ""
        var shapes: [String: [(String, [(String, String)])]] = [:]
        for line in block.split(separator: "\n") {
            let words = line.split(separator: " ").map(String.init)
            guard words.count >= 2 else { continue }
            let columns = words.dropFirst(2).map { w -> (String, String) in
                guard let colon = w.lastIndex(of: ":") else { return (w, "") }
                return (String(w[..<colon]), String(w[w.index(after: colon)...]))
            }
            shapes[words[0], default: []].append((words[1], columns))
        }
        return shapes
    }()

    func run(_ c: (report: String, setup: [String], line: String), _ suffix: String = "") -> String {
        let s = demoSession()
        for l in c.setup { #expect(s.run(l).succeeded, "\(l)") }
        let r = s.run(c.line + suffix)
        #expect(r.error == nil, "\(c.line)\(suffix): \(r.error ?? "")")
        return r.output
    }

    @Test("every documented report has a command, and the reverse")
    func documented() {
        #expect(Set(Self.shapes.keys) == Set(Self.commands.map(\.report)))
    }

    @Test("JSON parses and matches its documented shape", arguments: commands.map(\.line))
    func json(_ line: String) throws {
        let c = Self.commands.first { $0.line == line }!
        let text = run(c, " format json")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any], "\(line): \(text.prefix(200))")
        #expect(Set(object.keys) == ["report", "title", "notes", "tables"])
        #expect(object["report"] as? String == c.report && object["notes"] is [String] && object["title"] is String)
        let tables = try #require(object["tables"] as? [[String: Any]])
        let documented = try #require(Self.shapes[c.report])
        #expect(tables.map { $0["name"] as? String ?? "" } == documented.map(\.table).filter { name in tables.contains { $0["name"] as? String == name } },
                "\(c.report): tables in the documented order")
        for t in tables {
            #expect(Set(t.keys) == ["name", "title", "columns", "rows", "notes"])
            let name = t["name"] as? String ?? ""
            let shape = try #require(documented.first { $0.table == name }, "\(c.report).\(name) is documented")
            let columns = try #require(t["columns"] as? [[String: String]])
            let keys = columns.map { $0["key"] ?? "" }
            // Documented keys in order; uppercase keys are names the command's words choose; `...` repeats.
            let open = shape.columns.last?.key == "..."
            let fixed = open ? Array(shape.columns.dropLast()) : shape.columns
            #expect(open ? keys.count >= fixed.count : keys.count == fixed.count, "\(c.report).\(name): \(keys)")
            for (k, doc) in zip(keys.indices, fixed) {
                let placeholder = doc.key == doc.key.uppercased() && doc.key.contains(where: \.isLetter)
                #expect(placeholder || keys[k] == doc.key, "\(c.report).\(name): \(keys[k]) ≠ \(doc.key)")
                let type = columns[k]["type"] ?? ""
                let numeric = ["count", "ratio", "amount", "number"]
                let allowed = type == "absent" || type == doc.type || (doc.type == "mixed" && numeric.contains(type))
                #expect(allowed, "\(c.report).\(name).\(keys[k]): \(type), documented \(doc.type)")
            }
            for row in try #require(t["rows"] as? [[String: Any]]) {
                #expect(Set(row.keys).subtracting(["reasons"]) == Set(keys))
                let reasons = row["reasons"] as? [String: String] ?? [:]
                for (k, column) in zip(keys, columns) {
                    switch column["type"] {
                    case "text": #expect(row[k] is String || reasons[k] != nil)
                    case "count", "ratio", "amount", "number", "mixed": #expect(row[k] is NSNumber || reasons[k] != nil, "\(k)")
                    default: break
                    }
                    if row[k] is NSNull { #expect(reasons[k] != nil, "\(c.report).\(name).\(k): null without a reason") }
                }
            }
        }
    }

    @Test("CSV has a header row, Markdown is a table, the table form is the default", arguments: commands.map(\.line))
    func otherFormats(_ line: String) throws {
        let c = Self.commands.first { $0.line == line }!
        let json = try JSONSerialization.jsonObject(with: Data(run(c, " format json").utf8)) as? [String: Any]
        let firstTable = (json?["tables"] as? [[String: Any]])?.first
        let keys = (firstTable?["columns"] as? [[String: String]])?.map { $0["key"]! } ?? []
        let csv = run(c, " format csv")
        #expect(csv.components(separatedBy: "\n").first == keys.map(CSVText.field).joined(separator: ","))
        let markdown = run(c, " format markdown").components(separatedBy: "\n")
        #expect(markdown.contains { $0.hasPrefix("| ") } && markdown.contains { $0.hasPrefix("| --- |") })
        #expect(run(c, " format table") == run(c))
    }

    @Test("the brief's programme table as data: each row says its programme and its territory by name")
    func briefProgrammeRows() throws {
        let text = run(("brief", [], "brief of ML038-GRENOBLE for 2017"), " format json")
        let json = try JSONSerialization.jsonObject(with: Data(text.utf8))
        let tables = (json as? [String: Any])?["tables"] as? [[String: Any]] ?? []
        let rows = tables.first { $0["name"] as? String == "programmes" }?["rows"] as? [[String: Any]] ?? []
        #expect(rows.count == 15)
        #expect(rows.allSatisfy { ($0["programme"] as? String).map { !$0.isEmpty } == true }, "\(rows.prefix(3))")
        #expect(rows.map { $0["territory"] as? String }.prefix(3)
                == ["Mission locale de Grenoble", "Auvergne-Rhône-Alpes", "France"])
    }

    @Test("to FILE writes the format of its extension; format after a worded answer is an error")
    func toFile() throws {
        let path = NSTemporaryDirectory() + "report-\(UUID().uuidString).csv"
        let s = demoSession()
        let out = s.run("convention of ML038-GRENOBLE to \(path)").output
        #expect(out.hasPrefix("écrit : \(path) ("))
        #expect(try String(contentsOfFile: path, encoding: .utf8) == s.run("convention of ML038-GRENOBLE format csv").output)
        #expect(s.run("scenario new z format csv").error?.contains("argument inattendu « format »") == true)
        // `to` and a year stay the command's: a convention runs from 2019 to 2022.
        #expect(s.run("convention new CPO-T of ML038-GRENOBLE from 2019 socle 1000 to 2022").succeeded)
        try? FileManager.default.removeItem(atPath: path)
    }

    @Test("a refused funding's data: the excess and the headroom, at the cent")
    func fundingData() throws {
        let c = Self.commands.first { $0.report == "funding" }!
        let s = demoSession()
        for l in c.setup { _ = s.run(l) }
        let text = s.run("funding of ML038-GRENOBLE year 2017 +5.77% format json").output
        let object = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        let row = try #require(((object["tables"] as? [[String: Any]])?.first?["rows"] as? [[String: Any]])?.first)
        #expect(row["allowed"] as? String == "no" && (row["highest"] as? NSNumber)?.decimalValue == Decimal(string: "96489.19"))
        #expect((row["headroom_up"] as? NSNumber)?.decimalValue == Decimal(string: "5263.04") && (row["headroom_up_percent"] as? NSNumber)?.doubleValue == 0.0576)
        #expect(row["room_up"] is NSNull && (row["reasons"] as? [String: String])?["room_up"] != nil)
    }
}
