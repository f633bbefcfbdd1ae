import KeepsakeCrypto

/// What only the newest master key opens, kept at the end of a version 3 key file: the key
/// file's generation, who holds each slot (its kind and public key), and every key epoch's
/// first frame and master key, so that the newest passphrase reads the whole history.
///
///     sealed ring = nonce (24) ‖ XChaCha20-Poly1305(key = subkey 7 of the newest master key,
///                     associated data = "keepsake/v3/key-ring", plaintext)
///     plaintext   = generation (u64) ‖ 4 × (kind (1) ‖ public key (32))
///                   ‖ epoch count (u32) ‖ epoch count × (first frame (u64) ‖ master key (32))
///                   ‖ zero bytes up to a multiple of 1,024
///
/// A re-keyed vault's ring (`VaultStore.beginRekey`) goes on after the epochs with what the
/// re-key kept, and is sealed with associated data "keepsake/v4/key-ring" (so that a
/// Keepsake from before re-keys finds the key file unreadable instead of misreading it):
///
///     ‖ 1 ‖ kept (`KeptKeys`) ‖ pending (1: 1 while the re-key's files are not all
///       renamed into place, else 0)
///
/// The generation is the number of the newest epoch: 0 for a new vault, one more at every key
/// change, and recorded in the log by the key-rotation record that starts the epoch.
struct KeyRing: Sendable {
    /// Who holds a slot.
    struct Holder: Sendable {
        /// A passphrase or a recovery code.
        let kind: KeySlot.Kind
        /// The slot's X25519 public key: a new epoch's master key is sealed to it.
        let publicKey: X25519.PublicKey
    }

    /// Plaintexts are padded to a multiple of this.
    static let blockByteCount = 1024
    /// Bytes before the epochs: generation, four holders, epoch count.
    static let fixedByteCount = 8 + KeyFile.slotCount * 33 + 4
    static let epochByteCount = 40
    /// What the sealed ring adds to its padded plaintext.
    static let overheadByteCount = XChaCha20Poly1305.nonceByteCount + XChaCha20Poly1305.tagByteCount

    /// Each slot's holder, by position (nil: unused, or unknown in a ring made from a version 1 file).
    var holders: [Holder?]
    /// Each epoch's first frame and master key, oldest first; the last is the newest.
    var epochs: [(firstSeq: UInt64, master: SymmetricKey)]
    /// What a re-key kept (nil for a vault never re-keyed).
    var kept: KeptKeys? = nil
    /// Set from a re-key's commit until its new files are renamed into place (the next
    /// writer does it on open).
    var rekeyPending = false

    init(holders: [Holder?], epochs: [(firstSeq: UInt64, master: SymmetricKey)]) {
        self.holders = holders
        self.epochs = epochs
    }

    /// The key file's generation: the newest epoch's number.
    var generation: UInt64 { (kept?.generationBase ?? 0) + UInt64(epochs.count - 1) }
    /// The newest epoch's master key.
    var master: SymmetricKey { epochs[epochs.count - 1].master }

    /// The ring's bytes, sealed under the newest master key.
    func sealed() -> [UInt8] {
        let keptCount = kept.map { 1 + $0.byteCount + 1 } ?? 0
        let count = Self.fixedByteCount + epochs.count * Self.epochByteCount + keptCount
        let padded = (count + Self.blockByteCount - 1) / Self.blockByteCount * Self.blockByteCount
        let plaintext = SecureBytes(count: padded) { out in
            var at = 0
            func put(_ bytes: some Collection<UInt8>) {
                for byte in bytes {
                    out[at] = byte
                    at += 1
                }
            }
            put(generation.bigEndianBytes)
            for holder in holders {
                put([holder?.kind.rawValue ?? 0])
                put(holder?.publicKey.bytes ?? [UInt8](repeating: 0, count: 32))
            }
            put(UInt32(epochs.count).bigEndianBytes)
            for epoch in epochs {
                put(epoch.firstSeq.bigEndianBytes)
                epoch.master.withUnsafeBytes { key in
                    UnsafeMutableRawBufferPointer(rebasing: out[at..<at + 32]).copyMemory(from: key)
                }
                at += 32
            }
            if let kept {
                put([1])
                kept.encode(into: out, at: &at)
                put([rekeyPending ? 1 : 0])
            }
        }
        let nonce = XChaCha20Poly1305.randomNonce()
        return nonce
            + (try! XChaCha20Poly1305.sealSecret(  // nonce length right by construction
                plaintext, key: Self.ringKey(master), nonce: nonce,
                associatedData: kept == nil ? Self.label : Self.rekeyedLabel))
    }

    /// Opens a sealed ring with the master key a slot gave; nil when it does not open (damage,
    /// or another file's ring) or is malformed.
    static func open(_ bytes: ArraySlice<UInt8>, master: SymmetricKey) -> KeyRing? {
        guard bytes.count >= overheadByteCount + blockByteCount else { return nil }
        let sealed = Array(bytes.dropFirst(24)), nonce = Array(bytes.prefix(24)), key = ringKey(master)
        var rekeyed = false
        var opened = try? XChaCha20Poly1305.openSecret(sealed, key: key, nonce: nonce, associatedData: label)
        if opened == nil {
            opened = try? XChaCha20Poly1305.openSecret(sealed, key: key, nonce: nonce, associatedData: rekeyedLabel)
            rekeyed = true
        }
        guard let plaintext = opened else { return nil }
        return plaintext.withUnsafeBytes { p -> KeyRing? in
            let generation = UInt64(bigEndianBytes: p[0..<8])
            var holders: [Holder?] = []
            for index in 0..<KeyFile.slotCount {
                let at = 8 + index * 33
                let kind = KeySlot.Kind(rawValue: p[at]) ?? .unused
                holders.append(
                    kind == .unused ? nil : (try? X25519.PublicKey(bytes: Array(p[at + 1..<at + 33]))).map {
                        Holder(kind: kind, publicKey: $0)
                    })
            }
            let countAt = fixedByteCount - 4
            let count = Int(p[countAt..<countAt + 4].reduce(UInt32(0)) { $0 << 8 | UInt32($1) })
            guard count >= 1, fixedByteCount + count * epochByteCount <= p.count else { return nil }
            var epochs: [(UInt64, SymmetricKey)] = []
            for index in 0..<count {
                let at = fixedByteCount + index * epochByteCount
                let firstSeq = UInt64(bigEndianBytes: p[at..<at + 8])
                guard index == 0 ? firstSeq == 0 : firstSeq > epochs[index - 1].0 else { return nil }
                epochs.append((firstSeq, try! SymmetricKey(SecureBytes(copying: p[at + 8..<at + 40]))))
            }
            guard epochs[count - 1].1 == master else { return nil }
            var ring = KeyRing(holders: holders, epochs: epochs)
            if rekeyed {
                var at = fixedByteCount + count * epochByteCount
                guard at < p.count, p[at] == 1 else { return nil }
                at += 1
                guard let kept = KeptKeys.decode(p, at: &at), at < p.count, p[at] <= 1 else { return nil }
                ring.kept = kept
                ring.rekeyPending = p[at] == 1
            }
            guard ring.generation == generation else { return nil }
            return ring
        }
    }

    private static let label = Array("keepsake/v3/key-ring".utf8)
    private static let rekeyedLabel = Array("keepsake/v4/key-ring".utf8)

    private static func ringKey(_ master: SymmetricKey) -> SymmetricKey {
        try! SymmetricKey(VaultKeys.subkey(master, 7))
    }
}
