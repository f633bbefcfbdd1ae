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
            """,
        version: KeepsakeVersion.string
    )
}

/// The program's version, printed by `keepsake --version`.
enum KeepsakeVersion {
    static let string = "0.1.0"
}
