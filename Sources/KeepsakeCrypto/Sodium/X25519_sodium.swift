internal import CSodium

/// X25519 Diffie-Hellman (`crypto_scalarmult_curve25519`), for age recipients.
public enum X25519 {
    /// Key and shared-secret length: 32 bytes.
    public static let byteCount = 32

    /// A public key (a Montgomery u-coordinate), 32 bytes.
    public struct PublicKey: Sendable, Equatable, Hashable {
        /// The 32 public bytes.
        public let bytes: [UInt8]

        /// - Throws: `invalidLength` unless 32 bytes.
        public init(bytes: [UInt8]) throws(CryptoError) {
            try CryptoError.checkLength("X25519 public key", expected: byteCount, actual: bytes.count)
            self.bytes = bytes
        }
    }

    /// A private scalar in secure memory.
    public struct PrivateKey: Sendable, CustomStringConvertible {
        /// The 32 secret bytes.
        public let secret: SecureBytes

        /// A fresh random private key.
        public init() { secret = SecureBytes.random(count: byteCount) }

        /// Wraps an existing scalar.
        /// - Throws: `invalidLength` unless 32 bytes.
        public init(secret: SecureBytes) throws(CryptoError) {
            try CryptoError.checkLength("X25519 private key", expected: byteCount, actual: secret.count)
            self.secret = secret
        }

        /// The matching public key (`crypto_scalarmult_curve25519_base`).
        public var publicKey: PublicKey {
            var out = [UInt8](repeating: 0, count: byteCount)
            out.withUnsafeMutableBytes { o in
                secret.withUnsafeBytes { s in
                    _ = crypto_scalarmult_curve25519_base(
                        ptr(o),
                        ptr(s))
                }
            }
            return try! PublicKey(bytes: out)  // 32 bytes by construction
        }

        /// The shared secret with `peer`.
        /// - Throws: `weakPublicKey` when the result is all zeros (a low-order point), which
        ///   age requires refusing.
        public func sharedSecret(with peer: PublicKey) throws(CryptoError) -> SecureBytes {
            Sodium.ensureInitialised()
            var status: Int32 = -1
            let out = SecureBytes(count: byteCount) { o in
                secret.withUnsafeBytes { s in
                    peer.bytes.withUnsafeBytes { p in
                        status = crypto_scalarmult_curve25519(
                            ptr(o),
                            ptr(s),
                            ptr(p))
                    }
                }
            }
            guard status == 0 else { throw .weakPublicKey }
            return out
        }

        public var description: String { "X25519.PrivateKey(redacted)" }
    }
}
