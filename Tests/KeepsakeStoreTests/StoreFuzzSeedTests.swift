import KeepsakeCrypto
import KeepsakeTestSupport
import Testing
@testable import KeepsakeStore

/// The seeds of the store's fuzz targets (log scanner, key slots, anchor) in `Fixtures/fuzz/`,
/// made under the fixed fuzzing keys of `StoreFuzzing`; each still means what it should.
/// `KEEPSAKE_WRITE_FUZZ_SEEDS=1 swift test --filter StoreFuzzSeedTests` writes them afresh.
@Suite struct StoreFuzzSeedTests {
    let keys = StoreFuzzing.keys

    /// Frames sealed and chained as `VaultStore.append` does, under the fuzzing keys.
    func log(_ records: [LogRecord]) throws -> [UInt8] {
        var previous = LogFrame.genesisHash(vaultId: keys.vaultId)
        var bytes: [UInt8] = []
        for record in records {
            let frame = try LogFrame.seal(record.plaintext, seq: record.seq, previousHash: previous, keys: keys)
            previous = LogFrame.hash(frame)
            bytes += frame
        }
        return bytes
    }

    /// Three entries and a checkpoint over them, signed by the fuzzing key.
    func recordsWithCheckpoint() -> [LogRecord] {
        var records = (0..<3).map { i in
            LogRecord(seq: UInt64(i), kind: .entry, writtenAt: 1_767_225_600_000 + UInt64(i),
                      payload: Array(#"{"id":"00000000000000a\#(i)","incident":{"account":"fuzz"},"kind":"incident","schema":1}"#.utf8))
        }
        var tree = MerkleTree()
        for record in records {
            _ = tree.append(leafHash: EntryCommitment.leafHash(salt: keys.commitmentSalt(seq: record.seq), seq: record.seq, plaintext: record.plaintext))
        }
        let head = SignedTreeHead(vaultId: keys.vaultId, treeSize: 3, root: tree.root, timestamp: 1_767_225_600_100, signingKey: keys.signingKey)
        records.append(LogRecord(seq: 3, kind: .checkpoint, writtenAt: 1_767_225_600_100, payload: head.encoded()))
        return records
    }

    @Test func logScannerSeedsScanAsMade() throws {
        let records = recordsWithCheckpoint()
        let full = try FuzzSeeds.seed("log-scanner", "entries-and-checkpoint.bin") { try log(records) }
        #expect(StoreFuzzing.scanLog(full) == 4)
        let one = try FuzzSeeds.seed("log-scanner", "one-entry.bin") { try log([records[0]]) }
        #expect(StoreFuzzing.scanLog(one) == 1)
        let large = try FuzzSeeds.seed("log-scanner", "large-entry.bin") {
            try log([LogRecord(seq: 0, kind: .entry, writtenAt: 1, payload: [UInt8](repeating: 0x7B, count: 1_500))])
        }
        #expect(StoreFuzzing.scanLog(large) == 1 && large.count == 60 + 2_048 + 16)
        let torn = try FuzzSeeds.seed("log-scanner", "torn-tail.bin") { Array(try log(records).dropLast(200)) }
        #expect(StoreFuzzing.scanLog(torn) == 3)
        let damaged = try FuzzSeeds.seed("log-scanner", "damaged-second-frame.bin") {
            var bytes = try log(records)
            bytes[700] ^= 0x10
            return bytes
        }
        #expect(StoreFuzzing.scanLog(damaged) == 3)
        let state = LogHead(frameCount: 4, logLength: UInt64(full.count), lastHash: LogFrame.hash(Array(full.suffix(588))))
        // Format 1 (one sealed state, vaults made before) and format 2 (two slots).
        let head = try FuzzSeeds.seed("log-scanner", "head.bin") { state.sealed(keys: keys, slot: nil) }
        #expect(StoreFuzzing.readHead(head) && head.count == LogHead.sealedByteCount)
        let slots = try FuzzSeeds.seed("log-scanner", "head-two-slots.bin") { HeadFile.encoded(state, keys: keys) }
        #expect(StoreFuzzing.readHead(slots) && slots.count == HeadFile.byteCount)
        #expect(HeadFile(bytes: slots, keys: keys).slots.map { $0?.frameCount } == [4, 4])
    }

    @Test func keySlotSeedsParseAndUnlockWithTheFuzzingPassphrase() throws {
        let master = try SymmetricKey(SecureBytes(copying: StoreFuzzing.masterKeyBytes))
        let passphrase = Passphrase(copying: StoreFuzzing.passphrase)
        func slot(_ kind: KeySlot.Kind) throws -> KeySlot {
            try KeySlot.seal(masterKey: master, passphrase: passphrase, kind: kind, parameters: TestKDF.cheap)
        }
        let one = try FuzzSeeds.seed("key-slots", "one-passphrase.bin") { KeySlotFile(first: try slot(.passphrase)).encoded() }
        #expect(StoreFuzzing.parseKeySlots(one) == 1)
        #expect(try KeySlotFile(bytes: one).unlock(with: passphrase, kind: .passphrase)?.index == 0)
        let two = try FuzzSeeds.seed("key-slots", "passphrase-and-recovery.bin") {
            var file = KeySlotFile(first: try slot(.passphrase))
            file.slots[2] = try slot(.recovery)
            return file.encoded()
        }
        #expect(StoreFuzzing.parseKeySlots(two) == 2)
        #expect(try KeySlotFile(bytes: two).unlock(with: passphrase, kind: .recovery)?.index == 2)
        // Version 3: a salt, four slots (one used, three decoys of the same cost) and the ring.
        let three = try FuzzSeeds.seed("key-slots", "version-3.bin") {
            let salt = [UInt8](repeating: 9, count: 16)
            let sealed = try SecretSlot.seal(secret: passphrase, salt: salt, parameters: TestKDF.cheap, master: master)
            let ring = KeyRing(
                holders: [KeyRing.Holder(kind: .passphrase, publicKey: sealed.publicKey), nil, nil, nil], epochs: [(0, master)])
            return KeyFile(salt: salt, slots: [sealed.slot, nil, nil, nil], ring: ring).encoded()
        }
        #expect(StoreFuzzing.parseKeySlots(three) == 4)
        #expect(try KeyFile.unlock(three, with: passphrase, kind: .passphrase)?.index == 0)
        let short = try FuzzSeeds.seed("key-slots", "short.bin") { Array(two.prefix(250)) }
        #expect(StoreFuzzing.parseKeySlots(short) == 1)
    }

    @Test func anchorSeedsParseOrFailAsMade() throws {
        let anchor = Anchor(treeSize: 1_234, root: SHA256.hash(Array("fuzz".utf8)), vaultTag: Anchor.vaultTag(forVaultId: keys.vaultId))
        let forms: [(String, String)] = [
            ("printed.txt", anchor.text),
            ("lowercase.txt", anchor.text.lowercased()),
            ("no-hyphens.txt", anchor.text.replacingOccurrences(of: "-", with: "")),
            ("spaces-and-newline.txt", anchor.text.replacingOccurrences(of: "-", with: " ") + "\n"),
            ("empty-tree.txt", Anchor(treeSize: 0, root: SHA256.hash([]), vaultTag: 0).text),
        ]
        for (name, text) in forms {
            let seed = try FuzzSeeds.seed("anchor", name) { Array(text.utf8) }
            #expect((try? Anchor(parsing: String(decoding: seed, as: UTF8.self))) != nil, "\(name)")
        }
        let typo = try FuzzSeeds.seed("anchor", "one-typo.txt") {
            var characters = Array(anchor.text)
            characters[20] = characters[20] == "A" ? "B" : "A"
            return Array(String(characters).utf8)
        }
        #expect(throws: AnchorError.self) { try Anchor(parsing: String(decoding: typo, as: UTF8.self)) }

        // Format 2 (KS2), which pins the vault key.
        let pinned = PinnedAnchor(publicKey: keys.signingKey.publicKey, treeSize: 1_234, root: SHA256.hash(Array("fuzz".utf8)))
        let pinnedForms: [(String, String)] = [
            ("ks2-printed.txt", pinned.text),
            ("ks2-lowercase.txt", pinned.text.lowercased()),
            ("ks2-no-hyphens.txt", pinned.text.replacingOccurrences(of: "-", with: "")),
            ("ks2-spaces-and-newline.txt", pinned.text.replacingOccurrences(of: "-", with: " ") + "\n"),
        ]
        for (name, text) in pinnedForms {
            let seed = try FuzzSeeds.seed("anchor", name) { Array(text.utf8) }
            #expect((try? SharedAnchor(parsing: String(decoding: seed, as: UTF8.self))) == .pinned(pinned), "\(name)")
        }
        let pinnedTypo = try FuzzSeeds.seed("anchor", "ks2-one-typo.txt") {
            var characters = Array(pinned.text)
            characters[20] = characters[20] == "A" ? "B" : "A"
            return Array(String(characters).utf8)
        }
        #expect(throws: AnchorError.self) { try SharedAnchor(parsing: String(decoding: pinnedTypo, as: UTF8.self)) }
    }
}
