import KeepsakeCrypto
import KeepsakeTestSupport
import Testing
@testable import KeepsakeStore

@Suite struct VaultStoreBasicsTests {
    @Test func appendedRecordsReadBackInOrderAfterReopening() throws {
        let fixture = try StoreFixture(entries: 5)
        let store = try fixture.open(.readOnly)
        #expect(store.records.map(\.payload) == (0..<5).map(fixture.payload))
        #expect(store.records.map(\.seq) == Array(0..<5))
        #expect(store.issues.isEmpty)
    }

    @Test func wrongPassphraseIsDistinctAndChangesNoFile() throws {
        let fixture = try StoreFixture()
        let before = TestFiles.fingerprint(fixture.vaultPath)
        #expect(throws: StoreError.wrongPassphrase) {
            try VaultStore.open(at: fixture.vaultPath, passphrase: Passphrase(copying: "wrong"))
        }
        #expect(TestFiles.fingerprint(fixture.vaultPath) == before)
    }

    @Test func aFolderThatIsNotAVaultGivesTheSameAnswerAsAWrongPassphrase() throws {
        let folder = TemporaryFolder()
        TestFiles.write(SecureRandom.bytes(count: 416), to: folder.appending("0"))
        #expect(throws: StoreError.wrongPassphrase) {
            try VaultStore.open(at: folder.path, passphrase: Passphrase(copying: "anything"))
        }
        let empty = TemporaryFolder()
        #expect(throws: StoreError.wrongPassphrase) {
            try VaultStore.open(at: empty.path, passphrase: Passphrase(copying: "anything"))
        }
    }

    @Test func filesAre0600FoldersAre0700AndNamesAreNeutral() throws {
        let fixture = try StoreFixture()
        #expect(TestFiles.mode(fixture.vaultPath) == 0o700)
        #expect(TestFiles.mode(fixture.layout.blobs) == 0o700)
        for name in ["0", "1", "2", "3"] {
            #expect(TestFiles.mode(fixture.vaultPath + "/" + name) == 0o600, "file \(name)")
        }
        #expect(Directory.entries(fixture.vaultPath) == ["0", "1", "2", "3", "4"])
    }

    @Test func noFileHoldsPlaintextOrARecognisableHeader() throws {
        let fixture = try StoreFixture(entries: 2)
        for (name, _) in TestFiles.fingerprint(fixture.vaultPath) {
            let bytes = TestFiles.read(fixture.vaultPath + "/" + name)
            let text = String(decoding: bytes, as: UTF8.self)
            #expect(!text.contains("private account"), "plaintext in \(name)")
            #expect(!text.lowercased().contains("keepsake"), "identifier in \(name)")
        }
        // Same passphrase, same content, two vaults: no common prefix (no magic bytes).
        let other = try StoreFixture(entries: 2)
        let a = TestFiles.read(fixture.layout.keySlots), b = TestFiles.read(other.layout.keySlots)
        #expect(a.prefix(4) != b.prefix(4))
        #expect(a.count == KeyFile.smallestByteCount && b.count == KeyFile.smallestByteCount)
    }

    @Test func frameSizesRevealOnlyABucket() throws {
        let fixture = try StoreFixture(entries: 0)
        let store = try fixture.open()
        let before = store.logFramesEnd
        try store.append(Array(repeating: 0x41, count: 10))
        let small = store.logFramesEnd - before
        try store.append(Array(repeating: 0x41, count: 400))
        let larger = store.logFramesEnd - before - small
        #expect(fixture.log.count == LogGrowth.step, "the file itself stays one rung")
        #expect(small == larger)  // both in the 512-byte bucket
        #expect(small == LogFrame.overheadByteCount + 512 + 16)
    }

    @Test func createRefusesAFolderThatHasFiles() throws {
        let fixture = try StoreFixture(entries: 0)
        #expect(throws: StoreError.alreadyExists(path: fixture.vaultPath)) {
            try VaultStore.create(
                at: fixture.vaultPath, passphrase: fixture.passphrase, parameters: TestKDF.cheap)
        }
    }

    @Test func openingAMissingFolderSaysThereIsNoVault() throws {
        let folder = TemporaryFolder()
        let path = folder.appending("nothing-here")
        #expect(throws: StoreError.noVault(path: path)) {
            try VaultStore.open(at: path, passphrase: Passphrase(copying: "x"))
        }
    }

    @Test func aSecondWriterIsRefusedWhileTheFirstHoldsTheVault() throws {
        let fixture = try StoreFixture(entries: 1)
        let first = try fixture.open()
        #expect(throws: StoreError.busy) {
            try VaultStore.open(
                at: fixture.vaultPath, passphrase: fixture.passphrase, lockTimeout: 0.2)
        }
        withExtendedLifetime(first) {}
    }

    @Test func anEntryLargerThanAFrameIsRefusedAndNothingIsWritten() throws {
        let fixture = try StoreFixture(entries: 1)
        let store = try fixture.open()
        let before = fixture.log
        #expect(throws: StoreError.self) {
            try store.append([UInt8](repeating: 1, count: LogFrame.maximumPlaintextByteCount))
        }
        #expect(fixture.log == before)
    }
}
