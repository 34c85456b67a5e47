/// A lever of a "what-if" scenario: a change in one Mission locale's activity, resources or
/// funding for one year, stated the way an analyst says it ("+100 entries into national
/// pathways of young people already in contact"). Each lever feeds a fixed, documented set
/// of count and sum lines (``lines``); every ratio is then recomputed from the changed
/// components, at ML, region and national level.
public enum Lever: String, Sendable, CaseIterable, Codable {
    /// Young people in contact who are not received (an information, a workshop).
    case contacts
    /// Young people received for the first time this year (an interview: they are JDI).
    case firstReceptions = "first_receptions"
    /// Young people received this year who also get a diagnostic.
    case diagnostics
    /// Young people already in contact who enter a national pathway.
    case nationalEntries = "national_entries"
    /// Young people already in contact who enter a regional or local pathway.
    case localEntries = "local_entries"
    /// New young people (first reception this year) who enter a national pathway.
    case newNationalEntries = "new_national_entries"
    /// Young people in a national pathway who start an employment situation.
    case employmentSituations = "employment_situations"
    /// Young people in a national pathway who start a training situation.
    case trainingSituations = "training_situations"
    /// Young people in a national pathway who leave it; their last exit is to employment.
    case exitsToEmployment = "exits_to_employment"
    /// … to training.
    case exitsToTraining = "exits_to_training"
    /// … with no known solution.
    case exitsWithoutSolution = "exits_without_solution"
    /// Full-time equivalents of accompaniment staff.
    case accompanimentETP = "accompaniment_etp"
    /// Full-time equivalents of other staff.
    case otherETP = "other_etp"
    /// State funding (euros).
    case stateFunding = "state_funding"
    /// European Social Fund or YEI funding (euros).
    case europeanFunding = "european_funding"
    /// Funding from regions, départements, municipalities and others (euros).
    case otherFunding = "other_funding"

    /// The count and sum lines the lever adds its amount to (and nothing else).
    public var lines: [String] {
        switch self {
        case .contacts: return ["1"]
        case .firstReceptions: return ["1", "2", "2.bis.1"]
        case .diagnostics: return ["2.1"]
        case .nationalEntries: return ["3", "3.1", "4", "4.1"]
        case .localEntries: return ["3", "3.2", "4", "4.3"]
        case .newNationalEntries: return ["1", "2", "2.bis.1", "3", "3.1", "4", "4.1"]
        case .employmentSituations: return ["4.1.f", "4.1.f.emploi", "6", "6.1", "6.1.emploi"]
        case .trainingSituations: return ["4.1.g", "6", "6.1", "6.1.formation"]
        case .exitsToEmployment: return ["8", "8.1", "8.1.f"]
        case .exitsToTraining: return ["8", "8.1", "8.1.g"]
        case .exitsWithoutSolution: return ["8", "8.1", "8.1.i"]
        case .accompanimentETP: return ["9", "9.1"]
        case .otherETP: return ["9"]
        case .stateFunding: return ["10", "10.1.b"]
        case .europeanFunding: return ["10", "10.1.c"]
        case .otherFunding: return ["10"]
        }
    }

    /// How an analyst names the lever.
    public var label: LocalizedText {
        switch self {
        case .contacts: return .init(fr: "jeunes en contact sans accueil", en: "young people in contact, not received")
        case .firstReceptions: return .init(fr: "jeunes en premier accueil", en: "young people received for the first time")
        case .diagnostics: return .init(fr: "jeunes accueillis ayant un diagnostic", en: "received young people with a diagnostic")
        case .nationalEntries: return .init(fr: "entrées en parcours national de jeunes déjà en contact", en: "entries into national pathways of young people already in contact")
        case .localEntries: return .init(fr: "entrées en parcours régional ou local de jeunes déjà en contact", en: "entries into regional or local pathways of young people already in contact")
        case .newNationalEntries: return .init(fr: "nouveaux jeunes entrant en parcours national", en: "new young people entering national pathways")
        case .employmentSituations: return .init(fr: "situations emploi de jeunes en parcours national", en: "employment situations of young people in national pathways")
        case .trainingSituations: return .init(fr: "situations formation de jeunes en parcours national", en: "training situations of young people in national pathways")
        case .exitsToEmployment: return .init(fr: "sorties de parcours national vers l'emploi", en: "exits from national pathways to employment")
        case .exitsToTraining: return .init(fr: "sorties de parcours national vers la formation", en: "exits from national pathways to training")
        case .exitsWithoutSolution: return .init(fr: "sorties de parcours national sans solution connue", en: "exits from national pathways with no known solution")
        case .accompanimentETP: return .init(fr: "ETP d'accompagnement", en: "accompaniment FTEs")
        case .otherETP: return .init(fr: "autres ETP", en: "other FTEs")
        case .stateFunding: return .init(fr: "financement de l'Etat (€)", en: "State funding (€)")
        case .europeanFunding: return .init(fr: "financement FSE / IEJ (€)", en: "ESF / YEI funding (€)")
        case .otherFunding: return .init(fr: "autres financements (€)", en: "other funding (€)")
        }
    }
}

/// A named "what-if": changes to the components of some MLs in some years. Regions and the
/// nation follow, since their values are sums of their MLs' components.
///
/// ```swift
/// var s = Scenario(name: "plus d'entrées")
/// s.changes.append(.init(ml: "ML069-LYON", year: 2016, lever: .nationalEntries, amount: 100))
/// let what = dashboard.applying(s)
/// what.value("R5", for: .ml("ML069-LYON"), year: 2016)   // (3 + 100) / 1
/// ```
///
/// Levers act on the breakdown `all` (they do not say who the young people are); the
/// breakdowns keep their observed values. A component that is absent stays absent.
public struct Scenario: Hashable, Sendable, Codable {
    /// One change of a scenario.
    public struct Change: Hashable, Sendable, Codable {
        /// The Mission locale.
        public var ml: String
        /// The year.
        public var year: Int
        /// The lever.
        public var lever: Lever
        /// The amount (young people, FTEs or euros).
        public var amount: Double
        /// Creates a value from its fields.
        public init(ml: String, year: Int, lever: Lever, amount: Double) {
            self.ml = ml; self.year = year; self.lever = lever; self.amount = amount
        }
    }
    /// The name.
    public var name: String
    /// The changes, in order.
    public var changes: [Change]
    /// Creates a value from its fields.
    public init(name: String, changes: [Change] = []) { self.name = name; self.changes = changes }
}

/// Why a scenario cannot be applied.
public enum ScenarioError: Error, Hashable, Sendable {
    /// No such Mission locale.
    case unknownML(String)
    /// The year is not in the dataset.
    case unknownYear(Int)
    /// The change would make a count negative, or a "dont" line exceed its parent.
    case inconsistent(line: String, value: Double, limit: Double)
}

extension Dashboard {
    /// The dashboard as it would be with the scenario's changes. Throws when a change names an
    /// unknown ML or year, or would leave a count negative or above its parent line.
    public func applying(_ scenario: Scenario) throws(ScenarioError) -> Dashboard {
        var table = self.table
        let all = Breakdown.all.order
        for c in scenario.changes {
            guard let ml = table.territoryIndex[.ml(c.ml)] else { throw .unknownML(c.ml) }
            guard let yi = years.firstIndex(of: c.year) else { throw .unknownYear(c.year) }
            for t in table.territories.indices where table.members[t].contains(ml) {
                for line in c.lever.lines { table[t, yi, all, Slots.index[line]!] += c.amount }
            }
        }
        // Counts stay counts: never negative, a "dont" line never above its parent.
        for c in scenario.changes {
            guard let ml = table.territoryIndex[.ml(c.ml)], let yi = years.firstIndex(of: c.year) else { continue }
            for line in c.lever.lines {
                let v = table[ml, yi, all, Slots.index[line]!]
                if v < 0 { throw .inconsistent(line: line, value: v, limit: 0) }
                if let parent = Catalogue.indicator(line)?.parentID, let slot = Slots.index[parent] {
                    let p = table[ml, yi, all, slot]
                    if !v.isNaN, !p.isNaN, v > p + 1e-9 { throw .inconsistent(line: line, value: v, limit: p) }
                }
            }
        }
        return Dashboard(self, table: table)
    }
}
