extension DatasetLoader {
    /// Loads the four microdata files into the columnar store.
    mutating func loadMicro(_ ml: IDIndex) throws -> MicroStore? {
        // Young people first: the other files refer to them.
        var youthIDs = IDIndex(capacity: 1 << 16)
        var yML: [Int32] = [], ySex: [UInt8] = [], yBirth: [Int32] = [], yLevel: [UInt8] = [], yFlags: [UInt8] = [], yLine: [Int32] = []
        if case (var csv, let c)? = try open("youth.csv", required: true,
                                   columns: ["youth_id", "ml_id", "sex", "birth_date", "level", "diploma", "qpv", "zrr", "neet"]) {
            try csv.forEachRow(sink: &sink) { row, sink in
                guard let id = try row.identifier(c[0], &sink) else { return }
                let (_, inserted) = youthIDs.insert(id)
                guard inserted else {
                    try sink.report(row.diagnostic(.duplicateID, c[0], expected: .init(fr: "un youth_id unique", en: "a unique youth_id")))
                    return
                }
                var m: Int32 = -1
                if let mlID = try row.identifier(c[1], &sink) {
                    if let found = ml.find(mlID) { m = found } else {
                        try sink.report(row.diagnostic(.unknownReference, c[1], expected: .init(fr: "un ml_id de missions.csv", en: "an ml_id of missions.csv")))
                    }
                }
                let sex = try row.code(c[2], Sex.self, &sink)
                let birth = try row.date(c[3], &sink)
                let level = try row.code(c[4], SchoolLevel.self, &sink)
                let diploma = try row.bool(c[5], &sink), qpv = try row.bool(c[6], &sink), zrr = try row.bool(c[7], &sink), neet = try row.bool(c[8], &sink)
                // Keep a row for every id so that later files resolve it; the dataset is refused anyway on error.
                yML.append(m); ySex.append(sex.map(Code.index) ?? 0); yBirth.append(birth?.number ?? 0)
                yLevel.append(level.map(Code.index) ?? 0)
                yFlags.append((diploma == true ? 1 : 0) | (qpv == true ? 2 : 0) | (zrr == true ? 4 : 0) | (neet == true ? 8 : 0))
                yLine.append(Int32(row.line))
            }
        }
        let youthCount = yML.count
        // Without a readable youth.csv, references to young people cannot be checked: the
        // other files would only repeat that error.
        guard exists("youth.csv"), sink.isEmpty || youthCount > 0 else { return nil }

        func youthRef(_ row: CSVRow, _ i: Int, _ sink: inout DiagnosticSink) throws -> Int32? {
            guard let id = try row.identifier(i, &sink) else { return nil }
            if let y = youthIDs.find(id) { return y }
            try sink.report(row.diagnostic(.unknownReference, i, expected: .init(fr: "un youth_id de youth.csv", en: "a youth_id of youth.csv")))
            return nil
        }

        // Events.
        var eOwner: [Int32] = [], eDate: [Int32] = [], eKind: [UInt8] = [], eDetail: [UInt8] = [], eLine: [Int32] = []
        var accueilLine = [Int32](repeating: 0, count: youthCount)
        if case (var csv, let c)? = try open("events.csv", required: true, columns: ["youth_id", "date", "kind", "detail"]) {
            let accueil = Code.index(EventKind.accueil)
            try csv.forEachRow(sink: &sink) { row, sink in
                guard let y = try youthRef(row, c[0], &sink), let date = try row.date(c[1], &sink),
                      let kind = try row.code(c[2], EventKind.self, &sink) else { return }
                guard let detail = try Self.eventDetail(kind, row, c[3], &sink) else { return }
                let k = Code.index(kind)
                if k == accueil {
                    if accueilLine[Int(y)] != 0 {
                        try sink.report(row.diagnostic(.secondAccueil, c[2], expected: .init(fr: "au plus un accueil par jeune (le premier est ligne \(accueilLine[Int(y)]))",
                                                                                             en: "at most one accueil per young person (the first is on line \(accueilLine[Int(y)]))"),
                                                       found: "un second accueil pour / a second accueil for \(youthIDs.key(Int(y)))"))
                        return
                    }
                    accueilLine[Int(y)] = Int32(row.line)
                }
                eOwner.append(y); eDate.append(date.number); eKind.append(k); eDetail.append(detail); eLine.append(Int32(row.line))
            }
        }

        // Pathways.
        var pwIDs = IDIndex(capacity: 1 << 14)
        var pOwner: [Int32] = [], pID: [Int32] = [], pBegin: [Int32] = [], pEnd: [Int32] = [], pProgram: [UInt8] = []
        var pOutcome: [UInt8] = [], pDetail: [UInt8] = [], pFlags: [UInt8] = [], pLine: [Int32] = []
        if case (var csv, let c)? = try open("pathways.csv", required: true,
                                   columns: ["pathway_id", "youth_id", "program", "start_date", "end_date", "yg_plan", "exit_outcome",
                                             "exit_detail", "exit_durable", "exit_non_market", "exit_cpf"]) {
            try csv.forEachRow(sink: &sink) { row, sink in
                guard let pid = try row.identifier(c[0], &sink) else { return }
                let (idIndex, inserted) = pwIDs.insert(pid)
                guard inserted else {
                    try sink.report(row.diagnostic(.duplicateID, c[0], expected: .init(fr: "un pathway_id unique", en: "a unique pathway_id")))
                    return
                }
                guard let y = try youthRef(row, c[1], &sink), let program = try row.code(c[2], Program.self, &sink),
                      let start = try row.date(c[3], &sink), let end = try row.optionalDate(c[4], &sink),
                      let yg = try row.bool(c[5], &sink), let durable = try row.bool(c[8], &sink),
                      let nonMarket = try row.bool(c[9], &sink), let cpf = try row.bool(c[10], &sink) else { return }
                var outcome: UInt8 = 0, detail: UInt8 = 0
                if let end {
                    if end < start {
                        try sink.report(row.diagnostic(.endBeforeStart, c[4], expected: .init(fr: "une date de sortie au plus tôt le \(start)", en: "an end_date on or after \(start)")))
                        return
                    }
                    guard let o = try row.code(c[6], ExitOutcomeKind.self, &sink) else { return }
                    outcome = Code.index(o) + 1
                    guard let d = try Self.exitDetail(o, row, c[7], &sink) else { return }
                    detail = d
                    if durable && o != .emploi { try sink.report(Self.notAllowed(row, c[8], "emploi")); return }
                    if nonMarket && o != .emploi { try sink.report(Self.notAllowed(row, c[9], "emploi")); return }
                    if cpf && o != .formation { try sink.report(Self.notAllowed(row, c[10], "formation")); return }
                } else {
                    for (k, isSet) in [(c[6], !row.isEmpty(c[6])), (c[7], !row.isEmpty(c[7])), (c[8], durable), (c[9], nonMarket), (c[10], cpf)] where isSet {
                        try sink.report(row.diagnostic(.exitOnOpenPathway, k, expected: .init(fr: "un champ vide (ou 0) tant que end_date est vide", en: "an empty field (or 0) while end_date is empty")))
                        return
                    }
                }
                pOwner.append(y); pID.append(idIndex); pBegin.append(start.number); pEnd.append(end?.number ?? MicroStore.open)
                pProgram.append(Code.index(program)); pOutcome.append(outcome); pDetail.append(detail)
                pFlags.append((yg ? 1 : 0) | (durable ? 2 : 0) | (nonMarket ? 4 : 0) | (cpf ? 8 : 0)); pLine.append(Int32(row.line))
            }
        }

        // Situations.
        var stIDs = IDIndex(capacity: 1 << 14)
        var sOwner: [Int32] = [], sID: [Int32] = [], sBegin: [Int32] = [], sEnd: [Int32] = [], sKind: [UInt8] = []
        var sDetail: [UInt8] = [], sFlags: [UInt8] = [], sLine: [Int32] = []
        if case (var csv, let c)? = try open("situations.csv", required: true,
                                   columns: ["situation_id", "youth_id", "kind", "detail", "start_date", "end_date", "durable", "non_market"]) {
            try csv.forEachRow(sink: &sink) { row, sink in
                guard let sid = try row.identifier(c[0], &sink) else { return }
                let (idIndex, inserted) = stIDs.insert(sid)
                guard inserted else {
                    try sink.report(row.diagnostic(.duplicateID, c[0], expected: .init(fr: "un situation_id unique", en: "a unique situation_id")))
                    return
                }
                guard let y = try youthRef(row, c[1], &sink), let kind = try row.code(c[2], SituationKind.self, &sink) else { return }
                var detail: UInt8 = 0
                switch kind {
                case .emploi:
                    guard let contract = try row.code(c[3], Contract.self, &sink) else { return }
                    detail = Code.index(contract) + 1
                case .formation:
                    guard let t = try row.code(c[3], TrainingKind.self, &sink) else { return }
                    detail = Code.index(t) + 1
                default:
                    if !row.isEmpty(c[3]) { try sink.report(row.diagnostic(.detailNotAllowed, c[3], expected: .init(fr: "un détail vide pour une situation \(kind.rawValue)", en: "an empty detail for a \(kind.rawValue) situation"))); return }
                }
                guard let start = try row.date(c[4], &sink), let end = try row.optionalDate(c[5], &sink),
                      let durable = try row.bool(c[6], &sink), let nonMarket = try row.bool(c[7], &sink) else { return }
                if let end, end < start {
                    try sink.report(row.diagnostic(.endBeforeStart, c[5], expected: .init(fr: "une date de fin au plus tôt le \(start)", en: "an end_date on or after \(start)")))
                    return
                }
                if durable && kind != .emploi { try sink.report(Self.notAllowed(row, c[6], "emploi")); return }
                if nonMarket && kind != .emploi { try sink.report(Self.notAllowed(row, c[7], "emploi")); return }
                sOwner.append(y); sID.append(idIndex); sBegin.append(start.number); sEnd.append(end?.number ?? MicroStore.open)
                sKind.append(Code.index(kind)); sDetail.append(detail); sFlags.append((durable ? 2 : 0) | (nonMarket ? 4 : 0)); sLine.append(Int32(row.line))
            }
        }
        guard sink.isEmpty else { return nil }

        // Group the records by young person (stable counting sort: file order kept within a person).
        let (eStart, ePerm) = groupByOwner(eOwner, youthCount)
        let (pStart, pPerm) = groupByOwner(pOwner, youthCount)
        let (sStart, sPerm) = groupByOwner(sOwner, youthCount)
        return MicroStore(youthIDs: youthIDs, youthML: yML, youthSex: ySex, youthBirth: yBirth, youthLevel: yLevel, youthFlags: yFlags, youthLine: yLine,
                          evStart: eStart, evDate: permute(eDate, ePerm), evKind: permute(eKind, ePerm), evDetail: permute(eDetail, ePerm), evLine: permute(eLine, ePerm),
                          pwStart: pStart, pwIDs: pwIDs, pwID: permute(pID, pPerm), pwBegin: permute(pBegin, pPerm), pwEnd: permute(pEnd, pPerm),
                          pwProgram: permute(pProgram, pPerm), pwOutcome: permute(pOutcome, pPerm), pwDetail: permute(pDetail, pPerm),
                          pwFlags: permute(pFlags, pPerm), pwLine: permute(pLine, pPerm),
                          stStart: sStart, stIDs: stIDs, stID: permute(sID, sPerm), stBegin: permute(sBegin, sPerm), stEnd: permute(sEnd, sPerm),
                          stKind: permute(sKind, sPerm), stDetail: permute(sDetail, sPerm), stFlags: permute(sFlags, sPerm), stLine: permute(sLine, sPerm))
    }

    private static func notAllowed(_ row: CSVRow, _ i: Int, _ kind: String) -> DatasetDiagnostic {
        row.diagnostic(.detailNotAllowed, i, expected: .init(fr: "0 ou vide (ce champ ne vaut que pour « \(kind) »)", en: "0 or empty (this field applies to \(kind) only)"))
    }

    /// The detail code of an event (0 = none), checked against what its kind allows.
    private static func eventDetail(_ kind: EventKind, _ row: CSVRow, _ i: Int, _ sink: inout DiagnosticSink) throws -> UInt8? {
        func code<T: DatasetCode>(_ t: T.Type) throws -> UInt8? { try row.code(i, t, &sink).map { Code.index($0) + 1 } }
        switch kind {
        case .accueil, .diagnostic, .atelier, .ecrit:
            if row.isEmpty(i) { return 0 }
            try sink.report(row.diagnostic(.detailNotAllowed, i, expected: .init(fr: "un détail vide pour un événement \(kind.rawValue)", en: "an empty detail for a \(kind.rawValue) event")))
            return nil
        case .entretien:
            guard let c = try row.optionalCode(i, InterviewChannel.self, &sink) else { return nil }
            return c.map { Code.index($0) + 1 } ?? 0
        case .proposition: return try code(OfferKind.self)
        case .orientation: return try code(ReferralTarget.self)
        case .droitCommun: return try code(CommonLawRight.self)
        case .cep: return try code(CEPLevel.self)
        }
    }

    /// The exit detail code (0 = none), checked against the outcome.
    private static func exitDetail(_ outcome: ExitOutcomeKind, _ row: CSVRow, _ i: Int, _ sink: inout DiagnosticSink) throws -> UInt8? {
        switch outcome {
        case .emploi: return try row.code(i, Contract.self, &sink).map { Code.index($0) + 1 }
        case .formation: return try row.code(i, TrainingKind.self, &sink).map { Code.index($0) + 1 }
        case .reorientation: return try row.code(i, ReorientationTarget.self, &sink).map { Code.index($0) + 1 }
        case .serviceCivique, .sansSolution, .autre:
            if row.isEmpty(i) { return 0 }
            try sink.report(row.diagnostic(.detailNotAllowed, i, expected: .init(fr: "un exit_detail vide pour l'issue \(outcome.rawValue)", en: "an empty exit_detail for outcome \(outcome.rawValue)")))
            return nil
        }
    }
}

/// Offsets per owner (count + 1) and the stable permutation that groups rows by owner.
func groupByOwner(_ owner: [Int32], _ count: Int) -> ([Int32], [Int32]) {
    var start = [Int32](repeating: 0, count: count + 1)
    for o in owner { start[Int(o) + 1] += 1 }
    for i in 0..<count { start[i + 1] += start[i] }
    var next = start
    var perm = [Int32](repeating: 0, count: owner.count)
    for (row, o) in owner.enumerated() {
        perm[Int(next[Int(o)])] = Int32(row)
        next[Int(o)] += 1
    }
    return (start, perm)
}

func permute<T>(_ values: [T], _ perm: [Int32]) -> [T] {
    perm.map { values[Int($0)] }
}
