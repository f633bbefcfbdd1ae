import ArgumentParser
import KeepsakeVault

/// `keepsake search TEXT`: finds entries containing the words, in memory.
struct SearchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "search",
        abstract: "Find entries that contain some words (ignoring capitals and accents).",
        discussion: """
            The search happens in memory, on the decrypted entries; nothing is written to disk. \
            Your journal is searched on its own, with `keepsake journal search`.
            """)

    @Argument(help: "The words to look for.")
    var text: String

    @OptionGroup var vault: VaultOptions
    @OptionGroup var passphrase: PassphraseOptions
    @OptionGroup var output: OutputOptions

    func run() throws {
        try CommandRunner.run {
            let opened = try Unlock.vault(vault, passphrase, mode: .readOnly)
            // The journal is kept apart: `journal search` looks in it.
            let found = opened.search(text).filter { $0.current.journal == nil }
            if output.json {
                try JSONOutput.print(found.map { ItemJSON($0) })
                return
            }
            if found.isEmpty { print("No entry contains that.") }
            for item in found { print(Summary.line(item)) }
        }
    }
}
