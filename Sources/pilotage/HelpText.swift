import Foundation
import ArgumentParser
import PilotageShell

/// The language of `pilotage --help` and of every subcommand's help: `--lang en` on the command
/// line, else an English `LC_ALL`, `LC_MESSAGES` or `LANG`; French otherwise. ArgumentParser
/// reads help texts when it builds a command, after `main` has set this.
enum HelpText {
    nonisolated(unsafe) static var language: Language = .fr

    static func detect(arguments: [String], environment: [String: String]) -> Language {
        for (i, a) in arguments.enumerated() {
            if a == "--lang", i + 1 < arguments.count { return Language(rawValue: arguments[i + 1]) ?? .fr }
            if a.hasPrefix("--lang=") { return Language(rawValue: String(a.dropFirst(7))) ?? .fr }
        }
        let locale = ["LC_ALL", "LC_MESSAGES", "LANG"].lazy.compactMap { environment[$0] }.first { !$0.isEmpty } ?? ""
        return locale.hasPrefix("en") ? .en : .fr
    }

    /// The command line with `--lang X` where ArgumentParser reads it: after the subcommand
    /// (`pilotage --lang en validate DIR` is `pilotage validate DIR --lang en`); dropped before a
    /// bare `--help`, whose language it has already set (the overview, not the REPL's help).
    static func arguments(_ arguments: [String]) -> [String] {
        guard let at = arguments.firstIndex(where: { $0 == "--lang" || $0.hasPrefix("--lang=") }) else { return arguments }
        let width = arguments[at] == "--lang" ? 2 : 1
        guard at + width <= arguments.count else { return arguments }
        var rest = arguments
        let option = Array(rest[at..<(at + width)])
        rest.removeSubrange(at..<(at + width))
        let subcommands = PilotageCommand.configuration.subcommands.map { $0._commandName }
        if let sub = rest.firstIndex(where: { subcommands.contains($0) }), sub >= at {
            // `export dashboard` is two words: the option goes after the deepest subcommand.
            let place = rest.count > sub + 1 && rest[sub] == "export" && rest[sub + 1] == "dashboard" ? sub + 2 : sub + 1
            if rest[sub] == "generate" || rest[sub] == "bench" { return arguments }   // no --lang there
            rest.insert(contentsOf: option, at: place)
            return rest
        }
        if rest.allSatisfy({ $0 == "--help" || $0 == "-h" }) && !rest.isEmpty { return rest }
        return arguments
    }

    /// ArgumentParser writes its headings and notes in English: the French help says them in French.
    static func french(_ help: String) -> String {
        var out = help
        for (en, fr) in [("OVERVIEW:", "RÉSUMÉ :"), ("USAGE:", "UTILISATION :"), ("ARGUMENTS:", "ARGUMENTS :"),
                         ("OPTIONS:", "OPTIONS :"), ("SUBCOMMANDS:", "SOUS-COMMANDES :"),
                         ("Show help information.", "Affiche cette aide."), ("(default)", "(défaut) "),
                         ("See 'pilotage help <subcommand>' for detailed help.", "« pilotage help <sous-commande> » détaille une sous-commande."),
                         ("(values: ", "(valeurs : "), ("; default: ", " ; défaut : "), ("(default: ", "(défaut : ")] {
            out = out.replacingOccurrences(of: en, with: fr)
        }
        // A note cut at the end of a line: "…;\n    default: table)".
        out = out.replacingOccurrences(of: ";(\\s*)default: ", with: " ;$1défaut : ", options: .regularExpression)
        out = out.replacingOccurrences(of: "\\(default:(\\s)", with: "(défaut :$1", options: .regularExpression)
        return out.replacingOccurrences(of: "<subcommand>", with: "<sous-commande>")
    }

    /// The help in the chosen language.
    static func text(_ fr: String, en: String) -> String { language == .fr ? fr : en }

    /// An option's help and its value's placeholder, in the chosen language.
    static func help(_ fr: String, en: String, value: (fr: String, en: String)? = nil) -> ArgumentHelp {
        ArgumentHelp(text(fr, en: en), valueName: value.map { text($0.fr, en: $0.en) })
    }
}

