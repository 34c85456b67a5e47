import Foundation
import Testing

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
