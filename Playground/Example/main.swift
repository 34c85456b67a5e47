// A program that embeds the Pilotage SDK as a developer would: load the demo dataset,
// compute R10 for every Mission locale, then run a scenario. Built and run by the tests
// (`swift run pilotage-example [DATASET]`).
import Foundation
import Pilotage

let path = CommandLine.arguments.dropFirst().first ?? "Playground/data/demo"
let dataset: Dataset
do {
    dataset = try Dataset.load(from: path)
} catch {
    for d in error.diagnostics.prefix(5) { print(d.message(.en)) }
    exit(1)
}
let dashboard = Dashboard(dataset)
let year = 2016

// R10 for every Mission locale, best first.
print("R10 (\(Catalogue.indicator("R10")!.label.en)), \(year)")
for ranked in dashboard.distribution("R10", year: year) {
    print("  \(ranked.rank). \(dashboard.name(of: ranked.ml)): \(String(format: "%.1f", ranked.value * 100))% (quartile \(ranked.quartile))")
}

// What if the first ML had 100 more entries into national pathways?
let ml = dashboard.territories(.ml)[0].id
var scenario = Scenario(name: "100 more entries")
scenario.changes.append(.init(ml: ml, year: year, lever: .nationalEntries, amount: 100))
do {
    let whatIf = try dashboard.applying(scenario)
    for id in ["R5", "R6", "R7", "R13"] {
        let before = dashboard.number(id, for: .ml(ml), year: year)!, after = whatIf.number(id, for: .ml(ml), year: year)!
        print("\(ml) \(id): \(String(format: "%.4f", before)) -> \(String(format: "%.4f", after))")
    }
} catch {
    print("scenario refused: \(error)")
    exit(1)
}
