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
        usage: "avenant of ML for ANNÉE [to FICHIER.md|.html] | avenant set ML CLÉ \"valeur\"",
        examples: ["avenant of ML069-LYON for 2017", "avenant set ML069-LYON chorus_ml \"2103456789\"", "avenant of ML069-LYON for 2017 to avenant.html"]
    ) { session, args throws(ShellError) in
        let lang = session.language, fr = lang == .fr, d = try session.dashboard()
        let parser = QueryParser(dashboard: d, lang: lang)
        if args.skip("set") || args.skip("fixer") {
            let ml = Territory.ml(try parser.mission(&args))
            let k = try args.required(fr ? "clé" : "key")
            guard keyNames.contains(k.text) else { throw ShellError(fr ? "clé inconnue « \(k.text) »" : "unknown key \"\(k.text)\"", at: k, suggestions: Suggestions.closest(to: k.text, among: keyNames)) }
            var details = session.avenantDetails[ml.id] ?? Avenant.Details()
            switch k.text {
            case "fipj_direct", "fipj_indirect":
                let x = try args.amount(fr ? "montant" : "amount")
                try args.expectEnd()
                if k.text == "fipj_direct" { details.fipjDirect = x } else { details.fipjIndirect = x }
            default:
                let value = try args.required(fr ? "valeur entre guillemets" : "quoted value")
                try args.expectEnd()
                if k.text == "action" { details.actionPlan.append(value.text) } else {
                    details[keyPath: keys.first { $0.0 == k.text }!.1] = value.text
                }
            }
            session.avenantDetails[ml.id] = details
            return ShellResult(output: fr ? "\(k.text) noté pour \(ml.id)\n" : "\(k.text) noted for \(ml.id)\n")
        }
        var ml: String?, year: Int?, file: (String, Token)?
        while let t = args.next() {
            switch t.text.lowercased() {
            case "of", "pour":
                ml = try parser.mission(&args)
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
