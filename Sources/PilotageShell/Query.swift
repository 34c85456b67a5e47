import Foundation

/// How query results are printed.
public enum OutputFormat: String, Sendable, CaseIterable {
    /// Aligned columns, French number formatting by default (1 234,5 ; 41,2 %).
    case table
    /// CSV with a header row and `.` decimal points.
    case csv
    /// A JSON object: the columns and one object per row, `null` and a reason for absent cells.
    case json
    /// A Markdown (GitHub) table, numbers formatted as in `table`.
    case markdown
    /// CSV that a French spreadsheet opens in columns: `;`, decimal comma, UTF-8 with BOM, CRLF.
    case csvFrench = "csv-fr"
    /// A workbook (typed cells, formats, frozen and filtered header): written to a `.xlsx` file only.
    case xlsx

    /// The format a file name asks for by its extension.
    static func forFile(_ path: String) -> OutputFormat? {
        switch (path as NSString).pathExtension.lowercased() {
        case "csv": return .csv
        case "json": return .json
        case "md", "markdown": return .markdown
        case "txt": return .table
        case "xlsx": return .xlsx
        default: return nil
        }
    }

    /// The form a file's extension asks for; a name without extension takes the session's form,
    /// an extension Pilotage does not write (`.xlsx`) is an error that lists those it writes.
    static func forFile(_ path: String, at token: Token, _ language: Language) throws(ShellError) -> OutputFormat? {
        let ext = (path as NSString).pathExtension
        if ext.isEmpty { return nil }
        guard let format = forFile(path) else {
            throw ShellError(Messages.text(.unknownExtension, language, "." + ext), at: token)
        }
        return format
    }
}

/// A parsed `show` query: which lines, territories, years and breakdowns, and how to present them.
struct Query {
    /// A cut-off of a `where` filter.
    enum Threshold: Equatable {
        case number(Double)
        /// Statistics of the line over the rows of the query (same year and breakdown).
        case median, mean, q1, q3
        /// The value of the row's region (MLs) or of the nation.
        case region, nation
    }
    struct Filter {
        var line: Indicator
        var op: String
        var threshold: Threshold
    }
    enum Display { case table, bars, spark }

    var lines: [Indicator] = []
    var territories: [Territory] = [.nation]
    var years: [Int] = []
    var breakdowns: [Population] = [.all]
    var withRegion = false, withNation = false
    var change = false
    var sortLine: Indicator?
    var ascending: Bool?
    var limit: (count: Int, top: Bool)?
    var filters: [Filter] = []
    var display = Display.table
    var format: OutputFormat?
    var file: (path: String, token: Token)?
    var why = false
}

/// Reads the tokens of a `show` line into a `Query`.
struct QueryParser {
    let dashboard: Dashboard
    let lang: Language
    var fr: Bool { lang == .fr }

    /// The query a `show` line's clauses make (`QueryCommands.showClauses`).
    func query(_ c: ClauseValues) throws(ShellError) -> Query {
        var q = Query()
        for (a, b) in [("of", "by"), ("top", "bottom"), ("chart", "spark")] where c.has(a) && c.has(b) {
            throw ShellError(Messages.text(.notBoth, lang, a, b), at: c.keywords[b])
        }
        q.lines = c.lines("LIGNES")!
        if let t = c.territories("of") ?? c.territories("by") { q.territories = t }
        if let b = c.populations("breakdown") { q.breakdowns = b }
        // A programme asked of lines that have none would be a table of « n.d. »: said at once.
        if q.breakdowns.contains(where: \.isProgramme), !q.lines.contains(where: \.hasProgrammeBreakdown) {
            throw ShellError(Messages.text(.noLineWithProgrammes, lang), at: c.keywords["breakdown"])
        }
        let with = c.texts("with") ?? []
        q.withRegion = with.contains("region")
        q.withNation = with.contains("nation")
        q.change = c.has("change") || c.has("vs")
        if let (line, ascending) = c.sort("sort") { q.sortLine = line; q.ascending = ascending }
        if let k = c.integer("top") { q.limit = (k, true) }
        if let k = c.integer("bottom") { q.limit = (k, false) }
        q.filters = c.filters("where") ?? []
        q.display = c.has("chart") ? .bars : c.has("spark") ? .spark : .table
        q.file = c.file("to").map { (path: $0.0, token: $0.1) }
        q.format = c.text("format").flatMap(OutputFormat.init(rawValue:))
        q.why = c.has("why")
        q.years = c.years("year") ?? (q.display == .spark ? dashboard.years : [dashboard.years.last ?? 0])
        return q
    }

    /// `by ml [in RÉGION]`, `by region`: every territory of a level.
    func grouping(_ args: inout Arguments) throws(ShellError) -> [Territory] {
        let v = try args.required("ml|region")
        switch v.text.lowercased() {
        case "ml", "mls": return try scopedMissions(&args)
        case "region", "regions", "région", "régions": return dashboard.territories(.region)
        default: throw ShellError(Messages.text(.unknownGrouping, lang, v.text), at: v, suggestions: ["ml", "region"])
        }
    }

    /// `with region`, `with nation`, `with region,nation` (or `and`).
    static func comparisons(_ args: inout Arguments, _ lang: Language) throws(ShellError) -> [String] {
        var list: [String] = []
        repeat {
            let v = try args.required("region|nation")
            switch v.text.lowercased() {
            case "region", "région": list.append("region")
            case "nation", "france": list.append("nation")
            default:
                throw ShellError(Messages.text(.unknownComparison, lang, v.text), at: v, suggestions: ["region", "nation"])
            }
        } while args.skip(",") || args.skip("and") || args.skip("et")
        return list
    }

    // MARK: lines

    /// `R5`, `R5,R10`, `ratios`, an axis (`exit`), a family (`4.*`), `all`.
    static func lineList(_ args: inout Arguments) throws(ShellError) -> [Indicator] {
        var lines: [Indicator] = []
        repeat {
            let t = try args.required(Messages.text(.indicatorIDExample, args.language))
            let w = t.text.lowercased()
            if w == "ratios" {
                lines += Catalogue.computed.filter { $0.kind == .ratio && $0.id.hasPrefix("R") && Int($0.id.dropFirst()) != nil }
            } else if w == "all" || w == "tout" {
                lines += Catalogue.computed
            } else if let axis = Axis.allCases.first(where: { $0.rawValue.lowercased() == w }) {
                lines += Catalogue.computed.filter { $0.axis == axis }
            } else if w.hasSuffix(".*") {
                let root = String(t.text.dropLast(2))
                let family = Catalogue.computed.filter { $0.id == root || $0.id.hasPrefix(root + ".") }
                guard !family.isEmpty else {
                    throw ShellError(Messages.text(.unknownIndicator, args.language, t.text), at: t,
                                     suggestions: Catalogue.suggestions(for: t.text))
                }
                lines += family
            } else {
                args.position -= 1
                lines.append(try args.indicator())
            }
        } while args.skip(",")
        var seen = Set<String>()
        return lines.filter { seen.insert($0.id).inserted }
    }

    // MARK: territories

    func territoryList(_ args: inout Arguments) throws(ShellError) -> [Territory] {
        var result: [Territory] = []
        repeat {
            let v = try args.required(Messages.text(.territory, lang))
            switch v.text.lowercased() {
            case "nation", "fr", "france": result.append(.nation)
            case "regions", "régions": result += dashboard.territories(.region)
            case "mls": result += try scopedMissions(&args)
            default: result.append(try territory(v))
            }
        } while args.skip(",")
        var seen = Set<Territory>()
        return result.filter { seen.insert($0).inserted }
    }

    /// Every ML, or those of a region after `in`.
    func scopedMissions(_ args: inout Arguments) throws(ShellError) -> [Territory] {
        guard args.skip("in") || args.skip("dans") else { return dashboard.territories(.ml) }
        let r = try args.required(Messages.text(.region, lang))
        let region = try territory(r)
        guard region.level == .region else { throw unknownTerritory(r) }
        return dashboard.missions(in: region)
    }

    /// An ML or a region by id, code or name (case and accents ignored; a unique part of a name will do).
    func territory(_ v: Token) throws(ShellError) -> Territory {
        if dashboard.territories(.ml).contains(.ml(v.text)) { return .ml(v.text) }
        if dashboard.territories(.region).contains(.region(v.text)) { return .region(v.text) }
        let key = Self.fold(v.text)
        let named = dashboard.missions.map { (Territory.ml($0.id), $0.name) } + dashboard.regions.map { (Territory.region($0.code), $0.name) }
        if let exact = named.first(where: { Self.fold($0.1) == key || Self.fold($0.0.id) == key }) { return exact.0 }
        let partial = named.filter { Self.fold($0.1).contains(key) }
        if partial.count == 1 { return partial[0].0 }
        if partial.count > 1 {
            throw ShellError(Messages.text(.namesSeveralTerritories, lang, "\(v.text)"), at: v,
                             suggestions: partial.prefix(8).map { "\"\($0.1)\" (\($0.0.id))" })
        }
        throw unknownTerritory(v)
    }

    /// The next token as a Mission locale (id or name); a region or the nation is an error.
    func mission(_ args: inout Arguments) throws(ShellError) -> String {
        let v = try args.required("ML")
        let t = try territory(v)
        guard t.level == .ml else { throw ShellError(Messages.text(.missionLocaleIsExpected, lang), at: v) }
        return t.id
    }

    /// The next token as a scenario lever (`levers` lists them).
    func lever(_ args: inout Arguments) throws(ShellError) -> (Token, Lever) {
        let l = try args.required(Messages.text(.lever, lang))
        guard let lever = Lever(rawValue: l.text.lowercased()) else {
            throw ShellError(Messages.text(.unknownLever, lang, "\(l.text)"), at: l,
                             suggestions: Suggestions.closest(to: l.text, among: Lever.allCases.map(\.rawValue)))
        }
        return (l, lever)
    }

    static func fold(_ s: String) -> String { Suggestions.fold(s) }

    /// An unknown name: the nearest MLs and regions by name or id (typos, accents, case), with their ids.
    func unknownTerritory(_ t: Token) -> ShellError {
        let places = dashboard.missions.map { (id: $0.id, name: $0.name) } + dashboard.regions.map { (id: $0.code, name: $0.name) }
        let near = Suggestions.closestNames(to: t.text, among: places).map { "\"\($0.name)\" (\($0.id))" }
        let words = Suggestions.closest(to: t.text, among: ["nation", "mls", "regions"], limit: 1)
        return ShellError(Messages.text(.unknownTerritory, lang, Messages.quoted(t.text, lang)), at: t,
                          suggestions: near.isEmpty ? words : near)
    }

    // MARK: years, breakdowns, filters

    /// `2016`, `2015,2016`, `2015-2017`, `all`.
    func yearList(_ args: inout Arguments) throws(ShellError) -> [Int] {
        var years: [Int] = []
        repeat {
            let v = try args.required(Messages.text(.year, lang))
            let w = v.text.lowercased()
            if w == "all" || w == "toutes" { years += dashboard.years; continue }
            let parts = w.split(separator: "-", omittingEmptySubsequences: false)
            let bounds = parts.map { Int($0) }
            guard (1...2).contains(parts.count), bounds.allSatisfy({ $0 != nil }) else {
                throw ShellError(Messages.text(.yearExpected, lang, "\(v.text)"),
                                 at: v, suggestions: dashboard.years.map(String.init))
            }
            let low = bounds[0]!, high = bounds.last!!
            guard low <= high, dashboard.years.contains(low), dashboard.years.contains(high) else {
                throw ShellError(Messages.text(.yearNotInDataset, lang, "\(v.text)"), at: v,
                                 suggestions: dashboard.years.map(String.init))
            }
            years += (low...high).filter { dashboard.years.contains($0) }
        } while args.skip(",")
        var seen = Set<Int>()
        return years.filter { seen.insert($0).inserted }
    }

    func breakdown(_ args: inout Arguments) throws(ShellError) -> Breakdown {
        let v = try args.required("breakdown")
        guard let b = Breakdown(named: v.text) else {
            throw ShellError(Messages.text(.unknownBreakdown, lang, "\(v.text)"), at: v,
                             suggestions: Breakdown.allCases.map { $0.label(lang).replacingOccurrences(of: " ", with: "_") })
        }
        return b
    }

    /// `women`, `garantie_jeunes`, `programmes`: breakdowns or national programmes, never both.
    func populations(_ args: inout Arguments) throws(ShellError) -> [Population] {
        var list: [Population] = []
        repeat {
            let v = try args.required("breakdown")
            guard let named = Population.named(v.text) else {
                // The nearest names first (`civs` → civis); all of them when none is near.
                let close = Suggestions.closest(to: v.text, among: Population.completions)
                throw ShellError(Messages.text(.unknownBreakdown, lang, v.text), at: v,
                                 suggestions: close.isEmpty ? Population.completions : close)
            }
            // `all` goes beside the programmes (the total they are read against); the others do not.
            if let first = list.first(where: { $0 != .all }), named[0] != .all,
               first.isProgramme != named[0].isProgramme {
                throw ShellError(Messages.text(.programmesNotCrossed, lang), at: v)
            }
            list += named.filter { !list.contains($0) }
        } while args.skip(",")
        return list
    }

    /// `R10 < 40%`, `R5 >= 0.3`, `R10 < median`, `R11 > region`.
    func filter(_ args: inout Arguments) throws(ShellError) -> Query.Filter {
        let line = try args.indicator()
        let o = try args.required("< <= > >= =")
        guard ["<", "<=", ">", ">=", "="].contains(o.text) else {
            throw ShellError(Messages.text(.comparisonExpected, lang, "\(o.text)"), at: o, suggestions: ["<", "<=", ">", ">=", "="])
        }
        let what = Messages.text(.threshold, lang)
        let v = try args.required(what)
        let threshold: Query.Threshold
        switch v.text.lowercased() {
        case "median", "médiane", "mediane": threshold = .median
        case "mean", "moyenne": threshold = .mean
        case "q1": threshold = .q1
        case "q3": threshold = .q3
        case "region", "région": threshold = .region
        case "nation", "france": threshold = .nation
        default:
            args.position -= 1
            guard let c = v.text.first, c.isNumber || "+-−".contains(c) else {
                throw ShellError(Messages.text(.thresholdExpected, lang, "\(v.text)"),
                                 at: v, suggestions: ["median", "q1", "q3", "mean", "region", "nation"])
            }
            threshold = .number(try args.value(of: line, what))
        }
        return Query.Filter(line: line, op: o.text, threshold: threshold)
    }
}

extension Arguments {
    /// Consumes the next token when it is `word` (any letter case).
    mutating func skip(_ word: String) -> Bool {
        guard let t = peek, t.text.lowercased() == word else { return false }
        position += 1
        return true
    }
}
