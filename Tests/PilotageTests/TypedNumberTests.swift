import Testing
@testable import Pilotage

@Suite("Numbers as an analyst types them")
struct TypedNumberTests {
    @Test("French and English forms, units and signs", arguments: [
        ("37,5", 37.5, TypedNumber.Unit.none), ("37.5", 37.5, .none), ("37,5%", 37.5, .percent), ("37,5 %", 37.5, .percent),
        ("37,5\u{202F}%", 37.5, .percent), ("1 234,50 €", 1234.5, .euro), ("1\u{00A0}234,50", 1234.5, .none),
        ("1\u{202F}234,50", 1234.5, .none), ("1234.5", 1234.5, .none), ("+4 %", 4, .percent), ("−3", -3, .none),
        ("-3,5%", -3.5, .percent), ("1_234", 1234, .none), ("1,234.5", 1234.5, .none), ("1.234,5", 1234.5, .none),
        ("1.234.567", 1_234_567, .none), ("3 pt", 3, .points), ("2,5 points", 2.5, .points), ("0", 0, .none),
    ])
    func reads(_ text: String, _ value: Double, _ unit: TypedNumber.Unit) throws {
        let n = try TypedNumber.parse(text)
        #expect(n.value == value && n.unit == unit)
    }

    @Test func fractionAndCents() throws {
        #expect(try TypedNumber.parse("37,5 %").fraction == 0.375)
        #expect(try TypedNumber.parse("1 234,50 €").cents == 123_450)
        #expect(try TypedNumber.parse("−0,05").cents == -5)
        #expect(try TypedNumber.parse("1,005").cents == nil)   // three decimals: no whole cents
        #expect(try TypedNumber.parse("+4 %").isSigned && !(try TypedNumber.parse("4 %").isSigned))
    }

    @Test("a lone comma and three digits: decimal in French, thousands in English")
    func loneComma() throws {
        #expect(try TypedNumber.parse("1,234", language: .fr).value == 1.234)
        #expect(try TypedNumber.parse("1,234", language: .en).value == 1234)
    }

    @Test("not numbers, too large, ambiguous in a list")
    func refusals() throws {
        for text in ["", "abc", "12abc", "1 23", "%", "1,2,3 4"] {
            #expect(throws: TypedNumber.Problem.notANumber, "\(text)") { try TypedNumber.parse(text) }
        }
        #expect(throws: TypedNumber.Problem.tooLarge) { try TypedNumber.parse(String(repeating: "9", count: 400)) }
        #expect(throws: TypedNumber.Problem.ambiguousComma) { try TypedNumber.scan(Array("0,50,100"), from: 0, inList: true) }
        // In a list, `, ` separates: the first item ends at its comma.
        #expect(try TypedNumber.scan(Array("0, 50"), from: 0, inList: true)?.end == 1)
    }
}

@Suite("Suggestions of names")
struct NameSuggestionTests {
    let places = [(id: "ML038-GRENOBLE", name: "Mission locale de Grenoble"), (id: "ML069-LYON", name: "Mission locale de Lyon"),
                  (id: "ML026-VALENCE", name: "Mission locale de Valence"), (id: "ML042-SAINT-ETIENNE", name: "Mission locale de Saint-Étienne"),
                  (id: "84", name: "Auvergne-Rhône-Alpes")]

    @Test("typos, accents and case: the nearest names with their ids", arguments: [
        ("grenobel", "ML038-GRENOBLE"), ("lyonn", "ML069-LYON"), ("valance", "ML026-VALENCE"), ("saint etiene", "ML042-SAINT-ETIENNE"),
        ("ST-ETIENNE", "ML042-SAINT-ETIENNE"), ("auvergne rhone", "84"), ("ML038-GRENOBEL", "ML038-GRENOBLE"),
    ])
    func nearest(_ typed: String, _ id: String) {
        #expect(Suggestions.closestNames(to: typed, among: places).first?.id == id)
    }

    @Test("nothing near, and a huge token costs no more than its first 64 characters")
    func bounded() {
        #expect(Suggestions.closestNames(to: "zzzzzzzz", among: places).isEmpty)
        #expect(Suggestions.closestNames(to: String(repeating: "x", count: 100_000), among: places).isEmpty)
        #expect(Suggestions.closest(to: String(repeating: "x", count: 100_000), among: ["explain"]).isEmpty)
    }
}
