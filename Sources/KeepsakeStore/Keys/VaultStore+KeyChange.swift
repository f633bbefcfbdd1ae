import KeepsakeCrypto

/// A change to who can open the vault: a new passphrase, a new recovery code, secrets retired.
/// Every change starts a new key epoch (see `VaultStore.changeKeys`).
public struct KeyChange: Sendable {
    /// A new passphrase, replacing the one that unlocked the session (or the first one, when a
    /// recovery code unlocked it).
    public var passphrase: Passphrase?
    /// A new recovery code, replacing any earlier one.
    public var recoveryCode: Passphrase?
    /// Retire the recovery code without making a new one.
    public var retireRecoveryCode = false
    /// Retire every passphrase except the new one (or the one that unlocked the session).
    public var retireOtherPassphrases = false
    /// The Argon2id cost of the new secrets' slots.
    public var parameters: Argon2idParameters

    /// A change with nothing in it yet; set what changes.
    public init(parameters: Argon2idParameters = .moderate) { self.parameters = parameters }
}

/// Who can open the vault after a key change.
public struct KeyHolders: Sendable, Equatable {
    /// How many passphrases open it.
    public let passphrases: Int
    /// How many recovery codes open it (0 or 1).
    public let recoveryCodes: Int
    /// Secrets of a key file made before version 3 that the change could not carry over
    /// (they are retired; a new recovery code can be made).
    public let retired: [KeySlot.Kind]
}

extension VaultStore {
    /// The key generation: how many key changes the vault has had (0 for a new vault).
    public var keyGeneration: UInt64 { keyFile.ring.generation }

    /// Replaces the passphrase that unlocked this session (or the first passphrase, when a
    /// recovery code unlocked it, which is then retired) with `newPassphrase`.
    /// - Throws: as `changeKeys`.
    @discardableResult
    public func changePassphrase(
        to newPassphrase: Passphrase, parameters: Argon2idParameters = .moderate
    ) throws(StoreError) -> KeyHolders {
        var change = KeyChange(parameters: parameters)
        change.passphrase = newPassphrase
        return try changeKeys(change)
    }

    /// Sets the recovery code, retiring any earlier one.
    /// - Throws: as `changeKeys`.
    @discardableResult
    public func setRecoveryCode(
        _ code: Passphrase, parameters: Argon2idParameters = .moderate
    ) throws(StoreError) -> KeyHolders {
        var change = KeyChange(parameters: parameters)
        change.recoveryCode = code
        return try changeKeys(change)
    }

    /// Applies `change` as a new key epoch: a fresh master key, sealed to every slot that
    /// stays (no secret needed) and to the new ones; the key file is replaced atomically with
    /// the next generation; then a key-rotation record is appended, and every frame after it
    /// is sealed with the new epoch's keys. The new key file reaches every earlier epoch, so
    /// the whole history stays readable. A key file or secret from before reaches nothing
    /// written after. A recovery code that unlocked this session is retired (single use).
    ///
    /// A crash at any point leaves a vault that opens: before the key file's rename with the
    /// old secrets, after it with the new ones (the next writer appends a missing rotation
    /// record). On a damaged vault (no appends) the record waits until it is repaired.
    /// - Throws: `StoreError.unsupported` for a read-only session, bad parameters, too many
    ///   slots, or a change that would leave no secret; `.io`.
    @discardableResult
    public func changeKeys(_ change: KeyChange) throws(StoreError) -> KeyHolders {
        guard mode == .readWrite, !isClosed else { throw .unsupported("changing keys of a vault opened read-only") }
        if keyFile.ring.rekeyPending { throw .unsupported("a re-key is not finished yet; open the vault once to finish it") }
        let master = SymmetricKey.random()
        let plan = try planSlots(change, master: master)
        var ring = keyFile.ring
        ring.holders = plan.holders
        ring.epochs.append((nextSeq + 1, master))
        let file = KeyFile(salt: keyFile.salt, slots: plan.slots, ring: ring)
        try AtomicFile.write(file.encoded(), to: layout.keySlots)
        adopt(ring: ring, plan: plan)
        if !isDamaged { try appendRotationRecord() }
        return plan.keyHolders
    }

    /// Who holds which slot after a change, each slot sealed to a new master key.
    struct SlotPlan {
        var slots: [SecretSlot?]
        var holders: [KeyRing.Holder?]
        var retired: [KeySlot.Kind]
        /// The slot that opens for this session afterwards.
        var sessionIndex: Int

        var keyHolders: KeyHolders {
            KeyHolders(
                passphrases: holders.filter { $0?.kind == .passphrase }.count,
                recoveryCodes: holders.filter { $0?.kind == .recovery }.count, retired: retired)
        }
    }

    /// The slots `change` leaves, each holding `master`: the secrets that stay are sealed again
    /// (no secret needed), the new ones are made. A recovery code that unlocked this session
    /// is retired (single use).
    /// - Throws: `StoreError.unsupported` for bad parameters, too many slots, or a change that
    ///   would leave no secret.
    func planSlots(_ change: KeyChange, master: SymmetricKey) throws(StoreError) -> SlotPlan {
        let unlocked = keyFile.index
        var retired: [KeySlot.Kind] = []
        var kept: [(slot: SecretSlot, holder: KeyRing.Holder)?] = Array(repeating: nil, count: KeyFile.slotCount)
        let unlockedKind: KeySlot.Kind
        if let legacy = keyFile.legacy {
            unlockedKind = legacy.slots[unlocked]?.kind ?? .passphrase
            for (index, slot) in legacy.slots.enumerated() where index != unlocked {
                if let slot { retired.append(slot.kind) }
            }
            if unlockedKind == .passphrase && change.passphrase == nil, let secret = legacySecret,
                let parameters = legacy.slots[unlocked]?.parameters
            {
                let sealed = try Self.sealSlot(secret, salt: keyFile.salt, parameters: parameters, master: keys.current.master)
                kept[0] = (sealed.slot, KeyRing.Holder(kind: .passphrase, publicKey: sealed.publicKey))
            }
        } else {
            unlockedKind = keyFile.ring.holders[unlocked]?.kind ?? .passphrase
            for index in 0..<KeyFile.slotCount {
                if let slot = keyFile.slots[index], let holder = keyFile.ring.holders[index] { kept[index] = (slot, holder) }
            }
        }
        if unlockedKind == .recovery { kept[unlocked] = nil }  // a recovery code is used once
        var passphraseAt: Int? = nil
        if change.passphrase != nil {
            let replaced = unlockedKind == .passphrase && keyFile.legacy == nil
                ? unlocked : kept.firstIndex { $0?.holder.kind == .passphrase }
            if let replaced { kept[replaced] = nil }
            passphraseAt = replaced
        }
        if change.retireOtherPassphrases {
            for index in kept.indices where kept[index]?.holder.kind == .passphrase
                && (change.passphrase != nil || index != unlocked)
            {
                kept[index] = nil
            }
        }
        if change.recoveryCode != nil || change.retireRecoveryCode {
            for index in kept.indices where kept[index]?.holder.kind == .recovery { kept[index] = nil }
        }
        var slots = kept.map { entry in entry.map { $0.slot.resealed(master: master, to: $0.holder.publicKey) } }
        var holders = kept.map { $0?.holder }
        var newIndex: Int? = nil
        for (secret, kind) in [(change.passphrase, KeySlot.Kind.passphrase), (change.recoveryCode, .recovery)] {
            guard let secret else { continue }
            let at = (kind == .passphrase ? passphraseAt.flatMap { slots[$0] == nil ? $0 : nil } : nil)
                ?? slots.firstIndex { $0 == nil }
            guard let at else { throw .unsupported("no free key slot; retire a passphrase first") }
            let sealed = try Self.sealSlot(secret, salt: keyFile.salt, parameters: change.parameters, master: master)
            slots[at] = sealed.slot
            holders[at] = KeyRing.Holder(kind: kind, publicKey: sealed.publicKey)
            if kind == .passphrase { newIndex = at }
        }
        guard let firstHeld = holders.firstIndex(where: { $0 != nil }) else {
            throw .unsupported("that change would leave no passphrase or recovery code to open the vault")
        }
        // The session goes on as the slot it unlocked if that stays (after a passphrase
        // change, as the new passphrase).
        let stays = holders[unlocked] != nil && slots[unlocked] != nil && keyFile.legacy == nil
        return SlotPlan(
            slots: slots, holders: holders, retired: retired, sessionIndex: newIndex ?? (stays ? unlocked : firstHeld))
    }

    /// Takes `ring` (just written with `plan`'s slots) as the session's keys.
    func adopt(ring: KeyRing, plan: SlotPlan) {
        keyFile = KeyFile.Unlocked(ring: ring, index: plan.sessionIndex, legacy: nil, salt: keyFile.salt, slots: plan.slots)
        keys = VaultKeys(ring: ring)
        legacySecret = nil
    }

    /// Whether `secret` opens this vault as a passphrase (one Argon2id run): a bundle's
    /// passphrase must not, or whoever receives the bundle could open the vault.
    public func isOpened(by secret: Passphrase) -> Bool {
        guard let bytes = try? PosixFile.openForReading(layout.keySlots).readAll() else { return false }
        return (try? KeyFile.unlock(bytes, with: secret, kind: .passphrase)) != nil
    }

    /// Appends the record that starts the newest epoch (sealed with the epoch before's keys,
    /// as every frame before `firstSeq`), and writes the head whole under the new head key.
    func appendRotationRecord() throws(StoreError) {
        headFile = nil
        let record = KeyRotationRecord(generation: keyFile.ring.generation, firstSeq: keys.current.firstSeq)
        try append(record.payload, kind: .keyRotation)
    }

    /// A slot for `secret` holding `master`.
    /// - Throws: `StoreError.unsupported` for bad parameters or too little memory.
    static func sealSlot(
        _ secret: Passphrase, salt: [UInt8], parameters: Argon2idParameters, master: SymmetricKey
    ) throws(StoreError) -> (slot: SecretSlot, publicKey: X25519.PublicKey) {
        do {
            return try SecretSlot.seal(secret: secret, salt: salt, parameters: parameters, master: master)
        } catch .outOfMemory {
            throw .unsupported("not enough memory for the key derivation")
        } catch {
            throw .unsupported("key derivation parameters \(parameters): \(error)")
        }
    }
}
