/// A territory of the dashboard: a Mission locale, a region or the nation.
public struct Territory: Hashable, Sendable, CustomStringConvertible {
    /// The territorial level.
    public let level: Level
    /// `ml_id`, `region_code`, or `FR`.
    public let id: String

    /// Creates a value from its fields.
    public init(level: Level, id: String) { self.level = level; self.id = id }

    /// A Mission locale by its identifier.
    public static func ml(_ id: String) -> Territory { Territory(level: .ml, id: id) }
    /// A region by its code.
    public static func region(_ code: String) -> Territory { Territory(level: .region, id: code) }
    /// The nation (`FR`).
    public static let nation = Territory(level: .national, id: "FR")

    /// A description for logs and messages.
    public var description: String { "\(level.rawValue):\(id)" }
}

/// Why a dashboard cell has no value. A cell that cannot be computed is absent, never 0.
public enum Unavailability: Error, Hashable, Sendable, CustomStringConvertible {
    /// No such line in the catalogue.
    case unknownIndicator(String)
    /// A placeholder line: the instruction leaves it undefined.
    case notDefined(String)
    /// No such territory in the dataset.
    case unknownTerritory(Territory)
    /// The year is not in the dataset.
    case unknownYear(Int)
    /// The line does not exist under this breakdown.
    case breakdownNotApplicable(String, Breakdown)
    /// An optional file is absent from the dataset.
    case missingFile(String)
    /// Some Missions locales of the territory have no row of `file` for the year.
    case missingRows(file: String, mlIDs: [String])
    /// An aggregate dataset has no value for a component.
    case missingValue(indicator: String, mlIDs: [String])
    /// R2 needs year N−1 in the dataset.
    case noPreviousYear(Int)
    /// The denominator is 0.
    case zeroDenominator(String)
    /// A mean over no record.
    case noRecords(String)
    /// A mean of an aggregate dataset cannot be rebuilt above ML level without its `.n` line.
    case meanWithoutCount(String)
    /// The line does not read national pathways: it has no programme breakdown.
    case noProgrammeBreakdown(String)
    /// No programme table for this programme (not a national programme).
    case noProgrammeTable(Program)
    /// An aggregate dataset has no programme row (`breakdown` = the programme's code) for a component.
    case missingProgrammeValue(indicator: String, programme: Program, mlIDs: [String])

    /// The reason in words.
    public func explanation(_ language: Language) -> String {
        func list(_ ids: [String]) -> String { ids.count <= 5 ? ids.joined(separator: ", ") : ids.prefix(5).joined(separator: ", ") + " … (+\(ids.count - 5))" }
        func say(_ key: Messages.Key, _ args: String...) -> String { Messages.text(key, language, args) }
        switch self {
        case .unknownIndicator(let id): return say(.unavailableUnknownIndicator, id)
        case .notDefined(let id): return say(.unavailableNotDefined, id)
        case .unknownTerritory(let t): return say(.unavailableUnknownTerritory, t.id)
        case .unknownYear(let y): return say(.unavailableUnknownYear, String(y))
        case .breakdownNotApplicable(let id, let b): return say(.unavailableBreakdown, id, b.label(language))
        case .missingFile(let f): return say(.unavailableMissingFile, f)
        case .missingRows(let f, let ids): return say(.unavailableMissingRows, f, list(ids))
        case .missingValue(let ind, let ids): return say(.unavailableMissingValue, ind, list(ids))
        case .noPreviousYear(let y): return say(.unavailableUnknownYear, String(y - 1))
        case .zeroDenominator(let id): return say(.unavailableZeroDenominator, id)
        case .noRecords(let id): return say(.unavailableNoRecords, id)
        case .meanWithoutCount(let id): return say(.unavailableMeanWithoutCount, id)
        case .noProgrammeBreakdown(let id): return say(.unavailableNoProgrammeBreakdown, id)
        case .noProgrammeTable(let p): return say(.unavailableNoProgrammeTable, p.rawValue)
        case .missingProgrammeValue(let ind, let p, let ids):
            return say(.unavailableMissingProgrammeValue, ind, p.rawValue, list(ids))
        }
    }

    /// A description for logs and messages.
    public var description: String { explanation(.en) }
}
