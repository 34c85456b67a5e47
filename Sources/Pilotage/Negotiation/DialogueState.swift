/// Everything an analyst builds for the management dialogue, as one value: scenarios, the
/// conventions created or changed (their objectives, funding choices and avenants), notes on
/// the themes of Fiche n°1, the synthesis table's entries, and what avenants need besides.
///
/// A tool keeps it whole (it is `Codable`); the REPL's workspace saves it as one typed record
/// per scenario, convention, note… so that two analysts on one file change different records.
/// ```swift
/// var state = DialogueState()
/// state.scenarios["plus"] = Scenario(name: "plus", changes: [.init(ml: "ML069-LYON", year: 2016, lever: .nationalEntries, amount: 10)])
/// let data = try JSONEncoder().encode(state)
/// ```
public struct DialogueState: Hashable, Sendable, Codable {
    /// The scenarios, by name.
    public var scenarios: [String: Scenario]
    /// Conventions created or changed (objectives, subsidies set by a funding choice, amendments), by number.
    public var conventions: [String: Convention]
    /// Notes on the themes of Fiche n°1, by ML and theme key (`2.3`).
    public var annotations: [String: [String: String]]
    /// The analyst's entries in the synthesis table, by ML and cell (`theme.column`).
    public var synthesisNotes: [String: [String: [String]]]
    /// The pre-filled cells of the synthesis table the analyst cleared, by ML.
    public var synthesisCleared: [String: Set<String>]
    /// What avenants need and the dataset does not hold (Chorus numbers, bank, signatories), by ML.
    public var avenantDetails: [String: Avenant.Details]

    /// An empty state, or one made of the given parts.
    public init(scenarios: [String: Scenario] = [:], conventions: [String: Convention] = [:],
                annotations: [String: [String: String]] = [:], synthesisNotes: [String: [String: [String]]] = [:],
                synthesisCleared: [String: Set<String>] = [:], avenantDetails: [String: Avenant.Details] = [:]) {
        self.scenarios = scenarios; self.conventions = conventions; self.annotations = annotations
        self.synthesisNotes = synthesisNotes; self.synthesisCleared = synthesisCleared; self.avenantDetails = avenantDetails
    }
}
