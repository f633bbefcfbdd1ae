import KeepsakeCrypto

/// A detached minisign signature: the `.minisig` file `minisign -S` writes and `minisign -V`
/// checks. Four lines:
///
///     untrusted comment: <text nobody vouches for>
///     base64(algorithm ‖ key id ‖ Ed25519 signature of the content)
///     trusted comment: <text covered by the global signature>
///     base64(Ed25519 signature of (content signature ‖ trusted comment))
///
/// The algorithm is `ED` (the signature covers the 64-byte BLAKE2b hash of the content, the
/// default since minisign 0.10, and the only kind Keepsake makes) or legacy `Ed` (it covers
/// the raw content; still verified, since minisign 0.11 still accepts it).
public struct MinisignSignature: Sendable, Equatable {
    /// What the content signature covers.
    public enum Algorithm: Sendable, Equatable {
        /// `ED`: the BLAKE2b-512 hash of the content.
        case prehashed
        /// `Ed`: the content itself (minisign before 0.10, or `minisign -S -l`).
        case legacy

        /// The two bytes at the start of the signature line's payload.
        var tag: [UInt8] { Array((self == .prehashed ? "ED" : "Ed").utf8) }
    }

    /// Which kind of signature this is.
    public let algorithm: Algorithm
    /// The key id of the key that made it (8 bytes, as stored).
    public let keyId: [UInt8]
    /// The Ed25519 signature of the content (or of its hash, when prehashed).
    public let signature: [UInt8]
    /// The first line's text: anyone could have changed it, so never show it as vouched for.
    public let untrustedComment: String
    /// The third line's text; public only through `verify`, which checks it first.
    let trustedComment: String
    /// The Ed25519 signature of `signature` ‖ the trusted comment's UTF-8 bytes.
    public let globalSignature: [UInt8]

    init(
        algorithm: Algorithm, keyId: [UInt8], signature: [UInt8], untrustedComment: String,
        trustedComment: String, globalSignature: [UInt8]
    ) {
        self.algorithm = algorithm
        self.keyId = keyId
        self.signature = signature
        self.untrustedComment = untrustedComment
        self.trustedComment = trustedComment
        self.globalSignature = globalSignature
    }

    /// The key id as minisign prints it (16 upper-case hex digits, little-endian).
    public var keyIdText: String { MinisignText.keyIdText(keyId) }

    /// The `.minisig` file, byte for byte in minisign's layout (four lines, each ending in LF).
    public var fileText: String {
        let signatureLine = Base64.encode(algorithm.tag + keyId + signature, variant: .original)
        let globalLine = Base64.encode(globalSignature, variant: .original)
        return "untrusted comment: \(untrustedComment)\n\(signatureLine)\n"
            + "trusted comment: \(trustedComment)\n\(globalLine)\n"
    }

    // MARK: Verification

    /// Checks the signature against content held in memory, as `minisign -V` does: the key id,
    /// then the content signature, then the global signature over the trusted comment.
    /// - Returns: the trusted comment, now vouched for by the key.
    /// - Throws: `keyMismatch`, `invalidSignature` or `trustedCommentAltered`.
    @discardableResult
    public func verify(content: [UInt8], publicKey: MinisignPublicKey) throws(MinisignError) -> String {
        switch algorithm {
        case .prehashed:
            return try verify(digest: MinisignDigest(of: content), publicKey: publicKey)
        case .legacy:
            return try verify(signedMessage: content, publicKey: publicKey)
        }
    }

    /// Checks the signature against the digest of content that was hashed as a stream.
    /// - Returns: the trusted comment, now vouched for by the key.
    /// - Throws: `keyMismatch`, `invalidSignature` or `trustedCommentAltered`;
    ///   `legacySignatureNeedsContent` for an `Ed` signature, which needs the content itself.
    @discardableResult
    public func verify(digest: MinisignDigest, publicKey: MinisignPublicKey) throws(MinisignError) -> String {
        try checkKeyId(publicKey)
        guard algorithm == .prehashed else { throw .legacySignatureNeedsContent }
        return try verify(signedMessage: digest.bytes, publicKey: publicKey)
    }

    /// Checks the signature against the content a hasher was fed; the hasher is used up.
    /// - Returns: the trusted comment, now vouched for by the key.
    /// - Throws: as `verify(digest:publicKey:)`.
    @discardableResult
    public func verify(
        _ hasher: consuming MinisignHasher, publicKey: MinisignPublicKey
    ) throws(MinisignError) -> String {
        try verify(digest: hasher.finalize(), publicKey: publicKey)
    }

    private func checkKeyId(_ publicKey: MinisignPublicKey) throws(MinisignError) {
        guard keyId == publicKey.keyId else {
            throw .keyMismatch(signatureKeyId: keyIdText, publicKeyId: publicKey.keyIdText)
        }
    }

    /// `message` is what the content signature covers: the digest, or the legacy content.
    private func verify(signedMessage message: [UInt8], publicKey: MinisignPublicKey) throws(MinisignError) -> String {
        try checkKeyId(publicKey)
        guard publicKey.publicKey.isValidSignature(signature, for: message) else {
            throw .invalidSignature
        }
        guard publicKey.publicKey.isValidSignature(
            globalSignature, for: signature + Array(trustedComment.utf8))
        else { throw .trustedCommentAltered }
        return trustedComment
    }
}
