import Foundation
import Testing
@testable import PilotageShell

/// Commands declared by their clauses: parsing, usage, help, completion and errors all come
/// from one declaration, and each clause type validates once.
@Suite("Clauses: commands declared once")
struct ClauseTests {
    @Test("usage and help are derived from the declaration")
    func usage() {
        #expect(BriefCommands.brief.usageLine == "brief of ML [for ANNÉE_DU_DIALOGUE] [peers N]")
        #expect(MatrixCommands.matrix.usageLine == "matrix [of RÉGION|nation] [year N] [highlight ML] [scenario NOM] [to FICHIER.svg] [funding state|all]")
        #expect(FundingCommands.funding.usageLine == "funding of ML year N (= SOCLE | +X%) [clamp] [set]")
        #expect(FundingCommands.convention.usageLine == "convention of ML [year N] | new NUMÉRO of ML from ANNÉE to ANNÉE socle MONTANT"
                + " [parrainage MONTANT] [fipj MONTANT] [without parrainage|fipj]")
        #expect(ScenarioCommands.seek.usageLine == "seek RATIO = CIBLE of TERRITOIRE [year N] [by LEVIER]")
        #expect(ScenarioCommands.sensitivity.usageLine == "sensitivity RATIO of ML [year N] by LEVIER M1, M2, … [and LEVIER M1, M2, …]")
        #expect(demoSession().run("help brief").output.contains("Usage : brief of ML [for ANNÉE_DU_DIALOGUE] [peers N]"))
    }

    @Test("each clause type's errors: located, with what would fit")
    func errors() {
        let s = demoSession()
        var e = s.run("brief of lyon for 2015").error ?? ""
        #expect(e.contains("le dialogue de 2015 lit les résultats de l'année précédente") && e.contains("vouliez-vous dire : 2016, 2017, 2018 ?"))
        #expect(s.run("brief of lyon for 1492").error?.contains("le dialogue de 1492") == true)   // outside Day.years
        e = s.run("brief of lyon peers 0").error ?? ""
        #expect(e.contains("nombre entier attendu (1 à 50), trouvé « 0 »") && e.contains("\n                      ^"))
        #expect(s.run("brief for 2017").error?.contains("argument manquant : of ML") == true)
        #expect(s.run("brief of lyon fro 2017").error?.contains("vouliez-vous dire : for ?") == true)
        #expect(s.run("brief of atlantis").error?.contains("atlantis") == true)
        #expect(s.run("matrix of ML069-LYON").error?.contains("une région ou la nation est attendue") == true)
        #expect(s.run("matrix scenario nope").error?.contains("scénario inconnu « nope »") == true)
        #expect(s.run("matrix year 2099").error?.contains("2099") == true)
        #expect(s.run("brief of lyon of grenoble").error?.contains("« of » est déjà donné") == true)
        // Positional, number and lever clauses (seek, sensitivity).
        #expect(s.run("seek 8.1 = 3 of lyon").error?.contains("8.1 n'est pas un ratio\n  seek 8.1 = 3 of lyon\n       ^^^") == true)
        #expect(s.run("seek R10 = 4x of lyon").error?.contains("cible : nombre attendu, trouvé « 4x »") == true)
        #expect(s.run("seek R10 of lyon").error?.contains("argument manquant : = CIBLE") == true)
        #expect(s.run("sensitivity R5 of lyon by contacts 1,x").error?.contains("montant : nombre attendu, trouvé « x »") == true)
        #expect(s.run("sensitivity R5 of lyon by contact 1").error?.contains("vouliez-vous dire : contacts") == true)
        #expect(s.run("sensitivity R5 of lyon by contacts 1 and contacts 2 and contacts 3").error?.contains("« and » est déjà donné") == true)
    }

    @Test("French and English words of a clause work alike, for every declared command")
    func aliases() {
        let s = demoSession()
        #expect(s.run("brief de lyon en 2017 pairs 3").output == s.run("brief of lyon for 2017 peers 3").output)
        #expect(s.run("matrice pour 84 année 2016").output == s.run("matrix of 84 year 2016").output)
        #expect(s.run("synthese de lyon en 2017").output == s.run("synthesis of lyon for 2017").output)
    }

    @Test("sub-verbs are nested declarations: usage, dispatch, errors")
    func subcommands() {
        #expect(ObjectiveCommands.objective.usageLine == "objective propose RATIO of ML [for ANNÉE] [points X] [increase|decrease]"
                + " | set RATIO of ML [for ANNÉE] = CIBLE [increase|decrease] | list of ML")
        #expect(SynthesisCommands.synthesis.usageLine == "synthesis of ML [for ANNÉE_DU_DIALOGUE] | add ML THÈME(1-5) forces|axes|actions \"texte\""
                + " | clear ML THÈME(1-5) forces|axes|actions")
        let s = demoSession()
        #expect(s.run("objective sett R10").error?.contains("vouliez-vous dire : set ?") == true)
        #expect(s.run("objective set 8.1 of lyon for 2018 = 45%").error?.contains("8.1 n'est pas un ratio\n  objective set 8.1") == true)
        #expect(s.run("objective set R10 of lyon for 1492 = 45%").error?.contains("année attendue (1900-2999), trouvé « 1492 »") == true)
        #expect(s.run("synthesis add lyon 7 actions \"x\"").error?.contains("nombre entier attendu (1 à 5), trouvé « 7 »") == true)
        #expect(s.run("synthesis add lyon 2 action \"x\"").error?.contains("vouliez-vous dire : actions ?") == true)
        #expect(s.run("synthesis add lyon 2 actions").error?.contains("argument manquant : \"texte\"") == true)
        // A clause found by its form (+6%), an amount to the cent, a year the convention does not hold.
        #expect(s.run("funding of lyon year 2017 +x%").error?.contains("+X% : nombre attendu, trouvé « +x% »") == true)
        #expect(s.run("funding year 2017 -2% of lyon").succeeded)
        #expect(s.run("funding of lyon year 2017 = 190000 +2%").error?.contains("pas les deux") == true)
        #expect(s.run("funding of lyon year 2017").error?.contains("argument manquant : = SOCLE | +X%") == true)
        #expect(s.run("funding of lyon year 2030 +1%").error?.contains("2030 est hors de la convention CPO-84-001 (2015-2018)\n  funding of lyon year 2030 +1%\n                       ^^^^") == true)
        #expect(s.run("convention new X of lyon from 2019 to 2022").error?.contains("argument manquant : socle MONTANT") == true)
        #expect(s.run("convention new X of lyon from 2023 to 2022 socle 1").error?.contains("la dernière année précède la première") == true)
        #expect(s.run("convention nouvelle X pour lyon de 2019 à 2022 socle 1000 sans fipj").succeeded)
        // Amounts out of reason are refused, never a crash nor a negative subsidy.
        #expect(s.run("convention new Y of lyon from 2023 to 2026 socle 0").error?.contains("une base nulle") == true)
        #expect(s.run("funding of lyon year 2017 -1000%").error?.contains("le socle deviendrait négatif") == true)
        #expect(s.run("funding of lyon year 2017 = 10000000000001").error?.contains("au centime près") == true)
        #expect(s.run("funding of lyon year 2017 = 10000000000000").output.contains("refusé"))
        #expect(s.run("avenant of lyon for 20x7").error?.contains("année attendue (1900-2999), trouvé « 20x7 »") == true)
        #expect(s.run("avenant set lyon chorus \"1\"").error?.contains("clé inconnue « chorus »") == true)
        #expect(s.run("annotate lyon 9.9 \"x\"").error?.contains("4.a à 4.c) : « 9.9 »") == true)
        _ = s.run("scenario new e")
        #expect(s.run("scenario new e").error?.contains("le scénario « e » existe déjà\n  scenario new e\n               ^") == true)
        #expect(s.run("scenario add e national_entries 1.5 of lyon").error?.contains("nombre entier") == true)
        #expect(s.run("scenario show e breakdown woman").error?.contains("déclinaison inconnue « woman »") == true)
        #expect(s.run("scénario ajouter e national_entries 10 de lyon année 2016").succeeded)
        #expect(s.run("objectif proposer R8 de grenoble en 2017 points 3 hausse").output
                == s.run("objective propose R8 of grenoble for 2017 points 3 increase").output)
    }

    @Test("Tab completion comes from the clauses")
    func completion() {
        let s = demoSession()
        _ = s.run("scenario new entrees")
        #expect(s.complete("brief of ML069-LYON ").candidates == ["for", "format", "peers", "to"])
        #expect(s.complete("brief for ").candidates == ["2016", "2017", "2018"])
        #expect(s.complete("brief of ML069-L").candidates == ["ML069-LYON"])
        #expect(s.complete("matrix scenario ").candidates == ["entrees"])
        #expect(s.complete("seek R1").candidates.first == "R1" && s.complete("seek R10 = 40% of lyon by ").candidates.contains("exits_to_employment"))
        #expect(s.complete("sensitivity R5 of lyon ").candidates == ["and", "by", "format", "to", "year"])
        #expect(s.complete("objective ").candidates == ["list", "propose", "set"])
        #expect(s.complete("brief of lyon format ").candidates == ["csv", "csv-fr", "json", "markdown", "table", "xlsx"])
        #expect(s.complete("objective set R10 of lyon ").candidates == ["=", "decrease", "for", "format", "increase", "to"])
        #expect(s.complete("synthesis add lyon 2 ").candidates == ["actions", "axes", "forces"])
        #expect(s.complete("scenario ").candidates == ["add", "copy", "delete", "list", "new", "show"])
        #expect(s.complete("scenario add entrees ").candidates.contains("national_entries"))
        #expect(s.complete("scenario show entrees ").candidates == ["breakdown", "format", "of", "to", "year"])
        #expect(s.complete("matrix of ").candidates.contains("84") && s.complete("matrix of ").candidates.contains("nation"))
    }

    /// The commands that take nothing: their usage is their name alone.
    static let bare: Set = ["info", "validate", "quit", "quiz", "levers"]

    @Test("every command of the help list is declared: its usage, its errors and its completion come from it")
    func everyCommandIsDeclared() throws {
        let s = demoSession()
        // The overview names each command on a line of its own, two spaces in.
        let listed = s.run("help").output.split(separator: "\n").compactMap { line -> String? in
            guard line.hasPrefix("  "), let word = line.split(separator: " ").first, !line.hasPrefix("   ") else { return nil }
            return String(word)
        }
        #expect(listed == Commands.all.map { $0.names[0] })
        for name in listed {
            let c = try #require(Commands.find(name))
            #expect(c.main != nil || !c.subcommands.isEmpty, "\(name) has no declaration")
            #expect(Self.bare.contains(name) == (c.main?.clauses.isEmpty != false && c.subcommands.isEmpty), "\(name)")
            // help COMMAND shows the derived usage.
            #expect(s.run("help \(name)").output.contains("Usage : " + c.usageLine + "\n"), "\(name)")
            // A word no clause names is refused by the declaration, wherever the command is.
            if Self.bare.contains(name) {
                #expect(s.run("\(name) zzz").error?.hasPrefix("erreur : argument inattendu « zzz »") == true, "\(name)")
                #expect(Set(s.complete("\(name) ").candidates).isSubset(of: ["format", "to"]), "\(name)")
                continue
            }
            // Tab after the name offers the sub-verbs, else the first positional clause's values or
            // every clause word of the command.
            let offered = Set(s.complete("\(name) ").candidates)
            let first = c.clauses.first(where: \.isPositional)
            var expected = Set(c.subcommands.map { $0.names[0] })
            if let first { expected.formUnion(first.candidates(s, prefix: "")) } else {
                expected.formUnion(c.clauses.filter { !$0.names.isEmpty }.map { $0.names[0] })
            }
            #expect(expected.isSubset(of: offered), "\(name): \(expected.subtracting(offered))")
            // Only a free value (a name, an answer) offers nothing.
            #expect(!offered.isEmpty || ["let", "answer"].contains(name), "\(name)")
        }
    }

    @Test("the usage of each command declared since the first eleven, derived from its clauses")
    func derivedUsage() {
        func usage(_ name: String) -> String { Commands.find(name)!.usageLine }
        #expect(usage("show") == "show LIGNES [of TERRITOIRES] [by ml|region] [year ANNÉES] [breakdown B,…] [where LIGNE < SEUIL, …]"
                + " [sort LIGNE [asc|desc]] [top K] [bottom K] [with region,nation] [change] [vs N-1] [chart|spark] [why]"
                + " [format F] [to FICHIER]")
        #expect(usage("help") == "help [COMMANDE]")
        #expect(usage("explain") == "explain ID")
        #expect(usage("catalogue") == "catalogue [axis AXE] [kind NATURE] [TEXTE…]")
        #expect(usage("lang") == "lang fr|en")
        #expect(usage("load") == "load DOSSIER")
        #expect(usage("format") == "format table|csv|json|markdown|csv-fr|xlsx")
        #expect(usage("timer") == "timer on|off")
        #expect(usage("let") == "let [NOM] [= TEXTE]")
        #expect(usage(".read") == ".read FICHIER")
        #expect(usage("workspace") == "workspace [FICHIER] | copy FICHIER")
        #expect(usage("lesson") == "lesson [ÉTAPE|all]")
        #expect(usage("answer") == "answer RÉPONSE")
        #expect(usage("quit") == "quit")
        #expect(demoSession().run("lang en").succeeded)
        let en = demoSession()
        en.language = .en
        #expect(en.run("help let").output.contains("Usage: let [NAME] [= TEXT]"))
        // Every placeholder of every usage is named in English too (ML, ID, RATIO and SOCLE are the same words).
        let neutral: Set = ["ML", "ID", "RATIO", "SOCLE"]
        for c in Commands.all {
            let french = c.usageLine, english = Messages.usage(french, .en)
            let placeholders = french.split { !($0.isUppercase || $0 == "_") }.map(String.init).filter { $0.count > 1 }
            for p in placeholders where !neutral.contains(p) {
                #expect(!english.split { !($0.isUppercase || $0 == "_") }.contains { $0 == p }, "\(p) in \(english)")
            }
        }
    }

    @Test("the new clause kinds: values read once, errors located with what would fit")
    func newClauseKinds() {
        let s = demoSession()
        #expect(s.run("help nope").error == "erreur : commande inconnue « nope »\n  help nope\n       ^^^^\nvouliez-vous dire : note ?")
        #expect(s.run("help expliq").error?.hasSuffix("vouliez-vous dire : expliquer, explain, exit ?") == true)
        #expect(s.run("explain R99").error?.contains("R99") == true)
        #expect(s.run("lang xx").error == "erreur : langue inconnue « xx »\n  lang xx\n       ^^\nvouliez-vous dire : en, fr ?")
        #expect(s.run("format xml").error?.contains("format inconnu « xml »") == true)
        #expect(s.run("catalogue kind foo").error?.contains("nature inconnue « foo »") == true)
        #expect(s.run("catalogue axis EXIT").output == s.run("catalogue axis exit").output)
        #expect(s.run("catalogue emploi axis exit").output == s.run("catalogue axis exit emploi").output)
        #expect(s.run("let 1x = 3").error?.contains("nom attendu (lettres, chiffres, _), trouvé « 1x »") == true)
        #expect(s.run("let x").error == "erreur : argument manquant : = TEXTE\n  let x\n       ^")
        #expect(s.run("let x = R5, R10 # deux").output == "$x = R5, R10\n")
        #expect(s.run("timer peut-être").error?.contains("argument inattendu « peut-être »") == true)
        #expect(s.run("workspace copy").error?.contains("argument manquant : fichier") == true)
        #expect(s.run("answer").error?.contains("argument manquant : RÉPONSE") == true)
        // show: a clause once; clauses that exclude each other refused together, the second located.
        #expect(s.run("show R10 year 2015 year 2016").error == "erreur : « year » est déjà donné\n  show R10 year 2015 year 2016\n"
                + "                     ^^^^")
        #expect(s.run("show R10 top 3 bottom 2").error?.contains("« top » ou « bottom », pas les deux\n  show R10 top 3 bottom 2\n"
                + "                 ^^^^^^") == true)
        #expect(s.run("show R10 of nation by region").error?.contains("« of » ou « by », pas les deux") == true)
        #expect(s.run("show R10 chart spark").error?.contains("« chart » ou « spark », pas les deux") == true)
        #expect(s.run("show R10 by mission").error?.contains("regroupement inconnu « mission »") == true)
        #expect(s.run("show R10 with europe").error?.contains("comparaison inconnue « europe »") == true)
        #expect(s.run("show R10 vs hier").error?.contains("vouliez-vous dire : N-1, previous, précédente ?") == true)
        #expect(s.run("show R10 vs N-1").output == s.run("show R10 change").output)
        #expect(s.run("show R10 by ml in 84 year 2016 sort R10 desc top 2").output
                == s.run("voir R10 par mls dans 84 année 2016 tri R10 desc premiers 2").output)
    }

    @Test("Tab inside a clause's value: lists, groupings, sort order, conditions")
    func completionInsideValues() {
        let s = demoSession()
        let showWords = ["bottom", "breakdown", "by", "change", "chart", "format", "of", "sort", "spark", "to", "top", "vs", "where",
                         "why", "with", "year"]
        #expect(s.complete("show R10 ").candidates == showWords)
        #expect(s.complete("show R10 of nation ").candidates == showWords.filter { $0 != "of" })
        #expect(s.complete("show R10,").candidates.contains("R11") && s.complete("show R10,").candidates.contains("ratios"))
        #expect(s.complete("show R10 sort R10 ").candidates == (["asc", "desc"] + showWords.filter { $0 != "sort" }).sorted())
        #expect(s.complete("show R10 by ").candidates == ["ml", "region"])
        #expect(s.complete("show R10 by ml ").candidates.first == "bottom" && s.complete("show R10 by ml ").candidates.contains("in"))
        #expect(s.complete("show R10 with region,").candidates == ["nation", "region"])
        #expect(s.complete("show R10 where R10 ").candidates == ["<", "<=", "=", ">", ">="])
        #expect(s.complete("show R10 where R10 < 40% and R").candidates.contains("R11"))
        #expect(s.complete("show R10 years 2015,").candidates == ["2015", "2016", "2017", "all"])
        #expect(s.complete("help ").candidates.contains("workspace") && !s.complete("help ").candidates.contains("?"))
        #expect(s.complete("help show ").candidates.isEmpty)
        #expect(s.complete("catalogue ").candidates == ["axis", "format", "kind", "to"])
        #expect(s.complete("catalogue emploi ").candidates == ["axis", "format", "kind", "to"])
        #expect(s.complete("timer ").candidates == ["non", "off", "on", "oui"])
        #expect(s.complete("workspace ").candidates.contains("copy"))
        #expect(s.complete("let x ").candidates == ["="])
        #expect(s.complete("lesson ").candidates.first == "1")
    }
}
