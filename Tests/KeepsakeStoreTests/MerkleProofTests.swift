import KeepsakeCrypto
import KeepsakeTestSupport
import Testing
@testable import KeepsakeStore

/// Inclusion and consistency proofs: the reference vectors, every proof of every small tree
/// against the naive RFC definitions, random larger trees, and every kind of tampering.
///
/// A note on wrong sizes: the RFC 9162 verifiers use a size only to decide how to combine the
/// proof's hashes, so a size whose tree has the same shape along the proven path gives the same
/// answer (a tree head binds its size and root together; callers take both from one head). The
/// tests therefore expect a wrong size to be rejected exactly when its shape differs, with the
/// shape taken from the naive recursion, and count both outcomes.
@Suite struct MerkleProofTests {
    // MARK: Reference vectors

    @Test func inclusionProofsMatchTheCertificateTransparencyReference() {
        let tree = ReferenceVectors.tree
        for vector in ReferenceVectors.inclusionProofs {
            #expect(tree.inclusionProof(leafIndex: vector.index, treeSize: vector.size) == vector.proof,
                    "leaf \(vector.index) of \(vector.size)")
            let leafHash = MerkleHash.leaf(ReferenceVectors.leaves[vector.index])
            #expect(MerkleVerifier.verifyInclusion(
                leafHash: leafHash, leafIndex: vector.index, treeSize: vector.size,
                proof: vector.proof, root: ReferenceVectors.roots[vector.size - 1]))
            #expect(MerkleVerifier.rootFromInclusion(
                leafHash: leafHash, leafIndex: vector.index, treeSize: vector.size, proof: vector.proof)
                == ReferenceVectors.roots[vector.size - 1])
        }
    }

    @Test func consistencyProofsMatchTheCertificateTransparencyReference() {
        let tree = ReferenceVectors.tree
        for vector in ReferenceVectors.consistencyProofs {
            #expect(tree.consistencyProof(from: vector.old, to: vector.new) == vector.proof,
                    "\(vector.old) → \(vector.new)")
            #expect(MerkleVerifier.verifyConsistency(
                oldSize: vector.old, newSize: vector.new,
                oldRoot: ReferenceVectors.roots[vector.old - 1], newRoot: ReferenceVectors.roots[vector.new - 1],
                proof: vector.proof))
        }
    }

    // MARK: Every proof of every tree of 1 to 17 leaves

    @Test func everyInclusionProofUpTo17LeavesEqualsTheNaivePathAndVerifies() {
        let leaves = Self.leaves(count: 17, seed: 1)
        let tree = MerkleTree(leafHashes: leaves)
        var checked = 0
        for n in 1...17 {
            let root = Naive.mth(leaves.prefix(n))
            for m in 0..<n {
                let proof = tree.inclusionProof(leafIndex: m, treeSize: n)
                #expect(proof == Naive.path(m, leaves.prefix(n)).map(\.hash), "leaf \(m) of \(n)")
                #expect(MerkleVerifier.verifyInclusion(
                    leafHash: leaves[m], leafIndex: m, treeSize: n, proof: proof, root: root), "leaf \(m) of \(n)")
                checked += 1
            }
        }
        #expect(checked == 153)
    }

    @Test func everyConsistencyProofUpTo17LeavesEqualsTheNaiveProofAndVerifies() {
        let leaves = Self.leaves(count: 17, seed: 2)
        let tree = MerkleTree(leafHashes: leaves)
        var checked = 0
        for n in 1...17 {
            for m in 1...n {
                let proof = tree.consistencyProof(from: m, to: n)
                #expect(proof == Naive.proof(m, leaves.prefix(n)), "\(m) → \(n)")
                #expect(MerkleVerifier.verifyConsistency(
                    oldSize: m, newSize: n, oldRoot: Naive.mth(leaves.prefix(m)),
                    newRoot: Naive.mth(leaves.prefix(n)), proof: proof), "\(m) → \(n)")
                checked += 1
            }
        }
        #expect(checked == 153)
    }

    @Test func everyTamperedInclusionProofUpTo17LeavesIsRejected() {
        let leaves = Self.leaves(count: 17, seed: 3)
        let tree = MerkleTree(leafHashes: leaves), roots = Self.roots(leaves)
        var tally = Tally()
        for n in 1...17 {
            for m in 0..<n {
                Self.checkInclusionTampering(proof: tree.inclusionProof(leafIndex: m, treeSize: n), roots: roots,
                                             leaves: leaves, m: m, n: n, bits: Self.everyByteEdge,
                                             wrongIndices: Array(0..<(2 * n + 2)),
                                             wrongSizes: Array(0...(2 * n + 2)), tally: &tally)
            }
        }
        #expect(tally.accepted == 0, "\(tally)")
        // 153 proofs; each alteration counted once (the counts do not depend on the leaves).
        #expect(tally.rejected == 11_378, "\(tally)")
        #expect(tally.sameShapeAccepted == 800, "sizes with the same path shape verify: \(tally)")
    }

    @Test func everyTamperedConsistencyProofUpTo17LeavesIsRejected() {
        let leaves = Self.leaves(count: 17, seed: 4)
        let tree = MerkleTree(leafHashes: leaves), roots = Self.roots(leaves)
        var tally = Tally()
        for n in 1...17 {
            for m in 1...n {
                Self.checkConsistencyTampering(proof: tree.consistencyProof(from: m, to: n), roots: roots,
                                               m: m, n: n, bits: Self.everyByteEdge,
                                               wrongSizes: Self.sizePairs(upTo: 2 * n + 2), tally: &tally)
            }
        }
        #expect(tally.accepted == 0, "\(tally)")
        #expect(tally.rejected == 61_865, "\(tally)")
        #expect(tally.sameShapeAccepted == 2_728, "sizes with the same proof shape verify: \(tally)")
    }

    // MARK: Random trees

    @Test func randomInclusionProofsInTreesUpTo300LeavesVerifyAndResistTampering() {
        var generator = MerkleTestGenerator(seed: 300)
        let leaves = Self.leaves(count: 300, seed: 5)
        let tree = MerkleTree(leafHashes: leaves), roots = Self.roots(leaves)
        var tally = Tally()
        for _ in 0..<1500 {
            let n = Int.random(in: 1...300, using: &generator)
            let m = Int.random(in: 0..<n, using: &generator)
            let proof = tree.inclusionProof(leafIndex: m, treeSize: n)
            #expect(proof == Naive.path(m, leaves.prefix(n)).map(\.hash), "leaf \(m) of \(n)")
            let wrongIndices = [m - 1, m + 1, m ^ 1, m ^ 2, n, Int.random(in: 0..<n, using: &generator)]
            let wrongSizes = [n - 1, n + 1, n * 2, n / 2, Int.random(in: 1...400, using: &generator)]
            Self.checkInclusionTampering(proof: proof, roots: roots, leaves: leaves, m: m, n: n,
                                         bits: [Int.random(in: 0..<256, using: &generator)], wrongIndices: wrongIndices,
                                         wrongSizes: wrongSizes, tally: &tally)
        }
        #expect(tally.accepted == 0, "\(tally)")
        #expect(tally.verified == 1500)
        #expect(tally.rejected > 40_000, "\(tally)")
    }

    @Test func randomConsistencyProofsInTreesUpTo300LeavesVerifyAndResistTampering() {
        var generator = MerkleTestGenerator(seed: 301)
        let leaves = Self.leaves(count: 300, seed: 6)
        let tree = MerkleTree(leafHashes: leaves), roots = Self.roots(leaves)
        var tally = Tally()
        for _ in 0..<2000 {
            let n = Int.random(in: 1...300, using: &generator)
            let m = Int.random(in: 1...n, using: &generator)
            let proof = tree.consistencyProof(from: m, to: n)
            #expect(proof == Naive.proof(m, leaves.prefix(n)), "\(m) → \(n)")
            let wrongSizes = [(m - 1, n), (m + 1, n), (m, n - 1), (m, n + 1), (m, 2 * n), (m, n / 2),
                              (m ^ 2, n), (m / 2, n), (Int.random(in: 1...n, using: &generator), n)]
            Self.checkConsistencyTampering(proof: proof, roots: roots, m: m, n: n,
                                           bits: [Int.random(in: 0..<256, using: &generator)], wrongSizes: wrongSizes,
                                           tally: &tally)
        }
        #expect(tally.accepted == 0, "\(tally)")
        #expect(tally.verified == 2000)
        #expect(tally.rejected > 50_000, "\(tally)")
    }

    // MARK: Edge cases of the verifiers

    @Test func consistencyWithTheSameSizeNeedsEqualRootsAndAnEmptyProof() {
        let roots = ReferenceVectors.roots
        #expect(MerkleVerifier.verifyConsistency(oldSize: 5, newSize: 5, oldRoot: roots[4], newRoot: roots[4], proof: []))
        #expect(!MerkleVerifier.verifyConsistency(oldSize: 5, newSize: 5, oldRoot: roots[4], newRoot: roots[5], proof: []))
        #expect(!MerkleVerifier.verifyConsistency(oldSize: 5, newSize: 5, oldRoot: roots[4], newRoot: roots[4],
                                                  proof: [roots[4]]))
        let empty = MerkleHash.emptyRoot
        #expect(MerkleVerifier.verifyConsistency(oldSize: 0, newSize: 0, oldRoot: empty, newRoot: empty, proof: []))
        #expect(!MerkleVerifier.verifyConsistency(oldSize: 0, newSize: 0, oldRoot: roots[0], newRoot: roots[0], proof: []))
        #expect(ReferenceVectors.tree.consistencyProof(from: 8, to: 8) == [])
    }

    @Test func theEmptyTreeIsConsistentWithEveryTreeButOnlyUnderItsOwnRoot() {
        let roots = ReferenceVectors.roots
        let empty = MerkleHash.emptyRoot
        for n in 1...8 {
            #expect(MerkleVerifier.verifyConsistency(oldSize: 0, newSize: n, oldRoot: empty, newRoot: roots[n - 1], proof: []))
            #expect(!MerkleVerifier.verifyConsistency(oldSize: 0, newSize: n, oldRoot: roots[0], newRoot: roots[n - 1], proof: []))
            #expect(!MerkleVerifier.verifyConsistency(oldSize: 0, newSize: n, oldRoot: empty, newRoot: roots[n - 1],
                                                      proof: [empty]))
            #expect(ReferenceVectors.tree.consistencyProof(from: 0, to: n) == [])
        }
    }

    @Test func impossibleSizesAndMalformedHashesAreRejectedWithoutTrapping() {
        let roots = ReferenceVectors.roots
        let leaf = MerkleHash.leaf([])
        for (index, size) in [(0, 0), (-1, 1), (1, 1), (0, -1), (Int.max, Int.max), (Int.min, 8)] {
            #expect(!MerkleVerifier.verifyInclusion(leafHash: leaf, leafIndex: index, treeSize: size, proof: [], root: roots[0]))
        }
        #expect(MerkleVerifier.verifyInclusion(leafHash: leaf, leafIndex: 0, treeSize: 1, proof: [], root: roots[0]))
        #expect(!MerkleVerifier.verifyInclusion(leafHash: [], leafIndex: 0, treeSize: 1, proof: [], root: []))
        #expect(!MerkleVerifier.verifyInclusion(leafHash: leaf, leafIndex: 0, treeSize: 1, proof: [], root: roots[0] + [0]))
        let proof = ReferenceVectors.consistencyProofs[1].proof
        for (old, new) in [(2, 1), (-1, 8), (1, -1), (Int.min, Int.max), (Int.max, Int.max)] {
            #expect(!MerkleVerifier.verifyConsistency(oldSize: old, newSize: new, oldRoot: roots[0], newRoot: roots[7], proof: proof))
        }
        var short = proof
        short[1] = Array(short[1].dropLast())
        #expect(!MerkleVerifier.verifyConsistency(oldSize: 1, newSize: 8, oldRoot: roots[0], newRoot: roots[7], proof: short))
        #expect(!MerkleVerifier.verifyConsistency(oldSize: 1, newSize: 8, oldRoot: roots[0], newRoot: roots[7] + [0], proof: proof))
        #expect(MerkleVerifier.verifyConsistency(oldSize: 1, newSize: 8, oldRoot: roots[0], newRoot: roots[7], proof: proof))
    }

    // MARK: Helpers

    struct Tally: CustomStringConvertible {
        /// Genuine proofs that verified.
        var verified = 0
        /// Tampered proofs rejected.
        var rejected = 0
        /// Tampered proofs accepted (must stay 0).
        var accepted = 0
        /// Wrong sizes with the same shape along the proof, accepted as the RFC algorithm must.
        var sameShapeAccepted = 0
        var description: String {
            "verified \(verified), rejected \(rejected), wrongly accepted \(accepted), same-shape sizes accepted \(sameShapeAccepted)"
        }

        mutating func expectRejected(_ accepted: Bool, _ what: @autoclosure () -> String) {
            if accepted {
                self.accepted += 1
                Issue.record("accepted: \(what())")
            } else {
                rejected += 1
            }
        }
    }

    static func leaves(count: Int, seed: UInt64) -> [[UInt8]] {
        var generator = MerkleTestGenerator(seed: seed)
        // Distinct inputs (the index first): two equal sibling leaves would make a proof for one
        // a valid proof for the other.
        return (0..<count).map { index in
            Naive.leafHash(Array("\(index):".utf8) + generator.bytes(Int.random(in: 0...48, using: &generator)))
        }
    }

    /// Bits to flip in every proof element in the exhaustive tests: both ends of the first and
    /// last bytes and one in the middle.
    static let everyByteEdge = [0, 7, 100, 248, 255]

    /// roots[s] is the root of the first s leaves, s = 0…count (from the incremental tree).
    static func roots(_ leaves: [[UInt8]]) -> [[UInt8]] {
        var tree = MerkleTree()
        var roots = [tree.root]
        for leaf in leaves {
            tree.append(leafHash: leaf)
            roots.append(tree.root)
        }
        return roots
    }

    static func sizePairs(upTo limit: Int) -> [(Int, Int)] {
        (0...limit).flatMap { new in (0...new).map { old in (old, new) } }
    }

    /// Flips one bit of element `index`.
    static func flip(_ proof: [[UInt8]], element index: Int, bit: Int) -> [[UInt8]] {
        var copy = proof
        copy[index][bit / 8 % copy[index].count] ^= 1 << UInt8(bit % 8)
        return copy
    }

    /// Checks that `proof`, the genuine proof for leaf m of n, verifies and that every
    /// alteration of it is rejected: the given bits flipped in each element, an element
    /// removed or added, another root or leaf, the wrong indices and sizes.
    static func checkInclusionTampering(
        proof: [[UInt8]], roots: [[UInt8]], leaves: [[UInt8]], m: Int, n: Int, bits: [Int],
        wrongIndices: [Int], wrongSizes: [Int], tally: inout Tally
    ) {
        let root = roots[n]
        let leaf = leaves[m]
        func verify(_ p: [[UInt8]], index: Int? = nil, size: Int? = nil, leafHash: [UInt8]? = nil, root r: [UInt8]? = nil) -> Bool {
            MerkleVerifier.verifyInclusion(leafHash: leafHash ?? leaf, leafIndex: index ?? m, treeSize: size ?? n,
                                           proof: p, root: r ?? root)
        }
        if verify(proof) { tally.verified += 1 } else { Issue.record("genuine proof for leaf \(m) of \(n) rejected") }
        for index in proof.indices {
            for bit in bits {
                tally.expectRejected(verify(flip(proof, element: index, bit: bit)), "leaf \(m) of \(n), element \(index) bit \(bit)")
            }
        }
        if !proof.isEmpty {
            tally.expectRejected(verify(Array(proof.dropLast())), "leaf \(m) of \(n) without its last element")
            tally.expectRejected(verify(Array(proof.dropFirst())), "leaf \(m) of \(n) without its first element")
        }
        for extra in [root, leaf, MerkleHash.emptyRoot] {
            tally.expectRejected(verify(proof + [extra]), "leaf \(m) of \(n) with an element appended")
            tally.expectRejected(verify([extra] + proof), "leaf \(m) of \(n) with an element prepended")
        }
        tally.expectRejected(verify(proof, root: MerkleHash.emptyRoot), "leaf \(m) of \(n), empty root")
        tally.expectRejected(verify(proof, root: flip([root], element: 0, bit: 3)[0]), "leaf \(m) of \(n), root altered")
        tally.expectRejected(verify(proof, leafHash: leaves[(m + 1) % leaves.count]), "leaf \(m) of \(n), other leaf")
        tally.expectRejected(verify(proof, leafHash: MerkleHash.leaf(leaf)), "leaf \(m) of \(n), leaf hashed twice")
        for index in wrongIndices where index != m {
            tally.expectRejected(verify(proof, index: index), "leaf \(m) of \(n) claimed at index \(index)")
        }
        let shape = Naive.inclusionShape(m, n)
        for size in wrongSizes where size != n {
            let accepted = verify(proof, size: size)
            if size > m && Naive.inclusionShape(m, size) == shape {
                #expect(accepted, "leaf \(m): size \(size) has the same shape as \(n)")
                tally.sameShapeAccepted += 1
            } else {
                tally.expectRejected(accepted, "leaf \(m) of \(n) claimed in a tree of \(size)")
            }
        }
    }

    /// Checks that `proof`, the genuine consistency proof from m to n, verifies and that every
    /// alteration of it is rejected: the given bits flipped in each element, an element removed,
    /// repeated or added, altered or swapped roots, and the wrong sizes.
    static func checkConsistencyTampering(
        proof: [[UInt8]], roots: [[UInt8]], m: Int, n: Int, bits: [Int], wrongSizes: [(Int, Int)],
        tally: inout Tally
    ) {
        let oldRoot = roots[m], newRoot = roots[n]
        func verify(_ p: [[UInt8]], old: Int? = nil, new: Int? = nil, oldRoot o: [UInt8]? = nil, newRoot r: [UInt8]? = nil) -> Bool {
            MerkleVerifier.verifyConsistency(oldSize: old ?? m, newSize: new ?? n, oldRoot: o ?? oldRoot,
                                             newRoot: r ?? newRoot, proof: p)
        }
        let what = "\(m) → \(n)"
        if verify(proof) { tally.verified += 1 } else { Issue.record("genuine proof \(what) rejected") }
        for index in proof.indices {
            for bit in bits {
                tally.expectRejected(verify(flip(proof, element: index, bit: bit)), "\(what), element \(index) bit \(bit)")
            }
        }
        if !proof.isEmpty {
            tally.expectRejected(verify([]), "\(what) with an empty proof")
            tally.expectRejected(verify(Array(proof.dropLast())), "\(what) without its last element")
            tally.expectRejected(verify(Array(proof.dropFirst())), "\(what) without its first element")
            tally.expectRejected(verify([proof[0]] + proof), "\(what) with its first element twice")
        }
        for extra in [oldRoot, newRoot, MerkleHash.emptyRoot] {
            tally.expectRejected(verify(proof + [extra]), "\(what) with an element appended")
            tally.expectRejected(verify([extra] + proof), "\(what) with an element prepended")
        }
        let otherOld = flip([oldRoot], element: 0, bit: 9)[0], otherNew = flip([newRoot], element: 0, bit: 9)[0]
        tally.expectRejected(verify(proof, oldRoot: otherOld), "\(what), old root altered")
        tally.expectRejected(verify(proof, newRoot: otherNew), "\(what), new root altered")
        if m != n {
            tally.expectRejected(verify(proof, oldRoot: newRoot, newRoot: oldRoot), "\(what), roots swapped")
            tally.expectRejected(verify(proof, oldRoot: newRoot), "\(what), new root as old root")
        }
        let shape = Naive.consistencyShape(m, n)
        for (old, new) in wrongSizes where (old, new) != (m, n) {
            let accepted = verify(proof, old: old, new: new)
            if let other = Naive.consistencyShape(old, new), other == shape {
                #expect(accepted, "\(old) → \(new) has the same shape as \(what)")
                tally.sameShapeAccepted += 1
            } else {
                tally.expectRejected(accepted, "\(what) claimed as \(old) → \(new)")
            }
        }
    }
}
