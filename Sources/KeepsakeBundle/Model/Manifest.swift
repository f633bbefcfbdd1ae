import Foundation
import KeepsakeCrypto
import KeepsakeStore

/// The file `manifest.json`: every other file's SHA-256, the signed tree head the disclosed
/// entries are proved against, consistency proofs from every earlier checkpoint (so any anchor
/// the owner shared can be checked), the filters and the export time. `manifest.json.minisig`
/// signs it with the vault's key.
public struct Manifest: Codable, Sendable, Equatable {
    /// A file of the bundle.
    public struct File: Codable, Sendable, Equatable {
        /// Its path inside the bundle.
        public var path: String
        /// SHA-256 of its bytes, hex.
        public var sha256: String
        /// Its size in bytes.
        public var size: UInt64
    }

    /// The vault's signed tree head.
    public struct TreeHead: Codable, Sendable, Equatable {
        public var vaultId: String
        public var treeSize: UInt64
        public var root: String
        public var timestampMilliseconds: UInt64
        public var signedAt: String
        public var signature: String
        /// The anchor of this head (what the owner would send).
        public var anchor: String

        /// The head as the store's type, or nil when a field is malformed.
        public func signedTreeHead() -> SignedTreeHead? {
            guard let id = HexText.bytes(vaultId), let rootBytes = HexText.bytes(root), let sig = HexText.bytes(signature) else { return nil }
            return try? SignedTreeHead(vaultId: id, treeSize: treeSize, root: rootBytes, timestamp: timestampMilliseconds, signature: sig)
        }
    }

    /// A consistency proof from an earlier tree (a checkpoint) to the exported head.
    public struct Consistency: Codable, Sendable, Equatable {
        public var fromSize: UInt64
        public var fromRoot: String
        public var proof: [String]
    }

    /// "keepsake-bundle/1".
    public var format: String
    /// When the bundle was made (ISO 8601, UTC).
    public var exportedAt: String
    /// The program that made it.
    public var generator: String
    /// The vault's Ed25519 public key (hex): it signs the tree head and this manifest.
    public var signingKey: String
    /// The tree head every disclosed entry is proved against.
    public var treeHead: TreeHead
    /// Proofs that the exported tree extends each earlier checkpoint.
    public var consistency: [Consistency]
    /// What the owner chose to include.
    public var filters: BundleFilters
    /// Counts, for people.
    public var incidentCount: Int
    public var attachmentCount: Int
    /// Every file of the bundle except this manifest and its signature.
    public var files: [File]
    /// The layout of README.txt, report.html and incidents.csv (`ReportLayout`), so that
    /// `verify` renders them again and compares; absent in bundles of Keepsake 0.1.0 (layout 1).
    public var reportLayout: Int?
    /// The time zone the human-readable files are written in (an IANA name; layout 2 on).
    public var timeZone: String?

    static let formatName = "keepsake-bundle/1"
}
