import Foundation
import Testing
@testable import Pilotage

/// The programme tables: hand-computed values where one young person has pathways of two
/// programmes, the export, and the metamorphic property of indicators.md.
@Suite("Programme tables")
struct ProgrammeTablesTests {
    /// Y1: CIVIS Feb–Aug 2016 (exit to a durable job), then Garantie jeunes Sep–15 Dec 2016
    /// (exit to a qualifying training); Y2: PACEA from March 2016, still open.
    static func fixture() throws -> Dataset {
        var f = Files()
        f.files["pathways.csv"] = """
            pathway_id,youth_id,program,start_date,end_date,yg_plan,exit_outcome,exit_detail,exit_durable,exit_non_market,exit_cpf
            P1,Y1,civis,2016-02-01,2016-08-01,0,emploi,cdi,1,0,0
            P2,Y1,garantie_jeunes,2016-09-01,2016-12-15,0,formation,qualifiante,0,0,0
            P3,Y2,pacea,2016-03-01,,0,,,,,

            """
        // Y2 starts a training two months into the PACEA (inside its first four months).
        f.files["situations.csv"]! += "S2,Y2,formation,qualifiante,2016-05-01,,0,0\n"
        return try f.load()
    }

    @Test("a young person with two programmes counts under both; 8.1's « dont » lines read each programme's last exit")
    func handComputed() throws {
        let d = try Self.fixture()
        let tables = ProgrammeTables(d), all = Dashboard(d), ml = Territory.ml("ML1")
        func v(_ id: String, _ p: Program) -> Double? { tables.number(id, for: ml, year: 2016, programme: p) }
        // 4.1, present in a pathway of the programme in 2016.
        #expect(all.number("4.1", for: ml, year: 2016) == 2)
        #expect(ProgrammeTables.programmes.map { v("4.1", $0) } == [1, 0, 0, 1, 1])
        // 4.1.end: present on 31 December: only the open PACEA.
        #expect(ProgrammeTables.programmes.map { v("4.1.end", $0) } == [0, 0, 0, 0, 1])
        // 8.1: Y1 left both CIVIS and the Garantie jeunes: once in `all`, once under each.
        #expect(all.number("8.1", for: ml, year: 2016) == 1)
        #expect(v("8.1", .civis) == 1 && v("8.1", .garantieJeunes) == 1 && v("8.1", .pacea) == 0)
        // The last national exit is the Garantie jeunes' (training); under CIVIS, the job.
        #expect(all.number("8.1.f", for: ml, year: 2016) == 0 && all.number("8.1.g", for: ml, year: 2016) == 1)
        #expect(v("8.1.f", .civis) == 1 && v("8.1.f.durable", .civis) == 1 && v("8.1.g", .civis) == 0)
        #expect(v("8.1.f", .garantieJeunes) == 0 && v("8.1.g", .garantieJeunes) == 1 && v("8.1.g.qualifiante", .garantieJeunes) == 1)
        #expect(v("R10", .civis) == 1 && v("R10", .garantieJeunes) == 0)
        #expect(tables.value("R10", for: ml, year: 2016, programme: .pacea) == .failure(.zeroDenominator("8.1")))
        // 4.2 cohorts from each programme's own first start: Y1's CIVIS (1 Feb, + 4 months in
        // 2016), not its Garantie jeunes (1 Sep, + 4 months = 1 Jan 2017); Y2's PACEA (1 Mar).
        #expect(all.number("4.2.m4.base", for: ml, year: 2016) == 2)
        #expect(ProgrammeTables.programmes.map { v("4.2.m4.base", $0) } == [1, 0, 0, 0, 1])
        // Y2's training starts within the PACEA's first four months; Y1's job (1 Aug) is too late.
        #expect(all.number("4.2.m4", for: ml, year: 2016) == 1 && v("4.2.m4", .pacea) == 1 && v("4.2.m4", .civis) == 0)
        // Lines that do not read national pathways have no programme breakdown.
        #expect(tables.value("R5", for: ml, year: 2016, programme: .civis) == .failure(.noProgrammeBreakdown("R5")))
        #expect(tables.value("R10", for: ml, year: 2016, programme: .regional) == .failure(.noProgrammeTable(.regional)))
    }

    @Test("a programme's 4.2 cohort counts in the years when the programme's pathways all ended before them")
    func cohortFromBeforeTheYears() throws {
        // The dataset's only year is 2016. Y3's PPAE (2 Jan – 31 Mar 2015) meets no year, but
        // 2 Jan 2015 ⊕ 12 months = 2 Jan 2016: its 12-month cohort is 2016's, a job started
        // (June 2015) before it. Y4's PPAE began on 31 Dec 2014: its cohort is 2015's, not counted.
        var f = Files()
        f.files["youth.csv"]! += "Y3,ML1,F,1996-05-06,IV,1,0,0,\nY4,ML1,M,1996-05-06,IV,1,0,0,\n"
        f.files["pathways.csv"]! += "P3,Y3,ppae,2015-01-02,2015-03-31,0,emploi,cdd,0,0,0\n"
            + "P4,Y4,ppae,2014-12-31,2015-02-28,0,autre,,0,0,0\n"
        f.files["situations.csv"]! += "S3,Y3,emploi,cdd,2015-06-01,2015-09-30,0,0\n"
        let d = try f.load(), tables = ProgrammeTables(d), ml = Territory.ml("ML1")
        #expect(Dashboard(d).number("4.2.m12.base", for: ml, year: 2016) == 1)
        #expect(tables.number("4.2.m12.base", for: ml, year: 2016, programme: .ppae) == 1)
        #expect(tables.number("4.2.m12", for: ml, year: 2016, programme: .ppae) == 1)
        #expect(tables.number("R9", for: ml, year: 2016, programme: .ppae) == 1)
        #expect(tables.number("4.1", for: ml, year: 2016, programme: .ppae) == 0)
    }

    @Test("the export: programme lines only, sorted as the dashboard's, counts at 0 kept, a zero denominator omitted")
    func export() throws {
        let csv = ProgrammeTables(try Self.fixture()).exportCSV(year: 2016)
        let rows = csv.split(separator: "\n").map(String.init)
        #expect(rows[0] == "level,territory,year,indicator,breakdown,value")
        // 3.1: Y1 entered CIVIS and the Garantie jeunes in 2016, Y2 the PACEA; no one CIVIS renforcé or PPAE.
        #expect(Array(rows[1...5]) == ["ml,ML1,2016,3.1,civis,1", "ml,ML1,2016,3.1,civis_renforce,0", "ml,ML1,2016,3.1,ppae,0",
                                        "ml,ML1,2016,3.1,garantie_jeunes,1", "ml,ML1,2016,3.1,pacea,1"])
        #expect(rows.contains("ml,ML1,2016,R10,civis,1") && rows.contains("ml,ML1,2016,R10,garantie_jeunes,0"))
        #expect(!rows.contains { $0.hasPrefix("ml,ML1,2016,R10,pacea") })
        #expect(rows.contains("national,FR,2016,4.1,pacea,1"))
        let lines = Set(rows.dropFirst().map { $0.split(separator: ",")[3] })
        // R9 has no cohort here (zero denominators): every other programme line is exported.
        #expect(Set(ProgrammeTables.lines.map { Substring($0.id) }).subtracting(lines) == ["R9"])
        #expect(ProgrammeTables.lines.count == 44)
    }

    @Test("an aggregate dataset's programme rows give the programme tables and their ratios; round trip; misplaced rows refused")
    func aggregateRows() throws {
        var f = Files()
        for k in ["youth.csv", "events.csv", "pathways.csv", "situations.csv"] { f.files[k] = nil }
        f.files["indicators.csv"] = """
            ml_id,year,indicator,breakdown,value
            ML1,2016,8.1,all,10
            ML1,2016,8.1.f,all,4
            ML1,2016,8.1,garantie_jeunes,3
            ML1,2016,8.1.f,garantie_jeunes,2

            """
        let d = try f.load(), ml = Territory.ml("ML1")
        let tables = ProgrammeTables(d)
        #expect(Dashboard(d).number("R10", for: ml, year: 2016) == 0.4)
        #expect(tables.number("R10", for: ml, year: 2016, programme: .garantieJeunes) == 2.0 / 3.0)
        #expect(tables.number("8.1", for: .nation, year: 2016, programme: .garantieJeunes) == 3)
        guard case .failure(let reason) = tables.value("R10", for: ml, year: 2016, programme: .civis),
              case .missingProgrammeValue("8.1.f", .civis, ["ML1"]) = reason else {
            Issue.record("CIVIS has no row: absent, with the missing programme row named"); return
        }
        #expect(reason.explanation(.fr)
                == "pas de ligne 8.1.f du programme civis (breakdown = ce code) dans indicators.csv pour ML1")
        // The programme rows are written back as they were read.
        let out = temporaryFolder("programme-rows")
        try d.write(to: out)
        #expect(try Dataset.load(from: out).indicatorRows == d.indicatorRows)
        #expect(Dashboard(d).exportCSV() == Dashboard(try Dataset.load(from: out)).exportCSV())
        // A programme on a line that does not read national pathways.
        f.files["indicators.csv"]! += "ML1,2016,2,pacea,5\n"
        #expect(f.errors().map(\.location) == ["indicators.csv:6:12"])
        #expect(f.errors().first?.rule == .detailNotAllowed)
    }

    /// 8.1's « dont » lines are the exception to the first bound: under `all` they read the last
    /// national exit, under P the last exit of P, which may be another (the hand-computed case
    /// above: 8.1.f is 0 under `all`, 1 under CIVIS). The programmes together still reach `all`:
    /// the last national exit is its own programme's last.
    @Test("programme counts stay within `all` but in 8.1's « dont » lines; together they reach it (demo)")
    func boundsAgainstAll() throws {
        let dataset = try Dataset.load(from: repositoryRoot.appendingPathComponent("Playground/data/demo").path)
        let tables = ProgrammeTables(dataset), all = Dashboard(dataset)
        var checked = 0
        for t in all.territories {
            for y in all.years {
                for line in ProgrammeTables.lines where line.kind == .count {
                    guard let total = all.number(line.id, for: t, year: y) else { continue }
                    let parts = ProgrammeTables.programmes.compactMap { tables.number(line.id, for: t, year: y, programme: $0) }
                    let bounded = !line.readsProgrammeLastExit
                    #expect(parts.count == 5 && (!bounded || parts.allSatisfy { $0 <= total })
                            && parts.reduce(0, +) >= total,
                            "\(t) \(y) \(line.id): \(parts) against \(total)")
                    checked += 1
                }
            }
        }
        #expect(checked > 1_000)
    }

    @Test("relabelling the other national programmes' pathways as regional gives programme P's table (demo)")
    func metamorphic() throws {
        let demo = repositoryRoot.appendingPathComponent("Playground/data/demo").path
        let tables = ProgrammeTables(try Dataset.load(from: demo), programmes: [.garantieJeunes, .civis])
        for p in [Program.garantieJeunes, .civis] {
            let dir = temporaryFolder("relabel")
            for file in try FileManager.default.contentsOfDirectory(atPath: demo) where file != "pathways.csv" {
                try FileManager.default.copyItem(atPath: demo + "/" + file, toPath: dir + "/" + file)
            }
            let pathways = try String(contentsOfFile: demo + "/pathways.csv", encoding: .utf8)
            let others = ProgrammeTables.programmes.filter { $0 != p }.map(\.rawValue)
            let relabelled = pathways.split(separator: "\n", omittingEmptySubsequences: false).map { line -> String in
                var f = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
                if f.count > 2, others.contains(f[2]) { f[2] = "regional" }
                return f.joined(separator: ",")
            }.joined(separator: "\n")
            try relabelled.write(toFile: dir + "/pathways.csv", atomically: true, encoding: .utf8)
            let reference = Dashboard(try Dataset.load(from: dir))
            var compared = 0
            for t in reference.territories {
                for y in reference.years {
                    for line in ProgrammeTables.lines {
                        let a = reference.value(line.id, for: t, year: y), b = tables.value(line.id, for: t, year: y, programme: p)
                        #expect(a == b, "\(p) \(t) \(y) \(line.id)")
                        compared += 1
                    }
                }
            }
            #expect(compared > 1_000)
        }
    }
}
