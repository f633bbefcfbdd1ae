import Foundation
import KeepsakeCrypto
import KeepsakeStore
import KeepsakeTestSupport
import KeepsakeVault
import Testing
@testable import KeepsakeBundle

/// Exporting a bundle's archive from a vault, unpacking it safely and verifying it as a
/// recipient would, with the stock `minisign` and `unzip` where they apply.
@Suite struct BundleExportTests {
    let folder = TemporaryFolder()
    static let png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A] + (0..<3000).map { UInt8(truncatingIfNeeded: $0) }

    /// A vault with three incidents (one amended, one with a photo, one retracted), a plan
    /// step and a contact.
    func makeVault() throws -> (Vault, amended: EntryID, withPhoto: EntryID) {
        let vault = try Vault.create(at: folder.appending("vault"), passphrase: Passphrase(copying: "bundle test words"), parameters: TestKDF.cheap)
        let start = Date(timeIntervalSince1970: 1_767_225_600)  // 2026-01-01
        let first = try vault.add(.incident(Incident(
            occurred: Occurrence(start: start.addingTimeInterval(86_400 * 2)), location: "kitchen", kinds: [.verbal],
            account: "He shouted <script>alert(1)</script> at me.", quotes: ["=HYPERLINK(\"http://x\")"])))
        var amended = try #require(first.current.incident)
        amended.account = "He shouted and threw a plate."
        amended.highRisk = [.threatToKill]
        amended.unsureSigns = [.gunAccess]
        try vault.revise(first.id, to: .incident(amended))
        let second = try vault.add(.incident(Incident(
            occurred: Occurrence(start: start.addingTimeInterval(86_400 * 20)), kinds: [.physical],
            account: "He grabbed my arm.", injuries: "bruise")))
        var photo = BytesSource(Self.png)
        try vault.attach(from: &photo, fileName: "arm.png", mediaType: "image/png", to: second.id)
        let third = try vault.add(.incident(Incident(account: "mistake")))
        try vault.retract(third.id, reason: nil)
        try vault.add(.planItem(PlanItem(category: .documents, title: "Copy my passport")))
        try vault.add(.contact(Contact(name: "Ana", role: .advocate)))
        return (vault, first.id, second.id)
    }

    /// Exports, writes the archive, unpacks it into a new folder; returns the folder.
    func exportAndUnpack(_ vault: Vault, _ filters: BundleFilters = BundleFilters(), name: String = "out") throws -> (BundleFolder, ExportSummary) {
        var sink = BytesSink()
        let summary = try BundleExporter.export(vault, filters: filters, to: &sink, timeZone: TimeZone(identifier: "UTC")!)
        let zip = folder.appending(name + ".zip")
        TestFiles.write(sink.bytes, to: zip)
        let out = folder.appending(name)
        try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
        _ = try SafeArchive(archiveURL: URL(fileURLWithPath: zip)).unpack(into: out)
        return (BundleFolder(path: out), summary)
    }

    func text(_ bundle: BundleFolder, _ name: String) -> String {
        String(decoding: bundle.read(name) ?? [], as: UTF8.self)
    }

    @Test func anExportedBundleVerifiesWithKeepsakeAndStockTools() throws {
        let (vault, amended, withPhoto) = try makeVault()
        let (bundle, summary) = try exportAndUnpack(vault)
        #expect(summary.incidentCount == 2)
        #expect(summary.attachmentsIncluded == 1)
        let result = BundleVerifier.verify(bundle)
        #expect(result.passed, "\(result.checks)")
        #expect(result.entriesProved == 4, "2 latest versions + 1 attachment entry + the retraction of the retracted incident (layout 4 lists it)")
        // Without an anchor the signer is unknown: SIGNED, with the key's fingerprint, not VERIFIED.
        #expect(result.verdict.hasPrefix("SIGNED"))
        #expect(result.verdict.contains(vault.store.signingKeyFingerprint.text))
        #expect(result.humanFilesChecked)
        let anchored = BundleVerifier.verify(bundle, anchor: .pinned(try #require(vault.store.currentPinnedAnchor)))
        #expect(anchored.verdict.hasPrefix("VERIFIED"), "\(anchored.checks)")

        let listing = bundle.listing().files
        #expect(Set(listing) == ["README.txt", "report.html", "incidents.csv", "entries.json", "keepsake-vault.pub",
                                 "manifest.json", "manifest.json.minisig", "attachments/\(withPhoto.short)-1-arm.png"])
        let minisign = try ProgramRunner(executable: "/usr/bin/minisign")
            .run(["-V", "-p", bundle.path + "/keepsake-vault.pub", "-m", bundle.path + "/manifest.json"])
        #expect(minisign.status == 0, "\(minisign)")
        #expect(minisign.output.contains("keepsake bundle; vault"))
        let report = text(bundle, "report.html")
        #expect(!report.contains("<script>"))
        #expect(report.contains("&lt;script&gt;") == false, "the first version's text is not included without --history")
        #expect(report.contains("He shouted and threw a plate."))
        #expect(report.contains("a threat to kill"))
        #expect(report.contains("<th>Signs answered “not sure”</th><td>access to a gun</td>"), "not sure is shown as such")
        #expect(report.contains(Hex.encode(SHA256.hash(Self.png))))
        #expect(report.contains("data:image/png;base64,"))
        #expect(report.contains("Earlier versions were not included"))
        #expect(!report.contains("mistake"), "retracted entries stay out")
        #expect(!report.contains("Copy my passport"), "the plan only when asked")
        #expect(report.contains(amended.short))
        let csv = text(bundle, "incidents.csv")
        #expect(csv.contains("\"'=HYPERLINK(\"\"http://x\"\")\""), "formula cells are defused")
        #expect(csv.split(separator: "\r\n").count == 3)
        // Layout 5 puts the arrest and the strangulation follow-ups after the "not sure" column
        // (eleven columns, empty here: nothing was answered).
        #expect(csv.split(separator: "\r\n")[0].hasSuffix(",\"high_risk_not_sure\"," + IncidentsCSV.followUpColumns.map { "\"\($0)\"" }.joined(separator: ",")), "\(csv)")
        #expect(csv.contains(",\"gunAccess\"" + String(repeating: ",\"\"", count: 11) + "\r\n"), "\(csv)")
    }

    @Test func theArchiveVerifiesInPlaceWithoutUnpacking() throws {
        let (vault, _, _) = try makeVault()
        _ = try exportAndUnpack(vault, name: "inplace")
        let zip = folder.appending("inplace.zip")
        let result = BundleVerifier.verify(try BundleArchive(path: zip))
        #expect(result.passed, "\(result.checks)")
        let inMemory = BundleVerifier.verify(try BundleArchive(path: "memory", data: Data(TestFiles.read(zip))))
        #expect(inMemory.passed)
        var bytes = TestFiles.read(zip)
        let offset = try #require(bytes.firstRange(of: Array("He grabbed my arm".utf8))).lowerBound
        bytes[offset] ^= 0x20
        let altered = BundleVerifier.verify(try BundleArchive(path: "altered", data: Data(bytes)))
        #expect(!altered.passed)
    }

    @Test func historyPlanAndContactsComeOnlyWhenAsked() throws {
        let (vault, _, _) = try makeVault()
        let (bundle, _) = try exportAndUnpack(vault, BundleFilters(includeHistory: true, includePlan: true, includeContacts: true))
        let result = BundleVerifier.verify(bundle)
        #expect(result.passed, "\(result.checks)")
        #expect(result.humanFilesChecked, "the report with history, plan and contacts is made again and matches")
        #expect(result.entriesProved == 7, "3 versions + attachment + plan step + contact + the retraction")
        let report = text(bundle, "report.html")
        #expect(report.contains("He shouted &lt;script&gt;alert(1)&lt;/script&gt; at me."))
        #expect(report.contains("Copy my passport"))
        #expect(report.contains("Ana"))
    }

    @Test func filtersSelectIncidentsAndAttachmentsCanBeLeftOut() throws {
        let (vault, amended, withPhoto) = try makeVault()
        let since = Date(timeIntervalSince1970: 1_767_225_600 + 86_400 * 10)
        let (later, laterSummary) = try exportAndUnpack(vault, BundleFilters(since: since), name: "since")
        #expect(laterSummary.incidentCount == 1)
        #expect(text(later, "report.html").contains(withPhoto.short))
        let (byKind, _) = try exportAndUnpack(vault, BundleFilters(kinds: [.verbal], includeAttachments: false), name: "kind")
        #expect(text(byKind, "report.html").contains(amended.short))
        #expect(!text(byKind, "report.html").contains(withPhoto.short))
        let (noFiles, noFilesSummary) = try exportAndUnpack(vault, BundleFilters(ids: [withPhoto], includeAttachments: false), name: "nofiles")
        #expect(noFilesSummary.attachmentsIncluded == 0)
        #expect(!noFiles.listing().files.contains { $0.hasPrefix("attachments/") })
        #expect(text(noFiles, "report.html").contains("not included"))
        #expect(BundleVerifier.verify(noFiles).passed)
        #expect(BundleVerifier.verify(noFiles).humanFilesChecked)
        #expect(BundleVerifier.verify(byKind).humanFilesChecked)
        var sink = BytesSink()
        #expect(throws: BundleError.nothingSelected) {
            try BundleExporter.export(vault, filters: BundleFilters(until: Date(timeIntervalSince1970: 0)), to: &sink)
        }
    }

    @Test func everyAlteredFileFailsTheCheckThatCoversIt() throws {
        let (vault, _, _) = try makeVault()
        let (bundle, _) = try exportAndUnpack(vault)
        let expected = [
            "report.html": "files", "incidents.csv": "files", "README.txt": "files", "entries.json": "files",
            "manifest.json": "signature", "manifest.json.minisig": "signature", "keepsake-vault.pub": "signature",
        ]
        let attachment = try #require(bundle.listing().files.first { $0.hasPrefix("attachments/") })
        for (name, check) in expected.merging([attachment: "files"], uniquingKeysWith: { a, _ in a }) {
            let path = bundle.path + "/" + name
            let original = TestFiles.read(path)
            var altered = original
            altered[altered.count / 2] ^= 0x01
            TestFiles.write(altered, to: path)
            let result = BundleVerifier.verify(bundle)
            #expect(!result.passed, "\(name)")
            #expect(result.checks.contains { $0.name == check && !$0.passed }, "\(name): \(result.checks)")
            #expect(result.verdict.hasPrefix("NOT VERIFIED"))
            TestFiles.write(original, to: path)
        }
        #expect(BundleVerifier.verify(bundle).passed)
        TestFiles.write([1, 2, 3], to: bundle.path + "/extra.txt")
        #expect(!BundleVerifier.verify(bundle).passed)
        TestFiles.remove(bundle.path + "/extra.txt")
        TestFiles.remove(bundle.path + "/" + attachment)
        #expect(!BundleVerifier.verify(bundle).passed)
    }

    @Test func anAnchorSharedEarlierIsCheckedByAConsistencyProof() throws {
        let (vault, _, _) = try makeVault()
        try vault.checkpointIfNeeded()
        let earlier = try #require(vault.store.currentAnchor)
        try vault.add(.incident(Incident(occurred: Occurrence(start: Date(timeIntervalSince1970: 1_768_000_000)), account: "later")))
        let (bundle, summary) = try exportAndUnpack(vault)
        #expect(UInt64(earlier.treeSize) < summary.treeHead.treeSize)
        let good = BundleVerifier.verify(bundle, anchor: earlier)
        #expect(good.passed, "\(good.checks)")
        #expect(good.anchorChecked)
        #expect(good.verdict.contains("only grew"))

        var root = earlier.root
        root[5] ^= 1
        let rewritten = BundleVerifier.verify(bundle, anchor: Anchor(treeSize: earlier.treeSize, root: root, vaultTag: earlier.vaultTag))
        #expect(!rewritten.passed)
        #expect(rewritten.checks.last?.detail.contains("NOT extend") == true)
        let tooBig = BundleVerifier.verify(bundle, anchor: Anchor(treeSize: Int(summary.treeHead.treeSize) + 5, root: root, vaultTag: earlier.vaultTag))
        #expect(tooBig.checks.last?.detail.contains("removed") == true)
        let other = BundleVerifier.verify(bundle, anchor: Anchor(treeSize: earlier.treeSize, root: earlier.root, vaultTag: earlier.vaultTag ^ 1))
        #expect(other.checks.last?.detail.contains("another vault") == true)
        let itself = BundleVerifier.verify(bundle, anchor: Anchor(head: summary.treeHead))
        #expect(itself.passed)
    }

    @Test func aDamagedVaultIsNotExported() throws {
        let (vault, _, _) = try makeVault()
        try vault.close()
        var log = TestFiles.read(folder.appending("vault/1"))
        log[700] ^= 0x40
        TestFiles.write(log, to: folder.appending("vault/1"))
        let reopened = try Vault.open(at: folder.appending("vault"), passphrase: Passphrase(copying: "bundle test words"))
        var sink = BytesSink()
        #expect(throws: BundleError.self) { try BundleExporter.export(reopened, filters: BundleFilters(), to: &sink) }
    }

    @Test func attachmentNamesAreMadeSafe() {
        #expect(BundleExporter.safeName("../../etc/passwd") == "_.._etc_passwd")
        #expect(BundleExporter.safeName("photo 1 (café).jpg") == "photo_1__caf__.jpg")
        #expect(BundleExporter.safeName("") == "file")
        #expect(BundleExporter.safeName(String(repeating: "a", count: 200) + ".jpg").count == 80)
    }
}
