import Foundation

/// Edit-distance suggestions shared by the catalogue and the shell: "did you mean" for ids,
/// commands and keywords, and the nearest names of Missions locales and regions.
///
/// Every search is linear in the number of candidates: the typed text is cut to
/// ``maximumLength`` characters first, and a candidate whose length is too far from it is not
/// compared at all.
///
/// ```swift
/// Suggestions.closest(to: "explian", among: ["explain", "help"])   // ["explain"]
/// Suggestions.closestNames(to: "grenobel", among: [("ML038-GRENOBLE", "Mission locale de Grenoble")])
/// ```
public enum Suggestions {
    /// Typed text beyond this length is not compared (a 100 KB token costs as much as 64 characters).
    public static let maximumLength = 64

    /// The candidates nearest to `text`, best first (case-insensitive Levenshtein; prefix
    /// matches first; ties in alphabetical order).
    public static func closest(to text: String, among candidates: [String], limit: Int = 3) -> [String] {
        let typed = String(text.lowercased().prefix(maximumLength))
        let t = Array(typed)
        let threshold = max(2, t.count / 2)
        let scored = candidates.compactMap { c -> (String, Int)? in
            let lc = c.lowercased()
            if !typed.isEmpty, lc.hasPrefix(typed) { return (c, 0) }
            return distance(t, Array(lc), atMost: threshold).map { (c, $0) }
        }
        return scored.sorted { $0.1 != $1.1 ? $0.1 < $1.1 : $0.0 < $1.0 }.prefix(limit).map(\.0)
    }

    /// The named places (Missions locales, regions) nearest to `text`, best first. Accents and case
    /// are ignored; `text` is compared with the id, the whole name, the name without its « Mission
    /// locale de », and each word of the name, and the best of these scores the place.
    /// - Returns: at most `limit` places, as given (`id`, `name`).
    public static func closestNames(to text: String, among places: [(id: String, name: String)],
                                    limit: Int = 3) -> [(id: String, name: String)] {
        let t = Array(spaced(fold(String(text.prefix(maximumLength)))))
        guard !t.isEmpty else { return [] }
        let threshold = max(2, t.count / 3)
        var scored: [(index: Int, score: Int)] = []
        for (index, place) in places.enumerated() {
            var best = Int.max
            for key in keys(place) {
                if key.count >= t.count, key.starts(with: t) { best = 0; break }
                if let d = distance(t, key, atMost: min(threshold, best == Int.max ? threshold : best)) { best = min(best, d) }
            }
            if best <= threshold { scored.append((index, best)) }
        }
        return scored.sorted { ($0.score, places[$0.index].name) < ($1.score, places[$1.index].name) }
            .prefix(limit).map { places[$0.index] }
    }

    /// Lower case, without accents: « Saint-Étienne » and « saint-etienne » are one name.
    public static func fold(_ s: String) -> String {
        s.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil)
    }

    /// Hyphens and apostrophes as spaces: « saint etienne » is « Saint-Étienne ».
    static func spaced(_ s: String) -> String {
        String(s.map { "-'’".contains($0) ? " " : $0 })
    }

    /// What a typed name is compared with: id, name, name without its generic head, long words.
    static func keys(_ place: (id: String, name: String)) -> [[Character]] {
        let name = spaced(fold(place.name))
        var keys = [Array(spaced(fold(place.id))), Array(name)]
        for head in ["mission locale de ", "mission locale d ", "mission locale du ", "mission locale des ", "mission locale "]
        where name.hasPrefix(head) {
            keys.append(Array(name.dropFirst(head.count)))
            break
        }
        let generic: Set<String> = ["mission", "locale", "missions", "locales"]
        for word in name.split(whereSeparator: { !$0.isLetter && !$0.isNumber }) where word.count >= 3 && !generic.contains(String(word)) {
            keys.append(Array(word))
        }
        return keys
    }

    /// Levenshtein distance, or `nil` when it is above `bound` (skipped when the lengths alone
    /// say so).
    static func distance(_ a: [Character], _ b: [Character], atMost bound: Int = .max) -> Int? {
        guard abs(a.count - b.count) <= bound else { return nil }
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
        return prev[b.count] <= bound ? prev[b.count] : nil
    }
}
