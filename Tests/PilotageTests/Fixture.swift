import Foundation
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

    func dashboard() throws -> Dashboard { Dashboard(try dataset()) }
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
