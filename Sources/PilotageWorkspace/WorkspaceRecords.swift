import Foundation
import GRDB
import Pilotage

// The records of a workspace file: one table per kind, one row per scenario, convention, note…
// Structured values (a scenario's changes, a convention) are JSON columns, as GRDB stores
// Codable properties.

struct ScenarioRecord: Codable, Hashable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "scenario"
    var name: String
    var changes: [Scenario.Change]
}

struct ConventionRecord: Codable, Hashable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "convention"
    var number: String
    var mlID: String
    var convention: Convention
}

struct AnnotationRecord: Codable, Hashable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "annotation"
    var ml: String
    var theme: String
    var text: String
}

struct SynthesisEntryRecord: Codable, Hashable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "synthesisEntry"
    var ml: String
    var cell: String
    var texts: [String]
}

struct SynthesisClearedRecord: Codable, Hashable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "synthesisCleared"
    var ml: String
    var cell: String
}

struct AvenantRecord: Codable, Hashable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "avenantDetails"
    var ml: String
    var details: Avenant.Details
}

struct NamedValueRecord: Codable, Hashable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "namedValue"
    var name: String
    var text: String
}

/// A workspace's content as records, and back.
struct Records {
    var scenarios: [ScenarioRecord] = []
    var conventions: [ConventionRecord] = []
    var annotations: [AnnotationRecord] = []
    var synthesisEntries: [SynthesisEntryRecord] = []
    var synthesisCleared: [SynthesisClearedRecord] = []
    var avenants: [AvenantRecord] = []
    var namedValues: [NamedValueRecord] = []

    init() {}

    init(_ c: Workspace.Content) {
        let d = c.dialogue
        scenarios = d.scenarios.map { ScenarioRecord(name: $0.key, changes: $0.value.changes) }
        conventions = d.conventions.map { ConventionRecord(number: $0.key, mlID: $0.value.mlID, convention: $0.value) }
        annotations = d.annotations.flatMap { ml, notes in notes.map { AnnotationRecord(ml: ml, theme: $0.key, text: $0.value) } }
        synthesisEntries = d.synthesisNotes.flatMap { ml, cells in cells.map { SynthesisEntryRecord(ml: ml, cell: $0.key, texts: $0.value) } }
        synthesisCleared = d.synthesisCleared.flatMap { ml, cells in cells.map { SynthesisClearedRecord(ml: ml, cell: $0) } }
        avenants = d.avenantDetails.map { AvenantRecord(ml: $0.key, details: $0.value) }
        namedValues = c.namedValues.map { NamedValueRecord(name: $0.key, text: $0.value) }
    }

    var content: Workspace.Content {
        var d = DialogueState()
        for r in scenarios { d.scenarios[r.name] = Scenario(name: r.name, changes: r.changes) }
        for r in conventions { d.conventions[r.number] = r.convention }
        for r in annotations { d.annotations[r.ml, default: [:]][r.theme] = r.text }
        for r in synthesisEntries { d.synthesisNotes[r.ml, default: [:]][r.cell] = r.texts }
        for r in synthesisCleared { d.synthesisCleared[r.ml, default: []].insert(r.cell) }
        for r in avenants { d.avenantDetails[r.ml] = r.details }
        return Workspace.Content(dialogue: d, namedValues: Dictionary(namedValues.map { ($0.name, $0.text) }) { $1 })
    }

    static func fetch(_ db: Database) throws -> Records {
        var r = Records()
        r.scenarios = try ScenarioRecord.fetchAll(db)
        r.conventions = try ConventionRecord.fetchAll(db)
        r.annotations = try AnnotationRecord.fetchAll(db)
        r.synthesisEntries = try SynthesisEntryRecord.fetchAll(db)
        r.synthesisCleared = try SynthesisClearedRecord.fetchAll(db)
        r.avenants = try AvenantRecord.fetchAll(db)
        r.namedValues = try NamedValueRecord.fetchAll(db)
        return r
    }

    /// Writes the records that differ from `self` to `new`: removed or changed ones deleted by
    /// their key, new or changed ones inserted. Nothing else is touched.
    func apply(_ new: Records, _ db: Database) throws {
        try Self.sync(scenarios, new.scenarios, db)
        try Self.sync(conventions, new.conventions, db)
        try Self.sync(annotations, new.annotations, db)
        try Self.sync(synthesisEntries, new.synthesisEntries, db)
        try Self.sync(synthesisCleared, new.synthesisCleared, db)
        try Self.sync(avenants, new.avenants, db)
        try Self.sync(namedValues, new.namedValues, db)
    }

    private static func sync<R: PersistableRecord & Hashable>(_ old: [R], _ new: [R], _ db: Database) throws {
        let before = Set(old), after = Set(new)
        for r in old where !after.contains(r) { try r.delete(db) }
        for r in new where !before.contains(r) { try r.insert(db, onConflict: .replace) }
    }
}

extension Workspace {
    /// The schema's versions. Never change a migration that shipped: add the next one.
    static let migrator: DatabaseMigrator = {
        var m = DatabaseMigrator()
        // v1: typed records and a revision number, replacing the flattened `entry (kind, key,
        // value)` table of the first release (converted here, then dropped).
        m.registerMigration("v1-typed-records") { db in
            try db.create(table: "scenario") { t in
                t.primaryKey("name", .text)
                t.column("changes", .jsonText).notNull()
            }
            try db.create(table: "convention") { t in
                t.primaryKey("number", .text)
                t.column("mlID", .text).notNull()
                t.column("convention", .jsonText).notNull()
            }
            try db.create(table: "annotation") { t in
                t.column("ml", .text).notNull()
                t.column("theme", .text).notNull()
                t.column("text", .text).notNull()
                t.primaryKey(["ml", "theme"])
            }
            try db.create(table: "synthesisEntry") { t in
                t.column("ml", .text).notNull()
                t.column("cell", .text).notNull()
                t.column("texts", .jsonText).notNull()
                t.primaryKey(["ml", "cell"])
            }
            try db.create(table: "synthesisCleared") { t in
                t.column("ml", .text).notNull()
                t.column("cell", .text).notNull()
                t.primaryKey(["ml", "cell"])
            }
            try db.create(table: "avenantDetails") { t in
                t.primaryKey("ml", .text)
                t.column("details", .jsonText).notNull()
            }
            try db.create(table: "namedValue") { t in
                t.primaryKey("name", .text)
                t.column("text", .text).notNull()
            }
            try db.create(table: "revision") { t in
                t.primaryKey("id", .integer).check { $0 == 1 }
                t.column("number", .integer).notNull()
            }
            try db.execute(sql: "INSERT INTO revision (id, number) VALUES (1, 0)")
            if try db.tableExists("entry") {
                try Records().apply(try firstReleaseRecords(db), db)
                try db.drop(table: "entry")
            }
        }
        // v2: notes on Fiche n°1 addressed by the instruction's numbering (`2.1.c`, `2.2.a`, `4.b`)
        // instead of the first releases' count of themes per step (`2.3`, `2.8`, `4.2`).
        m.registerMigration("v2-fiche1-numbering") { db in
            for row in try Row.fetchAll(db, sql: "SELECT ml, theme FROM annotation") {
                let ml: String = row["ml"], theme: String = row["theme"]
                guard let key = DialogueGuide.key(fromPreviousNumbering: theme) else { continue }
                try db.execute(sql: "UPDATE annotation SET theme = ? WHERE ml = ? AND theme = ?", arguments: [key, ml, theme])
            }
        }
        return m
    }()

    /// The content of a first-release file: entries by kind and key, `ML|key` for notes, JSON values.
    private static func firstReleaseRecords(_ db: Database) throws -> Records {
        let decoder = JSONDecoder()
        func value<T: Decodable>(_ type: T.Type, _ text: String) throws -> T { try decoder.decode(type, from: Data(text.utf8)) }
        var r = Records()
        for row in try Row.fetchAll(db, sql: "SELECT kind, key, value FROM entry") {
            let kind: String = row["kind"], key: String = row["key"], text: String = row["value"]
            let parts = key.split(separator: "|", maxSplits: 1).map(String.init)
            let ml = parts.first ?? "", rest = parts.count == 2 ? parts[1] : ""
            switch kind {
            case "scenario": r.scenarios.append(ScenarioRecord(name: key, changes: try value(Scenario.self, text).changes))
            case "variable": r.namedValues.append(NamedValueRecord(name: key, text: text))
            case "avenant": r.avenants.append(AvenantRecord(ml: key, details: try value(Avenant.Details.self, text)))
            case "convention":
                let c = try value(Convention.self, text)
                r.conventions.append(ConventionRecord(number: c.number, mlID: c.mlID, convention: c))
            case "annotation" where parts.count == 2: r.annotations.append(AnnotationRecord(ml: ml, theme: rest, text: text))
            case "synthesis" where parts.count == 2: r.synthesisEntries.append(SynthesisEntryRecord(ml: ml, cell: rest, texts: try value([String].self, text)))
            case "synthesis-cleared" where parts.count == 2: r.synthesisCleared.append(SynthesisClearedRecord(ml: ml, cell: rest))
            default: break
            }
        }
        return r
    }
}
