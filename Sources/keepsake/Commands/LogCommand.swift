import ArgumentParser
import Foundation
import KeepsakeVault

/// `keepsake log`: writes down an incident. On a terminal it asks for each field in turn;
/// flags fill the fields for scripts.
struct LogCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "log",
        abstract: "Write down what happened.",
        discussion: """
            On a terminal, Keepsake asks one question at a time; press Enter to skip any of them. \
            The time you write it down is recorded automatically: a record made while memory is \
            fresh carries weight. You can add to it later with `keepsake amend ID` and \
            `keepsake attach ID FILE`, and nothing you wrote before is ever lost.
            """)

    @OptionGroup var fields: IncidentFields

    @Option(help: ArgumentHelp("A photo, screenshot, recording or document to attach (repeat for each).", valueName: "file"))
    var attach: [String] = []

    @OptionGroup var vault: VaultOptions
    @OptionGroup var passphrase: PassphraseOptions
    @OptionGroup var output: OutputOptions

    func run() throws {
        try CommandRunner.run {
            var incident = Incident()
            try fields.apply(to: &incident)
            try AttachFiles.checkReadable(attach)
            let opened = try Unlock.vault(vault, passphrase)
            var files = attach
            var draft: Draft?
            if !fields.anyGiven && Terminal.isInteractive {
                guard let outcome = try GuidedLog(vault: opened).run(starting: incident) else { return }
                (incident, draft) = (outcome.incident, outcome.draft)
                files += outcome.files
            }
            let item = try opened.add(.incident(incident))
            if let draft { try opened.settleDraft(draft.id) }
            let attached = try AttachFiles.add(files, to: item.id, in: opened)
            if output.json {
                return try JSONOutput.print(ItemJSON(opened.items[item.id]!, withHistory: true))
            }
            print("Saved as \(item.id.short), written down \(DisplayDate.format(item.createdAt)).")
            if attached > 0 { print("Attached \(attached) file(s).") }
        }
    }
}

/// `keepsake amend ID`: writes a new version of an incident (or plan step); the earlier text
/// stays in its history.
struct AmendCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "amend",
        abstract: "Correct or add to an incident you wrote before (the earlier version is kept).",
        discussion: "Fields you don't give keep their value. On a terminal, each question shows what you wrote before.")

    @Argument(help: "The incident's id.")
    var id: String

    @OptionGroup var fields: IncidentFields
    @OptionGroup var vault: VaultOptions
    @OptionGroup var passphrase: PassphraseOptions

    func run() throws {
        try CommandRunner.run {
            let opened = try Unlock.vault(vault, passphrase)
            let resolved = try opened.resolve(id)
            guard let item = opened.items[resolved], var incident = item.current.incident else {
                throw VaultError.wrongKind(id: id, expected: "incident", actual: opened.item(owning: resolved)?.current.kindName ?? "attachment")
            }
            try fields.apply(to: &incident)
            if !fields.anyGiven && Terminal.isInteractive {
                let prompter = Prompter()
                print("Each question shows what is saved: press Enter to keep it, type `clear` to remove it, or type the new answer.\n")
                do {
                    try IncidentQuestion.askAll(&incident, prompter)
                    try IncidentQuestion.review(&incident, prompter)
                } catch QuestionStop.interrupted {
                    print("\nStopped. Nothing was changed.")
                    return
                }
            }
            guard .incident(incident) != item.current else {
                print("Nothing changed, so nothing was saved.")
                return
            }
            try opened.revise(resolved, to: .incident(incident))
            print("Saved a new version of \(resolved.short). `keepsake show \(resolved.short)` shows every version.")
        }
    }
}
