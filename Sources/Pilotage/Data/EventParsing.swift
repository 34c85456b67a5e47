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

    /// Row `i`'s values.
    @inline(__always)
    func write(_ i: Int, owner o: Int32, date d: Int32, kind k: UInt8, detail e: UInt8, line l: Int) {
        owner[i] = o; date[i] = d; kind[i] = k; detail[i] = e; line[i] = Int32(l)
    }

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
/// read by one fused loop over its fields (``FieldCursor``); any other row goes through
/// ``RowReader`` and the located field parsers, which keep it or report it exactly as before.
/// The fused loop accepts only rows that those parsers would accept with the same values.
struct EventParser: ~Copyable {
    private let out: EventOutput
    private let ids: IDIndex
    private let columns: [Int]
    private let fused: Bool
    private(set) var result: EventPartResult
    private let capacity: Int
    private var guess: Int32 = 0
    private var lookup = YouthLookup()
    private let codes = FlatCodes.events
    private let leading = FlatCodes.events.leading
    private let sep: UInt8
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
        sep = shape.separator
    }

    /// Reads the rows of `range`, counting lines from `firstLine`; gives the pages read back to
    /// `storage` every 8 MB. Returns the lines read and whether the range ended on a row boundary.
    mutating func parse(_ shape: CSVShape, _ range: Range<Int>, _ buffer: UnsafeMutableBufferPointer<UInt8>,
                        firstLine: Int, releasing storage: FileBytes?,
                        _ sink: inout DiagnosticSink) throws -> (lines: Int, aligned: Bool) {
        var reader = RowReader(shape, buffer: buffer, position: range.lowerBound, line: firstLine)
        var released = range.lowerBound
        defer { storage?.release(released..<min(reader.position, range.upperBound)) }
        let b = UnsafePointer(buffer.baseAddress!), n = buffer.count
        while reader.position < range.upperBound {
            if result.count == capacity { result.overflow = true; break }
            if let storage, reader.position - released >= 8 << 20 {
                storage.release(released..<reader.position)
                released = reader.position
            }
            if fused {
                // Common rows up to the next release (or the range's end), then the row that
                // stopped them, if any, by the located parsers.
                let stop = storage == nil ? range.upperBound : min(range.upperBound, released + 8 << 20)
                reader.line += fusedRows(b, n, from: &reader.position, before: stop, line: reader.line)
                if reader.position >= stop || result.count == capacity { continue }
            }
            guard try reader.next(sink: &sink, { row, sink in try add(row, &sink) }) else { break }
        }
        return (reader.line - firstLine, reader.position == range.upperBound || reader.position >= n)
    }

    /// Stores the common rows from `position` on, as long as they start before `stop` and there
    /// is room; leaves `position` at the first row it does not read (or at `stop`'s row end).
    /// Returns the rows stored. A common row: a known young person (the last row's when the same
    /// bytes), a date of the month table, a kind and a detail of that kind (or none where none is
    /// needed) matched where their fields start, the detail ending the line.
    @inline(__always)
    private mutating func fusedRows(_ b: UnsafePointer<UInt8>, _ n: Int, from position: inout Int, before stop: Int,
                                    line: Int) -> Int {
        let first = result.first + result.count, end = result.first + capacity, separator = sep
        var p = position, i = first
        while p < stop, i < end {
            var c = FieldCursor(b, n, separator, at: p)
            guard let y = lookup.owner(&c, ids), let day = c.dayField(days) else { break }
            // The kind, then the detail up to the line end (an empty one where its kind allows).
            let kindStart = c.position
            guard kindStart + 18 <= n,
                  let (kind, kindCount) = leading.match(b + kindStart, group: 0, followedBy: separator) else { break }
            let q = kindStart + kindCount + 1
            var detail: UInt8 = 0, next: Int
            if b[q] == 10 || b[q] == 13 {
                guard b[q] == 10 || (q + 1 < n && b[q + 1] == 10), kind == entretien || !codes.hasDetails(kind)
                else { break }
                next = q + (b[q] == 10 ? 1 : 2)
            } else {
                guard q + 18 <= n, let d = leading.matchToLineEnd(b + q, group: Int(kind) + 1) else { break }
                detail = d.value
                next = q + d.next
            }
            out.write(i, owner: y, date: day, kind: kind, detail: detail, line: line + i - first)
            if kind == accueil {
                var column: Int32 = 1
                for q in p..<kindStart where b[q] & 0xC0 != 0x80 { column += 1 }
                result.accueils.append((Int32(i - result.first), column))
            }
            i += 1
            p = next
        }
        position = p
        result.count = i - result.first
        return i - first
    }

    /// Any row, by the located field parsers: stored, or reported.
    private mutating func add(_ row: CSVRow, _ sink: inout DiagnosticSink) throws {
        let c = columns
        guard let y = try youthRef(row, c[0], ids, &guess, &sink) else { return }
        guard let date = try quickDay(row.bytes(c[1])) ?? (row.date(c[1], &sink)) else { return }
        guard let k = try codes.kind(row.bytes(c[2])) ?? row.code(c[2], EventKind.self, &sink).map(Code.index)
        else { return }
        var detail: UInt8 = 0
        let d = row.bytes(c[3])
        if !d.isEmpty || (k != entretien && codes.hasDetails(k)) {
            guard let v = codes.detail(k, d) else {
                try reportDetail(EventKind.allCases[Int(k)], row, c[3], &sink)
                return
            }
            detail = v
        }
        out.write(result.first + result.count, owner: y, date: date.number, kind: k, detail: detail, line: row.line)
        result.count += 1
        if k == accueil { result.accueils.append((Int32(result.count - 1), Int32(row.column(c[2])))) }
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

/// The event kinds' codes and each kind's detail codes, one table for both ways of reading an
/// event: the bytes of a known field (the located path) and where their field starts
/// (``LeadingCodes``: the fused loop).
struct FlatCodes: Sendable {
    /// Kinds first, then each kind's details.
    private let codes: [[UInt8]]
    private let kindCount: Int
    /// Kind `k`'s details are entries `detailStart[k]..<detailStart[k + 1]`, valued 1, 2, …
    private let detailStart: [Int]

    /// The event kinds (in ``EventKind``'s order) and each one's detail codes.
    static let events = FlatCodes(kinds: EventKind.allCodes, details: EventKind.allCases.map { kind in
        let codes: [String]
        switch kind {
        case .entretien: codes = InterviewChannel.allCodes
        case .proposition: codes = OfferKind.allCodes
        case .orientation: codes = ReferralTarget.allCodes
        case .droitCommun: codes = CommonLawRight.allCodes
        case .cep: codes = CEPLevel.allCodes
        case .accueil, .diagnostic, .atelier, .ecrit: codes = []
        }
        return codes.map { Array($0.utf8) }
    })

    /// The same codes matched where their field starts (the fused loop's way): the kinds in
    /// group 0 valued by index, kind `k`'s details in group `k + 1` valued 1, 2, …
    let leading: LeadingCodes

    init(kinds: [String], details: [[[UInt8]]]) {
        codes = kinds.map { Array($0.utf8) } + details.flatMap { $0 }
        leading = LeadingCodes(kinds.enumerated().map { (0, Array($1.utf8), UInt8($0)) }
            + details.enumerated().flatMap { k, codes in codes.enumerated().map { (k + 1, $1, UInt8($0 + 1)) } })
        kindCount = kinds.count
        var start = kinds.count, starts: [Int] = []
        for d in details { starts.append(start); start += d.count }
        detailStart = starts + [start]
    }

    /// The index of the kind spelled by `b`.
    func kind(_ b: UnsafeBufferPointer<UInt8>) -> UInt8? {
        codes[..<kindCount].firstIndex { $0.elementsEqual(b) }.map { UInt8($0) }
    }

    @inline(__always) func hasDetails(_ kind: UInt8) -> Bool {
        detailStart.withUnsafeBufferPointer { $0[Int(kind) + 1] > $0[Int(kind)] }
    }

    /// 1 + the index of kind `kind`'s detail spelled by `b`.
    func detail(_ kind: UInt8, _ b: UnsafeBufferPointer<UInt8>) -> UInt8? {
        let range = detailStart[Int(kind)]..<detailStart[Int(kind) + 1]
        return codes[range].firstIndex { $0.elementsEqual(b) }.map { UInt8($0 - range.lowerBound + 1) }
    }
}
