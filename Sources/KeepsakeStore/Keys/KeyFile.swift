import KeepsakeCrypto

/// The key file `0` of a version 3 vault: the Argon2id salt its slots share, four
/// `SecretSlot`s (unused ones are decoys) and the sealed `KeyRing`. Vaults made before
/// version 3 have a `KeySlotFile` instead, read here too and replaced by a version 3 file at
/// the first key change.
///
///     file = salt (16) ‖ 4 × slot (168) ‖ sealed key ring (24 + 16 + n × 1,024)
struct KeyFile: Sendable {
    static let slotCount = 4
    static let slotsStart = Argon2id.saltByteCount
    static let ringStart = slotsStart + slotCount * SecretSlot.byteCount
    /// The size of a file whose ring holds up to 22 epochs (one more block per 25 after that).
    static let smallestByteCount = ringStart + KeyRing.overheadByteCount + KeyRing.blockByteCount

    /// The salt every slot's Argon2id run uses: made with the file, kept across key changes
    /// (a slot that stays keeps the wrapping its secret made).
    var salt: [UInt8]
    /// Slots by position (nil: unused; a decoy is written there).
    var slots: [SecretSlot?]
    /// The ring, as read or to be written.
    var ring: KeyRing

    /// Whether `count` is the size of an intact version 1 or version 3 key file.
    static func isIntactSize(_ count: Int) -> Bool {
        count == KeySlotFile.byteCount
            || (count >= smallestByteCount && (count - smallestByteCount) % KeyRing.blockByteCount == 0)
    }

    /// The bytes to write: decoys in unused positions, with the cost of a used slot.
    func encoded() -> [UInt8] {
        let parameters = slots.lazy.compactMap { $0?.parameters }.first ?? .moderate
        return salt
            + slots.enumerated().flatMap { index, slot in
                (slot ?? SecretSlot.decoy(salt: salt, parameters: parameters)).encoded(index: index)
            } + ring.sealed()
    }

    /// What unlocking found.
    struct Unlocked: Sendable {
        /// The ring (made from the slot's key alone for a version 1 file).
        let ring: KeyRing
        /// The slot that opened.
        let index: Int
        /// Set for a version 1 file: it is replaced by a version 3 file at the first key change.
        let legacy: KeySlotFile?
        /// The version 3 file's salt (a new one for a version 1 file).
        let salt: [UInt8]
        /// The version 3 file's slots (empty for a version 1 file).
        let slots: [SecretSlot?]
    }

    /// Unlocks the key file's bytes with `secret` as a slot of `kind`.
    ///
    /// One Argon2id run per distinct cost among the slots (one, unless slots were made with
    /// different `--kdf-*` options), and every slot of that cost tried with its key: a wrong
    /// secret costs what a right one does. A file with no readable slot (not a key file, or
    /// damaged) costs one run of the default cost, as `spendFailedUnlock` does for a folder
    /// without one. A version 1 file costs one run per used slot, as before.
    /// - Returns: nil when nothing opens.
    /// - Throws: `StoreError.unsupported` when Argon2id can't get its memory;
    ///   `.keySlotFileDamaged` when a slot opens but the ring does not.
    static func unlock(_ bytes: [UInt8], with secret: Passphrase, kind: KeySlot.Kind) throws(StoreError) -> Unlocked? {
        if bytes.count <= KeySlotFile.byteCount { return try unlockLegacy(bytes, with: secret, kind: kind) }
        let salt = Array(bytes[0..<slotsStart])
        let slots = (0..<slotCount).map { index in
            let start = slotsStart + index * SecretSlot.byteCount
            let end = start + SecretSlot.byteCount
            return end <= bytes.count ? SecretSlot.decode(bytes[start..<end], salt: salt, index: index) : nil
        }
        var costs: [Argon2idParameters] = []
        for parameters in slots.compactMap({ $0?.parameters }) where !costs.contains(parameters) { costs.append(parameters) }
        if costs.isEmpty { try spend(secret, .moderate) }
        for parameters in costs {
            guard let index = slots.firstIndex(where: { $0?.parameters == parameters }), let first = slots[index] else { continue }
            let wrappingKey = try derive { () throws(CryptoError) in try first.wrappingKey(for: secret) }
            for (index, slot) in slots.enumerated() where slot?.parameters == parameters {
                guard let master = slot?.unwrap(with: wrappingKey) else { continue }
                guard bytes.count > ringStart, let ring = KeyRing.open(bytes[ringStart...], master: master) else {
                    throw .keySlotFileDamaged(size: bytes.count)
                }
                guard ring.holders[index]?.kind == kind else { continue }
                return Unlocked(ring: ring, index: index, legacy: nil, salt: salt, slots: slots)
            }
        }
        return nil
    }

    /// A version 1 file: each used slot tried in turn, one run each.
    private static func unlockLegacy(_ bytes: [UInt8], with secret: Passphrase, kind: KeySlot.Kind) throws(StoreError) -> Unlocked? {
        let legacy = KeySlotFile(bytes: bytes)
        if legacy.slots.allSatisfy({ $0 == nil }) { try spend(secret, .moderate) }
        for (index, slot) in legacy.slots.enumerated() {
            guard let slot, slot.kind == kind else { continue }
            guard let master = try derive({ () throws(CryptoError) in try slot.unwrap(with: secret) }) else { continue }
            let ring = KeyRing(holders: Array(repeating: nil, count: slotCount), epochs: [(0, master)])
            return Unlocked(
                ring: ring, index: index, legacy: legacy, salt: SecureRandom.bytes(count: Argon2id.saltByteCount), slots: [])
        }
        return nil
    }

    /// What a failed unlock costs when there is no key file: one Argon2id run of the default
    /// cost, as for a wrong passphrase on a vault with the default cost.
    static func spendFailedUnlock(_ secret: Passphrase) throws(StoreError) {
        try spend(secret, .moderate)
    }

    private static func spend(_ secret: Passphrase, _ parameters: Argon2idParameters) throws(StoreError) {
        _ = try derive { () throws(CryptoError) in
            try Argon2id.deriveKey(
                password: secret.secret, salt: SecureRandom.bytes(count: Argon2id.saltByteCount), parameters: parameters)
        }
    }

    private static func derive<T>(_ body: () throws(CryptoError) -> T) throws(StoreError) -> T {
        do {
            return try body()
        } catch {
            throw .unsupported("not enough memory to unlock the vault; close other programs")
        }
    }
}
