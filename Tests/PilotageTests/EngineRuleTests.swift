import Testing
@testable import Pilotage

/// Each test builds a handful of young people and states, by hand, which lines count them.
@Suite("Indicator rules, computed by hand")
struct EngineRuleTests {
    @Test("1, 2, 2.1, 2.2 and R3 read events dated in the year, 31 December included")
    func receptionLines() throws {
        var f = Fixture()
        let a = f.person("A"), b = f.person("B"), c = f.person("C")
        f.event(a, "2016-12-31", .accueil)          // received on the last day of 2016
        f.event(a, "2016-12-31", .diagnostic)
        f.event(b, "2015-12-31", .accueil)          // received in 2015, in contact in 2016
        f.event(b, "2016-01-01", .orientation(.e2c))
        f.event(c, "2016-03-01", .accueil)
        f.event(c, "2016-03-05", .orientation(.epide))
        f.event(c, "2017-01-01", .diagnostic)       // diagnostic in 2017: not in 2.1 of 2016
        let d = try f.dashboard()
        #expect(d.v("1", 2016) == 3)
        #expect(d.v("2", 2016) == 2)
        #expect(d.v("2.1", 2016) == 1)
        #expect(d.v("2.2", 2016) == 1)              // B's orientation is in 2016 but B was received in 2015
        #expect(d.v("R3", 2016) == 0.5)
        #expect(d.v("1", 2015) == 1)
        #expect(d.v("2", 2017) == 0)
        #expect(d.v("1", 2017) == 1)
    }

    @Test("2.bis.1: an interview in the 5 months before 31 December, 31 July excluded")
    func jdiWindow() throws {
        var f = Fixture()
        for (id, date, kind) in [("A", "2016-07-31", Event.Kind.entretien(.physique)), ("B", "2016-08-01", .entretien(nil)),
                                 ("C", "2016-12-31", .diagnostic), ("D", "2016-10-01", .atelier), ("E", "2016-09-15", .accueil),
                                 ("F", "2017-01-01", .entretien(.visio))] {
            f.person(id); f.event(id, date, kind)
        }
        let d = try f.dashboard()
        #expect(d.v("2.bis.1", 2016) == 3)         // B, C, E; not A (31 July), D (a workshop), F (2017)
        #expect(d.v("2.bis.1", 2017) == 0)         // F's 1 January interview is not in August-December 2017
    }

    @Test("3, 3.1, 3.2, 3.2.a, 3.3, S.1 and D.1")
    func entries() throws {
        var f = Fixture()
        let a = f.person("A"), b = f.person("B"), c = f.person("C"), e = f.person("E")
        f.pathway("PA1", a, .civis, "2016-04-01")
        f.pathway("PA2", a, .regional, "2016-06-01", yg: true)   // A entered a national one too: not 3.2
        f.event(a, "2016-04-01", .diagnostic)                     // on the entry day: D.1
        f.pathway("PB", b, .local, "2016-01-01", yg: true)
        f.event(b, "2016-01-02", .diagnostic)                     // the day after: not D.1, but 3.3
        f.pathway("PC", c, .regional, "2016-12-31")
        f.event(c, "2016-05-01", .cep(.three))
        f.pathway("PE", e, .orientation, "2016-02-01", "2016-04-30", .autre)
        let d = try f.dashboard()
        #expect(d.v("3", 2016) == 3)
        #expect(d.v("3.1", 2016) == 1)
        #expect(d.v("3.2", 2016) == 2)
        #expect(d.v("3.2.a", 2016) == 1)          // B only: A's plan pathway does not count (A is in 3.1)
        #expect(d.v("3.3", 2016) == 3)            // A, B (diagnostics), C (CEP 3)
        #expect(d.v("D.1", 2016) == 1)
        #expect(d.v("S.1", 2016) == 1)
        #expect(d.v("4", 2016) == 3)              // the orientation sequence is in no line of families 3-8
        #expect(d.v("8", 2016) == 0)
    }

    @Test("Open and zero-length pathways; exits on 31 December and 1 January")
    func presenceAndExits() throws {
        var f = Fixture()
        let a = f.person("A"), b = f.person("B"), c = f.person("C"), e = f.person("E")
        f.pathway("PA", a, .pacea, "2015-06-01")                                        // open: present every later year
        f.pathway("PB", b, .civis, "2016-06-30", "2016-06-30", .sansSolution)           // zero length
        f.pathway("PC", c, .ppae, "2015-03-01", "2016-12-31", .emploi(.cdi, durable: true, nonMarket: false))
        f.pathway("PE", e, .local, "2016-02-01", "2017-01-01", .formation(.qualifiante, cpf: true))
        let d = try f.dashboard()
        #expect(d.v("4", 2015) == 2 && d.v("4", 2016) == 4 && d.v("4", 2017) == 2)      // 2017: A (open) and E (1 January)
        #expect(d.v("4.1", 2016) == 3 && d.v("4.3", 2016) == 1)
        #expect(d.v("4.1.end", 2016) == 2)                                               // A and C (ends on 31 December)
        #expect(d.v("8", 2016) == 2 && d.v("8", 2017) == 1)
        #expect(d.v("8.1", 2016) == 2 && d.v("8.2", 2017) == 1)
        #expect(d.v("8.1.f", 2016) == 1 && d.v("8.1.f.durable", 2016) == 1 && d.v("8.1.i", 2016) == 1)
        #expect(d.v("R10", 2016) == 0.5 && d.v("R11", 2016) == 0.5)
        // Mean 5: (0 + (2016-12-31 − 2015-03-01 = 671 days)) / 2 records, in months of 30.4375 days.
        #expect(abs(d.v("5", 2016)! - (671.0 / 30.4375) / 2) < 1e-12)
        #expect(d.v("5", 2015) == nil)                                                   // no exit in 2015: no record
        #expect(d.value("5", for: .ml("ML1"), year: 2015) == .failure(.noRecords("5")))
    }

    @Test("8.1 reads the last national exit; ties go to the greatest pathway_id in code point order")
    func lastExitTies() throws {
        var f = Fixture()
        let a = f.person("A"), b = f.person("B")
        f.pathway("P10", a, .civis, "2016-01-01", "2016-05-01", .emploi(.eav, durable: true, nonMarket: true))
        f.pathway("P9", a, .garantieJeunes, "2016-02-01", "2016-05-01", .sansSolution)    // "P9" > "P10"
        f.pathway("Q1", b, .civis, "2016-01-01", "2016-03-01", .sansSolution)
        f.pathway("Q2", b, .ppae, "2016-04-01", "2016-09-01", .emploi(.apprentissage, durable: false, nonMarket: false))
        f.pathway("Q3", b, .regional, "2016-04-01", "2016-12-01", .formation(.initiale, cpf: false)) // regional: not read by 8.1
        let d = try f.dashboard()
        #expect(d.v("8.1", 2016) == 2)
        #expect(d.v("8.1.i", 2016) == 1)                 // A: P9 wins the tie
        #expect(d.v("8.1.f", 2016) == 1)                 // B: Q2, the latest national exit
        #expect(d.v("8.1.f.eav", 2016) == 0)
        #expect(d.v("8.1.f.alternance", 2016) == 1 && d.v("8.1.f.apprentissage", 2016) == 1)
        #expect(d.v("8.1.g", 2016) == 0)
        #expect(d.v("8", 2016) == 2 && d.v("8.2", 2016) == 1)
    }

    @Test("8.1's \"dont\" lines, one young person per kind of exit (contract, training, flags)")
    func everyExitOutcome() throws {
        var f = Fixture()
        let exits: [ExitOutcome] = [
            .emploi(.cuiCae, durable: true, nonMarket: false), .emploi(.cuiCie, durable: false, nonMarket: true),
            .emploi(.eav, durable: false, nonMarket: true), .emploi(.eav, durable: false, nonMarket: false),
            .emploi(.professionnalisation, durable: true, nonMarket: false), .emploi(.creation, durable: false, nonMarket: false),
            .formation(.initiale, cpf: true), .formation(.qualifiante, cpf: false), .formation(.autre, cpf: true),
            .reorientation(.e2c), .serviceCivique, .sansSolution, .autre,
        ]
        for (k, exit) in exits.enumerated() {
            f.pathway("P\(k)", f.person("Y\(k)"), .civis, "2016-01-04", "2016-0\(k % 9 + 1)-28", exit)
        }
        let d = try f.dashboard()
        #expect(d.v("8.1", 2016) == 13)
        #expect(d.v("8.1.f", 2016) == 6 && d.v("8.1.f.durable", 2016) == 2)
        #expect(d.v("8.1.f.cui", 2016) == 2 && d.v("8.1.f.cui_cae", 2016) == 1 && d.v("8.1.f.cui_cie", 2016) == 1)
        #expect(d.v("8.1.f.eav", 2016) == 2 && d.v("8.1.f.eav_non_marchand", 2016) == 1)  // non-market only under EAV
        #expect(d.v("8.1.f.alternance", 2016) == 1 && d.v("8.1.f.apprentissage", 2016) == 0 && d.v("8.1.f.creation", 2016) == 1)
        #expect(d.v("8.1.g", 2016) == 3 && d.v("8.1.g.initiale", 2016) == 1 && d.v("8.1.g.qualifiante", 2016) == 1)
        #expect(d.v("8.1.g.cpf", 2016) == 2)
        #expect(d.v("8.1.reorientation", 2016) == 1 && d.v("8.1.h", 2016) == 1 && d.v("8.1.i", 2016) == 1)
    }

    @Test("4.1.f, 4.1.g, 4.1.h: situations started in the year on a day covered by a national pathway")
    func situationsInNationalPathways() throws {
        var f = Fixture()
        let a = f.person("A"), b = f.person("B"), c = f.person("C")
        f.pathway("PA", a, .civis, "2016-01-01", "2016-06-30", .autre)
        f.situation("SA1", a, .emploi(.apprentissage, durable: true, nonMarket: false), "2016-06-30", "2016-12-31")   // last covered day
        f.situation("SA2", a, .immersion, "2016-07-01", "2016-07-05")                                                 // after the exit
        f.situation("SA3", a, .formation(.qualifiante), "2016-03-01", "2016-05-01")
        f.pathway("PB", b, .local, "2016-01-01")
        f.situation("SB", b, .serviceCivique, "2016-02-01")                                                           // regional pathway: no
        f.pathway("PC", c, .garantieJeunes, "2015-06-01", "2016-01-10", .autre)
        f.situation("SC1", c, .parrainage, "2014-01-01", "2016-01-01")                                                // sponsorship crossing into 2016
        f.situation("SC2", c, .serviceCivique, "2015-12-31", "2016-03-01")                                            // started in 2015
        let d = try f.dashboard()
        #expect(d.v("4.1.f", 2016) == 1 && d.v("4.1.f.emploi", 2016) == 1 && d.v("4.1.f.alternance", 2016) == 1)
        #expect(d.v("4.1.f.apprentissage", 2016) == 1 && d.v("4.1.f.durable", 2016) == 1 && d.v("4.1.f.immersion", 2016) == 0)
        #expect(d.v("4.1.f.service_civique", 2016) == 0 && d.v("4.1.f.service_civique", 2015) == 1)
        #expect(d.v("4.1.g", 2016) == 1 && d.v("4.1.g.1", 2016) == 1)
        #expect(d.v("4.1.h", 2016) == 1 && d.v("4.1.h", 2015) == 1 && d.v("4.1.h", 2017) == 0)
    }

    @Test("4.1.i: at 31 December, no work situation, an old national pathway, no offer since 30 September included")
    func noOfferForThreeMonths() throws {
        var f = Fixture()
        let a = f.person("A"), b = f.person("B"), c = f.person("C"), e = f.person("E"), g = f.person("G")
        for (id, who) in [("PA", a), ("PB", b), ("PC", c), ("PG", g)] { f.pathway(id, who, .civis, "2016-01-10") }
        f.event(a, "2016-09-29", .proposition(.emploi))      // before e ⊖ 3 months: A counts
        f.event(b, "2016-09-30", .proposition(.formation))   // on e ⊖ 3 months: B does not
        f.situation("SC", c, .formation(.autre), "2016-12-01", "2016-12-31")   // in training at e
        f.pathway("PE", e, .civis, "2016-09-30")             // started on e ⊖ 3 months, not before
        f.situation("SG", g, .immersion, "2016-12-20", "2017-01-05")           // an immersion does not stop it
        let d = try f.dashboard()
        #expect(d.v("4.1.end", 2016) == 5)
        #expect(d.v("4.1.i", 2016) == 2)                     // A and G
        #expect(d.v("R8", 2016) == 0.4)
    }

    @Test("4.2: cohorts by first national entry, f ⊕ k months in the year (leap day)")
    func firstMonthsCohorts() throws {
        var f = Fixture()
        let a = f.person("A"), b = f.person("B"), c = f.person("C")
        f.pathway("PA", a, .civis, "2015-10-31", "2015-12-15", .emploi(.cdd, durable: false, nonMarket: false))   // f ⊕ 4 = 2016-02-29
        f.situation("SA", a, .emploi(.cdd, durable: false, nonMarket: false), "2016-02-28", "2016-05-01")       // last day of the window
        f.pathway("PB", b, .pacea, "2015-10-31")
        f.situation("SB", b, .formation(.autre), "2016-02-29", "2016-03-01")                                    // the limit itself: too late
        f.pathway("PC0", c, .regional, "2015-01-01", "2015-12-31", .autre)                                      // regional: not f
        f.pathway("PC", c, .ppae, "2016-01-31")                                                                 // f ⊕ 12 = 2017-01-31
        f.situation("SC", c, .immersion, "2016-03-01", "2016-03-05")                                            // an immersion is not a situation here
        let d = try f.dashboard()
        #expect(d.v("4.2.m4.base", 2016) == 3 && d.v("4.2.m4", 2016) == 1)     // A, B (Feb 29), C (May 31)
        #expect(d.v("4.2.m12.base", 2016) == 2 && d.v("4.2.m12", 2016) == 2)   // A, B (2016-10-31); B's formation is within 12 months
        #expect(d.v("4.2.m12.base", 2017) == 1 && d.v("4.2.m12", 2017) == 0)
        #expect(d.v("R9", 2016) == 1)
    }

    @Test("6 and 7: accompanied in employment, and the duration cut by the pathway's end")
    func inEmployment() throws {
        var f = Fixture()
        let a = f.person("A"), b = f.person("B")
        f.pathway("PA1", a, .civis, "2015-09-01", "2016-03-01", .autre)
        f.pathway("PA2", a, .local, "2015-10-01")                                                           // open: does not cut
        f.situation("SA", a, .emploi(.eav, durable: true, nonMarket: true), "2015-11-01", "2016-02-15")     // crosses the year
        f.pathway("PB", b, .civis, "2016-01-01", "2016-01-31", .autre)
        f.situation("SB", b, .emploi(.cdd, durable: false, nonMarket: false), "2016-01-11", "2016-04-30")   // cut on 31 January
        f.situation("SB2", b, .formation(.qualifiante), "2016-02-01", "2016-03-01")                          // after the pathway
        let d = try f.dashboard()
        #expect(d.v("6", 2015) == 1 && d.v("6", 2016) == 2)
        #expect(d.v("6.1", 2016) == 2 && d.v("6.1.eav", 2016) == 1 && d.v("6.1.formation", 2016) == 0)
        #expect(d.v("6.2", 2016) == 1 && d.v("6.1.emploi", 2016) == 2)
        // 7 in 2016: SA, 106 days (PA2 is open and ends latest); SB, 20 days (cut by PB on 31 January).
        #expect(abs(d.v("7", 2016)! - (106.0 + 20.0) / 2 / 30.4375) < 1e-12)
        #expect(d.v("7", 2015) == nil)
    }

    @Test("4.4 and its domains count only accompanied young people")
    func commonLawRights() throws {
        var f = Fixture()
        let a = f.person("A"), b = f.person("B")
        f.pathway("PA", a, .regional, "2016-01-01")
        f.event(a, "2016-05-01", .droitCommun(.logement))
        f.event(a, "2016-06-01", .droitCommun(.mobilite))
        f.event(b, "2016-05-01", .droitCommun(.sante))       // not accompanied
        let d = try f.dashboard()
        #expect(d.v("4.4", 2016) == 1 && d.v("4.4.logement", 2016) == 1 && d.v("4.4.mobilite", 2016) == 1 && d.v("4.4.sante", 2016) == 0)
    }

    @Test("G.4 and O.4: four-month deadlines")
    func fourMonthDeadlines() throws {
        var f = Fixture()
        let a = f.person("A"), b = f.person("B"), c = f.person("C"), e = f.person("E")
        f.event(a, "2015-10-31", .accueil)                   // deadline 2016-02-29
        f.event(a, "2016-02-28", .proposition(.alternance))
        f.event(b, "2015-10-31", .accueil)
        f.event(b, "2016-02-29", .proposition(.emploi))      // on the deadline: too late
        f.event(b, "2015-11-15", .proposition(.serviceCivique))  // not a solution
        f.pathway("PC", c, .orientation, "2016-08-31", "2016-12-31", .autre)   // still there on 2016-12-31 = start ⊕ 4
        f.pathway("PE", e, .orientation, "2016-10-31")                         // open; start ⊕ 4 = 2017-02-28
        let d = try f.dashboard()
        #expect(d.v("G.4.base", 2016) == 2 && d.v("G.4", 2016) == 1 && d.v("RG", 2016) == 0.5)
        #expect(d.v("O.4", 2016) == 1 && d.v("O.4", 2017) == 1)
        #expect(d.v("S.1", 2016) == 2)
    }

    @Test("Breakdowns keep young people by their profile; NEET only for the entry lines")
    func breakdowns() throws {
        var f = Fixture()
        let a = f.person("A", sex: .female, level: .v, diploma: false, qpv: true, neet: true)
        let b = f.person("B", sex: .male, level: .v, diploma: true, zrr: true)
        let c = f.person("C", sex: .male, level: .vBis, neet: true)
        for p in [a, b, c] { f.pathway("P" + p, p, .civis, "2016-03-01"); f.event(p, "2016-02-01", .accueil) }
        let d = try f.dashboard()
        #expect(d.v("3", 2016, .ml("ML1"), .women) == 1)
        #expect(d.v("3", 2016, .ml("ML1"), .lowQualified) == 2)     // V without diploma, Vbis
        #expect(d.v("3", 2016, .ml("ML1"), .qpv) == 1 && d.v("3", 2016, .ml("ML1"), .zrr) == 1)
        #expect(d.v("3.1", 2016, .ml("ML1"), .neet) == 2)
        #expect(d.value("4", for: .ml("ML1"), year: 2016, breakdown: .neet) == .failure(.breakdownNotApplicable("4", .neet)))
        #expect(d.v("R5", 2016, .ml("ML1"), .lowQualified) == 1)
        #expect(d.value("R1", for: .ml("ML1"), year: 2016, breakdown: .women) == .failure(.breakdownNotApplicable("R1", .women)))
    }

    @Test("R2 needs year N−1 in the dataset")
    func receptionProgress() throws {
        var f = Fixture()
        for (i, date) in ["2015-02-01", "2015-03-01", "2016-01-01", "2016-12-31", "2016-06-01"].enumerated() {
            let p = f.person("Y\(i)"); f.event(p, date, .accueil)
        }
        let d = try f.dashboard()
        #expect(d.v("R2", 2016) == 1.5)
        #expect(d.value("R2", for: .ml("ML1"), year: 2015) == .failure(.noPreviousYear(2015)))
        #expect(d.v("R2", 2017) == 0)                                   // 0 receptions in 2017 out of 3 in 2016
    }

    @Test("Context, resources and funding: levels need every ML's row; absent files make lines absent, never 0")
    func referenceLines() throws {
        var f = Fixture()
        for p in ["A", "B", "C"] { f.person(p, ml: p == "C" ? "ML3" : "ML1"); f.event(p, "2016-03-01", .accueil); f.pathway("P" + p, p, .civis, "2016-03-02") }
        f.contexts = [TerritorialContext(mlID: "ML1", year: 2016, jano: 100, defm: 40), TerritorialContext(mlID: "ML2", year: 2016, jano: 50, defm: 10),
                      TerritorialContext(mlID: "ML3", year: 2016, jano: 20, defm: 5), TerritorialContext(mlID: "ML1", year: 2017, jano: 110, defm: 41)]
        f.funding = [FundingRow(mlID: "ML1", year: 2016, funder: .etat, line: .socle, amount: 1000),
                     FundingRow(mlID: "ML1", year: 2016, funder: .iej, line: .specifique, amount: 50),
                     FundingRow(mlID: "ML2", year: 2016, funder: .region, line: .specifique, amount: 300)]
        let d = try f.dashboard()
        #expect(d.v("0.1", 2016, .region("84")) == 150 && d.v("R1", 2016, .region("84")) == 2.0 / 150)
        #expect(d.v("0.1", 2017) == 110 && d.v("0.1", 2017, .region("84")) == nil)   // ML2 has no 2017 row
        #expect(d.value("0.1", for: .region("84"), year: 2017) == .failure(.missingRows(file: "context.csv", mlIDs: ["ML2"])))
        #expect(d.v("0.2", 2016, .nation) == 55)
        #expect(d.value("9", for: .ml("ML1"), year: 2016) == .failure(.missingFile("resources.csv")))
        #expect(d.v("10.1.b", 2016, .ml("ML2")) == 0)                              // a row, none from the State: 0
        #expect(d.v("10", 2016, .region("84")) == 1350 && d.v("10.1.c", 2016) == 50 && d.v("10.1.a", 2016) == 1000)
        #expect(d.v("10.1.e", 2016) == 500)                                        // 1000 € / 2 accompanied
        #expect(d.v("10", 2016, .nation) == nil)                                   // ML3 has no funding row
        #expect(d.value("R10", for: .ml("ML1"), year: 2016) == .failure(.zeroDenominator("8.1")))
    }

    @Test("A region without ML has no dashboard; an ML without young people has zeros")
    func territories() throws {
        var f = Fixture()
        let a = f.person("A", ml: "ML3"); f.event(a, "2016-01-01", .accueil)
        let d = try f.dashboard()
        #expect(d.territories.map(\.description) == ["ml:ML1", "ml:ML2", "ml:ML3", "region:32", "region:84", "national:FR"])
        #expect(d.v("1", 2016, .ml("ML2")) == 0 && d.v("1", 2016, .region("32")) == 1)
        #expect(d.value("1", for: .region("11"), year: 2016) == .failure(.unknownTerritory(.region("11"))))
    }
}

@Suite("Dashboard API")
struct DashboardAPITests {
    @Test func comparisonEvolutionDistribution() throws {
        var f = Fixture()
        for (i, ml) in ["ML1", "ML1", "ML2", "ML3"].enumerated() {
            let p = f.person("Y\(i)", ml: ml)
            f.event(p, "2016-03-01", .accueil)
            if i < 3 { f.event(p, "2015-06-01", .atelier) }
        }
        let d = try f.dashboard()
        let c = d.comparison("1", ml: "ML1", year: 2016)
        #expect((try? c.ml.get()) == 2 && (try? c.region.get()) == 3 && (try? c.nation.get()) == 4)
        #expect((try? c.previous.ml.get()) == 2 && c.previous.nation == .success(3))
        #expect(d.comparison("1", ml: "ML1", year: 2015).previous.ml == .failure(.unknownYear(2014)))
        #expect(d.evolution("1", for: .nation, year: 2016)?.relativeChange == 1.0 / 3)
        let ranked = d.distribution("1", year: 2016)
        #expect(ranked.map(\.ml.id) == ["ML1", "ML2", "ML3"] && ranked.map(\.rank) == [1, 2, 2] && ranked.map(\.quartile) == [1, 3, 3])   // line 1 reads no way: highest first; p = (rank − 1) / 2 is 0 (Q1) and ½ (Q3)
        #expect(d.quantiles("1", year: 2016)?.median == 1)
    }
}
