import Foundation

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
        examples: ["avenant of ML069-LYON for 2017", "avenant set ML069-LYON chorus_ml \"2103456789\"", "avenant of ML069-LYON for 2017 to avenant.html"],
        subcommands: [set], main: view)

    static let view = Subcommand(names: ["of"], clauses: [
        .ml(), Clause(names: ["for", "en"], kind: .calendarYear, placeholder: "ANNÉE", required: true),
        Clause(names: ["to", "vers"], kind: .file, placeholder: "FICHIER.md|.html")], run: write)
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
        let a: Avenant
        do throws(Avenant.Failure) { a = try Avenant(convention: c, mission: mission, year: year, dataset: data, dashboard: d, details: session.avenantDetails[ml] ?? .init()) }
        catch { throw ShellError(Messages.text(.noSubsidyInConventionFunding, session.language, "\(year)", "\(c.number)")) }
        guard let (path, token) = v.file("to") else { return ShellResult(output: a.markdown()) }
        let html = path.lowercased().hasSuffix(".html") || path.lowercased().hasSuffix(".htm")
        try session.write(html ? a.html() : a.markdown(), to: path, token: token)
        return ShellResult(output: Messages.text(.written, session.language, "\(path)"))
    }
}
