import Foundation
import Testing
@testable import PilotageShell

/// The docs never drift from the code: regenerate with `PILOTAGE_WRITE_DOCS=1 swift test --filter DocsTests`.
@Suite("Docs follow the code")
struct DocsTests {
    @Test(arguments: [Language.fr, .en])
    func indicatorReferenceIsGenerated(_ lang: Language) throws {
        let path = root.appendingPathComponent("Docs/indicators-\(lang.rawValue).md").path
        let expected = Explanation.reference(lang)
        if ProcessInfo.processInfo.environment["PILOTAGE_WRITE_DOCS"] != nil {
            try expected.write(toFile: path, atomically: true, encoding: .utf8)
        }
        let committed = try String(contentsOfFile: path, encoding: .utf8)
        #expect(committed == expected, "Docs/indicators-\(lang.rawValue).md differs from the catalogue: regenerate it")
    }

    @Test func everyDatasetRuleIsDocumented() throws {
        let doc = try String(contentsOfFile: root.appendingPathComponent("Docs/dataset-format.md").path, encoding: .utf8)
        for rule in DatasetRule.allCases { #expect(doc.contains("`\(rule.rawValue)`"), "\(rule.rawValue)") }
    }
}
