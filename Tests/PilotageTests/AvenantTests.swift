import Foundation
import Testing
@testable import Pilotage

@Suite("The avenant of Fiche n°4")
struct AvenantTests {
    static let demo = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Playground/data/demo").path
    static let data = try! Dataset.load(from: demo)
    static let dashboard = Dashboard(data)

    static func avenant(_ ml: String, _ year: Int, details: Avenant.Details = .init(), force: Bool = false) throws -> Avenant {
        let cpo = try #require(data.convention(of: ml, year: year))
        return try Avenant(convention: cpo, mission: data.mission(id: ml)!, year: year, dataset: data, dashboard: dashboard, details: details,
                           allowingOutsideRule: force)
    }

    @Test("amounts in figures and words, the 50% advance and the balance, visible gaps")
    func avenant() throws {
        let a = try Self.avenant("ML069-LYON", 2017)
        let s = a.convention.subsidies[2017]!
        #expect(a.advance + a.balance == s.socle && a.advance.cents == s.socle.cents / 2)
        let md = a.markdown()
        #expect(md.contains("fixée à : \(FrenchNumber.figures(cents: s.socle.cents)) (\(FrenchNumber.euros(cents: s.socle.cents)))."))
        #expect(md.contains("Domaine fonctionnel : 0102-02-02") && md.contains("010200001705 : action de FIPJ"))
        #expect(md.contains("Le Préfet de la Région Auvergne-Rhône-Alpes") && md.contains("[à compléter : engagement Chorus]"))
        #expect(md.contains("se termine au 31 décembre 2017"))
        let html = a.html()
        #expect(html.hasPrefix("<!DOCTYPE html>") && html.contains("<h2>AVENANT N° 2") && html.contains("<table>") && html.hasSuffix("</html>\n"))
        #expect(html.components(separatedBy: "<table>").count == html.components(separatedBy: "</table>").count)
        #expect(html.contains("D'OBJECTIFS N° CPO-84-001<br>NOTIFIÉE LE [à compléter : date de notification]</h2>"))
        #expect(throws: Avenant.Failure.noSubsidy(year: 2018)) { try Self.avenant("ML069-LYON", 2018) }
    }

    /// The blocks of Fiche n°4, in its order: each found after the previous one.
    static let blocks = [
        "Ministère du travail, de l'emploi, de la formation professionnelle et du dialogue social", "Imputation budgétaire :",
        "Domaine fonctionnel : 0102-02-02", "Activité :", "Montant annuel total 2017 :", "Réparti comme suit :",
        "AVENANT N° 2 À LA CONVENTION PLURIANNUELLE D'OBJECTIFS N° CPO-84-001", "NOTIFIÉE LE [à compléter", "Entre", "Et",
        "Association loi 1901 Mission locale de Lyon, et désignée sous le terme « l'association »", "N° SIRET :", "CODE APE :",
        "Vu la convention pluriannuelle d'objectifs n° CPO-84-001", "ARTICLE 1 - OBJET", "ARTICLE 2 - MONTANT DE LA SUBVENTION ANNUELLE",
        "ARTICLE 3 – MODALITES DE VERSEMENT DE LA SUBVENTION ANNUELLE (CPO)",
        "Conformément à l'article [à compléter : article XX] de la convention pluriannuelle d'objectifs",
        "conformément à l'article [à compléter : article XXX] de la Convention pluriannuelle d'objectifs 2015-2018",
        "conditions susmentionnées à l'article [à compléter : article XX] de la convention", "RIB :",
        "L'ordonnateur de la dépense est", "Le comptable assignataire est", "ARTICLE 4 - SANCTIONS", "ARTICLE 5 - DISPOSITIONS GENERALES",
        "ARTICLE 6 - DATES DE VALIDITE", "Cadre réservé à l'administration", "Fait à", "L'association : Mission locale de Lyon",
        "Le Préfet de Région", "Nom et prénom du signataire :", "Qualité du signataire :", "Tampon de l'organisme",
        "Plan d'actions", "Objectifs de l'année 2017", "Budget annuel prévisionnel", "Tableau d'indicateurs prévisionnel",
    ]

    @Test("the whole of Fiche n°4, block by block in its order; no file name or internal code in the act")
    func wholeModel() throws {
        let md = try Self.avenant("ML069-LYON", 2017).markdown()
        var rest = md[...]
        for block in Self.blocks {
            let found = try #require(rest.range(of: block), "« \(block) » missing or out of order")
            rest = rest[found.upperBound...]
        }
        for code in [".csv", "ML069-LYON", "objective set", "funding", "L'association ou le GIP", "R10 |"] {
            #expect(!md.contains(code), "« \(code) » in the act")
        }
        #expect(md.contains("Visa du Contrôleur Budgétaire Régional"))
        let details = { var d = Avenant.Details(); d.paymentArticle = "7"; d.notifiedOn = "3 avril 2015"; return d }()
        let given = try Self.avenant("ML069-LYON", 2017, details: details).markdown()
        #expect(given.contains("Conformément à l'article 7 de la convention") && given.contains("NOTIFIÉE LE 3 avril 2015"))
    }

    @Test("the budget annuel prévisionnel is built from the convention; other funders carried over or as planned")
    func budget() throws {
        var details = Avenant.Details()
        details.fipjDirect = 9000; details.fipjIndirect = 4754.32
        details.plannedFunding = ["region": 90_000]
        let a = try Self.avenant("ML069-LYON", 2017, details: details)
        let md = a.markdown(), s = a.subsidy
        #expect(md.contains("| Etat – subvention annuelle (missions locales) | \(FrenchNumber.figures(cents: s.socle.cents)) |"))
        #expect(md.contains("| Etat – actions de parrainage | \(FrenchNumber.figures(cents: s.parrainage.cents)) |"))
        #expect(md.contains("| Etat – FIPJ, aides directes | 9\u{202F}000,00\u{202F}€ |") && md.contains("| Conseil régional | 90\u{202F}000,00\u{202F}€ |"))
        // Other funders not planned: the 2016 amounts of the dataset, said to be carried over.
        let communes = Self.data.funding!.filter { $0.mlID == "ML069-LYON" && $0.year == 2016 && $0.funder == .commune }.reduce(0) { $0 + $1.amount }
        #expect(communes > 0 && md.contains("| Communes et intercommunalités (montant 2016 reconduit, à confirmer) | \(FrenchNumber.figures(cents: Int64((communes * 100).rounded()))) |"))
        let others = a.otherFunders.reduce(0) { $0 + $1.amount }
        let total = s.socle.euros + s.parrainage.euros + 9000 + 4754.32 + others
        #expect(md.contains("| **Total** | **\(FrenchNumber.figures(cents: Int64((total * 100).rounded())))** |"))
        #expect(!a.otherFunders.contains { $0.funder == .etat })
    }

    @Test("the tableau d'indicateurs prévisionnel: the 13 ratios, « Ratio n — » and the official wording, targets where set")
    func indicators() throws {
        let a = try Self.avenant("ML069-LYON", 2017)
        #expect(a.indicators.map(\.id) == (1...13).map { "R\($0)" })
        let md = a.markdown()
        let table = md[md.range(of: "### Tableau d'indicateurs prévisionnel")!.upperBound...]
        #expect(table.contains("| Ratio 5 — Nombre de jeunes entrés en parcours d'accompagnement contractualisé/ nombre de jeunes en contact en Mission locale |"))
        #expect(table.contains("| Ratio 8 — Le taux de jeunes en parcours d'accompagnement sans proposition"))
        #expect(table.contains("Ratio 3 — Le nombre de jeunes ayant eu un entretien de diagnostic approfondi / le nombre de jeunes en 1er accueil (ratio non disponible en 2016) |"))
        #expect(table.contains("(ratio non disponible en 2016)") && !table.contains("Ratio 5 :"))
        for o in a.objectives { #expect(a.indicators.first { $0.id == o.indicatorID }?.target == o) }
    }

    @Test("a subsidy outside ±10 % is refused with the exact excess, or printed with a visible warning when forced")
    func outsideRule() throws {
        // CPO-84-002: base 2015 = 77 567,34 + 2 013,97 + 8 136,14 = 87 717,45 €; ceiling × 110 % = 96 489,19 € (96 489,195
        // rounded down); 2017 = 84 849,42 + 2 226,82 + 10 370,17 = 97 446,41 €, over by 957,22 €.
        let excess = Money(cents: 95_722), limit = Money(cents: 9_648_919)
        #expect(throws: Avenant.Failure.outsideRule(.above(limit: limit, excess: excess))) { try Self.avenant("ML038-GRENOBLE", 2017) }
        let forced = try Self.avenant("ML038-GRENOBLE", 2017, force: true).markdown()
        #expect(forced.contains("**AVERTISSEMENT : le montant notifié dépasse de 957,22\u{202F}€ le plafond de 96\u{202F}489,19\u{202F}€"))
        #expect(!(try Self.avenant("ML069-LYON", 2017).markdown()).contains("AVERTISSEMENT"))
    }
}
