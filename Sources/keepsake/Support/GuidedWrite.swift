import Foundation
import KeepsakeVault

/// A guided write that keeps what was written (`journal write`, `letter write` on a terminal):
/// offers a kept draft first, asks the questions, shows them for review, and keeps what was
/// written as an encrypted draft when it is stopped: after Ctrl-C when the owner says so
/// (yes unless they say no), at the shell's idle lock without asking (the shell then locks).
struct GuidedWrite<Content: Equatable> {
    /// A kept draft: its entry's id, when it was kept, and what it holds.
    struct Kept {
        var id: EntryID
        var writtenAt: Date
        var content: Content
    }

    /// What to save, and the draft it came from (to settle once saved).
    struct Outcome {
        var content: Content
        var draft: Kept?
    }

    /// What is written: "journal entry", "letter".
    let noun: String
    /// The command that offers the draft: "journal write".
    let command: String
    let intro: String
    let questions: [Question<Content>]
    /// Content with nothing written in it (stopped there, nothing is kept).
    let blank: Content
    /// Whether the reviewed content holds nothing to save.
    let isEmpty: (Content) -> Bool
    /// The newest draft not yet dealt with.
    let pending: () -> Kept?
    let save: (Content) throws -> Void
    let settle: (EntryID) throws -> Void
    let prompter = Prompter()

    /// Asks, reviews, and returns what to save; nil when nothing is to be saved (and that was
    /// said).
    /// - Throws: `QuestionStop.idle` after keeping the draft, `VaultError` when a draft can't
    ///   be written.
    func run(starting start: Content) throws -> Outcome? {
        prompter.input.catchInterrupts()
        defer { prompter.input.releaseInterrupts() }
        var content = start
        var resumed: Kept?
        do {
            if let draft = pending() {
                print("You have an unfinished \(noun), kept \(DisplayDate.format(draft.writtenAt)).")
                if try prompter.confirm("Do you want to carry on with it?", orElse: true) {
                    content = draft.content
                    resumed = draft
                } else if try prompter.confirm("Throw that draft away?", orElse: false) {
                    try settle(draft.id)
                    print("The draft was thrown away.")
                } else {
                    print("The draft is kept for another time.")
                }
                print("")
            }
            print(intro + "\n")
            try Question.askAll(questions, &content, prompter)
            try Question.review(questions, &content, prompter)
            guard !isEmpty(content) else {
                if let resumed { try settle(resumed.id) }
                print("Nothing was written, so nothing was saved.")
                return nil
            }
            return Outcome(content: content, draft: resumed)
        } catch QuestionStop.interrupted {
            try stopped(content, resumed: resumed)
            return nil
        } catch QuestionStop.idle {
            if content != blank, content != resumed?.content {
                try keep(content, replacing: resumed)
                print("\nWhat you wrote is kept as an encrypted draft; `\(command)` will offer it next time.")
            }
            throw QuestionStop.idle
        }
    }

    /// After Ctrl-C: offers to keep what was written (kept without asking if the shell locks
    /// while the question waits).
    private func stopped(_ content: Content, resumed: Kept?) throws {
        print("\n")
        guard content != blank, content != resumed?.content else {
            print("Stopped. Nothing new was written, so nothing was kept.")
            return
        }
        let keepIt: Bool
        do {
            keepIt = try prompter.confirm(
                "Stopped. Keep what you wrote as an encrypted draft, to finish later?", orElse: true)
        } catch QuestionStop.idle {
            // Left at this question until the shell locks: kept, as the answer would be by
            // default, and the shell locks now rather than after another idle spell.
            try keep(content, replacing: resumed)
            print("\nWhat you wrote is kept as an encrypted draft; `\(command)` will offer it next time.")
            throw QuestionStop.idle
        } catch {
            keepIt = false
        }
        if keepIt {
            try keep(content, replacing: resumed)
            print("Kept as an encrypted draft. `keepsake \(command)` will offer to carry on with it.")
        } else {
            print("Nothing was kept.")
        }
    }

    private func keep(_ content: Content, replacing resumed: Kept?) throws {
        try save(content)
        if let resumed { try settle(resumed.id) }
    }
}
