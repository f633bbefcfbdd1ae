import KeepsakeCrypto

/// Where an attachment's encrypted bytes are and how to open and check them. The vault model
/// keeps this inside the (encrypted) entry that refers to the attachment, beside the media
/// type and original file name.
public struct AttachmentBlob: Sendable, Equatable {
    /// The blob's file name under the vault's `4/` folder: 32 random hex characters.
    public let name: String
    /// The blob's own random key (the chunked stream's key).
    public let key: SymmetricKey
    /// SHA-256 of the plaintext (what `sha256sum` and forensic tools print).
    public let sha256: [UInt8]
    /// Size of the plaintext in bytes.
    public let byteCount: UInt64

    /// Describes a stored blob.
    /// - Throws: `StoreError.unsupported` for a name that is not 32 hex characters (a hostile
    ///   entry must not name a path outside the blob folder) or a hash that is not 32 bytes.
    public init(name: String, key: SymmetricKey, sha256: [UInt8], byteCount: UInt64) throws(StoreError) {
        guard Self.isValidName(name) else { throw .unsupported("attachment name \(name)") }
        guard sha256.count == SHA256.byteCount else { throw .unsupported("attachment hash length") }
        self.name = name
        self.key = key
        self.sha256 = sha256
        self.byteCount = byteCount
    }

    /// Whether `name` is 32 lower-case hex characters.
    public static func isValidName(_ name: String) -> Bool {
        name.utf8.count == 32 && name.utf8.allSatisfy { (48...57).contains($0) || (97...102).contains($0) }
    }
}
