import Foundation
import Testing
@testable import Pilotage

/// Fiche n°1 as the brief reads it, against the instruction's text (the seed copy in Docs/sources).
@Suite("Fiche n°1: the dialogue guide")
struct DialogueGuideTests {
    static let instruction: String = {
        let raw = try? String(contentsOf: repositoryRoot.appendingPathComponent("Docs/sources/instruction-dgefp-mij-2015-367.txt"), encoding: .utf8)
        return CatalogueTests.normalise(raw ?? "")
    }()
    /// Fiche n°1 alone: from its title to Fiche n°2.
    static let fiche1: Substring = {
        let text = instruction
        guard let start = text.range(of: "Annexe n°2 – Fiche n°1"), let end = text.range(of: "Annexe n°2 - Fiche n°2") else { return "" }
        return text[start.upperBound..<end.lowerBound]
    }()

    @Test("steps, parts and themes: the instruction's titles and letters, verbatim, in its order")
    func titlesInOrder() throws {
        var rest = Self.fiche1[...]
        #expect(!rest.isEmpty)
        var titles: [String] = []
        for step in DialogueGuide.steps {
            titles.append(step.title)
            for part in step.parts {
                if let t = part.title { titles.append(t) }
                titles += part.themes.map(\.title)
            }
        }
        #expect(titles.count == 4 + 2 + 7 + 4 + 3 + 3)
        for title in titles {
            let found = try #require(rest.range(of: CatalogueTests.normalise(title)), "« \(title) » not found after the previous title")
            rest = rest[found.upperBound...]
        }
        #expect(DialogueGuide.steps[1].parts.map(\.title) == [
            "2.1 - REPERAGE - ACCUEIL - ENTRETIEN DE DIAGNOSTIC - ORIENTATION ET CONSOLIDATION DU PROJET",
            "2.2 - PARCOURS D'ACCOMPAGNEMENT VERS ET DANS L'EMPLOI"])
    }

    @Test("under each theme, the instruction's own text of what to examine, verbatim")
    func themeTexts() {
        for theme in DialogueGuide.steps.flatMap(\.themes) {
            #expect(!theme.text.isEmpty, "\(theme.key)")
            for line in theme.text {
                let words = line.hasPrefix("- ") ? String(line.dropFirst(2)) : line
                #expect(Self.fiche1.contains(CatalogueTests.normalise(words)), "\(theme.key): « \(line) »")
            }
        }
        let a = DialogueGuide.steps[1].parts[1].themes[0]
        #expect(a.key == "2.2.a" && a.text[0].hasSuffix("leur articulation (GJ et CIVIS par exemple)."))
    }

    @Test("step 1: the transmission of information, the context families and the regional weight, verbatim")
    func stepOne() {
        for t in DialogueGuide.transmission {
            #expect(Self.fiche1.contains(CatalogueTests.normalise("\(t.from) : \(t.what)")), "\(t.from)")
        }
        let families = "les familles de données de contexte à prendre en compte par l'Etat et la Mission locale sont "
            + DialogueGuide.contextFamilies.dropLast().joined(separator: ", ") + " et sur " + DialogueGuide.contextFamilies.last!
        #expect(Self.fiche1.contains(families), "\(families)")
        #expect(Self.fiche1.contains(DialogueGuide.regionalWeight))
        #expect(DialogueGuide.steps[0].themes.isEmpty, "the instruction gives step 1 no lettered theme")
    }

    @Test("the calendar note is the instruction's: activity and BRH in February, the financial part in June")
    func calendar() {
        let note = DialogueGuide.steps[3].note!.fr
        #expect(Self.instruction.contains("en février pour la partie « activité de la structure » et son bilan « ressources humaines » (BRH), puis en juin pour la partie financière"))
        #expect(note.contains("en février pour la partie « activité de la structure » et son bilan « ressources humaines » (BRH), puis en juin pour la partie financière"))
    }

    @Test("annotation keys follow the instruction's numbering; the first releases' keys map onto them")
    func keys() {
        let keys = DialogueGuide.annotationKeys
        #expect(keys.count == 1 + 7 + 4 + 3 + 3 && Set(keys).count == keys.count)
        #expect(Array(keys.prefix(3)) == ["1", "2.1.a", "2.1.b"] && keys.contains("2.2.d") && keys.last == "4.c")
        let previous: [String: String] = ["1.1": "1", "2.1": "2.1.a", "2.3": "2.1.c", "2.7": "2.1.g", "2.8": "2.2.a", "2.11": "2.2.d",
                                          "3.1": "3.a", "3.3": "3.c", "4.2": "4.b"]
        for (old, new) in previous { #expect(DialogueGuide.key(fromPreviousNumbering: old) == new, "\(old)") }
        for bad in ["2.12", "1.2", "5.1", "2.0", "2.1.c", "x"] { #expect(DialogueGuide.key(fromPreviousNumbering: bad) == nil, "\(bad)") }
    }

    @Test("a theme's lines are lines of its part, each under one theme at most, and in the catalogue")
    func themeLines() {
        for part in DialogueGuide.steps.flatMap(\.parts) {
            let listed = part.themes.flatMap(\.lines)
            #expect(Set(listed).isSubset(of: part.lines) && Set(listed).count == listed.count, "\(part.title ?? "")")
            for id in part.lines { #expect(Catalogue.indicator(id) != nil, "\(id)") }
        }
        #expect(DialogueGuide.steps[1].parts[0].themes[2].lines == ["1"], "2.1.c Repérage reads the young people in contact")
    }
}
