import Foundation
import GRDB
import Pilotage

/// A workspace file: what an analyst builds in the REPL (scenarios, objectives and conventions,
/// annotations, synthesis entries, avenant details, named values), kept in SQLite so that the
/// work continues tomorrow.
///
/// Every save is one transaction (all of a command's changes, or none); the database is in WAL
/// mode with a busy timeout, so two REPLs on one file wait for each other instead of failing or
/// corrupting it.
public final class Workspace: Sendable {
    public let path: String
    private let db: DatabasePool

    /// Why a workspace cannot be opened or written.
    public struct Failure: Error, CustomStringConvertible, Sendable {
        public var description: String
    }

    /// Opens (or creates) a workspace file.
    public init(path: String) throws(Failure) {
        self.path = path
        do {
            var config = Configuration()
            config.busyMode = .timeout(10)
            db = try DatabasePool(path: path, configuration: config)
            try db.write { db in
                try db.execute(sql: """
                    CREATE TABLE IF NOT EXISTS entry (
                        kind TEXT NOT NULL,
                        key TEXT NOT NULL,
                        value TEXT NOT NULL,
                        PRIMARY KEY (kind, key)
                    )
                    """)
            }
        } catch {
            throw Failure(description: "\(path): \(error)")
        }
    }

    /// Every entry, by kind then key.
    public func load() throws(Failure) -> [String: [String: String]] {
        do {
            return try db.read { db in
                var all: [String: [String: String]] = [:]
                for row in try Row.fetchAll(db, sql: "SELECT kind, key, value FROM entry") {
                    all[row["kind"], default: [:]][row["key"]] = row["value"]
                }
                return all
            }
        } catch { throw Failure(description: "\(path): \(error)") }
    }

    /// Writes some entries and removes others, in one transaction.
    public func save(set: [(kind: String, key: String, value: String)], remove: [(kind: String, key: String)]) throws(Failure) {
        guard !set.isEmpty || !remove.isEmpty else { return }
        do {
            try db.write { db in
                for e in set {
                    try db.execute(sql: "INSERT INTO entry (kind, key, value) VALUES (?, ?, ?) ON CONFLICT(kind, key) DO UPDATE SET value = excluded.value",
                                   arguments: [e.kind, e.key, e.value])
                }
                for e in remove { try db.execute(sql: "DELETE FROM entry WHERE kind = ? AND key = ?", arguments: [e.kind, e.key]) }
            }
        } catch { throw Failure(description: "\(path): \(error)") }
    }

    /// `PRAGMA integrity_check`: "ok" for a sound file.
    public func integrityCheck() throws(Failure) -> String {
        do { return try db.read { try String.fetchOne($0, sql: "PRAGMA integrity_check") ?? "" } } catch { throw Failure(description: "\(error)") }
    }
}
