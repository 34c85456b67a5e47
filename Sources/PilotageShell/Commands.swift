/// A REPL command, declared once: its names, help, clauses and sub-verbs. Parsing, usage,
/// `help COMMAND`, Tab completion and errors (with suggestions) all come from this declaration.
struct Command: Sendable {
    /// The first name is the canonical (English) one; the others are aliases (French).
    var names: [String]
    var summary: LocalizedText
    var examples: [String]
    /// The command answers with a `Report`: `format F` and `to FILE` apply to it.
    var reports = false
    /// The command without a verb: its clauses and its body (nil when a verb is required).
    var main: Subcommand?
    /// Its sub-verbs (`objective propose|set|list`), each with its clauses and body.
    var subcommands: [Subcommand] = []

    /// A command of clauses (none for a command that takes nothing) and a body.
    init(names: [String], summary: LocalizedText, examples: [String], reports: Bool = false, clauses: [Clause] = [],
         run: @escaping @Sendable (Session, ClauseValues) throws(ShellError) -> ShellResult) {
        self.names = names; self.summary = summary; self.examples = examples; self.reports = reports
        main = Subcommand(names: [], clauses: clauses, run: run)
    }

    /// A command of sub-verbs, and `main` when it also runs without one (`synthesis of ML`).
    init(names: [String], summary: LocalizedText, examples: [String], reports: Bool = false,
         subcommands: [Subcommand], main: Subcommand? = nil) {
        self.names = names; self.summary = summary; self.examples = examples; self.reports = reports
        self.subcommands = subcommands; self.main = main
    }

    /// The clauses of the command without a verb.
    var clauses: [Clause] { main?.clauses ?? [] }

    /// Parses the line by the declaration and runs the body of the verb it names.
    func run(_ session: Session, _ args: inout Arguments) throws(ShellError) -> ShellResult {
        try Subcommand.dispatch(subcommands, fallback: main, session, &args)
    }
}

enum Commands {
    static let all: [Command] = [help, explain, catalogue, lang, load, info, validate, quit] + QueryCommands.all + ScenarioCommands.all + FundingCommands.all + [MatrixCommands.matrix, ObjectiveCommands.objective, AvenantCommands.avenant, SynthesisCommands.synthesis, WorkspaceCommands.workspace] + BriefCommands.all + TrainingCommands.all

    static var allNames: [String] { all.flatMap(\.names) }

    static func find(_ name: String) -> Command? { all.first { $0.names.contains(name) } }

    // MARK: help

    static let help = Command(
        names: ["help", "aide", "?"],
        summary: .init(fr: "liste les commandes, ou détaille l'une d'elles", en: "lists the commands, or details one of them"),
        examples: ["help", "help explain"], clauses: [Clause(names: [], kind: .command, placeholder: "COMMANDE")]
    ) { session, values throws(ShellError) in
        let lang = session.language
        if let name = values.text("COMMANDE"), let c = find(name) {
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
        examples: ["explain R5", "explain 4.1.i"],
        clauses: [Clause(names: [], kind: .line, placeholder: "ID", required: true)]
    ) { session, values throws(ShellError) in
        let indicator = values.line("ID")!
        return ShellResult(output: Explanation.text(indicator, session.language))
    }

    // MARK: catalogue

    static let catalogue = Command(
        names: ["catalogue", "list", "liste", "lines"],
        summary: .init(fr: "liste les lignes du catalogue par axe, avec filtres (axe, nature, texte)",
                       en: "lists the catalogue's lines by axis, with filters (axis, kind, text)"),
        examples: ["catalogue", "catalogue kind ratio", "catalogue axis exit", "catalogue diagnostic"],
        reports: true, clauses: catalogueClauses
    ) { session, values throws(ShellError) in
        let lang = session.language, words = values.texts("TEXTE") ?? []
        let axis = values.text("axis").flatMap(Axis.init(rawValue:))
        let kind = values.text("kind").flatMap(IndicatorKind.init(rawValue:))
        let lines = Catalogue.all.filter { i in
            (axis == nil || i.axis == axis) && (kind == nil || i.kind == kind)
                && words.allSatisfy { w in i.id.lowercased().contains(w) || i.label.fr.lowercased().contains(w) || i.label.en.lowercased().contains(w) }
        }
        let fr = lang == .fr
        var t = Report.Table("lines", columns: [("id", "id"), ("axis", Messages.text(.axisArgument, lang)), ("kind", Messages.text(.kind, lang)),
                                                ("direction", Messages.text(.direction, lang)), ("parent", Messages.text(.parent, lang)),
                                                ("programmes", Messages.text(.programmesColumn, lang)),
                                                ("label", Messages.text(.label, lang))], leftColumns: 7)
        var plain: [String] = []
        // Indented under its parent; « ◆ » marks the lines of the programme tables (`breakdown
        // programmes`); one width for the whole listing, so that labels line up across axes.
        func shown(_ i: Indicator) -> String {
            String(repeating: " ", count: Explanation.depth(i) * 2) + i.id + (i.hasProgrammeBreakdown ? " ◆" : "")
        }
        let width = lines.map { shown($0).count + 2 }.max() ?? 0
        for a in Axis.allCases {
            let group = lines.filter { $0.axis == a }
            guard !group.isEmpty else { continue }
            plain.append("\(a.label.text(lang)) [\(a.rawValue)]")
            for i in group {
                plain.append("  " + shown(i).padding(toLength: width, withPad: " ", startingAt: 0) + i.heading(lang))
                t.rows.append([.text(i.id), .text(a.rawValue), .text(i.kind.rawValue), .text(i.direction.rawValue),
                               i.parentID.map { .text($0) } ?? .absent(Messages.text(.noParentLine, lang), shown: ""),
                               .flag(i.hasProgrammeBreakdown, lang), .text(i.heading(lang))])
            }
        }
        t.plainText = plain
        t.footer = [Messages.text(.catalogueCount, lang, String(lines.count))]
        if lines.contains(where: \.hasProgrammeBreakdown) { t.footer.append(Messages.text(.programmeMarker, lang)) }
        var r = Report("catalogue", title: "")
        r.add(t)
        return ShellResult(report: r)
    }

    static let catalogueClauses = [
        Clause(names: ["axis", "axe"], kind: .choice(Axis.allCases.map(\.rawValue)), placeholder: "AXE",
               unknown: .unknownAxis),
        Clause(names: ["kind", "nature"], kind: .choice(IndicatorKind.allCases.map(\.rawValue)), placeholder: "NATURE",
               unknown: .unknownKind),
        Clause(names: [], kind: .words, placeholder: "TEXTE")]

    // MARK: lang

    static let lang = Command(
        names: ["lang", "langue", "language"],
        summary: .init(fr: "change la langue des messages (fr ou en)", en: "switches the language of messages (fr or en)"),
        examples: ["lang en", "lang fr"],
        clauses: [Clause(names: [], kind: .choice(Language.allCases.map(\.rawValue)), placeholder: "fr|en",
                         required: true, unknown: .unknownLanguage)]
    ) { session, values throws(ShellError) in
        let l = Language(rawValue: values.text("fr|en")!)!
        session.language = l
        return ShellResult(output: Messages.text(.languageSet, l) + "\n")
    }

    // MARK: load / info

    static let load = Command(
        names: ["load", "charger"],
        summary: .init(fr: "charge un autre jeu de données (dossier au format Pilotage)", en: "loads another dataset (a folder of the Pilotage format)"),
        examples: ["load Playground/data/demo"],
        clauses: [Clause(names: [], kind: .file, placeholder: "DOSSIER", required: true)]
    ) { session, values throws(ShellError) in
        let d = try session.load(values.file("DOSSIER")!.0)
        return ShellResult(output: Messages.text(.loaded, session.language, d.manifest.name, Explanation.summary(d, session.language)) + "\n")
    }

    static let info = Command(
        names: ["info", "dataset"],
        summary: .init(fr: "décrit le jeu de données courant", en: "describes the current dataset"),
        examples: ["info"]
    ) { session, _ throws(ShellError) in
        let d = try session.dataset()
        var out = "\(d.manifest.name) — \(session.datasetPath ?? "")\n  \(Explanation.summary(d, session.language))\n"
        if let snapshot = d.snapshotFile {
            out += "  " + Messages.text(.snapshotSource, session.language, snapshot) + "\n"
        }
        if !d.manifest.description.isEmpty { out += "  \(d.manifest.description)\n" }
        return ShellResult(output: out)
    }

    static let validate = Command(
        names: ["validate", "valider"],
        summary: .init(fr: "contrôle la cohérence du jeu de données courant (avertissements)", en: "checks the current dataset's consistency (warnings)"),
        examples: ["validate"]
    ) { session, _ throws(ShellError) in
        return ShellResult(output: ValidationReport(try session.dataset()).text(session.language))
    }

    static let quit = Command(
        names: ["quit", "exit", "quitter", "q"],
        summary: .init(fr: "quitte le REPL", en: "leaves the REPL"),
        examples: ["quit"]
    ) { _, _ throws(ShellError) in
        return ShellResult(output: "", quit: true)
    }
}
