import KeepsakeCrypto

/// An age file key: 16 random bytes, fresh for every file, wrapped once per recipient in the
/// header. The header MAC key and the payload key are derived from it with HKDF-SHA-256.
struct FileKey: Sendable {
    /// A file key's length: 16 bytes.
    static let byteCount = 16
    /// The payload nonce's length: 16 bytes.
    static let payloadNonceByteCount = 16

    /// The key, in secure memory.
    let secret: SecureBytes

    /// A fresh file key from the CSPRNG.
    static func random() -> FileKey {
        FileKey(checked: SecureBytes.random(count: byteCount))
    }

    /// A file key unwrapped from a stanza, whose length the caller has checked.
    init(checked secret: SecureBytes) {
        precondition(secret.count == Self.byteCount, "file key of \(secret.count) bytes")
        self.secret = secret
    }

    /// The header MAC key: HKDF-SHA-256(file key, salt = empty, info = "header").
    func headerMACKey() -> SecureBytes {
        // 32 bytes of output from a 16-byte key: within HKDF's bounds, so this can't throw.
        try! HKDF.deriveKey(
            inputKeyMaterial: secret, salt: [], info: Array("header".utf8), outputByteCount: 32)
    }

    /// The payload key: HKDF-SHA-256(file key, salt = payload nonce, info = "payload").
    func payloadKey(nonce: [UInt8]) -> SymmetricKey {
        // 32 bytes, within HKDF's bounds and a symmetric key's length: this can't throw.
        try! SymmetricKey(
            HKDF.deriveKey(
                inputKeyMaterial: secret, salt: nonce, info: Array("payload".utf8),
                outputByteCount: SymmetricKey.byteCount))
    }

    /// Seals the file key for a stanza body: ChaCha20-Poly1305 under `wrapKey` with the
    /// all-zero nonce (each wrap key is used once), 32 bytes.
    func sealed(under wrapKey: SymmetricKey) -> [UInt8] {
        // The nonce is 12 bytes, so this can't throw.
        try! ChaCha20Poly1305.sealSecret(secret, key: wrapKey, nonce: Self.zeroNonce)
    }

    /// Opens a stanza body sealed by `sealed(under:)`: nil when it does not authenticate
    /// (the stanza is for someone else). The caller checks that `body` is 32 bytes first.
    static func opened(_ body: [UInt8], under wrapKey: SymmetricKey) -> FileKey? {
        precondition(body.count == byteCount + ChaCha20Poly1305.tagByteCount)
        guard let secret = try? ChaCha20Poly1305.openSecret(body, key: wrapKey, nonce: zeroNonce)
        else { return nil }
        return FileKey(checked: secret)
    }

    /// The length of a stanza body that wraps a file key: 32 bytes.
    static let sealedByteCount = byteCount + ChaCha20Poly1305.tagByteCount

    private static let zeroNonce = [UInt8](repeating: 0, count: ChaCha20Poly1305.nonceByteCount)
}
