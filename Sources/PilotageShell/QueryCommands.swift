import Foundation

enum QueryCommands {
    static let all: [Command] = [show, format, letCommand, timer, read]

    static let formats = OutputFormat.allCases.map(\.rawValue)

    /// The clauses of `show`: its lines, then any of the others, in any order.
    static let showClauses: [Clause] = [
        Clause(names: [], kind: .lines, placeholder: "LIGNES", required: true),
        Clause(names: ["of", "pour", "de"], kind: .territories, placeholder: "TERRITOIRES"),
        Clause(names: ["by", "par"], kind: .grouping, placeholder: "ml|region"),
        Clause(names: ["year", "years", "année", "annee", "années", "annees"], kind: .years, placeholder: "ANNÉES"),
        Clause(names: ["breakdown", "déclinaison", "declinaison"], kind: .breakdowns, placeholder: "B,…"),
        Clause(names: ["where", "si", "où"], kind: .filters, placeholder: "LIGNE < SEUIL, …"),
        Clause(names: ["sort", "tri", "trier"], kind: .sort, placeholder: "LIGNE [asc|desc]"),
        Clause(names: ["top", "premiers"], kind: .count, placeholder: "K"),
        Clause(names: ["bottom", "derniers"], kind: .count, placeholder: "K"),
        Clause(names: ["with", "avec"], kind: .comparisons, placeholder: "region,nation"),
        Clause(names: ["change", "évolution", "evolution"], kind: .flag, placeholder: ""),
        Clause(names: ["vs"], kind: .choice(["N-1", "previous", "précédente"]), placeholder: "N-1"),
        Clause(names: ["chart", "bars", "barres", "graphique"], kind: .flag, placeholder: "", exclusive: true),
        Clause(names: ["spark", "sparkline", "tendance"], kind: .flag, placeholder: "", exclusive: true),
        Clause(names: ["why", "pourquoi"], kind: .flag, placeholder: ""),
        Clause(names: ["format"], kind: .choice(formats), placeholder: "F", unknown: .unknownFormat),
        Clause(names: ["to", "vers"], kind: .file, placeholder: "FICHIER"),
    ]

    /// `show R10,R11 of mls in 84 year 2016 breakdown women sort R10 asc top 5 with region,nation change`
    static let show = Command(
        names: ["show", "voir", "afficher"],
        summary: .init(fr: "interroge le tableau de bord : lignes, territoires, années, déclinaisons, tri, filtres, graphiques",
                       en: "queries the dashboard: lines, territories, years, breakdowns, sorting, filters, charts"),
        examples: ["show R10 of mls in 84 year 2016 sort R10 asc",
                   "show ratios of ML069-LYON with region,nation change",
                   "show R10 of mls where R10 < median",
                   "show 8.1.f,R10 of nation breakdown women,qpv",
                   "show R10 of mls in 84 chart",
                   "show R5 of regions years all spark",
                   "show R10 of mls in 84 to r10.svg"],
        clauses: showClauses
    ) { session, values throws(ShellError) in
        let lang = session.language
        let dashboard = try session.dashboard()
        let query = try QueryParser(dashboard: dashboard, lang: lang).query(values)
        let programmes = query.breakdowns.contains(where: \.isProgramme) ? try session.programmeTables() : nil
        let table = QueryTable(query, dashboard, programmes: programmes)
        // Ctrl-C during a large answer: nothing printed, no file written.
        try session.checkInterruption()
        guard let (path, token) = query.file else {
            if (query.format ?? session.outputFormat) == .xlsx {
                throw ShellError(Messages.text(.workbookNeedsFile, lang), at: values.keywords["format"])
            }
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
                var title = String(values.line.prefix(token.offset)).trimmed
                for word in [" to", " vers"] where title.hasSuffix(word) { title.removeLast(word.count) }
                try session.write(QueryRender.workbook(table, query, lang, source: session.workbookSource, title: title),
                                  to: path, token: token)
                return ShellResult(output: Messages.written(path, rows: table.rows.count, lang))
            }
            text = QueryRender.text(table, query, format, lang)
        }
        try session.checkInterruption()
        try session.write(text, to: path, token: token)
        return ShellResult(output: Messages.written(path, rows: table.rows.count, lang))
    }

    static let format = Command(
        names: ["format"],
        summary: .init(fr: "choisit la forme des résultats : table, csv, csv-fr (pour un tableur français), json, markdown ou xlsx (classeur, avec to FICHIER.xlsx)",
                       en: "chooses how results print: table, csv, csv-fr (for a French spreadsheet), json, markdown or xlsx (a workbook, with to FILE.xlsx)"),
        examples: ["format csv", "format csv-fr", "format markdown"],
        clauses: [Clause(names: [], kind: .choice(formats), placeholder: formats.joined(separator: "|"), required: true,
                         unknown: .unknownFormat)]
    ) { session, values throws(ShellError) in
        let f = OutputFormat(rawValue: values.text(formats.joined(separator: "|"))!)!
        session.outputFormat = f
        return ShellResult(output: "format" + Messages.colon(session.language) + f.rawValue + "\n")
    }

    /// `let lignes = R5,R10,R11` then `show $lignes of nation`.
    static let letCommand = Command(
        names: ["let", "soit"],
        summary: .init(fr: "nomme un morceau de requête (lignes, territoires, seuil…) ; $nom le reprend ensuite ; let seul les liste",
                       en: "names a piece of query (lines, territories, threshold…); $name reuses it; let alone lists them"),
        examples: ["let ratios = R5,R10,R11", "let lyon = \"Mission locale de Lyon\"", "show $ratios of $lyon"],
        clauses: [Clause(names: [], kind: .identifier, placeholder: "NOM"),
                  Clause(names: ["="], kind: .rest, placeholder: "TEXTE")]
    ) { session, values throws(ShellError) in
        guard let n = values.text("NOM") else {
            let list = session.variables.sorted { $0.key < $1.key }.map { "$\($0.key) = \($0.value)\n" }.joined()
            return ShellResult(output: list.isEmpty ? (Messages.text(.noNameDefined, session.language)) : list)
        }
        guard let text = values.text("=") else {
            throw ShellError(Messages.text(.missingArgument, session.language, Messages.usage("= TEXTE", session.language)), offset: values.end)
        }
        session.variables[n] = text
        return ShellResult(output: "$\(n) = \(session.variables[n]!)\n")
    }

    static let timer = Command(
        names: ["timer", "chrono"],
        summary: .init(fr: "affiche (on) ou non (off) la durée de chaque commande", en: "shows (on) or hides (off) how long each command takes"),
        examples: ["timer on"],
        clauses: [Clause(names: [], kind: .choice(["on", "off", "oui", "non"]), placeholder: "on|off", required: true)]
    ) { session, values throws(ShellError) in
        session.timer = ["on", "oui"].contains(values.text("on|off"))
        return ShellResult(output: "timer : \(session.timer ? "on" : "off")\n")
    }

    /// `.read script.pilote`: the lines of a file, as if typed; stops at the first error.
    static let read = Command(
        names: [".read", "read", "source", "lire"],
        summary: .init(fr: "exécute les lignes d'un fichier de script (.pilote)", en: "runs the lines of a script file (.pilote)"),
        examples: [".read Playground/scripts/1-r5-region-worst-first.pilote"],
        clauses: [Clause(names: [], kind: .file, placeholder: "FICHIER", required: true)]
    ) { session, values throws(ShellError) in
        let (path, token) = values.file("FICHIER")!
        return try session.include(path, token: token)
    }
}
