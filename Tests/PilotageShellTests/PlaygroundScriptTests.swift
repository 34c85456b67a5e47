import Foundation
import Testing
@testable import PilotageShell

/// The annotated scripts of Playground/scripts run as they are, and print exactly their
/// committed `.out` files; every CSV answer in them is checked against the SDK directly.
/// After an intended change: `PILOTAGE_WRITE_PLAYGROUND=1 swift test --filter PlaygroundScriptTests`.
@Suite("Playground scripts never rot")
struct PlaygroundScriptTests {
    static let folder = root.appendingPathComponent("Playground/scripts").path
    static var scripts: [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).filter { $0.hasSuffix(".pilote") }.sorted()
    }

    @Test func thereAreTheFourQuestionsOfTheIssue() {
        #expect(Self.scripts.count >= 4)
    }

    @Test("output equals the committed .out", arguments: scripts)
    func output(_ name: String) throws {
        let path = Self.folder + "/" + name
        let text = try String(contentsOfFile: path, encoding: .utf8)
        var out = ""
        let (error, _) = demoSession().runScript(text, source: name) { out += $0 }
        #expect(error == nil)
        let expectedPath = path.replacingOccurrences(of: ".pilote", with: ".out")
        if ProcessInfo.processInfo.environment["PILOTAGE_WRITE_PLAYGROUND"] != nil {
            try out.write(toFile: expectedPath, atomically: true, encoding: .utf8)
        }
        #expect(out == (try String(contentsOfFile: expectedPath, encoding: .utf8)))
    }

    @Test("every CSV answer equals the SDK's numbers", arguments: scripts)
    func csvAgainstTheSDK(_ name: String) throws {
        let text = try String(contentsOfFile: Self.folder + "/" + name, encoding: .utf8)
        let session = demoSession()
        var checked = 0
        for (_, line) in Session.logicalLines(text) {
            let result = session.run(line)
            guard line.contains("format csv") else { continue }
            let rows = csvRows(result.output)
            let header = rows[0]
            #expect(header.prefix(5) == ["level", "territory", "name", "year", "breakdown"])
            for row in rows.dropFirst() {
                let t = Territory(level: Level(rawValue: row[0])!, id: row[1])
                let year = Int(row[3])!, b = Breakdown(rawValue: row[4])!
                #expect(row[2] == demoDashboard.name(of: t))
                for (column, cell) in zip(header.dropFirst(5), row.dropFirst(5)) {
                    let parts = column.components(separatedBy: "_")
                    let id = parts[0], now = demoDashboard.number(id, for: t, year: year, breakdown: b)
                    let before = demoDashboard.number(id, for: t, year: year - 1, breakdown: b)
                    let expected: Double?
                    switch parts.dropFirst().joined(separator: "_") {
                    case "": expected = now
                    case "prev": expected = before
                    case "change": expected = now.flatMap { n in before.map { n - $0 } }
                    default: expected = now.flatMap { n in before.flatMap { $0 == 0 ? nil : (n - $0) / $0 } }
                    }
                    if let expected {
                        #expect(abs(Double(cell)! - expected) <= 1e-9 * max(1, abs(expected)), "\(name) \(row[1]) \(column)")
                    } else {
                        #expect(cell.isEmpty)
                    }
                    checked += 1
                }
            }
        }
        #expect(checked > 0 || !text.contains("format csv"))
    }
}
