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
    /// Layout 4's extra columns, each after the column it explains: when it happened in the
    /// owner's local time (the time empty for a date given without one) and that date's
    /// offset from UTC after `happened_until`, when it was written down in local time after
    /// `written_down`, the attached files' names after `attachments`.
    static let localColumns = [
        "happened_until": ["happened_local_date", "happened_local_time", "utc_offset"],
        "written_down": ["written_down_local"], "attachments": ["attachment_files"],
    ]

    /// Layout 5's last columns (entry schema 4): whether an arrest was made, then the
    /// strangulation follow-ups (yes / no / not sure, or the owner's words; empty when not
    /// answered).
    static let followUpColumns = [
        "arrest_made", "strangulation_how_long", "strangulation_times", "strangulation_could_breathe",
        "strangulation_could_speak", "strangulation_lost_consciousness", "strangulation_voice_changed",
        "strangulation_trouble_swallowing", "strangulation_lost_bladder_or_bowel_control", "strangulation_means",
        "strangulation_marks",
    ]

    /// The columns of `layout`.
    static func header(_ layout: Int) -> [String] {
        let base = layout >= 4 ? columns.flatMap { [$0] + (localColumns[$0] ?? []) } : columns
        return base + (layout >= 2 ? [noteColumn] : []) + (layout >= 3 ? [unsureColumn] : [])
            + (layout >= 5 ? followUpColumns : [])
    }

    /// Layout 5's last cells of one incident, as `followUpColumns` names them.
    static func followUps(_ i: Incident) -> [String] {
        let d = i.strangulation ?? StrangulationDetails()
        return [
            i.arrestMade?.label ?? "", d.howLong ?? "", d.times ?? "", d.couldBreathe?.label ?? "", d.couldSpeak?.label ?? "",
            d.lostConsciousness?.label ?? "", d.voiceChanged?.label ?? "", d.troubleSwallowing?.label ?? "",
            d.lostBladderOrBowelControl?.label ?? "", (d.means ?? []).map(\.rawValue).joined(separator: "; "), d.marks ?? "",
        ]
    }

    /// The CSV of `layout` (`ReportLayout`) for the incidents of `selection`.
    static func render(_ selection: BundleSelection, layout: Int = ReportLayout.current, timeZone: TimeZone = TimeZone(identifier: "UTC")!) -> String {
        let iso = ISO8601DateFormatter()
        let clock = Dictionary(ClockSteps.backwards(in: selection.records).map { ($0.seq, $0) }, uniquingKeysWith: { a, _ in a })
        var lines = [header(layout).map(cell).joined(separator: ",")]
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
            if layout >= 4 {
                let local = local(i.occurred, writtenAt: item.createdAt, files: files, timeZone: timeZone)
                let base = fields.prefix(columns.count)
                fields = zip(columns, base).flatMap { column, value in [value] + (local[column] ?? []) } + fields.dropFirst(columns.count)
            }
            if layout >= 5 { fields += followUps(i) }
            lines.append(fields.map(cell).joined(separator: ","))
        }
        return lines.joined(separator: "\r\n") + "\r\n"
    }

    /// Layout 4's local columns of one incident.
    private static func local(_ occurred: Occurrence?, writtenAt: Date, files: [AttachedFile], timeZone: TimeZone) -> [String: [String]] {
        let dates = ReportDates(timeZone: timeZone)
        func format(_ date: Date, _ pattern: String) -> String {
            let formatter = DateFormatter()
            formatter.locale = Locale(identifier: "en_US_POSIX")
            formatter.timeZone = timeZone
            formatter.dateFormat = pattern
            return formatter.string(from: date)
        }
        let names = files.map(\.reference.fileName).joined(separator: "; ")
        let written = format(writtenAt, "yyyy-MM-dd HH:mm") + " " + dates.offset(at: writtenAt)
        let happened = occurred.map { [format($0.start, "yyyy-MM-dd"), dates.isWholeDays($0) ? "" : format($0.start, "HH:mm"), dates.offset(at: $0.start)] }
        return ["happened_until": happened ?? ["", "", ""], "written_down": [written], "attachments": [names]]
    }

    static func cell(_ value: String) -> String {
        var text = value
        if let first = text.unicodeScalars.first, "=+-@\t\r".unicodeScalars.contains(first) { text = "'" + text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
