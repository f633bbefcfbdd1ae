import KeepsakeCrypto

/// What a full re-key (`VaultStore.beginRekey`) keeps from the keys before it, so that the
/// Merkle tree, the anchors already shared and the signed tree heads stay valid while every
/// frame and attachment is sealed again under keys the old key file does not hold.
///
/// A re-keyed vault's frames all use the new master key's frame and mask keys; these values
/// are kept in its key ring (only the newest master key opens it):
///
///     kept = generation base (u64) ‖ vault id (16) ‖ signing seed (32) ‖ attachment key (32)
///            ‖ salts end (u64) ‖ salt count (u32) ‖ salt count × (first frame (u64) ‖ salt key (32))
///
/// - The vault id and the Ed25519 signing seed are the vault's from before (the anchors and
///   the checkpoints in the log name and were signed by them).
/// - The salt keys made the commitment salts of frames `0..<saltsEnd` (each from its first
///   frame to the next one's): the leaves hash those salts, so they must not change.
/// - The attachment key: a re-keyed blob is sealed with BLAKE2b-256(key: attachment key,
///   the blob's own key from its entry), so the entry (and its leaf) stays the same while the
///   blob is sealed under a key no copy of the old log gives.
/// - The generation base: the key generation of the first epoch after the re-key.
struct KeptKeys: Sendable {
    var generationBase: UInt64
    var vaultId: [UInt8]
    var signingSeed: SecureBytes
    var attachmentKey: SecureBytes
    var saltsEnd: UInt64
    /// Each range's first frame and salt key, first frame ascending (the first is 0).
    var salts: [(firstSeq: UInt64, key: SecureBytes)]

    static func byteCount(saltCount: Int) -> Int { 8 + 16 + 32 + 32 + 8 + 4 + saltCount * 40 }

    var byteCount: Int { Self.byteCount(saltCount: salts.count) }

    /// The salt key of frame `seq` (which must be below `saltsEnd`).
    func saltKey(seq: UInt64) -> SecureBytes {
        var index = salts.count - 1
        while index > 0 && salts[index].firstSeq > seq { index -= 1 }
        return salts[index].key
    }

    /// Writes the encoding into `out` from `at`, advancing it.
    func encode(into out: UnsafeMutableRawBufferPointer, at: inout Int) {
        func put(_ bytes: some Collection<UInt8>) {
            for byte in bytes {
                out[at] = byte
                at += 1
            }
        }
        func putSecret(_ secret: SecureBytes) {
            secret.withUnsafeBytes { put($0) }
        }
        put(generationBase.bigEndianBytes)
        put(vaultId)
        putSecret(signingSeed)
        putSecret(attachmentKey)
        put(saltsEnd.bigEndianBytes)
        put(UInt32(salts.count).bigEndianBytes)
        for salt in salts {
            put(salt.firstSeq.bigEndianBytes)
            putSecret(salt.key)
        }
    }

    /// Reads an encoding from `p` at `at`, advancing it; nil when malformed.
    static func decode(_ p: UnsafeRawBufferPointer, at: inout Int) -> KeptKeys? {
        guard at + byteCount(saltCount: 0) <= p.count else { return nil }
        func take(_ count: Int) -> UnsafeRawBufferPointer {
            defer { at += count }
            return UnsafeRawBufferPointer(rebasing: p[at..<at + count])
        }
        let base = UInt64(bigEndianBytes: take(8))
        let vaultId = Array(take(16))
        let seed = SecureBytes(copying: take(32))
        let attachmentKey = SecureBytes(copying: take(32))
        let end = UInt64(bigEndianBytes: take(8))
        let count = Int(take(4).reduce(UInt32(0)) { $0 << 8 | UInt32($1) })
        guard count >= 1, at + count * 40 <= p.count else { return nil }
        var salts: [(UInt64, SecureBytes)] = []
        for index in 0..<count {
            let first = UInt64(bigEndianBytes: take(8))
            guard index == 0 ? first == 0 : first > salts[index - 1].0 else { return nil }
            salts.append((first, SecureBytes(copying: take(32))))
        }
        return KeptKeys(
            generationBase: base, vaultId: vaultId, signingSeed: seed, attachmentKey: attachmentKey, saltsEnd: end,
            salts: salts)
    }

    /// The key a re-keyed blob is sealed with, from the blob's own key (its entry's).
    func attachmentStreamKey(for blobKey: SymmetricKey) -> SymmetricKey {
        Self.attachmentStreamKey(for: blobKey, attachmentKey: attachmentKey)
    }

    static func attachmentStreamKey(for blobKey: SymmetricKey, attachmentKey: SecureBytes) -> SymmetricKey {
        let derived = SecureBytes(count: 32) { out in
            blobKey.withUnsafeBytes { input in
                // Key and output sizes are constants within BLAKE2b's bounds.
                try! BLAKE2b.hash(input, key: attachmentKey, into: out)
            }
        }
        return try! SymmetricKey(derived)
    }
}
