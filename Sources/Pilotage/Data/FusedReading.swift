/// The pieces of the loader's fused loops (events, pathways, situations): a common row is read
/// in one pass over its bytes, its codes matched as words, its dates from a month table; any
/// other row goes to the located parsers, which keep or report it.

/// Codes of up to 16 bytes as two zero-padded words each, matched without bounds checks or
/// reference counting. Owns its memory (one instance, shared read-only by the loops).
final class CodeWords: @unchecked Sendable {
    private let entries: UnsafeMutablePointer<(count: Int, w0: UInt64, w1: UInt64)>
    let count: Int

    init(_ codes: [[UInt8]]) {
        count = codes.count
        entries = .allocate(capacity: max(1, codes.count))
        for (i, code) in codes.enumerated() {
            // A longer code never matches here: its rows go to the located parsers, which know it.
            guard code.count <= 16 else { (entries + i).initialize(to: (-1, 0, 0)); continue }
            var w = (UInt64(0), UInt64(0))
            for (k, byte) in code.enumerated() {
                if k < 8 { w.0 |= UInt64(byte) << (8 * k) } else { w.1 |= UInt64(byte) << (8 * (k - 8)) }
            }
            (entries + i).initialize(to: (code.count, w.0, w.1))
        }
    }

    deinit { entries.deallocate() }

    /// The index in `range` of the code spelled by the `count` bytes at `p` (`available`: the
    /// bytes readable from `p`, at least `count`).
    @inline(__always)
    func find(_ p: UnsafePointer<UInt8>, _ count: Int, _ available: Int, in range: Range<Int>) -> Int? {
        guard count <= 16 else { return nil }
        var w0: UInt64 = 0, w1: UInt64 = 0
        if available >= 16 {
            w0 = UInt64(littleEndian: UnsafeRawPointer(p).loadUnaligned(as: UInt64.self))
            w1 = UInt64(littleEndian: UnsafeRawPointer(p + 8).loadUnaligned(as: UInt64.self))
            if count < 16 {
                if count >= 8 { w1 &= (1 << (8 * UInt64(count - 8))) &- 1 }
                else { w1 = 0; w0 &= (1 << (8 * UInt64(count))) &- 1 }
            }
        } else {
            for k in 0..<count {
                if k < 8 { w0 |= UInt64(p[k]) << (8 * k) } else { w1 |= UInt64(p[k]) << (8 * (k - 8)) }
            }
        }
        for i in range where entries[i].count == count && entries[i].w0 == w0 && entries[i].w1 == w1 { return i }
        return nil
    }

    /// The index of the code spelled by the `count` bytes at `p`, among all.
    @inline(__always) func find(_ p: UnsafePointer<UInt8>, _ count: Int, _ available: Int) -> Int? {
        find(p, count, available, in: 0..<self.count)
    }
}

/// ``MonthTable/months`` in memory of its own, read without bounds checks.
final class DayTable: @unchecked Sendable {
    static let shared = DayTable()
    private let months: UnsafeMutablePointer<(first: Int32, length: UInt8)>

    private init() {
        months = .allocate(capacity: MonthTable.months.count)
        months.initialize(from: MonthTable.months, count: MonthTable.months.count)
    }

    deinit { months.deallocate() }

    /// The day number of the `YYYY-MM-DD` at `p` (10 bytes readable) when the month table holds
    /// its year, as ``quickDay(_:)`` gives it; `nil` otherwise (other years are the located
    /// parser's).
    @inline(__always) func day(_ p: UnsafePointer<UInt8>) -> Int32? {
        guard p[4] == 45, p[7] == 45 else { return nil }
        let y0 = p[0] &- 48, y1 = p[1] &- 48, y2 = p[2] &- 48, y3 = p[3] &- 48
        let m0 = p[5] &- 48, m1 = p[6] &- 48, d0 = p[8] &- 48, d1 = p[9] &- 48
        guard y0 < 10, y1 < 10, y2 < 10, y3 < 10, m0 < 10, m1 < 10, d0 < 10, d1 < 10 else { return nil }
        let y = Int(y0) * 1000 + Int(y1) * 100 + Int(y2) * 10 + Int(y3), m = Int(m0) * 10 + Int(m1)
        let d = Int(d0) * 10 + Int(d1)
        guard y >= MonthTable.firstYear, y < MonthTable.firstYear + MonthTable.years, m >= 1, m <= 12, d >= 1
        else { return nil }
        let month = months[(y - MonthTable.firstYear) * 12 + m - 1]
        return d <= Int(month.length) ? month.first + Int32(d - 1) : nil
    }
}

/// Whether the `count` bytes at `a` and `c` are the same, a word at a time.
@inline(__always)
func sameBytes(_ a: UnsafePointer<UInt8>, _ c: UnsafePointer<UInt8>, _ count: Int) -> Bool {
    guard count >= 8 else {
        for i in 0..<count where a[i] != c[i] { return false }
        return true
    }
    @inline(__always) func word(_ p: UnsafePointer<UInt8>, _ i: Int) -> UInt64 {
        UnsafeRawPointer(p + i).loadUnaligned(as: UInt64.self)
    }
    var i = 0
    while i + 8 < count {
        if word(a, i) != word(c, i) { return false }
        i += 8
    }
    return word(a, count - 8) == word(c, count - 8)
}

/// A plain row's fields read one after the other, for a fused loop: each must end with the
/// separator (the last with a line end or the end of the file); a quote, a lone CR or a
/// missing or extra field makes the row not common (`nil`).
struct FieldCursor {
    let b: UnsafePointer<UInt8>
    let n: Int
    let separator: UInt8
    private(set) var position: Int

    init(_ b: UnsafePointer<UInt8>, _ n: Int, _ separator: UInt8, at start: Int) {
        self.b = b; self.n = n; self.separator = separator; position = start
    }

    /// The next field, followed by a separator.
    @inline(__always) mutating func field() -> Range<Int>? {
        let start = position, end = fieldEnd(b, start, n, separator)
        guard end < n, b[end] == separator else { return nil }
        position = end + 1
        return start..<end
    }

    /// Moves past a field of `count` bytes that the separator is known to follow.
    @inline(__always) mutating func skipField(_ count: Int) { position += count + 1 }

    /// The row's last field and the offset after its line end (LF or CRLF).
    @inline(__always) mutating func lastField() -> (field: Range<Int>, next: Int)? {
        let start = position, end = fieldEnd(b, start, n, separator)
        if end >= n { return (start..<end, n) }
        if b[end] == 10 { return (start..<end, end + 1) }
        if b[end] == 13, end + 1 < n, b[end + 1] == 10 { return (start..<end, end + 2) }
        return nil
    }

    /// A field as ``CSVRow/identifier(_:_:)`` accepts it: not empty, no whitespace at either end.
    @inline(__always) func isIdentifier(_ f: Range<Int>) -> Bool {
        !f.isEmpty && !isSpace(b[f.lowerBound]) && !isSpace(b[f.upperBound - 1])
    }

    /// A flag field read as ``CSVRow/bool(_:_:)`` reads `0`, `1` and empty; `nil` for any other.
    @inline(__always) func flag(_ f: Range<Int>) -> Bool? {
        if f.isEmpty { return false }
        guard f.count == 1 else { return nil }
        return b[f.lowerBound] == 49 ? true : b[f.lowerBound] == 48 ? false : nil
    }

    /// The day of a date field of the month table (as ``quickDay(_:)``); `nil` for any other.
    @inline(__always) func day(_ f: Range<Int>, _ days: DayTable) -> Int32? {
        f.count == 10 ? days.day(b + f.lowerBound) : nil
    }

    /// The index of the code a field spells among `codes`.
    @inline(__always) func code(_ f: Range<Int>, _ codes: CodeWords) -> UInt8? {
        codes.find(b + f.lowerBound, f.count, n - f.lowerBound).map { UInt8($0) }
    }

    @inline(__always) func bytes(_ f: Range<Int>) -> UnsafeBufferPointer<UInt8> {
        UnsafeBufferPointer(start: b + f.lowerBound, count: f.count)
    }
}
