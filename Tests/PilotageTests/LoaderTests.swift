import Foundation
import Testing
@testable import Pilotage

/// A small valid dataset as file texts; each test changes one file and loads it.
struct Files {
    var files: [String: String] = [
        "dataset.json": #"{"format": "pilotage-dataset", "version": 1, "name": "t", "years": [2016], "owner": {"team": "x"}}"#,
        "regions.csv": "region_code,name\n84,Auvergne-Rhône-Alpes\n",
        "missions.csv": "ml_id,name,region_code,department_code,legal_form\nML1,Un,84,69,association\n",
        "youth.csv": "youth_id,ml_id,sex,birth_date,level,diploma,qpv,zrr,neet\nY1,ML1,F,1998-01-02,IV,1,0,0,\nY2,ML1,M,1997-03-04,V,0,1,0,1\n",
        "events.csv": "youth_id,date,kind,detail\nY1,2016-01-05,accueil,\nY2,2016-02-01,entretien,physique\n",
        "pathways.csv": "pathway_id,youth_id,program,start_date,end_date,yg_plan,exit_outcome,exit_detail,exit_durable,exit_non_market,exit_cpf\nP1,Y1,civis,2016-02-01,2016-08-01,0,emploi,cdi,1,0,0\nP2,Y2,local,2016-03-01,,1,,,,,\n",
        "situations.csv": "situation_id,youth_id,kind,detail,start_date,end_date,durable,non_market\nS1,Y1,emploi,cdi,2016-08-01,,1,0\n",
    ]

    func write() -> String {
        let dir = temporaryFolder("loader")
        for (name, text) in files { try! text.write(toFile: dir + "/" + name, atomically: true, encoding: .utf8) }
        return dir
    }

    /// The diagnostics of loading, or [] when it loads.
    func errors() -> [DatasetDiagnostic] {
        do { _ = try Dataset.load(from: write()); return [] } catch { return error.diagnostics }
    }

    func load() throws -> Dataset { try Dataset.load(from: write()) }
}

@Suite("Loading datasets: every input rule, with its location")
struct LoaderTests {
    /// Changes a file and expects exactly one error of `rule` at `location`.
    func expectError(_ rule: DatasetRule, at location: String, field: String? = nil, _ change: (inout Files) -> Void,
                     sourceLocation: SourceLocation = #_sourceLocation) {
        var f = Files()
        change(&f)
        let errors = f.errors()
        #expect(errors.count == 1, "\(errors)", sourceLocation: sourceLocation)
        #expect(errors.first?.rule == rule, "\(errors)", sourceLocation: sourceLocation)
        #expect(errors.first?.location == location, "\(errors)", sourceLocation: sourceLocation)
        if let field { #expect(errors.first?.field == field, sourceLocation: sourceLocation) }
    }

    @Test func theValidFixtureLoads() throws {
        let d = try Files().load()
        #expect(d.youthCount == 2 && d.eventCount == 2 && d.pathwayCount == 2 && d.situationCount == 1)
        #expect(d.manifest.extra["owner"] == #"{"team":"x"}"#)
        #expect(d.youth(at: 1).neet && !d.youth(at: 0).neet)
        #expect(d.pathways(ofYouthAt: 0)[0].outcome == .emploi(.cdi, durable: true, nonMarket: false))
    }

    @Test func exactMessages() {
        var f = Files()
        f.files["events.csv"] = "youth_id,date,kind,detail\nY1,2016-01-05,acceuil,\n"
        let e = f.errors()[0]
        #expect(e.description == #"events.csv:2:15: error: unknown code in column kind: expected a code of event kind among accueil, entretien, diagnostic, atelier, ecrit, proposition, orientation, droit_commun, cep, found "acceuil""#)
        #expect(e.message(.fr) == #"events.csv:2:15: erreur: code inconnu (colonne kind): attendu : "#
                + #"un code parmi accueil, entretien, diagnostic, atelier, ecrit, proposition, orientation, "#
                + #"droit_commun, cep ; trouvé : "acceuil""#)
        f = Files()
        f.files["events.csv"] = "youth_id,date,kind,detail\nY1,2016-02-30,accueil,\n"
        #expect(f.errors()[0].description == #"events.csv:2:4: error: invalid date in column date: expected an existing date YYYY-MM-DD, found "2016-02-30""#)
    }

    @Test func missingFile() { expectError(.missingFile, at: "events.csv") { $0.files["events.csv"] = nil } }
    @Test func missingManifest() { expectError(.missingFile, at: "dataset.json") { $0.files["dataset.json"] = nil } }
    @Test func missingColumn() {
        expectError(.missingColumn, at: "youth.csv:1", field: "sex") { $0.files["youth.csv"] = "youth_id,ml_id,birth_date,level,diploma,qpv,zrr,neet\nY1,ML1,1998-01-02,IV,1,0,0,\n" }
    }
    @Test func badManifest() { expectError(.badManifest, at: "dataset.json:1") { $0.files["dataset.json"] = "{ not json" } }
    @Test func manifestYears() { expectError(.badManifest, at: "dataset.json:1") { $0.files["dataset.json"] = #"{"format":"pilotage-dataset","version":1,"years":[]}"# } }
    @Test func higherVersion() {
        var f = Files()
        f.files["dataset.json"] = #"{"format":"pilotage-dataset","version":2,"years":[2016]}"#
        let e = f.errors()
        #expect(e.count == 1 && e[0].rule == .unsupportedVersion && e[0].found == "2" && e[0].file == "dataset.json")
    }
    @Test func otherFormat() { expectError(.unsupportedVersion, at: "dataset.json:1", field: "format") { $0.files["dataset.json"] = #"{"format":"other","version":1,"years":[2016]}"# } }
    @Test func unknownRegion() { expectError(.unknownReference, at: "missions.csv:2:8", field: "region_code") { $0.files["missions.csv"] = "ml_id,name,region_code,department_code,legal_form\nML1,Un,99,69,association\n"; $0.files["youth.csv"] = nil; $0.files["events.csv"] = nil; $0.files["pathways.csv"] = nil; $0.files["situations.csv"] = nil; $0.files["indicators.csv"] = "ml_id,year,indicator,breakdown,value\n" } }
    @Test func unknownMission() { expectError(.unknownReference, at: "youth.csv:2:4", field: "ml_id") { $0.files["youth.csv"] = "youth_id,ml_id,sex,birth_date,level,diploma,qpv,zrr,neet\nY1,MLX,F,1998-01-02,IV,1,0,0,\nY2,ML1,M,1997-03-04,V,0,1,0,1\n" } }
    @Test func unknownYouth() { expectError(.unknownReference, at: "events.csv:4:1", field: "youth_id") { $0.files["events.csv"]! += "Y9,2016-01-05,atelier,\n" } }
    @Test func duplicateYouth() { expectError(.duplicateID, at: "youth.csv:4:1") { $0.files["youth.csv"]! += "Y1,ML1,F,1998-01-02,IV,1,0,0,\n" } }
    @Test func duplicatePathway() { expectError(.duplicateID, at: "pathways.csv:4:1") { $0.files["pathways.csv"]! += "P1,Y2,civis,2016-02-01,,0,,,,,\n" } }
    @Test func impossibleDate() { expectError(.invalidDate, at: "events.csv:4:4") { $0.files["events.csv"]! += "Y1,2016-02-30,atelier,\n" } }
    @Test func unknownProgram() { expectError(.unknownCode, at: "pathways.csv:4:7", field: "program") { $0.files["pathways.csv"]! += "P3,Y2,garantie,2016-02-01,,0,,,,,\n" } }
    @Test func unknownOutcome() { expectError(.unknownCode, at: "pathways.csv:4:37", field: "exit_outcome") { $0.files["pathways.csv"]! += "P3,Y2,civis,2016-02-01,2016-03-01,0,job,cdi,1,0,0\n" } }
    @Test func unknownContract() { expectError(.unknownCode, at: "situations.csv:3:14", field: "detail") { $0.files["situations.csv"]! += "S2,Y2,emploi,stage,2016-08-01,,0,0\n" } }
    @Test func detailNotAllowed() { expectError(.detailNotAllowed, at: "events.csv:4:23", field: "detail") { $0.files["events.csv"]! += "Y1,2016-01-06,atelier,physique\n" } }
    @Test func detailRequired() { expectError(.missingValue, at: "events.csv:4:27", field: "detail") { $0.files["events.csv"]! += "Y1,2016-01-06,proposition,\n" } }
    @Test func badBoolean() { expectError(.invalidBoolean, at: "youth.csv:4:26", field: "qpv") { $0.files["youth.csv"]! += "Y3,ML1,F,1998-01-02,IV,1,yes,0,\n" } }
    @Test func badNumber() { expectError(.invalidNumber, at: "context.csv:2:10", field: "jano_16_25") { $0.files["context.csv"] = "ml_id,year,jano_16_25,defm_16_25\nML1,2016,12a,3\n" } }
    @Test func negativeAmount() { expectError(.negativeAmount, at: "funding.csv:2:21", field: "amount_eur") { $0.files["funding.csv"] = "ml_id,year,funder,line,amount_eur\nML1,2016,etat,socle,-5\n" } }
    @Test func accompanimentAboveTotal() { expectError(.accompanimentAboveTotal, at: "resources.csv:2:13") { $0.files["resources.csv"] = "ml_id,year,etp_total,etp_accompaniment\nML1,2016,10,12.5\n" } }
    @Test func endBeforeStart() { expectError(.endBeforeStart, at: "pathways.csv:4:24", field: "end_date") { $0.files["pathways.csv"]! += "P3,Y2,civis,2016-02-01,2016-01-31,0,sans_solution,,0,0,0\n" } }
    @Test func secondAccueil() { expectError(.secondAccueil, at: "events.csv:5:15") { $0.files["events.csv"]! += "Y2,2016-03-01,atelier,\nY1,2016-06-01,accueil,\n" } }
    @Test("a second accueil names the line of the first, in French and in English")
    func secondAccueilNamesTheFirst() {
        var f = Files()
        f.files["events.csv"]! += "Y2,2016-03-01,atelier,\nY1,2016-06-01,accueil,\nY1,2016-07-01,accueil,\n"
        let errors = f.errors()
        #expect(errors.map(\.location) == ["events.csv:5:15", "events.csv:6:15"], "\(errors)")
        #expect(errors.allSatisfy { $0.expected.fr.hasSuffix("(le premier est ligne 2)") }, "\(errors)")
        #expect(errors.allSatisfy { $0.expected.en.hasSuffix("(the first is on line 2)") }, "\(errors)")
    }
    @Test func exitOnOpenPathway() { expectError(.exitOnOpenPathway, at: "pathways.csv:4:27", field: "exit_outcome") { $0.files["pathways.csv"]! += "P3,Y2,civis,2016-02-01,,0,emploi,cdi,1,0,0\n" } }
    @Test func mixedDataset() { expectError(.mixedDataset, at: "indicators.csv") { $0.files["indicators.csv"] = "ml_id,year,indicator,breakdown,value\n" } }
    @Test func unterminatedQuote() { expectError(.badQuoting, at: "events.csv:4:25") { $0.files["events.csv"]! += "Y1,2016-01-06,entretien,\"physique\n" } }
    @Test("a quote left open and closed lines later by another field's quote: located where it opened")
    func quoteClosedLinesLater() {
        expectError(.badQuoting, at: "events.csv:4:25") {
            $0.files["events.csv"]! += "Y1,2016-01-06,entretien,\"physique\nY1,2016-01-07,atelier,\nY2,2016-01-08,atelier,\n\"Y2\",2016-01-09,atelier,\n"
        }
        var f = Files()
        f.files["events.csv"]! += "Y1,2016-01-06,entretien,\"physique\nY1,2016-01-07,atelier,\n\"Y2\",2016-01-09,atelier,\n"
        #expect(f.errors().first?.found.contains("fermé seulement 2 ligne(s) plus loin") == true, "\(f.errors())")
    }
    @Test func quoteInsideField() { expectError(.badQuoting, at: "events.csv:4:2") { $0.files["events.csv"]! += "Y\"1,2016-01-06,atelier,\n" } }
    @Test func invalidUTF8() {
        var f = Files()
        let dir = f.write()
        var bytes = Array("region_code,name\n84,Auvergne".utf8) + [0xFF] + Array("\n".utf8)
        try! Data(bytes).write(to: URL(fileURLWithPath: dir + "/regions.csv"))
        bytes = []
        var errors: [DatasetDiagnostic] = []
        do { _ = try Dataset.load(from: dir) } catch { errors = error.diagnostics }
        #expect(errors.first?.rule == .invalidUTF8 && errors.first?.location == "regions.csv:2:12")
        f.files = [:]
    }
    @Test func wrongFieldCount() { expectError(.fieldCount, at: "events.csv:4:1") { $0.files["events.csv"]! += "Y1,2016-01-06,atelier\n" } }

    @Test("Loading stops after 50 errors and says so")
    func errorLimit() {
        var f = Files()
        for i in 0..<80 { f.files["events.csv"]! += "Y1,2016-01-\(10 + i % 18),nope,\n" }
        var error: DatasetLoadError?
        do { _ = try Dataset.load(from: f.write()) } catch let e { error = e }
        #expect(error?.diagnostics.count == 50 && error?.truncated == true)
        #expect(error?.diagnostics.map(\.line) == (4..<54).map { Optional($0) })
    }

    @Test("Semicolons, decimal commas, CRLF, a BOM and columns in any order")
    func separatorsAndEncodings() throws {
        var f = Files()
        f.files["context.csv"] = "\u{FEFF}year;defm_16_25;ml_id;jano_16_25;neet_16_25\r\n2016;12,5;ML1;1200;\r\n"
        f.files["resources.csv"] = "ml_id,year,etp_total,etp_accompaniment\nML1,2016,\"12,5\",10.25\n"
        f.files["missions.csv"] = "legal_form,ml_id,region_code,name,department_code,siret,email\r\ngip,ML1,84,\"Un, \"\"le\"\" premier\",69,12345678900012,\r\n\r\n"
        let d = try f.load()
        #expect(d.contexts == [TerritorialContext(mlID: "ML1", year: 2016, jano: 1200, defm: 12.5, neet: nil)])
        #expect(d.resources?.first?.etpTotal == 12.5 && d.resources?.first?.etpAccompaniment == 10.25)
        #expect(d.missions[0].name == "Un, \"le\" premier" && d.missions[0].legalForm == .gip && d.missions[0].siret == "12345678900012" && d.missions[0].email == nil)
    }

    @Test("A bare decimal comma in a comma-separated file is refused")
    func bareCommaInCommaFile() {
        expectError(.fieldCount, at: "resources.csv:2:1") { $0.files["resources.csv"] = "ml_id,year,etp_total,etp_accompaniment\nML1,2016,12,5,10\n" }
    }

    @Test("Booleans in any letter case; an empty boolean is 0")
    func booleans() throws {
        var f = Files()
        f.files["youth.csv"] = "youth_id,ml_id,sex,birth_date,level,diploma,qpv,zrr,neet\nY1,ML1,F,1998-01-02,IV,OUI,True,non,\nY2,ML1,M,1997-03-04,V,,FALSE,1,0\n"
        let d = try f.load()
        #expect(d.youth(at: 0).diploma && d.youth(at: 0).qpv && !d.youth(at: 0).zrr && !d.youth(at: 0).neet)
        #expect(!d.youth(at: 1).diploma && !d.youth(at: 1).qpv && d.youth(at: 1).zrr)
    }

    @Test("An aggregate dataset loads; ratios in indicators.csv are refused")
    func aggregate() throws {
        var f = Files()
        for k in ["youth.csv", "events.csv", "pathways.csv", "situations.csv"] { f.files[k] = nil }
        f.files["indicators.csv"] = "ml_id,year,indicator,breakdown,value\nML1,2016,8.1,all,10\nML1,2016,8.1.f,all,4\n"
        let d = try f.load()
        #expect(d.kind == .aggregate && Dashboard(d).number("R10", for: .ml("ML1"), year: 2016) == 0.4)
        f.files["indicators.csv"]! += "ML1,2016,R10,all,0.4\n"
        #expect(f.errors().first?.location == "indicators.csv:4:10")
    }
}

@Suite("Every dataset file is a regular file")
struct DatasetFileKindTests {
    /// Replaces `file` of a valid dataset by what `make` puts at its path; expects one `not-a-file` error naming it.
    func expectNotAFile(_ file: String, _ what: String, _ make: (String) -> Void, sourceLocation: SourceLocation = #_sourceLocation) {
        let dir = Files().write()
        try? FileManager.default.removeItem(atPath: dir + "/" + file)
        make(dir + "/" + file)
        do { _ = try Dataset.load(from: dir); Issue.record("loaded", sourceLocation: sourceLocation) } catch {
            let mine = error.diagnostics.filter { $0.rule == .notAFile }
            #expect(mine.count == 1 && mine.first?.file == file, "\(error.diagnostics)", sourceLocation: sourceLocation)
            #expect(mine.first?.found.contains(what) == true, "\(error.diagnostics)", sourceLocation: sourceLocation)
            #expect(!error.diagnostics.contains { $0.rule == .missingFile }, sourceLocation: sourceLocation)
        }
    }

    @Test func folder() {
        expectNotAFile("youth.csv", "un dossier") { mkdir($0, 0o755) }
        expectNotAFile("dataset.json", "un dossier") { mkdir($0, 0o755) }
        expectNotAFile("regions.csv", "un dossier") { mkdir($0, 0o755) }
    }

    @Test("a FIFO is reported, never read (the load would otherwise wait for a writer forever)")
    func fifo() { expectNotAFile("events.csv", "FIFO") { mkfifo($0, 0o644) } }

    @Test func deviceAndDanglingLink() {
        expectNotAFile("pathways.csv", "périphérique") { symlink("/dev/null", $0) }
        expectNotAFile("situations.csv", "lien symbolique cassé") { symlink("nowhere.csv", $0) }
        expectNotAFile("funding.csv", "un dossier") { mkdir($0, 0o755) }
    }

    @Test func missingIsStillMissing() {
        var f = Files()
        f.files["youth.csv"] = nil
        #expect(f.errors().map(\.rule) == [.missingFile])
    }
}

@Suite("Numbers within their documented ranges, and messages that quote a short excerpt")
struct NumberRangeTests {
    let huge = String(repeating: "9", count: 400)

    func errors(_ file: String, _ text: String) -> [DatasetDiagnostic] {
        var f = Files()
        f.files[file] = text
        return f.errors()
    }

    @Test("each kind of field: its maximum accepted, just above refused with its location")
    func limits() {
        let cases: [(String, String, String, NumberRange)] = [
            ("funding.csv", "ml_id,year,funder,line,amount_eur\nML1,2016,etat,socle,", "funding.csv:2:21", .amount),
            ("resources.csv", "ml_id,year,etp_total,etp_accompaniment\nML1,2016,", "resources.csv:2:10", .etp),
            ("context.csv", "ml_id,year,jano_16_25,defm_16_25\nML1,2016,", "context.csv:2:10", .people),
        ]
        for (file, head, location, range) in cases {
            let tail = file == "funding.csv" ? "\n" : ",0\n"
            #expect(errors(file, head + NumberText.decimal(range.maximum) + tail).isEmpty, "\(file)")
            let above = errors(file, head + NumberText.decimal(range.maximum * 1.000001) + tail)
            #expect(above.map(\.rule) == [.invalidNumber] && above.first?.location == location, "\(above)")
            #expect(above.first?.expected == range.text)
        }
    }

    @Test("400 digits (infinite as a Double) are refused, never loaded")
    func infinite() {
        var e = errors("funding.csv", "ml_id,year,funder,line,amount_eur\nML1,2016,etat,socle,\(huge)\n")
        #expect(e.map(\.rule) == [.invalidNumber] && e.first?.location == "funding.csv:2:21")
        e = errors("resources.csv", "ml_id,year,etp_total,etp_accompaniment\nML1,2016,\(huge),1\n")
        #expect(e.map(\.rule) == [.invalidNumber] && e.first?.location == "resources.csv:2:10")
    }

    @Test("a long value is quoted as its first 30 characters, « … » and its length")
    func excerpted() {
        let e = errors("funding.csv", "ml_id,year,funder,line,amount_eur\nML1,2016,etat,socle,\(huge)\n")
        #expect(e.first?.found == "\"\(String(repeating: "9", count: 30))… (400 octets / bytes)\"")
        let date = String(repeating: "x", count: 1_000_000)
        let d = errors("events.csv", "youth_id,date,kind,detail\nY1,\(date),accueil,\n")
        #expect(d.count == 1 && d[0].message(.fr).count < 300)
        // Short values stay whole.
        #expect(errors("funding.csv", "ml_id,year,funder,line,amount_eur\nML1,2016,etat,socle,12a\n").first?.found == "\"12a\"")
    }

    @Test("a load asks whether to stop between its phases, and stops with an error that says so")
    func interruption() throws {
        let dir = Files().write()
        var asked = 0
        _ = try Dataset.load(from: dir, tables: [], interruption: { asked += 1; return false })
        #expect(asked == 3)   // after the reference files, after youth.csv, after the other files
        for stopAt in 1...3 {
            var n = 0
            do {
                _ = try Dataset.load(from: dir, tables: [], interruption: { n += 1; return n == stopAt })
                Issue.record("loaded although asked to stop at phase \(stopAt)")
            } catch {
                #expect(error.interrupted && error.diagnostics.isEmpty && n == stopAt)
            }
        }
        // With a snapshot to write, also before and after writing it (a stop asked during the
        // write is not ignored; the snapshot written stays valid for the next load).
        let cache = SnapshotCache(directory: dir + "-cache", minimumBytes: 0)
        for stopAt in 4...5 {
            var n = 0
            do {
                _ = try Dataset.load(from: dir, tables: [], cache: cache, interruption: { n += 1; return n == stopAt })
                Issue.record("loaded although asked to stop at phase \(stopAt)")
            } catch {
                #expect(error.interrupted && n == stopAt)
            }
            #expect(FileManager.default.fileExists(atPath: cache.file(for: dir)) == (stopAt == 5), "stop at \(stopAt)")
        }
        var reopened = 0
        _ = try Dataset.load(from: dir, tables: [], cache: cache, interruption: { reopened += 1; return false })
        #expect(reopened == 1)   // after the reference files; the microdata from the snapshot
    }
}
