import ArgumentParser
import Foundation
import PilotageShell

/// `pilotage bench DIR`: timings of the SDK's phases, as JSON, for the benchmark script.
struct Bench: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Mesure le chargement, le calcul du tableau de bord et l'export (JSON).")
    @Argument(help: "Dossier du jeu de données.") var directory: String
    @Option(help: "Nombre de mesures (médiane).") var runs: Int = 3

    func run() throws {
        func time<T>(_ body: () throws -> T) rethrows -> (T, Double) {
            let t = DispatchTime.now().uptimeNanoseconds
            let r = try body()
            return (r, Double(DispatchTime.now().uptimeNanoseconds - t) / 1e9)
        }
        func median(_ v: [Double]) -> Double { let s = v.sorted(); return s.count % 2 == 1 ? s[s.count / 2] : (s[s.count / 2 - 1] + s[s.count / 2]) / 2 }
        var load: [Double] = [], compute: [Double] = [], export: [Double] = [], single: [Double] = []
        var dataset: Dataset!
        var dashboard: Dashboard!
        for _ in 0..<runs {
            let (d, t) = try time { try loadForCommand(directory, language: .fr) }
            dataset = d; load.append(t)
        }
        for _ in 0..<runs {
            let (d, t) = time { Dashboard(dataset) }
            dashboard = d; compute.append(t)
        }
        for _ in 0..<runs {
            let (_, t) = time { dashboard.exportCSV() }
            export.append(t)
        }
        let mls = dashboard.territories(.ml)
        let year = dataset.years[dataset.years.count / 2]
        for k in 0..<max(runs, 200) {
            let (_, t) = time { _ = dashboard.value("R10", for: mls[k % mls.count], year: year) }
            single.append(t)
        }
        let cells = dashboard.cells().count
        print("""
        {"load_s": \(median(load)), "dashboard_s": \(median(compute)), "export_s": \(median(export)), "one_line_one_ml_s": \(median(single)), \
        "cells": \(cells), "youth": \(dataset.youthCount), "events": \(dataset.eventCount), "runs": \(runs)}
        """)
    }
}
