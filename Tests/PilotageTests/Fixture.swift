import Foundation
import Testing
@testable import Pilotage

/// A tiny dataset written by hand in a test: two regions, three MLs by default.
struct Fixture {
    var years = [2015, 2016, 2017]
    var regions = [Region(code: "84", name: "Auvergne-Rhône-Alpes"), Region(code: "32", name: "Hauts-de-France"), Region(code: "11", name: "Île-de-France")]
    var missions = [
        MissionLocale(id: "ML1", name: "ML un", regionCode: "84", departmentCode: "69", legalForm: .association),
        MissionLocale(id: "ML2", name: "ML deux", regionCode: "84", departmentCode: "38", legalForm: .gip),
        MissionLocale(id: "ML3", name: "ML trois", regionCode: "32", departmentCode: "59", legalForm: .association),
    ]
    var contexts: [TerritorialContext]? = nil
    var resources: [StaffResources]? = nil
    var funding: [FundingRow]? = nil
    var youth: [Youth] = []
    var events: [Event] = []
    var pathways: [Pathway] = []
    var situations: [Situation] = []

    /// Adds a young person (a woman of level IV with her diploma unless told otherwise).
    @discardableResult
    mutating func person(_ id: String, ml: String = "ML1", sex: Sex = .female, level: SchoolLevel = .iv, diploma: Bool = true,
                         qpv: Bool = false, zrr: Bool = false, neet: Bool = false) -> String {
        youth.append(Youth(id: id, mlID: ml, sex: sex, birthDate: day("1997-05-10"), level: level, diploma: diploma, qpv: qpv, zrr: zrr, neet: neet))
        return id
    }

    mutating func event(_ who: String, _ date: String, _ kind: Event.Kind) {
        events.append(Event(youthID: who, date: day(date), kind: kind))
    }

    mutating func pathway(_ id: String, _ who: String, _ program: Program, _ start: String, _ end: String? = nil,
                          _ outcome: ExitOutcome? = nil, yg: Bool = false) {
        pathways.append(Pathway(id: id, youthID: who, program: program, start: day(start), end: end.map(day),
                                outcome: end == nil ? nil : (outcome ?? .autre), youthGuaranteePlan: yg))
    }

    mutating func situation(_ id: String, _ who: String, _ kind: Situation.Kind, _ start: String, _ end: String? = nil) {
        situations.append(Situation(id: id, youthID: who, kind: kind, start: day(start), end: end.map(day)))
    }

    func dataset() throws -> Dataset {
        try Dataset(manifest: Manifest(name: "fixture", years: years), regions: regions, missions: missions,
                    contexts: contexts, resources: resources, funding: funding,
                    youth: youth, events: events, pathways: pathways, situations: situations)
    }

    /// The dashboard of the fixture. Every hand-computed test also checks, on the way, that the
    /// same records read over eight more years (the engine keeps up to four years' event facts
    /// in a register, more in memory) give the same cells for the fixture's years.
    func dashboard() throws -> Dashboard {
        let dashboard = Dashboard(try dataset())
        var wide = self
        wide.years = Array(years.first! - 4...years.last! + 4)
        let other = Dashboard(try wide.dataset())
        for line in Catalogue.computed {
            for t in dashboard.territories {
                for year in years {
                    for b in line.breakdowns {
                        let a = dashboard.number(line.id, for: t, year: year, breakdown: b), w = other.number(line.id, for: t, year: year, breakdown: b)
                        #expect(a == w, "\(line.id) \(t) \(year) \(b): \(String(describing: a)) with \(years.count) years, \(String(describing: w)) with \(wide.years.count)")
                    }
                }
            }
        }
        return dashboard
    }
}

func day(_ s: String) -> Day { Day(iso: s)! }

extension Dashboard {
    /// The value at ML1 (or another territory), `nil` when absent.
    func v(_ id: String, _ year: Int, _ t: Territory = .ml("ML1"), _ b: Breakdown = .all) -> Double? {
        number(id, for: t, year: year, breakdown: b)
    }
}

/// The repository root (for Playground data and Docs).
let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

/// A fresh temporary folder.
func temporaryFolder(_ name: String = "pilotage") -> String {
    let path = NSTemporaryDirectory() + "\(name)-\(UUID().uuidString)"
    try! FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    return path
}
