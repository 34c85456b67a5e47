import ArgumentParser
import Foundation
import PilotageShell

/// `pilotage fuzz-loader`: mutated datasets through the CSV reader, the loader and the validator.
///
/// Each input is a dataset of the seed corpus (`Playground/fuzz/loader/`, small valid and broken
/// datasets) with one to three mutations drawn with a fixed seed: truncation, byte flips, quotes,
/// separators and line ends inserted, invalid UTF-8, NUL, huge numbers and fields, a file removed
/// or replaced by a folder, a FIFO or a link to a device. It checks that nothing crashes (a
/// signal handler prints the input's seed), nothing hangs (each input within `--limit` seconds),
/// every error in a CSV file has its line, and an input that breaks a rule for sure (invalid
/// UTF-8, a 400-digit amount, a required file missing or not a file) is refused.
struct FuzzLoader: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "fuzz-loader",
        abstract: HelpText.text("Soumet des jeux de données mutés au lecteur CSV, au chargeur et au validateur (robustesse).",
                                en: "Feeds mutated datasets to the CSV reader, the loader and the validator (robustness)."),
        shouldDisplay: false)
    @Option(help: HelpText.help("Nombre de jeux de données mutés.", en: "Number of mutated datasets.", value: ("nombre", "count")))
    var count: Int = 1_000_000
    @Option(help: HelpText.help("Graine.", en: "Seed.", value: ("graine", "seed"))) var seed: UInt64 = 1
    @Option(help: HelpText.help("Dossier du corpus de départ.", en: "Folder of the seed corpus.", value: ("dossier", "folder")))
    var corpus: String = "Playground/fuzz/loader"
    @Option(help: HelpText.help("Temps maximal par entrée, en secondes.", en: "Longest time per input, in seconds.",
                                value: ("secondes", "seconds"))) var limit: Double = 10
    @Option(help: HelpText.help("Rejoue une seule entrée (son numéro) et garde son dossier.",
                                en: "Replays one input (its number) and keeps its folder.", value: ("numéro", "number")))
    var replay: Int?

    func run() throws {
        let seeds = try loadCorpus()
        let workers = replay == nil ? max(1, ProcessInfo.processInfo.activeProcessorCount) : 1
        // In memory where there is a tmpfs: a million small datasets written and read.
        let scratch = FileManager.default.fileExists(atPath: "/dev/shm") ? "/dev/shm/" : NSTemporaryDirectory()
        let root = scratch + "pilotage-fuzz-loader-\(getpid())"
        defer { if replay == nil { try? FileManager.default.removeItem(atPath: root) } }
        let watch = Watchdog(workers: workers, limit: limit)
        watch.start()
        FuzzCrash.install()
        let counts = Counts(), problems = Problems()
        let start = DispatchTime.now().uptimeNanoseconds
        DispatchQueue.concurrentPerform(iterations: workers) { w in
            let dir = root + "/w\(w)"
            var loaded = 0, refused = 0
            for k in replay.map({ [$0] }) ?? Array(stride(from: w, to: count, by: workers)) {
                var rng = Xorshift(seed &+ UInt64(k) &* 0x9E37_79B9_7F4A_7C15)
                let base = seeds[Int(rng.next() % UInt64(seeds.count))]
                var input = MutatedDataset(files: base.files)
                for _ in 0..<(1 + Int(rng.next() % 3)) { input.mutate(&rng) }
                FuzzCrash.record("fuzz-loader --seed \(seed) --replay \(k) (\(base.name): \(input.log.joined(separator: "; ")))", worker: w)
                watch.begin(w, input: k)
                input.write(to: dir)
                let outcome = Self.check(dir, input)
                watch.end(w)
                switch outcome {
                case .loaded: loaded += 1
                case .refused: refused += 1
                case .problem(let what): problems.add("entrée \(k) (\(base.name): \(input.log.joined(separator: "; "))) : \(what)")
                }
            }
            counts.add(loaded, refused)
        }
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        let (loaded, refused) = counts.values
        let found = problems.all
        for p in found.prefix(20) { printError("fuzz-loader : " + p) }
        try emit("fuzz-loader : \(loaded + refused) jeux de données, \(found.count) problème(s) (\(loaded) chargés, \(refused) refusés avec des erreurs situées), \(String(format: "%.1f", seconds)) s\n", .fr)
        if !found.isEmpty { throw ExitCode(1) }
    }

    enum Outcome { case loaded, refused, problem(String) }

    /// Loads and validates one input; what must hold of the outcome.
    static func check(_ dir: String, _ input: MutatedDataset) -> Outcome {
        do {
            let dataset = try Dataset.load(from: dir)
            _ = ValidationReport(dataset).text(.fr)
            if input.mustFail { return .problem("chargé alors qu'il enfreint une règle") }
            return .loaded
        } catch {
            if error.diagnostics.isEmpty { return .problem("refusé sans aucune erreur") }
            for d in error.diagnostics where d.file.hasSuffix(".csv") && d.line == nil
                && ![.missingFile, .notAFile, .mixedDataset].contains(d.rule) {
                return .problem("erreur sans ligne : \(d.message(.fr).prefix(200))")
            }
            if let long = error.diagnostics.first(where: { $0.message(.fr).count > 2_000 }) {
                return .problem("message de \(long.message(.fr).count) caractères")
            }
            return .refused
        }
    }

    func loadCorpus() throws -> [(name: String, files: [String: [UInt8]])] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: corpus).sorted()) ?? []
        let seeds = names.compactMap { name -> (String, [String: [UInt8]])? in
            let dir = corpus + "/" + name
            guard let files = try? FileManager.default.contentsOfDirectory(atPath: dir), !files.isEmpty else { return nil }
            var contents: [String: [UInt8]] = [:]
            for f in files { contents[f] = FileManager.default.contents(atPath: dir + "/" + f).map { [UInt8]($0) } ?? [] }
            return (name, contents)
        }
        guard !seeds.isEmpty else { throw ValidationError("corpus vide ou introuvable : \(corpus)") }
        return seeds
    }
}

/// A dataset being mutated: its files as bytes, or a special kind of file in place of one.
struct MutatedDataset {
    enum Special { case folder, fifo, device, missing }
    var files: [String: [UInt8]]
    var special: [String: Special] = [:]
    var log: [String] = []
    /// funding.csv ends with a 400-digit amount (no later mutation touched the file).
    var hugeAmount = false

    /// The input breaks a rule for sure, judged on its final state (the loader must refuse it):
    /// a required file missing or not a file, a CSV file with invalid UTF-8, a 400-digit amount.
    var mustFail: Bool {
        if Self.required.contains(where: { special[$0] != nil }) { return true }
        if files.contains(where: { name, b in name.hasSuffix(".csv") && special[name] == nil && String(validating: b, as: UTF8.self) == nil }) { return true }
        return hugeAmount && special["funding.csv"] == nil
    }

    static let required = ["dataset.json", "regions.csv", "missions.csv"]

    mutating func mutate(_ rng: inout Xorshift) {
        let names = files.keys.sorted()
        let name = names[Int(rng.next() % UInt64(names.count))]
        var b = files[name]!
        if name == "funding.csv" { hugeAmount = false }
        let at = b.isEmpty ? 0 : Int(rng.next() % UInt64(b.count + 1))
        switch rng.next() % 12 {
        case 0: b = Array(b.prefix(at)); log.append("\(name) tronqué à \(at)")
        case 1: if at < b.count { b[at] ^= UInt8(1 << (rng.next() % 8)); log.append("\(name) octet \(at) inversé") }
        case 2: b.insert(34, at: at); log.append("\(name) guillemet en \(at)")
        case 3: b.insert([44, 59, 10, 13][Int(rng.next() % 4)], at: at); log.append("\(name) séparateur en \(at)")
        case 4:
            b.insert(contentsOf: [0xFF, 0xC3][Int(rng.next() % 2)] == 0xFF ? [0xFF] : [0xC3, 0x28], at: at)
            log.append("\(name) UTF-8 invalide en \(at)")
        case 5: b.insert(0, at: at); log.append("\(name) NUL en \(at)")
        case 6:
            // A number field replaced by 400 digits: the amounts of funding.csv are refused.
            if name == "funding.csv", let line = b.lastIndex(of: 44), b.count > line + 1, b.last == 10 {
                b = Array(b[...line]) + Array(repeating: 57, count: 400) + [10]
                log.append("montant de 400 chiffres"); hugeAmount = true
            } else { b.insert(contentsOf: Array(repeating: 57, count: 400), at: at); log.append("\(name) 400 chiffres en \(at)") }
        case 7: b.insert(contentsOf: Array(repeating: 120, count: 100_000), at: at); log.append("\(name) champ de 100 Ko en \(at)")
        case 8: b.insert(contentsOf: b[at...].prefix(200), at: at); log.append("\(name) ligne dupliquée en \(at)")
        case 9:
            let kind: Special = [.folder, .fifo, .device, .missing][Int(rng.next() % 4)]
            special[name] = kind
            log.append("\(name) remplacé par \(kind)")
        case 10: b.insert(contentsOf: Array("-1e400".utf8), at: at); log.append("\(name) -1e400 en \(at)")
        default: b.insert(contentsOf: Array("\"\"\",\"\n\r".utf8), at: at); log.append("\(name) guillemets et fins de ligne en \(at)")
        }
        files[name] = b
    }

    /// Writes the input to a folder (emptied first).
    func write(to dir: String) {
        try? FileManager.default.removeItem(atPath: dir)
        try? FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        for (name, bytes) in files {
            let path = dir + "/" + name
            switch special[name] {
            case .folder?: mkdir(path, 0o755)
            case .fifo?: mkfifo(path, 0o644)
            case .device?: symlink("/dev/zero", path)
            case .missing?: break
            case nil: _ = FileManager.default.createFile(atPath: path, contents: Data(bytes))
            }
        }
    }
}

/// A small, fast random generator: the same seed, the same inputs.
struct Xorshift {
    private var state: UInt64
    init(_ seed: UInt64) { state = seed == 0 ? 0x2545_F491_4F6C_DD1D : seed }
    mutating func next() -> UInt64 {
        state ^= state << 13; state ^= state >> 7; state ^= state << 17
        return state
    }
}

/// Problems found, from every worker.
final class Problems: @unchecked Sendable {
    private let lock = NSLock()
    private var list: [String] = []
    func add(_ p: String) { lock.lock(); list.append(p); lock.unlock() }
    var all: [String] { lock.lock(); defer { lock.unlock() }; return list }
}

/// Ends the process (status 1) when an input takes longer than the limit: a hang is a failure.
final class Watchdog: @unchecked Sendable {
    private let lock = NSLock()
    private var started: [UInt64?], inputs: [Int]
    private let limit: Double
    init(workers: Int, limit: Double) { started = Array(repeating: nil, count: workers); inputs = Array(repeating: 0, count: workers); self.limit = limit }
    func begin(_ w: Int, input: Int) { lock.lock(); started[w] = DispatchTime.now().uptimeNanoseconds; inputs[w] = input; lock.unlock() }
    func end(_ w: Int) { lock.lock(); started[w] = nil; lock.unlock() }
    func start() {
        Thread.detachNewThread { [self] in
            while true {
                Thread.sleep(forTimeInterval: 0.5)
                lock.lock()
                let now = DispatchTime.now().uptimeNanoseconds
                let stuck = started.indices.first { started[$0].map { Double(now - $0) / 1e9 > limit } ?? false }
                let input = stuck.map { inputs[$0] }
                lock.unlock()
                if let input {
                    printError("fuzz-loader : entrée \(input) bloquée plus de \(limit) s (rejouer : pilotage fuzz-loader --replay \(input))")
                    exit(1)
                }
            }
        }
    }
}
