import Foundation

/// `brief of ML [for YEAR]` and `annotate ML THEME "text"`: Fiche n°1 for one ML.
enum BriefCommands {
    static let all: [Command] = [brief, annotate]

    static let briefClauses: [Clause] = [.ml(), .dialogueYear, Clause(names: ["peers", "pairs"], kind: .integer(1...50), placeholder: "N")]

    static let brief = Command(
        names: ["brief", "note", "fiche1"],
        summary: .init(fr: "la note de préparation du dialogue de gestion (Fiche n°1) pour une ML : contexte, parcours, employeurs, étape conclusive, avec ses pairs",
                       en: "the dialogue de gestion brief (Fiche n°1) for an ML: context, pathway, employers, conclusive step, with its peers"),
        examples: ["brief of ML069-LYON for 2017", "brief of lyon for 2018 peers 5"], reports: true,
        clauses: briefClauses
    ) { session, c throws(ShellError) in
        let lang = session.language, fr = lang == .fr, d = try session.dashboard()
        let ml = c.ml("of")!, year = c.year("for") ?? (d.years.last ?? 0) + 1, peerCount = c.integer("peers") ?? 10
        let b: Brief, funding = try session.dataset().funding
        do throws(BriefError) { b = try d.brief(ml: ml, dialogueYear: year, peerCount: peerCount, funding: funding) } catch {
            switch error {
            case .unknownML(let id): throw ShellError(Messages.text(.unknownMissionLocale, lang, "\(id)"))
            case .noResults(let y, _): throw ShellError(Messages.text(.noResultsForDialogue, lang, "\(y - 1)", "\(y)"))
            }
        }
        return ShellResult(report: report(b, d, session))
    }

    static func report(_ b: Brief, _ d: Dashboard, _ session: Session) -> Report {
        let lang = session.language
        let regionName = d.region(of: b.ml).map { d.name(of: $0) } ?? ""
        var r = Report("brief", title: "Dialogue de gestion \(b.dialogueYear) — \(d.name(of: .ml(b.ml))) (\(b.ml))")
        r.language = lang
        r.text(Messages.text(.resultsAgainstRegionAndNation, lang, "\(b.resultYear)", "\(b.previousYear)", "\(regionName)"))
        var peers = Report.Table("peers", columns: [("ml", "ML"), ("name", Messages.text(.name, lang))], leftColumns: 2)
        peers.rows = b.peers.map { [.text($0), .text(d.name(of: .ml($0)))] }
        peers.plainText = [(Messages.text(.peersMlsNearestInContext, lang, "\(b.peers.count)"))
                           + b.peers.map { d.name(of: .ml($0)) }.joined(separator: ", ")]
        r.add(peers)
        let notes = session.annotations[b.ml] ?? [:]
        func rank(_ s: Standing?) -> Report.Cell { s.map { .text("\($0.rank)/\($0.of) Q\($0.quartile)") } ?? .absent(Messages.text(.absentValue, lang)) }
        // A line's theme: the first theme of its part that lists it (none: the part as a whole).
        func linesTable(_ name: String, _ lines: [Brief.Line], _ themes: [DialogueGuide.Theme] = []) -> Report.Table {
            var t = Report.Table(name, heading: lines.isEmpty ? [] : [Messages.text(.briefDashboardLines, lang)],
                                 columns: [("line", Messages.text(.line, lang)), ("value", "\(b.resultYear)"), ("previous", "\(b.previousYear)"),
                                           ("region", Messages.text(.region, lang)), ("nation", "nation"), ("national_rank", Messages.text(.nationalRank, lang)),
                                           ("regional_rank", Messages.text(.regionalRank, lang)), ("peer_median", Messages.text(.peerMedian, lang)),
                                           ("peer_rank", Messages.text(.peerRank, lang)), ("theme", Messages.text(.theme, lang))])
            t.columns[9].dataOnly = true
            t.showsHeader = !lines.isEmpty
            for l in lines {
                let i = l.indicator, theme = themes.first { $0.lines.contains(i.id) }?.key
                t.rows.append([.text(i.id), .line(l.value, i, lang), .line(l.previous, i, lang), .line(l.region, i, lang), .line(l.nation, i, lang),
                               rank(l.nationalRank), rank(l.regionalRank),
                               .line(l.peerMedian, i, lang, absent: Messages.text(.noPeerHasValue, lang)),
                               l.peerRank.map { .text("\($0.rank)/\($0.of)") } ?? .absent(Messages.text(.absentValue, lang)),
                               theme.map(Report.Cell.text) ?? .absent("")])
            }
            let unavailable = lines.map(\.indicator).filter(\.isUnavailableIn2016).map(\.id)
            if !unavailable.isEmpty { t.footer.append(Messages.text(.briefUnavailableIn2016, lang, unavailable.joined(separator: ", "))) }
            return t
        }
        for (k, step) in b.steps.enumerated() {
            for (p, part) in step.parts.enumerated() {
                let suffix = step.parts.count > 1 ? "_\(k + 1)_\(p + 1)" : "_\(k + 1)"
                let heading = ["", p == 0 ? step.guide.title : nil, part.guide.title].compactMap { $0 }
                if k == 0 {
                    r.add(contextTables(b, heading: heading, note: notes["1"], lang))
                }
                var t = linesTable("step" + suffix, part.lines, part.guide.themes)
                if k > 0 {
                    // People read each theme's lines under it, then the part's other lines.
                    let shown = r.localized(t), header = t.shown.header
                    var themes = themesTable("themes" + suffix, part.guide.themes, heading: heading, notes: notes, lang)
                    // 2.2.a asks how the programmes are carried out and fit together: their tables.
                    let programmes = part.guide.themes.contains { $0.key == "2.2.a" } ? programmeTable(b, d, session) : nil
                    themes.plainText = themes.plainText.map { _ in
                        themeLines(part.guide.themes, notes: notes, lang) { key in
                            let rows = t.rows.indices.filter { t.rows[$0][9].shown == key }.map { shown[$0] }
                            var text = rows.isEmpty ? "" : aligned([header] + rows, leftColumns: 1, indent: "        ")
                            if key == "2.2.a", let programmes {
                                text += "        " + Messages.text(.briefProgrammes, lang, "\(b.resultYear)") + "\n"
                                // The text shows each programme once, over its three rows; the data keep it on each.
                                let all = r.localized(programmes)
                                let rows = all.indices.map { i in
                                    i > 0 && all[i][0] == all[i - 1][0] ? [""] + all[i].dropFirst() : all[i]
                                }
                                text += aligned([programmes.shown.header] + rows, leftColumns: 2, indent: "        ")
                            }
                            return text
                        }
                    }
                    r.add(themes)
                    if var programmes { programmes.plainText = []; r.add(programmes) }
                    let rest = t.rows.indices.filter { t.rows[$0][9].value.kind == "absent" }.map { shown[$0] }
                    t.plainText = rest.isEmpty ? [] : aligned([header] + rest, leftColumns: 1, indent: "  ").split(separator: "\n").map(String.init)
                    if rest.isEmpty { t.heading = [] }
                }
                if k == 0 { r.add(t); r.add(weightTable(b, lang)); continue }
                if k == 3 {
                    r.add(t)
                    r.add(fundersTable(b, lang))
                    t = matrixTable(b, lang)
                }
                if let note = step.guide.note, p == step.parts.count - 1 { t.footer.append("  " + note.text(lang)) }
                r.add(t)
            }
        }
        var targets = Report.Table("targets", heading: ["", Messages.text(.nationalTargetsOfAnnexeN, lang, "\(b.resultYear)", "\(b.previousYear)")],
                                   columns: [("target", Messages.text(.target, lang)), ("line", Messages.text(.line, lang)), ("previous", "\(b.previousYear)"),
                                             ("value", "\(b.resultYear)"), ("verdict", Messages.text(.direction2, lang))], leftColumns: 2)
        var plain: [String] = [], last = ""
        for t in b.targets {
            if t.target != last { plain.append("  \(t.target)"); last = t.target }
            let line = Catalogue.indicator(t.line)!
            let verdict: String
            switch (t.now, t.before) {
            // ✓ when the change goes the line's way (every "Augmenter …" line is higher-is-better).
            case let (n?, p?):
                let mark = line.direction.isBetter(n, than: p) ? " ✓" : " ✗"
                verdict = (n > p ? (Messages.text(.up, lang)) : n == p ? (Messages.text(.flat, lang)) : (Messages.text(.down, lang))) + mark
            default: verdict = Messages.text(.notAvailable, lang)
            }
            let absent = Messages.text(.absentValue, lang)
            let before = Report.Cell.line(t.before, line, lang, absent: absent), now = Report.Cell.line(t.now, line, lang, absent: absent)
            targets.rows.append([.text(t.target), .text(t.line), before, now, verdict == Messages.text(.notAvailable, lang) ? .absent(absent) : .text(verdict)])
            let shown = { (c: Report.Cell) in c.shown == "n.d." ? Messages.text(.notAvailable, lang) : c.shown }
            plain.append("    \(t.line) \(shown(before)) → \(shown(now))" + Messages.colon(lang) + verdict)
        }
        targets.plainText = plain
        r.add(targets)
        return r
    }

    /// Step 1: « La transmission des informations » as a checklist, and the families of context
    /// data with what the dataset holds of each.
    static func contextTables(_ b: Brief, heading: [String], note: String?, _ lang: Language) -> Report.Table {
        var t = Report.Table("transmission", heading: heading, columns: [("from", Messages.text(.from, lang)), ("what", Messages.text(.text, lang))])
        t.rows = DialogueGuide.transmission.map { [.text($0.from), .text($0.what)] }
        var plain = [Messages.text(.briefTransmission, lang)] + DialogueGuide.transmission.map { "    [ ] \($0.from) : \($0.what)" }
        plain.append(Messages.text(.briefContextFamilies, lang))
        for c in b.context {
            let held = c.held.isEmpty ? Messages.text(.briefNotHeld, lang) : Messages.text(.briefHeld, lang, c.held.joined(separator: ", "))
            plain.append("    [\(c.held.isEmpty ? " " : "x")] \(c.family) — \(held)")
        }
        if let note { plain.append("          → \(note)") }
        t.plainText = plain
        return t
    }

    /// The weight in the region, under the instruction's sentence that defines it.
    static func weightTable(_ b: Brief, _ lang: Language) -> Report.Table {
        var weight = Report.Table("weight", columns: [("measure", Messages.text(.measure, lang)), ("share", Messages.text(.share, lang))])
        func percent(_ v: Double) -> String { formatted(v * 100, decimals: 1, lang) + (Messages.text(.percentSign, lang)) }
        weight.rows = b.weight.map { [.text($0.label), $0.share.map { Report.Cell(value: .ratio($0), shown: percent($0)) } ?? .absent(Messages.text(.absentValue, lang))] }
        weight.plainText = [(Messages.text(.weightInRegion, lang))
                            + b.weight.map { "\($0.label) \($0.share.map(percent) ?? Messages.text(.notAvailable, lang))" }
                                .joined(separator: Messages.text(.listSeparator, lang))]
        weight.heading = ["  " + DialogueGuide.regionalWeight]
        return weight
    }

    /// The themes of a part, each with the instruction's text of what to examine and the
    /// analyst's note.
    static func themesTable(_ name: String, _ themes: [DialogueGuide.Theme], heading: [String], notes: [String: String],
                            _ lang: Language) -> Report.Table {
        var t = Report.Table(name, heading: heading, columns: [("theme", Messages.text(.theme, lang)), ("title", Messages.text(.label, lang)),
                                                                ("text", Messages.text(.text, lang)), ("note", Messages.text(.note, lang))], leftColumns: 4)
        t.rows = themes.map { [.text($0.key), .text($0.title), .text($0.text.joined(separator: "\n")),
                               notes[$0.key].map(Report.Cell.text) ?? .absent("")] }
        t.plainText = themeLines(themes, notes: notes, lang) { _ in "" }
        return t
    }

    /// The themes as people read them: the address and title, the instruction's text, the
    /// lines that inform the theme (`lines`, aligned rows), the analyst's note.
    static func themeLines(_ themes: [DialogueGuide.Theme], notes: [String: String], _ lang: Language,
                           lines: (String) -> String) -> [String] {
        var plain = themes.isEmpty ? [] : [Messages.text(.themesThMatiquesAborder, lang)]
        for theme in themes {
            plain.append("    [\(theme.key)] \(theme.title)")
            plain += theme.text.map { "        " + $0 }
            plain += lines(theme.key).split(separator: "\n").map(String.init)
            if let n = notes[theme.key] { plain.append("          → \(n)") }
        }
        return plain
    }

    /// Theme 2.2.a: the programme tables of the ML, its region and the nation in the results
    /// year — entries (3.1), present (4.1), exits (8.1), R10 and R11 per national programme.
    static func programmeTable(_ b: Brief, _ d: Dashboard, _ session: Session) -> Report.Table? {
        guard let tables = try? session.programmeTables() else { return nil }
        let lang = session.language, lines = ["3.1", "4.1", "8.1", "R10", "R11"].compactMap(Catalogue.indicator)
        var t = Report.Table("programmes", columns: [("programme", Messages.text(.programmeHeader, lang)),
                                                     ("territory", Messages.text(.territory, lang))] + lines.map { ($0.id, $0.id) },
                             leftColumns: 2)
        let places = [Territory.ml(b.ml)] + (d.region(of: b.ml).map { [$0] } ?? []) + [.nation]
        for p in ProgrammeTables.programmes {
            for place in places {
                t.rows.append([.text(p.label), .text(d.name(of: place))]
                              + lines.map { .line(tables.value($0.id, for: place, year: b.resultYear, programme: p), $0, lang) })
            }
        }
        return t
    }

    /// Step 4: the funding of the results year by funder, and the specific activities' share.
    static func fundersTable(_ b: Brief, _ lang: Language) -> Report.Table {
        var t = Report.Table("funders", columns: [("funder", Messages.text(.funder, lang)), ("amount", Messages.text(.amount, lang)),
                                                  ("share", Messages.text(.share, lang))])
        let total = b.funders.reduce(0) { $0 + $1.amount }
        func percent(_ v: Double) -> Report.Cell { Report.Cell(value: .ratio(v), shown: formatted(v * 100, decimals: 1, lang) + Messages.text(.percentSign, lang)) }
        t.rows = b.funders.map { [.text($0.funder.name), .amount(Money(euros: $0.amount) ?? .zero), total > 0 ? percent($0.amount / total) : .absent("")] }
        var plain = [Messages.text(.briefFunders, lang, "\(b.resultYear)")]
        if b.funders.isEmpty { plain.append(Messages.text(.briefNoFunders, lang)) }
        plain += zip(b.funders, t.rows).map { "    \($0.funder.name)" + Messages.colon(lang) + QueryRender.euros($0.amount, lang) + " (\($1[2].shown))" }
        if let s = b.specificActivities {
            plain.append(Messages.text(.briefSpecificActivities, lang, QueryRender.euros(s.amount, lang), percent(s.share).shown))
        }
        t.plainText = plain
        return t
    }

    /// Step 4: the ML in the national matrix, the year before and the results year.
    static func matrixTable(_ b: Brief, _ lang: Language) -> Report.Table {
        var t = Report.Table("matrix", columns: [("year", Messages.text(.year, lang)), ("efficacy", Messages.text(.efficiency, lang)),
                                                 ("performance", Messages.text(.performance, lang)), ("quadrant", Messages.text(.quadrant, lang))])
        var plain = [Messages.text(.briefMatrixPosition, lang)]
        for (year, point) in [(b.previousYear, b.matrix.before), (b.resultYear, b.matrix.now)] {
            guard let p = point else {
                t.rows.append([.number(Double(year), "\(year)"), .absent(""), .absent(""), .absent("")])
                plain.append("    " + Messages.text(.briefMatrixAbsent, lang, "\(year)"))
                continue
            }
            let e = Report.Cell.number(p.efficiency, formatted(p.efficiency, decimals: 2, lang)), q = p.quadrant.label(lang)
            let f = Report.Cell.number(p.performance, formatted(p.performance, decimals: 2, lang))
            t.rows.append([.number(Double(year), "\(year)"), e, f, .text(q)])
            plain.append("    " + Messages.text(.briefMatrixPoint, lang, "\(year)", e.shown, f.shown, q))
        }
        t.plainText = plain
        return t
    }

    static let annotate = Command(
        names: ["annotate", "annoter"],
        summary: .init(fr: "note un commentaire sur une thématique de la Fiche n°1 pour une ML (affiché dans brief)",
                       en: "notes a comment on a theme of Fiche n°1 for an ML (shown by brief)"),
        examples: ["annotate ML069-LYON 2.1.c \"Permanences en QPV à renforcer\""], clauses: annotateClauses
    ) { session, c throws(ShellError) in
        let ml = c.ml("ML")!, key = c.text("THÈME")!, text = c.text("\"texte\"")!
        session.annotations[ml, default: [:]][key] = text.isEmpty ? nil : text
        return ShellResult(output: Messages.text(.notedFor2, session.language, "\(ml)", "\(key)"))
    }

    /// The themes of Fiche n°1, in the instruction's numbering (`2.1.c`, `4.b`).
    static let themeKeys = DialogueGuide.annotationKeys
    static let annotateClauses: [Clause] = [Clause(names: [], kind: .ml, placeholder: "ML", required: true),
                                            Clause(names: [], kind: .choice(themeKeys), placeholder: "THÈME", required: true,
                                                   unknown: .unknownTheme),
                                            Clause(names: [], kind: .text, placeholder: "\"texte\"", required: true)]
}
