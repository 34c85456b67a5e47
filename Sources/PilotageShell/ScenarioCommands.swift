import Foundation

/// Scenarios, goal seek and sensitivity tables: the "what-if" of the dialogue de gestion.
enum ScenarioCommands {
    static let all: [Command] = [levers, scenario, seek, sensitivity]

    static let levers = Command(
        names: ["levers", "leviers"],
        summary: .init(fr: "les leviers des scénarios et les lignes que chacun alimente", en: "the levers of scenarios and the lines each feeds"),
        examples: ["levers"], reports: true
    ) { session, _ throws(ShellError) in
        let lang = session.language, fr = lang == .fr
        let width = Lever.allCases.map(\.rawValue.count).max()!
        var r = Report("levers", title: Messages.text(.leverWhatItStandsFor, lang))
        var t = Report.Table("levers", columns: [("lever", Messages.text(.lever2, lang)), ("label", Messages.text(.whatItStandsFor, lang)),
                                                 ("lines", Messages.text(.linesFed, lang)), ("whole", Messages.text(.inYoungPeople, lang))], leftColumns: 4)
        t.columns[3].dataOnly = true
        t.rows = Lever.allCases.map { l in [.text(l.rawValue), .text(l.label.text(lang)), .text(l.lines.joined(separator: ",")), .flag(l.countsYoungPeople, lang)] }
        t.plainText = Lever.allCases.map { "  " + padded($0.rawValue, width) + "  " + $0.label.text(lang) + " → " + $0.lines.joined(separator: ", ") }
        r.add(t)
        return ShellResult(report: r)
    }

    static let name = Clause(names: [], kind: .scenario, placeholder: "NOM", required: true)
    static let newName = Clause(names: [], kind: .text, placeholder: "NOM", required: true)
    static let verbs: [Subcommand] = [
        Subcommand(names: ["new", "nouveau", "create"], clauses: [newName], run: create),
        Subcommand(names: ["add", "ajouter"], clauses: [name, Clause(names: [], kind: .lever, placeholder: "LEVIER", required: true),
                                                         Clause(names: [], kind: .amount, placeholder: "MONTANT", required: true), .ml(), .year], run: add),
        Subcommand(names: ["list", "liste"], clauses: [], run: list),
        Subcommand(names: ["copy", "copier"], clauses: [Clause(names: [], kind: .scenario, placeholder: "A", required: true),
                                                        Clause(names: [], kind: .text, placeholder: "B", required: true)], run: copy),
        Subcommand(names: ["delete", "supprimer"], clauses: [name], run: delete),
        Subcommand(names: ["show", "voir", "compare", "comparer"],
                   clauses: [Clause(names: [], kind: .scenarios, placeholder: "NOM[,NOM…]", required: true),
                             Clause(names: ["of", "pour", "de"], kind: .territory, placeholder: "TERRITOIRE"), .year,
                             Clause(names: ["breakdown", "déclinaison", "declinaison"], kind: .breakdown, placeholder: "B")], run: show),
    ]

    /// `scenario new|add|list|copy|delete|show …`
    static let scenario = Command(
        names: ["scenario", "scénario"],
        summary: .init(fr: "crée, modifie, copie, supprime et compare des scénarios « et si ? »", en: "creates, edits, copies, deletes and compares what-if scenarios"),
        examples: ["scenario new entrees", "scenario add entrees national_entries 100 of ML069-LYON year 2016", "scenario show entrees",
                              "scenario copy entrees entrees2", "scenario list", "scenario delete entrees2"],
        reports: true, subcommands: verbs)

    /// A name not yet taken.
    static func free(_ c: ClauseValues, _ key: String, _ session: Session) throws(ShellError) -> String {
        let name = c.text(key)!
        guard session.scenarios[name] == nil else {
            throw ShellError(Messages.text(.scenarioAlreadyExists, session.language, "\(name)"), at: c.tokens[key])
        }
        return name
    }

    @Sendable static func create(_ session: Session, _ c: ClauseValues) throws(ShellError) -> ShellResult {
        let name = try free(c, "NOM", session)
        session.scenarios[name] = Scenario(name: name)
        return ShellResult(output: Messages.text(.scenarioCreated, session.language, "\(name)"))
    }

    @Sendable static func add(_ session: Session, _ c: ClauseValues) throws(ShellError) -> ShellResult {
        let lang = session.language, d = try session.dashboard()
        let name = c.scenario("NOM")!, lever = c.lever("LEVIER")!, amount = c.number("MONTANT")!, a = c.tokens["MONTANT"]
        if lever.countsYoungPeople && amount != amount.rounded() {
            throw ShellError(Messages.text(.thisLeverCountsYoungPeople, lang), at: a)
        }
        let ml = c.ml("of")!, year = c.year("year") ?? d.years.last ?? 0
        var s = session.scenarios[name]!
        s.changes.append(.init(ml: ml, year: year, lever: lever, amount: amount))
        do { _ = try d.applying(s) } catch { throw ShellError(describe(error, lang), at: a) }
        session.scenarios[name] = s
        return ShellResult(output: (Messages.text(.quotedNameColon, lang, "\(name)")) + "\(lever.rawValue) \(typedNumber(amount, lang, signed: true)) — \(ml) \(year) → \(lever.lines.joined(separator: ", "))\n")
    }

    @Sendable static func list(_ session: Session, _ c: ClauseValues) throws(ShellError) -> ShellResult {
        guard !session.scenarios.isEmpty else { return ShellResult(output: Messages.text(.noScenario, session.language)) }
        var out = ""
        for (name, s) in session.scenarios.sorted(by: { $0.key < $1.key }) {
            out += name + Messages.colon(session.language) + "\(s.changes.count) \(Messages.text(.changeS, session.language))\n"
            for c in s.changes {
                out += "  \(c.ml) \(c.year) \(c.lever.rawValue) \(typedNumber(c.amount, session.language, signed: true))\n"
            }
        }
        return ShellResult(output: out)
    }

    @Sendable static func copy(_ session: Session, _ c: ClauseValues) throws(ShellError) -> ShellResult {
        let from = c.scenario("A")!, to = try free(c, "B", session)
        var s = session.scenarios[from]!
        s.name = to
        session.scenarios[to] = s
        return ShellResult(output: Messages.text(.copiedTo, session.language, "\(from)", "\(to)"))
    }

    @Sendable static func delete(_ session: Session, _ c: ClauseValues) throws(ShellError) -> ShellResult {
        let name = c.scenario("NOM")!
        session.scenarios[name] = nil
        return ShellResult(output: Messages.text(.deleted, session.language, "\(name)"))
    }

    @Sendable static func show(_ session: Session, _ c: ClauseValues) throws(ShellError) -> ShellResult {
        ShellResult(report: try summary(c.scenarios("NOM[,NOM…]")!, c, session))
    }

    static func existing(_ args: inout Arguments, _ session: Session) throws(ShellError) -> String {
        let t = try args.required(Messages.text(.scenarioName, session.language))
        guard session.scenarios[t.text] != nil else {
            throw ShellError(Messages.text(.unknownScenario, session.language, "\(t.text)"), at: t,
                             suggestions: Suggestions.closest(to: t.text, among: Array(session.scenarios.keys)))
        }
        return t.text
    }

    /// Every ratio: baseline, then each scenario, for the territory (default: the first change's
    /// ML), its region and the nation.
    static func summary(_ names: [String], _ c: ClauseValues, _ session: Session) throws(ShellError) -> Report {
        let lang = session.language, d = try session.dashboard()
        let first = session.scenarios[names[0]]!
        let territory = c.territory("of") ?? first.changes.first.map { .ml($0.ml) }
        let year = c.year("year") ?? first.changes.first?.year ?? d.years.last ?? 0, breakdown = c.breakdown("breakdown") ?? .all
        guard let territory else { throw ShellError(Messages.text(.emptyScenarioGiveOfMl, lang)) }
        var levels = [territory]
        if territory.level == .ml, let r = d.region(of: territory.id) { levels.append(r) }
        if territory != .nation { levels.append(.nation) }
        var worlds: [Dashboard] = []
        for n in names {
            do { worlds.append(try d.applying(session.scenarios[n]!)) } catch { throw ShellError(describe(error, lang)) }
        }
        // Columns: the baseline then each scenario, per territory; a scenario's cell shows its change.
        var columns = [("line", "ratio")]
        for t in levels {
            columns.append((t.id, t.level == .ml ? t.id : d.name(of: t)))
            for n in names { columns.append(("\(t.id):\(n)", n)) }
        }
        var table = Report.Table("effects", columns: columns, indent: "")
        for line in Catalogue.computed where line.isQuotient {
            var row: [Report.Cell] = [.text(line.id)]
            for t in levels {
                let base = d.value(line.id, for: t, year: year, breakdown: breakdown)
                row.append(.line(base, line, lang))
                for w in worlds {
                    var cell = Report.Cell.line(w.value(line.id, for: t, year: year, breakdown: breakdown), line, lang)
                    if case .success(let b) = base, let v = cell.value.number, v != b {
                        cell.shown += " (" + QueryRender.display(v - b, .init(line: line, part: .change), lang) + ")"
                    }
                    row.append(cell)
                }
            }
            table.rows.append(row)
        }
        var r = Report("scenarios", title: "\(year), \(breakdown.label(lang)) — " + (Messages.text(.baselineThenScenarioS, lang)) + names.joined(separator: ", "))
        if breakdown != .all { table.footer = [Messages.text(.leversActOnBreakdownAll, lang)] }
        r.add(table)
        return r
    }

    static let seekClauses: [Clause] = [
        Clause(names: [], kind: .ratio, placeholder: "RATIO", required: true), Clause(names: ["="], kind: .target, placeholder: "CIBLE", required: true),
        Clause(names: ["of", "pour", "de"], kind: .territory, placeholder: "TERRITOIRE", required: true), .year,
        Clause(names: ["by", "par"], kind: .lever, placeholder: "LEVIER")]

    /// `seek R10 = 40% of ML069-LYON [year 2016] [by exits_to_employment]`
    static let seek = Command(
        names: ["seek", "cible"],
        summary: .init(fr: "valeur cible d'un ratio : écart en points, en jeunes, et montant d'un levier pour l'atteindre",
                       en: "a ratio's target: the gap in points, in young people, and the amount of a lever that reaches it"),
        examples: ["seek R10 = 40% of ML069-LYON year 2016", "seek R10 = 40% of ML069-LYON year 2016 by exits_to_employment"],
        reports: true, clauses: seekClauses
    ) { session, c throws(ShellError) in
        let lang = session.language, fr = lang == .fr, d = try session.dashboard()
        let line = c.line("RATIO")!, target = c.number("=")!, territory = c.territory("of")!
        let year = c.year("year") ?? d.years.last ?? 0, lever = c.lever("by")
        if lever != nil && territory.level != .ml { throw ShellError(Messages.text(.leverAppliesToMissionLocale, lang)) }
        let g: GoalSeek
        do { g = try d.goalSeek(line.id, target: target, for: territory, year: year, lever: lever) } catch { throw ShellError(describe(error, lang)) }
        let num = Catalogue.indicator(g.numeratorID)!, den = Catalogue.indicator(g.denominatorID)!
        func show(_ x: Double, _ l: Indicator) -> String { QueryRender.display(x, l, lang) }
        let gap = Report.Cell.change(g.gap, line, lang)
        var r = Report("goal_seek", title: "\(line.id) \(d.name(of: territory)) \(year) : \(show(g.current, line)) → \(Messages.text(.target, lang)) \(show(g.target, line)) (\(gap.shown))")
        var t = Report.Table("goal", columns: [
            ("line", Messages.text(.line, lang)), ("territory", Messages.text(.territory2, lang)), ("year", Messages.text(.year2, lang)), ("value", Messages.text(.value2, lang)),
            ("target", Messages.text(.target, lang)), ("gap", Messages.text(.gap, lang)), ("numerator", Messages.text(.numerator, lang)),
            ("numerator_value", Messages.text(.value2, lang)), ("numerator_change", Messages.text(.toGain, lang)), ("denominator", Messages.text(.denominator, lang)),
            ("denominator_value", Messages.text(.value2, lang)), ("lever", Messages.text(.lever2, lang)), ("lever_amount", Messages.text(.amount, lang))])
        let noLever = Messages.text(.noLeverAskedFor, lang)
        t.rows = [[.text(line.id), .text(territory.id), .number(Double(year), String(year)), .line(g.current, line, lang), .line(g.target, line, lang), gap,
                   .text(num.id), .line(g.numerator, num, lang), .line(g.numeratorChange, num, lang), .text(den.id), .line(g.denominator, den, lang),
                   g.lever.map { .text($0.rawValue) } ?? .absent(noLever), g.leverAmount.map { .number($0, typedNumber($0, lang)) } ?? .absent(noLever)]]
        let verb = g.numeratorChange >= 0 ? (Messages.text(.more, lang)) : (Messages.text(.fewer, lang))
        t.plainText = [Messages.text(.itTakesInTodayStaying, lang, "\(show(abs(g.numeratorChange), num))", "\(verb)", "\(num.id)", "\(show(g.numerator, num))", "\(den.id)", "\(show(g.denominator, den))")]
        if let lever = g.lever, let x = g.leverAmount {
            t.plainText!.append(Messages.text(.orByLever, lang, "\(lever.rawValue)", "\(lever.lines.joined(separator: ", "))", "", typedNumber(x, lang, signed: true)))
        }
        r.add(t)
        return ShellResult(report: r)
    }

    static let sensitivityClauses: [Clause] = [
        Clause(names: [], kind: .ratio, placeholder: "RATIO", required: true), .ml(), .year,
        Clause(names: ["by", "par"], kind: .leverAmounts, placeholder: "LEVIER M1, M2, …", required: true),
        Clause(names: ["and", "et"], kind: .leverAmounts, placeholder: "LEVIER M1, M2, …")]

    /// `sensitivity R5 of ML069-LYON year 2016 by national_entries 0, 50, 100 [and contacts 0, 200]`
    static let sensitivity = Command(
        names: ["sensitivity", "sensibilite", "sensibilité"],
        summary: .init(fr: "table de sensibilité d'un ratio à un ou deux leviers, pour la ML et sa région",
                       en: "sensitivity table of a ratio to one or two levers, for the ML and its region"),
        examples: ["sensitivity R5 of ML069-LYON year 2016 by national_entries 0, 50, 100",
                              "sensitivity R5 of ML069-LYON year 2016 by national_entries 0, 100 and contacts 0, 200"],
        reports: true, clauses: sensitivityClauses
    ) { session, c throws(ShellError) in
        let lang = session.language, fr = lang == .fr, d = try session.dashboard()
        let line = c.line("RATIO")!, ml = c.ml("of")!, year = c.year("year") ?? d.years.last ?? 0
        let levers = c.leverAmounts, (lever, amounts) = levers[0]
        let second = levers.count > 1 ? levers[1] : nil
        let tables: (ml: [[Double?]], region: [[Double?]])
        do { tables = try d.sensitivity(line.id, ml: ml, year: year, lever: lever, amounts: amounts, by: second?.0, amounts: second?.1 ?? [0]) }
        catch { throw ShellError(describe(error, lang)) }
        var r = Report("sensitivity", title: "")
        func signed(_ x: Double) -> String { typedNumber(x, lang, signed: true) }
        let broken = Messages.text(.changeBreaksCounts, lang)
        for (name, title, table) in [("ml", d.name(of: .ml(ml)), tables.ml), ("region", d.region(of: ml).map { d.name(of: $0) } ?? "", tables.region)] {
            var columns = [(lever.rawValue, lever.rawValue + (second.map { " \\ " + $0.0.rawValue } ?? ""))]
            columns += second.map { s in s.1.map { ("\(s.0.rawValue) \(signed($0))", signed($0)) } } ?? [(line.id, line.id)]
            var t = Report.Table(name, heading: ["\(line.id) — \(title), \(year)"], columns: columns, indent: "")
            for (i, x) in amounts.enumerated() {
                t.rows.append([.number(x, signed(x))] + table[i].map { Report.Cell.line($0, line, lang, absent: broken) })
            }
            r.add(t)
        }
        return ShellResult(report: r)
    }

    /// `40%` → 0.4, `0.4` → 0.4, `12.5` → 12.5.
    static func describe(_ error: any Error, _ lang: Language) -> String {
        switch error {
        case let e as ScenarioError:
            switch e {
            case .unknownML(let id): return Messages.text(.unknownMissionLocale, lang, "\(id)")
            case .unknownYear(let y): return Messages.text(.yearNotInDataset2, lang, "\(y)")
            case .inconsistent(let line, let value, let limit):
                return Messages.text(.lineWouldBecomeBeyondIts, lang, "\(line)", typedNumber(value, lang), typedNumber(limit, lang))
            }
        case let e as GoalSeekError:
            switch e {
            case .notARatio(let id): return Messages.text(.isNotRatio, lang, "\(id)")
            case .unavailable(let u): return u.explanation(lang)
            case .leverDoesNotMove(let l, let id): return Messages.text(.leverDoesNotMove, lang, "\(l.rawValue)", "\(id)")
            case .unreachable(let t): return Messages.text(.targetCannotBeReachedBy, lang, typedNumber(t, lang))
            case .scenario(let s): return describe(s, lang)
            case .outOfBounds(let line, let limit):
                let parent = Catalogue.indicator(line)?.parentID ?? ""
                return limit == 0 ? Messages.text(.seekBelowZero, lang, line)
                                  : Messages.text(.seekAboveParent, lang, line, parent, typedNumber(limit, lang))
            }
        default: return "\(error)"
        }
    }
}
