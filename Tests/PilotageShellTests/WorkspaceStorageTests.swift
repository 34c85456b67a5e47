import Foundation
import Testing
@testable import PilotageShell
import PilotageWorkspace
import GRDB
import Synchronization

/// The workspace as typed records: the first release's file migrated, no lost write between
/// sessions, one self-contained file at rest, copies while open, readable errors.
@Suite("Workspace storage", .serialized)
struct WorkspaceStorageTests {
    func temporary(_ name: String) -> String { WorkspaceTests().temporary(name) }

    /// A dataset of one ML (ML069-LYON, 2016): each command of a process loads it in milliseconds.
    func tinyDataset() throws -> String {
        let dir = temporary("tiny")
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let files = [
            "dataset.json": #"{"format": "pilotage-dataset", "version": 1, "name": "tiny", "years": [2016]}"#,
            "regions.csv": "region_code,name\n84,Auvergne-Rhône-Alpes\n",
            "missions.csv": "ml_id,name,region_code,department_code,legal_form\nML069-LYON,Mission locale de Lyon,84,69,association\n",
            "youth.csv": "youth_id,ml_id,sex,birth_date,level,diploma,qpv,zrr,neet\nY1,ML069-LYON,F,1998-01-02,IV,1,0,0,\n",
            "events.csv": "youth_id,date,kind,detail\nY1,2016-01-05,accueil,\n",
            "pathways.csv": "pathway_id,youth_id,program,start_date,end_date,yg_plan,exit_outcome,exit_detail,exit_durable,exit_non_market,exit_cpf\n",
            "situations.csv": "situation_id,youth_id,kind,detail,start_date,end_date,durable,non_market\n",
        ]
        for (name, text) in files { try text.write(toFile: dir + "/" + name, atomically: true, encoding: .utf8) }
        return dir
    }

    @Test("the committed workspace of the first release (flattened entries) is migrated and read back")
    func firstReleaseFileMigrates() throws {
        let file = temporary("v0.pilotage")
        try FileManager.default.copyItem(atPath: root.appendingPathComponent("Tests/PilotageShellTests/Fixtures/workspace-v0.pilotage").path, toPath: file)
        let s = Session(datasetPath: demo)
        try s.attach(workspace: file)
        // What Fixtures/workspace-v0.pilote wrote, value by value.
        #expect(s.scenarios.keys.sorted() == ["deux mots", "plus"])
        #expect(s.scenarios["plus"]?.changes == [.init(ml: "ML069-LYON", year: 2016, lever: .nationalEntries, amount: 10)])
        #expect(s.variables == ["lignes": "R5,R10"])
        #expect(s.annotations == ["ML069-LYON": ["2.1.c": "Permanences en QPV à renforcer | avec « guillemets »"]])
        #expect(s.synthesisNotes["ML038-GRENOBLE"] == ["1.forces": ["Bonne couverture"], "2.axes": []])
        #expect(s.synthesisCleared == ["ML038-GRENOBLE": ["2.axes"]])
        #expect(s.avenantDetails["ML038-GRENOBLE"]?.chorusMissionsLocales == "1234567890")
        #expect(s.editedConventions["CPO-TEST-1"]?.subsidies[2019]?.socle == 100_000)
        #expect(s.editedConventions["CPO-84-002"]?.objectives.contains { $0.indicatorID == "R10" && $0.year == 2017 && $0.target == 0.4 } == true)
        // The session sees the conventions in its dataset, and the file is of the new schema.
        #expect(try s.dataset().conventions?.contains { $0.number == "CPO-TEST-1" } == true)
        #expect(s.run("show $lignes of ML069-LYON year 2016").succeeded)
        s.close()
        let again = Session(datasetPath: demo)
        try again.attach(workspace: file)
        #expect(again.dialogue == s.dialogue && again.variables == s.variables)
    }

    @Test("two sessions alternating on one file: each sees the other's change at its next command, none lost")
    func alternatingSessions() throws {
        let file = temporary("two.pilotage")
        let a = Session(datasetPath: demo, dashboard: demoDashboard), b = Session(datasetPath: demo, dashboard: demoDashboard)
        try a.attach(workspace: file); try b.attach(workspace: file)
        #expect(a.run("scenario new S").succeeded)
        for k in 1...50 {
            #expect(a.run("scenario add S contacts \(k) of ML069-LYON year 2016").succeeded)
            #expect(b.run("scenario add S contacts \(100 + k) of ML069-LYON year 2016").succeeded)
        }
        #expect(b.scenarios["S"]?.changes.count == 100)
        _ = a.run("levers")   // any command reads the other's changes first
        let expected: [Double] = (1...50).flatMap { (k: Int) -> [Double] in [Double(k), Double(100 + k)] }
        #expect(a.scenarios["S"]?.changes.map(\.amount) == expected)
    }

    @Test("a stale session's change is applied on the current content (a conflict, then a retry)")
    func conflictRetries() throws {
        let file = temporary("stale.pilotage")
        let a = Session(datasetPath: demo, dashboard: demoDashboard), b = Session(datasetPath: demo, dashboard: demoDashboard)
        try a.attach(workspace: file); try b.attach(workspace: file)
        #expect(a.run("scenario new S").succeeded && b.run("levers").succeeded)
        // b's copy is current; a writes; b's next commit starts from a stale revision unless it re-reads.
        #expect(a.run("scenario add S contacts 1 of ML069-LYON year 2016").succeeded)
        let w = try Workspace(path: file)
        let (content, revision) = try w.load()
        var changed = content
        changed.namedValues["x"] = "1"
        #expect(try w.commit(from: content, to: changed, at: revision - 1) == nil)   // refused: someone wrote since
        #expect(try w.commit(from: content, to: changed, at: revision) == revision + 1)
        #expect(b.run("scenario add S contacts 2 of ML069-LYON year 2016").succeeded)
        #expect(b.scenarios["S"]?.changes.map(\.amount) == [1, 2] && b.variables["x"] == "1")
    }

    @Test("2 × 50 concurrent processes adding to one scenario keep 100 changes")
    func concurrentProcesses() throws {
        let data = try tinyDataset(), file = temporary("W")
        #expect(try pilotage(["--data", data, "--workspace", file, "-c", "scenario new S"]).status == 0)
        let failures = Mutex(0)
        DispatchQueue.concurrentPerform(iterations: 2) { _ in
            for _ in 0..<50 {
                let r = try? pilotage(["--data", data, "--workspace", file, "-c", "scenario add S national_entries 1 of ML069-LYON year 2016"])
                if r?.status != 0 { failures.withLock { $0 += 1 } }
            }
        }
        #expect(failures.withLock { $0 } == 0)
        let s = Session(datasetPath: data)
        try s.attach(workspace: file)
        #expect(s.scenarios["S"]?.changes.count == 100)
    }

    @Test("a clean end leaves one file: a copy of it alone (no -wal, no -shm) holds the scenario",
          arguments: ["-c", "quit", "eof", "SIGTERM", "SIGHUP"])
    func oneFileAtRest(ending: String) throws {
        let data = try tinyDataset()
        let file = temporary("rest.pilotage"), copy = temporary("copy.pilotage")
        if ending == "-c" {
            #expect(try pilotage(["--data", data, "--workspace", file, "-c", "scenario new kept"]).status == 0)
        } else {
            let repl = try WorkspaceTests.Repl(workspace: file, extra: ["--data", data])
            repl.send("scenario new kept")
            repl.wait(for: "créé", count: 1)
            switch ending {
            case "quit": repl.send("quit"); try repl.input.fileHandleForWriting.close()
            case "eof": try repl.input.fileHandleForWriting.close()
            default: kill(repl.process.processIdentifier, ending == "SIGTERM" ? SIGTERM : SIGHUP)
            }
            // The test runner may hand its children these signals blocked: only a handler sees them then.
            let deadline = Date().addingTimeInterval(20)
            while repl.process.isRunning, Date() < deadline { usleep(20_000) }
            if repl.process.isRunning { kill(repl.process.processIdentifier, SIGKILL); Issue.record("\(ending): still running") }
            repl.process.waitUntilExit()
        }
        try FileManager.default.copyItem(atPath: file, toPath: copy)
        #expect(!FileManager.default.fileExists(atPath: copy + "-wal"))
        let r = try pilotage(["--data", data, "--workspace", copy, "-c", "scenario list"])
        #expect(r.status == 0 && r.stdout.contains("kept"), "\(ending): \(r.stdout) \(r.stderr)")
    }

    @Test("workspace copy FILE while the session is open: a self-contained copy")
    func copyWhileOpen() throws {
        let file = temporary("open.pilotage"), copy = temporary("sent.pilotage")
        let s = Session(datasetPath: demo, dashboard: demoDashboard)
        try s.attach(workspace: file)
        #expect(s.run("scenario new envoyé").succeeded)
        let r = s.run("workspace copy \(copy)")
        #expect(r.succeeded && r.output == "copie de l'espace de travail écrite : \(copy)\n")
        let other = Session(datasetPath: demo, dashboard: demoDashboard)
        try other.attach(workspace: copy)
        #expect(other.scenarios.keys.sorted() == ["envoyé"])
        #expect(s.run("workspace copy \(NSTemporaryDirectory())").error?.contains("impossible d'ouvrir ou d'écrire") == true)
        #expect(Session().run("workspace copy x.pilotage").error?.contains("aucun espace de travail ouvert") == true)
    }

    @Test("errors say what is wrong and what to do, without SQLite's words")
    func readableErrors() throws {
        let text = temporary("notes.txt")
        try "not a database, just notes\n".write(toFile: text, atomically: true, encoding: .utf8)
        var r = try pilotage(["--workspace", text, "-c", "levers"])
        #expect(r.status == 2 && r.stderr.contains("n'est pas un espace de travail Pilotage"))
        #expect(!r.stderr.contains("SQLite error") && !r.stderr.contains("error 26"))
        let dir = temporary("ro"), file = dir + "/w.pilotage"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        r = try pilotage(["--workspace", dir, "-c", "levers"])
        #expect(r.status == 2 && r.stderr.contains("impossible d'ouvrir ou d'écrire") && !r.stderr.contains("SQLite error"))
        // A read-only file (root ignores permissions, so the file is marked so by SQLite's own open flags).
        #expect(try pilotage(["--workspace", file, "-c", "scenario new a"]).status == 0)
        chmod(file, 0o444); chmod(dir, 0o555)
        defer { chmod(dir, 0o755) }
        if getuid() != 0 {
            r = try pilotage(["--workspace", file, "-c", "scenario new b"])
            #expect(r.status != 0 && !r.stderr.contains("CREATE TABLE") && !r.stderr.contains("grdb"))
        }
        // A file of a newer release is refused, not damaged.
        let newer = temporary("newer.pilotage")
        #expect(try pilotage(["--workspace", newer, "-c", "scenario new a"]).status == 0)
        let queue = try DatabaseQueue(path: newer)
        try queue.write { try $0.execute(sql: "INSERT INTO grdb_migrations VALUES ('v99-from-the-future')") }
        try queue.close()
        r = try pilotage(["--lang", "en", "--workspace", newer, "-c", "levers"])
        #expect(r.status == 2 && r.stderr.contains("written by a newer release of Pilotage: update Pilotage"))
    }
}
