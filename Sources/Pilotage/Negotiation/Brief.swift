import Foundation

/// The four steps of Fiche n°1 ("Notice d'appui au dialogue de gestion"), as catalogue data:
/// their titles and "Thématiques à aborder" verbatim, and the dashboard lines each step reads.
public enum DialogueGuide {
    /// One step of the brief.
    public struct Step: Hashable, Sendable {
        /// Verbatim title of the step in Fiche n°1.
        public var title: String
        /// The headings of its "Thématiques à aborder", verbatim.
        public var themes: [String]
        /// The dashboard lines the step reads.
        public var lines: [String]
        /// What the instruction leaves undefined for this step, said plainly.
        public var note: LocalizedText?
    }

    /// The steps.
    public static let steps: [Step] = [
        Step(title: "1. ANALYSE ET PARTAGE DU CONTEXTE",
             themes: ["Le poids régional de la Mission locale est déterminé à partir du nombre de jeunes actifs non occupés (JANO) et NEET (ni à l'école, ni en formation, ni en emploi), du nombre de demandeurs d'emploi en fin de mois (DEFM) et du nombre de jeunes en demande d'insertion (jeunes ayant eu au moins un entretien dans les cinq derniers mois ou JDI)."],
             lines: ["0.1", "0.2", "R1", "R4"], note: nil),
        Step(title: "2. LE PARCOURS D'ACCOMPAGNEMENT CONTRACTUALISE",
             themes: ["a. Implantation et visibilité", "b. Organisation de la ML", "c. Repérage", "d. Accueil", "e. Information",
                      "f. Diagnostic – orientation", "g. Consolidation de projet", "a. Modalités d'accompagnement", "b. L'offre de service",
                      "c. Partenariat", "d. Complétude de l'offre de service"],
             lines: ["1", "2", "R2", "2.1", "R3", "2.2", "2.bis.1", "3", "R5", "R6", "3.1", "3.2", "4", "4.1", "R7", "4.1.f", "4.1.g", "4.1.h",
                     "R8", "R9", "4.3", "4.4", "5", "6", "7", "8", "8.1", "8.1.f", "R10", "R11", "D.1", "RG", "O.4"], note: nil),
        Step(title: "3. OFFRE DE SERVICE AUX EMPLOYEURS",
             themes: ["a. L'offre de service aux employeurs", "b. L'animation d'un réseau d'employeurs", "c. Les partenariats"],
             lines: [],
             note: .init(fr: "L'instruction ne définit pas d'indicateur pour l'offre de service aux employeurs (ligne « Offre de service employeur » de la Fiche n°2) : rien n'est calculé.",
                         en: "The instruction defines no indicator for the service offer to employers (line \"Offre de service employeur\" of Fiche n°2): nothing is computed.")),
        Step(title: "4. ETAPE CONCLUSIVE- MESURE DE LA DYNAMIQUE GLOBALE ADEQUATION RESSOURCES, PLAN D' ACTIONS ET D'OBJECTIFS",
             themes: ["a. Mobilisation des financements", "b. Dans le cadre des financements", "c. Vision partagée des financeurs"],
             lines: ["9", "9.1", "R12", "R13", "10", "10.1.b", "10.1.d", "10.1.e"],
             note: .init(fr: "Les financements et les ETP de l'année écoulée sont provisoires : le compte rendu financier est arrêté en juin.",
                         en: "Funding and staff of the past year are provisional: the financial report closes in June.")),
    ]

    /// The national targets of Annexe n°1 that give only a direction ("Augmenter …"), checked
    /// N against N−1: the verbatim target and the lines that measure it.
    public static let directionTargets: [(target: String, lines: [String])] = [
        ("Augmenter le nombre de jeunes en parrainage", ["4.1.h"]),
        ("Augmenter le nombre des périodes d'immersion, de situations professionnelles emploi et formation", ["4.1.f.immersion", "4.1.f.emploi", "4.1.g"]),
        ("Augmenter le nombre de jeunes sortis en emploi dont les entrées en apprentissage et en création d'activité", ["8.1.f", "8.1.f.apprentissage", "8.1.f.creation"]),
    ]
}

/// The brief of a dialogue de gestion for one ML: the four steps of Fiche n°1, each line with
/// its previous year, region, nation, rank and quartile among all MLs and in the region, and
/// the ML's peers.
public struct Brief: Sendable {
    /// One dashboard line of the brief.
    public struct Line: Sendable {
        /// The catalogue line.
        public var indicator: Indicator
        /// The value.
        public var value: Result<Double, Unavailability>
        /// The value of the year before.
        public var previous: Result<Double, Unavailability>
        /// The value for the region.
        public var region: Result<Double, Unavailability>
        /// The value for the nation.
        public var nation: Result<Double, Unavailability>
        /// Rank (1 = best in the line's direction) and quartile among all MLs (``Standing``).
        public var nationalRank: Standing?
        /// Rank and quartile among the MLs of the region.
        public var regionalRank: Standing?
        /// Median of the peers.
        public var peerMedian: Double?
        /// Rank and quartile among the ML and its peers: what the synthesis files.
        public var peerRank: Standing?
    }
    /// One step of the brief.
    public struct Step: Sendable {
        /// The step of Fiche n°1.
        public var guide: DialogueGuide.Step
        /// The lines.
        public var lines: [Line]
    }
    /// The Mission locale.
    public var ml: String
    /// The year of the dialogue; it reads `resultYear` (Y−1) against `previousYear` (Y−2).
    public var dialogueYear: Int
    /// The year of the results read (Y−1).
    public var resultYear: Int { dialogueYear - 1 }
    /// The year compared (Y−2).
    public var previousYear: Int { dialogueYear - 2 }
    /// The nearest MLs in context, nearest first.
    public var peers: [String]
    /// The ML's share of its region's JANO, NEET, DEFM and JDI (nil where a value is absent).
    public var weight: [(label: String, share: Double?)]
    /// The steps.
    public var steps: [Step]
    /// The direction-only national targets: N−1 against N−2 for each line.
    public var targets: [(target: String, line: String, now: Double?, before: Double?)]
}

/// Why a brief cannot be made.
public enum BriefError: Error, Hashable, Sendable {
    /// No such Mission locale.
    case unknownML(String)
    /// The dataset lacks the year of the results (dialogue year − 1).
    case noResults(dialogueYear: Int, available: [Int])
}

extension Dashboard {
    /// The `count` MLs nearest to `ml` in context: Euclidean distance on the standardised
    /// log of JANO, DEFM/JANO, and the shares of young people in contact living in a QPV and
    /// in a ZRR (year `year`); ties by ml_id. MLs lacking a feature are not candidates.
    public func peers(of ml: String, year: Int, count: Int = 10) -> [String] {
        let mls = territories(.ml)
        func features(_ t: Territory) -> [Double]? {
            guard let jano = number("0.1", for: t, year: year), jano > 0, let defm = number("0.2", for: t, year: year),
                  let contacts = number("1", for: t, year: year), contacts > 0,
                  let qpv = number("1", for: t, year: year, breakdown: .qpv), let zrr = number("1", for: t, year: year, breakdown: .zrr) else { return nil }
            return [log(jano), defm / jano, qpv / contacts, zrr / contacts]
        }
        let known = mls.compactMap { t in features(t).map { (t.id, $0) } }
        guard let own = known.first(where: { $0.0 == ml }) else { return [] }
        let columns = (0..<4).map { k in Statistics.zScores(known.map { $0.1[k] }) }
        let index = Dictionary(uniqueKeysWithValues: known.enumerated().map { ($1.0, $0) })
        let me = index[own.0]!
        func distance(_ i: Int) -> Double { (0..<4).reduce(0) { $0 + pow(columns[$1][i] - columns[$1][me], 2) }.squareRoot() }
        return known.indices.filter { $0 != me }
            .sorted { a, b in
                let da = distance(a), db = distance(b)
                return da != db ? da < db : known[a].0.utf8.lexicographicallyPrecedes(known[b].0.utf8)
            }
            .prefix(count).map { known[$0].0 }
    }

    /// The brief of the dialogue held in `dialogueYear` for an ML: results of the year before,
    /// against the year before that, the region, the nation, all MLs and the peers.
    public func brief(ml: String, dialogueYear: Int, peerCount: Int = 10) throws(BriefError) -> Brief {
        guard let region = region(of: ml) else { throw .unknownML(ml) }
        let y = dialogueYear - 1
        guard years.contains(y) else { throw .noResults(dialogueYear: dialogueYear, available: years) }
        let peers = self.peers(of: ml, year: y, count: peerCount)
        func rank(_ id: String, within t: Territory) -> Standing? {
            let d = distribution(id, within: t, year: y)
            return d.first { $0.ml.id == ml }.map { Standing(rank: $0.rank, of: d.count) }
        }
        var steps: [Brief.Step] = []
        for step in DialogueGuide.steps {
            let lines = step.lines.compactMap { Catalogue.indicator($0) }.map { line -> Brief.Line in
                let peerValues = peers.compactMap { number(line.id, for: .ml($0), year: y) }
                let mine = number(line.id, for: .ml(ml), year: y)
                let peerRank = mine.flatMap { Standing($0, among: peerValues + [$0], direction: line.direction) }
                let median = Statistics.median(peerValues)
                return Brief.Line(indicator: line, value: value(line.id, for: .ml(ml), year: y), previous: value(line.id, for: .ml(ml), year: y - 1),
                                  region: value(line.id, for: region, year: y), nation: value(line.id, for: .nation, year: y),
                                  nationalRank: rank(line.id, within: .nation), regionalRank: rank(line.id, within: region),
                                  peerMedian: median, peerRank: peerRank)
            }
            steps.append(Brief.Step(guide: step, lines: lines))
        }
        func share(_ id: String, _ b: Breakdown = .all) -> Double? {
            guard let a = number(id, for: .ml(ml), year: y, breakdown: b), let r = number(id, for: region, year: y, breakdown: b), r > 0 else { return nil }
            return a / r
        }
        let weight: [(String, Double?)] = [("JANO (0.1)", share("0.1")), ("NEET", neetShare(ml, region, y)), ("DEFM (0.2)", share("0.2")), ("JDI (2.bis.1)", share("2.bis.1"))]
        var targets: [(String, String, Double?, Double?)] = []
        for t in DialogueGuide.directionTargets {
            for id in t.lines { targets.append((t.target, id, number(id, for: .ml(ml), year: y), number(id, for: .ml(ml), year: y - 1))) }
        }
        return Brief(ml: ml, dialogueYear: dialogueYear, peers: peers, weight: weight, steps: steps, targets: targets)
    }

    /// The ML's share of its region's NEET, when every ML of the region has the value.
    private func neetShare(_ ml: String, _ region: Territory, _ year: Int) -> Double? {
        guard let own = neet["\(ml)|\(year)"] else { return nil }
        var total = 0.0
        for m in missions(in: region) {
            guard let v = neet["\(m.id)|\(year)"] else { return nil }
            total += v
        }
        return total > 0 ? own / total : nil
    }
}

/// The synthesis table of Fiche n°1 ("Synthèse du dialogue de gestion - plan d'action"): five
/// themes × forces / axes de progrès / actions prioritaires, pre-filled from the brief — a ratio
/// in the best quartile of the ML and its peers (its ``Standing`` in the brief, read in the
/// line's ``Direction``) is a force, one in the worst quartile an axe de progrès; at least 4
/// values are needed — and then edited by the analyst.
public struct Synthesis: Hashable, Sendable {
    /// A ratio that stands out among the peers.
    public struct Finding: Hashable, Sendable {
        /// The catalogue line's identifier.
        public var indicatorID: String
        /// The value.
        public var value: Double
        /// The ML's rank among itself and its peers (1 = best, in the ratio's direction): the
        /// brief's peer rank.
        public var rank: Int, of: Int
        /// The median of the peers.
        public var peerMedian: Double?
    }
    /// One theme of the table.
    public struct Theme: Hashable, Sendable {
        /// Verbatim from Fiche n°1.
        public var title: String
        /// Ratios in the top quarter of the ML and its peers.
        public var forces: [Finding]
        /// Ratios in the bottom quarter of the ML and its peers.
        public var axes: [Finding]
    }
    /// The five themes of the table, verbatim.
    public static let titles = [
        "Analyse et partage du contexte",
        "Parcours d'accompagnement vers et dans l'emploi dont les actions menées pour favoriser l'accès des jeunes à l'autonomie et au droit commun.",
        "Offre de service aux employeurs",
        "Ingénierie de projets",
        "Mesure de la dynamique globale Adéquation ressources",
    ]
    /// The themes.
    public var themes: [Theme]

    /// Pre-fills the table from a brief.
    public init(_ brief: Brief) {
        // The brief's steps feed themes 1, 2 and 5; employers and project engineering have no indicator.
        let stepOfTheme: [Int?] = [0, 1, nil, nil, 3]
        themes = Synthesis.titles.enumerated().map { k, title in
            var forces: [Finding] = [], axes: [Finding] = []
            if let step = stepOfTheme[k] {
                for line in brief.steps[step].lines where line.indicator.isQuotient && line.indicator.direction != .none {
                    guard let value = try? line.value.get(), let peer = line.peerRank, peer.of >= 4 else { continue }
                    let finding = Finding(indicatorID: line.indicator.id, value: value, rank: peer.rank, of: peer.of, peerMedian: line.peerMedian)
                    if peer.isBestQuarter { forces.append(finding) } else if peer.isWorstQuarter { axes.append(finding) }
                }
            }
            return Theme(title: title, forces: forces, axes: axes)
        }
    }
}
