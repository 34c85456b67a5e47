import Dispatch

/// The components of every line, per territory, year and breakdown: counts of young
/// people, sums of context/resource/funding columns, and the parts of the means.
///
/// `NaN` marks a component that is not available; because `NaN` propagates through sums,
/// a region's value is available only when every one of its MLs has it — the rule of
/// `indicators.md` for context, resources and funding.
struct ComponentTable: Sendable {
    let years: [Int]
    /// MLs in dataset order, then regions, then the nation.
    let territories: [Territory]
    let territoryIndex: [Territory: Int]
    /// For each territory, the indexes of its MLs.
    let members: [[Int]]
    var values: [Double]

    static let breakdownCount = Breakdown.allCases.count

    @inline(__always) func offset(_ t: Int, _ yi: Int, _ b: Int, _ slot: Int) -> Int {
        ((t * years.count + yi) * ComponentTable.breakdownCount + b) * Slots.count + slot
    }

    subscript(t: Int, yi: Int, b: Int, slot: Int) -> Double {
        get { values[offset(t, yi, b, slot)] }
        set { values[offset(t, yi, b, slot)] = newValue }
    }

    init(dataset: Dataset) {
        years = dataset.years
        let missions = dataset.missions
        var territories = missions.map { Territory.ml($0.id) }
        var members = missions.indices.map { [$0] }
        let regionCodes = Set(missions.map(\.regionCode))
        for r in dataset.regions where regionCodes.contains(r.code) {
            territories.append(.region(r.code))
            members.append(missions.indices.filter { missions[$0].regionCode == r.code })
        }
        territories.append(.nation)
        members.append(Array(missions.indices))
        self.territories = territories
        self.members = members
        territoryIndex = Dictionary(uniqueKeysWithValues: territories.enumerated().map { ($1, $0) })
        values = [Double](repeating: .nan, count: territories.count * years.count * ComponentTable.breakdownCount * Slots.count)

        var t = Trace.now()
        if let micro = dataset.micro { fillMicrodata(micro, mlCount: missions.count) }
        Trace.log("microdata", t); t = Trace.now()
        if let aggregate = dataset.aggregate { fillAggregate(aggregate, mlCount: missions.count) }
        fillReferenceFiles(dataset)
        Trace.log("reference files", t); t = Trace.now()
        sumUp(mlCount: missions.count)
        Trace.log("levels", t)
    }

    // MARK: microdata

    private mutating func fillMicrodata(_ m: MicroStore, mlCount: Int) {
        let periods = years.map(PersonEvaluator.Period.init)
        let nY = years.count, nB = ComponentTable.breakdownCount, nC = Slots.countLines.count
        let stride = nY * nB
        // A few contiguous ranges of young people per core (for balance), each with its own counters.
        let chunks = max(1, min(ProcessInfoCores.count * 4, m.youthCount / 5_000))
        // Each chunk accumulates into its own buffers; they are added up afterwards.
        let counts = UnsafeMutableBufferPointer<Int32>.allocate(capacity: chunks * mlCount * stride * nC)
        let means = UnsafeMutableBufferPointer<Double>.allocate(capacity: chunks * mlCount * stride * 4)
        counts.initialize(repeating: 0); means.initialize(repeating: 0)
        defer { counts.deallocate(); means.deallocate() }
        nonisolated(unsafe) let countsRef = counts, meansRef = means
        let evaluator = PersonEvaluator()
        let days = PersonEvaluator.DayTable(periods)
        let view = MicroView(m)
        let t0 = Trace.now()
        defer { Trace.log("merge", t0) }
        DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
            let tc = Trace.now()
            defer { Trace.log("chunk \(chunk)", tc) }
            let lo = m.youthCount * chunk / chunks, hi = m.youthCount * (chunk + 1) / chunks
            let cBase = chunk * mlCount * stride * nC, mBase = chunk * mlCount * stride * 4
            let results = UnsafeMutablePointer<PersonEvaluator.Result>.allocate(capacity: nY)
            results.initialize(repeating: .init(), count: nY)
            let state = UnsafeMutablePointer<PersonEvaluator.YearState>.allocate(capacity: nY)
            state.initialize(repeating: .init(), count: nY)
            let periodsBuffer = UnsafeMutablePointer<PersonEvaluator.Period>.allocate(capacity: nY)
            periodsBuffer.initialize(from: periods, count: nY)
            let periodView = UnsafeBufferPointer(start: periodsBuffer, count: nY)
            defer { results.deallocate(); state.deallocate(); periodsBuffer.deallocate() }
            for y in lo..<hi {
                let ml = Int(m.youthML[y])
                evaluator.evaluate(view, y, periods: periodView, days: days, state: state, into: results)
                // The breakdowns that keep this young person, as bits (all, women, low_qualified, qpv, zrr, neet).
                let f = m.youthFlags[y], level = m.youthLevel[y]
                var kept: UInt8 = 1
                if m.youthSex[y] == ComponentTable.female { kept |= 2 }
                if ComponentTable.lowQualified(level: level, diploma: f & 1 != 0) { kept |= 4 }
                if f & 2 != 0 { kept |= 8 }
                if f & 4 != 0 { kept |= 16 }
                if f & 8 != 0 { kept |= 32 }
                for yi in 0..<nY {
                    let r = results[yi]
                    if r.mask.isEmpty && r.mean5N == 0 && r.mean7N == 0 { continue }
                    for b in 0..<nB where kept & (1 << b) != 0 {
                        let cell = (ml * nY + yi) * nB + b
                        let c = cBase + cell * nC
                        var w = r.mask.low, base = 0
                        while true {
                            while w != 0 {
                                let bit = w.trailingZeroBitCount
                                countsRef[c + base + bit] += 1
                                w &= w - 1
                            }
                            if base == 64 { break }
                            base = 64; w = r.mask.high
                        }
                        let mm = mBase + cell * 4
                        meansRef[mm] += r.mean5Sum; meansRef[mm + 1] += Double(r.mean5N)
                        meansRef[mm + 2] += r.mean7Sum; meansRef[mm + 3] += Double(r.mean7N)
                    }
                }
            }
        }
        Trace.log("evaluate", t0)
        // Every chunk's counters into the first chunk's (sequential, vectorised), then into the table.
        let size = mlCount * stride * nC, size4 = mlCount * stride * 4
        for chunk in 1..<chunks {
            let cb = chunk * size, mb = chunk * size4
            for k in 0..<size { counts[k] &+= counts[cb + k] }
            for k in 0..<size4 { means[k] += means[mb + k] }
        }
        let countSlots = Slots.countLines.map { Slots.index[$0]! }
        let (s5, n5, s7, n7) = (Slots.mean5Sum, Slots.mean5N, Slots.mean7Sum, Slots.mean7N)
        values.withUnsafeMutableBufferPointer { v in
            // MLs come first among the territories: cell (ml, year, breakdown) is at cell × Slots.count.
            for cell in 0..<(mlCount * stride) {
                let vb = cell * Slots.count, cb = cell * nC, mb = cell * 4
                for bit in 0..<nC { v[vb + countSlots[bit]] = Double(counts[cb + bit]) }
                v[vb + s5] = means[mb]; v[vb + n5] = means[mb + 1]; v[vb + s7] = means[mb + 2]; v[vb + n7] = means[mb + 3]
            }
        }
    }

    static let female = Code.index(Sex.female)
    private static let lowLevels: (UInt8, UInt8, UInt8) = (Code.index(SchoolLevel.vi), Code.index(SchoolLevel.vBis), Code.index(SchoolLevel.v))
    @inline(__always) static func lowQualified(level: UInt8, diploma: Bool) -> Bool {
        level == lowLevels.0 || level == lowLevels.1 || (level == lowLevels.2 && !diploma)
    }

    // MARK: aggregate

    private mutating func fillAggregate(_ a: AggregateStore, mlCount: Int) {
        let yearIndex = Dictionary(uniqueKeysWithValues: years.enumerated().map { ($1, $0) })
        for (key, value) in a.values {
            guard let yi = yearIndex[Int(key.year)] else { continue }
            let b = Int(key.breakdown.order)
            switch key.indicator {
            case "5", "7": self[Int(key.ml), yi, b, key.indicator == "5" ? Slots.mean5Direct : Slots.mean7Direct] = value
            case "5.n", "7.n": self[Int(key.ml), yi, b, key.indicator == "5.n" ? Slots.mean5N : Slots.mean7N] = value
            default: if let slot = Slots.index[key.indicator] { self[Int(key.ml), yi, b, slot] = value }
            }
        }
        // With its record count, a mean becomes an exact sum that adds up across MLs.
        for ml in 0..<mlCount {
            for yi in years.indices {
                for b in 0..<ComponentTable.breakdownCount {
                    for (direct, n, sum) in [(Slots.mean5Direct, Slots.mean5N, Slots.mean5Sum), (Slots.mean7Direct, Slots.mean7N, Slots.mean7Sum)] {
                        let mean = self[ml, yi, b, direct], count = self[ml, yi, b, n]
                        if !count.isNaN { self[ml, yi, b, sum] = count == 0 ? 0 : mean * count }
                    }
                }
            }
        }
    }

    // MARK: context, resources, funding

    private mutating func fillReferenceFiles(_ d: Dataset) {
        let yearIndex = Dictionary(uniqueKeysWithValues: years.enumerated().map { ($1, $0) })
        let ml = Dictionary(uniqueKeysWithValues: d.missions.enumerated().map { ($1.id, $0) })
        func set(_ id: String, _ m: Int, _ yi: Int, _ v: Double) { self[m, yi, 0, Slots.index[id]!] = v }
        if let rows = d.contexts {
            clear(["0.1", "0.2"])
            for r in rows { if let m = ml[r.mlID], let yi = yearIndex[r.year] { set("0.1", m, yi, r.jano); set("0.2", m, yi, r.defm) } }
        }
        if let rows = d.resources {
            clear(["9", "9.1"])
            for r in rows { if let m = ml[r.mlID], let yi = yearIndex[r.year] { set("9", m, yi, r.etpTotal); set("9.1", m, yi, r.etpAccompaniment) } }
        }
        if let rows = d.funding {
            let lines = ["10", "10.1.a", "10.1.b", "10.1.c"]
            clear(lines)
            // An ML with at least one row for the year has its sums, 0 where no row matches.
            for r in rows { if let m = ml[r.mlID], let yi = yearIndex[r.year] { for l in lines where self[m, yi, 0, Slots.index[l]!].isNaN { set(l, m, yi, 0) } } }
            for r in rows {
                guard let m = ml[r.mlID], let yi = yearIndex[r.year] else { continue }
                func add(_ id: String) { self[m, yi, 0, Slots.index[id]!] += r.amount }
                add("10")
                if r.line == .socle { add("10.1.a") }
                if r.funder == .etat { add("10.1.b") }
                if r.funder == .fse || r.funder == .iej { add("10.1.c") }
            }
        }
    }

    /// The reference file, when present, is the source of its lines (not indicators.csv).
    private mutating func clear(_ ids: [String]) {
        let mlCount = members.last?.count ?? 0
        for m in 0..<mlCount { for yi in years.indices { for id in ids { self[m, yi, 0, Slots.index[id]!] = .nan } } }
    }

    // MARK: regions and nation

    private mutating func sumUp(mlCount: Int) {
        let block = years.count * ComponentTable.breakdownCount * Slots.count
        for t in mlCount..<territories.count {
            var acc = [Double](repeating: 0, count: block)
            for m in members[t] {
                let base = m * block
                for k in 0..<block { acc[k] += values[base + k] }
            }
            let base = t * block
            for k in 0..<block { values[base + k] = acc[k] }
            // A mean given without its record count cannot be rebuilt above ML level.
            for yi in years.indices {
                for b in 0..<ComponentTable.breakdownCount {
                    self[t, yi, b, Slots.mean5Direct] = .nan
                    self[t, yi, b, Slots.mean7Direct] = .nan
                }
            }
        }
    }
}
