import ArgumentParser
import Foundation

/// The `keepsake` command: an offline, encrypted vault for a record of abuse, an exit plan and
/// trusted contacts, with sealed bundles for an advocate or lawyer.
@main
struct Keepsake: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "keepsake",
        abstract: "An offline, encrypted vault for your record, your plan and your people.",
        discussion: """
            Keepsake keeps a dated log of incidents, your safety plan and the people you trust, \
            encrypted on this computer. Nothing leaves it unless you export a sealed bundle.

            Start with `keepsake init`, then `keepsake log` whenever something happens.
            """,
        version: KeepsakeVersion.string,
        subcommands: [
            InitCommand.self, LogCommand.self, AmendCommand.self, AttachCommand.self, SaveCommand.self,
            RetractCommand.self, ListCommand.self, ShowCommand.self, SearchCommand.self,
            TimelineCommand.self, MomentsCommand.self, CheckInCommand.self, JournalCommand.self, PlanCommand.self, ContactsCommand.self, ProfileCommand.self, CheckCommand.self, BackupCommand.self, AnchorCommand.self,
            PassphraseCommand.self, RecoveryCommand.self, ShellCommand.self, ExportCommand.self,
            BoundariesCommand.self, LetterCommand.self, RememberCommand.self,
        ],
        groupedSubcommands: [
            CommandGroup(
                name: "Recipient (advocate, lawyer)",
                subcommands: [RecipientCommand.self, OpenCommand.self, VerifyCommand.self, DecryptCommand.self])
        ]
    )

    /// Turns core dumps off before anything else runs, then parses and runs the command.
    static func main() {
        ProcessHardening.apply()
        do {
            try checkCommandName(Array(CommandLine.arguments.dropFirst()))
            var command = try parseAsRoot(nil)
            try command.run()
        } catch {
            exit(reporting: error)
        }
    }

    /// Ends the program after `error`: help and version on standard output (exit 0); a usage
    /// error (a mistyped command, option or value) as one "keepsake: error: …" line and exit 2,
    /// as every other usage error; errors a command already reported, with their own code.
    static func exit(reporting error: any Error) -> Never {
        let code = exitCode(for: error)
        if let exit = error as? ArgumentParser.ExitCode { Self.exit(withError: exit) }
        if code == .success {
            print(fullMessage(for: error))
            Self.exit(withError: ArgumentParser.ExitCode.success)
        }
        if code == .validationFailure {
            Terminal.error(usageMessage(for: error))
            Self.exit(withError: ArgumentParser.ExitCode(KeepsakeExit.usage.rawValue))
        }
        Self.exit(withError: error)
    }

    /// A parse or validation error in one line: ArgumentParser's lists of allowed values
    /// ("one of the following:\n  - physical\n  - verbal") joined on the line.
    static func usageMessage(for error: any Error) -> String {
        var text = message(for: error).trimmingCharacters(in: .whitespacesAndNewlines)
        for prefix in ["Error: ", "error: "] where text.hasPrefix(prefix) { text.removeFirst(prefix.count) }
        let lines = text.split(separator: "\n").map { line in
            var trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.hasPrefix("- ") { trimmed.removeFirst(2) }
            return trimmed
        }.filter { !$0.isEmpty }
        text = lines.first.map { first in ([first] + [lines.dropFirst().joined(separator: ", ")]).filter { !$0.isEmpty }.joined(separator: " ") } ?? text
        if let first = text.first, first.isUppercase { text = first.lowercased() + text.dropFirst() }
        if text.hasPrefix("unknown option") || text.hasPrefix("unexpected argument") {
            text += " (`keepsake help` lists the commands, `keepsake COMMAND --help` their options)"
        }
        return text
    }

    /// The names `keepsake` takes as its first word.
    static var commandNames: [String] {
        let types = configuration.subcommands + configuration.groupedSubcommands.flatMap(\.subcommands)
        return types.flatMap { [$0.configuration.commandName].compactMap { $0 } + $0.configuration.aliases } + ["help"]
    }

    /// Refuses a first word that is no command, naming the closest one.
    /// - Throws: `ValidationError` (exit 2).
    static func checkCommandName(_ arguments: [String]) throws {
        guard let first = arguments.first, !first.hasPrefix("-"), !commandNames.contains(first) else { return }
        let close = commandNames.filter { EditDistance.between($0, first) <= 2 }
            .min { EditDistance.between($0, first) < EditDistance.between($1, first) }
        throw ValidationError(
            "there is no command '\(first)'" + (close.map { "; did you mean '\($0)'?" } ?? "; `keepsake help` lists them"))
    }
}

/// Levenshtein distance, for suggesting the command meant by a typo.
enum EditDistance {
    static func between(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        var previous = Array(0...b.count)
        for (i, x) in a.enumerated() {
            var current = [i + 1] + [Int](repeating: 0, count: b.count)
            for (j, y) in b.enumerated() {
                current[j + 1] = min(previous[j + 1] + 1, current[j] + 1, previous[j] + (x == y ? 0 : 1))
            }
            previous = current
        }
        return previous[b.count]
    }
}

/// The program's version, printed by `keepsake --version`.
enum KeepsakeVersion {
    static let string = "0.1.0"
}
