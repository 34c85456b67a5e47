/// A REPL command: its names, help and behaviour.
struct Command: Sendable {
    /// The first name is the canonical (English) one; the others are aliases (French).
    var names: [String]
    var summary: LocalizedText
    var usage: String
    var examples: [String]
    /// The command answers with a `Report`: `format F` and `to FILE` apply to it.
    var reports = false
    /// Its clauses, when declared: parsing, usage, completion and errors come from them.
    var clauses: [Clause] = []
    /// Its sub-verbs, when declared (`objective propose|set|list`); `clauses` then are those of
    /// the command without a verb (`synthesis of ML`).
    var subcommands: [Subcommand] = []
    var run: @Sendable (Session, inout Arguments) throws(ShellError) -> ShellResult
}

enum Commands {
    static let all: [Command] = [help, explain, catalogue, lang, load, info, validate, quit] + QueryCommands.all + ScenarioCommands.all + FundingCommands.all + [MatrixCommands.matrix, ObjectiveCommands.objective, AvenantCommands.avenant, SynthesisCommands.synthesis, WorkspaceCommands.workspace] + BriefCommands.all + TrainingCommands.all

    static var allNames: [String] { all.flatMap(\.names) }

    static func find(_ name: String) -> Command? { all.first { $0.names.contains(name) } }

    // MARK: help

    static let help = Command(
        names: ["help", "aide", "?"],
        summary: .init(fr: "liste les commandes, ou détaille l'une d'elles", en: "lists the commands, or details one of them"),
        usage: "help [COMMAND]", examples: ["help", "help explain"]
    ) { session, args throws(ShellError) in
        let lang = session.language
        if let t = args.next() {
            try args.expectEnd()
            guard let c = find(t.text.lowercased()) else {
                throw ShellError(Messages.text(.unknownCommand, lang, t.text), at: t, suggestions: Suggestions.closest(to: t.text, among: allNames))
            }
            let colon = Messages.colon(lang)
            var out = "\(c.names[0]) — \(c.summary.text(lang))\n"
            out += "  " + Messages.text(.usage, lang) + colon + Messages.usage(c.usageLine, lang) + "\n"
            if c.names.count > 1 { out += "  " + Messages.text(.aliases, lang) + colon + c.names.dropFirst().joined(separator: ", ") + "\n" }
            for e in c.examples { out += "  " + Messages.text(.example, lang) + colon + e + "\n" }
            return ShellResult(output: out)
        }
        // The overview names each command; its full usage is in `help COMMAND`.
        var out = Messages.text(.helpTitle, lang) + "\n"
        let width = all.map { $0.names[0].count }.max() ?? 0
        for c in all {
            out += "  " + padded(c.names[0], width + 2) + c.summary.text(lang) + "\n"
            out += "  " + String(repeating: " ", count: width + 2) + Messages.text(.example, lang) + Messages.colon(lang) + c.examples[0] + "\n"
        }
        out += Messages.text(.helpFooter, lang) + "\n"
        return ShellResult(output: out)
    }

    // MARK: explain

    static let explain = Command(
        names: ["explain", "expliquer", "def"],
        summary: .init(fr: "explique une ligne du tableau de bord : libellé, règle, composantes, déclinaisons, notes, source",
                       en: "explains a dashboard line: label, rule, components, breakdowns, notes, source"),
        usage: "explain ID", examples: ["explain R5", "explain 4.1.i"]
    ) { session, args throws(ShellError) in
        let indicator = try args.indicator()
        try args.expectEnd()
        return ShellResult(output: Explanation.text(indicator, session.language))
    }

    // MARK: catalogue

    static let catalogue = Command(
        names: ["catalogue", "list", "liste", "lines"],
        summary: .init(fr: "liste les lignes du catalogue par axe, avec filtres (axe, nature, texte)",
                       en: "lists the catalogue's lines by axis, with filters (axis, kind, text)"),
        usage: "catalogue [axis AXE] [kind NATURE] [TEXTE…]", examples: ["catalogue", "catalogue kind ratio", "catalogue axis exit", "catalogue diagnostic"],
        reports: true
    ) { session, args throws(ShellError) in
        let lang = session.language
        var axis: Axis?, kind: IndicatorKind?, words: [String] = []
        while let t = args.next() {
            switch t.text.lowercased() {
            case "axis", "axe":
                let v = try args.required("axe")
                guard let a = Axis.allCases.first(where: { $0.rawValue.lowercased() == v.text.lowercased() }) else {
                    throw ShellError(Messages.text(.unknownAxis, lang, v.text), at: v, suggestions: Suggestions.closest(to: v.text, among: Axis.allCases.map(\.rawValue)))
                }
                axis = a
            case "kind", "nature":
                let v = try args.required("nature")
                guard let k = IndicatorKind.allCases.first(where: { $0.rawValue == v.text.lowercased() }) else {
                    throw ShellError(Messages.text(.unknownKind, lang, v.text), at: v, suggestions: Suggestions.closest(to: v.text, among: IndicatorKind.allCases.map(\.rawValue)))
                }
                kind = k
            default: words.append(t.text.lowercased())
            }
        }
        let lines = Catalogue.all.filter { i in
            (axis == nil || i.axis == axis) && (kind == nil || i.kind == kind)
                && words.allSatisfy { w in i.id.lowercased().contains(w) || i.label.fr.lowercased().contains(w) || i.label.en.lowercased().contains(w) }
        }
        let fr = lang == .fr
        var t = Report.Table("lines", columns: [("id", "id"), ("axis", Messages.text(.axisArgument, lang)), ("kind", Messages.text(.kind, lang)),
                                                ("direction", Messages.text(.direction, lang)), ("parent", Messages.text(.parent, lang)),
                                                ("label", Messages.text(.label, lang))], leftColumns: 6)
        var plain: [String] = []
        for a in Axis.allCases {
            let group = lines.filter { $0.axis == a }
            guard !group.isEmpty else { continue }
            plain.append("\(a.label.text(lang)) [\(a.rawValue)]")
            let width = group.map(\.id.count).max()!
            for i in group {
                let depth = Explanation.depth(i)
                let id = String(repeating: " ", count: depth * 2) + i.id
                plain.append("  " + id.padding(toLength: width + 8, withPad: " ", startingAt: 0) + i.heading(lang))
                t.rows.append([.text(i.id), .text(a.rawValue), .text(i.kind.rawValue), .text(i.direction.rawValue),
                               i.parentID.map { .text($0) } ?? .absent(Messages.text(.noParentLine, lang), shown: ""), .text(i.heading(lang))])
            }
        }
        t.plainText = plain
        t.footer = [Messages.text(.catalogueCount, lang, String(lines.count))]
        var r = Report("catalogue", title: "")
        r.add(t)
        return ShellResult(report: r)
    }

    // MARK: lang

    static let lang = Command(
        names: ["lang", "langue", "language"],
        summary: .init(fr: "change la langue des messages (fr ou en)", en: "switches the language of messages (fr or en)"),
        usage: "lang fr|en", examples: ["lang en", "lang fr"]
    ) { session, args throws(ShellError) in
        let l = try args.choice(Language.self, unknown: .unknownLanguage)
        try args.expectEnd()
        session.language = l
        return ShellResult(output: Messages.text(.languageSet, l) + "\n")
    }

    // MARK: load / info

    static let load = Command(
        names: ["load", "charger"],
        summary: .init(fr: "charge un autre jeu de données (dossier au format Pilotage)", en: "loads another dataset (a folder of the Pilotage format)"),
        usage: "load DOSSIER", examples: ["load Playground/data/demo"]
    ) { session, args throws(ShellError) in
        let t = try args.required(Messages.text(.folder, session.language))
        try args.expectEnd()
        let d = try session.load(t.text)
        return ShellResult(output: Messages.text(.loaded, session.language, d.manifest.name, Explanation.summary(d, session.language)) + "\n")
    }

    static let info = Command(
        names: ["info", "dataset"],
        summary: .init(fr: "décrit le jeu de données courant", en: "describes the current dataset"),
        usage: "info", examples: ["info"]
    ) { session, args throws(ShellError) in
        try args.expectEnd()
        let d = try session.dataset()
        var out = "\(d.manifest.name) — \(session.datasetPath ?? "")\n  \(Explanation.summary(d, session.language))\n"
        if !d.manifest.description.isEmpty { out += "  \(d.manifest.description)\n" }
        return ShellResult(output: out)
    }

    static let validate = Command(
        names: ["validate", "valider"],
        summary: .init(fr: "contrôle la cohérence du jeu de données courant (avertissements)", en: "checks the current dataset's consistency (warnings)"),
        usage: "validate", examples: ["validate"]
    ) { session, args throws(ShellError) in
        try args.expectEnd()
        return ShellResult(output: ValidationReport(try session.dataset()).text(session.language))
    }

    static let quit = Command(
        names: ["quit", "exit", "quitter", "q"],
        summary: .init(fr: "quitte le REPL", en: "leaves the REPL"),
        usage: "quit", examples: ["quit"]
    ) { session, args throws(ShellError) in
        try args.expectEnd()
        return ShellResult(output: "", quit: true)
    }
}
