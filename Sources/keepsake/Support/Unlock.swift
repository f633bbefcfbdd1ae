import KeepsakeCrypto
import KeepsakeStore
import KeepsakeVault

/// Opens the vault for a command: asks for the passphrase (or recovery code) where the
/// options say, unlocks, and warns about anything found on open.
enum Unlock {
    /// - Parameter readingWillDo: for a command that writes only when it can (export signs a
    ///   checkpoint first when one is missing): a vault that can't be written here opens
    ///   read-only instead of failing.
    static func vault(
        _ vault: VaultOptions, _ passphrase: PassphraseOptions, mode: VaultStore.AccessMode = .readWrite,
        warn: Bool = true, readingWillDo: Bool = false
    ) throws -> Vault {
        if let session = Session.current { return session }
        let path = vault.resolvedPath
        guard Directory.exists(path) else { throw StoreError.noVault(path: path) }
        let prompt = passphrase.recovery ? "Recovery code: " : "Passphrase: "
        let typed = try PassphraseReader.read(prompt: prompt, from: passphrase.source)
        let secret = passphrase.recovery ? RecoveryCode.normalise(typed) : typed
        let kind: KeySlot.Kind = passphrase.recovery ? .recovery : .passphrase
        let opened: Vault
        do {
            opened = try Vault.open(at: path, passphrase: secret, kind: kind, mode: mode)
        } catch {
            // A backup on read-only media, another user's files: what this command needs
            // works without writing.
            guard readingWillDo, case .store(.readOnlyVault) = error else { throw error }
            opened = try Vault.open(at: path, passphrase: secret, kind: kind, mode: .readOnly)
        }
        if opened.store.isRekeyPending {
            // A writer finishes it on open; only a reader can find it pending.
            Terminal.note("note: a re-key stopped part-way; it finishes the next time the vault is opened for writing")
        }
        if warn {
            for issue in opened.store.issues {
                if issue.isDamage {
                    Terminal.warning("\(issue); run `keepsake check` for details")
                } else {
                    Terminal.note("note: \(issue)")
                }
            }
            for (seq, reason) in opened.unreadable {
                Terminal.warning("entry #\(seq) could not be read: \(reason)")
            }
        }
        return opened
    }
}
