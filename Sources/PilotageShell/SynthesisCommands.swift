import Foundation

/// `synthesis of ML for YEAR`, `synthesis add ML THEME forces|axes|actions "text"`, `synthesis clear ML THEME COLUMN`.
enum SynthesisCommands {
    static let columns = ["forces", "axes", "actions"]

    static let synthesis = Command(
        names: ["synthesis", "synthese", "synthèse"],
        summary: .init(fr: "le tableau de synthèse de la Fiche n°1 (forces, axes de progrès, actions prioritaires), pré-rempli par les pairs et modifiable",
                       en: "the synthesis table of Fiche n°1 (strengths, areas for progress, priority actions), pre-filled from the peers, editable"),
        usage: "", examples: ["synthesis of ML069-LYON for 2017", "synthesis add ML069-LYON 2 actions \"Renforcer le repérage en QPV\""],
        reports: true, clauses: view.clauses, subcommands: edits
    ) { session, args throws(ShellError) in try Subcommand.dispatch(edits, fallback: view, session, &args) }

    static let cell: [Clause] = [Clause(names: [], kind: .ml, placeholder: "ML", required: true),
                                 Clause(names: [], kind: .integer(1...5), placeholder: "THÈME(1-5)", required: true),
                                 Clause(names: [], kind: .choice(columns), placeholder: "forces|axes|actions", required: true)]
    static let edits = [
        Subcommand(names: ["add", "ajouter"], clauses: cell + [Clause(names: [], kind: .text, placeholder: "\"texte\"", required: true)], run: edit),
        Subcommand(names: ["clear", "vider"], clauses: cell, run: edit),
    ]

    /// `add` appends a note to a cell; `clear` empties it, pre-filled findings included.
    @Sendable static func edit(_ session: Session, _ c: ClauseValues) throws(ShellError) -> ShellResult {
        let fr = session.language == .fr
        let id = c.ml("ML")!, theme = c.integer("THÈME(1-5)")!, column = c.text("forces|axes|actions")!
        let key = "\(theme).\(column)"
        if let text = c.text("\"texte\"") {
            session.synthesisNotes[id, default: [:]][key, default: []].append(text)
        } else {
            session.synthesisNotes[id, default: [:]][key] = []
            session.synthesisCleared[id, default: []].insert(key)
        }
        return ShellResult(output: fr ? "synthèse de \(id) mise à jour (thème \(theme), \(column))\n" : "synthesis of \(id) updated (theme \(theme), \(column))\n")
    }

    static let view = Subcommand(names: ["of"], clauses: [.ml(), .dialogueYear], run: table)

    /// The table, pre-filled from the peers, with the analyst's notes.
    @Sendable static func table(_ session: Session, _ c: ClauseValues) throws(ShellError) -> ShellResult {
        let lang = session.language, fr = lang == .fr, d = try session.dashboard()
        let mlID = c.ml("of")!, year = c.year("for") ?? (d.years.last ?? 0) + 1
        let brief: Brief
        do throws(BriefError) { brief = try d.brief(ml: mlID, dialogueYear: year) } catch { throw ShellError(fr ? "pas de note possible pour \(year)" : "no brief for \(year)") }
        let table = Synthesis(brief)
        let notes = session.synthesisNotes[mlID] ?? [:], cleared = session.synthesisCleared[mlID] ?? []
        var r = Report("synthesis", title: fr ? "Synthèse du dialogue de gestion \(year) — plan d'action — \(d.name(of: .ml(mlID)))"
                                              : "Synthesis of the \(year) dialogue de gestion — action plan — \(d.name(of: .ml(mlID)))")
        r.text(fr ? "  (pré-rempli : ratios dans le premier et le dernier quart de la ML et de ses \(brief.peers.count) pairs, résultats \(year - 1))"
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
                    let text = "\(f.indicatorID) \(QueryRender.display(f.value, line, lang)) (\(Messages.ordinal(f.rank, lang))/\(f.of)"
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
                plain.append("  " + label + Messages.colon(lang) + (items.isEmpty ? "—" : ""))
                plain += items.map { "    - \($0)" }
            }
        }
        entries.plainText = plain
        r.add(entries)
        return ShellResult(report: r)
    }
}
