import Foundation

/// Scenarios, goal seek and sensitivity tables: the "what-if" of the dialogue de gestion.
enum NegotiationCommands {
    static let all: [Command] = [levers, scenario, seek, sensitivity]

    static let levers = Command(
        names: ["levers", "leviers"],
        summary: .init(fr: "les leviers des scénarios et les lignes que chacun alimente", en: "the levers of scenarios and the lines each feeds"),
        usage: "levers", examples: ["levers"]
    ) { session, args throws(ShellError) in
        try args.expectEnd()
        let lang = session.language
        let width = Lever.allCases.map(\.rawValue.count).max()!
        var out = lang == .fr ? "Levier — ce qu'il représente — lignes alimentées (+ montant)\n" : "Lever — what it stands for — lines fed (+ amount)\n"
        for l in Lever.allCases {
            out += "  " + padded(l.rawValue, width) + "  " + l.label.text(lang) + " → " + l.lines.joined(separator: ", ") + "\n"
        }
        return ShellResult(output: out)
    }

    /// `scenario new|add|list|copy|delete|show …`
    static let scenario = Command(
        names: ["scenario", "scénario"],
        summary: .init(fr: "crée, modifie, copie, supprime et compare des scénarios « et si ? »", en: "creates, edits, copies, deletes and compares what-if scenarios"),
        usage: "scenario new NOM | add NOM LEVIER MONTANT of ML [year N] | list | copy A B | delete NOM | show NOM[,NOM…] [of TERRITOIRE] [year N] [breakdown B]",
        examples: ["scenario new entrees", "scenario add entrees national_entries 100 of ML069-LYON year 2016", "scenario show entrees",
                   "scenario copy entrees entrees2", "scenario list", "scenario delete entrees2"]
    ) { session, args throws(ShellError) in
        let lang = session.language, fr = lang == .fr
        let verb = try args.required("new|add|list|copy|delete|show")
        switch verb.text.lowercased() {
        case "new", "nouveau", "create":
            let name = try args.required(fr ? "nom" : "name")
            try args.expectEnd()
            guard session.scenarios[name.text] == nil else { throw ShellError(fr ? "le scénario « \(name.text) » existe déjà" : "scenario \"\(name.text)\" already exists", at: name) }
            session.scenarios[name.text] = Scenario(name: name.text)
            return ShellResult(output: fr ? "scénario « \(name.text) » créé\n" : "scenario \"\(name.text)\" created\n")
        case "add", "ajouter":
            let name = try existing(&args, session)
            let l = try args.required(fr ? "levier" : "lever")
            guard let lever = Lever(rawValue: l.text.lowercased()) else {
                throw ShellError(fr ? "levier inconnu « \(l.text) » (levers les liste)" : "unknown lever \"\(l.text)\" (levers lists them)", at: l,
                                 suggestions: Suggestions.closest(to: l.text, among: Lever.allCases.map(\.rawValue)))
            }
            let a = try args.required(fr ? "montant" : "amount")
            guard let amount = Double(a.text.replacingOccurrences(of: "_", with: "")), amount.isFinite else {
                throw ShellError(fr ? "montant attendu (ex. 100, -20, 1.5), trouvé « \(a.text) »" : "amount expected (e.g. 100, -20, 1.5), found \"\(a.text)\"", at: a)
            }
            if lever.countsYoungPeople && amount != amount.rounded() {
                throw ShellError(fr ? "ce levier compte des jeunes : un nombre entier est attendu" : "this lever counts young people: a whole number is expected", at: a)
            }
            let (ml, year) = try mlAndYear(&args, session)
            var s = session.scenarios[name]!
            s.changes.append(.init(ml: ml, year: year, lever: lever, amount: amount))
            do { _ = try session.dashboard().applying(s) } catch {
                throw ShellError(describe(error, lang), at: a)
            }
            session.scenarios[name] = s
            return ShellResult(output: (fr ? "« \(name) » : " : "\"\(name)\": ") + "\(lever.rawValue) \(amount >= 0 ? "+" : "")\(NumberText.decimal(amount)) — \(ml) \(year) → \(lever.lines.joined(separator: ", "))\n")
        case "list", "liste":
            try args.expectEnd()
            if session.scenarios.isEmpty { return ShellResult(output: fr ? "(aucun scénario)\n" : "(no scenario)\n") }
            var out = ""
            for (name, s) in session.scenarios.sorted(by: { $0.key < $1.key }) {
                out += "\(name) : \(s.changes.count) \(fr ? "changement(s)" : "change(s)")\n"
                for c in s.changes { out += "  \(c.ml) \(c.year) \(c.lever.rawValue) \(c.amount >= 0 ? "+" : "")\(NumberText.decimal(c.amount))\n" }
            }
            return ShellResult(output: out)
        case "copy", "copier":
            let from = try existing(&args, session)
            let to = try args.required(fr ? "nouveau nom" : "new name")
            try args.expectEnd()
            guard session.scenarios[to.text] == nil else { throw ShellError(fr ? "le scénario « \(to.text) » existe déjà" : "scenario \"\(to.text)\" already exists", at: to) }
            var s = session.scenarios[from]!
            s.name = to.text
            session.scenarios[to.text] = s
            return ShellResult(output: fr ? "« \(from) » copié dans « \(to.text) »\n" : "\"\(from)\" copied to \"\(to.text)\"\n")
        case "delete", "supprimer":
            let name = try existing(&args, session)
            try args.expectEnd()
            session.scenarios[name] = nil
            return ShellResult(output: fr ? "« \(name) » supprimé\n" : "\"\(name)\" deleted\n")
        case "show", "voir", "compare", "comparer":
            var names = [try existing(&args, session)]
            while args.skip(",") { names.append(try existing(&args, session)) }
            return ShellResult(output: try summary(names, &args, session))
        default:
            throw ShellError(Messages.text(.unexpectedArgument, lang, verb.text), at: verb, suggestions: ["new", "add", "list", "copy", "delete", "show"])
        }
    }

    static func existing(_ args: inout Arguments, _ session: Session) throws(ShellError) -> String {
        let fr = session.language == .fr
        let t = try args.required(fr ? "nom de scénario" : "scenario name")
        guard session.scenarios[t.text] != nil else {
            throw ShellError(fr ? "scénario inconnu « \(t.text) »" : "unknown scenario \"\(t.text)\"", at: t,
                             suggestions: Suggestions.closest(to: t.text, among: Array(session.scenarios.keys)))
        }
        return t.text
    }

    /// `of ML [year N]` (the year defaults to the dataset's last).
    static func mlAndYear(_ args: inout Arguments, _ session: Session) throws(ShellError) -> (String, Int) {
        let fr = session.language == .fr, d = try session.dashboard()
        let parser = QueryParser(dashboard: d, lang: session.language)
        var ml: String?, year = d.years.last ?? 0
        while let t = args.next() {
            switch QueryParser.keywords[t.text.lowercased()] {
            case "of":
                let v = try args.required("ML")
                let territory = try parser.territory(v)
                guard territory.level == .ml else { throw ShellError(fr ? "une mission locale est attendue" : "a Mission locale is expected", at: v) }
                ml = territory.id
            case "year":
                let years = try parser.yearList(&args)
                year = years.last ?? year
            default:
                throw ShellError(Messages.text(.unexpectedArgument, session.language, t.text), at: t, suggestions: ["of", "year"])
            }
        }
        guard let ml else { throw ShellError(Messages.text(.missingArgument, session.language, "of ML"), offset: args.line.count) }
        return (ml, year)
    }

    /// Every ratio: baseline, then each scenario, for the territory (default: the first change's
    /// ML), its region and the nation.
    static func summary(_ names: [String], _ args: inout Arguments, _ session: Session) throws(ShellError) -> String {
        let lang = session.language, fr = lang == .fr, d = try session.dashboard()
        let parser = QueryParser(dashboard: d, lang: lang)
        let first = session.scenarios[names[0]]!
        var territory: Territory? = first.changes.first.map { .ml($0.ml) }
        var year = first.changes.first?.year ?? d.years.last ?? 0, breakdown = Breakdown.all
        while let t = args.next() {
            switch QueryParser.keywords[t.text.lowercased()] {
            case "of": territory = try parser.territory(try args.required(fr ? "territoire" : "territory"))
            case "year": year = try parser.yearList(&args).last ?? year
            case "breakdown": breakdown = try parser.breakdown(&args)
            default: throw ShellError(Messages.text(.unexpectedArgument, lang, t.text), at: t, suggestions: ["of", "year", "breakdown"])
            }
        }
        guard let territory else { throw ShellError(fr ? "scénario vide : précisez « of ML »" : "empty scenario: give \"of ML\"") }
        var levels = [territory]
        if territory.level == .ml, let r = d.region(of: territory.id) { levels.append(r) }
        if territory != .nation { levels.append(.nation) }
        var worlds: [Dashboard] = []
        for n in names {
            do { worlds.append(try d.applying(session.scenarios[n]!)) } catch { throw ShellError(describe(error, lang)) }
        }
        var header = [fr ? "ratio" : "ratio"]
        for t in levels {
            header.append(t.level == .ml ? t.id : d.name(of: t))
            for n in names { header.append(n) }
        }
        var rows: [[String]] = []
        for line in Catalogue.computed where line.kind == .ratio || line.kind == .amountPerPerson {
            var row = [line.id]
            for t in levels {
                let base = d.number(line.id, for: t, year: year, breakdown: breakdown)
                row.append(base.map { QueryRender.display($0, line, lang) } ?? "n.d.")
                for w in worlds {
                    let v = w.number(line.id, for: t, year: year, breakdown: breakdown)
                    var cell = v.map { QueryRender.display($0, line, lang) } ?? "n.d."
                    if let v, let base, v != base { cell += " (" + QueryRender.display(v - base, .init(line: line, part: .change), lang) + ")" }
                    row.append(cell)
                }
            }
            rows.append(row)
        }
        let widths = header.indices.map { c in ([header] + rows).map { $0[c].width }.max() ?? 0 }
        var out = "\(year), \(breakdown.rawValue) — " + (fr ? "référence puis scénario(s) : " : "baseline then scenario(s): ") + names.joined(separator: ", ") + "\n"
        for row in [header] + rows {
            out += row.enumerated().map { c, cell in c == 0 ? padded(cell, widths[c]) : String(repeating: " ", count: widths[c] - cell.width) + cell }
                .joined(separator: "  ") + "\n"
        }
        if breakdown != .all { out += fr ? "(les leviers agissent sur la déclinaison all ; celle-ci garde ses valeurs observées)\n" : "(levers act on breakdown all; this one keeps its observed values)\n" }
        return out
    }

    /// `seek R10 = 40% of ML069-LYON [year 2016] [by exits_to_employment]`
    static let seek = Command(
        names: ["seek", "cible"],
        summary: .init(fr: "valeur cible d'un ratio : écart en points, en jeunes, et montant d'un levier pour l'atteindre",
                       en: "a ratio's target: the gap in points, in young people, and the amount of a lever that reaches it"),
        usage: "seek RATIO = CIBLE of TERRITOIRE [year N] [by LEVIER]",
        examples: ["seek R10 = 40% of ML069-LYON year 2016", "seek R10 = 40% of ML069-LYON year 2016 by exits_to_employment"]
    ) { session, args throws(ShellError) in
        let lang = session.language, fr = lang == .fr, d = try session.dashboard()
        let parser = QueryParser(dashboard: d, lang: lang)
        let line = try args.indicator()
        let eq = try args.required("=")
        guard eq.text == "=" else { throw ShellError(fr ? "« = » attendu" : "\"=\" expected", at: eq) }
        let v = try args.required(fr ? "cible" : "target")
        guard let target = number(v.text) else { throw ShellError(fr ? "cible attendue (40% ou 0.4), trouvé « \(v.text) »" : "target expected (40% or 0.4), found \"\(v.text)\"", at: v) }
        var territory: Territory?, year = d.years.last ?? 0, lever: Lever?
        while let t = args.next() {
            switch QueryParser.keywords[t.text.lowercased()] {
            case "of": territory = try parser.territory(try args.required(fr ? "territoire" : "territory"))
            case "year": year = try parser.yearList(&args).last ?? year
            case "by":
                let l = try args.required(fr ? "levier" : "lever")
                guard let x = Lever(rawValue: l.text.lowercased()) else {
                    throw ShellError(fr ? "levier inconnu « \(l.text) »" : "unknown lever \"\(l.text)\"", at: l, suggestions: Suggestions.closest(to: l.text, among: Lever.allCases.map(\.rawValue)))
                }
                lever = x
            default: throw ShellError(Messages.text(.unexpectedArgument, lang, t.text), at: t, suggestions: ["of", "year", "by"])
            }
        }
        guard let territory else { throw ShellError(Messages.text(.missingArgument, lang, "of ML"), offset: args.line.count) }
        if lever != nil && territory.level != .ml { throw ShellError(fr ? "un levier s'applique à une mission locale" : "a lever applies to a Mission locale") }
        let g: GoalSeek
        do { g = try d.goalSeek(line.id, target: target, for: territory, year: year, lever: lever) } catch { throw ShellError(describe(error, lang)) }
        let num = Catalogue.indicator(g.numeratorID)!, den = Catalogue.indicator(g.denominatorID)!
        func show(_ x: Double, _ l: Indicator) -> String { QueryRender.display(x, l, lang) }
        var out = "\(line.id) \(d.name(of: territory)) \(year) : \(show(g.current, line)) → \(fr ? "cible" : "target") \(show(g.target, line))"
        out += " (\(QueryRender.display(g.gap, .init(line: line, part: .change), lang)))\n"
        let verb = g.numeratorChange >= 0 ? (fr ? "de plus" : "more") : (fr ? "de moins" : "fewer")
        out += fr ? "  il faut \(show(abs(g.numeratorChange), num)) \(verb) en \(num.id) (\(show(g.numerator, num)) aujourd'hui), \(den.id) restant à \(show(g.denominator, den))\n"
                  : "  it takes \(show(abs(g.numeratorChange), num)) \(verb) in \(num.id) (\(show(g.numerator, num)) today), \(den.id) staying at \(show(g.denominator, den))\n"
        if let lever = g.lever, let x = g.leverAmount {
            out += fr ? "  ou, par le levier \(lever.rawValue) (\(lever.lines.joined(separator: ", "))) : \(x >= 0 ? "+" : "")\(NumberText.decimal(x))\n"
                      : "  or, by lever \(lever.rawValue) (\(lever.lines.joined(separator: ", "))): \(x >= 0 ? "+" : "")\(NumberText.decimal(x))\n"
        }
        return ShellResult(output: out)
    }

    /// `sensitivity R5 of ML069-LYON year 2016 by national_entries 0,50,100 [and contacts 0,200]`
    static let sensitivity = Command(
        names: ["sensitivity", "sensibilite", "sensibilité"],
        summary: .init(fr: "table de sensibilité d'un ratio à un ou deux leviers, pour l'ML et sa région",
                       en: "sensitivity table of a ratio to one or two levers, for the ML and its region"),
        usage: "sensitivity RATIO of ML [year N] by LEVIER M1,M2,… [and LEVIER M1,M2,…]",
        examples: ["sensitivity R5 of ML069-LYON year 2016 by national_entries 0,50,100",
                   "sensitivity R5 of ML069-LYON year 2016 by national_entries 0,100 and contacts 0,200"]
    ) { session, args throws(ShellError) in
        let lang = session.language, fr = lang == .fr, d = try session.dashboard()
        let parser = QueryParser(dashboard: d, lang: lang)
        let line = try args.indicator()
        var ml: String?, year = d.years.last ?? 0
        var levers: [(Lever, [Double])] = []
        while let t = args.next() {
            switch t.text.lowercased() {
            case "of", "pour":
                let v = try args.required("ML")
                let territory = try parser.territory(v)
                guard territory.level == .ml else { throw ShellError(fr ? "une mission locale est attendue" : "a Mission locale is expected", at: v) }
                ml = territory.id
            case "year", "année": year = try parser.yearList(&args).last ?? year
            case "by", "par", "and", "et":
                guard levers.count < 2 else { throw ShellError(fr ? "deux leviers au plus" : "two levers at most", at: t) }
                let l = try args.required(fr ? "levier" : "lever")
                guard let lever = Lever(rawValue: l.text.lowercased()) else {
                    throw ShellError(fr ? "levier inconnu « \(l.text) »" : "unknown lever \"\(l.text)\"", at: l, suggestions: Suggestions.closest(to: l.text, among: Lever.allCases.map(\.rawValue)))
                }
                var amounts: [Double] = []
                repeat {
                    let a = try args.required(fr ? "montant" : "amount")
                    guard let x = Double(a.text), x.isFinite else { throw ShellError(fr ? "montant attendu, trouvé « \(a.text) »" : "amount expected, found \"\(a.text)\"", at: a) }
                    amounts.append(x)
                } while args.skip(",")
                guard amounts.count <= 25 else { throw ShellError(fr ? "25 montants au plus" : "25 amounts at most", at: l) }
                levers.append((lever, amounts))
            default: throw ShellError(Messages.text(.unexpectedArgument, lang, t.text), at: t, suggestions: ["of", "year", "by", "and"])
            }
        }
        guard let ml else { throw ShellError(Messages.text(.missingArgument, lang, "of ML"), offset: args.line.count) }
        guard let (lever, amounts) = levers.first else { throw ShellError(Messages.text(.missingArgument, lang, "by LEVIER M1,M2"), offset: args.line.count) }
        let second = levers.count > 1 ? levers[1] : nil
        let tables: (ml: [[Double?]], region: [[Double?]])
        do { tables = try d.sensitivity(line.id, ml: ml, year: year, lever: lever, amounts: amounts, by: second?.0, amounts: second?.1 ?? [0]) }
        catch { throw ShellError(describe(error, lang)) }
        var out = ""
        for (title, table) in [(d.name(of: .ml(ml)), tables.ml), (d.region(of: ml).map { d.name(of: $0) } ?? "", tables.region)] {
            out += "\(line.id) — \(title), \(year)\n"
            var header = [lever.rawValue + (second.map { " \\ " + $0.0.rawValue } ?? "")]
            header += second.map { $0.1.map { ($0 >= 0 ? "+" : "") + NumberText.decimal($0) } } ?? [line.id]
            var rows: [[String]] = []
            for (i, x) in amounts.enumerated() {
                rows.append([(x >= 0 ? "+" : "") + NumberText.decimal(x)] + table[i].map { $0.map { QueryRender.display($0, line, lang) } ?? "n.d." })
            }
            let widths = header.indices.map { c in ([header] + rows).map { $0[c].width }.max() ?? 0 }
            for row in [header] + rows {
                out += row.enumerated().map { c, cell in c == 0 ? padded(cell, widths[c]) : String(repeating: " ", count: widths[c] - cell.width) + cell }
                    .joined(separator: "  ") + "\n"
            }
        }
        return ShellResult(output: out)
    }

    /// `40%` → 0.4, `0.4` → 0.4, `12.5` → 12.5.
    static func number(_ text: String) -> Double? {
        let percent = text.hasSuffix("%")
        guard let x = Double(percent ? String(text.dropLast()) : text), x.isFinite else { return nil }
        return percent ? x / 100 : x
    }

    static func describe(_ error: any Error, _ lang: Language) -> String {
        let fr = lang == .fr
        switch error {
        case let e as ScenarioError:
            switch e {
            case .unknownML(let id): return fr ? "mission locale inconnue : \(id)" : "unknown Mission locale: \(id)"
            case .unknownYear(let y): return fr ? "année absente du jeu de données : \(y)" : "year not in the dataset: \(y)"
            case .inconsistent(let line, let value, let limit):
                return fr ? "la ligne \(line) deviendrait \(NumberText.decimal(value)), au-delà de sa limite \(NumberText.decimal(limit))"
                          : "line \(line) would become \(NumberText.decimal(value)), beyond its limit \(NumberText.decimal(limit))"
            }
        case let e as GoalSeekError:
            switch e {
            case .notARatio(let id): return fr ? "\(id) n'est pas un ratio" : "\(id) is not a ratio"
            case .unavailable(let u): return u.explanation(lang)
            case .leverDoesNotMove(let l, let id): return fr ? "le levier \(l.rawValue) ne change pas \(id)" : "lever \(l.rawValue) does not move \(id)"
            case .unreachable(let t): return fr ? "cible \(NumberText.decimal(t)) inatteignable par ce levier" : "target \(NumberText.decimal(t)) cannot be reached by this lever"
            case .scenario(let s): return describe(s, lang)
            }
        default: return "\(error)"
        }
    }
}

/// The convention of an ML and the ±10% funding rule.
enum FundingCommands {
    static let all: [Command] = [convention, funding]

    static func conventionOf(_ args: inout Arguments, _ session: Session) throws(ShellError) -> (Convention, Dashboard, Int?) {
        let lang = session.language, fr = lang == .fr, d = try session.dashboard(), data = try session.dataset()
        let parser = QueryParser(dashboard: d, lang: lang)
        var ml: String?, year: Int?, mlToken: Token?
        while let t = args.next() {
            switch QueryParser.keywords[t.text.lowercased()] {
            case "of":
                let v = try args.required("ML")
                let territory = try parser.territory(v)
                guard territory.level == .ml else { throw ShellError(fr ? "une mission locale est attendue" : "a Mission locale is expected", at: v) }
                ml = territory.id; mlToken = v
            case "year":
                let v = try args.required(fr ? "année" : "year")
                guard let y = Int(v.text), (1900...2999).contains(y) else { throw ShellError(fr ? "année attendue, trouvé « \(v.text) »" : "year expected, found \"\(v.text)\"", at: v) }
                year = y
            default:
                args.position -= 1
                guard let ml else { throw ShellError(Messages.text(.missingArgument, lang, "of ML"), offset: args.line.count) }
                guard let c = data.convention(of: ml, year: year ?? data.years.last ?? 0) ?? data.conventions?.first(where: { $0.mlID == ml }) else {
                    throw ShellError(fr ? "aucune convention pour \(ml) (conventions.csv)" : "no convention for \(ml) (conventions.csv)", at: mlToken)
                }
                return (c, d, year)
            }
        }
        guard let ml else { throw ShellError(Messages.text(.missingArgument, lang, "of ML"), offset: args.line.count) }
        guard let c = data.convention(of: ml, year: year ?? data.years.last ?? 0) ?? data.conventions?.first(where: { $0.mlID == ml }) else {
            throw ShellError(fr ? "aucune convention pour \(ml) (conventions.csv)" : "no convention for \(ml) (conventions.csv)", at: mlToken)
        }
        return (c, d, year)
    }

    static func euros(_ v: Double) -> String { FrenchNumber.figures(cents: Int64((v * 100).rounded())) }
    static func percent(_ v: Double, _ lang: Language) -> String { QueryRender.signed(formatted(v * 100, decimals: 1, lang), v) + (lang == .fr ? "\u{202F}%" : "%") }

    static let convention = Command(
        names: ["convention", "cpo"],
        summary: .init(fr: "la convention d'une ML : subventions de l'Etat année par année, base et marge des ±10 %, objectifs",
                       en: "an ML's convention: the State's subsidy year by year, the ±10% base and headroom, objectives"),
        usage: "convention of ML | convention new NUMÉRO of ML from ANNÉE to ANNÉE socle MONTANT [parrainage MONTANT] [fipj MONTANT] [without parrainage|fipj]",
        examples: ["convention of ML069-LYON", "convention new CPO-84-099 of ML069-LYON from 2019 to 2022 socle 160000 parrainage 5000"]
    ) { session, args throws(ShellError) in
        let lang = session.language, fr = lang == .fr
        if args.skip("new") || args.skip("nouvelle") { return try create(&args, session) }
        let (c, d, _) = try conventionOf(&args, session)
        try args.expectEnd()
        var out = "\(c.number) — \(d.name(of: .ml(c.mlID))) (\(c.mlID)), \(c.period.lowerBound)-\(c.period.upperBound)\n"
        out += fr ? "  base des ±10 % : subvention \(c.period.lowerBound) (socle\(c.integratesParrainage ? " + parrainage" : "")\(c.integratesFIPJ ? " + FIPJ" : ""), hors Garantie jeunes)\n"
                  : "  ±10% base: the \(c.period.lowerBound) subsidy (socle\(c.integratesParrainage ? " + parrainage" : "")\(c.integratesFIPJ ? " + FIPJ" : ""), Garantie jeunes excluded)\n"
        var rows = [[fr ? "année" : "year", "socle", "parrainage", "FIPJ", fr ? "assiette" : "adjustable", fr ? "vs base" : "vs base", fr ? "marge +" : "room up", fr ? "marge −" : "room down", fr ? "avenant" : "amendment"]]
        for year in c.period {
            guard let s = c.subsidies[year] else { rows.append([String(year), "—", "—", "—", "—", "", "", "", ""]); continue }
            let change = c.base.map { c.adjustable(s) / c.adjustable($0) - 1 } ?? 0
            var up = "", down = ""
            switch c.check(s, for: year) {
            case .within(let u, let dn): up = euros(u); down = euros(dn)
            case .outside: up = fr ? "hors ±10 %" : "outside ±10%"
            case .notApplicable: break
            }
            let a = c.amendments.first { $0.year == year }
            rows.append([String(year), euros(s.socle), euros(s.parrainage), euros(s.fipj), euros(c.adjustable(s)), percent(change, lang), up, down,
                         a.map { "n°\($0.number)" + ($0.signedOn.map { " \($0)" } ?? "") } ?? ""])
        }
        out += table(rows)
        if !c.objectives.isEmpty {
            out += fr ? "  objectifs :\n" : "  objectives:\n"
            for o in c.objectives.sorted(by: { ($0.year, Catalogue.indicator($0.indicatorID)?.order ?? 0) < ($1.year, Catalogue.indicator($1.indicatorID)?.order ?? 0) }) {
                let line = Catalogue.indicator(o.indicatorID)!
                let value = d.number(o.indicatorID, for: .ml(c.mlID), year: o.year)
                let met = value.map { o.direction == .increase ? $0 >= o.target : $0 <= o.target }
                out += "    \(o.year) \(o.indicatorID) \(o.direction == .increase ? "≥" : "≤") \(QueryRender.display(o.target, line, lang))"
                if let value, let met {
                    out += " : " + QueryRender.display(value, line, lang) + (met ? (fr ? " — atteint" : " — met") : (fr ? " — non atteint" : " — not met"))
                        + " (" + QueryRender.display(value - o.target, .init(line: line, part: .change), lang) + ")"
                } else {
                    out += fr ? " : pas encore de résultat" : ": no result yet"
                }
                out += "\n"
            }
        }
        return ShellResult(output: out)
    }

    /// `convention new NUMBER of ML from 2019 to 2022 socle 160000 [parrainage 5000] [fipj 12000] [without fipj]`
    static func create(_ args: inout Arguments, _ session: Session) throws(ShellError) -> ShellResult {
        let lang = session.language, fr = lang == .fr, d = try session.dashboard(), data = try session.dataset()
        let number = try args.required(fr ? "numéro de convention" : "convention number")
        guard !(data.conventions ?? []).contains(where: { $0.number == number.text }) else {
            throw ShellError(fr ? "la convention « \(number.text) » existe déjà" : "convention \"\(number.text)\" already exists", at: number)
        }
        var ml: String?, first: Int?, last: Int?, subsidy = StateSubsidy(socle: -1), parrainage = true, fipj = true
        func amount() throws(ShellError) -> Double {
            let v = try args.required(fr ? "montant" : "amount")
            guard let x = Double(v.text.replacingOccurrences(of: "_", with: "")), x.isFinite, x >= 0 else { throw ShellError(fr ? "montant attendu, trouvé « \(v.text) »" : "amount expected, found \"\(v.text)\"", at: v) }
            return x
        }
        func year() throws(ShellError) -> Int {
            let v = try args.required(fr ? "année" : "year")
            guard let y = Int(v.text), (1900...2999).contains(y) else { throw ShellError(fr ? "année attendue, trouvé « \(v.text) »" : "year expected, found \"\(v.text)\"", at: v) }
            return y
        }
        while let t = args.next() {
            switch t.text.lowercased() {
            case "of", "pour":
                let v = try args.required("ML")
                let territory = try QueryParser(dashboard: d, lang: lang).territory(v)
                guard territory.level == .ml else { throw ShellError(fr ? "une mission locale est attendue" : "a Mission locale is expected", at: v) }
                ml = territory.id
            case "from", "de": first = try year()
            case "to", "à", "a": last = try year()
            case "socle": subsidy.socle = try amount()
            case "parrainage": subsidy.parrainage = try amount()
            case "fipj": subsidy.fipj = try amount()
            case "without", "sans":
                let v = try args.required("parrainage|fipj")
                switch v.text.lowercased() {
                case "parrainage": parrainage = false
                case "fipj": fipj = false
                default: throw ShellError(Messages.text(.unexpectedArgument, lang, v.text), at: v, suggestions: ["parrainage", "fipj"])
                }
            default: throw ShellError(Messages.text(.unexpectedArgument, lang, t.text), at: t, suggestions: ["of", "from", "to", "socle", "parrainage", "fipj", "without"])
            }
        }
        guard let ml, let first, let last, subsidy.socle >= 0 else {
            throw ShellError(Messages.text(.missingArgument, lang, "of ML from ANNÉE to ANNÉE socle MONTANT"), offset: args.line.count)
        }
        guard first <= last else { throw ShellError(fr ? "la dernière année précède la première" : "the last year is before the first") }
        if let other = data.conventions?.first(where: { $0.mlID == ml && $0.period.overlaps(first...last) }) {
            throw ShellError(fr ? "\(ml) a déjà la convention \(other.number) sur ces années" : "\(ml) already has convention \(other.number) over these years")
        }
        try session.replace(Convention(number: number.text, mlID: ml, period: first...last, subsidies: [first: subsidy],
                                       integratesParrainage: parrainage, integratesFIPJ: fipj))
        return ShellResult(output: fr ? "convention \(number.text) créée pour \(ml), \(first)-\(last), base \(euros(subsidy.socle + (parrainage ? subsidy.parrainage : 0) + (fipj ? subsidy.fipj : 0)))\n"
                                      : "convention \(number.text) created for \(ml), \(first)-\(last), base \(euros(subsidy.socle + (parrainage ? subsidy.parrainage : 0) + (fipj ? subsidy.fipj : 0)))\n")
    }

    /// `funding of ML year 2017 = 160000 [clamp]`, `funding of ML year 2017 +6%`
    static let funding = Command(
        names: ["funding", "financement"],
        summary: .init(fr: "essaie une subvention de l'Etat : règle des ±10 % (cumulés depuis la première année), marge, effets sur 10.1.b, 10.1.d, 10.1.e",
                       en: "tries a State subsidy: the ±10% rule (compounded from the first year), headroom, effects on 10.1.b, 10.1.d, 10.1.e"),
        usage: "funding of ML year N (= SOCLE | +X% | -X%) [clamp] [set]",
        examples: ["funding of ML069-LYON year 2017 +6%", "funding of ML069-LYON year 2017 = 190000 clamp", "funding of ML069-LYON year 2018 +2% set"]
    ) { session, args throws(ShellError) in
        let lang = session.language, fr = lang == .fr
        let (c, d, askedYear) = try conventionOf(&args, session)
        guard let year = askedYear else { throw ShellError(Messages.text(.missingArgument, lang, "year N"), offset: args.line.count) }
        guard c.period.contains(year), let base = c.base else {
            throw ShellError(fr ? "\(year) est hors de la convention \(c.number) (\(c.period.lowerBound)-\(c.period.upperBound))" : "\(year) is outside convention \(c.number)")
        }
        // "+X%" is a step from the year before; the effects are against the year's own subsidy when known.
        let previous = c.subsidies[year - 1] ?? base, reference = c.subsidies[year] ?? previous
        var proposed = reference
        let v = try args.required("= SOCLE | +X%")
        if v.text == "=" {
            let a = try args.required("SOCLE")
            guard let x = Double(a.text.replacingOccurrences(of: "_", with: "")), x.isFinite, x >= 0 else { throw ShellError(fr ? "montant attendu, trouvé « \(a.text) »" : "amount expected, found \"\(a.text)\"", at: a) }
            proposed.socle = x
        } else if (v.text.hasPrefix("+") || v.text.hasPrefix("-")), let p = NegotiationCommands.number(String(v.text.dropFirst())), v.text.hasSuffix("%") {
            let factor = v.text.hasPrefix("+") ? 1 + p : 1 - p
            // The step applies to the adjustable part; the socle carries it (parrainage and FIPJ of the year stay).
            proposed.socle = ((c.adjustable(previous) * factor - (c.adjustable(reference) - reference.socle)) * 100).rounded() / 100
        } else {
            throw ShellError(fr ? "« = MONTANT » ou « +X% » attendu, trouvé « \(v.text) »" : "\"= AMOUNT\" or \"+X%\" expected, found \"\(v.text)\"", at: v)
        }
        var clamp = false, keep = false
        while let t = args.next() {
            switch t.text.lowercased() {
            case "clamp", "borner": clamp = true
            case "set", "retenir": keep = true
            default: throw ShellError(Messages.text(.unexpectedArgument, lang, t.text), at: t, suggestions: ["clamp", "set"])
            }
        }
        var out = "\(c.number) \(year) — " + (fr ? "base \(c.period.lowerBound) : " : "base \(c.period.lowerBound): ") + euros(c.adjustable(base)) + "\n"
        out += (fr ? "  proposé : " : "  proposed: ") + euros(c.adjustable(proposed)) + " (" + percent(c.adjustable(proposed) / c.adjustable(base) - 1, lang) + (fr ? " par rapport à la base)\n" : " against the base)\n")
        var applied = proposed
        switch c.check(proposed, for: year) {
        case .within(let up, let down):
            out += fr ? "  accepté : marge restante +\(euros(up)) / −\(euros(down))\n" : "  allowed: headroom +\(euros(up)) / −\(euros(down))\n"
        case .outside(let change):
            out += fr ? "  refusé : \(percent(change, lang)) dépasse ±10 % sur la durée de la convention\n" : "  refused: \(percent(change, lang)) exceeds ±10% over the convention\n"
            guard clamp else {
                out += fr ? "  (clamp ramène la proposition à la borne)\n" : "  (clamp brings the proposal to the bound)\n"
                return ShellResult(output: out)
            }
            let (s, _) = c.clamped(proposed, for: year)
            applied = s
            out += fr ? "  borné (contrainte active) : \(euros(c.adjustable(s)))\n" : "  clamped (binding): \(euros(c.adjustable(s)))\n"
        case .notApplicable: break
        }
        if keep {
            var kept = c
            kept.subsidies[year] = applied
            try session.replace(kept)
            out += fr ? "  retenu pour \(year) dans la convention de la session\n" : "  kept for \(year) in the session's convention\n"
        }
        // Effects: the State funding changes by the difference with the year's subsidy (or the last known one).
        let delta = c.adjustable(applied) - c.adjustable(reference)
        let effectYear = d.years.contains(year) ? year : (d.years.last ?? year)
        out += fr ? "  effets (\(effectYear == year ? "\(year)" : "à activité constante de \(effectYear)"), Etat \(delta >= 0 ? "+" : "")\(euros(delta))) :\n"
                  : "  effects (\(effectYear == year ? "\(year)" : "at the activity of \(effectYear)"), State \(delta >= 0 ? "+" : "")\(euros(delta))):\n"
        let w: Dashboard
        do { w = try d.applying(Scenario(name: "funding", changes: [.init(ml: c.mlID, year: effectYear, lever: .stateFunding, amount: delta)])) }
        catch { throw ShellError(NegotiationCommands.describe(error, lang)) }
        var rows = [[fr ? "ligne" : "line", c.mlID, fr ? "après" : "after", d.region(of: c.mlID)?.id ?? "", fr ? "après" : "after"]]
        for id in ["10.1.b", "10.1.d", "10.1.e"] {
            let line = Catalogue.indicator(id)!
            var row = [id]
            for t in [Territory.ml(c.mlID), d.region(of: c.mlID) ?? .nation] {
                row.append(d.number(id, for: t, year: effectYear).map { QueryRender.display($0, line, lang) } ?? "n.d.")
                row.append(w.number(id, for: t, year: effectYear).map { QueryRender.display($0, line, lang) } ?? "n.d.")
            }
            rows.append(row)
        }
        var share = [fr ? "part Etat (10.1.b / 10)" : "State share (10.1.b / 10)"]
        for t in [Territory.ml(c.mlID), d.region(of: c.mlID) ?? .nation] {
            for dash in [d, w] {
                let s = dash.number("10.1.b", for: t, year: effectYear).flatMap { b in dash.number("10", for: t, year: effectYear).map { b / $0 } }
                share.append(s.map { formatted($0 * 100, decimals: 1, lang) + (fr ? "\u{202F}%" : "%") } ?? "n.d.")
            }
        }
        rows.append(share)
        out += table(rows)
        out += fr ? "  (l'ajustement n'a aucun caractère automatique : c'est à vous de le fixer)\n" : "  (the adjustment is never automatic: you set it)\n"
        return ShellResult(output: out)
    }

    static func table(_ rows: [[String]]) -> String {
        let widths = rows[0].indices.map { c in rows.map { $0[c].width }.max() ?? 0 }
        return rows.map { row in "  " + row.enumerated().map { c, cell in c == 0 ? padded(cell, widths[c]) : String(repeating: " ", count: widths[c] - cell.width) + cell }
            .joined(separator: "  ").trailingSpacesRemoved + "\n" }.joined()
    }
}

/// `matrix [of 84|nation] [year N] [highlight ML] [scenario NAME] [to FILE.svg]`
enum MatrixCommands {
    static let matrix = Command(
        names: ["matrix", "matrice"],
        summary: .init(fr: "matrice performance × efficience des ML d'une région ou de la nation (Annexe 2 §2a), tableau ou SVG",
                       en: "performance × efficiency matrix of the MLs of a region or the nation (Annex 2 §2a), table or SVG"),
        usage: "matrix [of RÉGION|nation] [year N] [highlight ML] [scenario NOM] [to FICHIER.svg]",
        examples: ["matrix of 84 year 2016", "matrix of nation year 2017 highlight ML069-LYON scenario entrees to matrice.svg"]
    ) { session, args throws(ShellError) in
        let lang = session.language, fr = lang == .fr, d = try session.dashboard()
        let parser = QueryParser(dashboard: d, lang: lang)
        var scope = Territory.nation, year = d.years.last ?? 0, highlight: String?, scenario: Scenario?, file: (String, Token)?
        while let t = args.next() {
            switch t.text.lowercased() {
            case "of", "pour":
                let v = try args.required(fr ? "région ou nation" : "region or nation")
                if ["nation", "france", "fr"].contains(v.text.lowercased()) { scope = .nation } else {
                    let r = try parser.territory(v)
                    guard r.level == .region else { throw ShellError(fr ? "une région ou la nation est attendue" : "a region or the nation is expected", at: v) }
                    scope = r
                }
            case "year", "année": year = try parser.yearList(&args).last ?? year
            case "highlight", "surligner":
                let v = try args.required("ML")
                let ml = try parser.territory(v)
                guard ml.level == .ml else { throw ShellError(fr ? "une mission locale est attendue" : "a Mission locale is expected", at: v) }
                highlight = ml.id
            case "scenario", "scénario": scenario = session.scenarios[try NegotiationCommands.existing(&args, session)]
            case "to", "vers":
                let v = try args.required(fr ? "fichier" : "file")
                file = (v.text, v)
            default: throw ShellError(Messages.text(.unexpectedArgument, lang, t.text), at: t, suggestions: ["of", "year", "highlight", "scenario", "to"])
            }
        }
        func describe(_ e: MatrixError) -> String {
            switch e {
            case .unknownScope(let t): return fr ? "territoire inconnu : \(t.id)" : "unknown territory: \(t.id)"
            case .unknownYear(let y): return fr ? "année absente du jeu de données : \(y)" : "year not in the dataset: \(y)"
            case .tooFewMissionsLocales(let n): return fr ? "trop peu de ML ont toutes les mesures (\(n))" : "too few MLs have every measure (\(n))"
            }
        }
        let m: Matrix
        do throws(MatrixError) { m = try d.matrix(within: scope, year: year) } catch { throw ShellError(describe(error)) }
        let before = try? d.matrix(within: scope, year: year - 1)
        var after: Matrix?
        if let scenario {
            do { after = try d.applying(scenario).matrix(within: scope, year: year) } catch let e as MatrixError { throw ShellError(describe(e)) }
            catch { throw ShellError(NegotiationCommands.describe(error, lang)) }
        }
        if let (path, token) = file {
            let points = m.points.map { p in
                SVGChart.QuadrantPoint(label: d.name(of: .ml(p.ml)), x: p.efficiency, y: p.performance,
                                       previous: before?.points.first { $0.ml == p.ml }.map { .init(x: $0.efficiency, y: $0.performance) },
                                       scenario: after?.points.first { $0.ml == p.ml && ($0.efficiency != p.efficiency || $0.performance != p.performance) && p.ml == highlight }
                                           .map { .init(x: $0.efficiency, y: $0.performance) },
                                       highlighted: p.ml == highlight)
            }
            let svg = SVGChart.quadrant(title: fr ? "Performance × efficience — \(d.name(of: scope)), \(year)" : "Performance × efficiency — \(d.name(of: scope)), \(year)",
                                        subtitle: (fr ? "flèches : depuis \(year - 1)" : "arrows: from \(year - 1)") + (scenario.map { fr ? " ; tirets : scénario « \($0.name) »" : "; dashes: scenario \"\($0.name)\"" } ?? ""),
                                        xLabel: fr ? "efficience" : "efficiency", yLabel: fr ? "performance" : "performance",
                                        corners: Matrix.Quadrant.allCases.map(\.rawValue), points: points)
            try session.write(svg, to: path, token: token)
            return ShellResult(output: fr ? "écrit : \(path) (\(m.points.count) ML)\n" : "written: \(path) (\(m.points.count) MLs)\n")
        }
        var rows = [["ML", fr ? "efficience" : "efficiency", "performance", fr ? "quadrant" : "quadrant"] + (before != nil ? [fr ? "en \(year - 1)" : "in \(year - 1)"] : [])]
        for p in m.points.sorted(by: { $0.performance + $0.efficiency > $1.performance + $1.efficiency }) {
            var row = [(p.ml == highlight ? "▶ " : "") + "\(d.name(of: .ml(p.ml))) (\(p.ml))", formatted(p.efficiency, decimals: 2, lang), formatted(p.performance, decimals: 2, lang), p.quadrant.rawValue]
            if let before { row.append(before.points.first { $0.ml == p.ml }?.quadrant.rawValue ?? "n.d.") }
            rows.append(row)
            if let after, p.ml == highlight, let q = after.points.first(where: { $0.ml == p.ml }) {
                rows.append(["  " + (fr ? "avec le scénario" : "with the scenario"), formatted(q.efficiency, decimals: 2, lang), formatted(q.performance, decimals: 2, lang), q.quadrant.rawValue] + (before != nil ? [""] : []))
            }
        }
        var out = (fr ? "Matrice performance × efficience — \(d.name(of: scope)), \(year) (z-scores dans le périmètre" : "Performance × efficiency — \(d.name(of: scope)), \(year) (z-scores within the scope")
            + (m.contextAdjusted ? (fr ? ", performance corrigée du contexte)\n" : ", performance adjusted for context)\n") : (fr ? ", sans correction du contexte : trop peu de ML)\n" : ", no context adjustment: too few MLs)\n"))
        out += FundingCommands.table(rows)
        if !m.excluded.isEmpty { out += (fr ? "  exclues (mesure absente) : " : "  left out (absent measure): ") + m.excluded.joined(separator: ", ") + "\n" }
        return ShellResult(output: out)
    }
}

/// `brief of ML [for YEAR]` and `annotate ML THEME "text"`: Fiche n°1 for one ML.
enum BriefCommands {
    static let all: [Command] = [brief, annotate]

    static let brief = Command(
        names: ["brief", "note", "fiche1"],
        summary: .init(fr: "la note de préparation du dialogue de gestion (Fiche n°1) pour une ML : contexte, parcours, employeurs, étape conclusive, avec ses pairs",
                       en: "the dialogue de gestion brief (Fiche n°1) for an ML: context, pathway, employers, conclusive step, with its peers"),
        usage: "brief of ML [for ANNÉE_DU_DIALOGUE] [peers N]",
        examples: ["brief of ML069-LYON for 2017", "brief of lyon for 2018 peers 5"]
    ) { session, args throws(ShellError) in
        let lang = session.language, fr = lang == .fr, d = try session.dashboard()
        let parser = QueryParser(dashboard: d, lang: lang)
        var ml: String?, year = (d.years.last ?? 0) + 1, peerCount = 10
        while let t = args.next() {
            switch t.text.lowercased() {
            case "of", "pour":
                let v = try args.required("ML")
                let territory = try parser.territory(v)
                guard territory.level == .ml else { throw ShellError(fr ? "une mission locale est attendue" : "a Mission locale is expected", at: v) }
                ml = territory.id
            case "for", "en":
                let v = try args.required(fr ? "année du dialogue" : "dialogue year")
                guard let y = Int(v.text), d.years.contains(y - 1) else {
                    throw ShellError(fr ? "le dialogue de \(v.text) lit les résultats de l'année précédente, absente du jeu de données" : "the \(v.text) dialogue reads the year before, not in the dataset",
                                     at: v, suggestions: d.years.map { String($0 + 1) })
                }
                year = y
            case "peers", "pairs":
                let v = try args.required("N")
                guard let n = Int(v.text), (1...50).contains(n) else { throw ShellError(fr ? "nombre de pairs attendu (1 à 50)" : "number of peers expected (1 to 50)", at: v) }
                peerCount = n
            default: throw ShellError(Messages.text(.unexpectedArgument, lang, t.text), at: t, suggestions: ["of", "for", "peers"])
            }
        }
        guard let ml else { throw ShellError(Messages.text(.missingArgument, lang, "of ML"), offset: args.line.count) }
        let b: Brief
        do throws(BriefError) { b = try d.brief(ml: ml, dialogueYear: year, peerCount: peerCount) } catch {
            switch error {
            case .unknownML(let id): throw ShellError(fr ? "mission locale inconnue : \(id)" : "unknown Mission locale: \(id)")
            case .noResults(let y, _): throw ShellError(fr ? "pas de résultats \(y - 1) pour le dialogue \(y)" : "no \(y - 1) results for the \(y) dialogue")
            }
        }
        return ShellResult(output: render(b, d, session))
    }

    static func render(_ b: Brief, _ d: Dashboard, _ session: Session) -> String {
        let lang = session.language, fr = lang == .fr
        func cell(_ r: Result<Double, Unavailability>, _ line: Indicator) -> String { (try? r.get()).map { QueryRender.display($0, line, lang) } ?? "n.d." }
        var out = fr ? "Dialogue de gestion \(b.dialogueYear) — \(d.name(of: .ml(b.ml))) (\(b.ml))\n  résultats \(b.resultYear) comparés à \(b.previousYear), à la région \(d.region(of: b.ml).map { d.name(of: $0) } ?? "") et à la nation\n"
                     : "Dialogue de gestion \(b.dialogueYear) — \(d.name(of: .ml(b.ml))) (\(b.ml))\n  \(b.resultYear) results against \(b.previousYear), the region \(d.region(of: b.ml).map { d.name(of: $0) } ?? "") and the nation\n"
        out += (fr ? "  pairs (les \(b.peers.count) ML les plus proches en contexte : log JANO, DEFM/JANO, parts QPV et ZRR) : " : "  peers (the \(b.peers.count) MLs nearest in context: log JANO, DEFM/JANO, QPV and ZRR shares): ")
            + b.peers.map { d.name(of: .ml($0)) }.joined(separator: ", ") + "\n"
        out += (fr ? "  poids dans la région : " : "  weight in the region: ")
            + b.weight.map { "\($0.label) \($0.share.map { formatted($0 * 100, decimals: 1, lang) + (fr ? "\u{202F}%" : "%") } ?? "n.d.")" }.joined(separator: " ; ") + "\n"
        let notes = session.annotations[b.ml] ?? [:]
        for (k, step) in b.steps.enumerated() {
            out += "\n" + step.guide.title + "\n"
            if !step.lines.isEmpty {
                var rows = [[fr ? "ligne" : "line", "\(b.resultYear)", "\(b.previousYear)", fr ? "région" : "region", "nation",
                             fr ? "rang national" : "national rank", fr ? "rang régional" : "regional rank", fr ? "médiane pairs" : "peer median", fr ? "rang pairs" : "peer rank"]]
                for l in step.lines {
                    rows.append([l.indicator.id, cell(l.value, l.indicator), cell(l.previous, l.indicator), cell(l.region, l.indicator), cell(l.nation, l.indicator),
                                 l.nationalRank.map { "\($0.rank)/\($0.of) Q\($0.quartile)" } ?? "n.d.",
                                 l.regionalRank.map { "\($0.rank)/\($0.of) Q\($0.quartile)" } ?? "n.d.",
                                 l.peerMedian.map { QueryRender.display($0, l.indicator, lang) } ?? "n.d.",
                                 l.peerRank.map { "\($0.rank)/\($0.of)" } ?? "n.d."])
                }
                out += FundingCommands.table(rows)
            }
            if let note = step.guide.note { out += "  " + note.text(lang) + "\n" }
            out += fr ? "  Thématiques à aborder :\n" : "  Themes (Thématiques à aborder):\n"
            for (i, theme) in step.guide.themes.enumerated() {
                let key = "\(k + 1).\(i + 1)"
                out += "    [\(key)] \(theme)\n"
                if let n = notes[key] { out += "          → \(n)\n" }
            }
        }
        out += fr ? "\nCibles nationales de l'Annexe n°1 (sens seulement) : \(b.resultYear) comparé à \(b.previousYear)\n" : "\nNational targets of Annexe n°1 (direction only): \(b.resultYear) against \(b.previousYear)\n"
        var last = ""
        for t in b.targets {
            if t.target != last { out += "  \(t.target)\n"; last = t.target }
            let line = Catalogue.indicator(t.line)!
            let verdict: String
            switch (t.now, t.before) {
            case let (n?, p?): verdict = n > p ? (fr ? "en hausse ✓" : "up ✓") : n == p ? (fr ? "stable ✗" : "flat ✗") : (fr ? "en baisse ✗" : "down ✗")
            default: verdict = "n.d."
            }
            out += "    \(t.line) \(t.before.map { QueryRender.display($0, line, lang) } ?? "n.d.") → \(t.now.map { QueryRender.display($0, line, lang) } ?? "n.d.") : \(verdict)\n"
        }
        return out
    }

    static let annotate = Command(
        names: ["annotate", "annoter"],
        summary: .init(fr: "note un commentaire sur une thématique de la Fiche n°1 pour une ML (affiché dans brief)",
                       en: "notes a comment on a theme of Fiche n°1 for an ML (shown by brief)"),
        usage: "annotate ML THÈME \"texte\"", examples: ["annotate ML069-LYON 2.3 \"Permanences en QPV à renforcer\""]
    ) { session, args throws(ShellError) in
        let lang = session.language, fr = lang == .fr, d = try session.dashboard()
        let v = try args.required("ML")
        let ml = try QueryParser(dashboard: d, lang: lang).territory(v)
        guard ml.level == .ml else { throw ShellError(fr ? "une mission locale est attendue" : "a Mission locale is expected", at: v) }
        let key = try args.required(fr ? "thématique (ex. 2.3)" : "theme (e.g. 2.3)")
        let keys = DialogueGuide.steps.enumerated().flatMap { k, s in s.themes.indices.map { "\(k + 1).\($0 + 1)" } }
        guard keys.contains(key.text) else { throw ShellError(fr ? "thématique inconnue « \(key.text) » (brief les numérote)" : "unknown theme \"\(key.text)\" (brief numbers them)", at: key, suggestions: Suggestions.closest(to: key.text, among: keys)) }
        let text = try args.required(fr ? "texte entre guillemets" : "quoted text")
        try args.expectEnd()
        session.annotations[ml.id, default: [:]][key.text] = text.text.isEmpty ? nil : text.text
        return ShellResult(output: fr ? "noté pour \(ml.id) [\(key.text)]\n" : "noted for \(ml.id) [\(key.text)]\n")
    }
}

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
                let v = try args.required("ML")
                let territory = try parser.territory(v)
                guard territory.level == .ml else { throw ShellError(fr ? "une mission locale est attendue" : "a Mission locale is expected", at: v) }
                ml = territory.id
            case "for", "en":
                let v = try args.required(fr ? "année" : "year")
                guard let y = Int(v.text), (1900...2999).contains(y) else { throw ShellError(fr ? "année attendue" : "year expected", at: v) }
                year = y
            case "points":
                let v = try args.required("X")
                guard let x = Double(v.text), x.isFinite else { throw ShellError(fr ? "nombre de points attendu" : "number of points expected", at: v) }
                points = x / 100
            case "=":
                let v = try args.required(fr ? "cible" : "target")
                guard let x = NegotiationCommands.number(v.text) else { throw ShellError(fr ? "cible attendue (40% ou 0.4)" : "target expected (40% or 0.4)", at: v) }
                target = x
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
            return ShellResult(output: FundingCommands.table(rows))
        default:
            throw ShellError(Messages.text(.unexpectedArgument, lang, verb.text), at: verb, suggestions: ["propose", "set", "list"])
        }
    }
}

/// `avenant of ML for YEAR [to FILE.md|.html]`, `avenant set ML KEY "value"`.
enum AvenantCommands {
    static var keys: [(String, WritableKeyPath<Avenant.Details, String?>)] { [
        ("chorus_ml", \.chorusMissionsLocales), ("chorus_parrainage", \.chorusParrainage), ("chorus_fipj", \.chorusFIPJ),
        ("convention_signed_on", \.conventionSignedOn), ("effective_from", \.effectiveFrom), ("account_holder", \.bankAccountHolder),
        ("bank", \.bankName), ("bank_code", \.bankCode), ("branch_code", \.branchCode), ("account", \.accountNumber), ("key", \.key),
        ("ordonnateur", \.authorisingOfficer), ("comptable", \.assignedAccountant), ("place", \.place), ("region", \.regionName),
    ] }
    static var keyNames: [String] { keys.map(\.0) + ["fipj_direct", "fipj_indirect", "action"] }

    static let avenant = Command(
        names: ["avenant", "amendment"],
        summary: .init(fr: "l'avenant annuel de la convention (Fiche n°4), en Markdown ou HTML, montants en chiffres et en lettres",
                       en: "the yearly amendment of the convention (Fiche n°4), as Markdown or HTML, amounts in figures and words"),
        usage: "avenant of ML for ANNÉE [to FICHIER.md|.html] | avenant set ML CLÉ \"valeur\"",
        examples: ["avenant of ML069-LYON for 2017", "avenant set ML069-LYON chorus_ml \"2103456789\"", "avenant of ML069-LYON for 2017 to avenant.html"]
    ) { session, args throws(ShellError) in
        let lang = session.language, fr = lang == .fr, d = try session.dashboard()
        let parser = QueryParser(dashboard: d, lang: lang)
        if args.skip("set") || args.skip("fixer") {
            let v = try args.required("ML")
            let ml = try parser.territory(v)
            guard ml.level == .ml else { throw ShellError(fr ? "une mission locale est attendue" : "a Mission locale is expected", at: v) }
            let k = try args.required(fr ? "clé" : "key")
            guard keyNames.contains(k.text) else { throw ShellError(fr ? "clé inconnue « \(k.text) »" : "unknown key \"\(k.text)\"", at: k, suggestions: Suggestions.closest(to: k.text, among: keyNames)) }
            let value = try args.required(fr ? "valeur entre guillemets" : "quoted value")
            try args.expectEnd()
            var details = session.avenantDetails[ml.id] ?? Avenant.Details()
            switch k.text {
            case "fipj_direct", "fipj_indirect":
                guard let x = Double(value.text), x.isFinite, x >= 0 else { throw ShellError(fr ? "montant attendu" : "amount expected", at: value) }
                if k.text == "fipj_direct" { details.fipjDirect = x } else { details.fipjIndirect = x }
            case "action": details.actionPlan.append(value.text)
            default: details[keyPath: keys.first { $0.0 == k.text }!.1] = value.text
            }
            session.avenantDetails[ml.id] = details
            return ShellResult(output: fr ? "\(k.text) noté pour \(ml.id)\n" : "\(k.text) noted for \(ml.id)\n")
        }
        var ml: String?, year: Int?, file: (String, Token)?
        while let t = args.next() {
            switch t.text.lowercased() {
            case "of", "pour":
                let v = try args.required("ML")
                let territory = try parser.territory(v)
                guard territory.level == .ml else { throw ShellError(fr ? "une mission locale est attendue" : "a Mission locale is expected", at: v) }
                ml = territory.id
            case "for", "en":
                let v = try args.required(fr ? "année" : "year")
                guard let y = Int(v.text) else { throw ShellError(fr ? "année attendue" : "year expected", at: v) }
                year = y
            case "to", "vers":
                let v = try args.required(fr ? "fichier" : "file")
                file = (v.text, v)
            default: throw ShellError(Messages.text(.unexpectedArgument, lang, t.text), at: t, suggestions: ["of", "for", "to", "set"])
            }
        }
        guard let ml, let year else { throw ShellError(Messages.text(.missingArgument, lang, "of ML for ANNÉE"), offset: args.line.count) }
        let data = try session.dataset()
        guard let c = data.convention(of: ml, year: year), let mission = data.mission(id: ml) else {
            throw ShellError(fr ? "aucune convention de \(ml) ne couvre \(year)" : "no convention of \(ml) covers \(year)")
        }
        let a: Avenant
        do throws(Avenant.Failure) { a = try Avenant(convention: c, mission: mission, year: year, dataset: data, dashboard: d, details: session.avenantDetails[ml] ?? .init()) }
        catch { throw ShellError(fr ? "pas de subvention \(year) dans la convention \(c.number) (funding … set)" : "no \(year) subsidy in convention \(c.number) (funding … set)") }
        guard let (path, token) = file else { return ShellResult(output: a.markdown()) }
        let html = path.lowercased().hasSuffix(".html") || path.lowercased().hasSuffix(".htm")
        try session.write(html ? a.html() : a.markdown(), to: path, token: token)
        return ShellResult(output: fr ? "écrit : \(path)\n" : "written: \(path)\n")
    }
}

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
        func ml(_ v: Token) throws(ShellError) -> String {
            let t = try parser.territory(v)
            guard t.level == .ml else { throw ShellError(fr ? "une mission locale est attendue" : "a Mission locale is expected", at: v) }
            return t.id
        }
        if args.skip("add") || args.skip("ajouter") || args.skip("clear") || args.skip("vider") {
            let adding = ["add", "ajouter"].contains(args.tokens[args.position - 1].text.lowercased())
            let id = try ml(try args.required("ML"))
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
            case "of", "pour": mlID = try ml(try args.required("ML"))
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

enum WorkspaceCommands {
    static let workspace = Command(
        names: ["workspace", "espace"],
        summary: .init(fr: "ouvre un espace de travail (fichier SQLite) où scénarios, objectifs, conventions et notes sont gardés ; seul : l'espace courant",
                       en: "opens a workspace (SQLite file) that keeps scenarios, objectives, conventions and notes; alone: the current one"),
        usage: "workspace [FICHIER]", examples: ["workspace dialogue-2018.pilotage"]
    ) { session, args throws(ShellError) in
        let fr = session.language == .fr
        guard let t = args.next() else {
            return ShellResult(output: session.workspacePath.map { (fr ? "espace de travail : " : "workspace: ") + $0 + "\n" }
                               ?? (fr ? "aucun espace de travail (rien n'est gardé après quit)\n" : "no workspace (nothing is kept after quit)\n"))
        }
        try args.expectEnd()
        guard session.fileAccess else { throw ShellError(fr ? "accès aux fichiers désactivé" : "file access is disabled", at: t) }
        try session.attach(workspace: t.text)
        return ShellResult(output: fr ? "espace de travail : \(t.text) (\(session.scenarios.count) scénario(s))\n" : "workspace: \(t.text) (\(session.scenarios.count) scenario(s))\n")
    }
}
