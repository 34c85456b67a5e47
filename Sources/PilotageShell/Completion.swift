import Foundation

/// Context-aware completion of a REPL line.
public struct Completion: Hashable, Sendable {
    /// Where the word being completed starts (character offset).
    public var start: Int
    /// The candidates for that word, sorted.
    public var candidates: [String]
}

extension Session {
    /// Candidates for the word before `cursor` (the end of the line by default).
    public func complete(_ line: String, cursor: Int? = nil) -> Completion {
        let chars = Array(line)
        let end = min(cursor ?? chars.count, chars.count)
        var start = end
        while start > 0, !chars[start - 1].isWhitespace, !Lexer.symbolCharacters.contains(chars[start - 1]) { start -= 1 }
        // Inside an open quote, the word is everything from the quote (names have spaces).
        if let quote = chars[0..<end].lastIndex(of: "\""), chars[0..<end].filter({ $0 == "\"" }).count % 2 == 1 { start = quote }
        // So is an open French quote: `« saint` completes as `"saint` does (to `"Saint-Étienne"`).
        if let quote = chars[0..<end].lastIndex(of: "«"), chars[quote..<end].allSatisfy({ $0 != "»" }) { start = quote }
        var prefix = String(chars[start..<end])
        if prefix.hasPrefix("«") { prefix = "\"" + prefix.dropFirst().drop { $0.isWhitespace } }
        let before = (try? Lexer.tokens(String(chars[0..<start]), language: language)) ?? []
        let words = before.map { $0.text.lowercased() }
        var pool: [String]
        if words.isEmpty {
            pool = Commands.allNames.filter { $0 != "?" }
        } else if let command = Commands.find(words[0]) {
            let after = Array(words.dropFirst())
            pool = command.candidates(after: after, self, prefix: prefix)
        } else {
            pool = []
        }
        // Accents and case ignored: `"saint-e` finds `"Saint-Étienne"`; without its quote, `val`
        // finds `"Valence"` too (the word is replaced by the quoted name).
        let typed = Suggestions.fold(prefix)
        let matches = Set(pool.filter { c in
            let name = Suggestions.fold(c)
            return name.hasPrefix(typed) || !typed.isEmpty && !typed.hasPrefix("\"") && name.hasPrefix("\"" + typed)
        })
        // Catalogue ids in catalogue order, other words alphabetically.
        func key(_ s: String) -> (Int, String) { (Catalogue.indicator(s)?.order ?? Int.max, s) }
        return Completion(start: start, candidates: matches.sorted { key($0) < key($1) })
    }
}

extension Completion {
    /// Files and folders starting with `prefix` (folders end with `/`).
    static func paths(_ prefix: String) -> [String] {
        let expanded = prefix.hasPrefix("~") ? (prefix as NSString).expandingTildeInPath : prefix
        let dir = expanded.hasSuffix("/") ? expanded : folder(of: expanded)
        let listed = dir.isEmpty ? "." : dir
        guard let entries = try? FileManager.default.contentsOfDirectory(atPath: listed) else { return [] }
        let shownDir = prefix.hasSuffix("/") ? prefix : folder(of: prefix)
        return entries.filter { !$0.hasPrefix(".") }.map { name in
            var isDir: ObjCBool = false
            _ = FileManager.default.fileExists(atPath: (listed as NSString).appendingPathComponent(name), isDirectory: &isDir)
            let shown = shownDir.isEmpty ? name : (shownDir.hasSuffix("/") ? shownDir + name : shownDir + "/" + name)
            return shown + (isDir.boolValue ? "/" : "")
        }
    }

    /// The part before the last `/` ("" for a bare name, "/" for a root entry). Foundation's
    /// `deletingLastPathComponent` traps on one-character names (found by the fuzzer).
    static func folder(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "" }
        return slash == path.startIndex ? "/" : String(path[..<slash])
    }

    /// The longest common prefix of the candidates.
    public var commonPrefix: String {
        guard var p = candidates.first else { return "" }
        for c in candidates.dropFirst() {
            while !Suggestions.fold(c).hasPrefix(Suggestions.fold(p)) { p.removeLast() }
        }
        return p
    }
}
