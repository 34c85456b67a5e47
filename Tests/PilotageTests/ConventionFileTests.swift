import Foundation
import Testing
@testable import Pilotage

@Suite("conventions.csv and objectives.csv")
struct ConventionFileTests {
    static let header = "ml_id,convention,first_year,last_year,integrates_parrainage,integrates_fipj,year,socle_eur,parrainage_eur,fipj_eur,amendment,signed_on\n"
    static let valid = header + "ML1,CPO-1,2015,2018,1,0,2015,100000,5000,3000,,\nML1,CPO-1,2015,2018,1,0,2016,104000,5000,3000,1,2016-03-31\n"
    static let objectives = "ml_id,year,indicator,target,direction\nML1,2016,R10,0.4,increase\nML1,2016,R11,0.45,decrease\n"

    func files(_ conventions: String? = valid, _ objectives: String? = objectives) -> Files {
        var f = Files()
        if let conventions { f.files["conventions.csv"] = conventions }
        if let objectives { f.files["objectives.csv"] = objectives }
        return f
    }

    func expectError(_ rule: DatasetRule, at location: String, _ f: Files, sourceLocation: SourceLocation = #_sourceLocation) {
        let errors = f.errors()
        #expect(errors.count == 1 && errors.first?.rule == rule && errors.first?.location == location, "\(errors)", sourceLocation: sourceLocation)
    }

    @Test func loadsConventionsWithSubsidiesAmendmentsAndObjectives() throws {
        let d = try files().load()
        let c = try #require(d.convention(of: "ML1", year: 2016))
        #expect(c.number == "CPO-1" && c.period == 2015...2018 && c.integratesParrainage && !c.integratesFIPJ)
        #expect(c.subsidies[2016] == StateSubsidy(socle: 104_000, parrainage: 5_000, fipj: 3_000))
        #expect(c.amendments == [Amendment(number: 1, year: 2016, signedOn: Day(year: 2016, month: 3, day: 31))])
        #expect(c.objectives == [Objective(indicatorID: "R10", year: 2016, target: 0.4, direction: .increase),
                                 Objective(indicatorID: "R11", year: 2016, target: 0.45, direction: .decrease)])
        // The ±10% base: socle + parrainage (integrated), not FIPJ.
        #expect(c.adjustable(c.base!) == 105_000)
        #expect(try Files().load().conventions == nil)
    }

    @Test func everyRuleIsLocated() {
        expectError(.inconsistentConvention, at: "conventions.csv:2:16", files(Self.header + "ML1,CPO-1,2015,2014,1,0,2015,1,0,0,,\n", nil))
        expectError(.inconsistentConvention, at: "conventions.csv:2:25", files(Self.header + "ML1,CPO-1,2015,2018,1,0,2019,1,0,0,,\n", nil))
        expectError(.inconsistentConvention, at: "conventions.csv:4:5", files(Self.valid + "ML1,CPO-1,2015,2019,1,0,2017,1,0,0,,\n", nil))
        expectError(.inconsistentConvention, at: "conventions.csv:4:5", files(Self.valid + "ML1,CPO-2,2018,2021,1,0,2018,1,0,0,,\n", nil))
        // Amounts are read to the cent from the text: a third decimal is an error, not rounded.
        expectError(.invalidNumber, at: "conventions.csv:2:30", files(Self.header + "ML1,CPO-1,2015,2018,1,0,2015,100.005,0,0,,\n", nil))
        expectError(.negativeAmount, at: "conventions.csv:2:30", files(Self.header + "ML1,CPO-1,2015,2018,1,0,2015,-1,0,0,,\n", nil))
        expectError(.duplicateID, at: "conventions.csv:4:25", files(Self.valid + "ML1,CPO-1,2015,2018,1,0,2016,1,0,0,,\n", nil))
        expectError(.negativeAmount, at: "conventions.csv:2:30", files(Self.header + "ML1,CPO-1,2015,2018,1,0,2015,-1,0,0,,\n", nil))
        expectError(.unknownReference, at: "conventions.csv:2:1", files(Self.header + "ML9,CPO-1,2015,2018,1,0,2015,1,0,0,,\n", nil))
        expectError(.invalidBoolean, at: "conventions.csv:2:21", files(Self.header + "ML1,CPO-1,2015,2018,2,0,2015,1,0,0,,\n", nil))
        expectError(.missingValue, at: "conventions.csv:2:21", files(Self.header + "ML1,CPO-1,2015,2018,,0,2015,1,0,0,,\n", nil))
        expectError(.invalidNumber, at: "conventions.csv:2:36", files(Self.header + "ML1,CPO-1,2015,2018,1,0,2015,1,0,0,0,\n", nil))
        expectError(.unknownCode, at: "objectives.csv:2:10", files(Self.valid, "ml_id,year,indicator,target,direction\nML1,2016,8.1,0.4,increase\n"))
        expectError(.unknownCode, at: "objectives.csv:2:18", files(Self.valid, "ml_id,year,indicator,target,direction\nML1,2016,R10,0.4,up\n"))
        expectError(.inconsistentConvention, at: "objectives.csv:2:5", files(Self.valid, "ml_id,year,indicator,target,direction\nML1,2019,R10,0.4,increase\n"))
        expectError(.duplicateID, at: "objectives.csv:3:10", files(Self.valid, "ml_id,year,indicator,target,direction\nML1,2016,R10,0.4,increase\nML1,2016,R10,0.5,increase\n"))
        expectError(.missingFile, at: "conventions.csv", files(nil))
    }

    @Test("the validator compares the subsidy with the etat rows of funding.csv")
    func subsidyAgainstFunding() throws {
        var f = files(Self.header + "ML1,CPO-1,2016,2019,1,1,2016,100000,5000,3000,,\n", nil)
        f.files["funding.csv"] = "ml_id,year,funder,line,amount_eur\nML1,2016,etat,socle,100000\nML1,2016,etat,parrainage,5000\nML1,2016,etat,fipj,3000\nML1,2016,etat,garantie_jeunes,9000\n"
        #expect(ValidationReport(try f.load()).warnings[.subsidyFundingMismatch] == nil)
        f.files["funding.csv"] = "ml_id,year,funder,line,amount_eur\nML1,2016,etat,socle,90000\n"
        let w = ValidationReport(try f.load()).warnings[.subsidyFundingMismatch]
        #expect(w?.count == 1 && w?.samples == ["conventions.csv: CPO-1 2016 (108000.00 / 90000)"])
    }

    @Test("written and read back unchanged; the generator's conventions agree with its funding")
    func roundTrip() throws {
        let d = try files().load()
        let out = temporaryFolder("conventions-rt")
        try d.write(to: out)
        #expect(try Dataset.load(from: out).conventions == d.conventions)
        let demo = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Playground/data/demo").path
        let demoData = try Dataset.load(from: demo)
        #expect(demoData.conventions?.count == demoData.missions.count)
        #expect(ValidationReport(demoData).warnings[.subsidyFundingMismatch] == nil)
    }

    @Test("clamping to the ±10% bound is reported as binding")
    func clamp() {
        let c = Convention(number: "c", mlID: "m", period: 2015...2018, subsidies: [2015: StateSubsidy(socle: 100_000)])
        let (s, binding) = c.clamped(StateSubsidy(socle: 125_000), for: 2016)
        #expect(binding && s.socle == 110_000)
        #expect(c.clamped(StateSubsidy(socle: 80_000), for: 2016) == (StateSubsidy(socle: 90_000), true))
        #expect(c.clamped(StateSubsidy(socle: 105_000), for: 2016) == (StateSubsidy(socle: 105_000), false))
    }
}
