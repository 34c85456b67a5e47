import ArgumentParser
import Foundation
import PilotageShell
import PilotageWorkspace

struct Repl: ParsableCommand {
    static var configuration: CommandConfiguration { CommandConfiguration(
        abstract: HelpText.text("Le REPL (par défaut) : interactif, ou sur -c, un script ou l'entrée standard.",
                                en: "The REPL (the default): interactive, or on -c, a script or standard input."),
        discussion: HelpText.text("Exemples : pilotage -c 'explain R5' ; pilotage script.pilote ; echo 'explain R5' | pilotage",
                                  en: "Examples: pilotage -c 'explain R5'; pilotage script.pilote; echo 'explain R5' | pilotage")) }
    @Option(name: .customShort("c"), help: HelpText.help("Exécute ces commandes (une par ligne) puis quitte.",
                                                         en: "Runs these commands (one per line), then leaves.",
                                                         value: ("commandes", "commands"))) var command: String?
    @Option(help: HelpText.help("Langue des messages : fr (défaut) ou en.", en: "Language of messages: fr (default) or en.",
                                value: ("langue", "language"))) var lang: Language = .fr
    @Option(help: HelpText.help("Dossier du jeu de données (défaut : le jeu de démonstration).",
                                en: "Dataset folder (default: the demo dataset).", value: ("dossier", "folder"))) var data: String?
    @Option(help: HelpText.help("Forme des résultats : table (défaut), csv, json ou markdown.",
                                en: "Form of the answers: table (default), csv, json or markdown.",
                                value: ("forme", "format"))) var format: OutputFormat = .table
    @Option(help: HelpText.help("Fichier d'espace de travail (SQLite) : scénarios, objectifs, conventions, notes gardés "
                                + "d'une session à l'autre (défaut : $PILOTAGE_WORKSPACE).",
                                en: "Workspace file (SQLite): scenarios, objectives, conventions and notes kept from one "
                                + "session to the next (default: $PILOTAGE_WORKSPACE).",
                                value: ("fichier", "file"))) var workspace: String?
    @Flag(name: .customLong("keep-going"), help: HelpText.help(
        "Continue après une ligne en erreur (script, -c, entrée standard) : chaque erreur est signalée avec sa ligne, "
        + "statut 1 à la fin s'il y en a eu (comme psql sans ON_ERROR_STOP, sqlite3 sans -bail).",
        en: "Goes on past a failed line (script, -c, standard input): each error is reported with its line, status 1 at "
        + "the end if any failed (as psql without ON_ERROR_STOP, sqlite3 without -bail)."))
    var keepGoing = false
    @Flag(name: .customLong("no-cache"), help: NoCache.help) var noCache = false
    @Argument(help: HelpText.help("Un script .pilote à exécuter.", en: "A .pilote script to run.",
                                  value: ("script", "script"))) var script: String?

    func run() throws {
        let session = Session(language: lang, datasetPath: data ?? DemoDataset.path)
        session.outputFormat = format
        session.keepGoing = keepGoing
        if !noCache { session.snapshotCache = SnapshotCache.user() }
        if let path = workspace ?? ProcessInfo.processInfo.environment["PILOTAGE_WORKSPACE"].flatMap({ $0.isEmpty ? nil : $0 }) {
            do throws(ShellError) { try session.attach(workspace: path) } catch {
                printError(session.render(error, line: ""))
                throw ExitCode(2)
            }
        }
        // Every end folds the workspace's log into its file: quit, end of input, an error, a signal.
        defer { session.close() }
        let interactive = command == nil && script == nil && Terminal.isInteractive
        // The terminal ends its loop on SIGTERM and SIGHUP itself (then the signal ends the process).
        if !interactive { Self.closeWorkspacesOnSignals() }
        if let command {
            try runLines(command, session: session, source: keepGoing ? "-c" : nil)
        } else if let script {
            guard PathKind.isRegularFile(script), let text = try? String(contentsOfFile: script, encoding: .utf8) else {
                printError(Messages.text(.pilotageCannotRead, lang, "\(script)"))
                throw ExitCode(2)
            }
            session.enterScript(script)
            try runLines(text, session: session, source: script)
        } else if interactive {
            Terminal(session: session).loop()
            if Terminal.endSignal != 0 {
                session.close()
                signal(Terminal.endSignal, SIG_DFL)
                kill(getpid(), Terminal.endSignal)
            }
        } else {
            // Line by line as they come (a pipe may feed the REPL over time); `\` continues a line.
            var joiner = ContinuedLines()
            func run(_ line: (number: Int, text: String)) throws -> Bool {
                let result = session.run(line.text)
                try emit(result.output, session.language)
                if let error = result.error {
                    printError(Messages.text(.scriptLine, session.language, "stdin", String(line.number)) + " :")
                    printError(error)
                    failed += 1
                    if !keepGoing { throw ExitCode(1) }
                }
                return result.quit
            }
            var failed = 0
            while let raw = readLine(strippingNewline: true) {
                if let line = joiner.add(raw), try run(line) { break }
            }
            if let last = joiner.finish() { _ = try run(last) }
            try endKeepingGoing(failed, session)
        }
    }

    /// With `--keep-going`, the count of failed lines and status 1 if any failed.
    func endKeepingGoing(_ failed: Int, _ session: Session) throws {
        guard failed > 0 else { return }
        printError(Messages.text(.pilotageLineSFailed, session.language, "\(failed)"))
        throw ExitCode(1)
    }

    /// SIGTERM and SIGHUP end the process as they would, after closing the open workspaces
    /// (their write-ahead log folded into the file).
    static func closeWorkspacesOnSignals() {
        for sig in [SIGTERM, SIGHUP] {
            signal(sig, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: sig, queue: .global())
            source.setEventHandler {
                Workspace.closeAll()
                signal(sig, SIG_DFL)
                kill(getpid(), sig)
            }
            source.resume()
            signalSources.append(source)
        }
    }
    /// Kept alive for the whole process; set once, at start, from the main thread.
    nonisolated(unsafe) private static var signalSources: [any DispatchSourceSignal] = []

    /// Runs a script; the first error stops it, with its line number, and exits 1.
    func runLines(_ text: String, session: Session, source: String?) throws {
        let (error, _) = try session.runScript(text, source: source, emit: { try emit($0, session.language) }, reportError: { printError($0) })
        try endKeepingGoing(session.failedLines, session)
        if let error {
            printError(error)
            throw ExitCode(1)
        }
    }
}

/// Where the embedded demo dataset is: `$PILOTAGE_DEMO`, `./Playground/data/demo`, or the
/// checkout this binary was built from.
enum DemoDataset {
    static var path: String? {
        var candidates: [String] = []
        if let env = ProcessInfo.processInfo.environment["PILOTAGE_DEMO"] { candidates.append(env) }
        candidates.append(FileManager.default.currentDirectoryPath + "/Playground/data/demo")
        let source = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        candidates.append(source.appendingPathComponent("Playground/data/demo").path)
        return candidates.first { FileManager.default.fileExists(atPath: $0 + "/dataset.json") }
    }
}
