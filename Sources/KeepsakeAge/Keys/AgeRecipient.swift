import KeepsakeCrypto

/// An age X25519 recipient: the public key a file is encrypted to, written `age1…`
/// (Bech32 of the 32-byte Curve25519 point under the prefix `age`, lower case).
public struct AgeRecipient: Sendable, Hashable, CustomStringConvertible {
    /// The Bech32 prefix of a recipient.
    static let prefix = "age"

    /// The recipient's X25519 public key.
    public let publicKey: X25519.PublicKey

    /// The recipient of an X25519 public key.
    public init(publicKey: X25519.PublicKey) {
        self.publicKey = publicKey
    }

    /// Reads an `age1…` recipient, as `age -r` takes it (lower case, no spaces around).
    /// - Throws: `AgeError.invalidRecipient` for anything else: another prefix (such as a
    ///   post-quantum `age1pq1…` or plugin recipient), a bad checksum, or a key that is not
    ///   32 bytes.
    public init(parsing text: String) throws(AgeError) {
        let decoded: (hrp: String, data: [UInt8])
        do {
            decoded = try Bech32.decode(Array(text.utf8))
        } catch {
            throw .invalidRecipient(reason: error.reason)
        }
        guard decoded.hrp == Self.prefix else {
            throw .invalidRecipient(reason: "it starts with \"\(decoded.hrp)1\", not \"age1\"")
        }
        do {
            publicKey = try X25519.PublicKey(bytes: decoded.data)
        } catch {
            throw .invalidRecipient(reason: "the key is \(decoded.data.count) bytes, not 32")
        }
    }

    /// The `age1…` text of the recipient, as `age-keygen` prints it.
    public var description: String {
        String(decoding: Bech32.encode(hrp: Self.prefix, data: publicKey.bytes), as: UTF8.self)
    }
}
