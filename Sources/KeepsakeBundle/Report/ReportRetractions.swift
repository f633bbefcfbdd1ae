import Foundation

/// The retracted incidents of a layout 4 report: how many, and each with when the owner
/// retracted it and why, from the disclosed retraction records. Their content only in layout 5
/// and only when the owner chose to include it (`--history`): then what each said, with its
/// amendments, follows the list, each marked as retracted.
enum ReportRetractions {
    static func render(_ page: inout HTMLText, _ retracted: [RetractedEntry], dates: ReportDates, layout: Int = 4) {
        page.raw("<section class=\"retracted\">")
        page.element("h2", "Retracted entries")
        guard !retracted.isEmpty else {
            page.element("p", "The owner retracted no incident in this period.")
            page.raw("</section>\n")
            return
        }
        let withContent = layout >= 5 ? retracted.filter { $0.item != nil } : []
        if withContent.isEmpty {
            page.element("p", "The owner retracted \(retracted.count) incident(s). A retracted entry stays in the vault's signed record, so it can't be removed without trace; its content is not in this bundle.")
        } else {
            page.element("p", "The owner retracted \(retracted.count) incident(s). A retracted entry stays in the vault's signed record, so it can't be removed without trace. The owner chose to include what \(withContent.count) of them said; it follows the list, each marked as retracted.")
        }
        page.raw("<table class=\"index\"><thead><tr><th>Entry</th><th>Retracted on</th><th>Reason given</th></tr></thead><tbody>\n")
        for entry in retracted {
            page.raw("<tr><td>")
            page.text("entry \(entry.target.short)")
            page.raw("</td><td>")
            page.text(dates.dateTime(entry.at))
            page.raw("</td><td>")
            page.text(entry.reason.flatMap { $0.isEmpty ? nil : $0 } ?? "none given")
            page.raw("</td></tr>\n")
        }
        page.raw("</tbody></table>\n")
        for entry in withContent { content(&page, entry, dates: dates, layout: layout) }
        page.raw("</section>\n")
    }

    /// What a retracted incident said (its last version, then its amendments).
    private static func content(_ page: inout HTMLText, _ entry: RetractedEntry, dates: ReportDates, layout: Int) {
        guard let item = entry.item, let incident = item.current.incident else { return }
        page.raw("<article class=\"incident retracted-content\">")
        page.element("h3", "Retracted entry \(item.id.short): what it said (retracted \(dates.dateTime(entry.at)))")
        page.raw("<table>\n")
        page.row("Status", "retracted by the owner; shown because they chose to include it")
        page.row("Written down", dates.dateTime(item.createdAt))
        for (label, value) in ReportIncident.fields(incident, dates, layout: layout) { page.row(label, value) }
        page.raw("</table>\n")
        ReportIncident.changes(&page, item, dates, layout: layout)
        page.raw("</article>\n")
    }
}
