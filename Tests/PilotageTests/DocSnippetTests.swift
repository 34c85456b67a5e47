import Foundation
import Testing
import Pilotage

/// The Swift examples of the docs (README, Docs/, the DocC catalogue) compile and run here,
/// verbatim: `snippetsAreHere` checks that each one appears, line for line, in this file.
@Suite("Swift examples of the docs compile and run")
struct DocSnippetTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()


    @Test func readme() throws {
        let dataset = try Dataset.load(from: "Playground/data/demo")
        let dashboard = Dashboard(dataset)
        for ml in dashboard.territories(.ml) {
            switch dashboard.value("R10", for: ml, year: 2016) {
            case .success(let r10): print(ml.id, r10)
            case .failure(let why): print(ml.id, "n.d.", why.explanation(.fr))
            }
        }
        print(Catalogue.indicator("R10")!.rule.en)

        // What if Lyon had 100 more entries into national pathways in 2016?
        var s = Scenario(name: "entries")
        s.changes.append(.init(ml: "ML069-LYON", year: 2016, lever: .nationalEntries, amount: 100))
        let whatIf = try dashboard.applying(s)
        print(whatIf.number("R5", for: .region("84"), year: 2016)!)
    }

    @Test func gettingStartedAndOverview() throws {
        let dataset = try Dataset.load(from: "Playground/data/demo")
        let dashboard = Dashboard(dataset)
        for ml in dashboard.territories(.ml) {
            switch dashboard.value("R10", for: ml, year: 2016) {
            case .success(let r10): print(dashboard.name(of: ml), r10)
            case .failure(let why): print(dashboard.name(of: ml), "n.d.:", why.explanation(.en))
            }
        }
        let r10 = Catalogue.indicator("R10")!
        print(r10.label.fr)       // the official label, verbatim
        print(r10.rule.en)        // the computation rule in words
        print(r10.components)     // ["8.1.f", "8.1"]
        #expect(r10.components == ["8.1.f", "8.1"])
    }

    @Test func overview() throws {
        let dataset = try Dataset.load(from: "Playground/data/demo")
        let dashboard = Dashboard(dataset)
        let r10 = dashboard.value("R10", for: .region("84"), year: 2016)   // Result<Double, Unavailability>
        #expect((try? r10.get()) != nil)
    }

    @Test func loadingData() {
        let path = "Playground/data/demo"
        do {
            let dataset = try Dataset.load(from: path)
            print(dataset.youthCount, dataset.years)
        } catch {
            for d in error.diagnostics { print(d.message(.en)) }   // file:line:column, expected, found
        }
    }

    @Test func computingIndicators() throws {
        let dataset = try Dataset.load(from: "Playground/data/demo")
        let dashboard = Dashboard(dataset)
        let women = dashboard.value("R5", for: .ml("ML069-LYON"), year: 2016, breakdown: .women)   // Result<Double, Unavailability>
        let contacts = dashboard.number("1", for: .nation, year: 2017)                             // Double? (nil when absent)
        let c = dashboard.comparison("R10", ml: "ML069-LYON", year: 2016)     // ML, region, nation, and N−1
        let e = dashboard.evolution("R10", for: .region("84"), year: 2016)     // change and relative change
        let ranks = dashboard.distribution("R10", within: .region("84"), year: 2016)   // rank and quartile
        let q = dashboard.quantiles("R10", within: .nation, year: 2016)
        let cells = dashboard.cells(year: 2016)      // every computed cell
        let csv = dashboard.exportCSV()              // the export format: level,territory,year,indicator,breakdown,value
        #expect((try? women.get()) != nil && contacts != nil && (try? c.ml.get()) != nil && e != nil && !ranks.isEmpty && q != nil && !cells.isEmpty && !csv.isEmpty)
    }

    @Test func simulatingANegotiation() throws {
        let dataset = try Dataset.load(from: "Playground/data/demo")
        let dashboard = Dashboard(dataset)
        var s = Scenario(name: "more entries")
        s.changes.append(.init(ml: "ML069-LYON", year: 2016, lever: .nationalEntries, amount: 100))
        let whatIf = try dashboard.applying(s)
        let effects = try dashboard.effects(of: s, for: .ml("ML069-LYON"), year: 2016)   // every ratio, before and after
        let g = try dashboard.goalSeek("R10", target: 0.40, for: .ml("ML069-LYON"), year: 2016, lever: .exitsToEmployment)
        print(g.numeratorChange)   // more exits to employment, exits unchanged
        print(g.leverAmount!)      // the lever's amount that reaches the target
        let table = try dashboard.sensitivity("R5", ml: "ML069-LYON", year: 2016, lever: .nationalEntries, amounts: [0, 50, 100])
        let r8 = Catalogue.indicator("R8")!
        print(r8.direction)   // .lowerIsBetter: young people with no proposition for 3 months
        let brief = try dashboard.brief(ml: "ML038-GRENOBLE", dialogueYear: 2017)
        let line = brief.steps[1].lines.first { $0.indicator.id == "R8" }!
        print(line.peerRank!)   // Standing: rank 1 = best in the line's direction, quartile 1 = best quarter
        print(Synthesis(brief).themes[1].forces.map(\.indicatorID))   // the same ranks file R8 as a force
        let objective = Objective(indicatorID: "R8", year: 2017, target: 0.45, direction: ObjectiveDirection(r8.direction)!)
        let status = dashboard.status(of: objective, ml: "ML038-GRENOBLE")
        print(status.gap!, status.numeratorGap!, status.met!)   // result − target, in points and in young people
        #expect(line.peerRank!.rank == 2 && status.gap! == status.value! - 0.45)
        let cpo = dataset.convention(of: "ML069-LYON", year: 2017)!
        let proposal = StateSubsidy(socle: 190_000, parrainage: 4_000, fipj: 12_000)
        print(cpo.check(proposal, for: 2017))      // .within(up:down:), .above(limit:excess:) or .below(limit:shortfall:)
        print(cpo.bounds!)                          // base × 90 % rounded up … base × 110 % rounded down, to the cent
        print(cpo.headroom(from: cpo.subsidies[2016]!)!)   // what 2017 may move from 2016, in € and in basis points
        print(cpo.clamped(proposal, for: 2017))    // the bound, reported as binding
        print(FrenchNumber.euros(cents: 12_345_678))   // "cent vingt-trois mille quatre cent cinquante-six euros et soixante-dix-huit centimes"
        let m = try dashboard.matrix(within: .region("84"), year: 2016)
        for p in m.points { print(p.ml, p.efficiency, p.performance, p.quadrant) }
        #expect(whatIf.number("R5", for: .ml("ML069-LYON"), year: 2016) != nil && !effects.isEmpty && table.ml.count == 3)
    }

    @Test func negotiationGuide() throws {
        let dashboard = Dashboard(try Dataset.load(from: "Playground/data/demo"))
        var s = Scenario(name: "entrées")
        s.changes.append(.init(ml: "ML069-LYON", year: 2016, lever: .nationalEntries, amount: 100))
        let whatIf = try dashboard.applying(s)
        print(whatIf.value("R5", for: .region("84"), year: 2016))
        let g = try dashboard.goalSeek("R10", target: 0.40, for: .ml("ML069-LYON"), year: 2016, lever: .exitsToEmployment)
        let table = try dashboard.sensitivity("R5", ml: "ML069-LYON", year: 2016, lever: .nationalEntries, amounts: [0, 50, 100])
        let summary = try dashboard.effects(of: s, for: .ml("ML069-LYON"), year: 2016)
        #expect(g.leverAmount != nil && table.region.count == 3 && !summary.isEmpty)
    }

    @Test("every Swift example of the docs is in this file, line for line")
    func snippetsAreHere() throws {
        let docs = ["README.md", "Docs/negotiation.md"] + (try FileManager.default.contentsOfDirectory(atPath: Self.root.appendingPathComponent("Sources/Pilotage/Pilotage.docc").path))
            .filter { $0.hasSuffix(".md") }.map { "Sources/Pilotage/Pilotage.docc/" + $0 }
        let here = try String(contentsOfFile: #filePath, encoding: .utf8).components(separatedBy: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        var checked = 0
        for doc in docs {
            let text = try String(contentsOfFile: Self.root.appendingPathComponent(doc).path, encoding: .utf8)
            for block in text.components(separatedBy: "```swift\n").dropFirst() {
                let code = block.components(separatedBy: "```")[0]
                guard !code.contains(".package(") else { continue }   // Package.swift lines, not code to run
                let lines = code.components(separatedBy: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty && $0 != "import Pilotage" }
                let found = here.indices.contains { i in i + lines.count <= here.count && Array(here[i..<(i + lines.count)]) == lines }
                #expect(found, "\(doc): an example is not run by DocSnippetTests:\n\(lines.joined(separator: "\n"))")
                checked += 1
            }
        }
        #expect(checked >= 10)
    }
}
