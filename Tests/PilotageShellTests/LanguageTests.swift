import Foundation
import Testing
@testable import PilotageShell

/// One language at a time: every example of `help`, run in English, says nothing in French, and
/// run in French shows no English code — official labels, names of places and quoted user text
/// excepted. The avenant is a French legal act (Fiche n°4): it stays French in both languages.
@Suite("Every help example speaks one language")
struct LanguageTests {
    static let frenchWords = ["année", "territoire", "région", "médiane", "écart", "cible", "montant", "proposé", "accepté",
                              "refusé", "marge", "déclinaison", "jeunes", "résultat", "objectif", "pairs", "n.d.", "ETP", "noté",
                              "aucun", "aucune", "Exemple", "performante", "efficace", "trouvé", "attendu", "scénario", "ligne",
                              "valeur", "pour", "avec", "sans", "depuis", "réalisé", "atteint", "Règle", "Déclinaisons"]
    static let englishWords = ["all", "women", "low_qualified", "Example", "found", "expected", "noted", "headroom", "proposed",
                               "refused", "accepted", "th/", "none", "FTEs", "peer", "peers", "target", "year", "line", "value"]

    /// The output without what may stay in its own language: official labels, places, quotes.
    static func spoken(_ text: String, exempt: [String]) -> String {
        var t = text
        for e in exempt where !e.isEmpty { t = t.replacingOccurrences(of: e, with: " ") }
        // Quoted user text and file paths.
        t = t.replacingOccurrences(of: "\"[^\"\n]*\"", with: " ", options: .regularExpression)
        t = t.replacingOccurrences(of: "«[^»\n]*»", with: " ", options: .regularExpression)
        return t
    }

    static func leaks(_ text: String, words: [String]) -> [String] {
        words.filter { w in
            text.range(of: "(^|[^\\p{L}_])" + NSRegularExpression.escapedPattern(for: w) + "($|[^\\p{L}_])", options: .regularExpression) != nil
        }
    }

    /// Texts that stay as they are written: the instruction's words (labels, Fiche n°1's steps and
    /// themes, Annexe n°1's targets), names of places and programmes, the dataset's own description,
    /// and the commands themselves (echoed under an error).
    static var official: [String] {
        let d = demoDashboard
        let guide = DialogueGuide.steps.flatMap { s in
            [s.title] + s.parts.compactMap(\.title) + s.themes.flatMap { [$0.title] + $0.text } + (s.note.map { [$0.fr] } ?? [])
        } + DialogueGuide.transmission.map { "\($0.from) : \($0.what)" } + DialogueGuide.contextFamilies + [DialogueGuide.regionalWeight]
            + Funder.allCases.map(\.name)
        return Catalogue.all.flatMap { [$0.label.fr] + $0.notes.map(\.fr) } + guide + Synthesis.titles
            + DialogueGuide.directionTargets.map(\.target) + d.missions.map(\.name) + d.regions.map(\.name)
            + [demoDataset.manifest.description, "Garantie jeunes"] + Commands.all.flatMap(\.examples)
    }

    /// A line (or a wrapped piece of one) of an official text.
    static func isOfficial(_ line: Substring, _ official: [String]) -> Bool {
        // An echoed command may be cut to a window around the error, with « … » at its ends.
        var t = line.trimmingCharacters(in: .whitespaces).trimmingCharacters(in: CharacterSet(charactersIn: "…"))
        for head in ["Official label:", "Source:"] where t.hasPrefix(head) { return head == "Source:" || isOfficial(t.dropFirst(head.count), official) }
        if let close = t.firstIndex(of: "]"), t.hasPrefix("[") { t = String(t[t.index(after: close)...]).trimmingCharacters(in: .whitespaces) }
        return t.count > 12 && official.contains { $0.contains(t) }
    }

    @Test func examplesInBothLanguages() throws {
        let official = Self.official
        let exempt = official.sorted { $0.count > $1.count }
        var problems: [String] = []
        for command in Commands.all where !["avenant", "quit", "load", "workspace", ".read"].contains(command.names[0]) {
            for example in command.examples {
                for language in Language.allCases {
                    let session = demoSession()
                    session.language = language
                    session.fileAccess = false   // `to r10.svg` answers an error, in the language, and writes nothing
                    let result = session.run(example)
                    let text = Self.spoken(result.output + (result.error ?? ""), exempt: exempt)
                    let words = language == .en ? Self.frenchWords : Self.englishWords
                    for (raw, line) in zip((result.output + (result.error ?? "")).split(separator: "\n", omittingEmptySubsequences: false),
                                           text.split(separator: "\n", omittingEmptySubsequences: false)) where !Self.isOfficial(raw, official) {
                        let found = Self.leaks(String(line), words: words)
                        if !found.isEmpty { problems.append("[\(language.rawValue)] \(example) → \(found): \(line.prefix(140))") }
                    }
                }
            }
        }
        let report = "\(problems.count) lines:\n" + problems.prefix(80).joined(separator: "\n")
        #expect(problems.isEmpty, "\(report)")
    }
}
