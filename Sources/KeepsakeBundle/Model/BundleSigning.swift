import KeepsakeCrypto
import KeepsakeMinisign

/// The bundle's minisign signature over `manifest.json`, by the vault's Ed25519 key (the key
/// that signs its tree heads), with a trusted comment naming the vault, the tree size and the
/// export time. Stock `minisign -V -p keepsake-vault.pub -m manifest.json` checks it.
enum BundleSigning {
    /// Who signed, as verification found.
    struct Signer: Equatable {
        var keyId: String
        var publicKey: [UInt8]
        var trustedComment: String
    }

    /// The `.pub` file of the vault's key, and its key id as minisign prints it.
    static func publicKeyFile(_ publicKey: Ed25519.PublicKey) -> (text: String, keyId: String) {
        // The derived key id is always 8 bytes, so this cannot fail.
        let key = try! MinisignPublicKey(publicKey: publicKey, keyId: MinisignPublicKey.derivedKeyId(for: publicKey))
        let text = (try? key.fileText(untrustedComment: "Keepsake vault key \(key.keyIdText)")) ?? key.base64Line + "\n"
        return (text, key.keyIdText)
    }

    /// The `.minisig` text for `manifest`.
    static func sign(
        _ manifest: [UInt8], key: Ed25519.PrivateKey, vaultId: [UInt8], treeSize: UInt64, exportedAt: String
    ) throws -> String {
        let signer = try MinisignSigner(signingKey: key, keyId: MinisignPublicKey.derivedKeyId(for: key.publicKey))
        let comment = "keepsake bundle; vault \(HexText.string(vaultId)); tree size \(treeSize); exported \(exportedAt)"
        return try signer.sign(manifest, trustedComment: comment, untrustedComment: "signature from a Keepsake vault").fileText
    }

    /// Checks the signature; on success returns the signer and the trusted comment.
    static func verify(_ manifest: [UInt8], signature: String, publicKeyFile: String) -> Result<Signer, MinisignError> {
        do {
            let key = try MinisignPublicKey(parsing: publicKeyFile)
            let parsed = try MinisignSignature(parsing: signature)
            let comment = try parsed.verify(content: manifest, publicKey: key)
            let shown = String(comment.unicodeScalars.map { $0.value < 0x20 || $0.value == 0x7F ? "?" : Character($0) })
            return .success(Signer(keyId: key.keyIdText, publicKey: key.publicKey.bytes, trustedComment: shown))
        } catch {
            return .failure(error)
        }
    }
}
