import ArgumentParser
import KeepsakeStore
import KeepsakeVault

/// `keepsake backup DEST`: copies the vault, fsyncs it, then proves the copy opens.
struct BackupCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "backup",
        abstract: "Copy your vault to another folder (a USB stick, say), and check the copy.",
        discussion: """
            The copy is as encrypted as the vault: the same passphrase opens it, and it says \
            nothing about what it holds. Keep it somewhere the person who harms you can't reach. \
            DEST must be a new or empty folder.
            """)

    @Argument(help: ArgumentHelp("The folder to copy the vault into (new or empty).", valueName: "dest"))
    var destination: String

    @OptionGroup var vault: VaultOptions
    @OptionGroup var passphrase: PassphraseOptions

    func run() throws {
        try CommandRunner.run {
            let opened = try Unlock.vault(vault, passphrase, mode: .readOnly)
            let report = try opened.store.backup(to: destination)
            let size = report.byteCount >= 1 << 20 ? "\(report.byteCount >> 20) MiB" : "\(report.byteCount >> 10) KiB"
            print("Copied to \(destination) and checked: \(report.recordCount) records and \(report.attachmentCount) attached file(s), \(size).")
            print("Your passphrase opens the copy: `keepsake list --vault \(destination)`.")
            if !report.modesKept {
                Terminal.note(
                    "note: this disk (FAT or exFAT, as most USB sticks are) can't keep the copy's files private to you: "
                        + "anyone who can read the disk can copy them. They stay as encrypted as your vault.")
            }
        }
    }
}
