import Foundation
import KeepsakeCrypto
import KeepsakeStore
import KeepsakeVault

/// Checks an unpacked bundle with no vault and no secret: the minisign signature over the
/// manifest, the signed tree head, every file's SHA-256, every entry's inclusion proof, that
/// each attached file is the one its proved entry recorded, and, given an anchor shared
/// earlier, an RFC 9162 consistency proof from the anchor's tree to the exported one.
public enum BundleVerifier {
    /// Verifies the bundle in `folder` (an unpacked folder or an archive read in place).
    public static func verify(_ folder: any BundleContents, anchor: Anchor) -> BundleVerification {
        verify(folder, anchor: .legacy(anchor))
    }

    /// Verifies the bundle in `folder` against an anchor of either format, or none.
    public static func verify(_ folder: any BundleContents, anchor: SharedAnchor? = nil) -> BundleVerification {
        var result = BundleVerification()
        guard let manifestBytes = folder.read(BundleLayout.manifest),
            let signatureText = folder.read(BundleLayout.signature).map({ String(decoding: $0, as: UTF8.self) }),
            let keyText = folder.read(BundleLayout.publicKey).map({ String(decoding: $0, as: UTF8.self) })
        else {
            result.add("files", false, "manifest.json, its signature or the public key is missing")
            return result
        }
        // 1. The signature over the manifest.
        let signed = BundleSigning.verify(manifestBytes, signature: signatureText, publicKeyFile: keyText)
        switch signed {
        case let .success(info):
            result.signerFingerprint = info.keyId
            result.add("signature", true, "manifest.json is signed by key \(info.keyId); trusted comment: \(info.trustedComment)")
        case let .failure(why):
            result.add("signature", false, "the signature over manifest.json does not verify: \(why)")
        }
        guard let manifest = try? JSONCoding.decode(Manifest.self, from: manifestBytes), manifest.format == Manifest.formatName else {
            result.add("manifest", false, "manifest.json is not a Keepsake manifest this version can read")
            return result
        }
        result.exportedAt = manifest.exportedAt
        result.treeSize = manifest.treeHead.treeSize

        // 2. The tree head, signed by the same key.
        let head = manifest.treeHead.signedTreeHead()
        let key = HexText.bytes(manifest.signingKey).flatMap { try? Ed25519.PublicKey(bytes: $0) }
        if case let .success(info) = signed, let key, info.publicKey != key.bytes {
            result.add("signing key", false, "the key in keepsake-vault.pub is not the key named in the manifest")
        }
        guard let head, let key, head.isValid(for: key), Anchor(head: head).text == manifest.treeHead.anchor else {
            result.add("tree head", false, "the vault's signed tree head does not verify")
            return result
        }
        result.add("tree head", true, "the vault signed a record of \(head.treeSize) records on \(manifest.treeHead.signedAt)")

        // 3. Every file, and no file that is not listed.
        checkFiles(folder, manifest, &result)

        // 4. Every entry's inclusion proof; attachments tied to proved entries.
        let proved = checkEntries(folder, manifest, head, &result)

        // 5. What people read says what the proved entries say.
        if let proved { HumanFilesCheck.run(folder, manifest, head, key, proved, &result) }

        // 6. The earlier checkpoints, and the anchor.
        let consistent = manifest.consistency.allSatisfy { step in
            guard let oldRoot = HexText.bytes(step.fromRoot) else { return false }
            let proof = step.proof.compactMap(HexText.bytes)
            return proof.count == step.proof.count && MerkleVerifier.verifyConsistency(
                oldSize: Int(step.fromSize), newSize: Int(head.treeSize), oldRoot: oldRoot, newRoot: head.root, proof: proof)
        }
        result.add("history", consistent, consistent
            ? "the record extends each of its \(manifest.consistency.count) earlier checkpoint(s)"
            : "a consistency proof from an earlier checkpoint does not verify: the record was rewritten")
        switch anchor {
        case let .legacy(legacy)?:
            result.anchorFormat = 1
            checkAnchor(legacy, manifest, head, &result)
        case let .pinned(pinned)?:
            result.anchorFormat = 2
            checkPinnedAnchor(pinned, manifest, head, key, &result)
        case nil:
            break
        }
        if let anchor, let proved {
            result.entriesBeforeAnchor = proved.filter { $0.seq < UInt64(anchor.treeSize) }.count
            result.entriesAfterAnchor = proved.count - result.entriesBeforeAnchor
        }
        return result
    }

    private static func checkFiles(_ folder: any BundleContents, _ manifest: Manifest, _ result: inout BundleVerification) {
        let listing = folder.listing()
        let listed = Set(manifest.files.map(\.path))
        let expectedExtra: Set<String> = [BundleLayout.manifest, BundleLayout.signature]
        let unlisted = listing.files.filter { !listed.contains($0) && !expectedExtra.contains($0) }
        var bad: [String] = []
        for file in manifest.files {
            // Refused before any file is opened: a path that could lead outside the bundle.
            guard BundlePath.isSafe(file.path) else { bad.append("\(file.path) is not a plain path inside the bundle (refused, not read)"); continue }
            guard let (hash, size) = folder.hash(file.path) else { bad.append("\(file.path) is missing"); continue }
            if size != file.size || HexText.string(hash) != file.sha256 { bad.append("\(file.path) was altered") }
        }
        if !listing.other.isEmpty { bad.append("links, special files or unsafe names (not read): \(listing.other.joined(separator: ", "))") }
        if !unlisted.isEmpty { bad.append("files not in the manifest: \(unlisted.joined(separator: ", "))") }
        result.add("files", bad.isEmpty, bad.isEmpty
            ? "all \(manifest.files.count) files match their SHA-256 in the manifest"
            : bad.joined(separator: "; "))
    }

    /// Checks every entry's proof and every attachment; returns the proved records when all
    /// entries are proved (nil otherwise).
    private static func checkEntries(
        _ folder: any BundleContents, _ manifest: Manifest, _ head: SignedTreeHead, _ result: inout BundleVerification
    ) -> [LogRecord]? {
        guard let bytes = folder.read("entries.json"), let file = try? JSONCoding.decode(EntriesFile.self, from: bytes) else {
            result.add("entries", false, "entries.json is missing or can't be read")
            return nil
        }
        let failing = file.entries.filter { !$0.isIncluded(treeSize: head.treeSize, root: head.root) }
        result.entriesProved = file.entries.count - failing.count
        result.add("entries", failing.isEmpty && !file.entries.isEmpty, failing.isEmpty
            ? "each of the \(file.entries.count) entries is proved to be in the signed record (RFC 9162 inclusion proofs)"
            : "\(failing.count) entr(y/ies) are not proved (log positions \(failing.map { String($0.seq) }.joined(separator: ", ")))")
        let recorded = Set(file.entries.compactMap { entry -> String? in
            guard let payload = entry.payloadBytes, let decoded = try? Entry.decode(payload) else { return nil }
            return decoded.attachment?.sha256
        })
        let attachments = manifest.files.filter { $0.path.hasPrefix("attachments/") }
        let unproved = attachments.filter { !recorded.contains($0.sha256) }
        result.add("attachments", unproved.isEmpty, unproved.isEmpty
            ? "each of the \(attachments.count) attached files is the one its proved entry recorded (same SHA-256)"
            : "not recorded by any proved entry: \(unproved.map(\.path).joined(separator: ", "))")
        guard failing.isEmpty else { return nil }
        let records = file.entries.compactMap { entry in
            entry.payloadBytes.map {
                LogRecord(seq: entry.seq, kind: .init(rawValue: entry.recordKind), writtenAt: entry.writtenAtMilliseconds, payload: $0)
            }
        }
        for step in ClockSteps.backwards(in: records) {
            let iso = ISO8601DateFormatter()
            result.notes.append("the device clock was behind when entry #\(step.seq) was saved: it is dated \(iso.string(from: step.writtenAtDate)), earlier than an entry saved before it (\(iso.string(from: step.bound))); it was written down no earlier than that")
        }
        return records
    }

    private static func checkAnchor(
        _ anchor: Anchor, _ manifest: Manifest, _ head: SignedTreeHead, _ result: inout BundleVerification
    ) {
        guard anchor.vaultTag == Anchor.vaultTag(forVaultId: head.vaultId) else {
            result.add("anchor", false, "the anchor was made by another vault")
            return
        }
        let size = UInt64(anchor.treeSize)
        guard size <= head.treeSize else {
            result.add("anchor", false, "the anchor covers \(size) records but the bundle's record has only \(head.treeSize): records were removed since the anchor")
            return
        }
        result.notes.append(SharedAnchor.legacyWarning)
        if size == head.treeSize {
            result.anchorChecked = anchor.root == head.root
            result.add("anchor", result.anchorChecked, result.anchorChecked
                ? "the anchor is this record itself"
                : "the anchor does not match: the record was changed since the anchor")
            return
        }
        guard let step = manifest.consistency.first(where: { $0.fromSize == size }) else {
            result.add("anchor", false, "the bundle has no proof from a record of \(size) records; the anchor was not made by `keepsake anchor` for this vault")
            return
        }
        let proof = step.proof.compactMap(HexText.bytes)
        let ok = proof.count == step.proof.count && MerkleVerifier.verifyConsistency(
            oldSize: Int(size), newSize: Int(head.treeSize), oldRoot: anchor.root, newRoot: head.root, proof: proof)
        result.anchorChecked = ok
        result.add("anchor", ok, ok
            ? "the record of \(head.treeSize) records extends the anchor's record of \(size): nothing written before the anchor was changed or removed"
            : "the record does NOT extend the anchor's record: entries written before the anchor were changed or removed")
    }

    /// A KS2 anchor: the bundle's key must be the anchor's, and the bundle's tree at the
    /// anchor's size (the head itself, or an earlier checkpoint proved consistent with it)
    /// must reproduce the anchor's binding of (key, size, root).
    private static func checkPinnedAnchor(
        _ anchor: PinnedAnchor, _ manifest: Manifest, _ head: SignedTreeHead, _ key: Ed25519.PublicKey,
        _ result: inout BundleVerification
    ) {
        let signer = KeyFingerprint(key)
        guard signer.keyId == anchor.keyId else {
            result.add("anchor", false, "the anchor belongs to the vault key \(anchor.keyFingerprint), but this bundle is signed by the key \(signer.text): it was not made by the vault the anchor came from")
            return
        }
        let size = UInt64(anchor.treeSize)
        guard size <= head.treeSize else {
            result.add("anchor", false, "the anchor covers \(size) records but the bundle's record has only \(head.treeSize): records were removed since the anchor")
            return
        }
        var root: [UInt8]?
        if size == head.treeSize {
            root = head.root
        } else if let step = manifest.consistency.first(where: { $0.fromSize == size }), let oldRoot = HexText.bytes(step.fromRoot) {
            let proof = step.proof.compactMap(HexText.bytes)
            if proof.count == step.proof.count, MerkleVerifier.verifyConsistency(
                oldSize: Int(size), newSize: Int(head.treeSize), oldRoot: oldRoot, newRoot: head.root, proof: proof) {
                root = oldRoot
            }
        }
        guard let root else {
            result.add("anchor", false, "the bundle holds no proof from the anchor's record of \(size) records to its own: the record was rewritten, or the anchor is not this vault's")
            return
        }
        guard anchor.pins(publicKey: key, root: root) else {
            result.add("anchor", false, "the record does NOT match the anchor: entries written before the anchor were changed or removed, or the bundle was signed by another key with the same short id")
            return
        }
        result.anchorChecked = true
        result.add("anchor", true, size == head.treeSize
            ? "the anchor is this record itself, signed by the anchor's key \(signer.text)"
            : "signed by the anchor's key \(signer.text); the record of \(head.treeSize) records extends the anchor's record of \(size): nothing written before the anchor was changed or removed")
    }
}
