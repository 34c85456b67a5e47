/// The class of a problem found in a dataset: every input rule of the format has one.
public enum DatasetRule: String, Sendable, CaseIterable {
    // Errors: the dataset cannot be loaded.
    /// Missing file.
    case missingFile = "missing-file"
    /// A folder, FIFO, device or dangling link where a file should be.
    case notAFile = "not-a-file"
    /// Missing required column.
    case missingColumn = "missing-column"
    /// Invalid dataset.json manifest.
    case badManifest = "bad-manifest"
    /// Unsupported format or version.
    case unsupportedVersion = "unsupported-version"
    /// Both microdata and indicators.csv.
    case mixedDataset = "mixed-dataset"
    /// Unknown reference.
    case unknownReference = "unknown-reference"
    /// Duplicate identifier.
    case duplicateID = "duplicate-id"
    /// Invalid date.
    case invalidDate = "invalid-date"
    /// Unknown code.
    case unknownCode = "unknown-code"
    /// Detail not allowed for its kind.
    case detailNotAllowed = "detail-not-allowed"
    /// Missing required value.
    case missingValue = "missing-value"
    /// Invalid boolean.
    case invalidBoolean = "invalid-boolean"
    /// Invalid number.
    case invalidNumber = "invalid-number"
    /// Negative value.
    case negativeAmount = "negative-amount"
    /// Accompaniment ETP above total.
    case accompanimentAboveTotal = "accompaniment-above-total"
    /// End before start.
    case endBeforeStart = "end-before-start"
    /// Second accueil for one young person.
    case secondAccueil = "second-accueil"
    /// Exit fields on an open pathway.
    case exitOnOpenPathway = "exit-on-open-pathway"
    /// Bad quoting.
    case badQuoting = "bad-quoting"
    /// Invalid UTF-8.
    case invalidUTF8 = "invalid-utf8"
    /// Wrong number of fields.
    case fieldCount = "field-count"
    /// Invalid identifier.
    case invalidIdentifier = "invalid-identifier"
    /// Inconsistent convention or objective.
    case inconsistentConvention = "inconsistent-convention"
    // Warnings: "cohérence des données saisies".
    /// Age outside 16-25 at first reception.
    case ageOutsideRange = "age-outside-16-25"
    /// Diagnostic before first reception.
    case diagnosticBeforeReception = "diagnostic-before-reception"
    /// Pathway entry with no diagnostic before it.
    case pathwayWithoutDiagnostic = "pathway-without-diagnostic"
    /// Orientation sequence longer than 4 months.
    case longOrientationSequence = "orientation-over-4-months"
    /// Overlapping national pathways.
    case overlappingNationalPathways = "overlapping-national-pathways"
    /// Situation outside any pathway.
    case situationOutsidePathway = "situation-outside-pathway"
    /// An event no rule can use: after the manifest's last year, or before the young person's 16th birthday.
    case unusableEvent = "unusable-event"
    /// ML with no context row for a year.
    case missingContext = "missing-context"
    /// ML with no resources row for a year.
    case missingResources = "missing-resources"
    /// ML with no funding row for a year.
    case missingFunding = "missing-funding"
    /// Convention subsidy differs from the etat rows of funding.csv (Garantie jeunes excluded).
    case subsidyFundingMismatch = "subsidy-funding-mismatch"

    /// Whether the rule is a hard error (the dataset is refused) or a data-quality warning.
    public var isError: Bool {
        switch self {
        case .ageOutsideRange, .diagnosticBeforeReception, .pathwayWithoutDiagnostic, .longOrientationSequence,
             .overlappingNationalPathways, .situationOutsidePathway, .unusableEvent,
             .missingContext, .missingResources, .missingFunding, .subsidyFundingMismatch:
            return false
        default: return true
        }
    }

    /// What the rule checks, in words.
    public var summary: LocalizedText {
        switch self {
        case .missingFile: return .init(fr: "fichier manquant", en: "missing file")
        case .notAFile: return .init(fr: "pas un fichier ordinaire", en: "not a regular file")
        case .missingColumn: return .init(fr: "colonne obligatoire manquante", en: "missing required column")
        case .badManifest: return .init(fr: "manifeste dataset.json invalide", en: "invalid dataset.json manifest")
        case .unsupportedVersion: return .init(fr: "format ou version non pris en charge", en: "unsupported format or version")
        case .mixedDataset: return .init(fr: "microdonnées et indicators.csv à la fois", en: "both microdata and indicators.csv")
        case .unknownReference: return .init(fr: "référence inconnue", en: "unknown reference")
        case .duplicateID: return .init(fr: "identifiant en double", en: "duplicate identifier")
        case .invalidDate: return .init(fr: "date invalide", en: "invalid date")
        case .unknownCode: return .init(fr: "code inconnu", en: "unknown code")
        case .detailNotAllowed: return .init(fr: "détail non permis pour ce type", en: "detail not allowed for its kind")
        case .missingValue: return .init(fr: "valeur obligatoire manquante", en: "missing required value")
        case .invalidBoolean: return .init(fr: "booléen invalide", en: "invalid boolean")
        case .invalidNumber: return .init(fr: "nombre invalide", en: "invalid number")
        case .negativeAmount: return .init(fr: "valeur négative", en: "negative value")
        case .accompanimentAboveTotal: return .init(fr: "ETP d'accompagnement supérieurs au total", en: "accompaniment FTEs above the total")
        case .endBeforeStart: return .init(fr: "fin avant le début", en: "end before start")
        case .secondAccueil: return .init(fr: "second premier accueil", en: "second accueil for one young person")
        case .exitOnOpenPathway: return .init(fr: "champs de sortie sur un parcours ouvert", en: "exit fields on an open pathway")
        case .badQuoting: return .init(fr: "guillemets mal formés", en: "bad quoting")
        case .invalidUTF8: return .init(fr: "UTF-8 invalide", en: "invalid UTF-8")
        case .fieldCount: return .init(fr: "nombre de champs incorrect", en: "wrong number of fields")
        case .invalidIdentifier: return .init(fr: "identifiant invalide", en: "invalid identifier")
        case .ageOutsideRange: return .init(fr: "âge hors 16-25 ans au premier accueil", en: "age outside 16-25 at first reception")
        case .diagnosticBeforeReception: return .init(fr: "diagnostic avant le premier accueil", en: "diagnostic before first reception")
        case .pathwayWithoutDiagnostic: return .init(fr: "entrée en parcours sans diagnostic préalable", en: "pathway entry with no diagnostic before it")
        case .longOrientationSequence: return .init(fr: "séquence d'orientation de plus de 4 mois", en: "orientation sequence longer than 4 months")
        case .overlappingNationalPathways: return .init(fr: "parcours nationaux qui se chevauchent", en: "overlapping national pathways")
        case .situationOutsidePathway: return .init(fr: "situation hors de tout parcours", en: "situation outside any pathway")
        case .unusableEvent: return .init(fr: "événement qu'aucune règle ne lit (après la dernière année du manifeste ou avant les 16 ans du jeune)",
                                          en: "event no rule can use (after the manifest's last year or before the young person's 16th birthday)")
        case .missingContext: return .init(fr: "ML sans ligne de contexte pour une année", en: "ML with no context row for a year")
        case .missingResources: return .init(fr: "ML sans ligne de ressources pour une année", en: "ML with no resources row for a year")
        case .missingFunding: return .init(fr: "ML sans financement pour une année", en: "ML with no funding row for a year")
        case .subsidyFundingMismatch: return .init(fr: "subvention de la convention différente des lignes etat de funding.csv (hors Garantie jeunes)",
                                                   en: "convention subsidy differs from the etat rows of funding.csv (Garantie jeunes excluded)")
        case .inconsistentConvention: return .init(fr: "convention ou objectif incohérent", en: "inconsistent convention or objective")
        }
    }
}

/// One problem in a dataset, located in its file.
///
/// Its description reads like a compiler's: `events.csv:1042:23: error: unknown code in
/// column kind: expected one of accueil, entretien, …; found "acceuil"`.
public struct DatasetDiagnostic: Error, Hashable, Sendable, CustomStringConvertible {
    /// The rule broken.
    public var rule: DatasetRule
    /// File name inside the dataset folder (`events.csv`).
    public var file: String
    /// 1-based line (the header is line 1), when the problem is in a row.
    public var line: Int?
    /// 1-based character column of the field, when the problem is in one field.
    public var column: Int?
    /// The column's name, when the problem is in one field.
    public var field: String?
    /// What was expected.
    public var expected: LocalizedText
    /// What was found (the text as read, or a description).
    public var found: String
    /// The sheet, when the table was read from a workbook (then `line` and `column` are the
    /// sheet's row and column, shown as `indicators.xlsx:indicators!C5`).
    public var sheet: String?

    /// Creates a value from its fields.
    public init(_ rule: DatasetRule, file: String, line: Int? = nil, column: Int? = nil, field: String? = nil,
                expected: LocalizedText, found: String) {
        self.rule = rule; self.file = file; self.line = line; self.column = column; self.field = field
        self.expected = expected; self.found = found
    }

    /// Whether the dataset is refused (else a warning).
    public var isError: Bool { rule.isError }

    /// `FILE:LINE:COL` (as much of it as is known).
    public var location: String {
        var s = file
        if let sheet {
            s += ":" + sheet + (line == nil ? "" : "!" + (column.map(Self.columnLetters) ?? "") + "\(line!)")
            return s
        }
        if let line { s += ":\(line)" }
        if let column { s += ":\(column)" }
        return s
    }

    /// A spreadsheet's column name: 3 → "C", 27 → "AA".
    public static func columnLetters(_ n: Int) -> String {
        var n = n, s = ""
        while n > 0 { let r = (n - 1) % 26; s = String(UnicodeScalar(UInt8(65 + r))) + s; n = (n - 1) / 26 }
        return s
    }

    /// What `found` holds when there is nothing at the path: the message says it in its language.
    public static let noFile = "aucun fichier / no file", noFolder = "aucun dossier / no such folder"

    /// The whole message in a language.
    public func message(_ language: Language) -> String {
        let found = self.found == Self.noFile ? Messages.text(.foundNoFile, language)
            : self.found == Self.noFolder ? Messages.text(.foundNoFolder, language) : self.found
        let severity = Messages.text(isError ? .severityError : .severityWarning, language)
        let what = rule.summary.text(language)
        let inField = field.map { Messages.text(.diagnosticInColumn, language, $0) } ?? ""
        let body = Messages.text(.diagnosticBody, language, expected.text(language), found)
        return "\(location): \(severity): \(what)\(inField): \(body)"
    }

    /// A description for logs and messages.
    public var description: String { message(.en) }
}

/// Loading a dataset failed: the errors found (at most ``DatasetLoadError/limit``), in file order.
public struct DatasetLoadError: Error, Sendable, CustomStringConvertible {
    /// The loader stops after this many errors.
    public static let limit = 50
    /// The located errors, in file order (at most 50).
    public var diagnostics: [DatasetDiagnostic]
    /// More errors may follow: loading stopped at the limit.
    public var truncated: Bool
    /// The caller stopped the load (its `interruption` answered `true`); no diagnostics then.
    public var interrupted: Bool
    /// Creates a value from its fields.
    public init(diagnostics: [DatasetDiagnostic], truncated: Bool = false, interrupted: Bool = false) {
        self.diagnostics = diagnostics; self.truncated = truncated; self.interrupted = interrupted
    }
    /// A description for logs and messages.
    public var description: String { diagnostics.map(\.description).joined(separator: "\n") }
}

/// Collects diagnostics and stops loading at the limit.
struct DiagnosticSink {
    private(set) var errors: [DatasetDiagnostic] = []

    struct LimitReached: Error {}

    mutating func report(_ d: DatasetDiagnostic) throws {
        errors.append(d)
        if errors.count >= DatasetLoadError.limit { throw LimitReached() }
    }
    var isEmpty: Bool { errors.isEmpty }
}
