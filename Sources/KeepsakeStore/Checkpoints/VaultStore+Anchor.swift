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
        }
    }
}

extension VaultStore {
    /// The anchor of the newest checkpoint, if there is one.
    public var currentAnchor: Anchor? {
        latestCheckpoint.map(Anchor.init(head:))
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
