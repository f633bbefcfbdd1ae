import KeepsakeCrypto

extension MinisignSignature {
    /// Longest `.minisig` file accepted: the four lines at the longest minisign reads, each
    /// with CRLF. Checked before anything else is done with the input.
    public static let maximumFileByteCount =
        MinisignText.untrustedPrefix.count + MinisignText.untrustedCommentLimit + 2
        + signatureLineLength + 2
        + MinisignText.trustedPrefix.count + MinisignText.trustedCommentLimit + 2
        + globalSignatureLineLength + 2
    /// Length of the second line: 74 bytes (algorithm, key id, signature) in base64.
    static let signatureLineLength = 100
    /// Length of the fourth line: 64 bytes in base64.
    static let globalSignatureLineLength = 88

    /// Reads a `.minisig` file. Strict: exactly four lines (LF or CRLF, final newline optional,
    /// nothing after), the two comment prefixes, UTF-8 comments no longer than minisign reads,
    /// and canonical padded base64 of exactly 74 and 64 bytes. Nothing is verified here.
    /// - Throws: `tooLarge` beyond `maximumFileByteCount`; `malformedSignature` naming the
    ///   first part that is wrong; `unsupportedAlgorithm` unless tagged `ED` or `Ed`.
    public init(parsing text: String) throws(MinisignError) {
        try self.init(parsing: Array(text.utf8))
    }

    /// Reads a `.minisig` file from its bytes; see `init(parsing:)`.
    /// - Throws: as `init(parsing:)` for a string.
    public init(parsing bytes: [UInt8]) throws(MinisignError) {
        guard bytes.count <= Self.maximumFileByteCount else {
            throw .tooLarge(size: bytes.count, limit: Self.maximumFileByteCount)
        }
        guard let lines = MinisignText.lines(bytes) else {
            throw .malformedSignature(reason: "it has a stray carriage return or NUL byte")
        }
        guard lines.count >= 4 else {
            throw .malformedSignature(reason: "it has \(lines.count) of its 4 lines; it may be truncated")
        }
        guard lines.count == 4 else {
            throw .malformedSignature(reason: "it has text after the fourth line")
        }

        guard let untrusted = MinisignText.text(after: MinisignText.untrustedPrefix, in: lines[0]) else {
            throw .malformedSignature(reason: "the first line must be \"untrusted comment: \" and UTF-8 text")
        }
        guard untrusted.utf8.count <= MinisignText.untrustedCommentLimit else {
            throw .malformedSignature(reason: "the untrusted comment is longer than minisign reads")
        }

        guard let payload = MinisignText.decode(lines[1], byteCount: 74) else {
            throw .malformedSignature(reason: "the second line is not base64 of a 74-byte signature")
        }
        let tag = Array(payload.prefix(2))
        let algorithm: Algorithm
        if tag == Algorithm.prehashed.tag {
            algorithm = .prehashed
        } else if tag == Algorithm.legacy.tag {
            algorithm = .legacy
        } else {
            throw .unsupportedAlgorithm(MinisignText.algorithmName(tag[...]))
        }

        guard let trusted = MinisignText.text(after: MinisignText.trustedPrefix, in: lines[2]) else {
            throw .malformedSignature(reason: "the third line must be \"trusted comment: \" and UTF-8 text")
        }
        guard trusted.utf8.count <= MinisignText.trustedCommentLimit else {
            throw .malformedSignature(reason: "the trusted comment is longer than minisign reads")
        }

        guard let global = MinisignText.decode(lines[3], byteCount: Ed25519.signatureByteCount) else {
            throw .malformedSignature(reason: "the fourth line is not base64 of a 64-byte signature")
        }

        self.init(
            algorithm: algorithm, keyId: Array(payload[2..<10]), signature: Array(payload[10..<74]),
            untrustedComment: untrusted, trustedComment: trusted, globalSignature: global)
    }
}
