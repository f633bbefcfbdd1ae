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

extension SHA256 {
    /// A digest held by value, its 32 bytes inline: no heap allocation to make, keep, copy or
    /// free it (opening a large vault makes two per frame and keeps one).
    public struct Digest: Hashable, Sendable {
        private var words: (UInt64, UInt64, UInt64, UInt64)

        /// The digest whose bytes these are (exactly 32; a programming error otherwise).
        public init(_ bytes: UnsafeRawBufferPointer) {
            precondition(bytes.count == SHA256.byteCount, "a SHA-256 digest is 32 bytes")
            words = (
                bytes.loadUnaligned(fromByteOffset: 0, as: UInt64.self),
                bytes.loadUnaligned(fromByteOffset: 8, as: UInt64.self),
                bytes.loadUnaligned(fromByteOffset: 16, as: UInt64.self),
                bytes.loadUnaligned(fromByteOffset: 24, as: UInt64.self))
        }

        /// The digest whose bytes these are (exactly 32).
        public init(_ bytes: [UInt8]) { self = bytes.withUnsafeBytes { Digest($0) } }

        /// Its 32 bytes.
        public var bytes: [UInt8] { withUnsafeBytes { Array($0) } }

        /// Lends its 32 bytes to `body`.
        public func withUnsafeBytes<R>(_ body: (UnsafeRawBufferPointer) -> R) -> R {
            var words = words
            return Swift.withUnsafeBytes(of: &words) { body($0) }
        }

        public static func == (a: Digest, b: Digest) -> Bool {
            a.words.0 == b.words.0 && a.words.1 == b.words.1 && a.words.2 == b.words.2 && a.words.3 == b.words.3
        }

        public func hash(into hasher: inout Hasher) {
            hasher.combine(words.0)
            hasher.combine(words.1)
            hasher.combine(words.2)
            hasher.combine(words.3)
        }
    }

    /// The digest, by value.
    public func finalizeDigest() -> Digest { hasher.finalize().withUnsafeBytes { Digest($0) } }

    /// One-shot digest of a buffer, by value.
    public static func digest(_ bytes: UnsafeRawBufferPointer) -> Digest {
        var hasher = SHA256()
        hasher.update(bytes)
        return hasher.finalizeDigest()
    }
}
