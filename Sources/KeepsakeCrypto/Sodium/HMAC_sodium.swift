internal import CSodium

/// HMAC-SHA-256 with a key of any length (`crypto_auth_hmacsha256_init/update/final`; the
/// one-shot `crypto_auth_hmacsha256` would insist on 32-byte keys, which breaks HKDF).
public final class HMACSHA256 {
    /// Tag length: 32 bytes.
    public static let byteCount = 32

    private let state: UnsafeMutablePointer<crypto_auth_hmacsha256_state>
    private var finished = false

    /// Starts an incremental MAC keyed by `key` (any length, empty included).
    public init(key: SecureBytes) {
        Sodium.ensureInitialised()
        state = .allocate(capacity: 1)
        key.withUnsafeBytes { k in
            _ = crypto_auth_hmacsha256_init(state, ptr(k), k.count)
        }
    }

    deinit {
        sodium_memzero(state, MemoryLayout<crypto_auth_hmacsha256_state>.size)
        state.deallocate()
    }

    /// Feeds bytes.
    public func update(_ bytes: UnsafeRawBufferPointer) {
        precondition(!finished, "HMAC updated after finalize")
        _ = crypto_auth_hmacsha256_update(state, ptr(bytes), UInt64(bytes.count))
    }

    /// Feeds bytes.
    public func update(_ bytes: [UInt8]) { bytes.withUnsafeBytes { update($0) } }

    /// Returns the 32-byte tag into secure memory (HKDF uses it as key material).
    public func finalizeSecret() -> SecureBytes {
        precondition(!finished, "HMAC finalized twice")
        finished = true
        return SecureBytes(count: Self.byteCount) { o in
            _ = crypto_auth_hmacsha256_final(state, ptr(o))
        }
    }

    /// Returns the 32-byte tag.
    public func finalize() -> [UInt8] {
        let secret = finalizeSecret()
        return secret.withUnsafeBytes { Array($0) }
    }

    /// One-shot tag.
    public static func authenticationCode(for message: [UInt8], key: SecureBytes) -> [UInt8] {
        let mac = HMACSHA256(key: key)
        mac.update(message)
        return mac.finalize()
    }

    /// Checks `tag` in constant time. `tagByteCount` below 32 checks a truncated tag (the
    /// first bytes of the full one); it must be 16...32, and `tag` must be exactly that long.
    public static func isValid(
        _ tag: [UInt8], for message: [UInt8], key: SecureBytes, tagByteCount: Int = byteCount
    ) -> Bool {
        guard (16...byteCount).contains(tagByteCount), tag.count == tagByteCount else {
            return false
        }
        let full = authenticationCode(for: message, key: key)
        return constantTimeEqual(Array(full.prefix(tagByteCount)), tag)
    }
}

/// Compares two byte strings in constant time for equal lengths (`sodium_memcmp`).
public func constantTimeEqual(_ a: [UInt8], _ b: [UInt8]) -> Bool {
    Sodium.ensureInitialised()
    guard a.count == b.count else { return false }
    if a.isEmpty { return true }
    return a.withUnsafeBytes { x in
        b.withUnsafeBytes { y in sodium_memcmp(x.baseAddress!, y.baseAddress!, a.count) == 0 }
    }
}
