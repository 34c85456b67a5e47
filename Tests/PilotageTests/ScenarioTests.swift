import Foundation
import Testing
@testable import Pilotage

@Suite("Scenarios: levers feed their documented lines, ratios follow at every level")
struct ScenarioTests {
    static let demo = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Playground/data/demo").path
    static let base = Dashboard(try! Dataset.load(from: demo))
    let d = ScenarioTests.base
    let ml = "ML069-LYON", region = Territory.region("84"), year = 2016

    func n(_ id: String, _ t: Territory, _ dash: Dashboard? = nil) -> Double { (dash ?? d).number(id, for: t, year: year)! }

    @Test("+100 entries into national pathways of young people already in contact")
    func nationalEntries() throws {
        let s = Scenario(name: "entrées", changes: [.init(ml: ml, year: year, lever: .nationalEntries, amount: 100)])
        let w = try d.applying(s)
        for t in [Territory.ml(ml), region, .nation] {
            // Fed lines: +100; line 1 untouched.
            for id in ["3", "3.1", "4", "4.1"] { #expect(n(id, t, w) == n(id, t) + 100) }
            for id in ["1", "2", "2.bis.1", "2.1", "3.2", "8.1", "9.1", "10.1.b"] { #expect(n(id, t, w) == n(id, t)) }
            // The ratios, by hand from the observed components.
            #expect(abs(n("R5", t, w) - (n("3", t) + 100) / n("1", t)) < 1e-12)
            #expect(abs(n("R6", t, w) - n("2.1", t) / (n("3", t) + 100)) < 1e-12)
            #expect(abs(n("R7", t, w) - (n("4.1", t) + 100) / n("2.bis.1", t)) < 1e-12)
            #expect(abs(n("R13", t, w) - (n("4", t) + 100) / n("9.1", t)) < 1e-12)
            #expect(abs(n("10.1.e", t, w) - n("10.1.b", t) / (n("4", t) + 100)) < 1e-9)
        }
        // Another ML of the region and another region do not move.
        #expect(n("R5", .ml("ML038-GRENOBLE"), w) == n("R5", .ml("ML038-GRENOBLE")))
        #expect(n("R5", .region("32"), w) == n("R5", .region("32")))
        // The breakdowns keep their observed values.
        #expect(w.number("3", for: .ml(ml), year: year, breakdown: .women) == d.number("3", for: .ml(ml), year: year, breakdown: .women))
    }

    @Test("+100 new young people entering also add to 1, 2 and 2.bis.1")
    func newYoungPeople() throws {
        let w = try d.applying(Scenario(name: "nouveaux", changes: [.init(ml: ml, year: year, lever: .newNationalEntries, amount: 100)]))
        for t in [Territory.ml(ml), region] {
            for id in ["1", "2", "2.bis.1", "3", "3.1", "4", "4.1"] { #expect(n(id, t, w) == n(id, t) + 100) }
            #expect(abs(n("R5", t, w) - (n("3", t) + 100) / (n("1", t) + 100)) < 1e-12)
            #expect(abs(n("R7", t, w) - (n("4.1", t) + 100) / (n("2.bis.1", t) + 100)) < 1e-12)
            #expect(abs(n("10.1.d", t, w) - n("10.1.b", t) / (n("1", t) + 100)) < 1e-9)
        }
    }

    @Test("funding and staff levers; several changes add up")
    func resources() throws {
        let w = try d.applying(Scenario(name: "moyens", changes: [
            .init(ml: ml, year: year, lever: .stateFunding, amount: 20_000),
            .init(ml: ml, year: year, lever: .accompanimentETP, amount: 1.5),
            .init(ml: ml, year: year, lever: .accompanimentETP, amount: 0.5),
        ]))
        #expect(n("10", .ml(ml), w) == n("10", .ml(ml)) + 20_000 && n("10.1.b", region, w) == n("10.1.b", region) + 20_000)
        #expect(abs(n("9.1", .ml(ml), w) - (n("9.1", .ml(ml)) + 2)) < 1e-9 && abs(n("9", .nation, w) - (n("9", .nation) + 2)) < 1e-9)
        #expect(abs(n("R12", .ml(ml), w) - (n("9.1", .ml(ml)) + 2) / (n("9", .ml(ml)) + 2)) < 1e-12)
    }

    @Test("a change that breaks the counts is refused with the line and its limit")
    func consistency() {
        let tooMany = n("4.1", .ml(ml)) + 1
        #expect(throws: ScenarioError.inconsistent(line: "4.1.f", value: n("4.1.f", .ml(ml)) + tooMany, limit: n("4.1", .ml(ml)))) {
            try d.applying(Scenario(name: "x", changes: [.init(ml: ml, year: year, lever: .employmentSituations, amount: tooMany)]))
        }
        #expect(throws: ScenarioError.inconsistent(line: "1", value: -1, limit: 0)) {
            try d.applying(Scenario(name: "x", changes: [.init(ml: ml, year: year, lever: .contacts, amount: -(n("1", .ml(ml)) + 1))]))
        }
        #expect(throws: ScenarioError.unknownML("ML999")) { try d.applying(Scenario(name: "x", changes: [.init(ml: "ML999", year: year, lever: .contacts, amount: 1)])) }
        #expect(throws: ScenarioError.unknownYear(1999)) { try d.applying(Scenario(name: "x", changes: [.init(ml: ml, year: 1999, lever: .contacts, amount: 1)])) }
    }

    @Test("every lever feeds catalogue lines that are counts or sums")
    func propagationTable() {
        for lever in Lever.allCases {
            #expect(!lever.lines.isEmpty)
            for id in lever.lines { #expect([.count, .sum].contains(Catalogue.indicator(id)?.kind), "\(lever) \(id)") }
        }
    }
}

@Suite("Objectives: gaps, goal seek, sensitivity, effects")
struct ObjectiveTests {
    let d = ScenarioTests.base
    let ml = "ML069-LYON", year = 2016

    @Test("numerator only, and by a lever that feeds both terms")
    func goalSeek() throws {
        let t = Territory.ml(ml)
        let num = d.number("8.1.f", for: t, year: year)!, den = d.number("8.1", for: t, year: year)!
        let g = try d.goalSeek("R10", target: 0.5, for: t, year: year, lever: .exitsToEmployment)
        #expect(g.numerator == num && g.denominator == den && abs(g.gap - (num / den - 0.5)) < 1e-12)
        #expect(g.numeratorChange == (0.5 * den - num).rounded(.up))
        // (num + x) / (den + x) = 0.5  ⇒  x = (0.5·den − num) / 0.5, rounded up
        let x = ((0.5 * den - num) / 0.5).rounded(.up)
        #expect(g.leverAmount == x)
        // Applying it reaches the target; one less does not.
        let reached = try d.applying(Scenario(name: "", changes: [.init(ml: ml, year: year, lever: .exitsToEmployment, amount: x)]))
        #expect(reached.number("R10", for: t, year: year)! >= 0.5)
        let short = try d.applying(Scenario(name: "", changes: [.init(ml: ml, year: year, lever: .exitsToEmployment, amount: x - 1)]))
        #expect(short.number("R10", for: t, year: year)! < 0.5)
        // A lever feeding the denominator only lowers the ratio: a negative amount raises it.
        let down = try d.goalSeek("R10", target: 0.5, for: t, year: year, lever: .exitsWithoutSolution)
        #expect(down.leverAmount! < 0)
        #expect(throws: GoalSeekError.leverDoesNotMove(lever: .accompanimentETP, indicator: "R10")) {
            try d.goalSeek("R10", target: 0.5, for: t, year: year, lever: .accompanimentETP)
        }
        #expect(throws: GoalSeekError.unreachable(target: 1)) { try d.goalSeek("R10", target: 1, for: t, year: year, lever: .exitsToEmployment) }
        #expect(throws: GoalSeekError.notARatio("8.1")) { try d.goalSeek("8.1", target: 1, for: t, year: year) }
        // A share above 100 % would need more exits to employment than exits: out of bounds.
        #expect(throws: GoalSeekError.outOfBounds(line: "8.1.f", limit: den)) { try d.goalSeek("R10", target: 1.375, for: t, year: year) }
        // Fewer exits without solution than there are: the lever's amount would break the counts.
        let without = d.number("8.1.i", for: t, year: year)!
        let needed = num / 0.95 - den   // (num) / (den + x) = 0.95
        #expect(without + needed < 0)
        #expect(throws: GoalSeekError.scenario(.inconsistent(line: "8.1.i", value: without + needed.rounded(.down), limit: 0))) {
            try d.goalSeek("R10", target: 0.95, for: t, year: year, lever: .exitsWithoutSolution)
        }
    }

    @Test("one- and two-way tables at the ML and its region")
    func sensitivity() throws {
        let one = try d.sensitivity("R5", ml: ml, year: year, lever: .nationalEntries, amounts: [0, 50, 100])
        #expect(one.ml.count == 3 && one.ml[0].count == 1)
        #expect(one.ml[0][0] == d.number("R5", for: .ml(ml), year: year))
        let n3 = d.number("3", for: .region("84"), year: year)!, n1 = d.number("1", for: .region("84"), year: year)!
        #expect(abs(one.region[2][0]! - (n3 + 100) / n1) < 1e-12)
        let two = try d.sensitivity("R5", ml: ml, year: year, lever: .nationalEntries, amounts: [0, 100], by: .contacts, amounts: [0, 200])
        let m3 = d.number("3", for: .ml(ml), year: year)!, m1 = d.number("1", for: .ml(ml), year: year)!
        #expect(abs(two.ml[1][1]! - (m3 + 100) / (m1 + 200)) < 1e-12)
    }

    @Test("effects on every ratio: more entries raise R5 and lower R6")
    func effects() throws {
        let e = try d.effects(of: Scenario(name: "", changes: [.init(ml: ml, year: year, lever: .nationalEntries, amount: 100)]), for: .ml(ml), year: year)
        func pair(_ id: String) -> (Double, Double) { let x = e.first { $0.indicator.id == id }!; return (try! x.before.get(), try! x.after.get()) }
        #expect(pair("R5").1 > pair("R5").0 && pair("R6").1 < pair("R6").0 && pair("R10").1 == pair("R10").0)
        #expect(e.count == Catalogue.computed.filter { $0.kind == .ratio || $0.kind == .amountPerPerson }.count)
    }
}

@Suite("Target proposals")
struct ProposalTests {
    @Test("peer median, own trend, +x points (−x for a decrease)")
    func proposals() {
        let d = ScenarioTests.base, ml = "ML069-LYON"
        let p = d.proposals("R10", ml: ml, dialogueYear: 2017, points: 0.03)
        let now = d.number("R10", for: .ml(ml), year: 2016)!, before = d.number("R10", for: .ml(ml), year: 2015)!
        let peers = d.peers(of: ml, year: 2016).compactMap { d.number("R10", for: .ml($0), year: 2016) }.sorted()
        #expect(p.map(\.method) == [.peerMedian, .ownTrend, .plusPoints])
        #expect(p[0].value == (peers[4] + peers[5]) / 2 && p[1].value == now + (now - before) && abs(p[2].value - (now + 0.03)) < 1e-12)
        #expect(abs(d.proposals("R11", ml: ml, dialogueYear: 2017, direction: .decrease)[2].value - (d.number("R11", for: .ml(ml), year: 2016)! - 0.02)) < 1e-12)
        // A decrease in young people rounds away from the current value.
        let g = try! d.goalSeek("R11", target: 0.465, for: .ml(ml), year: 2016)
        #expect(g.numeratorChange == (0.465 * g.denominator - g.numerator).rounded(.down) && g.numeratorChange < 0)
    }
}
