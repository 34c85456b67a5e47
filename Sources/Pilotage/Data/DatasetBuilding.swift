extension Dataset {
    /// A microdata dataset from typed values, checked as the loader checks files
    /// (references, duplicate ids, one accueil per young person, end before start).
    ///
    /// ```swift
    /// let d = try Dataset(manifest: Manifest(name: "t", years: [2016]), regions: [r], missions: [ml],
    ///                     youth: [y], events: [e], pathways: [p], situations: [])
    /// ```
    public init(manifest: Manifest, regions: [Region], missions: [MissionLocale],
                contexts: [TerritorialContext]? = nil, resources: [StaffResources]? = nil, funding: [FundingRow]? = nil,
                youth: [Youth], events: [Event], pathways: [Pathway], situations: [Situation]) throws(DatasetLoadError) {
        var problems: [DatasetDiagnostic] = []
        func problem(_ rule: DatasetRule, _ file: String, _ line: Int, _ en: String, _ found: String) {
            problems.append(.init(rule, file: file, line: line + 2, expected: .init(fr: en, en: en), found: found))
        }
        let regionCodes = Set(regions.map(\.code))
        var mlIndex: [String: Int32] = [:]
        for (i, m) in missions.enumerated() {
            if !regionCodes.contains(m.regionCode) { problem(.unknownReference, "missions.csv", i, "a region_code of regions.csv", m.regionCode) }
            if mlIndex.updateValue(Int32(i), forKey: m.id) != nil { problem(.duplicateID, "missions.csv", i, "a unique ml_id", m.id) }
        }
        var ids = IDIndex(capacity: youth.count)
        var yML: [Int32] = [], ySex: [UInt8] = [], yBirth: [Int32] = [], yLevel: [UInt8] = [], yFlags: [UInt8] = []
        for (i, y) in youth.enumerated() {
            if !ids.insert(y.id).inserted { problem(.duplicateID, "youth.csv", i, "a unique youth_id", y.id) }
            guard let m = mlIndex[y.mlID] else { problem(.unknownReference, "youth.csv", i, "an ml_id of missions.csv", y.mlID); continue }
            yML.append(m); ySex.append(Code.index(y.sex)); yBirth.append(y.birthDate.number); yLevel.append(Code.index(y.level))
            yFlags.append((y.diploma ? 1 : 0) | (y.qpv ? 2 : 0) | (y.zrr ? 4 : 0) | (y.neet ? 8 : 0))
        }
        func owner(_ id: String, _ file: String, _ i: Int) -> Int32? {
            if let y = ids.find(id) { return y }
            problem(.unknownReference, file, i, "a youth_id of youth.csv", id)
            return nil
        }
        var eOwner: [Int32] = [], eDate: [Int32] = [], eKind: [UInt8] = [], eDetail: [UInt8] = []
        var accueil = Set<Int32>()
        for (i, e) in events.enumerated() {
            guard let y = owner(e.youthID, "events.csv", i) else { continue }
            if e.kind == .accueil, !accueil.insert(y).inserted { problem(.secondAccueil, "events.csv", i, "at most one accueil per young person", e.youthID) }
            eOwner.append(y); eDate.append(e.date.number); eKind.append(Code.index(e.kind.code)); eDetail.append(Self.detailCode(e.kind))
        }
        var pwIDs = IDIndex()
        var pOwner: [Int32] = [], pID: [Int32] = [], pBegin: [Int32] = [], pEnd: [Int32] = [], pProgram: [UInt8] = []
        var pOutcome: [UInt8] = [], pDetail: [UInt8] = [], pFlags: [UInt8] = []
        for (i, p) in pathways.enumerated() {
            let (pid, inserted) = pwIDs.insert(p.id)
            if !inserted { problem(.duplicateID, "pathways.csv", i, "a unique pathway_id", p.id) }
            guard let y = owner(p.youthID, "pathways.csv", i) else { continue }
            if let end = p.end, end < p.start { problem(.endBeforeStart, "pathways.csv", i, "an end_date on or after \(p.start)", "\(end)") }
            if (p.end == nil) != (p.outcome == nil) { problem(.exitOnOpenPathway, "pathways.csv", i, "an outcome exactly when end_date is set", p.id) }
            let (o, d, f) = Self.outcomeCodes(p.outcome)
            pOwner.append(y); pID.append(pid); pBegin.append(p.start.number); pEnd.append(p.end?.number ?? MicroStore.open)
            pProgram.append(Code.index(p.program)); pOutcome.append(o); pDetail.append(d); pFlags.append(f | (p.youthGuaranteePlan ? 1 : 0))
        }
        var stIDs = IDIndex()
        var sOwner: [Int32] = [], sID: [Int32] = [], sBegin: [Int32] = [], sEnd: [Int32] = [], sKind: [UInt8] = []
        var sDetail: [UInt8] = [], sFlags: [UInt8] = []
        for (i, s) in situations.enumerated() {
            let (sid, inserted) = stIDs.insert(s.id)
            if !inserted { problem(.duplicateID, "situations.csv", i, "a unique situation_id", s.id) }
            guard let y = owner(s.youthID, "situations.csv", i) else { continue }
            if let end = s.end, end < s.start { problem(.endBeforeStart, "situations.csv", i, "an end_date on or after \(s.start)", "\(end)") }
            var detail: UInt8 = 0, flags: UInt8 = 0
            switch s.kind {
            case .emploi(let c, let durable, let nonMarket): detail = Code.index(c) + 1; flags = (durable ? 2 : 0) | (nonMarket ? 4 : 0)
            case .formation(let t): detail = Code.index(t) + 1
            default: break
            }
            sOwner.append(y); sID.append(sid); sBegin.append(s.start.number); sEnd.append(s.end?.number ?? MicroStore.open)
            sKind.append(Code.index(s.kind.code)); sDetail.append(detail); sFlags.append(flags)
        }
        guard problems.isEmpty else { throw DatasetLoadError(diagnostics: Array(problems.prefix(DatasetLoadError.limit)), truncated: problems.count > DatasetLoadError.limit) }
        let n = yML.count
        let (eStart, eP) = groupByOwner([eOwner], n), (pStart, pP) = groupByOwner([pOwner], n), (sStart, sP) = groupByOwner([sOwner], n)
        func placed<T>(_ values: [T], _ destinations: [[Int32]]?) -> [T] { place([values], destinations) }
        let zeros = { (k: Int) in [Int32](repeating: 0, count: k) }
        let micro = MicroStore(youthIDs: ids, youthML: yML, youthSex: ySex, youthBirth: yBirth, youthLevel: yLevel, youthFlags: yFlags, youthLine: zeros(n),
                               evStart: eStart, evDate: placed(eDate, eP), evKind: placed(eKind, eP), evDetail: placed(eDetail, eP), evLine: zeros(eDate.count),
                               pwStart: pStart, pwIDs: pwIDs, pwID: placed(pID, pP), pwBegin: placed(pBegin, pP), pwEnd: placed(pEnd, pP),
                               pwProgram: placed(pProgram, pP), pwOutcome: placed(pOutcome, pP), pwDetail: placed(pDetail, pP),
                               pwFlags: placed(pFlags, pP), pwLine: zeros(pBegin.count),
                               stStart: sStart, stIDs: stIDs, stID: placed(sID, sP), stBegin: placed(sBegin, sP), stEnd: placed(sEnd, sP),
                               stKind: placed(sKind, sP), stDetail: placed(sDetail, sP), stFlags: placed(sFlags, sP), stLine: zeros(sBegin.count))
        self.init(manifest: manifest, regions: regions, missions: missions, contexts: contexts, resources: resources, funding: funding,
                  micro: micro, aggregate: nil)
    }

    /// An aggregate dataset from typed rows.
    public init(manifest: Manifest, regions: [Region], missions: [MissionLocale],
                contexts: [TerritorialContext]? = nil, resources: [StaffResources]? = nil, funding: [FundingRow]? = nil,
                indicators: [AggregateRow]) throws(DatasetLoadError) {
        let mlIndex = Dictionary(missions.enumerated().map { ($1.id, Int32($0)) }, uniquingKeysWith: { a, _ in a })
        var values: [AggregateKey: Double] = [:], problems: [DatasetDiagnostic] = []
        for (i, r) in indicators.enumerated() {
            guard let m = mlIndex[r.mlID] else {
                problems.append(.init(.unknownReference, file: "indicators.csv", line: i + 2, expected: .init(fr: "un ml_id de missions.csv", en: "an ml_id of missions.csv"), found: r.mlID))
                continue
            }
            values[AggregateKey(ml: m, year: Int32(r.year), indicator: r.indicator, breakdown: r.breakdown, programme: r.programme)] = r.value
        }
        guard problems.isEmpty else { throw DatasetLoadError(diagnostics: problems) }
        self.init(manifest: manifest, regions: regions, missions: missions, contexts: contexts, resources: resources, funding: funding,
                  micro: nil, aggregate: AggregateStore(rows: indicators, values: values))
    }

    static func detailCode(_ k: Event.Kind) -> UInt8 {
        switch k {
        case .accueil, .diagnostic, .atelier, .ecrit: return 0
        case .entretien(let c): return c.map { Code.index($0) + 1 } ?? 0
        case .proposition(let o): return Code.index(o) + 1
        case .orientation(let r): return Code.index(r) + 1
        case .droitCommun(let d): return Code.index(d) + 1
        case .cep(let l): return Code.index(l) + 1
        }
    }

    static func outcomeCodes(_ o: ExitOutcome?) -> (UInt8, UInt8, UInt8) {
        guard let o else { return (0, 0, 0) }
        let kind = Code.index(o.kind) + 1
        switch o {
        case .emploi(let c, let durable, let nonMarket): return (kind, Code.index(c) + 1, (durable ? 2 : 0) | (nonMarket ? 4 : 0))
        case .formation(let t, let cpf): return (kind, Code.index(t) + 1, cpf ? 8 : 0)
        case .reorientation(let r): return (kind, Code.index(r) + 1, 0)
        case .serviceCivique, .sansSolution, .autre: return (kind, 0, 0)
        }
    }
}
