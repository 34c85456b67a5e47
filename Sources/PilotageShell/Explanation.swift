/// What `explain` and the indicator reference say about a line: all from the catalogue.
public enum Explanation {
    /// The full explanation of a line.
    public static func text(_ i: Indicator, _ lang: Language) -> String {
        func m(_ k: Messages.Key) -> String { Messages.text(k, lang) }
        var rows: [(String, String)] = []
        if lang == .en { rows.append((m(.officialLabel), i.label.fr)) }
        if i.labelIsDerived { rows.append((m(.label), "(\(m(.derivedLabel)))")) }
        rows.append((m(.axis), i.axis.label.text(lang)))
        rows.append((m(.kind), Messages.kindName(i.kind, lang)))
        rows.append((m(.direction), i.direction.label.text(lang)))
        if let p = i.parentID, let parent = Catalogue.indicator(p) { rows.append((m(.parent), "\(p) — \(parent.label.text(lang))")) }
        rows.append((m(.rule), i.rule.text(lang)))
        if i.isQuotient {
            let names = i.components.map { c in "\(c) (\(Catalogue.indicator(c)?.label.text(lang) ?? c))" }
            let lagged = "\(i.components[0]) (N) / \(i.components[1]) (N-\(i.denominatorLag))"
            rows.append((m(.components), i.denominatorLag > 0 ? lagged : names.joined(separator: " / ")))
        }
        let children = Catalogue.children(of: i.id).map(\.id)
        if !children.isEmpty { rows.append((m(.children), children.joined(separator: ", "))) }
        rows.append((m(.breakdowns), i.breakdowns.isEmpty ? m(.none) : i.breakdowns.map { $0.label(lang) }.joined(separator: ", ")))
        if i.hasProgrammeBreakdown { rows.append((m(.programmesColumn), Self.programmes)) }
        for (k, n) in Self.notes(i, lang).enumerated() { rows.append((k == 0 ? m(.notes) : "", n)) }
        rows.append((m(.source), i.source))
        let width = rows.map(\.0.count).max() ?? 0
        var out = i.named(lang) + "\n"
        for (k, v) in rows {
            // « Règle       : » in French, "Rule:        " in English.
            let label = k.isEmpty ? "" : (lang == .fr ? k : k + ":")
            let head = "  " + label.padding(toLength: width + 1, withPad: " ", startingAt: 0) + (k.isEmpty || lang == .en ? "  " : ": ")
            out += wrap(v, indent: head.count, width: 100, first: head) + "\n"
        }
        return out
    }

    /// The programme breakdowns of a line that has them, by code (as `breakdown` takes them).
    static let programmes = ProgrammeTables.programmes.map { "\($0.label) (\($0.rawValue))" }.joined(separator: ", ")

    /// How deep a line sits under its parents (for indented listings).
    static func depth(_ i: Indicator) -> Int {
        var d = 0, p = i.parentID
        while let id = p, d < 8 { d += 1; p = Catalogue.indicator(id)?.parentID }
        return d
    }

    /// Word-wraps `text` after `first`, continuation lines indented.
    static func wrap(_ text: String, indent: Int, width: Int, first: String) -> String {
        var out = first, column = first.count
        for word in text.split(separator: " ", omittingEmptySubsequences: false) {
            if column + word.count + 1 > width && column > indent {
                out += "\n" + String(repeating: " ", count: indent)
                column = indent
            } else if column > indent {
                out += " "; column += 1
            }
            out += word; column += word.count
        }
        return out
    }

    static func summary(_ d: Dataset, _ lang: Language) -> String {
        let years = d.years.map(String.init).joined(separator: ", ")
        if d.kind == .aggregate {
            return Messages.text(.aggregateSummary, lang, "\(d.missions.count)", "\(d.regions.count)", "\(years)", "\(d.indicatorRows.count)")
        }
        let counts = [d.missions.count, d.regions.count, d.youthCount, d.eventCount, d.pathwayCount, d.situationCount]
            .map { formatted(Double($0), decimals: 0, lang) }
        return Messages.text(.microdataSummary, lang, counts[0], counts[1], years, counts[2], counts[3], counts[4], counts[5])
    }
}

extension Explanation {
    /// A line's notes, as `explain` and the reference give them: the catalogue's, then what the
    /// SDK says of the line (no ratio in 2016, the last exit read under a programme).
    static func notes(_ i: Indicator, _ lang: Language) -> [String] {
        i.notes.map { $0.text(lang) } + (i.isUnavailableIn2016 ? [Messages.text(.ratioUnavailableIn2016, lang)] : [])
            + (i.readsProgrammeLastExit ? [Messages.text(.programmeLastExitNote, lang)] : [])
    }

    /// The indicator reference as Markdown, generated from the catalogue (Docs/indicators-fr.md, -en.md).
    public static func reference(_ lang: Language) -> String {
        func m(_ k: Messages.Key) -> String { Messages.text(k, lang) }
        var out = m(.referenceHeading)
        for axis in Axis.allCases {
            let lines = Catalogue.indicators(in: axis)
            guard !lines.isEmpty else { continue }
            out += "\n## \(axis.label.text(lang))\n"
            for i in lines {
                out += "\n### \(i.named(lang))\n\n"
                if lang == .en { out += "- \(m(.officialLabel)): \(i.label.fr)\n" }
                if i.labelIsDerived { out += "- \(m(.label)): \(m(.derivedLabel))\n" }
                out += "- \(m(.kind)): \(Messages.kindName(i.kind, lang))\n"
                out += "- \(m(.direction)): \(i.direction.label.text(lang))\n"
                if let p = i.parentID { out += "- \(m(.parent)): \(p)\n" }
                out += "- \(m(.rule)): \(i.rule.text(lang))\n"
                if i.isQuotient { out += "- \(m(.components)): \(i.components.joined(separator: " / "))\n" }
                out += "- \(m(.breakdowns)): \(i.breakdowns.isEmpty ? m(.none) : i.breakdowns.map { $0.label(lang) }.joined(separator: ", "))\n"
                if i.hasProgrammeBreakdown { out += "- \(m(.programmesColumn)): \(Self.programmes)\n" }
                for n in Self.notes(i, lang) { out += "- \(m(.notes)): \(n)\n" }
                out += "- \(m(.source)): \(i.source)\n"
            }
        }
        return out
    }
}
