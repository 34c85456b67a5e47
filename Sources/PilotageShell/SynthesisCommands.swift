import Foundation

/// `synthesis of ML for YEAR`, `synthesis add ML THEME forces|axes|actions "text"`, `synthesis clear ML THEME COLUMN`.
enum SynthesisCommands {
    static let columns = ["forces", "axes", "actions"]

    static let synthesis = Command(
        names: ["synthesis", "synthese", "synthèse"],
        summary: .init(fr: "le tableau de synthèse de la Fiche n°1 (forces, axes de progrès, actions prioritaires), pré-rempli par les pairs et modifiable",
                       en: "the synthesis table of Fiche n°1 (strengths, areas for progress, priority actions), pre-filled from the peers, editable"),
        examples: ["synthesis of ML069-LYON for 2017", "synthesis add ML069-LYON 2 actions \"Renforcer le repérage en QPV\""],
        reports: true, subcommands: edits, main: view)

    static let cell: [Clause] = [Clause(names: [], kind: .ml, placeholder: "ML", required: true),
                                 Clause(names: [], kind: .integer(1...5), placeholder: "THÈME(1-5)", required: true),
                                 Clause(names: [], kind: .choice(columns), placeholder: "forces|axes|actions", required: true)]
    static let edits = [
        Subcommand(names: ["add", "ajouter"], clauses: cell + [Clause(names: [], kind: .text, placeholder: "\"texte\"", required: true)], run: edit),
        Subcommand(names: ["clear", "vider"], clauses: cell, run: edit),
    ]

    /// `add` appends a note to a cell; `clear` empties it, pre-filled findings included.
    @Sendable static func edit(_ session: Session, _ c: ClauseValues) throws(ShellError) -> ShellResult {
        let id = c.ml("ML")!, theme = c.integer("THÈME(1-5)")!, column = c.text("forces|axes|actions")!
        let key = "\(theme).\(column)"
        if let text = c.text("\"texte\"") {
            session.synthesisNotes[id, default: [:]][key, default: []].append(text)
        } else {
            session.synthesisNotes[id, default: [:]][key] = []
            session.synthesisCleared[id, default: []].insert(key)
        }
        return ShellResult(output: Messages.text(.synthesisOfUpdatedTheme, session.language, "\(id)", "\(theme)", "\(column)"))
    }

    static let view = Subcommand(names: ["of"], clauses: [.ml(), .dialogueYear], run: table)

    /// The table, pre-filled from the peers, with the analyst's notes.
    @Sendable static func table(_ session: Session, _ c: ClauseValues) throws(ShellError) -> ShellResult {
        let lang = session.language, d = try session.dashboard()
        let mlID = c.ml("of")!, year = c.year("for") ?? (d.years.last ?? 0) + 1
        let brief: Brief
        do throws(BriefError) { brief = try d.brief(ml: mlID, dialogueYear: year) } catch { throw ShellError(Messages.text(.noBriefFor, lang, "\(year)")) }
        let table = Synthesis(brief)
        let notes = session.synthesisNotes[mlID] ?? [:], cleared = session.synthesisCleared[mlID] ?? []
        var r = Report("synthesis", title: Messages.text(.synthesisOfDialogueDeGestion, lang, "\(year)", "\(d.name(of: .ml(mlID)))"))
        r.text(Messages.text(.preFilledRatiosInTop, lang, "\(brief.peers.count)", "\(year - 1)"))
        var entries = Report.Table("entries", columns: [("theme", Messages.text(.theme, lang)), ("column", Messages.text(.column, lang)), ("line", Messages.text(.line, lang)),
                                                        ("value", Messages.text(.value2, lang)), ("peer_rank", Messages.text(.peerRank, lang)),
                                                        ("peer_median", Messages.text(.peerMedian, lang)), ("text", Messages.text(.text, lang))], leftColumns: 3)
        var plain: [String] = []
        let none = Messages.text(.notApplicable, lang)
        for (k, theme) in table.themes.enumerated() {
            plain += ["", "\(k + 1). \(theme.title)"]
            for (column, label, auto) in [("forces", Messages.text(.strengths, lang), theme.forces),
                                          ("axes", Messages.text(.areasForProgress, lang), theme.axes),
                                          ("actions", Messages.text(.priorityActions, lang), [Synthesis.Finding]())] {
                let key = "\(k + 1).\(column)"
                var items: [String] = []
                for f in cleared.contains(key) ? [] : auto {
                    let line = Catalogue.indicator(f.indicatorID)!
                    let median = f.peerMedian.map { QueryRender.display($0, line, lang) }
                    let text = "\(f.indicatorID) \(QueryRender.display(f.value, line, lang)) (\(Messages.ordinal(f.rank, lang))/\(f.of)"
                        + (median.map { (Messages.text(.peerMedian3, lang)) + $0 } ?? "") + ")"
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
