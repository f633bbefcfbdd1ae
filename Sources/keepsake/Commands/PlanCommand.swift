import ArgumentParser
import Foundation
import KeepsakeVault

/// `keepsake plan`: the owner's safety plan, phase by phase, with their own answers and progress
/// per phase, and the commands that change it.
struct PlanCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plan",
        abstract: "Your safety plan: phase by phase, in your own words, with what is done and what is left.",
        discussion: """
            Start with `keepsake plan template` for steps advocates go through in a safety plan; \
            write your own answer to a step with `keepsake plan answer ID`, remove any step that \
            doesn't fit you with `keepsake retract ID`, leave out a whole phase with \
            `keepsake plan hide PHASE`, add your own with `keepsake plan add`, and tick them off \
            with `keepsake plan done ID`.
            """,
        subcommands: [Show.self, Template.self, Add.self, Answer.self, Done.self, Undo.self, Hide.self, Unhide.self],
        defaultSubcommand: Show.self)

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "show", abstract: "Show your plan, phase by phase, with your answers and progress.")

        @OptionGroup var vault: VaultOptions
        @OptionGroup var passphrase: PassphraseOptions
        @OptionGroup var output: OutputOptions

        func run() throws {
            try CommandRunner.run {
                let opened = try Unlock.vault(vault, passphrase, mode: .readOnly)
                let items = opened.current(.planItem)
                if output.json { return try JSONOutput.print(PlanJSON(items)) }
                guard !items.isEmpty else {
                    print("Your plan is empty. `keepsake plan template` adds a starting list of steps.")
                    return
                }
                let contacts = Dictionary(uniqueKeysWithValues: PlanCommand.contactChoices(opened).map { ($0.id, $0.label) })
                let warning = PlanCommand.recordMentionsTracking(opened) ? PlanWarning.louder : PlanWarning.note
                let plan = PlanProgress(vaultItems: items, contacts: contacts, suggestions: PlanNumbers.suggestions(opened))
                print(TerminalText.block(plan.render(width: min(TextWrap.width, 80), warning: warning)))
                PeopleWhoKnow.print(opened)
            }
        }
    }

    struct Template: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "template",
            abstract: "Add the steps of a safety plan, in every phase, to your plan.",
            discussion: "Steps already in your plan (the same step, or the one an earlier template added for it) are not added twice.")

        @OptionGroup var vault: VaultOptions
        @OptionGroup var passphrase: PassphraseOptions

        func run() throws {
            try CommandRunner.run {
                let opened = try Unlock.vault(vault, passphrase)
                let existing = opened.current(.planItem).compactMap { $0.current.planItem }
                var added = 0
                for step in PlanTemplate.missing(from: existing) {
                    try opened.add(.planItem(step))
                    added += 1
                }
                print(added == 0
                    ? "Your plan already has every step of the template."
                    : "Added \(added) steps. `keepsake plan` shows them; take them one at a time, in any order.")
            }
        }
    }

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "add", abstract: "Add a step of your own.")

        @Argument(help: "What to do, in a few words (leave out to be asked each detail on a terminal).")
        var title: String?

        @Option(help: "safe-place (when not given), people, money, documents, go-bag, children-and-pets, technology, legal or after-leaving.")
        var category: PlanCategory?

        @Option(help: "The phase it belongs to (during-incident, preparing-to-leave, day-of-leaving, home-after-leaving, protection-order, work-and-public, technology, children-and-pets, alcohol-or-drugs, emotional-health, important-numbers); when not given, the category's.")
        var phase: PlanPhase?

        @Option(help: "Anything else about it.")
        var notes: String?

        @Option(help: ArgumentHelp("When you want it done by (\"2026-03-20\", \"friday\").", valueName: "date"))
        var due: String?

        @OptionGroup var vault: VaultOptions
        @OptionGroup var passphrase: PassphraseOptions

        func run() throws {
            try CommandRunner.run {
                let dueDate = try due.map { text in try DueDate.parse(text) }
                guard title != nil || Terminal.isInteractive else {
                    throw CLIError.usage("give the step (`keepsake plan add \"WHAT TO DO\"`), or run it on a terminal to be asked")
                }
                let opened = try Unlock.vault(vault, passphrase)
                var step = PlanItem(
                    category: category ?? phase?.category ?? .safePlace, title: title ?? "", notes: notes, due: dueDate, phase: phase)
                if title == nil {
                    guard try Question.guided(PlanQuestions.all, &step, intro: "Let's add a step to your plan.") else { return }
                }
                let item = try opened.add(.planItem(step))
                print("Added step \(item.id.short) under \(PlanTemplate.phase(of: step).label).")
            }
        }
    }

    struct Done: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "done", abstract: "Tick off a step.")

        @Argument(help: "The step's id (`keepsake plan` shows them).")
        var id: String

        @OptionGroup var vault: VaultOptions
        @OptionGroup var passphrase: PassphraseOptions

        func run() throws {
            try CommandRunner.run { try setStatus(id, .done, vault, passphrase) }
        }
    }

    struct Undo: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "undo", abstract: "Mark a step as not done after all.")

        @Argument(help: "The step's id.")
        var id: String

        @OptionGroup var vault: VaultOptions
        @OptionGroup var passphrase: PassphraseOptions

        func run() throws {
            try CommandRunner.run { try setStatus(id, .open, vault, passphrase) }
        }
    }

    static func setStatus(_ id: String, _ status: PlanItem.Status, _ vault: VaultOptions, _ passphrase: PassphraseOptions) throws {
        let opened = try Unlock.vault(vault, passphrase)
        var (resolved, step) = try step(id, in: opened)
        guard step.status != status else {
            print(status == .done ? "That step is already done." : "That step is not done yet.")
            return
        }
        step.status = status
        step.doneAt = status == .done ? Date() : nil
        try opened.revise(resolved, to: .planItem(step))
        let progress = PlanProgress(vaultItems: opened.current(.planItem))
        print(status == .done
            ? "Done: \(step.title). \(progress.done) of \(progress.total) steps done."
            : "Marked as not done: \(step.title).")
    }
}

/// Due dates of plan steps: in the future as often as not. Read: "2026-03-20", "today",
/// "tomorrow", a weekday ("friday", "next friday": the coming one, today included for the
/// first), "in 3 days", "in 2 weeks". The first moment of that day, in this machine's zone.
enum DueDate {
    /// Reads a due date.
    /// - Throws: `CLIError.usage` with what to write instead.
    static func parse(_ text: String, now: Date = Date()) throws -> Date {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = .current
        let today = calendar.startOfDay(for: now)
        let words = text.lowercased().split(whereSeparator: \.isWhitespace).map(String.init)
        let iso = DateFormatter()
        iso.locale = Locale(identifier: "en_US_POSIX")
        iso.timeZone = .current
        iso.dateFormat = "yyyy-MM-dd"
        func days(_ count: Int) -> Date? { calendar.date(byAdding: .day, value: count, to: today) }
        let weekdays = ["sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday"]
        func weekday(_ word: String) -> Int? {
            weekdays.firstIndex { $0 == word || (word.count >= 3 && $0.hasPrefix(word)) }.map { $0 + 1 }
        }
        var found: Date?
        switch words.count {
        case 1:
            if let date = iso.date(from: words[0]) { found = date }
            else if words[0] == "today" { found = today }
            else if words[0] == "tomorrow" { found = days(1) }
            else if let day = weekday(words[0]) {
                found = days((day - calendar.component(.weekday, from: today) + 7) % 7)
            }
        case 2 where words[0] == "next" || words[0] == "this":
            if let day = weekday(words[1]) {
                let ahead = (day - calendar.component(.weekday, from: today) + 7) % 7
                found = days(words[0] == "next" && ahead == 0 ? 7 : ahead)
            }
        case 3 where words[0] == "in":
            if let count = Int(words[1]), (0...3650).contains(count) {
                if ["day", "days"].contains(words[2]) { found = days(count) }
                if ["week", "weeks"].contains(words[2]) { found = days(7 * count) }
            }
        default: break
        }
        guard let found else {
            throw CLIError.usage("can't read the due date \"\(text)\"; write a day such as friday, in 3 days, or 2026-03-20")
        }
        return found
    }

    /// "2026-03-20".
    static func format(_ date: Date) -> String {
        let iso = DateFormatter()
        iso.locale = Locale(identifier: "en_US_POSIX")
        iso.timeZone = .current
        iso.dateFormat = "yyyy-MM-dd"
        return iso.string(from: date)
    }
}

/// The plan in JSON.
struct PlanJSON: Encodable {
    struct Phase: Encodable { var phase: String; var label: String; var done: Int; var total: Int }
    var done: Int
    var total: Int
    var percent: Int
    var phases: [Phase]
    var hidden: [String]
    var steps: [ItemJSON]

    init(_ items: [Item]) {
        let progress = PlanProgress(vaultItems: items)
        done = progress.done
        total = progress.total
        percent = progress.percent
        phases = progress.sections.map {
            Phase(phase: $0.phase.rawValue, label: $0.phase.label, done: $0.done, total: $0.total)
        }
        hidden = progress.hidden.map(\.rawValue)
        steps = items.map { ItemJSON($0) }
    }
}
