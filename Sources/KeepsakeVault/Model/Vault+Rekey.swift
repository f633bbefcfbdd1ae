import KeepsakeCrypto
import KeepsakeStore

/// What a re-key did.
public struct RekeyOutcome: Sendable {
    /// Who can open the vault now.
    public let holders: KeyHolders
    /// Attachments sealed again.
    public let attachments: Int
    /// Attachments that could not be read (missing or altered), by the name they were added
    /// under: left as they were, and `keepsake check` names them.
    public let unreadable: [(fileName: String, error: StoreError)]
}

/// A full re-key (`VaultStore.rekey`): the vault knows which entry holds which attachment's
/// key, so it hands the store every blob to seal again.
extension Vault {
    /// Re-keys the whole vault: every entry (drafts and check-ins included) and every
    /// attachment (retracted ones included) sealed again under fresh keys, with the slots
    /// `change` leaves. The tree, checkpoints and anchors stay valid.
    /// - Parameter progress: called as frames and bytes are sealed.
    /// - Throws: `VaultError.store` (`.notEnoughSpace`, a full disk: the vault is as it was).
    public func rekey(_ change: KeyChange, progress: (RekeyProgress) -> Void = { _ in }) throws(VaultError) -> RekeyOutcome {
        let blobs = referencedBlobs()
        let result: (holders: KeyHolders, unreadable: [(name: String, error: StoreError)])
        do { result = try store.rekey(change, attachments: blobs.map(\.blob), progress: progress) } catch { throw .store(error) }
        let names = Dictionary(blobs.map { ($0.blob.name, $0.fileName) }, uniquingKeysWith: { first, _ in first })
        return RekeyOutcome(
            holders: result.holders, attachments: blobs.count - result.unreadable.count,
            unreadable: result.unreadable.map { (names[$0.name] ?? $0.name, $0.error) })
    }

    /// Every attachment the entries refer to, once each (retracted ones included: they are
    /// evidence too), with the file name it was added under.
    func referencedBlobs() -> [(fileName: String, blob: AttachmentBlob)] {
        var seen = Set<String>()
        var blobs: [(String, AttachmentBlob)] = []
        for item in items.values {
            for file in item.attachments where !seen.contains(file.reference.blob) {
                guard let blob = try? file.reference.storeBlob() else { continue }
                seen.insert(blob.name)
                blobs.append((file.reference.fileName, blob))
            }
        }
        return blobs
    }
}
