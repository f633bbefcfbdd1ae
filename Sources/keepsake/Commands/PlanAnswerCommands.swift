import ArgumentParser
import Foundation
import KeepsakeVault

extension PlanCommand {
    /// `keepsake plan answer ID`: the owner's own answer to a step, asked on a terminal (never
    /// on the command line, where shell history would keep a code word).
    struct Answer: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "answer",
            abstract: "Write your own answer to a step (a code word, a room, a person), or change it.",
            discussion: "Asked on a terminal so it never sits in your shell history. Each change is kept as a new version, as with `amend`.")

        @Argument(help: "The step's id (`keepsake plan` shows them).")
        var id: String

        @Flag(help: "Remove the answer (the earlier versions stay in the step's history).")
        var clear = false

        @OptionGroup var vault: VaultOptions
        @OptionGroup var passphrase: PassphraseOptions

        func run() throws {
            try CommandRunner.run {
                guard clear || Terminal.isInteractive else {
                    throw CLIError.usage("run `keepsake plan answer ID` on a terminal to be asked; answers are never taken from the command line")
                }
                let opened = try Unlock.vault(vault, passphrase)
                let (resolved, original) = try PlanCommand.step(id, in: opened)
                var step = original
                if clear {
                    guard step.isAnswered else { return print("That step has no answer to remove.") }
                    step.answer = nil
                    step.answerContact = nil
                } else {
                    let question = PlanAnswerQuestion.question(for: step, contacts: PlanCommand.contactChoices(opened))
                    guard try Question.guided([question], &step, intro: "Your plan, in your own words.") else { return }
                }
                guard step != original else { return print("Nothing changed.") }
                try opened.revise(resolved, to: .planItem(step))
                print(step.isAnswered ? "Saved your answer. `keepsake plan` shows it beside the step." : "Removed the answer.")
            }
        }
    }

    /// `keepsake plan hide PHASE`: a phase that does not apply is left out of the plan.
    struct Hide: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "hide", abstract: "Leave a whole phase that does not apply to you out of your plan.")

        @Argument(help: "The phase, as `keepsake plan` names it in words joined by hyphens (alcohol-or-drugs).")
        var phase: PlanPhase

        @OptionGroup var vault: VaultOptions
        @OptionGroup var passphrase: PassphraseOptions

        func run() throws {
            try CommandRunner.run {
                let opened = try Unlock.vault(vault, passphrase)
                guard PlanCommand.hidingRecord(phase, in: opened) == nil else { return print("That phase is already hidden.") }
                let record = PlanItem(
                    category: phase.category, title: "Hidden: \(phase.label)", phase: phase, hidesPhase: phase)
                try opened.add(.planItem(record))
                print("Hid \(phase.label). `keepsake plan unhide \(phase.argumentName)` shows it again; its steps are kept.")
            }
        }
    }

    /// `keepsake plan unhide PHASE`: shows a hidden phase again.
    struct Unhide: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "unhide", abstract: "Show a hidden phase again.")

        @Argument(help: "The phase (alcohol-or-drugs).")
        var phase: PlanPhase

        @OptionGroup var vault: VaultOptions
        @OptionGroup var passphrase: PassphraseOptions

        func run() throws {
            try CommandRunner.run {
                let opened = try Unlock.vault(vault, passphrase)
                guard let record = PlanCommand.hidingRecord(phase, in: opened) else { return print("That phase is not hidden.") }
                try opened.retract(record, reason: "shown again")
                print("\(phase.label) is back in your plan.")
            }
        }
    }

    /// The plan step an id names.
    /// - Throws: `VaultError.wrongKind` when it names something else.
    static func step(_ id: String, in opened: Vault) throws -> (EntryID, PlanItem) {
        let resolved = try opened.resolve(id)
        guard let item = opened.items[resolved], let step = item.current.planItem, step.hidesPhase == nil else {
            throw VaultError.wrongKind(id: id, expected: "plan step", actual: opened.item(owning: resolved)?.current.kindName ?? "attachment")
        }
        return (resolved, step)
    }

    /// The record that hides `phase`, if it is hidden.
    static func hidingRecord(_ phase: PlanPhase, in opened: Vault) -> EntryID? {
        opened.current(.planItem).first { $0.current.planItem?.hidesPhase == phase }?.id
    }

    /// The vault's contacts as an answer shows them, by full id.
    static func contactChoices(_ opened: Vault) -> [PlanAnswerQuestion.Choice] {
        opened.current(.contact).compactMap { item in
            guard let c = item.current.contact else { return nil }
            let label = ["\(c.name) (\(c.role.rawValue))", c.phone].compactMap { $0 }.joined(separator: " ")
            return PlanAnswerQuestion.Choice(id: item.id.rawValue, label: label)
        }
    }

    /// Whether an incident in the vault records technology abuse, tracking or stalking (the
    /// plan's warnings then say more).
    static func recordMentionsTracking(_ opened: Vault) -> Bool {
        opened.current(.incident).contains { item in
            guard let incident = item.current.incident else { return false }
            return !(incident.technology ?? "").isEmpty
                || incident.kinds.contains(.technology) || incident.kinds.contains(.stalking)
        }
    }
}
