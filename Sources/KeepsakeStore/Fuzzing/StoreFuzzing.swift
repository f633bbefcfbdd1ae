import KeepsakeCrypto

/// Entry points for the libFuzzer targets under `Fuzz/`, and for nothing else: they run the
/// store's internal parsers (the log scanner, the head file, the key-slot file) over arbitrary
/// bytes and check what must hold for any input. A failed check stops the process, which is
/// what a fuzzer needs to see.
///
/// The keys are fixed and public (`masterKeyBytes`) so that the seed corpus in
/// `Fixtures/fuzz/` can hold valid frames for the fuzzer to mutate. Never use them for a vault.
public enum StoreFuzzing {
    /// The fuzzing master key: 32 bytes of 0x4B. Public on purpose; protects nothing.
    public static let masterKeyBytes = [UInt8](repeating: 0x4B, count: SymmetricKey.byteCount)
    /// The passphrase that opens the key slots in the seed corpus.
    public static let passphrase = "fuzzing passphrase"
    /// Slots that ask for more than this are parsed but never unlocked (one Argon2id run each).
    static let unlockMemoryLimit: UInt64 = 64 << 10

    static let keys = VaultKeys(master: try! SymmetricKey(SecureBytes(copying: masterKeyBytes)))  // 32 bytes

    /// Reads `bytes` as a log, as `VaultStore.open` does (every frame's header, tag and chain;
    /// the search for moved frames; resynchronisation after damage), and checks the scan's
    /// invariants: it ends inside the input, a tail runs from there to the end, each sequence
    /// number is kept once and the next one is above all of them.
    /// - Returns: the number of records that authenticated.
    public static func scanLog(_ bytes: [UInt8]) -> Int {
        let scan = LogScanner(keys: keys).scan(bytes)
        precondition(scan.end <= bytes.count, "the scan ends past the log")
        if let tail = scan.tail {
            precondition(tail.lowerBound == scan.end && tail.upperBound == bytes.count, "the tail is not the rest of the log")
        }
        precondition(scan.records.count == scan.leafHashes.count, "a record without its leaf slot")
        let plain = LogScanner(keys: keys).scanWithoutPrefetch(bytes)
        precondition(plain.records == scan.records && plain.issues == scan.issues && plain.end == scan.end
            && plain.nextSeq == scan.nextSeq && plain.lastHash == scan.lastHash, "reading ahead changed the scan")
        for (record, leaf) in zip(scan.records, scan.leafHashes) {
            precondition(leaf == nil || leaf!.bytes == EntryCommitment.leafHash(salt: keys.commitmentSalt(seq: record.seq), seq: record.seq, plaintext: record.plaintext), "a leaf hash made ahead differs")
        }
        precondition(Set(scan.records.map(\.seq)).count == scan.records.count, "a sequence number kept twice")
        precondition(scan.records.allSatisfy { $0.seq < scan.nextSeq }, "the next sequence number is taken")
        precondition(scan.issues.isEmpty || !bytes.isEmpty, "issues in an empty log")
        return scan.records.count
    }

    /// Reads `bytes` as a head file (format 1 or 2: the last acknowledged frame count, length
    /// and hash, in one slot or two).
    /// - Returns: whether a slot opened.
    public static func readHead(_ bytes: [UInt8]) -> Bool {
        let file = HeadFile(bytes: bytes, keys: keys)
        precondition(file.slots.allSatisfy { $0 == nil || $0!.lastHash.count == 32 }, "a head with a short hash")
        guard let newest = file.newest else {
            precondition(file.isDamaged(logFrames: 0), "no state, yet not damaged")
            return false
        }
        precondition(newest.slot < file.slots.count, "a slot that is not there")
        return true
    }

    /// Reads `bytes` as a key-slot file. Every slot that parses must encode back to exactly
    /// its own bytes; a slot cheap enough to try (at most 64 KiB of Argon2id memory) is tried
    /// with `passphrase`.
    /// - Returns: the number of slots that parsed.
    public static func parseKeySlots(_ bytes: [UInt8]) -> Int {
        if bytes.count > KeySlotFile.byteCount { return parseVersion3KeyFile(bytes) }
        let file = KeySlotFile(bytes: bytes)
        precondition(file.slots.count == KeySlotFile.slotCount, "a key-slot file without four slots")
        var parsed = 0
        for (index, slot) in file.slots.enumerated() {
            guard let slot else { continue }
            parsed += 1
            let start = index * KeySlot.byteCount
            precondition(slot.encoded() == Array(bytes[start..<start + KeySlot.byteCount]), "a slot that does not encode back")
            if slot.parameters.memLimit <= unlockMemoryLimit {
                _ = try? slot.unwrap(with: Passphrase(copying: passphrase))
            }
        }
        return parsed
    }

    /// Reads `bytes` as a version 3 key file: every slot that parses must encode back to its
    /// own bytes; a slot cheap enough is tried with `passphrase`, and the ring of any master
    /// key it gives is opened (as is the ring with the fuzzing master key).
    /// - Returns: the number of slots that parsed.
    static func parseVersion3KeyFile(_ bytes: [UInt8]) -> Int {
        let salt = Array(bytes.prefix(KeyFile.slotsStart))
        var parsed = 0
        var masters = [try! SymmetricKey(SecureBytes(copying: masterKeyBytes))]
        for index in 0..<KeyFile.slotCount {
            let start = KeyFile.slotsStart + index * SecretSlot.byteCount
            guard start + SecretSlot.byteCount <= bytes.count,
                let slot = SecretSlot.decode(bytes[start..<start + SecretSlot.byteCount], salt: salt, index: index)
            else { continue }
            parsed += 1
            precondition(slot.encoded(index: index) == Array(bytes[start..<start + SecretSlot.byteCount]), "a slot that does not encode back")
            if slot.parameters.memLimit <= unlockMemoryLimit, let key = try? slot.wrappingKey(for: Passphrase(copying: passphrase)),
                let master = slot.unwrap(with: key)
            {
                masters.append(master)
            }
        }
        if bytes.count > KeyFile.ringStart {
            for master in masters { _ = KeyRing.open(bytes[KeyFile.ringStart...], master: master) }
        }
        return parsed
    }
}
