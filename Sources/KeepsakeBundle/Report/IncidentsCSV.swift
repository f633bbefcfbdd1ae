import Foundation
import KeepsakeStore
import KeepsakeVault

/// `incidents.csv`: one row per incident (RFC 4180: comma separated, CRLF, quoted fields),
/// for a spreadsheet. A cell that a spreadsheet would read as a formula (starting with `=`,
/// `+`, `-`, `@`, tab or CR) is prefixed with an apostrophe, so opening it runs nothing.
enum IncidentsCSV {
    static let columns = [
        "id", "happened", "happened_until", "approximate", "time_note", "written_down", "amended",
        "duration", "where", "who_was_there", "witnesses", "children_present", "children_harmed",
        "kinds", "account", "exact_words", "feelings", "injuries", "injury_locations", "weapons",
        "high_risk", "medical_care", "police_involved", "officer", "report_number", "technology",
        "attachments", "attachment_sha256",
    ]

    /// Layout 2's extra column: why a written-down time can't be taken as it stands.
    static let noteColumn = "written_down_note"
    /// Layout 3's extra column: the high-risk signs the owner answered "not sure".
    static let unsureColumn = "high_risk_not_sure"

    /// The CSV of `layout` (`ReportLayout`) for the incidents of `selection`.
    static func render(_ selection: BundleSelection, layout: Int = ReportLayout.current) -> String {
        let iso = ISO8601DateFormatter()
        let clock = Dictionary(ClockSteps.backwards(in: selection.records).map { ($0.seq, $0) }, uniquingKeysWith: { a, _ in a })
        var lines = [(columns + (layout >= 2 ? [noteColumn] : []) + (layout >= 3 ? [unsureColumn] : [])).map(cell).joined(separator: ",")]
        for item in selection.incidents {
            guard let i = item.current.incident else { continue }
            let files = item.visibleAttachments
            let partial = layout >= 2 && selection.partialHistory.contains(item.id)
            var fields: [String] = [
                item.id.rawValue, i.occurred.map { iso.string(from: $0.start) } ?? "",
                i.occurred?.end.map { iso.string(from: $0) } ?? "", i.occurred?.approximate == true ? "yes" : "no",
                i.occurred?.note ?? "", iso.string(from: item.createdAt), item.isAmended || partial ? "yes" : "no",
                i.duration ?? "", i.location ?? "", i.people.joined(separator: "; "), i.witnesses.joined(separator: "; "),
                i.childrenPresent?.label ?? "", i.childrenHarmed ?? "",
                i.kinds.map(\.rawValue).joined(separator: "; "), i.account, i.quotes.joined(separator: " | "),
                i.feelings ?? "", i.injuries ?? "", i.injuryLocations.joined(separator: "; "), i.weapons ?? "",
                i.highRisk.map(\.rawValue).joined(separator: "; "), i.medicalCare ?? "",
                i.police?.involved == true ? "yes" : "no", i.police?.officer ?? "", i.police?.reportNumber ?? "",
                i.technology ?? "", String(files.count), files.map(\.reference.sha256).joined(separator: " "),
            ]
            if layout >= 2 {
                var notes: [String] = []
                if partial { notes.append("this version's time; the first version is not in this bundle") }
                if let step = clock[item.versions[0].seq] {
                    notes.append("device clock behind: saved after an entry dated \(iso.string(from: step.bound)), so written down no earlier than that")
                }
                fields.append(notes.joined(separator: "; "))
            }
            if layout >= 3 { fields.append((i.unsureSigns ?? []).map(\.rawValue).joined(separator: "; ")) }
            lines.append(fields.map(cell).joined(separator: ","))
        }
        return lines.joined(separator: "\r\n") + "\r\n"
    }

    static func cell(_ value: String) -> String {
        var text = value
        if let first = text.unicodeScalars.first, "=+-@\t\r".unicodeScalars.contains(first) { text = "'" + text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
