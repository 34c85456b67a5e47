/// The language of a text shown to a user.
public enum Language: String, Sendable, CaseIterable {
    /// French.
    case fr, en
}

/// A text in French and English.
public struct LocalizedText: Hashable, Sendable {
    /// French.
    public let fr: String
    /// English.
    public let en: String
    /// Creates a value from its fields.
    public init(fr: String, en: String) { self.fr = fr; self.en = en }
    /// The text in a language.
    public func text(_ language: Language) -> String { language == .fr ? fr : en }
}

/// The "Axe" column of Fiche n°2, plus the family of the national targets of Annexe n°1.
public enum Axis: String, Sendable, CaseIterable {
    /// The catalogue's axes.
    case context, reception, jdi, towardsEmployment, inEmployment, autonomy, exit
    /// The catalogue's axes (continued).
    case employerOffer, projectEngineering, resources, nationalTargets

    /// The label of the axis: verbatim from Fiche n°2, except `nationalTargets` (ours).
    public var label: LocalizedText {
        switch self {
        case .context: return .init(fr: "Eclairage contexte", en: "Context")
        case .reception: return .init(fr: "Accueil", en: "Reception")
        case .jdi: return .init(fr: "JDI", en: "Young people in demand of insertion")
        case .towardsEmployment: return .init(fr: "Accompagnement jeunes vers l'emploi ou la formation", en: "Accompaniment towards employment or training")
        case .inEmployment: return .init(fr: "Accompagnement des jeunes dans l'emploi/formation", en: "Accompaniment in employment or training")
        case .autonomy: return .init(fr: "Accompagnement vers l'autonomie et l'accès au droit commun", en: "Accompaniment towards autonomy and common-law rights")
        case .exit: return .init(fr: "Sortie vers l'emploi ou la formation", en: "Exit to employment or training")
        case .employerOffer: return .init(fr: "Offre de service employeur", en: "Service offer to employers")
        case .projectEngineering: return .init(fr: "Observation et Ingénierie de projet", en: "Observation and project engineering")
        case .resources: return .init(fr: "Ressources", en: "Resources")
        case .nationalTargets: return .init(fr: "Cibles nationales (Annexe n°1)", en: "National targets (Annex 1)")
        }
    }
}

/// What a line computes.
public enum IndicatorKind: String, Sendable, CaseIterable {
    /// A number of distinct young people.
    case count
    /// A sum of a context, resource or funding column (a decimal).
    case sum
    /// A quotient of two other lines.
    case ratio
    /// A mean over records (durations in months).
    case mean
    /// Euros per young person.
    case amountPerPerson = "amount_per_person"
    /// A line the instruction leaves undefined: documented, never computed.
    case placeholder
}

/// One line of the CPO dashboard: its definition, as data.
///
/// ```swift
/// let r5 = Catalogue.indicator("R5")!
/// r5.label.fr        // "Ratio 5 : Nombre de jeunes entrés en parcours …"
/// r5.components      // ["3", "1"]
/// ```
public struct Indicator: Hashable, Sendable, Identifiable {
    /// Catalogue identifier (`2.1`, `R5`, `4.2.m4.base`).
    public let id: String
    /// The axis of Fiche n°2 the line belongs to.
    public let axis: Axis
    /// The line this "dont" line is a subset of.
    public let parentID: String?
    /// The kind.
    public let kind: IndicatorKind
    /// The official French label (verbatim from the instruction unless `labelIsDerived`) and an English label.
    public let label: LocalizedText
    /// The instruction gives this line no label of its own: the label is ours ("libellé dérivé").
    public let labelIsDerived: Bool
    /// The computation rule in words.
    public let rule: LocalizedText
    /// For ratios: numerator then denominator; for "dont" lines: the parent.
    public let components: [String]
    /// The breakdowns under which the line exists.
    public let breakdowns: [Breakdown]
    /// The choices the specification makes where the instruction is ambiguous.
    public let notes: [LocalizedText]
    /// Where in the instruction the line comes from.
    public let source: String
    /// Position in the catalogue order (exports and listings).
    public let order: Int

    /// A line whose value is computed (every kind but placeholders).
    public var isComputed: Bool { kind != .placeholder }
    /// A ratio read as a share, shown in % (every ratio but R2, a year-on-year factor, and R13,
    /// young people per FTE).
    public var isPercentage: Bool { kind == .ratio && id != "R2" && id != "R13" }
    /// A line in euros: the funding lines (10…) and the amounts per young person.
    public var isEuroAmount: Bool { kind == .amountPerPerson || id.hasPrefix("10") }
    /// A count of young people (its breakdown shares and "dont" rates are meaningful).
    public var countsYoungPeople: Bool { kind == .count }
}
