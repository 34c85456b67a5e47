/// The manifest of a dataset (`dataset.json`).
public struct Manifest: Hashable, Sendable {
    /// The only format this version reads and writes.
    public static let formatName = "pilotage-dataset"
    /// The highest version this SDK reads.
    public static let currentVersion = 1

    /// The name.
    public var name: String
    /// A description for logs and messages.
    public var description: String
    /// The calendar years the data covers (indicator periods), ascending.
    public var years: [Int]
    /// Keys the format does not define, kept as JSON text so that a written dataset keeps them.
    public var extra: [String: String]

    /// Creates a value from its fields.
    public init(name: String, description: String = "", years: [Int], extra: [String: String] = [:]) {
        self.name = name; self.description = description; self.years = years.sorted(); self.extra = extra
    }
}

/// Whether a dataset holds microdata or already aggregated indicators.
public enum DatasetKind: String, Sendable {
    /// youth, events, pathways and situations: every line is computed.
    case microdata
    /// indicators.csv, as a State service receives the CPO dashboard.
    case aggregate
}

/// A dataset in memory: the reference files as typed values, the microdata in a compact
/// columnar store designed for the indicator engine.
///
/// ```swift
/// let dataset = try Dataset.load(from: "Playground/data/demo")
/// print(dataset.missions.count, dataset.youthCount)
/// ```
///
/// A `Dataset` is an immutable value: share it freely across tasks.
public struct Dataset: Sendable {
    /// The manifest (`dataset.json`).
    public let manifest: Manifest
    /// Regions in file order.
    public let regions: [Region]
    /// Missions locales in file order.
    public let missions: [MissionLocale]
    /// Context rows; `nil` when `context.csv` is absent.
    public let contexts: [TerritorialContext]?
    /// Staff rows; `nil` when `resources.csv` is absent.
    public let resources: [StaffResources]?
    /// Funding rows; `nil` when `funding.csv` is absent.
    public let funding: [FundingRow]?
    /// The conventions (CPO) with their yearly subsidies and objectives; `nil` when
    /// `conventions.csv` is absent.
    public let conventions: [Convention]?

    let micro: MicroStore?
    let aggregate: AggregateStore?
    /// The cache's snapshot file the microdata were read from (``SnapshotCache``); `nil` when
    /// they were parsed from the CSV files.
    public internal(set) var snapshotFile: String?

    /// The kind.
    public var kind: DatasetKind { micro != nil ? .microdata : .aggregate }
    /// The years, ascending.
    public var years: [Int] { manifest.years }

    init(manifest: Manifest, regions: [Region], missions: [MissionLocale], contexts: [TerritorialContext]?,
         resources: [StaffResources]?, funding: [FundingRow]?, conventions: [Convention]? = nil, micro: MicroStore?, aggregate: AggregateStore?) {
        self.manifest = manifest; self.regions = regions; self.missions = missions; self.contexts = contexts
        self.resources = resources; self.funding = funding; self.conventions = conventions; self.micro = micro; self.aggregate = aggregate
        missionIndex = Dictionary(missions.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a })
    }

    let missionIndex: [String: Int]

    /// The convention of an ML that covers a year.
    public func convention(of mlID: String, year: Int) -> Convention? {
        conventions?.first { $0.mlID == mlID && $0.period.contains(year) }
    }

    /// The same dataset with other conventions (made in the REPL, or read elsewhere).
    public func with(conventions: [Convention]?) -> Dataset {
        var d = Dataset(manifest: manifest, regions: regions, missions: missions, contexts: contexts,
                        resources: resources, funding: funding, conventions: conventions, micro: micro,
                        aggregate: aggregate)
        d.snapshotFile = snapshotFile
        return d
    }

    /// The Mission locale with this identifier.
    public func mission(id: String) -> MissionLocale? { missionIndex[id].map { missions[$0] } }

    // MARK: Microdata as typed values (empty for aggregate datasets)

    /// Number of young people.
    public var youthCount: Int { micro?.youthCount ?? 0 }
    /// Number of events.
    public var eventCount: Int { micro?.evDate.count ?? 0 }
    /// Number of pathways.
    public var pathwayCount: Int { micro?.pwBegin.count ?? 0 }
    /// Number of situations.
    public var situationCount: Int { micro?.stBegin.count ?? 0 }

    /// The young person at `index` (0..<youthCount).
    public func youth(at index: Int) -> Youth { micro!.youth(index, missions: missions) }
    /// The events of the young person at `index`, in file order.
    public func events(ofYouthAt index: Int) -> [Event] { micro!.events(index) }
    /// The pathways of the young person at `index`, in file order.
    public func pathways(ofYouthAt index: Int) -> [Pathway] { micro!.pathways(index) }
    /// The situations of the young person at `index`, in file order.
    public func situations(ofYouthAt index: Int) -> [Situation] { micro!.situations(index) }

    /// Every young person, in file order.
    public var youngPeople: [Youth] { (0..<youthCount).map { youth(at: $0) } }

    /// The aggregate rows (aggregate datasets only), in file order.
    public var indicatorRows: [AggregateRow] { aggregate?.rows ?? [] }
}

/// A row of `indicators.csv`.
public struct AggregateRow: Hashable, Sendable {
    /// The Mission locale's identifier (`ml_id`).
    public var mlID: String
    /// The year.
    public var year: Int
    /// A catalogue identifier of a count, sum or mean line, or `5.n` / `7.n`.
    public var indicator: String
    /// The population breakdown (`.all` on a programme row).
    public var breakdown: Breakdown
    /// The national programme of a programme-table row (its `breakdown` column holds the
    /// programme's code, `garantie_jeunes`); nil for a dashboard row.
    public var programme: Program?
    /// The value.
    public var value: Double
    /// Creates a value from its fields.
    public init(mlID: String, year: Int, indicator: String, breakdown: Breakdown, programme: Program? = nil, value: Double) {
        self.mlID = mlID; self.year = year; self.indicator = indicator; self.breakdown = breakdown
        self.programme = programme; self.value = value
    }
}

/// The aggregate rows, indexed for the engine.
final class AggregateStore: Sendable {
    let rows: [AggregateRow]
    /// (ml index, year, indicator, breakdown) → value.
    let values: [AggregateKey: Double]
    init(rows: [AggregateRow], values: [AggregateKey: Double]) { self.rows = rows; self.values = values }
}

struct AggregateKey: Hashable, Sendable {
    var ml: Int32
    var year: Int32
    var indicator: String
    var breakdown: Breakdown
    var programme: Program? = nil
}

/// Codes as small integers: the index of the case in `allCases`; detail 0 means none.
enum Code {
    static func index<T: DatasetCode>(_ v: T) -> UInt8 { UInt8(T.allCases.firstIndex(of: v)! as! Int) }
    static func value<T: DatasetCode>(_ i: UInt8, as: T.Type) -> T { Array(T.allCases)[Int(i)] }
}

/// The microdata, columnar: one array per column, events/pathways/situations grouped by
/// young person (compressed sparse rows: the records of young person `y` are
/// `start[y]..<start[y+1]`), dates as day numbers, codes as bytes.
final class MicroStore: Sendable {
    // Young people.
    let youthIDs: IDIndex
    let youthML: [Int32]
    let youthSex: [UInt8]
    let youthBirth: [Int32]
    let youthLevel: [UInt8]
    /// bit 0 diploma, 1 qpv, 2 zrr, 3 neet.
    let youthFlags: [UInt8]
    let youthLine: [Int32]
    // Events.
    let evStart: [Int32]
    let evDate: [Int32]
    let evKind: [UInt8]
    let evDetail: [UInt8]
    let evLine: [Int32]
    // Pathways.
    let pwStart: [Int32]
    let pwIDs: IDIndex
    let pwID: [Int32]
    let pwBegin: [Int32]
    /// `Int32.max` while open.
    let pwEnd: [Int32]
    let pwProgram: [UInt8]
    /// 0 while open, else 1 + index of the outcome.
    let pwOutcome: [UInt8]
    let pwDetail: [UInt8]
    /// bit 0 yg_plan, 1 durable, 2 non_market, 3 cpf.
    let pwFlags: [UInt8]
    let pwLine: [Int32]
    // Situations.
    let stStart: [Int32]
    let stIDs: IDIndex
    let stID: [Int32]
    let stBegin: [Int32]
    let stEnd: [Int32]
    let stKind: [UInt8]
    let stDetail: [UInt8]
    /// bit 1 durable, 2 non_market.
    let stFlags: [UInt8]
    let stLine: [Int32]

    static let open = Int32.max

    init(youthIDs: IDIndex, youthML: [Int32], youthSex: [UInt8], youthBirth: [Int32], youthLevel: [UInt8], youthFlags: [UInt8], youthLine: [Int32],
         evStart: [Int32], evDate: [Int32], evKind: [UInt8], evDetail: [UInt8], evLine: [Int32],
         pwStart: [Int32], pwIDs: IDIndex, pwID: [Int32], pwBegin: [Int32], pwEnd: [Int32], pwProgram: [UInt8], pwOutcome: [UInt8],
         pwDetail: [UInt8], pwFlags: [UInt8], pwLine: [Int32],
         stStart: [Int32], stIDs: IDIndex, stID: [Int32], stBegin: [Int32], stEnd: [Int32], stKind: [UInt8], stDetail: [UInt8],
         stFlags: [UInt8], stLine: [Int32]) {
        self.youthIDs = youthIDs; self.youthML = youthML; self.youthSex = youthSex; self.youthBirth = youthBirth
        self.youthLevel = youthLevel; self.youthFlags = youthFlags; self.youthLine = youthLine
        self.evStart = evStart; self.evDate = evDate; self.evKind = evKind; self.evDetail = evDetail; self.evLine = evLine
        self.pwStart = pwStart; self.pwIDs = pwIDs; self.pwID = pwID; self.pwBegin = pwBegin; self.pwEnd = pwEnd
        self.pwProgram = pwProgram; self.pwOutcome = pwOutcome; self.pwDetail = pwDetail; self.pwFlags = pwFlags; self.pwLine = pwLine
        self.stStart = stStart; self.stIDs = stIDs; self.stID = stID; self.stBegin = stBegin; self.stEnd = stEnd
        self.stKind = stKind; self.stDetail = stDetail; self.stFlags = stFlags; self.stLine = stLine
    }

    var youthCount: Int { youthML.count }

    func youth(_ y: Int, missions: [MissionLocale]) -> Youth {
        let f = youthFlags[y]
        return Youth(id: youthIDs.key(y), mlID: missions[Int(youthML[y])].id, sex: Code.value(youthSex[y], as: Sex.self),
                     birthDate: Day(number: youthBirth[y]), level: Code.value(youthLevel[y], as: SchoolLevel.self),
                     diploma: f & 1 != 0, qpv: f & 2 != 0, zrr: f & 4 != 0, neet: f & 8 != 0)
    }

    func events(_ y: Int) -> [Event] {
        let id = youthIDs.key(y)
        return (Int(evStart[y])..<Int(evStart[y + 1])).map { i in
            Event(youthID: id, date: Day(number: evDate[i]), kind: MicroStore.eventKind(evKind[i], evDetail[i]))
        }
    }

    static func eventKind(_ k: UInt8, _ d: UInt8) -> Event.Kind {
        switch Code.value(k, as: EventKind.self) {
        case .accueil: return .accueil
        case .entretien: return .entretien(d == 0 ? nil : Code.value(d - 1, as: InterviewChannel.self))
        case .diagnostic: return .diagnostic
        case .atelier: return .atelier
        case .ecrit: return .ecrit
        case .proposition: return .proposition(Code.value(d - 1, as: OfferKind.self))
        case .orientation: return .orientation(Code.value(d - 1, as: ReferralTarget.self))
        case .droitCommun: return .droitCommun(Code.value(d - 1, as: CommonLawRight.self))
        case .cep: return .cep(Code.value(d - 1, as: CEPLevel.self))
        }
    }

    func pathways(_ y: Int) -> [Pathway] {
        let id = youthIDs.key(y)
        return (Int(pwStart[y])..<Int(pwStart[y + 1])).map { i in
            let f = pwFlags[i]
            var outcome: ExitOutcome?
            if pwOutcome[i] > 0 {
                let d = pwDetail[i]
                switch Code.value(pwOutcome[i] - 1, as: ExitOutcomeKind.self) {
                case .emploi: outcome = .emploi(Code.value(d - 1, as: Contract.self), durable: f & 2 != 0, nonMarket: f & 4 != 0)
                case .formation: outcome = .formation(Code.value(d - 1, as: TrainingKind.self), cpf: f & 8 != 0)
                case .serviceCivique: outcome = .serviceCivique
                case .reorientation: outcome = .reorientation(Code.value(d - 1, as: ReorientationTarget.self))
                case .sansSolution: outcome = .sansSolution
                case .autre: outcome = .autre
                }
            }
            return Pathway(id: pwIDs.key(Int(pwID[i])), youthID: id, program: Code.value(pwProgram[i], as: Program.self),
                           start: Day(number: pwBegin[i]), end: pwEnd[i] == MicroStore.open ? nil : Day(number: pwEnd[i]),
                           outcome: outcome, youthGuaranteePlan: f & 1 != 0)
        }
    }

    func situations(_ y: Int) -> [Situation] {
        let id = youthIDs.key(y)
        return (Int(stStart[y])..<Int(stStart[y + 1])).map { i in
            let f = stFlags[i], d = stDetail[i]
            let kind: Situation.Kind
            switch Code.value(stKind[i], as: SituationKind.self) {
            case .emploi: kind = .emploi(Code.value(d - 1, as: Contract.self), durable: f & 2 != 0, nonMarket: f & 4 != 0)
            case .immersion: kind = .immersion
            case .formation: kind = .formation(Code.value(d - 1, as: TrainingKind.self))
            case .serviceCivique: kind = .serviceCivique
            case .parrainage: kind = .parrainage
            }
            return Situation(id: stIDs.key(Int(stID[i])), youthID: id, kind: kind, start: Day(number: stBegin[i]),
                             end: stEnd[i] == MicroStore.open ? nil : Day(number: stEnd[i]))
        }
    }
}
