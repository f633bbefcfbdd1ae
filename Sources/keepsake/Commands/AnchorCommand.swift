import ArgumentParser
import Foundation
import KeepsakeCrypto
import KeepsakeStore
import KeepsakeVault

/// `keepsake anchor`: prints the current anchor (signing a checkpoint first when entries were
/// added since the last one), with why and to whom to send it.
struct AnchorCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "anchor",
        abstract: "Print a short code that proves, later, that your record was not changed.",
        discussion: """
            An anchor is a short code that sums up everything in your vault right now. Send it \
            to someone you trust (your advocate, a lawyer, a friend) by text or email. Later, \
            anyone holding it can check that nothing you wrote before today was changed, \
            back-dated or removed, even by someone who got hold of your vault. It reveals nothing \
            of what you wrote.
            """)

    @OptionGroup var vault: VaultOptions
    @OptionGroup var passphrase: PassphraseOptions
    @OptionGroup var output: OutputOptions

    func run() throws {
        try CommandRunner.run {
            let opened = try Unlock.vault(vault, passphrase)
            if let damage = opened.store.issues.first(where: \.isDamage) {
                throw CLIError.integrity("the vault is damaged (\(damage)), so no new anchor can be signed; run `keepsake check`")
            }
            try opened.checkpointIfNeeded()
            guard let head = opened.store.latestCheckpoint else {
                throw CLIError.usage("your vault is empty; write something first (`keepsake log`), then make an anchor")
            }
            let key = opened.store.signingPublicKey
            // Only for the reminder after 30 days: an anchor printed is shown all the same if
            // its date can't be noted (it is not part of what the anchor proves).
            try? opened.store.recordAnchorShared()
            if output.json { return try JSONOutput.print(TreeHeadJSON(head, publicKey: key)) }
            let anchor = PinnedAnchor(head: head, publicKey: key)
            print(anchor.text)
            print("""

                This code sums up the \(head.treeSize) records in your vault as of \
                \(DisplayDate.format(Date(timeIntervalSince1970: Double(head.timestamp) / 1000))), \
                and carries your vault's key fingerprint, \(anchor.keyFingerprint) (the same \
                fingerprint is printed in every bundle you export).
                Send it to someone you trust (your advocate, a lawyer or a friend) by text or \
                email, somewhere the person who harms you can't see. Later, it proves that \
                nothing you wrote before now was changed or removed, and that a bundle was made \
                by your vault and no one else. It reveals nothing of what you wrote.
                """)
        }
    }
}
