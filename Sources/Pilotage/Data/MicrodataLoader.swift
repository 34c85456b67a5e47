import Dispatch

extension DatasetLoader {
    static let eventColumns = ["youth_id", "date", "kind", "detail"]
    static let pathwayColumns = ["pathway_id", "youth_id", "program", "start_date", "end_date", "yg_plan",
                                 "exit_outcome", "exit_detail", "exit_durable", "exit_non_market", "exit_cpf"]
    static let situationColumns = ["situation_id", "youth_id", "kind", "detail", "start_date", "end_date", "durable", "non_market"]

    /// Loads the four microdata files into the columnar store. youth.csv first (the others
    /// refer to it): its parts on every core, then its identifiers numbered on one core while
    /// the other three files are mapped and checked on another; then events (in parts, each
    /// writing in place), pathways and situations are parsed concurrently.
    mutating func loadMicro(_ ml: IDIndex) throws -> MicroStore? {
        let t0 = Trace.now()
        let parts = ProcessInfoCores.count * 2
        guard case (let youthFile, let yc)? = try open("youth.csv", required: true,
                                                     columns: ["youth_id", "ml_id", "sex", "birth_date", "level", "diploma", "qpv", "zrr", "neet"],
                                                     parts: parts) else { return nil }
        // The other files are opened on their own loader: their errors come after youth.csv's,
        // and only when the loader would have opened them (in that order, each after the last).
        var side = DatasetLoader(directory: directory)
        side.converted = converted
        let sideBox = Box((loader: side, files: [(CSVFile, [Int])]()))
        // Opened beside the numbering of youth.csv's identifiers (a parallel loop inside another
        // runs its parts one after the other).
        let openOthers: @Sendable () -> Void = {
            var loader = sideBox.value.loader
            var files: [(CSVFile, [Int])] = []
            for (name, columns) in [("events.csv", Self.eventColumns), ("pathways.csv", Self.pathwayColumns),
                                    ("situations.csv", Self.situationColumns)] {
                let fileParts = name == "events.csv" ? parts * 2 : 1
                guard let f = try? loader.open(name, required: true, columns: columns, parts: fileParts) else { break }
                // The events, checked, are read again only by their parse, which gives their pages
                // back as it goes: none stays in memory meanwhile (the page cache keeps them).
                if name == "events.csv" { f.0.storage.release() }
                files.append(f)
            }
            sideBox.value = (loader, files)
        }
        let fast = Self.parseYouthInParts(youthFile, yc, ml, alongside: openOthers)
        let parsed = try fast ?? Self.parseYouth(youthFile, yc, ml, &sink)
        // Each file's pages are given back as soon as it is parsed: the memory then holds the
        // columns and little of the files (the page cache keeps them).
        youthFile.storage.release()
        guard let youth = parsed else { return nil }
        Trace.log("youth.csv", t0)
        try checkInterruption()
        for d in sideBox.value.loader.sink.errors { try sink.report(d) }
        guard sideBox.value.files.count == 3 else { return nil }
        let (eventsFile, ec) = sideBox.value.files[0], (pathways, pc) = sideBox.value.files[1],
            (situations, sc) = sideBox.value.files[2]

        let t1b = Trace.now()
        let ids = youth.ids
        let eventParts = eventsFile.parts
        let pCapacity = pathways.parts.reduce(1) { $0 + $1.newlines }, sCapacity = situations.parts.reduce(1) { $0 + $1.newlines }
        let pathwayResult = Part(PathwayColumns(capacity: pCapacity)), situationResult = Part(SituationColumns(capacity: sCapacity))
        let eShape = eventsFile.shape, pShape = pathways.shape, sShape = situations.shape
        let (pFirst, sFirst) = (pathways.firstBodyLine, situations.firstBodyLine)
        let pRange = pathways.body, sRange = situations.body
        nonisolated(unsafe) let (eb, pb, sb) = (eventsFile.buffer, pathways.buffer, situations.buffer)
        // Each event part writes from its first row and line as its line ends place them. A part
        // ends at a line end, so it holds at most a row per line (the last part one more, for a
        // last line without a line end): the parts' rows meet, and the merge moves none, unless a
        // part's rows were fewer (a quoted line end; then the merge closes the gap). More rows
        // than that (lone CR line ends) overflow: the events are parsed again, whole.
        // (The first part's line feeds include the header's.)
        let lines = eventParts.enumerated().map { $1.newlines - ($0 == 0 ? eventsFile.firstBodyLine - 1 : 0) }
        let firstLines = lines.indices.map { k in eventsFile.firstBodyLine + lines[..<k].reduce(0, +) }
        let capacities = lines.enumerated().map { $1 + ($0 == lines.count - 1 ? 1 : 0) }
        let firstRows = capacities.indices.map { k in capacities[..<k].reduce(0, +) }
        let eventResults = eventParts.map { _ in Part(EventPartResult()) }
        var eColumns = makeEventColumns(capacity: capacities.reduce(0, +)) { out in
            // Largest work first: pathways and situations, then the event parts.
            DispatchQueue.concurrentPerform(iterations: 2 + eventParts.count) { t in
                defer { Trace.log(t < 2 ? ["pathways.csv", "situations.csv"][t] : "events.csv part \(t - 2)", t1b) }
                switch t {
                case 0:
                    pathwayResult.run { sink, cols in
                        try cols.parse(pShape, pRange, pb, firstLine: pFirst, capacity: pCapacity, pc, ids, &sink)
                    }
                    pathways.storage.release()
                case 1:
                    situationResult.run { sink, cols in
                        try cols.parse(sShape, sRange, sb, firstLine: sFirst, capacity: sCapacity, sc, ids, &sink)
                    }
                    situations.storage.release()
                default:
                    let k = t - 2
                    eventResults[k].run { sink, result in
                        var parser = EventParser(out: out, first: firstRows[k], capacity: capacities[k], shape: eShape,
                                                 columns: ec, ids: ids)
                        defer { result = parser.result }
                        return try parser.parse(eShape, eventParts[k].range, eb, firstLine: firstLines[k],
                                                releasing: eventsFile.storage, &sink)
                    }
                }
            }
            guard eventResults.allSatisfy({ $0.aligned && !$0.columns.overflow }) else { return 0 }
            return Self.closeGaps(eventResults, expectedLines: lines, out)
        }
        Trace.log("parallel parse", t1b)
        try checkInterruption()
        var events = eventResults
        if !eventResults.allSatisfy({ $0.aligned && !$0.columns.overflow }) {
            // A split fell inside a quoted field (or lone CR line ends made more rows than line
            // ends): the events are parsed again, whole, with room for any number of rows.
            // The first parse unescaped quoted fields in place: the file's bytes are read again.
            guard eventsFile.storage.restore() else {
                try sink.report(.init(.missingFile, file: "events.csv",
                                      expected: .init(fr: "un fichier inchangé pendant la lecture",
                                                      en: "a file unchanged while read"),
                                      found: "modifié / changed"))
                return nil
            }
            let whole = Part(EventPartResult())
            let overflow = eventResults.contains { $0.columns.overflow }
            let capacity = overflow ? eventsFile.count / 4 + 2 : capacities.reduce(0, +)
            eColumns = makeEventColumns(capacity: capacity) { out in
                whole.run { sink, result in
                    var parser = EventParser(out: out, first: 0, capacity: capacity, shape: eShape,
                                             columns: ec, ids: ids)
                    defer { result = parser.result }
                    return try parser.parse(eShape, eventsFile.body, eb, firstLine: eventsFile.firstBodyLine,
                                            releasing: nil, &sink)
                }
                return whole.columns.count
            }
            events = [whole]
        }
        eventsFile.storage.release()
        let t2 = Trace.now()
        defer { Trace.log("finish", t2) }
        return try finish(youth: youth, events: events, eventColumns: eColumns, pathways: pathwayResult,
                          situations: situationResult)
    }

    /// Lines counted from the line ends before each part (`expectedLines`: each part's): where a
    /// part read another number of lines (lone CR line ends), the later parts' lines and errors are
    /// shifted; where a part read fewer rows than its room, the later parts' rows move down.
    /// Returns the rows in all.
    private static func closeGaps(_ parts: [Part<EventPartResult>], expectedLines: [Int], _ out: EventOutput) -> Int {
        var rows = 0, shift = 0
        for (k, part) in parts.enumerated() {
            let r = part.columns
            if shift != 0 {
                for i in r.first..<r.first + r.count { out.line[i] += Int32(shift) }
                part.errors = part.errors.map { var d = $0; d.line = d.line.map { $0 + shift }; return d }
            }
            out.move(from: r.first, to: rows, count: r.count)
            part.columns.first = rows
            rows += r.count
            shift += part.lines - expectedLines[k]
        }
        return rows
    }

    /// Merges the parts: errors in file order (at most 50), the one-accueil rule checked across
    /// parts, then the records grouped by young person.
    private mutating func finish(youth: YouthColumns, events: [Part<EventPartResult>],
                                 eventColumns: (owner: [Int32], date: [Int32], kind: [UInt8], detail: [UInt8],
                                                line: [Int32]),
                                 pathways: Part<PathwayColumns>,
                                 situations: Part<SituationColumns>) throws -> MicroStore? {
        let n = youth.ml.count
        let p = pathways.columns, s = situations.columns
        // Each file's rows grouped by young person, beside the one-accueil rule's check (the
        // grouping is wasted only when the load fails); then every column placed on its own
        // thread (nothing to place when a file's rows are grouped already, as files written in
        // the order of youth.csv are).
        let groups = (0..<3).map { _ in Box(([Int32](), [[Int32]]?.none)) }
        let owners = [[eventColumns.owner], [p.owner], [s.owner]], secondAccueils = Box([DatasetDiagnostic]())
        DispatchQueue.concurrentPerform(iterations: 4) { t in
            // The two longest first: the events' grouping (0) and the accueils (1).
            if t == 1 {
                secondAccueils.value = Self.secondAccueils(events, owner: eventColumns.owner, line: eventColumns.line,
                                                           youthCount: n)
            } else {
                groups[max(t - 1, 0)].value = groupByOwner(owners[max(t - 1, 0)], n)
            }
        }
        let eventErrors = events.flatMap(\.errors) + secondAccueils.value
        let truncated = events.contains(where: \.truncated) || pathways.truncated || situations.truncated
        for d in eventErrors.sorted(by: { ($0.line ?? 0) < ($1.line ?? 0) }) + pathways.errors + situations.errors {
            try sink.report(d)
        }
        if truncated { throw DiagnosticSink.LimitReached() }
        guard sink.isEmpty else { return nil }
        let (eStart, eDest) = groups[0].value, (pStart, pDest) = groups[1].value, (sStart, sDest) = groups[2].value
        let eLine = Box(eventColumns.line), eDate = Box(eventColumns.date)
        let eKind = Box(eventColumns.kind), eDetail = Box(eventColumns.detail)
        let i32 = (0..<10).map { _ in Box([Int32]()) }, u8 = (0..<9).map { _ in Box([UInt8]()) }
        let jobs: [@Sendable () -> Void] = [
            // The events' columns one after the other: one of them at a time is held twice.
            { i32[0].value = place([eLine.value], eDest); eLine.value = []
              i32[1].value = place([eDate.value], eDest); eDate.value = []
              u8[0].value = place([eKind.value], eDest); eKind.value = []
              u8[1].value = place([eDetail.value], eDest); eDetail.value = [] },
            { i32[2].value = place([p.id], pDest); i32[3].value = place([p.begin], pDest); i32[4].value = place([p.end], pDest)
              i32[5].value = place([p.line], pDest) },
            { u8[2].value = place([p.program], pDest); u8[3].value = place([p.outcome], pDest)
              u8[4].value = place([p.detail], pDest); u8[5].value = place([p.flags], pDest) },
            { i32[6].value = place([s.id], sDest); i32[7].value = place([s.begin], sDest); i32[8].value = place([s.end], sDest)
              i32[9].value = place([s.line], sDest) },
            { u8[6].value = place([s.kind], sDest); u8[7].value = place([s.detail], sDest); u8[8].value = place([s.flags], sDest) },
        ]
        DispatchQueue.concurrentPerform(iterations: jobs.count) { jobs[$0]() }
        let c = i32.map(\.value), b = u8.map(\.value)
        return MicroStore(youthIDs: youth.ids, youthML: youth.ml, youthSex: youth.sex, youthBirth: youth.birth, youthLevel: youth.level,
                          youthFlags: youth.flags, youthLine: youth.line,
                          evStart: eStart, evDate: c[1], evKind: b[0], evDetail: b[1], evLine: c[0],
                          pwStart: pStart, pwIDs: p.ids, pwID: c[2], pwBegin: c[3], pwEnd: c[4],
                          pwProgram: b[2], pwOutcome: b[3], pwDetail: b[4], pwFlags: b[5], pwLine: c[5],
                          stStart: sStart, stIDs: s.ids, stID: c[6], stBegin: c[7], stEnd: c[8],
                          stKind: b[6], stDetail: b[7], stFlags: b[8], stLine: c[9])
    }

    /// Every accueil after a young person's first, in the whole file (parts in file order).
    private static func secondAccueils(_ events: [Part<EventPartResult>], owner: [Int32], line: [Int32],
                                       youthCount: Int) -> [DatasetDiagnostic] {
        var firstAccueil = [Int32](repeating: 0, count: youthCount), errors: [DatasetDiagnostic] = []
        for part in events {
            let first = part.columns.first
            for a in part.columns.accueils {
                let i = first + Int(a.row), y = Int(owner[i]), at = line[i]
                if firstAccueil[y] != 0 {
                    let earlier = firstAccueil[y]
                    let expected = LocalizedText(
                        fr: "au plus un accueil par jeune (le premier est ligne \(earlier))",
                        en: "at most one accueil per young person (the first is on line \(earlier))")
                    errors.append(.init(.secondAccueil, file: "events.csv", line: Int(at), column: Int(a.column),
                                        field: "kind", expected: expected,
                                        found: "un second accueil / a second accueil"))
                } else {
                    firstAccueil[y] = at
                }
            }
        }
        return errors
    }

    /// youth.csv parsed in parts at once when every row is plain and valid: the identifiers are
    /// then numbered in file order in one pass over their precomputed hashes. `nil` for any other
    /// file (or a duplicate), which ``parseYouth(_:_:_:_:)`` then reads row by row, reporting.
    /// `alongside` runs once: beside the numbering, or before `nil`.
    private static func parseYouthInParts(_ csv: CSVFile, _ c: [Int], _ ml: IDIndex,
                                          alongside: @Sendable () -> Void) -> YouthColumns? {
        let t0 = Trace.now(), parts = csv.parts, shape = csv.shape
        let results = parts.map { Box(YouthPart(capacity: $0.newlines + 1)) }
        let ok = parts.map { _ in Box(false) }
        nonisolated(unsafe) let buffer = csv.buffer
        DispatchQueue.concurrentPerform(iterations: parts.count) { k in
            var y = results[k].value
            let sexes = CodeTable<Sex>(), levels = CodeTable<SchoolLevel>()
            var mlGuess: Int32 = 0
            // Every field read by the located parsers, into a sink that must stay empty.
            var scratch = DiagnosticSink()
            // The common row (columns in the header's order, no quote, known codes, flags 0/1/empty)
            // by one pass over its fields; any other by the located parsers below.
            var mlLookup = YouthLookup()
            let days = DayTable.shared
            let fused = c == Array(0..<9) && shape.columns.count == 9
            ok[k].value = shape.plainRows(in: parts[k].range, buffer: buffer, firstLine: 0, fused: { cur, _ in
                guard fused, let idField = cur.field(), cur.isIdentifier(idField), let m = mlLookup.owner(&cur, ml),
                      let sex = cur.codeField(sexes.leading),
                      let birth = cur.dayField(days),
                      let level = cur.codeField(levels.leading),
                      let diploma = cur.flagField(), let qpv = cur.flagField(), let zrr = cur.flagField(),
                      let (neet, next) = cur.lastFlagField() else { return nil }
                let id = cur.bytes(idField)
                y.keys.append((id.baseAddress!, Int32(id.count), IDIndex.hash(id)))
                y.columns.append(ml: m, sex: sex, birth: birth, level: level, diploma: diploma, qpv: qpv, zrr: zrr,
                                 neet: neet)
                return next
            }) { row in
                do {
                    guard let id = try row.identifier(c[0], &scratch), let mlID = try row.identifier(c[1], &scratch),
                          let m = ml.find(mlID, guess: &mlGuess),
                          let sex = try sexes.code(row, c[2], &scratch),
                          let birth = try quickDay(row.bytes(c[3])) ?? row.date(c[3], &scratch),
                          let level = try levels.code(row, c[4], &scratch),
                          let diploma = try row.bool(c[5], &scratch), let qpv = try row.bool(c[6], &scratch),
                          let zrr = try row.bool(c[7], &scratch), let neet = try row.bool(c[8], &scratch), scratch.isEmpty
                    else { return false }
                    y.keys.append((id.baseAddress!, Int32(id.count), IDIndex.hash(id)))
                    y.columns.append(ml: m, sex: sexes.index(sex), birth: birth.number, level: levels.index(level),
                                     diploma: diploma, qpv: qpv, zrr: zrr, neet: neet)
                    return true
                } catch { return false }
            }
            results[k].value = y
        }
        Trace.log("youth.csv parts", t0)
        guard ok.allSatisfy(\.value) else {
            alongside()
            return nil
        }
        // The identifiers are numbered, and the columns placed end to end, on threads of their own
        // while the other files are opened and checked: the checks' parts share both cores with
        // them (in a parallel loop, the checks' own parallel loop would run one part at a time).
        nonisolated(unsafe) let all = results.map(\.value)
        let firstBodyLine = csv.firstBodyLine
        let index = Box(IDIndex?.none), placed = Box(YouthColumns(capacity: 0, reserving: false, index: false))
        let numbering = DispatchGroup()
        DispatchQueue.global().async(group: numbering) {
            index.value = IDIndex(numbering: all.map(\.keys))
            Trace.log("youth.csv identifiers", t0)
        }
        DispatchQueue.global().async(group: numbering) {
            let rows = all.map(\.columns)
            var y = placed.value
            y.ml = place(rows.map(\.ml), nil); y.sex = place(rows.map(\.sex), nil)
            y.birth = place(rows.map(\.birth), nil)
            y.level = place(rows.map(\.level), nil); y.flags = place(rows.map(\.flags), nil)
            y.line = (0..<y.ml.count).map { Int32(firstBodyLine + $0) }
            placed.value = y
        }
        alongside()
        Trace.log("other files opened", t0)
        numbering.wait()
        guard let ids = index.value else { return nil }
        placed.value.ids = ids
        return placed.value
    }

    /// Parses youth.csv in file order (its identifiers are numbered as they come).
    private static func parseYouth(_ csv: CSVFile, _ c: [Int], _ ml: IDIndex, _ sink: inout DiagnosticSink) throws -> YouthColumns? {
        var y = YouthColumns(capacity: csv.parts.reduce(1) { $0 + $1.newlines })
        let sexes = CodeTable<Sex>(), levels = CodeTable<SchoolLevel>()
        var mlGuess: Int32 = 0
        try csv.forEachRow(sink: &sink) { row, sink in
            guard try insertUnique(row, c[0], "youth_id", into: &y.ids, &sink) != nil else { return }
            var m: Int32 = -1
            if let mlID = try row.identifier(c[1], &sink) {
                if let found = ml.find(mlID, guess: &mlGuess) { m = found } else {
                    try sink.report(row.diagnostic(.unknownReference, c[1], expected: .init(fr: "un ml_id de missions.csv", en: "an ml_id of missions.csv")))
                }
            }
            let sex = try sexes.code(row, c[2], &sink)
            let birth = try row.date(c[3], &sink)
            let level = try levels.code(row, c[4], &sink)
            let diploma = try row.bool(c[5], &sink), qpv = try row.bool(c[6], &sink), zrr = try row.bool(c[7], &sink), neet = try row.bool(c[8], &sink)
            // A row for every id, so that later files resolve it; the dataset is refused anyway on error.
            y.append(ml: m, sex: sex.map(Code.index) ?? 0, birth: birth?.number ?? 0, level: level.map(Code.index) ?? 0,
                     diploma: diploma == true, qpv: qpv == true, zrr: zrr == true, neet: neet == true)
            y.line.append(Int32(row.line))
        }
        // Without a readable youth.csv, references to young people cannot be checked: the
        // other files would only repeat that error.
        guard sink.isEmpty || !y.ml.isEmpty else { return nil }
        return y
    }
}

enum ProcessInfoCores {
    static let count = max(1, min(8, sysconf(Int32(_SC_NPROCESSORS_ONLN))))
}

/// The output of one part of a file parsed on its own thread.
final class Part<Columns>: @unchecked Sendable {
    var columns: Columns
    var errors: [DatasetDiagnostic] = []
    var truncated = false
    var lines = 0
    var aligned = true
    init(_ c: Columns) { columns = c }

    func run(_ body: (inout DiagnosticSink, inout Columns) throws -> (lines: Int, aligned: Bool)) {
        var sink = DiagnosticSink()
        do {
            (lines, aligned) = try body(&sink, &columns)
        } catch {
            truncated = true
        }
        errors = sink.errors
    }
}

struct YouthColumns {
    var ids: IDIndex
    var ml: [Int32] = [], sex: [UInt8] = [], birth: [Int32] = [], level: [UInt8] = [], flags: [UInt8] = [], line: [Int32] = []
    /// `reserving`: the columns sized for `capacity` rows; `index`: the identifiers' index too.
    init(capacity: Int, reserving: Bool = true, index: Bool = true) {
        ids = IDIndex(capacity: index ? capacity : 0)
        guard reserving else { return }
        ml.reserveCapacity(capacity); sex.reserveCapacity(capacity); birth.reserveCapacity(capacity)
        level.reserveCapacity(capacity); flags.reserveCapacity(capacity); line.reserveCapacity(capacity)
    }

    /// A young person's values (their line apart), the flags as bits: diploma 1, qpv 2, zrr 4, neet 8.
    @inline(__always)
    mutating func append(ml m: Int32, sex s: UInt8, birth b: Int32, level l: UInt8, diploma: Bool, qpv: Bool, zrr: Bool,
                         neet: Bool) {
        ml.append(m); sex.append(s); birth.append(b); level.append(l)
        flags.append((diploma ? 1 : 0) | (qpv ? 2 : 0) | (zrr ? 4 : 0) | (neet ? 8 : 0))
    }
}

/// A part of youth.csv read by ``DatasetLoader/parseYouthInParts(_:_:_:)``: its columns and where
/// its identifiers are, with their hashes, to be numbered once every part is read.
struct YouthPart {
    var columns: YouthColumns
    var keys: [IDIndex.Key] = []
    init(capacity: Int) {
        columns = YouthColumns(capacity: capacity, reserving: true, index: false)
        keys.reserveCapacity(capacity)
    }
}

/// The young person field `i` of a row names (the located parsers' way: `guess` tried first),
/// or `nil` with the row's located error.
func youthRef(_ row: CSVRow, _ i: Int, _ ids: IDIndex, _ guess: inout Int32,
              _ sink: inout DiagnosticSink) throws -> Int32? {
    guard let id = try row.identifier(i, &sink) else { return nil }
    if let y = ids.find(id, guess: &guess) { return y }
    try sink.report(row.diagnostic(.unknownReference, i, expected: .init(fr: "un youth_id de youth.csv", en: "a youth_id of youth.csv")))
    return nil
}

/// Adds a row's identifier to `ids`; reports a missing, malformed or duplicate one.
private func insertUnique(_ row: CSVRow, _ i: Int, _ column: String, into ids: inout IDIndex, _ sink: inout DiagnosticSink) throws -> Int32? {
    guard let id = try row.identifier(i, &sink) else { return nil }
    let (index, inserted) = ids.insert(id)
    guard inserted else {
        try sink.report(row.diagnostic(.duplicateID, i, expected: .init(fr: "un \(column) unique", en: "a unique \(column)")))
        return nil
    }
    return index
}

private func notAllowed(_ row: CSVRow, _ i: Int, _ kind: String) -> DatasetDiagnostic {
    row.diagnostic(.detailNotAllowed, i, expected: .init(fr: "0 ou vide (ce champ ne vaut que pour « \(kind) »)", en: "0 or empty (this field applies to \(kind) only)"))
}

/// The columns of a file whose rows have identifiers of their own (pathways, situations).
protocol OwnIDColumns {
    init(capacity: Int)
    var ids: IDIndex { get set }
    var owner: [Int32] { get }
    mutating func add(_ row: CSVRow, _ c: [Int], _ youth: IDIndex, _ sink: inout DiagnosticSink) throws
    mutating func addFields(_ row: CSVRow, _ c: [Int], _ youth: IDIndex, _ idIndex: Int32, _ sink: inout DiagnosticSink) throws
    /// The common row under `cursor` (columns in the header's order, no quote, the common values),
    /// its fields stored as ``addFields(_:_:_:_:_:)`` stores them, its identifier's field and the
    /// offset after it returned; `nil`, nothing stored, for any other row.
    mutating func fusedRow(_ cursor: inout FieldCursor, line: Int, _ youth: IDIndex) -> (id: Range<Int>, next: Int)?
}

extension OwnIDColumns {
    /// Reads the rows of `range`: plain and valid ones with their identifiers numbered
    /// afterwards (``rowsNumberingLater(_:_:_:firstLine:_:_:)``); at the first other row or
    /// a duplicate, the columns start again, empty, and the rows are read one by one, reporting.
    mutating func parse(_ shape: CSVShape, _ range: Range<Int>, _ buffer: UnsafeMutableBufferPointer<UInt8>, firstLine: Int,
                        capacity: Int, _ c: [Int], _ youth: IDIndex, _ sink: inout DiagnosticSink) throws -> (lines: Int, aligned: Bool) {
        if let keys = rowsNumberingLater(shape, range, buffer, firstLine: firstLine, c, youth),
           keys.withUnsafeBufferPointer({ ids.insertAll($0) }) { return (0, true) }
        self = Self(capacity: capacity)
        return try shape.rows(in: range, buffer: buffer, firstLine: firstLine, sink: &sink) { row, sink in try add(row, c, youth, &sink) }
    }

    /// The rows of `range` when every one is plain and valid: each read by ``fusedRow(_:line:_:)``
    /// when common (columns in the header's order), else split and read by
    /// ``addFields(_:_:_:_:_:)`` without reporting; the identifiers are returned to be numbered
    /// in one pass over their hashes. `nil` at the first other row: the caller then reads the
    /// file row by row, reporting.
    mutating func rowsNumberingLater(_ shape: CSVShape, _ range: Range<Int>,
                                     _ buffer: UnsafeMutableBufferPointer<UInt8>, firstLine: Int, _ c: [Int],
                                     _ youth: IDIndex)
        -> [IDIndex.Key]? {
        var keys: [IDIndex.Key] = []
        keys.reserveCapacity(owner.capacity)
        var scratch = DiagnosticSink()
        let fused = c == Array(0..<shape.columns.count)
        let plain = shape.plainRows(in: range, buffer: buffer, firstLine: firstLine, fused: { cursor, line in
            guard fused, let (id, next) = fusedRow(&cursor, line: line, youth) else { return nil }
            let key = cursor.bytes(id)
            keys.append((key.baseAddress!, Int32(key.count), IDIndex.hash(key)))
            return next
        }) { row in
            do {
                let kept = owner.count
                guard let id = try row.identifier(c[0], &scratch), scratch.isEmpty else { return false }
                try addFields(row, c, youth, Int32(keys.count), &scratch)
                guard scratch.isEmpty, owner.count == kept + 1 else { return false }
                keys.append((id.baseAddress!, Int32(id.count), IDIndex.hash(id)))
                return true
            } catch { return false }
        }
        return plain ? keys : nil
    }
}

/// The young person a fused loop's youth_id field names: the last row's when the same bytes
/// (with the separator after them), else looked up (``IDIndex/find(_:guess:)``); `nil` when
/// it is not a plain known identifier.
struct YouthLookup {
    private var last: (start: Int, count: Int, owner: Int32) = (0, -1, 0)
    private var guess: Int32 = 0

    @inline(__always)
    mutating func owner(_ cursor: inout FieldCursor, _ ids: IDIndex) -> Int32? {
        let start = cursor.position, b = cursor.b
        if last.count > 0, start + last.count < cursor.n, sameBytes(b + start, b + last.start, last.count + 1) {
            cursor.skipField(last.count)
            return last.owner
        }
        guard let f = cursor.field(), cursor.isIdentifier(f), let y = ids.find(cursor.bytes(f), guess: &guess)
        else { return nil }
        last = (f.lowerBound, f.count, y)
        return y
    }
}

struct PathwayColumns: OwnIDColumns {
    var ids: IDIndex
    private var guess: Int32 = 0
    var owner: [Int32] = [], id: [Int32] = [], begin: [Int32] = [], end: [Int32] = [], program: [UInt8] = []
    var outcome: [UInt8] = [], detail: [UInt8] = [], flags: [UInt8] = [], line: [Int32] = []

    init(capacity: Int) {
        ids = IDIndex(capacity: capacity)
        for k in [\Self.owner, \Self.id, \Self.begin, \Self.end, \Self.line] { self[keyPath: k].reserveCapacity(capacity) }
        for k in [\Self.program, \Self.outcome, \Self.detail, \Self.flags] { self[keyPath: k].reserveCapacity(capacity) }
    }
    private let programs = CodeTable<Program>(), outcomes = CodeTable<ExitOutcomeKind>(),
                contracts = CodeTable<Contract>()
    private let trainings = CodeTable<TrainingKind>(), reorientations = CodeTable<ReorientationTarget>()
    private var lookup = YouthLookup()
    private static let (emploi, formation, reorientation) = (Code.index(ExitOutcomeKind.emploi),
                                                             Code.index(ExitOutcomeKind.formation),
                                                             Code.index(ExitOutcomeKind.reorientation))

    mutating func fusedRow(_ c: inout FieldCursor, line: Int, _ youth: IDIndex) -> (id: Range<Int>, next: Int)? {
        let days = DayTable.shared
        guard let id = c.field(), c.isIdentifier(id), let y = lookup.owner(&c, youth),
              let program = c.codeField(programs.leading),
              let start = c.dayField(days), let endDate = c.optionalDayField(days), let yg = c.flagField(),
              let outcome = c.optionalCodeField(outcomes.leading) else { return nil }
        // The detail is one of the outcome's codes, or empty where the outcome has none.
        var detailCode: UInt8 = 0
        let details: LeadingCodes?
        switch outcome {
        case Self.emploi?: details = contracts.leading
        case Self.formation?: details = trainings.leading
        case Self.reorientation?: details = reorientations.leading
        default: details = nil
        }
        if let details {
            guard let d = c.codeField(details) else { return nil }
            detailCode = d + 1
        } else {
            guard c.emptyField() else { return nil }
        }
        guard let durable = c.flagField(), let nonMarket = c.flagField(), let (cpf, next) = c.lastFlagField()
        else { return nil }
        var endDay = MicroStore.open, outcomeCode: UInt8 = 0
        if let end = endDate {
            guard end >= start, let o = outcome, o == Self.emploi || !(durable || nonMarket),
                  o == Self.formation || !cpf else { return nil }
            endDay = end
            outcomeCode = o + 1
        } else {
            guard outcome == nil, !durable, !nonMarket, !cpf else { return nil }
        }
        store(owner: y, id: Int32(self.id.count), begin: start, end: endDay, program: program, outcome: outcomeCode,
              detail: detailCode, yg: yg, durable: durable, nonMarket: nonMarket, cpf: cpf, line: line)
        return (id, next)
    }

    mutating func add(_ row: CSVRow, _ c: [Int], _ youth: IDIndex, _ sink: inout DiagnosticSink) throws {
        guard let idIndex = try insertUnique(row, c[0], "pathway_id", into: &ids, &sink) else { return }
        try addFields(row, c, youth, idIndex, &sink)
    }

    /// The row's fields but its identifier, numbered `idIndex`.
    mutating func addFields(_ row: CSVRow, _ c: [Int], _ youth: IDIndex, _ idIndex: Int32, _ sink: inout DiagnosticSink) throws {
        guard let y = try youthRef(row, c[1], youth, &guess, &sink),
              let program = try programs.code(row, c[2], &sink),
              let start = try quickDay(row.bytes(c[3])) ?? (row.date(c[3], &sink)), let end = try row.optionalDate(c[4], &sink),
              let yg = try row.bool(c[5], &sink), let durable = try row.bool(c[8], &sink),
              let nonMarket = try row.bool(c[9], &sink), let cpf = try row.bool(c[10], &sink) else { return }
        var outcomeCode: UInt8 = 0, detailCode: UInt8 = 0
        if let end {
            if end < start {
                try sink.report(row.diagnostic(.endBeforeStart, c[4], expected: .init(fr: "une date de sortie au plus tôt le \(start)", en: "an end_date on or after \(start)")))
                return
            }
            guard let o = try outcomes.code(row, c[6], &sink) else { return }
            outcomeCode = outcomes.index(o) + 1
            switch o {
            case .emploi:
                guard let v = try contracts.code(row, c[7], &sink) else { return }
                detailCode = contracts.index(v) + 1
            case .formation:
                guard let v = try trainings.code(row, c[7], &sink) else { return }
                detailCode = trainings.index(v) + 1
            case .reorientation:
                guard let v = try reorientations.code(row, c[7], &sink) else { return }
                detailCode = reorientations.index(v) + 1
            case .serviceCivique, .sansSolution, .autre:
                if !row.isEmpty(c[7]) {
                    try sink.report(row.diagnostic(.detailNotAllowed, c[7], expected: .init(fr: "un exit_detail vide pour l'issue \(o.rawValue)", en: "an empty exit_detail for outcome \(o.rawValue)")))
                    return
                }
            }
            if durable && o != .emploi { try sink.report(notAllowed(row, c[8], "emploi")); return }
            if nonMarket && o != .emploi { try sink.report(notAllowed(row, c[9], "emploi")); return }
            if cpf && o != .formation { try sink.report(notAllowed(row, c[10], "formation")); return }
        } else {
            for (k, isSet) in [(c[6], !row.isEmpty(c[6])), (c[7], !row.isEmpty(c[7])), (c[8], durable), (c[9], nonMarket), (c[10], cpf)] where isSet {
                try sink.report(row.diagnostic(.exitOnOpenPathway, k, expected: .init(fr: "un champ vide (ou 0) tant que end_date est vide", en: "an empty field (or 0) while end_date is empty")))
                return
            }
        }
        store(owner: y, id: idIndex, begin: start.number, end: end?.number ?? MicroStore.open,
              program: programs.index(program), outcome: outcomeCode, detail: detailCode, yg: yg, durable: durable,
              nonMarket: nonMarket, cpf: cpf, line: row.line)
    }

    /// A pathway's values, the flags as bits: yg_plan 1, exit_durable 2, exit_non_market 4, exit_cpf 8.
    @inline(__always)
    private mutating func store(owner y: Int32, id i: Int32, begin b: Int32, end e: Int32, program p: UInt8,
                                outcome o: UInt8, detail d: UInt8, yg: Bool, durable: Bool, nonMarket: Bool, cpf: Bool,
                                line l: Int) {
        owner.append(y); id.append(i); begin.append(b); end.append(e); program.append(p); outcome.append(o)
        detail.append(d); flags.append((yg ? 1 : 0) | (durable ? 2 : 0) | (nonMarket ? 4 : 0) | (cpf ? 8 : 0))
        line.append(Int32(l))
    }
}

struct SituationColumns: OwnIDColumns {
    var ids: IDIndex
    private var guess: Int32 = 0
    var owner: [Int32] = [], id: [Int32] = [], begin: [Int32] = [], end: [Int32] = [], kind: [UInt8] = []
    var detail: [UInt8] = [], flags: [UInt8] = [], line: [Int32] = []

    init(capacity: Int) {
        ids = IDIndex(capacity: capacity)
        for k in [\Self.owner, \Self.id, \Self.begin, \Self.end, \Self.line] { self[keyPath: k].reserveCapacity(capacity) }
        for k in [\Self.kind, \Self.detail, \Self.flags] { self[keyPath: k].reserveCapacity(capacity) }
    }
    private let kinds = CodeTable<SituationKind>(), contracts = CodeTable<Contract>(),
                trainings = CodeTable<TrainingKind>()
    private var lookup = YouthLookup()
    private static let (emploi, formation) = (Code.index(SituationKind.emploi), Code.index(SituationKind.formation))

    mutating func fusedRow(_ c: inout FieldCursor, line: Int, _ youth: IDIndex) -> (id: Range<Int>, next: Int)? {
        let days = DayTable.shared
        guard let id = c.field(), c.isIdentifier(id), let y = lookup.owner(&c, youth),
              let kind = c.codeField(kinds.leading) else { return nil }
        var detailCode: UInt8 = 0, endDay = MicroStore.open
        switch kind {
        case Self.emploi: guard let d = c.codeField(contracts.leading) else { return nil }; detailCode = d + 1
        case Self.formation: guard let d = c.codeField(trainings.leading) else { return nil }; detailCode = d + 1
        default: guard c.emptyField() else { return nil }
        }
        guard let start = c.dayField(days), let endDate = c.optionalDayField(days), let durable = c.flagField(),
              let (nonMarket, next) = c.lastFlagField() else { return nil }
        if let end = endDate {
            guard end >= start else { return nil }
            endDay = end
        }
        guard kind == Self.emploi || !(durable || nonMarket) else { return nil }
        store(owner: y, id: Int32(self.id.count), begin: start, end: endDay, kind: kind, detail: detailCode,
              durable: durable, nonMarket: nonMarket, line: line)
        return (id, next)
    }

    mutating func add(_ row: CSVRow, _ c: [Int], _ youth: IDIndex, _ sink: inout DiagnosticSink) throws {
        guard let idIndex = try insertUnique(row, c[0], "situation_id", into: &ids, &sink) else { return }
        try addFields(row, c, youth, idIndex, &sink)
    }

    /// The row's fields but its identifier, numbered `idIndex`.
    mutating func addFields(_ row: CSVRow, _ c: [Int], _ youth: IDIndex, _ idIndex: Int32, _ sink: inout DiagnosticSink) throws {
        guard let y = try youthRef(row, c[1], youth, &guess, &sink),
              let kind = try kinds.code(row, c[2], &sink) else { return }
        var detailCode: UInt8 = 0
        switch kind {
        case .emploi:
            guard let contract = try contracts.code(row, c[3], &sink) else { return }
            detailCode = contracts.index(contract) + 1
        case .formation:
            guard let t = try trainings.code(row, c[3], &sink) else { return }
            detailCode = trainings.index(t) + 1
        default:
            if !row.isEmpty(c[3]) {
                try sink.report(row.diagnostic(.detailNotAllowed, c[3], expected: .init(fr: "un détail vide pour une situation \(kind.rawValue)", en: "an empty detail for a \(kind.rawValue) situation")))
                return
            }
        }
        guard let start = try quickDay(row.bytes(c[4])) ?? (row.date(c[4], &sink)), let end = try row.optionalDate(c[5], &sink),
              let durable = try row.bool(c[6], &sink), let nonMarket = try row.bool(c[7], &sink) else { return }
        if let end, end < start {
            try sink.report(row.diagnostic(.endBeforeStart, c[5], expected: .init(fr: "une date de fin au plus tôt le \(start)", en: "an end_date on or after \(start)")))
            return
        }
        if durable && kind != .emploi { try sink.report(notAllowed(row, c[6], "emploi")); return }
        if nonMarket && kind != .emploi { try sink.report(notAllowed(row, c[7], "emploi")); return }
        store(owner: y, id: idIndex, begin: start.number, end: end?.number ?? MicroStore.open, kind: kinds.index(kind),
              detail: detailCode, durable: durable, nonMarket: nonMarket, line: row.line)
    }

    /// A situation's values, the flags as bits: durable 2, non_market 4.
    @inline(__always)
    private mutating func store(owner y: Int32, id i: Int32, begin b: Int32, end e: Int32, kind k: UInt8,
                                detail d: UInt8, durable: Bool, nonMarket: Bool, line l: Int) {
        owner.append(y); id.append(i); begin.append(b); end.append(e); kind.append(k); detail.append(d)
        flags.append((durable ? 2 : 0) | (nonMarket ? 4 : 0)); line.append(Int32(l))
    }
}

/// Offsets per owner (count + 1) and, for each part, the destination of each of its rows
/// once grouped by owner (stable: file order is kept within an owner); no destinations when
/// the rows are grouped already (owners never decrease, as in files written in the order of
/// youth.csv): the columns are then the parts end to end.
func groupByOwner(_ parts: [[Int32]], _ count: Int) -> ([Int32], [[Int32]]?) {
    var start = [Int32](repeating: 0, count: count + 1)
    var sorted = true, last: Int32 = 0
    start.withUnsafeMutableBufferPointer { s in
        for owner in parts {
            owner.withUnsafeBufferPointer { o in
                for y in o {
                    s[Int(y) + 1] += 1
                    if y < last { sorted = false }
                    last = y
                }
            }
        }
        for i in 0..<count { s[i + 1] += s[i] }
    }
    if sorted { return (start, nil) }
    var next = start
    let destinations = parts.map { owner in
        owner.map { o -> Int32 in
            defer { next[Int(o)] += 1 }
            return next[Int(o)]
        }
    }
    return (start, destinations)
}

/// The parts' values placed at their destinations (end to end without destinations), each
/// part's values shifted by `transform` (a part's line offset).
func place<T>(_ parts: [[T]], _ destinations: [[Int32]]?, _ transform: ((Int, T) -> T)? = nil) -> [T] {
    if parts.count == 1, destinations == nil, transform == nil { return parts[0] }
    let total = parts.reduce(0) { $0 + $1.count }
    return [T](unsafeUninitializedCapacity: total) { buffer, count in
        let out = buffer.baseAddress!
        var at = 0
        for (k, values) in parts.enumerated() {
            values.withUnsafeBufferPointer { v in
                if let destinations {
                    destinations[k].withUnsafeBufferPointer { d in
                        for i in 0..<v.count { (out + Int(d[i])).initialize(to: transform.map { $0(k, v[i]) } ?? v[i]) }
                    }
                } else if let transform {
                    for i in 0..<v.count { (out + at + i).initialize(to: transform(k, v[i])) }
                } else if let b = v.baseAddress {
                    (out + at).initialize(from: b, count: v.count)
                }
            }
            at += values.count
        }
        count = total
    }
}

import Foundation

/// Phase timings on standard error when `PILOTAGE_TRACE` is set (for the benchmark).
enum Trace: Sendable {
    static let enabled = ProcessInfo.processInfo.environment["PILOTAGE_TRACE"] != nil
    static func now() -> UInt64 { DispatchTime.now().uptimeNanoseconds }
    static func log(_ what: String, _ start: UInt64) {
        guard enabled else { return }
        FileHandle.standardError.write(Data("[trace] \(what): \(Double(now() - start) / 1e6) ms\n".utf8))
    }
}
