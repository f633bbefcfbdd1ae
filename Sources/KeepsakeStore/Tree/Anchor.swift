import KeepsakeCrypto

/// A tree head in a short printable form that the owner can copy by hand into a text message
/// or a letter to someone they trust. Whoever holds it can later check, with a consistency
/// proof, that an export comes from the same vault and that its log only grew since.
///
/// Text (format 1): `KS1-` then 70 characters of Crockford base32 in 14 groups of 5, 87
/// characters in all:
///
///     KS1-XXXXX-XXXXX-XXXXX-XXXXX-XXXXX-XXXXX-XXXXX-XXXXX-XXXXX-XXXXX-XXXXX-XXXXX-XXXXX-XXXXX
///
/// The 70 characters are 64 data symbols and 6 checksum symbols. The data symbols are these
/// 40 bytes, 5 bits per character, most significant bit first (no padding):
///
///     offset  size  field
///          0     4  vault tag, big-endian (`Anchor.vaultTag(forVaultId:)`)
///          4     4  tree size, big-endian (0 … 2³² − 1 entries)
///          8    32  root hash of the tree of that size (RFC 9162 MTH, SHA-256)
///
/// The checksum is Bech32m (BIP-350) over the human-readable part `ks1` and the 64 data
/// symbols (see `AnchorCode`): it catches every mistake that touches up to 4 characters, such
/// as a wrong character or two swapped ones, and names the character when a single one is wrong.
///
/// Parsing ignores case, hyphens, spaces and other dashes or blanks, reads O as 0 and I or L as
/// 1, and tells apart text that is not an anchor, an unknown format version, a wrong number of
/// characters, a character anchors never use, and a typo (checksum mismatch).
///
/// The vault tag lets a recipient who holds anchors from several vaults recognise one that
/// belongs to another vault, instead of reading it as a broken log. It is a hash of the vault
/// id, not the id itself, and says nothing to anyone without the vault.
public struct Anchor: Hashable, Sendable, CustomStringConvertible {
    /// The format version written in the prefix.
    public static let version = 1
    /// The prefix of every format-1 anchor.
    public static let prefix = "KS1-"
    /// The number of base32 characters after the prefix (data and checksum).
    public static let characterCount = 70
    /// Characters per printed group.
    public static let groupSize = 5

    private static let dataSymbolCount = characterCount - AnchorCode.checksumCount
    private static let vaultTagDomain = Array("keepsake/v1/anchor-vault-tag".utf8)

    /// The tag of the vault this tree head belongs to.
    public let vaultTag: UInt32
    /// The number of entries in the tree.
    public let treeSize: Int
    /// The 32-byte root hash of the tree of `treeSize` entries.
    public let root: [UInt8]

    /// An anchor for the tree of `treeSize` entries with root `root`, in the vault tagged
    /// `vaultTag`. `treeSize` must fit in 32 bits and `root` be 32 bytes (programming errors
    /// otherwise).
    public init(treeSize: Int, root: [UInt8], vaultTag: UInt32) {
        precondition(treeSize >= 0 && treeSize <= Int(UInt32.max), "an anchor holds a tree size below 2^32")
        precondition(root.count == MerkleHash.byteCount, "a root is 32 bytes")
        self.treeSize = treeSize
        self.root = root
        self.vaultTag = vaultTag
    }

    /// The tag for a vault id: the first 4 bytes, big-endian, of
    /// SHA-256("keepsake/v1/anchor-vault-tag" ‖ vaultId).
    public static func vaultTag(forVaultId vaultId: [UInt8]) -> UInt32 {
        SHA256.hash(vaultTagDomain + vaultId).prefix(4).reduce(0) { $0 << 8 | UInt32($1) }
    }

    /// The 40 content bytes (layout above).
    var contentBytes: [UInt8] {
        let size = UInt32(treeSize)
        return (0..<4).reversed().map { UInt8(truncatingIfNeeded: vaultTag >> ($0 * 8)) }
            + (0..<4).reversed().map { UInt8(truncatingIfNeeded: size >> ($0 * 8)) }
            + root
    }

    /// The printable form: `KS1-` and 14 hyphen-separated groups of 5 characters.
    public var text: String {
        let data = AnchorCode.symbols(from: contentBytes)
        let symbols = data + AnchorCode.checksum(for: data)
        var out = Self.prefix
        for (index, symbol) in symbols.enumerated() {
            if index > 0 && index % Self.groupSize == 0 { out.append("-") }
            out.append(AnchorCode.character(for: symbol))
        }
        return out
    }

    /// The printable form, as `text`.
    public var description: String { text }

    /// Reads an anchor from text as typed or pasted.
    /// - Throws: `AnchorError.notAnAnchor` when the text does not start with `KS` and a version;
    ///   `.unknownVersion` for a format other than 1; `.invalidCharacter` for a character anchors
    ///   never use; `.wrongLength` when characters are missing or extra; `.checksumMismatch`
    ///   for a typo, with the suspect character when exactly one is wrong.
    public init(parsing text: String) throws(AnchorError) {
        // The version is the run of digits after `KS` (O, I and L read as 0, 1, 1), up to the
        // first separator. If the owner left out the hyphens the version and the data run
        // together, so a run that starts with 1 may be version 1 followed by data.
        var rest = Substring(text).drop(while: Self.isSeparator)
        guard rest.count >= 2, rest.prefix(2).uppercased() == "KS" else { throw .notAnAnchor }
        rest = rest.dropFirst(2).drop(while: Self.isSeparator)
        let version = String(rest.prefix(while: { Self.versionDigit($0) != nil }).compactMap(Self.versionDigit))
        guard let first = version.first else { throw .notAnAnchor }
        let afterVersion = rest.dropFirst(version.count)
        if afterVersion.first.map(Self.isSeparator) ?? true {
            if version == String(Self.version) {
                self = try Self.decodeVersionOne(afterVersion)
            } else if first == "1", let anchor = try? Self.decodeVersionOne(rest.dropFirst()) {
                self = anchor  // "KS1" and a first group of digits, typed without the hyphen
            } else {
                throw .unknownVersion(version)
            }
        } else if first == "1" {
            self = try Self.decodeVersionOne(rest.dropFirst())
        } else {
            throw .unknownVersion(version)
        }
    }

    /// Decodes the characters after `KS1`.
    static func decodeVersionOne(_ body: Substring) throws(AnchorError) -> Anchor {
        let symbols = try AnchorCode.readSymbols(body, expected: characterCount)
        guard AnchorCode.isValid(symbols) else {
            throw .checksumMismatch(suspect: AnchorCode.singleErrorPosition(in: symbols).map {
                CharacterPosition(group: $0 / groupSize + 1, offset: $0 % groupSize + 1)
            })
        }
        let bytes = AnchorCode.bytes(from: Array(symbols.prefix(dataSymbolCount)))
        return Anchor(
            treeSize: Int(bytes[4..<8].reduce(UInt32(0)) { $0 << 8 | UInt32($1) }),
            root: Array(bytes[8..<40]),
            vaultTag: bytes[0..<4].reduce(0) { $0 << 8 | UInt32($1) })
    }

    static func versionDigit(_ character: Character) -> Character? {
        switch character {
        case "0"..."9": return character
        case "O", "o": return "0"
        case "I", "i", "L", "l": return "1"
        default: return nil
        }
    }

    /// Hyphens, other dashes and blanks (spaces, tabs, line breaks), which parsing skips.
    static func isSeparator(_ character: Character) -> Bool {
        if character.isWhitespace { return true }
        switch character {
        case "-", "\u{2010}", "\u{2011}", "\u{2012}", "\u{2013}", "\u{2014}", "\u{2015}", "\u{2212}", "_":
            return true
        default:
            return false
        }
    }

    /// A character's place in an anchor's printed text, counted from 1 after the `KS1-` prefix.
    public struct CharacterPosition: Hashable, Sendable, CustomStringConvertible {
        /// The group (1…14).
        public let group: Int
        /// The character within its group (1…5).
        public let offset: Int

        /// A position; both numbers count from 1.
        public init(group: Int, offset: Int) {
            self.group = group
            self.offset = offset
        }

        /// "character 2 of group 7".
        public var description: String { "character \(offset) of group \(group)" }
    }
}
