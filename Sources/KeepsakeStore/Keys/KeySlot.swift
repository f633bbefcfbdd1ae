import KeepsakeCrypto

/// One key slot: the vault's master key wrapped under a key derived from a passphrase (or a
/// recovery code) with Argon2id. Every slot is 104 bytes; nothing in it is readable without
/// knowing the format (see docs/FORMAT.md, "Key slots").
///
///     salt (16) ‖ masked header (16) ‖ nonce (24) ‖ wrapped master key (32 + 16 tag)
///
/// header = kind (1) ‖ slot version (1) ‖ reserved (2) ‖ opsLimit (u32 BE) ‖ memLimit (u64 BE),
/// XORed with BLAKE2b-128("keepsake/v1/slot-mask" ‖ salt) so that the file looks uniformly
/// random (an obfuscation against signature scanners, not a secret).
public struct KeySlot: Sendable {
    /// What unlocks a slot.
    public enum Kind: UInt8, Sendable {
        /// An unused slot (random bytes to the eye).
        case unused = 0
        /// The owner's passphrase.
        case passphrase = 1
        /// A printed recovery code.
        case recovery = 2
    }

    static let byteCount = 104
    static let version: UInt8 = 1
    /// The largest memory a stored slot may ask for (a hostile file must not exhaust memory).
    static let maximumMemLimit: UInt64 = 4 << 30
    /// The most passes a stored slot may ask for.
    static let maximumOpsLimit: UInt64 = 64

    /// The kind of secret that opens this slot.
    public let kind: Kind
    /// The Argon2id cost of trying it.
    public let parameters: Argon2idParameters
    let salt: [UInt8]
    let nonce: [UInt8]
    let wrappedKey: [UInt8]

    /// Wraps `masterKey` under `passphrase` with fresh salt and nonce.
    /// - Throws: `CryptoError` from Argon2id (parameters, memory).
    static func seal(
        masterKey: SymmetricKey, passphrase: Passphrase, kind: Kind, parameters: Argon2idParameters
    ) throws(CryptoError) -> KeySlot {
        let salt = SecureRandom.bytes(count: Argon2id.saltByteCount)
        let nonce = XChaCha20Poly1305.randomNonce()
        let header = encodeHeader(kind: kind, parameters: parameters)
        let wrappingKey = try SymmetricKey(
            Argon2id.deriveKey(password: passphrase.secret, salt: salt, parameters: parameters))
        let wrapped = try XChaCha20Poly1305.sealSecret(
            masterKey.secret, key: wrappingKey, nonce: nonce,
            associatedData: associatedData(header: header, salt: salt))
        return KeySlot(kind: kind, parameters: parameters, salt: salt, nonce: nonce, wrappedKey: wrapped)
    }

    /// An unused slot: random bytes with kind 0 masked in.
    static func unused() -> KeySlot {
        KeySlot(
            kind: .unused, parameters: Argon2idParameters(opsLimit: 0, memLimit: 0),
            salt: SecureRandom.bytes(count: 16), nonce: SecureRandom.bytes(count: 24),
            wrappedKey: SecureRandom.bytes(count: 48))
    }

    /// Tries `passphrase`; nil when it does not open this slot.
    /// - Throws: `CryptoError.outOfMemory` when Argon2id could not get its memory.
    func unwrap(with passphrase: Passphrase) throws(CryptoError) -> SymmetricKey? {
        let wrappingKey = try SymmetricKey(
            Argon2id.deriveKey(password: passphrase.secret, salt: salt, parameters: parameters))
        let header = Self.encodeHeader(kind: kind, parameters: parameters)
        do {
            return try SymmetricKey(
                XChaCha20Poly1305.openSecret(
                    wrappedKey, key: wrappingKey, nonce: nonce,
                    associatedData: Self.associatedData(header: header, salt: salt)))
        } catch .authenticationFailed {
            return nil
        }
    }

    /// The 104 bytes on disk.
    func encoded() -> [UInt8] {
        let header = Self.encodeHeader(kind: kind, parameters: parameters)
        let mask = Self.mask(salt: salt)
        return salt + zip(header, mask).map { $0 ^ $1 } + nonce + wrappedKey
    }

    /// Parses 104 bytes; nil when the slot is unused or its header is not one this version
    /// writes (a random or damaged slot).
    static func decode(_ bytes: ArraySlice<UInt8>) -> KeySlot? {
        guard bytes.count == byteCount else { return nil }
        let b = Array(bytes)
        let salt = Array(b[0..<16])
        let header = zip(b[16..<32], mask(salt: salt)).map { $0 ^ $1 }
        guard let kind = Kind(rawValue: header[0]), kind != .unused, header[1] == version,
            header[2] == 0, header[3] == 0
        else { return nil }
        let ops = header[4..<8].reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
        let mem = header[8..<16].reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
        guard ops >= 1, ops <= maximumOpsLimit, mem <= maximumMemLimit,
            Argon2id.memLimitRange.contains(mem), Argon2id.opsLimitRange.contains(ops)
        else { return nil }
        return KeySlot(
            kind: kind, parameters: Argon2idParameters(opsLimit: ops, memLimit: mem), salt: salt,
            nonce: Array(b[32..<56]), wrappedKey: Array(b[56..<104]))
    }

    static func encodeHeader(kind: Kind, parameters: Argon2idParameters) -> [UInt8] {
        var h: [UInt8] = [kind.rawValue, version, 0, 0]
        let ops = UInt32(truncatingIfNeeded: parameters.opsLimit)
        h += (0..<4).reversed().map { UInt8(truncatingIfNeeded: ops >> ($0 * 8)) }
        h += (0..<8).reversed().map { UInt8(truncatingIfNeeded: parameters.memLimit >> ($0 * 8)) }
        return h
    }

    static func mask(salt: [UInt8]) -> [UInt8] {
        // 16-byte output is within BLAKE2b's range, so this cannot throw.
        try! BLAKE2b.hash(Array("keepsake/v1/slot-mask".utf8) + salt, outputByteCount: 16)
    }

    static func associatedData(header: [UInt8], salt: [UInt8]) -> [UInt8] {
        Array("keepsake/v1/key-slot".utf8) + header + salt
    }
}
