import KeepsakeCrypto

/// Makes prehashed (`ED`) minisign signatures with an Ed25519 key, exactly as
/// `minisign -S` does, so that stock `minisign -V` accepts them.
///
/// Sign content in memory with `sign(_:trustedComment:untrustedComment:)`, or feed a large file
/// to a `MinisignHasher` chunk by chunk and sign its digest.
public struct MinisignSigner: Sendable {
    /// The untrusted comment minisign writes when given none.
    public static let defaultUntrustedComment = "signature from minisign secret key"
    /// Longest trusted comment, in UTF-8 bytes, that stock minisign reads back (8,173).
    public static let maximumTrustedCommentByteCount = MinisignText.trustedCommentLimit
    /// Longest untrusted comment, in UTF-8 bytes, that stock minisign reads back (1,003).
    public static let maximumUntrustedCommentByteCount = MinisignText.untrustedCommentLimit

    private let signingKey: Ed25519.PrivateKey
    /// The key that verifies this signer's signatures; publish its `fileText()`.
    public let publicKey: MinisignPublicKey

    /// A signer whose key id is derived from the key (`MinisignPublicKey.derivedKeyId`).
    public init(signingKey: Ed25519.PrivateKey) {
        self.signingKey = signingKey
        publicKey = MinisignPublicKey(signingKey: signingKey)
    }

    /// A signer that writes the given key id into its signatures.
    /// - Throws: `invalidKeyId` unless `keyId` is 8 bytes.
    public init(signingKey: Ed25519.PrivateKey, keyId: [UInt8]) throws(MinisignError) {
        self.signingKey = signingKey
        publicKey = try MinisignPublicKey(signingKey: signingKey, keyId: keyId)
    }

    /// Signs content held in memory.
    /// - Parameters:
    ///   - trustedComment: one line that the signature covers (minisign's default is
    ///     `timestamp:<seconds>\tfile:<name>\thashed`); shown by `minisign -V`.
    ///   - untrustedComment: one line that nothing covers.
    /// - Throws: `invalidComment` if a comment has a CR, LF or NUL, or is too long.
    public func sign(
        _ content: [UInt8], trustedComment: String,
        untrustedComment: String = MinisignSigner.defaultUntrustedComment
    ) throws(MinisignError) -> MinisignSignature {
        try sign(digest: MinisignDigest(of: content), trustedComment: trustedComment, untrustedComment: untrustedComment)
    }

    /// Signs content that was fed to a hasher; the hasher is used up.
    /// - Throws: as `sign(_:trustedComment:untrustedComment:)`.
    public func sign(
        _ hasher: consuming MinisignHasher, trustedComment: String,
        untrustedComment: String = MinisignSigner.defaultUntrustedComment
    ) throws(MinisignError) -> MinisignSignature {
        try sign(digest: hasher.finalize(), trustedComment: trustedComment, untrustedComment: untrustedComment)
    }

    /// Signs the digest of content that was hashed as a stream.
    /// - Throws: as `sign(_:trustedComment:untrustedComment:)`.
    public func sign(
        digest: MinisignDigest, trustedComment: String,
        untrustedComment: String = MinisignSigner.defaultUntrustedComment
    ) throws(MinisignError) -> MinisignSignature {
        try MinisignText.checkComment(
            trustedComment, limit: MinisignText.trustedCommentLimit, what: "trusted comment")
        try MinisignText.checkComment(
            untrustedComment, limit: MinisignText.untrustedCommentLimit, what: "untrusted comment")
        let signature = signingKey.signature(for: digest.bytes)
        let globalSignature = signingKey.signature(for: signature + Array(trustedComment.utf8))
        return MinisignSignature(
            algorithm: .prehashed, keyId: publicKey.keyId, signature: signature,
            untrustedComment: untrustedComment, trustedComment: trustedComment,
            globalSignature: globalSignature)
    }
}
