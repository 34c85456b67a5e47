import Foundation
import Testing
@testable import PilotageShell

/// Which way a line reads, and every judgement that follows from it: one definition each of a
/// rank, a quartile, a gap and « met », read the same by the brief, the synthesis, the
/// objectives, the convention and the matrix.
@Suite("Directions: one reading of better and worse")
struct DirectionTests {
    static let grenoble = "ML038-GRENOBLE"

    @Test("every quotient reads one way; context, volumes and resources read no way")
    func catalogueDirections() {
        for line in Catalogue.computed where line.isQuotient { #expect(line.direction != .none, "\(line.id)") }
        for id in ["R8", "R11", "4.1.i", "8.1.i", "O.4", "10.1.d", "10.1.e"] { #expect(Catalogue.indicator(id)?.direction == .lowerIsBetter, "\(id)") }
        for id in ["R6", "R10", "R13", "RG", "4.1.h", "8.1.f"] { #expect(Catalogue.indicator(id)?.direction == .higherIsBetter, "\(id)") }
        for id in ["0.1", "0.2", "1", "3", "5", "7", "9", "9.1", "10", "10.1.b"] { #expect(Catalogue.indicator(id)?.direction == Direction.none, "\(id)") }
        // R2's lag and the shares are properties of the line, not tests of its id.
        #expect(Catalogue.indicator("R2")!.denominatorLag == 1 && Catalogue.computed.filter { $0.denominatorLag != 0 }.map(\.id) == ["R2"])
        #expect(!Catalogue.indicator("R2")!.isPercentage && !Catalogue.indicator("R13")!.isPercentage && Catalogue.indicator("R8")!.isPercentage)
    }

    @Test("explain states the direction, in French and in English")
    func explainSaysIt() {
        let s = demoSession()
        #expect(s.run("explain R8").output.contains("  Sens         : plus bas est meilleur\n"))
        #expect(s.run("explain R10").output.contains("  Sens         : plus haut est meilleur\n"))
        #expect(s.run("explain 0.1").output.contains("  Sens         : sans sens de lecture"))
        #expect(s.run("explain R2").output.contains("2 (N) / 2 (N-1)"))
        s.language = .en
        #expect(s.run("explain R8").output.contains("Direction:       lower is better\n"))
    }

    @Test("a rank: 1 + values strictly better, ties share the best rank; a quartile of the position")
    func standingByHand() {
        let values = [3.0, 5, 5, 2]
        #expect(values.map { Standing($0, among: values, direction: .higherIsBetter)!.rank } == [3, 1, 1, 4])
        #expect(values.map { Standing($0, among: values, direction: .lowerIsBetter)!.rank } == [2, 3, 3, 1])
        // Of 11: p = (rank − 1) / 10, cut at ¼, ½, ¾.
        #expect((1...11).map { Standing(rank: $0, of: 11).quartile } == [1, 1, 1, 2, 2, 3, 3, 3, 4, 4, 4])
        #expect((1...4).map { Standing(rank: $0, of: 4).quartile } == [1, 2, 3, 4])
        #expect(Standing(rank: 1, of: 1).quartile == 1)
        #expect(Standing(9, among: values, direction: .higherIsBetter) == nil)
    }

    @Test("Grenoble's R8, better than its peers, is a force; brief and synthesis give one rank")
    func briefAndSynthesisAgree() throws {
        let b = try demoDashboard.brief(ml: Self.grenoble, dialogueYear: 2017)
        let r8 = b.steps[1].lines.first { $0.indicator.id == "R8" }!
        let mine = try r8.value.get()
        // By hand: R8 is lower-is-better, so the rank is 1 + the peers strictly lower.
        let peers = b.peers.compactMap { demoDashboard.number("R8", for: .ml($0), year: 2016) }
        #expect(mine < r8.peerMedian!)
        #expect(r8.peerRank == Standing(rank: 1 + peers.filter { $0 < mine }.count, of: peers.count + 1))
        let synthesis = Synthesis(b)
        let forces = synthesis.themes[1].forces.map(\.indicatorID), axes = synthesis.themes[1].axes.map(\.indicatorID)
        #expect(forces.contains("R8") && !axes.contains("R8"))
        for line in b.steps.flatMap(\.lines) {
            for f in synthesis.themes.flatMap({ $0.forces + $0.axes }) where f.indicatorID == line.indicator.id {
                #expect(f.rank == line.peerRank?.rank && f.of == line.peerRank?.of, "\(f.indicatorID)")
            }
        }
        let text = demoSession().run("synthesis of ML038-GRENOBLE for 2017").output
        let forcesText = text.components(separatedBy: "Axes de progrès")[1].components(separatedBy: "Forces")[1]
        #expect(forcesText.contains("- R8 "))
        // The brief's national rank reads the same direction: the lowest R8 of the nation is 1.
        let nation = demoDashboard.distribution("R8", year: 2016)
        #expect(nation.first!.value == nation.map(\.value).min() && nation.first!.rank == 1)
    }

    @Test("a proposal for R8 goes down; objective set R8 stores ≤")
    func proposalsAndSetFollowTheLine() throws {
        let now = demoDashboard.number("R8", for: .ml(Self.grenoble), year: 2016)!
        let p = demoDashboard.proposals("R8", ml: Self.grenoble, dialogueYear: 2017, points: 0.03)
        #expect(p.first { $0.method == .plusPoints }!.value == now - 0.03)
        let s = demoSession()
        let text = s.run("objective propose R8 of ML038-GRENOBLE for 2017 points 3").output
        #expect(text.contains("résultat 2016 −3,0 pt") && text.contains(QueryRender.display(now - 0.03, Catalogue.indicator("R8")!, .fr)))
        #expect(s.run("objective set R8 of ML038-GRENOBLE for 2017 = 45%").output == "objectif 2017 R8 ≤ 45,0\u{202F}% retenu pour ML038-GRENOBLE\n")
        let stored = try s.dataset().conventions!.first { $0.mlID == Self.grenoble }!.objectives.first { $0.indicatorID == "R8" }!
        #expect(stored.direction == .decrease && stored.target == 0.45)
        #expect(s.run("objective set R10 of ML038-GRENOBLE for 2017 = 45% decrease").succeeded)   // the analyst may say otherwise
    }

    @Test("a gap is result − target, with one sign in objective list and in convention of")
    func oneGap() throws {
        // R10 2017 ≥ 39.3 %: by hand from the numbers, value − target and the young people short.
        let o = Objective(indicatorID: "R10", year: 2017, target: 0.393, direction: .increase)
        let st = demoDashboard.status(of: o, ml: Self.grenoble)
        let num = demoDashboard.number("8.1.f", for: .ml(Self.grenoble), year: 2017)!, den = demoDashboard.number("8.1", for: .ml(Self.grenoble), year: 2017)!
        #expect(st.value == num / den && st.gap == num / den - 0.393 && st.met == false)
        #expect(st.numeratorGap == (num - 0.393 * den).rounded(.down))   // whole young people short
        // Rounded against the objective: a decrease's excess rounds up.
        let down = Objective(indicatorID: "R11", year: 2017, target: 0.47, direction: .decrease)
        let n11 = demoDashboard.number("8.1.i", for: .ml(Self.grenoble), year: 2017)!
        #expect(demoDashboard.status(of: down, ml: Self.grenoble).numeratorGap == (n11 - 0.47 * den).rounded(.up))
        #expect(o.isMet(by: 0.393) && !o.isMet(by: 0.392) && down.isMet(by: 0.47) && !down.isMet(by: 0.4701))
        let s = demoSession()
        let gap = QueryRender.display(st.gap!, .init(line: Catalogue.indicator("R10")!, part: .change), .fr)
        #expect(gap.hasPrefix("−"))   // French typography: the minus sign
        let list = s.run("objective list of ML038-GRENOBLE").output.split(separator: "\n").first { $0.contains("2017     R10") }!
        #expect(list.contains(gap) && list.hasSuffix("non atteint"))
        #expect(s.run("convention of ML038-GRENOBLE").output.contains("2017 R10 ≥ 39,3\u{202F}% : 26,6\u{202F}% — non atteint (\(gap))"))
    }

    @Test("the matrix reads the catalogue: R11 and 10.1.e count negatively")
    func matrixAxes() {
        let m = MatrixMethod.standard
        #expect(m.performance.first { $0.numerator == "R11" }?.sign == -1 && m.efficiency.first { $0.numerator == "10.1.e" }?.sign == -1)
        #expect(m.performance.first { $0.numerator == "R10" }?.sign == 1 && m.context.allSatisfy { $0.direction == Direction.none })
    }
}
