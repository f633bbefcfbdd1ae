import Foundation
import KeepsakeStore
import KeepsakeTestSupport
import KeepsakeVault
import Testing
@testable import KeepsakeBundle

/// Report layout 4: the order a petition asks, local times with the offset of each date,
/// numbered exhibits with captions, amendments field by field, the declaration, the appendix,
/// and the CSV's local columns; every bundle still verifies byte for byte.
@Suite struct PetitionReportTests {
    let folder = TemporaryFolder()

    @Test func theReportRunsMostRecentFirstAndVerifies() throws {
        let fixture = try PetitionReportFixture(folder: folder)
        let bundle = try fixture.export(BundleFilters(caseNumber: "FL-2026-00123"), folder: folder, name: "recent")
        let result = BundleVerifier.verify(bundle)
        #expect(result.passed && result.humanFilesChecked, "\(result.checks)")
        let report = bundle.text("report.html")
        let order = [fixture.september, fixture.august, fixture.march, fixture.january].map { id in
            report.range(of: "(entry \(id.short))</h3>")?.lowerBound
        }
        #expect(order.allSatisfy { $0 != nil } && order.map { $0! } == order.map { $0! }.sorted(), "most recent first")
        let sections = ["<h2>Summary</h2>", "Incidents, most recent first", "<h2>Exhibits</h2>", "Declaration (for the owner to sign)", "Appendix: how this record can be checked"]
        let places = sections.compactMap { report.range(of: $0)?.lowerBound }
        #expect(places.count == sections.count && places == places.sorted(), "the petition's order")
        #expect(report.contains("<th>Case number</th><td>FL-2026-00123</td>"))
        #expect(report.contains("@bottom-left{content:\"Case FL-2026-00123\""))
        #expect(report.contains("counter(page) \" of \" counter(pages)"))
        #expect(report.range(of: "Tree size") == nil && report.contains("<th>Entries in the vault&#39;s signed record</th>"))
        #expect(report.contains("I declare that the above is true and correct to the best of my knowledge."))
        #expect(!report.contains("<script"), "no script")
    }

    @Test func oldestFirstIsTheOwnersChoiceAndIsChecked() throws {
        let fixture = try PetitionReportFixture(folder: folder)
        let bundle = try fixture.export(BundleFilters(oldestFirst: true), folder: folder, name: "oldest")
        let result = BundleVerifier.verify(bundle)
        #expect(result.passed && result.humanFilesChecked, "\(result.checks)")
        let report = bundle.text("report.html")
        let january = try #require(report.range(of: "(entry \(fixture.january.short))</h3>")).lowerBound
        let september = try #require(report.range(of: "(entry \(fixture.september.short))</h3>")).lowerBound
        #expect(january < september)
        #expect(report.contains("Incidents, oldest first"))
        #expect(report.contains("<th>Case number</th><td>not given"))
    }

    @Test func eachTimeCarriesItsOwnOffsetAndAWholeDayIsADay() throws {
        let fixture = try PetitionReportFixture(folder: folder)
        let report = try fixture.export(BundleFilters(), folder: folder, name: "dates").text("report.html")
        #expect(report.contains("<h3>Sat 10 Jan 2026, 19:30 (UTC-08:00) (entry \(fixture.january.short))</h3>"))
        #expect(report.contains("<h3>Sat 15 Aug 2026, 21:40 (UTC-07:00) (entry \(fixture.august.short))</h3>"))
        #expect(report.contains("<h3>Thu 3 Sep 2026 (entry \(fixture.september.short))</h3>"), "a date with no time has no time and no offset")
        #expect(report.contains("day(s) after that day)") || report.contains("written down the same day"))
        #expect(!report.contains("Times are in"), "no single offset for the whole report")
    }

    @Test func exhibitsAreNumberedCaptionedAndReferencedFromTheirIncident() throws {
        let fixture = try PetitionReportFixture(folder: folder)
        let report = try fixture.export(BundleFilters(), folder: folder, name: "exhibits").text("report.html")
        // August's screenshot comes first in report order (September has none).
        #expect(report.contains("<tr><th>Exhibits</th><td>Exhibit 1</td></tr>"))
        #expect(report.contains("<h3>Exhibit 1: texts.png</h3>"))
        #expect(report.contains("\u{201C}His texts that night\u{201D}"))
        #expect(report.contains("<tr><th>Exhibits</th><td>Exhibit 2, Exhibit 3, Exhibit 4"))
        #expect(report.contains("<h3>Exhibit 15: message-14.txt</h3>"))
        #expect(report.contains("<img alt=\"Exhibit 1\" src=\"data:image/png;base64,"))
        #expect(report.contains("This file is not shown here (text/plain); open it from the bundle."))
    }

    @Test func anAmendmentShowsEachChangedFieldOldAndNew() throws {
        let fixture = try PetitionReportFixture(folder: folder)
        let plain = try fixture.export(BundleFilters(), folder: folder, name: "plain").text("report.html")
        #expect(plain.contains("Earlier versions were not included in this bundle"))
        let bundle = try fixture.export(BundleFilters(includeHistory: true), folder: folder, name: "history")
        let result = BundleVerifier.verify(bundle)
        #expect(result.passed && result.humanFilesChecked, "\(result.checks)")
        let report = bundle.text("report.html")
        #expect(report.contains("<tr><td>When it happened</td><td class=\"old\">Sat 15 Aug 2026, 22:00 (UTC-07:00)</td><td>Sat 15 Aug 2026, 21:40 (UTC-07:00)</td></tr>"))
        #expect(report.contains("<tr><td>Injuries</td><td class=\"old\">(empty)</td><td>bruises on my neck</td></tr>"))
        #expect(report.contains("Amendment 1: version 2, written "))
        #expect(!report.contains("<tr><td>What happened</td>"), "an unchanged field is not listed")
    }

    @Test func aRetractedIncidentIsCountedAndListedWithoutItsContent() throws {
        let fixture = try PetitionReportFixture(folder: folder)
        let bundle = try fixture.export(BundleFilters(), folder: folder, name: "retracted")
        let result = BundleVerifier.verify(bundle)
        #expect(result.passed && result.humanFilesChecked, "\(result.checks)")
        let report = bundle.text("report.html")
        #expect(report.contains("The owner retracted 1 incident(s)."))
        #expect(report.contains("<td>entry \(fixture.mistake.short)</td>"))
        #expect(report.contains("<td>entered twice</td>"))
        #expect(!report.contains("entered by mistake") && !bundle.text("entries.json").contains("entered by mistake"), "its content stays out")
        // The list rests on the disclosed retraction record: changing its reason is caught.
        var changed = bundle.read("report.html")!
        let at = try #require(changed.firstRange(of: Array("entered twice".utf8))).lowerBound
        changed[at] = UInt8(ascii: "E")
        TestFiles.write(changed, to: bundle.path + "/report.html")
        #expect(!BundleVerifier.verify(bundle).passed)
    }

    @Test func aHostileCaseNumberCannotLeaveTheStyleSheet() throws {
        let fixture = try PetitionReportFixture(folder: folder)
        let bundle = try fixture.export(BundleFilters(caseNumber: "\"}</style><script>alert(1)</script>"), folder: folder, name: "hostile")
        #expect(BundleVerifier.verify(bundle).humanFilesChecked)
        let report = bundle.text("report.html")
        #expect(!report.contains("<script"))
        #expect(report.components(separatedBy: "</style>").count == 2, "one style sheet, closed once")
        #expect(report.contains("content:\"Case \\000022\\00007D\\00003C/style\\00003E"))
    }

    @Test func theCSVHasLocalDatesTheOffsetAndFileNames() throws {
        let fixture = try PetitionReportFixture(folder: folder)
        let csv = try fixture.export(BundleFilters(), folder: folder, name: "csv").text("incidents.csv")
        let rows = csv.components(separatedBy: "\r\n").filter { !$0.isEmpty }.map(Self.cells)
        #expect(rows.count == 5)
        let header = rows[0]
        #expect(Array(header.prefix(9)) == ["id", "happened", "happened_until", "happened_local_date", "happened_local_time", "utc_offset", "approximate", "time_note", "written_down"])
        // Layout 5's eleven columns (arrest, strangulation follow-ups) come after "not sure".
        #expect(Array(header.suffix(12)) == ["high_risk_not_sure"] + IncidentsCSV.followUpColumns)
        func column(_ name: String) -> [String] {
            let index = header.firstIndex(of: name)!
            return rows.dropFirst().map { $0[index] }
        }
        // Golden: the local columns, in the CSV's order (the order things happened).
        #expect(column("happened_local_date") == ["2026-01-10", "2026-03-05", "2026-08-15", "2026-09-03"])
        #expect(column("happened_local_time") == ["19:30", "08:15", "21:40", ""])
        #expect(column("utc_offset") == ["UTC-08:00", "UTC-08:00", "UTC-07:00", "UTC-07:00"])
        #expect(column("happened") == ["2026-01-11T03:30:00Z", "2026-03-05T16:15:00Z", "2026-08-16T04:40:00Z", "2026-09-03T07:00:00Z"])
        #expect(column("attachment_files") == ["", (1...14).map { "message-\($0).txt" }.joined(separator: "; "), "texts.png", ""])
        #expect(column("written_down_local").allSatisfy { $0.range(of: #"^\d{4}-\d\d-\d\d \d\d:\d\d UTC-0[78]:00$"#, options: .regularExpression) != nil })
    }

    /// The cells of one CSV line (quoted fields, no line breaks inside in these rows).
    static func cells(_ line: String) -> [String] {
        var cells: [String] = [], current = "", quoted = false
        var characters = Array(line)[...]
        while let ch = characters.popFirst() {
            if quoted {
                if ch == "\"" {
                    if characters.first == "\"" { current.append("\""); characters.removeFirst() } else { quoted = false }
                } else { current.append(ch) }
            } else if ch == "\"" {
                quoted = true
            } else if ch == "," {
                cells.append(current); current = ""
            } else { current.append(ch) }
        }
        cells.append(current)
        return cells
    }
}
