import Foundation
import Testing
import PilotageShell

/// Issue 18's command-line contract for outputs: links, devices, a full standard output.
@Suite("Outputs from the command line", .serialized)
struct OutputContractTests {
    func kind(_ path: String) -> mode_t {
        var st = stat()
        return lstat(path, &st) == 0 ? st.st_mode & S_IFMT : 0
    }

    @Test("show … to a link writes its target; to a full device, a non-zero status and the node stays")
    func linkAndDevice() throws {
        let dir = NSTemporaryDirectory() + "out-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        try "old".write(toFile: dir + "/t", atomically: false, encoding: .utf8)
        symlink("t", dir + "/l")
        var r = try pilotage(["-c", "show R5 to \(dir)/l"])
        #expect(r.status == 0 && kind(dir + "/l") == S_IFLNK)
        #expect(try String(contentsOfFile: dir + "/t", encoding: .utf8).contains("R5"))
        // A character device like /dev/full (root can make one; elsewhere /dev/full itself).
        let device = mknod(dir + "/full", S_IFCHR | 0o666, dev_t(1 << 8 | 7)) == 0 ? dir + "/full" : "/dev/full"
        r = try pilotage(["-c", "show R5 to \(device)"])
        #expect(r.status != 0 && r.stderr.contains(device) && kind(device) == S_IFCHR)
        r = try pilotage(["-c", "show R5 to \(dir)"])
        #expect(r.status != 0 && r.stderr.contains("c'est un dossier"))
        r = try pilotage(["export", "dashboard", "Playground/data/demo", "--out", dir + "/no/such/x.csv"])
        #expect(r.status == 2 && r.stderr.contains("le dossier n'existe pas") && !r.stderr.contains("NSCocoa"))
    }

    @Test("a full standard output: a message and a status below 128, for every command that prints")
    func fullStandardOutput() throws {
        for args in [["export", "dashboard", "Playground/data/demo"], ["-c", "show R5 of mls year 2016"],
                     ["validate", "Playground/data/demo"], []] {
            let r = try pilotage(args, stdin: args.isEmpty ? "explain R5\n" : nil, stdoutPath: "/dev/full")
            #expect(r.status > 0 && r.status < 128, "\(args): \(r.status)")
            #expect(r.stderr.contains("sortie standard : plus de place"), "\(args): \(r.stderr)")
        }
    }
}

/// `--keep-going` (psql's ON_ERROR_STOP off, sqlite3 without -bail) and `.read` cycles.
@Suite("Going on past errors", .serialized)
struct KeepGoingTests {
    func script(_ name: String, _ text: String, in dir: String) throws -> String {
        try text.write(toFile: dir + "/" + name, atomically: true, encoding: .utf8)
        return dir + "/" + name
    }

    @Test("every line runs, each error with its line, status 1 at the end; without the option the first error stops")
    func keepGoing() throws {
        let dir = NSTemporaryDirectory() + "kg-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let path = try script("k.pilote", "explain R5\nexplain nope\nexplain R10\nbogus\n", in: dir)
        var r = try pilotage(["--keep-going", path])
        #expect(r.status == 1 && r.stdout.contains("R5 —") && r.stdout.contains("R10 —"))
        #expect(r.stderr.contains("k.pilote, ligne 2 :") && r.stderr.contains("k.pilote, ligne 4 :") && r.stderr.contains("2 ligne(s) en erreur"))
        r = try pilotage([path])
        #expect(r.status == 1 && !r.stdout.contains("R10 —"))
        r = try pilotage(["--keep-going"], stdin: "explain nope\nexplain R10\n")
        #expect(r.status == 1 && r.stdout.contains("R10 —") && r.stderr.contains("stdin, ligne 1 :"))
        r = try pilotage(["--keep-going", "-c", "explain R5\nnope\nexplain R10"])
        #expect(r.status == 1 && r.stdout.contains("R10 —") && r.stderr.contains("-c, ligne 2 :"))
        r = try pilotage(["--keep-going", "-c", "explain R5\nexplain R10"])
        #expect(r.status == 0 && r.stderr.isEmpty)
    }

    @Test("a .read cycle is reported once, with its chain of files")
    func readCycle() throws {
        let dir = NSTemporaryDirectory() + "cycle-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let a = try script("a.pilote", ".read \(dir)/b.pilote\n", in: dir)
        _ = try script("b.pilote", "explain R5\n.read \(dir)/a.pilote\n", in: dir)
        let r = try pilotage([a])
        #expect(r.status == 1 && r.stderr.contains("cycle de .read : a.pilote → b.pilote → a.pilote"))
        #expect(r.stderr.components(separatedBy: "cycle de .read").count == 2)
        #expect(r.stderr.components(separatedBy: "ligne 1 :").count == 2, "\(r.stderr)")
        // In a session: a script that reads itself.
        let s = Session()
        let selfish = try script("self.pilote", ".read \(dir)/self.pilote\n", in: dir)
        #expect(s.run(".read \(selfish)").error?.contains("cycle de .read : self.pilote → self.pilote") == true)
    }
}

/// A short run of the loader's fuzzer (`make fuzz-loader` runs a million inputs).
@Suite("The loader under mutated datasets")
struct FuzzLoaderTests {
    @Test("1,000 mutated datasets: no crash, no hang, every CSV error located, no rule-breaking input loaded")
    func shortRun() throws {
        let r = try pilotage(["fuzz-loader", "--count", "1000", "--seed", "7"])
        #expect(r.status == 0 && r.stdout.hasPrefix("fuzz-loader : 1000 jeux de données, 0 problème(s)"), "\(r.stdout)\(r.stderr.prefix(2000))")
    }
}
