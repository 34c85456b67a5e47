import Testing
@testable import Pilotage

@Suite("Calendar days and month arithmetic")
struct DayTests {
    @Test("d ⊕ k months clamps to the end of the month", arguments: [
        ("2016-01-31", 1, "2016-02-29"), ("2015-01-31", 1, "2015-02-28"), ("2016-03-31", -1, "2016-02-29"),
        ("2016-12-31", -5, "2016-07-31"), ("2016-12-31", -3, "2016-09-30"), ("2015-10-31", 4, "2016-02-29"),
        ("2016-02-29", 12, "2017-02-28"), ("2016-11-30", 3, "2017-02-28"), ("2017-01-15", -13, "2015-12-15"),
    ])
    func monthArithmetic(_ start: String, _ months: Int, _ expected: String) {
        #expect(day(start).adding(months: months).description == expected)
    }

    @Test func impossibleDatesAreRefused() {
        #expect(Day(iso: "2016-02-30") == nil)
        #expect(Day(iso: "2015-02-29") == nil)
        #expect(Day(iso: "2016-13-01") == nil)
        #expect(Day(iso: "2016-1-01") == nil)
        #expect(Day(iso: "2000-02-29") != nil)
        #expect(Day(iso: "1900-02-29") == nil)
    }

    @Test func roundTripsThroughDayNumbers() {
        var d = day("1999-12-25")
        for _ in 0..<800 {
            #expect(Day(iso: d.description) == d)
            d = d.adding(days: 17)
        }
        #expect(day("1970-01-01").number == 0)
    }
}
