import KeepsakeCrypto

/// A signed tree head: the vault's Ed25519 signature over the size and root of its Merkle
/// tree at a moment. The store writes one as a checkpoint record; an anchor is its short,
/// printable form; a bundle carries the latest one so a recipient can check every disclosed
/// entry against it.
///
/// Encoded (129 bytes): version (1, = 1) ‖ vault id (16) ‖ tree size (u64 BE) ‖ root (32) ‖
/// time (u64 BE, ms since 1970 UTC) ‖ Ed25519 signature (64) over
/// `"keepsake/v1/tree-head"` ‖ the first 65 bytes.
public struct SignedTreeHead: Sendable, Equatable, Hashable {
    /// The encoding's version byte.
    public static let version: UInt8 = 1
    /// The length of `encoded()`.
    public static let byteCount = 1 + 16 + 8 + 32 + 8 + 64
    static let domain = Array("keepsake/v1/tree-head".utf8)

    /// The vault the head belongs to.
    public let vaultId: [UInt8]
    /// How many log records the tree covers (records 0 ..< treeSize).
    public let treeSize: UInt64
    /// The RFC 9162 root of those records' commitments.
    public let root: [UInt8]
    /// When it was signed, by the device clock (ms since 1970, UTC).
    public let timestamp: UInt64
    /// The Ed25519 signature.
    public let signature: [UInt8]

    /// Signs a tree head with the vault's signing key.
    init(vaultId: [UInt8], treeSize: UInt64, root: [UInt8], timestamp: UInt64, signingKey: Ed25519.PrivateKey) {
        self.vaultId = vaultId
        self.treeSize = treeSize
        self.root = root
        self.timestamp = timestamp
        signature = signingKey.signature(
            for: Self.signedMessage(vaultId: vaultId, treeSize: treeSize, root: root, timestamp: timestamp))
    }

    /// Parses an encoded head (signature not yet checked: call `isValid(for:)`).
    /// - Throws: `StoreError.unsupported` for a wrong length or an unknown version.
    public init(decoding bytes: [UInt8]) throws(StoreError) {
        guard bytes.count == Self.byteCount else {
            throw .unsupported("a signed tree head of \(bytes.count) bytes")
        }
        guard bytes[0] == Self.version else { throw .unsupported("tree head version \(bytes[0])") }
        vaultId = Array(bytes[1..<17])
        treeSize = UInt64(bigEndianBytes: bytes[17..<25])
        root = Array(bytes[25..<57])
        timestamp = UInt64(bigEndianBytes: bytes[57..<65])
        signature = Array(bytes[65..<129])
    }

    /// Makes a head from its parts (for recipients reading a bundle's manifest).
    public init(vaultId: [UInt8], treeSize: UInt64, root: [UInt8], timestamp: UInt64, signature: [UInt8]) throws(StoreError) {
        guard vaultId.count == 16, root.count == 32, signature.count == 64 else {
            throw .unsupported("a signed tree head with fields of the wrong length")
        }
        self.vaultId = vaultId
        self.treeSize = treeSize
        self.root = root
        self.timestamp = timestamp
        self.signature = signature
    }

    /// The 129-byte encoding.
    public func encoded() -> [UInt8] {
        [Self.version] + vaultId + treeSize.bigEndianBytes + root + timestamp.bigEndianBytes + signature
    }

    /// Whether the signature verifies under `publicKey`.
    public func isValid(for publicKey: Ed25519.PublicKey) -> Bool {
        publicKey.isValidSignature(
            signature,
            for: Self.signedMessage(vaultId: vaultId, treeSize: treeSize, root: root, timestamp: timestamp))
    }

    /// The bytes the signature covers.
    public static func signedMessage(vaultId: [UInt8], treeSize: UInt64, root: [UInt8], timestamp: UInt64) -> [UInt8] {
        domain + [version] + vaultId + treeSize.bigEndianBytes + root + timestamp.bigEndianBytes
    }
}
