/// The catalogue of the CPO dashboard: every line of Fiche n°2, the 13 ratios of Fiche n°3,
/// our derived lines, the national-target compliance lines, and placeholders for the lines
/// the instruction leaves undefined.
///
/// It is the single source of everything the SDK computes and the REPL and the docs say
/// about a line.
///
/// ```swift
/// Catalogue.indicator("R10")?.label.fr
/// Catalogue.indicators(in: .exit).map(\.id)
/// ```
public enum Catalogue {
    /// Every line, in catalogue order (computed lines first, then placeholders).
    public static let all: [Indicator] = Definitions.build()

    private static let byID: [String: Indicator] = Dictionary(uniqueKeysWithValues: all.map { ($0.id, $0) })

    /// The line with this identifier (exact, case-sensitive).
    public static func indicator(_ id: String) -> Indicator? { byID[id] }

    /// The lines of one axis, in catalogue order.
    public static func indicators(in axis: Axis) -> [Indicator] { all.filter { $0.axis == axis } }

    /// The lines of one kind, in catalogue order.
    public static func indicators(of kind: IndicatorKind) -> [Indicator] { all.filter { $0.kind == kind } }

    /// The lines that are computed, in the export order of `indicators.md`.
    public static var computed: [Indicator] { all.filter(\.isComputed) }

    /// The "dont" lines whose parent is `id`.
    public static func children(of id: String) -> [Indicator] { all.filter { $0.parentID == id } }

    /// Identifiers closest to `text` (for "did you mean" suggestions), best first.
    public static func suggestions(for text: String, limit: Int = 3) -> [String] {
        Suggestions.closest(to: text, among: all.map(\.id), limit: limit)
    }
}
