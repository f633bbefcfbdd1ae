extension MerkleTree {
    /// The inclusion proof (audit path) of leaf `leafIndex` in the tree of the first `treeSize`
    /// leaves: RFC 9162 §2.1.3.1 PATH(m, D[n]), innermost sibling first.
    ///
    /// Requires 0 ≤ leafIndex < treeSize ≤ count. Costs O(log² treeSize) hashes at most: each
    /// sibling is a stored full subtree or a short recursion over stored ones.
    /// Check it with `MerkleVerifier.verifyInclusion`.
    public func inclusionProof(leafIndex: Int, treeSize: Int) -> [[UInt8]] {
        precondition(treeSize >= 1 && treeSize <= count, "tree size \(treeSize) outside 1...\(count)")
        precondition(leafIndex >= 0 && leafIndex < treeSize, "leaf \(leafIndex) outside 0..<\(treeSize)")
        var proof: [[UInt8]] = []
        appendPath(leafIndex, 0, treeSize, to: &proof)
        return proof
    }

    /// The consistency proof that the tree of the first `oldSize` leaves is a prefix of the tree
    /// of the first `newSize`: RFC 9162 §2.1.4.1 PROOF(m, D[n]) = SUBPROOF(m, D[n], true).
    ///
    /// Requires 0 ≤ oldSize ≤ newSize ≤ count. The proof is empty when `oldSize` is 0 or equals
    /// `newSize` (nothing to prove; `MerkleVerifier.verifyConsistency` documents those cases).
    /// Costs O(log² newSize) hashes at most, like `inclusionProof`.
    public func consistencyProof(from oldSize: Int, to newSize: Int) -> [[UInt8]] {
        precondition(newSize >= 0 && newSize <= count, "tree size \(newSize) outside 0...\(count)")
        precondition(oldSize >= 0 && oldSize <= newSize, "old size \(oldSize) outside 0...\(newSize)")
        var proof: [[UInt8]] = []
        if oldSize > 0 && oldSize < newSize {
            appendSubproof(oldSize, 0, newSize, complete: true, to: &proof)
        }
        return proof
    }

    /// PATH(m, D[lower:upper]).
    private func appendPath(_ m: Int, _ lower: Int, _ upper: Int, to proof: inout [[UInt8]]) {
        let n = upper - lower
        guard n > 1 else { return }
        let k = MerkleHash.splitPoint(n)
        if m < k {
            appendPath(m, lower, lower + k, to: &proof)
            proof.append(subtreeHash(lower + k, upper))
        } else {
            appendPath(m - k, lower + k, upper, to: &proof)
            proof.append(subtreeHash(lower, lower + k))
        }
    }

    /// SUBPROOF(m, D[lower:upper], b); `complete` is the RFC's b: whether D[0:m] is a complete
    /// subtree whose hash the verifier already holds.
    private func appendSubproof(
        _ m: Int, _ lower: Int, _ upper: Int, complete: Bool, to proof: inout [[UInt8]]
    ) {
        let n = upper - lower
        if m == n {
            if !complete { proof.append(subtreeHash(lower, upper)) }
            return
        }
        let k = MerkleHash.splitPoint(n)
        if m <= k {
            appendSubproof(m, lower, lower + k, complete: complete, to: &proof)
            proof.append(subtreeHash(lower + k, upper))
        } else {
            appendSubproof(m - k, lower + k, upper, complete: false, to: &proof)
            proof.append(subtreeHash(lower, lower + k))
        }
    }
}
