import Foundation
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
        "attachments", "attachment_sha256", "high_risk_not_sure",
    ]

    static func render(_ items: [Item]) -> String {
        let iso = ISO8601DateFormatter()
        var lines = [columns.map(cell).joined(separator: ",")]
        for item in items {
            guard let i = item.current.incident else { continue }
            let files = item.visibleAttachments
            let fields: [String] = [
                item.id.rawValue, i.occurred.map { iso.string(from: $0.start) } ?? "",
                i.occurred?.end.map { iso.string(from: $0) } ?? "", i.occurred?.approximate == true ? "yes" : "no",
                i.occurred?.note ?? "", iso.string(from: item.createdAt), item.isAmended ? "yes" : "no",
                i.duration ?? "", i.location ?? "", i.people.joined(separator: "; "), i.witnesses.joined(separator: "; "),
                i.childrenPresent?.label ?? "", i.childrenHarmed ?? "",
                i.kinds.map(\.rawValue).joined(separator: "; "), i.account, i.quotes.joined(separator: " | "),
                i.feelings ?? "", i.injuries ?? "", i.injuryLocations.joined(separator: "; "), i.weapons ?? "",
                i.highRisk.map(\.rawValue).joined(separator: "; "), i.medicalCare ?? "",
                i.police?.involved == true ? "yes" : "no", i.police?.officer ?? "", i.police?.reportNumber ?? "",
                i.technology ?? "", String(files.count), files.map(\.reference.sha256).joined(separator: " "),
                (i.unsureSigns ?? []).map(\.rawValue).joined(separator: "; "),
            ]
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
