import ArgumentParser
import Foundation
import PilotageShell

func printError(_ s: String) { StandardOutput.writeError(s + "\n") }

/// Writes to standard output; a closed or full output is reported (with status 1), never a trap.
func emit(_ text: String, _ language: Language) throws {
    do { try StandardOutput.write(text, language: language) } catch {
        printError("pilotage : " + error.message(language))
        throw ExitCode(1)
    }
}

/// Loads a dataset for a command, printing located errors (exit 1) or a missing folder (exit 2).
func loadForCommand(_ directory: String, language: Language) throws -> Dataset {
    var isDir: ObjCBool = false
    guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDir), isDir.boolValue else {
        printError(language == .fr ? "pilotage : aucun dossier « \(directory) »" : "pilotage: no such folder \"\(directory)\"")
        throw ExitCode(2)
    }
    do { return try Dataset.load(from: directory) } catch {
        for d in error.diagnostics { printError(d.message(language)) }
        if error.truncated { printError(language == .fr ? "… arrêt après \(DatasetLoadError.limit) erreurs" : "… stopped after \(DatasetLoadError.limit) errors") }
        throw ExitCode(1)
    }
}

struct Generate: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Génère un jeu de données synthétique (demo ou national).")
    @Option(help: "demo | national") var preset: GeneratorOptions.Preset = .demo
    @Option(help: "Graine (même graine, même jeu de données).") var seed: UInt64 = 1
    @Option(help: "Dossier de sortie.") var out: String
    @Option(help: "Volume relatif au réseau réel (national 1, demo 0.3).") var scale: Double?
    @Option(help: "Années, ex. 2015-2017.") var years: String?
    @Option(help: "Nombre de missions locales (défaut : celui du preset ; ex. 3000 ou 30000 pour mesurer les coûts, avec un --scale réduit).")
    var mls: Int?

    func run() throws {
        var yearList: [Int]?
        if let years {
            let parts = years.split(separator: "-").compactMap { Int($0) }
            guard parts.count == 2, parts[0] <= parts[1], parts[0] >= 1990 else { throw ValidationError("--years attend AAAA-AAAA, trouvé « \(years) »") }
            yearList = Array(parts[0]...parts[1])
        }
        if let scale, !(scale > 0 && scale <= 10) { throw ValidationError("--scale attend un nombre entre 0 et 10, trouvé \(scale)") }
        if let mls, !(1...100_000).contains(mls) { throw ValidationError("--mls attend un nombre de 1 à 100 000, trouvé \(mls)") }
        let start = Date()
        let summary: GenerationSummary
        do { summary = try DatasetGenerator.generate(GeneratorOptions(preset: preset, seed: seed, years: yearList, scale: scale, missions: mls), to: out) } catch {
            printError("pilotage : " + error.message(.fr))
            throw ExitCode(2)
        }
        try emit("\(out) : \(summary.missions) missions locales, \(summary.youth) jeunes, \(summary.events) événements, \(summary.pathways) parcours, \(summary.situations) situations (\(String(format: "%.1f", Date().timeIntervalSince(start))) s)\n", .fr)
    }
}

struct Validate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Valide un jeu de données : erreurs (statut 1) et avertissements de cohérence (statut 0).",
        discussion: "Statut : 0 valide (avertissements possibles), 1 erreurs dans le jeu de données, 2 la commande n'a pas pu s'exécuter.")
    @Argument(help: "Dossier du jeu de données.") var directory: String
    @Option(help: "fr | en") var lang: Language = .fr

    func run() throws {
        let dataset = try loadForCommand(directory, language: lang)
        let report = ValidationReport(dataset)
        try emit(report.text(lang), lang)
    }
}

struct Export: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Exporte des résultats.", subcommands: [ExportDashboard.self])
}

struct ExportDashboard: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "dashboard",
        abstract: "Exporte le tableau de bord (level,territory,year,indicator,breakdown,value).")
    @Argument(help: "Dossier du jeu de données.") var directory: String
    @Option(help: "Une seule année.") var year: Int?
    @Option(help: "Fichier de sortie (sinon la sortie standard).") var out: String?
    @Option(help: "fr | en") var lang: Language = .fr

    func run() throws {
        let dataset = try loadForCommand(directory, language: lang)
        if let year, !dataset.years.contains(year) {
            printError(lang == .fr ? "pilotage : l'année \(year) n'est pas dans le jeu de données (\(dataset.years.map(String.init).joined(separator: ", ")))"
                                   : "pilotage: year \(year) is not in the dataset (\(dataset.years.map(String.init).joined(separator: ", ")))")
            throw ExitCode(2)
        }
        let dashboard = Dashboard(dataset)
        do throws(OutputFile.Failure) {
            if let out {
                let file = try OutputFile(path: out)
                try dashboard.exportCSV(year: year) { (piece: String) throws(OutputFile.Failure) in try file.write(piece) }
                try file.commit()
            } else {
                try dashboard.exportCSV(year: year) { (piece: String) throws(OutputFile.Failure) in try StandardOutput.write(piece, language: lang) }
            }
        } catch {
            printError("pilotage : " + error.message(lang))
            throw ExitCode(out == nil ? 1 : 2)
        }
    }
}
