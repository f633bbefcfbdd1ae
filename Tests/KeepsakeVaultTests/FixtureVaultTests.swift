import Foundation
import KeepsakeCrypto
import KeepsakeStore
import KeepsakeTestSupport
import Testing
@testable import KeepsakeVault

/// The vault in `Fixtures/vault-v1` was written by format version 1 (see docs/FORMAT.md).
/// Every later version must keep opening it and reading the same content: this test is the
/// promise that an owner's evidence survives upgrades. Its passphrase is in
/// `Fixtures/vault-v1.passphrase.txt`; its anchor in `Fixtures/vault-v1.anchor.txt`.
///
/// To rebuild the fixture after a deliberate change (never for a format change: add a
/// `vault-v2` beside it instead): `KEEPSAKE_WRITE_FIXTURES=1 swift test --filter FixtureVault`.
@Suite struct FixtureVaultTests {
    static let fixtures = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures").path
    static let vaultPath = fixtures + "/vault-v1"
    static let attachmentText = Array("Photo placeholder: bruise on left arm, day 3.\n".utf8)

    let folder = TemporaryFolder()

    func passphrase() throws -> Passphrase {
        let text = try String(contentsOfFile: Self.fixtures + "/vault-v1.passphrase.txt", encoding: .utf8)
        return Passphrase(copying: text.trimmingCharacters(in: .newlines))
    }

    /// Opens a copy, so that the lock file and any repair never touch the fixture itself.
    func openCopy() throws -> Vault {
        let copy = folder.appending("copy")
        TestFiles.copyFolder(Self.vaultPath, to: copy)
        return try Vault.open(at: copy, passphrase: try passphrase(), mode: .readOnly)
    }

    @Test func theVersion1VaultOpensWithItsContent() throws {
        let vault = try openCopy()
        #expect(vault.store.issues.isEmpty)
        #expect(vault.unreadable.isEmpty)

        let incidents = vault.current(.incident)
        #expect(incidents.count == 2)
        let amended = try #require(incidents.first { $0.isAmended })
        #expect(amended.versions.map { $0.content.incident?.account } == [
            "He threw my phone against the wall.",
            "He threw my phone against the wall and said I would never see the kids again.",
        ])
        #expect(amended.current.incident?.kinds == [.property, .threats])
        #expect(amended.current.incident?.highRisk == [.threatToKill])
        #expect(amended.current.incident?.location == "kitchen")

        let other = try #require(incidents.first { !$0.isAmended })
        #expect(other.current.incident?.injuries == "bruise on left arm")
        let file = try #require(other.attachments.first)
        #expect(file.reference.fileName == "arm-day3.txt")
        #expect(file.reference.sha256 == Hex.encode(SHA256.hash(Self.attachmentText)))
        var sink = BytesSink()
        try vault.store.readAttachment(try file.reference.storeBlob(), into: &sink)
        #expect(sink.bytes == Self.attachmentText)

        let allIncidents = vault.items.values.filter { $0.current.incident != nil }
        #expect(allIncidents.filter(\.isRetracted).count == 1)

        let plan = vault.current(.planItem)
        #expect(plan.map { $0.current.planItem?.title } == ["Pack a go-bag with medicine and chargers"])
        #expect(plan.first?.current.planItem?.status == .done)
        #expect(vault.current(.contact).map { $0.current.contact?.name } == ["Domestic abuse helpline"])
    }

    @Test func theVersion1VaultIsIntactAndMatchesItsAnchor() throws {
        let vault = try openCopy()
        let anchorText = try String(contentsOfFile: Self.fixtures + "/vault-v1.anchor.txt", encoding: .utf8)
        let anchor = try Anchor(parsing: anchorText.trimmingCharacters(in: .whitespacesAndNewlines))
        let report = vault.checkIntegrity(anchor: anchor)
        #expect(report.isIntact)
        #expect(report.attachmentsChecked == 1)
        #expect(report.anchorStatus == .matches)
        let head = try #require(report.latestCheckpoint)
        #expect(head.treeSize + 1 == UInt64(report.recordCount))
    }

    @Test(.enabled(if: ProcessInfo.processInfo.environment["KEEPSAKE_WRITE_FIXTURES"] == "1"))
    func writeTheFixture() throws {
        try? FileManager.default.removeItem(atPath: Self.vaultPath)
        let vault = try Vault.create(at: Self.vaultPath, passphrase: try passphrase(), parameters: TestKDF.cheap)
        let day = 86_400.0
        let start = Date(timeIntervalSince1970: 1_767_225_600)  // 2026-01-01T00:00:00Z
        let first = try vault.add(.incident(Incident(
            occurred: Occurrence(start: start.addingTimeInterval(3 * day + 21 * 3600)),
            location: "kitchen", kinds: [.property, .threats],
            account: "He threw my phone against the wall.", highRisk: [.threatToKill])))
        var revised = try #require(first.current.incident)
        revised.account = "He threw my phone against the wall and said I would never see the kids again."
        try vault.revise(first.id, to: .incident(revised))
        let second = try vault.add(.incident(Incident(
            occurred: Occurrence(start: start.addingTimeInterval(9 * day), approximate: true, note: "evening"),
            kinds: [.physical], account: "He grabbed my arm on the stairs.", injuries: "bruise on left arm")))
        var source = BytesSource(Self.attachmentText)
        try vault.attach(from: &source, fileName: "arm-day3.txt", mediaType: "text/plain", caption: "day 3", to: second.id)
        let mistaken = try vault.add(.incident(Incident(account: "Written by mistake.")))
        try vault.retract(mistaken.id, reason: "duplicate")
        let step = try vault.add(.planItem(PlanItem(category: .goBag, title: "Pack a go-bag with medicine and chargers")))
        var done = try #require(step.current.planItem)
        done.status = .done
        done.doneAt = start.addingTimeInterval(10 * day)
        try vault.revise(step.id, to: .planItem(done))
        try vault.add(.contact(Contact(name: "Domestic abuse helpline", role: .hotline, phone: "0808 2000 247")))
        try vault.close()
        let reopened = try Vault.open(at: Self.vaultPath, passphrase: try passphrase(), mode: .readOnly)
        let anchor = try #require(reopened.store.currentAnchor)
        try (anchor.text + "\n").write(toFile: Self.fixtures + "/vault-v1.anchor.txt", atomically: true, encoding: .utf8)
        reopened.store.close()
        try? FileManager.default.removeItem(atPath: Self.vaultPath + "/3")
    }
}
