import KeepsakeCrypto

/// A minisign public key: an 8-byte key id and an Ed25519 verifying key, written as
/// `untrusted comment: minisign public key <KEY ID>` and the padded base64 of
/// `Ed` ‖ key id ‖ public key (the `.pub` file that `minisign -G` writes).
public struct MinisignPublicKey: Sendable, Equatable, Hashable, CustomStringConvertible {
    /// Length of a key id: 8 bytes.
    public static let keyIdByteCount = 8
    /// Longest `.pub` file accepted: a comment line of the longest untrusted comment minisign
    /// reads, and the key line, each with CRLF.
    public static let maximumFileByteCount =
        MinisignText.untrustedPrefix.count + MinisignText.untrustedCommentLimit + 2 + base64LineLength + 2
    /// The algorithm tag of every minisign public key: Ed25519.
    static let algorithm = Array("Ed".utf8)
    /// Length of the base64 key line: 42 bytes encoded.
    static let base64LineLength = 56

    /// The key id that signatures made with this key carry, as stored (minisign prints it
    /// reversed, as a little-endian number: see `keyIdText`).
    public let keyId: [UInt8]
    /// The Ed25519 verifying key.
    public let publicKey: Ed25519.PublicKey

    /// A key from its parts.
    /// - Throws: `invalidKeyId` unless `keyId` is 8 bytes.
    public init(publicKey: Ed25519.PublicKey, keyId: [UInt8]) throws(MinisignError) {
        guard keyId.count == Self.keyIdByteCount else { throw .invalidKeyId(byteCount: keyId.count) }
        self.publicKey = publicKey
        self.keyId = keyId
    }

    /// The public half of a signing key, under the given key id.
    /// - Throws: `invalidKeyId` unless `keyId` is 8 bytes.
    public init(signingKey: Ed25519.PrivateKey, keyId: [UInt8]) throws(MinisignError) {
        try self.init(publicKey: signingKey.publicKey, keyId: keyId)
    }

    /// The public half of a signing key, under the key id derived from it (`derivedKeyId`).
    public init(signingKey: Ed25519.PrivateKey) {
        publicKey = signingKey.publicKey
        keyId = Self.derivedKeyId(for: signingKey.publicKey)
    }

    /// The key id Keepsake gives a key: the first 8 bytes of the unkeyed 32-byte BLAKE2b hash
    /// of the 32-byte public key (Python: `hashlib.blake2b(pk, digest_size=32).digest()[:8]`).
    ///
    /// minisign itself draws key ids at random; any 8 bytes work, since a key id only helps a
    /// verifier say "wrong key" before checking. Deriving it means the same vault key always
    /// yields the same `.pub` file, so a lawyer who pinned the key once recognises it later.
    public static func derivedKeyId(for publicKey: Ed25519.PublicKey) -> [UInt8] {
        // 32 is within BLAKE2b's 16...64 and there is no key, so this can't throw.
        let digest = try! BLAKE2b.hash(publicKey.bytes, outputByteCount: 32)
        return Array(digest.prefix(keyIdByteCount))
    }

    /// The key id as minisign prints it (`minisign public key 208E32A277FFDA1B`): the 8 bytes
    /// read as a little-endian 64-bit number, in 16 upper-case hex digits.
    public var keyIdText: String { MinisignText.keyIdText(keyId) }

    /// The base64 line alone, as `minisign -P` takes it.
    public var base64Line: String {
        Base64.encode(Self.algorithm + keyId + publicKey.bytes, variant: .original)
    }

    /// The `.pub` file, byte for byte as `minisign -G` writes it: the comment line, the base64
    /// line, and a final newline.
    /// - Parameter untrustedComment: the first line after `untrusted comment: `; by default
    ///   minisign's own, `minisign public key <KEY ID>`.
    /// - Throws: `invalidComment` if the comment has a CR, LF or NUL, or is over 1,003 bytes.
    public func fileText(untrustedComment: String? = nil) throws(MinisignError) -> String {
        let comment = untrustedComment ?? "minisign public key \(keyIdText)"
        try MinisignText.checkComment(
            comment, limit: MinisignText.untrustedCommentLimit, what: "untrusted comment")
        return "untrusted comment: \(comment)\n\(base64Line)\n"
    }

    /// Reads a `.pub` file (comment line and key line, LF or CRLF, final newline optional) or
    /// the bare base64 key line (as `minisign -P` takes it, one final newline allowed).
    /// - Throws: `tooLarge` beyond `maximumFileByteCount`; `malformedPublicKey` for anything
    ///   that is not exactly that shape or not canonical base64 of 42 bytes;
    ///   `unsupportedAlgorithm` unless the key is tagged `Ed`.
    public init(parsing text: String) throws(MinisignError) {
        try self.init(parsing: Array(text.utf8))
    }

    /// Reads a `.pub` file or a bare key line from its bytes; see `init(parsing:)`.
    /// - Throws: as `init(parsing:)` for a string.
    public init(parsing bytes: [UInt8]) throws(MinisignError) {
        guard bytes.count <= Self.maximumFileByteCount else {
            throw .tooLarge(size: bytes.count, limit: Self.maximumFileByteCount)
        }
        guard let lines = MinisignText.lines(bytes) else {
            throw .malformedPublicKey(reason: "it has a stray carriage return or NUL byte")
        }
        let keyLine: ArraySlice<UInt8>
        switch lines.count {
        case 2:
            guard let comment = MinisignText.text(after: MinisignText.untrustedPrefix, in: lines[0]) else {
                throw .malformedPublicKey(reason: "the first line must be \"untrusted comment: \" and UTF-8 text")
            }
            guard comment.utf8.count <= MinisignText.untrustedCommentLimit else {
                throw .malformedPublicKey(reason: "the comment line is longer than minisign reads")
            }
            keyLine = lines[1]
        case 1:
            guard !lines[0].starts(with: MinisignText.untrustedPrefix) else {
                throw .malformedPublicKey(reason: "the key line after the comment is missing")
            }
            keyLine = lines[0]
        case 0:
            throw .malformedPublicKey(reason: "it is empty")
        default:
            throw .malformedPublicKey(reason: "expected a comment line and a key line, found \(lines.count) lines")
        }
        guard let decoded = MinisignText.decode(keyLine, byteCount: 42) else {
            throw .malformedPublicKey(reason: "the key line is not base64 of a 42-byte minisign key")
        }
        guard decoded.starts(with: Self.algorithm) else {
            throw .unsupportedAlgorithm(MinisignText.algorithmName(decoded.prefix(2)))
        }
        // 32 bytes by the slice bounds, so PublicKey(bytes:) can't refuse them.
        self.publicKey = try! Ed25519.PublicKey(bytes: Array(decoded[10..<42]))
        self.keyId = Array(decoded[2..<10])
    }

    /// `minisign public key <KEY ID>`, as in the first line of the `.pub` file.
    public var description: String { "minisign public key \(keyIdText)" }
}
