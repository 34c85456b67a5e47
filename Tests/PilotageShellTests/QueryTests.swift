import Foundation
import Testing
@testable import PilotageShell

@Suite("show: the first queries")
struct QueryTests {
    @Test("CSV answers equal the SDK's values")
    func csvMatchesTheSDK() throws {
        let s = Session(datasetPath: demo)
        s.outputFormat = .csv
        let r = s.run("show R10,1,5 of mls in 84 year 2016 breakdown women")
        #expect(r.succeeded)
        let d = Dashboard(try Dataset.load(from: demo))
        let rows = r.output.split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        #expect(rows[0] == ["level", "territory", "name", "year", "breakdown", "R10", "1", "5"])
        #expect(rows.count == 1 + d.missions(in: .region("84")).count)
        for row in rows.dropFirst() {
            for (k, id) in ["R10", "1", "5"].enumerated() {
                let expected = d.number(id, for: .ml(row[1]), year: 2016, breakdown: .women)
                #expect(Double(row[5 + k]) .map { abs($0 - expected!) < 1e-9 * max(1, abs(expected!)) } == true, "\(row)")
            }
        }
    }

    @Test func tableFormatting() {
        let s = Session(datasetPath: demo)
        let out = s.run("show R10,1,10.1.e of nation year 2016").output
        #expect(out.hasPrefix("2016, all\n"))
        #expect(out.contains("\u{202F}%") && out.contains("€"))
        #expect(s.run("show 0.1 of nation breakdown women").output.contains("n.d."))
        #expect(grouped("1234567.50", .fr) == "1\u{202F}234\u{202F}567,50" && grouped("-1234", .en) == "-1,234")
    }

    @Test func errorsAndCompletion() {
        let s = Session(datasetPath: demo)
        #expect(s.run("show R10 of ML999").error?.contains("territoire inconnu") == true)
        #expect(s.run("show R10 year 1999").error?.contains("2015, 2016, 2017") == true)
        #expect(s.run("show R10 breakdown men").error?.contains("déclinaison inconnue") == true)
        #expect(s.run("show R10 of").error?.contains("argument manquant") == true)
        #expect(s.complete("show R10 of mls in ").candidates == ["32", "84"])
        #expect(s.complete("show R10 of ML069").candidates == ["ML069-LYON"])
        #expect(s.complete("show R10 year 201").candidates == ["2015", "2016", "2017"])
    }
}
