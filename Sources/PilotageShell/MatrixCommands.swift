import Foundation

/// `matrix [of 84|nation] [year N] [highlight ML] [scenario NAME] [to FILE.svg]`
enum MatrixCommands {
    static let matrixClauses: [Clause] = [
        Clause(names: ["of", "pour", "de"], kind: .regionOrNation, placeholder: "RÉGION|nation"), .year,
        Clause(names: ["highlight", "surligner"], kind: .ml, placeholder: "ML"), Clause(names: ["scenario", "scénario"], kind: .scenario, placeholder: "NOM"),
        Clause(names: ["to", "vers"], kind: .file, placeholder: "FICHIER.svg"),
        Clause(names: ["funding", "financements"], kind: .choice(["state", "all"]), placeholder: "state|all")]

    static let matrix = Command(
        names: ["matrix", "matrice"],
        summary: .init(fr: "matrice performance × efficacité des ML d'une région ou de la nation (Annexe 2 §2a), tableau ou SVG",
                       en: "performance × efficacy matrix of the MLs of a region or the nation (Annex 2 §2a), table or SVG"),
        examples: ["matrix of 84 year 2016", "matrix of nation year 2017 highlight ML069-LYON scenario entrees to matrice.svg"],
        reports: true, clauses: matrixClauses
    ) { session, c throws(ShellError) in
        let lang = session.language, fr = lang == .fr, d = try session.dashboard()
        let scope = c.territory("of") ?? .nation, year = c.year("year") ?? d.years.last ?? 0, highlight = c.ml("highlight")
        let scenario = c.scenario("scenario").flatMap { session.scenarios[$0] }, file = c.file("to")
        let allFunding = c.text("funding") == "all", method: MatrixMethod = allFunding ? .allFunding : .standard
        func describe(_ e: MatrixError) -> String {
            switch e {
            case .unknownScope(let t): return Messages.text(.unknownTerritory2, lang, "\(t.id)")
            case .unknownYear(let y): return Messages.text(.yearNotInDataset2, lang, "\(y)")
            case .tooFewMissionsLocales(let n): return Messages.text(.tooFewMlsHaveEvery, lang, "\(n)")
            }
        }
        let m: Matrix
        do throws(MatrixError) { m = try d.matrix(within: scope, year: year, method: method) } catch { throw ShellError(describe(error)) }
        let before = try? d.matrix(within: scope, year: year - 1, method: method)
        var after: Matrix?
        if let scenario {
            do { after = try d.applying(scenario).matrix(within: scope, year: year, method: method) } catch let e as MatrixError { throw ShellError(describe(e)) }
            catch { throw ShellError(ScenarioCommands.describe(error, lang)) }
        }
        if let (path, token) = file {
            let points = m.points.map { p in
                SVGChart.QuadrantPoint(label: d.name(of: .ml(p.ml)), x: p.efficiency, y: p.performance,
                                       previous: before?.points.first { $0.ml == p.ml }.map { .init(x: $0.efficiency, y: $0.performance) },
                                       scenario: after?.points.first { $0.ml == p.ml && ($0.efficiency != p.efficiency || $0.performance != p.performance) && p.ml == highlight }
                                           .map { .init(x: $0.efficiency, y: $0.performance) },
                                       highlighted: p.ml == highlight)
            }
            let svg = SVGChart.quadrant(title: Messages.text(.performanceEfficiency, lang, "\(d.name(of: scope))", "\(year)"),
                                        subtitle: (Messages.text(.arrowsFrom, lang, "\(year - 1)")) + (scenario.map { Messages.text(.dashesScenario, lang, "\($0.name)") } ?? ""),
                                        xLabel: Messages.text(.efficiency, lang), yLabel: Messages.text(.performance, lang),
                                        corners: Matrix.Quadrant.allCases.map { $0.label(lang) }, points: points,
                                        legend: [Messages.text(.legendPoint, lang, "\(year)"), Messages.text(.legendArrow, lang, "\(year - 1)")]
                                            + (scenario.map { [Messages.text(.legendScenario, lang, $0.name)] } ?? []) + [Messages.text(.legendScale, lang)])
            try session.write(svg, to: path, token: token)
            return ShellResult(output: Messages.text(.writtenMls, lang, "\(path)", "\(m.points.count)"))
        }
        var r = Report("matrix", title: (Messages.text(.performanceEfficiencyZScoresWithin, lang, "\(d.name(of: scope))", "\(year)"))
            + (m.contextAdjusted ? (Messages.text(.performanceAdjustedForContext, lang)) : (Messages.text(.noContextAdjustmentTooFew, lang))))
        var t = Report.Table("points", columns: [("ml", "ML"), ("efficiency", Messages.text(.efficiency, lang)), ("performance", "performance"),
                                                 ("quadrant", Messages.text(.quadrant, lang))] + (before != nil ? [("previous_quadrant", Messages.text(.inYear, lang, "\(year - 1)"))] : []))
        func score(_ v: Double) -> Report.Cell { .number(v, formatted(v, decimals: 2, lang)) }
        for p in m.points.sorted(by: { $0.performance + $0.efficiency > $1.performance + $1.efficiency }) {
            var row: [Report.Cell] = [Report.Cell(value: .text(p.ml), shown: (p.ml == highlight ? "▶ " : "") + "\(d.name(of: .ml(p.ml))) (\(p.ml))"),
                                      score(p.efficiency), score(p.performance), .text(p.quadrant.label(lang))]
            if let before { row.append(before.points.first { $0.ml == p.ml }.map { .text($0.quadrant.label(lang)) } ?? .absent(Messages.text(.absentIn, lang, "\(year - 1)"))) }
            t.rows.append(row)
            if let after, p.ml == highlight, let q = after.points.first(where: { $0.ml == p.ml }) {
                t.rows.append([Report.Cell(value: .text(p.ml + " (scenario)"), shown: "  " + (Messages.text(.withScenario, lang))), score(q.efficiency), score(q.performance),
                               .text(q.quadrant.label(lang))] + (before != nil ? [.absent(Messages.text(.scenario, lang), shown: "")] : []))
            }
        }
        if !m.excluded.isEmpty { t.footer = [(Messages.text(.leftOutAbsentMeasure, lang)) + m.excluded.joined(separator: ", ")] }
        t.footer += [Messages.text(.matrixEfficacyDefinition, lang, Matrix.efficacyDefinition),
                     Messages.text(.matrixPerformanceDefinition, lang, Matrix.performanceDefinition),
                     Messages.text(.matrixReading, lang, Messages.text(allFunding ? .matrixAllFunding : .matrixStateFunding, lang))]
        r.add(t)
        return ShellResult(report: r)

    }
}
