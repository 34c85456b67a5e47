import Foundation
import Testing
@testable import PilotageShell

@Suite("REPL: scenarios, goal seek, sensitivity")
struct NegotiationShellTests {
    @Test("new, add, copy, list, show, delete")
    func scenarioLifecycle() {
        let s = demoSession()
        #expect(s.run("scenario new entrees").output == "scénario « entrees » créé\n")
        #expect(s.run("scenario new entrees").error?.contains("existe déjà") == true)
        #expect(s.run("scenario add entrees national_entries 100 of ML069-LYON year 2016").output
                == "« entrees » : national_entries +100 — ML069-LYON 2016 → 3, 3.1, 4, 4.1\n")
        #expect(s.run("scenario copy entrees bis").succeeded)
        #expect(s.run("scenario add bis exits_to_employment 30 of lyon year 2016").succeeded)
        #expect(s.scenarios["entrees"]!.changes.count == 1 && s.scenarios["bis"]!.changes.count == 2)
        #expect(s.run("scenario list").output.hasPrefix("bis : 2 changement(s)\n"))
        let show = s.run("scenario show entrees,bis").output
        let r5 = show.split(separator: "\n").first { $0.hasPrefix("R5 ") }!
        let after = try! demoDashboard.applying(s.scenarios["entrees"]!).number("R5", for: .ml("ML069-LYON"), year: 2016)!
        #expect(r5.contains(QueryRender.display(after, Catalogue.indicator("R5")!, .fr)))
        #expect(show.hasPrefix("2016, ensemble — référence puis scénario(s) : entrees, bis\nratio"))
        #expect(s.run("scenario delete bis").succeeded && s.scenarios["bis"] == nil)
        #expect(s.run("scenario show bis").error?.contains("scénario inconnu") == true)
    }

    @Test("levers are checked: names, whole numbers, counts that stay consistent")
    func leverErrors() {
        let s = demoSession()
        _ = s.run("scenario new x")
        #expect(s.run("scenario add x national_entrie 1 of lyon").error?.contains("national_entries") == true)
        #expect(s.run("scenario add x national_entries 1.5 of lyon").error?.contains("nombre entier") == true)
        #expect(s.run("scenario add x accompaniment_etp 1.5 of lyon").succeeded)
        #expect(s.run("scenario add x employment_situations 99999 of lyon year 2016").error?.contains("au-delà de sa limite") == true)
        #expect(s.run("scenario add x contacts 1").error?.contains("of ML") == true)
        #expect(s.run("levers").output.contains("new_national_entries    nouveaux jeunes entrant en parcours national → 1, 2, 2.bis.1, 3, 3.1, 4, 4.1"))
    }

    @Test("seek states the gap in points and young people, and the lever's amount")
    func seek() throws {
        let s = demoSession()
        let out = s.run("seek R10 = 40% of ML069-LYON year 2016 by exits_to_employment").output
        let g = try demoDashboard.goalSeek("R10", target: 0.4, for: .ml("ML069-LYON"), year: 2016, lever: .exitsToEmployment)
        #expect(out.contains("il faut \(Int(g.numeratorChange)) de plus en 8.1.f (\(Int(g.numerator)) aujourd'hui), 8.1 restant à \(Int(g.denominator))"))
        #expect(out.contains("exits_to_employment (8, 8.1, 8.1.f) : +\(Int(g.leverAmount!))"))
        #expect(s.run("seek R10 = 40% of 84 by contacts").error?.contains("mission locale") == true)
        #expect(s.run("seek 8.1 = 3 of lyon").error?.contains("n'est pas un ratio") == true)
    }

    @Test("sensitivity: one row per amount, one column per second amount, ML then region")
    func sensitivity() {
        let out = demoSession().run("sensitivity R5 of lyon year 2016 by national_entries 0, 50, 100 and contacts 0, 200").output
        let lines = out.split(separator: "\n")
        #expect(lines.count == 10 && lines[0] == "R5 — Mission locale de Lyon, 2016" && lines[5] == "R5 — Auvergne-Rhône-Alpes, 2016")
        #expect(lines[1].hasPrefix("national_entries \\ contacts") && lines[4].hasPrefix("+100"))
    }
}

@Suite("REPL: convention and the ±10% rule")
struct FundingShellTests {
    @Test("+6% then +5% is +11.3%: refused, with clamp reported as binding")
    func compounding() {
        let s = Session(datasetPath: demo)
        let first = s.run("funding of lyon year 2016 +6% set").output
        #expect(first.contains("(+6,00\u{202F}% par rapport à la base)") && first.contains("accepté") && first.contains("retenu pour 2016"))
        let second = s.run("funding of lyon year 2017 +5%").output
        // 192 630,72 × 1.05 = 202 262,256 → 202 262,26 €, over the ceiling of 181 727,09 × 1.1 = 199 899,799 → 199 899,79 €.
        #expect(second.contains("refusé : dépasse de 2\u{202F}362,47\u{202F}€ le plafond de +10 % de la base (199\u{202F}899,79\u{202F}€)") && !second.contains("effets"))
        // 7 269,07 € of 192 630,72 € is +3,7736… %: +3,77 % (rounded down, toward what is allowed).
        #expect(second.contains("marge depuis 2016 : +7\u{202F}269,07\u{202F}€ (+3,77\u{202F}%)"))
        let clamped = s.run("funding of lyon year 2017 +5% clamp").output
        #expect(clamped.contains("borné (contrainte active) : 199\u{202F}899,79\u{202F}€"))   // 1.1 × 181 727,09 €, to the cent below
        #expect(clamped.contains("10.1.e") && clamped.contains("part Etat"))
    }

    @Test("+4 % then +5,77 % / +5,76 % / +5,769 %: exact to the cent, the refusal states the headroom")
    func grenobleAtTheCent() {
        let s = Session(datasetPath: demo)
        #expect(s.run("funding of ML038-GRENOBLE year 2016 +4% set").output.contains("accepté : marge restante +5\u{202F}263,04\u{202F}€"))
        let refused = s.run("funding of ML038-GRENOBLE year 2017 +7%").output
        #expect(refused.contains("marge depuis 2016 : +5\u{202F}263,04\u{202F}€ (+5,76\u{202F}%)"))
        #expect(s.run("funding of ML038-GRENOBLE year 2017 +5.77%").output.contains("refusé : dépasse de 0,71\u{202F}€ le plafond de +10 % de la base (96\u{202F}489,19\u{202F}€)"))
        #expect(s.run("funding of ML038-GRENOBLE year 2017 +5.76%").output.contains("accepté : marge restante +8,41\u{202F}€"))
        #expect(s.run("funding of ML038-GRENOBLE year 2017 +5.769%").output.contains("accepté : marge restante +0,20\u{202F}€"))
        // The margin shown is what clamp sets: 96 488,99 + 0,20 = 96 489,19.
        #expect(s.run("funding of ML038-GRENOBLE year 2017 +7% clamp").output.contains("borné (contrainte active) : 96\u{202F}489,19\u{202F}€"))
        #expect(s.run("funding of ML038-GRENOBLE year 2017 = 100.005").error?.contains("au centime près") == true)
    }

    @Test("the convention: subsidies, base, headroom, objectives against results")
    func convention() {
        let out = Session(datasetPath: demo).run("convention of ML069-LYON").output
        #expect(out.hasPrefix("CPO-84-001 — Mission locale de Lyon (ML069-LYON), 2015-2018\n"))
        #expect(out.contains("2015   163\u{202F}363,57\u{202F}€") && out.contains("2016 R10 ≥ 40,7\u{202F}% : 39,1\u{202F}% — non atteint"))
        let s = Session(datasetPath: demo)
        #expect(s.run("funding of lyon year 2020 +1%").error?.contains("hors de la convention") == true)
        #expect(s.run("funding of lyon year 2017 ~5").error?.contains("argument inattendu « ~5 »") == true)
        #expect(s.run("convention of 84").error?.contains("une mission locale est attendue") == true)
    }
}

@Suite("REPL: the matrix")
struct MatrixShellTests {
    @Test("table with quadrants, N−1, the scenario's position; SVG with arrows")
    func matrix() throws {
        let s = demoSession()
        _ = s.run("scenario new e")
        _ = s.run("scenario add e exits_to_employment 40 of lyon year 2017")
        let out = s.run("matrix of nation year 2017 highlight lyon scenario e").output
        let m = try demoDashboard.matrix(within: .nation, year: 2017)
        let lyon = m.points.first { $0.ml == "ML069-LYON" }!
        #expect(out.contains("▶ Mission locale de Lyon (ML069-LYON)") && out.contains(formatted(lyon.performance, decimals: 2, .fr)))
        #expect(out.contains("avec le scénario") && out.contains("performance corrigée du contexte"))
        let dir = NSTemporaryDirectory() + "pilotage-matrix-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        #expect(s.run("matrix of nation year 2017 highlight lyon scenario e to \(dir)/m.svg").succeeded)
        let svg = try String(contentsOfFile: "\(dir)/m.svg", encoding: .utf8)
        #expect(svg.contains("marker-end=\"url(#arrowAccent)\"") && svg.contains("stroke-dasharray") && svg.contains("performante et efficace"))
        // The scale (ticks with their values) and the legend under the chart.
        #expect(svg.contains(">−1</text>") && svg.contains(">1</text>") && svg.contains(">0</text>"))
        #expect(svg.contains("une ML en 2017") && svg.contains("son déplacement depuis 2016") && svg.contains("avec le scénario e")
                && svg.contains("échelle : scores z"))
        #expect(s.run("matrix of lyon").error?.contains("une région ou la nation") == true)
        #expect(s.run("matrix of 84 year 1999").error?.contains("année") == true)
    }
}

@Suite("REPL: the matrix in the instruction's words")
struct MatrixWordsTests {
    @Test("axes « efficacité » and « performance », the two definitions quoted, Pilotage's reading said; funding all")
    func words() throws {
        let s = demoSession()
        let out = s.run("matrix of 84 year 2016").output
        #expect(out.hasPrefix("Matrice performance × efficacité — Auvergne-Rhône-Alpes, 2016"))
        #expect(out.contains(" efficacité  performance ") && !out.contains("efficien"))
        #expect(out.contains("efficacité (l'instruction) : « \(Matrix.efficacyDefinition) »"))
        #expect(out.contains("performance (l'instruction) : « \(Matrix.performanceDefinition) »"))
        #expect(out.contains("lecture de Pilotage : l'instruction définit la matrice sans formule") && out.contains("financements de l'Etat (10.1.e"))
        let all = s.run("matrix of 84 year 2016 funding all").output
        #expect(all.contains("tous les financements (10 / 4") && all != out)
        let m = try demoDashboard.matrix(within: .region("84"), year: 2016, method: .allFunding)
        let lyon = m.points.first { $0.ml == "ML069-LYON" }!
        #expect(all.contains("Mission locale de Lyon (ML069-LYON)") && all.contains(formatted(lyon.efficiency, decimals: 2, .fr)))
        #expect(s.run("matrix of 84 year 2016 funding some").error != nil)
        let en = Session(datasetPath: demo, dashboard: demoDashboard)
        _ = en.run("lang en")
        #expect(en.run("matrix of 84 year 2016").output.contains("Performance × efficacy"))
    }
}

@Suite("REPL: ratios presented one way")
struct RatioWordingTests {
    @Test("explain, the catalogue, charts and the brief: « Ratio n — » and the wording; R3 and R6 not available in 2016")
    func oneWay() {
        let s = demoSession()
        let r3 = s.run("explain R3").output, r5 = s.run("explain R5").output
        #expect(r3.hasPrefix("R3 — Ratio 3 — Le nombre de jeunes ayant eu un entretien de diagnostic approfondi / le nombre de jeunes en 1er accueil\n"))
        #expect(r3.contains("Fiche n°3 : « ratio non disponible en 2016 »") && !r5.contains("non disponible en 2016"))
        #expect(r5.hasPrefix("R5 — Ratio 5 — Nombre de jeunes entrés") && !r5.contains("Ratio 5 :"))
        #expect(s.run("catalogue").output.contains("Ratio 11 — Le taux de jeunes sortis de parcours d'accompagnement sans solution connue"))
        let brief = s.run("brief of lyon for 2017").output
        #expect(brief.contains("  R3 : ratio non disponible en 2016 (Fiche n°3)") && brief.contains("  R6 : ratio non disponible en 2016 (Fiche n°3)"))
    }
}

@Suite("REPL: brief and annotations")
struct BriefShellTests {
    @Test func briefWithAnnotations() {
        let s = demoSession()
        #expect(s.run("annotate lyon 2.1.c \"Permanences en QPV à renforcer\"").output == "noté pour ML069-LYON [2.1.c]\n")
        #expect(s.run("annotate lyon 1 \"Diagnostic SESE reçu\"").succeeded)
        #expect(s.run("annotate lyon 2.3 \"x\"").error?.contains("2.1.a à 2.1.g") == true, "the previous numbering is refused")
        #expect(s.run("annotate lyon 9.9 \"x\"").error?.contains("thématique inconnue") == true)
        let out = s.run("brief of lyon for 2017").output
        #expect(out.hasPrefix("Dialogue de gestion 2017 — Mission locale de Lyon (ML069-LYON)\n  résultats 2016 comparés à 2015"))
        #expect(out.contains("    [2.1.c] c. Repérage\n        - Aller vers les jeunes qui ne sont pas en contact avec la Mission locale\n"))
        // Under the theme, its text, then the lines that inform it (line 1), then the note.
        #expect(out.contains("- Démarches mises en œuvre dans le cadre de la Garantie jeunes\n        ligne   2016   2015  région"))
        let row = out.components(separatedBy: "\n").firstIndex { $0.hasPrefix("        1 ") && $0.hasSuffix("7/11") }
        #expect(row.map { out.components(separatedBy: "\n")[$0 + 1] } == "          → Permanences en QPV à renforcer")
        #expect(out.contains("\n2. LE PARCOURS D'ACCOMPAGNEMENT CONTRACTUALISE\n2.1 - REPERAGE - ACCUEIL - ENTRETIEN DE DIAGNOSTIC - ORIENTATION ET CONSOLIDATION DU PROJET\n"))
        #expect(out.contains("\n2.2 - PARCOURS D'ACCOMPAGNEMENT VERS ET DANS L'EMPLOI\n"))
        #expect(out.contains("    [ ] par les services de l'Etat : le Service Etudes-Statistiques-Evaluation (SESE)"))
        #expect(out.contains("    [ ] l'offre de formation — absente du jeu de données : à apporter\n") && out.contains("          → Diagnostic SESE reçu\n"))
        #expect(out.contains("Répartition des financements 2016 par financeur :\n    Etat : "))
        #expect(out.contains("en février pour la partie « activité de la structure » et son bilan « ressources humaines » (BRH), puis en juin"))
        #expect(out.contains("    [3.c] c. Les partenariats\n") && out.contains("rien n'est calculé."))
        #expect(out.contains("provisoires") && out.contains("Augmenter le nombre de jeunes en parrainage"))
        #expect(s.run("brief of lyon for 2015").error?.contains("2015") == true)
    }
}

@Suite("REPL: objectives")
struct ObjectiveShellTests {
    @Test func proposeSetList() {
        let s = Session(datasetPath: demo)
        let p = s.run("objective propose R10 of lyon for 2017").output
        #expect(p.contains("médiane des pairs") && p.contains("tendance propre") && p.contains("résultat 2016 +2,0 pt"))
        #expect(s.run("objective set R10 of lyon for 2018 = 45%").output
                == "objectif 2018 R10 ≥ 45,0\u{202F}% retenu pour ML069-LYON\n  (remplace l'objectif ≥ 39,1\u{202F}% de la convention CPO-84-001)\n")
        let list = s.run("objective list of lyon").output
        #expect(list.contains("2018     R10  ≥ 45,0\u{202F}%    2017  41,8\u{202F}%  −3,2\u{202F}pt   −6 8.1.f / 158 8.1  non atteint"))
        #expect(s.run("objective set R10 of lyon for 2030 = 45%").error?.contains("aucune convention") == true)
        #expect(s.run("objective set 8.1 of lyon for 2018 = 45%").error?.contains("n'est pas un ratio") == true)
    }
}

@Suite("REPL: conventions created in the session")
struct ConventionCreationTests {
    @Test func newConventionThenTheRule() {
        let s = Session(datasetPath: demo)
        #expect(s.run("convention new CPO-X of lyon from 2019 to 2022 socle 100000 parrainage 5000 without fipj").output
                == "convention CPO-X créée pour ML069-LYON, 2019-2022, base 105\u{202F}000,00\u{202F}€\n")
        #expect(s.run("convention new CPO-X of lyon from 2019 to 2022 socle 1").error?.contains("existe déjà") == true)
        #expect(s.run("convention new CPO-Y of lyon from 2016 to 2019 socle 1").error?.contains("a déjà la convention CPO-84-001") == true)
        #expect(s.run("convention new CPO-Z of lyon from 2019 to 2022").error?.contains("argument manquant") == true)
        #expect(s.run("funding of lyon year 2020 +6% set").output.contains("111\u{202F}300,00\u{202F}€ (+6,00\u{202F}% par rapport à la base)"))
        #expect(s.run("funding of lyon year 2021 +5%").output.contains("116\u{202F}865,00\u{202F}€ (+11,30\u{202F}% par rapport à la base)\n  refusé"))
    }
}

@Suite("REPL: the synthesis table")
struct SynthesisTests {
    @Test("pre-filled from peer quarters, then edited")
    func synthesis() throws {
        let s = demoSession()
        let brief = try demoDashboard.brief(ml: "ML069-LYON", dialogueYear: 2017)
        let table = Synthesis(brief)
        #expect(table.themes.map(\.title) == Synthesis.titles && table.themes[2].forces.isEmpty && table.themes[3].axes.isEmpty)
        for theme in table.themes {
            for f in theme.forces { #expect(f.rank <= Int((Double(f.of) / 4).rounded(.up))) }
            for f in theme.axes { #expect(f.rank > f.of - Int((Double(f.of) / 4).rounded(.up))) }
        }
        let r11 = table.themes[1].forces.first { $0.indicatorID == "R11" }
        if let r11 { #expect(r11.value <= r11.peerMedian!) }   // lower is better for R11
        _ = s.run("synthesis add lyon 2 actions \"Renforcer le repérage en QPV\"")
        _ = s.run("synthesis clear lyon 1 forces")
        let out = s.run("synthesis of lyon for 2017").output
        #expect(out.contains("  Actions prioritaires : \n    - Renforcer le repérage en QPV\n"))
        #expect(out.contains("1. Analyse et partage du contexte\n  Forces : —\n"))
        #expect(s.run("synthesis add lyon 7 forces \"x\"").error?.contains("1 à 5") == true)
    }
}

@Suite("REPL: the avenant notifies the analyst's choice")
struct AvenantShellTests {
    @Test("outside ±10 %: refused with the headroom, or forced with a warning; after funding … set, the kept amount")
    func notifiedAmount() {
        let s = demoSession()
        // CPO-84-002 in 2017: 97 446,41 € adjustable against a ceiling of 96 489,19 € (see AvenantTests).
        let refused = s.run("avenant of grenoble for 2017").error ?? ""
        #expect(refused.contains("la subvention 2017 de la convention CPO-84-002 est hors de la règle des ±10 %"))
        #expect(refused.contains("dépasse de 957,22\u{202F}€ le plafond") && refused.contains("marge depuis 2016 : +5\u{202F}516,97\u{202F}€"))
        let forced = s.run("avenant of grenoble for 2017 force").output
        #expect(forced.contains("**AVERTISSEMENT : le montant notifié dépasse de 957,22\u{202F}€"))
        // +7 % on 2016 (90 972,22 € → 97 340,28 €) clamped to the ceiling: the socle carries it,
        // 96 489,19 − 2 226,82 − 10 370,17 = 83 892,20 €.
        #expect(s.run("funding of grenoble year 2017 +7% clamp set").succeeded)
        let kept = s.run("avenant of grenoble for 2017").output
        #expect(kept.contains("La subvention annuelle 2017 accordée à l'Association est fixée à : 83\u{202F}892,20\u{202F}€ (quatre-vingt-trois mille huit cent quatre-vingt-douze euros et vingt centimes)."))
        #expect(kept.contains("| Etat – subvention annuelle (missions locales) | 83\u{202F}892,20\u{202F}€ |") && !kept.contains("AVERTISSEMENT"))
    }

    @Test("avenant set: the articles, the signatory and the planned funding of the other funders")
    func details() {
        let s = demoSession()
        for line in ["avenant set lyon article_versement \"4\"", "avenant set lyon signataire \"Jeanne Martin\"",
                     "avenant set lyon budget_region 90000", "avenant set lyon notified_on \"3 avril 2015\""] {
            #expect(s.run(line).succeeded, "\(line)")
        }
        #expect(s.run("avenant set lyon budget_region 12%").error != nil)
        let out = s.run("avenant of lyon for 2017").output
        #expect(out.contains("Conformément à l'article 4 de la convention") && out.contains("Nom et prénom du signataire : Jeanne Martin"))
        #expect(out.contains("| Conseil régional | 90\u{202F}000,00\u{202F}€ |") && out.contains("NOTIFIÉE LE 3 avril 2015"))
    }
}

@Suite("Completion of the negotiation commands")
struct NegotiationCompletionTests {
    @Test func candidates() {
        let s = demoSession()
        _ = s.run("scenario new entrees")
        #expect(s.complete("scenario sh").candidates == ["show"])
        #expect(s.complete("scenario show ").candidates == ["entrees"])
        #expect(s.complete("scenario add entrees nat").candidates == ["national_entries"])
        #expect(s.complete("seek R1").candidates.contains("R10"))
        #expect(s.complete("seek R10 = 40% of ML069").candidates == ["ML069-LYON"])
        #expect(s.complete("sensitivity R5 of lyon by exits_to_e").candidates == ["exits_to_employment"])
        #expect(s.complete("brief of lyon for 201").candidates == ["2016", "2017", "2018"])
        #expect(s.complete("matrix of 8").candidates == ["84"])
        #expect(s.complete("avenant set lyon chorus_").candidates == ["chorus_fipj", "chorus_ml", "chorus_parrainage"])
        #expect(s.complete("lesson ").candidates.contains("all"))
    }
}
