import KeepsakeCrypto

/// An age X25519 identity: the secret key that opens files encrypted to its recipient,
/// written `AGE-SECRET-KEY-1…` (upper-case Bech32 of the 32-byte scalar under the prefix
/// `AGE-SECRET-KEY-`). The scalar stays in secure memory; `description` never shows it.
public struct AgeIdentity: Sendable, CustomStringConvertible {
    /// The Bech32 prefix of a secret key.
    static let prefix = "AGE-SECRET-KEY-"

    /// The X25519 private key.
    public let privateKey: X25519.PrivateKey
    /// The recipient (public key) that files for this identity are encrypted to.
    public let recipient: AgeRecipient

    /// The identity of an X25519 private key.
    public init(privateKey: X25519.PrivateKey) {
        self.privateKey = privateKey
        recipient = AgeRecipient(publicKey: privateKey.publicKey)
    }

    /// A new random identity, as `age-keygen` makes.
    public static func generate() -> AgeIdentity {
        AgeIdentity(privateKey: X25519.PrivateKey())
    }

    /// Reads an `AGE-SECRET-KEY-1…` line (upper case, nothing around it), as age does.
    /// - Throws: `AgeError.invalidIdentity` for anything else, without repeating the text.
    public init(parsing text: String) throws(AgeError) {
        var bytes = Array(text.utf8)
        defer { SecureBytes.wipe(&bytes) }
        try self.init(parsingBytes: bytes)
    }

    /// Reads an `AGE-SECRET-KEY-1…` key given as ASCII bytes (a line of an identity file).
    /// - Throws: `AgeError.invalidIdentity`.
    init(parsingBytes bytes: [UInt8]) throws(AgeError) {
        // age refuses the lower-case spelling, which Bech32 alone would allow.
        guard bytes.starts(with: Array((Self.prefix + "1").utf8)) else {
            throw .invalidIdentity(reason: "it does not start with AGE-SECRET-KEY-1 (in upper case)")
        }
        var decoded: (hrp: String, data: [UInt8])
        do {
            decoded = try Bech32.decode(bytes)
        } catch {
            throw .invalidIdentity(reason: error.reason)
        }
        defer { SecureBytes.wipe(&decoded.data) }
        guard decoded.hrp == Self.prefix else {
            throw .invalidIdentity(reason: "it does not start with AGE-SECRET-KEY-1 (in upper case)")
        }
        do {
            self.init(privateKey: try X25519.PrivateKey(secret: SecureBytes(copying: decoded.data)))
        } catch {
            throw .invalidIdentity(reason: "the key is \(decoded.data.count) bytes, not 32")
        }
    }

    /// The `AGE-SECRET-KEY-1…` text of the key, in secure memory (ASCII, no newline).
    public func encodedSecretKey() -> SecureBytes {
        var scalar = privateKey.secret.withUnsafeBytes { Array($0) }
        defer { SecureBytes.wipe(&scalar) }
        var text = Bech32.encode(hrp: Self.prefix, data: scalar)
        defer { SecureBytes.wipe(&text) }
        return SecureBytes(copying: text)
    }

    /// The recipient and a note that the secret is hidden; never the secret itself.
    public var description: String { "AgeIdentity(\(recipient), secret redacted)" }
}
