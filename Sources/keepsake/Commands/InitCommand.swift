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

    @Option(help: ArgumentHelp(
        "Your country, for its national helpline, kept as a contact you can change (\(Hotlines.regions.joined(separator: ", "))).",
        valueName: "code"))
    var region: String?

    func validate() throws {
        if let region, Hotlines.forRegion(region) == nil {
            throw ValidationError("there is no built-in helpline for \"\(region)\"; use one of \(Hotlines.regions.joined(separator: ", ")), or leave --region out and add your own with `keepsake contacts add`.")
        }
    }

    func run() throws {
        try CommandRunner.run {
            let path = vault.resolvedPath
            // Said before any passphrase is asked for.
            if let existing = Directory.entries(path), !existing.isEmpty { throw StoreError.alreadyExists(path: path) }
            let parameters = kdf.parameters
            kdf.warnIfCheaperThanDefault()
            let secret = try NewPassphrase.read(from: passphrase.source)
            let created = try Vault.create(at: path, passphrase: secret, parameters: parameters)
            var region = region
            if region == nil, Terminal.isInteractive { region = try? askRegion() }
            if let hotline = region.flatMap(Hotlines.forRegion) {
                try created.add(.contact(Contact(
                    name: hotline.name, role: .hotline, phone: hotline.phone, notes: "\(hotline.hours); from \(hotline.source)")))
            }
            try created.close()
            if let hotline = region.flatMap(Hotlines.forRegion) {
                print("Kept \(hotline.name) (\(hotline.phone)) as a contact; `keepsake amend ID` changes it.")
            }
            print("Your vault is ready at \(path).")
            print("Next: `keepsake log` to write down what happened, `keepsake plan template` to start a safety plan.")
            print("Tip: `keepsake recovery new` prints a recovery code, so a forgotten passphrase does not lock you out.")
        }
    }
}

extension InitCommand {
    /// "Which country are you in?", for its national helpline; nil when skipped.
    func askRegion() throws(QuestionStop) -> String? {
        let prompter = Prompter()
        guard let answer = try prompter.text(
            "Which country are you in? Its national helpline is then kept as one of your contacts.",
            hint: "\(Hotlines.regions.joined(separator: ", ")); Enter to skip", current: nil)
        else { return nil }
        if Hotlines.forRegion(answer) != nil { return answer }
        prompter.note("There is no built-in helpline for that one; `keepsake contacts add` keeps your local number.")
        return nil
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
