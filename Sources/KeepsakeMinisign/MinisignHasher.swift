import KeepsakeCrypto

/// What a prehashed (`ED`) minisign signature signs: the 64-byte unkeyed BLAKE2b hash of the
/// whole content.
public struct MinisignDigest: Sendable, Equatable, Hashable {
    /// Length of the digest: 64 bytes.
    public static let byteCount = 64

    /// The 64 hash bytes.
    public let bytes: [UInt8]

    /// The digest of content held in memory.
    public init(of content: [UInt8]) {
        var hasher = MinisignHasher()
        hasher.update(content)
        self = hasher.finalize()
    }

    init(hashBytes: [UInt8]) { bytes = hashBytes }
}

/// Hashes content handed over in chunks of any size, so that a file of many GiB can be signed
/// or verified from a stream without holding it in memory. Feeding the same bytes in any
/// chunking gives the same digest as `MinisignDigest(of:)`.
///
/// The hasher can't be copied, and `finalize()` consumes it, so it is finished exactly once.
public struct MinisignHasher: ~Copyable {
    private let state: BLAKE2b

    /// A hasher that has seen no bytes.
    public init() {
        // 64 is within BLAKE2b's 16...64 and there is no key, so this can't throw.
        state = try! BLAKE2b(outputByteCount: MinisignDigest.byteCount)
    }

    /// Feeds the next chunk.
    public mutating func update(_ chunk: UnsafeRawBufferPointer) {
        state.update(chunk)
    }

    /// Feeds the next chunk.
    public mutating func update(_ chunk: [UInt8]) {
        state.update(chunk)
    }

    /// Feeds the next chunk.
    public mutating func update(_ chunk: ArraySlice<UInt8>) {
        chunk.withUnsafeBytes { state.update($0) }
    }

    /// The digest of every byte fed so far; the hasher is used up.
    public consuming func finalize() -> MinisignDigest {
        MinisignDigest(hashBytes: state.finalize())
    }
}
