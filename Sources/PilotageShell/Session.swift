import Foundation
import PilotageOffice
import PilotageWorkspace

/// The result of one REPL line.
public struct ShellResult: Sendable {
    /// What goes to standard output.
    public var output: String
    /// What goes to standard error (a located error with a caret), `nil` on success.
    public var error: String?
    /// The line asked to leave the REPL.
    public var quit: Bool = false
    /// The answer as data, rendered by the session in the format asked for (`format F`,
    /// `to FILE`, `--format`) into `output`.
    var report: Report?
    public var succeeded: Bool { error == nil }

    public init(output: String = "", error: String? = nil, quit: Bool = false) {
        self.output = output; self.error = error; self.quit = quit
    }

    init(report: Report) { output = ""; self.report = report }
}

/// A REPL session: its language, dataset and named values. The terminal front end and the
/// tests drive it line by line; it never touches the terminal.
public final class Session {
    public var language: Language
    /// How query results print (`format csv` in the REPL, `--format csv` on the command line).
    public var outputFormat: OutputFormat = .table
    /// The folder of the current dataset (loaded on first use).
    public private(set) var datasetPath: String?
    /// Where microdata snapshots are read and written (``SnapshotCache``); `nil`: always parse.
    public var snapshotCache: SnapshotCache?
    private var loadedDataset: Dataset?
    private var loadedDashboard: Dashboard?
    /// The programme tables of the current dataset, computed the first time a query asks for one.
    private var loadedProgrammes: (path: String?, tables: ProgrammeTables)?
    /// Named pieces of queries (`let x = …`, reused as `$x`).
    public internal(set) var variables: [String: String] = [:]
    /// What the analyst builds for the dialogue (scenarios, conventions, notes, synthesis,
    /// avenant details): one value, saved by the workspace as typed records.
    public var dialogue = DialogueState()
    /// Notes on the themes of Fiche n°1, by ML and theme key (`2.3`).
    public var annotations: [String: [String: String]] {
        get { dialogue.annotations } set { dialogue.annotations = newValue }
    }
    /// What avenants need and the dataset does not hold (Chorus numbers, bank, signatories), by ML.
    public var avenantDetails: [String: Avenant.Details] {
        get { dialogue.avenantDetails } set { dialogue.avenantDetails = newValue }
    }
    /// The analyst's entries in the synthesis table, by ML and `theme.column`, and the pre-filled
    /// cells they cleared.
    public var synthesisNotes: [String: [String: [String]]] {
        get { dialogue.synthesisNotes } set { dialogue.synthesisNotes = newValue }
    }
    public var synthesisCleared: [String: Set<String>] {
        get { dialogue.synthesisCleared } set { dialogue.synthesisCleared = newValue }
    }
    /// Conventions created or changed in the session, by number (kept in the workspace).
    public internal(set) var editedConventions: [String: Convention] {
        get { dialogue.conventions } set { dialogue.conventions = newValue }
    }
    /// The workspace file the session saves into, the content it last read or wrote there, and
    /// that content's revision.
    var workspace: Workspace?
    var workspaceBase = Workspace.Content()
    var workspaceRevision: Int64 = 0
    /// Training mode: the next quiz question, whether one awaits its answer, the score.
    var quizIndex = 0, quizPending = false, quizScore = 0
    /// The scenarios of the session, by name.
    public var scenarios: [String: Scenario] {
        get { dialogue.scenarios } set { dialogue.scenarios = newValue }
    }
    /// Print how long each command takes (`timer on`).
    public var timer = false
    /// Whether commands may read and write files (`load`, `.read`, `to FILE`); the fuzzer turns it off.
    public var fileAccess = true
    /// The files `.read` is running, outermost first (a cycle is refused with its chain; 16 levels at most).
    var includeStack: [String] = []
    /// Go on past a failed line of a script, `.read` or piped input (`--keep-going`, as psql's
    /// `ON_ERROR_STOP=0` or sqlite3 without `-bail`): each error is reported with its line.
    public var keepGoing = false
    /// Asked between the steps of a long command (script lines, table rows): `true` when the user
    /// pressed Ctrl-C. The terminal sets it; the command then stops with « interrompu ».
    public var interruption: () -> Bool = { false }

    public init(language: Language = .fr, datasetPath: String? = nil) {
        self.language = language
        self.datasetPath = datasetPath
    }

    /// A session on a dashboard already computed (an embedding tool, the tests).
    public init(language: Language = .fr, datasetPath: String? = nil, dashboard: Dashboard, dataset: Dataset? = nil) {
        self.language = language
        self.datasetPath = datasetPath
        loadedDashboard = dashboard
        loadedDataset = dataset
    }

    /// Runs one line. Errors are returned, never thrown: no input can crash the session.
    ///
    /// With a workspace, the line runs on what the file holds now (another session's changes
    /// are read first), and its change is committed only if nobody wrote meanwhile; else the
    /// line runs again on the new content (``Workspace/commit(from:to:at:)``).
    public func run(_ line: String) -> ShellResult {
        let start = DispatchTime.now().uptimeNanoseconds
        var result = ShellResult()
        for _ in 0..<Self.commitAttempts {
            do throws(ShellError) { try refresh() } catch { return ShellResult(error: render(error, line: line)) }
            result = execute(line)
            guard result.succeeded, workspace != nil else { break }
            do throws(ShellError) { if try persist() { break } } catch { result.error = render(error, line: line); break }
            result = ShellResult(error: render(ShellError(Messages.text(.workspaceContention, language)), line: line))
        }
        if timer {
            let ms = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6
            let text = formatted(ms, decimals: 2, language)
            result.output += (Messages.text(.timeMs, language, "\(text)"))
        }
        return result
    }

    /// How many times a line runs again when other sessions keep writing to the workspace.
    static let commitAttempts = 200

    private func execute(_ written: String) -> ShellResult {
        var line = written
        do throws(ShellError) {
            line = try substitute(written)
            let tokens = try Lexer.tokens(line, language: language)
            guard let first = tokens.first else { return ShellResult() }
            let name = first.text.lowercased()
            guard let command = Commands.find(name) else {
                let suggestions = Suggestions.closest(to: name, among: Commands.allNames)
                throw ShellError(Messages.text(.unknownCommand, language, first.text), at: first, suggestions: suggestions)
            }
            var arguments = Arguments(tokens: Array(tokens.dropFirst()), line: line, language: language)
            let output = command.reports ? arguments.outputClauses() : nil
            var result = try command.run(self, &arguments)
            if let report = result.report {
                result = try deliver(report, output ?? .init())
            } else if let word = output?.keywords.first {
                // `format`/`to` after a command that answered with text only (`scenario new`).
                throw ShellError(Messages.text(.unexpectedArgument, language, word.text), at: word)
            }
            return result
        } catch {
            return ShellResult(error: render(error, line: line))
        }
    }

    /// Replaces each `$name` outside quotes by the text `let` gave it.
    func substitute(_ line: String) throws(ShellError) -> String {
        guard line.contains("$") else { return line }
        let chars = Array(line)
        var out = "", i = 0, quoted = false, length = 0
        while i < chars.count {
            let c = chars[i]
            if c == "\"" { quoted.toggle() }
            if c == "#", !quoted { out += String(chars[i...]); break }
            guard c == "$", !quoted else { out.append(c); i += 1; continue }
            var j = i + 1
            while j < chars.count, chars[j].isLetter || chars[j].isNumber || chars[j] == "_" { j += 1 }
            let name = String(chars[(i + 1)..<j])
            guard let value = variables[name] else {
                throw ShellError(Messages.text(.undefinedNameLet, language, "\(name)", "\(name.isEmpty ? "x" : name)"),
                                 offset: i, length: j - i, suggestions: Suggestions.closest(to: name, among: Array(variables.keys)).map { "$" + $0 })
            }
            out += value
            length += value.count
            guard length <= Self.substitutedLimit else {
                throw ShellError(Messages.text(.lineTooLongAfterLet, language, name, formatted(Double(value.count), decimals: 0, language)),
                                 offset: i, length: j - i)
            }
            i = j
        }
        return out
    }

    /// The longest line `$name` substitution may make: `let a = $a,$a,…` repeated would grow
    /// tenfold a line and exhaust memory in seven.
    static let substitutedLimit = 100_000

    /// The text of a line without its `#` comment (outside quotes).
    static func stripComment(_ text: String) -> String {
        var quoted = false
        for (i, c) in text.enumerated() {
            if c == "\"" { quoted.toggle() }
            if c == "#", !quoted { return String(text.prefix(i)).trimmingCharacters(in: .whitespaces) }
        }
        return text
    }

    // MARK: scripts

    /// The logical lines of a script: a line ending with `\` continues on the next one.
    /// Each comes with the number of its first physical line.
    public static func logicalLines(_ text: String) -> [(number: Int, text: String)] {
        var joiner = ContinuedLines(), result: [(number: Int, text: String)] = []
        for raw in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if let line = joiner.add(String(raw)) { result.append(line) }
        }
        if let last = joiner.finish() { result.append(last) }
        return result
    }

    /// Runs a script's lines in order, handing each output to `emit`; stops at the first error,
    /// which names the source and line — or, with ``keepGoing``, hands each error to `emit`'s
    /// error side and goes on. Returns the error(s) (nil when every line succeeded) and whether
    /// a line asked to quit.
    public func runScript(_ text: String, source: String?, emit: (String) throws -> Void,
                          reportError: ((String) -> Void)? = nil) rethrows -> (error: String?, quit: Bool) {
        var errors: [String] = []
        for (number, line) in Self.logicalLines(text) {
            if interruption() { return (Messages.text(.interrupted, language), false) }
            let result = run(line)
            if !result.output.isEmpty { try emit(result.output) }
            if let error = result.error {
                let place = source.map { Messages.text(.scriptLine, language, $0, String(number)) + " :\n" } ?? ""
                guard keepGoing else { return (place + error, false) }
                if let reportError { reportError(place + error) } else { errors.append(place + error) }
                failedLines += 1
            }
            if result.quit { return (errors.isEmpty ? nil : errors.joined(separator: "\n"), true) }
        }
        return (errors.isEmpty ? nil : errors.joined(separator: "\n"), false)
    }

    /// How many lines failed while ``keepGoing`` let the session go on.
    public internal(set) var failedLines = 0

    /// Marks `path` as the script being run (the command line's script), so that a `.read` of it
    /// is a cycle.
    public func enterScript(_ path: String) { includeStack.append(Self.canonical(path)) }

    private static func canonical(_ path: String) -> String {
        URL(fileURLWithPath: path).standardizedFileURL.resolvingSymlinksInPath().path
    }

    /// `.read FILE`: the file's lines run in this session.
    func include(_ path: String, token: Token) throws(ShellError) -> ShellResult {
        guard fileAccess else { throw ShellError(Messages.text(.fileAccessIsDisabled, language), at: token) }
        let canonical = Self.canonical(path)
        if let start = includeStack.firstIndex(of: canonical) {
            let chain = (includeStack[start...] + [canonical]).map { ($0 as NSString).lastPathComponent }.joined(separator: " → ")
            throw ShellError(Messages.text(.readCycleScriptCannotRead, language, "\(chain)"), at: token)
        }
        guard includeStack.count < 16 else { throw ShellError(Messages.text(.tooManyNestedInclusionsAt, language), at: token) }
        guard PathKind.isRegularFile(path), let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            throw ShellError(Messages.text(.cannotRead, language, "\(path)"), at: token, suggestions: Array(Completion.paths(path).prefix(5)))
        }
        includeStack.append(canonical)
        defer { includeStack.removeLast() }
        var output = ""
        let (error, quit) = runScript(text, source: path) { output += $0 }
        if let error { return ShellResult(output: output, error: error) }
        return ShellResult(output: output, quit: quit)
    }

    /// A report as text: in the format asked for (else the file's extension, else the
    /// session's), printed or written to the file asked for.
    func deliver(_ written: Report, _ clauses: Arguments.OutputClauses) throws(ShellError) -> ShellResult {
        var report = written
        report.language = language
        guard let (path, token) = clauses.file else {
            let format = clauses.format ?? outputFormat
            if format == .xlsx { throw ShellError(Messages.text(.workbookNeedsFile, language), at: clauses.keywords.last) }
            return ShellResult(output: report.render(format))
        }
        if path.lowercased().hasSuffix(".odt") {
            try write(document: report.render(.markdown), title: report.title, to: path, token: token)
            return ShellResult(output: Messages.text(.written, language, path))
        }
        let fileFormat = try OutputFormat.forFile(path, at: token, language)
        let format = clauses.format ?? fileFormat ?? outputFormat
        if format == .xlsx {
            try write(report.workbook(source: workbookSource), to: path, token: token)
        } else {
            try write(report.render(format), to: path, token: token)
        }
        let rows = report.tables.reduce(0) { $0 + $1.rows.count }
        return ShellResult(output: Messages.written(path, rows: rows, language))
    }

    /// Writes a command's result to a file.
    func write(_ text: String, to path: String, token: Token) throws(ShellError) {
        try write(to: path, token: token) { Array(text.utf8) }
    }

    /// Writes a Markdown document as an OpenDocument text (.odt).
    func write(document markdown: String, title: String, to path: String, token: Token) throws(ShellError) {
        try write(to: path, token: token) { () throws(ShellError) in
            do throws(OpenDocumentText.Failure) { return try OpenDocumentText.package(markdown: markdown, title: title) } catch {
                switch error {
                case .archive(let reason): throw ShellError(Messages.text(.cannotWrite, language, path, reason), at: token)
                }
            }
        }
    }

    /// The one way a command writes a file: refused when file access is off, the bytes made
    /// only then, written whole or not at all (``OutputFile``), an error naming the path.
    func write(to path: String, token: Token, _ bytes: () throws(ShellError) -> [UInt8]) throws(ShellError) {
        guard fileAccess else { throw ShellError(Messages.text(.fileAccessIsDisabled, language), at: token) }
        let content = try bytes()
        do { try OutputFile.write(bytes: content, to: path) } catch {
            throw ShellError(Messages.text(.cannotWrite, language, path, error.reason(language)), at: token)
        }
    }

    /// Throws « interrompu » when the user pressed Ctrl-C: long loops call it between steps.
    func checkInterruption() throws(ShellError) {
        if interruption() { throw ShellError(Messages.text(.interrupted, language)) }
    }

    /// Formats an error with the line and a caret under the faulty token.
    /// Long values are cut (a 10 MB token gives a line of a few dozen characters): a quoted
    /// « … » past 40 characters keeps its first 30, the line is shown around the caret.
    public func render(_ error: ShellError, line: String) -> String {
        var out = (error.namesItsSeverity ? "" : Messages.text(.error, language)) + Self.shortenedQuotes(error.message)
        if let offset = error.offset {
            let chars = Array(line), from = max(0, min(offset, chars.count) - 40)
            let to = min(chars.count, max(offset + min(error.length, 40), from) + 40)
            let shown = (from > 0 ? "…" : "") + String(chars[from..<to]) + (to < chars.count ? "…" : "")
            let caret = offset - from + (from > 0 ? 1 : 0)
            out += "\n  " + shown + "\n  " + String(repeating: " ", count: max(0, caret)) + String(repeating: "^", count: min(error.length, 40))
        }
        if !error.suggestions.isEmpty {
            out += "\n" + Messages.text(.didYouMean, language, error.suggestions.joined(separator: ", "))
        }
        return out
    }

    /// The text with every « … » (or "…") longer than 40 characters cut to its first 30 and « … ».
    static func shortenedQuotes(_ text: String) -> String {
        guard text.count > 80 else { return text }
        var out = "", quote: (close: Character, text: String)?
        for c in text {
            if var q = quote {
                if c == q.close {
                    let core = q.text.trimmingCharacters(in: .whitespaces)
                    let lead = q.text.hasPrefix(" ") ? " " : "", trail = q.text.hasSuffix(" ") ? " " : ""
                    out += core.count > 40 ? lead + String(core.prefix(30)) + " … (\(core.count))" + trail : q.text
                    out.append(c); quote = nil
                } else { q.text.append(c); quote = q }
            } else {
                out.append(c)
                if c == "«" { quote = ("»", "") } else if c == "\"" { quote = ("\"", "") }
            }
        }
        if let q = quote { out += q.text.count > 40 ? String(q.text.prefix(30)) + " …" : q.text }
        return out
    }

    // MARK: dataset

    /// The current dataset, loaded on first use.
    public func dataset() throws(ShellError) -> Dataset {
        if let loadedDataset { return loadedDataset }
        guard let datasetPath else { throw ShellError(Messages.text(.noDataset, language)) }
        do {
            let d = try Dataset.loadReadingWorkbooks(from: datasetPath, cache: snapshotCache,
                                                     interruption: interruption)
            loadedDataset = d
            return d
        } catch {
            if error.interrupted { throw ShellError(Messages.text(.interrupted, language)) }
            let lines = error.diagnostics.prefix(10).map { $0.message(language) }
            var located = ShellError(lines.joined(separator: "\n") + (error.diagnostics.count > 10 ? "\n…" : ""))
            located.namesItsSeverity = true
            throw located
        }
    }

    /// The dashboard of the current dataset, computed on first use.
    public func dashboard() throws(ShellError) -> Dashboard {
        if let loadedDashboard { return loadedDashboard }
        let d = Dashboard(try dataset())
        loadedDashboard = d
        return d
    }

    /// The programme tables of the current dataset (Garantie jeunes, CIVIS…), computed on first use.
    func programmeTables() throws(ShellError) -> ProgrammeTables {
        if let loadedProgrammes, loadedProgrammes.path == datasetPath { return loadedProgrammes.tables }
        let tables = ProgrammeTables(try dataset())
        loadedProgrammes = (datasetPath, tables)
        return tables
    }

    /// Replaces a convention of the current dataset (same number) for the rest of the session.
    func replace(_ convention: Convention) throws(ShellError) {
        let d = try dataset()
        var all = d.conventions ?? []
        if let i = all.firstIndex(where: { $0.number == convention.number }) { all[i] = convention } else { all.append(convention) }
        loadedDataset = d.with(conventions: all)
        editedConventions[convention.number] = convention
    }

    /// Switches to another dataset folder (loaded now, so that errors show at once).
    public func load(_ path: String) throws(ShellError) -> Dataset {
        guard fileAccess else { throw ShellError(Messages.text(.fileAccessIsDisabled, language)) }
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
            throw ShellError(Messages.text(.missingArgument, language, Messages.usage(what, language)), offset: line.count, length: 1)
        }
        return t
    }

    /// `format F` and `to FILE` at the end of a command that answers with a report.
    struct OutputClauses {
        var format: OutputFormat?
        var file: (String, Token)?
        /// The `format` and `to` words taken off.
        var keywords: [Token] = []
    }

    /// Takes `format F` and `to FILE` off the end of the line (in either order; `to FILE.svg`
    /// and `to` a year stay for the command: the matrix draws SVG, a convention runs `to 2022`).
    mutating func outputClauses() -> OutputClauses {
        var clauses = OutputClauses()
        while tokens.count >= 2 {
            let key = tokens[tokens.count - 2], value = tokens[tokens.count - 1]
            if clauses.format == nil, key.text.lowercased() == "format", let f = OutputFormat(rawValue: value.text.lowercased()) {
                clauses.format = f
            } else if clauses.file == nil, ["to", "vers"].contains(key.text.lowercased()), Int(value.text) == nil,
                      !value.text.lowercased().hasSuffix(".svg") {
                clauses.file = (value.text, value)
            } else { break }
            clauses.keywords.insert(key, at: 0)
            tokens.removeLast(2)
        }
        return clauses
    }

    /// A year, named by the next token: the SDK's one rule (`Day.years`).
    mutating func year() throws(ShellError) -> Int {
        let v = try required(Messages.text(.year, language))
        guard let y = Int(v.text), Day.years.contains(y) else {
            throw ShellError(Messages.text(.yearExpectedFound, language, "\(Day.years.lowerBound)", "\(Day.years.upperBound)", "\(v.text)"), at: v)
        }
        return y
    }

    /// The catalogue line named by the next token (exact id, else case-insensitive).
    mutating func indicator() throws(ShellError) -> Indicator {
        let t = try required(Messages.text(.indicatorIDExample, language))
        if let i = Catalogue.indicator(t.text) { return i }
        let folded = Catalogue.all.filter { $0.id.lowercased() == t.text.lowercased() }
        if folded.count == 1 { return folded[0] }
        throw ShellError(Messages.text(.unknownIndicator, language, t.text), at: t, suggestions: Catalogue.suggestions(for: t.text))
    }
}

/// Lines continued with a final `\`, as scripts, the terminal and piped input all read them:
/// fed one physical line at a time, it gives each logical line once complete, with the number
/// of its first physical line.
public struct ContinuedLines: Sendable {
    private var pending: (number: Int, text: String)?
    private var count = 0

    public init() {}

    /// Whether the last line asked to continue.
    public var isContinuing: Bool { pending != nil }

    /// Adds a physical line (a final `\r` is dropped); returns the logical line it completes.
    public mutating func add(_ raw: String) -> (number: Int, text: String)? {
        count += 1
        var line = raw
        if line.hasSuffix("\r") { line.removeLast() }
        let continues = line.hasSuffix("\\")
        if continues { line.removeLast() }
        let joined = pending.map { ($0.number, $0.text + " " + line) } ?? (count, line)
        pending = continues ? joined : nil
        return continues ? nil : joined
    }

    /// A logical line left open by the input's last line.
    public mutating func finish() -> (number: Int, text: String)? {
        defer { pending = nil }
        return pending
    }
}
