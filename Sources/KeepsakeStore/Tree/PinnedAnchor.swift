import KeepsakeCrypto

/// An anchor that pins the vault's signing key (format 2, `KS2-…`): what the owner sends to
/// someone they trust so that, later, only a bundle signed by the same vault key, whose
/// record extends the anchored one, checks out against it.
///
/// Text: `KS2-` then 54 characters of Crockford base32 in 9 groups of 6, 66 characters in all:
///
///     KS2-XXXXXX-XXXXXX-XXXXXX-XXXXXX-XXXXXX-XXXXXX-XXXXXX-XXXXXX-XXXXXX
///
/// The 54 characters are 48 data symbols and 6 checksum symbols (Bech32m over the human part
/// `ks2`, as for format 1). The data symbols are these 30 bytes, 5 bits per character:
///
///     offset  size  field
///          0     8  key id: the first 8 bytes of BLAKE2b-256(public key), as in the bundle's
///                   minisign files (`KeyFingerprint`)
///          8     4  tree size, big-endian (0 … 2³² − 1 records)
///         12    18  binding: the first 18 bytes (144 bits) of
///                   SHA-256("keepsake/v2/anchor" ‖ public key (32) ‖ tree size (u64 BE) ‖ root (32))
///
/// The binding ties the full public key, the tree size and the root together: a bundle signed
/// by another key, or whose tree at that size has another root, does not reproduce it. The key
/// id is there so that a mismatch can name the key the anchor belongs to.
public struct PinnedAnchor: Hashable, Sendable, CustomStringConvertible {
    /// The format version written in the prefix.
    public static let version = 2
    /// The prefix of every format-2 anchor.
    public static let prefix = "KS2-"
    /// Base32 characters after the prefix (data and checksum).
    public static let characterCount = 54
    /// Characters per printed group.
    public static let groupSize = 6
    /// Bytes of the binding hash kept (144 bits).
    public static let bindingByteCount = 18

    static let checksumPrefix = "ks2"
    private static let dataSymbolCount = characterCount - AnchorCode.checksumCount
    private static let bindingDomain = Array("keepsake/v2/anchor".utf8)

    /// The key id (8 bytes) of the vault key the anchor pins.
    public let keyId: [UInt8]
    /// The number of records in the anchored tree.
    public let treeSize: Int
    /// The 18-byte binding of (public key, tree size, root).
    public let binding: [UInt8]

    /// An anchor from its parts (lengths are programming errors).
    public init(keyId: [UInt8], treeSize: Int, binding: [UInt8]) {
        precondition(keyId.count == KeyFingerprint.byteCount, "a key id is 8 bytes")
        precondition(treeSize >= 0 && treeSize <= Int(UInt32.max), "an anchor holds a tree size below 2^32")
        precondition(binding.count == Self.bindingByteCount, "a binding is 18 bytes")
        self.keyId = keyId
        self.treeSize = treeSize
        self.binding = binding
    }

    /// The anchor of the tree of `treeSize` records with `root`, signed by `publicKey`.
    public init(publicKey: Ed25519.PublicKey, treeSize: Int, root: [UInt8]) {
        self.init(
            keyId: KeyFingerprint(publicKey).keyId, treeSize: treeSize,
            binding: Self.binding(publicKey: publicKey, treeSize: treeSize, root: root))
    }

    /// The anchor of a signed tree head made by `publicKey`.
    public init(head: SignedTreeHead, publicKey: Ed25519.PublicKey) {
        self.init(publicKey: publicKey, treeSize: Int(head.treeSize), root: head.root)
    }

    /// The binding for a key, a tree size and a root (layout above).
    public static func binding(publicKey: Ed25519.PublicKey, treeSize: Int, root: [UInt8]) -> [UInt8] {
        Array(SHA256.hash(bindingDomain + publicKey.bytes + UInt64(treeSize).bigEndianBytes + root).prefix(bindingByteCount))
    }

    /// Whether `publicKey`'s tree of this anchor's size, with `root`, is the one anchored.
    public func pins(publicKey: Ed25519.PublicKey, root: [UInt8]) -> Bool {
        Self.binding(publicKey: publicKey, treeSize: treeSize, root: root) == binding
    }

    /// The fingerprint of the key the anchor belongs to, as `KeyFingerprint.text` prints it.
    public var keyFingerprint: String { KeyFingerprint.text(keyId: keyId) }

    /// The printable form: `KS2-` and 9 hyphen-separated groups of 6 characters.
    public var text: String {
        let content = keyId + UInt32(treeSize).bigEndianBytes + binding
        let data = AnchorCode.symbols(from: content)
        let symbols = data + AnchorCode.checksum(for: data, prefix: Self.checksumPrefix)
        var out = Self.prefix
        for (index, symbol) in symbols.enumerated() {
            if index > 0 && index % Self.groupSize == 0 { out.append("-") }
            out.append(AnchorCode.character(for: symbol))
        }
        return out
    }

    /// The printable form, as `text`.
    public var description: String { text }

    /// Decodes the characters after `KS2`.
    static func decode(_ body: Substring) throws(AnchorError) -> PinnedAnchor {
        let symbols = try AnchorCode.readSymbols(body, expected: characterCount)
        guard AnchorCode.isValid(symbols, prefix: checksumPrefix) else {
            throw .checksumMismatch(suspect: AnchorCode.singleErrorPosition(in: symbols, prefix: checksumPrefix).map {
                Anchor.CharacterPosition(group: $0 / groupSize + 1, offset: $0 % groupSize + 1)
            })
        }
        let bytes = AnchorCode.bytes(from: Array(symbols.prefix(dataSymbolCount)))
        return PinnedAnchor(
            keyId: Array(bytes[0..<8]),
            treeSize: Int(bytes[8..<12].reduce(UInt32(0)) { $0 << 8 | UInt32($1) }),
            binding: Array(bytes[12..<30]))
    }
}

/// The short name of a vault's signing key that people compare: its key id (the first 8 bytes
/// of BLAKE2b-256 of the Ed25519 public key), printed as minisign prints key ids (the 8 bytes
/// read as a little-endian number, in upper-case hex without leading zeros), so the fingerprint Keepsake
/// prints is the one in the bundle's `keepsake-vault.pub` comment.
public struct KeyFingerprint: Hashable, Sendable, CustomStringConvertible {
    /// Bytes in a key id.
    public static let byteCount = 8
    /// The key id.
    public let keyId: [UInt8]

    /// The fingerprint of a public key.
    public init(_ publicKey: Ed25519.PublicKey) {
        // 32 is within BLAKE2b's output range and there is no key, so this can't throw.
        keyId = Array(try! BLAKE2b.hash(publicKey.bytes, outputByteCount: 32).prefix(Self.byteCount))
    }

    /// Up to 16 upper-case hex digits.
    public var text: String { Self.text(keyId: keyId) }

    /// The printable form, as `text`.
    public var description: String { text }

    /// A key id as minisign prints it.
    public static func text(keyId: [UInt8]) -> String {
        let digits = Array("0123456789ABCDEF".utf8)
        var out: [UInt8] = []
        for byte in keyId.reversed() {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0x0F)])
        }
        // minisign prints key ids with printf's "%" PRIX64: no leading zeros.
        let significant = out.drop { $0 == UInt8(ascii: "0") }
        return significant.isEmpty ? "0" : String(decoding: significant, as: UTF8.self)
    }
}
