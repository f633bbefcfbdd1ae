import ArgumentParser
import Foundation
import KeepsakeVault

/// `keepsake show ID`: one entry in full, with its history and attachments.
struct ShowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: "Show one entry in full, with every earlier version and its attachments.")

    @Argument(help: "The entry's id (the first few characters are enough).")
    var id: String

    @OptionGroup var vault: VaultOptions
    @OptionGroup var passphrase: PassphraseOptions
    @OptionGroup var output: OutputOptions

    func run() throws {
        try CommandRunner.run {
            let opened = try Unlock.vault(vault, passphrase, mode: .readOnly)
            let resolved = try opened.resolve(id)
            guard let item = opened.item(owning: resolved) else { throw VaultError.unknownID(id) }
            if output.json {
                try JSONOutput.print(ItemJSON(item, withHistory: true))
                return
            }
            print(Details.render(item))
        }
    }
}

/// The full text view of an item.
enum Details {
    static func render(_ item: Item) -> String {
        var lines: [String] = []
        let title = "\(item.current.kindName.capitalized) \(item.id.short)"
        lines.append(Terminal.style(title, "1"))
        lines.append("Written down: \(DisplayDate.format(item.createdAt))")
        if item.isAmended { lines.append("Last amended: \(DisplayDate.format(item.updatedAt))") }
        if let retraction = item.retraction {
            lines.append("Retracted: \(DisplayDate.format(retraction.at))" + (retraction.reason.map { " (\(TerminalText.line($0)))" } ?? ""))
        }
        lines.append("")
        lines += fields(item.current)
        for file in item.attachments {
            let state = file.retracted ? " (retracted)" : ""
            lines.append("Attachment \(file.entryID.short): \(TerminalText.line(file.reference.fileName)), \(file.reference.size) bytes, added \(DisplayDate.format(file.addedAt))\(state)")
            lines.append("  SHA-256 \(file.reference.sha256)")
        }
        if item.isAmended {
            lines.append("")
            lines.append(Terminal.style("History", "1"))
            for (index, version) in item.versions.enumerated() {
                lines.append("Version \(index + 1), written \(DisplayDate.format(version.writtenAt)):")
                lines += fields(version.content).map { $0.isEmpty ? "" : "  " + $0 }
            }
        }
        return lines.joined(separator: "\n")
    }

    static func fields(_ content: ItemContent) -> [String] {
        var out: [String] = []
        func add(_ label: String, _ value: String?) {
            if let value, !value.isEmpty { out.append("\(label): \(TerminalText.block(value))") }
        }
        func list(_ label: String, _ values: [String]) { if !values.isEmpty { add(label, values.joined(separator: ", ")) } }
        switch content {
        case let .incident(i):
            add("When", i.occurred.map { HumanDate.format($0, timeZone: .current) })
            add("How long", i.duration)
            add("Where", i.location)
            list("Who was there", i.people)
            list("Witnesses", i.witnesses)
            add("Children present", i.childrenPresent?.label)
            add("Children hurt or threatened", i.childrenHarmed)
            list("Kinds of harm", i.kinds.map(\.label))
            add("What happened", i.account)
            for quote in i.quotes { out.append("Words said: \u{201C}\(TerminalText.block(quote))\u{201D}") }
            add("How I felt", i.feelings)
            add("Injuries", i.injuries)
            list("Where on the body", i.injuryLocations)
            add("Weapons or objects", i.weapons)
            list("High-risk signs", i.highRisk.map(\.label))
            list("Not sure about", (i.unsureSigns ?? []).map(\.label))
            for (label, value) in i.strangulation?.lines ?? [] { add("Choking: " + label.lowercased(), value) }
            add("Medical care", i.medicalCare)
            if let police = i.police, police.involved {
                add("Police", ["involved", police.officer.map { "officer \($0)" }, police.reportNumber.map { "report \($0)" }]
                    .compactMap { $0 }.joined(separator: ", "))
            }
            add("Arrest made", i.arrestMade?.label)
            add("Technology", i.technology)
        case let .planItem(p):
            add("Step", p.title)
            add("Part of the plan", PlanTemplate.phase(of: p).label)
            add("Your answer", p.answer)
            add("Status", p.status == .done ? "done" : "to do")
            add("Due", p.due.map { DisplayDate.format($0, withTime: false) })
            add("Done on", p.doneAt.map { DisplayDate.format($0) })
            add("Notes", p.notes)
        case let .contact(c):
            add("Name", c.name)
            add("Role", c.role.rawValue)
            add("Phone", c.phone)
            add("Email", c.email)
            add("Address", c.address)
            add("Safe to contact", c.safeContact)
            add("Notes", c.notes)
            add("Knows what is happening", c.knows.map { $0 ? "yes" : "no" })
        case let .cycle(m):
            for (label, value) in CycleText.fields(m) { add(label, value) }
        case let .profile(profile):
            for (label, value) in ProfileText.fields(profile) { add(label, value) }
        case let .journal(j):
            out += JournalText.fields(j)
        case let .boundary(b):
            add("What I won't accept again", b.text)
        case let .letter(l):
            add("Letter", l.text)
        }
        return out
    }
}
