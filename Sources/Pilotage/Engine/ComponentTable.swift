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
    /// The breakdowns held, in ``Breakdown`` order: all of them, or `all` alone in a programme
    /// table (programmes are not crossed with the population breakdowns).
    let breakdowns: Int
    var values: [Double]

    static let breakdownCount = Breakdown.allCases.count
    /// The patterns of breakdowns counted apart: one per set of the breakdowns other than `all`.
    var patterns: Int { 1 << (breakdowns - 1) }

    @inline(__always) func offset(_ t: Int, _ yi: Int, _ b: Int, _ slot: Int) -> Int {
        ((t * years.count + yi) * breakdowns + b) * Slots.count + slot
    }

    subscript(t: Int, yi: Int, b: Int, slot: Int) -> Double {
        get { values[offset(t, yi, b, slot)] }
        set { values[offset(t, yi, b, slot)] = newValue }
    }

    /// - Parameter chunks: how many ranges of young people the evaluation splits into (by
    ///   default a few per core); the result does not depend on it.
    /// - Parameter programme: a programme table: only this programme's pathways are national.
    /// - Parameter held: for a programme table, ``programmesHeld(_:years:)`` of the microdata,
    ///   when already read (the five tables share it).
    init(dataset: Dataset, chunks: Int? = nil, programme: Program? = nil, held: [UInt16]? = nil) {
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
        var t = Trace.now()
        breakdowns = programme == nil ? ComponentTable.breakdownCount : 1
        values = [Double](repeating: .nan, count: territories.count * years.count * breakdowns * Slots.count)
        Trace.log("allocate", t); t = Trace.now()
        if let micro = dataset.micro {
            fillMicrodata(micro, mlCount: missions.count, chunks: chunks,
                          programme: programme.map { ($0, held ?? ComponentTable.programmesHeld(micro, years: years)) })
        }
        Trace.log("microdata", t); t = Trace.now()
        if let aggregate = dataset.aggregate { fillAggregate(aggregate, mlCount: missions.count, programme: programme) }
        if programme == nil { fillReferenceFiles(dataset) }     // no line of a programme table reads them
        Trace.log("reference files", t); t = Trace.now()
        sumUp(mlCount: missions.count)
        Trace.log("levels", t)
    }

    // MARK: microdata

    /// Counters per chunk of young people, ML met by the chunk, year and pattern of breakdowns.
    private struct PatternCounts: ~Copyable, Sendable {
        /// The MLs each chunk meets, and where its rows start.
        let ranges: [Range<Int>], offsets: [Int]
        var chunks: Int { ranges.count }
        let rowsPerML: Int
        let counters: LineCounters
        /// Per row: sum and count of the durations of mean 5, then of mean 7.
        let means: UniqueBuffer<Double>

        init(ranges: [Range<Int>], years: Int, patterns: Int, lines: Int) {
            self.ranges = ranges
            rowsPerML = years * patterns
            offsets = ranges.reduce(into: [0]) { [rowsPerML] in $0.append($0.last! + $1.count * rowsPerML) }
            counters = LineCounters(rows: offsets.last!, lines: lines)
            means = UniqueBuffer(repeating: 0, count: offsets.last! * 4)
        }

        /// The first row of `ml` (its year 0, pattern 0) in the counters of `chunk`.
        @inline(__always) func firstRow(chunk: Int, ml: Int) -> Int { offsets[chunk] + (ml - ranges[chunk].lowerBound) * rowsPerML }
    }

    private mutating func fillMicrodata(_ m: MicroStore, mlCount: Int, chunks requested: Int?,
                                        programme: (program: Program, held: [UInt16])?) {
        let periods = years.map(PersonEvaluator.Period.init)
        let nY = years.count, nP = patterns
        // A few contiguous ranges of young people per core (for balance), each with its own
        // counters for the MLs it meets. A young person is counted once, under the pattern of
        // breakdowns that keep them; the patterns are spread over the breakdowns at the end.
        let ranges = ComponentTable.chunking(m.youthML, mlCount: mlCount, requested: requested), chunks = ranges.count
        let counts = PatternCounts(ranges: ranges, years: nY, patterns: nP, lines: Slots.countLines.count)
        let offsets = counts.offsets, rowsPerML = counts.rowsPerML
        let evaluator = PersonEvaluator(periods: periods, programme: programme?.program)
        let programmeBit = programme.map { UInt16(1) << Code.index($0.program) } ?? 0
        let view = MicroView(m)
        let held = programme?.held ?? []
        let t0 = Trace.now()
        DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
            let lo = m.youthCount * chunk / chunks, hi = m.youthCount * (chunk + 1) / chunks
            // Pointers are taken where they are used: a buffer lives until its last use.
            let results = UniqueBuffer(repeating: PersonEvaluator.Result(), count: nY)
            let state = UniqueBuffer(repeating: PersonEvaluator.YearState(), count: nY)
            let means = counts.means.pointer    // `counts` lives until `spread` below
            let firstML = ranges[chunk].lowerBound, rowBase = offsets[chunk]   // `firstRow`, its parts taken out of the loop
            /// Young person `y` into the counters; `programmeTable` a constant, so that each loop
            /// below has its own copy of the rules, without the other's tests.
            @inline(__always) func count(_ y: Int, programmeTable: Bool) {
                evaluator.evaluate(view, y, programmeTable: programmeTable, state: state.pointer, into: results.pointer)
                let pattern = programmeTable ? 0 : ComponentTable.pattern(
                    sex: view.youthSex[y], level: view.youthLevel[y], flags: view.youthFlags[y])
                let row0 = rowBase + (Int(view.youthML[y]) - firstML) * rowsPerML + pattern
                for yi in 0..<nY {
                    let r = results[yi]
                    if r.mask.isEmpty && r.mean5N == 0 && r.mean7N == 0 { continue }
                    let row = row0 + yi * nP
                    counts.counters.add(r.mask, row: row)
                    if r.mean5N | r.mean7N == 0 { continue }
                    let mm = row * 4
                    means[mm] += r.mean5Sum; means[mm + 1] += Double(r.mean5N)
                    means[mm + 2] += r.mean7Sum; means[mm + 3] += Double(r.mean7N)
                }
            }
            if programmeBit == 0 {
                for y in lo..<hi { count(y, programmeTable: false) }
            } else {
                // A programme table reads only that programme's pathways: a young person without
                // one adds nothing to its lines (the others, never shown, are left out).
                for y in lo..<hi where held[y] & programmeBit != 0 { count(y, programmeTable: true) }
            }
            counts.counters.flush(offsets[chunk]..<offsets[chunk + 1])
        }
        Trace.log("evaluate", t0)
        let t1 = Trace.now()
        spread(counts, mlCount: mlCount)
        Trace.log("spread", t1)
    }

    /// For each young person, the programs whose table they can add to, one bit per program code:
    /// read once for the five programme tables rather than searched in each. A program's table
    /// reads its pathways in the years (every line but the 4.2 cohorts needs one present in a
    /// year), and the cohorts of its first start f, counted in the year of f ⊕ 4 or f ⊕ 12 months:
    /// so a program counts when one of its pathways meets the years, or when f is at most a year
    /// (366 days, never less than 12 months) before them and not after them.
    static func programmesHeld(_ m: MicroStore, years: [Int]) -> [UInt16] {
        precondition(Program.allCases.count <= 16, "a program outside the 16 bits")
        guard let firstYear = years.first, let lastYear = years.last else {
            return [UInt16](repeating: 0, count: m.youthCount)
        }
        let s = PersonEvaluator.Period(year: firstYear).s, e = PersonEvaluator.Period(year: lastYear).e
        let view = MicroView(m), count = m.youthCount
        return [UInt16](unsafeUninitializedCapacity: count) { out, n in
            nonisolated(unsafe) let out = out
            let parts = ProcessInfoCores.count
            DispatchQueue.concurrentPerform(iterations: parts) { part in
                for y in (count * part / parts)..<(count * (part + 1) / parts) {
                    let p0 = Int(view.pwStart[y]), p1 = Int(view.pwStart[y + 1])
                    var bits: UInt16 = 0
                    let bit = { (i: Int) -> UInt16 in 1 << (view.pwProgram[i] & 15) }
                    for i in p0..<p1 where view.pwBegin[i] <= e && view.pwEnd[i] >= s { bits |= bit(i) }
                    // The others: a program's first start (pathways are few: searched for each).
                    for i in p0..<p1 where bits & bit(i) == 0 {
                        var first = view.pwBegin[i]
                        for j in p0..<p1 where view.pwProgram[j] == view.pwProgram[i] {
                            first = min(first, view.pwBegin[j])
                        }
                        if first >= s - 366 && first <= e { bits |= bit(i) }
                    }
                    out[y] = bits
                }
            }
            n = count
        }
    }

    /// Each pattern's counters into every breakdown it belongs to, for each ML (in parallel over
    /// the MLs; an ML at the edge of two chunks has counters in both).
    private mutating func spread(_ counts: borrowing PatternCounts, mlCount: Int) {
        let nY = years.count, nB = breakdowns, nC = Slots.countLines.count, nP = patterns
        let countSlots = Slots.countLines.map { Slots.index[$0]! }
        let (s5, n5, s7, n7) = (Slots.mean5Sum, Slots.mean5N, Slots.mean7Sum, Slots.mean7N)
        let cellsPerML = nY * nB
        nonisolated(unsafe) let counters = counts.counters.counts.pointer, means = counts.means.pointer
        let chunks = counts.ranges.count, ranges = counts.ranges, offsets = counts.offsets, rowsPerML = counts.rowsPerML
        values.withUnsafeMutableBufferPointer { v in
            nonisolated(unsafe) let v = v
            let parts = ProcessInfoCores.count
            DispatchQueue.concurrentPerform(iterations: parts) { part in
                // Pointers are taken where they are used: a buffer lives until its last use.
                let total = UniqueBuffer<Int32>(repeating: 0, count: cellsPerML * nC)
                let totalMeans = UniqueBuffer<Double>(repeating: 0, count: cellsPerML * 4)
                for ml in (mlCount * part / parts)..<(mlCount * (part + 1) / parts) {
                    total.reset(to: 0); totalMeans.reset(to: 0)
                    for chunk in 0..<chunks where ranges[chunk].contains(ml) {
                        let row0 = offsets[chunk] + (ml - ranges[chunk].lowerBound) * rowsPerML
                        for yi in 0..<nY {
                            for pattern in 0..<nP {
                                let row = row0 + yi * nP + pattern, kept = pattern << 1 | 1
                                let from = counters + row * nC, fromMeans = means + row * 4
                                for b in 0..<nB where kept & (1 << b) != 0 {
                                    let cell = yi * nB + b
                                    let into = total.pointer + cell * nC, intoMeans = totalMeans.pointer + cell * 4
                                    for k in 0..<nC { into[k] &+= from[k] }          // (pointers set outside: the loop vectorises)
                                    for k in 0..<4 { intoMeans[k] += fromMeans[k] }
                                }
                            }
                        }
                    }
                    // MLs come first among the territories: cell (ml, year, breakdown) is at cell × Slots.count.
                    for cell in 0..<cellsPerML {
                        let vb = (ml * cellsPerML + cell) * Slots.count, cb = cell * nC, mb = cell * 4
                        for bit in 0..<nC { v[vb + countSlots[bit]] = Double(total[cb + bit]) }
                        v[vb + s5] = totalMeans[mb]; v[vb + n5] = totalMeans[mb + 1]; v[vb + s7] = totalMeans[mb + 2]; v[vb + n7] = totalMeans[mb + 3]
                    }
                }
            }
        }
    }

    /// The breakdowns other than `all` that keep a young person, as bits (women, low_qualified,
    /// qpv, zrr, neet: the order of ``Breakdown`` after `all`).
    @inline(__always) static func pattern(sex: UInt8, level: UInt8, flags f: UInt8) -> Int {
        var p = sex == female ? 1 : 0
        if lowQualified(level: level, diploma: f & 1 != 0) { p |= 2 }
        return p | Int(f & 0b1110) << 1          // qpv, zrr, neet: flag bits 1-3 → pattern bits 2-4
    }

    /// A few chunks per core (for balance) when the young people are grouped by ML; one per
    /// core otherwise, since every chunk then has counters for every ML. Chunk k's MLs are
    /// the k-th range.
    static func chunking(_ youthML: [Int32], mlCount: Int, requested: Int? = nil) -> [Range<Int>] {
        let chunks = max(1, requested ?? min(ProcessInfoCores.count * 16, youthML.count / 5_000))
        let ranges = mlRanges(youthML, chunks: chunks)
        guard ranges.reduce(0, { $0 + $1.count }) > 2 * mlCount, chunks > ProcessInfoCores.count else { return ranges }
        return mlRanges(youthML, chunks: ProcessInfoCores.count)
    }

    /// The MLs the young people of each chunk belong to (the chunks split `0..<youthML.count` evenly).
    static func mlRanges(_ youthML: [Int32], chunks: Int) -> [Range<Int>] {
        (0..<chunks).map { chunk in
            let lo = youthML.count * chunk / chunks, hi = youthML.count * (chunk + 1) / chunks
            guard lo < hi else { return 0..<0 }
            var a = youthML[lo], b = a
            for y in lo..<hi { a = min(a, youthML[y]); b = max(b, youthML[y]) }
            return Int(a)..<Int(b) + 1
        }
    }

    static let female = Code.index(Sex.female)
    private static let lowLevels: (UInt8, UInt8, UInt8) = (Code.index(SchoolLevel.vi), Code.index(SchoolLevel.vBis), Code.index(SchoolLevel.v))
    @inline(__always) static func lowQualified(level: UInt8, diploma: Bool) -> Bool {
        level == lowLevels.0 || level == lowLevels.1 || (level == lowLevels.2 && !diploma)
    }

    // MARK: aggregate

    /// The rows of `indicators.csv`: the dashboard's, or those of one programme table.
    private mutating func fillAggregate(_ a: AggregateStore, mlCount: Int, programme: Program?) {
        let yearIndex = Dictionary(uniqueKeysWithValues: years.enumerated().map { ($1, $0) })
        for (key, value) in a.values where key.programme == programme {
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
                for b in 0..<breakdowns {
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
        let slot = { (id: String) in Slots.index[id]! }
        if let rows = d.contexts {
            let (jano, defm) = (slot("0.1"), slot("0.2"))
            clear([jano, defm])
            for r in rows { if let m = ml[r.mlID], let yi = yearIndex[r.year] { self[m, yi, 0, jano] = r.jano; self[m, yi, 0, defm] = r.defm } }
        }
        if let rows = d.resources {
            let (total, accompaniment) = (slot("9"), slot("9.1"))
            clear([total, accompaniment])
            for r in rows {
                if let m = ml[r.mlID], let yi = yearIndex[r.year] { self[m, yi, 0, total] = r.etpTotal; self[m, yi, 0, accompaniment] = r.etpAccompaniment }
            }
        }
        if let rows = d.funding {
            let (all, socle, state, europe) = (slot("10"), slot("10.1.a"), slot("10.1.b"), slot("10.1.c"))
            clear([all, socle, state, europe])
            for r in rows {
                guard let m = ml[r.mlID], let yi = yearIndex[r.year] else { continue }
                // An ML with at least one row for the year has its sums, 0 where no row matches.
                if self[m, yi, 0, all].isNaN { for l in [all, socle, state, europe] { self[m, yi, 0, l] = 0 } }
                self[m, yi, 0, all] += r.amount
                if r.line == .socle { self[m, yi, 0, socle] += r.amount }
                if r.funder == .etat { self[m, yi, 0, state] += r.amount }
                if r.funder == .fse || r.funder == .iej { self[m, yi, 0, europe] += r.amount }
            }
        }
    }

    /// The reference file, when present, is the source of its lines (not indicators.csv).
    private mutating func clear(_ slots: [Int]) {
        let mlCount = members.last?.count ?? 0
        for m in 0..<mlCount { for yi in years.indices { for slot in slots { self[m, yi, 0, slot] = .nan } } }
    }

    // MARK: regions and nation

    private mutating func sumUp(mlCount: Int) {
        let block = years.count * breakdowns * Slots.count
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
                for b in 0..<breakdowns {
                    self[t, yi, b, Slots.mean5Direct] = .nan
                    self[t, yi, b, Slots.mean7Direct] = .nan
                }
            }
        }
    }
}
