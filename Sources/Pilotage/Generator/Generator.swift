import Foundation

/// What to generate.
public struct GeneratorOptions: Hashable, Sendable {
    /// The two presets of the product.
    public enum Preset: String, Sendable, CaseIterable {
        /// 2 regions, 12 MLs, 2015-2017, about 20,000 young people: the REPL's default dataset.
        case demo
        /// 445 MLs in 18 regions, 2015-2017, at the volumes of the real network.
        case national
    }
    /// The preset.
    public var preset: Preset
    /// The seed: the same seed gives the same dataset.
    public var seed: UInt64
    /// Indicator years (default 2015-2017).
    public var years: [Int]
    /// Volume of young people relative to the real network (national: 1; demo: **0.28**).
    public var scale: Double
    /// The number of MLs, when not the preset's: each region's count scaled to it (at least one
    /// ML per region), for measuring costs at 3,000 or 30,000 MLs. **nil**: the preset's.
    public var missions: Int?

    /// Creates a value from its fields.
    public init(preset: Preset, seed: UInt64 = 1, years: [Int]? = nil, scale: Double? = nil, missions: Int? = nil) {
        self.preset = preset
        self.missions = missions
        self.seed = seed
        self.years = years ?? [2015, 2016, 2017]
        self.scale = scale ?? (preset == .demo ? 0.28 : 1)
    }
}

/// What a generation wrote.
public struct GenerationSummary: Hashable, Sendable {
    /// Number of MLs written.
    public var missions = 0, youth = 0, events = 0, pathways = 0, situations = 0
}

/// Generates realistic synthetic datasets in which no real young person is: deterministic
/// for a seed, streamed to disk one ML at a time (bounded memory), valid by construction.
///
/// Every parameter follows a published figure of `national-figures.md`; the user guide
/// (Docs/) lists which.
public enum DatasetGenerator {
    /// Writes a dataset folder.
    @discardableResult
    public static func generate(_ options: GeneratorOptions, to directory: String) throws(DatasetWriteError) -> GenerationSummary {
        var g = Generation(options: options)
        return try g.run(directory)
    }
}

/// Published national figures the generator follows (`national-figures.md`).
enum Figures {
    /// First receptions a year (2013-2017; 2016 about 427,000).
    static func firstReceptions(_ year: Int) -> Double {
        switch year {
        case ...2013: return 534_000
        case 2014: return 515_000
        case 2015: return 462_000
        case 2016: return 427_000
        default: return 400_000
        }
    }
    static let missionsLocales = 445.0
    static let womenShare = 0.49
    static let minorsShare = 0.15
    /// Levels VI, Vbis, V, IV, III, II, I at first reception (2013: 35% below CAP/BEP, 19% CAP/BEP, 38% bac, 8% higher).
    static let levelWeights = [0.20, 0.15, 0.19, 0.38, 0.05, 0.02, 0.01]
    static let qpvShare = 0.15, zrrShare = 0.12
    /// Exits of national pathways, 2015: a third to employment, 10% training, 51% no known outcome.
    static let exitWeights: [(ExitOutcomeKind, Double)] = [(.emploi, 0.33), (.formation, 0.10), (.serviceCivique, 0.025),
                                                           (.reorientation, 0.025), (.autre, 0.01), (.sansSolution, 0.51)]
    /// Employment exits: 35% CUI, 27% emplois d'avenir, 14% alternance.
    static let contractWeights: [(Contract, Double)] = [(.cuiCae, 0.20), (.cuiCie, 0.15), (.eav, 0.27), (.apprentissage, 0.09),
                                                        (.professionnalisation, 0.05), (.cdi, 0.08), (.cdd, 0.10), (.interim, 0.04), (.creation, 0.02)]
    static let durableShare = 0.84
    /// Staff: about 12,000 people in 2015, 13,600 in 2017, 75% in accompaniment.
    static func staff(_ year: Int) -> Double { 12_000 + 800 * Double(max(0, min(year, 2017) - 2015)) }
    static let accompanimentShare = 0.75
    /// Resources of the network: 640.4 M€ in 2015, 655 M€ about 2016, then rising.
    static func resources(_ year: Int) -> Double { 640.4e6 * pow(1.0225, Double(year - 2015)) }
    /// Funding by funder and line, as shares of the total (State 46%: programme 102 socle 188.8 M€ of 640.4 M€;
    /// communes 18%; regions 16%; European funds 5%).
    static let fundingShares: [(Funder, FundingLine, Double)] = [
        (.etat, .socle, 0.295), (.etat, .garantieJeunes, 0.12), (.etat, .parrainage, 0.01), (.etat, .fipj, 0.035),
        (.commune, .socle, 0.18), (.region, .socle, 0.10), (.region, .specifique, 0.06), (.fse, .specifique, 0.04), (.iej, .specifique, 0.01),
        (.departement, .socle, 0.06), (.poleEmploi, .specifique, 0.05), (.autre, .specifique, 0.04),
    ]
    /// Young people in contact a year (1.4 million) over JANO: sets the territory's 16-25 jobless actives.
    static let contactsPerML = 1_404_000 / 445.0
    /// Job seekers under 25 (516,900) against NEET 16-25 (1,025,000).
    static let defmPerML = 516_900 / 445.0, neetPerML = 1_025_000 / 445.0
}

private struct MLProfile {
    var size: Double, urban: Bool, qpv: Double, zrr: Double, performance: Double, staffing: Double, funding: Double
}

private struct Generation {
    let options: GeneratorOptions
    var summary = GenerationSummary()
    let first: Int32, last: Int32, historyCut: Int32

    init(options: GeneratorOptions) {
        self.options = options
        let years = options.years.sorted()
        first = Day.yearBounds(years.first!).lowerBound.number
        last = Day.yearBounds(years.last!).upperBound.number
        historyCut = Day.yearBounds(years.first! - 1).lowerBound.number
    }

    mutating func run(_ dir: String) throws(DatasetWriteError) -> GenerationSummary {
        do { try OutputFile.makeFolder(dir) } catch { throw DatasetWriteError(error) }
        func path(_ f: String) -> String { (dir as NSString).appendingPathComponent(f) }
        var plan = options.preset == .demo ? NetworkPlan.demo : NetworkPlan.national
        if let wanted = options.missions { plan = plan.scaled(to: wanted) }
        let years = options.years.sorted()
        let manifest = Manifest(name: options.preset == .demo ? "demo" : "national",
                                description: "Jeu de données synthétique Pilotage (preset \(options.preset.rawValue), graine \(options.seed)) : aucun jeune réel n'y figure.",
                                years: years, extra: ["generator": "{\"preset\":\"\(options.preset.rawValue)\",\"scale\":\(options.scale),\"seed\":\(options.seed)}"])
        do { try OutputFile.write(manifest.json(), to: path("dataset.json")) } catch { throw DatasetWriteError(error) }
        let regions = try CSVOutput(path: path("regions.csv"), header: FormatColumns.regions)
        let missions = try CSVOutput(path: path("missions.csv"), header: FormatColumns.missions + FormatColumns.missionsOptional)
        let context = try CSVOutput(path: path("context.csv"), header: FormatColumns.context + ["neet_16_25"])
        let resources = try CSVOutput(path: path("resources.csv"), header: FormatColumns.resources)
        let funding = try CSVOutput(path: path("funding.csv"), header: FormatColumns.funding)
        var conventions: [Convention] = []
        let out = Outputs(youth: try CSVOutput(path: path("youth.csv"), header: FormatColumns.youth),
                          events: try CSVOutput(path: path("events.csv"), header: FormatColumns.events),
                          pathways: try CSVOutput(path: path("pathways.csv"), header: FormatColumns.pathways),
                          situations: try CSVOutput(path: path("situations.csv"), header: FormatColumns.situations))
        // Profiles first, so that ML sizes can be normalised to a mean of 1: the network's
        // volumes then follow the national figures whatever the draw.
        var profiles: [MLProfile] = []
        for region in plan.regions {
            for k in 0..<region.mlCount {
                var rng = SeededRandom(seed: options.seed &* 1_000_003 &+ UInt64(profiles.count) &* 7919 &+ 17)
                let urban = k % region.cities.count < max(1, region.cities.count / 2) || rng.chance(0.3)
                profiles.append(MLProfile(size: max(0.35, exp(rng.normal(sd: 0.45)) * (urban ? 1.25 : 0.8)), urban: urban,
                                          qpv: max(0, min(0.6, urban ? rng.normal(mean: 0.19, sd: 0.07) : rng.normal(mean: 0.04, sd: 0.02))),
                                          zrr: max(0, min(0.8, urban ? rng.normal(mean: 0.03, sd: 0.01) : rng.normal(mean: 0.42, sd: 0.12))),
                                          performance: rng.normal(), staffing: max(0.6, rng.normal(mean: 1, sd: 0.15)),
                                          funding: max(0.7, rng.normal(mean: 1, sd: 0.12))))
            }
        }
        let meanSize = profiles.map(\.size).reduce(0, +) / Double(profiles.count)
        for i in profiles.indices { profiles[i].size /= meanSize }

        var mlNumber = 0
        var usedIDs = Set<String>()
        for region in plan.regions {
            regions.row([region.code, region.name])
            for k in 0..<region.mlCount {
                var rng = SeededRandom(seed: options.seed &* 2_000_029 &+ UInt64(mlNumber) &* 104_729 &+ 5)
                let profile = profiles[mlNumber]
                let city = region.cities[k % region.cities.count]
                let department = region.departments[k % region.departments.count]
                let round = k / region.cities.count
                var id = "ML" + String(repeating: "0", count: max(0, 3 - department.count)) + department + "-" + NetworkPlan.slug(city) + (round > 0 ? "-\(round + 1)" : "")
                while usedIDs.contains(id) { id += "-B" }
                usedIDs.insert(id)
                // "de Lyon", "d'Amiens": French elides before a vowel.
                let elided = city.first.map { "AEIOUYÉÈÊÂÎÔ".contains($0) } ?? false
                let name = "Mission locale " + (elided ? "d'" : "de ") + city + (round > 0 ? " \(round + 1)" : "")
                let siret = String(format: "%09d%05d", 180_000_000 + mlNumber * 1013 % 99_999_999, 10 + k)
                missions.row([id, name, region.code, department, rng.chance(0.9) ? "association" : "gip", siret, "8899B",
                              "\(1 + k) place de la République, \(department)000 \(city)",
                              "contact@\(NetworkPlan.slug(city).lowercased())-ml.example.fr", "0\(1 + mlNumber % 5) 00 00 \(String(format: "%02d", k % 100)) \(String(format: "%02d", mlNumber % 100))"])
                let subsidies = writeReference(id, profile, &rng, context: context, resources: resources, funding: funding)
                conventions.append(convention(id, number: "CPO-\(region.code)-\(String(format: "%03d", k + 1))", mlNumber: mlNumber, subsidies: subsidies))
                generateYouth(mlNumber, id, profile, &rng, out)
                mlNumber += 1
            }
        }
        summary.missions = mlNumber
        for o in [regions, missions, context, resources, funding, out.youth, out.events, out.pathways, out.situations] { try o.close() }
        try DatasetWriter.writeConventions(conventions, path)
        return summary
    }

    /// A convention of four years from the first year of the dataset, whose subsidies are the
    /// `etat` rows of funding.csv (socle, parrainage, FIPJ), with objectives on three ratios.
    /// Its own random stream, so that the other files do not depend on it.
    private func convention(_ id: String, number: String, mlNumber: Int, subsidies: [Int: StateSubsidy]) -> Convention {
        var rng = SeededRandom(seed: options.seed &* 3_000_017 &+ UInt64(mlNumber) &* 6_151 &+ 11)
        let first = options.years.min() ?? 2015
        var cpo = Convention(number: number, mlID: id, period: first...(first + 3), subsidies: subsidies,
                             integratesParrainage: rng.chance(0.8), integratesFIPJ: rng.chance(0.8))
        for year in subsidies.keys.sorted() where year > first {
            cpo.amendments.append(Amendment(number: year - first, year: year, signedOn: Day(year: year, month: 3, day: 15 + rng.int(0...15))))
        }
        for year in (first + 1)...(first + 3) {
            func target(_ mean: Double) -> Double { (max(0.05, rng.normal(mean: mean, sd: 0.03)) * 1000).rounded() / 1000 }
            cpo.objectives.append(Objective(indicatorID: "R5", year: year, target: target(0.19), direction: .increase))
            cpo.objectives.append(Objective(indicatorID: "R10", year: year, target: target(0.38), direction: .increase))
            cpo.objectives.append(Objective(indicatorID: "R11", year: year, target: target(0.47), direction: .decrease))
        }
        return cpo
    }

    @discardableResult
    private func writeReference(_ id: String, _ p: MLProfile, _ rng: inout SeededRandom, context: CSVOutput, resources: CSVOutput, funding: CSVOutput) -> [Int: StateSubsidy] {
        var subsidies: [Int: StateSubsidy] = [:]
        let volume = p.size * options.scale
        func money(_ v: Double) -> String { DatasetWriter.decimal((v * 100).rounded() / 100) }
        func hundredth(_ v: Double) -> String { DatasetWriter.decimal(max(0.01, (v * 100).rounded() / 100)) }
        for year in options.years.sorted() {
            let jano = (Figures.contactsPerML * volume * rng.normal(mean: 1.1, sd: 0.12)).rounded()
            let defm = (Figures.defmPerML * volume * rng.normal(mean: 1, sd: 0.15) * (p.urban ? 1.1 : 0.85)).rounded()
            let neet = (Figures.neetPerML * volume * rng.normal(mean: 1, sd: 0.1)).rounded()
            context.row([id, String(year), DatasetWriter.decimal(max(1, jano)), DatasetWriter.decimal(max(0, defm)), DatasetWriter.decimal(max(0, neet))])
            let total = max(0.01, (Figures.staff(year) / Figures.missionsLocales * volume * p.staffing * 100).rounded() / 100)
            let share = max(0.5, min(0.95, rng.normal(mean: Figures.accompanimentShare, sd: 0.05)))
            resources.row([id, String(year), hundredth(total), hundredth(min(total, total * share))])
            let budget = Figures.resources(year) / Figures.missionsLocales * volume * p.funding
            var subsidy = StateSubsidy(socle: 0)
            for (funder, line, share) in Figures.fundingShares {
                let amount = budget * share * max(0.3, rng.normal(mean: 1, sd: 0.15))
                funding.row([id, String(year), funder.rawValue, line.rawValue, money(amount)])
                let rounded = Money(cents: Int64((amount * 100).rounded()))
                if funder == .etat && line == .socle { subsidy.socle = rounded }
                if funder == .etat && line == .parrainage { subsidy.parrainage = rounded }
                if funder == .etat && line == .fipj { subsidy.fipj = rounded }
            }
            subsidies[year] = subsidy
        }
        return subsidies
    }

    struct Outputs { let youth: CSVOutput, events: CSVOutput, pathways: CSVOutput, situations: CSVOutput }

    private mutating func generateYouth(_ mlNumber: Int, _ mlID: String, _ p: MLProfile, _ rng: inout SeededRandom, _ out: Outputs) {
        let years = options.years.sorted()
        var sequence = 0
        for year in (years.first! - 3)...years.last! {
            let expected = Figures.firstReceptions(year) / Figures.missionsLocales * p.size * options.scale
            let count = Int(expected.rounded(.down)) + (rng.chance(expected - expected.rounded(.down)) ? 1 : 0)
            let bounds = Day.yearBounds(year)
            for _ in 0..<count {
                let accueil = bounds.lowerBound.number + Int32(rng.int(0...Int(bounds.upperBound.number - bounds.lowerBound.number)))
                // How long the young person stays in touch with the ML.
                let span: Int32
                switch rng.pick([0.18, 0.25, 0.57]) {
                case 0: span = Int32(rng.int(20...180))
                case 1: span = Int32(rng.int(180...540))
                default: span = Int32(rng.int(540...1800))
                }
                if accueil + span < historyCut { continue }
                sequence += 1
                generatePerson(id: "Y\(String(format: "%03d", mlNumber))\(String(format: "%06d", sequence))", mlID: mlID,
                               accueil: accueil, span: span, p, &rng, out)
            }
        }
    }

    private mutating func generatePerson(id: String, mlID: String, accueil: Int32, span spanIn: Int32, _ p: MLProfile,
                                         _ rng: inout SeededRandom, _ out: Outputs) {
        var span = spanIn
        let ageYears = rng.chance(Figures.minorsShare) ? rng.int(16...17) : rng.int(18...24)
        let birth = Day(number: accueil).adding(months: -12 * ageYears).number - Int32(rng.int(0...360))
        let level = rng.pick(Figures.levelWeights)
        let levels: [SchoolLevel] = [.vi, .vBis, .v, .iv, .iii, .ii, .i]
        let diploma = level <= 1 ? false : rng.chance(level == 2 ? 0.6 : level == 3 ? 0.8 : 0.85)
        let lowQualified = level <= 1 || (level == 2 && !diploma)
        let qpv = rng.chance(p.qpv), zrr = !qpv && rng.chance(p.zrr)
        let female = rng.chance(Figures.womenShare)

        // The pathway, decided at reception.
        var pathways: [(id: String, program: Program, start: Int32, end: Int32?, outcome: ExitOutcomeKind?, detail: String, durable: Bool, nonMarket: Bool, cpf: Bool, yg: Bool)] = []
        var diagnostic: Int32? = rng.chance(0.72) ? accueil + Int32(rng.int(0...40)) : nil
        var situations: [(kind: SituationKind, detail: String, start: Int32, end: Int32?, durable: Bool, nonMarket: Bool)] = []
        let enters = rng.chance(min(0.85, 0.5 * exp(0.08 * p.performance)))
        var cursor = accueil + Int32(rng.int(20...100))
        if enters && cursor <= last {
            if rng.chance(0.12), accueil + 30 <= last {
                // An orientation sequence first (at most 4 months; some overrun).
                let start = accueil + Int32(rng.int(5...30))
                let length = Int32(rng.chance(0.1) ? rng.int(123...170) : rng.int(30...115))
                let end = start + length
                pathways.append(("\(id)-P\(pathways.count + 1)", .orientation, start, end <= last ? end : nil, end <= last ? .autre : nil, "", false, false, false, false))
                cursor = end + Int32(rng.int(1...20))
            }
            if let d = diagnostic, d > cursor { diagnostic = cursor - Int32(rng.int(0...10)) }
            var rounds = cursor > last ? 2 : 0
            while rounds < 2 {
                rounds += 1
                let startDay = Day(number: cursor)
                let national = rng.chance(0.8)
                let program: Program
                if !national { program = rng.chance(0.6) ? .regional : .local }
                else if startDay.year >= 2017 { program = [Program.pacea, .garantieJeunes, .ppae][rng.pick([0.5, 0.3, 0.2])] }
                else {
                    let gj = startDay.year >= 2016 ? 0.22 : startDay.year >= 2015 ? 0.12 : 0.05
                    program = [Program.civis, .civisRenforce, .ppae, .garantieJeunes][rng.pick([0.62 - gj, 0.13, 0.25, gj])]
                }
                let months: Int = program == .garantieJeunes ? rng.int(10...14) : national ? rng.int(4...22) : rng.int(2...12)
                let end = startDay.adding(months: months).number + Int32(rng.int(-10...10))
                let closed = end <= last && !(rng.chance(0.05))
                var outcome: ExitOutcomeKind? = nil, detail = "", durable = false, nonMarket = false, cpf = false
                if closed {
                    var weights = Figures.exitWeights.map(\.1)
                    weights[0] *= (lowQualified ? 0.8 : 1.25) * exp(0.25 * p.performance)
                    outcome = Figures.exitWeights[rng.pick(weights)].0
                    switch outcome! {
                    case .emploi:
                        let contract = Figures.contractWeights[rng.pick(Figures.contractWeights.map(\.1))].0
                        detail = contract.rawValue
                        durable = contract == .cdi || contract == .creation || rng.chance(Figures.durableShare * 0.95)
                        nonMarket = contract == .eav && rng.chance(0.7)
                        situations.append((.emploi, contract.rawValue, end - Int32(rng.int(0...20)), nil, durable, nonMarket))
                    case .formation:
                        detail = [TrainingKind.initiale, .qualifiante, .autre][rng.pick([0.15, 0.55, 0.30])].rawValue
                        cpf = rng.chance(0.2)
                        situations.append((.formation, detail, end - Int32(rng.int(0...15)), end + Int32(rng.int(60...300)), false, false))
                    case .reorientation:
                        detail = ReorientationTarget.allCases[rng.pick([0.2, 0.2, 0.1, 0.1, 0.3, 0.1])].rawValue
                    default: break
                    }
                }
                pathways.append(("\(id)-P\(pathways.count + 1)", program, cursor, closed ? end : nil, outcome, detail, durable, nonMarket, cpf,
                                 !national && rng.chance(0.3)))
                // Situations lived during the pathway.
                let horizon = min(closed ? end : last, last)
                var k = 0
                while horizon > cursor + 14, rng.chance(k == 0 ? 0.62 : 0.4), k < 4 {
                    k += 1
                    let start = cursor + Int32(rng.int(0...Int(horizon - cursor)))
                    let kind = [SituationKind.emploi, .immersion, .formation, .serviceCivique, .parrainage][rng.pick([0.42, 0.27, 0.17, 0.04, 0.10])]
                    var detail = "", durable = false, nonMarket = false
                    let length: Int
                    switch kind {
                    case .emploi:
                        let contract = Figures.contractWeights[rng.pick(Figures.contractWeights.map(\.1))].0
                        detail = contract.rawValue; durable = contract == .cdi || rng.chance(0.5); nonMarket = contract == .eav && rng.chance(0.7)
                        length = rng.int(15...365)
                    case .immersion: length = rng.int(2...15)
                    case .formation: detail = [TrainingKind.initiale, .qualifiante, .autre][rng.pick([0.1, 0.6, 0.3])].rawValue; length = rng.int(20...270)
                    case .serviceCivique: length = rng.int(180...300)
                    case .parrainage: length = rng.int(60...270)
                    }
                    let sEnd = start + Int32(length)
                    situations.append((kind, detail, start, sEnd <= last ? sEnd : nil, durable, nonMarket))
                }
                guard closed, rng.chance(0.08) else { break }
                cursor = end + Int32(rng.int(20...200))
                if cursor > last { break }
            }
            if let lastEnd = pathways.last?.end { span = max(span, lastEnd - accueil + 30) } else { span = max(span, last - accueil) }
        }
        let neet = enters && pathways.contains { $0.program != .orientation } ? (rng.chance(0.9) ? "1" : "0") : ""

        out.youth.row([id, mlID, female ? "F" : "M", Day(number: birth).description, levels[level].rawValue, diploma ? "1" : "0",
                       qpv ? "1" : "0", zrr ? "1" : "0", neet])
        summary.youth += 1

        // Events; before the first year only what the first year's lines read back is kept
        // (reception, diagnostics, offers: G.4, D.1), and nothing before the history cut but those.
        func event(_ date: Int32, _ kind: EventKind, _ detail: String = "") {
            let keptEarly = kind == .accueil || kind == .diagnostic || (kind == .proposition && date >= historyCut)
            guard date <= last, date >= first || keptEarly else { return }
            out.events.append(id); out.events.separator(); out.events.date(date); out.events.separator()
            out.events.append(kind.rawValue); out.events.separator(); out.events.append(detail); out.events.endRow()
            summary.events += 1
        }
        event(accueil, .accueil)
        if let d = diagnostic { event(d, .diagnostic) }
        if rng.chance(0.12) { event(accueil + Int32(rng.int(1...120)), .orientation, ReferralTarget.allCases[rng.pick([0.1, 0.15, 0.05, 0.05, 0.25, 0.25, 0.05, 0.1])].rawValue) }
        if rng.chance(0.18) { event(accueil + Int32(rng.int(10...200)), .cep, String(rng.pick([0.3, 0.45, 0.25]) + 1)) }
        let endOfContact = accueil + span
        var date = accueil + Int32(rng.int(10...60))
        while date <= endOfContact && date <= last {
            let inPathway = pathways.contains { $0.program != .orientation && $0.start <= date && ($0.end ?? Int32.max) >= date }
            switch rng.pick([0.58, 0.16, 0.1, inPathway ? 0.12 : 0.03, inPathway ? 0.04 : 0.01]) {
            case 0: event(date, .entretien, ["physique", "telephone", "visio", ""][rng.pick([0.7, 0.22, 0.04, 0.04])])
            case 1: event(date, .ecrit)
            case 2: event(date, .atelier)
            case 3: event(date, .proposition, OfferKind.allCases[rng.pick([0.3, 0.15, 0.25, 0.2, 0.05, 0.05])].rawValue)
            default: event(date, .droitCommun, CommonLawRight.allCases[rng.pick([0.25, 0.2, 0.25, 0.15, 0.05, 0.1])].rawValue)
            }
            date += Int32(max(7, -log(max(rng.unit(), 1e-9)) * (inPathway ? 55 : 90)))
        }
        for pw in pathways {
            out.pathways.row([pw.id, id, pw.program.rawValue, Day(number: pw.start).description, pw.end.map { Day(number: $0).description } ?? "",
                              pw.yg ? "1" : "0", pw.outcome?.rawValue ?? "", pw.detail,
                              pw.outcome == nil ? "" : (pw.durable ? "1" : "0"), pw.outcome == nil ? "" : (pw.nonMarket ? "1" : "0"),
                              pw.outcome == nil ? "" : (pw.cpf ? "1" : "0")])
            summary.pathways += 1
        }
        for (k, s) in situations.enumerated() where s.start <= last {
            out.situations.row(["\(id)-S\(k + 1)", id, s.kind.rawValue, s.detail, Day(number: s.start).description,
                                s.end.map { Day(number: $0).description } ?? "", s.durable ? "1" : "0", s.nonMarket ? "1" : "0"])
            summary.situations += 1
        }
    }
}
