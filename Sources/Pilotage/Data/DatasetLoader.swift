import Foundation

extension Dataset {
    /// Loads a dataset folder, enforcing every input rule of the format.
    ///
    /// - Parameter directory: the dataset folder (with `dataset.json`).
    /// - Throws: ``DatasetLoadError`` with up to 50 located errors; nothing is ever
    ///   silently dropped, clamped or defaulted.
    public static func load(from directory: String) throws(DatasetLoadError) -> Dataset {
        try load(from: directory, tables: [])
    }

    /// Loads a dataset folder as ``load(from:)`` does, reading its microdata from `cache`'s
    /// snapshot when the files have not changed since it was written, and writing one after
    /// parsing them otherwise (see ``SnapshotCache``). `nil` parses and writes nothing.
    public static func load(from directory: String, cache: SnapshotCache?) throws(DatasetLoadError) -> Dataset {
        try load(from: directory, tables: [], cache: cache)
    }

    /// Loads a dataset folder in which some tables were read from other files than their CSV
    /// (`indicators.xlsx` for `indicators.csv`): each ``ConvertedTable`` stands for its CSV, and
    /// its errors are located in its sheet, row and column.
    ///
    /// `interruption` is asked between the phases of a load (the reference files, young people,
    /// the other microdata files, grouping): when it answers `true` the load stops and throws an
    /// error whose ``DatasetLoadError/interrupted`` is set (the REPL passes Ctrl-C).
    public static func load(from directory: String, tables: [ConvertedTable],
                            cache: SnapshotCache? = nil,
                            interruption: (() -> Bool)? = nil) throws(DatasetLoadError) -> Dataset {
        var loader = DatasetLoader(directory: directory)
        loader.cache = cache
        loader.interruption = interruption
        loader.converted = Dictionary(tables.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
        func located(_ d: [DatasetDiagnostic]) -> [DatasetDiagnostic] { loader.converted.values.reduce(d) { $1.locate($0) } }
        let t0 = Trace.now()
        defer { Trace.log("load", t0) }
        do {
            let dataset = try loader.load()
            if loader.sink.isEmpty, let dataset { return dataset }
        } catch is DatasetLoader.Interrupted {
            throw DatasetLoadError(diagnostics: [], interrupted: true)
        } catch is DiagnosticSink.LimitReached {
            throw DatasetLoadError(diagnostics: located(loader.sink.errors), truncated: true)
        } catch {
            throw DatasetLoadError(diagnostics: located(loader.sink.errors) + [.init(.missingFile, file: directory, expected: .init(fr: "un dossier lisible", en: "a readable folder"), found: "\(error)")])
        }
        throw DatasetLoadError(diagnostics: located(loader.sink.errors))
    }
}

/// A table of a dataset read from another file than its CSV — a sheet of a workbook — written
/// as the CSV it stands for, with where each of its rows and fields came from.
public struct ConvertedTable: Sendable {
    /// The CSV it stands for (`indicators.csv`).
    public var name: String
    /// The file it was read from (`indicators.xlsx`).
    public var source: String
    /// The sheet it was read from.
    public var sheet: String
    /// The table as CSV text (the export format's dialect, every field quoted).
    public var csv: [UInt8]
    /// The sheet's row of each CSV line (index 0: the header, line 1).
    public var rowNumbers: [Int]
    /// The sheet's column of each CSV field (index 0: the first field).
    public var columnNumbers: [Int]

    /// A table from its CSV text and the positions of its rows and fields in the sheet.
    public init(name: String, source: String, sheet: String, csv: [UInt8], rowNumbers: [Int], columnNumbers: [Int]) {
        self.name = name; self.source = source; self.sheet = sheet; self.csv = csv
        self.rowNumbers = rowNumbers; self.columnNumbers = columnNumbers
    }

    /// The diagnostics of its CSV located in the sheet (the others as they are); the CSV's lines
    /// are split once, when a diagnostic has a column.
    func locate(_ all: [DatasetDiagnostic]) -> [DatasetDiagnostic] {
        var lines: [Substring]?
        return all.map { d in
            guard d.file == name else { return d }
            var out = d
            out.file = source
            out.sheet = sheet
            if let line = d.line { out.line = line - 1 < rowNumbers.count ? rowNumbers[line - 1] : nil }
            if let column = d.column, let line = d.line {
                if lines == nil { lines = String(decoding: csv, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false) }
                let field = line - 1 < lines!.count ? Self.fieldIndex(lines![line - 1], column: column) : 0
                out.column = field < columnNumbers.count ? columnNumbers[field] : nil
            }
            return out
        }
    }

    /// Which field of a CSV line holds character column `column` (quotes respected).
    private static func fieldIndex(_ line: Substring, column: Int) -> Int {
        var field = 0, quoted = false
        for (k, c) in line.enumerated() where k < column - 1 {
            if c == "\"" { quoted.toggle() } else if c == ",", !quoted { field += 1 }
        }
        return field
    }
}

struct DatasetLoader {
    let directory: String
    var sink = DiagnosticSink()
    /// Tables read from workbooks, by the CSV name they stand for.
    var converted: [String: ConvertedTable] = [:]
    /// Where the microdata's snapshot is read and written; `nil`: neither.
    var cache: SnapshotCache?
    /// The snapshot the microdata were read from, if they were.
    private(set) var snapshotRead: String?
    /// Asked between phases; `true` stops the load (Ctrl-C in the REPL).
    var interruption: (() -> Bool)?

    struct Interrupted: Error {}

    /// Throws ``Interrupted`` when the caller asks the load to stop.
    func checkInterruption() throws {
        if interruption?() == true { throw Interrupted() }
    }

    init(directory: String) { self.directory = directory }

    func path(_ file: String) -> String { (directory as NSString).appendingPathComponent(file) }
    /// Whether something stands at the file's path (a folder or a FIFO too: reading it reports it).
    func exists(_ file: String) -> Bool { converted[file] != nil || PathKind(path(file)) != .missing }

    mutating func load() throws -> Dataset? {
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDir), isDir.boolValue else {
            try sink.report(.init(.missingFile, file: directory, expected: .init(fr: "un dossier de jeu de données", en: "a dataset folder"),
                                  found: DatasetDiagnostic.noFolder))
            return nil
        }
        let manifest = try loadManifest()
        let microFiles = ["youth.csv", "events.csv", "pathways.csv", "situations.csv"]
        let presentMicro = microFiles.filter(exists)
        let hasAggregate = exists("indicators.csv")
        if hasAggregate && !presentMicro.isEmpty {
            try sink.report(.init(.mixedDataset, file: "indicators.csv",
                                  expected: .init(fr: "soit les microdonnées, soit indicators.csv", en: "either microdata or indicators.csv"),
                                  found: "indicators.csv + \(presentMicro.joined(separator: ", "))"))
        } else if !hasAggregate {
            for f in microFiles where !exists(f) {
                try sink.report(.init(.missingFile, file: f, expected: .init(fr: "le fichier \(f) (ou indicators.csv pour des données agrégées)", en: "the file \(f) (or indicators.csv for aggregate data)"),
                                      found: DatasetDiagnostic.noFile))
            }
        }
        let t0 = Trace.now()
        let regions = try loadRegions()
        let missions = try loadMissions(regions: regions)
        var mlIndex = IDIndex(capacity: missions.count)
        for m in missions { mlIndex.insert(m.id) }
        let contexts = try loadContext(mlIndex)
        let resources = try loadResources(mlIndex)
        let funding = try loadFunding(mlIndex)
        let conventions = try loadConventions(mlIndex)
        Trace.log("reference files", t0)
        try checkInterruption()
        var micro: MicroStore?
        var aggregate: AggregateStore?
        if hasAggregate && presentMicro.isEmpty {
            aggregate = try loadAggregate(mlIndex, missions: missions)
        } else if presentMicro.count == microFiles.count && !hasAggregate {
            micro = try loadMicroThroughCache(mlIndex, files: presentMicro)
        }
        guard sink.isEmpty, let manifest else { return nil }
        var dataset = Dataset(manifest: manifest, regions: regions, missions: missions, contexts: contexts,
                              resources: resources, funding: funding, conventions: conventions, micro: micro,
                              aggregate: aggregate)
        dataset.snapshotFile = snapshotRead
        return dataset
    }

    /// The microdata from the cache's snapshot when it matches the files (taken before they are
    /// read: a file changed during the load makes the next load parse again), else parsed and
    /// snapshotted when the load is clean and big enough to be worth it.
    private mutating func loadMicroThroughCache(_ ml: IDIndex, files: [String]) throws -> MicroStore? {
        guard let cache, converted.isEmpty, let fingerprint = Snapshot.fingerprint(of: directory) else {
            return try loadMicro(ml)
        }
        let t0 = Trace.now()
        let file = cache.file(for: directory)
        if case .success(let store) = Snapshot.read(file, fingerprint: fingerprint),
           store.youthML.allSatisfy({ $0 >= 0 && Int($0) < ml.count }) {
            Trace.log("snapshot read", t0)
            snapshotRead = file
            return store
        }
        guard let micro = try loadMicro(ml) else { return nil }
        let bytes = files.reduce(0) { $0 + (openRegularFile(path($1)).map { close($0.fd); return $0.size } ?? 0) }
        if sink.isEmpty, bytes >= cache.minimumBytes {
            // Writing it takes a third of the parse's time: a stop asked meanwhile is not ignored.
            try checkInterruption()
            let t1 = Trace.now()
            Snapshot.write(micro, dataset: directory, fingerprint: fingerprint, to: file)
            Trace.log("snapshot written", t1)
            try checkInterruption()
        }
        return micro
    }

    // MARK: manifest

    mutating func loadManifest() throws -> Manifest? {
        let file = "dataset.json"
        if let notAFile = PathKind(path(file)).diagnostic(file) {
            try sink.report(notAFile)
            return nil
        }
        guard let bytes = readWholeFile(path(file)) else {
            try sink.report(.init(.missingFile, file: file, expected: .init(fr: "le manifeste dataset.json", en: "the dataset.json manifest"), found: DatasetDiagnostic.noFile))
            return nil
        }
        func bad(_ fr: String, _ en: String, _ found: String) throws {
            try sink.report(.init(.badManifest, file: file, line: 1, expected: .init(fr: fr, en: en), found: excerpt(found)))
        }
        guard let object = try? JSONSerialization.jsonObject(with: Data(bytes)), let json = object as? [String: Any] else {
            try bad("un objet JSON", "a JSON object", "du texte qui n'est pas un objet JSON / text that is not a JSON object")
            return nil
        }
        guard let format = json["format"] as? String else { try bad("une clé \"format\" texte", "a string key \"format\"", "\(json["format"].map { "\($0)" } ?? "rien / nothing")"); return nil }
        guard format == Manifest.formatName else {
            try sink.report(.init(.unsupportedVersion, file: file, line: 1, field: "format",
                                  expected: .init(fr: "le format \"\(Manifest.formatName)\"", en: "format \"\(Manifest.formatName)\""), found: "\"\(excerpt(format))\""))
            return nil
        }
        guard let versionNumber = json["version"] as? NSNumber, versionNumber.doubleValue == versionNumber.doubleValue.rounded() else {
            try bad("une clé \"version\" entière", "an integer key \"version\"", "\(json["version"].map { "\($0)" } ?? "rien / nothing")"); return nil
        }
        let version = versionNumber.intValue
        guard version >= 1, version <= Manifest.currentVersion else {
            try sink.report(.init(.unsupportedVersion, file: file, line: 1, field: "version",
                                  expected: .init(fr: "une version de 1 à \(Manifest.currentVersion)", en: "version 1 to \(Manifest.currentVersion)"), found: "\(version)"))
            return nil
        }
        guard let rawYears = json["years"] as? [Any], !rawYears.isEmpty else {
            try bad("une liste non vide d'années \"years\"", "a non-empty list \"years\"", "\(json["years"].map { "\($0)" } ?? "rien / nothing")"); return nil
        }
        var years: [Int] = []
        for y in rawYears {
            guard let n = y as? NSNumber, n.doubleValue == n.doubleValue.rounded(), Day.years.contains(n.intValue), !years.contains(n.intValue) else {
                try bad("des années distinctes AAAA", "distinct years YYYY", "\(y)"); return nil
            }
            years.append(n.intValue)
        }
        var extra: [String: String] = [:]
        for (k, v) in json where !["format", "version", "name", "description", "years"].contains(k) {
            if let d = try? JSONSerialization.data(withJSONObject: v, options: [.fragmentsAllowed, .sortedKeys]) {
                extra[k] = String(decoding: d, as: UTF8.self)
            }
        }
        let name = json["name"] as? String ?? ((directory as NSString).lastPathComponent)
        return Manifest(name: name, description: json["description"] as? String ?? "", years: years, extra: extra)
    }

    // MARK: reference files

    mutating func open(_ file: String, required: Bool, columns: [String], parts: Int = 1) throws -> (CSVFile, [Int])? {
        if let table = converted[file] {
            let csv = CSVFile(name: file, bytes: table.csv)
            if let error = csv.headerError { try sink.report(error); return nil }
            guard let idx = try csv.require(columns, sink: &sink) else { return nil }
            return (csv, idx)
        }
        guard let csv = try CSVFile.read(path: path(file), name: file, parts: parts, sink: &sink) else {
            if required, !exists(file) {
                try sink.report(.init(.missingFile, file: file, expected: .init(fr: "le fichier \(file)", en: "the file \(file)"), found: DatasetDiagnostic.noFile))
            }
            return nil
        }
        guard let idx = try csv.require(columns, sink: &sink) else { return nil }
        return (csv, idx)
    }

    mutating func loadRegions() throws -> [Region] {
        guard case (let csv, let c)? = try open("regions.csv", required: true, columns: ["region_code", "name"]) else { return [] }
        var seen = IDIndex(), regions: [Region] = []
        try csv.forEachRow(sink: &sink) { row, sink in
            guard let code = try row.identifier(c[0], &sink), try row.required(c[1], &sink) else { return }
            if !seen.insert(code).inserted {
                try sink.report(row.diagnostic(.duplicateID, c[0], expected: .init(fr: "un code de région unique", en: "a unique region code")))
                return
            }
            regions.append(Region(code: row.string(c[0]), name: row.string(c[1])))
        }
        return regions
    }

    mutating func loadMissions(regions: [Region]) throws -> [MissionLocale] {
        guard case (let csv, let c)? = try open("missions.csv", required: true, columns: ["ml_id", "name", "region_code", "department_code", "legal_form"]) else { return [] }
        let optional = ["siret", "ape", "address", "email", "phone"].map { csv.index(of: $0) }
        let regionCodes = Set(regions.map(\.code))
        var seen = IDIndex(), missions: [MissionLocale] = []
        try csv.forEachRow(sink: &sink) { row, sink in
            guard let id = try row.identifier(c[0], &sink) else { return }
            if !seen.insert(id).inserted {
                try sink.report(row.diagnostic(.duplicateID, c[0], expected: .init(fr: "un ml_id unique", en: "a unique ml_id")))
                return
            }
            guard try row.required(c[1], &sink), try row.required(c[2], &sink), try row.required(c[3], &sink) else { return }
            let region = row.string(c[2])
            guard regionCodes.contains(region) else {
                try sink.report(row.diagnostic(.unknownReference, c[2], expected: .init(fr: "un region_code de regions.csv", en: "a region_code of regions.csv")))
                return
            }
            guard let form = try row.code(c[4], LegalForm.self, &sink) else { return }
            func opt(_ k: Int) -> String? { optional[k].flatMap { row.isEmpty($0) ? nil : row.string($0) } }
            missions.append(MissionLocale(id: row.string(c[0]), name: row.string(c[1]), regionCode: region, departmentCode: row.string(c[3]),
                                          legalForm: form, siret: opt(0), ape: opt(1), address: opt(2), email: opt(3), phone: opt(4)))
        }
        return missions
    }

    /// Resolves `ml_id` and `year` and checks the key is unique.
    private static func mlYear(_ row: CSVRow, _ c: [Int], _ ml: IDIndex, _ seen: inout Set<Int64>, unique: Bool,
                               _ sink: inout DiagnosticSink) throws -> (Int32, Int)? {
        guard let id = try row.identifier(c[0], &sink) else { return nil }
        guard let m = ml.find(id) else {
            try sink.report(row.diagnostic(.unknownReference, c[0], expected: .init(fr: "un ml_id de missions.csv", en: "an ml_id of missions.csv")))
            return nil
        }
        guard let year = try row.year(c[1], &sink) else { return nil }
        if unique, !seen.insert(Int64(m) << 16 | Int64(year)).inserted {
            try sink.report(row.diagnostic(.duplicateID, c[0], expected: .init(fr: "une seule ligne par ml_id et année", en: "one row per ml_id and year"),
                                           found: "\(excerpt(row.bytes(c[0]))), \(year)"))
            return nil
        }
        return (m, year)
    }

    mutating func loadContext(_ ml: IDIndex) throws -> [TerritorialContext]? {
        guard exists("context.csv") else { return nil }
        guard case (let csv, let c)? = try open("context.csv", required: false, columns: ["ml_id", "year", "jano_16_25", "defm_16_25"]) else { return [] }
        let neet = csv.index(of: "neet_16_25"), sep = csv.separator
        var seen = Set<Int64>(), rows: [TerritorialContext] = []
        try csv.forEachRow(sink: &sink) { row, sink in
            guard let (_, year) = try Self.mlYear(row, c, ml, &seen, unique: true, &sink) else { return }
            guard let jano = try row.decimal(c[2], separator: sep, .people, &sink), let defm = try row.decimal(c[3], separator: sep, .people, &sink) else { return }
            var neetValue: Double?
            if let neet, !row.isEmpty(neet) {
                guard let v = try row.decimal(neet, separator: sep, .people, &sink) else { return }
                neetValue = v
            }
            rows.append(TerritorialContext(mlID: row.string(c[0]), year: year, jano: jano, defm: defm, neet: neetValue))
        }
        return rows
    }

    mutating func loadResources(_ ml: IDIndex) throws -> [StaffResources]? {
        guard exists("resources.csv") else { return nil }
        guard case (let csv, let c)? = try open("resources.csv", required: false, columns: ["ml_id", "year", "etp_total", "etp_accompaniment"]) else { return [] }
        let sep = csv.separator
        var seen = Set<Int64>(), rows: [StaffResources] = []
        try csv.forEachRow(sink: &sink) { row, sink in
            guard let (_, year) = try Self.mlYear(row, c, ml, &seen, unique: true, &sink) else { return }
            guard let total = try row.decimal(c[2], separator: sep, .etp, &sink), let acc = try row.decimal(c[3], separator: sep, .etp, &sink) else { return }
            if acc > total {
                try sink.report(row.diagnostic(.accompanimentAboveTotal, c[3], expected: .init(fr: "au plus etp_total (\(total))", en: "at most etp_total (\(total))")))
                return
            }
            rows.append(StaffResources(mlID: row.string(c[0]), year: year, etpTotal: total, etpAccompaniment: acc))
        }
        return rows
    }

    mutating func loadFunding(_ ml: IDIndex) throws -> [FundingRow]? {
        guard exists("funding.csv") else { return nil }
        guard case (let csv, let c)? = try open("funding.csv", required: false, columns: ["ml_id", "year", "funder", "line", "amount_eur"]) else { return [] }
        let sep = csv.separator
        var seen = Set<Int64>(), rows: [FundingRow] = []
        let funders = CodeTable<Funder>.shared, lines = CodeTable<FundingLine>.shared
        try csv.forEachRow(sink: &sink) { row, sink in
            guard let (_, year) = try Self.mlYear(row, c, ml, &seen, unique: false, &sink) else { return }
            guard let funder = try funders.code(row, c[2], &sink), let line = try lines.code(row, c[3], &sink),
                  let amount = try row.decimal(c[4], separator: sep, .amount, &sink) else { return }
            rows.append(FundingRow(mlID: row.string(c[0]), year: year, funder: funder, line: line, amount: amount))
        }
        return rows
    }

    // MARK: conventions and objectives

    /// `conventions.csv`: one row per convention and year; `objectives.csv`: one row per ML,
    /// year and ratio. The columns that describe a convention repeat on each of its rows and
    /// must agree.
    mutating func loadConventions(_ ml: IDIndex) throws -> [Convention]? {
        guard exists("conventions.csv") else {
            if exists("objectives.csv") {
                try sink.report(.init(.missingFile, file: "conventions.csv", expected: .init(fr: "conventions.csv (objectives.csv en dépend)", en: "conventions.csv (objectives.csv depends on it)"),
                                      found: DatasetDiagnostic.noFile))
            }
            return nil
        }
        let columns = ["ml_id", "convention", "first_year", "last_year", "integrates_parrainage", "integrates_fipj", "year", "socle_eur", "parrainage_eur", "fipj_eur"]
        guard case (let csv, let c)? = try open("conventions.csv", required: false, columns: columns) else { return [] }
        let amendment = csv.index(of: "amendment"), signed = csv.index(of: "signed_on"), sep = csv.separator
        // Conventions by number, and by ML in file order (a scan of every convention per row was
        // quadratic: 20 ms for the national preset's objectives).
        var conventions: [Convention] = [], index: [String: Int] = [:], byML: [String: [Int]] = [:]
        try csv.forEachRow(sink: &sink) { row, sink in
            guard let id = try row.identifier(c[0], &sink) else { return }
            guard ml.find(id) != nil else {
                try sink.report(row.diagnostic(.unknownReference, c[0], expected: .init(fr: "un ml_id de missions.csv", en: "an ml_id of missions.csv")))
                return
            }
            guard try row.required(c[1], &sink), let first = try row.year(c[2], &sink), let last = try row.year(c[3], &sink),
                  try row.required(c[4], &sink), try row.required(c[5], &sink),   // no default for what the ±10% base includes
                  let parrainage = try row.bool(c[4], &sink), let fipj = try row.bool(c[5], &sink), let year = try row.year(c[6], &sink),
                  let socle = try row.money(c[7], separator: sep, &sink), let parrainageAmount = try row.money(c[8], separator: sep, &sink),
                  let fipjAmount = try row.money(c[9], separator: sep, &sink) else { return }
            let number = row.string(c[1]), mlID = row.string(c[0])
            guard first <= last else {
                try sink.report(row.diagnostic(.inconsistentConvention, c[3], expected: .init(fr: "une année au moins égale à first_year (\(first))", en: "a year not before first_year (\(first))")))
                return
            }
            guard (first...last).contains(year) else {
                try sink.report(row.diagnostic(.inconsistentConvention, c[6], expected: .init(fr: "une année de la convention (\(first)-\(last))", en: "a year of the convention (\(first)-\(last))")))
                return
            }
            var amendmentValue: Amendment?
            if let amendment, !row.isEmpty(amendment) {
                guard let n = try row.positiveInteger(amendment, &sink) else { return }
                var day: Day?
                if let signed, !row.isEmpty(signed) { guard let d = try row.date(signed, &sink) else { return }; day = d }
                amendmentValue = Amendment(number: n, year: year, signedOn: day)
            }
            let subsidy = StateSubsidy(socle: socle, parrainage: parrainageAmount, fipj: fipjAmount)
            if let i = index[number] {
                let cpo = conventions[i]
                guard cpo.mlID == mlID, cpo.period == first...last, cpo.integratesParrainage == parrainage, cpo.integratesFIPJ == fipj else {
                    try sink.report(row.diagnostic(.inconsistentConvention, c[1], expected: .init(
                        fr: "les mêmes ml_id, first_year, last_year et integrates_* que la première ligne de la convention \(number)",
                        en: "the same ml_id, first_year, last_year and integrates_* as the first row of convention \(number)")))
                    return
                }
                guard cpo.subsidies[year] == nil else {
                    try sink.report(row.diagnostic(.duplicateID, c[6], expected: .init(fr: "une seule ligne par convention et année", en: "one row per convention and year"),
                                                   found: "\(number), \(year)"))
                    return
                }
                conventions[i].subsidies[year] = subsidy
                if let amendmentValue { conventions[i].amendments.append(amendmentValue) }
            } else {
                if let other = byML[mlID, default: []].lazy.map({ conventions[$0] })
                    .first(where: { $0.period.overlaps(first...last) }) {
                    try sink.report(row.diagnostic(.inconsistentConvention, c[1], expected: .init(
                        fr: "une convention dont les années ne chevauchent pas celles de \(other.number)", en: "a convention whose years do not overlap those of \(other.number)")))
                    return
                }
                index[number] = conventions.count
                byML[mlID, default: []].append(conventions.count)
                conventions.append(Convention(number: number, mlID: mlID, period: first...last, subsidies: [year: subsidy],
                                              amendments: amendmentValue.map { [$0] } ?? [], integratesParrainage: parrainage, integratesFIPJ: fipj))
            }
        }
        guard exists("objectives.csv") else { return conventions }
        guard case (let objectives, let o)? = try open("objectives.csv", required: false, columns: ["ml_id", "year", "indicator", "target", "direction"]) else { return conventions }
        let osep = objectives.separator
        let ratios = Set(Catalogue.computed.filter(\.isQuotient).map(\.id))
        var seen = Set<String>()
        try objectives.forEachRow(sink: &sink) { row, sink in
            guard let id = try row.identifier(o[0], &sink) else { return }
            guard ml.find(id) != nil else {
                try sink.report(row.diagnostic(.unknownReference, o[0], expected: .init(fr: "un ml_id de missions.csv", en: "an ml_id of missions.csv")))
                return
            }
            guard let year = try row.year(o[1], &sink), try row.required(o[2], &sink) else { return }
            let mlID = row.string(o[0]), indicator = row.string(o[2])
            guard ratios.contains(indicator) else {
                try sink.report(row.diagnostic(.unknownCode, o[2], expected: .init(fr: "un ratio du catalogue (R1 … R13, RG, 10.1.d, 10.1.e)", en: "a catalogue ratio (R1 … R13, RG, 10.1.d, 10.1.e)")))
                return
            }
            guard let target = try row.decimal(o[3], separator: osep, .target, &sink), let direction = try row.code(o[4], ObjectiveDirection.self, &sink) else { return }
            guard let i = byML[mlID, default: []].first(where: { conventions[$0].period.contains(year) }) else {
                try sink.report(row.diagnostic(.inconsistentConvention, o[1], expected: .init(fr: "une année couverte par une convention de \(mlID) (conventions.csv)",
                                                                                                en: "a year covered by a convention of \(mlID) (conventions.csv)")))
                return
            }
            guard seen.insert("\(mlID)|\(year)|\(indicator)").inserted else {
                try sink.report(row.diagnostic(.duplicateID, o[2], expected: .init(fr: "un seul objectif par ml_id, année et ratio", en: "one objective per ml_id, year and ratio")))
                return
            }
            conventions[i].objectives.append(Objective(indicatorID: indicator, year: year, target: target, direction: direction))
        }
        return conventions
    }

    // MARK: aggregate

    mutating func loadAggregate(_ ml: IDIndex, missions: [MissionLocale]) throws -> AggregateStore? {
        guard case (let csv, let c)? = try open("indicators.csv", required: true, columns: ["ml_id", "year", "indicator", "breakdown", "value"]) else { return nil }
        let sep = csv.separator
        var rows: [AggregateRow] = [], values: [AggregateKey: Double] = [:]
        let allowed = Catalogue.computed.filter { [.count, .sum, .mean].contains($0.kind) }
        var breakdownsOf = Dictionary(uniqueKeysWithValues: allowed.map { ($0.id, $0.breakdowns) })
        breakdownsOf["5.n"] = Catalogue.indicator("5")!.breakdowns
        breakdownsOf["7.n"] = Catalogue.indicator("7")!.breakdowns
        var seen = Set<Int64>()
        try csv.forEachRow(sink: &sink) { row, sink in
            guard let (m, year) = try Self.mlYear(row, c, ml, &seen, unique: false, &sink) else { return }
            guard try row.required(c[2], &sink) else { return }
            let indicator = row.string(c[2])
            guard let allowedBreakdowns = breakdownsOf[indicator] else {
                let isRatio = Catalogue.indicator(indicator).map { !$0.isComputed || $0.isQuotient } ?? false
                try sink.report(row.diagnostic(.unknownCode, c[2], expected: isRatio
                    ? .init(fr: "une ligne de comptage, de somme ou de moyenne (les ratios sont toujours calculés)", en: "a count, sum or mean line (ratios are always computed)")
                    : .init(fr: "un identifiant du catalogue (comptage, somme ou moyenne, ou 5.n / 7.n)", en: "a catalogue identifier (count, sum or mean, or 5.n / 7.n)")))
                return
            }
            // A programme row (`garantie_jeunes`): a cell of the programme tables.
            if let programme = Program(rawValue: row.string(c[3])), programme.scope == .national {
                guard Catalogue.indicator(indicator)?.hasProgrammeBreakdown == true else {
                    try sink.report(row.diagnostic(.detailNotAllowed, c[3], expected: .init(
                        fr: "une déclinaison de la ligne \(indicator) parmi \(allowedBreakdowns.map(\.rawValue).joined(separator: ", ")) (elle ne lit pas les parcours nationaux : pas de programme)",
                        en: "a breakdown of line \(indicator) among \(allowedBreakdowns.map(\.rawValue).joined(separator: ", ")) (it does not read national pathways: no programme)")))
                    return
                }
                guard let value = try row.decimal(c[4], separator: sep, .aggregate, &sink) else { return }
                let key = AggregateKey(ml: m, year: Int32(year), indicator: indicator, breakdown: .all, programme: programme)
                if values[key] != nil {
                    try sink.report(row.diagnostic(.duplicateID, c[2], expected: .init(fr: "une seule valeur par ml_id, année, indicateur et déclinaison", en: "one value per ml_id, year, indicator and breakdown")))
                    return
                }
                values[key] = value
                rows.append(AggregateRow(mlID: missions[Int(m)].id, year: year, indicator: indicator, breakdown: .all, programme: programme, value: value))
                return
            }
            guard let breakdown = try row.code(c[3], Breakdown.self, &sink) else { return }
            guard allowedBreakdowns.contains(breakdown) else {
                try sink.report(row.diagnostic(.detailNotAllowed, c[3], expected: .init(fr: "une déclinaison de la ligne \(indicator) parmi \(allowedBreakdowns.map(\.rawValue).joined(separator: ", "))",
                                                                                        en: "a breakdown of line \(indicator) among \(allowedBreakdowns.map(\.rawValue).joined(separator: ", "))")))
                return
            }
            guard let value = try row.decimal(c[4], separator: sep, .aggregate, &sink) else { return }
            let key = AggregateKey(ml: m, year: Int32(year), indicator: indicator, breakdown: breakdown)
            if values[key] != nil {
                try sink.report(row.diagnostic(.duplicateID, c[2], expected: .init(fr: "une seule valeur par ml_id, année, indicateur et déclinaison", en: "one value per ml_id, year, indicator and breakdown")))
                return
            }
            values[key] = value
            rows.append(AggregateRow(mlID: missions[Int(m)].id, year: year, indicator: indicator, breakdown: breakdown, value: value))
        }
        return AggregateStore(rows: rows, values: values)
    }
}
