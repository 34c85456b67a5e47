import Foundation
import Testing

/// What a terminal session showed, and how the REPL ended.
struct TerminalRun {
    var screen: String, status: Int32, seconds: Double
}

/// Drives the built `pilotage` through a real pseudo-terminal (Python's `pty`), as an analyst
/// types: each step writes its bytes, then reads the screen for its pause. Keys are bytes:
/// "\t" Tab, "\r" Enter, "\u{03}" Ctrl-C, "\u{04}" Ctrl-D, "\u{1b}[A" ↑. A step's keys wait for
/// the prompt (libedit editing a line); a negative pause's keys wait instead until a command runs
/// (the terminal in its signal mode), then the step pauses for its magnitude.
func terminal(_ steps: [(keys: [UInt8], pause: Double)], arguments: [String] = [],
              environment: [String: String] = [:], signal: Int32? = nil) throws -> TerminalRun {
    let driver = """
    import json, os, pty, select, signal, sys, termios, time
    binary, args, env, steps, sig = sys.argv[1], json.loads(sys.argv[2]), json.loads(sys.argv[3]), json.loads(sys.argv[4]), int(sys.argv[5])
    start = time.time()
    pid, fd = pty.fork()
    if pid == 0:
        os.execve(binary, [binary] + args, dict(os.environ, TERM="xterm", **env))
    out = b""
    def read(t):
        global out
        end = time.time() + t
        while time.time() < end:
            r, _, _ = select.select([fd], [], [], 0.05)
            if r:
                try: out += os.read(fd, 65536)
                except OSError: return
    def settled(editing, limit, hold):
        # Waits until the terminal has stayed in one mode for `hold` seconds: line editing (the signal keys
        # off, libedit's raw mode) or a command running (the signal keys on). A loaded machine
        # cannot race us: a Ctrl-D written while a command runs would reach libedit as a NUL.
        deadline, since = time.time() + limit, None
        while time.time() < deadline:
            if bool(termios.tcgetattr(fd)[3] & termios.ISIG) != editing:
                since = since or time.time()
                if time.time() - since > hold: return
            else:
                since = None
            read(0.05)
    read(0.5)
    for keys, pause in steps:
        if pause >= 0:
            settled(True, 30, 0.3)
        else:
            settled(False, 15, 0.5)   # a command runs; a short one before it may flip the mode briefly
        os.write(fd, bytes(keys)); read(abs(pause))
    if sig: os.kill(pid, sig); read(1.0)
    deadline = time.time() + 20
    status = None
    while time.time() < deadline:
        done, code = os.waitpid(pid, os.WNOHANG)
        if done: status = code; break
        read(0.1)
    if status is None: os.kill(pid, 9); os.waitpid(pid, 0); status = 9 << 8 | 0
    code = os.waitstatus_to_exitcode(status)
    sys.stdout.write(json.dumps({"screen": out.decode("utf-8", "replace"), "status": code, "seconds": time.time() - start}))
    """
    let script = NSTemporaryDirectory() + "pty-\(UUID().uuidString).py"
    try driver.write(toFile: script, atomically: true, encoding: .utf8)
    defer { try? FileManager.default.removeItem(atPath: script) }
    let json = { (v: Any) in String(decoding: try! JSONSerialization.data(withJSONObject: v), as: UTF8.self) }
    let p = Process()
    p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    p.currentDirectoryURL = root
    p.arguments = ["python3", script, binary, json(arguments), json(environment),
                   json(steps.map { [$0.keys.map(Int.init), $0.pause] as [Any] }), String(signal ?? 0)]
    let out = Pipe()
    p.standardOutput = out
    try p.run()
    let data = out.fileHandleForReading.readDataToEndOfFile()
    p.waitUntilExit()
    let object = try JSONSerialization.jsonObject(with: data) as? [String: Any] ?? [:]
    return TerminalRun(screen: object["screen"] as? String ?? "", status: Int32(object["status"] as? Int ?? -1),
                       seconds: object["seconds"] as? Double ?? 0)
}

/// A line as typed, then Enter.
func typed(_ text: String, pause: Double = 0.8) -> (keys: [UInt8], pause: Double) { (Array((text + "\r").utf8), pause) }
func keys(_ text: String, pause: Double = 0.6) -> (keys: [UInt8], pause: Double) { (Array(text.utf8), pause) }

@Suite("The REPL in a real terminal (pseudo-terminal, C.UTF-8)", .serialized)
struct TerminalTests {
    let state = NSTemporaryDirectory() + "pilotage-term-\(UUID().uuidString)"
    var env: [String: String] { ["XDG_STATE_HOME": state, "LANG": "C.UTF-8", "LC_ALL": ""] }

    @Test("an accented annotation typed at the prompt is kept byte for byte, in the workspace and the history")
    func accentsKept() throws {
        let workspace = state + "/dialogue.pilotage"
        try FileManager.default.createDirectory(atPath: state, withIntermediateDirectories: true)
        let note = "Taux d'entrée … région « à suivre » 😀"
        let run = try terminal([typed("annotate ML038-GRENOBLE 2.2.a \"\(note)\""), typed("quit")],
                               arguments: ["--workspace", workspace], environment: env)
        #expect(run.status == 0, "\(run.screen)")
        let brief = try pilotage(["--workspace", workspace, "-c", "brief of ML038-GRENOBLE for 2017"])
        #expect(brief.stdout.contains(note), "\(brief.stdout.suffix(2000))")
        let history = try String(contentsOfFile: state + "/pilotage/history", encoding: .utf8)
        #expect(history.contains("entrée\\040…\\040région\\040«\\040à\\040suivre\\040»\\040😀"), "\(history)")
    }

    @Test("Tab completes an accented name; the completed line answers")
    func completionOfAccentedName() throws {
        let run = try terminal([keys("show R10 of \"Saint-É"), keys("\t"), typed(" year 2016"), keys("\u{04}")], environment: env)
        // The screen shows the completion as libedit redraws it; the history holds the line.
        #expect(run.screen.contains("Mission locale de Saint-Étienne (ML042-SAINT-ETIENNE)"), "\(run.screen)")
        #expect(!run.screen.contains("erreur"), "\(run.screen)")
        let history = try String(contentsOfFile: state + "/pilotage/history", encoding: .utf8)
        #expect(history.contains("\"Saint-Étienne\"\\040"), "\(history)")
        #expect(run.status == 0)
    }

    @Test("Ctrl-C at the prompt abandons the line; the next command answers; Ctrl-D leaves with 0")
    func ctrlCAtThePrompt() throws {
        let run = try terminal([keys("show R10 of mls in 8"), keys("\u{03}"), typed("explain R5"), keys("\u{04}")], environment: env)
        #expect(run.screen.contains("^C"))
        #expect(run.screen.contains("R5 — Ratio 5"), "\(run.screen)")
        #expect(!run.screen.contains("territoire inconnu") && !run.screen.contains("erreur"), "\(run.screen)")
        #expect(run.status == 0)
    }

    @Test("Ctrl-C during a long command interrupts it; the session goes on")
    func ctrlCDuringACommand() throws {
        try FileManager.default.createDirectory(atPath: state, withIntermediateDirectories: true)
        let script = state + "/long.pilote"
        // About 40 s of work: far longer than the test waits.
        try String(repeating: "let a = R5\n", count: 1_000_000).write(toFile: script, atomically: true, encoding: .utf8)
        let run = try terminal([typed("scenario new kept", pause: 0.5), typed(".read \(script)", pause: 0.2), keys("\u{03}", pause: -1.5),
                                typed("scenario list"), keys("\u{04}")], environment: env)
        #expect(run.screen.contains("interrompu"), "\(run.screen)")
        #expect(run.screen.components(separatedBy: "kept").count >= 3, "\(run.screen)")   // typed, created, listed
        #expect(run.status == 0 && run.seconds < 20)
    }

    @Test("bytes that are not UTF-8 are refused with a message; the REPL goes on")
    func invalidUTF8() throws {
        let run = try terminal([([0xEB, 0x51, 0x0D], 0.8), typed("explain R5"), keys("\u{04}")], environment: env)
        #expect(run.screen.contains("UTF-8"), "\(run.screen)")
        #expect(run.screen.contains("R5 — Ratio 5") && run.status == 0, "\(run.screen)")
    }

    @Test("SIGTERM at the prompt ends the session as the signal does, its workspace whole in one file")
    func terminate() throws {
        try FileManager.default.createDirectory(atPath: state, withIntermediateDirectories: true)
        let workspace = state + "/term.pilotage", copy = state + "/copy.pilotage"
        let run = try terminal([typed("scenario new gardé"), keys("show R5")], arguments: ["--workspace", workspace],
                               environment: env, signal: SIGTERM)
        #expect(run.status == -SIGTERM, "\(run.screen)")
        try FileManager.default.copyItem(atPath: workspace, toPath: copy)   // the file alone, without its -wal
        let listed = try pilotage(["--workspace", copy, "-c", "scenario list"])
        #expect(listed.stdout.contains("gardé"), "\(listed.stdout) \(listed.stderr)")
    }
}

@Suite("Numbers and names on the command line (issue 13's contract)")
struct TypedInputContractTests {
    @Test func typoInAName() throws {
        let r = try pilotage(["-c", "show R10 of grenobel"])
        #expect(r.status != 0 && r.stderr.contains("Mission locale de Grenoble") && r.stderr.contains("ML038-GRENOBLE"), "\(r.stderr)")
    }

    @Test func frenchNumbers() throws {
        for target in ["37,5 %", "37,5%", "0,375", "0.375"] {
            let r = try pilotage(["-c", "objective set R10 of ML038-GRENOBLE for 2017 = \(target)"])
            #expect(r.status == 0 && r.stdout.contains("37,5"), "\(target): \(r.stderr)")
        }
        let rate = try pilotage(["-c", "objective set R10 of ML038-GRENOBLE for 2017 = 37,5"])
        #expect(rate.status != 0 && rate.stderr.contains("37,5 %"), "\(rate.stderr)")
        let list = try pilotage(["-c", "sensitivity R5 of ML069-LYON year 2016 by national_entries 0,50,100"])
        #expect(list.status != 0 && list.stderr.contains("0, 50, 100"), "\(list.stderr)")
        let spaced = try pilotage(["-c", "sensitivity R5 of ML069-LYON year 2016 by national_entries 0; 50; 1 000"])
        #expect(spaced.status == 0 && spaced.stdout.contains("+1\u{202F}000"), "\(spaced.stderr)")
    }
}

@Suite("pilotage --help in both languages")
struct HelpLanguageTests {
    @Test func frenchAndEnglish() throws {
        let fr = try pilotage(["repl", "--help"], environment: ["LANG": "C.UTF-8", "LC_ALL": "", "LC_MESSAGES": ""])
        #expect(fr.stdout.contains("-c <commandes>") && fr.stdout.contains("Exécute ces commandes"), "\(fr.stdout)")
        #expect(fr.stdout.contains("UTILISATION :") && !fr.stdout.contains("Show help information") && !fr.stdout.contains("default:"),
                "\(fr.stdout)")
        for run in [try pilotage(["repl", "--lang", "en", "--help"]), try pilotage(["repl", "--help"], environment: ["LANG": "en_GB.UTF-8", "LC_ALL": ""])] {
            #expect(run.stdout.contains("-c <commands>") && run.stdout.contains("Runs these commands"), "\(run.stdout)")
            #expect(!run.stdout.contains("Exécute") && !run.stdout.contains("dossier"), "\(run.stdout)")
        }
        let export = try pilotage(["export", "dashboard", "--help"], environment: ["LANG": "en_US.UTF-8", "LC_ALL": ""])
        #expect(export.stdout.contains("Output file") && export.stdout.contains("<folder>"), "\(export.stdout)")
    }
}

@Suite("What a new user tried (pseudo-users' findings)")
struct NewUserFindingsTests {
    @Test("session 6's trial: a convention's objective replaced aloud; funding steps as typed; impossible seeks refused")
    func sessionSixTrial() {
        let s = demoSession()
        let set = s.run("objective set R10 of grenoble for 2017 = 37,5 %").output
        #expect(set.contains("remplace l'objectif ≥ 39,3\u{202F}% de la convention CPO-84-002"), "\(set)")
        #expect(!s.run("objective set R10 of grenoble for 2017 = 37,5 %").output.contains("remplace"))
        for step in ["+4 %", "+4,5%", "+4,5 %", "−2 %"] {
            #expect(s.run("funding of grenoble year 2017 \(step)").succeeded, "\(step)")
        }
        #expect(s.run("seek R10 = 137,5 % of grenoble year 2016").error?.contains("8.1.f ne peut pas dépasser 8.1") == true)
        #expect(s.run("format xlsx").succeeded && s.run("show R10 of nation").error?.contains("to FICHIER.xlsx") == true)
        let act = NSTemporaryDirectory() + "avenant-\(UUID().uuidString).xlsx"
        #expect(s.run("avenant of ML069-LYON for 2017 to \(act)").error?.contains("l'avenant s'écrit en .md, .html ou .odt") == true)
        #expect(!FileManager.default.fileExists(atPath: act))
    }

    @Test("« » quote like \"…\"; an unquoted name completes to its quoted form")
    func guillemetsAndCompletion() {
        let s = demoSession()
        #expect(s.run("show R10 of « Saint-Étienne » year 2016").output.contains("ML042-SAINT-ETIENNE"))
        #expect(s.run("show R10 of « Saint-Étienne year 2016").error?.contains("guillemet non fermé") == true)
        #expect(s.complete("show R10 of Val").candidates == ["\"Valence\""])
        #expect(s.complete("brief of lyo").candidates.contains("\"Lyon\""))
        // An open « completes as an open " does, the whole name from the quote.
        let french = s.complete("show R10 of « saint-e")
        #expect(french.start == 12 && french.candidates.contains("\"Saint-Étienne\""), "\(french)")
        #expect(s.complete("show R10 of «Grenob").candidates.contains("\"Grenoble\""))
        #expect(s.complete("show R10 of « Lyon » year ").candidates.contains("2016"))
    }

    @Test("a list separated by ; takes decimal commas; a negative target and an unknown extension are refused")
    func listsTargetsFiles() throws {
        let s = demoSession()
        let out = s.run("sensitivity R13 of ML038-GRENOBLE year 2016 by state_funding 0; 1 234,50 €; 2 000")
        #expect(out.succeeded && out.output.split(separator: "\n").count >= 8, "\(out.error ?? "")")
        #expect(s.run("objective set R10 of ML038-GRENOBLE for 2017 = −5 %").error?.contains("cible négative") == true)
        #expect(s.run("objective set R10 of ML038-GRENOBLE for 2017 = 1 234").error?.contains("un taux s'écrit avec %") == true)
        let unknown = NSTemporaryDirectory() + "objectifs-\(UUID().uuidString).xls"
        #expect(s.run("objective list of ML038-GRENOBLE to \(unknown)").error?.contains("extension .xls inconnue") == true)
        #expect(!FileManager.default.fileExists(atPath: unknown))
    }

    @Test("--lang before the subcommand; --lang en --help is the overview")
    func langBeforeSubcommand() throws {
        let v = try pilotage(["--lang", "en", "validate", "Playground/data/demo"])
        #expect(v.status == 0 && v.stdout.contains("valid"), "\(v.stderr)")
        let h = try pilotage(["--lang", "en", "--help"])
        #expect(h.stdout.contains("SUBCOMMANDS") && h.stdout.contains("Steering of the Missions locales"), "\(h.stdout)")
    }
}
