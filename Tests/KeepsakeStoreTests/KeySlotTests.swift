import Foundation
import KeepsakeCrypto
import KeepsakeTestSupport
import Testing
@testable import KeepsakeStore

@Suite struct KeySlotTests {
    @Test func aPassphraseChangeRetiresTheOldOneAndStartsANewKeyEpochInTheLog() throws {
        let fixture = try StoreFixture(entries: 2)
        let before = TestFiles.fingerprint(fixture.vaultPath)
        let newPassphrase = Passphrase(copying: "a whole new phrase")
        let store = try fixture.open()
        let holders = try store.changePassphrase(to: newPassphrase, parameters: TestKDF.cheap)
        #expect(holders == KeyHolders(passphrases: 1, recoveryCodes: 0, retired: []))
        store.close()
        let after = TestFiles.fingerprint(fixture.vaultPath)
        #expect(Set(after.keys) == Set(before.keys))
        // The key file, the log (one rotation record) and the head (under the new head key).
        #expect(Set(after.filter { before[$0.key] != $0.value }.map(\.key)) == ["0", "1", "2"])
        #expect(throws: StoreError.wrongPassphrase) { try fixture.open() }
        let reopened = try VaultStore.open(at: fixture.vaultPath, passphrase: newPassphrase)
        #expect(reopened.records.map(\.kind) == [.entry, .entry, .keyRotation])
        #expect(reopened.keyGeneration == 1 && reopened.issues.isEmpty)
        #expect(KeyRotationRecord(reopened.records[2].payload) == KeyRotationRecord(generation: 1, firstSeq: 3))
    }

    @Test func anOldKeyFileAndTheOldPassphraseReadNothingWrittenAfterAChange() throws {
        let fixture = try StoreFixture(entries: 2)
        let oldKeyFile = TestFiles.read(fixture.layout.keySlots)
        let oldKeys = try #require(try KeyFile.unlock(oldKeyFile, with: fixture.passphrase, kind: .passphrase))
        let newPassphrase = Passphrase(copying: "the abuser does not know this one")
        let store = try fixture.open()
        try store.changePassphrase(to: newPassphrase, parameters: TestKDF.cheap)
        let beforeSecret = TestFiles.read(fixture.layout.log).count
        try store.append(Array("written after the change".utf8))
        store.close()
        let log = TestFiles.read(fixture.layout.log)
        let keyFile = TestFiles.read(fixture.layout.keySlots)

        // The old key file put back: the old passphrase opens it, the store names it as an
        // older copy and reads nothing, writes nothing.
        TestFiles.write(oldKeyFile, to: fixture.layout.keySlots)
        #expect(throws: StoreError.keySlotFileOutdated(generation: 0, logGeneration: 1)) { try fixture.open() }
        #expect(throws: StoreError.keySlotFileOutdated(generation: 0, logGeneration: 1)) { try fixture.open(.readOnly) }
        #expect(throws: StoreError.wrongPassphrase) {
            try VaultStore.open(at: fixture.vaultPath, passphrase: newPassphrase, mode: .readOnly)
        }
        #expect(TestFiles.read(fixture.layout.log) == log)

        // Someone with the old keys and their own reader: the frame written after the change
        // opens under no sequence number with any of them.
        let old = VaultKeys(masters: oldKeys.ring.epochs.map { ($0.firstSeq, $0.master) })
        let scan = LogScanner(keys: old).scanWithoutPrefetch(log)
        #expect(scan.records.count == 3 && scan.unknownRotation != nil)
        log.withUnsafeBytes { raw in
            let bytes = LogBytes(raw: raw)
            for seq in UInt64(0)..<64 {
                #expect(LogFrame.locate(in: bytes, at: beforeSecret, seq: seq, keys: old) == nil, "seq \(seq)")
            }
        }
        #expect(!String(decoding: log, as: UTF8.self).contains("written after"))

        // The current key file back in place: everything is there.
        TestFiles.write(keyFile, to: fixture.layout.keySlots)
        let reopened = try VaultStore.open(at: fixture.vaultPath, passphrase: newPassphrase)
        #expect(reopened.records.filter { $0.kind == .entry }.count == 3 && reopened.issues.isEmpty)
    }

    @Test func aLogAndHeadPutBackFromBeforeAChangeAreDamageSoNothingIsWrittenUnderOldKeys() throws {
        let fixture = try StoreFixture(entries: 1)
        let (oldLog, oldHead) = (TestFiles.read(fixture.layout.log), TestFiles.read(fixture.layout.head))
        let store = try fixture.open()
        try store.append(Array("a second entry".utf8))
        let fresh = Passphrase(copying: "after the abuser learned the old one")
        try store.changePassphrase(to: fresh, parameters: TestKDF.cheap)
        try store.append(Array("after".utf8))
        store.close()
        // Someone keeps the new key file but puts back a log and head from two frames before
        // the change (consistent with each other): a new entry must not be sealed with the
        // first epoch's keys, which the old key file reaches.
        TestFiles.write(oldLog, to: fixture.layout.log)
        TestFiles.write(oldHead, to: fixture.layout.head)
        let reopened = try VaultStore.open(at: fixture.vaultPath, passphrase: fresh)
        #expect(reopened.issues.contains(.framesMissingAtEnd(acknowledged: 2, found: 1)), "\(reopened.issues)")
        #expect(throws: StoreError.self) { try reopened.append(Array("would be under the old keys".utf8)) }
        reopened.close()
        #expect(TestFiles.read(fixture.layout.log) == oldLog)
    }

    @Test func aRecoveryCodeIsUsedOnceToSetANewPassphrase() throws {
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
        #expect(recovered.records.filter { $0.kind == .entry }.count == 1)
        let fresh = Passphrase(copying: "forgot the old one")
        let nextCode = Passphrase(copying: "NEXT-CODE-2345-6789")
        var change = KeyChange(parameters: TestKDF.cheap)
        change.passphrase = fresh
        change.recoveryCode = nextCode
        let holders = try recovered.changeKeys(change)
        #expect(holders == KeyHolders(passphrases: 1, recoveryCodes: 1, retired: []))
        recovered.close()
        #expect(throws: StoreError.wrongPassphrase) { try fixture.open() }
        #expect(throws: StoreError.wrongPassphrase) {
            try VaultStore.open(at: fixture.vaultPath, passphrase: code, kind: .recovery)
        }
        #expect(try VaultStore.open(at: fixture.vaultPath, passphrase: fresh).records.count == 3)
        #expect(try VaultStore.open(at: fixture.vaultPath, passphrase: nextCode, kind: .recovery).records.count == 3)
    }

    @Test func aNewRecoveryCodeRetiresTheOldOneAndKeepsThePassphrase() throws {
        let fixture = try StoreFixture(entries: 1)
        let first = Passphrase(copying: "FIRST-CODE"), second = Passphrase(copying: "SECOND-CODE")
        let store = try fixture.open()
        try store.setRecoveryCode(first, parameters: TestKDF.cheap)
        let holders = try store.setRecoveryCode(second, parameters: TestKDF.cheap)
        #expect(holders == KeyHolders(passphrases: 1, recoveryCodes: 1, retired: []))
        store.close()
        #expect(throws: StoreError.wrongPassphrase) {
            try VaultStore.open(at: fixture.vaultPath, passphrase: first, kind: .recovery)
        }
        #expect(try VaultStore.open(at: fixture.vaultPath, passphrase: second, kind: .recovery).keyGeneration == 2)
        #expect(try fixture.open(.readOnly).records.filter { $0.kind == .entry }.count == 1)
    }

    @Test func retiringTheRecoveryCodeOnAPassphraseChangeLeavesOnlyTheNewPassphrase() throws {
        let fixture = try StoreFixture(entries: 1)
        let code = Passphrase(copying: "SOME-CODE")
        let store = try fixture.open()
        try store.setRecoveryCode(code, parameters: TestKDF.cheap)
        var change = KeyChange(parameters: TestKDF.cheap)
        change.passphrase = Passphrase(copying: "only this one now")
        change.retireRecoveryCode = true
        #expect(try store.changeKeys(change) == KeyHolders(passphrases: 1, recoveryCodes: 0, retired: []))
        var nothing = KeyChange(parameters: TestKDF.cheap)
        nothing.retireOtherPassphrases = true
        nothing.retireRecoveryCode = true
        // The passphrase that unlocked stays: a change never leaves the vault without a secret.
        #expect(try store.changeKeys(nothing) == KeyHolders(passphrases: 1, recoveryCodes: 0, retired: []))
        store.close()
        #expect(throws: StoreError.wrongPassphrase) {
            try VaultStore.open(at: fixture.vaultPath, passphrase: code, kind: .recovery)
        }
    }

    @Test func aKeyFileCutShortIsNamedAsDamagedAndNothingIsWritten() throws {
        let fixture = try StoreFixture(entries: 1)
        let slots = TestFiles.read(fixture.layout.keySlots)
        let before = TestFiles.read(fixture.layout.log)
        for cut in [0, 1, 183, 184, 700, 1000, slots.count - 1] {
            TestFiles.write(Array(slots[..<cut]), to: fixture.layout.keySlots)
            #expect(throws: StoreError.keySlotFileDamaged(size: cut), "cut at \(cut)") { try fixture.open() }
        }
        #expect(TestFiles.read(fixture.layout.log) == before)
    }

    @Test func aFlippedBitInTheKeySlotFileNeverOpensTheVaultSilentlyWrong() throws {
        let fixture = try StoreFixture(entries: 1)
        let slots = TestFiles.read(fixture.layout.keySlots)
        for index in 0..<(16 + SecretSlot.byteCount) {  // the salt and the slot in use
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
        let bytes = TestFiles.read(folder.appending("v/0"))
        let salt = Array(bytes[0..<16])
        for index in 0..<KeyFile.slotCount {  // used or not, every slot shows the same cost
            let start = 16 + index * 168
            #expect(SecretSlot.decode(bytes[start..<(start + 168)], salt: salt, index: index)?.parameters == .moderate)
        }
    }

    @Test func unmaskedSlotHeadersDoNotTellWhichSlotsAreUsedOrWhetherARecoveryCodeExists() throws {
        let fixture = try StoreFixture(entries: 1)
        func headers() -> [[UInt8]] {
            let bytes = TestFiles.read(fixture.layout.keySlots)
            return (0..<KeyFile.slotCount).map { index in
                let start = 16 + index * 168
                return zip(bytes[start..<(start + 16)], SecretSlot.mask(salt: Array(bytes[0..<16]), index: index)).map { $0 ^ $1 }
            }
        }
        let without = headers()
        let store = try fixture.open()
        try store.setRecoveryCode(Passphrase(copying: "A-CODE"), parameters: TestKDF.cheap)
        store.close()
        let with = headers()
        // What someone who knows the format unmasks: the same cost in every slot, used or not.
        #expect(Set(without).count == 1 && Set(with).count == 1 && without == with)
        #expect(without[0] == SecretSlot.encodeHeader(TestKDF.cheap))
    }

    @Test func decoySlotsHaveTheShapeOfUsedOnes() throws {
        // The one structural mark of a used slot someone could look for: its ephemeral public
        // key (bytes 88..<120) is an X25519 key, whose last byte's top bit is always clear.
        let salt = [UInt8](repeating: 1, count: 16)
        let used = try SecretSlot.seal(
            secret: Passphrase(copying: "words"), salt: salt, parameters: TestKDF.cheap, master: SymmetricKey.random())
        #expect(used.slot.encoded(index: 0)[119] & 0x80 == 0)
        for index in 0..<64 {
            #expect(SecretSlot.decoy(salt: salt, parameters: TestKDF.cheap).encoded(index: index % 4)[119] & 0x80 == 0)
        }
    }

    @Test func theKeyFileLooksUniformlyRandom() throws {
        // Byte-frequency χ² (255 degrees of freedom: mean 255, sd 22.6) and the longest run of
        // one byte value, over key files with and without a recovery code and after changes.
        let fixture = try StoreFixture(entries: 1)
        let store = try fixture.open()
        var files = [TestFiles.read(fixture.layout.keySlots)]
        try store.setRecoveryCode(Passphrase(copying: "A-CODE"), parameters: TestKDF.cheap)
        files.append(TestFiles.read(fixture.layout.keySlots))
        for round in 0..<3 {
            try store.changePassphrase(to: Passphrase(copying: "round \(round) words"), parameters: TestKDF.cheap)
            files.append(TestFiles.read(fixture.layout.keySlots))
        }
        store.close()
        for bytes in files {
            var counts = [Double](repeating: 0, count: 256)
            for byte in bytes { counts[Int(byte)] += 1 }
            let expected = Double(bytes.count) / 256
            let chiSquare = counts.reduce(0) { $0 + ($1 - expected) * ($1 - expected) / expected }
            var longest = 1, run = 1
            for index in 1..<bytes.count {
                run = bytes[index] == bytes[index - 1] ? run + 1 : 1
                longest = max(longest, run)
            }
            print("key file of \(bytes.count) bytes: χ² \(Int(chiSquare)), longest run \(longest)")
            #expect(chiSquare < 350, "χ² \(chiSquare)")  // p ≈ 10⁻⁴ for random bytes
            #expect(longest <= 3, "a run of \(longest) equal bytes")
        }
    }

    @Test func aWrongPassphraseAndAFolderThatIsNotAVaultTakeTheSameTime() throws {
        // The default cost, as an owner's vault has it: four Argon2id runs either way.
        let folder = TemporaryFolder()
        try VaultStore.create(at: folder.appending("v"), passphrase: Passphrase(copying: "right words")).close()
        Directory_create(folder.appending("not-a-vault"))
        // The thread's CPU time (Argon2id runs on the calling thread, one lane): what the
        // refusal costs, steady when other tests or programs load the machine.
        func seconds(_ path: String) -> Double {
            var start = timespec(), end = timespec()
            clock_gettime(CLOCK_THREAD_CPUTIME_ID, &start)
            #expect(throws: StoreError.wrongPassphrase) {
                try VaultStore.open(at: path, passphrase: Passphrase(copying: "wrong words"), mode: .readOnly)
            }
            clock_gettime(CLOCK_THREAD_CPUTIME_ID, &end)
            return Double(end.tv_sec - start.tv_sec) + Double(end.tv_nsec - start.tv_nsec) / 1e9
        }
        var wrong: [Double] = [], notAVault: [Double] = []
        for _ in 0..<5 {
            wrong.append(seconds(folder.appending("v")))
            notAVault.append(seconds(folder.appending("not-a-vault")))
        }
        let (a, b) = (wrong.sorted()[2], notAVault.sorted()[2])
        print("unlock that fails, median CPU time of 5: wrong passphrase \(a) s, not a vault \(b) s")
        #expect(abs(a - b) / max(a, b) < 0.15, "wrong passphrase \(wrong), not a vault \(notAVault)")
    }
}

private func Directory_create(_ path: String) {
    try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
}
