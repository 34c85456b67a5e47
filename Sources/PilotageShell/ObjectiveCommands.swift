import Foundation

/// `objective propose|set|list`: the objectives of an ML's convention.
enum ObjectiveCommands {
    static let objective = Command(
        names: ["objective", "objectif"],
        summary: .init(fr: "propose, fixe et suit les objectifs d'une ML : écart en points, en jeunes, composante qui le fait bouger",
                       en: "proposes, sets and follows an ML's objectives: gap in points, in young people, the component that moves it"),
        usage: "objective propose RATIO of ML for ANNÉE [points X] | set RATIO of ML for ANNÉE = CIBLE [increase|decrease] | list of ML",
        examples: ["objective propose R10 of ML069-LYON for 2017", "objective set R10 of ML069-LYON for 2017 = 42%", "objective list of ML069-LYON"]
    ) { session, args throws(ShellError) in
        let lang = session.language, fr = lang == .fr, d = try session.dashboard()
        let parser = QueryParser(dashboard: d, lang: lang)
        let verb = try args.required("propose|set|list")
        var line: Indicator?
        if ["propose", "proposer", "set", "fixer"].contains(verb.text.lowercased()) {
            let l = try args.indicator()
            guard l.isQuotient else { throw ShellError(fr ? "\(l.id) n'est pas un ratio" : "\(l.id) is not a ratio") }
            line = l
        }
        var ml: String?, year = (d.years.last ?? 0) + 1, points = 0.02, target: Double?, direction: ObjectiveDirection?
        while let t = args.next() {
            switch t.text.lowercased() {
            case "of", "pour":
                ml = try parser.mission(&args)
            case "for", "en":
                year = try args.year()
            case "points":
                let v = try args.required("X")
                guard let x = Double(v.text), x.isFinite else { throw ShellError(fr ? "nombre de points attendu" : "number of points expected", at: v) }
                points = x / 100
            case "=":
                let v = try args.required(fr ? "cible" : "target")
                guard let x = ScenarioCommands.number(v.text) else { throw ShellError(fr ? "cible attendue (40% ou 0.4)" : "target expected (40% or 0.4)", at: v) }
                target = x
            case "increase", "hausse": direction = .increase
            case "decrease", "baisse": direction = .decrease
            default: throw ShellError(Messages.text(.unexpectedArgument, lang, t.text), at: t, suggestions: ["of", "for", "=", "points", "increase", "decrease"])
            }
        }
        guard let ml else { throw ShellError(Messages.text(.missingArgument, lang, "of ML"), offset: args.line.count) }
        // The objective's direction: the analyst's word, else the line's own (R8 and R11 go down).
        let lineDirection = line.flatMap { ObjectiveDirection($0.direction) }
        switch verb.text.lowercased() {
        case "propose", "proposer":
            let line = line!
            let dir = direction ?? lineDirection ?? .increase
            let p = d.proposals(line.id, ml: ml, dialogueYear: year, points: points, direction: dir)
            let now = d.number(line.id, for: .ml(ml), year: year - 1)
            var out = "\(line.id) \(d.name(of: .ml(ml))) — \(fr ? "objectif \(year), résultat \(year - 1)" : "\(year) objective, \(year - 1) result") : \(now.map { QueryRender.display($0, line, lang) } ?? "n.d.")\n"
            for x in p {
                let label: String
                switch x.method {
                case .peerMedian: label = fr ? "médiane des pairs" : "peer median"
                case .ownTrend: label = fr ? "tendance propre (\(year - 1) + évolution)" : "own trend (\(year - 1) + change)"
                case .plusPoints: label = (fr ? "résultat \(year - 1) " : "\(year - 1) result ") + (dir == .increase ? "+" : "−") + formatted(points * 100, decimals: 1, lang) + " pt"
                }
                out += "  \(padded(label, 34)) \(QueryRender.display(x.value, line, lang))\n"
            }
            return ShellResult(output: out + (fr ? "  (objective set … = CIBLE pour la retenir)\n" : "  (objective set … = TARGET to keep it)\n"))
        case "set", "fixer":
            let line = line!
            guard let target else { throw ShellError(Messages.text(.missingArgument, lang, "= CIBLE"), offset: args.line.count) }
            let data = try session.dataset()
            guard var c = data.convention(of: ml, year: year) else {
                throw ShellError(fr ? "aucune convention de \(ml) ne couvre \(year) (convention new …)" : "no convention of \(ml) covers \(year) (convention new …)")
            }
            c.objectives.removeAll { $0.indicatorID == line.id && $0.year == year }
            guard let dir = direction ?? lineDirection else {
                throw ShellError(fr ? "\(line.id) n'a pas de sens de lecture : précisez increase ou decrease" : "\(line.id) has no reading direction: say increase or decrease")
            }
            c.objectives.append(Objective(indicatorID: line.id, year: year, target: target, direction: dir))
            try session.replace(c)
            let shown = (dir == .increase ? "≥ " : "≤ ") + QueryRender.display(target, line, lang)
            return ShellResult(output: fr ? "objectif \(year) \(line.id) \(shown) retenu pour \(ml)\n" : "\(year) objective \(line.id) \(shown) kept for \(ml)\n")
        case "list", "liste":
            let data = try session.dataset()
            let objectives = (data.conventions ?? []).filter { $0.mlID == ml }.flatMap(\.objectives).sorted { ($0.year, $0.indicatorID) < ($1.year, $1.indicatorID) }
            guard !objectives.isEmpty else { return ShellResult(output: fr ? "(aucun objectif pour \(ml))\n" : "(no objective for \(ml))\n") }
            var rows = [[fr ? "année" : "year", "ratio", fr ? "cible" : "target", fr ? "lu sur" : "read on", fr ? "valeur" : "value",
                         fr ? "écart" : "gap", fr ? "en jeunes" : "in young people", fr ? "état" : "status"]]
            for o in objectives {
                let line = Catalogue.indicator(o.indicatorID)!
                // An objective for a year without results is read against the last results.
                let s = d.status(of: o, ml: ml, readOn: d.years.contains(o.year) ? o.year : (d.years.last ?? o.year))
                rows.append([String(o.year), o.indicatorID, (o.direction == .increase ? "≥ " : "≤ ") + QueryRender.display(o.target, line, lang), String(s.readYear),
                             s.value.map { QueryRender.display($0, line, lang) } ?? "n.d.",
                             s.gap.map { QueryRender.display($0, .init(line: line, part: .change), lang) } ?? "n.d.",
                             s.numeratorGap.map { "\($0 > 0 ? "+" : "")\(NumberText.decimal($0)) \(s.numeratorID) / \(NumberText.decimal(s.denominator ?? 0)) \(s.denominatorID)" } ?? "",
                             s.met.map { ObjectiveCommands.verdict($0, lang) } ?? ""])
            }
            return ShellResult(output: aligned(rows, indent: "  "))
        default:
            throw ShellError(Messages.text(.unexpectedArgument, lang, verb.text), at: verb, suggestions: ["propose", "set", "list"])
        }
    }

    /// « atteint » or « non atteint », as `objective list` and `convention of` both say it.
    static func verdict(_ met: Bool, _ lang: Language) -> String {
        met ? (lang == .fr ? "atteint" : "met") : (lang == .fr ? "non atteint" : "not met")
    }
}
