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

    /// The help in the chosen language.
    static func text(_ fr: String, en: String) -> String { language == .fr ? fr : en }

    /// An option's help and its value's placeholder, in the chosen language.
    static func help(_ fr: String, en: String, value: (fr: String, en: String)? = nil) -> ArgumentHelp {
        ArgumentHelp(text(fr, en: en), valueName: value.map { text($0.fr, en: $0.en) })
    }
}

