import Foundation
/// A closed set of codes of the dataset format: every code maps to exactly one case.
///
/// Parsing an unknown code is an error (``DatasetDiagnostic``), never a silent default.
public protocol DatasetCode: RawRepresentable, CaseIterable, Hashable, Sendable where RawValue == String {
    /// What the code names, for error messages ("event kind", "contract").
    static var codeDescription: String { get }
}

extension DatasetCode {
    /// Every valid code, in declaration order.
    public static var allCodes: [String] { allCases.map(\.rawValue) }
}

/// Sex of a young person (`youth.csv`, column `sex`).
public enum Sex: String, DatasetCode {
    /// Female (`F`).
    case female = "F"
    /// Male (`M`).
    case male = "M"
    /// What the code names, in error messages.
    public static var codeDescription: String { "sex" }
}

/// Schooling level, 1969 nomenclature (`youth.csv`, column `level`).
public enum SchoolLevel: String, DatasetCode {
    /// Level I: master's degree and above.
    case i = "I"
    /// Level II: bachelor's degree.
    case ii = "II"
    /// Level III: two years of higher education.
    case iii = "III"
    /// Level IV: baccalauréat.
    case iv = "IV"
    /// Level V: CAP or BEP (without the diploma: low qualified).
    case v = "V"
    /// Level V bis: left school at the end of collège or in the first year of a CAP/BEP (low qualified).
    case vBis = "Vbis"
    /// Level VI: left school before the end of collège (low qualified).
    case vi = "VI"
    /// What the code names, in error messages.
    public static var codeDescription: String { "schooling level" }
}

/// Legal form of a Mission locale.
public enum LegalForm: String, DatasetCode {
    /// An association (loi 1901).
    case association
    /// A groupement d'intérêt public.
    case gip
    /// What the code names, in error messages.
    public static var codeDescription: String { "legal form" }
}

/// The kind of an interaction (`events.csv`, column `kind`).
public enum EventKind: String, DatasetCode {
    /// The first reception (one per young person).
    case accueil
    /// An individual interview.
    case entretien
    /// An in-depth diagnostic (CEP level 2).
    case diagnostic
    /// A collective workshop or information session.
    case atelier
    /// A written exchange (mail, letter).
    case ecrit
    /// An offer made to the young person.
    case proposition
    /// A referral to another operator or scheme.
    case orientation
    /// Access obtained to a common-law right (health, housing…).
    case droitCommun = "droit_commun"
    /// A step of the conseil en évolution professionnelle.
    case cep
    /// What the code names, in error messages.
    public static var codeDescription: String { "event kind" }
    /// Accueil, entretien and diagnostic are interviews (the JDI definition).
    public var isInterview: Bool { self == .accueil || self == .entretien || self == .diagnostic }
}

/// Channel of an individual interview (`entretien` detail).
public enum InterviewChannel: String, DatasetCode {
    /// Face to face.
    case physique
    /// By telephone.
    case telephone
    /// By video call.
    case visio
    /// What the code names, in error messages.
    public static var codeDescription: String { "interview channel" }
}

/// What was offered to a young person (`proposition` detail).
public enum OfferKind: String, DatasetCode {
    /// A job offer.
    case emploi
    /// An apprenticeship or professionalisation contract offer.
    case alternance
    /// A training offer.
    case formation
    /// A work immersion (PMSMP…).
    case immersion
    /// A civic service mission.
    case serviceCivique = "service_civique"
    /// Any other offer.
    case autre
    /// What the code names, in error messages.
    public static var codeDescription: String { "offer kind" }
}

/// Where a young person was referred (`orientation` detail).
public enum ReferralTarget: String, DatasetCode {
    /// EPIDE.
    case epide
    /// An école de la deuxième chance.
    case e2c
    /// The service militaire adapté.
    case sma
    /// The service militaire volontaire.
    case smv
    /// Civic service.
    case serviceCivique = "service_civique"
    /// Pôle emploi.
    case poleEmploi = "pole_emploi"
    /// Cap emploi.
    case capEmploi = "cap_emploi"
    /// Another operator.
    case autre
    /// What the code names, in error messages.
    public static var codeDescription: String { "referral target" }
}

/// Domain of a common-law right obtained (`droit_commun` detail).
public enum CommonLawRight: String, DatasetCode {
    /// Health.
    case sante
    /// Housing.
    case logement
    /// Mobility.
    case mobilite
    /// Financial resources.
    case ressources
    /// Leisure and culture.
    case loisirsCulture = "loisirs_culture"
    /// Citizenship.
    case citoyennete
    /// What the code names, in error messages.
    public static var codeDescription: String { "common-law right" }
}

/// Level of the conseil en évolution professionnelle (`cep` detail).
public enum CEPLevel: String, DatasetCode {
    /// Level 1: reception and information.
    case one = "1"
    /// Level 2: personalised advice.
    case two = "2"
    /// Level 3: accompaniment of the project.
    case three = "3"
    /// What the code names, in error messages.
    public static var codeDescription: String { "CEP level" }
}

/// Program of a pathway (`pathways.csv`, column `program`).
public enum Program: String, DatasetCode {
    /// CIVIS (national).
    case civis
    /// CIVIS renforcé (national).
    case civisRenforce = "civis_renforce"
    /// PPAE delegated by Pôle emploi (national).
    case ppae
    /// Garantie jeunes (national).
    case garantieJeunes = "garantie_jeunes"
    /// PACEA (national).
    case pacea
    /// A regional pathway.
    case regional
    /// A local pathway or project.
    case local
    /// The orientation and project-consolidation sequence (not contractualised).
    case orientation
    /// What the code names, in error messages.
    public static var codeDescription: String { "program" }

    /// The programme's name as people write it (the same in French and English).
    public var label: String {
        switch self {
        case .civis: return "CIVIS"
        case .civisRenforce: return "CIVIS renforcé"
        case .ppae: return "PPAE"
        case .garantieJeunes: return "Garantie jeunes"
        case .pacea: return "PACEA"
        case .regional: return "régional"
        case .local: return "local"
        case .orientation: return "orientation"
        }
    }

    /// National, regional and local, or the orientation sequence.
    public var scope: ProgramScope {
        switch self {
        case .civis, .civisRenforce, .ppae, .garantieJeunes, .pacea: return .national
        case .regional, .local: return .regionalLocal
        case .orientation: return .orientationSequence
        }
    }
}

/// The scope of a program.
public enum ProgramScope: String, Sendable, CaseIterable {
    /// CIVIS, CIVIS renforcé, PPAE, Garantie jeunes, PACEA.
    case national
    /// Regional and local pathways.
    case regionalLocal = "regional_local"
    /// The orientation and project-consolidation sequence (at most 4 months): not a
    /// contractualised pathway.
    case orientationSequence = "orientation"

    /// Contractualised pathways are national, regional or local.
    public var isContractualised: Bool { self != .orientationSequence }
}

/// Outcome of a pathway exit (`exit_outcome`).
public enum ExitOutcomeKind: String, DatasetCode {
    /// Left for a job.
    case emploi
    /// Left for training.
    case formation
    /// Left for a civic service mission.
    case serviceCivique = "service_civique"
    /// Re-oriented to another scheme.
    case reorientation
    /// Left with no known solution.
    case sansSolution = "sans_solution"
    /// Any other outcome.
    case autre
    /// What the code names, in error messages.
    public static var codeDescription: String { "exit outcome" }
}

/// An employment contract (`exit_detail` of an `emploi` exit, `detail` of an `emploi` situation).
public enum Contract: String, DatasetCode {
    /// Permanent contract.
    case cdi
    /// Fixed-term contract.
    case cdd
    /// Temporary agency work.
    case interim
    /// CUI-CAE (subsidised, non-market sector).
    case cuiCae = "cui_cae"
    /// CUI-CIE (subsidised, market sector).
    case cuiCie = "cui_cie"
    /// Emploi d'avenir.
    case eav
    /// Apprenticeship contract (alternance).
    case apprentissage
    /// Professionalisation contract (alternance).
    case professionnalisation
    /// Business creation.
    case creation
    /// Any other contract.
    case autre
    /// What the code names, in error messages.
    public static var codeDescription: String { "contract" }
    /// Apprenticeship and professionalisation contracts are alternance.
    public var isAlternance: Bool { self == .apprentissage || self == .professionnalisation }
}

/// A kind of training (`formation` exit detail and situation detail).
public enum TrainingKind: String, DatasetCode {
    /// Return to initial education.
    case initiale
    /// Qualifying training.
    case qualifiante
    /// Any other training.
    case autre
    /// What the code names, in error messages.
    public static var codeDescription: String { "training kind" }
}

/// Where a re-oriented young person went (`reorientation` exit detail).
public enum ReorientationTarget: String, DatasetCode {
    /// EPIDE.
    case epide
    /// An école de la deuxième chance.
    case e2c
    /// The service militaire adapté.
    case sma
    /// The service militaire volontaire.
    case smv
    /// A renewed pathway.
    case renouvellement
    /// Another scheme.
    case autre
    /// What the code names, in error messages.
    public static var codeDescription: String { "reorientation target" }
}

/// Kind of a situation (`situations.csv`, column `kind`).
public enum SituationKind: String, DatasetCode {
    /// A job.
    case emploi
    /// A work immersion.
    case immersion
    /// Training.
    case formation
    /// A civic service mission.
    case serviceCivique = "service_civique"
    /// Sponsorship by a volunteer.
    case parrainage
    /// What the code names, in error messages.
    public static var codeDescription: String { "situation kind" }
}

/// Who funds a funding line.
public enum Funder: String, DatasetCode {
    /// The State.
    case etat
    /// The European Social Fund.
    case fse
    /// The Youth Employment Initiative.
    case iej
    /// The regional council.
    case region
    /// The departmental council.
    case departement
    /// Municipalities and their groupings.
    case commune
    /// Pôle emploi.
    case poleEmploi = "pole_emploi"
    /// Any other funder.
    case autre
    /// What the code names, in error messages.
    public static var codeDescription: String { "funder" }
}

extension Funder {
    /// The funder as an act and the brief name it, in French (« Conseil régional »).
    public var name: String {
        switch self {
        case .etat: return "Etat"
        case .fse: return "Fonds social européen"
        case .iej: return "Initiative pour l'emploi des jeunes"
        case .region: return "Conseil régional"
        case .departement: return "Conseil départemental"
        case .commune: return "Communes et intercommunalités"
        case .poleEmploi: return "Pôle emploi"
        case .autre: return "Autres financeurs"
        }
    }
}

/// The budget line of a funding row.
public enum FundingLine: String, DatasetCode {
    /// Main activities.
    case socle
    /// Sponsorship actions.
    case parrainage
    /// Fonds pour l'insertion professionnelle des jeunes.
    case fipj
    /// Garantie jeunes.
    case garantieJeunes = "garantie_jeunes"
    /// Specific actions.
    case specifique
    /// What the code names, in error messages.
    public static var codeDescription: String { "funding line" }
}

/// A population breakdown of the dashboard (Fiche n°2: "déclinables selon 4 items", and NEET).
public enum Breakdown: String, DatasetCode, Comparable {
    /// Every young person.
    case all
    /// Young women.
    case women
    /// Levels VI, V bis, and V without the diploma.
    case lowQualified = "low_qualified"
    /// Residents of a priority neighbourhood (QPV).
    case qpv
    /// Residents of a rural revitalisation zone (ZRR).
    case zrr
    /// NEET when entering a pathway (entry lines only).
    case neet
    /// What the code names, in error messages.
    public static var codeDescription: String { "breakdown" }
    /// The breakdown named by its code or by its label in French or English, case, accents,
    /// spaces, `-` and `_` ignored: `women`, `femmes`, `low_qualified`, `bas_niveau_de_qualification`.
    public init?(named text: String) {
        func key(_ s: String) -> String {
            String(s.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil).filter { $0.isLetter || $0.isNumber })
        }
        let k = key(text)
        let aliases = ["tous": Breakdown.all, "bas niveau": .lowQualified, "basniveau": .lowQualified]
        guard let b = Breakdown.allCases.first(where: { b in [b.rawValue, b.label(.fr), b.label(.en)].contains { key($0) == k } })
                ?? aliases.first(where: { key($0.key) == k })?.value else { return nil }
        self = b
    }

    /// The population's name as people read it (`femmes`, `low-qualified`); files keep the code.
    public func label(_ language: Language) -> String {
        switch (self, language) {
        case (.all, .fr): return "ensemble"
        case (.all, .en): return "all"
        case (.women, .fr): return "femmes"
        case (.women, .en): return "women"
        case (.lowQualified, .fr): return "bas niveau de qualification"
        case (.lowQualified, .en): return "low-qualified"
        case (.qpv, _): return "QPV"
        case (.zrr, _): return "ZRR"
        case (.neet, _): return "NEET"
        }
    }
    /// Catalogue order.
    public static func < (a: Breakdown, b: Breakdown) -> Bool { a.order < b.order }
    var order: Int { Breakdown.allCases.firstIndex(of: self)! }
}

/// The territorial level of a dashboard cell.
public enum Level: String, DatasetCode, Comparable {
    /// A Mission locale.
    case ml
    /// A region: the sum of its MLs.
    case region
    /// The nation: the sum of every ML.
    case national
    /// What the code names, in error messages.
    public static var codeDescription: String { "level" }
    /// Catalogue order.
    public static func < (a: Level, b: Level) -> Bool { Level.allCases.firstIndex(of: a)! < Level.allCases.firstIndex(of: b)! }
}
