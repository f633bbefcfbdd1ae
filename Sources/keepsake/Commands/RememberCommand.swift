import ArgumentParser
import Foundation
import KeepsakeVault

/// `keepsake remember` (`r` for short, handy in the shell): for when the urge to reach out or
/// go back comes. One unlock, then the owner's letter to themselves, plain facts from their
/// own record, their boundaries, and the people to call instead.
struct RememberCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "remember",
        abstract: "For when the urge comes: your letter, your own record, your boundaries, who to call.",
        discussion: """
            Shows, in this order: the newest letter you wrote to yourself; plain facts from \
            your record (how many incidents and over what time, the most serious ones, the \
            promises that were broken); what you won't accept again; and the people you trust, \
            to call instead (those who know what is happening first), with your region's \
            helpline (KEEPSAKE_REGION). In `keepsake shell`, `r` is enough.
            """,
        aliases: ["r"])

    @OptionGroup var vault: VaultOptions
    @OptionGroup var passphrase: PassphraseOptions
    @OptionGroup var output: OutputOptions

    func run() throws {
        try CommandRunner.run {
            let opened = try Unlock.vault(vault, passphrase, mode: .readOnly)
            let facts = RememberFacts(
                vault: opened, now: Date(), timeZone: .current,
                region: ProcessInfo.processInfo.environment["KEEPSAKE_REGION"])
            if output.json { return try JSONOutput.print(RememberJSON(facts)) }
            for line in RememberText.lines(facts) { print(line) }
        }
    }
}
