import KeepsakeCrypto
import KeepsakeTestSupport
import Testing
@testable import KeepsakeStore

/// Checkpoints (signed tree heads in the log), the proofs the store hands out, and anchors
/// compared with the vault.
@Suite struct CheckpointTests {
    @Test func aCheckpointSignsTheTreeOfEveryRecordBeforeItAndVerifiesOnReopen() throws {
        let fixture = try StoreFixture(entries: 5)
        let store = try fixture.open()
        #expect(store.needsCheckpoint)
        let head = try store.writeCheckpoint()
        #expect(head.treeSize == 5)
        #expect(head.isValid(for: store.signingPublicKey))
        #expect(!store.needsCheckpoint)
        store.close()

        let reopened = try fixture.open(.readOnly)
        #expect(reopened.issues.isEmpty)
        #expect(reopened.latestCheckpoint == head)
        #expect(reopened.treeSize == 6)
        // Recomputed independently: the leaves of records 0..<5 under RFC 9162.
        let leaves = reopened.records.prefix(5).map { record in
            MerkleHash.leaf(EntryCommitment.leafInput(
                salt: reopened.commitmentSalt(seq: record.seq), seq: record.seq, plaintext: record.plaintext))
        }
        #expect(MerkleTree(leafHashes: leaves).root == head.root)
    }

    @Test func everyRecordHasAnInclusionProofAgainstTheSignedHead() throws {
        let fixture = try StoreFixture(entries: 13)
        let store = try fixture.open()
        let head = try store.writeCheckpoint()
        for record in store.records.prefix(Int(head.treeSize)) {
            let proof = store.inclusionProof(seq: record.seq, treeSize: head.treeSize)
            #expect(MerkleVerifier.verifyInclusion(
                leafHash: store.leafHash(of: record), leafIndex: Int(record.seq), treeSize: Int(head.treeSize),
                proof: proof, root: head.root))
            // The same proof does not verify another record.
            let other = store.records[(Int(record.seq) + 1) % Int(head.treeSize)]
            #expect(!MerkleVerifier.verifyInclusion(
                leafHash: store.leafHash(of: other), leafIndex: Int(record.seq), treeSize: Int(head.treeSize),
                proof: proof, root: head.root))
        }
    }

    @Test func twoCheckpointsAreProvedConsistent() throws {
        let fixture = try StoreFixture(entries: 3)
        let store = try fixture.open()
        let old = try store.writeCheckpoint()
        for i in 0..<9 { try store.append(fixture.payload(100 + i)) }
        let new = try store.writeCheckpoint()
        let proof = store.consistencyProof(from: old.treeSize, to: new.treeSize)
        #expect(MerkleVerifier.verifyConsistency(
            oldSize: Int(old.treeSize), newSize: Int(new.treeSize), oldRoot: old.root, newRoot: new.root, proof: proof))
        #expect(!MerkleVerifier.verifyConsistency(
            oldSize: Int(old.treeSize), newSize: Int(new.treeSize), oldRoot: new.root, newRoot: new.root, proof: proof))
    }

    @Test func aCheckpointWithAWrongRootOrSignatureIsReportedByItsSequenceNumber() throws {
        let fixture = try StoreFixture(entries: 2)
        let store = try fixture.open()
        let good = try store.writeCheckpoint()
        // A head over a root that is not the tree's.
        var wrongRoot = good.root
        wrongRoot[0] ^= 1
        let forgedRoot = SignedTreeHead(
            vaultId: store.vaultId, treeSize: store.treeSize, root: wrongRoot, timestamp: 1,
            signingKey: store.keys.signingKey)
        try store.append(forgedRoot.encoded(), kind: .checkpoint)
        store.close()
        let reopened = try fixture.open(.readOnly)
        #expect(reopened.issues == [.checkpointInvalid(seq: 3)])
        #expect(reopened.latestCheckpoint == good)
        #expect(reopened.isDamaged)
        reopened.close()

        // A head with the right root signed by another key.
        let other = try StoreFixture(entries: 2)
        let second = try other.open()
        let foreign = SignedTreeHead(
            vaultId: second.vaultId, treeSize: second.treeSize, root: second.treeRoot(size: second.treeSize),
            timestamp: 1, signingKey: Ed25519.PrivateKey())
        try second.append(foreign.encoded(), kind: .checkpoint)
        second.close()
        #expect(try other.open(.readOnly).issues == [.checkpointInvalid(seq: 2)])
    }

    @Test func anAnchorMatchesItsVaultAndCatchesARollbackAndAnotherVault() throws {
        let fixture = try StoreFixture(entries: 4)
        let store = try fixture.open()
        try store.writeCheckpoint()
        let anchor = try #require(store.currentAnchor)
        #expect(store.status(of: anchor) == .matches)
        #expect(try Anchor(parsing: anchor.text) == anchor)
        for i in 0..<3 { try store.append(fixture.payload(50 + i)) }
        #expect(store.status(of: anchor) == .matches, "growth keeps an old anchor valid")
        let later = try store.writeCheckpoint()
        let laterAnchor = Anchor(head: later)
        store.close()

        // Roll back: an anchor beyond the vault.
        let rolledBack = try StoreFixture(entries: 4)
        let small = try rolledBack.open()
        let foreignAnchor = Anchor(treeSize: 2, root: small.treeRoot(size: 2), vaultTag: Anchor.vaultTag(forVaultId: store.vaultId))
        #expect(small.status(of: laterAnchor) == .otherVault)
        #expect(store.status(of: foreignAnchor) == .differs)
        let reopened = try fixture.open(.readOnly)
        let tooBig = Anchor(treeSize: Int(reopened.treeSize) + 3, root: later.root, vaultTag: laterAnchor.vaultTag)
        #expect(reopened.status(of: tooBig) == .beyondVault(anchorSize: reopened.treeSize + 3, vaultSize: reopened.treeSize))
    }

    @Test func aSignedTreeHeadRoundTripsAndRejectsBadEncodings() throws {
        let key = Ed25519.PrivateKey()
        let head = SignedTreeHead(
            vaultId: Array(repeating: 7, count: 16), treeSize: 42, root: Array(repeating: 9, count: 32),
            timestamp: 1_767_225_600_000, signingKey: key)
        let bytes = head.encoded()
        #expect(bytes.count == SignedTreeHead.byteCount)
        let decoded = try SignedTreeHead(decoding: bytes)
        #expect(decoded == head)
        #expect(decoded.isValid(for: key.publicKey))
        for index in [0, 5, 20, 30, 60, 100] {
            var altered = bytes
            altered[index] ^= 0x10
            let parsed = try? SignedTreeHead(decoding: altered)
            #expect(parsed.map { !$0.isValid(for: key.publicKey) } ?? true, "byte \(index)")
        }
        #expect(throws: StoreError.self) { try SignedTreeHead(decoding: Array(bytes.dropLast())) }
    }
}
