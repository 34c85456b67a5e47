import Foundation
import Testing
@testable import PilotageShell

/// The demo dashboard, computed once for the suite's checks.
let demoDataset = try! Dataset.load(from: demo)
let demoDashboard = Dashboard(demoDataset)

/// A session on the demo, sharing the suite's computed dashboard (debug builds are slow).
func demoSession() -> Session { Session(datasetPath: demo, dashboard: demoDashboard) }

/// Rows of a CSV answer (no quoted commas in the demo's names).
func csvRows(_ text: String) -> [[String]] {
    text.split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
}

@Suite("The query language")
struct QueryTests {
    let d = demoDashboard

    func csv(_ line: String) -> [[String]] {
        let s = demoSession()
        s.outputFormat = .csv
        let r = s.run(line)
        #expect(r.succeeded, "\(line): \(r.error ?? "")")
        return csvRows(r.output)
    }

    @Test("CSV answers equal the SDK's values")
    func csvMatchesTheSDK() {
        let rows = csv("show R10,1,5 of mls in 84 year 2016 breakdown women")
        #expect(rows[0] == ["level", "territory", "name", "year", "breakdown", "R10", "1", "5"])
        #expect(rows.count == 1 + d.missions(in: .region("84")).count)
        for row in rows.dropFirst() {
            for (k, id) in ["R10", "1", "5"].enumerated() {
                let expected = d.number(id, for: .ml(row[1]), year: 2016, breakdown: .women)!
                #expect(abs(Double(row[5 + k])! - expected) < 1e-9 * max(1, abs(expected)), "\(row)")
            }
        }
    }

    @Test("lines: lists, ratios, axes, families; duplicates once")
    func lineSelection() {
        #expect(csv("show ratios of nation")[0].dropFirst(5) == ["R1", "R2", "R3", "R4", "R5", "R6", "R7", "R8", "R9", "R10", "R11", "R12", "R13"])
        #expect(csv("show 4.1.* of nation")[0].dropFirst(5).allSatisfy { $0 == "4.1" || $0.hasPrefix("4.1.") })
        #expect(Array(csv("show exit of nation")[0].dropFirst(5)) == Catalogue.computed.filter { $0.axis == .exit }.map(\.id))
        #expect(csv("show R5,R5,R10 of nation")[0].dropFirst(5) == ["R5", "R10"])
    }

    @Test("sort, top and bottom order MLs by the SDK's values; absent values last")
    func sortAndLimit() {
        let expected = d.distribution("R10", within: .region("84"), year: 2017)
        let asc = csv("show R10 of mls in 84 sort R10 asc").dropFirst().map { $0[1] }
        #expect(asc == expected.reversed().map(\.ml.id))
        let top = csv("show R10 of mls in 84 top 3").dropFirst().map { $0[1] }
        #expect(top == expected.prefix(3).map(\.ml.id))
        let bottom = csv("show R10 of mls in 84 bottom 2").dropFirst().map { $0[1] }
        #expect(bottom == expected.suffix(2).reversed().map(\.ml.id))
        // top by one line, shown sorted by another order
        let topAsc = csv("show R10 of mls top 3 sort R10 asc").dropFirst().map { $0[1] }
        #expect(topAsc == d.distribution("R10", year: 2017).prefix(3).reversed().map(\.ml.id))
    }

    @Test("where: numbers, percentages, median, region, combined")
    func thresholds() {
        let q = d.quantiles("R10", within: .region("84"), year: 2017)!
        let below = csv("show R10 of mls in 84 where R10 < median").dropFirst()
        #expect(!below.isEmpty)
        #expect(Set(below.map { $0[1] }) == Set(d.distribution("R10", within: .region("84"), year: 2017).filter { $0.value < q.median }.map(\.ml.id)))
        let over40 = csv("show R10 of mls where R10 >= 40%").dropFirst()
        #expect(over40.allSatisfy { Double($0[5])! >= 0.4 })
        #expect(over40.count == d.distribution("R10", year: 2017).filter { $0.value >= 0.4 }.count)
        #expect(csv("show R10 of mls where R10 >= 0.4").count == csv("show R10 of mls where R10 >= 40%").count)
        let underRegion = csv("show R10 of mls where R10 < region and R5 > nation").dropFirst()
        for r in underRegion {
            let ml = Territory.ml(r[1]), region = d.region(of: r[1])!
            #expect(d.number("R10", for: ml, year: 2017)! < d.number("R10", for: region, year: 2017)!)
            #expect(d.number("R5", for: ml, year: 2017)! > d.number("R5", for: .nation, year: 2017)!)
        }
    }

    @Test("with region,nation and change: N−1, change, relative change")
    func comparisonAndChange() {
        let rows = csv("show R10,1 of ML069-LYON with region,nation change")
        #expect(rows[0].dropFirst(5) == ["R10", "R10_prev", "R10_change", "R10_rel_change", "1", "1_prev", "1_change", "1_rel_change"])
        #expect(rows.dropFirst().map { $0[1] } == ["ML069-LYON", "84", "FR"])
        for r in rows.dropFirst() {
            let t = Territory(level: Level(rawValue: r[0])!, id: r[1])
            let e = d.evolution("R10", for: t, year: 2017)!
            #expect(abs(Double(r[5])! - e.current) < 1e-9 && abs(Double(r[6])! - e.previous) < 1e-9)
            #expect(abs(Double(r[7])! - e.change) < 1e-9 && abs(Double(r[8])! - e.relativeChange!) < 1e-9)
        }
        // No N−1 for the first year: empty cells, and the reason on request.
        let s = demoSession()
        let table = s.run("show R10 of nation year 2015 change why").output
        #expect(table.contains("n.d.[1]") && table.contains("2014"))
    }

    @Test("years and breakdowns multiply rows")
    func yearsAndBreakdowns() {
        let rows = csv("show R10 of nation,84 years 2016-2017 breakdown women,qpv")
        #expect(rows.count == 1 + 2 * 2 * 2)
        #expect(rows[1].prefix(5) == ["national", "FR", "France", "2016", "women"])
        #expect(rows[4].prefix(5) == ["national", "FR", "France", "2017", "qpv"])
        #expect(csv("show R10 of nation years all").count == 1 + d.years.count)
    }

    @Test("territories by name, case and accents ignored; ambiguity is an error")
    func names() {
        #expect(csv("show R10 of \"mission locale de saint-etienne\"")[1][1] == "ML042-SAINT-ETIENNE")
        #expect(csv("show R10 of lyon")[1][1] == "ML069-LYON")
        let s = demoSession()
        let e = s.run("show R10 of \"Mission locale\"").error ?? ""
        #expect(e.contains("plusieurs territoires") && e.contains("^"))
    }

    @Test("JSON: values, null with a reason")
    func json() throws {
        let s = demoSession()
        let out = s.run("show R10,0.1 of nation breakdown women format json").output
        let object = try JSONSerialization.jsonObject(with: Data(out.utf8)) as! [String: Any]
        let row = (object["rows"] as! [[String: Any]])[0]
        let values = row["values"] as! [String: Any]
        #expect(abs((values["R10"] as! Double) - d.number("R10", for: .nation, year: 2017, breakdown: .women)!) < 1e-9)
        #expect(values["0.1"] is NSNull)
        #expect((row["reasons"] as! [String: String])["0.1"]!.contains("femmes"))
    }

    @Test("Markdown and table: French numbers, n.d. and reasons on request")
    func humanFormats() {
        let s = demoSession()
        let md = s.run("show R10,1 of nation,84 year 2016 format markdown").output
        #expect(md.hasPrefix("**2016, ensemble**\n\n| territoire | R10 | 1 |\n| --- | ---: | ---: |\n| France (FR) | "))
        let table = s.run("show R10,1,10.1.e of nation year 2016").output
        #expect(table.hasPrefix("2016, ensemble\n") && table.contains("\u{202F}%") && table.contains("€"))
        #expect(s.run("show 0.1 of nation breakdown women").output.contains("n.d."))
        #expect(!s.run("show 0.1 of nation breakdown women").output.contains("n'existe pas"))
        #expect(s.run("show 0.1 of nation breakdown women why").output.contains("n.d.[1] la ligne 0.1 n'existe pas pour la déclinaison « femmes »"))
        #expect(grouped("1234567.50", .fr) == "1\u{202F}234\u{202F}567,50" && grouped("-1234", .en) == "-1,234" && grouped("-0.0", .fr) == "0,0")
    }

    @Test("bars and sparklines")
    func charts() {
        let s = demoSession()
        let bars = s.run("show R10 of mls in 84 sort R10 chart").output.split(separator: "\n")
        #expect(bars[0] == "R10 — 2017, ensemble")
        #expect(bars.count == 1 + d.missions(in: .region("84")).count)
        #expect(bars[1].contains(String(repeating: "█", count: 40)))   // the highest fills the width
        let sparks = s.run("show R5 of regions spark").output.split(separator: "\n")
        #expect(sparks[0] == "2015-2017, ensemble" && sparks.count == 3 && sparks[1].contains("→"))
    }

    @Test("to FILE: format from the extension, SVG charts")
    func files() throws {
        let dir = NSTemporaryDirectory() + "pilotage-query-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let s = demoSession()
        #expect(s.run("show R10 of mls in 84 to \(dir)/r10.csv").output.contains("écrit"))
        #expect(try String(contentsOfFile: "\(dir)/r10.csv", encoding: .utf8).hasPrefix("level,territory,name,year,breakdown,R10\n"))
        #expect(s.run("show R10 of mls in 84 with region,nation to \(dir)/r10.svg").succeeded)
        let svg = try String(contentsOfFile: "\(dir)/r10.svg", encoding: .utf8)
        #expect(svg.contains("<svg") && svg.contains("Mission locale de Lyon") && svg.hasSuffix("</svg>\n"))
        #expect(s.run("show R10 of mls in 84 years all to \(dir)/series.svg").succeeded)
        #expect(try String(contentsOfFile: "\(dir)/series.svg", encoding: .utf8).contains("<polyline"))
        #expect(s.run("show R10 of mls,regions years all to \(dir)/too-many.svg").error?.contains("12 au plus") == true)
        #expect(s.run("show R10 of nation to /nonexistent-dir/x.csv").error?.contains("impossible d'écrire") == true)
    }

    @Test("let, $names, comments, continued lines")
    func namesAndScripts() {
        let s = demoSession()
        s.outputFormat = .csv
        #expect(s.run("let lignes = R5,R10   # deux ratios").output == "$lignes = R5,R10\n")
        #expect(csvRows(s.run("show $lignes of nation").output)[0].dropFirst(5) == ["R5", "R10"])
        let e = s.run("show $lignez of nation").error ?? ""
        #expect(e.contains("nom non défini") && e.contains("\n       ^^^^^^^\n") && e.contains("$lignes"))
        #expect(s.run("let").output == "$lignes = R5,R10\n")
        let lines = Session.logicalLines("show R10 \\\n  of nation\n# comment\nexplain R5")
        #expect(lines.map(\.number) == [1, 3, 4] && lines[0].text == "show R10    of nation")
        var out = ""
        let (error, _) = s.runScript("show R10 \\\n of nation\nshow R99", source: "s.pilote") { out += $0 }
        #expect(out.hasPrefix("level,") && error?.hasPrefix("s.pilote, ligne 3 :\nerreur : indicateur inconnu") == true)
    }

    @Test(".read runs a file; a file that reads itself stops")
    func include() throws {
        let dir = NSTemporaryDirectory() + "pilotage-read-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try "let x = R10\nshow $x of nation\n".write(toFile: "\(dir)/a.pilote", atomically: true, encoding: .utf8)
        try ".read \(dir)/self.pilote\n".write(toFile: "\(dir)/self.pilote", atomically: true, encoding: .utf8)
        let s = demoSession()
        let r = s.run(".read \(dir)/a.pilote")
        #expect(r.succeeded && r.output.contains("France (FR)") && s.variables["x"] == "R10")
        #expect(s.run(".read \(dir)/self.pilote").error?.contains("cycle de .read : self.pilote → self.pilote") == true)
        #expect(s.run(".read \(dir)/missing.pilote").error?.contains("impossible de lire") == true)
    }

    @Test("let cannot grow without bound: a line past 100 000 characters once substituted is refused at once")
    func letIsCapped() {
        let s = Session()
        #expect(s.run("let a = R5").succeeded)
        let grow = "let a = " + Array(repeating: "$a", count: 10).joined(separator: ",")
        let start = Date()
        var refused = 0
        for _ in 0..<7 { if let e = s.run(grow).error { refused += 1; #expect(e.contains("ligne trop longue")) } }
        #expect(refused == 3 && s.variables["a"]!.count < 100_000 && Date().timeIntervalSince(start) < 10)
    }

    @Test func timer() {
        let s = demoSession()
        #expect(s.run("timer on").output.hasPrefix("timer : on\nDurée : "))
        #expect(s.run("show R10 of nation").output.contains("\nDurée : "))
        s.language = .en
        #expect(s.run("timer off").output == "timer : off\n")
    }

    @Test("errors: caret, closest alternatives")
    func errors() {
        let s = demoSession()
        #expect(s.run("show R10 of ML999").error?.contains("territoire inconnu") == true)
        #expect(s.run("show R10 year 1999").error?.contains("2015, 2016, 2017") == true)
        #expect(s.run("show R10 breakdown men").error?.contains("déclinaison inconnue") == true)
        #expect(s.run("show R10 of").error?.contains("argument manquant") == true)
        #expect(s.run("show R10 sortt R10").error == "erreur : argument inattendu « sortt »\n  show R10 sortt R10\n           ^^^^^\nvouliez-vous dire : sort ?")
        #expect(s.run("show R10 where R10 ~ 3").error?.contains("comparateur attendu") == true)
        #expect(s.run("show R10 where R10 < beaucoup").error?.contains("seuil attendu") == true)
        #expect(s.run("show R10 top 0").error?.contains("nombre entier positif") == true)
        #expect(s.run("show R10 years 2017-2015").error?.contains("année absente") == true)
    }

    @Test("completion: keywords, territories, names, years, thresholds")
    func completion() {
        let s = demoSession()
        #expect(s.complete("show R10 of mls in ").candidates == ["32", "84"])
        #expect(s.complete("show R10 of ML069").candidates == ["ML069-LYON"])
        #expect(s.complete("show R10 year 201").candidates == ["2015", "2016", "2017"])
        #expect(s.complete("show R10 of \"Mission locale de Ly").candidates == ["\"Mission locale de Lyon\""])
        #expect(s.complete("show R10 of nation so").candidates == ["sort"])
        #expect(s.complete("show R10 where R10 < me").candidates == ["mean", "median"])
        #expect(s.complete("show R10 breakdown women,").candidates.contains("qpv"))
        #expect(s.complete("format j").candidates == ["json"])
    }
}

@Suite("Robustness")
struct RobustnessTests {
    @Test("random lines never crash the session or its completion (the full run: make fuzz)")
    func randomLines() {
        let s = demoSession()
        s.fileAccess = false
        var inputs = RandomInputs(seed: 42)
        var accepted = 0
        for _ in 0..<4000 {
            let line = inputs.line()
            _ = s.complete(line)
            if s.run(line).succeeded { accepted += 1 }
        }
        #expect(accepted > 200)   // the generator reaches the evaluator, not only the error paths
        var a = RandomInputs(seed: 7), b = RandomInputs(seed: 7)
        #expect((0..<100).map { _ in a.line() } == (0..<100).map { _ in b.line() })
    }

    @Test("one-character paths complete (Foundation's deletingLastPathComponent traps on them)")
    func shortPaths() {
        #expect(Completion.folder(of: "3") == "" && Completion.folder(of: "/x") == "/" && Completion.folder(of: "a/b/c") == "a/b")
        _ = demoSession().complete("load 3")
        _ = demoSession().complete("show R10 to a")
    }

    @Test("without file access, files are neither read nor written")
    func sandbox() {
        let s = demoSession()
        s.fileAccess = false
        #expect(s.run("show R10 to /tmp/never.csv").error?.contains("désactivé") == true)
        #expect(s.run(".read /etc/hostname").error?.contains("désactivé") == true)
        #expect(s.run("load Playground/data/demo").error?.contains("désactivé") == true)
    }
}

@Suite("Errors a person can read")
struct ReadableErrorTests {
    @Test("a 5 000-character token: the message quotes 30 characters and the line is shown around the caret")
    func longToken() {
        let token = String(repeating: "x", count: 5_000)
        let e = Session().run("explain \(token)").error ?? ""
        #expect(e.count < 400 && e.contains("« xxxxxxxxxxxxxxxxxxxxxxxxxxxxxx … (5000) »"), "\(e.prefix(500))")
        // Short lines are shown whole, caret under the token.
        #expect(Session().run("explain nope").error == "erreur : indicateur inconnu « nope »\n  explain nope\n          ^^^^")
    }
}
