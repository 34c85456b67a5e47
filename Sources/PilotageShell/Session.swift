import Foundation

/// The result of one REPL line.
public struct ShellResult: Sendable {
    /// What goes to standard output.
    public var output: String
    /// What goes to standard error (a located error with a caret), `nil` on success.
    public var error: String?
    /// The line asked to leave the REPL.
    public var quit: Bool = false
    public var succeeded: Bool { error == nil }

    public init(output: String = "", error: String? = nil, quit: Bool = false) {
        self.output = output; self.error = error; self.quit = quit
    }
}

/// A REPL session: its language, dataset and named values. The terminal front end and the
/// tests drive it line by line; it never touches the terminal.
public final class Session {
    public var language: Language
    /// How query results print (`format csv` in the REPL, `--format csv` on the command line).
    public var outputFormat: OutputFormat = .table
    /// The folder of the current dataset (loaded on first use).
    public private(set) var datasetPath: String?
    private var loadedDataset: Dataset?
    private var loadedDashboard: Dashboard?

    public init(language: Language = .fr, datasetPath: String? = nil) {
        self.language = language
        self.datasetPath = datasetPath
    }

    /// Runs one line. Errors are returned, never thrown: no input can crash the session.
    public func run(_ line: String) -> ShellResult {
        do throws(ShellError) {
            let tokens = try Lexer.tokens(line, language: language)
            guard let first = tokens.first else { return ShellResult() }
            let name = first.text.lowercased()
            guard let command = Commands.find(name) else {
                let suggestions = Suggestions.closest(to: name, among: Commands.allNames)
                throw ShellError(Messages.text(.unknownCommand, language, first.text), at: first, suggestions: suggestions)
            }
            var arguments = Arguments(tokens: Array(tokens.dropFirst()), line: line, language: language)
            return try command.run(self, &arguments)
        } catch {
            return ShellResult(error: render(error, line: line))
        }
    }

    /// Formats an error with the line and a caret under the faulty token.
    public func render(_ error: ShellError, line: String) -> String {
        var out = (language == .fr ? "erreur : " : "error: ") + error.message
        if let offset = error.offset {
            out += "\n  " + line + "\n  " + String(repeating: " ", count: offset) + String(repeating: "^", count: error.length)
        }
        if !error.suggestions.isEmpty {
            out += "\n" + Messages.text(.didYouMean, language, error.suggestions.joined(separator: ", "))
        }
        return out
    }

    // MARK: dataset

    /// The current dataset, loaded on first use.
    public func dataset() throws(ShellError) -> Dataset {
        if let loadedDataset { return loadedDataset }
        guard let datasetPath else { throw ShellError(Messages.text(.noDataset, language)) }
        do {
            let d = try Dataset.load(from: datasetPath)
            loadedDataset = d
            return d
        } catch {
            let lines = error.diagnostics.prefix(10).map { $0.message(language) }
            throw ShellError(lines.joined(separator: "\n") + (error.diagnostics.count > 10 ? "\n…" : ""))
        }
    }

    /// The dashboard of the current dataset, computed on first use.
    public func dashboard() throws(ShellError) -> Dashboard {
        if let loadedDashboard { return loadedDashboard }
        let d = Dashboard(try dataset())
        loadedDashboard = d
        return d
    }

    /// Switches to another dataset folder (loaded now, so that errors show at once).
    public func load(_ path: String) throws(ShellError) -> Dataset {
        let previous = (datasetPath, loadedDataset, loadedDashboard)
        datasetPath = path; loadedDataset = nil; loadedDashboard = nil
        do { return try dataset() } catch {
            (datasetPath, loadedDataset, loadedDashboard) = previous
            throw error
        }
    }
}

/// The tokens after the command name, consumed left to right.
struct Arguments {
    var tokens: [Token]
    let line: String
    let language: Language
    var position = 0

    var isAtEnd: Bool { position >= tokens.count }
    var peek: Token? { isAtEnd ? nil : tokens[position] }
    mutating func next() -> Token? {
        defer { position += 1 }
        return peek
    }

    mutating func required(_ what: String) throws(ShellError) -> Token {
        guard let t = next() else {
            throw ShellError(Messages.text(.missingArgument, language, what), offset: line.count, length: 1)
        }
        return t
    }

    func expectEnd() throws(ShellError) {
        if let t = peek { throw ShellError(Messages.text(.unexpectedArgument, language, t.text), at: t) }
    }

    /// One value of a closed set, named by the next token (any letter case).
    mutating func choice<T: RawRepresentable & CaseIterable>(_ type: T.Type, unknown fr: String, _ en: String) throws(ShellError) -> T where T.RawValue == String {
        let options = T.allCases.map(\.rawValue)
        let t = try required(options.joined(separator: "|"))
        guard let v = T(rawValue: t.text.lowercased()) else {
            throw ShellError(language == .fr ? "\(fr) « \(t.text) »" : "\(en) \"\(t.text)\"", at: t, suggestions: options)
        }
        return v
    }

    /// The catalogue line named by the next token (exact id, else case-insensitive).
    mutating func indicator() throws(ShellError) -> Indicator {
        let t = try required(language == .fr ? "identifiant d'indicateur (ex. R5)" : "indicator id (e.g. R5)")
        if let i = Catalogue.indicator(t.text) { return i }
        let folded = Catalogue.all.filter { $0.id.lowercased() == t.text.lowercased() }
        if folded.count == 1 { return folded[0] }
        throw ShellError(Messages.text(.unknownIndicator, language, t.text), at: t, suggestions: Catalogue.suggestions(for: t.text))
    }
}
