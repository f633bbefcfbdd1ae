import ArgumentParser
import KeepsakeVault

/// `keepsake retract ID`: hides an entry or attachment from views; its history stays.
struct RetractCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "retract",
        abstract: "Hide an entry or an attachment (for example one logged by mistake).",
        discussion: """
            Nothing is ever erased: the entry stays in the vault's history, marked as retracted, \
            so the record stays trustworthy. It no longer appears in lists, and a bundle you \
            export shows none of its content unless you export with --history: it only says \
            that an incident was retracted, when, and the reason if you gave one.
            """)

    @Argument(help: "The id of the entry or attachment.")
    var id: String

    @Option(help: "Why, in your own words (optional; a bundle you export shows it).")
    var reason: String?

    @OptionGroup var vault: VaultOptions
    @OptionGroup var passphrase: PassphraseOptions

    func run() throws {
        try CommandRunner.run {
            let opened = try Unlock.vault(vault, passphrase)
            let resolved = try opened.resolve(id)
            try opened.retract(resolved, reason: reason)
            print("Retracted \(resolved.short). `keepsake show \(resolved.short)` still shows its history.")
        }
    }
}
