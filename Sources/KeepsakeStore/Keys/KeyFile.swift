import KeepsakeCrypto

/// The key file `0` of a version 3 vault: four `SecretSlot`s (unused ones are decoys) and the
/// sealed `KeyRing`. Vaults made before version 3 have a `KeySlotFile` instead, read here too
/// and replaced by a version 3 file at the first key change.
struct KeyFile: Sendable {
    static let slotCount = 4
    static let slotsByteCount = slotCount * SecretSlot.byteCount
    /// The size of a file whose ring holds up to 22 epochs (one more block per 25 after that).
    static let smallestByteCount = slotsByteCount + KeyRing.overheadByteCount + KeyRing.blockByteCount

    /// Slots by position (nil: unused; a decoy is written there).
    var slots: [SecretSlot?]
    /// The ring, as read or to be written.
    var ring: KeyRing

    /// The bytes to write: decoys in unused positions, with the parameters of a used slot.
    func encoded() -> [UInt8] {
        let parameters = slots.lazy.compactMap { $0?.parameters }.first ?? .moderate
        return slots.flatMap { ($0 ?? SecretSlot.decoy(parameters: parameters)).encoded() } + ring.sealed()
    }

    /// What unlocking found.
    struct Unlocked: Sendable {
        /// The ring (made from the slot's key alone for a version 1 file).
        let ring: KeyRing
        /// The slot that opened.
        let index: Int
        /// Set for a version 1 file: it is replaced by a version 3 file at the first key change.
        let legacy: KeySlotFile?
        /// The version 3 file's slots (empty for a version 1 file).
        let slots: [SecretSlot?]
    }

    /// Unlocks the key file's bytes with `secret` as a slot of `kind`.
    ///
    /// Every position is tried in turn until one opens: a slot that can't be parsed, or one
    /// of another kind, costs the same Argon2id run as any other, so a failure always costs
    /// four runs, whether the passphrase is wrong, the file damaged or not a key file at all
    /// (`spendFailedUnlock`).
    /// - Returns: nil when nothing opens.
    /// - Throws: `CryptoError.outOfMemory`; `StoreError.keySlotFileDamaged` when a slot
    ///   opens but the ring does not.
    static func unlock(_ bytes: [UInt8], with secret: Passphrase, kind: KeySlot.Kind) throws(StoreError) -> Unlocked? {
        if bytes.count <= KeySlotFile.byteCount {
            let legacy = KeySlotFile(bytes: bytes)
            let fallback = legacy.slots.lazy.compactMap { $0?.parameters }.first ?? .moderate
            for (index, slot) in legacy.slots.enumerated() {
                guard let slot else {
                    try spend(secret, fallback)
                    continue
                }
                guard let master = try unwrapping({ () throws(CryptoError) in try slot.unwrap(with: secret) }),
                    slot.kind == kind
                else { continue }
                let ring = KeyRing(
                    holders: Array(repeating: nil, count: slotCount), epochs: [(0, master)])
                return Unlocked(ring: ring, index: index, legacy: legacy, slots: [])
            }
            return nil
        }
        let slots = (0..<slotCount).map { index in
            let end = (index + 1) * SecretSlot.byteCount
            return end <= bytes.count ? SecretSlot.decode(bytes[(end - SecretSlot.byteCount)..<end]) : nil
        }
        let fallback = slots.lazy.compactMap { $0?.parameters }.first ?? .moderate
        for (index, slot) in slots.enumerated() {
            guard let slot else {
                try spend(secret, fallback)
                continue
            }
            guard let master = try unwrapping({ () throws(CryptoError) in try slot.unwrap(with: secret) }) else { continue }
            guard bytes.count > slotsByteCount, let ring = KeyRing.open(bytes[slotsByteCount...], master: master) else {
                throw .keySlotFileDamaged(size: bytes.count)
            }
            guard ring.holders[index]?.kind == kind else { continue }
            return Unlocked(ring: ring, index: index, legacy: nil, slots: slots)
        }
        return nil
    }

    /// What a failed unlock costs when there is no key file: four Argon2id runs of the default
    /// cost, as for a wrong passphrase on a vault with the default cost.
    static func spendFailedUnlock(_ secret: Passphrase) throws(StoreError) {
        for _ in 0..<slotCount { try spend(secret, .moderate) }
    }

    private static func spend(_ secret: Passphrase, _ parameters: Argon2idParameters) throws(StoreError) {
        _ = try unwrapping { () throws(CryptoError) in
            _ = try Argon2id.deriveKey(
                password: secret.secret, salt: SecureRandom.bytes(count: Argon2id.saltByteCount), parameters: parameters)
            return nil
        }
    }

    private static func unwrapping(_ body: () throws(CryptoError) -> SymmetricKey?) throws(StoreError) -> SymmetricKey? {
        do {
            return try body()
        } catch {
            throw .unsupported("not enough memory to unlock the vault; close other programs")
        }
    }
}
