import Foundation
import Testing
@testable import Pilotage

@Suite("The convention's ±10% funding rule, exact to the cent")
struct ConventionTests {
    let cpo = Convention(number: "CPO-1", mlID: "ML1", period: 2015...2018,
                         subsidies: [2015: StateSubsidy(socle: 90_000, parrainage: 5_000, fipj: 5_000)])

    @Test func changesCompound() {
        // +6% then +5% is +11.3% against the base: refused, by 1 300 € over the ceiling of 110 000 €.
        let year2 = StateSubsidy(socle: 106_000)
        let year3 = StateSubsidy(socle: 111_300)
        #expect(cpo.check(year2, for: 2016) == .within(up: 4_000, down: 16_000))
        #expect(cpo.check(year3, for: 2017) == .above(limit: 120_000 - 10_000, excess: 1_300))
    }

    @Test func boundsAndScope() {
        #expect(cpo.check(StateSubsidy(socle: 110_000), for: 2018) == .within(up: 0, down: 20_000))
        #expect(cpo.check(StateSubsidy(socle: 89_999), for: 2016) == .below(limit: 90_000, shortfall: 1))
        #expect(cpo.check(StateSubsidy(socle: 100_000), for: 2019) == .notApplicable)
        #expect(cpo.base?.total == 100_000)
    }

    /// Grenoble's demo convention: base 87 717,45 €, of which × 110 % is 96 489,195 €.
    static let grenoble = Convention(number: "CPO-84-002", mlID: "ML038-GRENOBLE", period: 2015...2018, subsidies: [
        2015: StateSubsidy(socle: Money(cents: 7_756_734), parrainage: Money(cents: 201_397), fipj: Money(cents: 813_614)),
        2016: StateSubsidy(socle: Money(cents: 8_181_961), parrainage: Money(cents: 284_102), fipj: Money(cents: 656_552))])

    @Test("bounds rounded toward what they allow; the headroom shown is what clamp sets")
    func boundsByHand() throws {
        let c = Self.grenoble
        #expect(c.adjustable(c.base!) == Money(cents: 8_771_745))
        // 87 717,45 × 1.1 = 96 489,195 → 96 489,19 (down); × 0.9 = 78 945,705 → 78 945,71 (up).
        #expect(c.bounds == Money(cents: 7_894_571)...Money(cents: 9_648_919))
        let year2016 = c.subsidies[2016]!
        #expect(c.adjustable(year2016) == Money(cents: 9_122_615))   // +4 % of the base, 91 226,15 €
        guard case .within(let up, _) = c.check(year2016, for: 2016) else { Issue.record("+4% is allowed"); return }
        var over = year2016
        over.socle = over.socle + up + Money(cents: 1)
        let clamped = c.clamped(over, for: 2017).subsidy
        #expect(c.adjustable(clamped) == c.adjustable(year2016) + up && up == Money(cents: 526_304))
        // Headroom from 2016: +5 263,04 €, i.e. +5,7693 % → +5,76 % (down); −12 280,44 € → −13,4615 % → −13,46 % (up).
        let h = try #require(c.headroom(from: year2016))
        #expect(h.up == Money(cents: 526_304) && h.upBasisPoints == 576 && h.down == Money(cents: -1_228_044) && h.downBasisPoints == -1346)
    }

    @Test("+4 % then +5,77 % is refused, +5,76 % and +5,769 % are allowed")
    func stepsAtTheCent() throws {
        let c = Self.grenoble, y2016 = c.subsidies[2016]!
        func step(_ f: Double) throws -> Convention.FundingCheck { c.check(try #require(c.stepped(from: y2016, by: f, keeping: y2016)), for: 2017) }
        // 91 226,15 × 1.0577 = 96 489,898… → 96 489,90 €: 0,71 € over the ceiling.
        #expect(try step(0.0577) == .above(limit: Money(cents: 9_648_919), excess: Money(cents: 71)))
        // × 1.0576 = 96 480,776… → 96 480,78 €: 8,41 € left; × 1.05769 = 96 488,987… → 96 488,99 €: 0,20 € left.
        guard case .within(let up1, _) = try step(0.0576), case .within(let up2, _) = try step(0.05769) else { Issue.record("allowed"); return }
        #expect(up1 == Money(cents: 841) && up2 == Money(cents: 20))
    }

    @Test("money: cents from euros, rounding by rule, plain text")
    func money() {
        #expect(Money(euros: 96_489.19)?.cents == 9_648_919 && Money(euros: 0.005) == nil && Money(euros: .nan) == nil)
        #expect(Money(cents: 9_648_919_5).scaled(by: 1, over: 10, .down) == Money(cents: 9_648_919))
        #expect(Money(cents: -5).scaled(by: 1, over: 10, .down) == Money(cents: -1) && Money(cents: -5).scaled(by: 1, over: 10, .up) == .zero)
        #expect(Money(cents: 1_000_000).increased(by: 0.0577) == Money(cents: 1_057_700))
        #expect(Money(cents: 7_756_734).description == "77567.34" && Money(cents: -5).description == "-0.05" && (160_000 as Money).description == "160000.00")
    }

    @Test("a subsidy round-trips through JSON as euros, as workspaces store it")
    func codable() throws {
        let s = StateSubsidy(socle: Money(cents: 7_756_734), parrainage: 5_000)
        let data = try JSONEncoder().encode(s)
        #expect(String(decoding: data, as: UTF8.self).contains("77567.34"))
        #expect(try JSONDecoder().decode(StateSubsidy.self, from: data) == s)
        let old = #"{"socle": 96489.195, "parrainage": 0, "fipj": 0}"#
        #expect(try JSONDecoder().decode(StateSubsidy.self, from: Data(old.utf8)).socle == Money(cents: 9_648_920))
    }
}
