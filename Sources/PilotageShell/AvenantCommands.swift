import Foundation

/// `avenant of ML for YEAR [to FILE.md|.html]`, `avenant set ML KEY "value"`.
enum AvenantCommands {
    static var keys: [(String, WritableKeyPath<Avenant.Details, String?>)] { [
        ("chorus_ml", \.chorusMissionsLocales), ("chorus_parrainage", \.chorusParrainage), ("chorus_fipj", \.chorusFIPJ),
        ("convention_signed_on", \.conventionSignedOn), ("effective_from", \.effectiveFrom), ("account_holder", \.bankAccountHolder),
        ("bank", \.bankName), ("bank_code", \.bankCode), ("branch_code", \.branchCode), ("account", \.accountNumber), ("key", \.key),
        ("ordonnateur", \.authorisingOfficer), ("comptable", \.assignedAccountant), ("place", \.place), ("region", \.regionName),
        ("notified_on", \.notifiedOn), ("article_versement", \.paymentArticle), ("article_controle", \.controlArticle),
        ("article_solde", \.conditionsArticle), ("signataire", \.signatoryName), ("qualite", \.signatoryTitle),
    ] }
    /// The other funders' planned amounts of the budget annuel prévisionnel (`budget_region`).
    static let budgetKeys = Funder.allCases.filter { $0 != .etat }.map { "budget_" + $0.rawValue }
    static var keyNames: [String] { keys.map(\.0) + ["fipj_direct", "fipj_indirect", "action"] + budgetKeys }

    static let avenant = Command(
        names: ["avenant", "amendment"],
        summary: .init(fr: "l'avenant annuel de la convention (Fiche n°4), en Markdown, HTML ou OpenDocument (.odt), montants en chiffres et en lettres",
                       en: "the yearly amendment of the convention (Fiche n°4), as Markdown, HTML or OpenDocument (.odt), amounts in figures and words"),
        examples: ["avenant of ML069-LYON for 2017", "avenant set ML069-LYON chorus_ml \"2103456789\"", "avenant of ML069-LYON for 2017 to avenant.odt"],
        subcommands: [set], main: view)

    static let view = Subcommand(names: ["of"], clauses: [
        .ml(), Clause(names: ["for", "en"], kind: .calendarYear, placeholder: "ANNÉE", required: true),
        Clause(names: ["to", "vers"], kind: .file, placeholder: "FICHIER.md|.html|.odt"),
        Clause(names: ["force", "forcer"], kind: .flag, placeholder: "")], run: write)
    static let set = Subcommand(names: ["set", "fixer"], clauses: [
        Clause(names: [], kind: .ml, placeholder: "ML", required: true), Clause(names: [], kind: .choice(keyNames), placeholder: "CLÉ", required: true,
                                                      unknown: .unknownAvenantKey),
        Clause(names: [], kind: .text, placeholder: "\"valeur\"", required: true)], run: note)

    /// `avenant set ML KEY "value"`: what the avenant needs and the dataset does not hold.
    @Sendable static func note(_ session: Session, _ c: ClauseValues) throws(ShellError) -> ShellResult {
        let ml = c.ml("ML")!, key = c.text("CLÉ")!, value = c.text("\"valeur\"")!
        var details = session.avenantDetails[ml] ?? Avenant.Details()
        switch key {
        case "fipj_direct", "fipj_indirect":
            guard let n = try? TypedNumber.parse(value, language: session.language), n.unit != .percent, n.value >= 0 else {
                throw ShellError(Messages.text(.amountExpectedEG, session.language), at: c.tokens["\"valeur\""])
            }
            let x = n.value
            if key == "fipj_direct" { details.fipjDirect = x } else { details.fipjIndirect = x }
        case "action": details.actionPlan.append(value)
        case let k where budgetKeys.contains(k):
            guard let n = try? TypedNumber.parse(value, language: session.language), n.unit != .percent, n.value >= 0 else {
                throw ShellError(Messages.text(.amountExpectedEG, session.language), at: c.tokens["\"valeur\""])
            }
            details.plannedFunding = (details.plannedFunding ?? [:]).merging([String(k.dropFirst("budget_".count)): n.value]) { $1 }
        default: details[keyPath: keys.first { $0.0 == key }!.1] = value
        }
        session.avenantDetails[ml] = details
        return ShellResult(output: Messages.text(.notedFor, session.language, "\(key)", "\(ml)"))
    }

    /// `avenant of ML for YEAR [to FILE]`: Markdown, or HTML by the file's extension.
    @Sendable static func write(_ session: Session, _ v: ClauseValues) throws(ShellError) -> ShellResult {
        let d = try session.dashboard(), data = try session.dataset()
        let ml = v.ml("of")!, year = v.year("for")!
        guard let c = data.convention(of: ml, year: year), let mission = data.mission(id: ml) else {
            throw ShellError(Messages.text(.noConventionOfCovers, session.language, "\(ml)", "\(year)"))
        }
        let a: Avenant, lang = session.language
        do throws(Avenant.Failure) {
            a = try Avenant(convention: c, mission: mission, year: year, dataset: data, dashboard: d, details: session.avenantDetails[ml] ?? .init(),
                            allowingOutsideRule: v.has("force"))
        } catch {
            switch error {
            case .noSubsidy: throw ShellError(Messages.text(.noSubsidyInConventionFunding, lang, "\(year)", "\(c.number)"))
            case .outsideRule(let check):
                let why = FundingCommands.refusal(check, c, from: c.subsidies[year - 1] ?? c.base ?? c.subsidies[year]!, year: year, lang)
                throw ShellError(Messages.text(.avenantOutsideRule, lang, "\(year)", "\(c.number)", why, ml))
            }
        }
        guard let (path, token) = v.file("to") else { return ShellResult(output: a.markdown()) }
        let lower = path.lowercased(), ext = (lower as NSString).pathExtension
        // The act is a document: Markdown, HTML or OpenDocument, never a table (.xlsx, .csv).
        guard ["", "md", "markdown", "txt", "html", "htm", "odt"].contains(ext) else {
            throw ShellError(Messages.text(.avenantExtension, lang, "." + ext), at: token)
        }
        if lower.hasSuffix(".odt") {
            let title = "Avenant n° \(a.amendmentNumber) — \(c.number) — \(mission.name) — \(year)"
            try session.write(document: a.markdown(), title: title, to: path, token: token)
        } else {
            try session.write(lower.hasSuffix(".html") || lower.hasSuffix(".htm") ? a.html() : a.markdown(), to: path, token: token)
        }
        return ShellResult(output: Messages.text(.written, lang, "\(path)"))
    }
}
