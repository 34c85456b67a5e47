/// Numbers and amounts in French words, in the traditional spelling of administrative acts
/// (hyphens only below one hundred; "et" in 21, 31 … 71; "quatre-vingts", "deux cents" plural
/// only at the end of the number; "mille" invariable; "million" a noun).
///
/// ```swift
/// FrenchNumber.words(71)                 // "soixante et onze"
/// FrenchNumber.euros(cents: 12_345_678)  // "cent vingt-trois mille quatre cent cinquante-six euros et soixante-dix-huit centimes"
/// ```
public enum FrenchNumber {
    static let units = ["zéro", "un", "deux", "trois", "quatre", "cinq", "six", "sept", "huit", "neuf", "dix",
                        "onze", "douze", "treize", "quatorze", "quinze", "seize", "dix-sept", "dix-huit", "dix-neuf"]
    static let tens = ["", "dix", "vingt", "trente", "quarante", "cinquante", "soixante", "soixante", "quatre-vingt", "quatre-vingt"]

    /// A whole number in words. Before "millions" and "milliards" (nouns) "vingt" and "cent" keep
    /// their plural; before "mille" (an adjective) they lose it.
    public static func words(_ n: Int) -> String {
        if n == 0 { return "zéro" }
        if n < 0 { return "moins " + words(n == Int.min ? Int.max : -n) }
        var parts: [String] = []
        let billions = n / 1_000_000_000, millions = (n / 1_000_000) % 1000, thousands = (n / 1000) % 1000, rest = n % 1000
        if billions > 0 { parts.append((billions < 1000 ? below1000(billions, final: true) : words(billions)) + (billions > 1 ? " milliards" : " milliard")) }
        if millions > 0 { parts.append(below1000(millions, final: true) + (millions > 1 ? " millions" : " million")) }
        if thousands > 0 { parts.append(thousands == 1 ? "mille" : below1000(thousands, final: false) + " mille") }
        if rest > 0 { parts.append(below1000(rest, final: true)) }
        return parts.joined(separator: " ")
    }

    /// 1 to 999. `final`: nothing follows but a noun or the end ("quatre-vingts", "deux cents").
    static func below1000(_ n: Int, final: Bool) -> String {
        let h = n / 100, r = n % 100
        var s = ""
        if h > 0 {
            s = h == 1 ? "cent" : units[h] + " cent"
            if h > 1 && r == 0 && final { s += "s" }
        }
        if r > 0 { s += (s.isEmpty ? "" : " ") + below100(r, final: final) }
        return s
    }

    static func below100(_ n: Int, final: Bool) -> String {
        if n < 20 { return units[n] }
        let t = n / 10, u = n % 10
        if t == 7 || t == 9 {   // soixante-dix …, quatre-vingt-dix …
            let teen = units[10 + u]
            return tens[t] + (t == 7 && u == 1 ? " et " : "-") + teen
        }
        if u == 0 { return tens[t] + (t == 8 && final ? "s" : "") }
        if u == 1 && t != 8 { return tens[t] + " et un" }
        return tens[t] + "-" + units[u]
    }

    /// An amount in euros and centimes, as written in article 2 of an avenant.
    public static func euros(cents: Int64) -> String {
        let c = cents == Int64.min ? Int64.max : abs(cents)
        let e = Int(c / 100), ct = Int(c % 100)
        var s = (cents < 0 ? "moins " : "") + words(e)
        // "un million d'euros", "deux millions d'euros": a round number of millions takes "de".
        if e >= 1_000_000 && e % 1_000_000 == 0 { s += " d'euros" } else { s += e <= 1 ? " euro" : " euros" }
        if ct > 0 { s += " et " + words(ct) + (ct == 1 ? " centime" : " centimes") }
        return s
    }

    /// An amount in figures, French style: `123 456,78 €` (narrow no-break spaces).
    public static func figures(cents: Int64) -> String {
        let c = cents == Int64.min ? Int64.max : abs(cents)
        var digits = String(c / 100), grouped = ""
        while digits.count > 3 { grouped = "\u{202F}" + digits.suffix(3) + grouped; digits.removeLast(3) }
        let fraction = String(c % 100)
        return (cents < 0 ? "−" : "") + digits + grouped + "," + (fraction.count == 1 ? "0" : "") + fraction + "\u{202F}€"
    }
}
