import Foundation

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
    /// One part of a step (step 2 has two).
    public struct Part: Sendable {
        /// The part of Fiche n°1.
        public var guide: DialogueGuide.Part
        /// The lines.
        public var lines: [Line]
    }
    /// One step of the brief.
    public struct Step: Sendable {
        /// The step of Fiche n°1.
        public var guide: DialogueGuide.Step
        /// Its parts.
        public var parts: [Part]
        /// The lines of all its parts.
        public var lines: [Line] { parts.flatMap(\.lines) }
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
    /// Step 1's families of context data (``DialogueGuide/contextFamilies``) and what of each
    /// the dataset holds (empty: to be brought by the State services or the structure).
    public var context: [(family: String, held: [String])]
    /// Step 4: the ML's funding of the results year by funder (funding.csv), largest first;
    /// empty without funding rows.
    public var funders: [(funder: Funder, amount: Double)]
    /// Step 4: « la part de financement des activités spécifiques », the funding besides the
    /// main activities (line 10 − line 10.1.a) and its share of line 10; nil when either is absent.
    public var specificActivities: (amount: Double, share: Double)?
    /// Step 4: the ML in the national matrix of the results year and of the year before
    /// (nil where it is left out or the year is absent).
    public var matrix: (now: Matrix.Point?, before: Matrix.Point?)
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
    ///
    /// - Parameters:
    ///   - ml: the Mission locale.
    ///   - dialogueYear: the year of the dialogue (results of the year before are read).
    ///   - peerCount: how many peers (**10**).
    ///   - funding: the dataset's funding rows, for step 4's funding by funder (nil: none shown).
    public func brief(ml: String, dialogueYear: Int, peerCount: Int = 10, funding: [FundingRow]? = nil) throws(BriefError) -> Brief {
        guard let region = region(of: ml) else { throw .unknownML(ml) }
        let y = dialogueYear - 1
        guard years.contains(y) else { throw .noResults(dialogueYear: dialogueYear, available: years) }
        let peers = self.peers(of: ml, year: y, count: peerCount)
        func rank(_ id: String, within t: Territory) -> Standing? {
            let d = distribution(id, within: t, year: y)
            return d.first { $0.ml.id == ml }.map { Standing(rank: $0.rank, of: d.count) }
        }
        var steps: [Brief.Step] = []
        func lines(_ ids: [String]) -> [Brief.Line] {
            ids.compactMap { Catalogue.indicator($0) }.map { line -> Brief.Line in
                let peerValues = peers.compactMap { number(line.id, for: .ml($0), year: y) }
                let mine = number(line.id, for: .ml(ml), year: y)
                let peerRank = mine.flatMap { Standing($0, among: peerValues + [$0], direction: line.direction) }
                let median = Statistics.median(peerValues)
                return Brief.Line(indicator: line, value: value(line.id, for: .ml(ml), year: y), previous: value(line.id, for: .ml(ml), year: y - 1),
                                  region: value(line.id, for: region, year: y), nation: value(line.id, for: .nation, year: y),
                                  nationalRank: rank(line.id, within: .nation), regionalRank: rank(line.id, within: region),
                                  peerMedian: median, peerRank: peerRank)
            }
        }
        for step in DialogueGuide.steps {
            steps.append(Brief.Step(guide: step, parts: step.parts.map { Brief.Part(guide: $0, lines: lines($0.lines)) }))
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
        var byFunder: [Funder: Double] = [:]
        for r in funding ?? [] where r.mlID == ml && r.year == y { byFunder[r.funder, default: 0] += r.amount }
        let funders = Funder.allCases.compactMap { f in byFunder[f].map { (funder: f, amount: $0) } }.sorted { $0.amount > $1.amount }
        var specific: (Double, Double)?
        if let total = number("10", for: .ml(ml), year: y), total > 0, let main = number("10.1.a", for: .ml(ml), year: y) {
            specific = (total - main, (total - main) / total)
        }
        func point(_ year: Int) -> Matrix.Point? { (try? matrix(year: year))?.points.first { $0.ml == ml } }
        return Brief(ml: ml, dialogueYear: dialogueYear, peers: peers, weight: weight, steps: steps, targets: targets,
                     context: contextHeld(ml, y), funders: funders, specificActivities: specific, matrix: (point(y), point(y - 1)))
    }

    /// What the dataset holds of each family of context data of step 1.
    private func contextHeld(_ ml: String, _ y: Int) -> [(family: String, held: [String])] {
        func has(_ id: String, _ b: Breakdown = .all) -> Bool { number(id, for: .ml(ml), year: y, breakdown: b) != nil }
        let population = (neet["\(ml)|\(y)"] != nil ? ["NEET"] : []) + (has("1", .qpv) ? ["1 QPV"] : []) + (has("1", .zrr) ? ["1 ZRR"] : [])
        let held: [[String]] = [has("0.1") ? ["0.1"] : [], population, has("0.2") ? ["0.2"] : [], [], [], []]
        return zip(DialogueGuide.contextFamilies, held).map { ($0, $1) }
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
