import Foundation

/// Fiche n°1 of the instruction ("Notice d'appui au dialogue de gestion") as catalogue data: its
/// four steps, step 2's two parts, the themes with their letters and the instruction's own text
/// of what to examine, verbatim, and the dashboard lines each part reads. The text is official
/// French and stays French in every language, like the indicators' labels.
public enum DialogueGuide {
    /// One theme of "Thématiques à aborder".
    public struct Theme: Hashable, Sendable {
        /// Its address in the instruction's numbering: step, part where the step has two, letter
        /// (`2.1.c`, `2.2.a`, `4.b`).
        public var key: String
        /// The lettered heading, verbatim (« c. Repérage »).
        public var title: String
        /// The dashboard lines that inform it, among its part's: Pilotage's reading (the
        /// instruction lists the indicators by step, not by theme).
        public var lines: [String] = []
        /// What the instruction says to examine under it, verbatim: paragraphs, and bullets
        /// starting with "- ".
        public var text: [String]
    }
    /// A part of a step: step 2 has two (2.1 and 2.2); the others one, untitled.
    public struct Part: Hashable, Sendable {
        /// Verbatim title (« 2.1 - REPERAGE - … »), nil when the step has one part.
        public var title: String?
        /// The themes.
        public var themes: [Theme]
        /// The dashboard lines the part reads.
        public var lines: [String]
    }
    /// One step of the brief.
    public struct Step: Hashable, Sendable {
        /// Verbatim title of the step in Fiche n°1.
        public var title: String
        /// Its parts.
        public var parts: [Part]
        /// What the instruction leaves undefined or says about the data of this step.
        public var note: LocalizedText?
        /// The themes of all its parts, in order.
        public var themes: [Theme] { parts.flatMap(\.themes) }
        /// The dashboard lines of all its parts, in order.
        public var lines: [String] { parts.flatMap(\.lines) }
    }

    /// The steps.
    public static let steps: [Step] = [
        Step(title: "1. ANALYSE ET PARTAGE DU CONTEXTE",
             parts: [Part(title: nil, themes: [], lines: ["0.1", "0.2", "R1", "R4"])], note: nil),
        Step(title: "2. LE PARCOURS D'ACCOMPAGNEMENT CONTRACTUALISE", parts: [
            Part(title: "2.1 - REPERAGE - ACCUEIL - ENTRETIEN DE DIAGNOSTIC - ORIENTATION ET CONSOLIDATION DU PROJET", themes: [
            Theme(key: "2.1.a", title: "a. Implantation et visibilité", text: [
                "- Modalités d'adaptation des lieux d'accueil aux contraintes du territoire et des publics cible (mobilité, services publics, proximité...)",
                "- Moyens et ressources utilisés pour que l'offre de service de la Mission locale soit suffisamment identifiée sur le territoire (ou comment se faire connaître auprès de ses partenaires publics, des employeurs et des publics cibles)? Exemples d'actions : signalétique, actions de communication, presse.",
            ]),
            Theme(key: "2.1.b", title: "b. Organisation de la ML", text: [
                "- Modalités d'adaptation de l'organisation aux contraintes du territoire et à l'accueil des publics prioritaires. Exemples : bus itinérant, permanences en maisons d'arrêt, actions ponctuelles ou permanentes avec les partenaires, organisation spécifique pour les publics prioritaires (QPV, décrocheurs), horaires d'ouverture, actions de communication etc...",
            ]),
            Theme(key: "2.1.c", title: "c. Repérage", lines: ["1"], text: [
                "- Aller vers les jeunes qui ne sont pas en contact avec la Mission locale",
                "- Démarches mises en œuvre auprès des partenaires en contact avec des jeunes, notamment dans les quartiers prioritaires de la politique de la ville (QPV)",
                "- Démarches mises en œuvre dans le cadre de la Garantie jeunes",
            ]),
            Theme(key: "2.1.d", title: "d. Accueil", lines: ["2", "R2"], text: [
                "- Le 1er accueil matérialise un 1er niveau d'information et de service",
                "- Détailler la politique d'accueil : mutualisation de moyens techniques et financiers, organisation spécifique, inscription à PE...",
                "- Proposition d'un accueil immédiat sur le flux dans la structure ou sur rendez-vous dans un délai raisonnable",
                "- Mise en place d'un espace d'accueil, de documentation et d'information et outils de communication : site internet, réseaux sociaux, fiches d'information",
                "- Informations individuelles et collectives structurées sur tous les domaines : emplois, métiers, débouchés, mobilité, ressources, santé, formation, accès aux droits, culture, loisirs, vie sociale et familiale.",
            ]),
            Theme(key: "2.1.e", title: "e. Information", lines: ["2.bis.1"], text: [
                "- Modalités d'organisation interne retenues pour gérer le flux des premiers accueils et apporter un premier niveau d'information générale au moment de l'accueil",
                "- Détailler les outils et la méthode mise en place.",
            ]),
            Theme(key: "2.1.f", title: "f. Diagnostic – orientation", lines: ["2.1", "R3", "2.2", "D.1", "RG", "O.4"], text: [
                "C'est une étape socle qui va déterminer le type de réponse faite aux jeunes par les Missions locales.",
                "- Détailler le processus permettant de conduire des diagnostics pour les jeunes qui se présentent à la Mission locale",
                "- Détailler les actions concourant à l'élaboration du diagnostic : recueillir et analyser avec le jeune les informations sur sa situation administrative, familiale, sociale, financière et professionnelle",
                "- Réaliser avec le jeune, l'inventaire de ses expériences (loisirs, bénévolat, formations, service civique, emplois...) en vue d'une redynamisation, de valoriser ses compétences et définir les situations de transfert au plan professionnel et /ou social. Aider le jeune à repérer et à analyser ses goûts, ses aptitudes",
                "- Identifier les caractéristiques des jeunes permettant d'établir un diagnostic et une orientation adaptée : critères de niveau, de lieu d'habitation, de statut, de type de problématiques, d'éloignement du marché du travail",
                "- Détailler les actions et la méthode permettant, dans un délai de quatre mois, de proposer une offre de service de qualité pour accéder à un emploi, une formation, un apprentissage ou un stage conformément à la recommandation européenne",
                "- Déterminer le cas échéant l'orientation vers une modalité d'accompagnement adaptée : accompagnement global intensif, démarche collective, techniques d'entretien adaptées à la diversité des publics... Identifier et associer les partenaires concernés.",
                "L'entretien de diagnostic doit permettre de :",
                "- capitaliser les informations recueillies par le conseiller, compléter éventuellement les conclusions du diagnostic avec ses partenaires locaux (Pôle emploi, les plates-formes de suivi et d'appui aux décrocheurs..) avec l'accord du jeune ou bien les transmettre à ses partenaires;",
                "- favoriser son accès aux droits (administratif, santé, ressources, ...);",
                "- identifier les compétences et les connaissances du jeune acquises à travers ses expériences (bénévolat, emploi, formation, loisirs, service civique, etc..) et transférables en situation d'emploi;",
                "- préciser les compétences à acquérir le cas échéant en fonction d'un projet professionnel, dont la faisabilité au regard des opportunités réalistes doit être analysée avec la participation active du jeune.",
            ]),
            Theme(key: "2.1.g", title: "g. Consolidation de projet", text: [
                "- Préciser les modalités et composantes (outils utilisés) de l'étape du parcours dédiée à l'orientation et à la consolidation du projet (« préparation » à une entrée en alternance, à un projet de création d'activité, à un retour en formation initiale ou d'insertion pour les jeunes sous-main de justice et les jeunes handicapés, conseil personnalisé dans le cadre du Conseil en évolution professionnelle CEP..), décrire les actions mises en œuvre dans ce cadre.",
                "- Détailler les actions menées par la Mission locale auprès de ses prescripteurs et partenaires (Pôle emploi, Cap emploi, établissements ou services médico-sociaux, plate-forme de suivi et d'appui aux décrocheurs (PSAD), Foyers de Jeunes Travailleurs (FJT), CHRS, SPIP, Protection Judiciaire de la Jeunesse (PJJ), associations de prévention spécialisée ou de protection de l'enfance, Centre Communal d'Action sociale (CCAS), Conseil local de sécurité et de prévention de la délinquance (CLSPD), Conseil départemental, Conseil régional...) pour améliorer la mobilisation des jeunes et leur accueil.",
                "- Capitaliser les informations recueillies pour accéder à la meilleure orientation en prenant en compte les diagnostics déjà réalisés par les partenaires (PSAD, Pôle emploi...) ou conduits en commun",
            ]),
            ], lines: ["1", "2", "R2", "2.1", "R3", "2.2", "2.bis.1", "D.1", "RG", "O.4"]),
            Part(title: "2.2 - PARCOURS D'ACCOMPAGNEMENT VERS ET DANS L'EMPLOI", themes: [
            Theme(key: "2.2.a", title: "a. Modalités d'accompagnement", lines: ["3", "R5", "R6", "3.1", "3.2", "4", "4.1", "R7", "R8", "R9", "4.3", "4.4", "5", "6", "7"], text: [
                "Modalités d'accompagnement et leur adaptation au regard des caractéristiques du jeune et du projet défini avec lui (actions individuelles, collectives, promotion, fréquence des entretiens, parcours type...). Les Missions locales sont des ensembles de politiques publiques et, à ce titre, elles mettent en œuvre plusieurs dispositifs assortis d'objectifs pour répondre aux besoins des jeunes. Pour en évaluer l'efficacité, il convient d'examiner plus particulièrement les éléments relatifs à la mise en œuvre de ces derniers et leur articulation (GJ et CIVIS par exemple).",
                "- Détail des différentes séquences du parcours d'accès à l'autonomie et à l'emploi mises en œuvre pour les jeunes accompagnés (Ex : actions collectives et individuelles, intégration du jeune dans une promotion, fréquence d'entretiens, mise en situation professionnelle, mobilisation des aides et outils rattachés au dispositif : PMSMP, allocation CIVIS, service civique, accès contrats aidés CUI CAE-CIE, EAV, mobilisation de l'offre de service pour l'accès des jeunes au droit commun, aides directes et indirectes FIPJ ...)",
                "- Mise en visibilité des parcours d'accompagnement proposés aux publics spécifiques les plus éloignés de l'emploi que sont les jeunes décrocheurs, les jeunes sous main de justice, les jeunes en situation de handicap, les jeunes des quartiers politiques de la ville.",
            ]),
            Theme(key: "2.2.b", title: "b. L'offre de service", lines: ["4.1.f", "4.1.g", "4.1.h"], text: [
                "- Détailler l'offre de service mobilisable sur le territoire",
                "- L'offre de service du territoire est-elle en adéquation avec les besoins des jeunes accompagnés pour leur accès à l'autonomie (aides à la subsistance, aides au transport, offre de logement et d'accompagnement, moyens de garde d'enfant, accès aux soins..) ?",
            ]),
            Theme(key: "2.2.c", title: "c. Partenariat", text: [
                "- Modalités du partenariat local pour répondre aux besoins des jeunes notamment ceux développés avec Pôle emploi, la PJJ-DAP, les Cap emploi, les plates-formes de suivi et d'appui aux décrocheurs, réseaux d'aide à la création d'activité, organismes de formation, centres de formation des apprentis (CFA), Foyer de jeunes travailleurs, Centre d'hébergement et de réinsertion sociale.",
            ]),
            Theme(key: "2.2.d", title: "d. Complétude de l'offre de service", text: [
                "- Préciser les manques identifiés dans l'offre de service et les coopérations à développer dans les partenariats",
                "- Détailler les modalités de la complémentarité entre Pôle emploi, Cap emploi et la Mission locale.",
            ]),
            ], lines: ["3", "R5", "R6", "3.1", "3.2", "4", "4.1", "R7", "4.1.f", "4.1.g", "4.1.h", "R8", "R9", "4.3", "4.4",
                       "5", "6", "7", "8", "8.1", "8.1.f", "R10", "R11"]),
        ], note: nil),
        Step(title: "3. OFFRE DE SERVICE AUX EMPLOYEURS", parts: [Part(title: nil, themes: [
            Theme(key: "3.a", title: "a. L'offre de service aux employeurs", text: [
                "- Détail de l'organisation retenue pour construire l'offre aux employeurs en lien avec Pôle emploi dans le cadre du projet local de coopération : nombre de chargés de relation entreprise, des grands comptes, modalités de développement d'une offre de service auprès des entreprises, types d'opérations de prospection des offres, de recrutement, de périodes de mise en situation en milieu professionnel (PMSMP),",
                "- Accompagnement des jeunes vers l'emploi : prestations de Pôle emploi, parrainage, atelier de techniques de recherche d'emploi en interne, par les partenaires ...",
                "- Préciser les actions de soutien, dont appui au recrutement aux employeurs : définition des besoins en compétences et élaboration des profils de poste, actions pour assurer le maintien dans l'emploi",
                "- Modalités de diffusion de l'offre d'apprentissage sur le territoire : moyens mis en place pour s'assurer de l'adéquation avec les besoins des jeunes (répartition géographique des CFA en fonction des types et niveaux de diplôme, critères de sélection des CFA et des maîtres d'apprentissage en fonction des métiers, accessibilité des CFA et du lieu de travail en transport en commun, partenariat avec les chambres consulaires...)",
                "- Mise en place de veille sur les métiers en développement ou les secteurs d'activité avec des besoins en compétences nouvelles dans le cadre du service public de l'emploi.",
            ]),
            Theme(key: "3.b", title: "b. L'animation d'un réseau d'employeurs", text: [
                "- Organisation de la prospection dont contrats aidés et EAV en lien avec Pôle emploi dans le cadre du projet local de coopération",
                "- Détailler les actions thématiques menées auprès des employeurs (alternance, intérim...).",
            ]),
            Theme(key: "3.c", title: "c. Les partenariats", text: [
                "- Définir les modes de coopération de la Mission locale avec ses partenaires économiques : collectivités territoriales, entreprises, chambres consulaires, structures d'insertion par l'activité économique, PLIE, syndicats professionnels (emploi, formation, alternance,...)",
                "- Détailler les types de projets ou actions spécifiques développés par la Mission locale (ou projets à laquelle elle participe),",
                "- Détailler les coopérations développées avec les entreprises locales, les branches, les employeurs publics (visite d'entreprises, convention de partenariat, offre de service personnalisée en direction des employeurs, action de communication, forums, petits déjeuners, mobilisation d'un réseau tel que le parrainage).",
            ]),
        ], lines: [])],
             note: .init(fr: "L'instruction ne définit pas d'indicateur pour l'offre de service aux employeurs (ligne « Offre de service employeur » de la Fiche n°2) : rien n'est calculé.",
                         en: "The instruction defines no indicator for the service offer to employers (line \"Offre de service employeur\" of Fiche n°2): nothing is computed.")),
        Step(title: "4. ETAPE CONCLUSIVE- MESURE DE LA DYNAMIQUE GLOBALE ADEQUATION RESSOURCES, PLAN D' ACTIONS ET D'OBJECTIFS",
             parts: [Part(title: nil, themes: [
            Theme(key: "4.a", title: "a. Mobilisation des financements", lines: ["10", "10.1.a", "10.1.b", "10.1.c", "10.1.d", "10.1.e"], text: [
                "- Répartition des financements de la Mission locale par financeur (collectivités locales ou intercommunalités, les Conseils régionaux ou départementaux, FSE, autres ministères (ARS, DAP/DPJJ, politique de la ville, etc..)",
                "- L'Etat finance avec la CPO l'accueil, le diagnostic et l'accompagnement des jeunes notamment dans le cadre du CIVIS",
                "- Préciser la part de financement des activités spécifiques",
                "- Evaluer l'adéquation des ressources disponibles de la Mission locale aux caractéristiques, aux besoins quantitatifs et qualitatifs des publics cibles présents sur le territoire",
                "- Mesurer l'éventuelle fragilité financière, au travers de certains indicateurs de « bonne gestion » (ils seront travaillés en 2016 dans le cadre d'un module de formation INTEFP).",
            ]),
            Theme(key: "4.b", title: "b. Dans le cadre des financements", lines: ["9", "9.1", "R12", "R13"], text: [
                "- A quels besoins et sur quels champs d'activité les moyens de la CPO permettent-ils à la Mission locale d'apporter des réponses ?",
                "- Détailler les conditions nécessaires au développement des champs d'activité, notamment ceux où des axes de progrès ont été identifiés",
                "- Nombre et part des ETP dédiés (sur déclaration) à l'accompagnement sur l'ensemble des ETP de la structure",
            ]),
            Theme(key: "4.c", title: "c. Vision partagée des financeurs", text: [
                "- En amont du dialogue de gestion, les différents financeurs ont-ils une vision partagée de l'activité et des objectifs de la Mission locale pour l'année à venir.",
            ]),
             ], lines: ["9", "9.1", "R12", "R13", "10", "10.1.a", "10.1.b", "10.1.c", "10.1.d", "10.1.e"])],
             note: .init(fr: "Le compte rendu d'activité est clôturé en février pour la partie « activité de la structure » et son bilan « ressources humaines » (BRH), puis en juin pour la partie financière : avant juin, les financements de l'année écoulée sont provisoires.",
                         en: "The activity report closes in February for the structure's activity and its human resources report (BRH, the FTEs), then in June for the financial part: before June, the past year's funding is provisional.")),
    ]

    /// Step 1's « La transmission des informations », verbatim: who brings what before the dialogue.
    public static let transmission: [(from: String, what: String)] = [
        ("par les services de l'Etat", "le Service Etudes-Statistiques-Evaluation (SESE) agrège les données du diagnostic de l'ensemble des partenaires. Les équipes en charge de la politique jeunes partagent les priorités régionales issues des dialogues de gestion avec le niveau national et le calendrier des échanges de l'année."),
        ("par les structures", "les éléments nécessaires à la connaissance du fonctionnement, de l'activité et des axes de développement éventuels de la Mission locale (en s'appuyant sur une présentation de l'offre de service dans son ensemble : accompagnement des jeunes, des employeurs et ingénierie de projets)."),
    ]

    /// Step 1's « familles de données de contexte à prendre en compte par l'Etat et la Mission
    /// locale », verbatim.
    public static let contextFamilies = [
        "les caractéristiques démographiques", "les caractéristiques de la population", "la situation de l'emploi",
        "les données complémentaires sur le tissu productif", "l'offre de formation",
        "les actions favorisant l'accès des jeunes au droit commun et à l'autonomie",
    ]

    /// Step 1's sentence on the regional weight, verbatim.
    public static let regionalWeight = "Le poids régional de la Mission locale est déterminé à partir du nombre de jeunes actifs non occupés (JANO) et NEET (ni à l'école, ni en formation, ni en emploi), du nombre de demandeurs d'emploi en fin de mois (DEFM) et du nombre de jeunes en demande d'insertion (jeunes ayant eu au moins un entretien dans les cinq derniers mois ou JDI)."

    /// The national targets of Annexe n°1 that give only a direction ("Augmenter …"), checked
    /// N against N−1: the verbatim target and the lines that measure it.
    public static let directionTargets: [(target: String, lines: [String])] = [
        ("Augmenter le nombre de jeunes en parrainage", ["4.1.h"]),
        ("Augmenter le nombre des périodes d'immersion, de situations professionnelles emploi et formation", ["4.1.f.immersion", "4.1.f.emploi", "4.1.g"]),
        ("Augmenter le nombre de jeunes sortis en emploi dont les entrées en apprentissage et en création d'activité", ["8.1.f", "8.1.f.apprentissage", "8.1.f.creation"]),
    ]

    /// What an annotation may address: step 1 as a whole (`1`, it has no lettered theme) and
    /// every theme by its key (`2.1.c`, `2.2.a`, `3.b`, `4.b`).
    public static var annotationKeys: [String] { ["1"] + steps.flatMap { $0.themes.map(\.key) } }

    /// The key of a theme in the numbering of the first releases, which counted the themes of a
    /// step from 1 (`2.3` for « c. Repérage », `1.1` for the regional weight); nil when `key`
    /// is not of that numbering. Workspaces are migrated with it.
    public static func key(fromPreviousNumbering key: String) -> String? {
        if key == "1.1" { return "1" }
        let parts = key.split(separator: ".")
        guard parts.count == 2, let step = Int(parts[0]), let index = Int(parts[1]), index >= 1, (2...4).contains(step) else { return nil }
        let themes = steps[step - 1].themes
        return index <= themes.count ? themes[index - 1].key : nil
    }
}
