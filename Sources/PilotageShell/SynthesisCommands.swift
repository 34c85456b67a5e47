import Foundation

/// `synthesis of ML for YEAR`, `synthesis add ML THEME forces|axes|actions "text"`, `synthesis clear ML THEME COLUMN`.
enum SynthesisCommands {
    static let columns = ["forces", "axes", "actions"]

    static let synthesis = Command(
        names: ["synthesis", "synthese", "synthèse"],
        summary: .init(fr: "le tableau de synthèse de la Fiche n°1 (forces, axes de progrès, actions prioritaires), pré-rempli par les pairs et modifiable",
                       en: "the synthesis table of Fiche n°1 (strengths, areas for progress, priority actions), pre-filled from the peers, editable"),
        usage: "synthesis of ML [for ANNÉE] | synthesis add ML THÈME(1-5) forces|axes|actions \"texte\" | synthesis clear ML THÈME forces|axes|actions",
        examples: ["synthesis of ML069-LYON for 2017", "synthesis add ML069-LYON 2 actions \"Renforcer le repérage en QPV\""],
        reports: true
    ) { session, args throws(ShellError) in
        let lang = session.language, fr = lang == .fr, d = try session.dashboard()
        let parser = QueryParser(dashboard: d, lang: lang)
        if args.skip("add") || args.skip("ajouter") || args.skip("clear") || args.skip("vider") {
            let adding = ["add", "ajouter"].contains(args.tokens[args.position - 1].text.lowercased())
            let id = try parser.mission(&args)
            let th = try args.required(fr ? "thème (1 à 5)" : "theme (1 to 5)")
            guard let theme = Int(th.text), (1...5).contains(theme) else { throw ShellError(fr ? "thème attendu : 1 à 5" : "theme expected: 1 to 5", at: th) }
            let c = try args.required("forces|axes|actions")
            guard columns.contains(c.text.lowercased()) else { throw ShellError(Messages.text(.unexpectedArgument, lang, c.text), at: c, suggestions: columns) }
            let key = "\(theme).\(c.text.lowercased())"
            if adding {
                let text = try args.required(fr ? "texte entre guillemets" : "quoted text")
                try args.expectEnd()
                session.synthesisNotes[id, default: [:]][key, default: []].append(text.text)
            } else {
                try args.expectEnd()
                session.synthesisNotes[id, default: [:]][key] = []
                session.synthesisCleared[id, default: []].insert(key)
            }
            return ShellResult(output: fr ? "synthèse de \(id) mise à jour (thème \(theme), \(c.text))\n" : "synthesis of \(id) updated (theme \(theme), \(c.text))\n")
        }
        let c = try args.clauses([.ml(), .dialogueYear], session)
        let mlID = c.ml("of")!, year = c.year("for") ?? (d.years.last ?? 0) + 1
        let brief: Brief
        do throws(BriefError) { brief = try d.brief(ml: mlID, dialogueYear: year) } catch { throw ShellError(fr ? "pas de note possible pour \(year)" : "no brief for \(year)") }
        let table = Synthesis(brief)
        let notes = session.synthesisNotes[mlID] ?? [:], cleared = session.synthesisCleared[mlID] ?? []
        var r = Report("synthesis", title: fr ? "Synthèse du dialogue de gestion \(year) — plan d'action — \(d.name(of: .ml(mlID)))"
                                              : "Synthesis of the \(year) dialogue de gestion — action plan — \(d.name(of: .ml(mlID)))")
        r.text(fr ? "  (pré-rempli : ratios dans le premier et le dernier quart de l'ML et de ses \(brief.peers.count) pairs, résultats \(year - 1))"
                  : "  (pre-filled: ratios in the top and bottom quarter of the ML and its \(brief.peers.count) peers, \(year - 1) results)")
        var entries = Report.Table("entries", columns: [("theme", fr ? "thème" : "theme"), ("column", fr ? "colonne" : "column"), ("line", fr ? "ligne" : "line"),
                                                        ("value", fr ? "valeur" : "value"), ("peer_rank", fr ? "rang pairs" : "peer rank"),
                                                        ("peer_median", fr ? "médiane pairs" : "peer median"), ("text", fr ? "texte" : "text")], leftColumns: 3)
        var plain: [String] = []
        let none = fr ? "sans objet" : "not applicable"
        for (k, theme) in table.themes.enumerated() {
            plain += ["", "\(k + 1). \(theme.title)"]
            for (column, label, auto) in [("forces", fr ? "Forces" : "Strengths", theme.forces),
                                          ("axes", fr ? "Axes de progrès" : "Areas for progress", theme.axes),
                                          ("actions", fr ? "Actions prioritaires" : "Priority actions", [Synthesis.Finding]())] {
                let key = "\(k + 1).\(column)"
                var items: [String] = []
                for f in cleared.contains(key) ? [] : auto {
                    let line = Catalogue.indicator(f.indicatorID)!
                    let median = f.peerMedian.map { QueryRender.display($0, line, lang) }
                    let text = "\(f.indicatorID) \(QueryRender.display(f.value, line, lang)) (\(f.rank)\(fr ? "e" : "th")/\(f.of)"
                        + (median.map { (fr ? ", médiane des pairs " : ", peer median ") + $0 } ?? "") + ")"
                    items.append(text)
                    entries.rows.append([.number(Double(k + 1), "\(k + 1)"), .text(column), .text(f.indicatorID), .line(f.value, line, lang),
                                         .text("\(f.rank)/\(f.of)"), .line(f.peerMedian, line, lang, absent: none), .text(text)])
                }
                for n in notes[key] ?? [] {
                    items.append(n)
                    entries.rows.append([.number(Double(k + 1), "\(k + 1)"), .text(column), .absent(none, shown: ""), .absent(none, shown: ""),
                                         .absent(none, shown: ""), .absent(none, shown: ""), .text(n)])
                }
                plain.append("  \(label) : " + (items.isEmpty ? "—" : ""))
                plain += items.map { "    - \($0)" }
            }
        }
        entries.plainText = plain
        r.add(entries)
        return ShellResult(report: r)

    }
}
