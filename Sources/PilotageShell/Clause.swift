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
        /// A command's name (`help brief`).
        case command
        /// Any line of the catalogue (`explain 4.1.i`).
        case line
        /// Lines separated by commas: ids, `ratios`, `all`, an axis (`exit`), a family (`4.*`).
        case lines
        /// Territories separated by commas: ids, names, `nation`, `regions`, `mls [in RÉGION]`.
        case territories
        /// Every territory of a level: `ml [in RÉGION]` or `region`.
        case grouping
        /// Years of the dataset, all kept: `2016`, `2015,2016`, `2015-2017`, `all`.
        case years
        /// Breakdowns separated by commas.
        case breakdowns
        /// `region`, `nation`, or both (`region,nation`).
        case comparisons
        /// A line, then `asc` or `desc` if wanted.
        case sort
        /// A whole number above 0.
        case count
        /// Conditions `LIGNE < SEUIL` joined by `and` or commas.
        case filters
        /// A name that `$name` will read: letters, digits and `_`.
        case identifier
        /// The rest of the line as typed.
        case rest
        /// The words no clause names, wherever they stand (`catalogue`'s search words).
        case words
    }

    /// The canonical (English) word first, then its aliases (French); none for a positional
    /// clause, read first, in order (`seek R10 …`).
    var names: [String]
    var kind: Kind
    /// What the usage shows for the value (`ML`, `ANNÉE`).
    var placeholder: String
    var required = false
    /// The error for an unknown word of a `choice` (« thématique inconnue « %@ » »).
    var unknown: Messages.Key?
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
    /// Takes the words no other clause names.
    var isFree: Bool { if case .words = kind { return true } else { return false } }
    /// Read first, in order, without a word.
    var isPositional: Bool { names.isEmpty && !isPattern && !isFree }

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
        let text = (names.first.map { [$0] } ?? []) + (placeholder.isEmpty ? [] : [placeholder + (isFree ? "…" : "")])
        return required ? text.joined(separator: " ") : "[\(text.joined(separator: " "))]"
    }
}

/// The values of the clauses of one command line, by the clause's canonical word.
struct ClauseValues {
    enum Value {
        case ml(String), territory(Territory), year(Int), integer(Int), scenario(String), file(String, Token), flag
        case line(Indicator), number(Double), lever(Lever), leverAmounts(Lever, [Double]), text(String)
        case breakdown(Breakdown), scenarios([String]), money(Money), populations([Population])
        case lines([Indicator]), territories([Territory]), years([Int]), breakdowns([Breakdown]), texts([String])
        case sort(Indicator, ascending: Bool?), filters([Query.Filter])
    }
    /// The lever-and-amounts clauses in the order given.
    var leverAmounts: [(Lever, [Double])] = []
    /// The first token of each clause's value (to locate a later error on it).
    var tokens: [String: Token] = [:]
    /// The word of each clause given by a word (`top`).
    var keywords: [String: Token] = [:]
    var values: [String: Value] = [:]
    /// Where the line ends (a missing value the command finds out itself is located there).
    var end = 0
    /// The command line as typed (a workbook's title repeats the question).
    var line = ""

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
    func lines(_ name: String) -> [Indicator]? { get(name) { if case .lines(let v) = $0 { v } else { nil } } }
    func territories(_ name: String) -> [Territory]? { get(name) { if case .territories(let v) = $0 { v } else { nil } } }
    func years(_ name: String) -> [Int]? { get(name) { if case .years(let v) = $0 { v } else { nil } } }
    func breakdowns(_ name: String) -> [Breakdown]? { get(name) { if case .breakdowns(let v) = $0 { v } else { nil } } }
    func populations(_ name: String) -> [Population]? { get(name) { if case .populations(let v) = $0 { v } else { nil } } }
    func texts(_ name: String) -> [String]? { get(name) { if case .texts(let v) = $0 { v } else { nil } } }
    func filters(_ name: String) -> [Query.Filter]? { get(name) { if case .filters(let v) = $0 { v } else { nil } } }
    func sort(_ name: String) -> (Indicator, Bool?)? { get(name) { if case .sort(let l, let a) = $0 { (l, a) } else { nil } } }
    func has(_ name: String) -> Bool { values[name] != nil }
}

extension Arguments {
    /// Reads the clauses of a command, in any order, to the end of the line. An unknown word,
    /// a missing required clause and a bad value are errors located on the line, with the
    /// clause words (or values) that would fit.
    mutating func clauses(_ clauses: [Clause], _ session: Session) throws(ShellError) -> ClauseValues {
        var result = ClauseValues()
        result.end = line.count
        result.line = line
        for clause in clauses where clause.isPositional && (clause.required || !isAtEnd) {
            try read(clause, into: &result, session)
        }
        let keyed = clauses.filter { !$0.isPositional && !$0.isFree }, free = clauses.first(where: \.isFree)
        while let t = next() {
            // A signed number (`+6%`, `+4 %`, `+4,5 %`, `−2%`): the step, however it is spaced.
            if let step = keyed.first(where: \.isPattern), result.values[step.key] == nil, let sign = t.text.first,
               "+-−".contains(sign), t.text.dropFirst().first?.isNumber == true || t.text.count > 2 && t.text.hasSuffix("%") {
                position -= 1
                try read(step, into: &result, session)
                continue
            }
            guard let clause = keyed.first(where: { $0.names.contains(t.text.lowercased()) }) else {
                if let free {
                    result.values[free.key] = .texts((result.texts(free.key) ?? []) + [t.text.lowercased()])
                    continue
                }
                let words = keyed.map { $0.names.first ?? $0.placeholder }
                let close = Suggestions.closest(to: t.text, among: words, limit: words.count)
                throw ShellError(Messages.text(.unexpectedArgument, language, t.text), at: t,
                                 suggestions: close.isEmpty ? words : close)
            }
            guard result.values[clause.key] == nil else {
                throw ShellError(Messages.text(.isAlreadyGiven, language, "\(t.text)"), at: t)
            }
            result.keywords[clause.key] = t
            try read(clause, into: &result, session)
        }
        if let missing = clauses.first(where: { $0.required && result.values[$0.key] == nil }) {
            throw ShellError(Messages.text(.missingArgument, language, Messages.usage(missing.usage, language)), offset: line.count)
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
            guard let option = options.first(where: { $0.lowercased() == v.text.lowercased() }) else {
                let close = Suggestions.closest(to: v.text, among: options)
                let message = Messages.text(clause.unknown ?? .unexpectedArgument, language, v.text, options.joined(separator: ", "))
                throw ShellError(message, at: v,
                                 suggestions: close.isEmpty && options.count <= 8 ? options : close)
            }
            value = .text(option)
        case .text: value = .text(try required(clause.placeholder).text)
        case .file:
            let v = try required(Messages.text(.file2, language))
            value = .file(v.text, v)
        case .command, .line, .lines, .territories, .grouping, .years, .breakdowns, .comparisons, .sort, .count, .filters,
             .identifier, .rest, .words:
            value = try readMore(clause, session)
        }
        result.values[key] = value
    }

    /// The value of a clause of the query language, the help, `let` or the catalogue.
    private mutating func readMore(_ clause: Clause, _ session: Session) throws(ShellError) -> ClauseValues.Value {
        let lang = language
        func parser() throws(ShellError) -> QueryParser { QueryParser(dashboard: try session.dashboard(), lang: lang) }
        switch clause.kind {
        case .command:
            let t = try required(clause.placeholder)
            guard let c = Commands.find(t.text.lowercased()) else {
                throw ShellError(Messages.text(.unknownCommand, language, t.text), at: t,
                                 suggestions: Suggestions.closest(to: t.text, among: Commands.allNames))
            }
            return .text(c.names[0])
        case .line: return .line(try indicator())
        case .lines: return .lines(try QueryParser.lineList(&self))
        case .territories: return .territories(try parser().territoryList(&self))
        case .grouping: return .territories(try parser().grouping(&self))
        case .years: return .years(try parser().yearList(&self))
        case .breakdowns: return .populations(try parser().populations(&self))
        case .comparisons: return .texts(try QueryParser.comparisons(&self, lang))
        case .sort:
            let line = try indicator()
            guard let d = peek?.text.lowercased(), ["asc", "desc", "croissant", "décroissant"].contains(d) else {
                return .sort(line, ascending: nil)
            }
            position += 1
            return .sort(line, ascending: d == "asc" || d == "croissant")
        case .count:
            let v = try required(Messages.text(.number, language))
            guard let k = Int(v.text), k > 0 else {
                throw ShellError(Messages.text(.positiveWholeNumberExpected, language, v.text), at: v)
            }
            return .integer(k)
        case .filters:
            var list: [Query.Filter] = []
            repeat { list.append(try parser().filter(&self)) } while skip("and") || skip("et") || skip(",")
            return .filters(list)
        case .identifier:
            let t = try required(clause.placeholder)
            guard t.kind == .word, let first = t.text.first, first.isLetter || first == "_",
                  t.text.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" }) else {
                throw ShellError(Messages.text(.nameExpected, language, t.text), at: t)
            }
            return .text(t.text)
        case .rest:
            let t = try required(Messages.text(.value, language))
            position = tokens.count
            return .text(Session.stripComment(String(Array(line)[t.offset...]).trimmingCharacters(in: .whitespaces)))
        default: return .text(try required(clause.placeholder).text)
        }
    }
}

extension Clause {
    /// What Tab offers after this clause's word.
    func candidates(_ session: Session, prefix: String) -> [String] {
        let d = try? session.dashboard()
        switch kind {
        case .ml: return (d?.territories(.ml).map(\.id) ?? []) + (d.map(Clause.quotedMissionNames) ?? [])
        case .regionOrNation: return ["nation"] + (d?.territories(.region).map(\.id) ?? [])
        case .year: return d?.years.map(String.init) ?? []
        case .years: return (d?.years.map(String.init) ?? []) + ["all"]
        case .dialogueYear: return d?.years.map { String($0 + 1) } ?? []
        case .scenario, .scenarios: return session.scenarios.keys.sorted()
        case .breakdown: return Breakdown.allCodes + Breakdown.allCases.map { $0.label(.fr).replacingOccurrences(of: " ", with: "_") }
        case .breakdowns: return Population.completions
        case .file: return Completion.paths(prefix)
        case .territory, .territories: return Clause.territoryWords(d)
        case .ratio: return Catalogue.computed.filter(\.isQuotient).map(\.id)
        case .line: return Catalogue.all.map(\.id)
        case .sort, .filters: return Catalogue.computed.map(\.id)
        case .lines: return Catalogue.computed.map(\.id) + ["ratios", "all"] + Axis.allCases.map(\.rawValue)
        case .grouping: return ["ml", "region"]
        case .comparisons: return ["region", "nation"]
        case .command: return Commands.allNames.filter { $0 != "?" }
        case .lever, .leverAmounts: return Lever.allCases.map(\.rawValue)
        case .calendarYear: return (d?.years ?? []).flatMap { [String($0), String($0 + 1)] }.uniqued
        case .choice(let options): return options
        case .integer, .flag, .number, .target, .text, .amount, .money, .step, .count, .identifier, .rest, .words:
            return []
        }
    }

    /// What Tab offers within this clause's value, `typed` being the words of the value so far:
    /// nil once the value is whole (the next clauses follow); `open` when the value may go on
    /// or stop there (`sort R10` then `asc`, or the next clause).
    func completion(_ typed: [String], _ session: Session, prefix: String) -> (values: [String], open: Bool)? {
        if case .flag = kind { return nil }
        guard let last = typed.last else { return (candidates(session, prefix: prefix), false) }
        let regions = (try? session.dashboard())?.territories(.region).map(\.id) ?? []
        switch kind {
        case .territories, .grouping:
            if ["in", "dans"].contains(last) { return (regions, false) }
            if ["ml", "mls"].contains(last) { return (["in"], true) }
            return last == "," ? (candidates(session, prefix: prefix), false) : nil
        case .lines, .years, .breakdowns, .scenarios:
            return last == "," ? (candidates(session, prefix: prefix), false) : nil
        case .comparisons: return [",", "and", "et"].contains(last) ? (candidates(session, prefix: prefix), false) : nil
        case .sort: return typed.count == 1 ? (["asc", "desc"], true) : nil
        case .filters:
            // Each condition is a line, an operator, a threshold; `and` or `,` starts the next.
            let condition = typed.split(omittingEmptySubsequences: false) { [",", "and", "et"].contains($0) }.last ?? []
            switch condition.count {
            case 0: return (candidates(session, prefix: prefix), false)
            case 1: return (["<", "<=", ">", ">=", "="], false)
            case 2: return (["median", "q1", "q3", "mean", "region", "nation"], false)
            default: return nil
            }
        default: return nil
        }
    }

    /// Tab candidates for a line of clauses: after a clause's word, its values; among the
    /// positional clauses, the next one's values; otherwise the clauses not yet given.
    static func candidates(_ clauses: [Clause], after words: [String], _ session: Session, prefix: String) -> [String] {
        let keyed = clauses.filter { !$0.isPositional && !$0.names.isEmpty }
        var open: [String] = []
        if let k = words.lastIndex(where: { w in keyed.contains { $0.names.contains(w) } }) {
            let clause = keyed.first { $0.names.contains(words[k]) }!
            if let (values, more) = clause.completion(Array(words[(k + 1)...]), session, prefix: prefix) {
                guard more else { return values }
                open = values
            }
        } else {
            // The positional values typed so far; a comma joins the next word to its value.
            var values: [[String]] = []
            for w in words {
                if let last = values.indices.last, w == "," || values[last].last == "," { values[last].append(w) } else { values.append([w]) }
            }
            let positional = clauses.filter(\.isPositional)
            if let value = values.last, value.last == ",", values.count <= positional.count {
                return positional[values.count - 1].completion(value, session, prefix: prefix)?.values ?? []
            }
            if values.count < positional.count { return positional[values.count].candidates(session, prefix: prefix) }
        }
        return open + keyed.filter { c in !c.names.contains { words.contains($0) } }.map { $0.names[0] }
    }

    /// Territory keywords, ids and quoted names.
    static func territoryWords(_ d: Dashboard?) -> [String] {
        guard let d else { return ["nation", "mls", "regions"] }
        return ["nation", "mls", "regions"] + d.territories(.ml).map(\.id) + d.territories(.region).map(\.id)
            + quotedMissionNames(d) + d.regions.map { "\"\($0.name)\"" }
    }

    /// MLs as typed between quotes: the whole name, and the name without « Mission locale de »
    /// (`"Saint-Étienne"`), which `show … of` resolves too.
    static func quotedMissionNames(_ d: Dashboard) -> [String] {
        d.missions.flatMap { m -> [String] in
            let short = ["Mission locale de ", "Mission locale d'", "Mission locale du ", "Mission locale des "]
                .first { m.name.hasPrefix($0) }.map { String(m.name.dropFirst($0.count)) }
            return ["\"\(m.name)\""] + (short.map { ["\"\($0)\""] } ?? [])
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
    /// The usage, from the declaration: the clauses of the command without a verb, then each
    /// sub-verb with its own.
    var usageLine: String {
        let plain = main.map { $0.clauses.isEmpty ? [] : [Clause.usage($0.clauses)] } ?? []
        let parts = plain + subcommands.map(\.usage)
        return parts.isEmpty ? names[0] : names[0] + " " + parts.joined(separator: " | ")
    }

    /// Tab candidates from the declaration: the sub-verbs, then the clauses of the one typed
    /// (or of the command without a verb), with `format F` and `to FILE` for a report.
    func candidates(after words: [String], _ session: Session, prefix: String) -> [String] {
        if let first = words.first, let sub = subcommands.first(where: { $0.names.contains(first) }) {
            return Clause.candidates(withOutput(sub.clauses), after: Array(words.dropFirst()), session, prefix: prefix)
        }
        let verbs = words.isEmpty ? subcommands.map { $0.names[0] } : []
        guard let main else { return verbs }
        return verbs + Clause.candidates(withOutput(main.clauses), after: words, session, prefix: prefix)
    }

    /// The clauses with the output clauses of a report that the command does not declare itself.
    private func withOutput(_ clauses: [Clause]) -> [Clause] {
        guard reports else { return clauses }
        let output = [Clause(names: ["format"], kind: .choice(OutputFormat.allCases.map(\.rawValue)), placeholder: "F"),
                      Clause(names: ["to", "vers"], kind: .file, placeholder: "FICHIER")]
        return clauses + output.filter { o in !clauses.contains { $0.names.contains(o.names[0]) } }
    }
}
