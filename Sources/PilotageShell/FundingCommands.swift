import Foundation

/// The convention of an ML and the ±10% funding rule.
enum FundingCommands {
    static let all: [Command] = [convention, funding]

    /// The convention of `of ML` covering `year N` (else the last year of the dataset, else the
    /// ML's first convention).
    static func conventionOf(_ c: ClauseValues, _ session: Session) throws(ShellError) -> (Convention, Dashboard, Int?) {
        let fr = session.language == .fr, d = try session.dashboard(), data = try session.dataset()
        let ml = c.ml("of")!, year = c.year("year")
        guard let convention = data.convention(of: ml, year: year ?? data.years.last ?? 0) ?? data.conventions?.first(where: { $0.mlID == ml }) else {
            throw ShellError(fr ? "aucune convention pour \(ml) (conventions.csv)" : "no convention for \(ml) (conventions.csv)", at: c.tokens["of"])
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
        QueryRender.signed(formatted(Double(bp) / 100, decimals: 2, lang), Double(bp)) + (lang == .fr ? "\u{202F}%" : "%")
    }
    /// `proposed / base − 1`, to the nearest hundredth of a percent.
    static func change(_ proposed: Money, against base: Money, _ lang: Language) -> String {
        base.basisPoints(to: proposed, .toNearestOrAwayFromZero).map { percent(basisPoints: $0, lang) } ?? "n.d."
    }

    /// An amount typed in a command, to the cent (the existing number reading, then the cent rule).
    static func amount(_ args: inout Arguments, _ lang: Language) throws(ShellError) -> Money {
        try args.money(lang == .fr ? "montant" : "amount")
    }

    static let convention = Command(
        names: ["convention", "cpo"],
        summary: .init(fr: "la convention d'une ML : subventions de l'Etat année par année, base et marge des ±10 %, objectifs",
                       en: "an ML's convention: the State's subsidy year by year, the ±10% base and headroom, objectives"),
        usage: "", examples: ["convention of ML069-LYON", "convention new CPO-84-099 of ML069-LYON from 2019 to 2022 socle 160000 parrainage 5000"],
        reports: true, clauses: view.clauses, subcommands: [create]
    ) { session, args throws(ShellError) in try Subcommand.dispatch([create], fallback: view, session, &args) }

    /// The convention's subsidies year by year against the ±10 % rule, and its objectives.
    @Sendable static func show(_ session: Session, _ values: ClauseValues) throws(ShellError) -> ShellResult {
        let lang = session.language, fr = lang == .fr
        let (c, d, _) = try conventionOf(values, session)
        var r = Report("convention", title: "\(c.number) — \(d.name(of: .ml(c.mlID))) (\(c.mlID)), \(c.period.lowerBound)-\(c.period.upperBound)")
        r.text(fr ? "  base des ±10 % : subvention \(c.period.lowerBound) (socle\(c.integratesParrainage ? " + parrainage" : "")\(c.integratesFIPJ ? " + FIPJ" : ""), hors Garantie jeunes)"
                  : "  ±10% base: the \(c.period.lowerBound) subsidy (socle\(c.integratesParrainage ? " + parrainage" : "")\(c.integratesFIPJ ? " + FIPJ" : ""), Garantie jeunes excluded)")
        var t = Report.Table("subsidies", columns: [("year", fr ? "année" : "year"), ("socle", "socle"), ("parrainage", "parrainage"), ("fipj", "FIPJ"),
                                                    ("adjustable", fr ? "assiette" : "adjustable"), ("change", fr ? "vs base" : "vs base"),
                                                    ("room_up", fr ? "marge +" : "room up"), ("room_down", fr ? "marge −" : "room down"),
                                                    ("amendment", fr ? "avenant" : "amendment")])
        let noSubsidy = fr ? "pas de subvention cette année" : "no subsidy this year"
        for year in c.period {
            let a = c.amendments.first { $0.year == year }
            let amendment: Report.Cell = a.map { .text("n°\($0.number)" + ($0.signedOn.map { " \($0)" } ?? "")) } ?? .absent(fr ? "pas d'avenant" : "no amendment", shown: "")
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
            case .above, .below: up = .absent(fr ? "hors ±10 %" : "outside ±10%", shown: fr ? "hors ±10 %" : "outside ±10%"); down = .absent(fr ? "hors ±10 %" : "outside ±10%", shown: "")
            case .notApplicable: break
            }
            t.rows.append([.number(Double(year), String(year)), .amount(s.socle), .amount(s.parrainage), .amount(s.fipj), .amount(c.adjustable(s)), change, up, down, amendment])
        }
        r.add(t)
        if !c.objectives.isEmpty {
            let sorted = c.objectives.sorted { ($0.year, Catalogue.indicator($0.indicatorID)?.order ?? 0) < ($1.year, Catalogue.indicator($1.indicatorID)?.order ?? 0) }
            var o = ObjectiveCommands.table(sorted.map { d.status(of: $0, ml: c.mlID) }, lang)
            o.heading = [fr ? "  objectifs :" : "  objectives:"]
            // The table form reads each objective as a sentence.
            o.plainText = sorted.map { ob in
                let line = Catalogue.indicator(ob.indicatorID)!, s = d.status(of: ob, ml: c.mlID)
                var text = "    \(ob.year) \(ob.indicatorID) \(ob.direction == .increase ? "≥" : "≤") \(QueryRender.display(ob.target, line, lang))"
                if let value = s.value, let met = s.met, let gap = s.gap {
                    text += " : " + QueryRender.display(value, line, lang) + " — " + ObjectiveCommands.verdict(met, lang)
                        + " (" + QueryRender.display(gap, .init(line: line, part: .change), lang) + ")"
                } else {
                    text += fr ? " : pas encore de résultat" : ": no result yet"
                }
                return text
            }
            r.add(o)
        }
        return ShellResult(report: r)
    }

    /// `convention new NUMBER of ML from 2019 to 2022 socle 160000 [parrainage 5000] [fipj 12000] [without fipj]`
    @Sendable static func make(_ session: Session, _ v: ClauseValues) throws(ShellError) -> ShellResult {
        let fr = session.language == .fr, data = try session.dataset()
        let number = v.text("NUMÉRO")!, ml = v.ml("of")!, first = v.year("from")!, last = v.year("to")!
        guard !(data.conventions ?? []).contains(where: { $0.number == number }) else {
            throw ShellError(fr ? "la convention « \(number) » existe déjà" : "convention \"\(number)\" already exists", at: v.tokens["NUMÉRO"])
        }
        guard first <= last else { throw ShellError(fr ? "la dernière année précède la première" : "the last year is before the first", at: v.tokens["to"]) }
        if let other = data.conventions?.first(where: { $0.mlID == ml && $0.period.overlaps(first...last) }) {
            throw ShellError(fr ? "\(ml) a déjà la convention \(other.number) sur ces années" : "\(ml) already has convention \(other.number) over these years")
        }
        let subsidy = StateSubsidy(socle: v.money("socle")!, parrainage: v.money("parrainage") ?? .zero, fipj: v.money("fipj") ?? .zero)
        let c = Convention(number: number, mlID: ml, period: first...last, subsidies: [first: subsidy],
                           integratesParrainage: v.text("without") != "parrainage", integratesFIPJ: v.text("without") != "fipj")
        guard c.bounds != nil else {
            throw ShellError(fr ? "une base nulle ne permet pas la règle des ±10 %" : "a zero base leaves the ±10% rule without meaning", at: v.tokens["socle"])
        }
        try session.replace(c)
        return ShellResult(output: fr ? "convention \(number) créée pour \(ml), \(first)-\(last), base \(euros(c.adjustable(subsidy), session.language))\n"
                                      : "convention \(number) created for \(ml), \(first)-\(last), base \(euros(c.adjustable(subsidy), session.language))\n")
    }

    /// Why a subsidy is refused, and what the year may still move from the year before, in
    /// euros and in % rounded toward what is allowed.
    static func refusal(_ check: Convention.FundingCheck, _ c: Convention, from previous: StateSubsidy, year: Int, _ lang: Language) -> String {
        let fr = lang == .fr
        var out = ""
        switch check {
        case .above(let limit, let excess):
            out = fr ? "  refusé : dépasse de \(euros(excess, lang)) le plafond de +10 % de la base (\(euros(limit, lang)))\n"
                     : "  refused: \(euros(excess, lang)) above the ceiling of +10% of the base (\(euros(limit, lang)))\n"
        case .below(let limit, let shortfall):
            out = fr ? "  refusé : \(euros(shortfall, lang)) sous le plancher de −10 % de la base (\(euros(limit, lang)))\n"
                     : "  refused: \(euros(shortfall, lang)) below the floor of −10% of the base (\(euros(limit, lang)))\n"
        case .within, .notApplicable: return ""
        }
        guard let h = c.headroom(from: previous) else { return out }
        let since = c.subsidies[year - 1] != nil ? String(year - 1) : (fr ? "la base" : "the base")
        let up = QueryRender.signed(euros(h.up, lang), h.up.euros), down = euros(h.down, lang)
        return out + (fr ? "  marge depuis \(since) : \(up) (\(percent(basisPoints: h.upBasisPoints, lang))) / \(down) (\(percent(basisPoints: h.downBasisPoints, lang)))\n"
                         : "  headroom from \(since): \(up) (\(percent(basisPoints: h.upBasisPoints, lang))) / \(down) (\(percent(basisPoints: h.downBasisPoints, lang)))\n")
    }

    /// `funding of ML year 2017 = 160000 [clamp]`, `funding of ML year 2017 +6%`
    static let funding = Command(
        names: ["funding", "financement"],
        summary: .init(fr: "essaie une subvention de l'Etat : règle des ±10 % (cumulés depuis la première année), marge, effets sur 10.1.b, 10.1.d, 10.1.e",
                       en: "tries a State subsidy: the ±10% rule (compounded from the first year), headroom, effects on 10.1.b, 10.1.d, 10.1.e"),
        usage: "", examples: ["funding of ML069-LYON year 2017 +6%", "funding of ML069-LYON year 2017 = 190000 clamp", "funding of ML069-LYON year 2018 +2% set"],
        reports: true, clauses: fundingClauses
    ) { session, args throws(ShellError) in
        let lang = session.language, fr = lang == .fr
        let values = try args.clauses(fundingClauses, session)
        let (c, d, _) = try conventionOf(values, session)
        let year = values.year("year")!, clamp = values.has("clamp"), keep = values.has("set")
        guard c.period.contains(year), let base = c.base else {
            throw ShellError(fr ? "\(year) est hors de la convention \(c.number) (\(c.period.lowerBound)-\(c.period.upperBound))" : "\(year) is outside convention \(c.number)",
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
                throw ShellError(fr ? "pourcentage hors d'échelle" : "percentage out of range", at: values.tokens["+X%"])
            }
            proposed = s
        case (_?, _?): throw ShellError(fr ? "« = MONTANT » ou « +X% », pas les deux" : "\"= AMOUNT\" or \"+X%\", not both", at: values.tokens["+X%"])
        case (nil, nil): throw ShellError(Messages.text(.missingArgument, lang, "= SOCLE | +X%"), offset: args.line.count)
        }
        guard proposed.socle >= .zero else {
            throw ShellError(fr ? "le socle deviendrait négatif (\(euros(proposed.socle, lang)))" : "the socle would be negative (\(euros(proposed.socle, lang)))",
                             at: values.tokens["+X%"])
        }
        var r = Report("funding", title: "\(c.number) \(year) — " + (fr ? "base \(c.period.lowerBound) : " : "base \(c.period.lowerBound): ") + euros(c.adjustable(base), lang))
        // The proposal and the rule's answer: one row of data, read as sentences.
        var p = Report.Table("proposal", columns: [
            ("year", fr ? "année" : "year"), ("base", "base"), ("proposed", fr ? "proposé" : "proposed"), ("change", fr ? "vs base" : "vs base"),
            ("allowed", fr ? "accepté" : "allowed"), ("lowest", fr ? "plancher" : "floor"), ("highest", fr ? "plafond" : "ceiling"),
            ("room_up", fr ? "marge +" : "room up"), ("room_down", fr ? "marge −" : "room down"),
            ("headroom_up", fr ? "marge + depuis N−1" : "headroom up from N−1"), ("headroom_up_percent", "%"),
            ("headroom_down", fr ? "marge − depuis N−1" : "headroom down from N−1"), ("headroom_down_percent", "%"),
            ("applied", fr ? "appliqué" : "applied"), ("kept", fr ? "retenu" : "kept")])
        var plain = [(fr ? "  proposé : " : "  proposed: ") + euros(c.adjustable(proposed), lang) + " (" + change(c.adjustable(proposed), against: c.adjustable(base), lang)
                     + (fr ? " par rapport à la base)" : " against the base)")]
        var applied = proposed
        let check = c.check(proposed, for: year)
        var room: (Money, Money)?
        switch check {
        case .within(let up, let down):
            room = (up, down)
            plain.append(fr ? "  accepté : marge restante +\(euros(up, lang)) / −\(euros(down, lang))" : "  allowed: headroom +\(euros(up, lang)) / −\(euros(down, lang))")
        case .above, .below:
            plain += refusal(check, c, from: previous, year: year, lang).split(separator: "\n").map(String.init)
            if clamp {
                applied = c.clamped(proposed, for: year).subsidy
                plain.append(fr ? "  borné (contrainte active) : \(euros(c.adjustable(applied), lang))" : "  clamped (binding): \(euros(c.adjustable(applied), lang))")
            }
        case .notApplicable: break
        }
        let refused: Bool
        switch check { case .above, .below: refused = true; default: refused = false }
        if keep && (!refused || clamp) {
            var kept = c
            kept.subsidies[year] = applied
            try session.replace(kept)
            plain.append(fr ? "  retenu pour \(year) dans la convention de la session" : "  kept for \(year) in the session's convention")
        }
        let h = c.headroom(from: previous), bounds = c.bounds
        let none = fr ? "sans objet" : "not applicable"
        func money(_ m: Money?) -> Report.Cell { m.map { .amount($0) } ?? .absent(none) }
        func bp(_ v: Int64?) -> Report.Cell { v.map { Report.Cell(value: .ratio(Double($0) / 10_000), shown: percent(basisPoints: $0, lang)) } ?? .absent(none) }
        let changeBP = c.adjustable(base).basisPoints(to: c.adjustable(proposed), .toNearestOrAwayFromZero)
        p.rows = [[.number(Double(year), String(year)), .amount(c.adjustable(base)), .amount(c.adjustable(proposed)), bp(changeBP),
                   .text(refused ? "no" : "yes"), money(bounds?.lowerBound), money(bounds?.upperBound), money(room?.0), money(room?.1),
                   money(h?.up), bp(h?.upBasisPoints), money(h?.down), bp(h?.downBasisPoints),
                   refused && !clamp ? .absent(none) : .amount(c.adjustable(applied)), .text(keep && (!refused || clamp) ? "yes" : "no")]]
        p.plainText = plain
        r.add(p)
        guard !refused || clamp else {
            r.text(fr ? "  (clamp ramène la proposition à la borne)" : "  (clamp brings the proposal to the bound)")
            return ShellResult(report: r)
        }
        // Effects: the State funding changes by the difference with the year's subsidy (or the last known one).
        let delta = (c.adjustable(applied) - c.adjustable(reference)).euros
        let effectYear = d.years.contains(year) ? year : (d.years.last ?? year)
        let w: Dashboard
        do { w = try d.applying(Scenario(name: "funding", changes: [.init(ml: c.mlID, year: effectYear, lever: .stateFunding, amount: delta)])) }
        catch { throw ShellError(ScenarioCommands.describe(error, lang)) }
        let region = d.region(of: c.mlID) ?? .nation
        var e = Report.Table("effects", heading: [fr ? "  effets (\(effectYear == year ? "\(year)" : "à activité constante de \(effectYear)"), Etat \(delta >= 0 ? "+" : "")\(QueryRender.euros(delta, lang))) :"
                                                     : "  effects (\(effectYear == year ? "\(year)" : "at the activity of \(effectYear)"), State \(delta >= 0 ? "+" : "")\(QueryRender.euros(delta, lang))):"],
                             columns: [("line", fr ? "ligne" : "line"), ("ml", c.mlID), ("ml_after", fr ? "après" : "after"),
                                       ("region", d.region(of: c.mlID)?.id ?? ""), ("region_after", fr ? "après" : "after")])
        for id in ["10.1.b", "10.1.d", "10.1.e"] {
            let line = Catalogue.indicator(id)!
            var row: [Report.Cell] = [.text(id)]
            for t in [Territory.ml(c.mlID), region] {
                row.append(.line(d.value(id, for: t, year: effectYear), line, lang))
                row.append(.line(w.value(id, for: t, year: effectYear), line, lang))
            }
            e.rows.append(row)
        }
        var share: [Report.Cell] = [.text(fr ? "part Etat (10.1.b / 10)" : "State share (10.1.b / 10)")]
        for t in [Territory.ml(c.mlID), region] {
            for dash in [d, w] {
                let s = dash.number("10.1.b", for: t, year: effectYear).flatMap { b in dash.number("10", for: t, year: effectYear).map { b / $0 } }
                share.append(s.map { Report.Cell(value: .ratio($0), shown: formatted($0 * 100, decimals: 1, lang) + (fr ? "\u{202F}%" : "%")) }
                             ?? .absent(fr ? "financements absents" : "no funding"))
            }
        }
        e.rows.append(share)
        e.footer = [fr ? "  (l'ajustement n'a aucun caractère automatique : c'est à vous de le fixer)" : "  (the adjustment is never automatic: you set it)"]
        r.add(e)
        return ShellResult(report: r)
    }
}
