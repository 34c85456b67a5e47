import Foundation

/// The yearly amendment (avenant) of a convention, after the model of Fiche n°4, as Markdown
/// or HTML. What the dataset cannot know (Chorus commitments, bank details, signatories…)
/// comes from ``Avenant/Details``; a detail left empty prints as a visible "[à compléter : …]",
/// never as a made-up value.
///
/// ```swift
/// let a = try Avenant(convention: cpo, mission: dataset.mission(id: cpo.mlID)!, year: 2017, dashboard: dashboard)
/// let text = a.markdown()
/// ```
public struct Avenant: Sendable {
    /// What the dataset does not hold.
    public struct Details: Hashable, Sendable, Codable {
        /// Chorus legal commitment of activity 010200001706 (missions locales).
        public var chorusMissionsLocales: String?
        /// Chorus legal commitment of activity 010200001702 (parrainage).
        public var chorusParrainage: String?
        /// Chorus legal commitment of activity 010200001705 (FIPJ).
        public var chorusFIPJ: String?
        /// FIPJ split between direct aid to young people and indirect aid (actions).
        public var fipjDirect: Double?
        /// FIPJ indirect aid (actions), in euros.
        public var fipjIndirect: Double?
        /// When the convention was signed, as written in the act.
        public var conventionSignedOn: String?
        /// When the avenant takes effect, as written in the act.
        public var effectiveFrom: String?
        /// The holder of the account paid.
        public var bankAccountHolder: String?
        /// Name and address of the bank.
        public var bankName: String?
        /// Bank code, branch code, account number and key.
        public var bankCode: String?, branchCode: String?, accountNumber: String?, key: String?
        /// The authorising officer (ordonnateur).
        public var authorisingOfficer: String?
        /// The assigned accountant (comptable assignataire).
        public var assignedAccountant: String?
        /// Where the avenant is signed.
        public var place: String?
        /// The region's name.
        public var regionName: String?
        /// The action plan annexed, one line an action.
        public var actionPlan: [String]
        /// When the convention was notified (« NOTIFIÉE LE »), as written in the act.
        public var notifiedOn: String?
        /// The convention's article on payments (article 3: « Conformément à l'article XX »).
        public var paymentArticle: String?
        /// The convention's article on the administration's control of the advance (« article XXX »).
        public var controlArticle: String?
        /// The convention's article whose conditions the balance depends on (« article XX »).
        public var conditionsArticle: String?
        /// The signatory of the Mission locale: name and title.
        public var signatoryName: String?, signatoryTitle: String?
        /// The other funders' planned amounts for the year, by funder code (`region`), for the
        /// budget annuel prévisionnel; a funder not given is carried over from the last known year.
        public var plannedFunding: [String: Double]?
        /// Creates a value from its fields.
        public init() { actionPlan = [] }
    }

    /// The convention.
    public var convention: Convention
    /// The Mission locale.
    public var mission: MissionLocale
    /// The year.
    public var year: Int
    /// The State subsidy of the year.
    public var subsidy: StateSubsidy
    /// The number of the avenant.
    public var amendmentNumber: Int
    /// The objectives.
    public var objectives: [Objective]
    /// The other funders' part of the budget annuel prévisionnel: the amount planned
    /// (``Details/plannedFunding``) or, when none is given, the last known year's (`carriedFrom`).
    public var otherFunders: [(funder: Funder, amount: Double, carriedFrom: Int?)]
    /// The tableau d'indicateurs prévisionnel: the 13 ratios, each with its last known value
    /// and the year's target where one is set.
    public var indicators: [(id: String, year: Int, value: Double?, target: Objective?)]
    /// Where the notified subsidy stands against the convention's ±10 % rule.
    public var rule: Convention.FundingCheck
    /// What the dataset does not hold.
    public var details: Details

    /// Why it cannot be made.
    public enum Failure: Error, Hashable, Sendable {
        /// The convention has no subsidy for the year.
        case noSubsidy(year: Int)
        /// The year's subsidy is outside the ±10 % rule (`.above` or `.below`); pass
        /// `allowingOutsideRule` to print it with a warning instead.
        case outsideRule(Convention.FundingCheck)
    }

    /// The avenant of a convention for a year: the notified subsidy is the convention's for
    /// that year (the one the analyst kept with `funding … set`).
    ///
    /// - Parameters:
    ///   - convention: the convention amended.
    ///   - mission: the Mission locale (its name, address, legal form).
    ///   - year: the year of the avenant.
    ///   - dataset: the dataset (the other funders' last known funding).
    ///   - dashboard: the dashboard (the ratios' last known values).
    ///   - details: what the dataset does not hold.
    ///   - allowingOutsideRule: print a subsidy outside the ±10 % rule with a visible warning
    ///     instead of refusing it (**false**).
    /// - Throws: ``Failure/noSubsidy(year:)``, ``Failure/outsideRule(_:)``.
    public init(convention: Convention, mission: MissionLocale, year: Int, dataset: Dataset, dashboard: Dashboard, details: Details = Details(),
                allowingOutsideRule: Bool = false) throws(Failure) {
        guard let subsidy = convention.subsidies[year] else { throw .noSubsidy(year: year) }
        rule = convention.check(subsidy, for: year)
        switch rule {
        case .above, .below: if !allowingOutsideRule { throw .outsideRule(rule) }
        case .within, .notApplicable: break
        }
        self.convention = convention; self.mission = mission; self.year = year; self.subsidy = subsidy; self.details = details
        if self.details.regionName == nil { self.details.regionName = dataset.regions.first { $0.code == mission.regionCode }?.name }
        amendmentNumber = convention.amendments.first { $0.year == year }?.number ?? (year - convention.period.lowerBound)
        objectives = convention.objectives.filter { $0.year == year }.sorted { (Catalogue.indicator($0.indicatorID)?.order ?? 0) < (Catalogue.indicator($1.indicatorID)?.order ?? 0) }
        var byYear: [Int: [Funder: Double]] = [:]
        for r in dataset.funding ?? [] where r.mlID == mission.id && r.year < year && r.funder != .etat {
            byYear[r.year, default: [:]][r.funder, default: 0] += r.amount
        }
        let last = byYear.keys.max()
        otherFunders = Funder.allCases.filter { $0 != .etat }.compactMap { f in
            if let planned = details.plannedFunding?[f.rawValue] { return (f, planned, nil) }
            return last.flatMap { y in byYear[y]?[f].map { (f, $0, y) } }
        }
        let readYear = dashboard.years.filter { $0 < year }.max() ?? dashboard.years.last ?? year
        let objectives = self.objectives
        indicators = Catalogue.all.filter { $0.ratioNumber != nil }.sorted { $0.ratioNumber! < $1.ratioNumber! }.map { line in
            (line.id, readYear, dashboard.number(line.id, for: .ml(mission.id), year: readYear), objectives.first { $0.indicatorID == line.id })
        }
    }

    func figures(_ v: Money) -> String { FrenchNumber.figures(cents: v.cents) }
    func figures(_ v: Double) -> String { FrenchNumber.figures(cents: Int64((v * 100).rounded())) }
    func words(_ v: Money) -> String { FrenchNumber.euros(cents: v.cents) }
    func missing(_ what: String) -> String { "[à compléter : \(what)]" }
    func or(_ value: String?, _ what: String) -> String { value.flatMap { $0.isEmpty ? nil : $0 } ?? missing(what) }

    /// The State's annual total under this avenant (socle, parrainage, FIPJ).
    public var total: Money { subsidy.total }
    /// "Une avance … dans la limite de 50 %": half the annual subsidy, to the cent below.
    public var advance: Money { Money(cents: subsidy.socle.cents / 2) }
    /// The balance paid after the review of the accounts.
    public var balance: Money { subsidy.socle - advance }

    /// The Mission locale's legal form as the act names it (the model's « L'association ou le
    /// GIP à préciser », resolved).
    var party: String { mission.legalForm == .association ? "L'association" : "Le GIP" }

    /// The warning printed when the notified subsidy is outside the ±10 % rule.
    var ruleWarning: String? {
        let period = "\(convention.period.lowerBound)-\(convention.period.upperBound)"
        switch rule {
        case .above(let limit, let excess):
            return "**AVERTISSEMENT : le montant notifié dépasse de \(figures(excess)) le plafond de \(figures(limit)) que permet la variation de 10 % sur la durée de la convention \(period).**"
        case .below(let limit, let shortfall):
            return "**AVERTISSEMENT : le montant notifié est inférieur de \(figures(shortfall)) au plancher de \(figures(limit)) que permet la variation de 10 % sur la durée de la convention \(period).**"
        case .within, .notApplicable: return nil
        }
    }

    /// The avenant as Markdown, block by block in the order and wording of Fiche n°4; a page
    /// break (`---`) before the annexes.
    public func markdown() -> String {
        let d = details
        let period = "\(convention.period.lowerBound)-\(convention.period.upperBound)"
        var s = "Ministère du travail, de l'emploi, de la formation professionnelle et du dialogue social  \n"
        s += "Direction régionale des Entreprises, de la Concurrence, de la Consommation du travail, de l'emploi\n\n"
        s += "**Imputation budgétaire :**\n\n"
        s += "- Mission Travail et emploi\n- programme 102 : Accès et retour à l'emploi ;\n"
        s += "- action 02 : Amélioration des dispositifs en faveur de l'emploi des personnes les plus éloignées du marché du travail\n"
        s += "- sous-action 02 : Accompagnement des publics les plus en difficulté\n\n"
        s += "Domaine fonctionnel : 0102-02-02\n\n"
        s += "Activité :\n\n"
        s += "- 010200001706 : missions locales – engagement juridique Chorus n° \(or(d.chorusMissionsLocales, "engagement Chorus"))\n"
        s += "- 010200001702 : action de parrainage – engagement juridique Chorus n° \(or(d.chorusParrainage, "engagement Chorus"))\n"
        s += "- 010200001705 : action de FIPJ – engagement juridique Chorus n° \(or(d.chorusFIPJ, "engagement Chorus"))\n\n"
        s += "Montant annuel total \(year) : \(figures(total))  \nRéparti comme suit :\n\n"
        s += "- \(figures(subsidy.socle)) missions locales\n- \(figures(subsidy.parrainage)) actions de parrainage\n- \(figures(subsidy.fipj)) actions FIPJ\n\n"
        if let w = ruleWarning { s += w + "\n\n" }
        s += "## AVENANT N° \(amendmentNumber) À LA CONVENTION PLURIANNUELLE D'OBJECTIFS N° \(convention.number)  \n"
        s += "NOTIFIÉE LE \(or(d.notifiedOn, "date de notification"))\n\n"
        s += "Entre\n\n"
        s += "Le Préfet de la Région\(d.regionName.map { " \($0)" } ?? ""), représenté par le DIRECCTE, et désigné sous le terme « l'Etat », d'une part,\n\n"
        s += "Et\n\n"
        s += "La \(mission.name)  \ndont le siège social est situé à : \(or(mission.address, "adresse"))  \n"
        s += "E-mail : \(or(mission.email, "e-mail"))  \nTéléphone - Fax : \(or(mission.phone, "téléphone"))\n\n"
        s += "\(mission.legalForm == .association ? "Association loi 1901" : "Groupement d'intérêt public (GIP)") \(mission.name), et désignée sous le terme « l'association », d'autre part  \n"
        s += "N° SIRET : \(or(mission.siret, "SIRET"))  \nCODE APE : \(or(mission.ape, "code APE"))\n\n"
        s += "Vu la convention pluriannuelle d'objectifs n° \(convention.number) signée entre l'Etat et la Mission locale en date du \(or(d.conventionSignedOn, "date de signature de la convention"))\n\n"
        s += "### ARTICLE 1 - OBJET\n\nLe présent avenant a pour objet :\n\n"
        s += "1.1 : de modifier l'article 2 de la Convention Pluriannuelle d'Objectifs de la manière suivante :\n\n"
        s += "Article 2 : « Durée de la convention »\n\n"
        s += "La convention a une durée de quatre ans avec reconduction tacite chaque année, sous réserve de la présentation par la structure, un mois après la tenue de l'assemblée générale et, au plus tard, à l'expiration d'un délai de six mois suivant la clôture de l'exercice comptable, des documents mentionnés aux articles 5 et 6.\n\n"
        s += "1.2 : de fixer le montant de la subvention annuelle de l'Etat allouée à l'Association ainsi que le montant de la subvention annuelle de l'Etat versée au titre des actions de parrainage et celles du FIPJ précisant le détail des aides directes et indirectes : "
        s += "parrainage \(figures(subsidy.parrainage)) ; FIPJ \(figures(subsidy.fipj)), dont aides directes \(d.fipjDirect.map(figures) ?? missing("aides directes")) et aides indirectes \(d.fipjIndirect.map(figures) ?? missing("aides indirectes")).\n\n"
        s += "Le plan d'actions, les objectifs de l'année \(year), le budget annuel prévisionnel des actions de la Mission locale attachées à la CPO, ainsi que le tableau d'indicateurs prévisionnel de la CPO sont annexés au présent document.\n\n"
        s += "### ARTICLE 2 - MONTANT DE LA SUBVENTION ANNUELLE\n\n"
        s += "La subvention annuelle \(year) accordée à l'Association est fixée à : \(figures(subsidy.socle)) (\(words(subsidy.socle))).\n\n"
        s += "Des subventions annuelles complémentaires pour des montants de \(figures(subsidy.parrainage)) et \(figures(subsidy.fipj)) sont fixées à : \(figures(subsidy.parrainage)) (\(words(subsidy.parrainage))) au titre des actions de parrainage et \(figures(subsidy.fipj)) (\(words(subsidy.fipj))) au titre du FIPJ, sur la base des plans d'actions annexés au présent document.\n\n"
        s += "### ARTICLE 3 – MODALITES DE VERSEMENT DE LA SUBVENTION ANNUELLE (CPO)\n\n"
        s += "Conformément à l'article \(or(d.paymentArticle, "article XX")) de la convention pluriannuelle d'objectifs, pour l'année \(year), l'Etat verse la subvention annuelle de \(figures(subsidy.socle)) notifiée par le présent avenant, selon les modalités suivantes :\n\n"
        s += "- Une avance, sans préjudice du contrôle de l'administration conformément à l'article \(or(d.controlArticle, "article XXX")) de la Convention pluriannuelle d'objectifs \(period), dans la limite de 50 % de la contribution financière attribuée pour l'année après signature du présent avenant par la Mission locale suscitée soit un montant de \(figures(advance)) (\(words(advance))).\n\n"
        s += "Le solde annuel sera versé sous réserve du respect des conditions susmentionnées à l'article \(or(d.conditionsArticle, "article XX")) de la convention pluriannuelle d'objectifs \(period) et après examen des bilans financiers, comptables et du contrôle de service fait réalisé par les services de la Direction Régionale des Finances publiques et de la DIRECCTE soit un montant de \(figures(balance)) (\(words(balance))).\n\n"
        s += "Les versements seront effectués au compte de : \(or(d.bankAccountHolder, "titulaire du compte"))\n\n"
        s += "RIB :\n\n"
        s += "| Nom et adresse de la Banque | Code Banque | Code Guichet | Numéro de Compte | Clé |\n|---|---|---|---|---|\n"
        s += "| \(or(d.bankName, "banque")) | \(or(d.bankCode, "code banque")) | \(or(d.branchCode, "code guichet")) | \(or(d.accountNumber, "numéro de compte")) | \(or(d.key, "clé")) |\n\n"
        s += "L'ordonnateur de la dépense est : le Préfet de Région (\(or(d.authorisingOfficer, "ordonnateur")))\n\n"
        s += "Le comptable assignataire est : \(or(d.assignedAccountant, "comptable assignataire"))\n\n"
        s += "### ARTICLE 4 - SANCTIONS\n\n"
        s += "En cas d'inexécution ou de modification substantielle et en cas de retard significatif des conditions d'exécution sans l'accord écrit de l'Etat, ce dernier peut respectivement exiger le reversement de tout ou partie des sommes déjà versées au titre du présent avenant, diminuer ou suspendre le montant de la contribution financière, après examen des justificatifs présentés par l'association et avoir préalablement entendu ses représentants. L'Etat en informe l'Association par lettre recommandée avec accusé de réception.\n\n"
        s += "### ARTICLE 5 - DISPOSITIONS GENERALES\n\nToutes les clauses de la convention pluriannuelle d'objectifs demeurent applicables.\n\n"
        s += "### ARTICLE 6 - DATES DE VALIDITE\n\n"
        s += "Le présent avenant prend effet au \(or(d.effectiveFrom, "date d'effet")) et se termine au 31 décembre \(year).\n\n"
        s += "| Cadre réservé à l'administration | Fait à \(or(d.place, "lieu")), le \(missing("date")) |\n|---|---|\n| | |\n\n"
        s += "| \(party) : \(mission.name) | Le Préfet de Région |\n|---|---|\n"
        s += "| Nom et prénom du signataire : \(or(d.signatoryName, "nom et prénom")) | |\n"
        s += "| Qualité du signataire : \(or(d.signatoryTitle, "qualité")) | |\n"
        s += "| Tampon de l'organisme | |\n\n"
        s += "Visa du Contrôleur Budgétaire Régional\n\n"
        s += "---\n\n## Annexes\n\n### Plan d'actions\n\n"
        s += d.actionPlan.isEmpty ? "\(missing("plan d'actions du dialogue de gestion"))\n\n" : d.actionPlan.map { "- \($0)\n" }.joined() + "\n"
        s += "### Objectifs de l'année \(year)\n\n"
        if objectives.isEmpty { s += "\(missing("objectifs de l'année"))\n\n" } else {
            s += "| Ratio | Sens | Cible |\n|---|---|---|\n"
            for o in objectives {
                let line = Catalogue.indicator(o.indicatorID)!
                s += "| \(line.title) | \(o.direction == .increase ? "hausse" : "baisse") | \(Self.number(o.target, line)) |\n"
            }
            s += "\n"
        }
        s += "### Budget annuel prévisionnel\n\n"
        s += "| Financeur | Montant |\n|---|---:|\n"
        s += "| Etat – subvention annuelle (missions locales) | \(figures(subsidy.socle)) |\n"
        s += "| Etat – actions de parrainage | \(figures(subsidy.parrainage)) |\n"
        s += "| Etat – FIPJ, aides directes | \(d.fipjDirect.map(figures) ?? missing("aides directes")) |\n"
        s += "| Etat – FIPJ, aides indirectes | \(d.fipjIndirect.map(figures) ?? missing("aides indirectes")) |\n"
        for f in otherFunders {
            s += "| \(f.funder.name)\(f.carriedFrom.map { " (montant \($0) reconduit, à confirmer)" } ?? "") | \(figures(f.amount)) |\n"
        }
        let fipj = (d.fipjDirect != nil || d.fipjIndirect != nil) ? (d.fipjDirect ?? 0) + (d.fipjIndirect ?? 0) : subsidy.fipj.euros
        let budgetTotal = subsidy.socle.euros + subsidy.parrainage.euros + fipj + otherFunders.reduce(0) { $0 + $1.amount }
        s += "| **Total** | **\(figures(budgetTotal))** |\n\n"
        s += "### Tableau d'indicateurs prévisionnel\n\n"
        s += "| Ratio | Dernière valeur connue | Cible \(year) |\n|---|---:|---:|\n"
        for i in indicators {
            let line = Catalogue.indicator(i.id)!
            let note = line.isUnavailableIn2016 ? " (\(Indicator.unavailableIn2016Note))" : ""
            s += "| \(line.title)\(note) | \(i.value.map { Self.number($0, line) + " (\(i.year))" } ?? "n.d.") | \(i.target.map { Self.number($0.target, line) } ?? "–") |\n"
        }
        return s
    }

    /// The avenant as a standalone HTML page (the Markdown above, rendered).
    public func html() -> String {
        var body = "", inList = false, inTable = false, tableHeaderDone = false
        func inline(_ t: String) -> String {
            var s = SVGChart.escape(t.hasSuffix("  ") ? String(t.dropLast(2)) : t).replacingOccurrences(of: "\u{2028}", with: "<br>")
            while let open = s.range(of: "**"), let close = s.range(of: "**", range: open.upperBound..<s.endIndex) {
                s = s.replacingCharacters(in: open.lowerBound..<close.upperBound, with: "<strong>" + s[open.upperBound..<close.lowerBound] + "</strong>")
            }
            return s + (t.hasSuffix("  ") ? "<br>" : "")
        }
        func close() {
            if inList { body += "</ul>\n"; inList = false }
            if inTable { body += "</table>\n"; inTable = false; tableHeaderDone = false }
        }
        // A heading ending with two spaces goes on with the next line (the title's « NOTIFIÉE LE »).
        var lines: [String] = []
        for line in markdown().components(separatedBy: "\n") {
            if let last = lines.last, last.hasPrefix("#"), last.hasSuffix("  "), !line.isEmpty {
                lines[lines.count - 1] = String(last.dropLast(2)) + "\u{2028}" + line
            } else {
                lines.append(line)
            }
        }
        for line in lines {
            if line.hasPrefix("- ") {
                if !inList { close(); body += "<ul>\n"; inList = true }
                body += "<li>\(inline(String(line.dropFirst(2))))</li>\n"
            } else if line.hasPrefix("|") {
                if !inTable { close(); body += "<table>\n"; inTable = true }
                let cells = line.split(separator: "|", omittingEmptySubsequences: false).dropFirst().dropLast().map { $0.trimmingCharacters(in: .whitespaces) }
                if cells.allSatisfy({ $0.allSatisfy { "-:".contains($0) } && !$0.isEmpty }) { tableHeaderDone = true; continue }
                let tag = tableHeaderDone ? "td" : "th"
                body += "<tr>" + cells.map { "<\(tag)>\(inline($0))</\(tag)>" }.joined() + "</tr>\n"
            } else {
                close()
                if line.hasPrefix("### ") { body += "<h3>\(inline(String(line.dropFirst(4))))</h3>\n" }
                else if line.hasPrefix("## ") { body += "<h2>\(inline(String(line.dropFirst(3))))</h2>\n" }
                else if line == "---" { body += "<hr>\n" }
                else if !line.isEmpty { body += "<p>\(inline(line))</p>\n" }
            }
        }
        close()
        return """
        <!DOCTYPE html>
        <html lang="fr">
        <head>
        <meta charset="utf-8">
        <title>Avenant n° \(amendmentNumber) — \(SVGChart.escape(convention.number)) — \(SVGChart.escape(mission.name)) — \(year)</title>
        <style>
        body { font-family: Georgia, "Times New Roman", serif; max-width: 48rem; margin: 2rem auto; line-height: 1.45; color: #212529; }
        h2 { text-align: center; font-size: 1.25rem; margin-top: 2rem; }
        h3 { font-size: 1.05rem; margin-top: 1.5rem; }
        table { border-collapse: collapse; width: 100%; margin: 0.75rem 0; }
        th, td { border: 1px solid #adb5bd; padding: 0.3rem 0.5rem; text-align: left; vertical-align: top; }
        @media print { body { margin: 0; } }
        </style>
        </head>
        <body>
        \(body)</body>
        </html>

        """
    }

    static func number(_ v: Double, _ line: Indicator) -> String {
        let percent = line.isPercentage
        let shown = percent ? v * 100 : v
        var text = NumberText.decimal((shown * 10).rounded() / 10).replacingOccurrences(of: ".", with: ",")
        if percent { text += "\u{202F}%" } else if line.isEuroAmount { text += "\u{202F}€" }
        return text
    }
}
