import Foundation
import Testing
@testable import Pilotage

/// events.csv is read in parts (over 4 MB), each row by a fused loop when it is common and by the
/// row-by-row reader otherwise. The same rows with the header's columns in another order are all
/// read row by row, in one pass of the same parts: the two loads must agree on every stored value
/// and every error (the column numbers aside, since the fields moved), and the errors' places are
/// also checked by hand.
@Suite("events.csv: the fused reader and its parts give what the row-by-row reader gives")
struct EventParsingTests {
    /// One event: its four fields (youth_id, date, kind, detail) and what ends its line.
    struct Row {
        var fields: [String]
        var end = "\n"
        var quoted = false
    }

    static let youthCount = 20_000

    static func youthID(_ y: Int) -> String { y % 97 == 5 ? "Yé\(y)" : "Y\(y)" }

    /// About 200,000 events (6 MB): for each young person an accueil then events of every kind
    /// and detail; some rows end with CRLF, some are quoted, a few are out of their person's
    /// order, and the last has no line end.
    static func rows() -> [Row] {
        var g = CSVReaderTests.Bytes(state: 7), rows: [Row] = []
        let details: [EventKind: [String]] = [
            .entretien: [""] + InterviewChannel.allCodes, .proposition: OfferKind.allCodes,
            .orientation: ReferralTarget.allCodes, .droitCommun: CommonLawRight.allCodes, .cep: CEPLevel.allCodes,
        ]
        func date() -> String {
            let y = [2014, 2015, 2016, 2017, 2018, 1899][g.next(6) == 0 ? 5 : g.next(5)]
            return String(format: "%04d-%02d-%02d", y, 1 + g.next(12), 1 + g.next(28))
        }
        for y in 0..<youthCount {
            rows.append(Row(fields: [youthID(y), date(), "accueil", ""]))
            for _ in 0..<9 {
                let kind = EventKind.allCases.filter { $0 != .accueil }[g.next(8)]
                let d = details[kind].map { $0[g.next($0.count)] } ?? ""
                let owner = g.next(100) == 0 ? g.next(youthCount) : y
                rows.append(Row(fields: [youthID(owner), date(), kind.rawValue, d]))
            }
        }
        for i in rows.indices {
            if i % 7 == 3 { rows[i].end = "\r\n" }
            if i % 11 == 4 { rows[i].quoted = true }
        }
        rows[rows.count - 1].end = ""
        return rows
    }

    /// The dataset with these events; `permuted`: the columns in the order kind, youth_id, date,
    /// detail (every row then read row by row).
    static func files(_ rows: [Row], permuted: Bool) -> Files {
        var f = Files()
        var youth = "youth_id,ml_id,sex,birth_date,level,diploma,qpv,zrr,neet\n"
        for y in 0..<youthCount { youth += "\(youthID(y)),ML1,F,1998-01-02,IV,1,0,0,\n" }
        f.files["youth.csv"] = youth
        f.files["pathways.csv"] = "pathway_id,youth_id,program,start_date,end_date,yg_plan,"
            + "exit_outcome,exit_detail,exit_durable,exit_non_market,exit_cpf\n"
        f.files["situations.csv"] = "situation_id,youth_id,kind,detail,start_date,end_date,durable,non_market\n"
        let order = permuted ? [2, 0, 1, 3] : [0, 1, 2, 3]
        let header = ["youth_id", "date", "kind", "detail"]
        var text = order.map { header[$0] }.joined(separator: ",") + "\n"
        for r in rows {
            let fields = order.map {
                r.quoted ? "\"" + r.fields[$0].replacingOccurrences(of: "\"", with: "\"\"") + "\"" : r.fields[$0]
            }
            text += fields.joined(separator: ",") + r.end
        }
        f.files["events.csv"] = text
        return f
    }

    /// The events' stored columns, or the errors as (rule, line, field).
    static func load(_ rows: [Row], permuted: Bool) -> Outcome {
        do {
            let m = try Dataset.load(from: files(rows, permuted: permuted).write()).micro!
            return .loaded([m.evStart, m.evDate, m.evKind.map(Int32.init), m.evDetail.map(Int32.init), m.evLine])
        } catch {
            return .refused(error.diagnostics.map { "\($0.rule) \($0.line ?? 0) \($0.field ?? "")" })
        }
    }

    enum Outcome { case loaded([[Int32]]), refused([String]) }

    @Test("Valid events: every stored value the same, read fused in parts or row by row")
    func valid() throws {
        let rows = Self.rows()
        #expect(Self.files(rows, permuted: false).files["events.csv"]!.utf8.count > 5 << 20)
        let fused = Self.load(rows, permuted: false), generic = Self.load(rows, permuted: true)
        guard case .loaded(let a) = fused, case .loaded(let b) = generic else {
            Issue.record("\(fused) \(generic)")
            return
        }
        #expect(a == b)
        // Lines by hand: one per row, from line 2; the events grouped by young person, stably.
        #expect(a[4].count == rows.count && Set(a[4]) == Set((0..<rows.count).map { Int32($0 + 2) }))
        let firstOfYouth3 = Int(a[0][3])
        #expect(a[4][firstOfYouth3] == 32)
    }

    @Test("Errors planted in every part, after a lone CR: the same errors, at the lines counted by hand")
    func errors() throws {
        var rows = Self.rows()
        let n = rows.count
        rows[10].fields[2] = "acceuil"                          // line 12
        // A lone CR ends a row as a line feed does, but the parts were placed by line feeds.
        rows[n / 4 + 1].end = "\r"
        rows[n / 2].fields[1] = "2016-02-30"
        rows[n / 2 + 5].fields[2...3] = ["atelier", "physique"]
        rows[n / 2 + 9].fields[2...3] = ["proposition", ""]     // a kind whose detail is required
        rows[3 * n / 4].fields[0] = "Y-inconnu"
        rows[3 * n / 4 + 2].fields[0] = " Y1"
        // A second accueil of Yé5 (its first is row 50), read by the fused loop.
        rows[n - 5] = Row(fields: [Self.youthID(5), "2016-01-01", "accueil", ""])
        rows[n - 3].quoted = true
        rows[n - 3].fields[2...3] = ["entretien", "visio, \"x\""]
        let fused = Self.load(rows, permuted: false), generic = Self.load(rows, permuted: true)
        guard case .refused(let a) = fused, case .refused(let b) = generic else {
            Issue.record("\(fused) \(generic)")
            return
        }
        #expect(a == b)
        // Row r on line r + 2.
        #expect(a == [
            "unknownCode 12 kind", "invalidDate \(n / 2 + 2) date", "detailNotAllowed \(n / 2 + 7) detail",
            "missingValue \(n / 2 + 11) detail",
            "unknownReference \(3 * n / 4 + 2) youth_id", "invalidIdentifier \(3 * n / 4 + 4) youth_id",
            "secondAccueil \(n - 3) kind", "unknownCode \(n - 1) detail",
        ])
        // The fused loop's column: the kind after « Yé5,2016-01-01, » (é one character).
        var second = Self.rows()
        second[n - 5] = Row(fields: [Self.youthID(5), "2016-01-01", "accueil", ""])
        let errors = Self.files(second, permuted: false).errors()
        #expect(errors.map(\.location) == ["events.csv:\(n - 3):16"], "\(errors)")
    }

    @Test("A part with more rows than line feeds (lone CR line ends) is read again whole, the same")
    func loneCarriageReturns() throws {
        var rows = Self.rows()
        for i in rows.count / 2..<rows.count / 2 + 2000 where rows[i].end == "\n" { rows[i].end = "\r" }
        let fused = Self.load(rows, permuted: false), generic = Self.load(rows, permuted: true)
        guard case .loaded(let a) = fused, case .loaded(let b) = generic else {
            Issue.record("\(fused) \(generic)")
            return
        }
        #expect(a == b)
        #expect(Set(a[4]) == Set((0..<rows.count).map { Int32($0 + 2) }))
    }
}

/// The fused loop's pieces against the plain definitions they stand for.
@Suite("events.csv: the fused loop's field scan, code match and date against the plain ones")
struct FusedPiecesTests {
    @Test("fieldEnd: the first separator, line end or quote, at every offset and near the end")
    func fieldEnds() {
        var g = CSVReaderTests.Bytes(state: 3)
        let alphabet = Array("ab,;\n\r\"é0-".utf8)
        for length in [0, 1, 7, 8, 9, 15, 16, 17, 40] {
            for _ in 0..<300 {
                let bytes = (0..<length).map { _ in
                    g.next(4) == 0 ? alphabet[g.next(alphabet.count)] : UInt8(97 + g.next(3))
                }
                bytes.withUnsafeBufferPointer { b in
                    for separator in [UInt8(44), 59] {
                        for from in 0...length {
                            let plain = (from..<length).first { [separator, 10, 13, 34].contains(b[$0]) } ?? length
                            guard let base = b.baseAddress else { continue }
                            #expect(fieldEnd(base, from, length, separator) == plain, "\(bytes) from \(from)")
                        }
                    }
                }
            }
        }
    }

    @Test("The month table's day: quickDay's day for every date it reads, nil for any other")
    func days() {
        let days = DayTable.shared
        var texts = ["2016-02-29", "2015-02-29", "2016-13-01", "2016-00-10", "2016-01-00", "2016-01-32", "1899-12-31",
                     "2100-01-01", "1900-01-01", "2099-12-31", "2016/01/01", "2016-1-011", "20a6-01-01", "2016-01-3:"]
        var day = Day(year: 1990, month: 1, day: 1)!.number
        while day < Day(year: 2030, month: 1, day: 1)!.number {
            texts.append(Day(number: day).description)
            day += 1
        }
        for text in texts {
            let bytes = Array(text.utf8)
            let plain = bytes.withUnsafeBufferPointer { b in quickDay(b).map(\.number) }
            let fused = bytes.withUnsafeBufferPointer { days.day($0.baseAddress!) }
            // The fused loop leaves years outside the table to the located parser.
            let inTable = plain.map { _ in (1900..<2100).contains(Int(text.prefix(4)) ?? 0) } ?? true
            #expect(fused == (inTable ? plain : nil), "\(text)")
        }
    }

    /// Random short rows over an alphabet of the bytes that matter to the fields read where they
    /// start (digits, dashes, separators, line ends, a quote, a tab, « é »), for every separator.
    static func cursorCases(_ body: (UnsafeBufferPointer<UInt8>, UInt8) -> Void) {
        var g = CSVReaderTests.Bytes(state: 11)
        let alphabet = Array("0129-,;\n\r\"\té".utf8)
        let samples = ["2016-02-29", "2015-02-29", "1899-12-31", "2016-01-011", "0", "1", "10", ""]
            .map { Array($0.utf8) }
        for _ in 0..<20_000 {
            var bytes: [UInt8] = g.next(2) == 0 ? samples[g.next(samples.count)] : []
            for _ in 0..<g.next(14) { bytes.append(alphabet[g.next(alphabet.count)]) }
            if g.next(2) == 0 { bytes = samples[g.next(samples.count)] + [[44, 59, 10, 13][g.next(4)]] + bytes }
            bytes.withUnsafeBufferPointer { b in
                guard b.baseAddress != nil else { return }
                for separator in [UInt8(44), 59] { body(b, separator) }
            }
        }
    }

    @Test("Dates and flags read where they start: what field() then the plain rule gives")
    func startReads() {
        let days = DayTable.shared
        Self.cursorCases { b, separator in
            let base = b.baseAddress!, n = b.count
            func plainDay(_ f: Range<Int>) -> Int32? { f.count == 10 ? days.day(base + f.lowerBound) : nil }
            func plainFlag(_ f: Range<Int>) -> Bool? {
                f.isEmpty ? false : f.count == 1 && (base[f.lowerBound] == 48 || base[f.lowerBound] == 49)
                    ? base[f.lowerBound] == 49 : nil
            }
            var plain = FieldCursor(base, n, separator, at: 0), fast = plain
            let field = plain.field()
            let text = Array(b)
            #expect(fast.dayField(days) == field.flatMap(plainDay), "\(text)")
            if field.flatMap(plainDay) != nil { #expect(fast.position == plain.position) }
            fast = FieldCursor(base, n, separator, at: 0)
            let optional = fast.optionalDayField(days)
            let plainOptional: Int32?? = field.map { $0.isEmpty ? .some(nil) : plainDay($0).map { .some($0) } } ?? nil
            #expect(optional == plainOptional, "\(text)")
            if optional != nil { #expect(fast.position == plain.position) }
            fast = FieldCursor(base, n, separator, at: 0)
            let flag = fast.flagField()
            #expect(flag == field.flatMap(plainFlag), "\(text)")
            if flag != nil { #expect(fast.position == plain.position) }
            var lastPlain = FieldCursor(base, n, separator, at: 0), lastFast = lastPlain
            let last = lastPlain.lastField(), lastFlag = lastFast.lastFlagField()
            let expected = last.flatMap { l in plainFlag(l.field).map { (flag: $0, next: l.next) } }
            #expect(lastFlag?.flag == expected?.flag && lastFlag?.next == expected?.next, "\(text)")
        }
    }

    @Test("Code fields read where they start: what field() then the exact code gives")
    func codeFields() {
        let codes = ["0", "1", "12", "9-", "é", "2016-02-29", "emploi", "emplois"].map { Array($0.utf8) }
        let leading = LeadingCodes(codes.enumerated().map { (0, $1, UInt8($0)) })
        Self.cursorCases { b, separator in
            for prefix in [[], codes[2], codes[4], codes[6], codes[7]] {
                // Long enough (18 bytes after the field's start) or not.
                for padding in [0, 18] {
                    let bytes = prefix + Array(b) + Array(repeating: UInt8(ascii: "z"), count: padding)
                    bytes.withUnsafeBufferPointer { p in
                        let base = p.baseAddress!, n = p.count
                        var plain = FieldCursor(base, n, separator, at: 0), fast = plain
                        let field = plain.field()
                        let exact = field.flatMap { f in codes.firstIndex(of: Array(p[f])).map { UInt8($0) } }
                        let code = fast.codeField(leading)
                        #expect(code == (n >= 18 ? exact : nil), "\(bytes)")
                        if code != nil { #expect(fast.position == plain.position) }
                        fast = FieldCursor(base, n, separator, at: 0)
                        let optional = fast.optionalCodeField(leading)
                        let expected: UInt8?? = field?.isEmpty == true ? .some(nil)
                            : (n >= 18 ? exact : nil).map { .some($0) } ?? nil
                        #expect(optional == expected, "\(bytes)")
                        if optional != nil { #expect(fast.position == plain.position) }
                    }
                }
            }
        }
    }

    @Test("Codes matched where the field starts: the code of the group the whole field spells, or none")
    func leadingCodes() {
        // Prefixes of one another, one-byte codes, one over 16 bytes, five with the same first
        // two bytes (the fifth is never matched here), the same bytes in two groups.
        let groups: [[String]] = [["cep", "cepx", "ce", "c1", "c2", "accueil", "droit_commun", "a2345678901234567",
                                   "e", "ab", "abc", "abd", "abe", "abf"],
                                  ["1", "2", "physique", "loisirs_culture", "e2c", "cep"], ["1", "sma", "smv"]]
        let codes = groups.enumerated().flatMap { g, codes in
            codes.enumerated().map { (group: g, bytes: Array($1.utf8), value: UInt8(10 * g + $0)) }
        }
        let leading = LeadingCodes(codes)
        // Which codes have a place in their bucket (the first four to ask for it).
        var taken: [Int: Int] = [:], placed = Set<Int>()
        for (i, code) in codes.enumerated() where code.bytes.count <= 16 {
            for second in code.bytes.count > 1 ? [code.bytes[1]] : [10, 13, 44, 59] {
                let b = LeadingCodes.bucket(code.group, code.bytes[0], second)
                if taken[b, default: 0] < 4 { taken[b, default: 0] += 1; placed.insert(i) }
            }
        }
        #expect(!placed.contains(13) && !placed.contains(7) && placed.contains(12))
        var g = CSVReaderTests.Bytes(state: 5)
        let alphabet = Array("acepx12_,;\n\r".utf8)
        for _ in 0..<30_000 {
            var bytes: [UInt8] = g.next(3) > 0 ? codes[g.next(codes.count)].bytes : []
            for _ in 0..<g.next(4) { bytes.append(alphabet[g.next(alphabet.count)]) }
            bytes += Array(",;\n".utf8) + Array(repeating: UInt8(ascii: "z"), count: 18)
            let text = String(decoding: bytes, as: UTF8.self)
            for group in 0..<groups.count {
                for separator in [UInt8(44), 59] {
                    let end = bytes.firstIndex(of: separator)!
                    let expected = codes.indices.first {
                        placed.contains($0) && codes[$0].group == group && codes[$0].bytes == Array(bytes[..<end])
                    }
                    let found = bytes.withUnsafeBufferPointer { leading.match($0.baseAddress!, group: group,
                                                                                    followedBy: separator) }
                    #expect(found?.value == expected.map { codes[$0].value } && (found == nil || found?.count == end),
                            "\(text) group \(group) separator \(separator)")
                }
                let end = bytes.firstIndex { $0 == 10 || $0 == 13 }!
                let lineEnd = bytes[end] == 10 ? 1 : bytes[end + 1] == 10 ? 2 : 0
                let expected = codes.indices.first {
                    placed.contains($0) && codes[$0].group == group && codes[$0].bytes == Array(bytes[..<end])
                }
                let found = bytes.withUnsafeBufferPointer { leading.matchToLineEnd($0.baseAddress!, group: group) }
                #expect(found?.value == (lineEnd > 0 ? expected.map { codes[$0].value } : nil)
                        && (found == nil || found?.next == end + lineEnd), "\(text) group \(group) to the line end")
            }
        }
    }

    @Test("Code match: each code found by its bytes, with or without bytes after it; no other")
    func codes() {
        let kinds = ["accueil", "cep", "droit_commun", "x"],
            details = [["physique", "loisirs_culture"], [], [], ["a234567890123456"]]
        let codes = FlatCodes(kinds: kinds, details: details.map { $0.map { Array($0.utf8) } })
        for (k, kind) in kinds.enumerated() {
            for tail in ["", ",physique\n0123456789abcdef"] {
                let bytes = Array((kind + tail).utf8)
                bytes.withUnsafeBufferPointer { b in
                    let field = UnsafeBufferPointer(rebasing: b[..<kind.utf8.count])
                    #expect(codes.kind(field) == UInt8(k))
                    #expect(codes.kind(UnsafeBufferPointer(rebasing: field.dropLast())) == nil)
                }
            }
            for (i, detail) in details[k].enumerated() {
                let bytes = Array((detail + "\n" + String(repeating: "z", count: 20)).utf8)
                bytes.withUnsafeBufferPointer { b in
                    let field = UnsafeBufferPointer(rebasing: b[..<detail.utf8.count])
                    #expect(codes.detail(UInt8(k), field) == UInt8(i + 1))
                    let longer = UnsafeBufferPointer(rebasing: b[...detail.utf8.count])
                    #expect(codes.detail(UInt8(k), longer) == nil)
                }
            }
        }
        #expect(Array("accueil".utf8).withUnsafeBufferPointer { codes.detail(1, $0) } == nil)
    }
}

extension FieldCursor {
    /// The plain reading of a row's last field, which ``FieldCursor/lastFlagField()`` stands for:
    /// up to the first separator, line end or quote, then a line end (LF or CRLF) or the file's
    /// end; the offset after it.
    func lastField() -> (field: Range<Int>, next: Int)? {
        let start = position, end = fieldEnd(b, start, n, separator)
        if end >= n { return (start..<end, n) }
        if b[end] == 10 { return (start..<end, end + 1) }
        if b[end] == 13, end + 1 < n, b[end + 1] == 10 { return (start..<end, end + 2) }
        return nil
    }
}
