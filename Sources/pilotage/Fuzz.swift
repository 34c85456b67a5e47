import ArgumentParser
import Foundation
import PilotageShell

/// `pilotage fuzz`: random lines through the REPL session and its completion, on both cores.
/// A crash prints the line that caused it (from a signal handler) and exits 1.
struct Fuzz: ParsableCommand {
    static var configuration: CommandConfiguration { CommandConfiguration(
        abstract: HelpText.text("Soumet des lignes aléatoires au REPL (robustesse) ; affiche la ligne fautive en cas de plantage.",
                                en: "Feeds random lines to the REPL (robustness); prints the faulty line on a crash."),
        shouldDisplay: false) }
    @Option(help: HelpText.help("Nombre de lignes.", en: "Number of lines.", value: ("n", "n"))) var count: Int = 1_000_000
    @Option(help: HelpText.help("Graine.", en: "Seed.", value: ("graine", "seed"))) var seed: UInt64 = 1
    @Option(help: HelpText.help("Dossier du jeu de données (défaut : démonstration).", en: "Dataset folder (default: the demo).",
                                value: ("dossier", "folder"))) var data: String?
    @Option(help: HelpText.help("Rejoue une seule ligne (run et complétion).", en: "Replays one line (run and completion).",
                                value: ("ligne", "line"))) var line: String?

    func run() throws {
        guard let path = data ?? DemoDataset.path else { throw ValidationError("jeu de démonstration introuvable") }
        let dataset = try loadForCommand(path, language: .fr)
        let dashboard = Dashboard(dataset)
        if let line {
            let session = Session(datasetPath: path, dashboard: dashboard, dataset: dataset)
            session.fileAccess = false
            print(session.complete(line).candidates.prefix(10))
            let r = session.run(line)
            print(r.output, r.error ?? "")
            return
        }
        FuzzCrash.install()
        let workers = max(1, ProcessInfo.processInfo.activeProcessorCount)
        let start = DispatchTime.now().uptimeNanoseconds
        let counts = Counts()
        DispatchQueue.concurrentPerform(iterations: workers) { w in
            let session = Session(datasetPath: path, dashboard: dashboard, dataset: dataset)
            session.fileAccess = false
            var inputs = RandomInputs(seed: seed &+ UInt64(w) &* 7919)
            var ok = 0, failed = 0
            for _ in stride(from: w, to: count, by: workers) {
                let line = inputs.line()
                FuzzCrash.record(line, worker: w)
                _ = session.complete(line)
                if session.run(line).succeeded { ok += 1 } else { failed += 1 }
                if session.language != .fr && failed % 1000 == 0 { session.language = .fr }
            }
            counts.add(ok, failed)
        }
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        let (ok, failed) = counts.values
        print("fuzz : \(ok + failed) lignes, aucun plantage (\(ok) acceptées, \(failed) refusées avec une erreur), \(String(format: "%.1f", seconds)) s")
    }
}

final class Counts: @unchecked Sendable {
    private let lock = NSLock()
    private var ok = 0, failed = 0
    func add(_ a: Int, _ b: Int) { lock.lock(); ok += a; failed += b; lock.unlock() }
    var values: (Int, Int) { lock.lock(); defer { lock.unlock() }; return (ok, failed) }
}

/// The line each worker is running, in fixed buffers a signal handler can print.
enum FuzzCrash {
    static let size = 4096
    nonisolated(unsafe) static let buffers: [UnsafeMutablePointer<UInt8>] = (0..<64).map { _ in
        let p = UnsafeMutablePointer<UInt8>.allocate(capacity: size); p.initialize(repeating: 0, count: size); return p
    }
    nonisolated(unsafe) static let lengths = UnsafeMutablePointer<Int>.allocate(capacity: 64)

    static func record(_ line: String, worker: Int) {
        let w = worker % 64
        var n = 0
        for byte in line.utf8 where n < size { buffers[w][n] = byte; n += 1 }
        lengths[w] = n
    }

    static func install() {
        for w in 0..<64 { lengths[w] = 0 }
        for sig in [SIGILL, SIGTRAP, SIGSEGV, SIGBUS, SIGABRT, SIGFPE] {
            signal(sig) { s in
                let head = "\nfuzz : PLANTAGE (signal \(s)) sur l'une de ces lignes :\n"
                _ = head.withCString { write(2, $0, strlen($0)) }
                for w in 0..<64 where FuzzCrash.lengths[w] > 0 {
                    _ = write(2, FuzzCrash.buffers[w], FuzzCrash.lengths[w])
                    _ = write(2, "\n", 1)
                }
                _exit(1)
            }
        }
    }
}
