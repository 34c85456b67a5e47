@_exported import Pilotage

/// Everything the REPL says to a user, in French (default) and English.
public enum Messages {
    public enum Key: Hashable, Sendable {
        case unknownCommand, unknownIndicator, didYouMean, missingArgument, unexpectedArgument, unclosedQuote
        case languageSet, bye, noDataset, loaded, loading, scriptLine, interrupted
        case helpTitle, helpFooter, usage, example
        case label, officialLabel, derivedLabel, axis, kind, direction, parent, rule, components, breakdowns, notes, source, children, none
        case catalogueCount, unknownAxis, unknownKind
        case welcome, noLineEditor, invalidInput
        case notAvailable, noTerritory, aliases
        case numberExpected, amountExpected, numberTooLarge, ambiguousComma, percentExpected
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
        .direction: ("Sens", "Direction"),
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
        .notAvailable: ("n.d.", "n/a"),
        .aliases: ("Alias", "Aliases"),
        .noTerritory: ("(aucun territoire)", "(no territory)"),
        .numberExpected: ("%@ : nombre attendu, trouvé %@", "%@: number expected, found %@"),
        .amountExpected: ("%@ : montant en euros au centime près attendu, trouvé %@", "%@: amount in euros to the cent expected, found %@"),
        .numberTooLarge: ("nombre trop grand %@ (15 chiffres au plus avant la virgule)",
                          "number too large %@ (15 digits at most before the decimal point)"),
        .ambiguousComma: ("%@ : virgule décimale ou séparateur de liste ? Dans une liste, écrivez « 0, 50, 100 » "
                          + "(virgule suivie d'une espace) ou « 0;50;100 », et les décimales avec un point (« 0.5 »)",
                          "%@: decimal comma or list separator? In a list, write \"0, 50, 100\" (comma and space) "
                          + "or \"0;50;100\", and decimals with a point (\"0.5\")"),
        .percentExpected: ("%@ est un taux : écrivez %@ % (ou %@ en fraction)", "%@ is a rate: write %@% (or %@ as a fraction)"),
        .welcome: ("Pilotage — tableau de bord CPO des missions locales. « help » pour l'aide, « quit » pour sortir.",
                   "Pilotage — CPO dashboard of the Missions locales. \"help\" for help, \"quit\" to leave."),
        .noLineEditor: ("éditeur de ligne (libedit) indisponible", "line editor (libedit) unavailable"),
        .invalidInput: ("ligne ignorée : elle contient des octets qui ne sont pas du texte (UTF-8 invalide) ; retapez-la",
                        "line ignored: it holds bytes that are not text (invalid UTF-8); type it again"),
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

    /// A usage line in `language`: its placeholders (`ANNÉE`, `FICHIER`…) are written in French
    /// once, in the declarations, and named in English here.
    public static func usage(_ text: String, _ language: Language) -> String {
        guard language == .en else { return text }
        var out = text
        for (fr, en) in placeholders { out = out.replacingOccurrences(of: fr, with: en) }
        return out
    }

    /// Longest first, so that `ANNÉE_DU_DIALOGUE` is replaced before `ANNÉE`.
    static let placeholders: [(String, String)] = [
        ("ANNÉE_DU_DIALOGUE", "DIALOGUE_YEAR"), ("TERRITOIRES", "TERRITORIES"), ("TERRITOIRE", "TERRITORY"), ("LIGNES", "LINES"),
        ("FICHIER", "FILE"), ("DOSSIER", "FOLDER"), ("MONTANT", "AMOUNT"), ("LEVIER", "LEVER"), ("ANNÉE", "YEAR"),
        ("THÈME", "THEME"), ("TEXTE", "TEXT"), ("CIBLE", "TARGET"), ("ÉTAPE", "STEP"), ("RÉPONSE", "ANSWER"),
        ("RÉGION", "REGION"), ("NUMÉRO", "NUMBER"), ("NATURE", "KIND"), ("CLÉ", "KEY"), ("AXE", "AXIS"), ("NOM", "NAME"),
        ("\"valeur\"", "\"value\""), ("\"texte\"", "\"text\""), ("COLONNE", "COLUMN"),
    ]

    /// The colon between a label and its value: « Règle : … » in French, "Rule: …" in English.
    public static func colon(_ language: Language) -> String { language == .fr ? " : " : ": " }

    /// A rank as people write it: « 1er », « 2e » ; 1st, 2nd, 3rd, 11th.
    public static func ordinal(_ n: Int, _ language: Language) -> String {
        guard language == .en else { return n == 1 ? "1er" : "\(n)e" }
        let suffix = (11...13).contains(n % 100) ? "th" : [1: "st", 2: "nd", 3: "rd"][n % 10] ?? "th"
        return "\(n)\(suffix)"
    }

    /// A value quoted in a message: « … » in French, "…" in English, cut to 40 characters so that
    /// a huge token never makes a huge message.
    public static func quoted(_ text: String, _ language: Language) -> String {
        let shown = text.count > 40 ? String(text.prefix(39)) + "…" : text
        return language == .fr ? "« \(shown) »" : "\"\(shown)\""
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
