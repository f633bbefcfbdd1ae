import Foundation
import KeepsakeVault

/// The questions of a journal entry (`journal write` on a terminal, `journal amend`): the text,
/// typed over as many lines as needed, then optional tags; then the review step.
enum JournalQuestions {
    /// What is said before the questions of a new entry.
    static let intro = """
        Write whatever you need to. This stays private: it is not an incident, and it goes \
        into a bundle only if you choose to (`keepsake export --include-journal`).
        """

    static let all: [Question<JournalEntry>] = [text, tags]

    static let text = Question<JournalEntry>(title: "What you wrote") { p, entry throws(QuestionStop) in
        while true {
            print(Terminal.style("What would you like to write?", "1"))
            if !entry.text.isEmpty {
                p.note("Saved:")
                for line in TerminalText.block(entry.text).components(separatedBy: "\n") { print("    " + line) }
                p.note("Type a full stop (.) alone on a line to keep it, or write the new text and end it the same way.")
            } else {
                p.note("Blank lines are kept. When you are done, type a full stop (.) alone on a line, or press Ctrl-D.")
            }
            var typed: [String] = []
            do throws(QuestionStop) {
                try JournalInput.typed(p.input, into: &typed)
            } catch {
                // Stopped: what was typed of a new text goes into the draft.
                if entry.text.isEmpty, !typed.isEmpty { entry.text = JournalInput.tidy(typed.joined(separator: "\n")) }
                throw error
            }
            let text = JournalInput.tidy(typed.joined(separator: "\n"))
            if text.isEmpty { return }
            if let message = JournalInput.tooLong(text) {
                p.note(message.replacingOccurrences(of: " (nothing was saved)", with: "") + ".")
                continue
            }
            entry.text = text
            return
        }
    } shown: { entry in entry.text.isEmpty ? [] : entry.text.components(separatedBy: "\n") }

    static let tags = Question<JournalEntry>(title: "Tags") { p, entry throws(QuestionStop) in
        let answer = try p.text(
            "Any tags, to find it again later?", hint: "optional, separated by commas: therapy, self-care",
            current: entry.tags.isEmpty ? nil : entry.tags.joined(separator: ", "))
        entry.tags = JournalEntry.tidy(answer.map { $0.components(separatedBy: ",") } ?? [])
    } shown: { entry in entry.tags.isEmpty ? [] : [entry.tags.joined(separator: ", ")] }
}

/// The guided `journal write` on a terminal: offers a kept draft, asks for the text and tags,
/// shows them for review, and keeps what was written as an encrypted draft when it is
/// stopped (Ctrl-C, or the shell's idle lock), as the guided log does.
struct GuidedJournal {
    /// What to save, and the draft it came from (settled once saved).
    struct Outcome {
        var entry: JournalEntry
        var draft: JournalDraft?
    }

    let vault: Vault
    let prompter = Prompter()

    /// Asks, reviews, and returns what to save; nil when nothing is to be saved (and that was
    /// said).
    /// - Throws: `QuestionStop.idle` after keeping the draft, `VaultError` when a draft can't
    ///   be written.
    func run(starting start: JournalEntry) throws -> Outcome? {
        prompter.input.catchInterrupts()
        defer { prompter.input.releaseInterrupts() }
        var entry = start
        var resumed: JournalDraft?
        do {
            if let draft = vault.journalDrafts.last {
                print("You have an unfinished journal entry, kept \(DisplayDate.format(draft.writtenAt)).")
                if try prompter.confirm("Do you want to carry on with it?", orElse: true) {
                    entry = draft.entry
                    resumed = draft
                } else if try prompter.confirm("Throw that draft away?", orElse: false) {
                    try vault.settleJournalDraft(draft.id)
                    print("The draft was thrown away.")
                } else {
                    print("The draft is kept for another time.")
                }
                print("")
            }
            print(JournalQuestions.intro + "\n")
            try Question.askAll(JournalQuestions.all, &entry, prompter)
            try Question.review(JournalQuestions.all, &entry, prompter)
            guard !entry.text.isEmpty else {
                if let resumed { try vault.settleJournalDraft(resumed.id) }
                print("Nothing was written, so nothing was saved.")
                return nil
            }
            return Outcome(entry: entry, draft: resumed)
        } catch QuestionStop.interrupted {
            try stopped(entry, resumed: resumed)
            return nil
        } catch QuestionStop.idle {
            if entry != JournalEntry(text: ""), entry != resumed?.entry {
                try keep(entry, replacing: resumed)
                print("\nWhat you wrote is kept as an encrypted draft; `journal write` will offer it next time.")
            }
            throw QuestionStop.idle
        }
    }

    /// After Ctrl-C: offers to keep what was written.
    private func stopped(_ entry: JournalEntry, resumed: JournalDraft?) throws {
        print("\n")
        guard entry != JournalEntry(text: ""), entry != resumed?.entry else {
            print("Stopped. Nothing new was written, so nothing was kept.")
            return
        }
        let keepIt: Bool
        do {
            keepIt = try prompter.confirm(
                "Stopped. Keep what you wrote as an encrypted draft, to finish later?", orElse: true)
        } catch {
            keepIt = false
        }
        if keepIt {
            try keep(entry, replacing: resumed)
            print("Kept as an encrypted draft. `keepsake journal write` will offer to carry on with it.")
        } else {
            print("Nothing was kept.")
        }
    }

    private func keep(_ entry: JournalEntry, replacing resumed: JournalDraft?) throws {
        try vault.saveJournalDraft(entry)
        if let resumed { try vault.settleJournalDraft(resumed.id) }
    }
}
