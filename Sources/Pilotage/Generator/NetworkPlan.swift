/// The shape of the Missions locales network a preset generates.
struct NetworkPlan {
    struct RegionPlan { var code: String; var name: String; var departments: [String]; var cities: [String]; var mlCount: Int }
    var regions: [RegionPlan]

    /// 445 MLs in the 13+5 regions in force from 2016 (former regions of 2015 merged; `national-figures.md`).
    static let national = NetworkPlan(regions: [
        .init(code: "11", name: "Île-de-France", departments: ["75", "77", "78", "91", "92", "93", "94", "95"],
              cities: ["Paris", "Meaux", "Versailles", "Évry", "Nanterre", "Saint-Denis", "Créteil", "Cergy"], mlCount: 77),
        .init(code: "84", name: "Auvergne-Rhône-Alpes", departments: ["01", "03", "07", "15", "26", "38", "42", "43", "63", "69", "73", "74"],
              cities: ["Bourg-en-Bresse", "Moulins", "Privas", "Aurillac", "Valence", "Grenoble", "Saint-Étienne", "Le Puy-en-Velay", "Clermont-Ferrand", "Lyon", "Chambéry", "Annecy"], mlCount: 61),
        .init(code: "93", name: "Provence-Alpes-Côte d'Azur", departments: ["04", "05", "06", "13", "83", "84"],
              cities: ["Digne-les-Bains", "Gap", "Nice", "Marseille", "Toulon", "Avignon"], mlCount: 28),
        .init(code: "32", name: "Hauts-de-France", departments: ["02", "59", "60", "62", "80"],
              cities: ["Laon", "Lille", "Beauvais", "Arras", "Amiens"], mlCount: 43),
        .init(code: "75", name: "Nouvelle-Aquitaine", departments: ["16", "17", "19", "23", "24", "33", "40", "47", "64", "79", "86", "87"],
              cities: ["Angoulême", "La Rochelle", "Tulle", "Guéret", "Périgueux", "Bordeaux", "Mont-de-Marsan", "Agen", "Pau", "Niort", "Poitiers", "Limoges"], mlCount: 43),
        .init(code: "52", name: "Pays de la Loire", departments: ["44", "49", "53", "72", "85"],
              cities: ["Nantes", "Angers", "Laval", "Le Mans", "La Roche-sur-Yon"], mlCount: 21),
        .init(code: "24", name: "Centre-Val de Loire", departments: ["18", "28", "36", "37", "41", "45"],
              cities: ["Bourges", "Chartres", "Châteauroux", "Tours", "Blois", "Orléans"], mlCount: 20),
        .init(code: "44", name: "Grand Est", departments: ["08", "10", "51", "52", "54", "55", "57", "67", "68", "88"],
              cities: ["Charleville-Mézières", "Troyes", "Reims", "Chaumont", "Nancy", "Bar-le-Duc", "Metz", "Strasbourg", "Mulhouse", "Épinal"], mlCount: 43),
        .init(code: "53", name: "Bretagne", departments: ["22", "29", "35", "56"], cities: ["Saint-Brieuc", "Brest", "Rennes", "Vannes"], mlCount: 17),
        .init(code: "76", name: "Occitanie", departments: ["09", "11", "12", "30", "31", "32", "34", "46", "48", "65", "66", "81", "82"],
              cities: ["Foix", "Carcassonne", "Rodez", "Nîmes", "Toulouse", "Auch", "Montpellier", "Cahors", "Mende", "Tarbes", "Perpignan", "Albi", "Montauban"], mlCount: 27),
        .init(code: "27", name: "Bourgogne-Franche-Comté", departments: ["21", "25", "39", "58", "70", "71", "89", "90"],
              cities: ["Dijon", "Besançon", "Lons-le-Saunier", "Nevers", "Vesoul", "Mâcon", "Auxerre", "Belfort"], mlCount: 26),
        .init(code: "28", name: "Normandie", departments: ["14", "27", "50", "61", "76"], cities: ["Caen", "Évreux", "Saint-Lô", "Alençon", "Rouen"], mlCount: 25),
        .init(code: "94", name: "Corse", departments: ["2A", "2B"], cities: ["Ajaccio", "Bastia"], mlCount: 4),
        .init(code: "974", name: "La Réunion", departments: ["974"], cities: ["Saint-Denis", "Saint-Pierre", "Saint-Paul", "Saint-Benoît"], mlCount: 4),
        .init(code: "972", name: "Martinique", departments: ["972"], cities: ["Fort-de-France", "Le Lamentin", "Le Robert"], mlCount: 3),
        .init(code: "971", name: "Guadeloupe", departments: ["971"], cities: ["Pointe-à-Pitre"], mlCount: 1),
        .init(code: "973", name: "Guyane", departments: ["973"], cities: ["Cayenne"], mlCount: 1),
        .init(code: "976", name: "Mayotte", departments: ["976"], cities: ["Mamoudzou"], mlCount: 1),
    ])

    /// Two regions, 12 MLs.
    static let demo = NetworkPlan(regions: [
        .init(code: "84", name: "Auvergne-Rhône-Alpes", departments: ["69", "38", "42", "63", "74", "26", "01"],
              cities: ["Lyon", "Grenoble", "Saint-Étienne", "Clermont-Ferrand", "Annecy", "Valence", "Bourg-en-Bresse"], mlCount: 7),
        .init(code: "32", name: "Hauts-de-France", departments: ["59", "80", "59", "62", "60"],
              cities: ["Lille", "Amiens", "Roubaix", "Calais", "Beauvais"], mlCount: 5),
    ])

    /// The same regions with about `total` MLs, each region's share kept (one ML at least).
    func scaled(to total: Int) -> NetworkPlan {
        let now = regions.map(\.mlCount).reduce(0, +)
        var plan = self
        for i in plan.regions.indices {
            plan.regions[i].mlCount = max(1, Int((Double(regions[i].mlCount) * Double(total) / Double(now)).rounded()))
        }
        return plan
    }

    /// An ASCII, upper-case form of a city for identifiers (`Saint-Étienne` → `SAINT-ETIENNE`).
    static func slug(_ s: String) -> String {
        let folded = s.applyingTransform(.stripDiacritics, reverse: false) ?? s
        return String(folded.uppercased().map { $0.isLetter || $0.isNumber ? $0 : "-" }).replacingOccurrences(of: "--", with: "-")
    }
}

import Foundation
