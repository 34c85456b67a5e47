import Foundation
import Testing
@testable import PilotageShell

/// Every ```repl block of the docs is a REPL session on the demo dataset: its `pilotage> `
/// lines run in order, and what follows each is exactly what the REPL prints (errors included).
/// After an intended change: `PILOTAGE_WRITE_DOCS=1 swift test --filter DocExampleTests`.
@Suite("Examples in the docs are real output")
struct DocExampleTests {
    static let prompt = "pilotage> "
    static let files = ["README.md", "Docs/user-guide.md", "Docs/query-language.md", "Docs/negotiation.md"]

    /// The text with each repl block's output replaced by what the REPL prints now.
    static func rendered(_ text: String) -> String {
        var out: [String] = [], inBlock = false, session: Session?
        for line in text.components(separatedBy: "\n") {
            if !inBlock {
                out.append(line)
                if line == "```repl" { inBlock = true; session = demoSession() }
                continue
            }
            if line == "```" { inBlock = false; out.append(line); continue }
            guard line.hasPrefix(prompt) else { continue }   // old output: regenerated below
            out.append(line)
            let result = session!.run(String(line.dropFirst(prompt.count)))
            var printed = result.output
            if let e = result.error { printed += e + "\n" }
            if printed.hasSuffix("\n") { printed.removeLast() }
            if !printed.isEmpty { out.append(printed) }
        }
        return out.joined(separator: "\n")
    }

    @Test(arguments: files)
    func examples(_ file: String) throws {
        let path = root.appendingPathComponent(file).path
        let text = try String(contentsOfFile: path, encoding: .utf8)
        let expected = Self.rendered(text)
        if ProcessInfo.processInfo.environment["PILOTAGE_WRITE_DOCS"] != nil, expected != text {
            try expected.write(toFile: path, atomically: true, encoding: .utf8)
        }
        #expect(text.contains("```repl") || file == "README.md" || file == "Docs/user-guide.md")
        #expect(text == expected, "\(file): an example's output differs from what the REPL prints")
    }
}
