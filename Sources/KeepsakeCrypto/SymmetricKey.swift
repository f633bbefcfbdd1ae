/// A 256-bit secret key for the AEADs, the chunked stream and `crypto_kdf`, held in
/// `SecureBytes`. Its length is checked when it is made.
public struct SymmetricKey: Sendable, Equatable, CustomStringConvertible {
    /// The length of every symmetric key here: 32 bytes.
    public static let byteCount = 32

    /// The key's bytes, in secure memory.
    public let secret: SecureBytes

    /// Wraps 32 secret bytes as a key.
    /// - Throws: `CryptoError.invalidLength` unless `secret` holds exactly 32 bytes.
    public init(_ secret: SecureBytes) throws(CryptoError) {
        try CryptoError.checkLength("key", expected: Self.byteCount, actual: secret.count)
        self.secret = secret
    }

    /// A fresh random key.
    public static func random() -> SymmetricKey {
        // Length is right by construction.
        try! SymmetricKey(SecureBytes.random(count: byteCount))
    }

    /// Lends the key bytes for the duration of `body`.
    public func withUnsafeBytes<R, E: Error>(
        _ body: (UnsafeRawBufferPointer) throws(E) -> R
    ) throws(E) -> R {
        try secret.withUnsafeBytes(body)
    }

    public var description: String { "SymmetricKey(redacted)" }
}
