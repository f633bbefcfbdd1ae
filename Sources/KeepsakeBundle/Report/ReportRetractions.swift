import Foundation

/// The retracted incidents of a layout 4 report: how many, and each with when the owner
/// retracted it and why, from the disclosed retraction records; never their content.
enum ReportRetractions {
    static func render(_ page: inout HTMLText, _ retracted: [RetractedEntry], dates: ReportDates) {
        page.raw("<section class=\"retracted\">")
        page.element("h2", "Retracted entries")
        guard !retracted.isEmpty else {
            page.element("p", "The owner retracted no incident in this period.")
            page.raw("</section>\n")
            return
        }
        page.element("p", "The owner retracted \(retracted.count) incident(s). A retracted entry stays in the vault's signed record, so it can't be removed without trace; its content is not in this bundle.")
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
        page.raw("</tbody></table>\n</section>\n")
    }
}
