@_exported import Pilotage

/// Everything the REPL says to a user, in French (default) and English.
public enum Messages {
    public enum Key: Hashable, Sendable {
        case unknownCommand, unknownIndicator, didYouMean, missingArgument, unexpectedArgument, unclosedQuote
        case languageSet, bye, noDataset, loaded, loading, scriptLine, interrupted
        case workspaceContention, workspaceUnreadable, workspaceNotSaved
        case helpTitle, helpFooter, usage, example
        case label, officialLabel, derivedLabel, axis, kind, parent, rule, components, breakdowns, notes, source, children, none
        case catalogueCount, unknownAxis, unknownKind
    }

    static let table: [Key: (String, String)] = [
        .unknownCommand: ("commande inconnue « %@ »", "unknown command \"%@\""),
        .unknownIndicator: ("indicateur inconnu « %@ »", "unknown indicator \"%@\""),
        .didYouMean: ("vouliez-vous dire : %@ ?", "did you mean: %@?"),
        .missingArgument: ("argument manquant : %@", "missing argument: %@"),
        .unexpectedArgument: ("argument inattendu « %@ »", "unexpected argument \"%@\""),
        .unclosedQuote: ("guillemet non fermé", "unclosed quote"),
        .languageSet: ("langue : français", "language: English"),
        .bye: ("au revoir", "goodbye"),
        .noDataset: ("aucun jeu de données chargé (load DOSSIER)", "no dataset loaded (load FOLDER)"),
        .loaded: ("jeu de données « %@ » chargé : %@", "dataset \"%@\" loaded: %@"),
        .loading: ("chargement de %@…", "loading %@…"),
        .scriptLine: ("%@, ligne %@", "%@, line %@"),
        .interrupted: ("interrompu", "interrupted"),
        .workspaceContention: ("espace de travail modifié sans cesse par d'autres sessions : rien n'a été enregistré, réessayez",
                               "workspace changed again and again by other sessions: nothing was saved, try again"),
        .workspaceUnreadable: ("espace de travail illisible : %@", "cannot open the workspace: %@"),
        .workspaceNotSaved: ("espace de travail non enregistré : %@", "workspace not saved: %@"),
        .helpTitle: ("Commandes (help COMMANDE pour le détail) :", "Commands (help COMMAND for details):"),
        .helpFooter: ("Les identifiants d'indicateurs se complètent avec Tab. Les commentaires commencent par #.",
                      "Indicator ids complete with Tab. Comments start with #."),
        .usage: ("Usage", "Usage"),
        .example: ("Exemple", "Example"),
        .label: ("Libellé", "Label"),
        .officialLabel: ("Libellé officiel", "Official label"),
        .derivedLabel: ("libellé dérivé", "derived label"),
        .axis: ("Axe", "Axis"),
        .kind: ("Nature", "Kind"),
        .parent: ("Ligne parente", "Parent line"),
        .rule: ("Règle", "Rule"),
        .components: ("Composantes", "Components"),
        .breakdowns: ("Déclinaisons", "Breakdowns"),
        .notes: ("Notes", "Notes"),
        .source: ("Source", "Source"),
        .children: ("Lignes « dont »", "\"Dont\" lines"),
        .none: ("aucune", "none"),
        .catalogueCount: ("%@ lignes", "%@ lines"),
        .unknownAxis: ("axe inconnu « %@ »", "unknown axis \"%@\""),
        .unknownKind: ("nature inconnue « %@ »", "unknown kind \"%@\""),
    ]

    /// The message, with `%@` replaced by the arguments in order.
    public static func text(_ key: Key, _ language: Language, _ args: String...) -> String {
        let (fr, en) = table[key] ?? ("?", "?")
        var s = language == .fr ? fr : en
        for a in args {
            if let r = s.range(of: "%@") { s.replaceSubrange(r, with: a) }
        }
        return s
    }

    /// French names of the kinds of lines.
    static func kindName(_ k: IndicatorKind, _ language: Language) -> String {
        switch (k, language) {
        case (.count, .fr): return "comptage de jeunes"
        case (.count, .en): return "count of young people"
        case (.sum, .fr): return "somme"
        case (.sum, .en): return "sum"
        case (.ratio, .fr): return "ratio"
        case (.ratio, .en): return "ratio"
        case (.mean, .fr): return "moyenne (mois)"
        case (.mean, .en): return "mean (months)"
        case (.amountPerPerson, .fr): return "montant par jeune (€)"
        case (.amountPerPerson, .en): return "amount per young person (€)"
        case (.placeholder, .fr): return "non défini (à construire)"
        case (.placeholder, .en): return "not defined (to be built)"
        }
    }
}
