import Foundation
import KeepsakeVault

/// The guided `keepsake log` on a terminal: offers a kept draft, asks every question, shows
/// the entry for review, and keeps what was typed as an encrypted draft when the questions
/// are stopped (Ctrl-C, or the shell's idle lock).
struct GuidedLog {
    /// What the owner decided: the incident and files to save, or nothing.
    struct Outcome {
        var incident: Incident
        var files: [String]
        /// The draft it came from, settled once the incident is saved.
        var draft: Draft?
    }

    let vault: Vault
    let prompter = Prompter()

    /// Asks, reviews, and returns what to save; nil when nothing is to be saved (what
    /// happened was already said on the terminal).
    /// - Throws: `QuestionStop.idle` after keeping the draft (the shell then locks),
    ///   `VaultError` when a draft can't be written.
    func run(starting start: Incident) throws -> Outcome? {
        prompter.input.catchInterrupts()
        defer { prompter.input.releaseInterrupts() }
        var incident = start
        var resumed: Draft?
        do {
            if let draft = vault.drafts.last {
                print("You have an unfinished entry, kept \(DisplayDate.format(draft.writtenAt)).")
                if try prompter.confirm("Do you want to carry on with it?", orElse: true) {
                    incident = draft.incident
                    resumed = draft
                    print("Each question shows what you typed before; press Enter to keep it.\n")
                } else if try prompter.confirm("Throw that draft away?", orElse: false) {
                    try vault.settleDraft(draft.id)
                    print("The draft was thrown away.\n")
                } else {
                    print("The draft is kept for another time.\n")
                }
            }
            if resumed == nil {
                print("Let's write it down. Press Enter to skip any question; Ctrl-D ends an answer.\n")
            }
            try Question.askAll(IncidentQuestions.all, &incident, prompter)
            try Question.review(IncidentQuestions.all, &incident, prompter)
            let files = try AttachFiles.askForPaths(prompter)
            guard incident != Incident() || !files.isEmpty else {
                if let resumed { try vault.settleDraft(resumed.id) }
                print("Nothing was written, so nothing was saved.")
                return nil
            }
            return Outcome(incident: incident, files: files, draft: resumed)
        } catch QuestionStop.interrupted {
            try stopped(incident, resumed: resumed)
            return nil
        } catch QuestionStop.idle {
            if incident != Incident() && incident != resumed?.incident {
                try keep(incident, replacing: resumed)
                print("\nWhat you typed is kept as an encrypted draft; `log` will offer it next time.")
            }
            throw QuestionStop.idle
        }
    }

    /// After Ctrl-C: offers to keep what was typed (kept without asking if the shell locks
    /// while the question waits).
    private func stopped(_ incident: Incident, resumed: Draft?) throws {
        print("\n")
        guard incident != Incident(), incident != resumed?.incident else {
            print("Stopped. Nothing new was typed, so nothing was kept.")
            return
        }
        let keepIt: Bool
        do {
            keepIt = try prompter.confirm(
                "Stopped. Keep what you typed as an encrypted draft, to finish later?", orElse: true)
        } catch QuestionStop.idle {
            // Left at this question until the shell locks: kept, as the answer would be by
            // default, and the shell locks now rather than after another idle spell.
            try keep(incident, replacing: resumed)
            print("\nWhat you typed is kept as an encrypted draft; `log` will offer it next time.")
            throw QuestionStop.idle
        } catch {
            keepIt = false
        }
        if keepIt {
            try keep(incident, replacing: resumed)
            print("Kept as an encrypted draft. `keepsake log` will offer to carry on with it.")
        } else {
            print("Nothing was kept.")
        }
    }

    private func keep(_ incident: Incident, replacing resumed: Draft?) throws {
        try vault.saveDraft(incident)
        if let resumed { try vault.settleDraft(resumed.id) }
    }
}
