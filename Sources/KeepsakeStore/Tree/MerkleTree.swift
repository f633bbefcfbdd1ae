import KeepsakeCrypto

/// An append-only Merkle tree in the RFC 9162 shape (see `MerkleHash`), over the vault's
/// entries in log order.
///
/// It holds the 32-byte leaf hashes, never the leaf inputs, and every interior node of a full
/// aligned subtree (level h holds the hashes of leaves [i·2^h, (i+1)·2^h)): a million leaves
/// take about 64 MB. With them, the hash of any subtree the RFC's recursion asks for costs
/// O(log n), so `root(forSize:)` and each proof (in `MerkleTree+Proofs.swift`) cost O(log² n)
/// at most, and an export of many entries does not rehash the log for each one. Beside them it
/// keeps the roots of the full subtrees that make up the tree, left to right, so that `append`
/// costs O(1) amortised and `root` O(log n).
public struct MerkleTree: Sendable {
    /// levels[h]: the hashes of the full aligned subtrees of 2^h leaves, 32 bytes each, back
    /// to back; levels[0] holds the leaf hashes.
    private var levels: [[UInt8]] = [[]]
    /// The roots of the full subtrees covering the leaves, largest (leftmost) first; their sizes
    /// are the powers of two in the binary form of `count`, from the highest bit down.
    private var fullSubtrees: [[UInt8]] = []

    /// The number of leaves.
    public private(set) var count = 0

    /// An empty tree (its root is `MerkleHash.emptyRoot`).
    public init() {}

    /// A tree holding these leaf hashes in order (each must be 32 bytes), built level by
    /// level, each level's nodes hashed on every core: the same tree as appending the leaves
    /// one by one, made in a fraction of the time when a large vault is opened.
    public init(leafHashes: some Sequence<[UInt8]>) {
        var leaves: [UInt8] = []
        for hash in leafHashes {
            precondition(hash.count == MerkleHash.byteCount, "a leaf hash is 32 bytes")
            leaves.append(contentsOf: hash)
        }
        self.init(concatenatedLeafHashes: leaves)
    }

    /// The same tree, from the leaf hashes back to back (32 bytes each).
    init(concatenatedLeafHashes leaves: [UInt8]) {
        precondition(leaves.count % MerkleHash.byteCount == 0, "leaf hashes are 32 bytes each")
        count = leaves.count / MerkleHash.byteCount
        levels = [leaves]
        while levels[levels.count - 1].count >= 2 * MerkleHash.byteCount {
            levels.append(Self.parents(of: levels[levels.count - 1]))
        }
        // The full subtrees are the set bits of `count`, largest first, left to right.
        var start = 0
        for level in (0..<levels.count).reversed() where count & (1 << level) != 0 {
            fullSubtrees.append(node(level: level, index: start >> level))
            start += 1 << level
        }
    }

    /// The level above `level`: the hash of each pair of its nodes (an odd last node has no
    /// parent yet).
    private static func parents(of level: [UInt8]) -> [UInt8] {
        let size = MerkleHash.byteCount
        let pairs = level.count / (2 * size)
        // Digests by value, 32 bytes each back to back: the array's bytes are the level.
        precondition(MemoryLayout<SHA256.Digest>.stride == size, "a digest is held in 32 bytes")
        let hashes = ParallelMap.map(count: pairs, threshold: 1024) { pair in
            level.withUnsafeBytes { below in
                MerkleHash.nodeDigest(
                    UnsafeRawBufferPointer(rebasing: below[(2 * pair * size)..<((2 * pair + 1) * size)]),
                    UnsafeRawBufferPointer(rebasing: below[((2 * pair + 1) * size)..<((2 * pair + 2) * size)]))
            }
        }
        return hashes.withUnsafeBytes { Array($0) }
    }

    /// Appends a leaf given its leaf hash, SHA-256(0x00 ‖ input); returns the leaf's index.
    /// `leafHash` must be 32 bytes (a programming error otherwise).
    @discardableResult
    public mutating func append(leafHash: [UInt8]) -> Int {
        precondition(leafHash.count == MerkleHash.byteCount, "a leaf hash is 32 bytes")
        let index = count
        levels[0].append(contentsOf: leafHash)
        fullSubtrees.append(leafHash)
        count += 1
        // RFC 9162 §2.1.2: merge once for each trailing one bit of the new leaf's index; each
        // merge completes a full subtree one level up, kept for later proofs.
        var merges = (~index).trailingZeroBitCount
        var level = 1
        while merges > 0 {
            let right = fullSubtrees.removeLast()
            let left = fullSubtrees.removeLast()
            let node = MerkleHash.node(left, right)
            if levels.count == level { levels.append([]) }
            levels[level].append(contentsOf: node)
            fullSubtrees.append(node)
            merges -= 1
            level += 1
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
        return node(level: 0, index: index)
    }

    /// The stored hash of full subtree `index` at `level`.
    private func node(level: Int, index: Int) -> [UInt8] {
        let start = index * MerkleHash.byteCount
        return Array(levels[level][start..<start + MerkleHash.byteCount])
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
    /// O(log² size) hashes at most.
    public func root(forSize size: Int) -> [UInt8] {
        precondition(size >= 0 && size <= count, "tree size \(size) outside 0...\(count)")
        if size == count { return root }
        if size == 0 { return MerkleHash.emptyRoot }
        return subtreeHash(0, size)
    }

    /// MTH(D[lower:upper]) of a non-empty range of leaves, by the RFC's recursion. A full
    /// aligned subtree (every left half the recursion meets is one) is read from `levels`.
    func subtreeHash(_ lower: Int, _ upper: Int) -> [UInt8] {
        let n = upper - lower
        if n & (n - 1) == 0 && lower % n == 0 {
            return node(level: n.trailingZeroBitCount, index: lower / n)
        }
        let k = MerkleHash.splitPoint(n)
        return MerkleHash.node(subtreeHash(lower, lower + k), subtreeHash(lower + k, upper))
    }
}
