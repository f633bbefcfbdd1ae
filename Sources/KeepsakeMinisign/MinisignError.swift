/// The errors of the minisign module. Each says in plain words what is wrong; none carries a
/// secret or a piece of the signed content.
public enum MinisignError: Error, Equatable, Sendable, CustomStringConvertible {
    /// A file given as a public key or signature is larger than any such file can be.
    case tooLarge(size: Int, limit: Int)
    /// Text given as a public key is not one: `reason` says which part is wrong.
    case malformedPublicKey(reason: String)
    /// Text given as a signature is not one: `reason` says which part is wrong.
    case malformedSignature(reason: String)
    /// The key or signature names an algorithm other than Ed25519 (`Ed`, or `ED` for signatures).
    case unsupportedAlgorithm(String)
    /// A key id was not 8 bytes long.
    case invalidKeyId(byteCount: Int)
    /// A comment to be written can't be: it has a line break or a NUL, or is too long.
    case invalidComment(reason: String)
    /// The signature names another key than the one given (key ids as minisign prints them).
    case keyMismatch(signatureKeyId: String, publicKeyId: String)
    /// The signature does not match the content under the given key.
    case invalidSignature
    /// The signature over the trusted comment does not verify: the comment was altered.
    case trustedCommentAltered
    /// A legacy (`Ed`) signature covers the whole content, which a streamed digest can't check.
    case legacySignatureNeedsContent

    /// The error in one line of plain words, fit to show the person at the keyboard.
    public var description: String {
        switch self {
        case let .tooLarge(size, limit):
            return "the file is too large to be a minisign key or signature (\(size) bytes, limit \(limit))"
        case let .malformedPublicKey(reason):
            return "this is not a minisign public key: \(reason)"
        case let .malformedSignature(reason):
            return "this is not a minisign signature file: \(reason)"
        case let .unsupportedAlgorithm(name):
            return "unsupported signature algorithm \"\(name)\": only Ed25519 (ED, or legacy Ed) is known"
        case let .invalidKeyId(count):
            return "a minisign key id must be 8 bytes, got \(count)"
        case let .invalidComment(reason):
            return "the comment can't be written: \(reason)"
        case let .keyMismatch(signatureKeyId, publicKeyId):
            return "this signature was made by another key (key id \(signatureKeyId)), not by the key given (key id \(publicKeyId))"
        case .invalidSignature:
            return "the signature does not match: the file was changed, or the signature is damaged"
        case .trustedCommentAltered:
            return "the trusted comment was changed after signing, or the signature is damaged"
        case .legacySignatureNeedsContent:
            return "this is a legacy (not prehashed) signature: it can be checked only against the whole file, not a streamed hash"
        }
    }
}
