/// The rules of `indicators.md`, applied to one young person's records for one year.
///
/// This is the only place where a count line's definition is written in code; each block
/// cites the line it implements.
struct PersonEvaluator {
    /// One calendar year and the dates its rules need.
    struct Period {
        let year: Int
        /// 1 January and 31 December.
        let s: Int32, e: Int32
        /// e ⊖ 5 months (JDI window: e ⊖ 5 months < x ≤ e) and e ⊖ 3 months (4.1.i).
        let e5: Int32, e3: Int32
        init(year: Int) {
            let b = Day.yearBounds(year)
            self.year = year
            s = b.lowerBound.number; e = b.upperBound.number
            e5 = b.upperBound.adding(months: -5).number
            e3 = b.upperBound.adding(months: -3).number
        }
    }

    /// The result for one year: the count lines the person is in, and the records of the means.
    struct Result {
        var mask = LineMask()
        var mean5Sum = 0.0, mean5N = 0
        var mean7Sum = 0.0, mean7N = 0
    }

    static let daysPerMonth = 30.4375

    /// `d ⊕ 4 months` and `d ⊕ 12 months` by table for the days of 1950-2100 (the rules
    /// ask for them for every person and year; the calendar arithmetic is then done once).
    private static let tableStart = Day(year: 1950, month: 1, day: 1)!.number
    private static func monthTable(_ k: Int) -> [Int32] {
        let end = Day(year: 2100, month: 12, day: 31)!.number
        return (tableStart...end).map { Day(number: $0).adding(months: k).number }
    }

    /// The lookup tables of the rules, read without bounds checks in the inner loops: built
    /// once, never changed, and kept for the life of the process (about 450 KB).
    private struct Tables: @unchecked Sendable {
        let plus4: UnsafeBufferPointer<Int32>, plus12: UnsafeBufferPointer<Int32>
        let eventFlags: UnsafeBufferPointer<UInt32>
        let exitLines: UnsafeBufferPointer<LineMask>
        let situationStart: UnsafeBufferPointer<LineMask>, situationDuring: UnsafeBufferPointer<LineMask>
    }
    private static let tables = Tables(plus4: unsafeCopy(monthTable(4)), plus12: unsafeCopy(monthTable(12)),
                                       eventFlags: unsafeCopy(eventFlags), exitLines: unsafeCopy(exitLines),
                                       situationStart: unsafeCopy(situationStart), situationDuring: unsafeCopy(situationDuring))

    /// Per situation kind, detail and durable flag (at `(kind << 5 | detail) << 1 | durable`):
    /// the lines of a situation started on a day covered by a national pathway (4.1.f, 4.1.g).
    private static let situationStart: [LineMask] = (0..<512).map { e in
        let detail = UInt8(e >> 1 & 31), durable = e & 1 != 0
        var mask = LineMask()
        guard let kind = SituationKind.allCases.first(where: { Int(Code.index($0)) == e >> 6 }) else { return mask }
        let line = { (id: String) in mask.insert(Slots.bit(id)) }
        switch kind {
        case .formation:
            line("4.1.g")
            if detail == Code.index(TrainingKind.qualifiante) + 1 { line("4.1.g.1") }
        case .emploi:
            line("4.1.f"); line("4.1.f.emploi")
            if detail == Code.index(Contract.apprentissage) + 1 || detail == Code.index(Contract.professionnalisation) + 1 { line("4.1.f.alternance") }
            if detail == Code.index(Contract.apprentissage) + 1 { line("4.1.f.apprentissage") }
            if durable { line("4.1.f.durable") }
        case .immersion: line("4.1.f"); line("4.1.f.immersion")
        case .serviceCivique: line("4.1.f"); line("4.1.f.service_civique")
        case .parrainage: break
        }
        return mask
    }
    /// Per scope, situation kind and detail (at `national << 8 | kind << 5 | detail`): the lines
    /// of a situation overlapping a pathway in a year (4.1.h, 6, 6.1, 6.1.*, 6.2).
    private static let situationDuring: [LineMask] = (0..<512).map { e in
        let national = e >> 8 == 1, detail = UInt8(e & 31)
        var mask = LineMask()
        guard let kind = SituationKind.allCases.first(where: { Int(Code.index($0)) == e >> 5 & 7 }) else { return mask }
        let line = { (id: String) in mask.insert(Slots.bit(id)) }
        switch kind {
        case .parrainage: if national { line("4.1.h") }
        case .emploi, .formation:
            line("6")
            guard national else { line("6.2"); break }
            line("6.1")
            if kind == .formation { line("6.1.formation") } else {
                line("6.1.emploi")
                if detail == Code.index(Contract.eav) + 1 { line("6.1.eav") }
            }
        case .immersion, .serviceCivique: break
        }
        return mask
    }
    private let tables = PersonEvaluator.tables

    @inline(__always) private func shifted(_ d: Int32, _ table: UnsafeBufferPointer<Int32>, _ k: Int) -> Int32 {
        let i = Int(d - PersonEvaluator.tableStart)
        return i >= 0 && i < table.count ? table[i] : Day(number: d).adding(months: k).number
    }

    // Codes as stored by the loader (index of the case, details + 1).
    private let orientationProgram = Code.index(Program.orientation)
    /// The scope of each program; under a programme table (`programme`), only that programme is
    /// national and the other national programmes read as regional (indicators.md, « Programme tables »).
    private let scopeOf: [ProgramScope]
    private let sEmploi = Code.index(SituationKind.emploi)
    private let sFormation = Code.index(SituationKind.formation), sServiceCivique = Code.index(SituationKind.serviceCivique)
    private let sParrainage = Code.index(SituationKind.parrainage)

    // Bits of the count lines set record by record (those of the year's facts are in `wordLines`,
    // those of the situations in `situationStart` and `situationDuring`, 8.1's in `exitLines`).
    private let bS1 = Slots.bit("S.1"), bO4 = Slots.bit("O.4")
    private let b42m4base = Slots.bit("4.2.m4.base"), b42m4 = Slots.bit("4.2.m4"), b42m12base = Slots.bit("4.2.m12.base"), b42m12 = Slots.bit("4.2.m12")
    private let bG4base = Slots.bit("G.4.base"), bG4 = Slots.bit("G.4")

    /// What the records of one person say about one year, gathered in one pass over each kind
    /// of record and turned into lines at the end.
    struct YearState {
        /// The facts below, and in bits 24-31 the droit commun domains met in the year (4.4.*).
        var flags: UInt32 = 0
        var earliestEntry = Int32.max
        var lastExit = -1
    }
    // Flags of `YearState`. Bits 0-11 are facts that are count lines as they stand (the first
    // twelve of `wordLines`); bits 24-31 are the droit commun domains.
    private static let anyEvent: UInt32 = 1, jdi: UInt32 = 1 << 1, reception: UInt32 = 1 << 2, entered: UInt32 = 1 << 3
    private static let enteredNational: UInt32 = 1 << 4, present: UInt32 = 1 << 5, presentNational: UInt32 = 1 << 6
    private static let presentRL: UInt32 = 1 << 7, exited: UInt32 = 1 << 8, exitedRL: UInt32 = 1 << 9, exitedNational: UInt32 = 1 << 10
    private static let presentNationalAtEnd: UInt32 = 1 << 11
    private static let diagnostic: UInt32 = 1 << 12, orientation: UInt32 = 1 << 13, cep23OrDiagnostic: UInt32 = 1 << 14
    private static let droitCommun: UInt32 = 1 << 15, recentProposition: UInt32 = 1 << 16, enteredRLWithPlan: UInt32 = 1 << 17
    private static let oldNationalAtEnd: UInt32 = 1 << 18, coveredAtEndByWork: UInt32 = 1 << 19, domainShift: UInt32 = 24

    /// The lines of a year's facts, one bit each, in the order of the year's line word: the
    /// facts that are lines (bits 0-11), then the lines made of several facts, then 4.4's domains.
    /// They are the first bits of every `LineMask` (see ``Slots/countLines``), so the word is
    /// the mask's first bits as it stands.
    static let wordLines: [String] = ["1", "2.bis.1", "2", "3", "3.1", "4", "4.1", "4.3", "8", "8.2", "8.1", "4.1.end",
                                              "2.1", "2.2", "3.2", "3.2.a", "3.3", "D.1", "4.4", "4.1.i"]
        + CommonLawRight.allCases.map { "4.4.\($0.rawValue)" }
    /// The periods, and for each day from their first 1 January to their last 31 December: the
    /// index of its period (`none` outside them) and whether it falls in the JDI window (after
    /// e ⊖ 5 months) and in the 4.1.i window (on or after e ⊖ 3 months). One load replaces a
    /// branchy search. Made for one dashboard, read without bounds checks, freed with it.
    final class DayTable: @unchecked Sendable {
        static let none: UInt16 = 0xFF, jdiWindow: UInt16 = 0x100, recentWindow: UInt16 = 0x200
        let periods: UnsafeBufferPointer<Period>
        let start: Int32
        /// With one more day on each side standing for every day before and after the periods
        /// (so that a look-up is a clamp, without a branch).
        let info: UnsafeBufferPointer<UInt16>
        /// For the events, with the same two extra days: in bits 16-23 the period of the day, in bits 0-15 the event facts (see
        /// `eventWord`) an event of that day may set: none outside the periods, no JDI before
        /// its window, no 4.1.i proposition before its window.
        let eventInfo: UnsafeBufferPointer<UInt32>
        init(_ periods: [Period]) {
            start = periods.first?.s ?? 0
            let end = periods.last?.e ?? -1
            var info = [UInt16](repeating: DayTable.none, count: Int(max(0, end - start + 1)))
            for (pi, p) in periods.enumerated() {
                for d in p.s...p.e {
                    info[Int(d - start)] = UInt16(pi) | (d > p.e5 ? DayTable.jdiWindow : 0) | (d >= p.e3 ? DayTable.recentWindow : 0)
                }
            }
            let eventInfo = [0] + info.map { i -> UInt32 in
                guard i & 0xFF != DayTable.none else { return 0 }
                let allowed = ~(i & DayTable.jdiWindow == 0 ? PersonEvaluator.jdi : 0) & ~(i & DayTable.recentWindow == 0 ? PersonEvaluator.recentProposition : 0)
                return UInt32(i & 0xFF) << 16 | PersonEvaluator.eventWord(allowed)
            } + [0]
            self.periods = unsafeCopy(periods)
            self.info = unsafeCopy([DayTable.none] + info + [DayTable.none])
            self.eventInfo = unsafeCopy(eventInfo)
        }
        deinit { periods.deallocate(); info.deallocate(); eventInfo.deallocate() }
        @inline(__always) func callAsFunction(_ d: Int32) -> UInt16 { info[index(d)] }
        /// The entry of day `d` in `eventInfo`.
        @inline(__always) func event(_ d: Int32) -> UInt32 { eventInfo[index(d)] }
        /// The index of day `d` in `info` and `eventInfo` (clamped, without a branch: a day before
        /// the first wraps around to a large index, clamped to the last entry, which says the same
        /// "none" as the first).
        @inline(__always) private func index(_ d: Int32) -> Int {
            Int(min(UInt32(bitPattern: d &- start &+ 1), UInt32(truncatingIfNeeded: info.count - 1)))
        }
    }
    /// The days of the periods evaluated.
    let days: DayTable
    private let propositionKind = Code.index(EventKind.proposition)
    init(periods: [Period], programme: Program? = nil) {
        days = DayTable(periods)
        scopeOf = Program.allCases.map { p in
            guard let programme, p.scope == .national else { return p.scope }
            return p == programme ? .national : .regionalLocal
        }
    }

    /// The period that contains day `d`, or -1.
    @inline(__always) private func period(of d: Int32, _ days: DayTable) -> Int {
        let pi = days(d) & 0xFF
        return pi == DayTable.none ? -1 : Int(pi)
    }

    /// Bits 16-17 of an event's entry in `eventFlags` (never facts, so no day allows them): the
    /// event's class for the earliest dates the rules need — 1 the reception, 2 a diagnostic
    /// (D.1), 3 a proposition of a "solution" (emploi, alternance, formation, immersion; G.4).
    static let receptionClass: UInt32 = 1 << 16, diagnosticClass: UInt32 = 2 << 16, solutionClass: UInt32 = 3 << 16
    /// The place of an event of kind `k` and detail `detail` in `eventFlags`.
    @inline(__always) static func eventIndex(_ k: UInt8, _ detail: UInt8) -> Int { Int(k & 15) &<< 5 | Int(detail & 31) }

    /// The flags an event can set, in 16 bits: anyEvent, jdi, reception (flag bits 0-2);
    /// diagnostic, orientation, cep23OrDiagnostic, droitCommun, recentProposition (flag bits
    /// 12-16) and the seven domains (flag bits 24-30). Four years of them fit in one register.
    @inline(__always) static func eventWord(_ flags: UInt32) -> UInt32 { flags & 0x7 | flags >> 9 & 0xF8 | flags >> 16 & 0x7F00 }
    @inline(__always) static func flags(eventWord w: UInt32) -> UInt32 { w & 0x7 | (w & 0xF8) << 9 | (w & 0x7F00) << 16 }

    /// Per event kind and detail (at `kind << 5 | detail`): the facts the event sets in its year
    /// before the day's windows apply (1, 2, 2.1, 2.2, 2.bis.1, 3.3, 4.1.i, 4.4 and its domains),
    /// as an `eventWord`, and its class (`receptionClass`…).
    private static let eventFlags: [UInt32] = {
        precondition(EventKind.allCases.count <= 16 && CommonLawRight.allCases.count <= 8, "event table too small")
        var table = [UInt32](repeating: 0, count: 16 << 5)
        for k in EventKind.allCases {
            for detail in 0..<32 {
                var f = anyEvent
                switch k {
                case .accueil: f |= reception
                case .diagnostic: f |= diagnostic | cep23OrDiagnostic
                case .orientation: f |= orientation
                case .proposition: f |= recentProposition
                case .droitCommun:
                    f |= droitCommun
                    if detail >= 1 && detail <= CommonLawRight.allCases.count { f |= 1 << (domainShift + UInt32(detail - 1)) }
                case .cep: if detail == Code.index(CEPLevel.two) + 1 || detail == Code.index(CEPLevel.three) + 1 { f |= cep23OrDiagnostic }
                default: break
                }
                if k.isInterview { f |= jdi }
                precondition(flags(eventWord: eventWord(f)) == f, "an event flag outside the event word")
                let solution = k == .proposition && [OfferKind.emploi, .alternance, .formation, .immersion].contains { detail == Code.index($0) + 1 }
                let eventClass = k == .accueil ? receptionClass : k == .diagnostic ? diagnosticClass : solution ? solutionClass : 0
                table[eventIndex(Code.index(k), UInt8(detail))] = eventWord(f) | eventClass
            }
        }
        return table
    }()

    /// Evaluates young person `y` of `m` for every period (ascending years). Each record is read
    /// once: its rules find the years it touches, rather than each year scanning every record.
    ///
    /// For a programme table (`programmeTable`, with the evaluator made for its programme), the
    /// events are read for 4.1.i's propositions alone, and neither orientation pathways (S.1,
    /// O.4) nor mean 7 are computed: no line of the tables reads them (the lines outside the
    /// tables, never shown, are left incomplete).
    @inline(__always) func evaluate(_ m: MicroView, _ y: Int, programmeTable: Bool,
                                    state: UnsafeMutablePointer<YearState>,
                                    into results: UnsafeMutablePointer<Result>) {
        typealias F = PersonEvaluator
        let days = days, periods = days.periods, tables = tables
        let open = MicroStore.open, nY = periods.count
        let e0 = Int(m.evStart[y]), e1 = Int(m.evStart[y + 1])
        let p0 = Int(m.pwStart[y]), p1 = Int(m.pwStart[y + 1])
        let s0 = Int(m.stStart[y]), s1 = Int(m.stStart[y + 1])
        for pi in 0..<nY { state[pi] = YearState(); results[pi] = Result() }

        // Events. Every event rule looks inside the event's own year: the JDI window
        // (e ⊖ 5 months, e] and the 4.1.i window [e ⊖ 3 months, e] both lie in it. Without a
        // branch on the data: an event outside the periods sets nothing (in period 0). Up to
        // four years, the facts of every year gather in one register. On the way, the earliest
        // date of each class of event (`receptionClass`…): the reception (at most one), the
        // first diagnostic, the first solution proposed; slot 0 takes the other events.
        var firsts: (Int32, Int32, Int32, Int32) = (.max, .max, .max, .max)
        let eventFlags = tables.eventFlags, inRegister = nY <= 4
        var facts: UInt64 = 0
        withUnsafeMutableBytes(of: &firsts) { bytes in
            let first = bytes.baseAddress!.assumingMemoryBound(to: Int32.self)
            /// Event `i`'s day entry and table entry, its date counted in its class's earliest.
            @inline(__always) func read(_ i: Int) -> (x: UInt32, w: UInt32) {
                let d = m.evDate[i]
                let x = days.event(d), w = eventFlags[F.eventIndex(m.evKind[i], m.evDetail[i])]
                let c = Int(w &>> 16 & 3)
                first[c] = min(first[c], d)
                return (x, w)
            }
            // Two loops rather than a test in one: the test would be made at every event.
            if programmeTable {
                let recent = F.eventWord(F.recentProposition)
                for i in e0..<e1 where m.evKind[i] == propositionKind {
                    let x = days.event(m.evDate[i])
                    state[Int(x >> 16)].flags |= F.flags(eventWord: x & recent)
                }
            } else if inRegister {
                for i in e0..<e1 { let (x, w) = read(i); facts |= UInt64(w & x & 0xFFFF) &<< (x &>> 12 & 0x30) }
            } else {
                for i in e0..<e1 { let (x, w) = read(i); state[Int(x >> 16)].flags |= F.flags(eventWord: w & x & 0xFFFF) }
            }
        }
        let accueil = firsts.1, firstDiagnostic = firsts.2, firstSolution = firsts.3
        if inRegister && !programmeTable {
            for pi in 0..<nY {
                state[pi].flags = F.flags(eventWord: UInt32(truncatingIfNeeded: facts >> (16 * pi)) & 0xFFFF)
            }
        }

        // Pathways.
        var firstNational = Int32.max
        for i in p0..<p1 {
            let start = m.pwBegin[i], end = m.pwEnd[i]
            if m.pwProgram[i] == orientationProgram {
                if programmeTable { continue }                  // (no line of its tables)
                let si = period(of: start, days)
                if si >= 0 { results[si].mask.insert(bS1) }                                      // S.1
                let limit = shifted(start, tables.plus4, 4)                                      // O.4
                let li = period(of: limit, days)
                if li >= 0 && end >= limit { results[li].mask.insert(bO4) }
                continue
            }
            let national = scopeOf[Int(m.pwProgram[i])] == .national
            if national { firstNational = min(firstNational, start) }
            for pi in 0..<nY {
                let p = periods[pi]
                if end < p.s { break }                  // the years are ascending: none later overlaps
                if start > p.e { continue }
                var f = F.present | (national ? F.presentNational : F.presentRL)                 // 4, 4.1, 4.3
                if start >= p.s {                                                                 // 3, 3.1, 3.2.a
                    f |= F.entered
                    state[pi].earliestEntry = min(state[pi].earliestEntry, start)
                    if national { f |= F.enteredNational } else if m.pwFlags[i] & 1 != 0 { f |= F.enteredRLWithPlan }
                }
                if national && end >= p.e {                                                       // 4.1.end, 4.1.i
                    f |= F.presentNationalAtEnd
                    if start < p.e3 { f |= F.oldNationalAtEnd }
                }
                if end != open && end <= p.e {                                                    // 8, 8.1, 8.2, 5
                    f |= F.exited
                    results[pi].mean5Sum += Double(end - start) / PersonEvaluator.daysPerMonth
                    results[pi].mean5N += 1
                    if national {
                        f |= F.exitedNational
                        let last = state[pi].lastExit
                        if last < 0 || end > m.pwEnd[last]
                            || (end == m.pwEnd[last] && m.pwIDs.less(Int(m.pwID[last]), Int(m.pwID[i]))) { state[pi].lastExit = i }
                    } else { f |= F.exitedRL }
                }
                state[pi].flags |= f
            }
        }

        // Situations against pathways. On the way, for 4.2 the first emploi or formation started on
        // or after the first national entry, and for G.4 whether a situation other than service
        // civique and parrainage started in the 4 months after the reception.
        let receptionLimit = accueil != .max ? shifted(accueil, tables.plus4, 4) : .min
        var firstWork = Int32.max, solutionStarted = false
        for j in s0..<s1 {
            let kind = m.stKind[j], ss = m.stBegin[j], se = m.stEnd[j], detail = m.stDetail[j]
            let work = kind == sEmploi || kind == sFormation
            firstWork = min(firstWork, work && ss >= firstNational ? ss : .max)
            solutionStarted = solutionStarted || (kind != sServiceCivique && kind != sParrainage && ss >= accueil && ss < receptionLimit)
            if work {                                                                             // 4.1.i (cover at 31/12)
                for pi in 0..<nY where ss <= periods[pi].e && se >= periods[pi].e { state[pi].flags |= F.coveredAtEndByWork }
            }
            // 4.1.f, 4.1.g: started in P on a day covered by a national pathway.
            let code = Int(kind & 7) &<< 5 | Int(detail & 31)
            let started = tables.situationStart[code &<< 1 | Int(m.stFlags[j] &>> 1 & 1)]
            let si = period(of: ss, days)
            if si >= 0 && !started.isEmpty && coveredByNational(m, p0, p1, ss) { results[si].mask.formUnion(started) }
            // 4.1.h (parrainage during a national pathway) and 6, 6.1, 6.2 (work during a
            // pathway): in each year where the situation, a pathway and the year overlap.
            let duringRL = tables.situationDuring[code], duringNational = tables.situationDuring[256 | code]
            if !duringRL.isEmpty || !duringNational.isEmpty {
                for i in p0..<p1 where m.pwProgram[i] != orientationProgram {
                    let lines = scopeOf[Int(m.pwProgram[i])] == .national ? duringNational : duringRL
                    let lo = max(ss, m.pwBegin[i]), hi = min(se, m.pwEnd[i])
                    for pi in 0..<nY where max(lo, periods[pi].s) <= min(hi, periods[pi].e) { results[pi].mask.formUnion(lines) }
                }
            }
            if kind == sEmploi && se != open && !programmeTable {                                 // 7
                let ei = period(of: se, days)
                if ei >= 0 {
                    var cover = -1
                    for i in p0..<p1 where m.pwProgram[i] != orientationProgram && m.pwBegin[i] <= ss && m.pwEnd[i] >= ss {
                        if cover < 0 || m.pwEnd[i] > m.pwEnd[cover] { cover = i }
                    }
                    if cover >= 0 {
                        results[ei].mean7Sum += Double(min(se, m.pwEnd[cover]) - ss) / PersonEvaluator.daysPerMonth
                        results[ei].mean7N += 1
                    }
                }
            }
        }

        // Lines made of several facts of the year, as one word of lines (`wordLines`): the first
        // bits of the mask (without a branch on the data).
        for pi in 0..<nY {
            let st = state[pi], f = st.flags
            @inline(__always) func all(_ bits: UInt32) -> UInt32 { f & bits == bits ? 1 : 0 }
            let entered = f & F.entered, present: UInt32 = f & F.present != 0 ? ~0 : 0
            var word = f & 0xFFF                                                                  // 1, 2.bis.1, 2, 3, 3.1, 4, 4.1, 4.3, 8, 8.2, 8.1, 4.1.end
            word |= all(F.reception | F.diagnostic) << 12 | all(F.reception | F.orientation) << 13 // 2.1, 2.2
            word |= (f & (F.entered | F.enteredNational) == F.entered ? 1 : 0) << 14              // 3.2
            word |= (f & (F.enteredRLWithPlan | F.enteredNational) == F.enteredRLWithPlan ? 1 : 0) << 15 // 3.2.a
            word |= (entered != 0 && f & F.cep23OrDiagnostic != 0 ? 1 : 0) << 16                 // 3.3
            word |= (entered != 0 && firstDiagnostic <= st.earliestEntry ? 1 : 0) << 17          // D.1
            word |= all(F.present | F.droitCommun) << 18                                          // 4.4
            let stalled = F.presentNationalAtEnd | F.oldNationalAtEnd, active = F.coveredAtEndByWork | F.recentProposition
            word |= (f & (stalled | active) == stalled ? 1 : 0) << 19                             // 4.1.i
            word |= (f >> F.domainShift & present) << 20                                          // 4.4.*
            var mask = results[pi].mask
            mask.low |= UInt64(word)
            if f & F.exitedNational != 0 { mask.formUnion(outcomeLines(m, st.lastExit)) }                // 8.1.*
            results[pi].mask = mask
        }

        // 4.2: cohorts by first national entry f, whose f ⊕ k months falls in a year.
        if firstNational != Int32.max {
            let f4 = shifted(firstNational, tables.plus4, 4), f12 = shifted(firstNational, tables.plus12, 12)
            let i4 = period(of: f4, days)
            if i4 >= 0 {
                results[i4].mask.insert(b42m4base)
                if firstWork < f4 { results[i4].mask.insert(b42m4) }
            }
            let i12 = period(of: f12, days)
            if i12 >= 0 {
                results[i12].mask.insert(b42m12base)
                if firstWork < f12 { results[i12].mask.insert(b42m12) }
            }
        }
        // G.4: the 4 months after first reception.
        if accueil != Int32.max {
            let a = accueil, limit = receptionLimit, li = period(of: limit, days)
            if li >= 0 {
                results[li].mask.insert(bG4base)
                // With no solution proposed before the reception, the first one decides; else they are searched.
                var solution = solutionStarted || (firstSolution >= a && firstSolution < limit)
                if !solution && firstSolution < a {
                    for i in e0..<e1 where eventFlags[F.eventIndex(m.evKind[i], m.evDetail[i])] & (3 << 16) == F.solutionClass
                        && m.evDate[i] >= a && m.evDate[i] < limit { solution = true; break }
                }
                if solution { results[li].mask.insert(bG4) }
            }
        }
    }

    @inline(__always) private func coveredByNational(_ m: MicroView, _ p0: Int, _ p1: Int, _ day: Int32) -> Bool {
        for i in p0..<p1 where scopeOf[Int(m.pwProgram[i])] == .national && m.pwBegin[i] <= day && m.pwEnd[i] >= day { return true }
        return false
    }

    /// The "dont" lines of 8.1, read on the person's last national exit of a year (pathway `i`).
    @inline(__always) private func outcomeLines(_ m: MicroView, _ i: Int) -> LineMask {
        tables.exitLines[PersonEvaluator.exitCode(outcome: m.pwOutcome[i], detail: m.pwDetail[i], flags: m.pwFlags[i])]
    }
    /// A pathway's exit as one number: outcome (0 while open, else 1 + index), detail (0 or 1 +
    /// index) and the flags durable, non-market and CPF (pathway flag bits 1-3).
    @inline(__always) static func exitCode(outcome: UInt8, detail: UInt8, flags: UInt8) -> Int {
        Int(outcome & 7) << 7 | Int(detail & 15) << 3 | Int(flags >> 1 & 7)
    }
    /// Per exit code: the "dont" lines of 8.1 of that outcome, detail and flags (one look-up
    /// instead of a branch per line).
    private static let exitLines: [LineMask] = {
        precondition(ExitOutcomeKind.allCases.count < 8 && [Contract.allCases.count, TrainingKind.allCases.count, ReorientationTarget.allCases.count].allSatisfy { $0 < 16 },
                     "exit code too small")
        return (0..<(8 << 7)).map { code in
            let o = UInt8(code >> 7), d = UInt8(code >> 3 & 15), f = UInt8(code & 7) << 1
            var mask = LineMask()
            guard o > 0, Int(o) <= ExitOutcomeKind.allCases.count else { return mask }
            let line = { (id: String) in mask.insert(Slots.bit(id)) }
            let contract = { (c: Contract) in d == Code.index(c) + 1 }, training = { (t: TrainingKind) in d == Code.index(t) + 1 }
            switch ExitOutcomeKind.allCases[Int(o) - 1] {
            case .emploi:
                line("8.1.f")
                if f & 2 != 0 { line("8.1.f.durable") }
                if contract(.cuiCae) || contract(.cuiCie) { line("8.1.f.cui"); line(contract(.cuiCae) ? "8.1.f.cui_cae" : "8.1.f.cui_cie") }
                if contract(.eav) { line("8.1.f.eav"); if f & 4 != 0 { line("8.1.f.eav_non_marchand") } }
                if contract(.apprentissage) || contract(.professionnalisation) { line("8.1.f.alternance") }
                if contract(.apprentissage) { line("8.1.f.apprentissage") }
                if contract(.creation) { line("8.1.f.creation") }
            case .formation:
                line("8.1.g")
                if training(.initiale) { line("8.1.g.initiale") }
                if training(.qualifiante) { line("8.1.g.qualifiante") }
                if f & 8 != 0 { line("8.1.g.cpf") }
            case .reorientation: line("8.1.reorientation")
            case .serviceCivique: line("8.1.h")
            case .sansSolution: line("8.1.i")
            case .autre: break
            }
            return mask
        }
    }()
}

/// A copy of `a` in memory of its own, for tables read without bounds checks (the caller frees it).
private func unsafeCopy<T>(_ a: [T]) -> UnsafeBufferPointer<T> {
    let b = UnsafeMutableBufferPointer<T>.allocate(capacity: a.count)
    _ = b.initialize(from: a)
    return UnsafeBufferPointer(b)
}
