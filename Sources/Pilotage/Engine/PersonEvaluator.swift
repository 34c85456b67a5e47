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
    private let kProposition = Code.index(EventKind.proposition), kOrientation = Code.index(EventKind.orientation)
    private let kDroitCommun = Code.index(EventKind.droitCommun), kCep = Code.index(EventKind.cep)
    private let cepTwo = Code.index(CEPLevel.two) + 1, cepThree = Code.index(CEPLevel.three) + 1
    /// Bit d set when offer detail code d is a "solution" (emploi, alternance, formation, immersion).
    private let solutionOffers: UInt32 = [OfferKind.emploi, .alternance, .formation, .immersion].reduce(0) { $0 | 1 << UInt32(Code.index($1) + 1) }
    private let interview: [Bool] = EventKind.allCases.map(\.isInterview)
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

    /// Evaluates young person `y` of `m` for every period.
    func evaluate(_ m: MicroView, _ y: Int, periods: [Period], into results: UnsafeMutablePointer<Result>) {
        let open = MicroStore.open
        let e0 = Int(m.evStart[y]), e1 = Int(m.evStart[y + 1])
        let p0 = Int(m.pwStart[y]), p1 = Int(m.pwStart[y + 1])
        let s0 = Int(m.stStart[y]), s1 = Int(m.stStart[y + 1])

        // Facts that do not depend on the year.
        var accueil: Int32? = nil, firstDiagnostic = Int32.max
        for i in e0..<e1 {
            if m.evKind[i] == kAccueil { accueil = m.evDate[i] }
            if m.evKind[i] == kDiagnostic { firstDiagnostic = min(firstDiagnostic, m.evDate[i]) }
        }
        var firstNational = Int32.max
        for i in p0..<p1 where scopeOf[Int(m.pwProgram[i])] == .national { firstNational = min(firstNational, m.pwBegin[i]) }
        let f4 = firstNational == Int32.max ? Int32.max : shifted(firstNational, plus4, 4)
        let f12 = firstNational == Int32.max ? Int32.max : shifted(firstNational, plus12, 12)
        let a4 = accueil.map { shifted($0, plus4, 4) }

        // The days on which any rule can see this person: a year outside them counts them in no line.
        var first = Int32.max, last = Int32.min
        for i in e0..<e1 { first = min(first, m.evDate[i]); last = max(last, m.evDate[i]) }
        for i in p0..<p1 {
            first = min(first, m.pwBegin[i]); last = max(last, m.pwEnd[i])
            if m.pwProgram[i] == orientationProgram { last = max(last, shifted(m.pwBegin[i], plus4, 4)) }
        }
        for j in s0..<s1 { first = min(first, m.stBegin[j]); last = max(last, m.stEnd[j]) }
        if f12 != Int32.max { last = max(last, f12) }
        if let a4 { last = max(last, a4) }

        for pi in 0..<periods.count {
            let p = periods[pi]
            var r = Result()
            if last < p.s || first > p.e { results[pi] = r; continue }
            // Events of the year.
            var anyEvent = false, diagnosticInP = false, orientationInP = false, cep23OrDiagnosticInP = false
            var jdi = false, droitCommun = false, recentProposition = false
            var domains: UInt8 = 0
            for i in e0..<e1 {
                let d = m.evDate[i], k = m.evKind[i]
                if d > p.e5 && d <= p.e && interview[Int(k)] { jdi = true }                     // 2.bis.1
                if k == kProposition && d >= p.e3 && d <= p.e { recentProposition = true }        // 4.1.i
                guard p.contains(d) else { continue }
                anyEvent = true                                                                   // 1
                if k == kDiagnostic { diagnosticInP = true; cep23OrDiagnosticInP = true }
                else if k == kOrientation { orientationInP = true }
                else if k == kCep, m.evDetail[i] == cepTwo || m.evDetail[i] == cepThree { cep23OrDiagnosticInP = true }
                else if k == kDroitCommun { droitCommun = true; domains |= 1 << (m.evDetail[i] - 1) }
            }
            if anyEvent { r.mask.insert(b1) }
            if jdi { r.mask.insert(bJDI) }
            if let a = accueil, p.contains(a) {                                                   // 2, 2.1, 2.2
                r.mask.insert(b2)
                if diagnosticInP { r.mask.insert(b21) }
                if orientationInP { r.mask.insert(b22) }
            }

            // Pathways of the year.
            var entered = false, enteredNational = false, enteredRLWithPlan = false, earliestEntry = Int32.max
            var present = false, presentNational = false, presentNationalAtEnd = false, oldNationalAtEnd = false, presentRL = false
            var exited = false, exitedNational = false, exitedRL = false
            var lastExit = -1
            for i in p0..<p1 {
                let start = m.pwBegin[i], end = m.pwEnd[i]
                if m.pwProgram[i] == orientationProgram {
                    if p.contains(start) { r.mask.insert(bS1) }                                     // S.1
                    let limit = shifted(start, plus4, 4)                                           // O.4
                    if p.contains(limit) && end >= limit { r.mask.insert(bO4) }
                    continue
                }
                let national = scopeOf[Int(m.pwProgram[i])] == .national
                if p.contains(start) {                                                              // 3, 3.1, 3.2.a
                    entered = true
                    earliestEntry = min(earliestEntry, start)
                    if national { enteredNational = true } else if m.pwFlags[i] & 1 != 0 { enteredRLWithPlan = true }
                }
                if start <= p.e && end >= p.s {                                                     // 4, 4.1, 4.3
                    present = true
                    if national { presentNational = true } else { presentRL = true }
                }
                if national && start <= p.e && end >= p.e {                                         // 4.1.end, 4.1.i
                    presentNationalAtEnd = true
                    if start < p.e3 { oldNationalAtEnd = true }
                }
                if end != open && p.contains(end) {                                                 // 8, 8.1, 8.2, 5
                    exited = true
                    r.mean5Sum += Double(end - start) / PersonEvaluator.daysPerMonth
                    r.mean5N += 1
                    if national {
                        exitedNational = true
                        if lastExit < 0 || end > m.pwEnd[lastExit]
                            || (end == m.pwEnd[lastExit] && m.pwIDs.less(Int(m.pwID[lastExit]), Int(m.pwID[i]))) { lastExit = i }
                    } else { exitedRL = true }
                }
            }
            if entered {
                r.mask.insert(b3)
                if enteredNational { r.mask.insert(b31) } else {
                    r.mask.insert(b32)
                    if enteredRLWithPlan { r.mask.insert(b32a) }
                }
                if cep23OrDiagnosticInP { r.mask.insert(b33) }
                if firstDiagnostic <= earliestEntry { r.mask.insert(bD1) }                        // D.1
            }
            if present {
                r.mask.insert(b4)
                if droitCommun {                                                                    // 4.4
                    r.mask.insert(b44)
                    for k in 0..<b44domain.count where domains & (1 << k) != 0 { r.mask.insert(b44domain[k]) }
                }
            }
            if presentNational { r.mask.insert(b41) }
            if presentRL { r.mask.insert(b43) }
            if exited { r.mask.insert(b8) }
            if exitedRL { r.mask.insert(b82) }
            if exitedNational {
                r.mask.insert(b81)
                insertExitOutcome(m, lastExit, into: &r.mask)
            }

            // Situations against pathways.
            var coveredAtEndByWork = false
            for j in s0..<s1 {
                let kind = m.stKind[j], ss = m.stBegin[j], se = m.stEnd[j], detail = m.stDetail[j]
                let work = kind == sEmploi || kind == sFormation
                if work && ss <= p.e && se >= p.e { coveredAtEndByWork = true }
                // 4.1.f, 4.1.g: started in P on a day covered by a national pathway.
                if p.contains(ss) && kind != sParrainage && coveredByNational(m, p0, p1, ss) {
                    if kind == sFormation {
                        r.mask.insert(b41g)
                        if detail == tQualifiante { r.mask.insert(b41g1) }
                    } else {
                        r.mask.insert(b41f)
                        if kind == sImmersion { r.mask.insert(b41fImmersion) }
                        if kind == sServiceCivique { r.mask.insert(b41fServiceCivique) }
                        if kind == sEmploi {
                            r.mask.insert(b41fEmploi)
                            if detail == cApprentissage || detail == cProfessionnalisation { r.mask.insert(b41fAlternance) }
                            if detail == cApprentissage { r.mask.insert(b41fApprentissage) }
                            if m.stFlags[j] & 2 != 0 { r.mask.insert(b41fDurable) }
                        }
                    }
                }
                if kind == sParrainage {                                                            // 4.1.h
                    for i in p0..<p1 where scopeOf[Int(m.pwProgram[i])] == .national
                        && max(ss, m.pwBegin[i], p.s) <= min(se, m.pwEnd[i], p.e) { r.mask.insert(b41h); break }
                }
                if work {                                                                           // 6, 6.1, 6.2
                    for i in p0..<p1 where m.pwProgram[i] != orientationProgram
                        && max(ss, m.pwBegin[i], p.s) <= min(se, m.pwEnd[i], p.e) {
                        r.mask.insert(b6)
                        if scopeOf[Int(m.pwProgram[i])] == .national {
                            r.mask.insert(b61)
                            if kind == sFormation { r.mask.insert(b61formation) } else {
                                r.mask.insert(b61emploi)
                                if detail == cEav { r.mask.insert(b61eav) }
                            }
                        } else { r.mask.insert(b62) }
                    }
                }
                if kind == sEmploi && se != open && p.contains(se) {                               // 7
                    var cover = -1
                    for i in p0..<p1 where m.pwProgram[i] != orientationProgram && m.pwBegin[i] <= ss && m.pwEnd[i] >= ss {
                        if cover < 0 || m.pwEnd[i] > m.pwEnd[cover] { cover = i }
                    }
                    if cover >= 0 {
                        r.mean7Sum += Double(min(se, m.pwEnd[cover]) - ss) / PersonEvaluator.daysPerMonth
                        r.mean7N += 1
                    }
                }
            }
            if presentNationalAtEnd {
                r.mask.insert(b41end)
                if !coveredAtEndByWork && oldNationalAtEnd && !recentProposition { r.mask.insert(b41i) }
            }

            // 4.2: cohorts by first national entry f, whose f ⊕ k months falls in P.
            if firstNational != Int32.max {
                if p.contains(f4) {
                    r.mask.insert(b42m4base)
                    if startedWork(m, s0, s1, from: firstNational, before: f4) { r.mask.insert(b42m4) }
                }
                if p.contains(f12) {
                    r.mask.insert(b42m12base)
                    if startedWork(m, s0, s1, from: firstNational, before: f12) { r.mask.insert(b42m12) }
                }
            }
            // G.4: the 4 months after first reception.
            if let a = accueil, let limit = a4 {
                if p.contains(limit) {
                    r.mask.insert(bG4base)
                    var solution = false
                    for i in e0..<e1 where m.evKind[i] == kProposition && solutionOffers & (1 << UInt32(m.evDetail[i])) != 0
                        && m.evDate[i] >= a && m.evDate[i] < limit { solution = true; break }
                    if !solution {
                        for j in s0..<s1 where m.stKind[j] != sServiceCivique && m.stKind[j] != sParrainage
                            && m.stBegin[j] >= a && m.stBegin[j] < limit { solution = true; break }
                    }
                    if solution { r.mask.insert(bG4) }
                }
            }
            results[pi] = r
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
