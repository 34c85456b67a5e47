import ArgumentParser
import Foundation
import PilotageShell
import PilotageOffice

/// `pilotage bench DIR`: timings of the SDK's phases, as JSON, for the benchmark script.
struct Bench: ParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(abstract: HelpText.text("Mesure le chargement, le calcul du tableau de bord et l'export (JSON).",
                                                     en: "Measures loading, the dashboard's computation and the export (JSON)."))
    }
    @Argument(help: HelpText.help("Dossier du jeu de données.", en: "Dataset folder.", value: ("dossier", "folder"))) var directory: String = ""
    @Option(help: HelpText.help("Mesure brief et export sur des réseaux générés de ces tailles (nombres de ML, ex. 450,3000,30000) "
                                + "au lieu d'un dossier.", en: "Measures brief and export on generated networks of these sizes "
                                + "(numbers of MLs, e.g. 450,3000,30000) instead of a folder.", value: ("tailles", "sizes")))
    var scaling: String?
    @Option(help: HelpText.help("Nombre de mesures (médiane).", en: "Number of runs (median).", value: ("n", "n"))) var runs: Int = 3
    @Flag(help: HelpText.help("Ne mesure que le calcul du tableau de bord (profilage).",
                              en: "Measures only the dashboard's computation (profiling).")) var dashboardOnly = false
    @Option(help: HelpText.help("Avant chaque calcul du tableau de bord, attend un octet sur ce fichier (une FIFO) : deux "
                                + "programmes mesurés tour à tour (Playground/benchmark/compare).",
                                en: "Before each dashboard computation, waits for a byte on this file (a FIFO): two programs "
                                + "measured in turns (Playground/benchmark/compare).", value: ("fichier", "file")))
    var waitTurn: String?
    @Option(help: HelpText.help("Après chaque calcul du tableau de bord, écrit un octet sur ce fichier (une FIFO).",
                                en: "After each dashboard computation, writes a byte to this file (a FIFO).",
                                value: ("fichier", "file"))) var passTurn: String?

    func run() throws {
        if let scaling {
            let sizes = scaling.split(separator: ",").compactMap { Int($0) }
            guard !sizes.isEmpty, sizes.allSatisfy({ (1...100_000).contains($0) }) else { throw ValidationError("--scaling attend des nombres de ML, ex. 450,3000,30000") }
            for n in sizes { try emit(try scale(n) + "\n", .fr) }
            return
        }
        guard !directory.isEmpty else { throw ValidationError("dossier du jeu de données attendu (ou --scaling 450,3000,30000)") }
        func time<T>(_ body: () throws -> T) rethrows -> (T, Double) {
            let t = DispatchTime.now().uptimeNanoseconds
            let r = try body()
            return (r, Double(DispatchTime.now().uptimeNanoseconds - t) / 1e9)
        }
        func median(_ v: [Double]) -> Double { let s = v.sorted(); return s.count % 2 == 1 ? s[s.count / 2] : (s[s.count / 2 - 1] + s[s.count / 2]) / 2 }
        var load: [Double] = [], compute: [Double] = [], export: [Double] = [], single: [Double] = []
        var dataset: Dataset!
        var dashboard: Dashboard!
        for _ in 0..<(dashboardOnly ? 1 : runs) {
            let (d, t) = try time { try loadForCommand(directory, language: .fr) }
            dataset = d; load.append(t)
        }
        // The dashboard is short and this machine's speed varies: at least 9 runs for its median.
        // Taking turns with another process (`--wait-turn`, `--pass-turn`): each run then meets the
        // same machine as the other program's run beside it, so that their ratios are comparable.
        var computeCPU: [Double] = []
        let waitTurn = try openTurn(waitTurn, forWriting: false), passTurn = try openTurn(passTurn, forWriting: true)
        for _ in 0..<max(runs, 9) {
            _ = waitTurn?.readData(ofLength: 1)
            let c = cpuSeconds()
            let (d, t) = time { Dashboard(dataset) }
            dashboard = d; compute.append(t); computeCPU.append(cpuSeconds() - c)
            passTurn?.write(Data([1]))
        }
        let (scenarioTime, matrixTime) = negotiation(dashboard, year: dataset.years[dataset.years.count / 2])
        if dashboardOnly {
            print("{\"load_s\": \(load[0]), \"dashboard_s\": \(median(compute)), \"dashboard_min_s\": \(compute.min()!), \"dashboard_cpu_s\": \(median(computeCPU)), \"dashboard_runs_s\": \(compute), \"scenario_s\": \(scenarioTime), \"matrix_s\": \(matrixTime)}")
            return
        }
        for _ in 0..<runs {
            let (_, t) = time { dashboard.exportCSV() }
            export.append(t)
        }
        // The snapshot: written by a first load through an empty cache, read back by the next ones.
        let cacheFolder = NSTemporaryDirectory() + "pilotage-bench-cache-\(getpid())"
        defer { try? FileManager.default.removeItem(atPath: cacheFolder) }
        let cache = SnapshotCache(directory: cacheFolder, minimumBytes: 0)
        let snapshotLoad = time { _ = try? Dataset.load(from: directory, cache: cache) }.1
        var reopen: [Double] = []
        for _ in 0..<runs { reopen.append(time { _ = try? Dataset.load(from: directory, cache: cache) }.1) }
        // The programme tables (five evaluations, one per programme) and their export, from loaded data.
        var programmes: [Double] = [], programmesExport: [Double] = []
        for _ in 0..<runs {
            let (tables, t) = time { ProgrammeTables(dataset) }
            programmes.append(t)
            programmesExport.append(time { tables.exportCSV() }.1)
        }
        // The whole dashboard as a workbook, written to a file and read by nobody.
        var workbook: [Double] = []
        let sheet = NSTemporaryDirectory() + "pilotage-bench-\(getpid()).xlsx"
        defer { unlink(sheet) }
        for _ in 0..<runs {
            let (_, t) = time { try? Workbook(dashboard: dashboard, datasetName: dataset.manifest.name).write(to: sheet) }
            workbook.append(t)
        }
        let mls = dashboard.territories(.ml)
        let year = dataset.years[dataset.years.count / 2]
        for k in 0..<max(runs, 200) {
            let (_, t) = time { _ = dashboard.value("R10", for: mls[k % mls.count], year: year) }
            single.append(t)
        }
        let cells = dashboard.cells().count
        let (p50, p95, worst) = queries(dashboard, dataset)
        print("""
        {"load_s": \(median(load)), "dashboard_s": \(median(compute)), "dashboard_min_s": \(compute.min()!), \
        "dashboard_cpu_s": \(median(computeCPU)), "export_s": \(median(export)), \
        "load_writing_snapshot_s": \(snapshotLoad), "reopen_s": \(median(reopen)), "workbook_s": \(median(workbook)), \
        "programmes_s": \(median(programmes)), "programmes_export_s": \(median(programmesExport)), \
        "one_line_one_ml_s": \(median(single)), \
        "cells": \(cells), "youth": \(dataset.youthCount), "events": \(dataset.eventCount), "runs": \(runs), "dashboard_runs": \(compute.count), \
        "query_p50_s": \(p50), "query_p95_s": \(p95), "query_slowest": "\(worst.0)", "query_slowest_p95_s": \(worst.1), \
        "scenario_s": \(scenarioTime), "matrix_s": \(matrixTime)}
        """)
    }

    /// One size of `--scaling`: a national network of `mls` MLs (27 young people per ML on
    /// average, `--scale 0.01`) generated in a temporary folder, then the medians of a brief (its
    /// peers and ranks among all MLs) and of the whole export streamed to /dev/null.
    func scale(_ mls: Int) throws -> String {
        let dir = NSTemporaryDirectory() + "pilotage-scaling-\(mls)-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: dir) }
        _ = try DatasetGenerator.generate(GeneratorOptions(preset: .national, seed: 1, scale: 0.01, missions: mls), to: dir)
        let start = DispatchTime.now().uptimeNanoseconds
        func seconds(since t: UInt64) -> Double { Double(DispatchTime.now().uptimeNanoseconds - t) / 1e9 }
        let dataset = try loadForCommand(dir, language: .fr)
        let dashboard = Dashboard(dataset)
        let ready = seconds(since: start)
        let ml = dashboard.territories(.ml)[0].id, dialogue = dataset.years.last!
        var brief: [Double] = [], export: [Double] = []
        for _ in 0..<3 {
            let t = DispatchTime.now().uptimeNanoseconds
            _ = try dashboard.brief(ml: ml, dialogueYear: dialogue)
            brief.append(seconds(since: t))
        }
        for _ in 0..<3 {
            let t = DispatchTime.now().uptimeNanoseconds
            let out = try OutputFile(path: "/dev/null")
            try dashboard.exportCSV { (piece: String) throws(OutputFile.Failure) in try out.write(piece) }
            try out.commit()
            export.append(seconds(since: t))
        }
        var rows = 0
        dashboard.forEachCell { _ in rows += 1 }
        return "{\"mls\": \(dashboard.territories(.ml).count), \"youth\": \(dataset.youthCount), \"load_and_dashboard_s\": \(ready), "
            + "\"brief_s\": \(brief.sorted()[1]), \"export_s\": \(export.sorted()[1]), \"export_rows\": \(rows)}"
    }

    /// The file of `--wait-turn` (read) or `--pass-turn` (written), when given.
    func openTurn(_ path: String?, forWriting: Bool) throws -> FileHandle? {
        guard let path else { return nil }
        guard let h = forWriting ? FileHandle(forWritingAtPath: path) : FileHandle(forReadingAtPath: path) else {
            throw ValidationError("impossible d'ouvrir \(path) (\(forWriting ? "--pass-turn" : "--wait-turn"))")
        }
        return h
    }

    /// User and system time of the process so far (both cores count).
    func cpuSeconds() -> Double {
        var u = rusage()
        getrusage(RUSAGE_SELF.rawValue, &u)
        return Double(u.ru_utime.tv_sec + u.ru_stime.tv_sec) + Double(u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e6
    }

    /// REPL queries of every kind (the Playground questions, whole-country tables, charts, CSV),
    /// each run 30 times through a session on the loaded dashboard: p50 and p95 of all the runs,
    /// and the query with the worst p95.
    func queries(_ dashboard: Dashboard, _ dataset: Dataset) -> (Double, Double, (String, Double)) {
        let session = Session(datasetPath: directory, dashboard: dashboard, dataset: dataset)
        let region = dashboard.territories(.region)[0].id, ml = dashboard.missions(in: .region(region))[0].id
        let year = dataset.years[dataset.years.count / 2]
        let lines = [
            "show R5 of mls in \(region) year \(year) sort R5 asc with region,nation",
            "show R5,R10,R11 of \(ml) year \(year) with region,nation change",
            "show 8.1,8.1.f,R10 of regions,nation year \(year) breakdown all,women,qpv",
            "show R10 of mls in \(region) year \(year) where R10 < median sort R10 asc change with region",
            "show ratios of mls year \(year) with region,nation change",
            "show R10 of mls where R10 < region sort R10 asc",
            "show R10 of mls sort R10 chart",
            "show all of nation years all",
            "show R10,R5 of mls format csv",
            "show R10 of mls years all spark",
            "show R10 of mls years all format json",
            "explain R10",
        ]
        var all: [Double] = [], worst = ("", 0.0)
        for line in lines {
            var times: [Double] = []
            for _ in 0..<30 {
                let t = DispatchTime.now().uptimeNanoseconds
                let r = session.run(line)
                times.append(Double(DispatchTime.now().uptimeNanoseconds - t) / 1e9)
                if !r.succeeded { FileHandle.standardError.write(Data("bench: \(line): \(r.error ?? "")\n".utf8)) }
            }
            let p = percentile(times, 0.95)
            if p > worst.1 { worst = (line, p) }
            all += times
        }
        return (percentile(all, 0.5), percentile(all, 0.95), worst)
    }

    func percentile(_ v: [Double], _ p: Double) -> Double {
        let s = v.sorted()
        return s[min(s.count - 1, Int((p * Double(s.count)).rounded(.up)) - 1)]
    }

    /// Medians of: a scenario of three levers for one ML, applied, then every ratio of that ML
    /// read (what `scenario show` needs); the nation's performance × efficiency matrix.
    func negotiation(_ dashboard: Dashboard, year: Int) -> (Double, Double) {
        let ml = dashboard.territories(.ml)[0].id
        let s = Scenario(name: "bench", changes: [.init(ml: ml, year: year, lever: .nationalEntries, amount: 10),
                                                  .init(ml: ml, year: year, lever: .exitsToEmployment, amount: 5),
                                                  .init(ml: ml, year: year, lever: .stateFunding, amount: 10_000)])
        let ratios = Catalogue.computed.filter(\.isQuotient).map(\.id)
        var scenario: [Double] = [], matrix: [Double] = []
        for _ in 0..<30 {
            let t = DispatchTime.now().uptimeNanoseconds
            if let w = try? dashboard.applying(s) { for id in ratios { _ = w.number(id, for: .ml(ml), year: year) } }
            scenario.append(Double(DispatchTime.now().uptimeNanoseconds - t) / 1e9)
        }
        for _ in 0..<10 {
            let t = DispatchTime.now().uptimeNanoseconds
            _ = try? dashboard.matrix(within: .nation, year: year)
            matrix.append(Double(DispatchTime.now().uptimeNanoseconds - t) / 1e9)
        }
        return (percentile(scenario, 0.5), percentile(matrix, 0.5))
    }
}
