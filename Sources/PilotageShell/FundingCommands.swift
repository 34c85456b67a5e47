import Foundation

/// The convention of an ML and the ±10% funding rule.
enum FundingCommands {
    static let all: [Command] = [convention, funding]

    /// The convention of `of ML` covering `year N` (else the last year of the dataset, else the
    /// ML's first convention).
    static func conventionOf(_ c: ClauseValues, _ session: Session) throws(ShellError) -> (Convention, Dashboard, Int?) {
        let d = try session.dashboard(), data = try session.dataset()
        let ml = c.ml("of")!, year = c.year("year")
        guard let convention = data.convention(of: ml, year: year ?? data.years.last ?? 0) ?? data.conventions?.first(where: { $0.mlID == ml }) else {
            throw ShellError(Messages.text(.noConventionForConventionsCsv, session.language, "\(ml)"), at: c.tokens["of"])
        }
        return (convention, d, year)
    }

    static let ofML = Clause(names: ["of", "pour"], kind: .ml, placeholder: "ML", required: true)
    static let year = Clause(names: ["year", "année", "annee"], kind: .calendarYear, placeholder: "N")
    static let view = Subcommand(names: ["of"], clauses: [ofML, year], run: show)
    static let create = Subcommand(names: ["new", "nouvelle"], clauses: [
        Clause(names: [], kind: .text, placeholder: "NUMÉRO", required: true), ofML,
        Clause(names: ["from", "de"], kind: .calendarYear, placeholder: "ANNÉE", required: true),
        Clause(names: ["to", "à", "a"], kind: .calendarYear, placeholder: "ANNÉE", required: true),
        Clause(names: ["socle"], kind: .money, placeholder: "MONTANT", required: true), Clause(names: ["parrainage"], kind: .money, placeholder: "MONTANT"),
        Clause(names: ["fipj"], kind: .money, placeholder: "MONTANT"),
        Clause(names: ["without", "sans"], kind: .choice(["parrainage", "fipj"]), placeholder: "parrainage|fipj")], run: make)
    static let fundingClauses: [Clause] = [
        ofML, Clause(names: ["year", "année", "annee"], kind: .calendarYear, placeholder: "N", required: true),
        Clause(names: ["="], kind: .money, placeholder: "SOCLE", exclusive: true), Clause(names: [], kind: .step, placeholder: "+X%", exclusive: true),
        Clause(names: ["clamp", "borner"], kind: .flag, placeholder: ""), Clause(names: ["set", "retenir"], kind: .flag, placeholder: "")]

    static func euros(_ v: Money, _ lang: Language) -> String { QueryRender.euros(v.euros, lang) }
    /// A change in hundredths of a percent, signed, two decimals: `+5,76 %`.
    static func percent(basisPoints bp: Int64, _ lang: Language) -> String {
        QueryRender.signed(formatted(Double(bp) / 100, decimals: 2, lang), Double(bp)) + (Messages.text(.percentSign, lang))
    }
    /// `proposed / base − 1`, to the nearest hundredth of a percent.
    static func change(_ proposed: Money, against base: Money, _ lang: Language) -> String {
        base.basisPoints(to: proposed, .toNearestOrAwayFromZero).map { percent(basisPoints: $0, lang) } ?? "n.d."
    }

    static let convention = Command(
        names: ["convention", "cpo"],
        summary: .init(fr: "la convention d'une ML : subventions de l'Etat année par année, base et marge des ±10 %, objectifs",
                       en: "an ML's convention: the State's subsidy year by year, the ±10% base and headroom, objectives"),
        examples: ["convention of ML069-LYON", "convention new CPO-84-099 of ML069-LYON from 2019 to 2022 socle 160000 parrainage 5000"],
        reports: true, subcommands: [create], main: view)

    /// The convention's subsidies year by year against the ±10 % rule, and its objectives.
    @Sendable static func show(_ session: Session, _ values: ClauseValues) throws(ShellError) -> ShellResult {
        let lang = session.language
        let (c, d, _) = try conventionOf(values, session)
        var r = Report("convention", title: "\(c.number) — \(d.name(of: .ml(c.mlID))) (\(c.mlID)), \(c.period.lowerBound)-\(c.period.upperBound)")
        r.text(Messages.text(.baseSubsidySocleGarantieJeunes, lang, "\(c.period.lowerBound)", "\(c.integratesParrainage ? " + parrainage" : "")", "\(c.integratesFIPJ ? " + FIPJ" : "")"))
        var t = Report.Table("subsidies", columns: [("year", Messages.text(.year2, lang)), ("socle", "socle"), ("parrainage", "parrainage"), ("fipj", "FIPJ"),
                                                    ("adjustable", Messages.text(.adjustable, lang)), ("change", Messages.text(.vsBase, lang)),
                                                    ("room_up", Messages.text(.roomUp, lang)), ("room_down", Messages.text(.roomDown, lang)),
                                                    ("amendment", Messages.text(.amendment, lang))])
        let noSubsidy = Messages.text(.noSubsidyThisYear, lang)
        for year in c.period {
            let a = c.amendments.first { $0.year == year }
            let amendment: Report.Cell = a.map { .text("n°\($0.number)" + ($0.signedOn.map { " \($0)" } ?? "")) } ?? .absent(Messages.text(.noAmendment, lang), shown: "")
            guard let s = c.subsidies[year] else {
                t.rows.append([.number(Double(year), String(year))] + Array(repeating: .absent(noSubsidy, shown: "—"), count: 4)
                              + Array(repeating: .absent(noSubsidy, shown: ""), count: 3) + [amendment])
                continue
            }
            let bp = c.base.flatMap { c.adjustable($0).basisPoints(to: c.adjustable(s), .toNearestOrAwayFromZero) }
            let change: Report.Cell = bp.map { Report.Cell(value: .ratio(Double($0) / 10_000), shown: percent(basisPoints: $0, lang)) } ?? .absent(noSubsidy, shown: "")
            var up = Report.Cell.absent(noSubsidy, shown: ""), down = up
            switch c.check(s, for: year) {
            case .within(let u, let dn): up = .amount(u); down = .amount(dn)
            case .above, .below: up = .absent(Messages.text(.outside, lang), shown: Messages.text(.outside, lang)); down = .absent(Messages.text(.outside, lang), shown: "")
            case .notApplicable: break
            }
            t.rows.append([.number(Double(year), String(year)), .amount(s.socle), .amount(s.parrainage), .amount(s.fipj), .amount(c.adjustable(s)), change, up, down, amendment])
        }
        r.add(t)
        if !c.objectives.isEmpty {
            let sorted = c.objectives.sorted { ($0.year, Catalogue.indicator($0.indicatorID)?.order ?? 0) < ($1.year, Catalogue.indicator($1.indicatorID)?.order ?? 0) }
            var o = ObjectiveCommands.table(sorted.map { d.status(of: $0, ml: c.mlID) }, lang)
            o.heading = [Messages.text(.objectives, lang)]
            // The table form reads each objective as a sentence.
            o.plainText = sorted.map { ob in
                let line = Catalogue.indicator(ob.indicatorID)!, s = d.status(of: ob, ml: c.mlID)
                var text = "    \(ob.year) \(ob.indicatorID) \(ob.direction == .increase ? "≥" : "≤") \(QueryRender.display(ob.target, line, lang))"
                if let value = s.value, let met = s.met, let gap = s.gap {
                    text += " : " + QueryRender.display(value, line, lang) + " — " + ObjectiveCommands.verdict(met, lang)
                        + " (" + QueryRender.display(gap, .init(line: line, part: .change), lang) + ")"
                } else {
                    text += Messages.text(.noResultYet, lang)
                }
                return text
            }
            r.add(o)
        }
        return ShellResult(report: r)
    }

    /// `convention new NUMBER of ML from 2019 to 2022 socle 160000 [parrainage 5000] [fipj 12000] [without fipj]`
    @Sendable static func make(_ session: Session, _ v: ClauseValues) throws(ShellError) -> ShellResult {
        let data = try session.dataset()
        let number = v.text("NUMÉRO")!, ml = v.ml("of")!, first = v.year("from")!, last = v.year("to")!
        guard !(data.conventions ?? []).contains(where: { $0.number == number }) else {
            throw ShellError(Messages.text(.conventionAlreadyExists, session.language, "\(number)"), at: v.tokens["NUMÉRO"])
        }
        guard first <= last else { throw ShellError(Messages.text(.lastYearIsBeforeFirst, session.language), at: v.tokens["to"]) }
        if let other = data.conventions?.first(where: { $0.mlID == ml && $0.period.overlaps(first...last) }) {
            throw ShellError(Messages.text(.alreadyHasConventionOverThese, session.language, "\(ml)", "\(other.number)"))
        }
        let subsidy = StateSubsidy(socle: v.money("socle")!, parrainage: v.money("parrainage") ?? .zero, fipj: v.money("fipj") ?? .zero)
        let c = Convention(number: number, mlID: ml, period: first...last, subsidies: [first: subsidy],
                           integratesParrainage: v.text("without") != "parrainage", integratesFIPJ: v.text("without") != "fipj")
        guard c.bounds != nil else {
            throw ShellError(Messages.text(.zeroBaseLeavesRuleWithout, session.language), at: v.tokens["socle"])
        }
        try session.replace(c)
        return ShellResult(output: Messages.text(.conventionCreatedForBase, session.language, "\(number)", "\(ml)", "\(first)", "\(last)", "\(euros(c.adjustable(subsidy), session.language))"))
    }

    /// Why a subsidy is refused, and what the year may still move from the year before, in
    /// euros and in % rounded toward what is allowed.
    static func refusal(_ check: Convention.FundingCheck, _ c: Convention, from previous: StateSubsidy, year: Int, _ lang: Language) -> String {
        var out = ""
        switch check {
        case .above(let limit, let excess):
            out = Messages.text(.refusedAboveCeilingOfOf, lang, "\(euros(excess, lang))", "\(euros(limit, lang))")
        case .below(let limit, let shortfall):
            out = Messages.text(.refusedBelowFloorOfOf, lang, "\(euros(shortfall, lang))", "\(euros(limit, lang))")
        case .within, .notApplicable: return ""
        }
        guard let h = c.headroom(from: previous) else { return out }
        let since = c.subsidies[year - 1] != nil ? String(year - 1) : (Messages.text(.base, lang))
        let up = QueryRender.signed(euros(h.up, lang), h.up.euros), down = euros(h.down, lang)
        return out + (Messages.text(.headroomFrom, lang, "\(since)", "\(up)", "\(percent(basisPoints: h.upBasisPoints, lang))", "\(down)", "\(percent(basisPoints: h.downBasisPoints, lang))"))
    }

    /// `funding of ML year 2017 = 160000 [clamp]`, `funding of ML year 2017 +6%`
    static let funding = Command(
        names: ["funding", "financement"],
        summary: .init(fr: "essaie une subvention de l'Etat : règle des ±10 % (cumulés depuis la première année), marge, effets sur 10.1.b, 10.1.d, 10.1.e",
                       en: "tries a State subsidy: the ±10% rule (compounded from the first year), headroom, effects on 10.1.b, 10.1.d, 10.1.e"),
        examples: ["funding of ML069-LYON year 2017 +6%", "funding of ML069-LYON year 2017 = 190000 clamp", "funding of ML069-LYON year 2018 +2% set"],
        reports: true, clauses: fundingClauses
    ) { session, values throws(ShellError) in
        let lang = session.language, fr = lang == .fr
        let (c, d, _) = try conventionOf(values, session)
        let year = values.year("year")!, clamp = values.has("clamp"), keep = values.has("set")
        guard c.period.contains(year), let base = c.base else {
            throw ShellError(Messages.text(.isOutsideConvention, lang, "\(year)", "\(c.number)", "\(c.period.lowerBound)", "\(c.period.upperBound)"),
                             at: values.tokens["year"])
        }
        // "+X%" is a step from the year before; the effects are against the year's own subsidy when known.
        let previous = c.subsidies[year - 1] ?? base, reference = c.subsidies[year] ?? previous
        var proposed = reference
        switch (values.money("="), values.number("+X%")) {
        case (let socle?, nil): proposed.socle = socle
        case (nil, let step?):
            // The step applies to the adjustable part; the socle carries it (parrainage and FIPJ of the year stay).
            guard let s = c.stepped(from: previous, by: step, keeping: reference) else {
                throw ShellError(Messages.text(.percentageOutOfRange, lang), at: values.tokens["+X%"])
            }
            proposed = s
        case (_?, _?): throw ShellError(Messages.text(.amountOrXNotBoth, lang), at: values.tokens["+X%"])
        case (nil, nil): throw ShellError(Messages.text(.missingArgument, lang, Messages.usage("= SOCLE | +X%", lang)), offset: values.end)
        }
        guard proposed.socle >= .zero else {
            throw ShellError(Messages.text(.socleWouldBeNegative, lang, "\(euros(proposed.socle, lang))"),
                             at: values.tokens["+X%"])
        }
        var r = Report("funding", title: "\(c.number) \(year) — " + (Messages.text(.base2, lang, "\(c.period.lowerBound)")) + euros(c.adjustable(base), lang))
        // The proposal and the rule's answer: one row of data, read as sentences.
        var p = Report.Table("proposal", columns: [
            ("year", Messages.text(.year2, lang)), ("base", "base"), ("proposed", Messages.text(.proposed, lang)), ("change", Messages.text(.vsBase, lang)),
            ("allowed", Messages.text(.allowed, lang)), ("lowest", Messages.text(.floor, lang)), ("highest", Messages.text(.ceiling, lang)),
            ("room_up", Messages.text(.roomUp, lang)), ("room_down", Messages.text(.roomDown, lang)),
            ("headroom_up", Messages.text(.headroomUpFromN, lang)), ("headroom_up_percent", "%"),
            ("headroom_down", Messages.text(.headroomDownFromN, lang)), ("headroom_down_percent", "%"),
            ("applied", Messages.text(.applied, lang)), ("kept", Messages.text(.kept, lang))])
        var plain = [(Messages.text(.proposed2, lang)) + euros(c.adjustable(proposed), lang) + " (" + change(c.adjustable(proposed), against: c.adjustable(base), lang)
                     + (Messages.text(.againstBase, lang))]
        var applied = proposed
        let check = c.check(proposed, for: year)
        var room: (Money, Money)?
        switch check {
        case .within(let up, let down):
            room = (up, down)
            plain.append(Messages.text(.allowedHeadroom, lang, "\(euros(up, lang))", "\(euros(down, lang))"))
        case .above, .below:
            plain += refusal(check, c, from: previous, year: year, lang).split(separator: "\n").map(String.init)
            if clamp {
                applied = c.clamped(proposed, for: year).subsidy
                plain.append(Messages.text(.clampedBinding, lang, "\(euros(c.adjustable(applied), lang))"))
            }
        case .notApplicable: break
        }
        let refused: Bool
        switch check { case .above, .below: refused = true; default: refused = false }
        if keep && (!refused || clamp) {
            var kept = c
            kept.subsidies[year] = applied
            try session.replace(kept)
            plain.append(Messages.text(.keptForInSessionS, lang, "\(year)"))
        }
        let h = c.headroom(from: previous), bounds = c.bounds
        let none = Messages.text(.notApplicable, lang)
        func money(_ m: Money?) -> Report.Cell { m.map { .amount($0) } ?? .absent(none) }
        func bp(_ v: Int64?) -> Report.Cell { v.map { Report.Cell(value: .ratio(Double($0) / 10_000), shown: percent(basisPoints: $0, lang)) } ?? .absent(none) }
        let changeBP = c.adjustable(base).basisPoints(to: c.adjustable(proposed), .toNearestOrAwayFromZero)
        p.rows = [[.number(Double(year), String(year)), .amount(c.adjustable(base)), .amount(c.adjustable(proposed)), bp(changeBP),
                   .flag(!refused, lang), money(bounds?.lowerBound), money(bounds?.upperBound), money(room?.0), money(room?.1),
                   money(h?.up), bp(h?.upBasisPoints), money(h?.down), bp(h?.downBasisPoints),
                   refused && !clamp ? .absent(none) : .amount(c.adjustable(applied)), .flag(keep && (!refused || clamp), lang)]]
        p.plainText = plain
        r.add(p)
        guard !refused || clamp else {
            r.text(Messages.text(.clampBringsProposalToBound, lang))
            return ShellResult(report: r)
        }
        // Effects: the State funding changes by the difference with the year's subsidy (or the last known one).
        let delta = (c.adjustable(applied) - c.adjustable(reference)).euros
        let effectYear = d.years.contains(year) ? year : (d.years.last ?? year)
        let w: Dashboard
        do { w = try d.applying(Scenario(name: "funding", changes: [.init(ml: c.mlID, year: effectYear, lever: .stateFunding, amount: delta)])) }
        catch { throw ShellError(ScenarioCommands.describe(error, lang)) }
        let region = d.region(of: c.mlID) ?? .nation
        let when = effectYear == year ? String(year) : Messages.text(.atActivityOf, lang, String(effectYear))
        var e = Report.Table("effects", heading: [Messages.text(.effectsState, lang, when, delta >= 0 ? "+" : "", QueryRender.euros(delta, lang))],
                             columns: [("line", Messages.text(.line, lang)), ("ml", c.mlID), ("ml_after", Messages.text(.after, lang)),
                                       ("region", d.region(of: c.mlID)?.id ?? ""), ("region_after", Messages.text(.after, lang))])
        for id in ["10.1.b", "10.1.d", "10.1.e"] {
            let line = Catalogue.indicator(id)!
            var row: [Report.Cell] = [.text(id)]
            for t in [Territory.ml(c.mlID), region] {
                row.append(.line(d.value(id, for: t, year: effectYear), line, lang))
                row.append(.line(w.value(id, for: t, year: effectYear), line, lang))
            }
            e.rows.append(row)
        }
        var share: [Report.Cell] = [.text(Messages.text(.stateShareB, lang))]
        for t in [Territory.ml(c.mlID), region] {
            for dash in [d, w] {
                let s = dash.number("10.1.b", for: t, year: effectYear).flatMap { b in dash.number("10", for: t, year: effectYear).map { b / $0 } }
                share.append(s.map { Report.Cell(value: .ratio($0), shown: formatted($0 * 100, decimals: 1, lang) + (Messages.text(.percentSign, lang))) }
                             ?? .absent(Messages.text(.noFunding, lang)))
            }
        }
        e.rows.append(share)
        e.footer = [Messages.text(.adjustmentIsNeverAutomaticYou, lang)]
        r.add(e)
        return ShellResult(report: r)
    }
}
