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
            ClockWarning.warnIfBehind(opened)
            let item = try opened.add(.incident(incident))
            if let draft { try opened.settleDraft(draft.id) }
            let attached = try AttachFiles.add(files, to: item.id, in: opened)
            if output.json {
                return try JSONOutput.print(ItemJSON(opened.items[item.id]!, withHistory: true))
            }
            print("Saved as \(item.id.short), written down \(DisplayDate.format(item.createdAt)).")
            if attached > 0 { print("Attached \(attached) file(s).") }
            DangerNote.afterSaving(incident, in: opened)
            AnchorReminder.afterSaving(in: opened)
        }
    }
}

/// `keepsake amend ID`: writes a new version of an incident, plan step or contact; the
/// earlier text stays in its history.
struct AmendCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "amend",
        abstract: "Correct or add to an incident, plan step, contact, good day, apology or promise (the earlier version is kept).",
        discussion: """
            Fields you don't give keep their value. On a terminal, each question shows what is \
            saved: press Enter to keep it, type `clear` to remove it, or type the new answer. \
            Plan steps and contacts are amended by their questions.
            """)

    @Argument(help: "The id of the incident, plan step or contact.")
    var id: String

    @OptionGroup var fields: IncidentFields
    @OptionGroup var vault: VaultOptions
    @OptionGroup var passphrase: PassphraseOptions

    func run() throws {
        try CommandRunner.run {
            let opened = try Unlock.vault(vault, passphrase)
            let resolved = try opened.resolve(id)
            guard let item = opened.items[resolved] else {
                throw VaultError.wrongKind(id: id, expected: "incident", actual: "attachment")
            }
            let guided = !fields.anyGiven && Terminal.isInteractive
            let intro = "Each question shows what is saved: press Enter to keep it, type `clear` to remove it, or type the new answer."
            var content = item.current
            switch item.current {
            case .incident(var incident):
                try fields.apply(to: &incident)
                if guided { guard try Question.guided(IncidentQuestions.all, &incident, intro: intro) else { return } }
                content = .incident(incident)
            case .planItem(var step):
                guard guided else { throw CLIError.usage("plan steps are amended on a terminal, by their questions") }
                guard try Question.guided(PlanQuestions.all, &step, intro: intro) else { return }
                content = .planItem(step)
            case .contact(var contact):
                guard guided else { throw CLIError.usage("contacts are amended on a terminal, by their questions") }
                guard try Question.guided(ContactQuestions.all, &contact, intro: intro) else { return }
                content = .contact(contact)
            case .cycle(var moment):
                guard guided else { throw CLIError.usage("good days, apologies and promises are amended on a terminal, by their questions") }
                let questions = CycleQuestions.all(links: CycleQuestions.links(in: opened))
                guard try Question.guided(questions, &moment, intro: intro) else { return }
                content = .cycle(moment)
            case .profile(var profile):
                guard guided else { throw CLIError.usage("your profile is changed on a terminal: `keepsake profile`") }
                guard try Question.guided(ProfileQuestions.all, &profile, intro: intro, askingFirst: false) else { return }
                content = .profile(profile.tidied)
            case .journal(let entry):
                guard guided else { throw CLIError.usage("journal entries are amended with `keepsake journal amend ID`") }
                // A change stopped is kept as a draft; saved here, the draft settled.
                guard let outcome = try GuidedWrite.journalChange(opened, resolved).run(starting: entry) else { return }
                ClockWarning.warnIfBehind(opened)
                return try JournalCommand.save(outcome.content, over: item, in: opened, settling: outcome.draft?.id)
            case .boundary, .letter:
                guard guided else { throw CLIError.usage("boundaries and letters are amended on a terminal, by their questions") }
                if case .letter(let letter) = item.current {
                    // A change stopped is kept as a draft; saved here, the draft settled.
                    guard let outcome = try GuidedWrite.letterChange(opened, resolved).run(starting: letter) else { return }
                    guard try LetterInput.save(outcome, to: resolved, in: opened) else {
                        print("Nothing changed, so nothing was saved.")
                        return
                    }
                    print("Saved a new version of \(resolved.short). `keepsake show \(resolved.short)` shows every version.")
                    return
                }
                guard let changed = try WayOutText.amend(item.current, intro: intro) else { return }
                content = changed
            }
            guard content != item.current else {
                print("Nothing changed, so nothing was saved.")
                return
            }
            ClockWarning.warnIfBehind(opened)
            try opened.revise(resolved, to: content)
            print("Saved a new version of \(resolved.short). `keepsake show \(resolved.short)` shows every version.")
            if case .incident(let incident) = content { DangerNote.afterSaving(incident, in: opened) }
        }
    }
}
