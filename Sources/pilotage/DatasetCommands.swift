import ArgumentParser
import Foundation
import PilotageShell
import PilotageOffice

func printError(_ s: String) { StandardOutput.writeError(s + "\n") }

/// Writes to standard output; a closed or full output is reported (with status 1), never a trap.
func emit(_ text: String, _ language: Language) throws {
    do { try StandardOutput.write(text, language: language) } catch {
        printError("pilotage : " + error.message(language))
        throw ExitCode(1)
    }
}

/// Loads a dataset for a command, printing located errors (exit 1) or a missing folder (exit 2).
/// With `cache`, microdata come from the user's snapshot when the files are unchanged.
func loadForCommand(_ directory: String, language: Language, cache: Bool = false) throws -> Dataset {
    var isDir: ObjCBool = false
    guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDir), isDir.boolValue else {
        printError(Messages.text(.pilotageNoSuchFolder, language, "\(directory)"))
        throw ExitCode(2)
    }
    do { return try Dataset.loadReadingWorkbooks(from: directory, cache: cache ? SnapshotCache.user() : nil) } catch {
        for d in error.diagnostics { printError(d.message(language)) }
        if error.truncated { printError(Messages.text(.stoppedAfterErrors, language, "\(DatasetLoadError.limit)")) }
        throw ExitCode(1)
    }
}

/// The `--no-cache` flag's help, shared by the commands that load a dataset.
enum NoCache {
    static var help: ArgumentHelp {
        HelpText.help("Lit les fichiers CSV sans lire ni écrire d'instantané. Sinon, un jeu de microdonnées "
                      + "de plus de 32 Mo laisse au premier chargement un instantané ($XDG_CACHE_HOME/pilotage/"
                      + "snapshots, par défaut ~/.cache/pilotage/snapshots) qui le rouvre ensuite en moins d'une "
                      + "seconde tant que ses fichiers n'ont pas changé (voir pilotage cache).",
                      en: "Reads the CSV files without reading or writing a snapshot. Otherwise, a microdata dataset "
                      + "over 32 MB leaves on its first load a snapshot ($XDG_CACHE_HOME/pilotage/snapshots, by "
                      + "default ~/.cache/pilotage/snapshots) that reopens it in under a second while its files are "
                      + "unchanged (see pilotage cache).")
    }
}

/// `pilotage cache [clear]`: the snapshots kept in the user's cache, and their removal.
struct Cache: ParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(abstract: HelpText.text("Liste les instantanés du cache (ou les efface avec clear).",
                                                     en: "Lists the cache's snapshots (or removes them with clear)."),
                             discussion: HelpText.text(
                                "Un instantané contient les microdonnées du jeu de données (identifiants "
                                + "pseudonymes compris), lisibles par vous seul (fichier 600, dossier 700) ; il reste "
                                + "après le déplacement ou la suppression du dossier : pilotage cache clear les "
                                + "efface tous, sans risque.",
                                en: "A snapshot holds the dataset's microdata (pseudonymous identifiers included), "
                                + "readable by you only (file 600, folder 700); it stays after the folder is moved "
                                + "or deleted: pilotage cache clear removes them all, safely."))
    }
    @Argument(help: HelpText.help("clear : effacer les instantanés.", en: "clear: remove the snapshots.",
                                  value: ("action", "action"))) var action: String?
    @Option(help: HelpText.help("fr | en", en: "fr | en", value: ("langue", "language"))) var lang: Language = .fr

    func run() throws {
        guard let cache = SnapshotCache.user() else {
            printError(Messages.text(.cacheUnavailable, lang))
            throw ExitCode(2)
        }
        switch action {
        case nil:
            let entries = cache.entries()
            var out = Messages.text(.cacheFolder, lang, cache.directory) + "\n"
            for e in entries {
                let size = Messages.text(.cacheSize, lang, lang.number(Double(e.bytes) / 1e6))
                let folder = e.dataset.map {
                    FileManager.default.fileExists(atPath: $0) ? $0 : $0 + " " + Messages.text(.cacheDatasetGone, lang)
                }
                out += "  \(size)  \(folder ?? Messages.text(.cacheOtherVersion, lang))\n"
            }
            if entries.isEmpty { out += "  " + Messages.text(.cacheEmpty, lang) + "\n" }
            try emit(out, lang)
        case "clear"?:
            try emit(Messages.text(.cacheCleared, lang, "\(cache.clear())", cache.directory) + "\n", lang)
        case let other?:
            printError(Messages.text(.cacheUnknownAction, lang, other))
            throw ExitCode(2)
        }
    }
}

struct Generate: ParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(abstract: HelpText.text("Génère un jeu de données synthétique (demo ou national).",
                                                     en: "Generates a synthetic dataset (demo or national)."))
    }
    @Option(help: HelpText.help("demo | national", en: "demo | national", value: ("préréglage", "preset"))) var preset: GeneratorOptions.Preset = .demo
    @Option(help: HelpText.help("Graine (même graine, même jeu de données).", en: "Seed (same seed, same dataset).",
                                value: ("graine", "seed"))) var seed: UInt64 = 1
    @Option(help: HelpText.help("Dossier de sortie.", en: "Output folder.", value: ("dossier", "folder"))) var out: String
    @Option(help: HelpText.help("Volume relatif au réseau réel (national 1, demo 0.3).",
                                en: "Volume relative to the real network (national 1, demo 0.3).",
                                value: ("échelle", "scale"))) var scale: Double?
    @Option(help: HelpText.help("Années, ex. 2015-2017.", en: "Years, e.g. 2015-2017.", value: ("années", "years"))) var years: String?
    @Option(help: HelpText.help("Nombre de missions locales (défaut : celui du preset ; ex. 3000 ou 30000 pour mesurer les coûts, "
                                + "avec un --scale réduit).", en: "Number of Missions locales (default: the preset's; e.g. 3000 or "
                                + "30000 to measure costs, with a smaller --scale).", value: ("n", "n")))
    var mls: Int?

    func run() throws {
        var yearList: [Int]?
        if let years {
            let parts = years.split(separator: "-").compactMap { Int($0) }
            guard parts.count == 2, parts[0] <= parts[1], Day.years.contains(parts[0]), Day.years.contains(parts[1]) else { throw ValidationError("--years attend AAAA-AAAA, trouvé « \(years) »") }
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
    static var configuration: CommandConfiguration {
        CommandConfiguration(
        abstract: HelpText.text("Valide un jeu de données : erreurs (statut 1) et avertissements de cohérence (statut 0).",
                                en: "Validates a dataset: errors (status 1) and consistency warnings (status 0)."),
        discussion: HelpText.text("Statut : 0 valide (avertissements possibles), 1 erreurs dans le jeu de données, "
                                  + "2 la commande n'a pas pu s'exécuter.",
                                  en: "Status: 0 valid (warnings possible), 1 errors in the dataset, 2 the command could not run."))
    }
    @Argument(help: HelpText.help("Dossier du jeu de données.", en: "Dataset folder.", value: ("dossier", "folder"))) var directory: String
    @Option(help: HelpText.help("fr | en", en: "fr | en", value: ("langue", "language"))) var lang: Language = .fr

    func run() throws {
        // Always the files themselves: validating is checking them, not a snapshot of them.
        let dataset = try loadForCommand(directory, language: lang)
        let report = ValidationReport(dataset)
        try emit(report.text(lang), lang)
    }
}

struct Export: ParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(abstract: HelpText.text("Exporte des résultats.", en: "Exports results."),
                             subcommands: [ExportDashboard.self, ExportProgrammes.self])
    }
}

/// The options both exports take.
struct ExportOptions: ParsableArguments {
    @Argument(help: HelpText.help("Dossier du jeu de données.", en: "Dataset folder.", value: ("dossier", "folder"))) var directory: String
    @Option(help: HelpText.help("Une seule année.", en: "One year only.", value: ("année", "year"))) var year: Int?
    @Option(help: HelpText.help("Fichier de sortie (sinon la sortie standard) ; .xlsx : un classeur.",
                                en: "Output file (else standard output); .xlsx: a workbook.",
                                value: ("fichier", "file"))) var out: String?
    @Option(help: HelpText.help("fr | en", en: "fr | en", value: ("langue", "language"))) var lang: Language = .fr
    @Option(help: HelpText.help("standard (le format d'export : « , » et « . ») ou fr (« ; », virgule décimale, BOM, CRLF : "
                                + "un tableur français l'ouvre en colonnes).",
                                en: "standard (the export format: \",\" and \".\") or fr (\";\", decimal comma, BOM, CRLF: "
                                + "a French spreadsheet opens it in columns).", value: ("forme", "form")))
    var csv: CSVForm?
    @Flag(name: .customLong("no-cache"), help: NoCache.help) var noCache = false

    enum CSVForm: String, ExpressibleByArgument {
        case standard, fr
        /// `FR`, `Fr`: any letter case.
        init?(argument: String) { self.init(rawValue: argument.lowercased()) }
    }

    /// Loads the dataset and checks the year.
    func dataset() throws -> Dataset {
        let dataset = try loadForCommand(directory, language: lang, cache: !noCache)
        if let year, !dataset.years.contains(year) {
            printError(Messages.text(.pilotageYearIsNotIn, lang, "\(year)", "\(dataset.years.map(String.init).joined(separator: ", "))"))
            throw ExitCode(2)
        }
        return dataset
    }

    /// Writes the export: a workbook for `--out FILE.xlsx`, else CSV (streamed) to the file or
    /// standard output; a write error exits with 1 (standard output) or 2 (a file).
    func write(csv export: (CSVDialect, (String) throws(OutputFile.Failure) -> Void) throws(OutputFile.Failure) -> Void,
               workbook: () -> Workbook) throws {
        let dialect: CSVDialect = csv == .fr ? .french : .standard
        if let out, !["", "csv", "txt", "xlsx"].contains((out as NSString).pathExtension.lowercased()) {
            printError(Messages.text(.exportExtension, lang, "." + (out as NSString).pathExtension))
            throw ExitCode(2)
        }
        // A form asked of a workbook would be dropped without a word: said instead.
        if let out, let csv, (out as NSString).pathExtension.lowercased() == "xlsx" {
            printError(Messages.text(.csvFormOfWorkbook, lang, csv.rawValue))
            throw ExitCode(2)
        }
        do throws(OutputFile.Failure) {
            if let out, (out as NSString).pathExtension.lowercased() == "xlsx" {
                try workbook().write(to: out)
            } else if let out {
                let file = try OutputFile(path: out)
                try export(dialect) { (piece: String) throws(OutputFile.Failure) in try file.write(piece) }
                try file.commit()
            } else {
                try export(dialect) { (piece: String) throws(OutputFile.Failure) in try StandardOutput.write(piece, language: lang) }
            }
        } catch {
            printError("pilotage : " + error.message(lang))
            throw ExitCode(out == nil ? 1 : 2)
        }
    }
}

struct ExportDashboard: ParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(commandName: "dashboard",
            abstract: HelpText.text("Exporte le tableau de bord (level,territory,year,indicator,breakdown,value).",
                                    en: "Exports the dashboard (level,territory,year,indicator,breakdown,value)."))
    }
    @OptionGroup var options: ExportOptions

    func run() throws {
        let dataset = try options.dataset(), year = options.year
        let dashboard = Dashboard(dataset)
        try options.write(csv: { dialect, write throws(OutputFile.Failure) in try dashboard.exportCSV(year: year, dialect: dialect, into: write) },
                          workbook: { Workbook(dashboard: dashboard, year: year, datasetName: dataset.manifest.name, language: options.lang) })
    }
}

struct ExportProgrammes: ParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(commandName: "programmes",
            abstract: HelpText.text("Exporte les tableaux des programmes nationaux (Garantie jeunes, CIVIS, PPAE, PACEA) : "
                                    + "les lignes des parcours nationaux par programme.",
                                    en: "Exports the national programme tables (Garantie jeunes, CIVIS, PPAE, PACEA): "
                                    + "the national-pathway lines by programme."))
    }
    @OptionGroup var options: ExportOptions

    func run() throws {
        let dataset = try options.dataset(), year = options.year
        let tables = ProgrammeTables(dataset)
        try options.write(csv: { dialect, write throws(OutputFile.Failure) in try tables.exportCSV(year: year, dialect: dialect, into: write) },
                          workbook: { Workbook(programmes: tables, of: Dashboard(dataset), year: year,
                                               datasetName: dataset.manifest.name, language: options.lang) })
    }
}
