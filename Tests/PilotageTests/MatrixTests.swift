import Foundation
import Testing
@testable import Pilotage

@Suite("The performance × efficiency matrix")
struct MatrixTests {
    /// Four MLs with hand-chosen components (aggregate dataset), year 2016.
    static func fourMLs(zeroCohortFor: String? = nil) throws -> Dashboard {
        let ids = ["A", "B", "C", "D"]
        var rows: [AggregateRow] = []
        func add(_ ml: String, _ id: String, _ v: Double, _ b: Breakdown = .all) { rows.append(.init(mlID: ml, year: 2016, indicator: id, breakdown: b, value: v)) }
        let accompanied = [100.0, 200, 300, 400], exitsEmployment = [30.0, 40, 35, 45], exitsNoSolution = [40.0, 30, 35, 20]
        let m12 = [20.0, 25, 30, 22], rights = [10.0, 30, 60, 40]
        for (i, ml) in ids.enumerated() {
            add(ml, "1", 1000); add(ml, "1", Double(100 * (i + 1)), .qpv); add(ml, "1", Double(50 * (4 - i)), .zrr)
            add(ml, "4", accompanied[i]); add(ml, "4.4", rights[i])
            add(ml, "8.1", 100); add(ml, "8.1.f", exitsEmployment[i]); add(ml, "8.1.i", exitsNoSolution[i])
            add(ml, "4.2.m12.base", ml == zeroCohortFor ? 0 : 50); add(ml, "4.2.m12", ml == zeroCohortFor ? 0 : m12[i])
        }
        let d = try Dataset(manifest: Manifest(name: "m", years: [2016]), regions: [Region(code: "84", name: "R")],
                            missions: ids.map { MissionLocale(id: $0, name: $0, regionCode: "84", departmentCode: "69", legalForm: .association) },
                            contexts: ids.enumerated().map { TerritorialContext(mlID: $1, year: 2016, jano: 2000, defm: Double(600 + 100 * $0)) },
                            resources: ids.enumerated().map { StaffResources(mlID: $1, year: 2016, etpTotal: [20, 16, 12.5, 10][$0], etpAccompaniment: 10) },
                            funding: ids.map { FundingRow(mlID: $0, year: 2016, funder: .etat, line: .socle, amount: 100_000) },
                            indicators: rows)
        return Dashboard(d)
    }

    /// z-scores by hand: mean and population standard deviation.
    func z(_ x: [Double]) -> [Double] {
        let m = x.reduce(0, +) / 4, sd = (x.map { ($0 - m) * ($0 - m) }.reduce(0, +) / 4).squareRoot()
        return x.map { ($0 - m) / sd }
    }

    @Test("four MLs: each score is the mean of the z-scores of its measures")
    func handComputed() throws {
        let m = try Self.fourMLs().matrix(within: .region("84"), year: 2016)
        #expect(m.points.map(\.ml) == ["A", "B", "C", "D"] && m.excluded.isEmpty)
        #expect(!m.contextAdjusted)   // 4 MLs, 3 covariates and an intercept: an exact fit, no adjustment
        let r13 = [10.0, 20, 30, 40]                       // 4 / 9.1 (9.1 = 10)
        let r12 = [0.5, 0.625, 0.8, 1]                     // 9.1 / 9
        let perETP = [50.0, 62.5, 80, 100]                 // 1 / 9
        let cost = [1000.0, 500, 100_000 / 300.0, 250]     // 10.1.b / 4, less is better
        let r10 = [0.30, 0.40, 0.35, 0.45], r11 = [0.40, 0.30, 0.35, 0.20], r9 = [0.40, 0.50, 0.60, 0.44], rights = [0.1, 0.15, 0.2, 0.1]
        let (e1, e2, e3, e4) = (z(r13), z(r12), z(perETP), z(cost.map { -$0 }))
        let (p1, p2, p3, p4) = (z(r10), z(r11.map { -$0 }), z(r9), z(rights))
        for i in 0..<4 {
            #expect(abs(m.points[i].efficiency - (e1[i] + e2[i] + e3[i] + e4[i]) / 4) < 1e-12)
            #expect(abs(m.points[i].performance - (p1[i] + p2[i] + p3[i] + p4[i]) / 4) < 1e-12)
        }
        // z of 10, 20, 30, 40: ±1.3416…, ±0.4472…
        #expect(abs(e1[0] + 1.3416407865) < 1e-9 && abs(e1[1] + 0.4472135955) < 1e-9)
        #expect(m.points[0].quadrant == .neither && m.points[3].quadrant == .performantEfficient)
    }

    @Test("an ML with an absent measure is left out, not scored 0")
    func exclusion() throws {
        let m = try Self.fourMLs(zeroCohortFor: "B").matrix(within: .region("84"), year: 2016)   // R9 = 0 / 0 for B
        #expect(m.excluded == ["B"] && m.points.map(\.ml) == ["A", "C", "D"])
        var method = MatrixMethod.standard
        method.performance.append(.init(line: "7"))   // no line 7 in this dataset
        #expect(throws: MatrixError.tooFewMissionsLocales(0)) { try Self.fourMLs().matrix(within: .region("84"), year: 2016, method: method) }
        #expect(throws: MatrixError.unknownYear(2015)) { try Self.fourMLs().matrix(within: .region("84"), year: 2015) }
    }

    @Test("least-squares residuals by hand")
    func residuals() {
        // y on x: slope 0.8, intercept 0.6.
        let r = Statistics.residuals([1, 3, 2, 5, 4], on: [[1, 2, 3, 4, 5]])!
        for (a, b) in zip(r, [-0.4, 0.8, -1.0, 1.2, -0.6]) { #expect(abs(a - b) < 1e-12) }
        #expect(Statistics.residuals([1, 2, 3], on: [[1, 1, 1]]) == nil)   // collinear with the intercept
        #expect(Statistics.zScores([5, 5, 5]) == [0, 0, 0])
    }

    @Test("with enough MLs, performance is adjusted: residuals are uncorrelated with the context")
    func adjustedOnTheDemo() throws {
        let d = ScenarioTests.base
        let m = try d.matrix(within: .nation, year: 2016)
        #expect(m.contextAdjusted && m.points.count + m.excluded.count == 12)
        let e = m.points.map(\.efficiency), p = m.points.map(\.performance)
        #expect(abs(e.reduce(0, +)) < 1e-9 && abs(p.reduce(0, +)) < 1e-9)   // means of z-scores are 0
    }
}

@Suite("The brief of Fiche n°1 and the peers")
struct BriefTests {
    @Test("peers: nearest in standardised context, ties by ml_id")
    func peers() throws {
        let d = try MatrixTests.fourMLs()
        // log JANO is the same everywhere (z = 0); DEFM/JANO, QPV and ZRR shares are linear in the ML's rank.
        #expect(d.peers(of: "B", year: 2016) == ["A", "C", "D"])
        #expect(d.peers(of: "A", year: 2016, count: 2) == ["B", "C"])
        #expect(d.peers(of: "Z", year: 2016).isEmpty)
    }

    @Test("the dialogue of Y reads Y−1 against Y−2, with ranks, region, nation and peers")
    func brief() throws {
        let d = ScenarioTests.base
        let b = try d.brief(ml: "ML069-LYON", dialogueYear: 2017)
        #expect(b.resultYear == 2016 && b.previousYear == 2015 && b.peers.count == 10 && !b.peers.contains("ML069-LYON"))
        #expect(b.steps.count == 4 && b.steps[2].lines.isEmpty && b.steps[2].guide.note != nil)
        #expect(b.steps[0].guide.title == "1. ANALYSE ET PARTAGE DU CONTEXTE")
        #expect(b.steps[1].parts.count == 2 && b.steps[1].parts[0].lines.map(\.indicator.id).prefix(2) == ["1", "2"])
        #expect(b.funders.isEmpty, "no funding rows given")
        // Step 4: the funders of 2016 add up to line 10; the specific activities are 10 − 10.1.a.
        let funding = try Dataset.load(from: ScenarioTests.demo).funding
        let full = try d.brief(ml: "ML069-LYON", dialogueYear: 2017, funding: funding)
        let total = d.number("10", for: .ml("ML069-LYON"), year: 2016)!, main = d.number("10.1.a", for: .ml("ML069-LYON"), year: 2016)!
        #expect(abs(full.funders.reduce(0) { $0 + $1.amount } - total) < 0.005 && full.funders.count > 2)
        #expect(full.funders.map(\.amount) == full.funders.map(\.amount).sorted(by: >))
        #expect(abs(full.specificActivities!.amount - (total - main)) < 1e-6 && abs(full.specificActivities!.share - (total - main) / total) < 1e-12)
        #expect(full.matrix.now == (try d.matrix(year: 2016)).points.first { $0.ml == "ML069-LYON" })
        #expect(full.context.map(\.family) == DialogueGuide.contextFamilies && full.context[2].held == ["0.2"] && full.context[4].held.isEmpty)
        let r10 = b.steps[1].lines.first { $0.indicator.id == "R10" }!
        #expect(try r10.value.get() == d.number("R10", for: .ml("ML069-LYON"), year: 2016)!)
        #expect(try r10.previous.get() == d.number("R10", for: .ml("ML069-LYON"), year: 2015)!)
        #expect(try r10.region.get() == d.number("R10", for: .region("84"), year: 2016)!)
        let ranked = d.distribution("R10", year: 2016).first { $0.ml.id == "ML069-LYON" }!
        #expect(r10.nationalRank?.rank == ranked.rank && r10.nationalRank?.quartile == ranked.quartile && r10.nationalRank?.of == 12)
        let peerValues = b.peers.compactMap { d.number("R10", for: .ml($0), year: 2016) }.sorted()
        #expect(r10.peerMedian == (peerValues[4] + peerValues[5]) / 2)
        #expect(b.weight.map(\.label) == ["JANO (0.1)", "NEET", "DEFM (0.2)", "JDI (2.bis.1)"])
        let jano = d.number("0.1", for: .ml("ML069-LYON"), year: 2016)! / d.number("0.1", for: .region("84"), year: 2016)!
        #expect(b.weight[0].share == jano)
        #expect(b.targets.first?.line == "4.1.h" && b.targets.first?.now == d.number("4.1.h", for: .ml("ML069-LYON"), year: 2016))
        #expect(throws: BriefError.noResults(dialogueYear: 2015, available: [2015, 2016, 2017])) { try d.brief(ml: "ML069-LYON", dialogueYear: 2015) }
    }

    @Test("the two variables are defined in the instruction's words; funding all reads line 10 per accompanied young person")
    func instructionWords() throws {
        let instruction = DialogueGuideTests.instruction
        #expect(instruction.contains(Matrix.efficacyDefinition) && instruction.contains(Matrix.performanceDefinition))
        #expect(Matrix.Quadrant.allCases.map(\.rawValue).allSatisfy { !$0.contains("efficien") })
        let standard = MatrixMethod.standard, all = MatrixMethod.allFunding
        #expect(standard.efficiency.map(\.label) == ["R13", "R12", "1/9", "10.1.e"] && all.efficiency.map(\.label) == ["R13", "R12", "1/9", "10/4"])
        #expect(all.efficiency[3].direction == .lowerIsBetter && all.performance == standard.performance && all.context == standard.context)
        // 10 / 4 by hand for one ML: the measure is line 10 over line 4.
        let d = ScenarioTests.base
        let ten = d.number("10", for: .ml("ML069-LYON"), year: 2016)!, four = d.number("4", for: .ml("ML069-LYON"), year: 2016)!
        #expect(all.efficiency[3].value(d, .ml("ML069-LYON"), 2016) == ten / four)
    }
}
