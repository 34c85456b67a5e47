/// The population of a query's row: a breakdown of the dashboard (`women`), or a national
/// programme of the programme tables (`garantie_jeunes`), which are never crossed.
enum Population: Hashable, Sendable {
    case breakdown(Breakdown)
    case programme(Program)

    static let all = Population.breakdown(.all)

    var isProgramme: Bool { if case .programme = self { true } else { false } }

    /// The code in CSV and JSON (`women`, `garantie_jeunes`).
    var code: String {
        switch self {
        case .breakdown(let b): return b.rawValue
        case .programme(let p): return p.rawValue
        }
    }

    /// As people read it (« femmes », « Garantie jeunes »).
    func label(_ language: Language) -> String {
        switch self {
        case .breakdown(let b): return b.label(language)
        case .programme(let p): return p.label
        }
    }

    /// `women`, `femmes`, `garantie_jeunes`, `Garantie jeunes`; `programmes` names all five.
    static func named(_ text: String) -> [Population]? {
        if let b = Breakdown(named: text) { return [.breakdown(b)] }
        let key = String(text.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil).filter { $0.isLetter })
        if ["programmes", "programs", "dispositifs"].contains(key) { return ProgrammeTables.programmes.map(Population.programme) }
        return ProgrammeTables.programmes.first { p in [p.rawValue, p.label].contains { s in
            String(s.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil).filter { $0.isLetter }) == key
        } }.map { [.programme($0)] }
    }

    /// The words Tab offers.
    static var completions: [String] {
        Breakdown.allCodes + ProgrammeTables.programmes.map(\.rawValue) + ["programmes"]
    }
}
