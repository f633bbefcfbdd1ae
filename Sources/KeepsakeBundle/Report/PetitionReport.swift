import Foundation
import KeepsakeCrypto
import KeepsakeStore
import KeepsakeVault

/// `report.html` of report layout 4, in the order a protective-order petition asks: a first
/// page with the case number and what the bundle holds, a one-page summary (the most recent
/// incident, the most serious ones, how often by month, high-risk signs, firearms), the
/// incidents most recent first (oldest first when the owner chose it), the incidents the
/// owner retracted (when and why, not their content), the exhibits, the
/// plan and contacts if chosen, a declaration for the owner to sign, and an appendix on how
/// the record can be checked. Printed, every page carries "Page x of y" and the case number.
///
/// Rendered from the disclosed entries and the signed manifest alone, like every layout.
enum PetitionReport {
    static func render(_ input: ReportHTML.Input) -> String {
        let dates = ReportDates(timeZone: input.timeZone)
        let incidents = input.filters.oldestFirst == true ? input.selection.incidents : input.selection.incidents.reversed()
        let exhibits = ReportExhibits(incidents: incidents, input: input)
        var page = HTMLText()
        page.raw(ReportStyle.head(caseNumber: input.filters.caseNumber))
        firstPage(&page, input, dates)
        ReportSummary.render(&page, incidents: incidents, input: input, dates: dates)
        page.raw("<section class=\"incidents\">")
        page.element("h2", input.filters.oldestFirst == true ? "Incidents, oldest first" : "Incidents, most recent first")
        if incidents.isEmpty { page.element("p", "No incidents were included.") }
        for item in incidents { ReportIncident.render(&page, item, input: input, exhibits: exhibits, dates: dates) }
        page.raw("</section>\n")
        ReportRetractions.render(&page, input.selection.retracted, dates: dates, layout: input.layout)
        // Sections chosen at export: the cycle here, after the incidents; the plan below.
        if !input.selection.moments.isEmpty { ReportCycle.section(&page, input, dates.plain) }
        if input.layout >= 5 && !input.selection.journal.isEmpty { ReportJournal.section(&page, input, dates.plain) }
        if input.layout >= 5 && !input.selection.boundaries.isEmpty { ReportBoundaries.section(&page, input, dates.plain) }
        exhibits.render(&page, dates: dates)
        if !input.selection.planSteps.isEmpty { ReportPlanSection.render(&page, input.selection, dates.plain) }
        if !input.selection.contacts.isEmpty { ReportHTML.contacts(&page, input.selection.contacts) }
        ReportDeclaration.render(&page)
        ReportAppendix.render(&page, input: input, dates: dates)
        page.raw("</body></html>\n")
        return page.html
    }

    private static func firstPage(_ page: inout HTMLText, _ input: ReportHTML.Input, _ dates: ReportDates) {
        page.raw("<header class=\"caption\">")
        page.element("h1", "Record of incidents")
        page.raw("<table class=\"parties\">\n")
        page.row("Case number", input.filters.caseNumber ?? "not given (write it here) ______________________")
        if input.layout >= 5 { ReportParties.firstPage(&page, input.selection.profile, dates) }
        page.row("Exported", dates.dateTime(input.exportedAt))
        page.row("Times", "Local time in \(input.timeZone.identifier); each time shows its offset from UTC, which changes with summer time.")
        page.row("Holds", "\(input.selection.incidents.count) incident(s), \(input.selection.attachments.count) attached file(s) (exhibits)")
        page.raw("</table>\n")
        page.element("p", "Every entry was sealed when it was written and signed by the owner's vault; the appendix says how anyone can check that nothing here was changed.", class: "note")
        page.raw("</header>\n")
    }
}

/// Dates of layout 4: in the owner's time zone, each time with the offset that applied on
/// that date ("Sat 15 Aug 2026, 21:40 (UTC-07:00)").
struct ReportDates {
    let timeZone: TimeZone
    var plain: DateText { DateText(timeZone: timeZone) }

    func dateTime(_ date: Date) -> String { plain.dateTime(date) + " (" + offset(at: date) + ")" }
    func date(_ date: Date) -> String { plain.date(date) }

    /// "UTC-07:00".
    func offset(at date: Date) -> String {
        let minutes = timeZone.secondsFromGMT(for: date) / 60
        return "UTC" + (minutes >= 0 ? "+" : "-") + String(format: "%02d:%02d", abs(minutes) / 60, abs(minutes) % 60)
    }

    /// When it happened in words; a time of day carries its offset, a whole day none.
    func occurred(_ occurrence: Occurrence) -> String {
        let text = HumanDate.format(occurrence, timeZone: timeZone)
        return isWholeDays(occurrence) ? text : text + " (" + offset(at: occurrence.start) + ")"
    }

    /// True when the occurrence is one or more whole local days (a date with no time).
    func isWholeDays(_ occurrence: Occurrence) -> Bool {
        guard let end = occurrence.end else { return false }
        let calendar = self.calendar
        return calendar.startOfDay(for: occurrence.start) == occurrence.start && calendar.startOfDay(for: end) == end && end > occurrence.start
    }

    /// How long after it happened an entry was written down: in hours or days from a time,
    /// in calendar days from the last day of a date given without a time.
    func gap(_ occurrence: Occurrence, writtenAt: Date) -> String {
        guard isWholeDays(occurrence), let end = occurrence.end else { return ReportHTML.gap(from: occurrence.start, to: writtenAt) }
        let calendar = self.calendar
        let lastDay = calendar.date(byAdding: .day, value: -1, to: end) ?? occurrence.start
        let days = calendar.dateComponents([.day], from: calendar.startOfDay(for: lastDay), to: calendar.startOfDay(for: writtenAt)).day ?? 0
        if writtenAt < occurrence.start { return "written before the day given for it" }
        if days <= 0 { return "written down the same day" }
        return "written down \(days) day(s) after that day"
    }

    private var calendar: Calendar {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        return calendar
    }
}
