internal import CSodium

/// Purpose keys from a master key (`crypto_kdf_derive_from_key`: BLAKE2b keyed by the master
/// key, personalised by an 8-character context and a 64-bit subkey id).
public enum KeyDerivation {
    /// Context length: exactly 8 bytes.
    public static let contextByteCount = 8

    /// Derives a 32-byte subkey.
    /// - Throws: `invalidParameter` if `context` is not 8 bytes of UTF-8.
    public static func deriveSubkey(
        from master: SymmetricKey, id: UInt64, context: String
    ) throws(CryptoError) -> SymmetricKey {
        try SymmetricKey(deriveSubkey(from: master, id: id, context: context, byteCount: 32))
    }

    /// Derives a subkey of `byteCount` bytes (16...64).
    /// - Throws: `invalidParameter` for a bad context or size.
    public static func deriveSubkey(
        from master: SymmetricKey, id: UInt64, context: String, byteCount: Int
    ) throws(CryptoError) -> SecureBytes {
        Sodium.ensureInitialised()
        let ctx = Array(context.utf8)
        guard ctx.count == contextByteCount else {
            throw .invalidParameter("KDF context must be 8 bytes: \(context)")
        }
        guard byteCount >= Int(crypto_kdf_bytes_min()), byteCount <= Int(crypto_kdf_bytes_max())
        else { throw .invalidParameter("KDF subkey of \(byteCount) bytes") }
        return SecureBytes(count: byteCount) { out in
            master.withUnsafeBytes { k in
                ctx.withUnsafeBytes { c in
                    _ = crypto_kdf_derive_from_key(
                        ptr(out), byteCount, id,
                        UnsafeRawPointer(ptr(c)).assumingMemoryBound(to: CChar.self),
                        ptr(k))
                }
            }
        }
    }
}
