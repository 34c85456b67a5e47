/// The data-quality warnings of a loaded dataset ("cohérence des données saisies"):
/// counts per rule and the first locations of each. Identifiers are never listed, only
/// `file:line`.
///
/// ```swift
/// let report = ValidationReport(dataset)
/// report.warnings[.longOrientationSequence]?.count
/// ```
public struct ValidationReport: Sendable {
    /// How many first locations are kept per rule.
    public static let sampleSize = 5

    /// A rule that fired: how often and where first.
    public struct Finding: Hashable, Sendable {
        /// How many times the rule fired.
        public var count: Int
        /// The first locations (`file:line`, or a file and a description).
        public var samples: [String]
    }

    /// The dataset's name.
    public let datasetName: String
    /// Findings per warning rule, only those that fired.
    public private(set) var warnings: [DatasetRule: Finding] = [:]

    /// Total number of warnings.
    public var warningCount: Int { warnings.values.reduce(0) { $0 + $1.count } }

    /// Creates a value from its fields.
    public init(_ dataset: Dataset) {
        datasetName = dataset.manifest.name
        checkReferenceFiles(dataset)
        if let m = dataset.micro { checkMicrodata(m, years: dataset.years) }
    }

    private mutating func add(_ rule: DatasetRule, _ sample: @autoclosure () -> String) {
        var f = warnings[rule] ?? Finding(count: 0, samples: [])
        f.count += 1
        if f.samples.count < ValidationReport.sampleSize { f.samples.append(sample()) }
        warnings[rule] = f
    }

    private mutating func checkReferenceFiles(_ d: Dataset) {
        func check(_ rule: DatasetRule, _ file: String, _ keys: [(String, Int)]?) {
            guard let keys else { return }
            let present = Set(keys.map { "\($0.0)|\($0.1)" })
            for m in d.missions { for y in d.years where !present.contains("\(m.id)|\(y)") { add(rule, "\(file): \(m.id) \(y)") } }
        }
        check(.missingContext, "context.csv", d.contexts?.map { ($0.mlID, $0.year) })
        check(.missingResources, "resources.csv", d.resources?.map { ($0.mlID, $0.year) })
        check(.missingFunding, "funding.csv", d.funding?.map { ($0.mlID, $0.year) })
        // The convention's State subsidy against the etat rows of funding.csv (Garantie jeunes apart).
        if let conventions = d.conventions, let funding = d.funding {
            var etat: [String: Double] = [:]
            for r in funding where r.funder == .etat && r.line != .garantieJeunes { etat["\(r.mlID)|\(r.year)", default: 0] += r.amount }
            for c in conventions {
                for (year, s) in c.subsidies.sorted(by: { $0.key < $1.key }) where d.years.contains(year) {
                    let rows = etat["\(c.mlID)|\(year)"] ?? 0
                    if abs(rows - s.total.euros) > 0.5 { add(.subsidyFundingMismatch, "conventions.csv: \(c.number) \(year) (\(s.total) / \(DatasetWriter.decimal(rows)))") }
                }
            }
        }
    }

    private mutating func checkMicrodata(_ m: MicroStore, years: [Int]) {
        let accueilKind = Code.index(EventKind.accueil), diagnosticKind = Code.index(EventKind.diagnostic)
        let orientation = Code.index(Program.orientation)
        let scopes = Program.allCases.map(\.scope)
        // Events before the first year are the history the rules read (first reception, R2, cohorts);
        // those after the last year, or before the young person's 16th birthday, no rule can use.
        let lastDay = Day.yearBounds(years.max()!).upperBound.number
        for y in 0..<m.youthCount {
            let sixteen = Day(number: m.youthBirth[y]).adding(months: 16 * 12).number
            let e0 = Int(m.evStart[y]), e1 = Int(m.evStart[y + 1])
            let p0 = Int(m.pwStart[y]), p1 = Int(m.pwStart[y + 1])
            var accueil: Int? = nil, firstDiagnostic = Int32.max
            for i in e0..<e1 {
                if m.evKind[i] == accueilKind { accueil = i }
                if m.evKind[i] == diagnosticKind { firstDiagnostic = min(firstDiagnostic, m.evDate[i]) }
                if m.evDate[i] > lastDay || m.evDate[i] < sixteen { add(.unusableEvent, "events.csv:\(m.evLine[i])") }
            }
            if let a = accueil {
                let reception = Day(number: m.evDate[a]), birth = Day(number: m.youthBirth[y])
                var age = reception.year - birth.year
                if (reception.components.month, reception.components.day) < (birth.components.month, birth.components.day) { age -= 1 }
                if age < 16 || age > 25 { add(.ageOutsideRange, "youth.csv:\(m.youthLine[y])") }
                for i in e0..<e1 where m.evKind[i] == diagnosticKind && m.evDate[i] < m.evDate[a] {
                    add(.diagnosticBeforeReception, "events.csv:\(m.evLine[i])")
                }
            }
            for i in p0..<p1 {
                if m.pwProgram[i] == orientation {
                    let limit = Day(number: m.pwBegin[i]).adding(months: 4).number
                    if m.pwEnd[i] >= limit { add(.longOrientationSequence, "pathways.csv:\(m.pwLine[i])") }
                    continue
                }
                if firstDiagnostic > m.pwBegin[i] { add(.pathwayWithoutDiagnostic, "pathways.csv:\(m.pwLine[i])") }
                if scopes[Int(m.pwProgram[i])] == .national {
                    for j in (i + 1)..<max(i + 1, p1) where scopes[Int(m.pwProgram[j])] == .national
                        && max(m.pwBegin[i], m.pwBegin[j]) <= min(m.pwEnd[i], m.pwEnd[j]) {
                        add(.overlappingNationalPathways, "pathways.csv:\(m.pwLine[j])")
                    }
                }
            }
            for s in Int(m.stStart[y])..<Int(m.stStart[y + 1]) {
                let start = m.stBegin[s]
                if !(p0..<p1).contains(where: { m.pwBegin[$0] <= start && m.pwEnd[$0] >= start }) {
                    add(.situationOutsidePathway, "situations.csv:\(m.stLine[s])")
                }
            }
        }
    }

    /// The report as text: a verdict line, then each rule with its count and first locations.
    public func text(_ language: Language) -> String {
        let summary: Messages.Key = (language == .fr ? warningCount > 1 : warningCount != 1) ? .validSummaryMany : .validSummaryOne
        var out = Messages.text(summary, language, datasetName, String(warningCount)) + "\n"
        for rule in DatasetRule.allCases {
            guard let f = warnings[rule] else { continue }
            out += Messages.text(.validRuleCount, language, rule.rawValue, rule.summary.text(language), String(f.count)) + "\n"
            out += "    " + f.samples.joined(separator: ", ") + (f.count > f.samples.count ? ", …" : "") + "\n"
        }
        return out
    }
}
