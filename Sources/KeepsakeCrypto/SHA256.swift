import Crypto

/// SHA-256 from swift-crypto (BoringSSL, using the CPU's SHA instructions): the hash that
/// forensic tools and `sha256sum` use, for attachments, manifests and the Merkle tree.
/// The only place Keepsake touches swift-crypto.
public struct SHA256: Sendable {
    /// Digest length: 32 bytes.
    public static let byteCount = 32

    private var hasher = Crypto.SHA256()

    /// Starts an incremental hash.
    public init() {}

    /// Feeds bytes.
    public mutating func update(_ bytes: UnsafeRawBufferPointer) {
        hasher.update(bufferPointer: bytes)
    }

    /// Feeds bytes.
    public mutating func update(_ bytes: [UInt8]) {
        bytes.withUnsafeBytes { hasher.update(bufferPointer: $0) }
    }

    /// The 32-byte digest.
    public func finalize() -> [UInt8] { hasher.finalize().withUnsafeBytes { Array($0) } }

    /// One-shot digest.
    public static func hash(_ bytes: [UInt8]) -> [UInt8] {
        bytes.withUnsafeBytes { hash($0) }
    }

    /// One-shot digest of a buffer.
    public static func hash(_ bytes: UnsafeRawBufferPointer) -> [UInt8] {
        var hasher = SHA256()
        hasher.update(bytes)
        return hasher.finalize()
    }
}
