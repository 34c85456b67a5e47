import Foundation

/// `objective propose|set|list`: the objectives of an ML's convention.
enum ObjectiveCommands {
    static let ratio = Clause(names: [], kind: .ratio, placeholder: "RATIO", required: true)
    static let forYear = Clause(names: ["for", "en"], kind: .calendarYear, placeholder: "ANNÉE")
    static let directions = [Clause(names: ["increase", "hausse"], kind: .flag, placeholder: "", exclusive: true),
                             Clause(names: ["decrease", "baisse"], kind: .flag, placeholder: "", exclusive: true)]

    static let subcommands: [Subcommand] = [
        Subcommand(names: ["propose", "proposer"],
                   clauses: [ratio, .ml(), forYear, Clause(names: ["points"], kind: .number, placeholder: "X")] + directions, run: propose),
        Subcommand(names: ["set", "fixer"],
                   clauses: [ratio, .ml(), forYear, Clause(names: ["="], kind: .target, placeholder: "CIBLE", required: true)] + directions, run: set),
        Subcommand(names: ["list", "liste"], clauses: [.ml()], run: list),
    ]

    static let objective = Command(
        names: ["objective", "objectif"],
        summary: .init(fr: "propose, fixe et suit les objectifs d'une ML : écart en points, en jeunes, composante qui le fait bouger",
                       en: "proposes, sets and follows an ML's objectives: gap in points, in young people, the component that moves it"),
        examples: ["objective propose R10 of ML069-LYON for 2017", "objective set R10 of ML069-LYON for 2017 = 42%", "objective list of ML069-LYON"],
        reports: true, subcommands: subcommands)

    /// The analyst's word (`increase`, `decrease`), else the line's own direction (R8 and R11 go down).
    static func direction(_ c: ClauseValues, _ line: Indicator) -> ObjectiveDirection? {
        c.has("increase") ? .increase : c.has("decrease") ? .decrease : ObjectiveDirection(line.direction)
    }

    /// An objective's year: the one asked for, else the year after the last results.
    static func year(_ c: ClauseValues, _ d: Dashboard) -> Int { c.year("for") ?? (d.years.last ?? 0) + 1 }

    @Sendable static func propose(_ session: Session, _ c: ClauseValues) throws(ShellError) -> ShellResult {
        let lang = session.language, d = try session.dashboard()
        let line = c.line("RATIO")!, ml = c.ml("of")!, year = year(c, d), points = (c.number("points") ?? 2) / 100
        let dir = direction(c, line) ?? .increase
        let p = d.proposals(line.id, ml: ml, dialogueYear: year, points: points, direction: dir)
        let now = d.number(line.id, for: .ml(ml), year: year - 1)
        var r = Report("proposals", title: "\(line.id) \(d.name(of: .ml(ml))) — \(Messages.text(.objectiveResult, lang, "\(year)", "\(year - 1)")) : \(now.map { QueryRender.display($0, line, lang) } ?? "n.d.")")
        var t = Report.Table("proposals", columns: [("method", Messages.text(.method, lang)), ("label", Messages.text(.proposal, lang)), ("value", Messages.text(.value2, lang))],
                             leftColumns: 2)
        t.columns[0].dataOnly = true
        var plain: [String] = []
        for x in p {
            let label: String
            switch x.method {
            case .peerMedian: label = Messages.text(.peerMedian2, lang)
            case .ownTrend: label = Messages.text(.ownTrendChange, lang, "\(year - 1)")
            case .plusPoints: label = (Messages.text(.result, lang, "\(year - 1)")) + (dir == .increase ? "+" : "−") + formatted(points * 100, decimals: 1, lang) + " pt"
            }
            let value = Report.Cell.line(x.value, line, lang)
            t.rows.append([.text(x.method.rawValue), .text(label), value])
            plain.append("  \(padded(label, 34)) \(value.shown)")
        }
        t.plainText = plain
        t.footer = [Messages.text(.objectiveSetTargetToKeep, lang)]
        r.add(t)
        return ShellResult(report: r)
    }

    @Sendable static func set(_ session: Session, _ c: ClauseValues) throws(ShellError) -> ShellResult {
        let lang = session.language, d = try session.dashboard()
        let line = c.line("RATIO")!, ml = c.ml("of")!, year = year(c, d), target = c.number("=")!
        guard var convention = try session.dataset().convention(of: ml, year: year) else {
            throw ShellError(Messages.text(.noConventionOfCoversConvention, lang, "\(ml)", "\(year)"))
        }
        guard let dir = direction(c, line) else {
            throw ShellError(Messages.text(.hasNoReadingDirectionSay, lang, "\(line.id)"))
        }
        func shown(_ o: Objective) -> String { (o.direction == .increase ? "≥ " : "≤ ") + QueryRender.display(o.target, line, lang) }
        // The objective it replaces, said aloud: a convention's target is a signed commitment.
        let replaced = convention.objectives.first { $0.indicatorID == line.id && $0.year == year }
        convention.objectives.removeAll { $0.indicatorID == line.id && $0.year == year }
        let objective = Objective(indicatorID: line.id, year: year, target: target, direction: dir)
        convention.objectives.append(objective)
        try session.replace(convention)
        var out = Messages.text(.objectiveKeptFor, lang, "\(year)", "\(line.id)", shown(objective), "\(ml)")
        if let replaced, replaced != objective { out += Messages.text(.objectiveReplaces, lang, shown(replaced), convention.number) }
        return ShellResult(output: out)
    }

    @Sendable static func list(_ session: Session, _ c: ClauseValues) throws(ShellError) -> ShellResult {
        let lang = session.language, d = try session.dashboard(), ml = c.ml("of")!
        let objectives = (try session.dataset().conventions ?? []).filter { $0.mlID == ml }.flatMap(\.objectives)
            .sorted { ($0.year, $0.indicatorID) < ($1.year, $1.indicatorID) }
        // An objective for a year without results is read against the last results.
        let statuses = objectives.map { d.status(of: $0, ml: ml, readOn: d.years.contains($0.year) ? $0.year : (d.years.last ?? $0.year)) }
        var r = Report("objectives", title: "")
        var t = table(statuses, lang)
        if objectives.isEmpty { t.plainText = [Messages.text(.noObjectiveFor, lang, "\(ml)")] }
        r.add(t)
        return ShellResult(report: r)
    }

    /// Objectives and where they stand, as `objective list` and `convention of` both give them:
    /// the gap is result − target (`ObjectiveStatus`).
    static func table(_ statuses: [ObjectiveStatus], _ lang: Language) -> Report.Table {
        var t = Report.Table("objectives", columns: [
            ("year", Messages.text(.year2, lang)), ("line", "ratio"), ("direction", "direction"), ("target", Messages.text(.target, lang)),
            ("read_on", Messages.text(.readOn, lang)), ("value", Messages.text(.value2, lang)), ("gap", Messages.text(.gap, lang)),
            ("numerator_gap", Messages.text(.inYoungPeople, lang)), ("numerator", Messages.text(.numerator, lang)),
            ("denominator", Messages.text(.denominator, lang)), ("denominator_value", Messages.text(.denominatorValue, lang)),
            ("status", Messages.text(.status, lang))])
        for k in [2, 8, 9, 10] { t.columns[k].dataOnly = true }
        let noResult = Messages.text(.noResultYet2, lang)
        for s in statuses {
            let o = s.objective, line = Catalogue.indicator(o.indicatorID)!
            let target = Report.Cell.line(o.target, line, lang)
            let young = s.numeratorGap.map { g in
                Report.Cell(value: .count(g), shown: QueryRender.signed(formatted(g, decimals: 0, lang), g)
                             + " \(s.numeratorID) / \(formatted(s.denominator ?? 0, decimals: 0, lang)) \(s.denominatorID)")
            }
            t.rows.append([.number(Double(o.year), String(o.year)), .text(o.indicatorID), .text(o.direction.rawValue),
                           Report.Cell(value: target.value, shown: (o.direction == .increase ? "≥ " : "≤ ") + target.shown),
                           .number(Double(s.readYear), String(s.readYear)), .line(s.value, line, lang, absent: noResult),
                           s.gap.map { .change($0, line, lang) } ?? .absent(noResult), young ?? .absent(noResult, shown: ""),
                           .text(s.numeratorID), .text(s.denominatorID),
                           s.denominator.map { .line($0, Catalogue.indicator(s.denominatorID)!, lang) } ?? .absent(noResult, shown: ""),
                           s.met.map { .text(verdict($0, lang)) } ?? .absent(noResult, shown: "")])
        }
        return t
    }

    /// « atteint » or « non atteint », as `objective list` and `convention of` both say it.
    static func verdict(_ met: Bool, _ lang: Language) -> String {
        met ? (Messages.text(.met, lang)) : (Messages.text(.notMet, lang))
    }
}
