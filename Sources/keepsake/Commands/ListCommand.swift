import ArgumentParser
import Foundation
import KeepsakeVault

/// `keepsake list [incidents|plan|contacts]`: the current entries, newest state of each.
struct ListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "List your incidents, plan steps or contacts.",
        discussion: "Retracted entries are hidden; `keepsake show ID` still shows them with their history.")

    enum What: String, ExpressibleByArgument, CaseIterable {
        case incidents, plan, contacts
        var kind: EntryKind {
            switch self {
            case .incidents: return .incident
            case .plan: return .planItem
            case .contacts: return .contact
            }
        }
    }

    @Argument(help: "What to list: incidents (the default), plan or contacts.")
    var what: What = .incidents

    @OptionGroup var vault: VaultOptions
    @OptionGroup var passphrase: PassphraseOptions
    @OptionGroup var output: OutputOptions

    func run() throws {
        try CommandRunner.run {
            let opened = try Unlock.vault(vault, passphrase, mode: .readOnly)
            let items = opened.current(what.kind)
            if output.json {
                try JSONOutput.print(items.map { ItemJSON($0) })
                return
            }
            if items.isEmpty {
                print("Nothing here yet.")
                return
            }
            for item in items { print(Summary.line(item)) }
        }
    }
}

/// Short summaries of items, for lists and search results, each line within the terminal's
/// width: an incident is its id and when, then the start of what happened, then its high-risk
/// signs, under one another.
enum Summary {
    static func line(_ item: Item, width: Int = min(TextWrap.width, 80)) -> String {
        let id = Terminal.style(item.id.short, "33")
        let indent = String(repeating: " ", count: item.id.short.count + 2)
        switch item.current {
        case let .incident(incident):
            let when = incident.occurred.map { HumanDate.format($0, timeZone: .current) }
                ?? "written \(DisplayDate.format(item.createdAt))"
            let files = item.visibleAttachments.isEmpty
                ? "" : "  [\(item.visibleAttachments.count) file\(item.visibleAttachments.count == 1 ? "" : "s")]"
            let amended = item.isAmended ? " (amended)" : ""
            var lines = [id + "  " + excerpt(when + amended + files, length: width - indent.count)]
            if !incident.account.isEmpty { lines.append(indent + TerminalText.line(excerpt(incident.account, length: width - indent.count))) }
            if !incident.highRisk.isEmpty {
                let risk = PlainText.wrap("! " + incident.highRisk.map(\.label).joined(separator: ", "), width: width, indent: indent)
                lines += risk.map { Terminal.style($0, "31") }
            }
            return lines.joined(separator: "\n")
        case let .planItem(step):
            let box = step.status == .done ? "[x]" : "[ ]"
            let folded = PlainText.wrap("\(box) \(TerminalText.line(step.title))  (\(PlanTemplate.phase(of: step).label))", width: width, indent: indent)
            return ([id + "  " + folded[0].dropFirst(indent.count)] + folded.dropFirst()).joined(separator: "\n")
        case let .contact(contact):
            let reach = [contact.phone, contact.email].compactMap { $0 }.joined(separator: ", ")
            var lines = [id + "  " + TerminalText.line(excerpt("\(contact.name) (\(contact.role.rawValue))", length: width - indent.count))]
            if !reach.isEmpty { lines.append(indent + TerminalText.line(excerpt(reach, length: width - indent.count))) }
            if contact.knows == true { lines.append(indent + "knows what is happening") }
            return lines.joined(separator: "\n")
        case let .cycle(moment):
            var lines = [id + "  " + excerpt(CycleText.heading(item, moment), length: width - indent.count)]
            if !moment.said.isEmpty { lines.append(indent + TerminalText.line(excerpt(moment.said, length: width - indent.count))) }
            return lines.joined(separator: "\n")
        case .profile:
            return id + "  " + excerpt("Your profile (`keepsake profile show`)", length: width - indent.count)
        case let .journal(entry):
            return JournalText.line(item, entry, id: id, indent: indent, width: width)
        case .boundary, .letter:
            return WayOutText.summary(item, id: id, indent: indent, width: width)
        }
    }

    static func excerpt(_ text: String, length: Int = 60) -> String {
        let flat = text.split(whereSeparator: \.isNewline).joined(separator: " ")
        return flat.count > length ? String(flat.prefix(length - 1)) + "…" : flat
    }
}
