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
}
