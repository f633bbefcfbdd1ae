import KeepsakeCrypto

/// One key slot of a version 3 key file: a secret (a passphrase or a recovery code) opens an
/// X25519 key of its own, and that key opens the newest epoch's master key, sealed to it.
/// So a key change re-seals the new master key to every secret that stays valid without
/// asking for them, and a secret it retires reaches nothing newer (docs/FORMAT.md, "Key slots").
///
///     masked header (16) ‖ nonce (24) ‖ wrapped slot key (32 + 16)
///     ‖ ephemeral public key (32) ‖ sealed master key (32 + 16)           168 bytes
///
/// header = opsLimit (u32 BE) ‖ memLimit (u64 BE) ‖ slot version (1) = 3 ‖ reserved (3) = 0,
/// XORed with BLAKE2b-128("keepsake/v3/slot-mask" ‖ file salt ‖ slot position). The Argon2id
/// salt is the key file's, shared by its slots, so one Argon2id run tries a secret against
/// every slot of the same cost. The header holds no kind: unused slots are decoys with the
/// same parameters, so the file does not tell which slots are used or whether a recovery code
/// exists. The parameters stay readable to anyone who knows the format (they are needed
/// before the secret can be tried).
struct SecretSlot: Sendable {
    static let byteCount = 168
    static let version: UInt8 = 3

    /// The Argon2id cost of trying it.
    let parameters: Argon2idParameters
    /// The key file's salt (not stored in the slot).
    let salt: [UInt8]
    let nonce: [UInt8]
    let wrappedKey: [UInt8]
    let ephemeral: [UInt8]
    let sealedMaster: [UInt8]

    /// A slot for `secret`: a fresh X25519 key wrapped under Argon2id(secret), with `master`
    /// sealed to it. Returns the slot and its public key (kept in the key ring).
    /// - Throws: `CryptoError` from Argon2id (parameters, memory).
    static func seal(
        secret: Passphrase, salt: [UInt8], parameters: Argon2idParameters, master: SymmetricKey
    ) throws(CryptoError) -> (slot: SecretSlot, publicKey: X25519.PublicKey) {
        let nonce = XChaCha20Poly1305.randomNonce()
        let header = encodeHeader(parameters)
        let slotKey = X25519.PrivateKey()
        let wrappingKey = try SymmetricKey(
            Argon2id.deriveKey(password: secret.secret, salt: salt, parameters: parameters))
        let wrapped = try XChaCha20Poly1305.sealSecret(
            slotKey.secret, key: wrappingKey, nonce: nonce,
            associatedData: Array("keepsake/v3/key-slot".utf8) + header + salt)
        let bare = SecretSlot(
            parameters: parameters, salt: salt, nonce: nonce, wrappedKey: wrapped, ephemeral: [], sealedMaster: [])
        return (bare.resealed(master: master, to: slotKey.publicKey), slotKey.publicKey)
    }

    /// The same slot with `master` sealed afresh to the slot's public key (a new epoch): no
    /// secret is needed.
    func resealed(master: SymmetricKey, to publicKey: X25519.PublicKey) -> SecretSlot {
        let ephemeralKey = X25519.PrivateKey()
        let ephemeralPublic = ephemeralKey.publicKey
        // A fresh ephemeral key makes a fresh sealing key, so the zero nonce is used once; a
        // slot's own public key is never a low-order point (we made it).
        let sealingKey = try! Self.sealingKey(ephemeralKey.sharedSecret(with: publicKey))
        let sealed = try! XChaCha20Poly1305.sealSecret(
            master.secret, key: sealingKey, nonce: Self.zeroNonce,
            associatedData: sealingData(ephemeral: ephemeralPublic.bytes, publicKey: publicKey.bytes))
        return SecretSlot(
            parameters: parameters, salt: salt, nonce: nonce, wrappedKey: wrappedKey,
            ephemeral: ephemeralPublic.bytes, sealedMaster: sealed)
    }

    /// An unused slot: random bytes under a header with `parameters`, so that it looks like a
    /// used one. Trying it costs the same Argon2id run and opens nothing.
    static func decoy(salt: [UInt8], parameters: Argon2idParameters) -> SecretSlot {
        // An X25519 public key's last byte always has its top bit clear; a decoy's too, or
        // that bit would tell decoys from used slots.
        var ephemeral = SecureRandom.bytes(count: 32)
        ephemeral[31] &= 0x7F
        return SecretSlot(
            parameters: parameters, salt: salt, nonce: SecureRandom.bytes(count: 24),
            wrappedKey: SecureRandom.bytes(count: 48), ephemeral: ephemeral,
            sealedMaster: SecureRandom.bytes(count: 48))
    }

    /// The key Argon2id derives from `secret` for slots of this cost.
    /// - Throws: `CryptoError.outOfMemory` when Argon2id could not get its memory.
    func wrappingKey(for secret: Passphrase) throws(CryptoError) -> SymmetricKey {
        try SymmetricKey(Argon2id.deriveKey(password: secret.secret, salt: salt, parameters: parameters))
    }

    /// Tries a wrapping key (`wrappingKey(for:)`): the newest epoch's master key, or nil when
    /// it does not open this slot.
    func unwrap(with wrappingKey: SymmetricKey) -> SymmetricKey? {
        let header = Self.encodeHeader(parameters)
        do {
            let slotKey = try X25519.PrivateKey(
                secret: XChaCha20Poly1305.openSecret(
                    wrappedKey, key: wrappingKey, nonce: nonce,
                    associatedData: Array("keepsake/v3/key-slot".utf8) + header + salt))
            let ephemeralPublic = try X25519.PublicKey(bytes: ephemeral)
            let sealingKey = try Self.sealingKey(slotKey.sharedSecret(with: ephemeralPublic))
            return try SymmetricKey(
                XChaCha20Poly1305.openSecret(
                    sealedMaster, key: sealingKey, nonce: Self.zeroNonce,
                    associatedData: sealingData(ephemeral: ephemeral, publicKey: slotKey.publicKey.bytes)))
        } catch {
            return nil
        }
    }

    /// The 168 bytes on disk at slot position `index`.
    func encoded(index: Int) -> [UInt8] {
        let mask = Self.mask(salt: salt, index: index)
        return zip(Self.encodeHeader(parameters), mask).map { $0 ^ $1 } + nonce + wrappedKey + ephemeral + sealedMaster
    }

    /// Parses the 168 bytes at slot position `index` of a file with `salt`; nil when the
    /// header is not one this version reads (damage) or asks for more than a stored slot may.
    static func decode(_ bytes: ArraySlice<UInt8>, salt: [UInt8], index: Int) -> SecretSlot? {
        guard bytes.count == byteCount else { return nil }
        let b = Array(bytes)
        let header = zip(b[0..<16], mask(salt: salt, index: index)).map { $0 ^ $1 }
        guard header[12] == version, header[13] == 0, header[14] == 0, header[15] == 0 else { return nil }
        let ops = UInt64(header[0..<4].reduce(UInt32(0)) { $0 << 8 | UInt32($1) })
        let mem = UInt64(bigEndianBytes: header[4..<12])
        guard ops >= 1, ops <= KeySlot.maximumOpsLimit, mem <= KeySlot.maximumMemLimit,
            Argon2id.memLimitRange.contains(mem), Argon2id.opsLimitRange.contains(ops)
        else { return nil }
        return SecretSlot(
            parameters: Argon2idParameters(opsLimit: ops, memLimit: mem), salt: salt, nonce: Array(b[16..<40]),
            wrappedKey: Array(b[40..<88]), ephemeral: Array(b[88..<120]), sealedMaster: Array(b[120..<168]))
    }

    static func encodeHeader(_ parameters: Argon2idParameters) -> [UInt8] {
        UInt32(truncatingIfNeeded: parameters.opsLimit).bigEndianBytes + parameters.memLimit.bigEndianBytes
            + [version, 0, 0, 0]
    }

    static func mask(salt: [UInt8], index: Int) -> [UInt8] {
        // 16-byte output is within BLAKE2b's range, so this cannot throw.
        try! BLAKE2b.hash(Array("keepsake/v3/slot-mask".utf8) + salt + [UInt8(index)], outputByteCount: 16)
    }

    private static let zeroNonce = [UInt8](repeating: 0, count: XChaCha20Poly1305.nonceByteCount)

    /// The key sealing a master key to a slot: `crypto_kdf` subkey 1 (context "ks-epoch") of
    /// the X25519 shared secret.
    private static func sealingKey(_ shared: SecureBytes) throws(CryptoError) -> SymmetricKey {
        try KeyDerivation.deriveSubkey(from: SymmetricKey(shared), id: 1, context: "ks-epoch")
    }

    /// "keepsake/v3/epoch-key" ‖ header ‖ salt ‖ ephemeral public ‖ slot public: binds the
    /// sealed master key to this slot.
    private func sealingData(ephemeral: [UInt8], publicKey: [UInt8]) -> [UInt8] {
        Array("keepsake/v3/epoch-key".utf8) + Self.encodeHeader(parameters) + salt + ephemeral + publicKey
    }
}
