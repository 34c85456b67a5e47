#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Interns identifier strings without allocating a `String` per row: keys live in one
/// byte arena, looked up by their bytes (open addressing, FNV-1a).
struct IDIndex: Sendable {
    /// A key to insert by ``insertAll(_:regionBits:)``: its bytes and their ``hash(_:)``.
    typealias Key = (start: UnsafePointer<UInt8>, count: Int32, hash: Int)

    private var arena: [UInt8] = []
    private var offsets: [Int32] = [0]
    private var table: [Int32]
    private var mask: Int

    init(capacity: Int = 1024) {
        var size = 16
        while size < capacity * 2 { size <<= 1 }
        table = IDIndex.emptyTable(size)
        mask = size - 1
    }

    /// `size` empty slots; a large table asks for huge pages before it is touched (its slots are
    /// read at random: with 4 KB pages nearly every probe would also miss the TLB).
    private static func emptyTable(_ size: Int) -> [Int32] {
        [Int32](unsafeUninitializedCapacity: size) { buffer, count in
            adviseHugePages(UnsafeMutableRawBufferPointer(buffer))
            buffer.initialize(repeating: -1)
            count = size
        }
    }

    var count: Int { offsets.count - 1 }

    /// A word at a time (identifiers are short): the table's slot is a cache miss anyway, the
    /// hash should not add a byte-by-byte multiply chain to it.
    @inline(__always) static func hash(_ key: UnsafeBufferPointer<UInt8>) -> Int {
        let n = key.count
        var h = UInt64(truncatingIfNeeded: n) &* 0x9E37_79B9_7F4A_7C15
        guard let p = key.baseAddress else { return Int(truncatingIfNeeded: h) }
        var i = 0
        while i + 8 <= n {
            h = (h ^ UnsafeRawPointer(p + i).loadUnaligned(as: UInt64.self)) &* 0xBF58_476D_1CE4_E5B9
            h ^= h >> 31
            i += 8
        }
        if i < n {
            var tail: UInt64 = 0
            while i < n { tail = tail << 8 | UInt64(p[i]); i += 1 }
            h = (h ^ tail) &* 0x94D0_49BB_1331_11EB
        }
        h = (h ^ (h >> 32)) &* 0xD6E8_FEB8_6659_FD93
        return Int(truncatingIfNeeded: h ^ (h >> 32))
    }

    @inline(__always) private func equals(_ i: Int32, _ key: UnsafeBufferPointer<UInt8>) -> Bool {
        let s = Int(offsets[Int(i)]), e = Int(offsets[Int(i) + 1])
        guard e - s == key.count else { return false }
        guard let k = key.baseAddress else { return true }
        return arena.withUnsafeBufferPointer { sameBytes($0.baseAddress! + s, k, key.count) }
    }

    /// Whether the key at `index` is `key`.
    @inline(__always) func matches(_ index: Int32, _ key: UnsafeBufferPointer<UInt8>) -> Bool {
        index >= 0 && Int(index) < count && equals(index, key)
    }

    /// The index of `key`, trying `guess` and the 16 indexes after it first: files grouped by
    /// young person in the order of youth.csv then need no hashing (those with no row for some
    /// young people, as pathways.csv, skip a few), and the keys compared lie side by side (a
    /// hashed lookup is three cache misses in a row).
    @inline(__always) func find(_ key: UnsafeBufferPointer<UInt8>, guess: inout Int32) -> Int32? {
        for next in guess...guess + 16 where matches(next, key) {
            guess = next
            return next
        }
        guard let found = find(key) else { return nil }
        guess = found
        return found
    }

    /// The index of `key`, or `nil`.
    func find(_ key: UnsafeBufferPointer<UInt8>) -> Int32? {
        var slot = IDIndex.hash(key) & mask
        while true {
            let v = table[slot]
            if v < 0 { return nil }
            if equals(v, key) { return v }
            slot = (slot + 1) & mask
        }
    }

    func find(_ key: String) -> Int32? {
        var k = key
        return k.withUTF8 { find($0) }
    }

    /// Inserts `key`; returns its index and whether it was new.
    @discardableResult
    mutating func insert(_ key: UnsafeBufferPointer<UInt8>) -> (index: Int32, inserted: Bool) {
        insert(key, hash: IDIndex.hash(key))
    }

    /// Inserts `key`, whose ``hash(_:)`` is `hash`; returns its index and whether it was new.
    @inline(__always)
    mutating func insert(_ key: UnsafeBufferPointer<UInt8>, hash: Int) -> (index: Int32, inserted: Bool) {
        if count * 2 >= table.count { grow() }
        var slot = hash & mask
        while true {
            let v = table[slot]
            if v < 0 { break }
            if equals(v, key) { return (v, false) }
            slot = (slot + 1) & mask
        }
        let index = Int32(count)
        arena.append(contentsOf: key)
        offsets.append(Int32(arena.count))
        table[slot] = index
        return (index, true)
    }

    @discardableResult
    mutating func insert(_ key: String) -> (index: Int32, inserted: Bool) {
        var k = key
        return k.withUTF8 { insert($0) }
    }

    private mutating func grow() {
        let size = table.count * 2
        table = IDIndex.emptyTable(size)
        mask = size - 1
        for i in 0..<count {
            let s = Int(offsets[i]), e = Int(offsets[i + 1])
            var slot = arena.withUnsafeBufferPointer { IDIndex.hash(UnsafeBufferPointer(rebasing: $0[s..<e])) } & mask
            while table[slot] >= 0 { slot = (slot + 1) & mask }
            table[slot] = Int32(i)
        }
    }

    /// Inserts the keys in order, each with its ``hash(_:)``: numbered as one by one, but placed
    /// region of the table by region (2^`regionBits` slots, a few hundred KB): the keys are first
    /// sorted by the region of their home slot (a counting sort), so that each region's probes
    /// stay in the cache instead of each being a miss. Within a region a slot's key is told
    /// apart by its hash before its bytes are compared. `false` at the first key already there;
    /// the index must then be dropped (the keys after it are in the arena, not in the table).
    mutating func insertAll(_ keys: UnsafeBufferPointer<Key>, regionBits: Int = 14) -> Bool {
        insertAll([keys], regionBits: regionBits)
    }

    /// The keys of `parts`, one after the other, numbered in that order; `nil` if one is there twice.
    init?(numbering parts: [[Key]]) {
        self.init(capacity: parts.reduce(0) { $0 + $1.count })
        guard withBuffers(parts[...], { insertAll($0) }) else { return nil }
    }

    /// ``insertAll(_:regionBits:)`` for keys given in parts, one after the other (the parts of a
    /// file read in parallel: not copied end to end first).
    mutating func insertAll(_ parts: [UnsafeBufferPointer<Key>], regionBits: Int = 14) -> Bool {
        let added = parts.reduce(0) { $0 + $1.count }
        guard added > 0 else { return true }
        while (count + added) * 2 >= table.count { grow() }
        let first = count
        // The keys' bytes after the arena's, and their ends, each array written once: the inserts
        // below compare keys there.
        let bytes = arena.count, addedBytes = parts.reduce(0) { $0 + $1.reduce(0) { $0 + Int($1.count) } }
        arena = [UInt8](unsafeUninitializedCapacity: bytes + addedBytes) { a, n in
            arena.withUnsafeBufferPointer { old in
                if let o = old.baseAddress { a.baseAddress!.initialize(from: o, count: bytes) }
            }
            var at = bytes
            for keys in parts {
                for k in keys {
                    (a.baseAddress! + at).initialize(from: k.start, count: Int(k.count))
                    at += Int(k.count)
                }
            }
            n = at
        }
        offsets = [Int32](unsafeUninitializedCapacity: offsets.count + added) { o, n in
            offsets.withUnsafeBufferPointer { old in
                o.baseAddress!.initialize(from: old.baseAddress!, count: old.count)
            }
            var at = offsets.count, end = Int32(bytes)
            for keys in parts {
                for k in keys {
                    end += k.count
                    (o.baseAddress! + at).initialize(to: end)
                    at += 1
                }
            }
            n = at
        }
        let regionSize = min(1 << regionBits, table.count), regions = table.count / regionSize
        let shift = regionSize.trailingZeroBitCount, mask = self.mask
        // The keys in the order of their home slot's region, in key order within one.
        var starts = [Int](repeating: 0, count: regions + 1)
        for keys in parts { for k in keys { starts[(k.hash & mask) >> shift + 1] += 1 } }
        for r in 0..<regions { starts[r + 1] += starts[r] }
        var next = starts
        let order = [(hash: Int, key: Int32)](unsafeUninitializedCapacity: added) { o, n in
            var j: Int32 = 0
            for keys in parts {
                for k in keys {
                    let r = (k.hash & mask) >> shift
                    (o.baseAddress! + next[r]).initialize(to: (k.hash, j))
                    next[r] += 1
                    j += 1
                }
            }
            n = added
        }
        // The hash (with its low bit set) of each slot of the region filled here; 0 for a slot
        // filled before (an earlier call, or a probe run from the region before): bytes compared.
        var known = [UInt64](repeating: 0, count: regionSize)
        // The table moved out while it is written (the key compare reads the rest of the index).
        var slots: [Int32] = []
        swap(&slots, &table)
        defer { swap(&slots, &table) }
        return slots.withUnsafeMutableBufferPointer { t in
            known.withUnsafeMutableBufferPointer { h in
                var reset = false
                for r in 0..<regions where starts[r] < starts[r + 1] {
                    let r0 = r << shift
                    if reset { h.update(repeating: 0) }
                    reset = true
                    for e in order[starts[r]..<starts[r + 1]] {
                        let tag = UInt64(UInt(bitPattern: e.hash)) | 1, index = first + Int(e.key)
                        var slot = e.hash & mask
                        while t[slot] >= 0 {
                            let inRegion = UInt(bitPattern: slot &- r0) < UInt(regionSize)
                            let seen = inRegion ? h[slot - r0] : 0
                            if seen == 0 || seen == tag, equalKeys(Int(t[slot]), index) { return false }
                            slot = (slot + 1) & mask
                        }
                        t[slot] = Int32(index)
                        if UInt(bitPattern: slot &- r0) < UInt(regionSize) { h[slot - r0] = tag }
                    }
                }
                return true
            }
        }
    }

    /// Whether keys `a` and `b` have the same bytes.
    private func equalKeys(_ a: Int, _ b: Int) -> Bool {
        arena.withUnsafeBufferPointer {
            equals(Int32(a), UnsafeBufferPointer(rebasing: $0[Int(offsets[b])..<Int(offsets[b + 1])]))
        }
    }

    /// The key at `index`.
    func key(_ index: Int) -> String {
        String(decoding: arena[Int(offsets[index])..<Int(offsets[index + 1])], as: UTF8.self)
    }

    /// Compares two keys in Unicode code point order (UTF-8 byte order is code point order).
    func less(_ a: Int, _ b: Int) -> Bool {
        let sa = Int(offsets[a]), ea = Int(offsets[a + 1]), sb = Int(offsets[b]), eb = Int(offsets[b + 1])
        return arena.withUnsafeBufferPointer { p in
            var i = sa, j = sb
            while i < ea, j < eb {
                if p[i] != p[j] { return p[i] < p[j] }
                i += 1; j += 1
            }
            return (ea - sa) < (eb - sb)
        }
    }
}

extension IDIndex {
    /// Its storage, for a snapshot: the key bytes, the key offsets and the hash table.
    var parts: (arena: [UInt8], offsets: [Int32], table: [Int32]) { (arena, offsets, table) }

    /// The hash of a few fixed keys: a snapshot's hash table is only valid for the hash function
    /// that filled it, so the snapshot format includes this (any change of the function rebuilds).
    static var hashSignature: String {
        ["Y000000001", "P1", "pilotage-ID-index"].map { key in
            var k = key
            return String(k.withUTF8 { UInt(bitPattern: hash($0)) }, radix: 16)
        }.joined(separator: ".")
    }

    /// An index from the parts a snapshot kept; `nil` when they do not fit together.
    init?(arena: [UInt8], offsets: [Int32], table: [Int32]) {
        guard offsets.first == 0, offsets.last.map(Int.init) == arena.count, table.count >= 16,
              table.count & (table.count - 1) == 0, table.count >= 2 * (offsets.count - 1) else { return nil }
        self.arena = arena; self.offsets = offsets; self.table = table; mask = table.count - 1
    }
}

/// `body` given each array's memory (the arrays' parts of a file, read in place).
func withBuffers<T, R>(_ arrays: ArraySlice<[T]>, _ body: ([UnsafeBufferPointer<T>]) -> R) -> R {
    func nest(_ rest: ArraySlice<[T]>, _ buffers: [UnsafeBufferPointer<T>]) -> R {
        guard let first = rest.first else { return body(buffers) }
        return first.withUnsafeBufferPointer { nest(rest.dropFirst(), buffers + [$0]) }
    }
    return nest(arrays, [])
}
