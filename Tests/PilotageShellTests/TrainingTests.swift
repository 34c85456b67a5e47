import Foundation
import Testing
@testable import PilotageShell

/// The training dataset's table of which young people each line counts is committed
/// (Playground/training/counts.md) and must equal what the engine computes.
/// After an intended change: `PILOTAGE_WRITE_TRAINING=1 swift test --filter TrainingTests`.
@Suite("Training mode")
struct TrainingTests {
    static let path = root.appendingPathComponent("Playground/training/counts.md").path

    static func table() -> String {
        var s = "# Qui chaque ligne compte, sur le jeu de formation (\(Training.year))\n\n"
        s += "Généré par le moteur et vérifié par les tests (`TrainingTests`). Les six jeunes sont fictifs.\n\n"
        s += "| ligne | libellé | " + Training.people.map(\.id).joined(separator: " | ") + " | total |\n"
        s += "|---|---|" + String(repeating: "---|", count: Training.people.count + 1) + "\n"
        for (line, counted) in Training.table() {
            s += "| \(line) | \(Catalogue.indicator(line)!.label.fr) | " + Training.people.map { counted.contains($0.id) ? "✓" : "" }.joined(separator: " | ") + " | \(counted.count) |\n"
        }
        return s
    }

    @Test("the committed table equals the engine's")
    func committedTable() throws {
        #expect(Training.dataset != nil)   // valid by construction
        let text = Self.table()
        if ProcessInfo.processInfo.environment["PILOTAGE_WRITE_TRAINING"] != nil { try text.write(toFile: Self.path, atomically: true, encoding: .utf8) }
        #expect(text == (try String(contentsOfFile: Self.path, encoding: .utf8)))
    }

    @Test("hand-checked cases: the rules the lesson teaches")
    func handChecked() {
        #expect(Training.counted(in: "1") == ["Ana", "Bilal", "Chloé", "Emma", "Farid"])   // David: no event dated 2016
        #expect(Training.counted(in: "2.bis.1") == ["Bilal"])                             // the only interview after 31 July
        #expect(Training.counted(in: "S.1") == ["Chloé"])
        #expect(Training.counted(in: "3.2") == ["Farid"])
        #expect(Training.counted(in: "8.1.f") == ["David"] && Training.counted(in: "8.1.i") == ["Emma"])
    }

    @Test("lesson and quiz: French by default, English on request; answers checked and explained")
    func lessonAndQuiz() {
        let s = Session()
        let lesson = s.run("lesson").output
        #expect(lesson.hasPrefix("Six jeunes fictifs") && lesson.contains("Étape 1/7 — Repérage : le contact") && lesson.contains("Suite : lesson 2"))
        #expect(s.run("lesson 9").error?.contains("étape attendue (1, 2, 3, 4, 5, 6, 7, all, tout), trouvé « 9 »") == true)
        #expect(s.run("answer 3").error?.contains("pas de question en cours") == true)
        let q1 = s.run("quiz").output
        #expect(q1.hasPrefix("Question 1 : Combien de jeunes la ligne 1"))
        let wrong = s.run("answer 6").output
        #expect(wrong.hasPrefix("Non : la réponse est 5. La ligne 1 compte : Ana, Bilal, Chloé, Emma, Farid.") && wrong.contains("Score : 0/1"))
        let q2 = s.run("quiz").output
        #expect(q2.contains("Quelle ligne a pour règle") && q2.contains("a) ") && q2.contains("c) "))
        let right = TrainingCommands.question(1, .fr).answer
        #expect(s.run("answer \(right)").output.hasPrefix("Juste.") )
        s.language = .en
        #expect(s.run("lesson 1").output.contains("Step 1/7 — Outreach: contact"))
        #expect(s.run("quiz").output.hasPrefix("Question 3: How many young people"))
    }
}
