// The lines of the dashboard, as data. Labels not flagged `derived` are verbatim from the
// instruction (markup of the source text — <u>, <i>, ^{…} — removed); a test checks it.

enum Definitions {
    private struct Line {
        var id: String, axis: Axis, kind: IndicatorKind, parent: String?
        var fr: String, en: String, derived: Bool
        var ruleFR: String, ruleEN: String
        var components: [String]
        var notes: [LocalizedText]
        var source: String
    }

    private static let fiche2 = "Annexe n°2, Fiche n°2"
    private static let fiche3 = "Annexe n°2, Fiches n°2 et n°3"
    private static let annexe1 = "Annexe n°1 (cibles nationales)"
    private static let spec = "indicators.md"

    /// The lines that exist under the `neet` breakdown ("uniquement disponibles à l'entrée d'un parcours").
    static let neetLines: Set<String> = ["3", "3.1", "3.2", "3.2.a"]
    /// Ratios with a territorial, staff or money denominator: `all` only.
    static let allOnlyRatios: Set<String> = ["R1", "R4", "R12", "R13"]

    static func breakdowns(_ id: String, _ kind: IndicatorKind) -> [Breakdown] {
        let five: [Breakdown] = [.all, .women, .lowQualified, .qpv, .zrr]
        switch kind {
        case .count: return neetLines.contains(id) ? five + [.neet] : five
        case .mean: return five
        case .ratio: return allOnlyRatios.contains(id) ? [.all] : five
        case .sum, .amountPerPerson: return [.all]
        case .placeholder: return []
        }
    }

    /// The reading direction of each judged line; every other line is `.none` (context 0.x,
    /// volumes, durations 5 and 7, resources 9 and 10, cohort bases). Decided line by line from
    /// the instruction:
    static let directions: [String: Direction] = [
        // Fiche n°3 §1-2 "mesurer la mobilisation": reach of the territory's young people and
        // the "progression" of first receptions (R2, N/N−1) — more is better.
        "R1": .higherIsBetter, "R2": .higherIsBetter, "R4": .higherIsBetter,
        // §3-4: diagnostics, entries, presence in a national pathway. R6 reads with the target
        // "un diagnostic approfondi à tous les jeunes avant l'entrée en parcours": higher.
        "R3": .higherIsBetter, "R5": .higherIsBetter, "R6": .higherIsBetter, "R7": .higherIsBetter,
        // R8 is the share "sans proposition depuis + de 3 mois", 4.1.i its count: lower.
        "R8": .lowerIsBetter, "4.1.i": .lowerIsBetter,
        "R9": .higherIsBetter, "R10": .higherIsBetter,
        // R11 is the share of exits "sans solution connue", 8.1.i its count: lower.
        "R11": .lowerIsBetter, "8.1.i": .lowerIsBetter,
        // §5 "mesurer l'efficacité des ressources dédiées à l'accompagnement": more staff on
        // accompaniment, more young people per accompaniment FTE — higher.
        "R12": .higherIsBetter, "R13": .higherIsBetter,
        // The State's euros per young person: the matrix's efficiency reads "le degré
        // d'optimisation de ses ressources (ETP, financements)" — fewer euros per young person.
        "10.1.d": .lowerIsBetter, "10.1.e": .lowerIsBetter,
        // Annexe n°1's "Augmenter …" targets (parrainage, immersion, work and training
        // situations, exits to employment, apprenticeship and business creation): higher.
        "4.1.h": .higherIsBetter, "4.1.f.immersion": .higherIsBetter, "4.1.f.emploi": .higherIsBetter,
        "4.1.g": .higherIsBetter, "8.1.f": .higherIsBetter, "8.1.f.apprentissage": .higherIsBetter,
        "8.1.f.creation": .higherIsBetter,
        // Annexe n°1's compliance lines: a diagnostic before entry and a solution within 4
        // months for all (D.1, G.4, RG: higher); an orientation sequence "d'une durée maximale
        // de 4 mois" (O.4 counts breaches: lower).
        "D.1": .higherIsBetter, "G.4": .higherIsBetter, "RG": .higherIsBetter, "O.4": .lowerIsBetter,
    ]

    /// Quotients that are not shares: R2 (a year-on-year factor) and R13 (young people per FTE).
    static let notShares: Set<String> = ["R2", "R13"]
    /// Quotients whose denominator is read the year before: R2 (line 2 of N over line 2 of N−1).
    static let denominatorLags: [String: Int] = ["R2": 1]

    static func build() -> [Indicator] {
        let lines = computedLines() + placeholders()
        return lines.enumerated().map { i, l in
            Indicator(id: l.id, axis: l.axis, parentID: l.parent, kind: l.kind,
                      label: LocalizedText(fr: l.fr, en: l.en), labelIsDerived: l.derived,
                      rule: LocalizedText(fr: l.ruleFR, en: l.ruleEN),
                      components: l.components.isEmpty ? (l.parent.map { [$0] } ?? []) : l.components,
                      breakdowns: breakdowns(l.id, l.kind), notes: l.notes, source: l.source, order: i,
                      direction: directions[l.id] ?? .none, denominatorLag: denominatorLags[l.id] ?? 0,
                      isPercentage: l.kind == .ratio && !notShares.contains(l.id))
        }
    }

    // MARK: helpers

    private static func count(_ id: String, _ axis: Axis, of parent: String? = nil, _ fr: String, _ en: String,
                              derived: Bool = false, rule ruleFR: String, _ ruleEN: String,
                              notes: [LocalizedText] = [], source: String? = nil) -> Line {
        Line(id: id, axis: axis, kind: .count, parent: parent, fr: fr, en: en, derived: derived,
             ruleFR: ruleFR, ruleEN: ruleEN, components: [], notes: notes, source: source ?? "\(fiche2), ligne \(id)")
    }

    private static func ratio(_ id: String, _ axis: Axis, _ num: String, _ den: String, _ fr: String, _ en: String,
                              rule ruleFR: String, _ ruleEN: String, kind: IndicatorKind = .ratio,
                              notes: [LocalizedText] = [], source: String? = nil, derived: Bool = false) -> Line {
        Line(id: id, axis: axis, kind: kind, parent: nil, fr: fr, en: en, derived: derived, ruleFR: ruleFR, ruleEN: ruleEN,
             components: [num, den], notes: notes, source: source ?? fiche3)
    }

    private static func sum(_ id: String, _ axis: Axis, of parent: String? = nil, _ fr: String, _ en: String,
                            rule ruleFR: String, _ ruleEN: String, notes: [LocalizedText] = []) -> Line {
        Line(id: id, axis: axis, kind: .sum, parent: parent, fr: fr, en: en, derived: false, ruleFR: ruleFR, ruleEN: ruleEN,
             components: [], notes: notes, source: "\(fiche2), ligne \(id)")
    }

    private static func note(_ fr: String, _ en: String) -> LocalizedText { LocalizedText(fr: fr, en: en) }

    /// The rule of a "dont" line of 4.1.f: a situation started in P on a day covered by a national pathway.
    private static func started(_ what: String, _ whatEN: String) -> (String, String) {
        ("Parmi les jeunes de 4.1 : ceux ayant une situation \(what) démarrant dans l'année, un jour couvert par l'un de leurs parcours nationaux.",
         "Of 4.1: those with a situation \(whatEN) starting in the year on a day covered by one of their national pathways.")
    }

    /// The rule of a "dont" line of 8.1: the outcome of the young person's last national exit of the year.
    private static func exited(_ what: String, _ whatEN: String) -> (String, String) {
        ("Parmi les jeunes de 8.1 : ceux dont la dernière sortie de parcours national de l'année (date de sortie la plus tardive ; à égalité, le plus grand pathway_id) a \(what).",
         "Of 8.1: those whose last national exit of the year (latest end_date; ties: greatest pathway_id) has \(whatEN).")
    }

    // MARK: the lines, in catalogue order

    private static func computedLines() -> [Line] {
        var l: [Line] = []
        l.append(sum("0.1", .context, "Nombre de jeunes 16-25 ans actifs non occupés présents sur le territoire",
                     "Young people aged 16-25, active and not employed, living on the territory",
                     rule: "Somme de jano_16_25 (context.csv) des missions locales du territoire.",
                     "Sum of jano_16_25 (context.csv) over the territory's Missions locales."))
        l.append(sum("0.2", .context, "Nombre de jeunes DEFM 16-25 ans présents sur le territoire",
                     "Job seekers (DEFM) aged 16-25 on the territory",
                     rule: "Somme de defm_16_25 (context.csv) des missions locales du territoire.",
                     "Sum of defm_16_25 (context.csv) over the territory's Missions locales."))
        l.append(count("1", .reception, "Nombre de jeunes en CONTACT", "Young people in contact", derived: true,
                       rule: "Jeunes ayant au moins un événement (de toute nature) daté dans l'année.",
                       "Young people with at least one event (of any kind) dated in the year.",
                       notes: [note("Fiche n°2 n'imprime pour cette ligne que « Ratio 1 » : le libellé est dérivé de la formule du ratio.",
                                    "Fiche n°2 prints this line only as \"Ratio 1\": the label is derived from the ratio's formula.")]))
        l.append(ratio("R1", .reception, "1", "0.1",
                       "Ratio 1 : Nombre de jeunes en CONTACT / Jeunes 16-25 ans actifs non occupés présents sur le territoire couvert par la mission locale (données INSEE)",
                       "Ratio 1: young people in contact / young people 16-25 active and not employed on the territory (INSEE)",
                       rule: "Ligne 1 divisée par la ligne 0.1.", "Line 1 divided by line 0.1."))
        l.append(count("2", .reception, "Nombre de jeunes ACCUEILLIS pour la 1ère fois en ML", "Young people received for the first time (first reception)",
                       derived: true,
                       rule: "Jeunes dont l'événement « accueil » (premier accueil) est daté dans l'année.",
                       "Young people whose `accueil` event (first reception) is dated in the year.",
                       notes: [note("Fiche n°2 n'imprime pour cette ligne que « Ratio 2 » : le libellé est dérivé de la formule du ratio.",
                                    "Fiche n°2 prints this line only as \"Ratio 2\": the label is derived from the ratio's formula.")]))
        l.append(ratio("R2", .reception, "2", "2",
                       "Ratio 2 : Nombre de jeunes ACCUEILLIS pour la 1ère fois en ML (N/N-1)",
                       "Ratio 2: young people received for the first time (N/N-1)",
                       rule: "Ligne 2 de l'année N divisée par la ligne 2 de l'année N-1 ; seulement si N-1 est une année du jeu de données. Calculé dans chaque déclinaison sauf NEET.",
                       "Line 2 of year N divided by line 2 of year N-1; only when N-1 is a year of the dataset. Computed within every breakdown except neet."))
        l.append(count("2.1", .reception, of: "2", "Dont nombre et taux de jeunes ayant eu un diagnostic approfondi (= niveau 2 du CEP)",
                       "Of which: young people who had an in-depth diagnostic (= CEP level 2)",
                       rule: "Parmi les jeunes de 2 : ceux ayant un événement « diagnostic » daté dans l'année.",
                       "Of 2: those with a `diagnostic` event dated in the year."))
        l.append(ratio("R3", .reception, "2.1", "2",
                       "Le nombre de jeunes ayant eu un entretien de diagnostic approfondi / le nombre de jeunes en 1er accueil",
                       "Ratio 3: young people with an in-depth diagnostic interview / young people in first reception",
                       rule: "Ligne 2.1 divisée par la ligne 2.", "Line 2.1 divided by line 2."))
        l.append(count("2.2", .reception, of: "2", "Dont nombre et taux de jeunes orientés vers autres opérateurs ou autres dispositifs (exemple : Epide, E2C, SMA, Service civique...)",
                       "Of which: young people referred to other operators or schemes (EPIDE, E2C, SMA, civic service…)",
                       rule: "Parmi les jeunes de 2 : ceux ayant un événement « orientation » daté dans l'année.",
                       "Of 2: those with an `orientation` event dated in the year."))
        l.append(count("2.bis.1", .jdi, "Nombre de jeunes en demande d'insertion (JDI)", "Young people in demand of insertion (JDI)",
                       rule: "Jeunes ayant au moins un entretien (événement accueil, entretien ou diagnostic) dans les 5 derniers mois avant le 31 décembre : dates x avec 31/12 ⊖ 5 mois < x ≤ 31/12.",
                       "Young people with at least one interview (event accueil, entretien or diagnostic) in the last 5 months before 31 December: dates x with 31 Dec ⊖ 5 months < x ≤ 31 Dec.",
                       notes: [note("L'instruction indique que cette notion doit être redéfinie en 2016 ; c'est la définition de sa Fiche n°1 qui est appliquée.",
                                    "The instruction says this notion is to be redefined in 2016; this is the definition of its Fiche n°1.")]))
        l.append(ratio("R4", .jdi, "2.bis.1", "0.1",
                       "Ratio 4 : Nombre de jeunes JDI / Jeunes 16-25 ans actifs non occupés présents sur le territoire couvert par la mission locale (données INSEE)",
                       "Ratio 4: JDI / young people 16-25 active and not employed on the territory (INSEE)",
                       rule: "Ligne 2.bis.1 divisée par la ligne 0.1 (numéroté 2.bis.2 dans la Fiche n°2).",
                       "Line 2.bis.1 divided by line 0.1 (numbered 2.bis.2 in Fiche n°2)."))
        l.append(count("3", .towardsEmployment, "Nombre de jeunes ENTRES en accompagnement contractualisé (national ou renforcé / régional et local ou projet)",
                       "Young people ENTERING a contractualised accompaniment (national, or regional and local)",
                       rule: "Jeunes ayant un parcours contractualisé (programme autre que « orientation ») dont la date d'entrée est dans l'année.",
                       "Young people with a contractualised pathway (program other than `orientation`) starting in the year."))
        l.append(count("3.1", .towardsEmployment, of: "3", "Dont nombre et taux de jeunes entrés en parcours nationaux (CIVIS, PPAE, Garantie jeunes...)",
                       "Of which: young people entering national pathways (CIVIS, PPAE, Garantie jeunes…)",
                       rule: "Parmi les jeunes de 3 : ceux ayant un parcours national (civis, civis_renforce, ppae, garantie_jeunes, pacea) démarrant dans l'année.",
                       "Of 3: those with a national pathway (civis, civis_renforce, ppae, garantie_jeunes, pacea) starting in the year."))
        l.append(count("3.2", .towardsEmployment, of: "3", "Dont nombre et taux de jeunes entrés en parcours régionaux et locaux uniquement",
                       "Of which: young people entering regional and local pathways only",
                       rule: "Parmi les jeunes de 3 : ceux sans parcours national démarrant dans l'année (parcours régionaux et locaux uniquement).",
                       "Of 3: those with no national pathway starting in the year (regional and local only)."))
        l.append(count("3.2.a", .towardsEmployment, of: "3.2", "dont nombre et taux de jeunes entrés en solutions plan garantie européenne pour la jeunesse",
                       "Of which: young people entering solutions of the European Youth Guarantee plan",
                       rule: "Parmi les jeunes de 3.2 : ceux ayant au moins un parcours régional ou local démarrant dans l'année avec yg_plan = 1.",
                       "Of 3.2: those with at least one regional or local pathway starting in the year with yg_plan = 1.",
                       notes: [note("La Fiche n°2 place cette ligne sous 3.2.", "Fiche n°2 places this line under 3.2.")]))
        l.append(count("3.3", .towardsEmployment, of: "3", "Dont nombre de jeunes en CEP de niveau 2 et 3",
                       "Of which: young people in CEP (career guidance) at level 2 or 3",
                       rule: "Parmi les jeunes de 3 : ceux ayant dans l'année un événement « cep » de niveau 2 ou 3, ou un événement « diagnostic » (la Fiche n°2 assimile le diagnostic au niveau 2 du CEP).",
                       "Of 3: those with, in the year, a `cep` event of level 2 or 3, or a `diagnostic` event (Fiche n°2 equates the diagnostic with CEP level 2)."))
        l.append(ratio("R5", .towardsEmployment, "3", "1",
                       "Ratio 5 : Nombre de jeunes entrés en parcours d'accompagnement contractualisé/ nombre de jeunes en contact en Mission locale",
                       "Ratio 5: young people entering a contractualised pathway / young people in contact",
                       rule: "Ligne 3 divisée par la ligne 1 (numéroté 3.bis dans la Fiche n°2).", "Line 3 divided by line 1 (numbered 3.bis in Fiche n°2).",
                       notes: [note("La Fiche n°2 écrit le dénominateur « jeunes en contact » ; la Fiche n°3 cite à côté l'indicateur 2.bis.1 (JDI). Le texte de la formule (contact) est suivi.",
                                    "Fiche n°2 writes the denominator as \"young people in contact\"; Fiche n°3 cites indicator 2.bis.1 (JDI) beside it. The formula text (contact) is followed.")]))
        l.append(ratio("R6", .towardsEmployment, "2.1", "3",
                       "Ratio 6 : Le nombre de jeunes ayant eu un entretien de diagnostic approfondi / le nombre de jeunes entrés en parcours d'accompagnement contractualisé",
                       "Ratio 6: young people with an in-depth diagnostic interview / young people entering a contractualised pathway",
                       rule: "Ligne 2.1 divisée par la ligne 3.", "Line 2.1 divided by line 3.",
                       notes: [note("Tel qu'écrit dans la Fiche n°2, ce n'est pas une part d'une même population et il peut dépasser 1 ; la cible nationale qu'il sert (« un diagnostic approfondi à tous les jeunes avant l'entrée en parcours ») se lit mieux avec la part de cohorte D.1.",
                                    "As written in Fiche n°2 it is not a share of one population and can exceed 1; the national target it serves (\"an in-depth diagnostic for every young person before entering a pathway\") is better read as the cohort share D.1.")]))
        l.append(count("S.1", .towardsEmployment, "Nombre de jeunes entrés en séquence d'orientation", "Young people entering an orientation sequence",
                       derived: true,
                       rule: "Jeunes ayant un parcours de programme « orientation » (séquence d'orientation et de consolidation du projet) démarrant dans l'année.",
                       "Young people with an `orientation` pathway (orientation and project-consolidation sequence) starting in the year.",
                       notes: [note("L'instruction fait de cette séquence une partie du cadre des parcours (« Ce cadre unique prévoit dès à présent deux séquences ») mais la Fiche n°2 ne compte que les parcours contractualisés dans les lignes 3 à 8 : la séquence est comptée ici, à part, et dans aucune ligne des familles 3 à 8.",
                                    "The instruction makes this sequence part of the pathway framework, but Fiche n°2 counts only contractualised pathways in lines 3-8: the sequence is counted here, on its own, and in no line of families 3-8.")],
                       source: "Annexe n°1 (séquence d'orientation) ; \(spec)"))
        l.append(count("4", .towardsEmployment, "Nombre de jeunes PRESENTS en parcours contractualisé d'accompagnement tous parcours confondus (national ou régional et local)",
                       "Young people PRESENT in a contractualised pathway, all pathways (national, or regional and local)",
                       rule: "Jeunes ayant un parcours contractualisé présent dans l'année (couvrant au moins un jour de l'année ; dates d'entrée et de sortie incluses, sortie vide = ouvert).",
                       "Young people with a contractualised pathway present during the year (covering at least one day of it; start and end inclusive, empty end = open)."))
        l.append(count("4.1", .towardsEmployment, "Nombre de jeunes présents en parcours contractualisé d'accompagnement en parcours national",
                       "Young people present in a national contractualised pathway",
                       rule: "Jeunes ayant un parcours national présent dans l'année.", "Young people with a national pathway present during the year."))
        l.append(count("4.1.end", .towardsEmployment, of: "4.1", "Nombre de jeunes présents en parcours national au 31 décembre",
                       "Young people in a national pathway on 31 December", derived: true,
                       rule: "Jeunes ayant un parcours national présent le 31 décembre de l'année.",
                       "Young people with a national pathway present on 31 December of the year.",
                       source: "\(spec) (dénominateur du ratio 8)"))
        l.append(ratio("R7", .towardsEmployment, "4.1", "2.bis.1",
                       "Ratio 7 : Nombre de jeunes présents en parcours contractualisé d'accompagnement en parcours national / le nombre de JDI",
                       "Ratio 7: young people present in a national pathway / JDI",
                       rule: "Ligne 4.1 divisée par la ligne 2.bis.1.", "Line 4.1 divided by line 2.bis.1."))
        var (f, e) = started("d'emploi, d'immersion ou de service civique", "of kind emploi, immersion or service_civique")
        l.append(count("4.1.f", .towardsEmployment, of: "4.1", "dont nombre et taux de jeunes ayant démarré une situation professionnelle (sur modèle GJ)",
                       "Of which: young people who started a work situation (Garantie jeunes model)", rule: f, e))
        (f, e) = started("d'immersion", "of kind immersion")
        l.append(count("4.1.f.immersion", .towardsEmployment, of: "4.1.f", "dont nombre et taux de jeunes en immersion (PMSMP et autres)",
                       "Of which: young people in immersion (PMSMP and other)", rule: f, e))
        (f, e) = started("d'emploi", "of kind emploi")
        l.append(count("4.1.f.emploi", .towardsEmployment, of: "4.1.f", "dont nombre et taux de jeunes ayant eu des périodes d'emploi",
                       "Of which: young people who had periods of employment", rule: f, e))
        (f, e) = started("d'emploi en apprentissage ou en professionnalisation", "of kind emploi with contract apprentissage or professionnalisation")
        l.append(count("4.1.f.alternance", .towardsEmployment, of: "4.1.f.emploi", "dont alternance", "Of which: work-study (alternance)", rule: f, e))
        (f, e) = started("d'emploi en apprentissage", "of kind emploi with contract apprentissage")
        l.append(count("4.1.f.apprentissage", .towardsEmployment, of: "4.1.f.alternance", "dont apprentissage", "Of which: apprenticeship", rule: f, e))
        (f, e) = started("d'emploi durable (durable = 1)", "of kind emploi with durable = 1")
        l.append(count("4.1.f.durable", .towardsEmployment, of: "4.1.f.emploi", "dont périodes emploi durable", "Of which: periods of durable employment", rule: f, e))
        (f, e) = started("de service civique", "of kind service_civique")
        l.append(count("4.1.f.service_civique", .towardsEmployment, of: "4.1.f", "dont nombre et taux de jeunes en missions de service civique",
                       "Of which: young people in civic service missions", rule: f, e))
        (f, e) = started("de formation", "of kind formation")
        l.append(count("4.1.g", .towardsEmployment, of: "4.1", "dont nombre et taux de jeunes ayant démarré une formation",
                       "Of which: young people who started a training", rule: f, e))
        (f, e) = started("de formation qualifiante", "of kind formation with detail qualifiante")
        l.append(count("4.1.g.1", .towardsEmployment, of: "4.1.g", "dont nombre et taux de jeunes ayant démarré une formation qualifiante",
                       "Of which: young people who started a qualifying training", rule: f, e))
        l.append(count("4.1.h", .towardsEmployment, of: "4.1", "dont nombre et taux de jeunes parrainés", "Of which: young people in sponsorship (parrainage)",
                       rule: "Parmi les jeunes de 4.1 : ceux pour qui une situation de parrainage, un parcours national et l'année couvrent au moins un même jour.",
                       "Of 4.1: those for whom a `parrainage` situation, a national pathway and the year all three cover one same day at least.",
                       notes: [note("L'Annexe n°1 fait du parrainage « une des déclinaisons de l'indicateur n° 3 » ; la Fiche n°2 le place sous 4.1, ce qui est suivi.",
                                    "Annexe 1 calls sponsorship \"one of the breakdowns of indicator 3\"; Fiche n°2 places it under 4.1, which is followed.")]))
        l.append(count("4.1.i", .towardsEmployment, of: "4.1.end", "dont nombre et taux de jeunes en parcours d'accompagnement sans proposition depuis + de 3 mois (hors situation emploi ou formation)",
                       "Of which: young people in a pathway with no offer for more than 3 months (outside employment or training)",
                       rule: "Parmi les jeunes de 4.1.end : ceux qu'aucune situation d'emploi ou de formation ne couvre au 31 décembre (e), ayant au moins un parcours national présent en e commencé avant e ⊖ 3 mois, et sans événement « proposition » daté de e ⊖ 3 mois à e inclus.",
                       "Of 4.1.end: those covered on 31 December (e) by no emploi or formation situation, with at least one national pathway present at e that started before e ⊖ 3 months, and with no `proposition` event dated from e ⊖ 3 months to e, both included.",
                       notes: [note("La Fiche n°2 la place sous 4.1 ; la condition étant lue au 31 décembre, son parent est 4.1.end.",
                                    "Fiche n°2 places it under 4.1; since the condition is read at e, its parent is 4.1.end.")]))
        l.append(ratio("R8", .towardsEmployment, "4.1.i", "4.1.end",
                       "Le taux de jeunes en parcours d'accompagnement sans proposition depuis + de 3 mois (hors situation emploi ou formation)",
                       "Ratio 8: share of young people in a pathway with no offer for more than 3 months (outside employment or training)",
                       rule: "Ligne 4.1.i divisée par la ligne 4.1.end.", "Line 4.1.i divided by line 4.1.end."))
        let m4Note = note("Les bases 4.2 sont des cohortes par date d'entrée et gardent ceux qui sont sortis tôt (souvent vers un emploi) : ne compter que ceux encore accompagnés après 4 ou 12 mois écarterait les réussites les plus rapides.",
                          "The 4.2 bases are cohorts by entry date and keep those who left early (often to a job): counting only those still accompanied after 4 or 12 months would drop the quickest successes.")
        for k in [4, 12] {
            l.append(count("4.2.m\(k).base", .towardsEmployment, "Nombre de jeunes avec \(k) mois d'accompagnement",
                           "Young people with \(k) months of accompaniment", derived: true,
                           rule: "Jeunes dont la première entrée en parcours national du jeu de données (date f, la plus ancienne) est telle que f ⊕ \(k) mois tombe dans l'année.",
                           "Young people whose first national pathway start in the dataset (f, the earliest) has f ⊕ \(k) months in the year.",
                           notes: [m4Note], source: "\(fiche2), ligne 4.2"))
            l.append(count("4.2.m\(k)", .towardsEmployment, of: "4.2.m\(k).base",
                           "Nombre et taux de jeunes ayant démarré au moins une situation dans les \(k) premiers mois d'accompagnement",
                           "Young people who started at least one situation in the first \(k) months of accompaniment", derived: true,
                           rule: "Parmi les jeunes de 4.2.m\(k).base : ceux ayant une situation d'emploi ou de formation démarrant dans les \(k) premiers mois depuis f (f ≤ date < f ⊕ \(k) mois).",
                           "Of 4.2.m\(k).base: those with an emploi or formation situation starting in the first \(k) months from f (f ≤ date < f ⊕ \(k) months).",
                           notes: [m4Note], source: "\(fiche2), ligne 4.2"))
        }
        l.append(ratio("R9", .towardsEmployment, "4.2.m12", "4.2.m12.base",
                       "Le nombre de jeunes ayant démarré au moins une situation emploi, formation ou apprentissage / le nombre de jeunes en première année d'accompagnement contractualisé (en parcours national)",
                       "Ratio 9: young people who started at least one employment or training situation in their first 12 months of national accompaniment / that cohort",
                       rule: "Ligne 4.2.m12 divisée par la ligne 4.2.m12.base.", "Line 4.2.m12 divided by line 4.2.m12.base.", notes: [m4Note]))
        l.append(count("4.3", .towardsEmployment, "Nombre de jeunes présents en parcours contractualisé d'accompagnement en parcours régionaux et locaux",
                       "Young people present in a regional or local contractualised pathway",
                       rule: "Jeunes ayant un parcours régional ou local présent dans l'année.", "Young people with a regional or local pathway present during the year."))
        l.append(count("4.4", .towardsEmployment, of: "4", "Nombre de jeunes accompagnés ayant accédés aux dispositifs de droit commun (à décliner : santé, logement, mobilité, etc)",
                       "Accompanied young people who obtained access to common-law rights (health, housing, mobility, etc.)",
                       rule: "Parmi les jeunes de 4 : ceux ayant un événement « droit_commun » daté dans l'année.",
                       "Of 4: those with a `droit_commun` event dated in the year."))
        let domains: [(String, String, String, Bool)] = [
            ("sante", "Santé", "Health", false), ("logement", "Logement", "Housing", false), ("mobilite", "Mobilité", "Mobility", false),
            ("ressources", "dont ressources", "Of which: resources", true), ("loisirs_culture", "Loisirs, culture", "Leisure, culture", false),
            ("citoyennete", "dont citoyenneté", "Of which: citizenship", true),
        ]
        for (code, fr, en, derived) in domains {
            l.append(count("4.4.\(code)", .autonomy, of: "4.4", fr, en, derived: derived,
                           rule: "Parmi les jeunes de 4 : ceux ayant un événement « droit_commun » de détail « \(code) » daté dans l'année.",
                           "Of 4: those with a `droit_commun` event of detail `\(code)` dated in the year.",
                           source: "\(fiche2), axe « Accompagnement vers l'autonomie et l'accès au droit commun »"))
        }
        l.append(Line(id: "5", axis: .towardsEmployment, kind: .mean, parent: nil, fr: "Durée moyenne du parcours d'accompagnement (en mois)",
                      en: "Mean duration of the accompaniment pathway (months)", derived: false,
                      ruleFR: "Moyenne, sur les parcours contractualisés dont la date de sortie est dans l'année, de (sortie − entrée) en jours / 30,4375.",
                      ruleEN: "Mean, over the contractualised pathways whose end_date is in the year, of (end − start) in days / 30.4375.",
                      components: [], notes: [], source: "\(fiche2), ligne 5"))
        l.append(count("6", .inEmployment, "Nombre de jeunes PRESENTS en parcours contractualisé accompagnés DANS l'emploi ou DANS la formation",
                       "Young people PRESENT in a contractualised pathway accompanied IN employment or IN training",
                       rule: "Jeunes pour qui un parcours contractualisé, une situation d'emploi ou de formation et l'année couvrent au moins un même jour.",
                       "Young people for whom a contractualised pathway, an emploi or formation situation and the year all three cover one same day at least."))
        l.append(count("6.1", .inEmployment, of: "6", "Nombre de jeunes présents en parcours contractualisé d'accompagnement en parcours national",
                       "Of which: in a national pathway",
                       rule: "Comme 6, avec un parcours national.", "As 6, with a national pathway."))
        for (code, fr, en, ruleFR, ruleEN) in [("formation", "dont formation", "Of which: training", "une situation de formation", "a formation situation"),
                                               ("emploi", "dont emploi", "Of which: employment", "une situation d'emploi", "an emploi situation"),
                                               ("eav", "dont EAV", "Of which: emplois d'avenir", "une situation d'emploi en emploi d'avenir (eav)", "an emploi situation with contract eav")] {
            l.append(count("6.1.\(code)", .inEmployment, of: "6.1", fr, en,
                           rule: "Comme 6.1, avec \(ruleFR).", "As 6.1, with \(ruleEN).", source: "\(fiche2), ligne 6.1"))
        }
        l.append(count("6.2", .inEmployment, of: "6", "Nombre de jeunes présents en parcours contractualisé d'accompagnement en parcours régionaux et locaux",
                       "Of which: in a regional or local pathway",
                       rule: "Comme 6, avec un parcours régional ou local.", "As 6, with a regional or local pathway."))
        l.append(Line(id: "7", axis: .inEmployment, kind: .mean, parent: nil, fr: "Durée moyenne du parcours d'accompagnement dans l'emploi (en mois)",
                      en: "Mean duration of accompaniment in employment (months)", derived: false,
                      ruleFR: "Moyenne, sur les situations d'emploi dont la date de fin est dans l'année et dont la date de début est couverte par un parcours contractualisé, du temps entre le début de la situation et la plus proche de sa fin et de la sortie de ce parcours (celui qui finit le plus tard s'il y en a plusieurs ; un parcours ouvert ne coupe pas), en jours / 30,4375.",
                      ruleEN: "Mean, over the emploi situations whose end_date is in the year and whose start_date is covered by a contractualised pathway, of the time from the situation's start to the earlier of its end and that pathway's end (the latest-ending one if several cover the start; an open pathway does not cut), in days / 30.4375.",
                      components: [], notes: [], source: "\(fiche2), ligne 7"))
        l.append(count("8", .exit, "Nombre de jeunes SORTIS de parcours d'accompagnement (tous confondus)",
                       "Young people EXITING an accompaniment pathway (all)",
                       rule: "Jeunes ayant un parcours contractualisé dont la date de sortie est dans l'année.",
                       "Young people with a contractualised pathway whose end_date is in the year."))
        l.append(count("8.1", .exit, of: "8", "dont nombre et taux de jeunes sortis des parcours nationaux",
                       "Of which: young people exiting national pathways",
                       rule: "Jeunes ayant un parcours national dont la date de sortie est dans l'année. Ses lignes « dont » lisent l'issue de la dernière sortie nationale de l'année (date la plus tardive ; à égalité, le plus grand pathway_id).",
                       "Young people with a national pathway whose end_date is in the year. Its \"dont\" lines read the outcome of the last national exit in the year (latest end_date; ties: greatest pathway_id)."))
        (f, e) = exited("l'issue « emploi »", "outcome emploi")
        l.append(count("8.1.f", .exit, of: "8.1", "dont nombre et taux de jeunes sortis en emploi", "Of which: young people exiting to employment", rule: f, e))
        let exits: [(String, String?, String, String, String, String)] = [
            ("8.1.f.durable", "8.1.f", "dont nombre et taux de jeunes sortis en emploi durable", "Of which: durable employment", "l'issue « emploi » et exit_durable = 1", "outcome emploi with exit_durable = 1"),
            ("8.1.f.cui", "8.1.f", "dont nombre et taux de jeunes sortis en CUI", "Of which: CUI (contrat unique d'insertion)", "l'issue « emploi » en contrat cui_cae ou cui_cie", "outcome emploi with contract cui_cae or cui_cie"),
            ("8.1.f.cui_cae", "8.1.f.cui", "dont CUI-CAE", "Of which: CUI-CAE", "l'issue « emploi » en contrat cui_cae", "outcome emploi with contract cui_cae"),
            ("8.1.f.cui_cie", "8.1.f.cui", "dont CUI-CIE", "Of which: CUI-CIE", "l'issue « emploi » en contrat cui_cie", "outcome emploi with contract cui_cie"),
            ("8.1.f.eav", "8.1.f", "dont nombre et taux de jeunes EAV", "Of which: emplois d'avenir (EAV)", "l'issue « emploi » en contrat eav", "outcome emploi with contract eav"),
            ("8.1.f.eav_non_marchand", "8.1.f.eav", "dont EAV secteur non marchand", "Of which: EAV in the non-market sector", "l'issue « emploi » en contrat eav et exit_non_market = 1", "outcome emploi with contract eav and exit_non_market = 1"),
            ("8.1.f.alternance", "8.1.f", "dont nombre et taux de jeunes sortis en alternance", "Of which: work-study (alternance)", "l'issue « emploi » en apprentissage ou professionnalisation", "outcome emploi with contract apprentissage or professionnalisation"),
            ("8.1.f.apprentissage", "8.1.f.alternance", "dont nombre et taux de jeunes en apprentissage", "Of which: apprenticeship", "l'issue « emploi » en apprentissage", "outcome emploi with contract apprentissage"),
            ("8.1.f.creation", "8.1.f", "dont nombre et taux de jeunes en création d'entreprises", "Of which: business creation", "l'issue « emploi » en création d'entreprise (creation)", "outcome emploi with contract creation"),
        ]
        for (id, parent, fr, en, what, whatEN) in exits {
            (f, e) = exited(what, whatEN)
            l.append(count(id, .exit, of: parent, fr, en, rule: f, e, source: "\(fiche2), ligne 8.1.f"))
            if id == "8.1.f.creation" {
                l.append(ratio("R10", .exit, "8.1.f", "8.1",
                               "Ratio 10 : Le nombre de jeunes en situation emploi / le nombre de jeunes sortis de parcours d'accompagnement contractualisé (en parcours national)",
                               "Ratio 10: young people exiting to employment / young people exiting a national contractualised pathway",
                               rule: "Ligne 8.1.f divisée par la ligne 8.1.", "Line 8.1.f divided by line 8.1."))
            }
        }
        (f, e) = exited("l'issue « formation »", "outcome formation")
        l.append(count("8.1.g", .exit, of: "8.1", "dont nombre et taux de jeunes sortis en formation", "Of which: young people exiting to training", rule: f, e))
        for (id, fr, en, what, whatEN) in [
            ("8.1.g.initiale", "dont nombre et taux de jeunes en formation initiale", "Of which: initial education", "l'issue « formation » de détail initiale", "outcome formation with detail initiale"),
            ("8.1.g.qualifiante", "dont nombre et taux de jeunes sortis en formation qualifiante", "Of which: qualifying training", "l'issue « formation » de détail qualifiante", "outcome formation with detail qualifiante"),
            ("8.1.g.cpf", "dont nombre de jeunes ayant mobilisé droit au CPF", "Of which: young people who used their personal training account (CPF)", "l'issue « formation » avec exit_cpf = 1", "outcome formation with exit_cpf = 1"),
        ] {
            (f, e) = exited(what, whatEN)
            l.append(count(id, .exit, of: "8.1.g", fr, en, rule: f, e, source: "\(fiche2), ligne 8.1.g"))
        }
        (f, e) = exited("l'issue « reorientation »", "outcome reorientation")
        l.append(count("8.1.reorientation", .exit, of: "8.1", "dont nombre et taux de jeunes réorientés (exemple EPIDE, E2C, SMA et SMV), renouvellement de contrat d'accompagnement",
                       "Of which: young people re-oriented (EPIDE, E2C, SMA, SMV) or whose accompaniment contract was renewed", rule: f, e,
                       source: "\(fiche2), ligne 8.1.g (ligne suivante)"))
        (f, e) = exited("l'issue « service_civique »", "outcome service_civique")
        l.append(count("8.1.h", .exit, of: "8.1", "dont nombre et taux de jeunes sortis en service civique", "Of which: young people exiting to civic service", rule: f, e))
        (f, e) = exited("l'issue « sans_solution »", "outcome sans_solution")
        l.append(count("8.1.i", .exit, of: "8.1", "dont nombre et taux de jeunes sortis de parcours d'accompagnement sans solution connue",
                       "Of which: young people exiting with no known outcome", rule: f, e))
        l.append(ratio("R11", .exit, "8.1.i", "8.1", "Le taux de jeunes sortis de parcours d'accompagnement sans solution connue",
                       "Ratio 11: share of young people exiting with no known outcome",
                       rule: "Ligne 8.1.i divisée par la ligne 8.1.", "Line 8.1.i divided by line 8.1."))
        l.append(count("8.2", .exit, of: "8", "dont nombre et taux de jeunes sortis des parcours régionaux et locaux",
                       "Of which: young people exiting regional and local pathways",
                       rule: "Jeunes ayant un parcours régional ou local dont la date de sortie est dans l'année.",
                       "Young people with a regional or local pathway whose end_date is in the year."))
        l.append(sum("9", .resources, "Nombre total d'ETP", "Total full-time equivalents (FTEs)",
                     rule: "Somme de etp_total (resources.csv).", "Sum of etp_total (resources.csv)."))
        l.append(sum("9.1", .resources, of: "9", "Nombre et taux d'ETP dédiés à l'accompagnement", "Full-time equivalents dedicated to accompaniment",
                     rule: "Somme de etp_accompaniment (resources.csv).", "Sum of etp_accompaniment (resources.csv)."))
        l.append(ratio("R12", .resources, "9.1", "9", "Nombre d'ETP consacrés à l'accompagnement / nombre d'ETP total",
                       "Ratio 12: accompaniment FTEs / total FTEs", rule: "Ligne 9.1 divisée par la ligne 9.", "Line 9.1 divided by line 9."))
        l.append(ratio("R13", .resources, "4", "9.1", "Nombre de jeunes accompagnés / nombre d'ETP consacrés à l'accompagnement",
                       "Ratio 13: accompanied young people per accompaniment FTE",
                       rule: "Ligne 4 divisée par la ligne 9.1 (numéroté 9.2 dans la Fiche n°2).", "Line 4 divided by line 9.1 (numbered 9.2 in Fiche n°2)."))
        l.append(sum("10", .resources, "Financement total de la ML", "Total funding of the ML",
                     rule: "Somme de amount_eur (funding.csv), tous financeurs et lignes.", "Sum of amount_eur (funding.csv), every funder and line."))
        l.append(sum("10.1.a", .resources, of: "10", "dont montant et part des activités principales", "Of which: main activities (socle)",
                     rule: "Somme de amount_eur des lignes « socle ».", "Sum of amount_eur of line `socle`."))
        l.append(sum("10.1.b", .resources, of: "10", "dont montant et part financement Etat", "Of which: State funding",
                     rule: "Somme de amount_eur du financeur « etat » (crédits du programme 102 ; ceux des autres ministères sont sous « autre »).",
                     "Sum of amount_eur of funder `etat` (programme 102 credits; other ministries' credits are recorded under `autre`)."))
        l.append(sum("10.1.c", .resources, of: "10", "dont montant et part du Fonds Social Européen", "Of which: European Social Fund",
                     rule: "Somme de amount_eur des financeurs « fse » et « iej ».", "Sum of amount_eur of funders `fse` and `iej`.",
                     notes: [note("La Fiche n°2 dit « Fonds Social Européen » ; l'Initiative pour l'emploi des jeunes (IEJ) est versée avec et par le FSE : les deux comptent.",
                                  "Fiche n°2 says \"Fonds Social Européen\"; the Youth Employment Initiative (IEJ) is paid with and through the ESF, so both count.")]))
        l.append(ratio("10.1.d", .resources, "10.1.b", "1", "Financement moyen de l'Etat par jeune en contact", "Mean State funding per young person in contact",
                       rule: "Ligne 10.1.b divisée par la ligne 1.", "Line 10.1.b divided by line 1.", kind: .amountPerPerson, source: "\(fiche2), ligne 10.1.d"))
        l.append(ratio("10.1.e", .resources, "10.1.b", "4", "Financement moyen de l'Etat par jeune accompagné", "Mean State funding per accompanied young person",
                       rule: "Ligne 10.1.b divisée par la ligne 4.", "Line 10.1.b divided by line 4.", kind: .amountPerPerson, source: "\(fiche2), ligne 10.1.e"))
        l.append(count("D.1", .nationalTargets, of: "3", "Nombre de jeunes entrés en parcours avec un diagnostic approfondi préalable",
                       "Young people entering a pathway who had an in-depth diagnostic beforehand", derived: true,
                       rule: "Parmi les jeunes de 3 : ceux ayant eu un événement « diagnostic » au plus tard le jour de l'entrée qui les compte dans 3 (leur première entrée de l'année). Son taux est la part diagnostiquée avant l'entrée.",
                       "Of 3: those who had a `diagnostic` event on or before the start of the pathway that counts them in 3 (their earliest start in the year). Its rate is the share diagnosed before entry.",
                       source: "\(annexe1) : « un diagnostic approfondi à tous les jeunes avant l'entrée en parcours »"))
        l.append(count("G.4.base", .nationalTargets, "Nombre de jeunes dont le délai de 4 mois après le premier accueil échoit dans l'année",
                       "Young people whose 4-month deadline after first reception falls in the year", derived: true,
                       rule: "Jeunes dont la date d'accueil ⊕ 4 mois tombe dans l'année.", "Young people whose accueil date ⊕ 4 months is in the year.",
                       source: "\(annexe1) (Garantie européenne pour la jeunesse)"))
        l.append(count("G.4", .nationalTargets, of: "G.4.base", "Nombre de jeunes ayant reçu une solution dans les 4 mois après le premier accueil",
                       "Young people who received a solution within 4 months of first reception", derived: true,
                       rule: "Parmi les jeunes de G.4.base : ceux qui, dans les 4 premiers mois depuis leur accueil, ont reçu une proposition d'emploi, d'alternance, de formation ou d'immersion, ou démarré une situation d'emploi, de formation ou d'immersion.",
                       "Of G.4.base: those who, in the first 4 months from their accueil, received a proposition of detail emploi, alternance, formation or immersion, or started a situation of kind emploi, formation or immersion.",
                       source: "\(annexe1) : « une « solution » doit leur être proposée dans un délai de 4 mois après le premier accueil »"))
        l.append(ratio("RG", .nationalTargets, "G.4", "G.4.base", "Taux de jeunes ayant reçu une solution dans les 4 mois après le premier accueil",
                       "Share of young people who received a solution within 4 months of first reception",
                       rule: "Ligne G.4 divisée par la ligne G.4.base.", "Line G.4 divided by line G.4.base.",
                       source: annexe1, derived: true))
        l.append(count("O.4", .nationalTargets, "Nombre de jeunes dont la séquence d'orientation dépasse 4 mois",
                       "Young people whose orientation sequence exceeds 4 months", derived: true,
                       rule: "Jeunes ayant une séquence d'orientation qui couvre encore le jour entrée ⊕ 4 mois, ce jour étant dans l'année (un dépassement des 4 mois, compté une fois, l'année où il se produit ; séquences ouvertes comprises).",
                       "Young people with an orientation sequence that still covers the day start_date ⊕ 4 months, that day being in the year (a breach of the 4-month maximum, counted once, in the year it happens; open sequences included).",
                       notes: [note("Les 4 mois d'une séquence sont les jours de l'entrée jusqu'à la veille de entrée ⊕ 4 mois, comme pour toute fenêtre « k premiers mois » ; une séquence encore ouverte le jour entrée ⊕ 4 mois les a dépassés.",
                                    "The 4 months of a sequence are the days from start_date up to the day before start_date ⊕ 4 months, as for every \"first k months\" window; a sequence still running on start_date ⊕ 4 months has exceeded them.")],
                       source: "\(annexe1) : séquence d'orientation « d'une durée maximale de 4 mois »"))
        return l
    }

    private static func placeholders() -> [Line] {
        func p(_ id: String, _ axis: Axis, _ fr: String, _ en: String, _ whyFR: String, _ whyEN: String, _ source: String) -> Line {
            Line(id: id, axis: axis, kind: .placeholder, parent: nil, fr: fr, en: en, derived: false,
                 ruleFR: "Non calculable : \(whyFR)", ruleEN: "Not computable: \(whyEN)", components: [], notes: [], source: source)
        }
        return [
            p("ND.autonomie", .exit, "L'évolution du parcours du jeune vers l'autonomie au travers d'acquis professionnels, financiers ou sociaux",
              "Progress of the young person towards autonomy through professional, financial or social achievements",
              "l'instruction le qualifie d'« indicateur à construire, ratio non disponible en 2016 ».",
              "the instruction calls it \"indicateur à construire, ratio non disponible en 2016\" (to be built).", "\(fiche3) (ratio à construire)"),
            p("ND.employeurs", .employerOffer, "Les indicateurs relatifs à l'offre de service employeur à définir de manière collective",
              "Indicators of the service offer to employers (to be defined collectively)",
              "l'instruction renvoie leur définition à un travail collectif (« à définir de manière collective »).",
              "the instruction leaves their definition to collective work (\"à définir de manière collective\").", "\(fiche2), axe « Offre de service employeur »"),
            p("ND.partenariat", .projectEngineering, "Actions partenariales engagées par la Missions locale à définir de manière collective",
              "Partnership actions undertaken by the Mission locale (to be defined collectively)",
              "l'instruction renvoie leur définition à un travail collectif (« à définir de manière collective »).",
              "the instruction leaves their definition to collective work (\"à définir de manière collective\").", "\(fiche2), axe « Observation et Ingénierie de projet »"),
            p("ND.questionnaire", .reception, "Sur la base d'un questionnaire à destination des jeunes accueillis en Mission locale",
              "Based on a questionnaire for young people received at the Mission locale",
              "il repose sur un questionnaire aux jeunes que le format de données ne contient pas.",
              "it rests on a questionnaire to young people that the dataset format does not hold.", "Annexe n°2, Fiche n°3, point 2"),
        ]
    }
}
