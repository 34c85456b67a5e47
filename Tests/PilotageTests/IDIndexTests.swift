import Testing
@testable import Pilotage

@Suite("IDIndex: keys inserted in batches are numbered in order, and any duplicate is caught")
struct IDIndexTests {
    /// `count` keys, the one at `duplicateAt` (if any) a copy of the one `back` places before it.
    func keys(_ count: Int, duplicateAt: Int?, back: Int) -> [[UInt8]] {
        var keys = (0..<count).map { Array("Y\(1_000_000 + $0 * 7)".utf8) }
        if let at = duplicateAt { keys[at] = keys[at - back] }
        return keys
    }

    func insertAll(_ keys: [[UInt8]], into index: inout IDIndex) -> Bool {
        let all = keys.flatMap { $0 }
        return all.withUnsafeBufferPointer { bytes in
            var at = 0
            let entries = keys.map { key -> (start: UnsafePointer<UInt8>, count: Int32, hash: Int) in
                defer { at += key.count }
                return (bytes.baseAddress! + at, Int32(key.count),
                        IDIndex.hash(UnsafeBufferPointer(rebasing: bytes[at..<at + key.count])))
            }
            return entries.withUnsafeBufferPointer { index.insertAll($0) }
        }
    }

    @Test("Numbered in order, each found; a duplicate within a batch, across batches or far back: false")
    func batches() {
        for count in [1, 15, 16, 17, 100, 5000] {
            var index = IDIndex(capacity: 4)
            let k = keys(count, duplicateAt: nil, back: 0)
            #expect(insertAll(k, into: &index))
            #expect(index.count == count)
            for (i, key) in k.enumerated() {
                #expect(key.withUnsafeBufferPointer { index.find($0) } == Int32(i))
            }
        }
        for (at, back) in [(1, 1), (15, 3), (16, 1), (17, 17), (4999, 4000), (2500, 2500)] {
            var index = IDIndex(capacity: 4)
            #expect(!insertAll(keys(5000, duplicateAt: at, back: back), into: &index), "at \(at), back \(back)")
        }
        // A key already in the index before the batch.
        var index = IDIndex()
        index.insert("Y1000014")
        #expect(!insertAll(keys(100, duplicateAt: nil, back: 0), into: &index))
    }
}
