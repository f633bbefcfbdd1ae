import ArgumentParser
import Foundation
import KeepsakeVault

/// `keepsake profile [edit|show]`: the owner's standing answers for a petition (their name,
/// the person they need protection from, children, firearms, pets), asked once on a terminal
/// and changed by new versions, never overwritten.
struct ProfileCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "profile",
        abstract: "Your standing answers: you, the person you need protection from, children, firearms, pets.",
        discussion: """
            A petition asks the same things every time: your name, the person you need \
            protection from and how you are related, the children, whether that person has \
            guns, and your pets. Answer them once here; every question can be skipped. Run \
            `keepsake profile` again to change any answer: the earlier version is kept. Your \
            profile stays private: a bundle carries it only with `keepsake export --include-profile`.
            """,
        subcommands: [Edit.self, Show.self],
        defaultSubcommand: Edit.self)

    struct Edit: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "edit", abstract: "Answer or change your profile, one question at a time (on a terminal).")

        @OptionGroup var vault: VaultOptions
        @OptionGroup var passphrase: PassphraseOptions
        @OptionGroup var output: OutputOptions

        func run() throws {
            try CommandRunner.run {
                guard Terminal.isInteractive else {
                    throw CLIError.usage(
                        "your profile is asked one question at a time: run `keepsake profile` on a terminal (`keepsake profile show` shows what is saved)")
                }
                let opened = try Unlock.vault(vault, passphrase)
                let existing = opened.profile
                var profile = existing?.current.profile ?? Profile()
                let intro = existing == nil
                    ? """
                    A few questions a petition asks, answered once. Press Enter to skip any of them: \
                    none is needed, and you can come back to them with `keepsake profile`. What you \
                    write stays private unless you export with --include-profile.
                    """
                    : "This is your profile. Type a number to change that answer (the earlier version is kept)."
                guard try Question.guided(ProfileQuestions.all, &profile, intro: intro, askingFirst: existing == nil) else {
                    return
                }
                profile = profile.tidied
                let item: Item
                if let existing {
                    guard .profile(profile) != existing.current else {
                        print("Nothing changed, so nothing was saved.")
                        return
                    }
                    item = try opened.revise(existing.id, to: .profile(profile))
                    if !output.json {
                        TextWrap.print("Saved a new version of your profile; the earlier one is kept (`keepsake show \(item.id.short)` shows every version).")
                    }
                } else {
                    guard !profile.isEmpty else {
                        print("Nothing was answered, so nothing was saved.")
                        return
                    }
                    item = try opened.add(.profile(profile))
                    if !output.json {
                        TextWrap.print("Saved your profile. It stays private: a bundle carries it only with `keepsake export --include-profile`.")
                    }
                }
                if output.json { try JSONOutput.print(ItemJSON(item, withHistory: true)) }
            }
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "show", abstract: "Show your profile: every question, answered or not.")

        @Flag(help: "With --json, every earlier version too.")
        var history = false

        @OptionGroup var vault: VaultOptions
        @OptionGroup var passphrase: PassphraseOptions
        @OptionGroup var output: OutputOptions

        func run() throws {
            try CommandRunner.run {
                let opened = try Unlock.vault(vault, passphrase, mode: .readOnly)
                guard let item = opened.profile, let profile = item.current.profile else {
                    if output.json { return print("null") }
                    TextWrap.print(
                        "You have no profile yet. `keepsake profile` asks a few questions a petition asks; every one can be skipped.")
                    return
                }
                if output.json { return try JSONOutput.print(ItemJSON(item, withHistory: history)) }
                for line in ProfileText.render(item, profile) { print(line) }
            }
        }
    }
}
