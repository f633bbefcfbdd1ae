import Foundation
import KeepsakeVault

/// The report's section of good days, apologies and promises (report layout 4), present only
/// when the owner included them (`export --include-cycle`). They are not incidents: they are
/// never counted in the summary, the CSV or the incident list, and the section says so.
enum ReportCycle {
    static func section(_ page: inout HTMLText, _ input: ReportHTML.Input, _ dates: DateText) {
        let moments = input.selection.moments
        page.element("h2", "Good days, apologies and promises")
        page.element(
            "p",
            "These are not incidents and are not counted as incidents anywhere in this bundle. The owner wrote them down to see the pattern of harm, apology and promise over time. \(moments.count) entr\(moments.count == 1 ? "y" : "ies").",
            class: "note")
        for item in moments {
            guard let moment = item.current.cycle else { continue }
            let when = moment.occurred.map { HumanDate.format($0, timeZone: input.timeZone) } ?? "not given"
            page.raw("<div class=\"incident\">")
            page.element("h3", "\(label(moment.kind)), \(when) (entry \(item.id.short))")
            page.raw("<table>\n")
            page.row("When it happened", when)
            page.row("Written down", dates.dateTime(item.createdAt))
            if item.isAmended {
                page.row("Amended", "yes, last on \(dates.dateTime(item.updatedAt)); \(item.versions.count) versions")
            }
            page.row("What was said or done", moment.said)
            page.row("After the incident", moment.incident.map { "entry \($0.short)" })
            if moment.kind == .promise {
                let outcome = moment.outcome.map { outcome in
                    outcome.rawValue + (moment.outcomeOn.map { ", noted for \(dates.date($0))" } ?? "")
                }
                page.row("The promise was", outcome ?? "not known yet")
            }
            page.raw("</table>\n")
            page.raw("</div>\n")
        }
    }

    static func label(_ kind: CycleMoment.Kind) -> String {
        switch kind {
        case .goodDay: return "A good day"
        case .apology: return "An apology"
        case .promise: return "A promise"
        }
    }
}
