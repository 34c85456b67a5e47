// Typed field parsers over a CSV row: each reports a located diagnostic and returns nil
// on bad input, so that the loader can go on and report the next problem.

private let expectedDate = LocalizedText(fr: "une date AAAA-MM-JJ qui existe", en: "an existing date YYYY-MM-DD")

extension CSVRow {
    func required(_ i: Int, _ sink: inout DiagnosticSink) throws -> Bool {
        if isEmpty(i) {
            try sink.report(diagnostic(.missingValue, i, expected: .init(fr: "une valeur", en: "a value")))
            return false
        }
        return true
    }

    /// A non-empty identifier with no whitespace at either end.
    func identifier(_ i: Int, _ sink: inout DiagnosticSink) throws -> UnsafeBufferPointer<UInt8>? {
        guard try required(i, &sink) else { return nil }
        let b = bytes(i)
        if isSpace(b[0]) || isSpace(b[b.count - 1]) {
            try sink.report(diagnostic(.invalidIdentifier, i,
                                       expected: .init(fr: "un identifiant sans espace au début ni à la fin",
                                                       en: "an identifier with no whitespace at either end")))
            return nil
        }
        return b
    }

    func code<T: DatasetCode>(_ i: Int, _ type: T.Type, _ sink: inout DiagnosticSink) throws -> T? {
        guard try required(i, &sink) else { return nil }
        return try optionalCode(i, type, &sink) ?? nil
    }

    /// `.some(nil)` for an empty field, `nil` after an error.
    func optionalCode<T: DatasetCode>(_ i: Int, _ type: T.Type, _ sink: inout DiagnosticSink) throws -> T?? {
        if isEmpty(i) { return .some(nil) }
        if let c = CodeTable<T>.shared.match(bytes(i)) { return .some(c) }
        let codes = T.allCodes.joined(separator: ", ")
        let expected = LocalizedText(fr: "un code parmi \(codes)", en: "a code of \(T.codeDescription) among \(codes)")
        try sink.report(diagnostic(.unknownCode, i, expected: expected))
        return nil
    }

    func date(_ i: Int, _ sink: inout DiagnosticSink) throws -> Day? {
        guard try required(i, &sink) else { return nil }
        return try optionalDate(i, &sink) ?? nil
    }

    func optionalDate(_ i: Int, _ sink: inout DiagnosticSink) throws -> Day?? {
        if isEmpty(i) { return .some(nil) }
        let b = bytes(i)
        if let d = quickDay(b) { return .some(d) }
        try sink.report(diagnostic(.invalidDate, i, expected: expectedDate))
        return nil
    }

    /// `1`/`0`, `true`/`false`, `oui`/`non` in any letter case; empty is 0.
    func bool(_ i: Int, _ sink: inout DiagnosticSink) throws -> Bool? {
        if isEmpty(i) { return false }
        let b = bytes(i)
        if b.count == 1 { if b[0] == 49 { return true }; if b[0] == 48 { return false } }
        switch string(i).lowercased() {
        case "true", "oui": return true
        case "false", "non": return false
        default:
            try sink.report(diagnostic(.invalidBoolean, i, expected: .init(fr: "1 ou 0 (ou true/false, oui/non)", en: "1 or 0 (or true/false, oui/non)")))
            return nil
        }
    }

    /// A plain decimal (`12.5`; `12,5` where the format allows a decimal comma) from 0 to `range`'s
    /// maximum: a negative value is `negative-amount`, a larger one (or one too long to be a
    /// number, read as infinite) `invalid-number`, both located.
    func decimal(_ i: Int, separator: UInt8, _ range: NumberRange, _ sink: inout DiagnosticSink) throws -> Double? {
        guard try required(i, &sink) else { return nil }
        let b = bytes(i)
        // A decimal comma is accepted quoted in a comma-separated file, bare in a semicolon-separated one.
        let commaAllowed = separator == 59 || isQuoted(i)
        var text = [UInt8](), digits = 0, points = 0, ok = true
        for (k, c) in b.enumerated() {
            if c >= 48 && c <= 57 { digits += 1; text.append(c) }
            else if c == 46 || (c == 44 && commaAllowed) { points += 1; text.append(46) }
            else if c == 45 && k == 0 { text.append(c) }
            else { ok = false; break }
        }
        if ok, digits > 0, points <= 1, let v = Double(String(decoding: text, as: UTF8.self)) {
            if v < 0 {
                try sink.report(diagnostic(.negativeAmount, i, expected: .init(fr: "une valeur positive ou nulle", en: "a value of 0 or more")))
                return nil
            }
            guard v.isFinite, v <= range.maximum else {
                try sink.report(diagnostic(.invalidNumber, i, expected: range.text))
                return nil
            }
            return v
        }
        try sink.report(diagnostic(.invalidNumber, i, expected: .init(fr: "un nombre décimal (12.5\(commaAllowed ? " ou 12,5" : ""))",
                                                                       en: "a decimal number (12.5\(commaAllowed ? " or 12,5" : ""))")))
        return nil
    }

    /// An amount in euros exact to the cent (`160000`, `77567.34`; at most two decimals, read
    /// from the text, never through a binary fraction).
    func money(_ i: Int, separator: UInt8, _ sink: inout DiagnosticSink) throws -> Money? {
        guard try required(i, &sink) else { return nil }
        let commaAllowed = separator == 59 || isQuoted(i)
        var cents: Int64 = 0, decimals: Int?, digits = 0, ok = true, negative = false
        for (k, c) in bytes(i).enumerated() {
            if c >= 48 && c <= 57, cents < Money.limit.cents / 1_000, (decimals ?? 0) < 2 {
                cents = cents * 10 + Int64(c - 48); digits += 1
                if let d = decimals { decimals = d + 1 }
            } else if (c == 46 || (c == 44 && commaAllowed)) && decimals == nil { decimals = 0 }
            else if c == 45 && k == 0 { negative = true }
            else { ok = false; break }
        }
        if ok, digits > 0 {
            if negative && cents > 0 {
                try sink.report(diagnostic(.negativeAmount, i, expected: .init(fr: "un montant positif ou nul", en: "a non-negative amount")))
                return nil
            }
            for _ in (decimals ?? 0)..<2 { cents *= 10 }
            guard Double(cents) / 100 <= NumberRange.amount.maximum else {
                try sink.report(diagnostic(.invalidNumber, i, expected: NumberRange.amount.text))
                return nil
            }
            return Money(cents: cents)
        }
        try sink.report(diagnostic(.invalidNumber, i, expected: .init(fr: "un montant en euros, au centime près (12.50\(commaAllowed ? " ou 12,50" : ""))",
                                                                       en: "an amount in euros, to the cent (12.50\(commaAllowed ? " or 12,50" : ""))")))
        return nil
    }

    /// A whole number from 1 to 9999 (an amendment number).
    func positiveInteger(_ i: Int, _ sink: inout DiagnosticSink) throws -> Int? {
        guard try required(i, &sink) else { return nil }
        var v = 0
        for c in bytes(i) { guard c >= 48, c <= 57, v < 100_000 else { v = -1; break }; v = v * 10 + Int(c) - 48 }
        if v >= 1, v <= 9999 { return v }
        try sink.report(diagnostic(.invalidNumber, i, expected: .init(fr: "un nombre entier de 1 à 9999", en: "a whole number from 1 to 9999")))
        return nil
    }

    func year(_ i: Int, _ sink: inout DiagnosticSink) throws -> Int? {
        guard try required(i, &sink) else { return nil }
        let b = bytes(i)
        var v = 0
        for c in b { guard c >= 48, c <= 57, v < 100_000 else { v = -1; break }; v = v * 10 + Int(c) - 48 }
        if Day.years.contains(v) { return v }
        try sink.report(diagnostic(.invalidNumber, i, expected: .init(fr: "une année (AAAA)", en: "a year (YYYY)")))
        return nil
    }
}

/// The range of each kind of numeric field of the format (`Docs/dataset-format.md` states them):
/// wide enough for any real Mission locale or network, narrow enough that every value is exact
/// in a `Double`, sums of a whole network stay finite and every export prints it in full.
public enum NumberRange: Sendable, CaseIterable {
    /// Euros: `amount_eur`, `socle_eur`, `parrainage_eur`, `fipj_eur` (0 to 1 000 000 000).
    case amount
    /// Full-time equivalents: `etp_total`, `etp_accompaniment` (0 to 100 000).
    case etp
    /// People in a territory: `jano_16_25`, `defm_16_25`, `neet_16_25` (0 to 100 000 000).
    case people
    /// An objective's target in its ratio's unit (0 to 1 000 000).
    case target
    /// A value of `indicators.csv` (0 to 1 000 000 000 000).
    case aggregate

    /// The largest value accepted (0 is the smallest).
    public var maximum: Double {
        switch self {
        case .amount: return 1e9
        case .etp: return 1e5
        case .people: return 1e8
        case .target: return 1e6
        case .aggregate: return 1e12
        }
    }

    /// "a number from 0 to …", for messages.
    public var text: LocalizedText {
        let fr = ["1 000 000 000 €", "100 000 ETP", "100 000 000", "1 000 000", "1 000 000 000 000"]
        let en = ["€1,000,000,000", "100,000 FTE", "100,000,000", "1,000,000", "1,000,000,000,000"]
        let k = Self.allCases.firstIndex(of: self)!
        return .init(fr: "un nombre de 0 à \(fr[k])", en: "a number from 0 to \(en[k])")
    }
}

@inline(__always) func isSpace(_ c: UInt8) -> Bool { c == 32 || c == 9 }

@inline(__always) func memcmpEqual(_ a: UnsafeBufferPointer<UInt8>, _ b: UnsafeBufferPointer<UInt8>) -> Bool {
    for k in 0..<a.count where a[k] != b[k] { return false }
    return true
}

/// The codes of a type as bytes, for matching fields without building strings.
struct CodeTable<T: DatasetCode>: Sendable {
    let entries: [([UInt8], T)]
    /// The same codes for the loader's fused loops (``FieldCursor/codeField(_:)``), valued by
    /// their index.
    let leading: LeadingCodes

    init() {
        entries = T.allCases.map { (Array($0.rawValue.utf8), $0) }
        leading = LeadingCodes(entries.enumerated().map { (0, $1.0, UInt8($0)) })
    }

    @inline(__always) func match(_ b: UnsafeBufferPointer<UInt8>) -> T? {
        for (raw, value) in entries where raw.count == b.count {
            var equal = true
            for k in 0..<raw.count where raw[k] != b[k] { equal = false; break }
            if equal { return value }
        }
        return nil
    }

    /// ``Code/index(_:)`` of `value` without building the list of all cases (a loader's hot path).
    @inline(__always) func index(_ value: T) -> UInt8 {
        for (i, entry) in entries.enumerated() where entry.1 == value { return UInt8(i) }
        return Code.index(value)
    }

    /// The code spelled by `b`, else the located parser's answer for field `i` of `row` (which
    /// reports an unknown or missing code): the common case without the shared tables' lookup.
    @inline(__always) func code(_ row: CSVRow, _ i: Int, _ sink: inout DiagnosticSink) throws -> T? {
        try match(row.bytes(i)) ?? row.code(i, T.self, &sink)
    }

    /// One table per code type (built once; generic types cannot have stored statics).
    static var shared: CodeTable<T> { CodeTables.table(for: T.self) }
}

enum CodeTables {
    private static let tables: [ObjectIdentifier: any Sendable] = {
        var t: [ObjectIdentifier: any Sendable] = [:]
        func add<C: DatasetCode>(_ c: C.Type) { t[ObjectIdentifier(c)] = CodeTable<C>() }
        add(Sex.self); add(SchoolLevel.self); add(LegalForm.self); add(EventKind.self); add(InterviewChannel.self)
        add(OfferKind.self); add(ReferralTarget.self); add(CommonLawRight.self); add(CEPLevel.self); add(Program.self)
        add(ExitOutcomeKind.self); add(Contract.self); add(TrainingKind.self); add(ReorientationTarget.self)
        add(SituationKind.self); add(Funder.self); add(FundingLine.self); add(Breakdown.self); add(Level.self)
        add(ObjectiveDirection.self)
        return t
    }()
    static func table<C: DatasetCode>(for c: C.Type) -> CodeTable<C> {
        // A type missing from the list works, slowly: its table is built at every call (objectives.csv's
        // directions were, 4,000 times a load). The tests' loads stop on it.
        assert(tables[ObjectIdentifier(c)] != nil, "\(C.self) is missing from CodeTables.tables")
        return (tables[ObjectIdentifier(c)] as? CodeTable<C>) ?? CodeTable<C>()
    }
}

/// `Day.parse` with each month's first day and length read from a table (the loader's dates
/// fall in a few decades; others take `Day.parse`): the same days, without the calendar sums.
@inline(__always) func quickDay(_ b: UnsafeBufferPointer<UInt8>) -> Day? {
    guard let (y, m, d) = Day.digits(b) else { return nil }
    guard y >= MonthTable.firstYear, y < MonthTable.firstYear + MonthTable.years else { return Day.parse(b) }
    guard m >= 1, m <= 12, d >= 1 else { return nil }
    let k = (y - MonthTable.firstYear) * 12 + m - 1
    return MonthTable.months.withUnsafeBufferPointer { t in
        d <= Int(t[k].length) ? Day(number: t[k].first + Int32(d - 1)) : nil
    }
}

/// Each month's first day (as a day number) and length, from 1900 to 2099.
enum MonthTable {
    static let firstYear = 1900, years = 200
    static let months: [(first: Int32, length: UInt8)] = (0..<years * 12).map { k in
        let y = firstYear + k / 12, m = k % 12 + 1
        return (Int32(Day.daysFromCivil(y, m, 1)), UInt8(Day.daysIn(month: m, year: y)))
    }
}
