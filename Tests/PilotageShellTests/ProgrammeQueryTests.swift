import Foundation
import Testing
@testable import PilotageShell

/// `show … breakdown garantie_jeunes`, `breakdown programmes`: the programme tables in the query
/// language, against the SDK's values.
@Suite("Programme breakdowns in show")
struct ProgrammeQueryTests {
    @Test("breakdown programmes: one row per programme, each the SDK's value")
    func allFive() throws {
        let s = demoSession()
        s.outputFormat = .csv
        let r = s.run("show R10, 8.1 of ML069-LYON year 2016 breakdown programmes")
        #expect(r.succeeded, "\(r.error ?? "")")
        let rows = csvRows(r.output).dropFirst()
        #expect(rows.count == 5)
        let tables = ProgrammeTables(demoDataset)
        for (row, p) in zip(rows, ProgrammeTables.programmes) {
            #expect(row.contains(p.rawValue) || row.contains(p.label), "\(row)")
            let exits = tables.number("8.1", for: .ml("ML069-LYON"), year: 2016, programme: p)
            #expect(exits.map { row.contains(NumberText.integer($0)) } == true, "\(row) \(p)")
        }
    }

    @Test("a programme asked of lines that have none is an error at the clause, not a table of n.d.")
    func noLineWithProgrammes() {
        let r = demoSession().run("show R5 of ML069-LYON year 2016 breakdown civis")
        #expect(!r.succeeded && r.error?.contains("aucune de ces lignes ne se décline par programme") == true,
                "\(r.error ?? "")")
        #expect(r.error?.contains("^^^^^^^^^") == true, "\(r.error ?? "")")
        // A line with a programme breakdown beside it: the table, R5 « n.d. » with its reason.
        #expect(demoSession().run("show R5, R10 of ML069-LYON year 2016 breakdown civis").succeeded)
    }

    @Test("a mistyped programme gets the nearest names, not the whole list")
    func nearestNames() {
        let r = demoSession().run("show R10 of ML069-LYON breakdown civs")
        #expect(r.error?.contains("vouliez-vous dire : civis ?") == true, "\(r.error ?? "")")
        let far = demoSession().run("show R10 of ML069-LYON breakdown zzzz")
        #expect(far.error?.contains("garantie_jeunes") == true && far.error?.contains("women") == true,
                "\(far.error ?? "")")
    }

    @Test("programmes are not crossed with the population breakdowns; `all` goes beside them")
    func notCrossed() {
        let r = demoSession().run("show R10 of ML069-LYON breakdown women,pacea")
        #expect(!r.succeeded && r.error?.contains("ne se croisent pas") == true, "\(r.error ?? "")")
        #expect(!demoSession().run("show R10 of ML069-LYON breakdown women,all,pacea").succeeded)
        let s = demoSession()
        s.outputFormat = .csv
        let rows = csvRows(s.run("show 8.1 of ML069-LYON year 2016 breakdown all,civis").output).dropFirst()
        let all = demoDashboard.number("8.1", for: .ml("ML069-LYON"), year: 2016)
        let civis = ProgrammeTables(demoDataset).number("8.1", for: .ml("ML069-LYON"), year: 2016, programme: .civis)
        #expect(rows.map { $0[4] } == ["all", "civis"]
                && rows.map(\.last) == [all, civis].map { $0.map(NumberText.integer) },
                "\(rows)")
    }
}
