internal import CSodium

/// Ed25519 signatures (`crypto_sign_*`, detached), for signed tree heads and minisign.
public enum Ed25519 {
    /// Seed length: 32 bytes.
    public static let seedByteCount = 32
    /// Public key length: 32 bytes.
    public static let publicKeyByteCount = 32
    /// Signature length: 64 bytes.
    public static let signatureByteCount = 64

    /// A verifying key.
    public struct PublicKey: Sendable, Equatable, Hashable {
        /// The 32 public bytes.
        public let bytes: [UInt8]

        /// - Throws: `invalidLength` unless 32 bytes.
        public init(bytes: [UInt8]) throws(CryptoError) {
            try CryptoError.checkLength(
                "Ed25519 public key", expected: publicKeyByteCount, actual: bytes.count)
            self.bytes = bytes
        }

        /// Checks a detached signature (`crypto_sign_verify_detached`, which refuses
        /// non-canonical and small-order encodings). A signature of the wrong length is invalid.
        public func isValidSignature(_ signature: [UInt8], for message: [UInt8]) -> Bool {
            Sodium.ensureInitialised()
            guard signature.count == signatureByteCount else { return false }
            return signature.withUnsafeBytes { s in
                message.withUnsafeBytes { m in
                    bytes.withUnsafeBytes { k in
                        crypto_sign_verify_detached(
                            ptr(s),
                            ptr(m), UInt64(m.count),
                            ptr(k)) == 0
                    }
                }
            }
        }
    }

    /// A signing key: libsodium's 64-byte secret key (seed ‖ public key) in secure memory.
    public struct PrivateKey: Sendable, CustomStringConvertible {
        private let secretKey: SecureBytes
        /// The matching verifying key.
        public let publicKey: PublicKey

        /// Derives the key pair from a 32-byte seed (`crypto_sign_seed_keypair`).
        /// - Throws: `invalidLength` unless the seed is 32 bytes.
        public init(seed: SecureBytes) throws(CryptoError) {
            Sodium.ensureInitialised()
            try CryptoError.checkLength("Ed25519 seed", expected: seedByteCount, actual: seed.count)
            var pk = [UInt8](repeating: 0, count: publicKeyByteCount)
            secretKey = SecureBytes(count: Int(crypto_sign_secretkeybytes())) { sk in
                seed.withUnsafeBytes { s in
                    pk.withUnsafeMutableBytes { p in
                        _ = crypto_sign_seed_keypair(
                            ptr(p),
                            ptr(sk),
                            ptr(s))
                    }
                }
            }
            publicKey = try PublicKey(bytes: pk)
        }

        /// A fresh random key pair.
        public init() {
            try! self.init(seed: SecureBytes.random(count: seedByteCount))  // 32 by construction
        }

        /// A detached 64-byte signature (`crypto_sign_detached`).
        public func signature(for message: [UInt8]) -> [UInt8] {
            var sig = [UInt8](repeating: 0, count: signatureByteCount)
            sig.withUnsafeMutableBytes { o in
                message.withUnsafeBytes { m in
                    secretKey.withUnsafeBytes { k in
                        _ = crypto_sign_detached(
                            ptr(o), nil,
                            ptr(m), UInt64(m.count),
                            ptr(k))
                    }
                }
            }
            return sig
        }

        public var description: String { "Ed25519.PrivateKey(redacted)" }
    }
}
