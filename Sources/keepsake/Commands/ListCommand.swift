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

/// One-line summaries of items, for lists and search results.
enum Summary {
    static func line(_ item: Item) -> String {
        let id = Terminal.style(item.id.short, "33")
        switch item.current {
        case let .incident(incident):
            let when = incident.occurred.map { HumanDate.format($0, timeZone: .current) }
                ?? "written \(DisplayDate.format(item.createdAt))"
            let risk = incident.highRisk.isEmpty ? "" : Terminal.style("  ! " + incident.highRisk.map(\.label).joined(separator: ", "), "31")
            let files = item.visibleAttachments.isEmpty ? "" : "  [\(item.visibleAttachments.count) file(s)]"
            let amended = item.isAmended ? " (amended)" : ""
            return "\(id)  \(when)  \(TerminalText.line(excerpt(incident.account)))\(amended)\(files)\(risk)"
        case let .planItem(step):
            let box = step.status == .done ? "[x]" : "[ ]"
            return "\(id)  \(box) \(TerminalText.line(step.title))  (\(step.category.label))"
        case let .contact(contact):
            let reach = [contact.phone, contact.email].compactMap { $0 }.joined(separator: ", ")
            return "\(id)  \(TerminalText.line(contact.name)) (\(contact.role.rawValue))\(reach.isEmpty ? "" : "  \(TerminalText.line(reach))")"
        }
    }

    static func excerpt(_ text: String, length: Int = 60) -> String {
        let flat = text.split(whereSeparator: \.isNewline).joined(separator: " ")
        return flat.count > length ? String(flat.prefix(length - 1)) + "…" : flat
    }
}
