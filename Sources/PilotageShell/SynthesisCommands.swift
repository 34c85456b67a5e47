import Foundation

/// `synthesis of ML for YEAR`, `synthesis add ML THEME forces|axes|actions "text"`, `synthesis clear ML THEME COLUMN`.
enum SynthesisCommands {
    static let columns = ["forces", "axes", "actions"]

    static let synthesis = Command(
        names: ["synthesis", "synthese", "synthèse"],
        summary: .init(fr: "le tableau de synthèse de la Fiche n°1 (forces, axes de progrès, actions prioritaires), pré-rempli par les pairs et modifiable",
                       en: "the synthesis table of Fiche n°1 (strengths, areas for progress, priority actions), pre-filled from the peers, editable"),
        usage: "synthesis of ML [for ANNÉE] | synthesis add ML THÈME(1-5) forces|axes|actions \"texte\" | synthesis clear ML THÈME forces|axes|actions",
        examples: ["synthesis of ML069-LYON for 2017", "synthesis add ML069-LYON 2 actions \"Renforcer le repérage en QPV\""]
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
        var mlID: String?, year = (d.years.last ?? 0) + 1
        while let t = args.next() {
            switch t.text.lowercased() {
            case "of", "pour": mlID = try parser.mission(&args)
            case "for", "en":
                let v = try args.required(fr ? "année du dialogue" : "dialogue year")
                guard let y = Int(v.text), d.years.contains(y - 1) else { throw ShellError(fr ? "pas de résultats pour l'année précédant « \(v.text) »" : "no results for the year before \"\(v.text)\"", at: v) }
                year = y
            default: throw ShellError(Messages.text(.unexpectedArgument, lang, t.text), at: t, suggestions: ["of", "for", "add", "clear"])
            }
        }
        guard let mlID else { throw ShellError(Messages.text(.missingArgument, lang, "of ML"), offset: args.line.count) }
        let brief: Brief
        do throws(BriefError) { brief = try d.brief(ml: mlID, dialogueYear: year) } catch { throw ShellError(fr ? "pas de note possible pour \(year)" : "no brief for \(year)") }
        let table = Synthesis(brief)
        let notes = session.synthesisNotes[mlID] ?? [:], cleared = session.synthesisCleared[mlID] ?? []
        func finding(_ f: Synthesis.Finding) -> String {
            let line = Catalogue.indicator(f.indicatorID)!
            return "\(f.indicatorID) \(QueryRender.display(f.value, line, lang)) (\(f.rank)\(fr ? "e" : "th")/\(f.of)\(f.peerMedian.map { fr ? ", médiane des pairs " + QueryRender.display($0, line, lang) : ", peer median " + QueryRender.display($0, line, lang) } ?? ""))"
        }
        var out = fr ? "Synthèse du dialogue de gestion \(year) — plan d'action — \(d.name(of: .ml(mlID)))\n  (pré-rempli : ratios dans le premier et le dernier quart de l'ML et de ses \(brief.peers.count) pairs, résultats \(year - 1))\n"
                     : "Synthesis of the \(year) dialogue de gestion — action plan — \(d.name(of: .ml(mlID)))\n  (pre-filled: ratios in the top and bottom quarter of the ML and its \(brief.peers.count) peers, \(year - 1) results)\n"
        for (k, theme) in table.themes.enumerated() {
            out += "\n\(k + 1). \(theme.title)\n"
            for (column, label, auto) in [("forces", fr ? "Forces" : "Strengths", theme.forces.map(finding)),
                                          ("axes", fr ? "Axes de progrès" : "Areas for progress", theme.axes.map(finding)),
                                          ("actions", fr ? "Actions prioritaires" : "Priority actions", [String]())] {
                let key = "\(k + 1).\(column)"
                let items = (cleared.contains(key) ? [] : auto) + (notes[key] ?? [])
                out += "  \(label) : " + (items.isEmpty ? "—" : "") + "\n"
                for i in items { out += "    - \(i)\n" }
            }
        }
        return ShellResult(output: out)
    }
}
