import KeepsakeCrypto

/// The X25519 recipient stanza: `-> X25519 <ephemeral share>` and the file key sealed under
/// HKDF-SHA-256(shared secret, salt = share ‖ recipient, info "age-encryption.org/v1/X25519").
enum X25519Stanza {
    /// The stanza type.
    static let type = "X25519"
    private static let label = Array("age-encryption.org/v1/X25519".utf8)

    /// Wraps `fileKey` for `recipient` with a fresh ephemeral key.
    /// - Throws: `AgeError.invalidRecipient` when the recipient is a low-order point (the
    ///   shared secret would be all zeros, which age forbids).
    static func wrap(_ fileKey: FileKey, for recipient: AgeRecipient) throws(AgeError) -> AgeStanza {
        let ephemeral = X25519.PrivateKey()
        let share = ephemeral.publicKey
        let shared: SecureBytes
        do {
            shared = try ephemeral.sharedSecret(with: recipient.publicKey)
        } catch {
            throw .invalidRecipient(reason: "the key is a low-order point, which can't be encrypted to")
        }
        let wrapKey = wrapKey(shared: shared, share: share, recipient: recipient.publicKey)
        return AgeStanza(
            type: type, arguments: [Base64.encode(share.bytes, variant: .originalNoPadding)],
            body: fileKey.sealed(under: wrapKey))
    }

    /// Unwraps the file key from `stanza` with `identity`: nil when the stanza is not an
    /// X25519 one or is addressed to someone else.
    /// - Throws: `AgeError.invalidHeader` for an X25519 stanza that is malformed (not exactly
    ///   one argument, a share that is not canonical base64 of 32 bytes, a body that is not
    ///   32 bytes) or whose share gives an all-zero shared secret.
    static func unwrap(_ stanza: AgeStanza, with identity: AgeIdentity) throws(AgeError) -> FileKey? {
        guard stanza.type == type else { return nil }
        guard stanza.arguments.count == 1 else {
            throw .invalidHeader(reason: "an X25519 stanza has \(stanza.arguments.count) arguments, not 1")
        }
        let shareBytes = try AgeHeader.decodeBase64(
            ArraySlice(stanza.arguments[0].utf8), what: "an X25519 share")
        guard let share = try? X25519.PublicKey(bytes: shareBytes) else {
            throw .invalidHeader(reason: "an X25519 share is \(shareBytes.count) bytes, not 32")
        }
        // Checked before any decryption, against partitioning oracles.
        guard stanza.body.count == FileKey.sealedByteCount else {
            throw .invalidHeader(reason: "an X25519 stanza body is \(stanza.body.count) bytes, not 32")
        }
        let shared: SecureBytes
        do {
            shared = try identity.privateKey.sharedSecret(with: share)
        } catch {
            throw .invalidHeader(reason: "an X25519 share is a low-order point")
        }
        let wrapKey = wrapKey(shared: shared, share: share, recipient: identity.recipient.publicKey)
        return FileKey.opened(stanza.body, under: wrapKey)
    }

    private static func wrapKey(
        shared: SecureBytes, share: X25519.PublicKey, recipient: X25519.PublicKey
    ) -> SymmetricKey {
        // 32 bytes of output: within HKDF's bounds and a key's length, so this can't throw.
        try! SymmetricKey(
            HKDF.deriveKey(
                inputKeyMaterial: shared, salt: share.bytes + recipient.bytes, info: label,
                outputByteCount: SymmetricKey.byteCount))
    }
}
