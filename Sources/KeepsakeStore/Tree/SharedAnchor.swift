/// An anchor as someone received it: today's format, which pins the vault's signing key
/// (`KS2-…`, `PinnedAnchor`), or the earlier one, which does not (`KS1-…`, `Anchor`). Both
/// keep being read; only the first tells who signed a bundle.
public enum SharedAnchor: Hashable, Sendable, CustomStringConvertible {
    /// Format 2: binds the signing key, the tree size and the root.
    case pinned(PinnedAnchor)
    /// Format 1: binds the tree size and the root, and a 32-bit tag of the vault id, but not
    /// the key: anyone who saw it can sign a bundle that extends it.
    case legacy(Anchor)

    /// The number of records the anchor covers.
    public var treeSize: Int {
        switch self {
        case let .pinned(anchor): anchor.treeSize
        case let .legacy(anchor): anchor.treeSize
        }
    }

    /// The printable form.
    public var text: String {
        switch self {
        case let .pinned(anchor): anchor.text
        case let .legacy(anchor): anchor.text
        }
    }

    /// The printable form, as `text`.
    public var description: String { text }

    /// Whether the anchor pins the vault's key (format 2).
    public var pinsKey: Bool { if case .pinned = self { true } else { false } }

    /// One plain sentence for anchors in the format that does not pin the key.
    public static let legacyWarning =
        "This anchor is in the older KS1 format, which does not pin the vault's key: it shows the record was not rewritten, but not who signed this bundle. Ask the owner for a new anchor (KS2-…) from `keepsake anchor`."

    /// Reads an anchor of either format from text as typed or pasted (case, hyphens and spaces
    /// ignored; O read as 0, I and L as 1).
    /// - Throws: `AnchorError` (not an anchor, unknown version, a character anchors never use,
    ///   a wrong length, a typo caught by the checksum).
    public init(parsing text: String) throws(AnchorError) {
        var rest = Substring(text).drop(while: Anchor.isSeparator)
        guard rest.count >= 2, rest.prefix(2).uppercased() == "KS" else { throw .notAnAnchor }
        rest = rest.dropFirst(2).drop(while: Anchor.isSeparator)
        let version = String(rest.prefix(while: { Anchor.versionDigit($0) != nil }).compactMap(Anchor.versionDigit))
        guard let first = version.first else { throw .notAnAnchor }
        let afterVersion = rest.dropFirst(version.count)
        if afterVersion.first.map(Anchor.isSeparator) ?? true {
            if let known = try Self.decode(version: version, afterVersion) {
                self = known
            } else if let anchor = try? Self.decode(version: String(first), rest.dropFirst()) {
                self = anchor  // "KS2" and a first group of digits, typed without the hyphen
            } else {
                throw .unknownVersion(version)
            }
        } else if let anchor = try Self.decode(version: String(first), rest.dropFirst()) {
            self = anchor
        } else {
            throw .unknownVersion(version)
        }
    }

    /// The anchor of format `version` in `body`, nil for a version this Keepsake does not read.
    private static func decode(version: String, _ body: Substring) throws(AnchorError) -> SharedAnchor? {
        switch version {
        case "1": return .legacy(try Anchor.decodeVersionOne(body))
        case "2": return .pinned(try PinnedAnchor.decode(body))
        default: return nil
        }
    }
}
