/// A tiny built-in dataset for teaching the indicator definitions: six fictional young people
/// of one Mission locale, each walking part of the pathway (repérage → accueil → diagnostic →
/// séquence d'orientation → parcours contractualisé → situations → sortie) in 2016.
///
/// ```swift
/// let counted = Training.counted(in: "3")   // the young people line 3 counts in 2016
/// ```
public enum Training {
    /// The year.
    public static let year = 2016
    /// The Mission locale.
    public static let ml = "ML-FORMATION"

    /// A young person of the lesson: a pseudonym and their story.
    public struct Person: Hashable, Sendable {
        /// The identifier.
        public var id: String
        /// Their story, in words.
        public var story: LocalizedText
    }

    /// The six young people.
    public static let people: [Person] = [
        .init(id: "Ana", story: .init(fr: "vient à un atelier d'information le 10 février 2016, sans être accueillie ensuite.",
                                      en: "comes to an information workshop on 10 February 2016 and is never received.")),
        .init(id: "Bilal", story: .init(fr: "1er accueil le 15 janvier 2016, diagnostic le 1er mars, entretien le 12 septembre ; pas de parcours.",
                                        en: "first reception on 15 January 2016, diagnostic on 1 March, interview on 12 September; no pathway.")),
        .init(id: "Chloé", story: .init(fr: "1er accueil le 1er février 2016, diagnostic le 15 février, séquence d'orientation du 1er mars au 15 mai, parcours CIVIS dès le 1er juin (en cours), CDD du 1er septembre au 30 novembre.",
                                        en: "first reception on 1 February 2016, diagnostic on 15 February, orientation sequence from 1 March to 15 May, CIVIS from 1 June (ongoing), fixed-term job from 1 September to 30 November.")),
        .init(id: "David", story: .init(fr: "1er accueil le 10 novembre 2015, diagnostic le 1er décembre 2015, CIVIS du 5 janvier au 31 octobre 2016, sorti en CDI.",
                                        en: "first reception on 10 November 2015, diagnostic on 1 December 2015, CIVIS from 5 January to 31 October 2016, left with a permanent job.")),
        .init(id: "Emma", story: .init(fr: "1er accueil le 3 mars 2016, diagnostic le 10 mars, CIVIS du 1er avril au 31 décembre 2016, sortie sans solution connue.",
                                       en: "first reception on 3 March 2016, diagnostic on 10 March, CIVIS from 1 April to 31 December 2016, left with no known solution.")),
        .init(id: "Farid", story: .init(fr: "1er accueil le 2 mai 2016, diagnostic le 20 mai, parcours local dès le 1er juin (en cours), formation qualifiante dès le 3 octobre.",
                                        en: "first reception on 2 May 2016, diagnostic on 20 May, local pathway from 1 June (ongoing), qualifying training from 3 October.")),
    ]

    /// The steps of the lesson and the lines each one teaches.
    public static let steps: [(title: LocalizedText, lines: [String])] = [
        (.init(fr: "Repérage : le contact", en: "Outreach: contact"), ["1"]),
        (.init(fr: "Accueil : le premier accueil", en: "Reception: first reception"), ["2", "2.bis.1"]),
        (.init(fr: "Diagnostic", en: "Diagnostic"), ["2.1", "D.1"]),
        (.init(fr: "Séquence d'orientation", en: "Orientation sequence"), ["S.1"]),
        (.init(fr: "Parcours contractualisé : entrées et présence", en: "Contractualised pathway: entries and presence"), ["3", "3.1", "3.2", "4", "4.1", "4.3"]),
        (.init(fr: "Situations pendant le parcours", en: "Situations during the pathway"), ["4.1.f", "4.1.g", "6", "6.1", "6.2"]),
        (.init(fr: "Sortie", en: "Exit"), ["8", "8.1", "8.1.f", "8.1.i"]),
    ]

    /// Every line the lesson teaches, in order.
    public static var lines: [String] { steps.flatMap(\.lines) }

    static func day(_ y: Int, _ m: Int, _ d: Int) -> Day { Day(year: y, month: m, day: d)! }

    /// The records of each young person, by pseudonym.
    static func records(_ id: String) -> (youth: Youth, events: [Event], pathways: [Pathway], situations: [Situation]) {
        let youth = Youth(id: id, mlID: ml, sex: ["Ana", "Chloé", "Emma"].contains(id) ? .female : .male, birthDate: day(1997, 6, 1),
                          level: id == "Farid" ? .vBis : .iv, diploma: id != "Farid", qpv: id == "Bilal", zrr: false, neet: false)
        switch id {
        case "Ana":
            return (youth, [Event(youthID: id, date: day(2016, 2, 10), kind: .atelier)], [], [])
        case "Bilal":
            return (youth, [Event(youthID: id, date: day(2016, 1, 15), kind: .accueil), Event(youthID: id, date: day(2016, 3, 1), kind: .diagnostic),
                            Event(youthID: id, date: day(2016, 9, 12), kind: .entretien(.physique))], [], [])
        case "Chloé":
            return (youth, [Event(youthID: id, date: day(2016, 2, 1), kind: .accueil), Event(youthID: id, date: day(2016, 2, 15), kind: .diagnostic)],
                    [Pathway(id: "P-C1", youthID: id, program: .orientation, start: day(2016, 3, 1), end: day(2016, 5, 15), outcome: .autre),
                     Pathway(id: "P-C2", youthID: id, program: .civis, start: day(2016, 6, 1))],
                    [Situation(id: "S-C1", youthID: id, kind: .emploi(.cdd, durable: false, nonMarket: false), start: day(2016, 9, 1), end: day(2016, 11, 30))])
        case "David":
            return (youth, [Event(youthID: id, date: day(2015, 11, 10), kind: .accueil), Event(youthID: id, date: day(2015, 12, 1), kind: .diagnostic)],
                    [Pathway(id: "P-D1", youthID: id, program: .civis, start: day(2016, 1, 5), end: day(2016, 10, 31), outcome: .emploi(.cdi, durable: true, nonMarket: false))], [])
        case "Emma":
            return (youth, [Event(youthID: id, date: day(2016, 3, 3), kind: .accueil), Event(youthID: id, date: day(2016, 3, 10), kind: .diagnostic)],
                    [Pathway(id: "P-E1", youthID: id, program: .civis, start: day(2016, 4, 1), end: day(2016, 12, 31), outcome: .sansSolution)], [])
        default:
            return (youth, [Event(youthID: id, date: day(2016, 5, 2), kind: .accueil), Event(youthID: id, date: day(2016, 5, 20), kind: .diagnostic)],
                    [Pathway(id: "P-F1", youthID: id, program: .local, start: day(2016, 6, 1))],
                    [Situation(id: "S-F1", youthID: id, kind: .formation(.qualifiante), start: day(2016, 10, 3))])
        }
    }

    /// The dataset of some of the young people (valid by construction; the tests check it builds).
    static func dataset(_ ids: [String]) -> Dataset? {
        let r = ids.map(records)
        return try? Dataset(manifest: Manifest(name: "formation", years: [2015, 2016]), regions: [Region(code: "84", name: "Région de formation")],
                            missions: [MissionLocale(id: ml, name: "Mission locale de formation", regionCode: "84", departmentCode: "69", legalForm: .association)],
                            youth: r.map(\.youth), events: r.flatMap(\.events), pathways: r.flatMap(\.pathways), situations: r.flatMap(\.situations))
    }

    /// The whole tiny dataset.
    public static var dataset: Dataset? { dataset(people.map(\.id)) }

    /// The young people a count line counts in 2016, by the engine: each person alone in a dataset.
    public static func counted(in line: String) -> [String] {
        people.map(\.id).filter { id in alone[id]?.number(line, for: .ml(ml), year: year) == 1 }
    }

    /// Each young person's dashboard, alone in a dataset: computed once, read by every line.
    private static let alone: [String: Dashboard] = Dictionary(uniqueKeysWithValues: people.compactMap { p in
        dataset([p.id]).map { (p.id, Dashboard($0)) }
    })

    /// Which young people each line of the lesson counts, as computed by the engine.
    public static func table() -> [(line: String, counted: [String])] { lines.map { ($0, counted(in: $0)) } }
}
