import Foundation
import KeepsakeVault

/// The guided questions of a boundary and of a letter to oneself (`boundaries add`, `letter
/// write`, and `amend ID` on either), asked and reviewed as the other guided questions are,
/// and how both are shown in lists and search results.
enum WayOutText {
    /// The one question of a boundary, its text kept exactly as typed.
    static let boundaryQuestions: [Question<Boundary>] = [
        Question(title: "What I won't accept again") { p, b throws(QuestionStop) in
            b.text = try p.long(
                "What won't you accept again? In your own words.", current: b.text.isEmpty ? nil : b.text) ?? ""
        } shown: { b in b.text.isEmpty ? [] : b.text.components(separatedBy: "\n").map(TerminalText.line) }
    ]

    /// The one question of a letter: lines as typed, blank ones kept, until a lone full stop.
    /// Stopped (Ctrl-C, the idle lock), what was typed so far goes into the letter, after any
    /// earlier words (a draft carried on, a letter being changed), so a draft can keep it.
    static let letterQuestions: [Question<LetterToSelf>] = [
        Question(title: "Your letter") { p, l throws(QuestionStop) in
            var typed: [String] = []
            do throws(QuestionStop) {
                l.text = try LetterInput.read(p, current: l.text.isEmpty ? nil : l.text, typed: &typed) ?? l.text
            } catch {
                if let words = LetterInput.text(typed) { l.text = l.text.isEmpty ? words : l.text + "\n\n" + words }
                throw error
            }
        } shown: { l in l.text.isEmpty ? [] : l.text.components(separatedBy: "\n").map(TerminalText.line) }
    ]

    /// The new content of a boundary after its question (`amend ID`); nil when Ctrl-C stopped
    /// it. (A letter is changed by `GuidedWrite.letterChange`, which keeps a draft.)
    static func amend(_ content: ItemContent, intro: String) throws(QuestionStop) -> ItemContent? {
        switch content {
        case .boundary(var boundary):
            guard try Question.guided(boundaryQuestions, &boundary, intro: folded(intro)) else { return nil }
            return .boundary(boundary)
        default:
            return content
        }
    }

    /// The boundary or letter an id names, refusing anything else or one taken back.
    /// - Throws: `VaultError.wrongKind`, `.retracted`, and what `resolve` throws.
    static func item(_ text: String, of kind: EntryKind, in vault: Vault) throws -> (EntryID, Item) {
        let id = try vault.resolve(text)
        guard let item = vault.items[id], item.current.entryKind == kind else {
            let expected = kind == .boundary ? "boundary" : "letter to yourself"
            throw VaultError.wrongKind(id: text, expected: expected, actual: vault.item(owning: id)?.current.kindName ?? "attachment")
        }
        guard !item.isRetracted else { throw VaultError.retracted(id.short) }
        return (id, item)
    }

    /// An introduction folded to the terminal.
    static func folded(_ text: String) -> String { TextWrap.lines(text).joined(separator: "\n") }

    /// "written Sun 6 Dec 2026, changed Mon 7 Dec 2026 (2 versions)".
    static func dates(_ item: Item) -> String {
        "written \(DisplayDate.format(item.createdAt, withTime: false))"
            + (item.isAmended
                ? ", changed \(DisplayDate.format(item.updatedAt, withTime: false)) (\(item.versions.count) versions)" : "")
    }

    /// A boundary's or a letter's lines in lists and search results.
    static func summary(_ item: Item, id: String, indent: String, width: Int) -> String {
        let (name, text) = item.current.boundary.map { ("Boundary", $0.text) }
            ?? ("Letter to yourself", item.current.letter?.text ?? "")
        var lines = [id + "  " + Summary.excerpt(name + ", " + dates(item), length: width - indent.count)]
        if !text.isEmpty { lines.append(indent + TerminalText.line(Summary.excerpt(text, length: width - indent.count))) }
        return lines.joined(separator: "\n")
    }
}

extension GuidedWrite<LetterToSelf> {
    /// The guided `letter write` on a terminal, its drafts kept in `vault`.
    static func letter(_ vault: Vault) -> Self {
        let intro = """
            A letter to yourself, for the day you miss them or think of going back. Write what you \
            know today. It stays in your vault and never goes into a bundle. If you stop (Ctrl-C), \
            what you wrote can be kept as an encrypted draft, to finish later.
            """
        return GuidedWrite(
            noun: "letter", command: "letter write", intro: WayOutText.folded(intro),
            questions: WayOutText.letterQuestions, blank: LetterToSelf(text: ""), isEmpty: LetterInput.isBlank,
            pending: {
                // A draft of a change to a letter since taken back is offered as a new letter.
                vault.letterDrafts.last { $0.amending.map { vault.items[$0]?.isRetracted != false } ?? true }.map(kept)
            },
            save: { try vault.saveLetterDraft($0) }, settle: { try vault.settleLetterDraft($0) })
    }

    /// The guided change of the saved letter `id` (`letter amend ID`, `amend ID`): a change
    /// stopped is kept as a draft of that letter, offered by its next amend.
    static func letterChange(_ vault: Vault, _ id: EntryID) -> Self {
        let intro = "Your letter is shown as saved: write it again to change it, or type a full stop to keep it."
        return GuidedWrite(
            noun: "change to this letter", command: "letter amend \(id.short)", intro: WayOutText.folded(intro),
            questions: WayOutText.letterQuestions, blank: vault.items[id]?.current.letter ?? LetterToSelf(text: ""),
            isEmpty: LetterInput.isBlank,
            pending: { vault.letterDrafts.last { $0.amending == id }.map(kept) },
            save: { try vault.saveLetterDraft($0, amending: id) }, settle: { try vault.settleLetterDraft($0) })
    }

    private static func kept(_ draft: LetterDraft) -> Kept {
        Kept(id: draft.id, writtenAt: draft.writtenAt, content: draft.letter)
    }
}

/// A letter typed on the terminal: every line kept as typed (blank lines too), ended by a
/// full stop alone on a line or by Ctrl-D. Blank lines before the first words and after the
/// last are left out; nothing else is changed.
enum LetterInput {
    /// The line that ends a letter.
    static let endLine = "."

    /// The letter typed, or `current` when only a full stop was; `typed` holds the lines typed
    /// so far when Ctrl-C or the idle lock stops it (the half-typed line too).
    static func read(_ prompter: Prompter, current: String?, typed lines: inout [String]) throws(QuestionStop) -> String? {
        prompter.heading(
            "Write to yourself, as you are today, for the day the urge to reach out or go back comes.", hint: nil,
            current: [])
        if let current {
            print(Terminal.style("  Saved:", "2"))
            for line in current.components(separatedBy: "\n") { print("  | " + TerminalText.line(line)) }
            prompter.note("Type the whole letter again to change it, or type just a full stop (.) to keep it.")
        }
        prompter.note("Write as many lines as you like; blank lines are kept. When you are done, type a full stop (.) alone on a line.")
        lines = []
        do {
            while let line = try prompter.input.readLine(), line != endLine {
                lines.append(line)
            }
        } catch .idle {
            if let unfinished = prompter.input.takeUnfinished() { lines.append(unfinished) }
            throw .idle
        }
        guard let text = text(lines) else { return current }
        guard text.utf8.count <= Prompter.maximumAnswerByteCount else {
            prompter.note("That letter is \(text.utf8.count >> 10) KiB; a letter can hold at most \(Prompter.maximumAnswerByteCount >> 10) KiB. Please write it shorter.")
            return try read(prompter, current: current, typed: &lines)
        }
        return text
    }

    /// The lines as one text, without the blank lines before the first words and after the
    /// last; nil when there are no words.
    static func text(_ lines: [String]) -> String? {
        var lines = lines[...]
        while lines.first?.allSatisfy(\.isWhitespace) == true { lines.removeFirst() }
        while lines.last?.allSatisfy(\.isWhitespace) == true { lines.removeLast() }
        return lines.isEmpty ? nil : lines.joined(separator: "\n")
    }

    /// Whether a letter holds no words.
    static func isBlank(_ letter: LetterToSelf) -> Bool {
        letter.text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty
    }

    /// Saves a changed letter as a new version of `id` and settles the draft it came from;
    /// false when it is unchanged (the draft, if any, is settled all the same).
    static func save(_ outcome: GuidedWrite<LetterToSelf>.Outcome, to id: EntryID, in vault: Vault) throws -> Bool {
        let changed = outcome.content != vault.items[id]?.current.letter
        if changed { try vault.revise(id, to: .letter(outcome.content)) }
        if let draft = outcome.draft { try vault.settleLetterDraft(draft.id) }
        return changed
    }

    /// A letter given on standard input after the passphrase (`letter write --stdin`), for
    /// scripts: everything to the end, blank lines at its ends left out.
    static func fromStandardInput() -> String {
        let data = FileHandle.standardInput.readDataToEndOfFile()
        var lines = String(decoding: data, as: UTF8.self).components(separatedBy: "\n")
        if lines.last == "" { lines.removeLast() }
        while lines.first?.allSatisfy(\.isWhitespace) == true { lines.removeFirst() }
        while lines.last?.allSatisfy(\.isWhitespace) == true { lines.removeLast() }
        return lines.joined(separator: "\n")
    }
}
