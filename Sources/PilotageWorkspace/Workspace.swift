import Foundation
import GRDB
import Pilotage
import Synchronization

/// A workspace file: what an analyst builds in the REPL (the ``DialogueState`` and the named
/// values of `let`), kept in SQLite so that the work continues tomorrow.
///
/// The file holds one typed record per scenario, convention, note, synthesis cell, avenant and
/// named value, under a schema version kept by GRDB's migrations (a file of an older release is
/// migrated when opened; one of a newer release is refused). A revision number counts the
/// commits: a session applies its command's change only if nobody wrote since it read
/// (``commit(from:to:at:)``), else it reads again and retries, so that two REPLs on one file
/// never lose each other's changes. Writers wait for each other (a busy timeout), and a clean
/// end folds the write-ahead log into the file (``close()``), which is then the whole workspace.
public final class Workspace: Sendable {
    /// The file.
    public let path: String
    private let db: DatabasePool

    /// What a workspace holds.
    public struct Content: Hashable, Sendable {
        /// The dialogue's state.
        public var dialogue: DialogueState
        /// The named values of `let`, by name.
        public var namedValues: [String: String]
        /// An empty content, or one made of the given parts.
        public init(dialogue: DialogueState = DialogueState(), namedValues: [String: String] = [:]) {
            self.dialogue = dialogue; self.namedValues = namedValues
        }
    }

    /// Why a workspace cannot be opened, read or written.
    public struct Failure: Error, CustomStringConvertible, Sendable {
        /// What went wrong.
        public enum Kind: Sendable, Equatable {
            /// The file is not an SQLite database.
            case notAWorkspace
            /// The file or its folder cannot be opened or written (permissions, read-only disk, a folder).
            case cannotWrite
            /// Another program held the file longer than the busy timeout.
            case busy
            /// The disk is full.
            case full
            /// The file is damaged.
            case damaged
            /// A newer release of Pilotage wrote the file.
            case newerFormat
            /// The workspace was closed.
            case closed
            /// Anything else (the SQLite message, for a bug report).
            case other(String)
        }
        /// The file.
        public var path: String
        /// What went wrong.
        public var kind: Kind

        /// The message in a language: what is wrong and what to do.
        public func message(_ language: Language) -> String {
            let text: LocalizedText
            switch kind {
            case .notAWorkspace: text = .init(fr: "n'est pas un espace de travail Pilotage (fichier SQLite attendu) : choisissez un autre nom de fichier",
                                              en: "is not a Pilotage workspace (an SQLite file was expected): choose another file name")
            case .cannotWrite: text = .init(fr: "impossible d'ouvrir ou d'écrire ce fichier (droits, disque en lecture seule ou dossier) : vérifiez les droits ou choisissez un autre fichier",
                                            en: "cannot open or write this file (permissions, a read-only disk or a folder): check its permissions or choose another file")
            case .busy: text = .init(fr: "fichier occupé par un autre programme depuis plus de 10 s : réessayez",
                                     en: "file held by another program for more than 10 s: try again")
            case .full: text = .init(fr: "disque plein : libérez de la place puis réessayez", en: "disk full: free some space and try again")
            case .damaged: text = .init(fr: "fichier endommagé : repartez d'une copie (workspace copy)", en: "damaged file: start again from a copy (workspace copy)")
            case .newerFormat: text = .init(fr: "écrit par une version plus récente de Pilotage : mettez Pilotage à jour",
                                            en: "written by a newer release of Pilotage: update Pilotage")
            case .closed: text = .init(fr: "espace de travail fermé", en: "the workspace is closed")
            case .other(let detail): text = .init(fr: "erreur de la base (\(detail))", en: "database error (\(detail))")
            }
            return path + Messages.colon(language) + text.text(language)
        }

        /// A description for logs.
        public var description: String { message(.en) }

        init(_ path: String, _ error: any Error) {
            self.path = path
            guard let e = error as? DatabaseError else {
                kind = (error as? Failure)?.kind ?? .other("\(type(of: error))")
                return
            }
            switch e.resultCode {
            case .SQLITE_NOTADB: kind = .notAWorkspace
            case .SQLITE_READONLY, .SQLITE_CANTOPEN, .SQLITE_PERM, .SQLITE_AUTH, .SQLITE_IOERR: kind = .cannotWrite
            case .SQLITE_BUSY, .SQLITE_LOCKED: kind = .busy
            case .SQLITE_FULL: kind = .full
            case .SQLITE_CORRUPT: kind = .damaged
            case .SQLITE_MISUSE: kind = .closed
            default: kind = .other("SQLite \(e.resultCode.rawValue)")
            }
        }
        init(_ path: String, kind: Kind) { self.path = path; self.kind = kind }
    }

    /// Opens (or creates) a workspace file, migrating one of an older release.
    public init(path: String) throws(Failure) {
        self.path = path
        do {
            var config = Configuration()
            config.busyMode = .timeout(10)
            db = try DatabasePool(path: path, configuration: config)
            let applied = try db.read { try Self.migrator.appliedIdentifiers($0) }
            if !applied.subtracting(Self.migrator.migrations).isEmpty { throw Failure(path, kind: .newerFormat) }
            // Two processes opening a new file at once may both try the first migration: the
            // loser's attempt fails, and its next one finds the migration done.
            for attempt in 1...5 {
                do { try Self.migrator.migrate(db); break } catch where attempt < 5 {
                    if try db.read({ try Self.migrator.hasCompletedMigrations($0) }) { break }
                }
            }
        } catch { throw Failure(path, error) }
        Self.open.withLock { $0[ObjectIdentifier(self)] = WeakWorkspace(self) }
    }

    deinit { Self.open.withLock { _ = $0.removeValue(forKey: ObjectIdentifier(self)) } }

    /// The revision and the whole content, read together.
    public func load() throws(Failure) -> (content: Content, revision: Int64) {
        do {
            return try db.read { db in
                (try Records.fetch(db).content, try Self.revision(db))
            }
        } catch { throw Failure(path, error) }
    }

    /// The number of commits so far: another session wrote when it changed.
    public func revision() throws(Failure) -> Int64 {
        do { return try db.read(Self.revision) } catch { throw Failure(path, error) }
    }

    /// Applies the change from `base` to `new` as a change of the records that differ, provided
    /// the file is still at `revision`; returns the new revision, or `nil` when another session
    /// wrote since (read again and retry). One transaction: all of the change, or none.
    public func commit(from base: Content, to new: Content, at revision: Int64) throws(Failure) -> Int64? {
        let old = Records(base), now = Records(new)
        do {
            return try db.writeWithoutTransaction { db in
                var result: Int64?
                try db.inTransaction(.immediate) {
                    let current = try Self.revision(db)
                    guard current == revision else { return .rollback }
                    try old.apply(now, db)
                    try db.execute(sql: "UPDATE revision SET number = ? WHERE id = 1", arguments: [current + 1])
                    result = current + 1
                    return .commit
                }
                return result
            }
        } catch { throw Failure(path, error) }
    }

    /// Folds the write-ahead log into the file and closes it: copying the file alone then keeps
    /// everything. The workspace cannot be used afterwards.
    public func close() throws(Failure) {
        do {
            _ = try db.writeWithoutTransaction { try $0.checkpoint(.truncate) }
            try db.close()
        } catch { throw Failure(path, error) }
    }

    /// Writes a consistent, self-contained copy of the workspace to `destination` (SQLite's
    /// backup, while other sessions may write), through ``OutputFile``.
    public func copy(to destination: String) throws(Failure) {
        let temporary = NSTemporaryDirectory() + "pilotage-copy-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: temporary) }
        do {
            let copy = try DatabaseQueue(path: temporary)
            try db.backup(to: copy)
            try copy.writeWithoutTransaction { try $0.execute(sql: "PRAGMA journal_mode = DELETE") }
            try copy.close()
        } catch { throw Failure(path, error) }
        guard let bytes = FileManager.default.contents(atPath: temporary) else { throw Failure(path, kind: .cannotWrite) }
        do { try OutputFile.write(bytes: [UInt8](bytes), to: destination) } catch {
            throw Failure(destination, kind: error.code == ENOSPC ? .full : .cannotWrite)
        }
    }

    /// `PRAGMA integrity_check`: "ok" for a sound file.
    public func integrityCheck() throws(Failure) -> String {
        do { return try db.read { try String.fetchOne($0, sql: "PRAGMA integrity_check") ?? "" } } catch { throw Failure(path, error) }
    }

    /// Closes every workspace still open (a SIGTERM or SIGHUP handler, before the process ends).
    public static func closeAll() {
        let all = open.withLock { $0.values.compactMap(\.workspace) }
        for w in all { try? w.close() }
    }

    private static let open = Mutex<[ObjectIdentifier: WeakWorkspace]>([:])

    private static func revision(_ db: Database) throws -> Int64 {
        try Int64.fetchOne(db, sql: "SELECT number FROM revision WHERE id = 1") ?? 0
    }
}

private struct WeakWorkspace: Sendable {
    weak var workspace: Workspace?
    init(_ w: Workspace) { workspace = w }
}
