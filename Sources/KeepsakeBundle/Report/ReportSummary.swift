import Foundation
import KeepsakeVault

/// The one-page summary of a layout 4 report: the most recent incident, the most serious
/// ones, how often by month, the high-risk signs and what the record says about weapons and
/// guns. Everything is counted from the disclosed incidents.
enum ReportSummary {
    static func render(_ page: inout HTMLText, incidents: [Item], input: ReportHTML.Input, dates: ReportDates) {
        let dated = input.selection.incidents.filter { $0.current.incident?.occurred != nil }
        page.raw("<section class=\"summary\">")
        page.element("h2", "Summary")
        page.raw("<table>\n")
        if let recent = dated.last, let incident = recent.current.incident {
            page.row("Most recent incident", line(recent, incident, dates))
        }
        let serious = input.selection.incidents.compactMap { item in item.current.incident.map { (item, $0, Severity.of($0)) } }
            .filter { $0.2.level >= 3 }
            .sorted { $0.2.level != $1.2.level ? $0.2.level > $1.2.level : BundleSelection.sortDate($0.0) > BundleSelection.sortDate($1.0) }
        page.row("Most serious incidents", serious.isEmpty ? "none with injuries, choking, a weapon, a threat to kill or forced sex recorded"
            : serious.prefix(5).map { line($0.0, $0.1, dates) + ": " + $0.2.label }.joined(separator: "\n"))
        page.row("How often", months(dated, dates))
        let all = input.selection.incidents.compactMap { $0.current.incident }
        var signs = HighRiskSign.allCases.compactMap { sign -> String? in
            let count = all.filter { $0.highRisk.contains(sign) }.count
            return count > 0 ? "\(sign.label): \(count) incident(s)" : nil
        }
        if input.layout >= 5, let firearms = ReportParties.highRiskSign(input.selection.profile) { signs.append(firearms) }
        if signs.isEmpty {
            page.row("High-risk signs", "none recorded")
        } else {
            page.raw("<tr><th>High-risk signs</th><td class=\"risk\">")
            page.raw(signs.map(HTMLText.escape).joined(separator: "<br>"))
            page.raw("</td></tr>\n")
        }
        page.row("Firearms and weapons", firearms(all))
        if input.layout >= 5 { ReportParties.summary(&page, input.selection.profile, chosen: input.filters.includeProfile == true) }
        page.row("Injuries recorded", "\(all.filter { !($0.injuries ?? "").isEmpty }.count) incident(s)")
        page.row("Children present", "\(all.filter { $0.childrenPresent == .yes }.count) incident(s)")
        page.row("Police involved", "\(all.filter { $0.police?.involved == true }.count) incident(s)")
        page.raw("</table>\n</section>\n")
    }

    /// "Sat 15 Aug 2026, 21:40 (UTC-07:00): physical, threats".
    private static func line(_ item: Item, _ incident: Incident, _ dates: ReportDates) -> String {
        let when = incident.occurred.map(dates.occurred) ?? "date not given"
        let kinds = incident.kinds.map(\.rawValue).joined(separator: ", ")
        return when + (kinds.isEmpty ? "" : ": " + kinds) + " (entry \(item.id.short))"
    }

    /// Incidents per month, from the first month to the last, months with none included.
    private static func months(_ items: [Item], _ dates: ReportDates) -> String? {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = dates.timeZone
        let starts = items.compactMap { $0.current.incident?.occurred?.start }
        guard let first = starts.min(), let last = starts.max(),
            var month = calendar.date(from: calendar.dateComponents([.year, .month], from: first))
        else { return nil }
        var lines: [String] = []
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = dates.timeZone
        formatter.dateFormat = "MMM yyyy"
        while month <= last, lines.count < 120 {
            guard let next = calendar.date(byAdding: .month, value: 1, to: month) else { break }
            let count = starts.filter { $0 >= month && $0 < next }.count
            lines.append("\(formatter.string(from: month)): \(count) " + String(repeating: "\u{25A0}", count: min(count, 40)))
            month = next
        }
        return lines.joined(separator: "\n")
    }

    /// What the incidents say about guns and weapons.
    private static func firearms(_ incidents: [Incident]) -> String {
        let gun = incidents.filter { $0.highRisk.contains(.gunAccess) }.count
        let unsure = incidents.filter { ($0.unsureSigns ?? []).contains(.gunAccess) }.count
        let weapon = incidents.filter { $0.highRisk.contains(.weapon) || !($0.weapons ?? "").isEmpty }.count
        var parts: [String] = []
        parts.append(gun > 0 ? "access to a gun recorded in \(gun) incident(s)" : "access to a gun not recorded")
        if unsure > 0 { parts.append("answered \u{201C}not sure\u{201D} in \(unsure) incident(s)") }
        parts.append(weapon > 0 ? "a weapon or object used or shown in \(weapon) incident(s)" : "no weapon recorded")
        return parts.joined(separator: "; ")
    }
}
