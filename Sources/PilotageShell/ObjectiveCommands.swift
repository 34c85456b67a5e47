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
            guard l.kind == .ratio || l.kind == .amountPerPerson else { throw ShellError(fr ? "\(l.id) n'est pas un ratio" : "\(l.id) is not a ratio") }
            line = l
        }
        var ml: String?, year = (d.years.last ?? 0) + 1, points = 0.02, target: Double?, direction: ObjectiveDirection?
        while let t = args.next() {
            switch t.text.lowercased() {
            case "of", "pour":
                ml = try parser.mission(&args)
            case "for", "en":
                let v = try args.required(fr ? "année" : "year")
                guard let y = Int(v.text), (1900...2999).contains(y) else { throw ShellError(fr ? "année attendue" : "year expected", at: v) }
                year = y
            case "points":
                points = try args.number(fr ? "nombre de points" : "number of points").0.value / 100
            case "=":
                target = try args.value(of: line, fr ? "cible" : "target")
            case "increase", "hausse": direction = .increase
            case "decrease", "baisse": direction = .decrease
            default: throw ShellError(Messages.text(.unexpectedArgument, lang, t.text), at: t, suggestions: ["of", "for", "=", "points", "increase", "decrease"])
            }
        }
        guard let ml else { throw ShellError(Messages.text(.missingArgument, lang, "of ML"), offset: args.line.count) }
        let lowerIsBetter: Set<String> = ["R11", "R6", "10.1.d", "10.1.e"]
        switch verb.text.lowercased() {
        case "propose", "proposer":
            let line = line!
            let dir = direction ?? (lowerIsBetter.contains(line.id) ? .decrease : .increase)
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
            c.objectives.append(Objective(indicatorID: line.id, year: year, target: target, direction: direction ?? (lowerIsBetter.contains(line.id) ? .decrease : .increase)))
            try session.replace(c)
            return ShellResult(output: fr ? "objectif \(year) \(line.id) = \(QueryRender.display(target, line, lang)) retenu pour \(ml)\n" : "\(year) objective \(line.id) = \(QueryRender.display(target, line, lang)) kept for \(ml)\n")
        case "list", "liste":
            let data = try session.dataset()
            let objectives = (data.conventions ?? []).filter { $0.mlID == ml }.flatMap(\.objectives).sorted { ($0.year, $0.indicatorID) < ($1.year, $1.indicatorID) }
            guard !objectives.isEmpty else { return ShellResult(output: fr ? "(aucun objectif pour \(ml))\n" : "(no objective for \(ml))\n") }
            var rows = [[fr ? "année" : "year", "ratio", fr ? "cible" : "target", fr ? "lu sur" : "read on", fr ? "valeur" : "value", fr ? "écart" : "gap", fr ? "en jeunes" : "in young people"]]
            for o in objectives {
                let line = Catalogue.indicator(o.indicatorID)!
                // An objective for a year without results is read against the last results.
                let readYear = d.years.contains(o.year) ? o.year : (d.years.last ?? o.year)
                let g = try? d.goalSeek(o.indicatorID, target: o.target, for: .ml(ml), year: readYear)
                let met = g.map { o.direction == .increase ? $0.current >= o.target : $0.current <= o.target } ?? false
                rows.append([String(o.year), o.indicatorID, (o.direction == .increase ? "≥ " : "≤ ") + QueryRender.display(o.target, line, lang), String(readYear),
                             g.map { QueryRender.display($0.current, line, lang) } ?? "n.d.",
                             g.map { met ? (fr ? "atteint" : "met") : QueryRender.display($0.gap, .init(line: line, part: .change), lang) } ?? "n.d.",
                             g.map { met ? "" : "\($0.numeratorChange >= 0 ? "+" : "")\(NumberText.decimal($0.numeratorChange)) \($0.numeratorID) / \(NumberText.decimal($0.denominator)) \($0.denominatorID)" } ?? ""])
            }
            return ShellResult(output: aligned(rows, indent: "  "))
        default:
            throw ShellError(Messages.text(.unexpectedArgument, lang, verb.text), at: verb, suggestions: ["propose", "set", "list"])
        }
    }
}
