import Foundation
import Testing
@testable import Pilotage

@Suite("Validation warnings: counts per rule and first locations")
struct ValidationReportTests {
    @Test func everyWarningRule() throws {
        var f = Fixture()
        f.years = [2016]
        f.youth.append(Youth(id: "OLD", mlID: "ML1", sex: .male, birthDate: day("1980-01-01"), level: .iv, diploma: true, qpv: false, zrr: false, neet: false))
        f.event("OLD", "2016-02-01", .accueil)                         // 36 at first reception
        let a = f.person("A")
        f.event(a, "2016-03-01", .accueil)
        f.event(a, "2016-02-15", .diagnostic)                          // before reception
        f.pathway("PA1", a, .civis, "2016-01-10")                      // no diagnostic before it
        f.pathway("PA2", a, .pacea, "2016-05-01", "2016-06-01", .autre) // overlaps PA1
        f.pathway("PA3", a, .orientation, "2016-06-02", "2016-10-02", .autre)  // still there on start ⊕ 4 months
        f.situation("SA", a, .immersion, "2015-12-01", "2015-12-05")   // before any pathway
        f.event(a, "2017-01-03", .atelier)                             // after the manifest's last year
        f.event(a, "2015-06-01", .atelier)                             // history before the first year: used, no warning
        f.contexts = [TerritorialContext(mlID: "ML1", year: 2016, jano: 10, defm: 2)]
        let report = ValidationReport(try f.dataset())
        let counts = report.warnings.mapValues(\.count)
        #expect(counts == [.ageOutsideRange: 1, .diagnosticBeforeReception: 1, .pathwayWithoutDiagnostic: 1,
                           .overlappingNationalPathways: 1, .longOrientationSequence: 1, .situationOutsidePathway: 1,
                           .unusableEvent: 1, .missingContext: 2])
        #expect(report.warnings[.missingContext]?.samples == ["context.csv: ML2 2016", "context.csv: ML3 2016"])
        #expect(report.text(.en).hasPrefix("fixture: valid, 0 errors, 9 warnings\n"))
    }

    @Test("an event before the young person's 16th birthday is unusable; the day of it is not")
    func beforeSixteen() throws {
        var f = Files()
        f.files["events.csv"]! += "Y1,2014-01-01,atelier,\nY1,2014-01-02,atelier,\n"   // Y1 born 1998-01-02
        let report = ValidationReport(try f.load())
        #expect(report.warnings[.unusableEvent]?.samples == ["events.csv:4"])
    }

    @Test("the demo's warnings, rule by rule (none about events: its history is what the rules read)")
    func demoWarnings() throws {
        let demo = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Playground/data/demo").path
        let report = ValidationReport(try Dataset.load(from: demo))
        #expect(report.warnings.mapValues(\.count) == [.pathwayWithoutDiagnostic: 2917, .longOrientationSequence: 136])
    }

    @Test("Locations come from the files")
    func locations() throws {
        var f = Files()
        f.files["events.csv"]! += "Y1,2019-01-05,atelier,\n"
        let report = ValidationReport(try f.load())
        #expect(report.warnings[.unusableEvent]?.samples == ["events.csv:4"])
        #expect(!report.text(.fr).contains("Y1"), "no identifier in the report")
    }
}
