/// Checks RFC 9162 inclusion and consistency proofs against tree heads.
///
/// Needs no vault and no key: a recipient who holds a tree head (say, from an `Anchor`) checks
/// the proofs that come with a bundle. Every input may come from an untrusted file, so nothing
/// here traps: a negative size, a hash that is not 32 bytes or a proof with an element too many
/// or too few is simply a failed check (`false`).
public enum MerkleVerifier {
    /// Whether `proof` shows that the leaf with hash `leafHash` sits at `leafIndex` in the tree of
    /// `treeSize` leaves whose root is `root`: RFC 9162 §2.1.3.2.
    public static func verifyInclusion(
        leafHash: [UInt8], leafIndex: Int, treeSize: Int, proof: [[UInt8]], root: [UInt8]
    ) -> Bool {
        guard root.count == MerkleHash.byteCount,
              let computed = rootFromInclusion(
                  leafHash: leafHash, leafIndex: leafIndex, treeSize: treeSize, proof: proof)
        else { return false }
        return computed == root
    }

    /// The root that an inclusion proof leads to (RFC 9162 §2.1.3.2, steps 1–4 and the check
    /// that `sn` ends at 0), or nil when the proof cannot belong to a leaf at `leafIndex` in a
    /// tree of `treeSize` leaves: an index outside the tree, a hash that is not 32 bytes, or a
    /// proof with elements too many or too few for that position. Compare the result with a
    /// root you trust; a root you do not trust proves nothing.
    public static func rootFromInclusion(
        leafHash: [UInt8], leafIndex: Int, treeSize: Int, proof: [[UInt8]]
    ) -> [UInt8]? {
        guard leafHash.count == MerkleHash.byteCount, allHashes(proof) else { return nil }
        // 1. The index must lie inside the tree.
        guard leafIndex >= 0, leafIndex < treeSize else { return nil }
        // 2–3.
        var fn = leafIndex
        var sn = treeSize - 1
        var r = leafHash
        // 4.
        for p in proof {
            if sn == 0 { return nil }
            if fn & 1 == 1 || fn == sn {
                r = MerkleHash.node(p, r)
                while fn & 1 == 0 && fn != 0 {
                    fn >>= 1
                    sn >>= 1
                }
            } else {
                r = MerkleHash.node(r, p)
            }
            fn >>= 1
            sn >>= 1
        }
        // 5. (the comparison with the root is the caller's)
        return sn == 0 ? r : nil
    }

    /// Whether `proof` shows that the tree of `oldSize` leaves with root `oldRoot` is a prefix of
    /// the tree of `newSize` leaves with root `newRoot`, i.e. the log only grew.
    ///
    /// For 0 < oldSize < newSize this is RFC 9162 §2.1.4.2 step by step; it fails on an empty
    /// proof, on elements too many (`sn` reaches 0 early) or too few (`sn` is not 0 at the end).
    /// RFC 9162 states that algorithm only for 0 < first < second; the two edge cases follow its
    /// recursive definition (SUBPROOF(m, D[m], true) = {}) and the practice of transparency-dev
    /// and Sigsum, and take an empty proof only:
    /// - `oldSize == newSize`: consistent when the two roots are equal (for size 0, both must be
    ///   `MerkleHash.emptyRoot`);
    /// - `oldSize == 0 < newSize`: the empty tree is a prefix of every tree; consistent when
    ///   `oldRoot` is `MerkleHash.emptyRoot`.
    /// `oldSize > newSize` is never consistent.
    public static func verifyConsistency(
        oldSize: Int, newSize: Int, oldRoot: [UInt8], newRoot: [UInt8], proof: [[UInt8]]
    ) -> Bool {
        guard oldRoot.count == MerkleHash.byteCount, newRoot.count == MerkleHash.byteCount,
              allHashes(proof), oldSize >= 0, oldSize <= newSize
        else { return false }
        if oldSize == newSize {
            return proof.isEmpty && oldRoot == newRoot && (oldSize > 0 || oldRoot == MerkleHash.emptyRoot)
        }
        if oldSize == 0 {
            return proof.isEmpty && oldRoot == MerkleHash.emptyRoot
        }
        // 1.
        guard !proof.isEmpty else { return false }
        // 2.
        var path = proof
        if oldSize & (oldSize - 1) == 0 { path.insert(oldRoot, at: 0) }
        // 3.
        var fn = oldSize - 1
        var sn = newSize - 1
        // 4.
        while fn & 1 == 1 {
            fn >>= 1
            sn >>= 1
        }
        // 5.
        var fr = path[0]
        var sr = path[0]
        // 6.
        for c in path.dropFirst() {
            if sn == 0 { return false }
            if fn & 1 == 1 || fn == sn {
                fr = MerkleHash.node(c, fr)
                sr = MerkleHash.node(c, sr)
                while fn & 1 == 0 && fn != 0 {
                    fn >>= 1
                    sn >>= 1
                }
            } else {
                sr = MerkleHash.node(sr, c)
            }
            fn >>= 1
            sn >>= 1
        }
        // 7.
        return fr == oldRoot && sr == newRoot && sn == 0
    }

    private static func allHashes(_ proof: [[UInt8]]) -> Bool {
        proof.allSatisfy { $0.count == MerkleHash.byteCount }
    }
}
