import Foundation
import Testing
@testable import Pilotage

@Suite("Amounts in French words (article 2 of the avenant)")
struct FrenchNumberTests {
    @Test(arguments: [
        (0, "zéro"), (1, "un"), (16, "seize"), (17, "dix-sept"), (21, "vingt et un"), (22, "vingt-deux"), (31, "trente et un"),
        (70, "soixante-dix"), (71, "soixante et onze"), (72, "soixante-douze"), (77, "soixante-dix-sept"), (80, "quatre-vingts"),
        (81, "quatre-vingt-un"), (90, "quatre-vingt-dix"), (91, "quatre-vingt-onze"), (99, "quatre-vingt-dix-neuf"),
        (100, "cent"), (101, "cent un"), (180, "cent quatre-vingts"), (200, "deux cents"), (201, "deux cent un"),
        (280, "deux cent quatre-vingts"), (1000, "mille"), (1001, "mille un"), (2000, "deux mille"),
        (80_000, "quatre-vingt mille"), (200_000, "deux cent mille"), (123_456, "cent vingt-trois mille quatre cent cinquante-six"),
        (1_000_000, "un million"), (2_000_000, "deux millions"), (80_000_000, "quatre-vingts millions"),
        (200_000_000, "deux cents millions"), (1_200_021, "un million deux cent mille vingt et un"),
    ])
    func words(_ n: Int, _ expected: String) {
        #expect(FrenchNumber.words(n) == expected)
    }

    @Test func euros() {
        #expect(FrenchNumber.euros(cents: 0) == "zéro euro")
        #expect(FrenchNumber.euros(cents: 100) == "un euro")
        #expect(FrenchNumber.euros(cents: 2_100) == "vingt et un euros")
        #expect(FrenchNumber.euros(cents: 7_100) == "soixante et onze euros")
        #expect(FrenchNumber.euros(cents: 8_000) == "quatre-vingts euros")
        #expect(FrenchNumber.euros(cents: 100_000) == "mille euros")
        #expect(FrenchNumber.euros(cents: 100_000_000) == "un million d'euros")
        #expect(FrenchNumber.euros(cents: 300_000_000) == "trois millions d'euros")
        #expect(FrenchNumber.euros(cents: 100_000_100) == "un million un euros")
        #expect(FrenchNumber.euros(cents: 12_345_678) == "cent vingt-trois mille quatre cent cinquante-six euros et soixante-dix-huit centimes")
        #expect(FrenchNumber.euros(cents: 101) == "un euro et un centime")
        #expect(FrenchNumber.euros(cents: 20_001) == "deux cents euros et un centime")
        #expect(FrenchNumber.figures(cents: 12_345_678) == "123\u{202F}456,78\u{202F}€")
        #expect(FrenchNumber.figures(cents: 5) == "0,05\u{202F}€")
    }
}
