/// The errors of the crypto layer.
///
/// Authentication failure is a single case that says nothing about why: a
/// forged message, a wrong key and a corrupted byte are indistinguishable on purpose.
public enum CryptoError: Error, Equatable, Sendable, CustomStringConvertible {
    /// A ciphertext, tag or signature did not verify under the given key.
    case authenticationFailed
    /// An input had the wrong length: `what` names it.
    case invalidLength(what: String, expected: Int, actual: Int)
    /// A parameter is outside the range the primitive accepts (work factors, output sizes).
    case invalidParameter(String)
    /// The key derivation could not get the memory it asked for.
    case outOfMemory
    /// Text that should be base64 (or another encoding) is not canonical.
    case invalidEncoding(String)
    /// An X25519 public key produced an all-zero shared secret (a low-order point).
    case weakPublicKey
    /// A chunked stream ended before its last chunk.
    case streamTruncated
    /// A chunked stream has bytes after its last chunk.
    case streamTrailingData
    /// The operating system's random source or libsodium could not be initialised.
    case libraryUnavailable

    public var description: String {
        switch self {
        case .authenticationFailed:
            return "authentication failed: the data was altered or the key is wrong"
        case let .invalidLength(what, expected, actual):
            return "\(what) must be \(expected) bytes, got \(actual)"
        case let .invalidParameter(message):
            return "invalid parameter: \(message)"
        case .outOfMemory:
            return "not enough memory for key derivation; close other programs and try again"
        case let .invalidEncoding(message):
            return "invalid encoding: \(message)"
        case .weakPublicKey:
            return "the public key is weak (low-order point) and was refused"
        case .streamTruncated:
            return "the encrypted stream is truncated: its last chunk is missing"
        case .streamTrailingData:
            return "the encrypted stream has data after its last chunk"
        case .libraryUnavailable:
            return "libsodium could not be initialised"
        }
    }
}

extension CryptoError {
    /// Throws `invalidLength` unless `actual == expected`.
    @inlinable
    static func checkLength(_ what: String, expected: Int, actual: Int) throws(CryptoError) {
        guard actual == expected else {
            throw .invalidLength(what: what, expected: expected, actual: actual)
        }
    }
}
