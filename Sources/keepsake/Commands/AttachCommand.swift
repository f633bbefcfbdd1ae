import ArgumentParser
import KeepsakeVault

/// `keepsake attach ID FILE…`: adds files to an incident (or any item) later, such as photos
/// of an injury as it heals.
struct AttachCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "attach",
        abstract: "Add photos, screenshots, recordings or documents to an entry you wrote before.",
        discussion: """
            Each file is encrypted into the vault, with its SHA-256 fingerprint recorded so \
            that anyone can later check it was not altered. The original file is left where it \
            is: delete it yourself if it is not safe to keep.
            """)

    @Argument(help: "The entry's id.")
    var id: String

    @Argument(help: ArgumentHelp("The files to attach.", valueName: "file"))
    var files: [String]

    @Option(help: "A few words about the files.")
    var caption: String?

    @OptionGroup var vault: VaultOptions
    @OptionGroup var passphrase: PassphraseOptions

    func validate() throws {
        if files.isEmpty { throw ValidationError("Give at least one file to attach.") }
    }

    func run() throws {
        try CommandRunner.run {
            try AttachFiles.checkReadable(files)
            let opened = try Unlock.vault(vault, passphrase)
            let resolved = try opened.resolve(id)
            let count = try AttachFiles.add(files, to: resolved, in: opened, caption: caption)
            print("Attached \(count) file(s) to \(resolved.short). The originals were left where they are.")
        }
    }
}
