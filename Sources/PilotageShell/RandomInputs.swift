import Foundation
import Pilotage

/// Random REPL lines for robustness testing: token sequences drawn from the language's own
/// vocabulary (commands, keywords, ids, territories, numbers, symbols), broken valid queries
/// (tokens dropped, repeated, swapped) and raw noise (unicode, control characters, quotes).
/// Deterministic for a seed. Used by `pilotage fuzz` and the test suite.
public struct RandomInputs: Sendable {
    var state: UInt64

    public init(seed: UInt64) { state = seed &* 0x9E37_79B9_7F4A_7C15 | 1 }

    mutating func next() -> UInt64 {
        state ^= state << 13; state ^= state >> 7; state ^= state << 17
        return state
    }
    mutating func below(_ n: Int) -> Int { Int(next() % UInt64(max(1, n))) }
    mutating func pick<T>(_ a: [T]) -> T { a[below(a.count)] }

    static let valid = [
        "show R10 of mls in 84 year 2016 sort R10 asc with region,nation",
        "show ratios of ML069-LYON with region,nation change why",
        "show R10 of mls where R10 < median and R5 > 15%",
        "show 8.1.f,R10 of regions,nation breakdown women,qpv format json",
        "show R5 of regions years all spark", "show R10 of mls in 84 chart top 3",
        "show 4.1.* of nation years 2015-2017 format markdown", "let x = R5,R10", "show $x of lyon",
        "explain R5", "catalogue kind ratio", "help show", "lang en", "lang fr", "format csv", "format table",
        "timer on", "timer off", "info", "validate",
        "scenario new s", "scenario add s national_entries 100 of ML069-LYON year 2016", "scenario show s of 84",
        "seek R10 = 40% of lyon by exits_to_employment", "sensitivity R5 of lyon by contacts 0,10 and national_entries -5,5", "levers",
        "convention of lyon", "funding of lyon year 2016 +6% set", "funding of lyon year 2017 = 150000 clamp", "brief of lyon for 2017 peers 3",
        "annotate lyon 2.1.c \"x\"", "matrix of 84 year 2016 highlight lyon", "objective propose R10 of lyon for 2017", "avenant of lyon for 2017",
        "avenant set lyon place \"Lyon\"", "convention new C of lyon from 2019 to 2022 socle 1", "lesson 3", "quiz", "answer 2", "answer b",
    ]
    static let words = [
        "show", "voir", "explain", "catalogue", "help", "let", "format", "timer", "lang", "info", ".read", "load", "quit",
        "of", "by", "in", "year", "years", "breakdown", "with", "change", "vs", "N-1", "sort", "asc", "desc", "top", "bottom",
        "where", "and", "chart", "spark", "to", "why", "ml", "region", "nation", "mls", "regions", "all", "ratios", "exit",
        "R1", "R5", "R10", "R13", "RG", "1", "2.bis.1", "4.1.*", "4.2.m12", "8.1.f", "10.1.e", "0.1", "S.1", "D.1", "O.4",
        "84", "32", "ML069-LYON", "ML999", "\"Mission locale de Lyon\"", "lyon", "2015", "2016", "2017", "2015-2017", "1999",
        "women", "qpv", "neet", "median", "q1", "q3", "mean", "40%", "0.4", "-3", "1e308", "nan", "inf", "0", "999999999999999999999",
        "scenario", "seek", "sensitivity", "levers", "new", "add", "copy", "delete", "list", "s", "contacts", "national_entries",
        "exits_to_employment", "state_funding", "accompaniment_etp", "-100", "99999", "convention", "funding", "clamp", "set", "+6%", "-12%", "brief", "annotate", "matrix", "highlight", "peers", "for", "objective", "propose", "avenant", "socle", "from",
        ",", ",", "=", "<", "<=", ">", ">=", "(", ")", "|", "$x", "$", "$y", "#", "\\", "\"", "csv", "json", "markdown", "x.svg",
        "format", "de", "en", "pairs", "hausse", "decrease", "points", "synthesis", "+5.77%", "-1000%", "10000000000000", "0.005",
        "R8", "2018", "without", "fipj", "nouvelle", "forces", "2.1.c", "chorus_ml",
    ]
    static let noise: [Character] = ["\u{0}", "\u{7}", "\t", "\r", "é", "€", "\u{202F}", "🙂", "\u{301}", "\\", "\"", "$", "#", "%", ",", "<", "-", ".", "*", "\u{FEFF}"]

    /// A query built from the grammar, so that most clauses are valid and evaluated.
    mutating func query() -> String {
        let lines = ["R10", "R5,R10", "ratios", "exit", "4.1.*", "1,2,3", "10.1.e", "0.1", "S.1", "RG", "4.2.m12", "9.1"]
        let territories = ["nation", "mls", "mls in 84", "regions", "ML069-LYON", "lyon", "84,32", "\"Mission locale de Lille\"", "nation,regions"]
        var q = "show " + pick(lines)
        if below(3) > 0 { q += " of " + pick(territories) }
        let clauses = [" year 2016", " years all", " years 2015-2016", " breakdown women", " breakdown qpv,neet,all", " with region,nation",
                       " change", " sort R10 asc", " sort 1", " top 3", " bottom 2", " where R10 < median", " where R5 >= 15% and 1 > 100",
                       " where R11 > region", " chart", " spark", " why", " format json", " format markdown", " format csv"]
        for _ in 0..<below(5) { q += pick(clauses) }
        return q
    }

    /// The next random line.
    public mutating func line() -> String {
        switch below(12) {
        case 10, 11: return query()
        case 0...4:   // words of the language in random order
            return (0..<(1 + below(14))).map { _ in Self.words[below(Self.words.count)] }.joined(separator: below(8) == 0 ? "" : " ")
        case 5...7:   // a valid line, broken
            var tokens = Self.valid[below(Self.valid.count)].split(separator: " ").map(String.init)
            for _ in 0..<(1 + below(3)) {
                let i = below(tokens.count)
                switch below(4) {
                case 0: tokens.remove(at: i)
                case 1: tokens.insert(Self.words[below(Self.words.count)], at: i)
                case 2: tokens.swapAt(i, below(tokens.count))
                default:   // a typo: two characters swapped
                    var chars = Array(tokens[i])
                    if chars.count > 1 { chars.swapAt(below(chars.count), below(chars.count)) }
                    tokens[i] = String(chars)
                }
                if tokens.isEmpty { tokens = ["show"] }
            }
            return tokens.joined(separator: " ")
        default:      // noise
            return String((0..<below(40)).map { _ in below(3) == 0 ? Self.noise[below(Self.noise.count)] : Character(Unicode.Scalar(UInt8(32 + below(95)))) })
        }
    }
}
