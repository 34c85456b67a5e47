import Foundation
import Testing
@testable import PilotageShell
import PilotageWorkspace

/// Runs the built `pilotage` binary.
struct Run {
    var status: Int32, stdout: String, stderr: String
}

let binary = root.appendingPathComponent(".build/debug/pilotage").path

func pilotage(_ args: [String], stdin: String? = nil, environment: [String: String] = [:], stdoutPath: String? = nil) throws -> Run {
    let p = Process()
    p.executableURL = URL(fileURLWithPath: binary)
    p.arguments = args
    p.currentDirectoryURL = root
    p.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
    let out = Pipe(), err = Pipe(), input = Pipe()
    p.standardOutput = out; p.standardError = err; p.standardInput = input
    if let stdoutPath { p.standardOutput = FileHandle(forWritingAtPath: stdoutPath) }
    try p.run()
    if let stdin { input.fileHandleForWriting.write(Data(stdin.utf8)) }
    try input.fileHandleForWriting.close()
    try out.fileHandleForWriting.close()
    let o = stdoutPath == nil ? out.fileHandleForReading.readDataToEndOfFile() : Data()
    let e = err.fileHandleForReading.readDataToEndOfFile()
    p.waitUntilExit()
    return Run(status: p.terminationStatus, stdout: String(decoding: o, as: UTF8.self), stderr: String(decoding: e, as: UTF8.self))
}

@Suite("The command-line contract", .serialized)
struct CommandLineTests {
    @Test func explainContract() throws {
        var r = try pilotage(["-c", "explain R5"])
        #expect(r.status == 0 && r.stdout.contains("R5 — Ratio 5 — Nombre de jeunes entrés en parcours d'accompagnement contractualisé/ nombre de jeunes en contact en Mission locale"))
        r = try pilotage(["-c", "explain R99"])
        #expect(r.status != 0 && r.stderr.contains("R99") && r.stdout.isEmpty)
        r = try pilotage(["--lang", "en", "-c", "explain 2.bis.1"])
        #expect(r.status == 0 && r.stdout.contains("Young people in demand of insertion (JDI)"))
    }

    @Test("issue 14's contract: directions, and every answer as JSON or CSV")
    func negotiationContract() throws {
        var r = try pilotage(["-c", "explain R8"])
        #expect(r.status == 0 && r.stdout.contains("plus bas est meilleur"))
        r = try pilotage(["-c", "objective propose R8 of ML038-GRENOBLE for 2017 points 3"])
        let r8 = demoDashboard.number("R8", for: .ml("ML038-GRENOBLE"), year: 2016)!
        let line = Catalogue.indicator("R8")!
        #expect(r.status == 0 && r.stdout.contains("résultat 2016 −3,0 pt") && r.stdout.contains(QueryRender.display(r8 - 0.03, line, .fr)))
        r = try pilotage(["--format", "json", "-c", "objective propose R8 of ML038-GRENOBLE for 2017 points 3"])
        let proposals = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any]
        let rows = ((proposals?["tables"] as? [[String: Any]])?.first?["rows"] as? [[String: Any]]) ?? []
        #expect((rows.first { $0["method"] as? String == "plus_points" }?["value"] as? Double).map { $0 < r8 } == true)
        for command in ["brief of ML038-GRENOBLE for 2017", "synthesis of ML038-GRENOBLE for 2017", "convention of ML038-GRENOBLE", "matrix of 84 year 2016"] {
            r = try pilotage(["--format", "json", "-c", command])
            #expect(r.status == 0 && (try? JSONSerialization.jsonObject(with: Data(r.stdout.utf8))) is [String: Any], "\(command)")
            r = try pilotage(["--format", "csv", "-c", command])
            let header = r.stdout.components(separatedBy: "\n").first ?? ""
            #expect(r.status == 0 && header.contains(",") && !header.contains(" — "), "\(command): \(header)")
        }
    }

    @Test("Piped input, scripts and their line numbers")
    func nonInteractive() throws {
        var r = try pilotage([], stdin: "explain R5\n")
        #expect(r.status == 0 && r.stdout.hasPrefix("R5 — Ratio 5"))
        let script = NSTemporaryDirectory() + "t-\(UUID().uuidString).pilote"
        try "# a comment\nexplain R10\nexplain nope\nexplain R11\n".write(toFile: script, atomically: true, encoding: .utf8)
        r = try pilotage([script])
        #expect(r.status == 1 && r.stdout.contains("R10 —") && !r.stdout.contains("R11 —"))
        #expect(r.stderr.contains("\(script), ligne 3 :") && r.stderr.contains("indicateur inconnu « nope »"))
        r = try pilotage(["--lang", "en", "-c", "explain R1\nexplain R2"])
        #expect(r.status == 0 && r.stdout.contains("R2 — Ratio 2"))
    }

    @Test func validateExitStatus() throws {
        var r = try pilotage(["validate", "Playground/data/demo"])
        #expect(r.status == 0 && r.stdout.hasPrefix("demo : valide, 0 erreur"))
        r = try pilotage(["validate", "/no/such/folder"])
        #expect(r.status == 2)
        r = try pilotage(["validate"])
        #expect(r.status == 2)
        // A broken copy: one bad event line.
        let dir = NSTemporaryDirectory() + "broken-\(UUID().uuidString)"
        try FileManager.default.copyItem(atPath: root.appendingPathComponent("Playground/data/demo").path, toPath: dir)
        var events = try String(contentsOfFile: dir + "/events.csv", encoding: .utf8)
        events += "NOBODY,2016-02-30,acceuil,\n"
        try events.write(toFile: dir + "/events.csv", atomically: true, encoding: .utf8)
        let line = events.split(separator: "\n").count
        r = try pilotage(["validate", dir])
        #expect(r.status == 1 && r.stderr.contains("events.csv:\(line):1:"))
        try FileManager.default.removeItem(atPath: dir + "/youth.csv")
        r = try pilotage(["validate", dir])
        #expect(r.status == 1 && r.stderr.contains("youth.csv"))
        // A folder in place of youth.csv, a FIFO in place of events.csv: named, and no wait.
        try FileManager.default.createDirectory(atPath: dir + "/youth.csv", withIntermediateDirectories: false)
        r = try pilotage(["validate", dir])
        #expect(r.status == 1 && r.stderr.contains("youth.csv: erreur: pas un fichier ordinaire") && r.stderr.contains("un dossier"))
        try FileManager.default.removeItem(atPath: dir + "/youth.csv")
        try FileManager.default.copyItem(atPath: root.appendingPathComponent("Playground/data/demo/youth.csv").path, toPath: dir + "/youth.csv")
        try FileManager.default.removeItem(atPath: dir + "/events.csv")
        mkfifo(dir + "/events.csv", 0o644)
        let start = Date()
        r = try pilotage(["validate", dir])
        #expect(r.status == 1 && r.stderr.contains("events.csv: erreur: pas un fichier ordinaire") && Date().timeIntervalSince(start) < 30)
    }

    @Test("a 400-digit amount on line 2 of funding.csv: status 1, named at funding.csv:2")
    func hugeAmount() throws {
        let dir = NSTemporaryDirectory() + "huge-\(UUID().uuidString)"
        try FileManager.default.copyItem(atPath: root.appendingPathComponent("Playground/data/demo").path, toPath: dir)
        var lines = try String(contentsOfFile: dir + "/funding.csv", encoding: .utf8).split(separator: "\n").map(String.init)
        var fields = lines[1].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        fields[fields.count - 1] = String(repeating: "9", count: 400)
        lines[1] = fields.joined(separator: ",")
        try (lines.joined(separator: "\n") + "\n").write(toFile: dir + "/funding.csv", atomically: true, encoding: .utf8)
        var r = try pilotage(["validate", dir])
        #expect(r.status == 1 && r.stderr.contains("funding.csv:2:"))
        r = try pilotage(["export", "dashboard", dir])
        #expect(r.status == 1 && r.stderr.contains("funding.csv:2:"))
    }

    @Test("events.csv opening a quote on line N that no quote closes before another field's: status 1, events.csv:N")
    func unclosedQuoteLocated() throws {
        let dir = NSTemporaryDirectory() + "quote-\(UUID().uuidString)"
        try FileManager.default.copyItem(atPath: root.appendingPathComponent("Playground/data/demo").path, toPath: dir)
        var lines = try String(contentsOfFile: dir + "/events.csv", encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        lines[999] += "\""                                              // line 1000 opens a quote…
        lines[2999] = "\"" + lines[2999].replacingOccurrences(of: ",", with: "\",", options: [], range: lines[2999].range(of: ","))
        try lines.joined(separator: "\n").write(toFile: dir + "/events.csv", atomically: true, encoding: .utf8)
        let r = try pilotage(["validate", dir])                    // …and line 3000's quoted id ends it
        #expect(r.status == 1 && r.stderr.contains("events.csv:1000:") && !r.stderr.contains("events.csv:3000:"), "\(r.stderr)")
    }

    @Test func exportContract() throws {
        let out = NSTemporaryDirectory() + "export-\(UUID().uuidString).csv"
        var r = try pilotage(["export", "dashboard", "Playground/data/demo", "--out", out])
        #expect(r.status == 0)
        let all = try String(contentsOfFile: out, encoding: .utf8)
        #expect(all.hasPrefix("level,territory,year,indicator,breakdown,value\nml,ML001-BOURG-EN-BRESSE,2015,0.1,all,"))
        r = try pilotage(["export", "dashboard", "Playground/data/demo", "--year", "2016"])
        let lines = r.stdout.split(separator: "\n")
        #expect(r.status == 0 && lines.count > 1000 && lines.dropFirst().allSatisfy { $0.split(separator: ",")[2] == "2016" })
        #expect(lines.last!.hasPrefix("national,FR,2016,O.4,"))
        r = try pilotage(["export", "dashboard", "Playground/data/demo", "--year", "1999"])
        #expect(r.status == 2)
    }

    @Test("export --csv fr: the French form on a CSV; refused, said, for a workbook, which has none")
    func csvFormOfAWorkbook() throws {
        let dir = NSTemporaryDirectory() + "form-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let export = ["export", "programmes", "Playground/data/demo", "--csv", "fr", "--out"]
        let french = try pilotage(export + [dir + "/p.csv"])
        #expect(french.status == 0)
        let bytes = try Data(contentsOf: URL(fileURLWithPath: dir + "/p.csv"))
        #expect(bytes.starts(with: [0xEF, 0xBB, 0xBF] + Array("level;territory".utf8)))
        let workbook = try pilotage(export + [dir + "/p.xlsx"])
        #expect(workbook.status == 2 && workbook.stderr.contains("--csv fr ne vaut que pour un CSV"),
                "\(workbook.stderr)")
        #expect(!FileManager.default.fileExists(atPath: dir + "/p.xlsx"))
    }

    /// The snapshot cache on the command line: `--no-cache` everywhere a dataset is loaded, the
    /// same answers either way, and no snapshot of a dataset as small as the demo (SnapshotTests
    /// checks what a snapshot holds and when it is rebuilt).
    @Test func noCache() throws {
        let cache = NSTemporaryDirectory() + "cache-\(UUID().uuidString)"
        let env = ["XDG_CACHE_HOME": cache]
        let with = try pilotage(["export", "dashboard", "Playground/data/demo", "--year", "2016"], environment: env)
        let without = try pilotage(["export", "dashboard", "Playground/data/demo", "--year", "2016", "--no-cache"],
                                   environment: env)
        #expect(with.status == 0 && without.status == 0 && with.stdout == without.stdout)
        // `validate` checks the files themselves, never a snapshot of them.
        #expect(try pilotage(["validate", "Playground/data/demo", "--no-cache"], environment: env).status == 2)
        let repl = try pilotage(["--no-cache", "-c", "show R5 of nation year 2016"], environment: env)
        #expect(repl.status == 0 && repl.stdout.contains("R5"))
        #expect(!FileManager.default.fileExists(atPath: cache + "/pilotage/snapshots"))
        #expect(try pilotage(["export", "dashboard", "--help"]).stdout.contains("--no-cache"))
        let list = try pilotage(["cache"], environment: env)
        #expect(list.status == 0 && list.stdout.contains(cache + "/pilotage/snapshots"), "\(list.stdout)")
        #expect(list.stdout.contains("aucun"), "\(list.stdout)")
        #expect(try pilotage(["cache", "clear", "--lang", "en"], environment: env).stdout.contains("0 file(s) removed"))
        #expect(try pilotage(["cache", "purge"], environment: env).status == 2)
    }

    /// `bench --wait-turn/--pass-turn` (what Playground/benchmark/compare uses with two FIFOs): one
    /// byte read before each dashboard run, one written after it; here with plain files.
    @Test func benchTakesTurns() throws {
        let wait = NSTemporaryDirectory() + "wait-\(UUID().uuidString)", pass = NSTemporaryDirectory() + "pass-\(UUID().uuidString)"
        try Data(repeating: 1, count: 9).write(to: URL(fileURLWithPath: wait))
        try Data().write(to: URL(fileURLWithPath: pass))
        var r = try pilotage(["bench", "Playground/data/demo", "--runs", "1", "--dashboard-only", "--wait-turn", wait, "--pass-turn", pass])
        #expect(r.status == 0)
        let json = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any]
        #expect((json?["dashboard_runs_s"] as? [Double])?.count == 9)
        #expect(FileManager.default.contents(atPath: pass)?.count == 9)
        r = try pilotage(["bench", "Playground/data/demo", "--dashboard-only", "--wait-turn", "/no/such/fifo"])
        #expect(r.status != 0 && r.stderr.contains("/no/such/fifo"))
    }

    @Test func generateIsDeterministic() throws {
        let a = NSTemporaryDirectory() + "g-\(UUID().uuidString)", b = NSTemporaryDirectory() + "g-\(UUID().uuidString)"
        for d in [a, b] { #expect(try pilotage(["generate", "--preset", "demo", "--seed", "7", "--scale", "0.02", "--out", d]).status == 0) }
        #expect(FileManager.default.contents(atPath: a + "/events.csv") == FileManager.default.contents(atPath: b + "/events.csv"))
        #expect(try pilotage(["validate", a]).status == 0)
        #expect(try pilotage(["generate", "--preset", "galaxy", "--out", a]).status == 2)
    }

    /// Tab completion and persistent history, through a pseudo-terminal.
    @Test func interactiveTerminal() throws {
        let state = NSTemporaryDirectory() + "state-\(UUID().uuidString)"
        let env = ["XDG_STATE_HOME": state]
        let first = try terminal([keys("expla\t", pause: 0.8), keys("R1\t", pause: 0.8), keys("3\r", pause: 0.8), typed("quit")],
                                 environment: env)
        // "expla⇥" completed to "explain ", "R1⇥" listed R1, R10, R11 …, then "R13" ran.
        #expect(first.screen.contains("explain R13") && first.screen.contains("R13 — Ratio 13 — Nombre de jeunes accompagnés"), "\(first.screen)")
        let history = try String(contentsOfFile: state + "/pilotage/history", encoding: .utf8)
        #expect(history.contains("explain\\040R13"))
        // In a new session, ↑↑ recalls "explain R13" (before "quit").
        let second = try terminal([keys("\u{1b}[A", pause: 0.8), keys("\u{1b}[A", pause: 0.8), keys("\r", pause: 0.8), typed("quit")],
                                  environment: env)
        #expect(second.screen.contains("R13 — Ratio 13 — Nombre de jeunes accompagnés"), "\(second.screen)")
    }
}

@Suite("The query contract")
struct QueryContractTests {
    @Test func csvFormatOnTheCommandLine() throws {
        let r = try pilotage(["--data", "Playground/data/demo", "-c", "show R5 of regions year 2016", "--format", "csv"])
        #expect(r.status == 0)
        let lines = r.stdout.split(separator: "\n")
        #expect(lines.first == "level,territory,name,year,breakdown,R5" && lines.count == 3)
        #expect(lines.dropFirst().allSatisfy { !$0.contains(" %") && Double($0.split(separator: ",").last!) != nil })
    }
}

@Suite("The SDK example of Playground/Example")
struct ExampleProgramTests {
    @Test("built with the package, it runs on the demo and prints the SDK's numbers")
    func runs() throws {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: binary).deletingLastPathComponent().appendingPathComponent("pilotage-example")
        p.currentDirectoryURL = root
        let out = Pipe()
        p.standardOutput = out
        try p.run()
        let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        p.waitUntilExit()
        #expect(p.terminationStatus == 0)
        let lines = text.split(separator: "\n")
        let ranked = demoDashboard.distribution("R10", year: 2016)
        #expect(lines.count == 1 + ranked.count + 4)
        #expect(lines[1] == "  1. \(demoDashboard.name(of: ranked[0].ml)): \(String(format: "%.1f", ranked[0].value * 100))% (quartile \(ranked[0].quartile))")
        let ml = demoDashboard.territories(.ml)[0].id
        let n3 = demoDashboard.number("3", for: .ml(ml), year: 2016)!, n1 = demoDashboard.number("1", for: .ml(ml), year: 2016)!
        #expect(lines.last { $0.contains(" R5: ") } == "\(ml) R5: \(String(format: "%.4f", n3 / n1)) -> \(String(format: "%.4f", (n3 + 100) / n1))")
    }
}

@Suite("The workspace file survives kills and concurrent REPLs", .serialized)
struct WorkspaceTests {
    func temporary(_ name: String) -> String {
        let dir = NSTemporaryDirectory() + "pilotage-ws-\(UUID().uuidString)"
        try? FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        return dir + "/" + name
    }

    /// A REPL reading commands from a pipe, its output read as it comes.
    final class Repl {
        let process = Process(), input = Pipe(), output = Pipe()
        var seen = ""
        init(workspace: String, extra: [String] = []) throws {
            process.executableURL = URL(fileURLWithPath: binary)
            process.arguments = extra + ["--workspace", workspace]
            process.currentDirectoryURL = root
            process.standardInput = input; process.standardOutput = output; process.standardError = FileHandle.nullDevice
            try process.run()
        }
        func send(_ line: String) { input.fileHandleForWriting.write(Data((line + "\n").utf8)) }
        /// Reads until `text` has been printed `count` times.
        func wait(for text: String, count: Int) {
            while seen.components(separatedBy: text).count - 1 < count {
                let data = output.fileHandleForReading.availableData
                if data.isEmpty { break }
                seen += String(decoding: data, as: UTF8.self)
            }
        }
    }

    @Test("killed mid-session: every completed command's change is there, and the file is sound")
    func killed() throws {
        let file = temporary("killed.pilotage")
        let repl = try Repl(workspace: file)
        repl.send("scenario new s")
        repl.wait(for: "créé", count: 1)
        for k in 1...200 { repl.send("scenario add s contacts \(k) of ML069-LYON year 2016") }
        repl.wait(for: "« s » : contacts", count: 40)       // at least 40 completed…
        kill(repl.process.processIdentifier, SIGKILL)          // …then killed while the others run
        repl.process.waitUntilExit()
        let completed = repl.seen.components(separatedBy: "« s » : contacts").count - 1
        let session = Session(datasetPath: demo)
        try session.attach(workspace: file)
        let kept = session.scenarios["s"]?.changes.count ?? 0
        #expect(kept >= completed && kept <= 200, "completed \(completed), kept \(kept)")
        #expect(session.scenarios["s"]!.changes.prefix(kept).map(\.amount) == (1...kept).map(Double.init))
        #expect(try Workspace(path: file).integrityCheck() == "ok")
    }

    @Test("two REPLs on one workspace: both kept, file sound")
    func concurrent() throws {
        let file = temporary("shared.pilotage")
        let a = try Repl(workspace: file), b = try Repl(workspace: file)
        for k in 1...25 {
            a.send("scenario new a\(k)")
            b.send("scenario new b\(k)")
        }
        a.send("quit"); b.send("quit")
        a.process.waitUntilExit(); b.process.waitUntilExit()
        #expect(a.process.terminationStatus == 0 && b.process.terminationStatus == 0)
        let session = Session(datasetPath: demo)
        try session.attach(workspace: file)
        #expect(session.scenarios.count == 50)
        #expect(try Workspace(path: file).integrityCheck() == "ok")
    }

    @Test("what the REPL builds comes back in the next session")
    func roundTrip() throws {
        let file = temporary("round.pilotage")
        let first = Session(datasetPath: demo)
        try first.attach(workspace: file)
        for line in ["scenario new e", "scenario add e national_entries 100 of lyon year 2016", "annotate lyon 2.1.c \"QPV\"",
                     "synthesis add lyon 2 actions \"Repérage\"", "avenant set lyon place \"Lyon\"", "let l = R5,R10",
                     "funding of lyon year 2016 +6% set", "objective set R10 of lyon for 2018 = 45%", "scenario new gone", "scenario delete gone"] {
            #expect(first.run(line).succeeded, "\(line)")
        }
        let second = Session(datasetPath: demo)
        try second.attach(workspace: file)
        #expect(second.scenarios.keys.sorted() == ["e"] && second.scenarios["e"] == first.scenarios["e"])
        #expect(second.annotations == first.annotations && second.synthesisNotes == first.synthesisNotes)
        #expect(second.avenantDetails == first.avenantDetails && second.variables == first.variables)
        let cpo = try second.dataset().convention(of: "ML069-LYON", year: 2016)!
        #expect(cpo == (try first.dataset().convention(of: "ML069-LYON", year: 2016)!))
        #expect(cpo.objectives.contains(Objective(indicatorID: "R10", year: 2018, target: 0.45, direction: .increase)))
    }
}
