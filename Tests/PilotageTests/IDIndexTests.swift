import Testing
@testable import Pilotage

@Suite("IDIndex: keys inserted region by region are numbered in order, and any duplicate is caught")
struct IDIndexTests {
    /// `count` keys, the one at `duplicateAt` (if any) a copy of the one `back` places before it.
    func keys(_ count: Int, duplicateAt: Int?, back: Int) -> [[UInt8]] {
        var keys = (0..<count).map { Array("Y\(1_000_000 + $0 * 7)".utf8) }
        if let at = duplicateAt { keys[at] = keys[at - back] }
        return keys
    }

    /// Inserts `keys` in one call, given in `parts` parts (cut at even places: some empty when
    /// the keys are fewer), as the loader gives a file's parts.
    func insertAll(_ keys: [[UInt8]], into index: inout IDIndex, regionBits: Int = 14, parts: Int = 3) -> Bool {
        let all = keys.flatMap { $0 }
        return all.withUnsafeBufferPointer { bytes in
            var at = 0
            let entries = keys.map { key -> (start: UnsafePointer<UInt8>, count: Int32, hash: Int) in
                defer { at += key.count }
                return (bytes.baseAddress! + at, Int32(key.count),
                        IDIndex.hash(UnsafeBufferPointer(rebasing: bytes[at..<at + key.count])))
            }
            let cuts = (0...parts).map { entries.count * $0 / parts }
            let pieces = (0..<parts).map { Array(entries[cuts[$0]..<cuts[$0 + 1]]) }
            return withBuffers(pieces[...]) { index.insertAll($0, regionBits: regionBits) }
        }
    }

    /// Regions of 4 slots make probe runs cross from one region into the next all the time;
    /// 14 bits is the loader's (40,000 keys fill several regions).
    @Test("Numbered in order, each found; a duplicate in the same region, another or far back: false",
          arguments: [2, 14])
    func regions(bits: Int) {
        for count in [1, 15, 16, 17, 100, 5000, 40_000] {
            var index = IDIndex(capacity: 4)
            let k = keys(count, duplicateAt: nil, back: 0)
            #expect(insertAll(k, into: &index, regionBits: bits))
            #expect(index.count == count)
            for (i, key) in k.enumerated() {
                #expect(key.withUnsafeBufferPointer { index.find($0) } == Int32(i))
            }
        }
        for (at, back) in [(1, 1), (15, 3), (16, 1), (17, 17), (4999, 4000), (2500, 2500), (39_999, 39_000)] {
            var index = IDIndex(capacity: 4)
            #expect(!insertAll(keys(max(5000, at + 1), duplicateAt: at, back: back), into: &index, regionBits: bits),
                    "at \(at), back \(back)")
        }
        // Many duplicates: with 4-slot regions some first copies sit in the next region.
        for at in stride(from: 1, to: 3000, by: bits == 2 ? 7 : 301) {
            var index = IDIndex(capacity: 4)
            #expect(!insertAll(keys(3000, duplicateAt: at, back: min(at, at % 40 + 1)), into: &index,
                               regionBits: bits), "at \(at)")
        }
        // A key already in the index before the call; then two calls in a row.
        var index = IDIndex()
        index.insert("Y1000014")
        #expect(!insertAll(keys(100, duplicateAt: nil, back: 0), into: &index, regionBits: bits))
        var twice = IDIndex(capacity: 4)
        let k = keys(30_000, duplicateAt: nil, back: 0)
        #expect(insertAll(Array(k[..<12_000]), into: &twice, regionBits: bits, parts: 1))
        #expect(insertAll(Array(k[12_000...]), into: &twice, regionBits: bits))
        #expect(!insertAll([k[29_999]], into: &twice, regionBits: bits))
        for (i, key) in k.enumerated() where i % 7 == 0 {
            #expect(key.withUnsafeBufferPointer { twice.find($0) } == Int32(i))
        }
    }
}
