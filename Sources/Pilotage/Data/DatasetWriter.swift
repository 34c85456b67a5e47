import Foundation

/// A buffered CSV output file (the format's rules: `,` separator, LF, RFC 4180 quoting).
final class CSVOutput {
    private let file: OutputFile
    private var buffer: [UInt8] = []
    let name: String

    init(path: String, header: [String]) throws(DatasetWriteError) {
        do { file = try OutputFile(path: path) } catch { throw DatasetWriteError(error) }
        name = path
        buffer.reserveCapacity(1 << 20)
        row(header)
    }

    @inline(__always) func append(_ s: String) {
        var s = s
        s.withUTF8 { buffer.append(contentsOf: $0) }
    }

    /// A field, quoted when needed.
    @inline(__always) func field(_ s: String) { append(CSVText.field(s)) }
    @inline(__always) func separator() { buffer.append(44) }
    @inline(__always) func endRow() {
        buffer.append(10)
        if buffer.count >= 1 << 20 { flush() }
    }

    func row(_ fields: [String]) {
        for (i, f) in fields.enumerated() { if i > 0 { separator() }; field(f) }
        endRow()
    }

    func date(_ d: Int32) { append(Day(number: d).description) }

    /// A failure is kept for `close()`: the rows are appended without `try` in the hot loops.
    private var failure: OutputFile.Failure?

    private func flush() {
        if failure == nil { do { try file.write(bytes: buffer) } catch { failure = error } }
        buffer.removeAll(keepingCapacity: true)
    }

    func close() throws(DatasetWriteError) {
        flush()
        if let failure { throw DatasetWriteError(failure) }
        do { try file.commit() } catch { throw DatasetWriteError(error) }
    }
}

/// Writing a dataset failed.
public struct DatasetWriteError: Error, Sendable, CustomStringConvertible {
    /// The file.
    public var path: String
    /// What went wrong.
    public var reason: String
    /// A description for logs and messages.
    public var description: String { "\(path): \(reason)" }
    /// The writer's failure, when the system refused a write (its message is localized).
    public var failure: OutputFile.Failure?
    /// The message in a language.
    public func message(_ language: Language) -> String { failure?.message(language) ?? description }
    init(_ failure: OutputFile.Failure) { path = failure.path; reason = failure.reason(.en); self.failure = failure }
    /// Creates a value from its fields.
    public init(path: String, reason: String) { self.path = path; self.reason = reason }
}

/// The column lists of the format, shared by the writer and the generator.
enum FormatColumns {
    static let regions = ["region_code", "name"]
    static let missions = ["ml_id", "name", "region_code", "department_code", "legal_form"]
    static let missionsOptional = ["siret", "ape", "address", "email", "phone"]
    static let context = ["ml_id", "year", "jano_16_25", "defm_16_25"]
    static let resources = ["ml_id", "year", "etp_total", "etp_accompaniment"]
    static let funding = ["ml_id", "year", "funder", "line", "amount_eur"]
    static let youth = ["youth_id", "ml_id", "sex", "birth_date", "level", "diploma", "qpv", "zrr", "neet"]
    static let events = ["youth_id", "date", "kind", "detail"]
    static let pathways = ["pathway_id", "youth_id", "program", "start_date", "end_date", "yg_plan", "exit_outcome", "exit_detail",
                           "exit_durable", "exit_non_market", "exit_cpf"]
    static let situations = ["situation_id", "youth_id", "kind", "detail", "start_date", "end_date", "durable", "non_market"]
    static let indicators = ["ml_id", "year", "indicator", "breakdown", "value"]
    static let conventions = ["ml_id", "convention", "first_year", "last_year", "integrates_parrainage", "integrates_fipj", "year",
                              "socle_eur", "parrainage_eur", "fipj_eur", "amendment", "signed_on"]
    static let objectives = ["ml_id", "year", "indicator", "target", "direction"]
}

extension Manifest {
    /// `dataset.json` text (keys sorted, unknown keys kept).
    func json() -> String {
        var parts = ["\"format\": \"\(Manifest.formatName)\"", "\"version\": \(Manifest.currentVersion)"]
        func quoted(_ s: String) -> String {
            let d = try! JSONSerialization.data(withJSONObject: s, options: [.fragmentsAllowed])
            return String(decoding: d, as: UTF8.self)
        }
        parts.append("\"name\": \(quoted(name))")
        parts.append("\"description\": \(quoted(description))")
        parts.append("\"years\": [\(years.map(String.init).joined(separator: ", "))]")
        for (k, v) in extra.sorted(by: { $0.key < $1.key }) { parts.append("\(quoted(k)): \(v)") }
        return "{\n  " + parts.joined(separator: ",\n  ") + "\n}\n"
    }
}

extension Dataset {
    /// Writes the dataset as a folder of the format (created if needed; files replaced).
    ///
    /// Loading what was written gives an identical dataset.
    public func write(to directory: String) throws(DatasetWriteError) {
        do { try OutputFile.makeFolder(directory) } catch { throw DatasetWriteError(error) }
        func path(_ f: String) -> String { (directory as NSString).appendingPathComponent(f) }
        do { try OutputFile.write(manifest.json(), to: path("dataset.json")) } catch { throw DatasetWriteError(error) }
        try DatasetWriter.reference(self, path)
        if let micro { try DatasetWriter.microdata(micro, missions: missions, path) }
        if let aggregate {
            let out = try CSVOutput(path: path("indicators.csv"), header: FormatColumns.indicators)
            for r in aggregate.rows { out.row([r.mlID, String(r.year), r.indicator, r.programme?.rawValue ?? r.breakdown.rawValue, DatasetWriter.decimal(r.value)]) }
            try out.close()
        }
    }
}

enum DatasetWriter {
    /// The shortest text that reads back as the same number, in plain notation.
    static func decimal(_ v: Double) -> String {
        let s = "\(v)"
        if s.contains("e") || s.contains("n") { return NumberText.decimal(v, significantDigits: 17) }
        return s.hasSuffix(".0") ? String(s.dropLast(2)) : s
    }

    static func reference(_ d: Dataset, _ path: (String) -> String) throws(DatasetWriteError) {
        let regions = try CSVOutput(path: path("regions.csv"), header: FormatColumns.regions)
        for r in d.regions { regions.row([r.code, r.name]) }
        try regions.close()
        let optional = FormatColumns.missionsOptional.enumerated().filter { k, _ in
            d.missions.contains { [$0.siret, $0.ape, $0.address, $0.email, $0.phone][k] != nil }
        }
        let missions = try CSVOutput(path: path("missions.csv"), header: FormatColumns.missions + optional.map(\.element))
        for m in d.missions {
            let extra = [m.siret, m.ape, m.address, m.email, m.phone]
            missions.row([m.id, m.name, m.regionCode, m.departmentCode, m.legalForm.rawValue] + optional.map { extra[$0.offset] ?? "" })
        }
        try missions.close()
        if let rows = d.contexts {
            let withNeet = rows.contains { $0.neet != nil }
            let out = try CSVOutput(path: path("context.csv"), header: FormatColumns.context + (withNeet ? ["neet_16_25"] : []))
            for r in rows {
                out.row([r.mlID, String(r.year), decimal(r.jano), decimal(r.defm)] + (withNeet ? [r.neet.map(decimal) ?? ""] : []))
            }
            try out.close()
        }
        if let rows = d.resources {
            let out = try CSVOutput(path: path("resources.csv"), header: FormatColumns.resources)
            for r in rows { out.row([r.mlID, String(r.year), decimal(r.etpTotal), decimal(r.etpAccompaniment)]) }
            try out.close()
        }
        if let rows = d.funding {
            let out = try CSVOutput(path: path("funding.csv"), header: FormatColumns.funding)
            for r in rows { out.row([r.mlID, String(r.year), r.funder.rawValue, r.line.rawValue, decimal(r.amount)]) }
            try out.close()
        }
        if let conventions = d.conventions {
            try writeConventions(conventions, path)
        }
    }

    /// `conventions.csv` (a row per convention and year) and `objectives.csv`.
    static func writeConventions(_ conventions: [Convention], _ path: (String) -> String) throws(DatasetWriteError) {
        let out = try CSVOutput(path: path("conventions.csv"), header: FormatColumns.conventions)
        for c in conventions {
            for year in c.period where c.subsidies[year] != nil {
                let s = c.subsidies[year]!, a = c.amendments.first { $0.year == year }
                out.row([c.mlID, c.number, String(c.period.lowerBound), String(c.period.upperBound), c.integratesParrainage ? "1" : "0",
                         c.integratesFIPJ ? "1" : "0", String(year), s.socle.description, s.parrainage.description, s.fipj.description,
                         a.map { String($0.number) } ?? "", a?.signedOn?.description ?? ""])
            }
        }
        try out.close()
        let objectives = try CSVOutput(path: path("objectives.csv"), header: FormatColumns.objectives)
        for c in conventions {
            for o in c.objectives { objectives.row([c.mlID, String(o.year), o.indicatorID, decimal(o.target), o.direction.rawValue]) }
        }
        try objectives.close()
    }

    static func microdata(_ m: MicroStore, missions: [MissionLocale], _ path: (String) -> String) throws(DatasetWriteError) {
        let codes = CodeNames()
        let youth = try CSVOutput(path: path("youth.csv"), header: FormatColumns.youth)
        for y in 0..<m.youthCount {
            let f = m.youthFlags[y]
            youth.field(m.youthIDs.key(y)); youth.separator(); youth.field(missions[Int(m.youthML[y])].id); youth.separator()
            youth.append(codes.sex[Int(m.youthSex[y])]); youth.separator(); youth.date(m.youthBirth[y]); youth.separator()
            youth.append(codes.level[Int(m.youthLevel[y])]); youth.separator()
            youth.append(f & 1 != 0 ? "1,": "0,"); youth.append(f & 2 != 0 ? "1,": "0,"); youth.append(f & 4 != 0 ? "1,": "0,")
            youth.append(f & 8 != 0 ? "1" : "0"); youth.endRow()
        }
        try youth.close()
        let events = try CSVOutput(path: path("events.csv"), header: FormatColumns.events)
        for y in 0..<m.youthCount {
            let id = CSVText.field(m.youthIDs.key(y))
            for i in Int(m.evStart[y])..<Int(m.evStart[y + 1]) {
                events.append(id); events.separator(); events.date(m.evDate[i]); events.separator()
                let k = Int(m.evKind[i])
                events.append(codes.eventKind[k]); events.separator()
                if m.evDetail[i] > 0 { events.append(codes.eventDetail[k][Int(m.evDetail[i]) - 1]) }
                events.endRow()
            }
        }
        try events.close()
        let pathways = try CSVOutput(path: path("pathways.csv"), header: FormatColumns.pathways)
        for y in 0..<m.youthCount {
            let id = CSVText.field(m.youthIDs.key(y))
            for i in Int(m.pwStart[y])..<Int(m.pwStart[y + 1]) {
                let f = m.pwFlags[i], o = Int(m.pwOutcome[i])
                pathways.field(m.pwIDs.key(Int(m.pwID[i]))); pathways.separator(); pathways.append(id); pathways.separator()
                pathways.append(codes.program[Int(m.pwProgram[i])]); pathways.separator(); pathways.date(m.pwBegin[i]); pathways.separator()
                if m.pwEnd[i] != MicroStore.open { pathways.date(m.pwEnd[i]) }
                pathways.separator(); pathways.append(f & 1 != 0 ? "1" : "0"); pathways.separator()
                if o > 0 {
                    pathways.append(codes.outcome[o - 1]); pathways.separator()
                    if m.pwDetail[i] > 0 { pathways.append(codes.exitDetail[o - 1][Int(m.pwDetail[i]) - 1]) }
                    pathways.separator()
                    pathways.append(f & 2 != 0 ? "1," : "0,"); pathways.append(f & 4 != 0 ? "1," : "0,"); pathways.append(f & 8 != 0 ? "1" : "0")
                } else {
                    pathways.append(",,,,")
                }
                pathways.endRow()
            }
        }
        try pathways.close()
        let situations = try CSVOutput(path: path("situations.csv"), header: FormatColumns.situations)
        for y in 0..<m.youthCount {
            let id = CSVText.field(m.youthIDs.key(y))
            for i in Int(m.stStart[y])..<Int(m.stStart[y + 1]) {
                let k = Int(m.stKind[i]), f = m.stFlags[i]
                situations.field(m.stIDs.key(Int(m.stID[i]))); situations.separator(); situations.append(id); situations.separator()
                situations.append(codes.situationKind[k]); situations.separator()
                if m.stDetail[i] > 0 { situations.append(codes.situationDetail[k][Int(m.stDetail[i]) - 1]) }
                situations.separator(); situations.date(m.stBegin[i]); situations.separator()
                if m.stEnd[i] != MicroStore.open { situations.date(m.stEnd[i]) }
                situations.separator(); situations.append(f & 2 != 0 ? "1," : "0,"); situations.append(f & 4 != 0 ? "1" : "0")
                situations.endRow()
            }
        }
        try situations.close()
    }
}

/// The code texts by stored index, for writing.
struct CodeNames {
    let sex = Sex.allCodes, level = SchoolLevel.allCodes, eventKind = EventKind.allCodes, program = Program.allCodes
    let outcome = ExitOutcomeKind.allCodes, situationKind = SituationKind.allCodes
    let eventDetail: [[String]] = EventKind.allCases.map { k in
        switch k {
        case .entretien: return InterviewChannel.allCodes
        case .proposition: return OfferKind.allCodes
        case .orientation: return ReferralTarget.allCodes
        case .droitCommun: return CommonLawRight.allCodes
        case .cep: return CEPLevel.allCodes
        default: return []
        }
    }
    let exitDetail: [[String]] = ExitOutcomeKind.allCases.map { o in
        switch o {
        case .emploi: return Contract.allCodes
        case .formation: return TrainingKind.allCodes
        case .reorientation: return ReorientationTarget.allCodes
        default: return []
        }
    }
    let situationDetail: [[String]] = SituationKind.allCases.map { k in
        switch k {
        case .emploi: return Contract.allCodes
        case .formation: return TrainingKind.allCodes
        default: return []
        }
    }
}
