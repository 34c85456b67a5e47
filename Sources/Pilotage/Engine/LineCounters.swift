/// Counts of the count lines for many rows (an ML, a year and a pattern of breakdowns), kept
/// as bit planes: adding a young person's `LineMask` to a row costs a few word operations
/// whatever the number of lines in it (a carry-save adder), instead of one increment per line.
///
/// Plane `l` holds bit `l` of every line's count below 16; a sixteenth carry goes into
/// `counts`, and `flush()` adds the planes there at the end.
///
/// Non-copyable: it owns its two buffers and frees them when it ends, once.
struct LineCounters: ~Copyable, Sendable {
    static let planeCount = 4
    let rows: Int, lines: Int
    private let planes: UniqueBuffer<LineMask>
    /// `rows × lines` counts, complete after `flush()`.
    let counts: UniqueBuffer<Int32>

    init(rows: Int, lines: Int) {
        self.rows = rows; self.lines = lines
        planes = UniqueBuffer(repeating: LineMask(), count: rows * LineCounters.planeCount)
        counts = UniqueBuffer(repeating: 0, count: rows * lines)
    }

    /// Adds one to the count of every line of `mask` in `row`.
    @inline(__always) func add(_ mask: LineMask, row: Int) {
        let p = planes.pointer + row * LineCounters.planeCount
        var low = mask.low, high = mask.high
        for l in 0..<LineCounters.planeCount {
            let carryLow = p[l].low & low, carryHigh = p[l].high & high
            p[l].low ^= low; p[l].high ^= high
            low = carryLow; high = carryHigh
        }
        if low | high != 0 { add(LineMask(low: low, high: high), times: 1 << LineCounters.planeCount, row: row) }
    }

    /// Moves the planes of `rows` into `counts`.
    func flush(_ rows: Range<Int>) {
        for row in rows {
            let p = planes.pointer + row * LineCounters.planeCount
            for l in 0..<LineCounters.planeCount where !p[l].isEmpty {
                add(p[l], times: 1 << l, row: row)
                p[l] = LineMask()
            }
        }
    }

    private func add(_ mask: LineMask, times: Int32, row: Int) {
        let c = counts.pointer + row * lines
        var w = mask.low, base = 0
        while true {
            while w != 0 {
                c[base + w.trailingZeroBitCount] += times
                w &= w - 1
            }
            if base == 64 { return }
            base = 64; w = mask.high
        }
    }
}
