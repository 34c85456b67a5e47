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
        #expect(MatrixCommands.matrix.usageLine == "matrix [of RÉGION|nation] [year N] [highlight ML] [scenario NOM] [to FICHIER.svg]")
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
    }

    @Test("French and English words of a clause work alike, for every declared command")
    func aliases() {
        let s = demoSession()
        #expect(s.run("brief de lyon en 2017 pairs 3").output == s.run("brief of lyon for 2017 peers 3").output)
        #expect(s.run("matrice pour 84 année 2016").output == s.run("matrix of 84 year 2016").output)
        #expect(s.run("synthese de lyon en 2017").output == s.run("synthesis of lyon for 2017").output)
    }

    @Test("Tab completion comes from the clauses")
    func completion() {
        let s = demoSession()
        _ = s.run("scenario new entrees")
        #expect(s.complete("brief of ML069-LYON ").candidates == ["for", "format", "peers", "to"])
        #expect(s.complete("brief for ").candidates == ["2016", "2017", "2018"])
        #expect(s.complete("brief of ML069-L").candidates == ["ML069-LYON"])
        #expect(s.complete("matrix scenario ").candidates == ["entrees"])
        #expect(s.complete("matrix of ").candidates.contains("84") && s.complete("matrix of ").candidates.contains("nation"))
    }
}
