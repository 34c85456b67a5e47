import Foundation

/// How query results are printed.
public enum OutputFormat: String, Sendable, CaseIterable {
    /// Aligned columns, French number formatting by default (1 234,5 ; 41,2 %).
    case table
    /// CSV with a header row and `.` decimal points.
    case csv
}

enum QueryCommands {
    static let all: [Command] = [show, format]

    static let format = Command(
        names: ["format"],
        summary: .init(fr: "choisit la forme des résultats : table ou csv", en: "chooses how results print: table or csv"),
        usage: "format table|csv", examples: ["format csv"]
    ) { session, args throws(ShellError) in
        let f = try args.choice(OutputFormat.self, unknown: "format inconnu", "unknown format")
        try args.expectEnd()
        session.outputFormat = f
        return ShellResult(output: "format : \(f.rawValue)\n")
    }

    /// `show R10,R11 of mls in 84 year 2016 breakdown women`
    static let show = Command(
        names: ["show", "voir"],
        summary: .init(fr: "affiche des lignes pour des territoires, une année, une déclinaison",
                       en: "shows lines for territories, a year, a breakdown"),
        usage: "show ID[,ID…] [of ML|RÉGION|nation|mls|regions [in RÉGION]] [year N] [breakdown B]",
        examples: ["show R10 of mls in 84 year 2016", "show 1,2,R2 of nation", "show R5 of ML069-LYON breakdown women"]
    ) { session, args throws(ShellError) in
        let lang = session.language
        var lines = [try args.indicator()]
        while args.peek?.text == "," { _ = args.next(); lines.append(try args.indicator()) }
        let dashboard = try session.dashboard()
        var territories: [Territory] = [.nation]
        var year = dashboard.years.last!
        var breakdown = Breakdown.all
        while let t = args.next() {
            switch t.text.lowercased() {
            case "of", "pour":
                let v = try args.required(lang == .fr ? "territoire" : "territory")
                switch v.text.lowercased() {
                case "nation", "fr", "france": territories = [.nation]
                case "regions", "régions": territories = dashboard.territories(.region)
                case "mls":
                    territories = dashboard.territories(.ml)
                    if args.peek?.text.lowercased() == "in" || args.peek?.text.lowercased() == "dans" {
                        _ = args.next()
                        let r = try args.required(lang == .fr ? "région" : "region")
                        guard dashboard.territories(.region).contains(.region(r.text)) else { throw unknownTerritory(r, dashboard, lang) }
                        territories = dashboard.missions(in: .region(r.text))
                    }
                default:
                    if dashboard.territories(.ml).contains(.ml(v.text)) { territories = [.ml(v.text)] }
                    else if dashboard.territories(.region).contains(.region(v.text)) { territories = [.region(v.text)] }
                    else { throw unknownTerritory(v, dashboard, lang) }
                }
            case "year", "année", "annee":
                let v = try args.required(lang == .fr ? "année" : "year")
                guard let y = Int(v.text), dashboard.years.contains(y) else {
                    throw ShellError(lang == .fr ? "année absente du jeu de données : \(v.text)" : "year not in the dataset: \(v.text)", at: v,
                                     suggestions: dashboard.years.map(String.init))
                }
                year = y
            case "breakdown", "déclinaison", "declinaison":
                let v = try args.required("breakdown")
                guard let b = Breakdown(rawValue: v.text.lowercased()) else {
                    throw ShellError(lang == .fr ? "déclinaison inconnue « \(v.text) »" : "unknown breakdown \"\(v.text)\"", at: v, suggestions: Breakdown.allCodes)
                }
                breakdown = b
            default:
                throw ShellError(Messages.text(.unexpectedArgument, lang, t.text), at: t,
                                 suggestions: Suggestions.closest(to: t.text, among: ["of", "year", "breakdown", ","]))
            }
        }
        return ShellResult(output: QueryRender.render(lines, territories, year, breakdown, dashboard, session.outputFormat, lang))
    }

    static func unknownTerritory(_ t: Token, _ d: Dashboard, _ lang: Language) -> ShellError {
        let ids = d.territories(.ml).map(\.id) + d.territories(.region).map(\.id) + ["nation", "mls", "regions"]
        return ShellError(lang == .fr ? "territoire inconnu « \(t.text) »" : "unknown territory \"\(t.text)\"", at: t,
                          suggestions: Suggestions.closest(to: t.text, among: ids))
    }
}

enum QueryRender {
    static func render(_ lines: [Indicator], _ territories: [Territory], _ year: Int, _ b: Breakdown, _ d: Dashboard,
                       _ format: OutputFormat, _ lang: Language) -> String {
        let values = territories.map { t in lines.map { d.value($0.id, for: t, year: year, breakdown: b) } }
        switch format {
        case .csv:
            var out = (["level", "territory", "name", "year", "breakdown"] + lines.map(\.id)).map(CSVText.field).joined(separator: ",") + "\n"
            for (t, row) in zip(territories, values) {
                let cells = row.map { r -> String in
                    guard case .success(let v) = r else { return "" }
                    return lines.isEmpty ? "" : NumberText.decimal(v)
                }
                out += ([t.level.rawValue, t.id, d.name(of: t), String(year), b.rawValue] + cells).map(CSVText.field).joined(separator: ",") + "\n"
            }
            return out
        case .table:
            var rows = [[lang == .fr ? "territoire" : "territory"] + lines.map(\.id)]
            for (t, row) in zip(territories, values) {
                rows.append(["\(d.name(of: t)) (\(t.id))"] + zip(lines, row).map { line, r in
                    guard case .success(let v) = r else { return "n.d." }
                    return display(v, line, lang)
                })
            }
            let widths = (0..<rows[0].count).map { c in rows.map { $0[c].count }.max()! }
            var out = "\(year), \(b.rawValue)\n"
            for row in rows {
                out += row.enumerated().map { c, cell in c == 0 ? cell.padding(toLength: widths[c], withPad: " ", startingAt: 0)
                                                              : String(repeating: " ", count: widths[c] - cell.count) + cell }.joined(separator: "  ") + "\n"
            }
            return out
        }
    }

    /// A value as an analyst reads it: counts with thousands separators, shares as %, amounts in €.
    static func display(_ v: Double, _ line: Indicator, _ lang: Language) -> String {
        let percent = line.kind == .ratio && !["R2", "R13"].contains(line.id)
        let shown = percent ? v * 100 : v
        let decimals = line.kind == .count ? 0 : (percent || line.kind == .mean ? 1 : 2)
        let text = grouped(String(format: "%.\(decimals)f", shown), lang)
        if percent { return text + (lang == .fr ? "\u{202F}%" : "%") }
        if line.kind == .amountPerPerson || line.id.hasPrefix("10") { return text + (lang == .fr ? "\u{202F}€" : " €") }
        return text
    }
}

/// `1234567.5` → `1 234 567,5` (French, narrow no-break spaces) or `1,234,567.5`.
func grouped(_ plain: String, _ lang: Language) -> String {
    var integer = plain, fraction = ""
    if let dot = plain.firstIndex(of: ".") { integer = String(plain[..<dot]); fraction = String(plain[plain.index(after: dot)...]) }
    let negative = integer.hasPrefix("-")
    if negative { integer.removeFirst() }
    var groups: [String] = []
    while integer.count > 3 { groups.insert(String(integer.suffix(3)), at: 0); integer.removeLast(3) }
    groups.insert(integer, at: 0)
    let body = groups.joined(separator: lang == .fr ? "\u{202F}" : ",")
    return (negative ? "-" : "") + body + (fraction.isEmpty ? "" : (lang == .fr ? "," : ".") + fraction)
}

enum QueryCompletion {
    static func candidates(session: Session, command: String, after words: [String], prefix: String) -> [String] {
        switch command {
        case "show":
            guard let last = words.last else { return Catalogue.computed.map(\.id) }
            switch last {
            case ",": return Catalogue.computed.map(\.id)
            case "of", "pour":
                let d = try? session.dashboard()
                return ["nation", "mls", "regions"] + (d?.territories(.ml).map(\.id) ?? []) + (d?.territories(.region).map(\.id) ?? [])
            case "in", "dans": return (try? session.dashboard())?.territories(.region).map(\.id) ?? []
            case "year", "année": return (try? session.dashboard())?.years.map(String.init) ?? []
            case "breakdown": return Breakdown.allCodes
            default: return ["of", "year", "breakdown"]
            }
        case "format": return words.isEmpty ? OutputFormat.allCases.map(\.rawValue) : []
        default: return []
        }
    }
}
