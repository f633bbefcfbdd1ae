import KeepsakeCrypto

/// The hashes of an RFC 9162 (Certificate Transparency 2.0) Merkle tree, §2.1.1, with SHA-256:
///
///     MTH({})        = SHA-256()
///     MTH({d[0]})    = SHA-256(0x00 ‖ d[0])                     (a leaf hash)
///     MTH(D[n])      = SHA-256(0x01 ‖ MTH(D[0:k]) ‖ MTH(D[k:n]))  (k = largest power of 2 < n)
///
/// The 0x00 / 0x01 prefixes keep leaves and interior nodes apart (second-preimage resistance).
public enum MerkleHash {
    /// The length of every hash in the tree: 32 bytes.
    public static let byteCount = SHA256.byteCount

    /// The root of the empty tree: SHA-256 of no bytes
    /// (e3b0c442…b855).
    public static let emptyRoot: [UInt8] = SHA256.hash([])

    /// The leaf hash of `input`: SHA-256(0x00 ‖ input).
    public static func leaf(_ input: [UInt8]) -> [UInt8] {
        var hasher = SHA256()
        withUnsafeBytes(of: UInt8(0x00)) { hasher.update($0) }
        hasher.update(input)
        return hasher.finalize()
    }

    /// The interior-node hash of two children: SHA-256(0x01 ‖ left ‖ right).
    public static func node(_ left: [UInt8], _ right: [UInt8]) -> [UInt8] {
        left.withUnsafeBytes { left in right.withUnsafeBytes { right in node(left, right) } }
    }

    /// The same, from buffers.
    static func node(_ left: UnsafeRawBufferPointer, _ right: UnsafeRawBufferPointer) -> [UInt8] {
        nodeDigest(left, right).bytes
    }

    /// The same, by value (no array to allocate: a large tree is built from many).
    static func nodeDigest(_ left: UnsafeRawBufferPointer, _ right: UnsafeRawBufferPointer) -> SHA256.Digest {
        var hasher = SHA256()
        withUnsafeBytes(of: UInt8(0x01)) { hasher.update($0) }
        hasher.update(left)
        hasher.update(right)
        return hasher.finalizeDigest()
    }

    /// The largest power of two strictly smaller than `n` (the RFC's `k`); `n` must be at least 2.
    static func splitPoint(_ n: Int) -> Int {
        precondition(n >= 2, "a split needs at least two leaves")
        return 1 << (Int.bitWidth - 1 - (n - 1).leadingZeroBitCount)
    }
}
