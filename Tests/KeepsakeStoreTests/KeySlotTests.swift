import KeepsakeCrypto
import KeepsakeTestSupport
import Testing
@testable import KeepsakeStore

@Suite struct KeySlotTests {
    @Test func changingThePassphraseRewritesOnlyTheKeySlotFileAndRetiresTheOldOne() throws {
        let fixture = try StoreFixture(entries: 2)
        let before = TestFiles.fingerprint(fixture.vaultPath)
        let newPassphrase = Passphrase(copying: "a whole new phrase")
        let store = try fixture.open()
        try store.changePassphrase(to: newPassphrase, parameters: TestKDF.cheap)
        store.close()
        let after = TestFiles.fingerprint(fixture.vaultPath)
        #expect(Set(after.keys) == Set(before.keys))
        #expect(after.filter { before[$0.key] != $0.value }.map(\.key) == ["0"])
        #expect(throws: StoreError.wrongPassphrase) { try fixture.open() }
        let reopened = try VaultStore.open(at: fixture.vaultPath, passphrase: newPassphrase)
        #expect(reopened.records.count == 2)
    }

    @Test func aRecoveryCodeUnlocksAndThenSetsANewPassphrase() throws {
        let fixture = try StoreFixture(entries: 1)
        let code = Passphrase(copying: "RCVR-7KQ2-MX9P-4TZD")
        let store = try fixture.open()
        try store.setRecoveryCode(code, parameters: TestKDF.cheap)
        store.close()
        // The code is not a passphrase, and the passphrase is not a code.
        #expect(throws: StoreError.wrongPassphrase) {
            try VaultStore.open(at: fixture.vaultPath, passphrase: code)
        }
        #expect(throws: StoreError.wrongPassphrase) {
            try VaultStore.open(at: fixture.vaultPath, passphrase: fixture.passphrase, kind: .recovery)
        }
        let recovered = try VaultStore.open(at: fixture.vaultPath, passphrase: code, kind: .recovery)
        #expect(recovered.records.count == 1)
        let fresh = Passphrase(copying: "forgot the old one")
        try recovered.changePassphrase(to: fresh, parameters: TestKDF.cheap)
        recovered.close()
        #expect(throws: StoreError.wrongPassphrase) { try fixture.open() }
        #expect(try VaultStore.open(at: fixture.vaultPath, passphrase: fresh).records.count == 1)
        #expect(try VaultStore.open(at: fixture.vaultPath, passphrase: code, kind: .recovery).records.count == 1)
    }

    @Test func aTruncatedKeySlotFileStillOpensWithItsIntactSlotAndSaysSo() throws {
        let fixture = try StoreFixture(entries: 1)
        let slots = TestFiles.read(fixture.layout.keySlots)
        TestFiles.write(Array(slots[..<300]), to: fixture.layout.keySlots)
        let store = try fixture.open(.readOnly)
        #expect(store.records.count == 1)
        #expect(store.issues.contains(.keySlotFileDamaged(size: 300)))
    }

    @Test func aKeySlotFileCutInsideItsOnlySlotIsNamedAsDamaged() throws {
        let fixture = try StoreFixture(entries: 1)
        let slots = TestFiles.read(fixture.layout.keySlots)
        let before = TestFiles.read(fixture.layout.log)
        for cut in [0, 1, 50, 103] {
            TestFiles.write(Array(slots[..<cut]), to: fixture.layout.keySlots)
            #expect(throws: StoreError.keySlotFileDamaged(size: cut)) { try fixture.open() }
        }
        #expect(TestFiles.read(fixture.layout.log) == before)
    }

    @Test func aFlippedBitInTheKeySlotFileNeverOpensTheVaultSilentlyWrong() throws {
        let fixture = try StoreFixture(entries: 1)
        let slots = TestFiles.read(fixture.layout.keySlots)
        for index in 0..<KeySlot.byteCount {  // the slot in use
            var damaged = slots
            damaged[index] ^= 0x80
            TestFiles.write(damaged, to: fixture.layout.keySlots)
            #expect(throws: StoreError.wrongPassphrase, "flip at \(index)") { try fixture.open(.readOnly) }
        }
    }

    @Test func storedKeyDerivationCostsAreCappedAgainstHostileFiles() throws {
        var header = KeySlot.encodeHeader(
            kind: .passphrase, parameters: Argon2idParameters(opsLimit: 3, memLimit: 1 << 40))
        let salt = [UInt8](repeating: 7, count: 16)
        header = zip(header, KeySlot.mask(salt: salt)).map { $0 ^ $1 }
        let bytes = salt + header + [UInt8](repeating: 0, count: 72)
        #expect(KeySlot.decode(bytes[...]) == nil)
    }

    @Test func unlockingTakesTheDefaultCostUnlessToldOtherwise() throws {
        // The default is libsodium's MODERATE (3 passes, 256 MiB): the promise of SECURITY.md.
        let folder = TemporaryFolder()
        let store = try VaultStore.create(
            at: folder.appending("v"), passphrase: Passphrase(copying: "default cost"))
        store.close()
        let slots = KeySlotFile(bytes: TestFiles.read(folder.appending("v/0")))
        #expect(slots.slots[0]?.parameters == .moderate)
    }
}
