import ArgumentParser

/// The `keepsake` command: an offline, encrypted vault for a record of abuse, an exit plan and
/// trusted contacts, with sealed bundles for an advocate or lawyer.
@main
struct Keepsake: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "keepsake",
        abstract: "An offline, encrypted vault for your record, your plan and your people.",
        discussion: """
            Keepsake keeps a dated log of incidents, your safety plan and the people you trust, \
            encrypted on this computer. Nothing leaves it unless you export a sealed bundle.

            Start with `keepsake init`, then `keepsake log` whenever something happens.
            """,
        version: KeepsakeVersion.string,
        subcommands: [
            InitCommand.self, LogCommand.self, AmendCommand.self, AttachCommand.self, SaveCommand.self,
            RetractCommand.self, ListCommand.self, ShowCommand.self, SearchCommand.self,
            TimelineCommand.self, PlanCommand.self, ContactsCommand.self, CheckCommand.self, BackupCommand.self, AnchorCommand.self,
            PassphraseCommand.self, RecoveryCommand.self, ShellCommand.self, ExportCommand.self,
        ],
        groupedSubcommands: [
            CommandGroup(
                name: "Recipient (advocate, lawyer)",
                subcommands: [RecipientCommand.self, OpenCommand.self, VerifyCommand.self, DecryptCommand.self])
        ]
    )

    /// Turns core dumps off before anything else runs, then parses and runs the command.
    static func main() {
        ProcessHardening.apply()
        main(nil)
    }
}

/// The program's version, printed by `keepsake --version`.
enum KeepsakeVersion {
    static let string = "0.1.0"
}
