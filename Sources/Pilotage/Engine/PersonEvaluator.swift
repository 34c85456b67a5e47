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
        @inline(__always) func contains(_ d: Int32) -> Bool { d >= s && d <= e }
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
    private static let plusFour: [Int32] = monthTable(4), plusTwelve: [Int32] = monthTable(12)
    private static func monthTable(_ k: Int) -> [Int32] {
        let end = Day(year: 2100, month: 12, day: 31)!.number
        return (tableStart...end).map { Day(number: $0).adding(months: k).number }
    }
    private let plus4 = PersonEvaluator.plusFour, plus12 = PersonEvaluator.plusTwelve

    @inline(__always) private func shifted(_ d: Int32, _ table: [Int32], _ k: Int) -> Int32 {
        let i = Int(d - PersonEvaluator.tableStart)
        return i >= 0 && i < table.count ? table[i] : Day(number: d).adding(months: k).number
    }

    // Codes as stored by the loader (index of the case, details + 1).
    private let kAccueil = Code.index(EventKind.accueil), kDiagnostic = Code.index(EventKind.diagnostic)
    private let kProposition = Code.index(EventKind.proposition)
    private let kDroitCommun = Code.index(EventKind.droitCommun), kCep = Code.index(EventKind.cep)
    private let cepTwo = Code.index(CEPLevel.two) + 1, cepThree = Code.index(CEPLevel.three) + 1
    /// Bit d set when offer detail code d is a "solution" (emploi, alternance, formation, immersion).
    private let solutionOffers: UInt32 = [OfferKind.emploi, .alternance, .formation, .immersion].reduce(0) { $0 | 1 << UInt32(Code.index($1) + 1) }
    private let orientationProgram = Code.index(Program.orientation)
    private let scopeOf: [ProgramScope] = Program.allCases.map(\.scope)
    private let sEmploi = Code.index(SituationKind.emploi), sImmersion = Code.index(SituationKind.immersion)
    private let sFormation = Code.index(SituationKind.formation), sServiceCivique = Code.index(SituationKind.serviceCivique)
    private let sParrainage = Code.index(SituationKind.parrainage)
    private let cApprentissage = Code.index(Contract.apprentissage) + 1, cProfessionnalisation = Code.index(Contract.professionnalisation) + 1
    private let cCuiCae = Code.index(Contract.cuiCae) + 1, cCuiCie = Code.index(Contract.cuiCie) + 1
    private let cEav = Code.index(Contract.eav) + 1, cCreation = Code.index(Contract.creation) + 1
    private let tInitiale = Code.index(TrainingKind.initiale) + 1, tQualifiante = Code.index(TrainingKind.qualifiante) + 1
    private let oEmploi = Code.index(ExitOutcomeKind.emploi) + 1, oFormation = Code.index(ExitOutcomeKind.formation) + 1
    private let oReorientation = Code.index(ExitOutcomeKind.reorientation) + 1, oServiceCivique = Code.index(ExitOutcomeKind.serviceCivique) + 1
    private let oSansSolution = Code.index(ExitOutcomeKind.sansSolution) + 1

    // Bits of the count lines.
    private let b1 = Slots.bit("1"), b2 = Slots.bit("2"), b21 = Slots.bit("2.1"), b22 = Slots.bit("2.2"), bJDI = Slots.bit("2.bis.1")
    private let b3 = Slots.bit("3"), b31 = Slots.bit("3.1"), b32 = Slots.bit("3.2"), b32a = Slots.bit("3.2.a"), b33 = Slots.bit("3.3")
    private let bS1 = Slots.bit("S.1"), b4 = Slots.bit("4"), b41 = Slots.bit("4.1"), b41end = Slots.bit("4.1.end")
    private let b41f = Slots.bit("4.1.f"), b41fImmersion = Slots.bit("4.1.f.immersion"), b41fEmploi = Slots.bit("4.1.f.emploi")
    private let b41fAlternance = Slots.bit("4.1.f.alternance"), b41fApprentissage = Slots.bit("4.1.f.apprentissage")
    private let b41fDurable = Slots.bit("4.1.f.durable"), b41fServiceCivique = Slots.bit("4.1.f.service_civique")
    private let b41g = Slots.bit("4.1.g"), b41g1 = Slots.bit("4.1.g.1"), b41h = Slots.bit("4.1.h"), b41i = Slots.bit("4.1.i")
    private let b42m4base = Slots.bit("4.2.m4.base"), b42m4 = Slots.bit("4.2.m4"), b42m12base = Slots.bit("4.2.m12.base"), b42m12 = Slots.bit("4.2.m12")
    private let b43 = Slots.bit("4.3"), b44 = Slots.bit("4.4")
    private let b44domain: [Int] = CommonLawRight.allCases.map { Slots.bit("4.4.\($0.rawValue)") }
    private let b6 = Slots.bit("6"), b61 = Slots.bit("6.1"), b61formation = Slots.bit("6.1.formation"), b61emploi = Slots.bit("6.1.emploi")
    private let b61eav = Slots.bit("6.1.eav"), b62 = Slots.bit("6.2")
    private let b8 = Slots.bit("8"), b81 = Slots.bit("8.1"), b81f = Slots.bit("8.1.f"), b81fDurable = Slots.bit("8.1.f.durable")
    private let b81fCui = Slots.bit("8.1.f.cui"), b81fCuiCae = Slots.bit("8.1.f.cui_cae"), b81fCuiCie = Slots.bit("8.1.f.cui_cie")
    private let b81fEav = Slots.bit("8.1.f.eav"), b81fEavNM = Slots.bit("8.1.f.eav_non_marchand"), b81fAlternance = Slots.bit("8.1.f.alternance")
    private let b81fApprentissage = Slots.bit("8.1.f.apprentissage"), b81fCreation = Slots.bit("8.1.f.creation")
    private let b81g = Slots.bit("8.1.g"), b81gInitiale = Slots.bit("8.1.g.initiale"), b81gQualifiante = Slots.bit("8.1.g.qualifiante")
    private let b81gCpf = Slots.bit("8.1.g.cpf"), b81reorientation = Slots.bit("8.1.reorientation"), b81h = Slots.bit("8.1.h"), b81i = Slots.bit("8.1.i")
    private let b82 = Slots.bit("8.2"), bD1 = Slots.bit("D.1"), bG4base = Slots.bit("G.4.base"), bG4 = Slots.bit("G.4"), bO4 = Slots.bit("O.4")

    /// What the records of one person say about one year, gathered in one pass over each kind
    /// of record and turned into lines at the end.
    struct YearState {
        var flags: UInt32 = 0
        var domains: UInt8 = 0
        var earliestEntry = Int32.max
        var lastExit = -1
        @inline(__always) func has(_ f: UInt32) -> Bool { flags & f != 0 }
    }
    // Flags of `YearState`.
    private static let anyEvent: UInt32 = 1, diagnostic: UInt32 = 1 << 1, orientation: UInt32 = 1 << 2, cep23OrDiagnostic: UInt32 = 1 << 3
    private static let jdi: UInt32 = 1 << 4, droitCommun: UInt32 = 1 << 5, recentProposition: UInt32 = 1 << 6
    private static let entered: UInt32 = 1 << 7, enteredNational: UInt32 = 1 << 8, enteredRLWithPlan: UInt32 = 1 << 9
    private static let present: UInt32 = 1 << 10, presentNational: UInt32 = 1 << 11, presentNationalAtEnd: UInt32 = 1 << 12
    private static let oldNationalAtEnd: UInt32 = 1 << 13, presentRL: UInt32 = 1 << 14, exited: UInt32 = 1 << 15
    private static let exitedNational: UInt32 = 1 << 16, exitedRL: UInt32 = 1 << 17, coveredAtEndByWork: UInt32 = 1 << 18

    /// For each day from the first 1 January to the last 31 December of the periods: the index of
    /// its period (`none` outside them) and whether it falls in the JDI window (after e ⊖ 5 months)
    /// and in the 4.1.i window (on or after e ⊖ 3 months). One load replaces a branchy search.
    struct DayTable {
        static let none: UInt16 = 0xFF, jdiWindow: UInt16 = 0x100, recentWindow: UInt16 = 0x200
        let start: Int32
        let info: [UInt16]
        init(_ periods: [Period]) {
            start = periods.first?.s ?? 0
            let end = periods.last?.e ?? -1
            var info = [UInt16](repeating: DayTable.none, count: Int(max(0, end - start + 1)))
            for (pi, p) in periods.enumerated() {
                for d in p.s...p.e {
                    info[Int(d - start)] = UInt16(pi) | (d > p.e5 ? DayTable.jdiWindow : 0) | (d >= p.e3 ? DayTable.recentWindow : 0)
                }
            }
            self.info = info
        }
        @inline(__always) func callAsFunction(_ d: Int32) -> UInt16 {
            let i = Int(d) &- Int(start)
            return i >= 0 && i < info.count ? info[i] : DayTable.none
        }
    }

    /// The period that contains day `d`, or -1.
    @inline(__always) private func period(of d: Int32, _ days: DayTable) -> Int {
        let pi = days(d) & 0xFF
        return pi == DayTable.none ? -1 : Int(pi)
    }

    /// Per event kind: the flags it always sets in its year, and those it sets in the JDI and 4.1.i windows.
    private static let kindFlags: [UInt32] = EventKind.allCases.map { k in
        switch k {
        case .diagnostic: return PersonEvaluator.diagnostic | PersonEvaluator.cep23OrDiagnostic
        case .orientation: return PersonEvaluator.orientation
        case .droitCommun: return PersonEvaluator.droitCommun
        default: return 0
        }
    }
    private static let jdiFlags: [UInt32] = EventKind.allCases.map { $0.isInterview ? PersonEvaluator.jdi : 0 }
    private static let recentFlags: [UInt32] = EventKind.allCases.map { $0 == .proposition ? PersonEvaluator.recentProposition : 0 }
    private let kindFlags = PersonEvaluator.kindFlags, jdiFlags = PersonEvaluator.jdiFlags, recentFlags = PersonEvaluator.recentFlags

    /// Evaluates young person `y` of `m` for every period (ascending years). Each record is read
    /// once: its rules find the years it touches, rather than each year scanning every record.
    func evaluate(_ m: MicroView, _ y: Int, periods: UnsafeBufferPointer<Period>, days: DayTable, state: UnsafeMutablePointer<YearState>,
                  into results: UnsafeMutablePointer<Result>) {
        typealias F = PersonEvaluator
        let open = MicroStore.open, nY = periods.count
        let e0 = Int(m.evStart[y]), e1 = Int(m.evStart[y + 1])
        let p0 = Int(m.pwStart[y]), p1 = Int(m.pwStart[y + 1])
        let s0 = Int(m.stStart[y]), s1 = Int(m.stStart[y + 1])
        for pi in 0..<nY { results[pi] = Result(); state[pi] = YearState() }

        // Events. Every event rule looks inside the event's own year: the JDI window
        // (e ⊖ 5 months, e] and the 4.1.i window [e ⊖ 3 months, e] both lie in it.
        var accueil: Int32? = nil, firstDiagnostic = Int32.max
        for i in e0..<e1 {
            let d = m.evDate[i], k = m.evKind[i]
            if k == kAccueil { accueil = d }
            if k == kDiagnostic { firstDiagnostic = min(firstDiagnostic, d) }
            let info = days(d)
            let pi = Int(info & 0xFF)
            guard pi != Int(DayTable.none) else { continue }
            var f = F.anyEvent | kindFlags[Int(k)]                                                // 1, 2.1, 2.2, 3.3, 4.4
            f |= info & DayTable.jdiWindow != 0 ? jdiFlags[Int(k)] : 0                            // 2.bis.1
            f |= info & DayTable.recentWindow != 0 ? recentFlags[Int(k)] : 0                      // 4.1.i
            if k == kCep, m.evDetail[i] == cepTwo || m.evDetail[i] == cepThree { f |= F.cep23OrDiagnostic }
            else if k == kDroitCommun { state[pi].domains |= 1 << (m.evDetail[i] - 1) }
            state[pi].flags |= f
        }

        // Pathways.
        var firstNational = Int32.max
        for i in p0..<p1 {
            let start = m.pwBegin[i], end = m.pwEnd[i]
            if m.pwProgram[i] == orientationProgram {
                let si = period(of: start, days)
                if si >= 0 { results[si].mask.insert(bS1) }                                      // S.1
                let limit = shifted(start, plus4, 4)                                             // O.4
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

        // Situations against pathways.
        for j in s0..<s1 {
            let kind = m.stKind[j], ss = m.stBegin[j], se = m.stEnd[j], detail = m.stDetail[j]
            let work = kind == sEmploi || kind == sFormation
            if work {                                                                             // 4.1.i (cover at 31/12)
                for pi in 0..<nY where ss <= periods[pi].e && se >= periods[pi].e { state[pi].flags |= F.coveredAtEndByWork }
            }
            // 4.1.f, 4.1.g: started in P on a day covered by a national pathway.
            let si = period(of: ss, days)
            if si >= 0 && kind != sParrainage && coveredByNational(m, p0, p1, ss) {
                if kind == sFormation {
                    results[si].mask.insert(b41g)
                    if detail == tQualifiante { results[si].mask.insert(b41g1) }
                } else {
                    results[si].mask.insert(b41f)
                    if kind == sImmersion { results[si].mask.insert(b41fImmersion) }
                    if kind == sServiceCivique { results[si].mask.insert(b41fServiceCivique) }
                    if kind == sEmploi {
                        results[si].mask.insert(b41fEmploi)
                        if detail == cApprentissage || detail == cProfessionnalisation { results[si].mask.insert(b41fAlternance) }
                        if detail == cApprentissage { results[si].mask.insert(b41fApprentissage) }
                        if m.stFlags[j] & 2 != 0 { results[si].mask.insert(b41fDurable) }
                    }
                }
            }
            if kind == sParrainage || work {
                // 4.1.h (parrainage during a national pathway) and 6, 6.1, 6.2 (work during a
                // pathway): in each year where the situation, a pathway and the year overlap.
                for i in p0..<p1 where m.pwProgram[i] != orientationProgram {
                    let national = scopeOf[Int(m.pwProgram[i])] == .national
                    if kind == sParrainage && !national { continue }
                    let lo = max(ss, m.pwBegin[i]), hi = min(se, m.pwEnd[i])
                    guard lo <= hi else { continue }
                    for pi in 0..<nY where max(lo, periods[pi].s) <= min(hi, periods[pi].e) {
                        if kind == sParrainage { results[pi].mask.insert(b41h); continue }
                        results[pi].mask.insert(b6)
                        if national {
                            results[pi].mask.insert(b61)
                            if kind == sFormation { results[pi].mask.insert(b61formation) } else {
                                results[pi].mask.insert(b61emploi)
                                if detail == cEav { results[pi].mask.insert(b61eav) }
                            }
                        } else { results[pi].mask.insert(b62) }
                    }
                }
            }
            if kind == sEmploi && se != open {                                                    // 7
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

        // Lines made of several facts of the year.
        for pi in 0..<nY {
            let st = state[pi], p = periods[pi]
            if st.flags == 0 && accueil == nil { continue }
            var mask = results[pi].mask
            if st.has(F.anyEvent) { mask.insert(b1) }
            if st.has(F.jdi) { mask.insert(bJDI) }
            if let a = accueil, p.contains(a) {                                                   // 2, 2.1, 2.2
                mask.insert(b2)
                if st.has(F.diagnostic) { mask.insert(b21) }
                if st.has(F.orientation) { mask.insert(b22) }
            }
            if st.has(F.entered) {
                mask.insert(b3)
                if st.has(F.enteredNational) { mask.insert(b31) } else {
                    mask.insert(b32)
                    if st.has(F.enteredRLWithPlan) { mask.insert(b32a) }
                }
                if st.has(F.cep23OrDiagnostic) { mask.insert(b33) }
                if firstDiagnostic <= st.earliestEntry { mask.insert(bD1) }                      // D.1
            }
            if st.has(F.present) {
                mask.insert(b4)
                if st.has(F.droitCommun) {                                                        // 4.4
                    mask.insert(b44)
                    for k in 0..<b44domain.count where st.domains & (1 << k) != 0 { mask.insert(b44domain[k]) }
                }
            }
            if st.has(F.presentNational) { mask.insert(b41) }
            if st.has(F.presentRL) { mask.insert(b43) }
            if st.has(F.exited) { mask.insert(b8) }
            if st.has(F.exitedRL) { mask.insert(b82) }
            if st.has(F.exitedNational) {
                mask.insert(b81)
                insertExitOutcome(m, st.lastExit, into: &mask)
            }
            if st.has(F.presentNationalAtEnd) {
                mask.insert(b41end)
                if !st.has(F.coveredAtEndByWork) && st.has(F.oldNationalAtEnd) && !st.has(F.recentProposition) { mask.insert(b41i) }
            }
            results[pi].mask = mask
        }

        // 4.2: cohorts by first national entry f, whose f ⊕ k months falls in a year.
        if firstNational != Int32.max {
            let f4 = shifted(firstNational, plus4, 4), f12 = shifted(firstNational, plus12, 12)
            let i4 = period(of: f4, days)
            if i4 >= 0 {
                results[i4].mask.insert(b42m4base)
                if startedWork(m, s0, s1, from: firstNational, before: f4) { results[i4].mask.insert(b42m4) }
            }
            let i12 = period(of: f12, days)
            if i12 >= 0 {
                results[i12].mask.insert(b42m12base)
                if startedWork(m, s0, s1, from: firstNational, before: f12) { results[i12].mask.insert(b42m12) }
            }
        }
        // G.4: the 4 months after first reception.
        if let a = accueil {
            let limit = shifted(a, plus4, 4), li = period(of: limit, days)
            if li >= 0 {
                results[li].mask.insert(bG4base)
                var solution = false
                for i in e0..<e1 where m.evKind[i] == kProposition && solutionOffers & (1 << UInt32(m.evDetail[i])) != 0
                    && m.evDate[i] >= a && m.evDate[i] < limit { solution = true; break }
                if !solution {
                    for j in s0..<s1 where m.stKind[j] != sServiceCivique && m.stKind[j] != sParrainage
                        && m.stBegin[j] >= a && m.stBegin[j] < limit { solution = true; break }
                }
                if solution { results[li].mask.insert(bG4) }
            }
        }
    }

    /// An emploi or formation situation starting in [from, before).
    @inline(__always) private func startedWork(_ m: MicroView, _ s0: Int, _ s1: Int, from: Int32, before: Int32) -> Bool {
        for j in s0..<s1 where (m.stKind[j] == sEmploi || m.stKind[j] == sFormation) && m.stBegin[j] >= from && m.stBegin[j] < before { return true }
        return false
    }

    @inline(__always) private func coveredByNational(_ m: MicroView, _ p0: Int, _ p1: Int, _ day: Int32) -> Bool {
        for i in p0..<p1 where scopeOf[Int(m.pwProgram[i])] == .national && m.pwBegin[i] <= day && m.pwEnd[i] >= day { return true }
        return false
    }

    /// The "dont" lines of 8.1, read on the person's last national exit of the year.
    private func insertExitOutcome(_ m: MicroView, _ i: Int, into mask: inout LineMask) {
        let o = m.pwOutcome[i], d = m.pwDetail[i], f = m.pwFlags[i]
        switch o {
        case oEmploi:
            mask.insert(b81f)
            if f & 2 != 0 { mask.insert(b81fDurable) }
            if d == cCuiCae || d == cCuiCie { mask.insert(b81fCui); mask.insert(d == cCuiCae ? b81fCuiCae : b81fCuiCie) }
            if d == cEav { mask.insert(b81fEav); if f & 4 != 0 { mask.insert(b81fEavNM) } }
            if d == cApprentissage || d == cProfessionnalisation { mask.insert(b81fAlternance) }
            if d == cApprentissage { mask.insert(b81fApprentissage) }
            if d == cCreation { mask.insert(b81fCreation) }
        case oFormation:
            mask.insert(b81g)
            if d == tInitiale { mask.insert(b81gInitiale) }
            if d == tQualifiante { mask.insert(b81gQualifiante) }
            if f & 8 != 0 { mask.insert(b81gCpf) }
        case oReorientation: mask.insert(b81reorientation)
        case oServiceCivique: mask.insert(b81h)
        case oSansSolution: mask.insert(b81i)
        default: break
        }
    }
}
