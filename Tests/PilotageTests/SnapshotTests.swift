import Foundation
import Testing
@testable import Pilotage

/// The columnar snapshot of loaded microdata: read back equal, and never trusted once
/// anything it was made from changes.
@Suite("Snapshots: a dataset reopened from the cache, rebuilt when anything changed")
struct SnapshotTests {
    /// A small generated dataset (events.csv over 128 KB: head and tail are distinct samples),
    /// made once per run.
    static let source: String = {
        let dir = temporaryFolder("snapshot-source")
        let options = GeneratorOptions(preset: .demo, seed: 3, years: [2016, 2017], scale: 0.02)
        _ = try! DatasetGenerator.generate(options, to: dir)
        return dir
    }()

    /// A copy of that dataset and an empty cache that snapshots any size.
    func fixture() throws -> (dataset: String, cache: SnapshotCache) {
        let root = temporaryFolder("snapshot")
        let dataset = root + "/data"
        try FileManager.default.copyItem(atPath: Self.source, toPath: dataset)
        let events = try FileManager.default.attributesOfItem(atPath: dataset + "/events.csv")[.size] as! Int
        #expect(events > 128 << 10)
        return (dataset, SnapshotCache(directory: root + "/cache", minimumBytes: 0))
    }

    /// Every column of the microdata, as bytes: equal digests, equal data.
    func digest(_ d: Dataset) -> [[UInt8]] {
        Snapshot.columns(of: d.micro!).map { c in
            c.withBytes { Array($0) }
        }
    }

    @Test("the first load writes the snapshot, the next reads it back equal to the files")
    func roundTrip() throws {
        let (dataset, cache) = try fixture()
        #expect(cache.status(of: dataset) == .absent)
        let parsed = try Dataset.load(from: dataset, cache: cache)
        #expect(cache.status(of: dataset) == .valid)
        let reopened = try Dataset.load(from: dataset, cache: cache)
        #expect(digest(reopened) == digest(parsed))
        #expect(digest(reopened).count == 37 && reopened.micro!.evLine == parsed.micro!.evLine)
        #expect(Dashboard(reopened).exportCSV() == Dashboard(parsed).exportCSV())
        // Where the data came from is said; the cache lists the snapshot by its folder, and clears it.
        #expect(parsed.snapshotFile == nil && reopened.snapshotFile == cache.file(for: dataset))
        #expect(cache.entries().map(\.dataset) == [Snapshot.absolute(dataset)] && cache.entries()[0].bytes > 100_000)
        #expect(cache.clear() == 1 && cache.entries().isEmpty && cache.status(of: dataset) == .absent)
    }

    @Test("small datasets are not snapshotted; without a cache nothing is written")
    func thresholdAndNoCache() throws {
        let (dataset, cache) = try fixture()
        _ = try Dataset.load(from: dataset)
        #expect(cache.status(of: dataset) == .absent)
        let strict = SnapshotCache(directory: cache.directory, minimumBytes: 1 << 30)
        _ = try Dataset.load(from: dataset, cache: strict)
        #expect(strict.status(of: dataset) == .absent)
    }

    @Test("the user's cache follows XDG")
    func userCache() {
        func folder(_ environment: [String: String]) -> String? {
            SnapshotCache.user(environment: environment)?.directory
        }
        #expect(folder(["XDG_CACHE_HOME": "/x/cache", "HOME": "/home/a"]) == "/x/cache/pilotage/snapshots")
        #expect(folder(["HOME": "/home/a"]) == "/home/a/.cache/pilotage/snapshots")
        #expect(folder(["XDG_CACHE_HOME": "relative", "HOME": "/home/a"]) == "/home/a/.cache/pilotage/snapshots")
        #expect(SnapshotCache.user(environment: [:]) == nil)
    }

    /// Loads once (writing the snapshot), applies `change`, expects the rejection, then checks
    /// that a load reads the files as they are now and leaves a valid snapshot again.
    func expectRejected(_ reason: SnapshotRejection, sourceLocation: SourceLocation = #_sourceLocation,
                        _ change: (_ dataset: String, _ snapshot: String) throws -> Void) throws {
        let (dataset, cache) = try fixture()
        _ = try Dataset.load(from: dataset, cache: cache)
        #expect(cache.status(of: dataset) == .valid, sourceLocation: sourceLocation)
        try change(dataset, cache.file(for: dataset))
        #expect(cache.status(of: dataset) == .rejected(reason), sourceLocation: sourceLocation)
        let reloaded = try Dataset.load(from: dataset, cache: cache)
        #expect(digest(reloaded) == digest(try Dataset.load(from: dataset)), sourceLocation: sourceLocation)
        #expect(cache.status(of: dataset) == .valid, sourceLocation: sourceLocation)
    }

    /// Rewrites a file's bytes and puts its modification time back, to the nanosecond.
    func rewriteKeepingTime(_ path: String, _ edit: (inout [UInt8]) -> Void) throws {
        var st = stat()
        #expect(stat(path, &st) == 0)
        var bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
        edit(&bytes)
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        var times = [st.st_atim, st.st_mtim]
        #expect(utimensat(AT_FDCWD, path, &times, 0) == 0)
    }

    @Test("a file rewritten with another modification time")
    func touched() throws {
        try expectRejected(.datasetChanged) { dataset, _ in
            let path = dataset + "/events.csv"
            var times = [timespec(tv_sec: 1_000_000_000, tv_nsec: 0), timespec(tv_sec: 1_000_000_000, tv_nsec: 0)]
            #expect(utimensat(AT_FDCWD, path, &times, 0) == 0)
        }
    }

    @Test("a byte changed in a file's head, its size and time kept")
    func headChanged() throws {
        try expectRejected(.datasetChanged) { dataset, _ in
            // The first young person's sex (F or M): same size, same time, other content.
            try rewriteKeepingTime(dataset + "/youth.csv") { b in
                let line = b.firstIndex(of: 10)! + 1
                let sex = b[(b[line...].firstIndex(of: 44)! + 1)...].firstIndex(of: 44)! + 1
                b[sex] = b[sex] == 70 ? 77 : 70
            }
        }
    }

    @Test("a byte changed in a file's tail, its size and time kept")
    func tailChanged() throws {
        try expectRejected(.datasetChanged) { dataset, _ in
            try rewriteKeepingTime(dataset + "/events.csv") { b in
                // The last two rows swapped: same bytes, other order (and other lines).
                let lines = b.split(separator: 10, omittingEmptySubsequences: false)
                let n = lines.count - 1  // after the last line end
                var swapped = Array(lines)
                swapped.swapAt(n - 1, n - 2)
                #expect(swapped[n - 1] != swapped[n - 2])
                b = Array(swapped.joined(separator: [10]))
            }
        }
    }

    @Test("a file added, a file removed, a file grown")
    func filesAddedRemovedGrown() throws {
        try expectRejected(.datasetChanged) { dataset, _ in
            try "notes".write(toFile: dataset + "/notes.txt", atomically: true, encoding: .utf8)
        }
        try expectRejected(.datasetChanged) { dataset, _ in
            try FileManager.default.removeItem(atPath: dataset + "/context.csv")
        }
        try expectRejected(.datasetChanged) { dataset, _ in
            try rewriteKeepingTime(dataset + "/situations.csv") { $0 += Array("\n".utf8) }
        }
    }

    /// Replaces the first occurrence of `text` in the snapshot file by `replacement` (same length).
    func patch(_ snapshot: String, _ text: String, _ replacement: String) throws {
        var bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: snapshot)))
        let t = Array(text.utf8), r = Array(replacement.utf8)
        let at = (0...(bytes.count - t.count)).first { Array(bytes[$0..<$0 + t.count]) == t }!
        bytes.replaceSubrange(at..<at + t.count, with: r)
        try Data(bytes).write(to: URL(fileURLWithPath: snapshot))
    }

    @Test("a snapshot of another version of Pilotage")
    func otherVersion() throws {
        try expectRejected(.otherVersion) { _, snapshot in
            try patch(snapshot, "snapshot format 2", "snapshot format 1")
        }
        try expectRejected(.otherVersion) { _, snapshot in
            try patch(snapshot, "pilotage \(PilotageVersion.string)", "pilotage 0.0.0")
        }
    }

    @Test("a snapshot of another kind of machine")
    func otherMachine() throws {
        try expectRejected(.otherMachine) { _, snapshot in try patch(snapshot, "little-endian", "bigxx-endian") }
    }

    @Test("a truncated snapshot, and one with a byte changed")
    func truncatedAndDamaged() throws {
        try expectRejected(.truncated) { _, snapshot in
            let size = try FileManager.default.attributesOfItem(atPath: snapshot)[.size] as! Int
            #expect(truncate(snapshot, off_t(size - 100)) == 0)
        }
        try expectRejected(.truncated) { _, snapshot in #expect(truncate(snapshot, 30) == 0) }
        try expectRejected(.damaged) { _, snapshot in
            var bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: snapshot)))
            bytes[bytes.count - 1000] ^= 0x10
            try Data(bytes).write(to: URL(fileURLWithPath: snapshot))
        }
    }
}
