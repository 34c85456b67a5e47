import Foundation
import Testing
@testable import Pilotage

/// Everything a dataset holds, as typed values, for comparisons.
struct Content: Equatable {
    var manifest: Manifest, regions: [Region], missions: [MissionLocale]
    var contexts: [TerritorialContext]?, resources: [StaffResources]?, funding: [FundingRow]?
    var youth: [Youth], events: [[Event]], pathways: [[Pathway]], situations: [[Situation]]

    init(_ d: Dataset) {
        manifest = d.manifest; regions = d.regions; missions = d.missions
        contexts = d.contexts; resources = d.resources; funding = d.funding
        youth = d.youngPeople
        events = (0..<d.youthCount).map(d.events(ofYouthAt:))
        pathways = (0..<d.youthCount).map(d.pathways(ofYouthAt:))
        situations = (0..<d.youthCount).map(d.situations(ofYouthAt:))
    }
}

@Suite("Datasets: generator, round trip, metamorphic properties")
struct DatasetPropertyTests {
    static func generated(seed: UInt64, scale: Double = 0.03, preset: GeneratorOptions.Preset = .demo) throws -> (String, Dataset) {
        let dir = temporaryFolder("gen")
        try DatasetGenerator.generate(GeneratorOptions(preset: preset, seed: seed, scale: scale), to: dir)
        return (dir, try Dataset.load(from: dir))
    }

    @Test("load → write → load gives an identical dataset", arguments: [1, 2, 99] as [UInt64])
    func roundTrip(seed: UInt64) throws {
        let (_, original) = try Self.generated(seed: seed)
        let out = temporaryFolder("roundtrip")
        try original.write(to: out)
        let again = try Dataset.load(from: out)
        #expect(Content(again) == Content(original))
        // Writing what was read back gives the same bytes.
        let out2 = temporaryFolder("roundtrip2")
        try again.write(to: out2)
        for f in ["dataset.json", "missions.csv", "context.csv", "funding.csv", "youth.csv", "events.csv", "pathways.csv", "situations.csv"] {
            #expect(FileManager.default.contents(atPath: out + "/" + f) == FileManager.default.contents(atPath: out2 + "/" + f), "\(f)")
        }
    }

    @Test func aggregateRoundTrip() throws {
        let d = try Dataset(manifest: Manifest(name: "agg", years: [2016]), regions: [Region(code: "84", name: "ARA")],
                            missions: [MissionLocale(id: "ML1", name: "Un", regionCode: "84", departmentCode: "69", legalForm: .association)],
                            indicators: [AggregateRow(mlID: "ML1", year: 2016, indicator: "5", breakdown: .women, value: 0.1 + 0.2)])
        let out = temporaryFolder("agg")
        try d.write(to: out)
        #expect(try Dataset.load(from: out).indicatorRows == d.indicatorRows)
    }

    @Test("The generator is deterministic for a seed")
    func determinism() throws {
        let a = temporaryFolder("det"), b = temporaryFolder("det"), c = temporaryFolder("det")
        for (dir, seed) in [(a, 5), (b, 5), (c, 6)] as [(String, UInt64)] {
            try DatasetGenerator.generate(GeneratorOptions(preset: .demo, seed: seed, scale: 0.02), to: dir)
        }
        for f in ["missions.csv", "youth.csv", "events.csv", "pathways.csv", "situations.csv", "funding.csv"] {
            #expect(FileManager.default.contents(atPath: a + "/" + f) == FileManager.default.contents(atPath: b + "/" + f), "\(f)")
        }
        #expect(FileManager.default.contents(atPath: a + "/events.csv") != FileManager.default.contents(atPath: c + "/events.csv"))
    }

    @Test("Generated data passes validation and the committed demo is the seed-1 demo")
    func validByConstruction() throws {
        let (_, d) = try Self.generated(seed: 11, scale: 0.05)
        #expect(d.missions.count == 12 && d.regions.count == 2 && d.years == [2015, 2016, 2017])
        let demo = try Dataset.load(from: repositoryRoot.appendingPathComponent("Playground/data/demo").path)
        let fresh = temporaryFolder("demo")
        try DatasetGenerator.generate(GeneratorOptions(preset: .demo, seed: 1), to: fresh)
        #expect(Content(try Dataset.load(from: fresh)) == Content(demo))
        #expect(demo.youthCount > 15_000)
    }

    /// The national preset at 1/50 scale reproduces the published figures within ±15%.
    @Test func nationalCalibration() throws {
        let scale = 0.02
        let (_, d) = try Self.generated(seed: 3, scale: scale, preset: .national)
        #expect(d.missions.count == 445)
        let dash = Dashboard(d)
        func n(_ id: String, _ y: Int, _ b: Breakdown = .all) -> Double { dash.number(id, for: .nation, year: y, breakdown: b)! }
        func within(_ value: Double, _ target: Double, _ what: String) {
            #expect(abs(value / target - 1) <= 0.15, "\(what): \(value) against \(target)")
        }
        within(n("1", 2015) / scale, 1_404_000, "young people in contact 2015")
        within(n("1", 2017) / scale, 1_298_000, "young people in contact 2017")
        within(n("2", 2015) / scale, 462_000, "first reception 2015")
        within(n("2", 2016) / scale, 427_000, "first reception 2016")
        within(n("2", 2017) / scale, 400_000, "first reception 2017")
        within(n("2", 2016, .women) / n("2", 2016), 0.49, "women share")
        within(n("2", 2017, .qpv) / n("2", 2017), 0.15, "QPV share")
        within(n("2", 2017, .zrr) / n("2", 2017), 0.12, "ZRR share")
        within(n("8.1.f", 2015) / n("8.1", 2015), 1.0 / 3, "exits to employment")
        within(n("8.1.g", 2015) / n("8.1", 2015), 0.10, "exits to training")
        within(n("8.1.i", 2015) / n("8.1", 2015), 0.51, "exits with no known outcome")
        within(n("9", 2015) / scale, 12_000, "staff 2015")
        within(n("9", 2017) / scale, 13_600, "staff 2017")
        within(n("9.1", 2017) / n("9", 2017), 0.75, "accompaniment share")
        within(n("10", 2015) / scale, 640.4e6, "resources 2015")
        within(n("10.1.b", 2015) / n("10", 2015), 0.46, "State share")
        let funding = d.funding!.filter { $0.year == 2015 }
        let total = funding.reduce(0) { $0 + $1.amount }
        within(funding.filter { $0.funder == .commune }.reduce(0) { $0 + $1.amount } / total, 0.18, "communes' share")
        within(funding.filter { $0.funder == .region }.reduce(0) { $0 + $1.amount } / total, 0.16, "regions' share")
        within(n("10.1.c", 2015) / n("10", 2015), 0.05, "European funds' share")
    }

    @Test("Duplicating every ML under new ids doubles every count and leaves every ratio unchanged")
    func duplication() throws {
        let (_, d) = try Self.generated(seed: 4)
        let c = Content(d)
        func bis(_ s: String) -> String { s + "-BIS" }
        var missions = c.missions, youth = c.youth, events = c.events.flatMap { $0 }, pathways = c.pathways.flatMap { $0 }, situations = c.situations.flatMap { $0 }
        var contexts = c.contexts!, resources = c.resources!, funding = c.funding!
        missions += c.missions.map { var m = $0; m.id = bis(m.id); return m }
        youth += c.youth.map { var y = $0; y.id = bis(y.id); y.mlID = bis(y.mlID); return y }
        events += events.map { var e = $0; e.youthID = bis(e.youthID); return e }
        pathways += pathways.map { var p = $0; p.id = bis(p.id); p.youthID = bis(p.youthID); return p }
        situations += situations.map { var s = $0; s.id = bis(s.id); s.youthID = bis(s.youthID); return s }
        contexts += contexts.map { var r = $0; r.mlID = bis(r.mlID); return r }
        resources += resources.map { var r = $0; r.mlID = bis(r.mlID); return r }
        funding += funding.map { var r = $0; r.mlID = bis(r.mlID); return r }
        let doubled = Dashboard(try Dataset(manifest: c.manifest, regions: c.regions, missions: missions, contexts: contexts, resources: resources,
                                            funding: funding, youth: youth, events: events, pathways: pathways, situations: situations))
        let base = Dashboard(d)
        var checked = 0
        for territory in base.territories where territory.level != .ml {
            for year in d.years {
                for line in Catalogue.computed {
                    for b in line.breakdowns {
                        let x = base.number(line.id, for: territory, year: year, breakdown: b)
                        let y = doubled.number(line.id, for: territory, year: year, breakdown: b)
                        #expect((x == nil) == (y == nil), "\(line.id) \(territory) \(year) \(b)")
                        guard let x, let y else { continue }
                        let expected = (line.kind == .count || line.kind == .sum) ? 2 * x : x
                        #expect(abs(y - expected) <= 1e-9 * max(1, abs(expected)), "\(line.id) \(territory) \(year) \(b): \(y) vs \(expected)")
                        checked += 1
                    }
                }
            }
        }
        #expect(checked > 1000)
        #expect(doubled.number("1", for: .ml("ML069-LYON-BIS"), year: 2016) == base.number("1", for: .ml("ML069-LYON"), year: 2016))
    }

    @Test("Permuting row order changes nothing")
    func permutation() throws {
        let (_, d) = try Self.generated(seed: 8)
        let c = Content(d)
        var rng = SeededRandom(seed: 42)
        let shuffled = try Dataset(manifest: c.manifest, regions: c.regions.shuffled(using: &rng), missions: c.missions.shuffled(using: &rng),
                                   contexts: c.contexts?.shuffled(using: &rng), resources: c.resources?.shuffled(using: &rng),
                                   funding: c.funding?.shuffled(using: &rng), youth: c.youth.shuffled(using: &rng),
                                   events: c.events.flatMap { $0 }.shuffled(using: &rng), pathways: c.pathways.flatMap { $0 }.shuffled(using: &rng),
                                   situations: c.situations.flatMap { $0 }.shuffled(using: &rng))
        #expect(Dashboard(shuffled).exportCSV() == Dashboard(d).exportCSV())
    }

    @Test("Splitting the young people in any number of chunks gives the same components, grouped by ML or not")
    func chunking() throws {
        let (_, d) = try Self.generated(seed: 9)
        let c = Content(d)
        var rng = SeededRandom(seed: 7)
        let shuffled = try Dataset(manifest: c.manifest, regions: c.regions, missions: c.missions, contexts: c.contexts, resources: c.resources,
                                   funding: c.funding, youth: c.youth.shuffled(using: &rng), events: c.events.flatMap { $0 },
                                   pathways: c.pathways.flatMap { $0 }, situations: c.situations.flatMap { $0 })
        let reference = ComponentTable(dataset: d, chunks: 1).values
        #expect(reference.contains { !$0.isNaN && $0 > 0 })
        for (dataset, order) in [(d, "grouped by ML"), (shuffled, "shuffled")] {
            for chunks in [1, 2, 3, 7, 40] {
                let values = ComponentTable(dataset: dataset, chunks: chunks).values
                #expect(values.count == reference.count)
                let same = zip(values, reference).allSatisfy { $0.bitPattern == $1.bitPattern || abs($0 - $1) <= 1e-9 * abs($1) }
                #expect(same, "\(chunks) chunks, \(order)")
            }
        }
    }

    @Test("A \"dont\" line never exceeds its parent", arguments: [21, 22] as [UInt64])
    func dontLinesAreSubsets(seed: UInt64) throws {
        let (_, d) = try Self.generated(seed: seed)
        let dash = Dashboard(d)
        for t in dash.territories {
            for y in d.years {
                for line in Catalogue.computed where line.kind == .count {
                    guard let parent = line.parentID else { continue }
                    for b in line.breakdowns {
                        if let v = dash.number(line.id, for: t, year: y, breakdown: b), let p = dash.number(parent, for: t, year: y, breakdown: b) {
                            #expect(v <= p, "\(line.id) > \(parent) at \(t) \(y) \(b)")
                        }
                    }
                }
            }
        }
    }
}
