import Foundation
import KeepsakeVault

/// The report's section of the owner's boundaries (report layout 5), present only when the
/// owner included them (`export --include-boundaries`): each in their words, with the date it
/// was written and, when it was changed, the date of the change and (with `--history`) the
/// earlier wording. Rendered from the disclosed entries alone, so `verify` renders it again.
enum ReportBoundaries {
    static func section(_ page: inout HTMLText, _ input: ReportHTML.Input, _ dates: DateText) {
        let boundaries = input.selection.boundaries
        page.element("h2", "What I won't accept again")
        page.element(
            "p",
            "The owner's boundaries, in their own words, each with the day it was written. They are not incidents and are not counted anywhere in this bundle. \(boundaries.count) entr\(boundaries.count == 1 ? "y" : "ies").",
            class: "note")
        for item in boundaries {
            guard let boundary = item.current.boundary else { continue }
            page.raw("<div class=\"incident\">")
            page.element("h3", "Boundary written \(dates.date(item.createdAt)) (entry \(item.id.short))")
            page.raw("<table>\n")
            page.row("In the owner's words", boundary.text)
            page.row("Written down", dates.dateTime(item.createdAt))
            if item.isAmended {
                page.row("Changed", "last on \(dates.dateTime(item.updatedAt)); \(item.versions.count) versions in this bundle")
                for version in item.versions.dropLast() {
                    page.row("Earlier wording, \(dates.date(version.writtenAt))", version.content.boundary?.text)
                }
            }
            page.raw("</table>\n")
            page.raw("</div>\n")
        }
    }
}
