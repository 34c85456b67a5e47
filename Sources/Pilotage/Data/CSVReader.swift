import Dispatch
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A CSV file of the dataset format, mapped copy-on-write and scanned row by row.
///
/// RFC 4180 quoting, `,` or `;` separator (the header tells), LF or CRLF, a leading BOM,
/// UTF-8 checked before anything is parsed. Quoted fields are unescaped in place (in the
/// private mapping: the file itself is never written).
struct CSVFile {
    let storage: FileBytes
    let shape: CSVShape
    let bodyStart: Int
    let firstBodyLine: Int
    /// The file split at line ends, for parsing in parts: each part's range and how many line
    /// ends it holds (the first part starts at the body).
    let parts: [(range: Range<Int>, newlines: Int)]
    private(set) var headerError: DatasetDiagnostic?

    var name: String { shape.name }
    var separator: UInt8 { shape.separator }
    var columns: [String] { shape.columns }
    var buffer: UnsafeMutableBufferPointer<UInt8> { storage.buffer }
    var count: Int { storage.count }
    /// The body's bytes.
    var body: Range<Int> { bodyStart..<count }

    /// Reads `path`; `nil` when the file does not exist. Structural problems of the header
    /// (bad UTF-8, bad quoting) are reported and make the result `nil` too. Files over 4 MB are
    /// checked (UTF-8, line ends counted) in `parts` parts at once, and split in those parts.
    static func read(path: String, name: String, parts: Int = 1, sink: inout DiagnosticSink) throws -> CSVFile? {
        let t0 = Trace.now()
        if let notAFile = PathKind(path).diagnostic(name) {
            try sink.report(notAFile)
            return nil
        }
        guard let storage = FileBytes(mapping: path) else { return nil }
        defer { Trace.log("read and check \(name)", t0) }
        let b = UnsafeBufferPointer(storage.buffer)
        // Checked in at least two pieces a core (a file parsed whole too), then grouped into `parts`.
        let ranges = lineChunks(b, from: 0, parts: max(parts, ProcessInfoCores.count * 2))
        let checks = ranges.map { _ in Box((invalid: Int?.none, newlines: 0)) }
        nonisolated(unsafe) let shared = b
        DispatchQueue.concurrentPerform(iterations: ranges.count) { k in
            checks[k].value = checkUTF8(shared, ranges[k], releasing: storage)
        }
        if let k = checks.firstIndex(where: { $0.value.invalid != nil }) {
            let bad = ranges[k].lowerBound + checks[k].value.invalid!
            let (line, column) = position(of: bad, in: b)
            try sink.report(.init(.invalidUTF8, file: name, line: line, column: column,
                                  expected: .init(fr: "du texte UTF-8", en: "UTF-8 text"),
                                  found: "0x\(String(b[bad], radix: 16, uppercase: true))"))
            return nil
        }
        var chunks: [(Range<Int>, Int)] = []
        for (k, range) in ranges.enumerated() {
            if k * parts / ranges.count < chunks.count, let last = chunks.last {
                chunks[chunks.count - 1] = (last.0.lowerBound..<range.upperBound, last.1 + checks[k].value.newlines)
            } else {
                chunks.append((range, checks[k].value.newlines))
            }
        }
        let file = CSVFile(name: name, storage: storage, chunks: chunks)
        if let error = file.headerError {
            try sink.report(error)
            return nil
        }
        return file
    }

    /// A file from bytes in memory (a converted table), in one part.
    init(name: String, bytes: [UInt8]) {
        let storage = FileBytes(copying: bytes)
        let all = UnsafeBufferPointer(storage.buffer)
        self.init(name: name, storage: storage, chunks: [(0..<all.count, checkUTF8(all).newlines)])
    }

    private init(name: String, storage: FileBytes, chunks: [(Range<Int>, Int)]) {
        self.storage = storage
        let bytes = UnsafeBufferPointer(storage.buffer)
        var start = 0
        if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { start = 3 }
        // The header line tells the separator: a semicolon-only header is a French spreadsheet's.
        var commas = 0, semicolons = 0, i = start, inQuotes = false
        while i < bytes.count, inQuotes || (bytes[i] != 10 && bytes[i] != 13) {
            let c = bytes[i]
            if c == 34 { inQuotes.toggle() } else if !inQuotes { if c == 44 { commas += 1 } else if c == 59 { semicolons += 1 } }
            i += 1
        }
        let separator: UInt8 = (semicolons > 0 && commas == 0) ? 59 : 44
        // The header is parsed on a copy of its line: the body is never copied.
        var end = i
        if end < bytes.count, bytes[end] == 13 { end += 1 }
        if end < bytes.count, bytes[end] == 10 { end += 1 }
        var header = Array(bytes[start..<end])
        var fields: [FieldRange] = []
        var scanner = RowScanner(separator: separator, position: 0, line: 1)
        let result = header.withUnsafeMutableBufferPointer { scanner.scan(into: &fields, buffer: $0) }
        var columns: [String] = []
        if case .badQuoting(let offset, let line, let lineStart, let closedOn) = result {
            headerError = header.withUnsafeBufferPointer {
                CSVFile.quotingError(name: name, bytes: $0, offset: offset, line: line, lineStart: lineStart, closedOn: closedOn)
            }
        } else if start < bytes.count {
            columns = fields.map { String(decoding: header[$0.start..<$0.end], as: UTF8.self).trimmingWhitespace() }
        }
        shape = CSVShape(name: name, separator: separator, columns: columns)
        bodyStart = start + scanner.position
        firstBodyLine = scanner.line
        // The header may run past a short first chunk: the parts start at the body.
        let body = start + scanner.position
        let kept = chunks.filter { $0.0.upperBound > body }.map { (max($0.0.lowerBound, body)..<$0.0.upperBound, $0.1) }
        parts = kept.isEmpty ? [(body..<bytes.count, 0)] : kept
    }

    /// The error of a quote: where it opened when it runs past its line (`closedOn`: how many lines
    /// further a quote closes it, or `-1` for the end of the file), else where the field goes wrong.
    static func quotingError(name: String, bytes: UnsafeBufferPointer<UInt8>, offset: Int, line: Int, lineStart: Int, closedOn: Int) -> DatasetDiagnostic {
        let column = utf8Column(bytes, from: lineStart, to: min(offset, bytes.count))
        let found = closedOn == -1 ? "un guillemet ouvert ici, jamais fermé (fin de fichier) / a quote opened here, never closed (end of file)"
            : closedOn > 0 ? "un guillemet ouvert ici, fermé seulement \(closedOn) ligne(s) plus loin / a quote opened here, closed only \(closedOn) line(s) further"
            : offset >= bytes.count ? "fin de fichier / end of file" : "« \(String(decoding: [bytes[offset]], as: UTF8.self)) »"
        return .init(.badQuoting, file: name, line: line, column: column,
                     expected: .init(fr: "un champ entre guillemets fermé puis un séparateur ou une fin de ligne (RFC 4180)",
                                     en: "a closed quoted field followed by a separator or a line end (RFC 4180)"),
                     found: found)
    }

    /// The index of a column, by name.
    func index(of column: String) -> Int? { columns.firstIndex(of: column) }

    /// The indexes of the required columns, reporting each missing one.
    func require(_ names: [String], sink: inout DiagnosticSink) throws -> [Int]? {
        var result: [Int] = []
        var ok = true
        for n in names {
            if let i = index(of: n) { result.append(i) } else {
                ok = false
                try sink.report(.init(.missingColumn, file: name, line: 1, field: n,
                                      expected: .init(fr: "une colonne « \(n) »", en: "a column \"\(n)\""),
                                      found: "en-tête / header: \(excerpt(columns.joined(separator: String(UnicodeScalar(separator)))))"))
            }
        }
        return ok ? result : nil
    }

    /// Calls `body` for every data row, in order. Rows with the wrong number of fields or
    /// bad quoting are reported and not passed on; parsing goes on with the next row.
    func forEachRow(sink: inout DiagnosticSink, _ body: (CSVRow, inout DiagnosticSink) throws -> Void) throws {
        _ = try shape.rows(in: self.body, buffer: buffer, firstLine: firstBodyLine, sink: &sink, body)
    }
}

/// A file's name, separator and header: what parsing a part of it needs besides its bytes.
struct CSVShape: Sendable {
    let context: CSVContext
    let separator: UInt8

    init(name: String, separator: UInt8, columns: [String]) {
        context = CSVContext(name: name, columns: columns)
        self.separator = separator
    }
    var name: String { context.name }
    var columns: [String] { context.columns }

    /// Parses the rows of `range` (the whole body, or a part from ``CSVFile/chunks(_:)``),
    /// counting lines from `firstLine`; returns the number of lines consumed and whether the
    /// range ended on a row boundary (a split inside a quoted field does not, and the caller
    /// then parses the file whole).
    func rows(in range: Range<Int>, buffer: UnsafeMutableBufferPointer<UInt8>, firstLine: Int, sink: inout DiagnosticSink,
              _ body: (CSVRow, inout DiagnosticSink) throws -> Void) throws -> (lines: Int, aligned: Bool) {
        var reader = RowReader(self, buffer: buffer, position: range.lowerBound, line: firstLine)
        while reader.position < range.upperBound {
            guard try reader.next(sink: &sink, body) else { break }
        }
        return (reader.line - firstLine, reader.position == range.upperBound || reader.position >= buffer.count)
    }

    /// Calls `body` on each row of `range` (counting lines from `firstLine`) while every row is
    /// plain (see `splitPlain`) and `body` accepts it; `false` at the first row that is not.
    /// `fused` reads a row first from a cursor at its start (and its line) and returns the
    /// offset after it, or `nil` to leave it to the split and `body`.
    func plainRows(in range: Range<Int>, buffer: UnsafeMutableBufferPointer<UInt8>, firstLine: Int,
                   fused: (inout FieldCursor, Int) -> Int? = { _, _ in nil }, _ body: (CSVRow) -> Bool) -> Bool {
        let expected = columns.count, n = buffer.count
        guard expected > 1 else { return false }
        let plain = UnsafeMutablePointer<FieldRange>.allocate(capacity: expected)
        defer { plain.deallocate() }
        let base = UnsafePointer(buffer.baseAddress!)
        var p = range.lowerBound, line = firstLine
        while p < range.upperBound {
            var cursor = FieldCursor(base, n, separator, at: p)
            if let next = fused(&cursor, line) {
                p = next
                line += 1
                continue
            }
            guard let next = splitPlain(base, p, n, plain, expected),
                  body(CSVRow(context: context, line: line, lineStart: p, base: base, fields: plain)) else { return false }
            p = next
            line += 1
        }
        return true
    }

    /// The fields of a row without quotes and with `expected` fields, and the offset after its
    /// line end (as ``RowScanner`` would find them); `nil` for any other row.
    @inline(__always)
    func splitPlain(_ b: UnsafePointer<UInt8>, _ start: Int, _ n: Int, _ f: UnsafeMutablePointer<FieldRange>,
                    _ expected: Int) -> Int? {
        var p = start, k = 0
        while true {
            let end = fieldEnd(b, p, n, separator)
            guard k < expected, end >= n || b[end] != 34 else { return nil }
            f[k] = FieldRange(start: p, end: end, quoted: false)
            k += 1
            if end < n, b[end] == separator {
                p = end + 1
                continue
            }
            guard k == expected else { return nil }
            guard end < n else { return n }
            return b[end] == 13 && end + 1 < n && b[end + 1] == 10 ? end + 2 : end + 1
        }
    }
}

/// Reads a file's rows one at a time, from a position: the common row (no quote, as many fields
/// as the header) split by a lighter loop, any other scanned in full and reported when wrong.
/// ``CSVShape/rows(in:buffer:firstLine:sink:_:)`` reads a range with it; the events'
/// parser, its uncommon rows.
struct RowReader: ~Copyable {
    let shape: CSVShape
    let buffer: UnsafeMutableBufferPointer<UInt8>
    private var scanner: RowScanner
    private var fields: [FieldRange] = []
    private let plain: UnsafeMutablePointer<FieldRange>

    init(_ shape: CSVShape, buffer: UnsafeMutableBufferPointer<UInt8>, position: Int, line: Int) {
        self.shape = shape
        self.buffer = buffer
        scanner = RowScanner(separator: shape.separator, position: position, line: line)
        fields.reserveCapacity(shape.columns.count + 1)
        plain = .allocate(capacity: max(shape.columns.count, 1))
    }

    deinit { plain.deallocate() }

    /// The offset of the next row.
    var position: Int {
        get { scanner.position }
        set { scanner.position = newValue }
    }
    /// The line the next row starts on.
    var line: Int {
        get { scanner.line }
        set { scanner.line = newValue }
    }

    /// Reads the row at ``position`` and passes it to `body` when it has the header's number of
    /// fields and good quoting (else reports it); `false`, reading nothing more, when only blank
    /// lines are left.
    mutating func next(sink: inout DiagnosticSink,
                       _ body: (CSVRow, inout DiagnosticSink) throws -> Void) throws -> Bool {
        let expected = shape.columns.count, n = buffer.count, name = shape.name
        let rowLine = scanner.line, rowStart = scanner.position
        let base = UnsafePointer(buffer.baseAddress!)
        if expected > 1, let next = shape.splitPlain(base, rowStart, n, plain, expected) {
            scanner.position = next
            scanner.line += 1
            try body(CSVRow(context: shape.context, line: rowLine, lineStart: rowStart, base: base,
                            fields: plain), &sink)
            return true
        }
        if case .badQuoting(let offset, let line, let lineStart, let closedOn)
            = scanner.scan(into: &fields, buffer: buffer) {
            try sink.report(CSVFile.quotingError(name: name, bytes: UnsafeBufferPointer(buffer), offset: offset,
                                                 line: line, lineStart: lineStart, closedOn: closedOn))
            var p = offset
            while p < n, buffer[p] != 10 { p += 1 }
            scanner.position = p + 1
            scanner.line = line + 1
            return true
        }
        if fields.count == 1, fields[0].start == fields[0].end, !fields[0].quoted {
            // A blank line: fine at the end of the file, an error elsewhere.
            var p = scanner.position
            while p < n, buffer[p] == 10 || buffer[p] == 13 { p += 1 }
            if p >= n { return false }
            try sink.report(.init(.fieldCount, file: name, line: rowLine, column: 1,
                                  expected: .init(fr: "\(expected) champs", en: "\(expected) fields"),
                                  found: "une ligne vide / an empty line"))
            return true
        }
        if fields.count != expected {
            try sink.report(.init(.fieldCount, file: name, line: rowLine, column: 1,
                                  expected: .init(fr: "\(expected) champs, comme l'en-tête",
                                                  en: "\(expected) fields, as in the header"),
                                  found: "\(fields.count)"))
            return true
        }
        try fields.withUnsafeBufferPointer { f in
            try body(CSVRow(context: shape.context, line: rowLine, lineStart: rowStart, base: base,
                            fields: f.baseAddress!), &sink)
        }
        return true
    }
}

/// The file name and header, shared by every row of a file without reference counting.
final class CSVContext: Sendable {
    let name: String
    let columns: [String]
    init(name: String, columns: [String]) { self.name = name; self.columns = columns }
}

struct FieldRange {
    var start: Int
    var end: Int
    var quoted: Bool
}

/// Scans one row (possibly several lines, inside quotes).
struct RowScanner {
    let separator: UInt8
    var position: Int
    var line: Int

    /// `closedOn`: for a quote that runs past its line, how many lines further a quote ends it
    /// (`-1`: the end of the file), and the error is placed where it opened; `0` otherwise.
    /// (A count, not a line number: parts of a file are scanned from line 0 and shifted later.)
    enum Result { case ok, badQuoting(offset: Int, line: Int, lineStart: Int, closedOn: Int) }

    mutating func scan(into ranges: inout [FieldRange], buffer b: UnsafeMutableBufferPointer<UInt8>) -> Result {
        ranges.removeAll(keepingCapacity: true)
        let n = b.count, sep = separator
        var pos = position
        var lineStart = pos
        while true {
            if pos < n, b[pos] == 34 {
                let quote = (offset: pos, line: line, lineStart: lineStart)
                pos += 1
                let contentStart = pos
                var write = pos
                while true {
                    // An unterminated quote is reported where it opens.
                    if pos >= n { position = n; return .badQuoting(offset: quote.offset, line: quote.line, lineStart: quote.lineStart, closedOn: -1) }
                    let c = b[pos]
                    if c == 34 {
                        if pos + 1 < n, b[pos + 1] == 34 { b[write] = 34; write += 1; pos += 2; continue }
                        pos += 1
                        break
                    }
                    if c == 10 { line += 1; lineStart = pos + 1 }
                    b[write] = c; write += 1; pos += 1
                }
                ranges.append(FieldRange(start: contentStart, end: write, quoted: true))
                if pos < n, b[pos] != sep, b[pos] != 10, b[pos] != 13 {
                    position = pos
                    if line != quote.line {
                        return .badQuoting(offset: quote.offset, line: quote.line, lineStart: quote.lineStart, closedOn: line - quote.line)
                    }
                    return .badQuoting(offset: pos, line: line, lineStart: lineStart, closedOn: 0)
                }
            } else {
                let start = pos
                while pos < n {
                    let c = b[pos]
                    if c == sep || c == 10 || c == 13 { break }
                    if c == 34 { position = pos; return .badQuoting(offset: pos, line: line, lineStart: lineStart, closedOn: 0) }
                    pos += 1
                }
                ranges.append(FieldRange(start: start, end: pos, quoted: false))
            }
            if pos >= n { position = n; line += 1; return .ok }
            let c = b[pos]
            if c == sep { pos += 1; continue }
            if c == 13 { pos += 1; if pos < n, b[pos] == 10 { pos += 1 } } else { pos += 1 }
            line += 1
            position = pos
            return .ok
        }
    }
}

/// One data row: a view on the file's bytes, valid only inside the row callback.
struct CSVRow {
    unowned(unsafe) let context: CSVContext
    let line: Int
    let lineStart: Int
    let base: UnsafePointer<UInt8>
    let fields: UnsafePointer<FieldRange>

    var file: String { context.name }
    var columns: [String] { context.columns }

    @inline(__always) func isEmpty(_ i: Int) -> Bool { fields[i].start == fields[i].end }

    @inline(__always) func bytes(_ i: Int) -> UnsafeBufferPointer<UInt8> {
        let r = fields[i]
        return UnsafeBufferPointer(start: base + r.start, count: r.end - r.start)
    }

    @inline(__always) func isQuoted(_ i: Int) -> Bool { fields[i].quoted }

    func string(_ i: Int) -> String { String(decoding: bytes(i), as: UTF8.self) }

    /// 1-based character column of field `i` (counted on the row's first line).
    func column(_ i: Int) -> Int {
        let start = fields[i].start - (fields[i].quoted ? 1 : 0)
        var col = 1, p = lineStart
        while p < start { if base[p] & 0xC0 != 0x80 { col += 1 }; p += 1 }
        return col
    }

    func diagnostic(_ rule: DatasetRule, _ i: Int, expected: LocalizedText, found: String? = nil) -> DatasetDiagnostic {
        .init(rule, file: file, line: line, column: column(i), field: columns[i], expected: expected,
              found: found ?? (isEmpty(i) ? "une valeur vide / an empty value" : "\"\(excerpt(bytes(i)))\""))
    }
}

// MARK: - Byte utilities

/// A text as messages quote it (see the bytes' version).
func excerpt(_ s: String) -> String {
    var s = s
    return s.withUTF8 { excerpt($0) }
}

/// A value as messages quote it: whole up to 40 characters, else its first 30 and « … » with its
/// length, so that a 10 MB field never makes a 10 MB message.
func excerpt(_ b: UnsafeBufferPointer<UInt8>) -> String {
    guard b.count > 160 || String(decoding: b, as: UTF8.self).count > 40 else { return String(decoding: b, as: UTF8.self) }
    let head = String(decoding: UnsafeBufferPointer(rebasing: b.prefix(160)), as: UTF8.self).prefix(30)
    return "\(head)… (\(b.count) octets / bytes)"
}

/// What stands at a dataset path: a regular file (through links), nothing, or something else.
public enum PathKind: Equatable, Sendable {
    /// Nothing at the path; a regular file.
    case missing, regular
    /// A folder, FIFO, device, socket or dangling link: what it is, in words.
    case other(LocalizedText)

    /// What stands at `path`.
    public init(_ path: String) {
        var st = stat()
        if stat(path, &st) != 0 {
            var link = stat()
            self = lstat(path, &link) == 0 ? .other(.init(fr: "un lien symbolique cassé", en: "a dangling symbolic link")) : .missing
            return
        }
        switch st.st_mode & S_IFMT {
        case S_IFREG: self = .regular
        case S_IFDIR: self = .other(.init(fr: "un dossier", en: "a folder"))
        case S_IFIFO: self = .other(.init(fr: "un tube nommé (FIFO)", en: "a named pipe (FIFO)"))
        case S_IFCHR, S_IFBLK: self = .other(.init(fr: "un périphérique", en: "a device"))
        case S_IFSOCK: self = .other(.init(fr: "une socket", en: "a socket"))
        default: self = .other(.init(fr: "un fichier spécial", en: "a special file"))
        }
    }

    /// Whether `path` is a regular file (through links): a script, never a FIFO that would block.
    public static func isRegularFile(_ path: String) -> Bool { PathKind(path) == .regular }

    /// The error for a dataset file that is there but is not a regular file.
    func diagnostic(_ file: String) -> DatasetDiagnostic? {
        guard case .other(let what) = self else { return nil }
        return .init(.notAFile, file: file, expected: .init(fr: "un fichier ordinaire", en: "a regular file"),
                     found: "\(what.fr) / \(what.en)")
    }
}

/// A regular file opened for reading and its size; `nil` when it is missing or not a regular
/// file. Opened without blocking, so that a FIFO put in its place never hangs the loader.
func openRegularFile(_ path: String) -> (fd: Int32, size: Int)? {
    let fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
    guard fd >= 0 else { return nil }
    var st = stat()
    guard fstat(fd, &st) == 0, (st.st_mode & S_IFMT) == S_IFREG else { close(fd); return nil }
    return (fd, Int(st.st_size))
}

/// The bytes of a regular file; `nil` when it is missing or not a regular file.
func readWholeFile(_ path: String) -> [UInt8]? {
    guard let (fd, size) = openRegularFile(path) else { return nil }
    defer { close(fd) }
    // Read straight into uninitialised storage: zero-filling first would touch every page twice.
    return [UInt8](unsafeUninitializedCapacity: size) { buffer, count in
        count = readFully(fd, into: UnsafeMutableRawBufferPointer(buffer))
    }
}

/// Reads `buffer.count` bytes of `fd` into `buffer` (from `offset` with `pread` when given,
/// else from the file's position), through interrupted and short reads; returns how many bytes
/// it read (fewer at the end of the file or on an error).
func readFully(_ fd: Int32, into buffer: UnsafeMutableRawBufferPointer, at offset: Int? = nil) -> Int {
    var done = 0
    while done < buffer.count {
        let target = buffer.baseAddress! + done, wanted = buffer.count - done
        let n = offset.map { pread(fd, target, wanted, off_t($0 + done)) } ?? read(fd, target, wanted)
        if n < 0, errno == EINTR { continue }
        if n <= 0 { break }
        done += n
    }
    return done
}

/// The bytes of a regular file mapped copy-on-write (private: unescaping quoted fields in place
/// never writes the file), or a copy of bytes in memory; unmapped or freed by its one owner.
final class FileBytes: @unchecked Sendable {
    let buffer: UnsafeMutableBufferPointer<UInt8>
    private let mapped: Bool
    /// The file read into `buffer` (not mapped), to read again by ``restore()``.
    private let path: String?
    var count: Int { buffer.count }

    private init(_ buffer: UnsafeMutableBufferPointer<UInt8>, mapped: Bool, path: String? = nil) {
        self.buffer = buffer
        self.mapped = mapped
        self.path = path
    }

    /// `nil` when `path` is missing or not a regular file (see ``openRegularFile(_:)``).
    convenience init?(mapping path: String) {
        guard let (fd, size) = openRegularFile(path) else { return nil }
        defer { close(fd) }
        if size > 0, let p = mmap(nil, size, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0), p != MAP_FAILED {
            _ = madvise(p, size, MADV_SEQUENTIAL)
            self.init(UnsafeMutableBufferPointer(start: p.assumingMemoryBound(to: UInt8.self), count: size), mapped: true)
            return
        }
        // An empty file (or one that cannot be mapped): read it.
        self.init(reading: path)
    }

    /// The file read into memory (not mapped); `nil` as for ``init(mapping:)``.
    convenience init?(reading path: String) {
        guard let bytes = readWholeFile(path) else { return nil }
        self.init(copying: bytes, path: path)
    }

    convenience init(copying bytes: [UInt8], path: String? = nil) {
        let p = UnsafeMutablePointer<UInt8>.allocate(capacity: max(1, bytes.count))
        bytes.withUnsafeBufferPointer { if let b = $0.baseAddress { p.initialize(from: b, count: bytes.count) } }
        self.init(UnsafeMutableBufferPointer(start: p, count: bytes.count), mapped: false, path: path)
    }

    /// The file's own bytes again where a parse unescaped quoted fields in place, before it is
    /// parsed a second time: a mapping's pages given back (read again from the file), a file read
    /// into memory read again. `false` for bytes that came from memory, or a read that failed.
    func restore() -> Bool {
        if mapped { release(); return true }
        guard let path, let (fd, size) = openRegularFile(path) else { return false }
        defer { close(fd) }
        return size == buffer.count && readFully(fd, into: UnsafeMutableRawBufferPointer(buffer), at: 0) == size
    }

    /// Gives the pages back once parsed (a mapping reads the file again if touched later).
    func release() {
        if mapped { _ = madvise(buffer.baseAddress, buffer.count, MADV_DONTNEED) }
    }

    /// Gives back the pages that lie wholly inside `range` (a part's rows already read: a page
    /// shared with the next part stays). What was written there (a quoted field unescaped in
    /// place) is lost: the file's own bytes come back if the range is read again.
    func release(_ range: Range<Int>) {
        guard mapped, let base = buffer.baseAddress else { return }
        let page = FileBytes.pageSize, address = Int(bitPattern: base)
        let lo = (address + range.lowerBound + page - 1) / page * page, hi = (address + range.upperBound) / page * page
        if lo < hi { _ = madvise(UnsafeMutableRawPointer(bitPattern: lo), hi - lo, MADV_DONTNEED) }
    }
    static let pageSize = max(4096, Int(sysconf(Int32(_SC_PAGESIZE))))

    deinit {
        if mapped { munmap(buffer.baseAddress, buffer.count) } else { buffer.baseAddress?.deallocate() }
    }
}

/// A value shared with the threads of a parallel loop, each writing its own.
final class Box<T>: @unchecked Sendable {
    var value: T
    init(_ value: T) { self.value = value }
}

/// The end of the field at `from`: the first separator, line end or quote (then the row is not
/// common), or `n`. Eight bytes at a time: a byte equal to `c` is a zero byte of `w ^ c…c`, found
/// by the borrow trick (exact for the lowest one, which is the one taken).
@inline(__always)
func fieldEnd(_ b: UnsafePointer<UInt8>, _ from: Int, _ n: Int, _ separator: UInt8) -> Int {
    @inline(__always) func zeroBytes(_ x: UInt64) -> UInt64 {
        (x &- 0x0101_0101_0101_0101) & ~x & 0x8080_8080_8080_8080
    }
    let ones: UInt64 = 0x0101_0101_0101_0101, sep = ones &* UInt64(separator)
    var p = from
    while p + 8 <= n {
        let w = UInt64(littleEndian: UnsafeRawPointer(b + p).loadUnaligned(as: UInt64.self))
        let hits = zeroBytes(w ^ sep) | zeroBytes(w ^ (ones &* 10)) | zeroBytes(w ^ (ones &* 13))
            | zeroBytes(w ^ (ones &* 34))
        if hits != 0 { return p + hits.trailingZeroBitCount >> 3 }
        p += 8
    }
    while p < n {
        let c = b[p]
        if c == separator || c == 10 || c == 13 || c == 34 { break }
        p += 1
    }
    return p
}

/// `b[from...]` split in about `parts` ranges that end at line ends (one range under 4 MB).
func lineChunks(_ b: UnsafeBufferPointer<UInt8>, from start: Int, parts: Int) -> [Range<Int>] {
    let n = b.count
    guard parts > 1, n - start > 4 << 20 else { return [start..<n] }
    var bounds = [start]
    for k in 1..<parts {
        var p = start + (n - start) * k / parts
        while p < n, b[p] != 10 { p += 1 }
        if p + 1 < n, p + 1 > bounds.last! { bounds.append(p + 1) }
    }
    bounds.append(n)
    return (0..<bounds.count - 1).map { bounds[$0]..<bounds[$0 + 1] }
}

/// `checkUTF8` of `b[range]` (the offset relative to the range), by pieces of about 8 MB that end
/// at line ends (no UTF-8 sequence spans one), each piece's pages given back once checked:
/// the parse reads them again from the page cache, so that checking a file does not bring it
/// whole into memory.
func checkUTF8(_ b: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, releasing storage: FileBytes,
               piece size: Int = 8 << 20) -> (invalid: Int?, newlines: Int) {
    var start = range.lowerBound, newlines = 0
    while start < range.upperBound {
        var end = min(start + size, range.upperBound)
        while end < range.upperBound, b[end - 1] != 10 { end += 1 }
        let piece = checkUTF8(UnsafeBufferPointer(rebasing: b[start..<end]))
        if let invalid = piece.invalid { return (start - range.lowerBound + invalid, newlines + piece.newlines) }
        newlines += piece.newlines
        storage.release(start..<end)
        start = end
    }
    return (nil, newlines)
}

/// The offset of the first byte that is not valid UTF-8 (or `nil`), and how many line feeds
/// come before it: one pass gives both the check and the size of the columns.
func checkUTF8(_ p: UnsafeBufferPointer<UInt8>) -> (invalid: Int?, newlines: Int) {
    let n = p.count
    var i = 0, newlines = 0
    guard let base = p.baseAddress else { return (nil, 0) }
    // 0x80 in each byte of `w` that is a line feed, 0 in the others (exact: no carry crosses bytes).
    @inline(__always) func lineFeedBits(_ w: UInt64) -> UInt64 {
        let x = w ^ 0x0A0A_0A0A_0A0A_0A0A
        return ~(((x & 0x7F7F_7F7F_7F7F_7F7F) &+ 0x7F7F_7F7F_7F7F_7F7F) | x | 0x7F7F_7F7F_7F7F_7F7F)
    }
    while i < n {
        // Fast path: ASCII blocks of 32 bytes, their line feeds added up in each byte of `lanes`
        // (at most 4 a block: 63 blocks stay under 256), summed once at the end. Without a
        // popcount instruction (baseline x86-64) this is twice as fast as counting bits per word.
        if i + 32 <= n {
            var lanes: UInt64 = 0, blocks = 0
            while blocks < 63, i + 32 <= n {
                let r = UnsafeRawPointer(base + i)
                let a = r.loadUnaligned(as: UInt64.self), b = r.loadUnaligned(fromByteOffset: 8, as: UInt64.self)
                let c = r.loadUnaligned(fromByteOffset: 16, as: UInt64.self)
                let d = r.loadUnaligned(fromByteOffset: 24, as: UInt64.self)
                if (a | b | c | d) & 0x8080_8080_8080_8080 != 0 { break }
                lanes &+= (lineFeedBits(a) >> 7) &+ (lineFeedBits(b) >> 7)
                lanes &+= (lineFeedBits(c) >> 7) &+ (lineFeedBits(d) >> 7)
                i += 32
                blocks += 1
            }
            let pairs = (lanes & 0x00FF_00FF_00FF_00FF) &+ ((lanes >> 8) & 0x00FF_00FF_00FF_00FF)
            newlines += Int((pairs &* 0x0001_0001_0001_0001) >> 48)
            if blocks > 0 { continue }
        }
        if i + 8 <= n {
            let w = UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self)
            if w & 0x8080_8080_8080_8080 == 0 {
                newlines += lineFeedBits(w).nonzeroBitCount
                i += 8
                continue
            }
        }
        let c = p[i]
        if c < 0x80 { if c == 10 { newlines += 1 }; i += 1; continue }
        var need = 0, min: UInt32 = 0, cp: UInt32 = 0
        if c & 0xE0 == 0xC0 { need = 1; min = 0x80; cp = UInt32(c & 0x1F) }
        else if c & 0xF0 == 0xE0 { need = 2; min = 0x800; cp = UInt32(c & 0x0F) }
        else if c & 0xF8 == 0xF0 { need = 3; min = 0x10000; cp = UInt32(c & 0x07) }
        else { return (i, newlines) }
        guard i + need < n else { return (i, newlines) }
        for k in 1...need {
            let d = p[i + k]
            guard d & 0xC0 == 0x80 else { return (i, newlines) }
            cp = cp << 6 | UInt32(d & 0x3F)
        }
        if cp < min || cp > 0x10FFFF || (0xD800...0xDFFF).contains(cp) { return (i, newlines) }
        i += need + 1
    }
    return (nil, newlines)
}

func position(of offset: Int, in b: UnsafeBufferPointer<UInt8>) -> (line: Int, column: Int) {
    var line = 1, lineStart = 0
    for i in 0..<min(offset, b.count) where b[i] == 10 { line += 1; lineStart = i + 1 }
    return (line, utf8Column(b, from: lineStart, to: offset))
}

func utf8Column(_ b: UnsafeBufferPointer<UInt8>, from: Int, to: Int) -> Int {
    var col = 1
    var p = from
    while p < to { if b[p] & 0xC0 != 0x80 { col += 1 }; p += 1 }
    return col
}

extension String {
    func trimmingWhitespace() -> String {
        var s = Substring(self)
        while let f = s.first, f.isWhitespace { s.removeFirst() }
        while let l = s.last, l.isWhitespace { s.removeLast() }
        return String(s)
    }
}
