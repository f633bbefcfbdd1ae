import Foundation
import KeepsakeCrypto
import KeepsakeStore
import KeepsakeTestSupport
import Testing
@testable import KeepsakeVault

/// The vaults in `Fixtures/vault-v1`, `vault-v2` and `vault-v3` were written by format versions
/// 1, 2 and 3 (see docs/FORMAT.md: 2 changed the head file; 3 the key file, key epochs, the
/// padded log and blobs), with the same content; `vault-v3-rekeyed` is format 3 re-keyed (a
/// version 4 key ring) with entry schema 4's kinds added. Every later version must keep
/// opening them and reading that content: these tests are the promise that an owner's
/// evidence survives upgrades. Each one's passphrase is in `Fixtures/<name>.passphrase.txt`,
/// its anchor in `Fixtures/<name>.anchor.txt`.
///
/// To rebuild the current version's fixtures after a deliberate change (never for a format
/// change: add a `vault-v4` beside them instead and move `current` to it):
/// `KEEPSAKE_WRITE_FIXTURES=1 swift test --filter "writeTheFixture|writeTheRekeyedFixture"`.
@Suite struct FixtureVaultTests {
    static let fixtures = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures").path
    /// Every fixture vault, oldest first.
    static let versions = ["vault-v1", "vault-v2", "vault-v3"]
    /// The one this version writes.
    static let current = "vault-v3"
    /// Format 3 re-keyed (its key file a version 4 key ring), holding entry schema 4's kinds too.
    static let rekeyed = "vault-v3-rekeyed"
    /// Every fixture vault that holds the common content, the re-keyed one included.
    static let allVaults = versions + [rekeyed]
    /// What the re-keyed fixture holds beside the common content (entry schema 4).
    static let schema4Content: [ItemContent] = [
        .profile(Profile(owner: "A. Owner", firearms: Firearms(answer: .yes, kind: "a rifle", count: "1", kept: "the hall cupboard"))),
        .journal(JournalEntry(text: "Slept badly.\nCalled my sister, which helped.", tags: ["sleep", "family"])),
        .boundary(Boundary(text: "I won't accept being told who I can see.")),
        .letter(LetterToSelf(text: "Dear me,\nRemember the night of the stairs, and why you left.")),
    ]
    static let attachmentText = Array("Photo placeholder: bruise on left arm, day 3.\n".utf8)

    let folder = TemporaryFolder()

    func passphrase(_ name: String) throws -> Passphrase {
        let text = try String(contentsOfFile: Self.fixtures + "/\(name).passphrase.txt", encoding: .utf8)
        return Passphrase(copying: text.trimmingCharacters(in: .newlines))
    }

    /// Opens a copy, so that the lock file and any repair never touch the fixture itself.
    func openCopy(_ name: String, mode: VaultStore.AccessMode = .readOnly) throws -> Vault {
        let copy = folder.appending("copy")
        TestFiles.copyFolder(Self.fixtures + "/" + name, to: copy)
        return try Vault.open(at: copy, passphrase: try passphrase(name), mode: mode)
    }

    @Test(arguments: allVaults) func theVaultOpensWithItsContent(_ name: String) throws {
        let vault = try openCopy(name)
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

    @Test(arguments: allVaults) func theVaultIsIntactAndMatchesItsAnchor(_ name: String) throws {
        let vault = try openCopy(name)
        let anchorText = try String(contentsOfFile: Self.fixtures + "/\(name).anchor.txt", encoding: .utf8)
        let anchor = try Anchor(parsing: anchorText.trimmingCharacters(in: .whitespacesAndNewlines))
        let report = vault.checkIntegrity(anchor: anchor)
        #expect(report.isIntact)
        #expect(report.attachmentsChecked == 1)
        #expect(report.anchorStatus == .matches)
        let head = try #require(report.latestCheckpoint)
        #expect(head.treeSize + 1 == UInt64(report.recordCount))
    }

    @Test(arguments: versions) func aPassphraseChangeGivesAnOldVaultTheNewKeyEpochs(_ name: String) throws {
        let vault = try openCopy(name, mode: .readWrite)
        let copy = folder.appending("copy")
        let oldKeyFile = TestFiles.read(copy + "/0")
        let fresh = Passphrase(copying: "a passphrase chosen after the upgrade")
        try vault.store.changePassphrase(to: fresh, parameters: TestKDF.cheap)
        let added = try vault.add(.incident(Incident(account: "Written after the change.")))
        try vault.close()
        let newKeyFile = TestFiles.read(copy + "/0")
        if oldKeyFile.count == 416 {
            #expect(newKeyFile.count > oldKeyFile.count)  // a version 3 key file now
        } else {
            #expect(newKeyFile.count == oldKeyFile.count && newKeyFile != oldKeyFile)  // already version 3: re-sealed
        }

        let reopened = try Vault.open(at: copy, passphrase: fresh, mode: .readOnly)
        #expect(reopened.store.issues.isEmpty && reopened.store.keyGeneration == 1)
        #expect(reopened.current(.incident).count == 3)
        #expect(reopened.items[added.id]?.current.incident?.account == "Written after the change.")
        let anchorText = try String(contentsOfFile: Self.fixtures + "/\(name).anchor.txt", encoding: .utf8)
        let report = reopened.checkIntegrity(anchor: try Anchor(parsing: anchorText.trimmingCharacters(in: .whitespacesAndNewlines)))
        #expect(report.isIntact && report.anchorStatus == .matches)
        reopened.store.close()

        // The fixture's own key file, put back, opens with the old passphrase but reads nothing new.
        TestFiles.write(oldKeyFile, to: copy + "/0")
        #expect(throws: VaultError.store(.keySlotFileOutdated(generation: 0, logGeneration: 1))) {
            try Vault.open(at: copy, passphrase: try passphrase(name), mode: .readOnly)
        }
    }

    @Test(arguments: versions) func aRekeyedOldVaultKeepsItsContentAndAnchorAndLeavesTheOldKeyFileNothing(_ name: String) throws {
        let vault = try openCopy(name, mode: .readWrite)
        let copy = folder.appending("copy")
        let oldKeyFile = TestFiles.read(copy + "/0")
        let records = vault.store.records
        var change = KeyChange(parameters: TestKDF.cheap)
        let fresh = Passphrase(copying: "a passphrase chosen for the re-key")
        change.passphrase = fresh
        let outcome = try vault.rekey(change)
        #expect(outcome.attachments == 1 && outcome.unreadable.isEmpty)
        try vault.close()

        let reopened = try Vault.open(at: copy, passphrase: fresh, mode: .readOnly)
        #expect(reopened.store.issues.isEmpty && reopened.store.records == records)
        let file = try #require(reopened.current(.incident).compactMap(\.attachments.first).first)
        var sink = BytesSink()
        try reopened.store.readAttachment(try file.reference.storeBlob(), into: &sink)
        #expect(sink.bytes == Self.attachmentText)
        let anchorText = try String(contentsOfFile: Self.fixtures + "/\(name).anchor.txt", encoding: .utf8)
        let report = reopened.checkIntegrity(anchor: try Anchor(parsing: anchorText.trimmingCharacters(in: .whitespacesAndNewlines)))
        #expect(report.isIntact && report.anchorStatus == .matches, "\(report)")
        reopened.store.close()

        // The fixture's own key file, put back, opens nothing with the fixture's passphrase.
        TestFiles.write(oldKeyFile, to: copy + "/0")
        #expect(throws: VaultError.store(.keySlotFileBeforeRekey)) {
            try Vault.open(at: copy, passphrase: try passphrase(name), mode: .readOnly)
        }
    }

    @Test(arguments: allVaults) func theVaultTakesNewEntriesAndStaysIntact(_ name: String) throws {
        let vault = try openCopy(name, mode: .readWrite)
        let added = try vault.add(.incident(Incident(account: "Written by a later version.")))
        try vault.close()
        let copy = folder.appending("copy")
        let reopened = try Vault.open(at: copy, passphrase: try passphrase(name), mode: .readOnly)
        defer { reopened.store.close() }
        #expect(reopened.store.issues.isEmpty)
        #expect(reopened.items[added.id]?.current.incident?.account == "Written by a later version.")
        #expect(reopened.checkIntegrity().isIntact)
        // Whatever head file the vault had, a write leaves the current format's, and a log
        // padded to a rung (format 3).
        #expect(TestFiles.read(copy + "/2").count == 4_200)
        #expect(TestFiles.read(copy + "/1").count % (64 << 10) == 0)
    }

    /// The re-keyed fixture reads back every entry schema 4 kind exactly as written, and its
    /// anchor (taken after the re-key) still matches.
    @Test func theRekeyedVaultReadsItsSchema4EntriesExactly() throws {
        let vault = try openCopy(Self.rekeyed)
        #expect(vault.store.issues.isEmpty && vault.unreadable.isEmpty)
        for expected in Self.schema4Content {
            let items = vault.current(expected.entryKind)
            #expect(items.map(\.current) == [expected], "\(expected.entryKind)")
        }
    }

    /// A re-keyed vault takes a plain passphrase change and a second re-key, keeping its
    /// content, its file and its anchor.
    @Test(arguments: [false, true]) func theRekeyedVaultTakesAnotherKeyChange(_ rekey: Bool) throws {
        let vault = try openCopy(Self.rekeyed, mode: .readWrite)
        let copy = folder.appending("copy")
        let records = vault.store.records
        var change = KeyChange(parameters: TestKDF.cheap)
        let fresh = Passphrase(copying: "a passphrase chosen after the fixture")
        change.passphrase = fresh
        if rekey {
            _ = try vault.rekey(change)
        } else {
            try vault.store.changePassphrase(to: fresh, parameters: TestKDF.cheap)
        }
        try vault.close()

        let reopened = try Vault.open(at: copy, passphrase: fresh, mode: .readOnly)
        defer { reopened.store.close() }
        #expect(reopened.store.issues.isEmpty && reopened.unreadable.isEmpty)
        #expect(Array(reopened.store.records.prefix(records.count)) == records)
        for expected in Self.schema4Content {
            #expect(reopened.current(expected.entryKind).map(\.current) == [expected])
        }
        let file = try #require(reopened.current(.incident).compactMap(\.attachments.first).first)
        var sink = BytesSink()
        try reopened.store.readAttachment(try file.reference.storeBlob(), into: &sink)
        #expect(sink.bytes == Self.attachmentText)
        let anchorText = try String(contentsOfFile: Self.fixtures + "/\(Self.rekeyed).anchor.txt", encoding: .utf8)
        let report = reopened.checkIntegrity(anchor: try Anchor(parsing: anchorText.trimmingCharacters(in: .whitespacesAndNewlines)))
        #expect(report.isIntact && report.anchorStatus == .matches, "\(report)")
        #expect(throws: (any Error).self) {
            try Vault.open(at: copy, passphrase: try passphrase(Self.rekeyed), mode: .readOnly)
        }
    }

    @Test(.enabled(if: ProcessInfo.processInfo.environment["KEEPSAKE_WRITE_FIXTURES"] == "1"))
    func writeTheFixture() throws {
        let vaultPath = Self.fixtures + "/" + Self.current
        try? FileManager.default.removeItem(atPath: vaultPath)
        let vault = try Vault.create(at: vaultPath, passphrase: try passphrase(Self.current), parameters: TestKDF.cheap)
        try Self.writeTheCommonContent(vault)
        try vault.close()
        try writeTheAnchorFile(of: Self.current)
    }

    /// Writes `vault-v3-rekeyed`: the common content and one entry of each kind entry schema 4
    /// added, then re-keyed (`passphrase change --rekey`), so the key file is a version 4 key
    /// ring. Its passphrase is the one after the re-key.
    @Test(.enabled(if: ProcessInfo.processInfo.environment["KEEPSAKE_WRITE_FIXTURES"] == "1"))
    func writeTheRekeyedFixture() throws {
        let vaultPath = Self.fixtures + "/" + Self.rekeyed
        try? FileManager.default.removeItem(atPath: vaultPath)
        let before = Passphrase(copying: "the passphrase before the re-key")
        let vault = try Vault.create(at: vaultPath, passphrase: before, parameters: TestKDF.cheap)
        try Self.writeTheCommonContent(vault)
        for content in Self.schema4Content { try vault.add(content) }
        var change = KeyChange(parameters: TestKDF.cheap)
        change.passphrase = try passphrase(Self.rekeyed)
        _ = try vault.rekey(change)
        try vault.close()
        try writeTheAnchorFile(of: Self.rekeyed)
    }

    /// Two incidents (one amended, one with a file), one retracted, a plan step marked done and
    /// a contact: what every fixture vault holds.
    static func writeTheCommonContent(_ vault: Vault) throws {
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
    }

    /// Writes `<name>.anchor.txt` from the fixture's latest checkpoint and removes its lock file.
    func writeTheAnchorFile(of name: String) throws {
        let vaultPath = Self.fixtures + "/" + name
        let reopened = try Vault.open(at: vaultPath, passphrase: try passphrase(name), mode: .readOnly)
        let anchor = try #require(reopened.store.currentAnchor)
        try (anchor.text + "\n").write(toFile: vaultPath + ".anchor.txt", atomically: true, encoding: .utf8)
        reopened.store.close()
        try? FileManager.default.removeItem(atPath: vaultPath + "/3")
    }
}
