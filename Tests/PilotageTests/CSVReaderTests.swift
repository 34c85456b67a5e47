import Foundation
import Testing
@testable import Pilotage

/// The CSV reader's fast paths against the plain definitions they stand for.
@Suite("CSV reader: the UTF-8 check in parts and the plain-row split give what the slow paths give")
struct CSVReaderTests {
    /// A small deterministic generator (the same bytes on every run).
    struct Bytes {
        var state: UInt64
        mutating func next(_ bound: Int) -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int((state >> 33) % UInt64(bound))
        }
    }

    /// Text of `lines` lines: ASCII, line feeds, some two- and three-byte characters, and, when
    /// `bad` is set, one stray byte somewhere.
    func text(_ seed: UInt64, lines: Int, bad: Bool) -> [UInt8] {
        var g = Bytes(state: seed), out: [UInt8] = []
        for _ in 0..<lines {
            for _ in 0..<g.next(60) {
                switch g.next(20) {
                case 0: out += Array("é".utf8)
                case 1: out += Array("€".utf8)
                default: out.append(UInt8(32 + g.next(90)))
                }
            }
            out.append(10)
        }
        if bad { out.insert([0xFF, 0xC3, 0xE2, 0x80][g.next(4)], at: g.next(out.count)) }
        return out
    }

    @Test("checkUTF8: valid exactly when Swift's decoder says so, and every line feed counted")
    func utf8AndLineFeeds() {
        for seed in 0..<200 as Range<UInt64> {
            let bytes = text(seed, lines: 1 + Int(seed % 40), bad: seed % 2 == 1)
            let result = bytes.withUnsafeBufferPointer { checkUTF8($0) }
            let valid = String(validating: bytes, as: UTF8.self) != nil
            #expect((result.invalid == nil) == valid, "seed \(seed)")
            if let bad = result.invalid {
                // Everything before the offset is valid; the offset itself starts no valid character.
                #expect(String(validating: bytes[..<bad], as: UTF8.self) != nil, "seed \(seed)")
                #expect(result.newlines == bytes[..<bad].filter { $0 == 10 }.count, "seed \(seed)")
            } else {
                #expect(result.newlines == bytes.filter { $0 == 10 }.count, "seed \(seed)")
            }
        }
    }

    @Test("checkUTF8: long ASCII runs of line feeds only, or dense with them, counted exactly")
    func longRunsOfLineFeeds() {
        // Blocks of 32 ASCII bytes add their line feeds up byte by byte: all line feeds is the
        // most any byte can hold, over any number of blocks, with a bad byte at any offset.
        for (seed, length) in [0, 31, 32, 33, 2_015, 2_016, 2_017, 4_032, 8_100, 70_000].enumerated() {
            var g = Bytes(state: UInt64(seed) + 1)
            let runs: [[UInt8]] = [Array(repeating: 10, count: length),
                                   (0..<length).map { _ in g.next(3) == 0 ? 0x41 : 10 },
                                   (0..<length).map { _ in [10, 13, 0x2C, 0x7F, 0x0A][g.next(5)] }]
            for run in runs {
                #expect(run.withUnsafeBufferPointer { checkUTF8($0) }.newlines == run.filter { $0 == 10 }.count,
                        "length \(length)")
                guard length > 0 else { continue }
                var bad = run
                let at = g.next(length)
                bad[at] = 0xFF
                let result = bad.withUnsafeBufferPointer { checkUTF8($0) }
                #expect(result.invalid == at && result.newlines == run[..<at].filter { $0 == 10 }.count,
                        "length \(length), bad byte at \(at)")
            }
        }
    }

    @Test("checked in parts split at line ends: the same first bad byte and line feeds as whole")
    func parts() {
        for seed in 0..<20 as Range<UInt64> {
            let bytes = text(seed, lines: 200_000, bad: seed % 2 == 0)
            bytes.withUnsafeBufferPointer { b in
                let whole = checkUTF8(b)
                let chunks = lineChunks(b, from: 0, parts: 4)
                #expect(chunks.count == 4 && chunks.first?.lowerBound == 0 && chunks.last?.upperBound == b.count)
                var invalid: Int?, newlines = 0
                for r in chunks where invalid == nil {
                    let part = checkUTF8(UnsafeBufferPointer(rebasing: b[r]))
                    newlines += part.newlines
                    invalid = part.invalid.map { r.lowerBound + $0 }
                }
                #expect(invalid == whole.invalid && newlines == whole.newlines, "seed \(seed)")
            }
        }
    }

    @Test("checked by pieces whose pages are given back: the same first bad byte and line feeds, the file intact")
    func piecesReleased() throws {
        for seed in 0..<6 as Range<UInt64> {
            let bytes = text(seed, lines: 60_000, bad: seed % 2 == 0)
            let path = temporaryFolder("pieces") + "/f.csv"
            try Data(bytes).write(to: URL(fileURLWithPath: path))
            let storage = try #require(FileBytes(mapping: path))
            let b = UnsafeBufferPointer(storage.buffer), whole = checkUTF8(b)
            let range = 5..<b.count    // a part that starts inside the first page
            let pieces = checkUTF8(b, range, releasing: storage, piece: 20_000 + Int(seed) * 7_919)
            let expected = checkUTF8(UnsafeBufferPointer(rebasing: b[range]))
            #expect(pieces.invalid == expected.invalid && pieces.newlines == expected.newlines, "seed \(seed)")
            #expect(whole.newlines >= pieces.newlines)
            // The pages given back read the file's bytes again.
            storage.release(0..<b.count)
            #expect(Array(b) == bytes, "seed \(seed)")
        }
    }

    @Test("restore: a mapped file's and a read file's own bytes back after writes anywhere; a changed file: false")
    func restore() throws {
        let bytes = text(7, lines: 30_000, bad: false)
        let path = temporaryFolder("restore") + "/f.csv"
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        for storage in [try #require(FileBytes(mapping: path)), try #require(FileBytes(reading: path))] {
            // Writes in the first page, across a page boundary and in the last, partial page.
            for at in [0, 4095, bytes.count - 1] { storage.buffer[at] = 0x22 }
            #expect(storage.restore())
            let same = Array(storage.buffer) == bytes    // (not in the expectation: 1.8 MB printed)
            #expect(same)
        }
        let read = try #require(FileBytes(reading: path))
        try Data(bytes + [10]).write(to: URL(fileURLWithPath: path))
        #expect(!read.restore())
        #expect(!FileBytes(copying: bytes).restore())
    }

    @Test("a file checked in pieces, read in 1, 2, 3 or 8 parts: end to end over the body, every line feed counted")
    func partsFromPieces() throws {
        let bytes = Array("a,b\n".utf8) + text(3, lines: 200_000, bad: false)
        #expect(bytes.count > 4 << 20)    // checked in pieces
        let path = temporaryFolder("parts") + "/f.csv"
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        for parts in [1, 2, 3, 8] {
            var sink = DiagnosticSink()
            let file = try #require(try CSVFile.read(path: path, name: "f.csv", parts: parts, sink: &sink))
            #expect(file.parts.count == parts, "\(parts) parts")
            #expect(file.parts.first?.range.lowerBound == file.body.lowerBound)
            #expect(file.parts.last?.range.upperBound == bytes.count)
            #expect(zip(file.parts, file.parts.dropFirst()).allSatisfy { $0.range.upperBound == $1.range.lowerBound })
            // Each part ends at a line end (the last one at the file's end).
            let ends = file.parts.map(\.range.upperBound)
            #expect(ends.allSatisfy { bytes[$0 - 1] == 10 || $0 == bytes.count })
            #expect(file.parts.reduce(0) { $0 + $1.newlines } == bytes.filter { $0 == 10 }.count, "\(parts) parts")
            for p in file.parts.dropFirst() {
                #expect(p.newlines == bytes[p.range].filter { $0 == 10 }.count)
            }
        }
    }

    @Test("a plain row is split into the fields RowScanner finds; other rows are left to it")
    func plainRows() {
        let csv = "a,b,c\nx,yy,\n,,\r\n1,2,3\r\"q\",r,s\nt,u\nv,w,x,y\n\nlast,row,here"
        var bytes = Array(csv.utf8)
        let file = CSVFile(name: "t.csv", bytes: bytes)
        var fast: [[String]] = [], slow: [[String]] = []
        var sink = DiagnosticSink()
        try? file.forEachRow(sink: &sink) { row, _ in fast.append((0..<3).map { row.string($0) } + ["\(row.line)"]) }
        // RowScanner alone, row by row, on the same bytes.
        bytes.withUnsafeMutableBufferPointer { b in
            var scanner = RowScanner(separator: 44, position: file.bodyStart, line: 2)
            var fields: [FieldRange] = []
            while scanner.position < b.count {
                let line = scanner.line
                guard case .ok = scanner.scan(into: &fields, buffer: b), fields.count == 3 else { continue }
                slow.append(fields.map { String(decoding: b[$0.start..<$0.end], as: UTF8.self) } + ["\(line)"])
            }
        }
        #expect(fast == slow)
        #expect(fast.count == 5 && fast[1] == ["", "", "", "3"] && fast[3] == ["q", "r", "s", "5"])
        #expect(sink.errors.map { $0.line } == [6, 7, 8])
    }
}
