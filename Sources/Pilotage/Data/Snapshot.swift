#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// Where the columnar snapshots of loaded microdata are kept, so that a dataset opened again
/// with unchanged files is read back at disk speed instead of parsed.
///
/// The first successful load of a microdata dataset writes its columns to one file of the
/// cache folder; a later load of the same folder reads them back when every file of the
/// dataset still has its size, modification time and the content of its head and tail. A
/// snapshot of another version of Pilotage, of another machine kind, truncated or damaged
/// (its checksum), or of files that changed since, is never trusted: the dataset is parsed
/// and the snapshot written again. Deleting the cache folder is always safe.
public struct SnapshotCache: Sendable, Hashable {
    /// The cache folder.
    public var directory: String
    /// Datasets whose microdata files weigh less than this (in bytes) are not snapshotted:
    /// parsing them is about as fast as reading a snapshot.
    public var minimumBytes: Int

    /// A cache in `directory`; datasets under `minimumBytes` of microdata are left out.
    public init(directory: String, minimumBytes: Int = 32 << 20) {
        self.directory = directory; self.minimumBytes = minimumBytes
    }

    /// The user's cache, `$XDG_CACHE_HOME/pilotage/snapshots` (by default
    /// `~/.cache/pilotage/snapshots`), as the XDG base directory specification says; `nil`
    /// when neither variable gives an absolute path.
    public static func user(environment: [String: String] = ProcessInfo.processInfo.environment) -> SnapshotCache? {
        let base: String
        if let xdg = environment["XDG_CACHE_HOME"], xdg.hasPrefix("/") { base = xdg }
        else if let home = environment["HOME"], home.hasPrefix("/") { base = home + "/.cache" }
        else { return nil }
        return SnapshotCache(directory: base + "/pilotage/snapshots")
    }

    /// The snapshot file of a dataset folder (named after the folder's absolute path).
    public func file(for dataset: String) -> String {
        let name = String(Checksum.of(Array(Snapshot.absolute(dataset).utf8)), radix: 16) + ".snapshot"
        return (directory as NSString).appendingPathComponent(name)
    }

    /// A snapshot in the cache: the dataset folder it was made from, its size and date.
    public struct Entry: Sendable, Hashable {
        /// The snapshot file.
        public var file: String
        /// The dataset folder it was made from (absolute; it may have moved or gone since),
        /// `nil` for a snapshot of another version.
        public var dataset: String?
        /// Its size in bytes.
        public var bytes: Int
        /// When it was written.
        public var written: Date
    }

    /// The snapshots in the cache, the largest first. They hold the microdata (pseudonymous
    /// identifiers included), as the dataset's own files do.
    public func entries() -> [Entry] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        return names.filter { $0.hasSuffix(".snapshot") }.compactMap { name -> Entry? in
            let file = (directory as NSString).appendingPathComponent(name)
            guard let attributes = try? FileManager.default.attributesOfItem(atPath: file) else { return nil }
            return Entry(file: file, dataset: Snapshot.datasetPath(of: file), bytes: (attributes[.size] as? Int) ?? 0,
                         written: (attributes[.modificationDate] as? Date) ?? Date(timeIntervalSince1970: 0))
        }.sorted { ($0.bytes, $0.file) > ($1.bytes, $1.file) }
    }

    /// Removes every snapshot of the cache (and the temporary files of interrupted writes);
    /// returns how many files were removed.
    @discardableResult
    public func clear() -> Int {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        return names.filter { $0.hasSuffix(".snapshot") || $0.hasSuffix(".tmp") }.reduce(0) { n, name in
            let file = (directory as NSString).appendingPathComponent(name)
            return n + ((try? FileManager.default.removeItem(atPath: file)) != nil ? 1 : 0)
        }
    }

    /// Whether the dataset folder has a snapshot that a load would use, and if not, why.
    public func status(of dataset: String) -> SnapshotStatus {
        guard let fingerprint = Snapshot.fingerprint(of: dataset) else { return .absent }
        switch Snapshot.read(file(for: dataset), fingerprint: fingerprint) {
        case .success: return .valid
        case .failure(let rejection): return rejection == .absent ? .absent : .rejected(rejection)
        }
    }
}

/// What a dataset folder's snapshot is worth, for ``SnapshotCache/status(of:)``.
public enum SnapshotStatus: Sendable, Hashable {
    /// The snapshot matches the files: a load reads it instead of parsing.
    case valid
    /// There is no snapshot.
    case absent
    /// There is one, and a load would parse the files and write it again.
    case rejected(SnapshotRejection)
}

/// Why a snapshot is not used.
public enum SnapshotRejection: String, Error, Sendable, Hashable {
    /// No snapshot file.
    case absent
    /// A file of the dataset changed (added, removed, another size, time, head or tail).
    case datasetChanged
    /// Written by another version of Pilotage (or another snapshot format).
    case otherVersion
    /// Written on another kind of machine (byte order, architecture).
    case otherMachine
    /// Shorter or longer than its header says.
    case truncated
    /// Its checksum or its columns' shapes are wrong.
    case damaged
}

/// The snapshot file: a header (magic, machine, producer, the dataset's folder and
/// fingerprint, then a table of the columns — each one's byte count and checksum — and the
/// header's own checksum), then every column of the ``MicroStore``'s bytes, each padded to 8.
/// Columns are read straight into their arrays, by blocks on every core.
enum Snapshot {
    static let magic = Array("PILOTAGE-SNAPSHOT\n".utf8)
    /// Changes with any change of the columns written or their meaning (the format's number),
    /// and of the identifier hash that laid out their hash tables (its signature).
    static let producer = "pilotage \(PilotageVersion.string), snapshot format 2, id hash \(IDIndex.hashSignature)"
    static var machine: String {
        #if arch(x86_64)
        let arch = "x86_64"
        #elseif arch(arm64)
        let arch = "arm64"
        #else
        let arch = "other"
        #endif
        return "\(arch) \(1.littleEndian == 1 ? "little" : "big")-endian \(MemoryLayout<Int>.size * 8)-bit"
    }

    /// A folder's absolute path, symbolic links resolved: one snapshot per folder however it is named.
    static func absolute(_ dataset: String) -> String {
        URL(fileURLWithPath: dataset).standardizedFileURL.resolvingSymlinksInPath().path
    }

    /// The dataset folder a snapshot file was made from, read from its header.
    static func datasetPath(of file: String) -> String? {
        guard let (fd, size) = openRegularFile(file) else { return nil }
        defer { close(fd) }
        var reader = FileReader(fd: fd, size: size)
        guard reader.raw(magic.count) == magic, reader.string() != nil, reader.string() == producer else { return nil }
        return reader.string()
    }

    // MARK: fingerprint

    /// Each regular file of the folder (hidden ones aside), by name: size, modification time
    /// to the nanosecond, and a checksum of its first and last 64 KB. `nil` when the folder
    /// cannot be listed.
    static func fingerprint(of directory: String) -> [UInt8]? {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: directory) else { return nil }
        var out = ByteBuffer()
        for name in names.sorted() where !name.hasPrefix(".") {
            let path = (directory as NSString).appendingPathComponent(name)
            guard let (fd, size) = openRegularFile(path) else { continue }
            defer { close(fd) }
            var st = stat()
            guard fstat(fd, &st) == 0 else { continue }
            out.string(name)
            out.u64(UInt64(size))
            #if canImport(Darwin)
            let modified = st.st_mtimespec
            #else
            let modified = st.st_mtim
            #endif
            out.u64(UInt64(bitPattern: Int64(modified.tv_sec))); out.u64(UInt64(modified.tv_nsec))
            // The first 64 KB and the last 64 KB (the whole file when shorter than 128 KB).
            let window = 64 << 10
            var sample = [UInt8](repeating: 0, count: min(size, 2 * window))
            let read = sample.withUnsafeMutableBytes { b in
                let head = readFully(fd, into: UnsafeMutableRawBufferPointer(rebasing: b[..<min(size, window)]), at: 0)
                guard size > window else { return head }
                let tail = UnsafeMutableRawBufferPointer(rebasing: b[window...])
                return head + readFully(fd, into: tail, at: max(window, size - window))
            }
            out.u64(Checksum.of(Array(sample.prefix(read))))
        }
        return out.bytes
    }

    // MARK: writing

    /// Writes the snapshot (to a temporary file renamed at the end, so that a reader never
    /// sees half of one). Returns whether it was written.
    @discardableResult
    static func write(_ m: MicroStore, dataset: String, fingerprint: [UInt8], to path: String) -> Bool {
        let columns = columns(of: m)
        var header = ByteBuffer()
        header.raw(magic); header.string(machine); header.string(producer)
        header.string(absolute(dataset)); header.blob(fingerprint)
        header.u64(UInt64(columns.count))
        for c in columns {
            header.u64(UInt64(c.count))
            header.u64(c.withBytes { columnSum($0) })
        }
        header.u64(Checksum.of(header.bytes))

        let folder = (path as NSString).deletingLastPathComponent
        let made = try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true,
                                                             attributes: [.posixPermissions: 0o700])
        guard made != nil else { return false }
        let temporary = path + ".\(getpid()).tmp"
        let fd = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
        guard fd >= 0 else { return false }
        var ok = header.bytes.withUnsafeBytes { writeAll(fd, $0) }
        let zeros = [UInt8](repeating: 0, count: 8)
        for c in columns where ok {
            let padding = padded(c.count) - c.count
            ok = c.withBytes { writeAll(fd, $0) }
                && zeros.withUnsafeBytes { writeAll(fd, UnsafeRawBufferPointer(rebasing: $0[0..<padding])) }
        }
        ok = close(fd) == 0 && ok
        guard ok, rename(temporary, path) == 0 else { unlink(temporary); return false }
        return true
    }

    private static func writeAll(_ fd: Int32, _ bytes: UnsafeRawBufferPointer) -> Bool {
        var done = 0
        while done < bytes.count {
            let n = Glibc.write(fd, bytes.baseAddress! + done, bytes.count - done)
            if n < 0, errno == EINTR { continue }
            if n <= 0 { return false }
            done += n
        }
        return true
    }

    static func padded(_ n: Int) -> Int { (n + 7) & ~7 }

    /// Columns are checked and read by blocks of 4 MB, on every core.
    static let block = 4 << 20

    /// A column's checksum: each block's, then theirs (so that blocks are summed in parallel).
    static func columnSum(_ bytes: UnsafeRawBufferPointer) -> UInt64 {
        nonisolated(unsafe) let bytes = bytes
        let sums = blockSums(count: bytes.count) { _, range in
            Checksum.of(UnsafeRawBufferPointer(rebasing: bytes[range]))
        }
        return combine(sums, count: bytes.count)
    }

    /// `body(block, its byte range)` for every block of a column of `count` bytes, in parallel.
    static func blockSums(count: Int, _ body: @Sendable (Int, Range<Int>) -> UInt64?) -> [UInt64]? {
        let blocks = (count + block - 1) / block
        var sums = [UInt64?](repeating: nil, count: blocks)
        sums.withUnsafeMutableBufferPointer { s in
            nonisolated(unsafe) let s = s
            DispatchQueue.concurrentPerform(iterations: blocks) { b in
                s[b] = body(b, b * block..<min(count, (b + 1) * block))
            }
        }
        return sums.contains(nil) ? nil : sums.map { $0! }
    }

    static func combine(_ sums: [UInt64]?, count: Int) -> UInt64 {
        guard let sums else { return 0 }
        var c = Checksum()
        sums.withUnsafeBytes { c.add($0) }
        var n = UInt64(count)
        withUnsafeBytes(of: &n) { c.add($0) }
        return c.value
    }

    // MARK: reading

    /// The microdata of the snapshot at `path`, if it was written for these files by this
    /// version on this kind of machine, whole and undamaged.
    static func read(_ path: String, fingerprint: [UInt8]) -> Result<MicroStore, SnapshotRejection> {
        guard let (fd, size) = openRegularFile(path) else { return .failure(.absent) }
        defer { close(fd) }
        var reader = FileReader(fd: fd, size: size)
        guard reader.raw(magic.count) == magic else { return .failure(.otherVersion) }
        guard reader.string() == machine else { return .failure(reader.failed ? .truncated : .otherMachine) }
        guard reader.string() == producer else { return .failure(reader.failed ? .truncated : .otherVersion) }
        guard reader.string() != nil else { return .failure(.truncated) }
        guard reader.blob() == fingerprint else { return .failure(reader.failed ? .truncated : .datasetChanged) }
        guard let n = reader.u64(), n < 1024 else { return .failure(reader.failed ? .truncated : .damaged) }
        var table: [(count: Int, sum: UInt64)] = []
        for _ in 0..<n {
            guard let count = reader.u64(), let sum = reader.u64() else { return .failure(.truncated) }
            table.append((Int(truncatingIfNeeded: count), sum))
        }
        let headerEnd = size - reader.remaining
        guard let headerSum = reader.u64() else { return .failure(.truncated) }
        var header = [UInt8](repeating: 0, count: headerEnd)
        guard pread(fd, &header, headerEnd, 0) == headerEnd, Checksum.of(header) == headerSum,
              table.allSatisfy({ $0.count >= 0 && $0.count < 1 << 40 }) else { return .failure(.damaged) }
        guard reader.remaining == table.reduce(0, { $0 + padded($1.count) }) else { return .failure(.truncated) }
        var columns = ColumnReader(fd: fd, table: table, offset: headerEnd + 8)
        guard let store = columns.store() else { return .failure(.damaged) }
        return .success(store)
    }

    // MARK: the columns

    /// A column's bytes, whatever its element type.
    struct Column {
        let count: Int
        private let access: ((UnsafeRawBufferPointer) -> Void) -> Void
        init<T>(_ a: [T]) {
            count = a.count * MemoryLayout<T>.stride
            access = { body in a.withUnsafeBytes { body($0) } }
        }
        func withBytes<R>(_ body: (UnsafeRawBufferPointer) -> R) -> R {
            var result: R?
            access { result = body($0) }
            return result!
        }
    }

    /// Every column, in the file's order (the reader's order below must be the same).
    static func columns(of m: MicroStore) -> [Column] {
        let (yA, yO, yT) = m.youthIDs.parts, (pA, pO, pT) = m.pwIDs.parts, (sA, sO, sT) = m.stIDs.parts
        return [Column(yA), Column(yO), Column(yT), Column(m.youthML), Column(m.youthSex),
                Column(m.youthBirth), Column(m.youthLevel), Column(m.youthFlags), Column(m.youthLine),
                Column(m.evStart), Column(m.evDate), Column(m.evKind), Column(m.evDetail), Column(m.evLine),
                Column(m.pwStart), Column(pA), Column(pO), Column(pT), Column(m.pwID), Column(m.pwBegin),
                Column(m.pwEnd), Column(m.pwProgram), Column(m.pwOutcome), Column(m.pwDetail), Column(m.pwFlags),
                Column(m.pwLine),
                Column(m.stStart), Column(sA), Column(sO), Column(sT), Column(m.stID), Column(m.stBegin),
                Column(m.stEnd), Column(m.stKind), Column(m.stDetail), Column(m.stFlags), Column(m.stLine)]
    }

    /// Reads the columns back in order, each straight into its array, by blocks on every core,
    /// checking each one's checksum and shape.
    struct ColumnReader {
        let fd: Int32
        let table: [(count: Int, sum: UInt64)]
        var offset: Int
        var next = 0

        mutating func column<T>(_: T.Type = T.self) -> [T]? {
            guard next < table.count else { return nil }
            let (n, expected) = table[next], at = offset, fd = fd
            next += 1
            offset += padded(n)
            guard n % MemoryLayout<T>.stride == 0 else { return nil }
            var ok = false
            let values = [T](unsafeUninitializedCapacity: n / MemoryLayout<T>.stride) { buffer, initialized in
                nonisolated(unsafe) let raw = UnsafeMutableRawBufferPointer(buffer)
                adviseHugePages(raw)
                let sums = blockSums(count: n) { _, range in
                    let block = UnsafeMutableRawBufferPointer(rebasing: raw[range])
                    guard readFully(fd, into: block, at: at + range.lowerBound) == range.count else { return nil }
                    return Checksum.of(UnsafeRawBufferPointer(block))
                }
                ok = sums != nil && combine(sums, count: n) == expected
                initialized = ok ? buffer.count : 0
            }
            return ok ? values : nil
        }

        mutating func index() -> IDIndex? {
            guard let a: [UInt8] = column(), let o: [Int32] = column(), let t: [Int32] = column() else { return nil }
            return IDIndex(arena: a, offsets: o, table: t)
        }

        /// The grouping offsets of a table: one more than the young people, from 0 to `rows`.
        private func grouping(_ start: [Int32], _ youth: Int, _ rows: Int) -> Bool {
            start.count == youth + 1 && start.first == 0 && start.last.map(Int.init) == rows
        }

        mutating func store() -> MicroStore? {
            guard let ids = index(), let ml: [Int32] = column(), let sex: [UInt8] = column(),
                  let birth: [Int32] = column(), let level: [UInt8] = column(), let flags: [UInt8] = column(),
                  let line: [Int32] = column(),
                  let evStart: [Int32] = column(), let evDate: [Int32] = column(), let evKind: [UInt8] = column(),
                  let evDetail: [UInt8] = column(), let evLine: [Int32] = column(),
                  let pwStart: [Int32] = column(), let pwIDs = index(), let pwID: [Int32] = column(),
                  let pwBegin: [Int32] = column(), let pwEnd: [Int32] = column(), let pwProgram: [UInt8] = column(),
                  let pwOutcome: [UInt8] = column(), let pwDetail: [UInt8] = column(), let pwFlags: [UInt8] = column(),
                  let pwLine: [Int32] = column(),
                  let stStart: [Int32] = column(), let stIDs = index(), let stID: [Int32] = column(),
                  let stBegin: [Int32] = column(), let stEnd: [Int32] = column(), let stKind: [UInt8] = column(),
                  let stDetail: [UInt8] = column(), let stFlags: [UInt8] = column(), let stLine: [Int32] = column()
            else { return nil }
            let n = ml.count, events = evDate.count, pathways = pwID.count, situations = stID.count
            guard ids.count == n, [sex, level, flags].allSatisfy({ $0.count == n }),
                  [birth, line].allSatisfy({ $0.count == n }),
                  grouping(evStart, n, events),
                  [evKind.count, evDetail.count, evLine.count].allSatisfy({ $0 == events }),
                  grouping(pwStart, n, pathways), pwIDs.count == pathways,
                  [pwBegin, pwEnd, pwLine].allSatisfy({ $0.count == pathways }),
                  [pwProgram, pwOutcome, pwDetail, pwFlags].allSatisfy({ $0.count == pathways }),
                  grouping(stStart, n, situations), stIDs.count == situations,
                  [stBegin, stEnd, stLine].allSatisfy({ $0.count == situations }),
                  [stKind, stDetail, stFlags].allSatisfy({ $0.count == situations }) else { return nil }
            return MicroStore(youthIDs: ids, youthML: ml, youthSex: sex, youthBirth: birth, youthLevel: level,
                              youthFlags: flags, youthLine: line,
                              evStart: evStart, evDate: evDate, evKind: evKind, evDetail: evDetail, evLine: evLine,
                              pwStart: pwStart, pwIDs: pwIDs, pwID: pwID, pwBegin: pwBegin, pwEnd: pwEnd,
                              pwProgram: pwProgram, pwOutcome: pwOutcome, pwDetail: pwDetail, pwFlags: pwFlags,
                              pwLine: pwLine,
                              stStart: stStart, stIDs: stIDs, stID: stID, stBegin: stBegin, stEnd: stEnd,
                              stKind: stKind, stDetail: stDetail, stFlags: stFlags, stLine: stLine)
        }
    }
}

/// The version of Pilotage, as its snapshots name it.
public enum PilotageVersion {
    /// The version string.
    public static let string = "0.7.0"
}

/// A 64-bit checksum of bytes, four lanes of a Fletcher-like sum over 64-bit words: fast
/// enough to check hundreds of megabytes in a blink, and it catches a changed or moved word.
struct Checksum {
    private var a: (UInt64, UInt64, UInt64, UInt64) = (1, 2, 3, 4)
    private var b: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)

    mutating func add(_ bytes: [UInt8]) { bytes.withUnsafeBytes { add($0) } }

    static func of(_ bytes: [UInt8]) -> UInt64 { bytes.withUnsafeBytes { of($0) } }
    static func of(_ bytes: UnsafeRawBufferPointer) -> UInt64 { var c = Checksum(); c.add(bytes); return c.value }

    mutating func add(_ bytes: UnsafeRawBufferPointer) {
        guard let base = bytes.baseAddress else { return }
        var i = 0
        let n = bytes.count
        while i + 32 <= n {
            a.0 &+= base.loadUnaligned(fromByteOffset: i, as: UInt64.self); b.0 &+= a.0
            a.1 &+= base.loadUnaligned(fromByteOffset: i + 8, as: UInt64.self); b.1 &+= a.1
            a.2 &+= base.loadUnaligned(fromByteOffset: i + 16, as: UInt64.self); b.2 &+= a.2
            a.3 &+= base.loadUnaligned(fromByteOffset: i + 24, as: UInt64.self); b.3 &+= a.3
            i += 32
        }
        while i < n { a.0 &+= UInt64(base.load(fromByteOffset: i, as: UInt8.self)) &+ 1; b.0 &+= a.0; i += 1 }
        // The length too: a column moved by a few zero bytes changes the sum.
        a.1 &+= UInt64(n); b.1 &+= a.1
    }

    var value: UInt64 {
        var h: UInt64 = 0xcbf29ce484222325
        for v in [a.0, a.1, a.2, a.3, b.0, b.1, b.2, b.3] { h = (h ^ v) &* 0x100000001b3; h ^= h >> 29 }
        return h
    }
}

/// Bytes of a header, built in memory.
struct ByteBuffer {
    var bytes: [UInt8] = []
    mutating func raw(_ b: [UInt8]) { bytes += b }
    mutating func u64(_ v: UInt64) { var x = v; withUnsafeBytes(of: &x) { bytes += $0 } }
    mutating func blob(_ b: [UInt8]) { u64(UInt64(b.count)); bytes += b }
    mutating func string(_ s: String) { blob(Array(s.utf8)) }
}

/// A file read in order, straight into the caller's memory.
struct FileReader {
    let fd: Int32
    private(set) var remaining: Int
    private(set) var failed = false
    init(fd: Int32, size: Int) { self.fd = fd; remaining = size }

    mutating func read(into buffer: UnsafeMutableRawBufferPointer) -> Bool {
        guard buffer.count <= remaining, readFully(fd, into: buffer) == buffer.count else {
            failed = true
            return false
        }
        remaining -= buffer.count
        return true
    }

    mutating func raw(_ n: Int) -> [UInt8]? {
        guard n <= remaining else { failed = true; return nil }
        var ok = false
        let b = [UInt8](unsafeUninitializedCapacity: n) { buffer, count in
            ok = read(into: UnsafeMutableRawBufferPointer(buffer)); count = ok ? n : 0
        }
        return ok ? b : nil
    }

    mutating func u64() -> UInt64? { raw(8).map { $0.withUnsafeBytes { $0.loadUnaligned(as: UInt64.self) } } }
    mutating func blob() -> [UInt8]? {
        guard let n = u64(), n <= 1 << 24 else { failed = true; return nil }
        return raw(Int(n))
    }
    mutating func string() -> String? { blob().map { String(decoding: $0, as: UTF8.self) } }
}
