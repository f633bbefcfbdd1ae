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
                // Stopped: what was typed goes into the draft, after any earlier text (a draft
                // carried on, an entry being changed), so neither is lost.
                let words = JournalInput.tidy(typed.joined(separator: "\n"))
                if !words.allSatisfy(\.isWhitespace) { entry.text = entry.text.isEmpty ? words : entry.text + "\n\n" + words }
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

extension GuidedWrite<JournalEntry> {
    /// The guided `journal write` on a terminal, its drafts kept in `vault`.
    static func journal(_ vault: Vault) -> Self {
        GuidedWrite(
            noun: "journal entry", command: "journal write", intro: JournalQuestions.intro,
            questions: JournalQuestions.all, blank: JournalEntry(text: ""), isEmpty: { $0.text.isEmpty },
            pending: {
                // A draft of a change to an entry since taken back is offered as a new entry.
                vault.journalDrafts.last { $0.amending.map { vault.items[$0]?.isRetracted != false } ?? true }.map(kept)
            },
            save: { try vault.saveJournalDraft($0) }, settle: { try vault.settleJournalDraft($0) })
    }

    /// The guided change of the saved journal entry `id` (`journal amend ID`, `amend ID`): a
    /// change stopped is kept as a draft of that entry, offered by its next amend.
    static func journalChange(_ vault: Vault, _ id: EntryID) -> Self {
        GuidedWrite(
            noun: "change to this journal entry", command: "journal amend \(id.short)",
            intro: "Each question shows what is saved: keep it as it is, or write it again.",
            questions: JournalQuestions.all, blank: vault.items[id]?.current.journal ?? JournalEntry(text: ""),
            isEmpty: { $0.text.isEmpty },
            pending: { vault.journalDrafts.last { $0.amending == id }.map(kept) },
            save: { try vault.saveJournalDraft($0, amending: id) }, settle: { try vault.settleJournalDraft($0) })
    }

    private static func kept(_ draft: JournalDraft) -> Kept {
        Kept(id: draft.id, writtenAt: draft.writtenAt, content: draft.entry)
    }
}
