import Foundation
import KeepsakeVault

/// One incident of a layout 4 report: its heading kept with its first rows, every field a
/// petition asks for, its exhibits by number, and each amendment as the fields it changed,
/// with the old and new value and when each version was written.
enum ReportIncident {
    static func render(_ page: inout HTMLText, _ item: Item, input: ReportHTML.Input, exhibits: ReportExhibits, dates: ReportDates) {
        guard let incident = item.current.incident else { return }
        let when = incident.occurred.map(dates.occurred) ?? "date not given"
        page.raw("<article class=\"incident\">")
        page.element("h3", "\(when) (entry \(item.id.short))")
        page.raw("<table>\n")
        page.row("When it happened", when)
        page.row("Written down", ReportHTML.writtenDown(item, incident, input, dateTime: dates.dateTime, measure: dates.gap))
        let partial = input.selection.partialHistory.contains(item.id)
        if partial {
            page.row("Amended", "yes, last on \(dates.dateTime(item.updatedAt)); earlier versions are not in this bundle")
        } else if item.isAmended {
            page.row("Amended", "yes, \(item.versions.count - 1) time(s), last on \(dates.dateTime(item.updatedAt)); the changes follow")
        }
        for (label, value) in fields(incident, dates, layout: input.layout) where label != "When it happened" {
            if label == "High-risk signs" {
                page.raw("<tr><th>High-risk signs</th><td class=\"risk\">")
                page.text(value)
                page.raw("</td></tr>\n")
            } else {
                page.row(label, value)
            }
        }
        let numbers = item.visibleAttachments.compactMap { exhibits.number[$0.entryID] }
        page.row("Exhibits", numbers.map { "Exhibit \($0)" }.joined(separator: ", "))
        page.raw("</table>\n")
        if partial || (item.isAmended && !input.filters.includeHistory) {
            page.element("p", input.layout >= 5
                ? "Earlier versions were not included in this bundle (the owner left them out with --latest-only)."
                : "Earlier versions were not included in this bundle (the owner can export with --history to include them).", class: "note")
        } else {
            changes(&page, item, dates, layout: input.layout)
        }
        page.raw("</article>\n")
    }

    /// Each amendment: the fields it changed, old and new.
    static func changes(_ page: inout HTMLText, _ item: Item, _ dates: ReportDates, layout: Int) {
        guard item.versions.count > 1 else { return }
        for index in 1..<item.versions.count {
            let before = item.versions[index - 1], after = item.versions[index]
            guard let old = before.content.incident, let new = after.content.incident else { continue }
            let (oldList, newList) = (fields(old, dates, layout: layout), fields(new, dates, layout: layout))
            let oldFields = Dictionary(oldList, uniquingKeysWith: { a, _ in a })
            let newFields = Dictionary(newList, uniquingKeysWith: { a, _ in a })
            let labels = (oldList + newList).map(\.0).reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } }
            page.raw("<table class=\"changes\"><thead><tr><th colspan=\"3\">")
            page.text("Amendment \(index): version \(index + 1), written \(dates.dateTime(after.writtenAt)), changed version \(index), written \(dates.dateTime(before.writtenAt))")
            page.raw("</th></tr><tr><th>Field</th><th>Before</th><th>After</th></tr></thead>\n")
            var any = false
            for label in labels where oldFields[label] != newFields[label] {
                any = true
                page.raw("<tr><td>")
                page.text(label)
                page.raw("</td><td class=\"old\">")
                page.raw(HTMLText.escape(oldFields[label] ?? "(empty)").replacingOccurrences(of: "\n", with: "<br>"))
                page.raw("</td><td>")
                page.raw(HTMLText.escape(newFields[label] ?? "(empty)").replacingOccurrences(of: "\n", with: "<br>"))
                page.raw("</td></tr>\n")
            }
            if !any { page.raw("<tr><td colspan=\"3\">no field changed</td></tr>\n") }
            page.raw("</table>\n")
        }
    }

    /// The fields of an incident in the order a petition asks, as label and text; empty ones
    /// left out. Layout 5 adds the strangulation follow-ups after the signs and whether an
    /// arrest was made after the police (entry schema 4).
    static func fields(_ incident: Incident, _ dates: ReportDates, layout: Int) -> [(String, String)] {
        var rows: [(String, String?)] = [
            ("When it happened", incident.occurred.map(dates.occurred)),
            ("How long", incident.duration),
            ("Where", incident.location),
            ("Who was there", incident.people.joined(separator: ", ")),
            ("Witnesses", incident.witnesses.joined(separator: ", ")),
            ("Children", ReportHTML.childrenText(incident)),
            ("Kinds of harm", incident.kinds.map(\.label).joined(separator: ", ")),
            ("What happened", incident.account),
            ("Exact words said", incident.quotes.map { "\u{201C}\($0)\u{201D}" }.joined(separator: "\n")),
            ("How I felt", incident.feelings),
            ("Injuries", [incident.injuries, incident.injuryLocations.isEmpty ? nil : "where: " + incident.injuryLocations.joined(separator: ", ")].compactMap { $0 }.joined(separator: "; ")),
            ("Weapons or objects", incident.weapons),
            ("High-risk signs", incident.highRisk.map(\.label).joined(separator: ", ")),
            ("Signs answered \u{201C}not sure\u{201D}", (incident.unsureSigns ?? []).map(\.label).joined(separator: ", ")),
            ("Medical care", incident.medicalCare),
            ("Police", ReportHTML.policeText(incident.police)),
            ("Technology involved", incident.technology),
        ]
        if layout >= 5 {
            let followUps = (incident.strangulation?.lines ?? []).map { ("Choking: " + $0.label.lowercased(), Optional($0.value)) }
            let signs = rows.firstIndex { $0.0 == "Medical care" } ?? rows.count
            rows.insert(contentsOf: followUps, at: signs)
            let police = (rows.firstIndex { $0.0 == "Police" } ?? rows.count - 1) + 1
            rows.insert(("Arrest made", incident.arrestMade?.label), at: police)
        }
        return rows.compactMap { label, value in
            guard let value, !value.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else { return nil }
            return (label, value)
        }
    }
}
