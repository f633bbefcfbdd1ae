import ArgumentParser
import Foundation
import KeepsakeVault

/// `keepsake letter [read|write|amend]`: letters the owner writes to themselves while their
/// head is clear, kept exactly as typed, newest first; `keepsake remember` shows the newest.
/// They never leave the vault: no export flag puts them in a bundle.
struct LetterCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "letter",
        abstract: "Write a letter to yourself, for when the urge to reach out or go back comes.",
        discussion: """
            Write it on a day your head is clear: what happened, what you want, what you would \
            tell a friend. It is kept exactly as you type it, and `keepsake remember` shows it \
            first. You can write several; the newest is shown first. A letter never leaves your \
            vault: no bundle holds it. Stopped part-way (Ctrl-C, or the shell locking itself), \
            what you wrote is kept as an encrypted draft and offered the next time.
            """,
        subcommands: [Read.self, Write.self, Amend.self],
        defaultSubcommand: Read.self)

    struct Read: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "read", abstract: "Read your letters to yourself, the newest first.")

        @OptionGroup var vault: VaultOptions
        @OptionGroup var passphrase: PassphraseOptions
        @OptionGroup var output: OutputOptions

        func run() throws {
            try CommandRunner.run {
                let opened = try Unlock.vault(vault, passphrase, mode: .readOnly)
                let items = opened.current(.letter).sorted { $0.createdAt > $1.createdAt }
                if output.json { return try JSONOutput.print(items.map { ItemJSON($0, withHistory: true) }) }
                guard !items.isEmpty else {
                    TextWrap.print("No letter yet. `keepsake letter write` lets you write one to yourself, on a day your head is clear.")
                    return
                }
                for (index, item) in items.enumerated() {
                    if index > 0 { print("") }
                    print(Terminal.style("\(item.id.short)  Letter \(WayOutText.dates(item))", "1"))
                    print("")
                    for line in LetterText.lines(item.current.letter?.text ?? "") { print(line) }
                }
            }
        }
    }

    struct Write: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "write", abstract: "Write a new letter to yourself (kept exactly as you type it).")

        @Flag(help: "Read the letter from standard input (after the passphrase line), for scripts.")
        var stdin = false

        @OptionGroup var vault: VaultOptions
        @OptionGroup var passphrase: PassphraseOptions
        @OptionGroup var output: OutputOptions

        func run() throws {
            try CommandRunner.run {
                guard stdin || Terminal.isInteractive else {
                    throw CLIError.usage("write it on a terminal, or give it on standard input with --stdin")
                }
                let opened = try Unlock.vault(vault, passphrase)
                var letter = LetterToSelf(text: "")
                var draft: EntryID?
                if stdin {
                    letter.text = LetterInput.fromStandardInput()
                } else {
                    guard let outcome = try GuidedWrite.letter(opened).run(starting: letter) else { return }
                    (letter, draft) = (outcome.content, outcome.draft?.id)
                }
                guard !LetterInput.isBlank(letter) else {
                    print("Nothing was written, so nothing was saved.")
                    return
                }
                let item = try opened.add(.letter(letter))
                if let draft { try opened.settleLetterDraft(draft) }
                if output.json { return try JSONOutput.print(ItemJSON(item, withHistory: true)) }
                print("Saved your letter as \(item.id.short), written \(DisplayDate.format(item.createdAt, withTime: false)).")
                print("`keepsake remember` shows it first; `keepsake letter amend \(item.id.short)` changes it.")
            }
        }
    }

    struct Amend: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "amend", abstract: "Change a letter (a new version; the earlier one is kept).")

        @Argument(help: "The id of the letter.")
        var id: String

        @OptionGroup var vault: VaultOptions
        @OptionGroup var passphrase: PassphraseOptions

        func run() throws {
            try CommandRunner.run {
                guard Terminal.isInteractive else { throw CLIError.usage("letters are changed on a terminal") }
                let opened = try Unlock.vault(vault, passphrase)
                let (resolved, item) = try WayOutText.item(id, of: .letter, in: opened)
                let change = GuidedWrite.letterChange(opened, resolved)
                guard let outcome = try change.run(starting: item.current.letter!) else { return }
                guard try LetterInput.save(outcome, to: resolved, in: opened) else {
                    print("Nothing changed, so nothing was saved.")
                    return
                }
                print("Saved the new version of your letter \(resolved.short); `keepsake show \(resolved.short)` shows both.")
            }
        }
    }
}

/// A letter on the terminal: each line as written, folded to the width, escaped.
enum LetterText {
    static func lines(_ text: String, indent: String = "  ", width: Int = min(TextWrap.width, 80)) -> [String] {
        text.components(separatedBy: "\n").flatMap { line in
            line.isEmpty ? [""] : PlainText.wrap(TerminalText.line(line), width: width, indent: indent)
        }
    }
}
