/// How an anchor (a tree head shared earlier) compares with a vault.
public enum AnchorStatus: Sendable, Equatable {
    /// The vault's tree at the anchor's size has the anchor's root: nothing written before
    /// the anchor was shared has been changed or removed since.
    case matches
    /// The roots differ: entries written before the anchor were changed or removed.
    case differs
    /// The anchor covers more entries than the vault holds: entries were removed (the vault
    /// was rolled back), or the anchor is for another vault.
    case beyondVault(anchorSize: UInt64, vaultSize: UInt64)
    /// The anchor was made by another vault.
    case otherVault
    /// The anchor pins another signing key (fingerprints of the anchor's key and this vault's).
    case otherKey(anchor: String, vault: String)

    /// One plain sentence for the owner.
    public var sentence: String {
        switch self {
        case .matches:
            return "The anchor matches: nothing written before it was shared has been changed or removed."
        case .differs:
            return "The anchor does NOT match: entries written before it was shared were changed or removed, or it belongs to another vault."
        case let .beyondVault(anchorSize, vaultSize):
            return "The anchor covers \(anchorSize) records but the vault holds only \(vaultSize): entries were removed (an older copy of the vault was put back), or it belongs to another vault."
        case .otherVault:
            return "The anchor was made by another vault, not this one."
        case let .otherKey(anchor, vault):
            return "The anchor belongs to the vault key \(anchor), but this vault's key is \(vault): it was made by another vault (or this vault's key was replaced)."
        }
    }
}

extension VaultStore {
    /// The anchor of the newest checkpoint, if there is one (format 1, which does not pin the
    /// key; kept for the tests of earlier vaults).
    public var currentAnchor: Anchor? {
        latestCheckpoint.map(Anchor.init(head:))
    }

    /// The anchor of the newest checkpoint, pinning this vault's signing key (format 2).
    public var currentPinnedAnchor: PinnedAnchor? {
        latestCheckpoint.map { PinnedAnchor(head: $0, publicKey: signingPublicKey) }
    }

    /// The fingerprint of this vault's signing key (as in its bundles' minisign files).
    public var signingKeyFingerprint: KeyFingerprint { KeyFingerprint(signingPublicKey) }

    /// Compares an anchor of either format with this vault's tree.
    public func status(of anchor: SharedAnchor) -> AnchorStatus {
        switch anchor {
        case let .legacy(legacy):
            return status(of: legacy)
        case let .pinned(pinned):
            let own = signingKeyFingerprint
            guard pinned.keyId == own.keyId else { return .otherKey(anchor: pinned.keyFingerprint, vault: own.text) }
            guard UInt64(pinned.treeSize) <= treeSize else {
                return .beyondVault(anchorSize: UInt64(pinned.treeSize), vaultSize: treeSize)
            }
            return pinned.pins(publicKey: signingPublicKey, root: treeRoot(size: UInt64(pinned.treeSize))) ? .matches : .differs
        }
    }

    /// Compares an anchor with this vault's tree.
    public func status(of anchor: Anchor) -> AnchorStatus {
        guard anchor.vaultTag == Anchor.vaultTag(forVaultId: vaultId) else { return .otherVault }
        guard UInt64(anchor.treeSize) <= treeSize else {
            return .beyondVault(anchorSize: UInt64(anchor.treeSize), vaultSize: treeSize)
        }
        return treeRoot(size: UInt64(anchor.treeSize)) == anchor.root ? .matches : .differs
    }
}

extension Anchor {
    /// The anchor of a signed tree head.
    public init(head: SignedTreeHead) {
        self.init(treeSize: Int(head.treeSize), root: head.root, vaultTag: Anchor.vaultTag(forVaultId: head.vaultId))
    }
}
