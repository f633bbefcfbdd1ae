import Foundation
import KeepsakeVault

/// The report's section of journal entries (report layout 5), present only when the owner
/// included them (`export --include-journal`). They are the owner's private notes, not
/// incidents: never counted in the summary, the CSV or the incident list, and the section
/// says so. Each entry's text is shown exactly as written, line breaks kept.
enum ReportJournal {
    static func section(_ page: inout HTMLText, _ input: ReportHTML.Input, _ dates: DateText) {
        let entries = input.selection.journal
        page.element("h2", "Journal")
        page.element(
            "p",
            "These are the owner's own journal entries, shared by their choice. They are not incidents and are not counted as incidents anywhere in this bundle. \(entries.count) entr\(entries.count == 1 ? "y" : "ies").",
            class: "note")
        for item in entries {
            guard let entry = item.current.journal else { continue }
            page.raw("<div class=\"incident\">")
            page.element("h3", "Journal entry, \(dates.dateTime(item.createdAt)) (entry \(item.id.short))")
            page.raw("<table>\n")
            page.row("Written down", dates.dateTime(item.createdAt))
            if item.isAmended {
                page.row("Amended", "yes, last on \(dates.dateTime(item.updatedAt)); \(item.versions.count) versions")
            }
            page.row("Tags", entry.tags.joined(separator: ", "))
            page.row("What the owner wrote", entry.text)
            page.raw("</table>\n")
            page.raw("</div>\n")
        }
    }
}
