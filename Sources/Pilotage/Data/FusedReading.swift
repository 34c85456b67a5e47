/// The pieces of the loader's fused loops (events, pathways, situations, youth): a common row
/// is read in one pass over its bytes, its codes, dates and flags read where their field
/// starts; any other row goes to the located parsers, which keep or report it.

/// Codes matched where a field starts, before its end is known: each code belongs to a group
/// (the event kinds, the details of one kind…) and is found by its group and first two bytes
/// (a bucket of at most four codes; a fifth, or a code over 16 bytes, is never matched here:
/// its rows go to the located parsers), compared as two masked words, then required to end
/// the field: followed by the separator, or by the line end.
final class LeadingCodes: @unchecked Sendable {
    private typealias Entry = (count: Int, w0: UInt64, w1: UInt64, m0: UInt64, m1: UInt64, value: UInt8)
    private let entries: UnsafeMutablePointer<Entry>
    private let buckets: UnsafeMutablePointer<SIMD4<Int16>>
    private static let bucketCount = 1024

    /// `codes`: each code's group, bytes and the value `match` gives for it.
    init(_ codes: [(group: Int, bytes: [UInt8], value: UInt8)]) {
        entries = .allocate(capacity: max(1, codes.count))
        buckets = .allocate(capacity: Self.bucketCount)
        buckets.initialize(repeating: SIMD4(repeating: -1), count: Self.bucketCount)
        for (i, code) in codes.enumerated() {
            var w = (UInt64(0), UInt64(0)), m = (UInt64(0), UInt64(0))
            for (k, byte) in code.bytes.prefix(16).enumerated() {
                if k < 8 { w.0 |= UInt64(byte) << (8 * k); m.0 |= 0xFF << (8 * k) }
                else { w.1 |= UInt64(byte) << (8 * (k - 8)); m.1 |= 0xFF << (8 * (k - 8)) }
            }
            (entries + i).initialize(to: (code.bytes.count, w.0, w.1, m.0, m.1, code.value))
            guard let first = code.bytes.first, code.bytes.count <= 16 else { continue }
            // A one-byte code's second byte is whatever ends it.
            for second in code.bytes.count > 1 ? [code.bytes[1]] : [10, 13, 44, 59] {
                let b = Self.bucket(code.group, first, second)
                guard let slot = (0..<4).first(where: { buckets[b][$0] < 0 }) else { continue }
                buckets[b][slot] = Int16(i)
            }
        }
    }

    deinit { entries.deallocate(); buckets.deallocate() }

    @inline(__always) static func bucket(_ group: Int, _ b0: UInt8, _ b1: UInt8) -> Int {
        Int(truncatingIfNeeded: (UInt32(truncatingIfNeeded: group) &* 0x9E37_79B1 ^ UInt32(b0) &* 0x85EB_CA77
                                 ^ UInt32(b1) &* 0xC2B2_AE3D) >> 22)
    }

    /// The value and length of the code of `group` that the bytes at `p` spell, followed by
    /// `separator` (18 bytes readable from `p`).
    @inline(__always)
    func match(_ p: UnsafePointer<UInt8>, group: Int, followedBy separator: UInt8) -> (value: UInt8, count: Int)? {
        match(p, group: group) { $0[0] == separator ? 1 : 0 }.map { ($0.value, $0.count) }
    }

    /// The value of the code of `group` that the bytes at `p` spell, followed by a line end (LF
    /// or CRLF), and the offset from `p` after that line end (18 bytes readable from `p`).
    @inline(__always)
    func matchToLineEnd(_ p: UnsafePointer<UInt8>, group: Int) -> (value: UInt8, next: Int)? {
        match(p, group: group) { $0[0] == 10 ? 1 : $0[0] == 13 && $0[1] == 10 ? 2 : 0 }
            .map { ($0.value, $0.count + $0.end) }
    }

    /// The code of `group` that the bytes at `p` spell, followed by what `end` takes for its end
    /// (the length of the end at the given bytes, 0 for none).
    @inline(__always)
    private func match(_ p: UnsafePointer<UInt8>, group: Int, end: (UnsafePointer<UInt8>) -> Int)
        -> (value: UInt8, count: Int, end: Int)? {
        let w0 = UInt64(littleEndian: UnsafeRawPointer(p).loadUnaligned(as: UInt64.self))
        let w1 = UInt64(littleEndian: UnsafeRawPointer(p + 8).loadUnaligned(as: UInt64.self))
        let candidates = buckets[Self.bucket(group, p[0], p[1])]
        for k in 0..<4 {
            let i = Int(candidates[k])
            guard i >= 0 else { return nil }
            let e = entries[i]
            guard w0 & e.m0 == e.w0, w1 & e.m1 == e.w1 else { continue }
            let length = end(p + e.count)
            if length > 0 { return (e.value, e.count, length) }
        }
        return nil
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

    /// A field as ``CSVRow/identifier(_:_:)`` accepts it: not empty, no whitespace at either end.
    @inline(__always) func isIdentifier(_ f: Range<Int>) -> Bool {
        !f.isEmpty && !isSpace(b[f.lowerBound]) && !isSpace(b[f.upperBound - 1])
    }

    // The fields below are read where they start, without looking for their end first: a date
    // or a flag is a few known bytes that the separator must follow (the separator is `,` or
    // `;`, neither a digit nor `-`); a code is matched by its first bytes (``LeadingCodes``).

    /// A `YYYY-MM-DD` date of the month table (as ``quickDay(_:)`` reads it) followed by the
    /// separator: its day; `nil` for any other field.
    @inline(__always) mutating func dayField(_ days: DayTable) -> Int32? {
        guard position + 10 < n, b[position + 10] == separator, let d = days.day(b + position) else { return nil }
        position += 11
        return d
    }

    /// An empty field (`.some(nil)`) or a date as ``dayField(_:)`` reads it.
    @inline(__always) mutating func optionalDayField(_ days: DayTable) -> Int32?? {
        guard position < n else { return nil }
        if b[position] == separator { position += 1; return .some(nil) }
        guard let d = dayField(days) else { return nil }
        return .some(d)
    }

    /// A flag field followed by the separator, read as ``CSVRow/bool(_:_:)`` reads `0`, `1` and
    /// empty; `nil` for any other.
    @inline(__always) mutating func flagField() -> Bool? {
        guard position < n else { return nil }
        let c = b[position]
        if c == separator { position += 1; return false }
        guard c == 48 || c == 49, position + 1 < n, b[position + 1] == separator else { return nil }
        position += 2
        return c == 49
    }

    /// The row's last field as a flag, and the offset after its line end (LF or CRLF, or the end
    /// of the file).
    @inline(__always) mutating func lastFlagField() -> (flag: Bool, next: Int)? {
        var p = position, flag = false
        if p < n, b[p] == 48 || b[p] == 49 { flag = b[p] == 49; p += 1 }
        if p >= n { return (flag, n) }
        if b[p] == 10 { return (flag, p + 1) }
        if b[p] == 13, p + 1 < n, b[p + 1] == 10 { return (flag, p + 2) }
        return nil
    }

    /// A code of `codes` (group 0) followed by the separator: its value; `nil` for any other
    /// field (and for one within 18 bytes of the end of the file: the located parsers read it).
    @inline(__always) mutating func codeField(_ codes: LeadingCodes) -> UInt8? {
        guard position + 18 <= n, let m = codes.match(b + position, group: 0, followedBy: separator) else { return nil }
        position += m.count + 1
        return m.value
    }

    /// An empty field (`.some(nil)`) or a code as ``codeField(_:)`` reads it.
    @inline(__always) mutating func optionalCodeField(_ codes: LeadingCodes) -> UInt8?? {
        if emptyField() { return .some(nil) }
        guard let code = codeField(codes) else { return nil }
        return .some(code)
    }

    /// Whether the field here is empty (followed by the separator); moves past it if so.
    @inline(__always) mutating func emptyField() -> Bool {
        guard position < n, b[position] == separator else { return false }
        position += 1
        return true
    }

    @inline(__always) func bytes(_ f: Range<Int>) -> UnsafeBufferPointer<UInt8> {
        UnsafeBufferPointer(start: b + f.lowerBound, count: f.count)
    }
}
