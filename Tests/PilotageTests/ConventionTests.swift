import Testing
@testable import Pilotage

@Suite("The convention's ±10% funding rule")
struct ConventionTests {
    let cpo = Convention(number: "CPO-1", mlID: "ML1", period: 2015...2018,
                         subsidies: [2015: StateSubsidy(socle: 90_000, parrainage: 5_000, fipj: 5_000)])

    @Test func changesCompound() {
        // +6% then +5% is +11.3% against the base: refused.
        let year2 = StateSubsidy(socle: 100_000 * 1.06)
        let year3 = StateSubsidy(socle: 100_000 * 1.06 * 1.05)
        guard case .within(let up, _) = cpo.check(year2, for: 2016) else { Issue.record("+6% is allowed"); return }
        #expect(abs(up - 4_000) < 1e-6)
        guard case .outside(let change) = cpo.check(year3, for: 2017) else { Issue.record("+11.3% is refused"); return }
        #expect(abs(change - 0.113) < 1e-9)
    }

    @Test func boundsAndScope() {
        #expect(cpo.check(StateSubsidy(socle: 110_000), for: 2018) == .within(up: 0, down: 20_000))
        guard case .outside(let down) = cpo.check(StateSubsidy(socle: 89_999), for: 2016) else { Issue.record("-10.001% is refused"); return }
        #expect(abs(down + 0.10001) < 1e-12)
        #expect(cpo.check(StateSubsidy(socle: 100_000), for: 2019) == .notApplicable)
        #expect(cpo.base?.total == 100_000)
    }
}
