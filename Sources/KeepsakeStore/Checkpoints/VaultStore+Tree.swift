import KeepsakeCrypto

/// The Merkle tree over the log: every record is a leaf (its salted commitment, see
/// `EntryCommitment`), in sequence order; a checkpoint record holds a `SignedTreeHead` over
/// every record before it.
extension VaultStore {
    /// Builds the tree from the records read on open and verifies every checkpoint.
    /// `leafHashes` are those the scan made, by position in `records` (nil: not made).
    ///
    /// The same tree and findings as appending the records one by one (`appendToTree`), built
    /// at once: the tree covers the records up to the first one out of sequence (a missing
    /// record stops it), and each checkpoint is verified against the tree of the records
    /// before it.
    func loadTree(leafHashes: [SHA256.Digest?]) {
        precondition(tree.count == 0, "the tree is built once, on open")
        let records = self.records
        let covered = records.indices.first { records[$0].seq != UInt64($0) } ?? records.count
        var leaves: [UInt8] = []
        leaves.reserveCapacity(covered * MerkleHash.byteCount)
        for index in 0..<covered {
            if index < leafHashes.count, let known = leafHashes[index] {
                known.withUnsafeBytes { leaves.append(contentsOf: $0) }
            } else {
                leaves.append(contentsOf: leafHash(of: records[index]))
            }
        }
        tree = MerkleTree(concatenatedLeafHashes: leaves)
        for index in 0..<covered where records[index].kind == .checkpoint {
            verifyCheckpoint(records[index], treeSize: index)
        }
        if covered < records.count { treeIsComplete = false }
    }

    /// Adds `record`'s leaf. A checkpoint is verified first, against the tree of the records
    /// before it. The tree stops at the first missing record.
    func appendToTree(_ record: LogRecord) {
        guard treeIsComplete, record.seq == UInt64(tree.count) else {
            treeIsComplete = false
            return
        }
        if record.kind == .checkpoint { verifyCheckpoint(record, treeSize: tree.count) }
        tree.append(leafHash: leafHash(of: record))
    }

    /// Checks a checkpoint record against the tree of its first `treeSize` records.
    private func verifyCheckpoint(_ record: LogRecord, treeSize: Int) {
        guard let head = try? SignedTreeHead(decoding: record.payload),
            head.vaultId == vaultId, head.isValid(for: signingPublicKey),
            head.treeSize == UInt64(treeSize), head.root == tree.root(forSize: treeSize)
        else {
            issues.append(.checkpointInvalid(seq: record.seq))
            return
        }
        latestCheckpoint = head
        checkpoints.append(head)
    }

    /// Runs `body` with the vault's signing key (the key of its tree heads and of the
    /// signatures on its bundles). The key never leaves secure memory.
    public func withSigningKey<R, E: Error>(_ body: (Ed25519.PrivateKey) throws(E) -> R) throws(E) -> R {
        try body(keys.signingKey)
    }

    /// The leaf hash of a record.
    public func leafHash(of record: LogRecord) -> [UInt8] {
        EntryCommitment.leafHash(salt: commitmentSalt(seq: record.seq), seq: record.seq, plaintext: record.plaintext)
    }

    /// The salt of record `seq`'s commitment: disclosed with that entry only.
    public func commitmentSalt(seq: UInt64) -> [UInt8] { keys.commitmentSalt(seq: seq) }

    /// How many records the tree covers (all of them, unless a record is missing).
    public var treeSize: UInt64 { UInt64(tree.count) }

    /// The root of the first `size` records' tree.
    public func treeRoot(size: UInt64) -> [UInt8] { tree.root(forSize: Int(size)) }

    /// Whether the records since the last checkpoint include anything but checkpoints and
    /// notes that an anchor was printed (printing the same anchor twice signs nothing new).
    public var needsCheckpoint: Bool {
        guard let latest = latestCheckpoint else { return records.contains { $0.kind != .anchorShared } }
        return records.dropFirst(Int(latest.treeSize) + 1).contains { $0.kind != .checkpoint && $0.kind != .anchorShared }
    }

    /// Signs the current tree head and appends it as a checkpoint record.
    /// - Throws: what `append` throws; `.damaged` when records are missing.
    @discardableResult
    public func writeCheckpoint() throws(StoreError) -> SignedTreeHead {
        guard treeIsComplete else { throw .damaged("entries are missing, so the tree can't be signed") }
        let head = SignedTreeHead(
            vaultId: vaultId, treeSize: treeSize, root: tree.root, timestamp: clock(),
            signingKey: keys.signingKey)
        try append(head.encoded(), kind: .checkpoint)
        return head
    }

    /// The RFC 9162 inclusion proof of record `seq` in the tree of the first `treeSize` records.
    public func inclusionProof(seq: UInt64, treeSize size: UInt64) -> [[UInt8]] {
        tree.inclusionProof(leafIndex: Int(seq), treeSize: Int(size))
    }

    /// The RFC 9162 consistency proof from the tree of `oldSize` records to that of `newSize`.
    public func consistencyProof(from oldSize: UInt64, to newSize: UInt64) -> [[UInt8]] {
        tree.consistencyProof(from: Int(oldSize), to: Int(newSize))
    }
}
