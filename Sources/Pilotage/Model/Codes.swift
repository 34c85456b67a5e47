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
    case female = "F", male = "M"
    public static var codeDescription: String { "sex" }
}

/// Schooling level, 1969 nomenclature (`youth.csv`, column `level`).
public enum SchoolLevel: String, DatasetCode {
    case i = "I", ii = "II", iii = "III", iv = "IV", v = "V", vBis = "Vbis", vi = "VI"
    public static var codeDescription: String { "schooling level" }
}

/// Legal form of a Mission locale.
public enum LegalForm: String, DatasetCode {
    case association, gip
    public static var codeDescription: String { "legal form" }
}

/// The kind of an interaction (`events.csv`, column `kind`).
public enum EventKind: String, DatasetCode {
    case accueil, entretien, diagnostic, atelier, ecrit, proposition, orientation
    case droitCommun = "droit_commun", cep
    public static var codeDescription: String { "event kind" }
    /// Accueil, entretien and diagnostic are interviews (the JDI definition).
    public var isInterview: Bool { self == .accueil || self == .entretien || self == .diagnostic }
}

/// Channel of an individual interview (`entretien` detail).
public enum InterviewChannel: String, DatasetCode {
    case physique, telephone, visio
    public static var codeDescription: String { "interview channel" }
}

/// What was offered to a young person (`proposition` detail).
public enum OfferKind: String, DatasetCode {
    case emploi, alternance, formation, immersion, serviceCivique = "service_civique", autre
    public static var codeDescription: String { "offer kind" }
}

/// Where a young person was referred (`orientation` detail).
public enum ReferralTarget: String, DatasetCode {
    case epide, e2c, sma, smv, serviceCivique = "service_civique", poleEmploi = "pole_emploi", capEmploi = "cap_emploi", autre
    public static var codeDescription: String { "referral target" }
}

/// Domain of a common-law right obtained (`droit_commun` detail).
public enum CommonLawRight: String, DatasetCode {
    case sante, logement, mobilite, ressources, loisirsCulture = "loisirs_culture", citoyennete
    public static var codeDescription: String { "common-law right" }
}

/// Level of the conseil en évolution professionnelle (`cep` detail).
public enum CEPLevel: String, DatasetCode {
    case one = "1", two = "2", three = "3"
    public static var codeDescription: String { "CEP level" }
}

/// Program of a pathway (`pathways.csv`, column `program`).
public enum Program: String, DatasetCode {
    case civis, civisRenforce = "civis_renforce", ppae, garantieJeunes = "garantie_jeunes", pacea
    case regional, local, orientation
    public static var codeDescription: String { "program" }

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
    case emploi, formation, serviceCivique = "service_civique", reorientation, sansSolution = "sans_solution", autre
    public static var codeDescription: String { "exit outcome" }
}

/// An employment contract (`exit_detail` of an `emploi` exit, `detail` of an `emploi` situation).
public enum Contract: String, DatasetCode {
    case cdi, cdd, interim, cuiCae = "cui_cae", cuiCie = "cui_cie", eav, apprentissage, professionnalisation, creation, autre
    public static var codeDescription: String { "contract" }
    /// Apprenticeship and professionalisation contracts are alternance.
    public var isAlternance: Bool { self == .apprentissage || self == .professionnalisation }
}

/// A kind of training (`formation` exit detail and situation detail).
public enum TrainingKind: String, DatasetCode {
    case initiale, qualifiante, autre
    public static var codeDescription: String { "training kind" }
}

/// Where a re-oriented young person went (`reorientation` exit detail).
public enum ReorientationTarget: String, DatasetCode {
    case epide, e2c, sma, smv, renouvellement, autre
    public static var codeDescription: String { "reorientation target" }
}

/// Kind of a situation (`situations.csv`, column `kind`).
public enum SituationKind: String, DatasetCode {
    case emploi, immersion, formation, serviceCivique = "service_civique", parrainage
    public static var codeDescription: String { "situation kind" }
}

/// Who funds a funding line.
public enum Funder: String, DatasetCode {
    case etat, fse, iej, region, departement, commune, poleEmploi = "pole_emploi", autre
    public static var codeDescription: String { "funder" }
}

/// The budget line of a funding row.
public enum FundingLine: String, DatasetCode {
    case socle, parrainage, fipj, garantieJeunes = "garantie_jeunes", specifique
    public static var codeDescription: String { "funding line" }
}

/// A population breakdown of the dashboard (Fiche n°2: "déclinables selon 4 items", and NEET).
public enum Breakdown: String, DatasetCode, Comparable {
    case all, women, lowQualified = "low_qualified", qpv, zrr, neet
    public static var codeDescription: String { "breakdown" }
    public static func < (a: Breakdown, b: Breakdown) -> Bool { a.order < b.order }
    var order: Int { Breakdown.allCases.firstIndex(of: self)! }
}

/// The territorial level of a dashboard cell.
public enum Level: String, DatasetCode, Comparable {
    case ml, region, national
    public static var codeDescription: String { "level" }
    public static func < (a: Level, b: Level) -> Bool { Level.allCases.firstIndex(of: a)! < Level.allCases.firstIndex(of: b)! }
}
