import ArgumentParser
import Foundation
import KeepsakeVault

/// `keepsake boundaries [list|add|amend|remove]`: what the owner won't accept again, each with
/// the date it was written; changed by a new version (the earlier wording kept), taken back by
/// a retraction. Private: a bundle holds them only with `export --include-boundaries`.
struct BoundariesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "boundaries",
        abstract: "Keep a list of what you won't accept again, each with the day you wrote it.",
        discussion: """
            Your boundaries are yours: they stay private and go into a bundle only if you \
            export with --include-boundaries. Changing one keeps its earlier wording in its \
            history; `keepsake remember` shows them when you need them.
            """,
        subcommands: [List.self, Add.self, Amend.self, Remove.self],
        defaultSubcommand: List.self)

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "list", abstract: "List your boundaries with the day each was written.")

        @Flag(help: "Also show the earlier wording of the ones you changed, with their dates.")
        var history = false

        @OptionGroup var vault: VaultOptions
        @OptionGroup var passphrase: PassphraseOptions
        @OptionGroup var output: OutputOptions

        func run() throws {
            try CommandRunner.run {
                let opened = try Unlock.vault(vault, passphrase, mode: .readOnly)
                let items = opened.current(.boundary)
                if output.json { return try JSONOutput.print(items.map { ItemJSON($0, withHistory: history) }) }
                guard !items.isEmpty else {
                    TextWrap.print(
                        "No boundaries written yet. `keepsake boundaries add` asks what you won't accept again, in your own words.")
                    return
                }
                print("What you won't accept again:")
                for item in items {
                    print("")
                    print(BoundaryText.lines(item, history: history).joined(separator: "\n"))
                }
                print("")
                TextWrap.print(
                    "`keepsake boundaries amend ID` changes one (the earlier wording is kept); "
                        + "`keepsake boundaries remove ID` takes one back.")
            }
        }
    }

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "add", abstract: "Write down something you won't accept again.")

        @Argument(help: "In your own words (leave out to be asked on a terminal, out of your shell history).")
        var text: String?

        @OptionGroup var vault: VaultOptions
        @OptionGroup var passphrase: PassphraseOptions
        @OptionGroup var output: OutputOptions

        func run() throws {
            try CommandRunner.run {
                var boundary = Boundary(text: text ?? "")
                let guided = text == nil
                guard !guided || Terminal.isInteractive else {
                    throw CLIError.usage(
                        "say it in quotes (`keepsake boundaries add \"WORDS\"`), or run it on a terminal to be asked")
                }
                if !guided && text!.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
                    throw CLIError.usage("the boundary is empty; say it in a few words, in quotes")
                }
                let opened = try Unlock.vault(vault, passphrase)
                if guided {
                    let intro = """
                        Let's write down something you won't accept again, in your own words. It stays \
                        private: it leaves in a bundle only if you ask for it. Press Ctrl-C to stop.
                        """
                    guard try Question.guided(WayOutText.boundaryQuestions, &boundary, intro: WayOutText.folded(intro)) else { return }
                    guard !boundary.text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
                        print("Nothing was written, so nothing was saved.")
                        return
                    }
                }
                let item = try opened.add(.boundary(boundary))
                if output.json { return try JSONOutput.print(ItemJSON(item, withHistory: true)) }
                print("Saved as \(item.id.short), written \(DisplayDate.format(item.createdAt, withTime: false)).")
                print("`keepsake boundaries` lists them; `keepsake remember` shows them when you need them.")
            }
        }
    }

    struct Amend: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "amend", abstract: "Change the wording of a boundary (a new version; the earlier one is kept).")

        @Argument(help: "The id of the boundary.")
        var id: String

        @Option(help: ArgumentHelp("The new wording (leave out to be asked on a terminal).", valueName: "words"))
        var text: String?

        @OptionGroup var vault: VaultOptions
        @OptionGroup var passphrase: PassphraseOptions

        func run() throws {
            try CommandRunner.run {
                guard text != nil || Terminal.isInteractive else {
                    throw CLIError.usage("give the new wording with --text \"WORDS\", or run it on a terminal to be asked")
                }
                let opened = try Unlock.vault(vault, passphrase)
                let (resolved, item) = try BoundaryText.boundary(id, in: opened)
                var boundary = item.current.boundary!
                if let text {
                    boundary.text = text
                } else {
                    let intro = "The question shows what is saved: press Enter to keep it, or type the new wording."
                    guard try Question.guided(WayOutText.boundaryQuestions, &boundary, intro: WayOutText.folded(intro)) else { return }
                }
                guard !boundary.text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
                    throw CLIError.usage(
                        "a boundary can't be emptied; `keepsake boundaries remove \(resolved.short)` takes it back (nothing was saved)")
                }
                guard boundary != item.current.boundary else {
                    print("Nothing changed, so nothing was saved.")
                    return
                }
                try opened.revise(resolved, to: .boundary(boundary))
                print("Saved the new wording of \(resolved.short), \(DisplayDate.format(Date(), withTime: false)).")
                print("The earlier wording is kept: `keepsake boundaries --history` shows it with its date.")
            }
        }
    }

    struct Remove: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "remove", abstract: "Take a boundary back (it stays in the vault's history).")

        @Argument(help: "The id of the boundary.")
        var id: String

        @Option(help: "Why, in your own words (optional).")
        var reason: String?

        @OptionGroup var vault: VaultOptions
        @OptionGroup var passphrase: PassphraseOptions

        func run() throws {
            try CommandRunner.run {
                let opened = try Unlock.vault(vault, passphrase)
                let (resolved, _) = try BoundaryText.boundary(id, in: opened)
                try opened.retract(resolved, reason: reason)
                print("Took back \(resolved.short); it no longer shows. `keepsake show \(resolved.short)` still has its history.")
            }
        }
    }
}

/// How `boundaries` shows one, and finding one by id.
enum BoundaryText {
    /// Its id and dates, then its words folded under them; with `history`, each earlier
    /// wording with the day it was written.
    static func lines(_ item: Item, history: Bool, width: Int = min(TextWrap.width, 80)) -> [String] {
        let id = item.id.short
        let indent = String(repeating: " ", count: id.count + 2)
        var lines = [Terminal.style(id, "33") + "  " + WayOutText.dates(item).capitalizedFirst]
        lines += words(item.current.boundary?.text ?? "", indent: indent, width: width)
        if history && item.isAmended {
            for version in item.versions.dropLast() {
                lines.append(indent + Terminal.style("Earlier, written \(DisplayDate.format(version.writtenAt, withTime: false)):", "2"))
                lines += words(version.content.boundary?.text ?? "", indent: indent + "  ", width: width)
            }
        }
        return lines
    }

    /// Each line of the owner's words folded to the width after `indent`, escaped.
    static func words(_ text: String, indent: String, width: Int) -> [String] {
        text.components(separatedBy: "\n").flatMap { PlainText.wrap(TerminalText.line($0), width: width, indent: indent) }
    }

    /// The boundary an id names, refusing anything else or a boundary taken back.
    static func boundary(_ text: String, in vault: Vault) throws -> (EntryID, Item) {
        try WayOutText.item(text, of: .boundary, in: vault)
    }
}

extension String {
    /// The string with its first letter in capitals.
    var capitalizedFirst: String { prefix(1).uppercased() + dropFirst() }
}
