import Foundation
import Testing
@testable import PilotageShell

let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
let demo = root.appendingPathComponent("Playground/data/demo").path

@Suite("The REPL session, without a terminal")
struct ShellTests {
    @Test("explain prints the catalogue's words, literally")
    func explainLiteral() {
        let s = Session()
        let r = s.run("explain 3.2.a")
        #expect(r.succeeded)
        #expect(r.output == """
        3.2.a — dont nombre et taux de jeunes entrés en solutions plan garantie européenne pour la jeunesse
          Axe           : Accompagnement jeunes vers l'emploi ou la formation
          Nature        : comptage de jeunes
          Sens          : sans sens de lecture (contexte, volume ou ressource)
          Ligne parente : 3.2 — Dont nombre et taux de jeunes entrés en parcours régionaux et locaux
                          uniquement
          Règle         : Parmi les jeunes de 3.2 : ceux ayant au moins un parcours régional ou local
                          démarrant dans l'année avec yg_plan = 1.
          Déclinaisons  : ensemble, femmes, bas niveau de qualification, QPV, ZRR, NEET
          Notes         : La Fiche n°2 place cette ligne sous 3.2.
          Source        : Annexe n°2, Fiche n°2, ligne 3.2.a

        """)
    }

    @Test("Ctrl-C during a dataset's load stops it: « interrompu », nothing loaded, the next command loads")
    func interruptedLoad() {
        let s = Session(datasetPath: demo)
        var pressed = true
        s.interruption = { defer { pressed = false }; return pressed }
        let stopped = s.run("show R5 of nation year 2016")
        #expect(!stopped.succeeded && stopped.error?.contains("interrompu") == true, "\(stopped)")
        let next = s.run("show R5 of nation year 2016")
        #expect(next.succeeded && next.output.contains("R5"), "\(next)")
    }

    @Test func explainInEnglishShowsTheOfficialLabelToo() {
        let s = Session(language: .en)
        let out = s.run("explain R13").output
        #expect(out.hasPrefix("R13 — Ratio 13 — accompanied young people per accompaniment FTE\n"))
        #expect(out.contains("Official label:  Nombre de jeunes accompagnés / nombre d'ETP consacrés à l'accompagnement"))
        #expect(out.contains("Components:      4 ("))
    }

    @Test("Unknown commands and ids: a caret under the token and the closest suggestions")
    func errors() {
        let s = Session()
        let r = s.run("explain R99")
        #expect(r.error == "erreur : indicateur inconnu « R99 »\n  explain R99\n          ^^^\nvouliez-vous dire : R9, 9, R1 ?")
        #expect(s.run("explian R5").error?.contains("vouliez-vous dire : explain") == true)
        #expect(s.run("explain").error?.contains("argument manquant") == true)
        #expect(s.run("explain R5 R6").error?.contains("          ^^") == true)
        #expect(s.run("lang de").error != nil)
        #expect(s.run("catalogue \"unterminated").error?.contains("guillemet non fermé") == true)
        #expect(s.run("   # only a comment").succeeded)
    }

    @Test func languageSwitch() {
        let s = Session()
        #expect(s.run("lang en").output == "language: English\n")
        #expect(s.run("explain R99").error?.hasPrefix("error: unknown indicator \"R99\"") == true)
        #expect(s.run("help").output.hasPrefix("Commands (help COMMAND for details):"))
    }

    @Test func helpListsEveryCommandWithAnExample() {
        let out = Session().run("help").output
        for c in Commands.all {
            #expect(out.contains("  \(c.names[0]) ") && out.contains(c.examples[0]), "\(c.names[0])")
            #expect(Session().run("help \(c.names[0])").output.contains(c.usageLine), "\(c.names[0])")
        }
        #expect(Session().run("help explain").output.contains("Exemple : explain R5"))
        // The overview names the commands (their full usage is in `help COMMAND`): it stays readable.
        #expect(out.split(separator: "\n").allSatisfy { $0.count <= 160 })
    }

    @Test func catalogueFilters() {
        let s = Session()
        let ratios = s.run("catalogue kind ratio").output
        #expect(ratios.contains("R13") && !ratios.contains("4.1.f.emploi") && ratios.contains("\n14 lignes\n"))
        // R8, R9, R10 and R11 read national pathways: marked, with the legend.
        #expect(ratios.contains("R10 ◆") && !ratios.contains("R5 ◆") && ratios.hasSuffix("export programmes)\n"))
        #expect(s.run("catalogue axis resources").output.contains("10.1.e"))
        #expect(s.run("catalogue axis nowhere").error?.contains("axe inconnu") == true)
        #expect(s.run("catalogue apprentissage").output.contains("8.1.f.apprentissage"))
    }

    @Test("Completion: commands, ids after explain, keywords, paths after load")
    func completion() {
        let s = Session()
        #expect(s.complete("expl").candidates == ["explain", "expliquer"])
        #expect(s.complete("explain 4.1.f.a").candidates == ["4.1.f.alternance", "4.1.f.apprentissage"])
        #expect(s.complete("explain r1").candidates.first == "R1")
        #expect(s.complete("explain 8.1.f.cui_").start == 8)
        #expect(s.complete("lang ").candidates == ["fr", "en"].sorted())
        #expect(s.complete("catalogue kind ra").candidates == ["ratio"])
        #expect(s.complete("load \(root.path)/Playground/da").candidates == ["\(root.path)/Playground/data/"])
    }

    @Test func datasetCommands() {
        let s = Session(datasetPath: demo)
        #expect(s.run("info").output.contains("12 missions locales"))
        #expect(s.run("load /nonexistent").error?.contains("/nonexistent") == true)
        // A dataset's located error names its severity itself: « erreur » once, not twice.
        let missing = Session(datasetPath: "/nonexistent-pilotage").run("show R5").error ?? ""
        #expect(missing.hasPrefix("/nonexistent-pilotage: erreur: fichier manquant"), "\(missing)")
        #expect(missing.components(separatedBy: "erreur").count == 2, "\(missing)")
        #expect(s.run("load /nonexistent").error?.hasPrefix("/nonexistent: erreur:") == true)
        #expect(s.run("info").succeeded)
        #expect(s.run("quit").quit)
    }

    @Test("No input line crashes the session", arguments: 0..<3)
    func randomLines(seed: Int) {
        var g = SystemRandomNumberGenerator()
        let alphabet = Array("explain catalogue help lang load R5 4.1 \" # , = < > ( ) | é ⊕ \\ \t")
        let s = Session(datasetPath: demo)
        for _ in 0..<300 {
            let line = String((0..<Int.random(in: 0...30, using: &g)).map { _ in alphabet.randomElement(using: &g)! })
            _ = s.run(line)
            _ = s.complete(line)
        }
        _ = seed
    }
}
