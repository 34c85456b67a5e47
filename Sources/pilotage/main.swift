import ArgumentParser
import Foundation
import PilotageShell

/// `pilotage`: the REPL (default), and the dataset commands.
struct PilotageCommand: ParsableCommand {
    static var configuration: CommandConfiguration { CommandConfiguration(
        commandName: "pilotage",
        abstract: HelpText.text("Pilotage des missions locales : tableau de bord CPO, REPL et SDK.",
                                en: "Steering of the Missions locales: the CPO dashboard, a REPL and an SDK."),
        discussion: HelpText.text("Sans sous-commande : ouvre le REPL sur le jeu de démonstration.",
                                  en: "Without a subcommand: opens the REPL on the demo dataset."),
        subcommands: [Repl.self, Generate.self, Validate.self, Export.self, Cache.self, Bench.self, Fuzz.self,
                      FuzzLoader.self],
        defaultSubcommand: Repl.self
    ) }
}

extension Language: ExpressibleByArgument {}
extension GeneratorOptions.Preset: ExpressibleByArgument {}
extension OutputFormat: ExpressibleByArgument {}

// A closed standard output is an error to report (EPIPE), not a silent death by signal.
signal(SIGPIPE, SIG_IGN)

// A usage error exits 2 (the command could not run); help exits 0.
HelpText.language = HelpText.detect(arguments: CommandLine.arguments, environment: ProcessInfo.processInfo.environment)
do {
    var command = try PilotageCommand.parseAsRoot(HelpText.arguments(Array(CommandLine.arguments.dropFirst())))
    try command.run()
} catch {
    if PilotageCommand.exitCode(for: error) == .validationFailure {
        FileHandle.standardError.write(Data((PilotageCommand.fullMessage(for: error) + "\n").utf8))
        exit(2)
    }
    // Help is ArgumentParser's text, with its own words said in the help's language.
    if PilotageCommand.exitCode(for: error) == .success, HelpText.language == .fr {
        print(HelpText.french(PilotageCommand.fullMessage(for: error)))
        exit(0)
    }
    PilotageCommand.exit(withError: error)
}
