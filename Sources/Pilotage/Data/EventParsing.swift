#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The events' columns, written in place by the parts of events.csv: each part writes its rows
/// from its own first row (the rows before it are at most the line ends before it), so that no
/// part's columns are copied into the whole's afterwards.
struct EventOutput: @unchecked Sendable {
    let owner: UnsafeMutablePointer<Int32>, date: UnsafeMutablePointer<Int32>, line: UnsafeMutablePointer<Int32>
    let kind: UnsafeMutablePointer<UInt8>, detail: UnsafeMutablePointer<UInt8>

    /// Moves `count` rows from row `from` down to row `to` (a part whose rows were fewer than
    /// its line ends leaves a gap before the next part's).
    func move(from: Int, to: Int, count: Int) {
        guard from != to, count > 0 else { return }
        (owner + to).update(from: owner + from, count: count); (date + to).update(from: date + from, count: count)
        (line + to).update(from: line + from, count: count); (kind + to).update(from: kind + from, count: count)
        (detail + to).update(from: detail + from, count: count)
    }
}

/// The five event columns, `capacity` rows each, written in place by `fill`, which returns how
/// many rows it wrote (the arrays' length).
func makeEventColumns(capacity: Int, _ fill: (EventOutput) -> Int)
    -> (owner: [Int32], date: [Int32], kind: [UInt8], detail: [UInt8], line: [Int32]) {
    var date: [Int32] = [], kind: [UInt8] = [], detail: [UInt8] = [], line: [Int32] = []
    let owner = [Int32](unsafeUninitializedCapacity: capacity) { o, oCount in
        date = [Int32](unsafeUninitializedCapacity: capacity) { d, dCount in
            kind = [UInt8](unsafeUninitializedCapacity: capacity) { k, kCount in
                detail = [UInt8](unsafeUninitializedCapacity: capacity) { e, eCount in
                    line = [Int32](unsafeUninitializedCapacity: capacity) { l, lCount in
                        lCount = fill(EventOutput(owner: o.baseAddress!, date: d.baseAddress!, line: l.baseAddress!,
                                                  kind: k.baseAddress!, detail: e.baseAddress!))
                    }
                    eCount = line.count
                }
                kCount = line.count
            }
            dCount = line.count
        }
        oCount = line.count
    }
    return (owner, date, kind, detail, line)
}

/// What a part of events.csv leaves for the merge: its rows (from `first` in the output) and
/// its accueils (row within the part, character column of the kind field).
struct EventPartResult {
    var first = 0, count = 0
    var overflow = false
    var accueils: [(row: Int32, column: Int32)] = []
}

/// Reads a part of events.csv into ``EventOutput``. A common row (`youth_id,date,kind,detail`
/// in this order, no quote, a known young person, a date of the month table, known codes) is
/// read by one fused loop over its bytes; any other row goes through ``RowReader`` and the
/// located field parsers, which keep it or report it exactly as before. The fused loop accepts
/// only rows that those parsers would accept with the same values.
struct EventParser: ~Copyable {
    private let out: EventOutput
    private let ids: IDIndex
    private let columns: [Int]
    private let fused: Bool
    private(set) var result: EventPartResult
    private let capacity: Int
    private var guess: Int32 = 0
    // The last young person found by the fused loop: consecutive rows are mostly theirs.
    private var lastID: (start: Int, count: Int, owner: Int32) = (0, -1, 0)
    private let kinds = CodeTable<EventKind>()
    private let details: [[([UInt8], UInt8)]] = EventKind.allCases.map { k in
        let codes: [String]
        switch k {
        case .entretien: codes = InterviewChannel.allCodes
        case .proposition: codes = OfferKind.allCodes
        case .orientation: codes = ReferralTarget.allCodes
        case .droitCommun: codes = CommonLawRight.allCodes
        case .cep: codes = CEPLevel.allCodes
        default: codes = []
        }
        return codes.enumerated().map { (Array($1.utf8), UInt8($0 + 1)) }
    }
    private let codes: FlatCodes
    private let days = DayTable.shared
    private let accueil = Code.index(EventKind.accueil), entretien = Code.index(EventKind.entretien)

    /// `columns`: the indexes of youth_id, date, kind, detail in the header.
    init(out: EventOutput, first: Int, capacity: Int, shape: CSVShape, columns: [Int], ids: IDIndex) {
        self.out = out
        self.ids = ids
        self.columns = columns
        self.capacity = capacity
        result = EventPartResult(first: first)
        fused = columns == [0, 1, 2, 3] && shape.columns.count == 4
        codes = FlatCodes(kinds: EventKind.allCases.map { $0.rawValue }, details: details.map { $0.map(\.0) })
    }

    /// Reads the rows of `range`, counting lines from `firstLine`; gives the pages read back to
    /// `storage` every 8 MB. Returns the lines read and whether the range ended on a row boundary.
    mutating func parse(_ shape: CSVShape, _ range: Range<Int>, _ buffer: UnsafeMutableBufferPointer<UInt8>,
                        firstLine: Int, releasing storage: FileBytes?,
                        _ sink: inout DiagnosticSink) throws -> (lines: Int, aligned: Bool) {
        var reader = RowReader(shape, buffer: buffer, position: range.lowerBound, line: firstLine)
        var released = range.lowerBound
        defer { storage?.release(released..<min(reader.position, range.upperBound)) }
        let b = UnsafePointer(buffer.baseAddress!), n = buffer.count, separator = shape.separator
        while reader.position < range.upperBound {
            if result.count == capacity { result.overflow = true; break }
            if let storage, reader.position - released >= 8 << 20 {
                storage.release(released..<reader.position)
                released = reader.position
            }
            if fused, let next = fusedRow(b, reader.position, n, separator, line: reader.line) {
                reader.position = next
                reader.line += 1
                continue
            }
            guard try reader.next(sink: &sink, { row, sink in try add(row, &sink) }) else { break }
        }
        return (reader.line - firstLine, reader.position == range.upperBound || reader.position >= n)
    }

    /// The common row at `start`, stored; the offset after its line end, or `nil` (nothing stored)
    /// for any row the fused loop does not read. Fields are scanned 8 bytes at a time.
    @inline(__always)
    private mutating func fusedRow(_ b: UnsafePointer<UInt8>, _ start: Int, _ n: Int, _ separator: UInt8,
                                   line: Int) -> Int? {
        // youth_id: the last row's (the same bytes and separator), or a known identifier, not
        // empty, without whitespace at either end.
        let owner: Int32
        var p: Int
        let last = lastID.count
        if last > 0, start + last < n, sameBytes(b + start, b + lastID.start, last + 1) {
            owner = lastID.owner
            p = start + last
        } else {
            p = fieldEnd(b, start, n, separator)
            guard p < n, b[p] == separator, p > start, !isSpace(b[start]), !isSpace(b[p - 1]),
                  let y = ids.find(UnsafeBufferPointer(start: b + start, count: p - start), guess: &guess)
            else { return nil }
            owner = y
            lastID = (start, p - start, y)
        }
        // date: YYYY-MM-DD of the month table.
        let dateStart = p + 1
        guard dateStart + 10 < n, b[dateStart + 10] == separator, let day = days.day(b + dateStart) else { return nil }
        // kind, then detail as the kind allows it.
        let kindStart = dateStart + 11
        p = fieldEnd(b, kindStart, n, separator)
        guard p < n, b[p] == separator, let kind = codes.kind(b + kindStart, p - kindStart, n - kindStart)
        else { return nil }
        let detailStart = p + 1
        p = fieldEnd(b, detailStart, n, separator)
        let next: Int
        if p >= n { next = n } else if b[p] == 10 { next = p + 1 } else if b[p] == 13, p + 1 < n, b[p + 1] == 10 {
            next = p + 2
        } else { return nil }
        var detail: UInt8 = 0
        if p > detailStart || (kind != entretien && codes.hasDetails(kind)) {
            guard let d = codes.detail(kind, b + detailStart, p - detailStart, n - detailStart) else { return nil }
            detail = d
        }
        store(owner, day, kind, detail, line)
        if kind == accueil {
            var column: Int32 = 1
            for q in start..<kindStart where b[q] & 0xC0 != 0x80 { column += 1 }
            result.accueils.append((Int32(result.count - 1), column))
        }
        return next
    }

    @inline(__always)
    private mutating func store(_ owner: Int32, _ date: Int32, _ kind: UInt8, _ detail: UInt8, _ line: Int) {
        let i = result.first + result.count
        out.owner[i] = owner; out.date[i] = date; out.kind[i] = kind; out.detail[i] = detail; out.line[i] = Int32(line)
        result.count += 1
    }

    /// Any row, by the located field parsers: stored, or reported.
    private mutating func add(_ row: CSVRow, _ sink: inout DiagnosticSink) throws {
        let c = columns
        guard let y = try youthRef(row, c[0], ids, &guess, &sink) else { return }
        guard let date = try quickDay(row.bytes(c[1])) ?? (row.date(c[1], &sink)) else { return }
        guard let kind = try kinds.match(row.bytes(c[2])) ?? (row.code(c[2], EventKind.self, &sink)) else { return }
        let k = Code.index(kind)
        var detail: UInt8 = 0
        let d = row.bytes(c[3])
        if !d.isEmpty || (k != entretien && !details[Int(k)].isEmpty) {
            guard let v = match(details[Int(k)], d) else {
                try reportDetail(kind, row, c[3], &sink)
                return
            }
            detail = v
        }
        store(y, date.number, k, detail, row.line)
        if k == accueil { result.accueils.append((Int32(result.count - 1), Int32(row.column(c[2])))) }
    }

    private func match(_ table: [([UInt8], UInt8)], _ b: UnsafeBufferPointer<UInt8>) -> UInt8? {
        for (raw, v) in table
        where raw.count == b.count && raw.withUnsafeBufferPointer({ memcmpEqual($0, b) }) { return v }
        return nil
    }

    /// The located error of a detail that its kind does not allow, or an unknown or missing one.
    private func reportDetail(_ kind: EventKind, _ row: CSVRow, _ i: Int, _ sink: inout DiagnosticSink) throws {
        switch kind {
        case .accueil, .diagnostic, .atelier, .ecrit:
            try sink.report(row.diagnostic(.detailNotAllowed, i,
                                           expected: .init(fr: "un détail vide pour un événement \(kind.rawValue)",
                                                           en: "an empty detail for a \(kind.rawValue) event")))
        case .entretien: _ = try row.optionalCode(i, InterviewChannel.self, &sink)
        case .proposition: _ = try row.code(i, OfferKind.self, &sink)
        case .orientation: _ = try row.code(i, ReferralTarget.self, &sink)
        case .droitCommun: _ = try row.code(i, CommonLawRight.self, &sink)
        case .cep: _ = try row.code(i, CEPLevel.self, &sink)
        }
    }
}

/// The event kinds' codes and each kind's detail codes, in one ``CodeWords``: the fused loop
/// matches two codes per row.
struct FlatCodes {
    /// Kinds first, then each kind's details.
    private let words: CodeWords
    private let kindCount: Int
    /// Kind `k`'s details are entries `detailStart[k]..<detailStart[k + 1]`, valued 1, 2, …
    private let detailStart: [Int]

    init(kinds: [String], details: [[[UInt8]]]) {
        words = CodeWords(kinds.map { Array($0.utf8) } + details.flatMap { $0 })
        kindCount = kinds.count
        var start = kinds.count, starts: [Int] = []
        for d in details { starts.append(start); start += d.count }
        detailStart = starts + [start]
    }

    /// The index of the kind spelled by `count` bytes at `p`.
    @inline(__always) func kind(_ p: UnsafePointer<UInt8>, _ count: Int, _ available: Int) -> UInt8? {
        words.find(p, count, available, in: 0..<kindCount).map { UInt8($0) }
    }

    @inline(__always) func hasDetails(_ kind: UInt8) -> Bool {
        detailStart.withUnsafeBufferPointer { $0[Int(kind) + 1] > $0[Int(kind)] }
    }

    /// 1 + the index of kind `kind`'s detail spelled by `count` bytes at `p`.
    @inline(__always) func detail(_ kind: UInt8, _ p: UnsafePointer<UInt8>, _ count: Int, _ available: Int) -> UInt8? {
        let range = detailStart.withUnsafeBufferPointer { $0[Int(kind)]..<$0[Int(kind) + 1] }
        return words.find(p, count, available, in: range).map { UInt8($0 - range.lowerBound + 1) }
    }

    /// ``DayTable/day(_:)``.
    @inline(__always) func day(_ p: UnsafePointer<UInt8>) -> Int32? { DayTable.shared.day(p) }
}
