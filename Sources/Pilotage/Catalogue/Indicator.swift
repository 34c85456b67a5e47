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

/// Which way a line reads: whether a higher or a lower value is better, or neither.
///
/// Every judgement of the SDK reads it — ranks and quartiles, the synthesis' forces and axes
/// de progrès, objective proposals, the direction of a new objective, the matrix's scores —
/// so that no list of "lower is better" lines exists anywhere else.
///
/// ```swift
/// Catalogue.indicator("R8")!.direction   // .lowerIsBetter
/// Catalogue.indicator("0.1")!.direction  // .none (context)
/// ```
public enum Direction: String, Hashable, Sendable, CaseIterable, Codable {
    /// More is better (R10: exits to employment).
    case higherIsBetter = "higher_is_better"
    /// Less is better (R8: no proposition for more than 3 months; R11: exits with no known outcome).
    case lowerIsBetter = "lower_is_better"
    /// Neither: context, volume and resource lines, read but never judged.
    case none

    /// +1 or −1: a difference times the sign is positive when it is an improvement; 0 for `none`.
    public var sign: Double {
        switch self {
        case .higherIsBetter: return 1
        case .lowerIsBetter: return -1
        case .none: return 0
        }
    }

    /// Whether `a` is strictly better than `b` (for `none`: strictly higher, a position only).
    public func isBetter(_ a: Double, than b: Double) -> Bool { self == .lowerIsBetter ? a < b : a > b }

    /// What `explain` says.
    public var label: LocalizedText {
        switch self {
        case .higherIsBetter: return .init(fr: "plus haut est meilleur", en: "higher is better")
        case .lowerIsBetter: return .init(fr: "plus bas est meilleur", en: "lower is better")
        case .none: return .init(fr: "sans sens de lecture (contexte, volume ou ressource)",
                                 en: "no reading direction (context, volume or resource)")
        }
    }
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
    /// Which way the line reads (higher or lower is better, or neither).
    public let direction: Direction
    /// For quotients: how many years before the numerator's the denominator is read (1 for R2,
    /// line 2 of N over line 2 of N−1; 0 for every other quotient).
    public let denominatorLag: Int
    /// A ratio read as a share, shown in % (every ratio but R2, a year-on-year factor, and R13,
    /// young people per FTE).
    public let isPercentage: Bool

    /// A line whose value is computed (every kind but placeholders).
    public var isComputed: Bool { kind != .placeholder }
    /// A quotient of two lines (a ratio or an amount per young person): it has a numerator and
    /// a denominator, objectives and goal seeks.
    public var isQuotient: Bool { kind == .ratio || kind == .amountPerPerson }
    /// A line in euros: the funding lines (10…) and the amounts per young person.
    public var isEuroAmount: Bool { kind == .amountPerPerson || id.hasPrefix("10") }
    /// A count of young people (its breakdown shares and "dont" rates are meaningful).
    public var countsYoungPeople: Bool { kind == .count }
}

extension Indicator {
    /// The number of a ratio of Fiche n°3 (5 for `R5`); nil for every other line.
    public var ratioNumber: Int? {
        guard id.hasPrefix("R"), let n = Int(id.dropFirst()), (1...13).contains(n) else { return nil }
        return n
    }

    /// The official French wording without Fiche n°2's « Ratio n : » prefix, so that every ratio
    /// reads alike whichever fiche its wording comes from.
    public var wording: String {
        guard let n = ratioNumber, let r = label.fr.range(of: "Ratio \(n) : "), r.lowerBound == label.fr.startIndex else { return label.fr }
        return String(label.fr[r.upperBound...])
    }

    /// How a ratio is presented everywhere: « Ratio 5 — Nombre de jeunes entrés … »; the label
    /// for every other line.
    public var title: String { heading(.fr) }

    /// The line's heading in a language: « Ratio n — » and the wording for a ratio (English
    /// labels lose their "Ratio n: " the same way), the label for every other line.
    public func heading(_ language: Language) -> String {
        guard let n = ratioNumber else { return label.text(language) }
        if language == .fr { return "Ratio \(n) — \(wording)" }
        let prefix = "Ratio \(n): "
        return "Ratio \(n) — " + (label.en.hasPrefix(prefix) ? String(label.en.dropFirst(prefix.count)) : label.en)
    }

    /// The line named with its identifier: « R8 — Ratio 8 — Le taux … » for a ratio,
    /// « 4.1.i — dont nombre … » for every other line.
    public func named(_ language: Language) -> String { "\(id) — \(heading(language))" }

    /// Fiche n°3 marks R3 and R6 « ratio non disponible en 2016 » (the value is still computed
    /// from microdata).
    public var isUnavailableIn2016: Bool { id == "R3" || id == "R6" }

    /// Fiche n°3's note on R3 and R6, verbatim.
    public static let unavailableIn2016Note = "ratio non disponible en 2016"
}
