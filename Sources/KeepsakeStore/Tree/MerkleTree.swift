/// An append-only Merkle tree in the RFC 9162 shape (see `MerkleHash`), over the vault's
/// entries in log order.
///
/// It holds the 32-byte leaf hashes only, never the leaf inputs: a million leaves take 32 MB.
/// Beside them it keeps the roots of the full (power-of-two) subtrees that make up the tree,
/// left to right — at most one per bit of `count` — so that `append` costs O(1) amortised and
/// `root` O(log n) hashes, whatever the size. `root(forSize:)` for an earlier size and the proofs
/// (in `MerkleTree+Proofs.swift`) rehash the leaves they cover: O(n) for now.
public struct MerkleTree: Sendable {
    /// The leaf hashes, 32 bytes each, back to back.
    private var leaves: [UInt8] = []
    /// The roots of the full subtrees covering the leaves, largest (leftmost) first; their sizes
    /// are the powers of two in the binary form of `count`, from the highest bit down.
    private var fullSubtrees: [[UInt8]] = []

    /// The number of leaves.
    public private(set) var count = 0

    /// An empty tree (its root is `MerkleHash.emptyRoot`).
    public init() {}

    /// A tree holding these leaf hashes in order (each must be 32 bytes).
    public init(leafHashes: some Sequence<[UInt8]>) {
        for hash in leafHashes { append(leafHash: hash) }
    }

    /// Appends a leaf given its leaf hash, SHA-256(0x00 ‖ input); returns the leaf's index.
    /// `leafHash` must be 32 bytes (a programming error otherwise).
    @discardableResult
    public mutating func append(leafHash: [UInt8]) -> Int {
        precondition(leafHash.count == MerkleHash.byteCount, "a leaf hash is 32 bytes")
        let index = count
        leaves.append(contentsOf: leafHash)
        fullSubtrees.append(leafHash)
        count += 1
        // RFC 9162 §2.1.2: merge once for each trailing one bit of the new leaf's index.
        var merges = (~index).trailingZeroBitCount
        while merges > 0 {
            let right = fullSubtrees.removeLast()
            let left = fullSubtrees.removeLast()
            fullSubtrees.append(MerkleHash.node(left, right))
            merges -= 1
        }
        return index
    }

    /// Appends a leaf given its input (hashed here as SHA-256(0x00 ‖ input)); returns its index.
    @discardableResult
    public mutating func appendLeaf(input: [UInt8]) -> Int {
        append(leafHash: MerkleHash.leaf(input))
    }

    /// The leaf hash at `index` (0 ≤ index < count).
    public func leafHash(at index: Int) -> [UInt8] {
        precondition(index >= 0 && index < count, "leaf index \(index) outside 0..<\(count)")
        let start = index * MerkleHash.byteCount
        return Array(leaves[start..<start + MerkleHash.byteCount])
    }

    /// The current root, MTH of all `count` leaves: O(log n), from the full-subtree roots.
    public var root: [UInt8] {
        guard var hash = fullSubtrees.last else { return MerkleHash.emptyRoot }
        for left in fullSubtrees.dropLast().reversed() {
            hash = MerkleHash.node(left, hash)
        }
        return hash
    }

    /// The root the tree had when it held its first `size` leaves (0 ≤ size ≤ count).
    /// O(size) hashes unless `size` is the current count.
    public func root(forSize size: Int) -> [UInt8] {
        precondition(size >= 0 && size <= count, "tree size \(size) outside 0...\(count)")
        if size == count { return root }
        if size == 0 { return MerkleHash.emptyRoot }
        return subtreeHash(0, size)
    }

    /// MTH(D[lower:upper]) of a non-empty range of leaves, by the RFC's recursion.
    func subtreeHash(_ lower: Int, _ upper: Int) -> [UInt8] {
        let n = upper - lower
        if n == 1 { return leafHash(at: lower) }
        if n == 2 {
            // Two neighbouring leaf hashes are 64 contiguous bytes in `leaves`.
            let start = lower * MerkleHash.byteCount
            return leaves.withUnsafeBytes {
                MerkleHash.node(adjacent: UnsafeRawBufferPointer(rebasing: $0[start..<start + 2 * MerkleHash.byteCount]))
            }
        }
        let k = MerkleHash.splitPoint(n)
        return MerkleHash.node(subtreeHash(lower, lower + k), subtreeHash(lower + k, upper))
    }
}
