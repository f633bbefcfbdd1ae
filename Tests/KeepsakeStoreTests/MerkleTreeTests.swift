import KeepsakeCrypto
import KeepsakeTestSupport
import Testing
@testable import KeepsakeStore

/// The reference data used by Certificate Transparency implementations for RFC 6962 / 9162
/// trees (the same data as RFC 9162's shape: leaf = SHA-256(0x00 ‖ d), node = SHA-256(0x01 ‖ l ‖ r)).
/// Copied from transparency-dev/merkle, proof/verify_test.go (`leaves`, `roots`,
/// `inclusionProofs`, `consistencyProofs`; that file numbers leaves from 1, here from 0), which
/// took them from google/certificate-transparency's C++ merkle tree tests.
enum ReferenceVectors {
    static let leaves: [[UInt8]] = [
        "", "00", "10", "2021", "3031", "40414243", "5051525354555657",
        "606162636465666768696a6b6c6d6e6f",
    ].map(Hex.decode)

    /// roots[n - 1] is the root of the tree of the first n leaves.
    static let roots: [[UInt8]] = [
        "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
        "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
        "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
        "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
        "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
        "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
        "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
        "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328",
    ].map(Hex.decode)

    static let emptyRoot = Hex.decode("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")

    /// (leaf index from 0, tree size, audit path).
    static let inclusionProofs: [(index: Int, size: Int, proof: [[UInt8]])] = [
        (0, 1, []),
        (0, 8, [
            "96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
            "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
            "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4",
        ].map(Hex.decode)),
        (5, 8, [
            "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
            "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
            "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
        ].map(Hex.decode)),
        (2, 3, ["fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125"].map(Hex.decode)),
        (1, 5, [
            "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
            "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
            "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
        ].map(Hex.decode)),
    ]

    /// (old size, new size, consistency proof).
    static let consistencyProofs: [(old: Int, new: Int, proof: [[UInt8]])] = [
        (1, 1, []),
        (1, 8, [
            "96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
            "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
            "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4",
        ].map(Hex.decode)),
        (6, 8, [
            "0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a",
            "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
            "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
        ].map(Hex.decode)),
        (2, 5, [
            "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
            "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
        ].map(Hex.decode)),
        (6, 7, [
            "0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a",
            "b08693ec2e721597130641e8211e7eedccb4c26413963eee6c1e2ed16ffb1a5f",
            "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
        ].map(Hex.decode)),
    ]

    static var tree: MerkleTree {
        var tree = MerkleTree()
        for leaf in leaves { tree.appendLeaf(input: leaf) }
        return tree
    }
}

/// RFC 9162 §2.1, written out directly from the definitions with no shortcuts, as the oracle
/// the tree and the verifier are compared with. Works on leaf hashes.
enum Naive {
    static func leafHash(_ input: [UInt8]) -> [UInt8] { SHA256.hash([0x00] + input) }
    static func nodeHash(_ left: [UInt8], _ right: [UInt8]) -> [UInt8] { SHA256.hash([0x01] + left + right) }

    /// The largest power of two smaller than n (n ≥ 2).
    static func k(_ n: Int) -> Int {
        var k = 1
        while k * 2 < n { k *= 2 }
        return k
    }

    /// MTH(D) over leaf hashes.
    static func mth(_ d: ArraySlice<[UInt8]>) -> [UInt8] {
        if d.isEmpty { return SHA256.hash([]) }
        if d.count == 1 { return d.first! }
        let k = k(d.count)
        return nodeHash(mth(d.prefix(k)), mth(d.dropFirst(k)))
    }

    /// PATH(m, D), each element with the side its sibling sits on (true: left).
    static func path(_ m: Int, _ d: ArraySlice<[UInt8]>) -> [(hash: [UInt8], siblingOnLeft: Bool)] {
        if d.count <= 1 { return [] }
        let k = k(d.count)
        if m < k { return path(m, d.prefix(k)) + [(mth(d.dropFirst(k)), false)] }
        return path(m - k, d.dropFirst(k)) + [(mth(d.prefix(k)), true)]
    }

    /// PROOF(m, D) = SUBPROOF(m, D, true).
    static func proof(_ m: Int, _ d: ArraySlice<[UInt8]>) -> [[UInt8]] {
        subproof(m, d, true).map(\.hash)
    }

    /// SUBPROOF(m, D, b), each element tagged with its role: "seed" (MTH(D[0:m]) given
    /// outright), "R" (a right sibling, only in the new tree) or "L" (a left sibling, in both).
    static func subproof(_ m: Int, _ d: ArraySlice<[UInt8]>, _ b: Bool) -> [(hash: [UInt8], role: String)] {
        if m == d.count { return b ? [] : [(mth(d), "seed")] }
        let k = k(d.count)
        if m <= k { return subproof(m, d.prefix(k), b) + [(mth(d.dropFirst(k)), "R")] }
        return subproof(m - k, d.dropFirst(k), false) + [(mth(d.prefix(k)), "L")]
    }

    /// What decides how a verifier combines an inclusion proof for leaf m of n: the sibling
    /// sides, from PATH's recursion (true: left).
    static func inclusionShape(_ m: Int, _ n: Int) -> [Bool] {
        if n <= 1 { return [] }
        let k = k(n)
        return m < k ? inclusionShape(m, k) + [false] : inclusionShape(m - k, n - k) + [true]
    }

    /// What decides how a verifier combines a consistency proof from m to n: the roles of
    /// SUBPROOF's elements in order; ["same"] for m = n > 0, and nil when no non-empty proof
    /// can exist (m = 0, or m > n).
    static func consistencyShape(_ m: Int, _ n: Int) -> [String]? {
        if m == n && m > 0 { return ["same"] }
        guard m > 0 && m < n else { return nil }
        return roles(m, n, true)
    }

    private static func roles(_ m: Int, _ n: Int, _ b: Bool) -> [String] {
        if m == n { return b ? [] : ["seed"] }
        let k = k(n)
        return m <= k ? roles(m, k, b) + ["R"] : roles(m - k, n - k, false) + ["L"]
    }
}

/// A seeded generator (SplitMix64) so random tests repeat exactly.
struct MerkleTestGenerator: RandomNumberGenerator {
    private var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9e37_79b9_7f4a_7c15
        var z = state
        z = (z ^ (z >> 30)) &* 0xbf58_476d_1ce4_e5b9
        z = (z ^ (z >> 27)) &* 0x94d0_49bb_1331_11eb
        return z ^ (z >> 31)
    }

    mutating func bytes(_ count: Int) -> [UInt8] { (0..<count).map { _ in UInt8.random(in: 0...255, using: &self) } }
}

@Suite struct MerkleTreeTests {
    @Test func emptyTreeRootIsTheSHA256OfNothing() {
        let tree = MerkleTree()
        #expect(tree.count == 0)
        #expect(tree.root == ReferenceVectors.emptyRoot)
        #expect(MerkleHash.emptyRoot == ReferenceVectors.emptyRoot)
        #expect(tree.root(forSize: 0) == ReferenceVectors.emptyRoot)
    }

    @Test func leafAndNodeHashesCarryTheirDomainPrefixes() {
        #expect(MerkleHash.leaf([]) == ReferenceVectors.roots[0])
        #expect(MerkleHash.leaf([]) == SHA256.hash([0x00]))
        let a = SHA256.hash([1]), b = SHA256.hash([2])
        #expect(MerkleHash.node(a, b) == SHA256.hash([0x01] + a + b))
        #expect(MerkleHash.node(a, b) != MerkleHash.node(b, a))
        #expect(MerkleHash.node(a, b) != MerkleHash.leaf(a + b))
    }

    @Test func rootsMatchTheCertificateTransparencyReferenceForSizes1Through8() {
        var tree = MerkleTree()
        for (index, leaf) in ReferenceVectors.leaves.enumerated() {
            #expect(tree.appendLeaf(input: leaf) == index)
            #expect(tree.root == ReferenceVectors.roots[index], "size \(index + 1)")
        }
        for size in 1...8 {
            #expect(tree.root(forSize: size) == ReferenceVectors.roots[size - 1], "size \(size)")
        }
    }

    @Test func rootEqualsTheNaiveMTHForEverySizeAndPrefixUpTo17() {
        var generator = MerkleTestGenerator(seed: 17)
        let leaves = (0..<17).map { _ in Naive.leafHash(generator.bytes(Int.random(in: 0...40, using: &generator))) }
        for n in 1...17 {
            let tree = MerkleTree(leafHashes: leaves.prefix(n))
            #expect(tree.count == n)
            #expect(tree.root == Naive.mth(leaves.prefix(n)), "size \(n)")
            for m in 0...n {
                #expect(tree.root(forSize: m) == Naive.mth(leaves.prefix(m)), "size \(m) of \(n)")
            }
            for i in 0..<n { #expect(tree.leafHash(at: i) == leaves[i]) }
        }
    }

    @Test func incrementalRootEqualsTheNaiveRootAfterEveryAppend() {
        var generator = MerkleTestGenerator(seed: 2024)
        var tree = MerkleTree()
        var leaves: [[UInt8]] = []
        for _ in 0..<300 {
            let input = generator.bytes(Int.random(in: 0...64, using: &generator))
            leaves.append(Naive.leafHash(input))
            tree.appendLeaf(input: input)
            #expect(tree.root == Naive.mth(leaves[...]), "size \(leaves.count)")
        }
    }

    @Test func incrementalRootStaysRightAcrossLargePowersOfTwo() {
        var tree = MerkleTree()
        var leaves: [[UInt8]] = []
        let checkpoints: Set = [1023, 1024, 1025, 4095, 4096, 4097, 5000]
        for i in 0..<5000 {
            let hash = SHA256.hash(Array("leaf \(i)".utf8))
            leaves.append(hash)
            tree.append(leafHash: hash)
            if checkpoints.contains(tree.count) {
                #expect(tree.root == Naive.mth(leaves[...]), "size \(tree.count)")
                #expect(tree.root(forSize: tree.count - 1) == Naive.mth(leaves.dropLast()))
            }
        }
    }

    @Test func copiesAreIndependentValues() {
        var tree = ReferenceVectors.tree
        let copy = tree
        tree.appendLeaf(input: [9])
        #expect(copy.count == 8 && copy.root == ReferenceVectors.roots[7])
        #expect(tree.count == 9 && tree.root(forSize: 8) == ReferenceVectors.roots[7])
    }

    /// Opening a vault builds its tree at once, level by level on every core (above 1,024
    /// pairs a level is split between threads); that tree must be the one appending the same
    /// leaves one by one makes, down to its stored subtrees, so that later appends, roots of
    /// earlier sizes and proofs all agree.
    @Test(arguments: [0, 1, 2, 3, 5, 8, 2_047, 2_048, 2_049, 4_097, 5_000])
    func builtAtOnceEqualsAppendedOneByOne(size: Int) {
        var generator = MerkleTestGenerator(seed: UInt64(size))
        let leaves = (0..<(size + 3)).map { _ in generator.bytes(32) }
        var built = MerkleTree(leafHashes: leaves.prefix(size))
        var appended = MerkleTree()
        for leaf in leaves.prefix(size) { appended.append(leafHash: leaf) }
        #expect(built.count == size)
        #expect(built.root == appended.root)
        let sizes = Set([0, 1, size / 3, size / 2, max(0, size - 1), size])
        for m in sizes where m <= size {
            #expect(built.root(forSize: m) == appended.root(forSize: m), "root of \(m) of \(size)")
        }
        for index in Set([0, size / 2, size - 1]) where index >= 0 && index < size {
            #expect(built.leafHash(at: index) == appended.leafHash(at: index))
            #expect(
                built.inclusionProof(leafIndex: index, treeSize: size)
                    == appended.inclusionProof(leafIndex: index, treeSize: size))
        }
        for leaf in leaves.suffix(3) {
            built.append(leafHash: leaf)
            appended.append(leafHash: leaf)
            #expect(built.root == appended.root, "root after appending to \(size)")
        }
        if size > 0 {
            #expect(
                built.consistencyProof(from: size / 2 + 1, to: size + 3)
                    == appended.consistencyProof(from: size / 2 + 1, to: size + 3))
        }
    }
}
