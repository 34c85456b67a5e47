import Foundation

enum QueryCommands {
    static let all: [Command] = [show, format, letCommand, timer, read]

    /// `show R10,R11 of mls in 84 year 2016 breakdown women sort R10 asc top 5 with region,nation change`
    static let show = Command(
        names: ["show", "voir", "afficher"],
        summary: .init(fr: "interroge le tableau de bord : lignes, territoires, années, déclinaisons, tri, filtres, graphiques",
                       en: "queries the dashboard: lines, territories, years, breakdowns, sorting, filters, charts"),
        usage: "show LIGNES [of TERRITOIRES|by ml|region] [year …] [breakdown …] [where …] [sort L [asc|desc]] [top|bottom K] [with region,nation] [change] [chart|spark] [why] [format F] [to FICHIER]",
        examples: ["show R10 of mls in 84 year 2016 sort R10 asc",
                   "show ratios of ML069-LYON with region,nation change",
                   "show R10 of mls where R10 < median",
                   "show 8.1.f,R10 of nation breakdown women,qpv",
                   "show R10 of mls in 84 chart",
                   "show R5 of regions years all spark",
                   "show R10 of mls in 84 to r10.svg"]
    ) { session, args throws(ShellError) in
        let lang = session.language
        let dashboard = try session.dashboard()
        let query = try QueryParser(dashboard: dashboard, lang: lang).parse(&args)
        let table = QueryTable(query, dashboard)
        // Ctrl-C during a large answer: nothing printed, no file written.
        try session.checkInterruption()
        guard let (path, token) = query.file else {
            if query.format == .xlsx { throw ShellError(Messages.text(.workbookNeedsFile, lang)) }
            let text = QueryRender.text(table, query, query.format ?? session.outputFormat, lang)
            try session.checkInterruption()
            return ShellResult(output: text)
        }
        let text: String
        if (path as NSString).pathExtension.lowercased() == "svg" {
            text = try QueryRender.svg(table, lang)
        } else {
            let fileFormat = try OutputFormat.forFile(path, at: token, lang)
            let format = query.format ?? fileFormat ?? session.outputFormat
            if format == .xlsx {
                try session.checkInterruption()
                // The question as typed, without its `to FILE`: what, where and when.
                var title = String(args.line.prefix(token.offset)).trimmed
                for word in [" to", " vers"] where title.hasSuffix(word) { title.removeLast(word.count) }
                try session.write(QueryRender.workbook(table, query, lang, source: session.workbookSource, title: title),
                                  to: path, token: token)
                return ShellResult(output: Messages.text(.writtenRows, lang, "\(path)", "\(table.rows.count)"))
            }
            text = QueryRender.text(table, query, format, lang)
        }
        try session.checkInterruption()
        try session.write(text, to: path, token: token)
        let fr = lang == .fr
        return ShellResult(output: Messages.text(.writtenRows, lang, "\(path)", "\(table.rows.count)"))
    }

    static let format = Command(
        names: ["format"],
        summary: .init(fr: "choisit la forme des résultats : table, csv, csv-fr (pour un tableur français), json, markdown ou xlsx (classeur, avec to FICHIER.xlsx)",
                       en: "chooses how results print: table, csv, csv-fr (for a French spreadsheet), json, markdown or xlsx (a workbook, with to FILE.xlsx)"),
        usage: "format table|csv|csv-fr|json|markdown|xlsx", examples: ["format csv", "format csv-fr", "format markdown"]
    ) { session, args throws(ShellError) in
        let f = try args.choice(OutputFormat.self, unknown: .unknownFormat)
        try args.expectEnd()
        session.outputFormat = f
        return ShellResult(output: "format" + Messages.colon(session.language) + f.rawValue + "\n")
    }

    /// `let lignes = R5,R10,R11` then `show $lignes of nation`.
    static let letCommand = Command(
        names: ["let", "soit"],
        summary: .init(fr: "nomme un morceau de requête (lignes, territoires, seuil…) ; $nom le reprend ensuite ; let seul les liste",
                       en: "names a piece of query (lines, territories, threshold…); $name reuses it; let alone lists them"),
        usage: "let NOM = TEXTE", examples: ["let ratios = R5,R10,R11", "let lyon = \"Mission locale de Lyon\"", "show $ratios of $lyon"]
    ) { session, args throws(ShellError) in
        let fr = session.language == .fr
        guard let name = args.next() else {
            let list = session.variables.sorted { $0.key < $1.key }.map { "$\($0.key) = \($0.value)\n" }.joined()
            return ShellResult(output: list.isEmpty ? (Messages.text(.noNameDefined, session.language)) : list)
        }
        let n = name.text
        guard name.kind == .word, let first = n.first, first.isLetter || first == "_",
              n.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" }) else {
            throw ShellError(Messages.text(.nameExpected, session.language, "\(name.text)"), at: name)
        }
        let eq = try args.required("=")
        guard eq.text == "=" else { throw ShellError(Messages.text(.equalsExpected, session.language, "\(eq.text)"), at: eq) }
        guard let value = args.peek else { throw ShellError(Messages.text(.missingArgument, session.language, Messages.text(.value, session.language)), offset: args.line.count) }
        let text = String(Array(args.line)[value.offset...]).trimmingCharacters(in: .whitespaces)
        session.variables[n] = Session.stripComment(text)
        args.position = args.tokens.count
        return ShellResult(output: "$\(n) = \(session.variables[n]!)\n")
    }

    static let timer = Command(
        names: ["timer", "chrono"],
        summary: .init(fr: "affiche (on) ou non (off) la durée de chaque commande", en: "shows (on) or hides (off) how long each command takes"),
        usage: "timer on|off", examples: ["timer on"]
    ) { session, args throws(ShellError) in
        let t = try args.required("on|off")
        try args.expectEnd()
        switch t.text.lowercased() {
        case "on", "oui": session.timer = true
        case "off", "non": session.timer = false
        default: throw ShellError(Messages.text(.unexpectedArgument, session.language, t.text), at: t, suggestions: ["on", "off"])
        }
        return ShellResult(output: "timer : \(session.timer ? "on" : "off")\n")
    }

    /// `.read script.pilote`: the lines of a file, as if typed; stops at the first error.
    static let read = Command(
        names: [".read", "read", "source", "lire"],
        summary: .init(fr: "exécute les lignes d'un fichier de script (.pilote)", en: "runs the lines of a script file (.pilote)"),
        usage: ".read FICHIER", examples: [".read Playground/scripts/r5-region.pilote"]
    ) { session, args throws(ShellError) in
        let t = try args.required(Messages.text(.file, session.language))
        try args.expectEnd()
        return try session.include(t.text, token: t)
    }
}

enum QueryCompletion {
    static func candidates(session: Session, command: String, after words: [String], prefix: String) -> [String] {
        switch command {
        case "show":
            let d = try? session.dashboard()
            let lines = Catalogue.computed.map(\.id) + ["ratios", "all"] + Axis.allCases.map(\.rawValue)
            guard let last = words.last else { return lines }
            switch last {
            case ",":
                // After a comma: more of whatever the list before it holds.
                let keyword = words.last { QueryParser.keywords[$0] != nil }.flatMap { QueryParser.keywords[$0] }
                switch keyword {
                case "of": return territoryWords(d)
                case "year": return (d?.years.map(String.init) ?? []) + ["all"]
                case "breakdown": return Breakdown.allCodes
                case "with": return ["region", "nation"]
                case nil: return lines
                default: return []
                }
            case "of", "pour": return territoryWords(d)
            case "by", "par": return ["ml", "region"]
            case "in", "dans": return d?.territories(.region).map(\.id) ?? []
            case "year", "years", "année", "années": return (d?.years.map(String.init) ?? []) + ["all"]
            case "breakdown", "déclinaison": return Breakdown.allCodes
            case "with", "avec": return ["region", "nation"]
            case "sort", "where", "tri", "si": return Catalogue.computed.map(\.id)
            case "format": return OutputFormat.allCases.map(\.rawValue)
            case "to", "vers": return Completion.paths(prefix)
            case "<", "<=", ">", ">=", "=": return ["median", "q1", "q3", "mean", "region", "nation"]
            case "mls": return ["in"] + QueryParser.keywordNames
            default:
                if words.count >= 2, ["sort", "tri"].contains(words[words.count - 2]) { return ["asc", "desc"] + QueryParser.keywordNames }
                if words.count >= 2, ["where", "si"].contains(words[words.count - 2]) { return ["<", "<=", ">", ">=", "="] }
                return QueryParser.keywordNames
            }
        case "format": return words.isEmpty ? OutputFormat.allCases.map(\.rawValue) : []
        case "timer": return words.isEmpty ? ["on", "off"] : []
        case ".read", "workspace": return words.isEmpty ? Completion.paths(prefix) : []
        default: return negotiation(session: session, command: command, after: words, prefix: prefix)
        }
    }

    /// The negotiation and training commands: their verbs, then MLs, regions, years, levers,
    /// ratios, scenario names and keys where each is expected.
    static func negotiation(session: Session, command: String, after words: [String], prefix: String) -> [String] {
        let d = try? session.dashboard()
        let mls = (d?.territories(.ml).map(\.id) ?? []) + (d.map(quotedMissionNames) ?? [])
        let years = d?.years.map(String.init) ?? []
        guard let last = words.last else {
            switch command {
            case "lesson": return ["1", "2", "3", "4", "5", "6", "7", "all"]
            case "levers", "quiz", "answer": return []
            default: return ["of", "year"]
            }
        }
        switch last {
        case "of", "pour": return mls
        case "year", "année", "for", "en": return years
        default: return ["of", "year", "for", "to", "format"]
        }
    }

    /// Territory keywords, ids and quoted names.
    static func territoryWords(_ d: Dashboard?) -> [String] {
        guard let d else { return ["nation", "mls", "regions"] }
        return ["nation", "mls", "regions"] + d.territories(.ml).map(\.id) + d.territories(.region).map(\.id)
            + quotedMissionNames(d) + d.regions.map { "\"\($0.name)\"" }
    }

    /// MLs as typed between quotes: the whole name, and the name without « Mission locale de »
    /// (`"Saint-Étienne"`), which `show … of` resolves too.
    static func quotedMissionNames(_ d: Dashboard) -> [String] {
        d.missions.flatMap { m -> [String] in
            let short = ["Mission locale de ", "Mission locale d'", "Mission locale du ", "Mission locale des "]
                .first { m.name.hasPrefix($0) }.map { String(m.name.dropFirst($0.count)) }
            return ["\"\(m.name)\""] + (short.map { ["\"\($0)\""] } ?? [])
        }
    }
}
