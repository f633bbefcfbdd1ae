#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif
import ArgumentParser
import Foundation
import KeepsakeVault

/// `keepsake journal write|list|show|search|amend|retract`: a private journal of free entries
/// with optional tags, kept apart from incidents.
struct JournalCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "journal",
        abstract: "Keep a private journal: self-talk, self-care, therapy notes (never counted as incidents).",
        discussion: """
            Journal entries are yours alone. They are never listed, counted or searched with \
            your incidents, and never go into a bundle unless you export with --include-journal. \
            Changing an entry keeps the earlier version in its history.
            """,
        subcommands: [Write.self, List.self, Show.self, Search.self, Amend.self, Retract.self],
        defaultSubcommand: List.self)

    struct Write: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "write", abstract: "Write a journal entry (asked on a terminal, or read with --text-stdin).")

        @OptionGroup var text: JournalTextOptions
        @OptionGroup var vault: VaultOptions
        @OptionGroup var passphrase: PassphraseOptions
        @OptionGroup var output: OutputOptions

        func run() throws {
            try CommandRunner.run {
                guard text.given || Terminal.isInteractive else {
                    throw CLIError.usage(
                        "give the text with --text-stdin (or --text-fd N), or run `keepsake journal write` on a terminal to write it there")
                }
                let opened = try Unlock.vault(vault, passphrase)
                var entry = JournalEntry(text: "", tags: text.tag)
                var draft: EntryID?
                if let given = try text.read() {
                    entry.text = given
                    guard !given.isEmpty else { throw CLIError.usage("the text was empty; nothing was saved") }
                } else {
                    guard let outcome = try GuidedWrite.journal(opened).run(starting: entry) else { return }
                    (entry, draft) = (outcome.content, outcome.draft?.id)
                }
                let item = try opened.add(.journal(entry))
                if let draft { try opened.settleJournalDraft(draft) }
                if output.json { return try JSONOutput.print(ItemJSON(item, withHistory: true)) }
                print("Saved in your journal as \(item.id.short), written down \(DisplayDate.format(item.createdAt)).")
                print("It stays private: it goes into a bundle only with `keepsake export --include-journal`.")
            }
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "list", abstract: "List your journal entries, oldest first.")

        @Option(help: ArgumentHelp("Only entries with this tag (capitals, accents and a leading # don't matter).", valueName: "tag"))
        var tag: String?

        @OptionGroup var vault: VaultOptions
        @OptionGroup var passphrase: PassphraseOptions
        @OptionGroup var output: OutputOptions

        func run() throws {
            try CommandRunner.run {
                let opened = try Unlock.vault(vault, passphrase, mode: .readOnly)
                let items = opened.journal(tag: tag)
                if output.json { return try JSONOutput.print(items.map { ItemJSON($0) }) }
                if items.isEmpty {
                    print(tag == nil
                        ? "Your journal is empty. `keepsake journal write` starts an entry."
                        : "No journal entry has that tag.")
                }
                for item in items { print(Summary.line(item)) }
            }
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "show", abstract: "Show one journal entry in full, with its earlier versions.")

        @Argument(help: "The entry's id (the first few characters are enough).")
        var id: String

        @OptionGroup var vault: VaultOptions
        @OptionGroup var passphrase: PassphraseOptions
        @OptionGroup var output: OutputOptions

        func run() throws {
            try CommandRunner.run {
                let opened = try Unlock.vault(vault, passphrase, mode: .readOnly)
                let item = try JournalCommand.entry(id, in: opened)
                if output.json { return try JSONOutput.print(ItemJSON(item, withHistory: true)) }
                print(Details.render(item))
            }
        }
    }

    struct Search: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "search",
            abstract: "Find journal entries holding every one of some words (in the text or the tags).",
            discussion: "Capitals and accents don't matter, nor the order of the words. The search happens in memory; nothing is written to disk.")

        @Argument(help: "The words to look for.")
        var words: [String]

        @Option(help: ArgumentHelp("Only entries with this tag.", valueName: "tag"))
        var tag: String?

        @OptionGroup var vault: VaultOptions
        @OptionGroup var passphrase: PassphraseOptions
        @OptionGroup var output: OutputOptions

        func run() throws {
            try CommandRunner.run {
                let opened = try Unlock.vault(vault, passphrase, mode: .readOnly)
                let found = opened.searchJournal(words.joined(separator: " "), tag: tag)
                if output.json { return try JSONOutput.print(found.map { ItemJSON($0) }) }
                if found.isEmpty { print("No journal entry holds that.") }
                for item in found { print(Summary.line(item)) }
            }
        }
    }

    struct Amend: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "amend", abstract: "Change a journal entry (a new version; the earlier one is kept).")

        @Argument(help: "The entry's id.")
        var id: String

        @OptionGroup var text: JournalTextOptions
        @OptionGroup var vault: VaultOptions
        @OptionGroup var passphrase: PassphraseOptions

        func run() throws {
            try CommandRunner.run {
                guard text.given || !text.tag.isEmpty || Terminal.isInteractive else {
                    throw CLIError.usage("give the new text with --text-stdin (or --text-fd N) or tags with --tag, or run it on a terminal to be asked")
                }
                let opened = try Unlock.vault(vault, passphrase)
                let item = try JournalCommand.entry(id, in: opened)
                guard !item.isRetracted else { throw VaultError.retracted(item.id.short) }
                var entry = item.current.journal!
                if !text.tag.isEmpty { entry.tags = JournalEntry.tidy(text.tag) }
                if let given = try text.read() {
                    guard !given.isEmpty else { throw CLIError.usage("the text was empty; nothing was saved") }
                    entry.text = given
                } else if text.tag.isEmpty {
                    // A change stopped is kept as a draft; saved here, the draft settled.
                    guard let outcome = try GuidedWrite.journalChange(opened, item.id).run(starting: entry) else { return }
                    return try JournalCommand.save(outcome.content, over: item, in: opened, settling: outcome.draft?.id)
                }
                try JournalCommand.save(entry, over: item, in: opened)
            }
        }
    }

    struct Retract: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "retract", abstract: "Hide a journal entry from your journal (its history stays in the vault).")

        @Argument(help: "The entry's id.")
        var id: String

        @Option(help: "Why, in your own words (optional).")
        var reason: String?

        @OptionGroup var vault: VaultOptions
        @OptionGroup var passphrase: PassphraseOptions

        func run() throws {
            try CommandRunner.run {
                let opened = try Unlock.vault(vault, passphrase)
                let item = try JournalCommand.entry(id, in: opened)
                try opened.retract(item.id, reason: reason)
                print("Retracted \(item.id.short) from your journal. `keepsake journal show \(item.id.short)` still shows its history.")
            }
        }
    }

    /// The journal entry an id names, refusing anything else.
    static func entry(_ text: String, in vault: Vault) throws -> Item {
        let id = try vault.resolve(text)
        guard let item = vault.items[id], item.current.journal != nil else {
            let what = vault.item(owning: id)?.current.kindName ?? "attachment"
            throw CLIError.failed("\(id.short) is not a journal entry (it is \(what.first.map { "aeiou".contains($0) } == true ? "an" : "a") \(what)); `keepsake show \(id.short)` shows it")
        }
        return item
    }

    /// Writes `entry` as a new version of `item`, unless nothing changed, and settles the draft
    /// it came from (either way).
    static func save(_ entry: JournalEntry, over item: Item, in vault: Vault, settling draft: EntryID? = nil) throws {
        let changed = entry != item.current.journal
        if changed { try vault.revise(item.id, to: .journal(entry)) }
        if let draft { try vault.settleJournalDraft(draft) }
        guard changed else {
            print("Nothing changed, so nothing was saved.")
            return
        }
        print("Saved a new version of \(item.id.short). `keepsake journal show \(item.id.short)` shows every version.")
    }
}

/// Where a journal entry's text and tags come from when not asked on a terminal.
struct JournalTextOptions: ParsableArguments {
    @Flag(name: .customLong("text-stdin"), help: "Read the text from standard input, to its end (after the passphrase's line with --passphrase-stdin).")
    var textStdin = false

    @Option(name: .customLong("text-fd"), help: ArgumentHelp("Read the text from this open file descriptor, to its end.", valueName: "n"))
    var textDescriptor: Int32?

    @Option(help: ArgumentHelp("A tag, to find the entry again (repeat for several).", valueName: "tag"))
    var tag: [String] = []

    func validate() throws {
        if textStdin && textDescriptor != nil { throw ValidationError("Use either --text-stdin or --text-fd, not both.") }
        if let fd = textDescriptor, fd < 0 { throw ValidationError("--text-fd needs a file descriptor number (0 or more).") }
    }

    /// Whether the text is given (not asked).
    var given: Bool { textStdin || textDescriptor != nil }

    /// The text read whole, or nil when it is to be asked.
    func read() throws -> String? {
        if textStdin { return try JournalInput.readAll(STDIN_FILENO, name: "standard input") }
        if let fd = textDescriptor { return try JournalInput.readAll(fd, name: "descriptor \(fd)") }
        return nil
    }
}
