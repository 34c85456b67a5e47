import Foundation

/// A typed clause of a command (`of ML`, `for 2017`, `peers 5`): its words in both languages and
/// the type of its value. A command that declares its clauses gets its parsing, usage, Tab
/// completion and errors (with suggestions) from them; each type validates once, here.
struct Clause: Sendable {
    /// The value a clause takes.
    enum Kind: Sendable {
        /// A Mission locale (id, name or part of a name).
        case ml
        /// A region or the nation.
        case regionOrNation
        /// A year of the dataset (`year 2016`; several, the last is kept).
        case year
        /// The year of a dialogue, which reads the results of the year before.
        case dialogueYear
        /// A whole number within bounds.
        case integer(ClosedRange<Int>)
        /// A scenario of the session.
        case scenario
        /// Any territory: an ML, a region or the nation.
        case territory
        /// A quotient of the catalogue (a ratio or an amount per young person).
        case ratio
        /// A number as typed (`3`, `2,5`): ``TypedNumber``.
        case number
        /// A value of the command's ratio (`37,5 %`, `0,375`; a bare `37,5` is refused for a rate).
        case target
        /// A lever of the scenarios.
        case lever
        /// A lever and its amounts, `national_entries 0, 50, 100` (at most 25).
        case leverAmounts
        /// A calendar year, not necessarily in the dataset (`Day.years`).
        case calendarYear
        /// One word of a closed list.
        case choice([String])
        /// Any word or quoted text (a name, a note).
        case text
        /// A decimal amount (`100`, `-20`, `1.5`, `160_000`).
        case amount
        /// A breakdown (`women`).
        case breakdown
        /// Scenarios of the session, `a,b`.
        case scenarios
        /// Euros to the cent, 0 or more.
        case money
        /// A signed percentage written alone, `+6%` or `-2%` (a clause without a word, found
        /// by its form wherever it stands).
        case step
        /// A file name.
        case file
        /// No value: the word alone (`clamp`).
        case flag
    }

    /// The canonical (English) word first, then its aliases (French); none for a positional
    /// clause, read first, in order (`seek R10 …`).
    var names: [String]
    var kind: Kind
    /// What the usage shows for the value (`ML`, `ANNÉE`).
    var placeholder: String
    var required = false
    /// What an unknown word of a `choice` is called in its error (« thématique inconnue »).
    var unknown: LocalizedText?
    /// Flags side by side that exclude each other (`increase`, `decrease`): the usage shows them
    /// as one choice.
    var exclusive = false

    static func ml(required: Bool = true) -> Clause {
        Clause(names: ["of", "pour", "de"], kind: .ml, placeholder: "ML", required: required)
    }
    static let dialogueYear = Clause(names: ["for", "en"], kind: .dialogueYear, placeholder: "ANNÉE_DU_DIALOGUE")
    static let year = Clause(names: ["year", "année", "annee"], kind: .year, placeholder: "N")

    /// A positional clause's key: its placeholder.
    var key: String { names.first ?? placeholder }

    /// A clause found by the form of its value rather than by a word (`+6%`).
    var isPattern: Bool { if case .step = kind { return true } else { return false } }
    /// Read first, in order, without a word.
    var isPositional: Bool { names.isEmpty && !isPattern }

    /// The usage of clauses in order; exclusive clauses side by side read as one choice:
    /// `[increase|decrease]` for flags, `(= SOCLE | +X%)` for values.
    static func usage(_ clauses: [Clause]) -> String {
        var parts: [String] = [], group: [Clause] = []
        func flush() {
            guard !group.isEmpty else { return }
            if group.allSatisfy({ if case .flag = $0.kind { return true } else { return false } }) {
                parts.append("[\(group.map { $0.names[0] }.joined(separator: "|"))]")
            } else {
                let choices = group.map { c in ((c.names.first.map { [$0] } ?? []) + [c.placeholder]).joined(separator: " ") }
                parts.append("(" + choices.joined(separator: " | ") + ")")
            }
            group = []
        }
        for c in clauses {
            if c.exclusive { group.append(c); continue }
            flush()
            parts.append(c.usage)
        }
        flush()
        return parts.joined(separator: " ")
    }

    /// `of ML` in a usage, `[for ANNÉE]` when optional.
    var usage: String {
        let text = (names.first.map { [$0] } ?? []) + (placeholder.isEmpty ? [] : [placeholder])
        return required ? text.joined(separator: " ") : "[\(text.joined(separator: " "))]"
    }
}

/// The values of the clauses of one command line, by the clause's canonical word.
struct ClauseValues {
    enum Value {
        case ml(String), territory(Territory), year(Int), integer(Int), scenario(String), file(String, Token), flag
        case line(Indicator), number(Double), lever(Lever), leverAmounts(Lever, [Double]), text(String)
        case breakdown(Breakdown), scenarios([String]), money(Money)
    }
    /// The lever-and-amounts clauses in the order given.
    var leverAmounts: [(Lever, [Double])] = []
    /// The first token of each clause's value (to locate a later error on it).
    var tokens: [String: Token] = [:]
    var values: [String: Value] = [:]

    private func get<T>(_ name: String, _ pick: (Value) -> T?) -> T? { values[name].flatMap(pick) }
    func ml(_ name: String) -> String? { get(name) { if case .ml(let v) = $0 { v } else { nil } } }
    func territory(_ name: String) -> Territory? { get(name) { if case .territory(let v) = $0 { v } else { nil } } }
    func year(_ name: String) -> Int? { get(name) { if case .year(let v) = $0 { v } else { nil } } }
    func integer(_ name: String) -> Int? { get(name) { if case .integer(let v) = $0 { v } else { nil } } }
    func scenario(_ name: String) -> String? { get(name) { if case .scenario(let v) = $0 { v } else { nil } } }
    func file(_ name: String) -> (String, Token)? { get(name) { if case .file(let p, let t) = $0 { (p, t) } else { nil } } }
    func money(_ name: String) -> Money? { get(name) { if case .money(let v) = $0 { v } else { nil } } }
    func breakdown(_ name: String) -> Breakdown? { get(name) { if case .breakdown(let v) = $0 { v } else { nil } } }
    func scenarios(_ name: String) -> [String]? { get(name) { if case .scenarios(let v) = $0 { v } else { nil } } }
    func text(_ name: String) -> String? { get(name) { if case .text(let v) = $0 { v } else { nil } } }
    func line(_ name: String) -> Indicator? { get(name) { if case .line(let v) = $0 { v } else { nil } } }
    func number(_ name: String) -> Double? { get(name) { if case .number(let v) = $0 { v } else { nil } } }
    func lever(_ name: String) -> Lever? { get(name) { if case .lever(let v) = $0 { v } else { nil } } }
    func has(_ name: String) -> Bool { values[name] != nil }
}

extension Arguments {
    /// Reads the clauses of a command, in any order, to the end of the line. An unknown word,
    /// a missing required clause and a bad value are errors located on the line, with the
    /// clause words (or values) that would fit.
    mutating func clauses(_ clauses: [Clause], _ session: Session) throws(ShellError) -> ClauseValues {
        var result = ClauseValues()
        for clause in clauses where clause.isPositional { try read(clause, into: &result, session) }
        let keyed = clauses.filter { !$0.isPositional }
        while let t = next() {
            if let step = keyed.first(where: \.isPattern), result.values[step.key] == nil, t.text.count > 2,
               t.text.hasPrefix("+") || t.text.hasPrefix("-"), t.text.hasSuffix("%") {
                position -= 1
                try read(step, into: &result, session)
                continue
            }
            guard let clause = keyed.first(where: { $0.names.contains(t.text.lowercased()) }) else {
                let words = keyed.map { $0.names.first ?? $0.placeholder }
                let close = Suggestions.closest(to: t.text, among: words, limit: words.count)
                throw ShellError(Messages.text(.unexpectedArgument, language, t.text), at: t,
                                 suggestions: close.isEmpty ? words : close)
            }
            guard result.values[clause.key] == nil else {
                throw ShellError(Messages.text(.isAlreadyGiven, language, "\(t.text)"), at: t)
            }
            try read(clause, into: &result, session)
        }
        if let missing = clauses.first(where: { $0.required && result.values[$0.key] == nil }) {
            throw ShellError(Messages.text(.missingArgument, language, missing.usage), offset: line.count)
        }
        return result
    }

    /// The value of one clause, its word already read.
    private mutating func read(_ clause: Clause, into result: inout ClauseValues,
                               _ session: Session) throws(ShellError) {
        let key = clause.key, lang = language
        func parser() throws(ShellError) -> QueryParser { QueryParser(dashboard: try session.dashboard(), lang: lang) }
        func error(_ message: Messages.Key, _ args: String..., at token: Token?) -> ShellError {
            ShellError(Messages.text(message, lang, args), at: token)
        }
        result.tokens[key] = peek
        var value: ClauseValues.Value
        switch clause.kind {
        case .flag: value = .flag
        case .ml: value = .ml(try parser().mission(&self))
        case .territory: value = .territory(try parser().territory(try required(Messages.text(.territory2, language))))
        case .regionOrNation:
            let v = try required(Messages.text(.regionOrNation, language))
            if ["nation", "france", "fr"].contains(v.text.lowercased()) { value = .territory(.nation); break }
            let r = try parser().territory(v)
            guard r.level == .region else {
                throw error(.regionOrNationExpected, at: v)
            }
            value = .territory(r)
        case .year:
            guard let y = try parser().yearList(&self).last else { return }
            value = .year(y)
        case .calendarYear: value = .year(try year())
        case .dialogueYear:
            let d = try session.dashboard()
            let v = try required(Messages.text(.dialogueYear, language))
            guard let y = Int(v.text), Day.years.contains(y), d.years.contains(y - 1) else {
                var e = error(.dialogueReadsMissingYear, v.text, at: v)
                e.suggestions = d.years.map { String($0 + 1) }
                throw e
            }
            value = .year(y)
        case .integer(let range):
            let v = try required(clause.placeholder)
            guard let n = Int(v.text), range.contains(n) else {
                let (low, high) = (range.lowerBound, range.upperBound)
                throw error(.wholeNumberExpected, String(low), String(high), v.text, at: v)
            }
            value = .integer(n)
        case .ratio:
            let l = try indicator()
            guard l.isQuotient else { throw error(.isNotRatio, l.id, at: tokens[position - 1]) }
            value = .line(l)
        case .number:
            value = .number(try number(Messages.usage(clause.placeholder, language).lowercased()).0.value)
        case .target:
            let line = result.values.values.lazy.compactMap { if case .line(let l) = $0 { l } else { nil } }.first
            let what = Messages.usage(clause.placeholder, language).lowercased(), at = peek
            let target = try self.value(of: line, what)
            // Every line of the catalogue counts, sums or divides non-negative numbers.
            guard target >= 0 else {
                throw ShellError(Messages.text(.negativeTarget, language, what), offset: at?.offset ?? 0, length: at?.length ?? 1)
            }
            value = .number(target)
        case .amount:
            value = .number(try number(Messages.text(.amount, language)).0.value)
        case .money: value = .money(try money(Messages.text(.amount, language)))
        case .step: value = .number(try percentStep(Messages.usage(clause.placeholder, language)))
        case .lever: value = .lever(try parser().lever(&self).1)
        case .leverAmounts:
            let (l, lever) = try parser().lever(&self)
            let amounts = try numberList(Messages.text(.amount, language)).map(\.0.value)
            guard amounts.count <= 25 else { throw error(.atMost25Amounts, at: l) }
            value = .leverAmounts(lever, amounts)
            result.leverAmounts.append((lever, amounts))
        case .breakdown: value = .breakdown(try parser().breakdown(&self))
        case .scenario: value = .scenario(try ScenarioCommands.existing(&self, session))
        case .scenarios:
            var names = [try ScenarioCommands.existing(&self, session)]
            while skip(",") { names.append(try ScenarioCommands.existing(&self, session)) }
            value = .scenarios(names)
        case .choice(let options):
            let v = try required(options.joined(separator: "|"))
            guard options.contains(v.text.lowercased()) else {
                let close = Suggestions.closest(to: v.text, among: options)
                let message = clause.unknown.map { "\($0.text(language)) « \(v.text) »" }
                throw ShellError(message ?? Messages.text(.unexpectedArgument, language, v.text), at: v,
                                 suggestions: close.isEmpty && options.count <= 8 ? options : close)
            }
            value = .text(v.text.lowercased())
        case .text: value = .text(try required(clause.placeholder).text)
        case .file:
            let v = try required(Messages.text(.file2, language))
            value = .file(v.text, v)
        }
        result.values[key] = value
    }
}

extension Clause {
    /// What Tab offers after this clause's word.
    func candidates(_ session: Session, prefix: String) -> [String] {
        let d = try? session.dashboard()
        switch kind {
        case .ml: return (d?.territories(.ml).map(\.id) ?? []) + (d.map(QueryCompletion.quotedMissionNames) ?? [])
        case .regionOrNation: return ["nation"] + (d?.territories(.region).map(\.id) ?? [])
        case .year: return d?.years.map(String.init) ?? []
        case .dialogueYear: return d?.years.map { String($0 + 1) } ?? []
        case .scenario, .scenarios: return session.scenarios.keys.sorted()
        case .breakdown: return Breakdown.allCodes + Breakdown.allCases.map { $0.label(.fr).replacingOccurrences(of: " ", with: "_") }
        case .file: return Completion.paths(prefix)
        case .territory: return QueryCompletion.territoryWords(d)
        case .ratio: return Catalogue.computed.filter(\.isQuotient).map(\.id)
        case .lever, .leverAmounts: return Lever.allCases.map(\.rawValue)
        case .calendarYear: return (d?.years ?? []).flatMap { [String($0), String($0 + 1)] }.uniqued
        case .choice(let options): return options
        case .integer, .flag, .number, .target, .text, .amount, .money, .step: return []
        }
    }
}

/// A sub-verb of a command (`objective propose …`), declared as its words and its clauses.
struct Subcommand: Sendable {
    /// The canonical (English) word first, then its aliases (French).
    var names: [String]
    var clauses: [Clause]
    var run: @Sendable (Session, ClauseValues) throws(ShellError) -> ShellResult

    var usage: String { clauses.isEmpty ? names[0] : names[0] + " " + Clause.usage(clauses) }

    /// Runs the sub-verb the next word names (or `fallback`, the command without a verb, when
    /// the word is none of them): its clauses parsed, then its body.
    static func dispatch(_ subs: [Subcommand], fallback: Subcommand? = nil, _ session: Session,
                         _ args: inout Arguments) throws(ShellError) -> ShellResult {
        if let word = args.peek, let sub = subs.first(where: { $0.names.contains(word.text.lowercased()) }) {
            _ = args.next()
            return try sub.run(session, try args.clauses(sub.clauses, session))
        }
        if let fallback { return try fallback.run(session, try args.clauses(fallback.clauses, session)) }
        let verbs = subs.map { $0.names[0] }
        let t = try args.required(verbs.joined(separator: "|"))
        let close = Suggestions.closest(to: t.text, among: verbs)
        throw ShellError(Messages.text(.unexpectedArgument, args.language, t.text), at: t, suggestions: close.isEmpty ? verbs : close)
    }
}

extension Array where Element == String {
    /// The elements in order, each once.
    var uniqued: [String] {
        var seen = Set<String>()
        return filter { seen.insert($0).inserted }
    }
}

extension Command {
    /// The usage: declared clauses or sub-verbs when the command has them, else its text.
    var usageLine: String {
        if !subcommands.isEmpty {
            let verbs = subcommands.map(\.usage)
            let plain = clauses.isEmpty ? [] : [Clause.usage(clauses)]
            return names[0] + " " + (plain + verbs).joined(separator: " | ")
        }
        return clauses.isEmpty ? usage : names[0] + " " + Clause.usage(clauses)
    }

    /// Tab candidates from the declared clauses: after a clause's word, its values; otherwise
    /// the clauses not yet given. Nil for a command without declared clauses.
    func clauseCandidates(after words: [String], _ session: Session, prefix: String) -> [String]? {
        if !subcommands.isEmpty {
            guard let first = words.first else {
                return subcommands.map { $0.names[0] } + clauses.compactMap(\.names.first)
            }
            if let sub = subcommands.first(where: { $0.names.contains(first) }) {
                var inner = self
                inner.subcommands = []
                inner.clauses = sub.clauses
                return inner.clauseCandidates(after: Array(words.dropFirst()), session, prefix: prefix)
            }
        }
        guard !clauses.isEmpty else { return nil }
        let positional = clauses.filter(\.isPositional)
        if words.count < positional.count { return positional[words.count].candidates(session, prefix: prefix) }
        if let last = words.last, let clause = clauses.first(where: { $0.names.contains(last) }), !isFlag(clause) {
            return clause.candidates(session, prefix: prefix)
        }
        // The output clauses of a report (`format F`, `to FILE`).
        if reports, words.last == "format" { return OutputFormat.allCases.map(\.rawValue) }
        if reports, let last = words.last, ["to", "vers"].contains(last) { return Completion.paths(prefix) }
        return clauses.filter { c in !c.names.isEmpty && !c.names.contains { words.contains($0) } }.map { $0.names[0] }
            + (reports ? ["format", "to"] : [])
    }

    private func isFlag(_ c: Clause) -> Bool { if case .flag = c.kind { return true } else { return false } }
}
