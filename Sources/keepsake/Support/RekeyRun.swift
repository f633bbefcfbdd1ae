import KeepsakeStore
import KeepsakeVault

/// `--rekey` on `passphrase change` and `recovery new`: runs the re-key with a progress line
/// (frames and bytes, on standard error, only on a terminal) and says what it took back.
enum RekeyRun {
    /// Re-keys `vault` with `change`; returns who can open it now.
    static func run(_ vault: Vault, _ change: KeyChange) throws -> KeyHolders {
        let progress = ProgressLine(label: "Re-locking everything")
        let outcome = try vault.rekey(change) { state in
            progress.update(done: state.bytesDone, total: state.byteCount, detail: detail(state))
        }
        progress.finish()
        for (fileName, error) in outcome.unreadable {
            Terminal.warning("attached file \(fileName) could not be read, so it was left as it was: \(error); run `keepsake check`")
        }
        return outcome.holders
    }

    /// "1,200 of 10,000 entries, 3.1 of 256.0 MiB".
    static func detail(_ state: RekeyProgress) -> String {
        "\(state.framesDone) of \(state.frameCount) entries, \(mebibytes(state.bytesDone)) of \(mebibytes(state.byteCount)) MiB"
    }

    private static func mebibytes(_ bytes: UInt64) -> String {
        let tenths = (bytes * 10 + (1 << 19)) >> 20
        return "\(tenths / 10).\(tenths % 10)"
    }

    /// What a re-key takes back and what it can't.
    static func explain() {
        print("Everything in the vault is now locked with new keys: every entry, draft, check-in and attached")
        print("file. The old passphrase (or an old recovery code), even with a copy of the vault's key file made")
        print("before, opens nothing in this vault any more. Copies someone already took of the vault's files")
        print("before today still open with the old passphrase: a re-key can't take those back.")
        print("Anchors you shared before still check out: your entries and their fingerprints are unchanged.")
    }
}
