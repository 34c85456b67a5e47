/// The CPO dashboard of a dataset: every computed line, for every ML, region and the
/// nation, every year and every breakdown the line allows.
///
/// ```swift
/// let dataset = try Dataset.load(from: "Playground/data/demo")
/// let dashboard = Dashboard(dataset)
/// let r10 = dashboard.value("R10", for: .region("84"), year: 2016)   // Result<Double, Unavailability>
/// let csv = dashboard.exportCSV(year: 2016)
/// ```
///
/// Computing a dashboard reads the microdata once (on every core); every value is then a
/// look-up or one division. Regional and national values are recomputed from the summed
/// components of their MLs, never averaged.
public struct Dashboard: Sendable {
    /// The years of the dataset, ascending.
    public let years: [Int]
    /// Names of the MLs and regions, for display.
    public let missions: [MissionLocale]
    /// The regions with at least one ML.
    public let regions: [Region]
    let table: ComponentTable
    private let sources: Sources
    /// Position of each ML in `missions`, and region names by code (constant-time look-ups for queries).
    private let missionIndex: [String: Int]
    private let regionNames: [String: String]
    /// NEET 16-25 of the territory of each ML and year, where context.csv gives it (not a dashboard line).
    let neet: [String: Double]

    /// What the dataset holds, for the reasons of absent cells.
    struct Sources: Sendable {
        var kind: DatasetKind
        var hasContext: Bool, hasResources: Bool, hasFunding: Bool
    }

    /// Computes the dashboard of a dataset.
    public init(_ dataset: Dataset) {
        let t = Trace.now()
        defer { Trace.log("dashboard", t) }
        self.init(dataset, table: ComponentTable(dataset: dataset))
    }

    /// The dashboard of a dataset on components computed from it (the dashboard's, or a programme table's).
    init(_ dataset: Dataset, table: ComponentTable) {
        self.table = table
        years = dataset.years
        missions = dataset.missions
        regions = dataset.regions.filter { r in dataset.missions.contains { $0.regionCode == r.code } }
        missionIndex = Dictionary(dataset.missions.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a })
        regionNames = Dictionary(dataset.regions.map { ($0.code, $0.name) }, uniquingKeysWith: { a, _ in a })
        neet = Dictionary((dataset.contexts ?? []).compactMap { c in c.neet.map { ("\(c.mlID)|\(c.year)", $0) } }, uniquingKeysWith: { a, _ in a })
        sources = Sources(kind: dataset.kind, hasContext: dataset.contexts != nil, hasResources: dataset.resources != nil,
                          hasFunding: dataset.funding != nil)
    }

    /// The same dashboard on other components (a scenario).
    init(_ base: Dashboard, table: ComponentTable) {
        self.table = table
        years = base.years; missions = base.missions; regions = base.regions
        sources = base.sources; missionIndex = base.missionIndex; regionNames = base.regionNames; neet = base.neet
    }

    /// Every territory: MLs, then regions, then the nation, each level in Unicode code point order of the ids.
    public var territories: [Territory] {
        table.territories.sorted { a, b in a.level != b.level ? a.level < b.level : a.id.utf8.lexicographicallyPrecedes(b.id.utf8) }
    }

    /// The territories of one level, in code point order.
    public func territories(_ level: Level) -> [Territory] { territories.filter { $0.level == level } }

    /// The MLs of a territory (itself for an ML), in code point order.
    public func missions(in territory: Territory) -> [Territory] {
        guard let t = table.territoryIndex[territory] else { return [] }
        return table.members[t].map { Territory.ml(missions[$0].id) }.sorted { $0.id.utf8.lexicographicallyPrecedes($1.id.utf8) }
    }

    /// The region of an ML.
    public func region(of ml: String) -> Territory? {
        missionIndex[ml].map { .region(missions[$0].regionCode) }
    }

    /// A display name: the ML's or region's name, `France` for the nation.
    public func name(of territory: Territory) -> String {
        switch territory.level {
        case .ml: return missionIndex[territory.id].map { missions[$0].name } ?? territory.id
        case .region: return regionNames[territory.id] ?? territory.id
        case .national: return "France"
        }
    }

    // MARK: values

    /// The value of one line for a territory, year and breakdown, or why it is absent.
    public func value(_ id: String, for territory: Territory, year: Int, breakdown: Breakdown = .all) -> Result<Double, Unavailability> {
        guard let indicator = Catalogue.indicator(id) else { return .failure(.unknownIndicator(id)) }
        guard indicator.isComputed else { return .failure(.notDefined(id)) }
        guard let t = table.territoryIndex[territory] else { return .failure(.unknownTerritory(territory)) }
        guard let yi = years.firstIndex(of: year) else { return .failure(.unknownYear(year)) }
        guard indicator.breakdowns.contains(breakdown) else { return .failure(.breakdownNotApplicable(id, breakdown)) }
        return value(indicator, territory, t: t, yi: yi, b: breakdown.order)
    }

    /// The value once the line, territory, year and breakdown are known to exist (the export
    /// walks every cell without looking them up again).
    func value(_ indicator: Indicator, _ territory: Territory, t: Int, yi: Int, b: Int) -> Result<Double, Unavailability> {
        let id = indicator.id, year = years[yi]
        switch indicator.kind {
        case .count, .sum:
            return component(id, t, yi, b)
        case .mean:
            let (sumSlot, nSlot, directSlot) = id == "5" ? (Slots.mean5Sum, Slots.mean5N, Slots.mean5Direct)
                                                          : (Slots.mean7Sum, Slots.mean7N, Slots.mean7Direct)
            let n = table[t, yi, b, nSlot]
            if !n.isNaN {
                return n == 0 ? .failure(.noRecords(id)) : .success(table[t, yi, b, sumSlot] / n)
            }
            let direct = table[t, yi, b, directSlot]
            if !direct.isNaN { return .success(direct) }
            if territory.level != .ml, table.members[t].allSatisfy({ !table[$0, yi, b, directSlot].isNaN }) {
                return .failure(.meanWithoutCount(id))
            }
            return .failure(.missingValue(indicator: id, mlIDs: missingMLs(directSlot, t, yi, b)))
        case .ratio, .amountPerPerson:
            let numerator: Result<Double, Unavailability>, denominator: Result<Double, Unavailability>
            let lag = indicator.denominatorLag
            guard lag == 0 || (yi >= lag && years[yi - lag] == year - lag) else { return .failure(.noPreviousYear(year)) }
            numerator = component(indicator.components[0], t, yi, b)
            denominator = component(indicator.components[1], t, yi - lag, b)
            switch (numerator, denominator) {
            case (.failure(let e), _), (_, .failure(let e)): return .failure(e)
            case (.success(let n), .success(let d)):
                return d == 0 ? .failure(.zeroDenominator(indicator.components[1])) : .success(n / d)
            }
        case .placeholder:
            return .failure(.notDefined(id))
        }
    }

    /// The value or `nil`.
    public func number(_ id: String, for territory: Territory, year: Int, breakdown: Breakdown = .all) -> Double? {
        try? value(id, for: territory, year: year, breakdown: breakdown).get()
    }

    private func component(_ id: String, _ t: Int, _ yi: Int, _ b: Int) -> Result<Double, Unavailability> {
        let slot = Slots.index[id]!
        let v = table[t, yi, b, slot]
        if !v.isNaN { return .success(v) }
        let file: String? = id.hasPrefix("0.") ? "context.csv" : id.hasPrefix("9") ? "resources.csv" : id.hasPrefix("10") ? "funding.csv" : nil
        if let file {
            let present = file == "context.csv" ? sources.hasContext : file == "resources.csv" ? sources.hasResources : sources.hasFunding
            if present { return .failure(.missingRows(file: file, mlIDs: missingMLs(slot, t, yi, b))) }
            if sources.kind == .microdata { return .failure(.missingFile(file)) }
        }
        return .failure(.missingValue(indicator: id, mlIDs: missingMLs(slot, t, yi, b)))
    }

    private func missingMLs(_ slot: Int, _ t: Int, _ yi: Int, _ b: Int) -> [String] {
        table.members[t].filter { table[$0, yi, b, slot].isNaN }.map { missions[$0].id }.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
    }

    // MARK: comparison, evolution and distribution

    /// A line for an ML beside its region and the nation, with N−1 where it exists.
    public struct Comparison: Sendable {
        /// The Mission locale.
        public var ml: Result<Double, Unavailability>
        /// The value for the region.
        public var region: Result<Double, Unavailability>
        /// The value for the nation.
        public var nation: Result<Double, Unavailability>
        /// The same three in year N−1 (failures with `.unknownYear` when N−1 is not in the dataset).
        public var previous: (ml: Result<Double, Unavailability>, region: Result<Double, Unavailability>, nation: Result<Double, Unavailability>)
    }

    /// An ML side by side with its region and the nation.
    ///
    /// ```swift
    /// let c = dashboard.comparison("R10", ml: "ML069-LYON", year: 2016)
    /// print(try c.ml.get(), try c.region.get(), try c.nation.get())
    /// ```
    public func comparison(_ id: String, ml: String, year: Int, breakdown: Breakdown = .all) -> Comparison {
        let region = self.region(of: ml) ?? .region("?")
        func three(_ y: Int) -> (Result<Double, Unavailability>, Result<Double, Unavailability>, Result<Double, Unavailability>) {
            (value(id, for: .ml(ml), year: y, breakdown: breakdown), value(id, for: region, year: y, breakdown: breakdown),
             value(id, for: .nation, year: y, breakdown: breakdown))
        }
        let now = three(year), before = three(year - 1)
        return Comparison(ml: now.0, region: now.1, nation: now.2, previous: (before.0, before.1, before.2))
    }

    /// A line in year N against N−1.
    public struct Evolution: Hashable, Sendable {
        /// The value of the year.
        public var current: Double
        /// The value of the year before.
        public var previous: Double
        /// current − previous.
        public var change: Double { current - previous }
        /// (current − previous) / previous, `nil` when previous is 0.
        public var relativeChange: Double? { previous == 0 ? nil : (current - previous) / previous }
    }

    /// N against N−1, when both exist.
    public func evolution(_ id: String, for territory: Territory, year: Int, breakdown: Breakdown = .all) -> Evolution? {
        guard let c = number(id, for: territory, year: year, breakdown: breakdown),
              let p = number(id, for: territory, year: year - 1, breakdown: breakdown) else { return nil }
        return Evolution(current: c, previous: p)
    }

    /// One ML's place in the distribution of a line.
    public struct Ranked: Hashable, Sendable {
        /// The Mission locale.
        public var ml: Territory
        /// The value.
        public var value: Double
        /// 1 = best in the line's direction (``Standing``).
        public var rank: Int
        /// 1 (best quarter) to 4 (worst quarter) (``Standing``).
        public var quartile: Int
    }

    /// The distribution of a line across the MLs of a territory, best first in the line's
    /// direction (highest first for a line without one; ties by ml_id); MLs where the line is
    /// absent are left out. Ranks and quartiles are ``Standing``'s: ties share the best rank.
    public func distribution(_ id: String, within territory: Territory = .nation, year: Int, breakdown: Breakdown = .all) -> [Ranked] {
        let direction = Catalogue.indicator(id)?.direction ?? .none
        let values = missions(in: territory).compactMap { ml in number(id, for: ml, year: year, breakdown: breakdown).map { (ml, $0) } }
        let sorted = values.sorted {
            $0.1 != $1.1 ? direction.isBetter($0.1, than: $1.1) : $0.0.id.utf8.lexicographicallyPrecedes($1.0.id.utf8)
        }
        var result: [Ranked] = []
        result.reserveCapacity(sorted.count)
        for (i, (ml, v)) in sorted.enumerated() {
            let rank = (i > 0 && sorted[i - 1].1 == v) ? result[i - 1].rank : i + 1
            let standing = Standing(rank: rank, of: sorted.count)
            result.append(Ranked(ml: ml, value: v, rank: standing.rank, quartile: standing.quartile))
        }
        return result
    }

    /// Quantiles (linear interpolation, as spreadsheets' QUARTILE.INC) of a line across the MLs of a territory.
    public func quantiles(_ id: String, within territory: Territory = .nation, year: Int, breakdown: Breakdown = .all)
        -> (min: Double, q1: Double, median: Double, q3: Double, max: Double)? {
        let v = distribution(id, within: territory, year: year, breakdown: breakdown).map(\.value).sorted()
        guard let first = v.first, let last = v.last else { return nil }
        func q(_ p: Double) -> Double { Statistics.quantile(v, p) ?? first }
        return (first, q(0.25), q(0.5), q(0.75), last)
    }

    // MARK: cells and export

    /// One computed cell.
    public struct Cell: Hashable, Sendable {
        /// The territory.
        public var territory: Territory
        /// The year.
        public var year: Int
        /// The catalogue line.
        public var indicator: String
        /// The population breakdown.
        public var breakdown: Breakdown
        /// The value.
        public var value: Double
    }

    /// Every computed cell in export order (level, territory, year, catalogue order, breakdown).
    public func cells(year: Int? = nil) -> [Cell] {
        var out: [Cell] = []
        forEachCell(year: year) { out.append($0) }
        return out
    }

    /// Calls `body` for every computed cell in export order, without keeping them.
    public func forEachCell<E: Error>(year: Int? = nil, _ body: (Cell) throws(E) -> Void) throws(E) {
        let selected = year.map { [$0] } ?? years, lines = Catalogue.computed
        for t in territories {
            guard let ti = table.territoryIndex[t] else { continue }
            for y in selected {
                guard let yi = years.firstIndex(of: y) else { continue }
                for indicator in lines {
                    for b in indicator.breakdowns {
                        if case .success(let v) = value(indicator, t, t: ti, yi: yi, b: b.order) {
                            try body(Cell(territory: t, year: y, indicator: indicator.id, breakdown: b, value: v))
                        }
                    }
                }
            }
        }
    }

    /// The export of `dataset-format.md`: header `level,territory,year,indicator,breakdown,value`,
    /// one row per computed cell, absent cells omitted.
    public func exportCSV(year: Int? = nil) -> String {
        var out = ""
        exportCSV(year: year) { out += $0 }
        return out
    }

    /// The export, streamed: `write` receives it in pieces of about 64 KB, so that a national
    /// export never sits whole in memory.
    public func exportCSV<E: Error>(year: Int? = nil, dialect: CSVDialect = .standard,
                                    into write: (String) throws(E) -> Void) throws(E) {
        let breakdowns = Breakdown.allCases     // (`allCases` makes a new array at each call)
        try ExportRows.write(self, year: year, lines: Catalogue.computed, keys: breakdowns.map(\.rawValue),
                             dialect: dialect, into: write) {
            line, plan, t, ti, yi, k in
            let b = breakdowns[k]
            return line.breakdowns.contains(b) ? exportValue(line, plan, t, ti, yi, b.order) : nil
        }
    }

    /// A cell's value for an export, or nil when absent (its reason is not needed there): a
    /// count or a sum is read straight from its slot, a quotient of two from theirs.
    func exportValue(_ line: Indicator, _ plan: ExportPlan, _ t: Territory, _ ti: Int, _ yi: Int, _ b: Int) -> Double? {
        if case .computed = plan { return try? value(line, t, t: ti, yi: yi, b: b).get() }
        return plan.read(table.values, cell: table.offset(ti, yi, b, 0))
    }
}

/// How the export reads a line's cells: from a slot, as the quotient of two slots of the same
/// year, or through ``Dashboard/value(_:for:year:breakdown:)`` (means, R2 across years).
enum ExportPlan {
    case slot(Int), quotient(Int, Int), computed

    /// The value of a `.slot` or `.quotient` plan in the cell whose first slot is at `cell` in
    /// `values`, or nil when absent (`.computed` is the dashboard's: nil here).
    @inline(__always) func read(_ values: borrowing [Double], cell: Int) -> Double? {
        switch self {
        case .slot(let slot):
            let v = values[cell + slot]
            return v.isNaN ? nil : v
        case .quotient(let numerator, let denominator):
            // As `value` does: absent when either is, or when the denominator is 0.
            let n = values[cell + numerator], d = values[cell + denominator]
            return n.isNaN || d.isNaN || d == 0 ? nil : n / d
        case .computed:
            return nil
        }
    }

    init(_ line: Indicator) {
        if [.count, .sum].contains(line.kind), let slot = Slots.index[line.id] {
            self = .slot(slot)
        } else if [.ratio, .amountPerPerson].contains(line.kind), line.denominatorLag == 0, line.components.count == 2,
                  let n = Slots.index[line.components[0]], let d = Slots.index[line.components[1]] {
            self = .quotient(n, d)
        } else {
            self = .computed
        }
    }
}

/// The rows of the export format in a dialect, written as bytes: each piece of a row is encoded
/// once (a territory's prefix, a year, a line, a key) and counts digit by digit, in pieces of 64 KB.
enum ExportRows {
    /// Every territory × year × line × key (breakdown or programme) that `value` gives, in export order.
    static func write<E: Error>(_ d: Dashboard, year: Int?, lines: [Indicator], keys: [String], dialect: CSVDialect,
                                into write: (String) throws(E) -> Void,
                                value: (Indicator, ExportPlan, Territory, Int, Int, Int) -> Double?) throws(E) {
        let separator = String(dialect.separator)
        var out: [UInt8] = Array(((dialect.byteOrderMark ? "\u{FEFF}" : "") + dialect.row(ProgrammeTables.header)).utf8)
        out.reserveCapacity(1 << 17)
        func flush() throws(E) { try write(String(decoding: out, as: UTF8.self)); out.removeAll(keepingCapacity: true) }
        func piece(_ s: String) -> [UInt8] { Array((dialect.field(s) + separator).utf8) }
        // A cell's row is three pieces: territory and year, line and key, value and line end.
        let keyBytes = keys.map(piece), lineEnd = Array(dialect.lineEnd.utf8)
        let lineKeyBytes = lines.flatMap { line in keyBytes.map { piece(line.id) + $0 } }
        let plans = lines.map(ExportPlan.init)
        for t in d.territories {
            guard let ti = d.table.territoryIndex[t] else { continue }
            let territoryBytes = piece(t.level.rawValue) + piece(t.id)
            for y in year.map({ [$0] }) ?? d.years {
                guard let yi = d.years.firstIndex(of: y) else { continue }
                let prefix = territoryBytes + piece(String(y))
                for (l, line) in lines.enumerated() {
                    for k in keys.indices {
                        guard let v = value(line, plans[l], t, ti, yi, k) else { continue }
                        out += prefix; out += lineKeyBytes[l * keys.count + k]
                        if line.kind == .count { NumberText.appendInteger(v, to: &out) } else {
                            NumberText.appendDecimal(v, decimalMark: dialect.decimalComma ? 44 : 46, to: &out)
                        }
                        out += lineEnd
                    }
                }
                if out.count >= 1 << 16 { try flush() }
            }
        }
        if !out.isEmpty { try flush() }
    }
}

/// How a CSV file is written: the export format's own (`,`, `.`, LF) or the one a French
/// spreadsheet opens right (`;`, decimal comma, UTF-8 with a byte order mark, CRLF).
public struct CSVDialect: Hashable, Sendable {
    /// The field separator.
    public var separator: Character
    /// Whether numbers take a decimal comma.
    public var decimalComma: Bool
    /// Whether the file starts with U+FEFF (how Excel recognises UTF-8).
    public var byteOrderMark: Bool
    /// The end of a line.
    public var lineEnd: String

    /// The export format of `dataset-format.md`: `,`, `.`, LF, no byte order mark.
    public static let standard = CSVDialect(separator: ",", decimalComma: false, byteOrderMark: false, lineEnd: "\n")
    /// What a French Excel or LibreOffice opens in columns: `;`, `,` decimal, BOM, CRLF.
    public static let french = CSVDialect(separator: ";", decimalComma: true, byteOrderMark: true, lineEnd: "\r\n")

    /// A field, quoted when it holds the separator, a quote or a line break.
    public func field(_ s: String) -> String {
        if s.contains(where: { $0 == separator || $0 == "\"" || $0 == "\n" || $0 == "\r" }) {
            return "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        }
        return s
    }

    /// A row of fields, with its line end.
    public func row(_ fields: [String]) -> String { fields.map(field).joined(separator: String(separator)) + lineEnd }

    /// A number written by ``NumberText``, with this dialect's decimal mark.
    public func number(_ text: String) -> String { decimalComma ? text.replacingOccurrences(of: ".", with: ",") : text }
}

/// Number formatting of the export format. Never traps: a value that is not finite (which the
/// loader refuses) prints as `nan`, `inf` or `-inf`.
public enum NumberText {
    /// A count, as an integer.
    public static func integer(_ v: Double) -> String {
        guard v.isFinite else { return nonFinite(v) }
        let r = v.rounded()
        return abs(r) < 9.2e18 ? String(Int64(r)) : formatFixed(r, 0)
    }

    /// ``integer(_:)``'s text appended as bytes (the export's fast path for counts).
    static func appendInteger(_ v: Double, to out: inout [UInt8]) {
        let r = v.rounded()
        guard v.isFinite, abs(r) < 1e15 else { out += integer(v).utf8; return }
        var n = Int64(r)
        if n < 0 { out.append(45); n = -n }
        if n == 0 { out.append(48); return }
        var digits: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8)
            = (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        var count = 0
        withUnsafeMutableBytes(of: &digits) { d in
            while n > 0 { d[count] = UInt8(48 + n % 10); n /= 10; count += 1 }
            for k in stride(from: count - 1, through: 0, by: -1) { out.append(d[k]) }
        }
    }

    /// ``decimal(_:significantDigits:)``'s text appended as bytes, with `decimalMark` for its
    /// point (the export's fast path). The usual case — up to 12 significant digits fitting in
    /// 40 bits once scaled — rounds the exact product `v × 10^d` (an FMA gives its error) to
    /// nearest, ties to even, as `printf` does; anything else goes through ``decimal(_:significantDigits:)``.
    static func appendDecimal(_ v: Double, decimalMark: UInt8, to out: inout [UInt8]) {
        let a = abs(v)
        if v.isFinite, v == v.rounded(), a < 1e15 { appendInteger(v, to: &out); return }
        let decimals = v.isFinite ? 12 - (Int(a.log10Floor) + 1) : 0
        let scale = decimals > 0 && decimals <= 22 ? exactPowersOfTen[decimals] : 0
        let hi = a * scale, lo = (-hi).addingProduct(a, scale)
        guard hi > 0, hi < 0x1p40 else { out += decimal(v).utf8.map { $0 == 46 ? decimalMark : $0 }; return }
        var n = hi.rounded(.toNearestOrEven)
        if abs(hi - n) == 0.5, lo != 0 { n = lo > 0 ? hi + 0.5 : hi - 0.5 }
        var digits = UInt64(n)
        if digits == 0 { out.append(48); return }
        // Trailing zeros of the fraction are not written; the point neither when none is left.
        var shown = decimals
        while shown > 0, digits % 10 == 0 { digits /= 10; shown -= 1 }
        if v < 0 { out.append(45) }
        var buffer: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)
        withUnsafeMutableBytes(of: &buffer) { b in
            var count = 0
            while digits > 0 || count <= shown {
                if count == shown, shown > 0 { b[count] = decimalMark; count += 1 }
                b[count] = UInt8(48 + digits % 10); digits /= 10; count += 1
            }
            for k in stride(from: count - 1, through: 0, by: -1) { out.append(b[k]) }
        }
    }

    private static let exactPowersOfTen: [Double] = (0...22).map { Foundation.pow(10, Double($0)) }

    /// A decimal in plain notation (no exponent, `.` point), 12 significant digits, trailing zeros trimmed.
    public static func decimal(_ v: Double, significantDigits: Int = 12) -> String {
        guard v.isFinite else { return nonFinite(v) }
        if v == 0 { return "0" }
        if v == v.rounded(), abs(v) < 1e15 { return String(Int64(v)) }
        let magnitude = Int((abs(v)).log10Floor) + 1
        let decimals = max(0, significantDigits - magnitude)
        var s = formatFixed(v, decimals)
        if s.contains(".") {
            while s.hasSuffix("0") { s.removeLast() }
            if s.hasSuffix(".") { s.removeLast() }
        }
        return s == "-0" ? "0" : s
    }

    private static func nonFinite(_ v: Double) -> String { v.isNaN ? "nan" : (v < 0 ? "-inf" : "inf") }

    /// `%.*f` through a buffer as long as the result (a double has up to 309 integer digits).
    static func formatFixed(_ v: Double, _ decimals: Int) -> String {
        let size = 330 + decimals
        var buffer = [CChar](repeating: 0, count: size)
        let count = buffer.withUnsafeMutableBufferPointer { p in
            withVaList([decimals, v]) { vsnprintf(p.baseAddress, size, "%.*f", $0) }
        }
        return String(decoding: buffer.prefix(max(0, min(Int(count), size - 1))).map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}

extension Double {
    var log10Floor: Double { (Foundation.log10(self)).rounded(.down) }
}

/// RFC 4180 quoting.
public enum CSVText {
    /// The field, quoted when it holds a comma, a quote or a line break.
    public static func field(_ s: String) -> String {
        if s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) {
            return "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        }
        return s
    }
}

import Foundation
