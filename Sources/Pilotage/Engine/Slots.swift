/// The components the engine accumulates per territory, year and breakdown: every count
/// and sum line of the catalogue, plus the sums and record counts behind the means.
enum Slots {
    /// Internal components of the means (not catalogue lines).
    static let meanParts = ["5.sum", "5.n", "5.direct", "7.sum", "7.n", "7.direct"]

    static let ids: [String] = Catalogue.computed.filter { $0.kind == .count || $0.kind == .sum }.map(\.id) + meanParts
    static let index: [String: Int] = Dictionary(uniqueKeysWithValues: ids.enumerated().map { ($1, $0) })
    static var count: Int { ids.count }

    /// The count lines of young people, as bit positions of a per-person membership mask: first
    /// the lines of the evaluator's year word (``PersonEvaluator/wordLines``), then the others
    /// in catalogue order.
    static let countLines: [String] = {
        let counts = Catalogue.computed.filter { $0.kind == .count }.map(\.id)
        do { return try maskLayout(counts, wordLines: PersonEvaluator.wordLines) } catch {
            preconditionFailure("the catalogue's count lines: \(error)")
        }
    }()

    /// Why the count lines cannot be laid out in a ``LineMask``.
    enum LayoutError: Error, Equatable {
        /// More count lines than the mask has bits: a bit beyond would be silently dropped.
        case tooManyLines(Int, capacity: Int)
        /// A line of the year word is not a count line.
        case notACountLine(String)
    }

    /// The bit of each count line: the year word's lines first, then the others in catalogue
    /// order; refused when they do not fit (the test of the catalogue builds it).
    static func maskLayout(_ all: [String], wordLines: [String]) throws(LayoutError) -> [String] {
        if let stray = wordLines.first(where: { !all.contains($0) }) { throw .notACountLine(stray) }
        guard all.count <= LineMask.capacity else { throw .tooManyLines(all.count, capacity: LineMask.capacity) }
        return wordLines + all.filter { !wordLines.contains($0) }
    }
    static func bit(_ id: String) -> Int { countLines.firstIndex(of: id)! }

    static let mean5Sum = index["5.sum"]!, mean5N = index["5.n"]!, mean5Direct = index["5.direct"]!
    static let mean7Sum = index["7.sum"]!, mean7N = index["7.n"]!, mean7Direct = index["7.direct"]!
}

/// A set of count lines (one bit per line of ``Slots/countLines``).
struct LineMask: Equatable {
    /// How many lines it holds (``Slots/maskLayout(_:wordLines:)`` refuses more).
    static let capacity = 128
    var low: UInt64 = 0
    var high: UInt64 = 0
    @inline(__always) mutating func insert(_ bit: Int) {
        if bit < 64 { low |= 1 << UInt64(bit) } else { high |= 1 << UInt64(bit - 64) }
    }
    var isEmpty: Bool { low == 0 && high == 0 }
    @inline(__always) mutating func formUnion(_ other: LineMask) { low |= other.low; high |= other.high }
}
