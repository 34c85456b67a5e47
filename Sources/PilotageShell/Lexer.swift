/// A token of a REPL line, with its position for error carets.
public struct Token: Hashable, Sendable {
    public enum Kind: Hashable, Sendable {
        /// A bare word: a command, a keyword, an identifier (`R5`, `4.1.f`, `ML069-LYON`, `2016`).
        case word
        /// A quoted string (`"Mission locale de Lyon"`); the text is unquoted.
        case string
        /// `,` `=` `<` `>` `<=` `>=` `(` `)` `|`
        case symbol
    }
    public var kind: Kind
    public var text: String
    /// Character offset in the line.
    public var offset: Int
    /// Length in characters as written.
    public var length: Int
}

/// An error in a REPL line, located at a character offset.
public struct ShellError: Error, Hashable, Sendable {
    public var message: String
    /// Character offset of the faulty token (`nil`: the whole line).
    public var offset: Int?
    public var length: Int
    /// Closest valid alternatives.
    public var suggestions: [String]
    /// Whether each line of the message names its own severity (a dataset's located errors,
    /// « youth.csv:3:5: erreur: … »): rendered without the « erreur : » in front.
    public var namesItsSeverity = false

    public init(_ message: String, at token: Token? = nil, suggestions: [String] = []) {
        self.message = message
        offset = token?.offset
        length = max(1, token?.length ?? 1)
        self.suggestions = suggestions
    }

    public init(_ message: String, offset: Int, length: Int = 1, suggestions: [String] = []) {
        self.message = message; self.offset = offset; self.length = max(1, length); self.suggestions = suggestions
    }
}

/// Splits a line into tokens. `#` starts a comment to the end of the line. Text is quoted with
/// `"…"` (a `""` inside stands for one `"`) or with French guillemets `« … »` (the spaces
/// inside them are typography, not text).
enum Lexer {
    static let symbolCharacters: Set<Character> = [",", "=", "<", ">", "(", ")", "|"]

    static func tokens(_ line: String, language: Language) throws(ShellError) -> [Token] {
        let chars = Array(line)
        var tokens: [Token] = []
        var i = 0
        while i < chars.count {
            let c = chars[i]
            if c.isWhitespace { i += 1; continue }
            if c == "#" { break }
            if c == "\"" {
                var text = "", j = i + 1, closed = false
                while j < chars.count {
                    if chars[j] == "\"" {
                        if j + 1 < chars.count, chars[j + 1] == "\"" { text.append("\""); j += 2; continue }
                        closed = true; break
                    }
                    text.append(chars[j]); j += 1
                }
                guard closed else { throw ShellError(Messages.text(.unclosedQuote, language), offset: i, length: chars.count - i) }
                tokens.append(Token(kind: .string, text: text, offset: i, length: j + 1 - i))
                i = j + 1
                continue
            }
            if c == "«" {
                guard let close = chars[(i + 1)...].firstIndex(of: "»") else {
                    throw ShellError(Messages.text(.unclosedQuote, language), offset: i, length: chars.count - i)
                }
                let text = String(chars[(i + 1)..<close]).trimmingCharacters(in: .whitespaces)
                tokens.append(Token(kind: .string, text: text, offset: i, length: close + 1 - i))
                i = close + 1
                continue
            }
            if symbolCharacters.contains(c) {
                if (c == "<" || c == ">"), i + 1 < chars.count, chars[i + 1] == "=" {
                    tokens.append(Token(kind: .symbol, text: String([c, "="]), offset: i, length: 2)); i += 2
                } else {
                    tokens.append(Token(kind: .symbol, text: String(c), offset: i, length: 1)); i += 1
                }
                continue
            }
            var j = i
            while j < chars.count, !chars[j].isWhitespace, !symbolCharacters.contains(chars[j]), chars[j] != "\"", chars[j] != "«", chars[j] != "#" { j += 1 }
            tokens.append(Token(kind: .word, text: String(chars[i..<j]), offset: i, length: j - i))
            i = j
        }
        return tokens
    }
}
