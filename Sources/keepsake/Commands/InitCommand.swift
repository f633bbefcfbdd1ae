import ArgumentParser
import KeepsakeCrypto
import KeepsakeStore
import KeepsakeVault

/// `keepsake init`: creates a new, empty vault protected by a passphrase.
struct InitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Create a new vault, protected by a passphrase you choose.",
        discussion: """
            Choose a passphrase that nobody could guess, and that you will remember: several \
            random words work well. Without it (or a recovery code, see `keepsake recovery new`) \
            nobody can open the vault, not even you.
            """)

    @OptionGroup var vault: VaultOptions
    @OptionGroup var passphrase: PassphraseOptions

    @OptionGroup var kdf: KDFOptions

    func run() throws {
        try CommandRunner.run {
            let path = vault.resolvedPath
            let parameters = kdf.parameters
            kdf.warnIfCheaperThanDefault()
            let secret = try NewPassphrase.read(from: passphrase.source)
            let created = try Vault.create(at: path, passphrase: secret, parameters: parameters)
            created.store.close()
            print("Your vault is ready at \(path).")
            print("Next: `keepsake log` to write down what happened, `keepsake plan template` to start a safety plan.")
            print("Tip: `keepsake recovery new` prints a recovery code, so a forgotten passphrase does not lock you out.")
        }
    }
}

/// Reads a new passphrase: twice on a terminal (they must match), once from a script, and
/// checks it is not too short or too common.
enum NewPassphrase {
    static func read(from source: PassphraseReader.Source, prompt: String = "New passphrase: ") throws -> Passphrase {
        let first = try PassphraseReader.read(prompt: prompt, from: source)
        try PassphrasePolicy.check(first)
        if PassphraseReader.isTyped(source) {
            let second = try PassphraseReader.read(prompt: "Type it again: ", from: source)
            guard first.secret == second.secret else { throw CLIError.passphrasesDoNotMatch }
        }
        return first
    }
}
