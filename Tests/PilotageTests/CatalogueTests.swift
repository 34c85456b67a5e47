import Foundation
import Testing
@testable import Pilotage

@Suite("The indicator catalogue")
struct CatalogueTests {
    /// The catalogue order of `indicators.md`, copied from the specification.
    static let specOrder = """
    0.1 0.2 1 R1 2 R2 2.1 R3 2.2 2.bis.1 R4 3 3.1 3.2 3.2.a 3.3 R5 R6 S.1 4 4.1 4.1.end R7
    4.1.f 4.1.f.immersion 4.1.f.emploi 4.1.f.alternance 4.1.f.apprentissage 4.1.f.durable
    4.1.f.service_civique 4.1.g 4.1.g.1 4.1.h 4.1.i R8 4.2.m4.base 4.2.m4 4.2.m12.base 4.2.m12
    R9 4.3 4.4 4.4.sante 4.4.logement 4.4.mobilite 4.4.ressources 4.4.loisirs_culture
    4.4.citoyennete 5 6 6.1 6.1.formation 6.1.emploi 6.1.eav 6.2 7 8 8.1 8.1.f 8.1.f.durable
    8.1.f.cui 8.1.f.cui_cae 8.1.f.cui_cie 8.1.f.eav 8.1.f.eav_non_marchand 8.1.f.alternance
    8.1.f.apprentissage 8.1.f.creation R10 8.1.g 8.1.g.initiale 8.1.g.qualifiante 8.1.g.cpf
    8.1.reorientation 8.1.h 8.1.i R11 8.2 9 9.1 R12 R13 10 10.1.a 10.1.b 10.1.c 10.1.d 10.1.e
    D.1 G.4.base G.4 RG O.4
    """.split(whereSeparator: { $0 == " " || $0 == "\n" }).map(String.init)

    @Test func computedLinesFollowTheSpecificationOrder() {
        #expect(Catalogue.computed.map(\.id) == Self.specOrder)
        #expect(Set(Catalogue.all.map(\.id)).count == Catalogue.all.count)
    }

    @Test func everyLineHasLabelsRuleAndSource() {
        for i in Catalogue.all {
            #expect(!i.label.fr.isEmpty && !i.label.en.isEmpty, "\(i.id)")
            #expect(i.rule.fr.count > 10 && i.rule.en.count > 10, "\(i.id)")
            #expect(!i.source.isEmpty, "\(i.id)")
            #expect(i.label.fr != i.label.en, "\(i.id): the English label is a translation")
        }
    }

    @Test func componentsAndParentsExist() {
        for i in Catalogue.all {
            if let p = i.parentID {
                #expect(Catalogue.indicator(p) != nil, "\(i.id): parent \(p)")
                #expect(Catalogue.indicator(p)!.order < i.order, "\(i.id): a parent comes first")
            }
            if i.kind == .ratio || i.kind == .amountPerPerson {
                #expect(i.components.count == 2, "\(i.id)")
                for c in i.components { #expect(Catalogue.indicator(c)?.isComputed == true, "\(i.id): component \(c)") }
            }
            // A ratio under a breakdown needs both components under it.
            for b in i.breakdowns where i.kind == .ratio {
                for c in i.components { #expect(Catalogue.indicator(c)!.breakdowns.contains(b), "\(i.id)/\(b): \(c)") }
            }
        }
        #expect(Catalogue.indicator("R5")!.components == ["3", "1"])
        #expect(Catalogue.indicator("4.1.i")!.parentID == "4.1.end")
    }

    @Test func breakdownsFollowTheSpecification() {
        let five: [Breakdown] = [.all, .women, .lowQualified, .qpv, .zrr]
        #expect(Catalogue.indicator("3.2.a")!.breakdowns == five + [.neet])
        #expect(Catalogue.indicator("3.3")!.breakdowns == five)
        #expect(Catalogue.indicator("R2")!.breakdowns == five)
        for id in ["0.1", "0.2", "9", "9.1", "10", "10.1.a", "10.1.d", "10.1.e", "R1", "R4", "R12", "R13"] {
            #expect(Catalogue.indicator(id)!.breakdowns == [.all], "\(id)")
        }
        #expect(Catalogue.indicator("5")!.breakdowns == five)
        #expect(Catalogue.indicator("ND.employeurs")!.breakdowns.isEmpty)
    }

    @Test func notesOfTheSpecificationAreCarried() {
        for id in ["2.bis.1", "3.2.a", "R5", "R6", "S.1", "4.1.h", "4.1.i", "R9", "10.1.c", "O.4"] {
            #expect(!Catalogue.indicator(id)!.notes.isEmpty, "\(id)")
        }
    }

    /// Every label not flagged "libellé dérivé" appears word for word in the instruction
    /// (its markup — <u>, <i>, ^{…}, ** — removed and white space folded).
    @Test func officialLabelsAreVerbatim() throws {
        let raw = try String(contentsOf: repositoryRoot.appendingPathComponent("Docs/sources/instruction-dgefp-mij-2015-367.txt"), encoding: .utf8)
        let text = Self.normalise(raw)
        for i in Catalogue.all where !i.labelIsDerived {
            #expect(text.contains(Self.normalise(i.label.fr)), "\(i.id): « \(i.label.fr) »")
        }
        #expect(Catalogue.all.filter(\.labelIsDerived).map(\.id).contains("4.1.end"))
        #expect(!text.contains(Self.normalise("Nombre de jeunes entrés en séquence d'orientation")), "a derived label that is not official")
    }

    static func normalise(_ s: String) -> String {
        var t = s.replacingOccurrences(of: "<[^>]+>", with: "", options: .regularExpression)
        t = t.replacingOccurrences(of: "^{", with: "").replacingOccurrences(of: "}", with: "").replacingOccurrences(of: "**", with: "")
        return t.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
    }

    @Test func lookUpAndSuggestions() {
        #expect(Catalogue.indicator("R13")?.kind == .ratio)
        #expect(Catalogue.indicators(in: .resources).map(\.id).prefix(3) == ["9", "9.1", "R12"])
        #expect(Catalogue.indicators(of: .mean).map(\.id) == ["5", "7"])
        #expect(Catalogue.children(of: "8.1.f.cui").map(\.id) == ["8.1.f.cui_cae", "8.1.f.cui_cie"])
        #expect(Catalogue.suggestions(for: "R99").contains("R9"))
        #expect(Catalogue.suggestions(for: "4.1.I").first == "4.1.i")
    }

    @Test("every ratio reads « Ratio n — » and its official wording, whichever fiche the wording comes from")
    func ratiosPresentedOneWay() {
        let ratios = Catalogue.all.filter { $0.ratioNumber != nil }
        #expect(ratios.map(\.id).sorted() == (1...13).map { "R\($0)" }.sorted())
        for r in ratios {
            #expect(r.title.hasPrefix("Ratio \(r.ratioNumber!) — ") && !r.title.contains("Ratio \(r.ratioNumber!) :"), "\(r.id)")
            #expect(r.label.fr.hasSuffix(r.wording) && r.heading(.en).hasPrefix("Ratio \(r.ratioNumber!) — "), "\(r.id)")
        }
        #expect(Catalogue.indicator("R5")!.title == "Ratio 5 — Nombre de jeunes entrés en parcours d'accompagnement contractualisé/ nombre de jeunes en contact en Mission locale")
        #expect(Catalogue.indicator("R8")!.title.hasPrefix("Ratio 8 — Le taux de jeunes en parcours d'accompagnement sans proposition"))
        #expect(Catalogue.indicator("RG")!.ratioNumber == nil && Catalogue.indicator("RG")!.title == Catalogue.indicator("RG")!.label.fr)
        #expect(Catalogue.all.filter(\.isUnavailableIn2016).map(\.id) == ["R3", "R6"])
        // Fiche n°3's words for R3 and R6, in the instruction.
        let fiche3 = Self.normalise((try? String(contentsOf: repositoryRoot.appendingPathComponent("Docs/sources/instruction-dgefp-mij-2015-367.txt"), encoding: .utf8)) ?? "").replacingOccurrences(of: "*", with: "")
        #expect(fiche3.contains("(indicateur n°2 et indicateur n°2.1) \(Indicator.unavailableIn2016Note)"))
        #expect(fiche3.contains("(indicateur n°2.1 et indicateur n°3) \(Indicator.unavailableIn2016Note)"))
    }

    @Test("every count line has its bit in the 128-bit line mask; a catalogue with more is refused when built")
    func lineMaskCapacity() throws {
        let counts = Catalogue.computed.filter { $0.kind == .count }.map(\.id)
        let layout = try Slots.maskLayout(counts, wordLines: PersonEvaluator.wordLines)
        #expect(layout == Slots.countLines && Set(layout) == Set(counts) && layout.count <= LineMask.capacity)
        let tooMany = (0...LineMask.capacity).map { "x\($0)" }
        #expect(throws: Slots.LayoutError.tooManyLines(LineMask.capacity + 1, capacity: LineMask.capacity)) {
            try Slots.maskLayout(tooMany, wordLines: [])
        }
        #expect(try Slots.maskLayout(Array(tooMany.dropLast()), wordLines: ["x5"]).first == "x5")
        #expect(throws: Slots.LayoutError.notACountLine("R5")) { try Slots.maskLayout(counts, wordLines: ["R5"]) }
    }
}
