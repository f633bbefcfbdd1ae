import Foundation
import KeepsakeCrypto
import KeepsakeStore
import KeepsakeTestSupport
import KeepsakeVault
import Testing
@testable import KeepsakeBundle

/// Report layout 5 at the incident level: the strangulation follow-ups and "arrest made" in
/// the report, its amendment tables and the CSV; amendments re-rendered by `verify` (an
/// altered Before cell fails, even re-signed with the owner's own key); a retracted
/// incident's content only when the owner chose it.
@Suite struct IncidentFollowUpReportTests {
    static let zone = PetitionReportFixture.zone
    static let marker = "RETRACTED-CONTENT-MARKER-7731"
    let folder = TemporaryFolder()

    struct Fixture {
        let vault: Vault
        let night: EntryID, mistake: EntryID
    }

    func fixture() throws -> Fixture {
        let vault = try Vault.create(at: folder.appending("vault"), passphrase: Passphrase(copying: "follow-up words"), parameters: TestKDF.cheap)
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = Self.zone
        func local(_ hour: Int, _ minute: Int) -> Date {
            calendar.date(from: DateComponents(year: 2026, month: 8, day: 15, hour: hour, minute: minute))!
        }
        let first = Incident(
            occurred: Occurrence(start: local(22, 0)), location: "the hallway", kinds: [.physical],
            account: "He grabbed my throat.", highRisk: [.strangulation], police: PoliceReport(involved: true, reportNumber: "R-77"),
            strangulation: StrangulationDetails(
                howLong: "about 10 seconds", times: "twice", couldBreathe: .no, couldSpeak: .notSure, lostConsciousness: .yes,
                voiceChanged: .yes, troubleSwallowing: .notSure, lostBladderOrBowelControl: .no, means: [.hands, .arm],
                marks: "red marks on my neck"),
            arrestMade: .notSure)
        let night = try vault.add(.incident(first)).id
        var amended = first
        amended.occurred = Occurrence(start: local(21, 40))
        amended.arrestMade = .yes
        amended.strangulation?.lostConsciousness = .notSure
        try vault.revise(night, to: .incident(amended))
        let mistake = try vault.add(.incident(Incident(account: Self.marker, strangulation: StrangulationDetails(times: "once")))).id
        try vault.retract(mistake, reason: "wrote it twice")
        return Fixture(vault: vault, night: night, mistake: mistake)
    }

    func export(_ vault: Vault, _ filters: BundleFilters, name: String) throws -> BundleFolder {
        try PetitionReportFixture.export(vault, filters, folder: folder, name: name)
    }

    @Test func theFollowUpsAndTheArrestAreRowsOfTheIncidentAndOfItsAmendment() throws {
        let f = try fixture()
        let bundle = try export(f.vault, BundleFilters(includeHistory: true), name: "history")
        let result = BundleVerifier.verify(bundle)
        #expect(result.passed && result.humanFilesChecked, "\(result.checks)")
        let report = bundle.text("report.html")
        for row in [
            "<tr><th>Choking: how long</th><td>about 10 seconds</td></tr>",
            "<tr><th>Choking: how many times</th><td>twice</td></tr>",
            "<tr><th>Choking: could breathe</th><td>no</td></tr>",
            "<tr><th>Choking: could speak</th><td>not sure</td></tr>",
            "<tr><th>Choking: blacked out or lost consciousness</th><td>not sure</td></tr>",
            "<tr><th>Choking: voice changed afterwards</th><td>yes</td></tr>",
            "<tr><th>Choking: trouble swallowing afterwards</th><td>not sure</td></tr>",
            "<tr><th>Choking: lost bladder or bowel control</th><td>no</td></tr>",
            "<tr><th>Choking: what was used</th><td>hands; an arm (a chokehold)</td></tr>",
            "<tr><th>Choking: marks or injuries seen</th><td>red marks on my neck</td></tr>",
            "<tr><th>Arrest made</th><td>yes</td></tr>",
        ] {
            #expect(report.contains(row), "\(row)")
        }
        // The amendment, field by field: the time, the arrest and the follow-up it changed.
        #expect(report.contains("<tr><td>When it happened</td><td class=\"old\">Sat 15 Aug 2026, 22:00 (UTC-07:00)</td><td>Sat 15 Aug 2026, 21:40 (UTC-07:00)</td></tr>"))
        #expect(report.contains("<tr><td>Arrest made</td><td class=\"old\">not sure</td><td>yes</td></tr>"))
        #expect(report.contains("<tr><td>Choking: blacked out or lost consciousness</td><td class=\"old\">yes</td><td>not sure</td></tr>"))
        #expect(!report.contains("<tr><td>Choking: how long</td>"), "an unchanged follow-up is not listed as changed")
        // Order: the follow-ups after the signs, the arrest right after the police.
        let signs = try #require(report.range(of: "<th>High-risk signs</th>")).lowerBound
        let howLong = try #require(report.range(of: "<th>Choking: how long</th>")).lowerBound
        let police = try #require(report.range(of: "<tr><th>Police</th>")).upperBound
        let arrest = try #require(report.range(of: "<tr><th>Arrest made</th>")).lowerBound
        #expect(signs < howLong && howLong < police)
        #expect(report[police..<arrest].components(separatedBy: "<tr>").count == 1, "the arrest row follows the police row")
    }

    @Test func layoutsBeforeFiveShowNeitherTheFollowUpsNorTheArrest() {
        let incident = Incident(account: "x", strangulation: StrangulationDetails(howLong: "a minute"), arrestMade: .yes)
        let dates = ReportDates(timeZone: Self.zone)
        #expect(!ReportIncident.fields(incident, dates, layout: 4).contains { $0.0.hasPrefix("Choking") || $0.0 == "Arrest made" })
        #expect(ReportIncident.fields(incident, dates, layout: 5).contains { $0 == ("Choking: how long", "a minute") })
        #expect(IncidentsCSV.header(4).last == IncidentsCSV.unsureColumn)
        #expect(Array(IncidentsCSV.header(5).suffix(IncidentsCSV.followUpColumns.count + 1)) == [IncidentsCSV.unsureColumn] + IncidentsCSV.followUpColumns)
    }

    @Test func theCSVEndsWithTheArrestAndTheFollowUps() throws {
        let f = try fixture()
        let csv = try export(f.vault, BundleFilters(), name: "csv").text("incidents.csv")
        let rows = csv.components(separatedBy: "\r\n").filter { !$0.isEmpty }.map(PetitionReportTests.cells)
        #expect(rows.count == 2, "the retracted incident is not a row")
        let header = rows[0]
        // Golden: layout 5's columns, and the amended incident's values (the latest version).
        #expect(Array(header.suffix(11)) == [
            "arrest_made", "strangulation_how_long", "strangulation_times", "strangulation_could_breathe",
            "strangulation_could_speak", "strangulation_lost_consciousness", "strangulation_voice_changed",
            "strangulation_trouble_swallowing", "strangulation_lost_bladder_or_bowel_control", "strangulation_means",
            "strangulation_marks",
        ])
        #expect(Array(rows[1].suffix(11)) == [
            "yes", "about 10 seconds", "twice", "no", "not sure", "not sure", "yes", "not sure", "no", "hands; arm",
            "red marks on my neck",
        ])
        #expect(rows[1].count == header.count)
    }

    @Test func anAlteredBeforeCellFailsVerifyEvenResignedWithTheOwnersKey() throws {
        let f = try fixture()
        let bundle = try export(f.vault, BundleFilters(includeHistory: true), name: "altered")
        let old = "<td class=\"old\">Sat 15 Aug 2026, 22:00 (UTC-07:00)</td>"
        // Control: resealing with no change still verifies (the reseal itself is sound).
        try Self.reseal(bundle.path, vault: f.vault) { _ in }
        #expect(BundleVerifier.verify(bundle).passed)
        try Self.reseal(bundle.path, vault: f.vault) { files in
            let text = String(decoding: try #require(files["report.html"]), as: UTF8.self)
            #expect(text.contains(old))
            files["report.html"] = Array(text.replacingOccurrences(of: old, with: "<td class=\"old\">Sat 15 Aug 2026, 23:00 (UTC-07:00)</td>").utf8)
        }
        let result = BundleVerifier.verify(bundle)
        #expect(!result.passed && !result.humanFilesChecked)
        #expect(result.checks.contains { $0.name == HumanFilesCheck.name && !$0.passed })
    }

    @Test func aRetractedIncidentsContentGoesInOnlyWhenChosen() throws {
        let f = try fixture()
        let listed = try export(f.vault, BundleFilters(includeHistory: true), name: "listed")
        #expect(BundleVerifier.verify(listed).passed)
        #expect(listed.text("report.html").contains("<td>wrote it twice</td>"))
        #expect(!listed.text("report.html").contains(Self.marker) && !listed.text("entries.json").contains(Self.marker))
        #expect(!listed.text("report.html").contains("what it said"))

        var filters = BundleFilters(includeHistory: true)
        filters.includeRetractedContent = true
        let shown = try export(f.vault, filters, name: "shown")
        let result = BundleVerifier.verify(shown)
        #expect(result.passed && result.humanFilesChecked, "\(result.checks)")
        let report = shown.text("report.html")
        #expect(report.contains("<h3>Retracted entry \(f.mistake.short): what it said (retracted "))
        #expect(report.contains("<tr><th>What happened</th><td>\(Self.marker)</td></tr>"))
        #expect(report.contains("<tr><th>Choking: how many times</th><td>once</td></tr>"))
        #expect(report.contains("The owner chose to include what 1 of them said"))
        #expect(report.contains("<td>wrote it twice</td>"))
        // Still not an incident of the record: not a heading among the incidents, not a CSV row.
        let retractedSection = try #require(report.range(of: "<section class=\"retracted\">")).lowerBound
        #expect(report.range(of: Self.marker)!.lowerBound > retractedSection)
        #expect(!shown.text("incidents.csv").contains(Self.marker))
        #expect(report.contains("<th>Holds</th><td>1 incident(s)"))
        // What it said rests on its disclosed entry: a changed word there fails verify.
        TestFiles.write(Array(report.replacingOccurrences(of: "<td>\(Self.marker)</td>", with: "<td>something else</td>").utf8), to: shown.path + "/report.html")
        #expect(!BundleVerifier.verify(shown).passed)
    }

    /// Rewrites the bundle as its owner could: `change` edits its files, then the manifest's
    /// hashes are recomputed and it is signed again with the vault's own key.
    static func reseal(_ path: String, vault: Vault, _ change: (inout [String: [UInt8]]) throws -> Void) throws {
        let names = try FileManager.default.subpathsOfDirectory(atPath: path).filter { name in
            var isFolder: ObjCBool = false
            return FileManager.default.fileExists(atPath: path + "/" + name, isDirectory: &isFolder) && !isFolder.boolValue
        }
        var files: [String: [UInt8]] = [:]
        for name in names { files[name] = TestFiles.read(path + "/" + name) }
        try change(&files)
        var manifest = try JSONCoding.decode(Manifest.self, from: try #require(files[BundleLayout.manifest]))
        manifest.files = manifest.files.compactMap { file in
            guard let bytes = files[file.path] else { return nil }
            return Manifest.File(path: file.path, sha256: HexText.string(SHA256.hash(bytes)), size: UInt64(bytes.count))
        }
        let manifestBytes = try JSONCoding.encode(manifest)
        let id = try #require(HexText.bytes(manifest.treeHead.vaultId))
        files[BundleLayout.manifest] = manifestBytes
        files[BundleLayout.signature] = Array(try vault.store.withSigningKey { key in
            try BundleSigning.sign(manifestBytes, key: key, vaultId: id, treeSize: manifest.treeHead.treeSize, exportedAt: manifest.exportedAt)
        }.utf8)
        for (name, bytes) in files { TestFiles.write(bytes, to: path + "/" + name) }
    }
}
