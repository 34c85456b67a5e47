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

/// Edit-distance suggestions shared by the catalogue and the shell.
public enum Suggestions {
    /// The candidates nearest to `text`, best first (case-insensitive Levenshtein; prefix
    /// matches first).
    public static func closest(to text: String, among candidates: [String], limit: Int = 3) -> [String] {
        let t = Array(text.lowercased())
        let scored = candidates.map { c -> (String, Int) in
            let lc = c.lowercased()
            let d = lc.hasPrefix(text.lowercased()) && !text.isEmpty ? 0 : distance(t, Array(lc))
            return (c, d)
        }
        let threshold = max(2, t.count / 2)
        return scored.filter { $0.1 <= threshold }.sorted { $0.1 != $1.1 ? $0.1 < $1.1 : $0.0 < $1.0 }.prefix(limit).map(\.0)
    }

    static func distance(_ a: [Character], _ b: [Character]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var prev = Array(0...b.count), cur = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            cur[0] = i
            for j in 1...b.count {
                cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            swap(&prev, &cur)
        }
        return prev[b.count]
    }
}
