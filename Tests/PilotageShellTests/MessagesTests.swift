import Foundation
import Testing
@testable import PilotageShell

@Suite("The message catalogues")
struct MessagesTests {
    @Test("French and English hold the same keys, each with the same number of %@")
    func sameKeys() {
        #expect(Set(Messages.french.keys) == Set(Messages.Key.allCases))
        #expect(Set(Messages.english.keys) == Set(Messages.Key.allCases))
        for key in Messages.Key.allCases {
            let fr = Messages.french[key] ?? "", en = Messages.english[key] ?? ""
            #expect(fr.components(separatedBy: "%@").count == en.components(separatedBy: "%@").count, "\(key)")
            #expect(!fr.isEmpty && !en.isEmpty, "\(key)")
        }
    }

    @Test("arguments fill the placeholders in order; typography of each language")
    func typography() {
        #expect(Messages.text(.numberExpected, .fr, "cible", "« 4x »") == "cible : nombre attendu, trouvé « 4x »")
        #expect(Messages.text(.numberExpected, .en, "target", "%@") == "target: number expected, found %@")
        #expect(Messages.colon(.fr) == " : " && Messages.colon(.en) == ": ")
        #expect((1...4).map { Messages.ordinal($0, .fr) } == ["1er", "2e", "3e", "4e"])
        #expect([1, 2, 3, 4, 11, 12, 13, 21, 22, 101].map { Messages.ordinal($0, .en) }
                == ["1st", "2nd", "3rd", "4th", "11th", "12th", "13th", "21st", "22nd", "101st"])
        #expect(Messages.quoted(String(repeating: "x", count: 100), .fr).count == 44)
        #expect(Messages.usage("avenant of ML for ANNÉE [to FICHIER.md]", .en) == "avenant of ML for YEAR [to FILE.md]")
    }

    @Test("no call site chooses between two texts by language: every message is a key of the catalogues")
    func noInlinePairs() throws {
        let sources = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../../Sources").standardizedFileURL
        // `fr ? "…" : "…"` or `language == .fr ? "…" : "…"` with words in them (typography such as
        // " : " or the decimal comma is a rule of the formatters, not a message).
        let pair = try NSRegularExpression(pattern: #"(\bfr|\.fr) \? "[^"]*[A-Za-zÀ-ÿ]{2}[^"]*" : ""#)
        let split = try NSRegularExpression(pattern: #"\.fr\s*\n\s*\? "[^"]*[A-Za-zÀ-ÿ]{2}"#)
        var found: [String] = []
        for case let url as URL in FileManager.default.enumerator(at: sources, includingPropertiesForKeys: nil)!
        where url.pathExtension == "swift" && !url.path.contains("/Messages/") {
            let text = try String(contentsOf: url, encoding: .utf8)
            // The same choice written over two lines: `lang == .fr` then `? "…"`.
            if split.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) != nil { found.append(url.lastPathComponent) }
            let lines = text.components(separatedBy: "\n")
            for (n, line) in lines.enumerated()
            where pair.firstMatch(in: line, range: NSRange(line.startIndex..., in: line)) != nil {
                found.append("\(url.lastPathComponent):\(n + 1)")
            }
        }
        #expect(found.isEmpty, "inline French/English pairs: \(found)")
        #expect(Unavailability.noPreviousYear(2015).explanation(.en) == "year 2014 is not in the dataset")
        #expect(Unavailability.meanWithoutCount("6.1").explanation(.fr) == "moyenne 6.1 non reconstituable sans la ligne 6.1.n")
    }
}
