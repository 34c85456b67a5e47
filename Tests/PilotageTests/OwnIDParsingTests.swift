import Foundation
import Testing
@testable import Pilotage

/// pathways.csv and situations.csv: a common row is read by a fused loop, any other by the
/// located parsers. With the header's columns in reverse order every row goes to the located
/// parsers; for each kind of row (valid or not) the two loads must store the same values or
/// report the same errors.
@Suite("pathways.csv, situations.csv: the fused loop stores and refuses what the located parsers do")
struct OwnIDParsingTests {
    static let pathwayHeader = PathwayRowTable.header, situationHeader = SituationRowTable.header

    /// The dataset of `Files` with `rows` added to `file` (fields in the header's order), the
    /// columns written in the header's order or reversed.
    static func files(_ file: String, _ header: [String], _ rows: [[String]], end: String = "\n", quoted: Bool = false,
                      reversed: Bool) -> Files {
        var f = Files()
        let fixture = f.files[file]!.split(separator: "\n").dropFirst().map {
            $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        }
        func line(_ fields: [String]) -> String {
            let ordered = reversed ? Array(fields.reversed()) : fields
            return ordered.map { quoted ? "\"\($0)\"" : $0 }.joined(separator: ",")
        }
        f.files[file] = ([header] + fixture + rows).map(line).joined(separator: end) + end
        return f
    }

    /// What the load gives: the stored columns of the file, or the errors (rule, line, field).
    static func outcome(_ f: Files, pathways: Bool) -> String {
        do {
            let m = try f.load().micro!
            if pathways {
                let ids = (0..<m.pwIDs.count).map { m.pwIDs.key($0) }
                return "\(m.pwStart) \(m.pwID) \(ids) \(m.pwBegin) \(m.pwEnd) \(m.pwProgram) \(m.pwOutcome) "
                    + "\(m.pwDetail) \(m.pwFlags) \(m.pwLine)"
            }
            let ids = (0..<m.stIDs.count).map { m.stIDs.key($0) }
            return "\(m.stStart) \(m.stID) \(ids) \(m.stBegin) \(m.stEnd) \(m.stKind) \(m.stDetail) "
                + "\(m.stFlags) \(m.stLine)"
        } catch {
            return f.errors().map { "\($0.rule) \($0.line ?? 0) \($0.field ?? "")" }.joined(separator: "; ")
        }
    }

    func check(_ file: String, _ header: [String], _ rows: [[String]], pathways: Bool, expectLoads: Bool?,
               sourceLocation: SourceLocation = #_sourceLocation) {
        for (end, quoted) in [("\n", false), ("\r\n", false), ("\n", true)] {
            let fused = Self.outcome(Self.files(file, header, rows, end: end, quoted: quoted, reversed: false),
                                     pathways: pathways)
            let located = Self.outcome(Self.files(file, header, rows, end: end, quoted: quoted, reversed: true),
                                       pathways: pathways)
            #expect(fused == located, "\(rows)", sourceLocation: sourceLocation)
            if let expectLoads {
                #expect(fused.hasPrefix("[") == expectLoads, "\(rows): \(fused)", sourceLocation: sourceLocation)
            }
        }
    }

    @Test("Pathways: every kind of row, valid or not, the same as the located parsers")
    func pathways() {
        for (row, loads) in PathwayRowTable.variants {
            check("pathways.csv", Self.pathwayHeader, [row], pathways: true, expectLoads: loads)
        }
        // Rows of several young people, some skipped, one out of order.
        check("pathways.csv", Self.pathwayHeader,
              PathwayRowTable.variants.filter { $0.loads == true }.enumerated().map { i, v in
                  var row = v.row
                  row[0] = "PX\(i)"
                  row[1] = ["Y1", "Y2", "Y1"][i % 3]
                  return row
              }, pathways: true, expectLoads: true)
    }

    @Test("Young people: every kind of row, valid or not, the same as the located parsers")
    func youth() {
        for (row, loads) in YouthRowTable.variants {
            for (end, quoted) in [("\n", false), ("\r\n", false), ("\n", true)] {
                let outcomes = [false, true].map { reversed in
                    var f = Self.files("youth.csv", YouthRowTable.header, [row], end: end, quoted: quoted,
                                       reversed: reversed)
                    f.files["events.csv"] = "youth_id,date,kind,detail\n"
                    do {
                        let m = try f.load().micro!
                        let ids = (0..<m.youthIDs.count).map { m.youthIDs.key($0) }
                        return "\(ids) \(m.youthML) \(m.youthSex) \(m.youthBirth) \(m.youthLevel) "
                            + "\(m.youthFlags) \(m.youthLine)"
                    } catch {
                        return f.errors().map { "\($0.rule) \($0.line ?? 0) \($0.field ?? "")" }.joined(separator: "; ")
                    }
                }
                #expect(outcomes[0] == outcomes[1], "\(row)")
                #expect(outcomes[0].hasPrefix("[") == loads, "\(row): \(outcomes[0])")
            }
        }
    }

    @Test("Situations: every kind of row, valid or not, the same as the located parsers")
    func situations() {
        for (row, loads) in SituationRowTable.variants {
            check("situations.csv", Self.situationHeader, [row], pathways: false, expectLoads: loads)
        }
    }
}

/// Pathway rows of every kind: whether each loads (nil: not checked, the fixture decides).
enum PathwayRowTable {
    static let header = ["pathway_id", "youth_id", "program", "start_date", "end_date", "yg_plan", "exit_outcome",
                         "exit_detail", "exit_durable", "exit_non_market", "exit_cpf"]
    static let base = ["P9", "Y1", "civis", "2016-02-01", "2016-08-01", "0", "emploi", "cdi", "1", "0", "0"]
    static func with(_ changes: [Int: String]) -> [String] { changed(base, changes) }
    static let training = TrainingKind.allCodes[0], target = ReorientationTarget.allCodes[0]
    static let variants: [(row: [String], loads: Bool?)] = [
        (base, true),
        (with([4: "", 6: "", 7: "", 8: "", 9: "", 10: ""]), true),
        (with([4: "", 6: "", 7: "", 8: "0", 9: "0", 10: "0"]), true),
        (with([4: "", 6: "emploi", 7: "", 8: "0"]), false),
        (with([4: "", 6: "", 7: "", 8: "1"]), false),
        (with([4: "2016-01-31"]), false),
        (with([4: "2016-02-01"]), true),
        (with([6: "formation", 7: training, 8: "0", 10: "1"]), true),
        (with([6: "formation", 7: training, 8: "1"]), false),
        (with([10: "1"]), false),
        (with([6: "service_civique", 7: "cdi", 8: "0"]), false),
        (with([6: "service_civique", 7: "", 8: "0"]), true),
        (with([6: "sans_solution", 7: "", 8: "0", 9: "1"]), false),
        (with([6: "reorientation", 7: target, 8: "0"]), true),
        (with([6: "reorientation", 7: "cdi", 8: "0"]), false),
        (with([7: ""]), false),
        (with([7: "cdx"]), false),
        (with([2: "civic"]), false),
        (with([2: "garantie_jeunes"]), true),
        (with([5: "true"]), true),
        (with([5: "OUI", 9: "1"]), true),
        (with([5: "2"]), false),
        (with([3: "1899-12-31"]), true),
        (with([3: "2016-02-30"]), false),
        (with([3: ""]), false),
        (with([0: " P9"]), false),
        (with([0: ""]), false),
        (with([0: "P1"]), false),
        (with([0: "Pé9"]), true),
        (with([1: "Y9"]), false),
        (with([1: "Y1 "]), false),
        (with([8: "", 9: ""]), true),
        (with([10: "2"]), false),
        (with([10: "10"]), false),
        (with([5: "01"]), false),
        (with([3: "2016-02-011"]), false),
        (with([4: "2016-08-011"]), false),
    ]
}

/// Situation rows of every kind: whether each loads.
enum SituationRowTable {
    static let header = ["situation_id", "youth_id", "kind", "detail", "start_date", "end_date", "durable",
                         "non_market"]
    static let base = ["S9", "Y2", "emploi", "cdd", "2016-03-01", "2016-09-01", "1", "1"]
    static func with(_ changes: [Int: String]) -> [String] { changed(base, changes) }
    static let training = TrainingKind.allCodes[0]
    static let variants: [(row: [String], loads: Bool?)] = [
        (base, true),
        (with([5: ""]), true),
        (with([5: "2016-02-28"]), false),
        (with([5: "2016-03-01"]), true),
        (with([2: "formation", 3: training, 6: "0", 7: "0"]), true),
        (with([2: "formation", 3: "", 6: "0", 7: "0"]), false),
        (with([2: "formation", 3: training, 6: "1", 7: "0"]), false),
        (with([2: "immersion", 3: "", 6: "", 7: ""]), true),
        (with([2: "immersion", 3: "cdi", 6: "", 7: ""]), false),
        (with([2: "immersion", 3: "", 6: "0", 7: "1"]), false),
        (with([2: "parrainage", 3: "", 6: "0", 7: "0"]), true),
        (with([2: "stage"]), false),
        (with([3: ""]), false),
        (with([3: "cdx"]), false),
        (with([6: "non", 7: "True"]), true),
        (with([6: "x"]), false),
        (with([4: "2101-01-01", 5: ""]), true),
        (with([4: "2016-3-01"]), false),
        (with([0: "S1"]), false),
        (with([0: "S9 "]), false),
        (with([1: "Y3"]), false),
        (with([1: ""]), false),
        (with([7: "2"]), false),
        (with([6: "11"]), false),
        (with([4: "2016-03-011"]), false),
        (with([5: "2016-09-011"]), false),
    ]
}

/// Rows of young people of every kind: whether each loads.
enum YouthRowTable {
    static let header = ["youth_id", "ml_id", "sex", "birth_date", "level", "diploma", "qpv", "zrr", "neet"]
    static let base = ["Y9", "ML1", "M", "1999-12-31", "Vbis", "1", "0", "1", ""]
    static func with(_ changes: [Int: String]) -> [String] { changed(base, changes) }
    static let variants: [(row: [String], loads: Bool)] = [
        (base, true),
        (with([0: "Yé9", 2: "F", 4: "I", 5: "", 6: "", 7: "", 8: "1"]), true),
        (with([0: "Y1"]), false),
        (with([0: " Y9"]), false),
        (with([0: ""]), false),
        (with([1: "ML2"]), false),
        (with([1: "ML1 "]), false),
        (with([2: "f"]), false),
        (with([2: ""]), false),
        (with([3: "1899-02-28"]), true),
        (with([3: "2000-02-30"]), false),
        (with([3: "2000-2-03"]), false),
        (with([4: "V bis"]), false),
        (with([8: "2"]), false),
        (with([5: "10"]), false),
        (with([3: "1999-12-311"]), false),
        (with([4: "VI"]), true),
        (with([5: "oui", 8: "FALSE"]), true),
        (with([6: "2"]), false),
        (with([8: "01"]), false),
    ]
}

/// `row` with the fields at some indexes replaced.
func changed(_ row: [String], _ changes: [Int: String]) -> [String] {
    var row = row
    for (i, v) in changes { row[i] = v }
    return row
}
