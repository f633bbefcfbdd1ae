import ArgumentParser
import Foundation
import KeepsakeVault

/// `keepsake moments add|list|kept|broken`: good days, apologies and promises, kept as their
/// own entries (never as incidents, never counted among them).
struct MomentsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "moments",
        abstract: "Keep the good days, apologies and promises (never counted as incidents).",
        discussion: """
            Good days, apologies and promises are part of the pattern too. They are kept apart \
            from your incidents: never listed, counted or reported as one. A promise can later \
            be marked kept or broken; the earlier version stays in its history. \
            `keepsake timeline --cycle` shows them together with your incidents over time.
            """,
        subcommands: [Add.self, List.self, Kept.self, Broken.self],
        defaultSubcommand: List.self)

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "add", abstract: "Write down a good day, an apology or a promise.")

        @Argument(help: "good-day, apology or promise (leave out to be asked on a terminal).")
        var kind: CycleMoment.Kind?

        @Argument(help: "What was said or done (leave out to be asked on a terminal, out of your shell history).")
        var said: String?

        @Option(help: ArgumentHelp("When it happened: today 21:30, yesterday evening, 2026-03-14…", valueName: "when"))
        var when: String?

        @Option(help: ArgumentHelp("The id of the incident it came after.", valueName: "id"))
        var incident: String?

        @OptionGroup var vault: VaultOptions
        @OptionGroup var passphrase: PassphraseOptions
        @OptionGroup var output: OutputOptions

        func run() throws {
            try CommandRunner.run {
                var moment = CycleMoment(kind: kind ?? .goodDay, said: said ?? "")
                if let when { moment.occurred = try parseWhen(when) }
                let guided = said == nil
                guard !guided || Terminal.isInteractive else {
                    throw CLIError.usage(
                        "say what it was and what was said (`keepsake moments add apology \"WORDS\"`), or run it on a terminal to be asked")
                }
                let opened = try Unlock.vault(vault, passphrase)
                if let incident { moment.incident = try MomentsCommand.incident(incident, in: opened) }
                if guided {
                    let intro = """
                        Let's write it down. Good days, apologies and promises are kept apart from \
                        your incidents and never counted as one. Press Enter to skip any question.
                        """
                    let questions = CycleQuestions.all(links: CycleQuestions.links(in: opened))
                    guard try Question.guided(questions, &moment, intro: intro) else { return }
                    guard !moment.said.isEmpty || moment.occurred != nil else {
                        print("Nothing was written, so nothing was saved.")
                        return
                    }
                }
                let item = try opened.add(.cycle(moment))
                if output.json { return try JSONOutput.print(ItemJSON(item, withHistory: true)) }
                print("Saved the \(moment.kind.label) as \(item.id.short), written down \(DisplayDate.format(item.createdAt)).")
                if moment.kind == .promise {
                    print("When you know, `keepsake moments kept \(item.id.short)` or `broken \(item.id.short)` notes it.")
                }
            }
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "list", abstract: "List your good days, apologies and promises.")

        @OptionGroup var vault: VaultOptions
        @OptionGroup var passphrase: PassphraseOptions
        @OptionGroup var output: OutputOptions

        func run() throws {
            try CommandRunner.run {
                let opened = try Unlock.vault(vault, passphrase, mode: .readOnly)
                let items = opened.current(.cycle)
                if output.json { return try JSONOutput.print(items.map { ItemJSON($0) }) }
                if items.isEmpty { print("Nothing here yet. `keepsake moments add` asks about it.") }
                for item in items { print(Summary.line(item)) }
            }
        }
    }

    struct Kept: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "kept", abstract: "Note that a promise was kept (a new version; the earlier one is kept).")

        @OptionGroup var mark: PromiseMark

        func run() throws { try mark.run(.kept) }
    }

    struct Broken: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "broken", abstract: "Note that a promise was broken (a new version; the earlier one is kept).")

        @OptionGroup var mark: PromiseMark

        func run() throws { try mark.run(.broken) }
    }

    /// The incident an id names, refusing anything else.
    static func incident(_ text: String, in vault: Vault) throws -> EntryID {
        let id = try vault.resolve(text)
        guard let item = vault.items[id], item.current.incident != nil else {
            throw VaultError.wrongKind(id: text, expected: "incident", actual: vault.item(owning: id)?.current.kindName ?? "attachment")
        }
        return id
    }
}

/// What `moments kept` and `moments broken` take: the promise, and the day it was seen.
struct PromiseMark: ParsableArguments {
    @Argument(help: "The id of the promise.")
    var id: String

    @Option(help: ArgumentHelp("The day it was kept or broken (default: today).", valueName: "date"))
    var on: String?

    @OptionGroup var vault: VaultOptions
    @OptionGroup var passphrase: PassphraseOptions

    func run(_ outcome: CycleMoment.Outcome) throws {
        try CommandRunner.run {
            let now = Date()
            let day = try on.map { try parseDayOption($0, now: now) } ?? now
            let opened = try Unlock.vault(vault, passphrase)
            let resolved = try opened.resolve(id)
            guard let item = opened.items[resolved], var moment = item.current.cycle, moment.kind == .promise else {
                throw VaultError.wrongKind(
                    id: id, expected: "promise", actual: opened.item(owning: resolved)?.current.kindName ?? "attachment")
            }
            if moment.outcome == outcome, let seen = moment.outcomeOn,
                DisplayDate.format(seen, withTime: false) == DisplayDate.format(day, withTime: false)
            {
                print("It is already noted as \(outcome.rawValue) on that day; nothing was saved.")
                return
            }
            let earlier = moment.outcome
            (moment.outcome, moment.outcomeOn) = (outcome, day)
            try opened.revise(resolved, to: .cycle(moment))
            print("Noted: the promise \(resolved.short) was \(outcome.rawValue), \(DisplayDate.format(day, withTime: false)).")
            if let earlier, earlier != outcome {
                print("It was noted as \(earlier.rawValue) before; `keepsake show \(resolved.short)` shows both versions.")
            }
        }
    }
}

extension CycleMoment.Kind: ExpressibleByArgument {
    public init?(argument: String) {
        let plain = argument.lowercased().replacingOccurrences(of: "-", with: "").replacingOccurrences(of: " ", with: "")
        guard let kind = Self.allCases.first(where: { $0.argumentName.replacingOccurrences(of: "-", with: "") == plain })
        else { return nil }
        self = kind
    }

    public static var allValueStrings: [String] { allCases.map(\.argumentName) }
}
