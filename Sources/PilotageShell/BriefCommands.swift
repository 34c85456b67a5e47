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
        let b: Brief
        do throws(BriefError) { b = try d.brief(ml: ml, dialogueYear: year, peerCount: peerCount) } catch {
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
        r.text(Messages.text(.resultsAgainstRegionAndNation, lang, "\(b.resultYear)", "\(b.previousYear)", "\(regionName)"))
        var peers = Report.Table("peers", columns: [("ml", "ML"), ("name", Messages.text(.name, lang))], leftColumns: 2)
        peers.rows = b.peers.map { [.text($0), .text(d.name(of: .ml($0)))] }
        peers.plainText = [(Messages.text(.peersMlsNearestInContext, lang, "\(b.peers.count)"))
                           + b.peers.map { d.name(of: .ml($0)) }.joined(separator: ", ")]
        r.add(peers)
        var weight = Report.Table("weight", columns: [("measure", Messages.text(.measure, lang)), ("share", Messages.text(.share, lang))])
        func percent(_ v: Double) -> String { formatted(v * 100, decimals: 1, lang) + (Messages.text(.percentSign, lang)) }
        weight.rows = b.weight.map { [.text($0.label), $0.share.map { Report.Cell(value: .ratio($0), shown: percent($0)) } ?? .absent(Messages.text(.absentValue, lang))] }
        weight.plainText = [(Messages.text(.weightInRegion, lang))
                            + b.weight.map { "\($0.label) \($0.share.map(percent) ?? Messages.text(.notAvailable, lang))" }
                                .joined(separator: Messages.text(.listSeparator, lang))]
        r.add(weight)
        let notes = session.annotations[b.ml] ?? [:]
        func rank(_ s: Standing?) -> Report.Cell { s.map { .text("\($0.rank)/\($0.of) Q\($0.quartile)") } ?? .absent(Messages.text(.absentValue, lang)) }
        for (k, step) in b.steps.enumerated() {
            var t = Report.Table("step_\(k + 1)", heading: ["", step.guide.title],
                                 columns: [("line", Messages.text(.line, lang)), ("value", "\(b.resultYear)"), ("previous", "\(b.previousYear)"),
                                           ("region", Messages.text(.region, lang)), ("nation", "nation"), ("national_rank", Messages.text(.nationalRank, lang)),
                                           ("regional_rank", Messages.text(.regionalRank, lang)), ("peer_median", Messages.text(.peerMedian, lang)),
                                           ("peer_rank", Messages.text(.peerRank, lang))])
            t.showsHeader = !step.lines.isEmpty
            for l in step.lines {
                let i = l.indicator
                t.rows.append([.text(i.id), .line(l.value, i, lang), .line(l.previous, i, lang), .line(l.region, i, lang), .line(l.nation, i, lang),
                               rank(l.nationalRank), rank(l.regionalRank),
                               .line(l.peerMedian, i, lang, absent: Messages.text(.noPeerHasValue, lang)),
                               l.peerRank.map { .text("\($0.rank)/\($0.of)") } ?? .absent(Messages.text(.absentValue, lang))])
            }
            if let note = step.guide.note { t.footer.append("  " + note.text(lang)) }
            t.footer.append(Messages.text(.themesThMatiquesAborder, lang))
            for (i, theme) in step.guide.themes.enumerated() {
                let key = "\(k + 1).\(i + 1)"
                t.footer.append("    [\(key)] \(theme)")
                if let n = notes[key] { t.footer.append("          → \(n)") }
            }
            r.add(t)
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

    static let annotate = Command(
        names: ["annotate", "annoter"],
        summary: .init(fr: "note un commentaire sur une thématique de la Fiche n°1 pour une ML (affiché dans brief)",
                       en: "notes a comment on a theme of Fiche n°1 for an ML (shown by brief)"),
        examples: ["annotate ML069-LYON 2.3 \"Permanences en QPV à renforcer\""], clauses: annotateClauses
    ) { session, c throws(ShellError) in
        let ml = c.ml("ML")!, key = c.text("THÈME")!, text = c.text("\"texte\"")!
        session.annotations[ml, default: [:]][key] = text.isEmpty ? nil : text
        return ShellResult(output: Messages.text(.notedFor2, session.language, "\(ml)", "\(key)"))
    }

    /// The themes of Fiche n°1, numbered as the brief shows them (`2.3`).
    static let themeKeys = DialogueGuide.steps.enumerated().flatMap { k, s in s.themes.indices.map { "\(k + 1).\($0 + 1)" } }
    static let annotateClauses: [Clause] = [Clause(names: [], kind: .ml, placeholder: "ML", required: true),
                                            Clause(names: [], kind: .choice(themeKeys), placeholder: "THÈME", required: true,
                                                   unknown: .unknownTheme),
                                            Clause(names: [], kind: .text, placeholder: "\"texte\"", required: true)]
}
