/// A young person followed by a Mission locale (`youth.csv`). Identifiers are pseudonymous.
public struct Youth: Hashable, Sendable {
    /// The identifier.
    public var id: String
    /// The Mission locale's identifier (`ml_id`).
    public var mlID: String
    /// Sex.
    public var sex: Sex
    /// Date of birth.
    public var birthDate: Day
    /// The territorial level.
    public var level: SchoolLevel
    /// Holds the diploma of that level.
    public var diploma: Bool
    /// Lives in a priority neighbourhood (quartier prioritaire de la politique de la ville).
    public var qpv: Bool
    /// Lives in a rural revitalisation zone (zone de revitalisation rurale).
    public var zrr: Bool
    /// NEET when first entering a contractualised pathway; `false` also when never entered.
    public var neet: Bool

    /// Creates a value from its fields.
    public init(id: String, mlID: String, sex: Sex, birthDate: Day, level: SchoolLevel, diploma: Bool,
                qpv: Bool, zrr: Bool, neet: Bool) {
        self.id = id; self.mlID = mlID; self.sex = sex; self.birthDate = birthDate; self.level = level
        self.diploma = diploma; self.qpv = qpv; self.zrr = zrr; self.neet = neet
    }

    /// "Niveau infra V et V sans diplôme": level VI or Vbis, or level V without the diploma.
    public var isLowQualified: Bool { level == .vi || level == .vBis || (level == .v && !diploma) }

    /// Whether this young person is kept by a breakdown.
    public func isKept(by breakdown: Breakdown) -> Bool {
        switch breakdown {
        case .all: return true
        case .women: return sex == .female
        case .lowQualified: return isLowQualified
        case .qpv: return qpv
        case .zrr: return zrr
        case .neet: return neet
        }
    }
}

/// An interaction with a young person (`events.csv`). The kind carries its detail, so a
/// detail that a kind does not allow cannot be represented.
public struct Event: Hashable, Sendable {
    /// What happened.
    public enum Kind: Hashable, Sendable {
        /// The first reception.
        case accueil
        /// An individual interview, with its channel when known.
        case entretien(InterviewChannel?)
        /// An in-depth diagnostic.
        case diagnostic
        /// A collective workshop.
        case atelier
        /// A written exchange.
        case ecrit
        /// An offer.
        case proposition(OfferKind)
        /// A referral.
        case orientation(ReferralTarget)
        /// Access to a common-law right.
        case droitCommun(CommonLawRight)
        /// A CEP step.
        case cep(CEPLevel)

        /// The code of the `kind` column.
        public var code: EventKind {
            switch self {
            case .accueil: return .accueil
            case .entretien: return .entretien
            case .diagnostic: return .diagnostic
            case .atelier: return .atelier
            case .ecrit: return .ecrit
            case .proposition: return .proposition
            case .orientation: return .orientation
            case .droitCommun: return .droitCommun
            case .cep: return .cep
            }
        }

        /// The code of the `detail` column (`nil` when empty).
        public var detailCode: String? {
            switch self {
            case .accueil, .diagnostic, .atelier, .ecrit: return nil
            case .entretien(let c): return c?.rawValue
            case .proposition(let o): return o.rawValue
            case .orientation(let r): return r.rawValue
            case .droitCommun(let d): return d.rawValue
            case .cep(let l): return l.rawValue
            }
        }
    }
    /// The young person's pseudonymous identifier.
    public var youthID: String
    /// The day it happened.
    public var date: Day
    /// The kind.
    public var kind: Kind
    /// Creates a value from its fields.
    public init(youthID: String, date: Day, kind: Kind) { self.youthID = youthID; self.date = date; self.kind = kind }
}

/// The outcome of a closed pathway, with the details its kind allows.
public enum ExitOutcome: Hashable, Sendable {
    /// A job, with its contract.
    case emploi(Contract, durable: Bool, nonMarket: Bool)
    /// Training.
    case formation(TrainingKind, cpf: Bool)
    /// A civic service mission.
    case serviceCivique
    /// A re-orientation.
    case reorientation(ReorientationTarget)
    /// No known solution.
    case sansSolution
    /// Anything else.
    case autre

    /// The kind.
    public var kind: ExitOutcomeKind {
        switch self {
        case .emploi: return .emploi
        case .formation: return .formation
        case .serviceCivique: return .serviceCivique
        case .reorientation: return .reorientation
        case .sansSolution: return .sansSolution
        case .autre: return .autre
        }
    }
}

/// A contractualised pathway or an orientation sequence (`pathways.csv`).
public struct Pathway: Hashable, Sendable {
    /// The identifier.
    public var id: String
    /// The young person's pseudonymous identifier.
    public var youthID: String
    /// The program.
    public var program: Program
    /// The first day.
    public var start: Day
    /// The exit: date and outcome; `nil` while the pathway is open.
    public var exit: (date: Day, outcome: ExitOutcome)? {
        get { end.flatMap { e in outcome.map { (e, $0) } } }
        set { end = newValue?.date; outcome = newValue?.outcome }
    }
    /// The last day, `nil` while open.
    public var end: Day?
    /// The exit outcome, `nil` while open.
    public var outcome: ExitOutcome?
    /// The entry is a solution of the European Youth Guarantee plan (indicator 3.2.a).
    public var youthGuaranteePlan: Bool

    /// Creates a value from its fields.
    public init(id: String, youthID: String, program: Program, start: Day, end: Day? = nil,
                outcome: ExitOutcome? = nil, youthGuaranteePlan: Bool = false) {
        self.id = id; self.youthID = youthID; self.program = program; self.start = start
        self.end = end; self.outcome = outcome; self.youthGuaranteePlan = youthGuaranteePlan
    }

    /// Equal when every field is.
    public static func == (a: Pathway, b: Pathway) -> Bool {
        a.id == b.id && a.youthID == b.youthID && a.program == b.program && a.start == b.start
            && a.end == b.end && a.outcome == b.outcome && a.youthGuaranteePlan == b.youthGuaranteePlan
    }
    /// Hashes the identifying fields.
    public func hash(into h: inout Hasher) { h.combine(id); h.combine(youthID); h.combine(start) }
}

/// A situation lived during the accompaniment (`situations.csv`).
public struct Situation: Hashable, Sendable {
    /// What happened.
    public enum Kind: Hashable, Sendable {
        /// A job, with its contract.
        case emploi(Contract, durable: Bool, nonMarket: Bool)
        /// A work immersion.
        case immersion
        /// Training.
        case formation(TrainingKind)
        /// A civic service mission.
        case serviceCivique
        /// Sponsorship.
        case parrainage

        /// The code of the format.
        public var code: SituationKind {
            switch self {
            case .emploi: return .emploi
            case .immersion: return .immersion
            case .formation: return .formation
            case .serviceCivique: return .serviceCivique
            case .parrainage: return .parrainage
            }
        }
    }
    /// The identifier.
    public var id: String
    /// The young person's pseudonymous identifier.
    public var youthID: String
    /// The kind.
    public var kind: Kind
    /// The first day.
    public var start: Day
    /// `nil` while ongoing.
    public var end: Day?
    /// Creates a value from its fields.
    public init(id: String, youthID: String, kind: Kind, start: Day, end: Day? = nil) {
        self.id = id; self.youthID = youthID; self.kind = kind; self.start = start; self.end = end
    }
}
