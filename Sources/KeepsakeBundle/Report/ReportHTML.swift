import Foundation
import KeepsakeCrypto
import KeepsakeStore
import KeepsakeVault

/// `report.html`: a self-contained, printable record, ready for a protective-order petition.
/// Incidents in the order they happened, under the prompts a petition asks for, each with
/// when it happened, when it was written down and whether it was amended; then an evidence
/// index of every attachment with its SHA-256; then the plan and contacts if they were chosen.
///
/// It is rendered from the disclosed entries alone (`BundleSelection(disclosed:)`), so that
/// `verify` renders it again and compares byte for byte. `layout` is the version of what the
/// report says (`ReportLayout`): layout 1 is what Keepsake 0.1.0 wrote, kept so that its
/// bundles are still checked.
struct ReportHTML {
    /// What the report is made of.
    struct Input {
        var selection: BundleSelection
        var filters: BundleFilters
        var exportedAt: Date
        var timeZone: TimeZone
        var treeSize: UInt64
        var anchor: String
        /// Where each attachment is in the bundle (nil when attachments were left out).
        var paths: [EntryID: String]
        /// Small images, shown inline (as data: URLs).
        var inlineImages: [EntryID: [UInt8]]
        /// The layout to write (`ReportLayout`).
        var layout: Int = ReportLayout.current
        /// The fingerprint of the vault key (layout 2).
        var keyFingerprint: String = ""
        /// The anchor pinning the key (layout 2).
        var pinnedAnchor: String = ""
        /// Records saved while the device clock was behind, by seq (filled by `render`).
        var clock: [UInt64: ClockSteps.Step] = [:]
    }

    static func render(_ input: Input) -> String {
        var input = input
        input.clock = Dictionary(ClockSteps.backwards(in: input.selection.records).map { ($0.seq, $0) }, uniquingKeysWith: { a, _ in a })
        var page = HTMLText()
        page.raw("""
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8">
            <meta http-equiv="Content-Security-Policy" content="default-src 'none'; img-src data:; style-src 'unsafe-inline'">
            <title>Record of incidents</title>
            <style>
            body{font:11pt/1.45 Georgia,serif;max-width:52em;margin:2em auto;padding:0 1em;color:#111}
            h1{font-size:1.6em}h2{font-size:1.25em;border-bottom:1px solid #999;margin-top:2em}
            h3{font-size:1.05em;margin:1.6em 0 .4em}table{border-collapse:collapse;width:100%;margin:.3em 0}
            th,td{border:1px solid #bbb;padding:.3em .5em;text-align:left;vertical-align:top}
            th{width:12em;background:#f2f2f2;font-weight:normal}.risk{color:#900;font-weight:bold}
            .earlier{border-left:3px solid #999;padding-left:.8em;color:#333}.hash{font:9pt monospace;word-break:break-all}
            .incident{page-break-inside:avoid}img{max-width:100%;max-height:18em;display:block;margin:.4em 0}
            .note{color:#444;font-size:.95em}@media print{body{margin:0;max-width:none}h2{page-break-before:auto}}
            </style></head><body>

            """)
        page.element("h1", "Record of incidents")
        let dates = DateText(timeZone: input.timeZone)
        page.raw("<p class=\"note\">")
        page.text("Exported \(dates.dateTime(input.exportedAt)). Times are in \(dates.zoneName(at: input.exportedAt)). ")
        page.text("\(input.selection.incidents.count) incident(s), \(input.selection.attachments.count) attached file(s). ")
        if input.layout >= 2 {
            page.text("Each entry was sealed when it was written. `keepsake verify` checks every entry against the vault's signed record and makes this report again from those entries, so a changed word here is caught (see README.txt). Tree size \(input.treeSize); signed by the vault key with fingerprint \(input.keyFingerprint); anchor \(input.pinnedAnchor). ")
            page.text(ReportLayout.writtenDownSentence)
            let flagged = input.clock.count
            if flagged > 0 {
                page.raw("</p>\n<p class=\"risk\">")
                page.text("The device clock went backwards \(flagged) time(s) between entries in this bundle: each such entry is marked below, with the earliest time it can have been written down.")
            }
        } else {
            page.text("Each entry was sealed when it was written; the file manifest.json and its signature prove that nothing here was altered (see README.txt). Tree size \(input.treeSize), anchor \(input.anchor).")
        }
        page.raw("</p>\n")
        summary(&page, input)
        page.element("h2", "Incidents, in the order they happened")
        if input.selection.incidents.isEmpty { page.element("p", "No incidents were included.") }
        for item in input.selection.incidents { incident(&page, item, input, dates) }
        if input.layout >= 4 && !input.selection.moments.isEmpty { ReportCycle.section(&page, input, dates) }
        evidenceIndex(&page, input, dates)
        if !input.selection.planSteps.isEmpty { plan(&page, input.selection.planSteps, dates) }
        if !input.selection.contacts.isEmpty { contacts(&page, input.selection.contacts) }
        page.raw("</body></html>\n")
        return page.html
    }

    private static func summary(_ page: inout HTMLText, _ input: Input) {
        let incidents = input.selection.incidents.compactMap { $0.current.incident }
        var lines: [String] = []
        for sign in HighRiskSign.allCases {
            let count = incidents.filter { $0.highRisk.contains(sign) }.count
            if count > 0 { lines.append("\(sign.label): \(count) incident(s)") }
        }
        let injured = incidents.filter { !($0.injuries ?? "").isEmpty }.count
        let children = incidents.filter { $0.childrenPresent == true }.count
        let police = incidents.filter { $0.police?.involved == true }.count
        page.element("h2", "Summary")
        page.raw("<table>")
        page.row("High-risk signs", lines.isEmpty ? "none recorded" : lines.joined(separator: "\n"))
        page.row("Injuries recorded", "\(injured) incident(s)")
        page.row("Children present", "\(children) incident(s)")
        page.row("Police involved", "\(police) incident(s)")
        if let first = incidents.compactMap({ $0.occurred?.start }).min(), let last = incidents.compactMap({ $0.occurred?.start }).max() {
            let dates = DateText(timeZone: input.timeZone)
            page.row("Period", "\(dates.date(first)) to \(dates.date(last))")
        }
        page.raw("</table>\n")
    }

    private static func incident(_ page: inout HTMLText, _ item: Item, _ input: Input, _ dates: DateText) {
        guard let incident = item.current.incident else { return }
        let when = incident.occurred.map { HumanDate.format($0, timeZone: input.timeZone) } ?? "not given"
        page.raw("<div class=\"incident\">")
        page.element("h3", "\(when) (entry \(item.id.short))")
        page.raw("<table>\n")
        page.row("When it happened", when)
        page.row("How long", incident.duration)
        if input.layout >= 2 {
            page.row("Written down", writtenDown(item, incident, input, dates))
        } else {
            page.row("Written down", dates.dateTime(item.createdAt) + (incident.occurred.map { " (" + gap(from: $0.start, to: item.createdAt) + ")" } ?? ""))
        }
        if input.layout >= 2 && input.selection.partialHistory.contains(item.id) {
            page.row("Amended", "yes; earlier versions are not in this bundle")
        } else if item.isAmended {
            page.row("Amended", "yes, last on \(dates.dateTime(item.updatedAt)); \(item.versions.count) versions")
        }
        page.row("Where", incident.location)
        page.row("Who was there", incident.people.joined(separator: ", "))
        page.row("Witnesses", incident.witnesses.joined(separator: ", "))
        page.row("Children", childrenText(incident))
        page.row("Kinds of harm", incident.kinds.map(\.label).joined(separator: ", "))
        page.row("What happened", incident.account)
        page.row("Exact words said", incident.quotes.map { "\u{201C}\($0)\u{201D}" }.joined(separator: "\n"))
        page.row("How I felt", incident.feelings)
        page.row("Injuries", [incident.injuries, incident.injuryLocations.isEmpty ? nil : "where: " + incident.injuryLocations.joined(separator: ", ")].compactMap { $0 }.joined(separator: "; "))
        page.row("Weapons or objects", incident.weapons)
        if !incident.highRisk.isEmpty {
            page.raw("<tr><th>High-risk signs</th><td class=\"risk\">")
            page.text(incident.highRisk.map(\.label).joined(separator: ", "))
            page.raw("</td></tr>\n")
        }
        if input.layout >= 3 { page.row("Signs answered “not sure”", (incident.unsureSigns ?? []).map(\.label).joined(separator: ", ")) }
        page.row("Medical care", incident.medicalCare)
        page.row("Police", policeText(incident.police))
        page.row("Technology involved", incident.technology)
        page.raw("</table>\n")
        for file in item.visibleAttachments { attachment(&page, file, input, dates) }
        if item.isAmended || (input.layout >= 2 && input.selection.partialHistory.contains(item.id)) {
            if input.filters.includeHistory && item.isAmended {
                for version in item.versions.dropLast() {
                    page.raw("<div class=\"earlier\">")
                    page.element("p", "Earlier version, written \(dates.dateTime(version.writtenAt)):")
                    page.element("p", version.content.incident?.account ?? "")
                    page.raw("</div>\n")
                }
            } else {
                page.element("p", "Earlier versions were not included in this bundle.", class: "note")
            }
        }
        page.raw("</div>\n")
    }

    private static func attachment(_ page: inout HTMLText, _ file: AttachedFile, _ input: Input, _ dates: DateText) {
        let ref = file.reference
        page.raw("<p class=\"note\">")
        page.text("Attached: \(ref.fileName) (\(ref.mediaType), \(ref.size) bytes), added \(dates.dateTime(file.addedAt)); ")
        page.text(input.paths[file.entryID].map { "in the bundle as \($0)" } ?? "not included in this bundle")
        page.raw("</p>")
        if let image = input.inlineImages[file.entryID] {
            page.raw("<img alt=\"\(HTMLText.escape(ref.fileName))\" src=\"data:\(HTMLText.escape(ref.mediaType));base64,")
            page.raw(Base64.encode(image, variant: .original))
            page.raw("\">\n")
        }
    }

    private static func evidenceIndex(_ page: inout HTMLText, _ input: Input, _ dates: DateText) {
        page.element("h2", "Evidence index")
        guard !input.selection.attachments.isEmpty else {
            page.element("p", "No files were attached.")
            return
        }
        page.raw("<table><tr><th>File</th><th>Attached to</th><th>Added</th><th>SHA-256 and place in the bundle</th></tr>\n")
        for (owner, file) in input.selection.attachments {
            page.raw("<tr><td>")
            page.text("\(file.reference.fileName)\n(\(file.reference.mediaType), \(file.reference.size) bytes)")
            page.raw("</td><td>")
            page.text("entry \(owner.id.short)")
            page.raw("</td><td>")
            page.text(dates.dateTime(file.addedAt))
            page.raw("</td><td><span class=\"hash\">")
            page.text(file.reference.sha256)
            page.raw("</span><br>")
            page.text(input.paths[file.entryID] ?? "not included")
            page.raw("</td></tr>\n")
        }
        page.raw("</table>\n")
        page.element("p", "Anyone can check a file: `sha256sum FILE` (Linux), `shasum -a 256 FILE` (macOS) or `certutil -hashfile FILE SHA256` (Windows) prints the same SHA-256.", class: "note")
    }

    private static func plan(_ page: inout HTMLText, _ steps: [Item], _ dates: DateText) {
        page.element("h2", "Safety plan")
        page.raw("<table>")
        for item in steps {
            guard let step = item.current.planItem else { continue }
            page.row((step.status == .done ? "[x] " : "[ ] ") + step.category.label,
                     step.title + (step.notes.map { "\n" + $0 } ?? "") + (step.doneAt.map { "\ndone \(dates.date($0))" } ?? ""))
        }
        page.raw("</table>\n")
    }

    private static func contacts(_ page: inout HTMLText, _ items: [Item]) {
        page.element("h2", "Contacts")
        page.raw("<table>")
        for item in items {
            guard let contact = item.current.contact else { continue }
            let details = [contact.role.rawValue, contact.phone, contact.email, contact.address,
                           contact.safeContact.map { "safe to contact: " + $0 }, contact.notes].compactMap { $0 }
            page.row(contact.name, details.joined(separator: "\n"))
        }
        page.raw("</table>\n")
    }

    /// The "Written down" row of layout 2: the device time, its gap from when it happened
    /// only when the clock did not go backwards, and what the bundle cannot show.
    private static func writtenDown(_ item: Item, _ incident: Incident, _ input: Input, _ dates: DateText) -> String {
        let first = item.versions[0]
        let partial = input.selection.partialHistory.contains(item.id)
        var text = dates.dateTime(first.writtenAt)
        if partial { text += " (this version; the first version is not in this bundle, so when it was first written down is not shown)" }
        if let step = input.clock[first.seq] {
            text += " by the device clock, which was behind: an entry saved before this one is dated \(dates.dateTime(step.bound)), so this was written down no earlier than that; how long after it happened can't be told from this clock"
        } else if let start = incident.occurred?.start, !partial {
            text += " (" + gap(from: start, to: first.writtenAt) + ")"
        }
        return text
    }

    static func gap(from happened: Date, to written: Date) -> String {
        let seconds = written.timeIntervalSince(happened)
        if seconds < 0 { return "written before the time given for it" }
        let hours = Int(seconds / 3600)
        if hours < 1 { return "written down within the hour" }
        if hours < 48 { return "written down \(hours) hour(s) later" }
        return "written down \(hours / 24) day(s) later"
    }

    static func childrenText(_ incident: Incident) -> String? {
        var parts: [String] = []
        if let present = incident.childrenPresent {
            parts.append(present == .yes ? "present" : present == .no ? "not present" : "not sure if present")
        }
        if let harmed = incident.childrenHarmed, !harmed.isEmpty { parts.append(harmed) }
        return parts.isEmpty ? nil : parts.joined(separator: "; ")
    }

    static func policeText(_ report: PoliceReport?) -> String? {
        guard let report, report.involved else { return nil }
        return ["involved", report.officer.map { "officer: " + $0 }, report.reportNumber.map { "report number: " + $0 }]
            .compactMap { $0 }.joined(separator: "; ")
    }
}

/// Dates in one time zone, fixed English.
struct DateText {
    let timeZone: TimeZone

    /// The zone's name and its offset from UTC at `date`.
    func zoneName(at date: Date) -> String {
        let offset = timeZone.secondsFromGMT(for: date) / 60
        return "\(timeZone.identifier) (UTC\(offset >= 0 ? "+" : "-")\(String(format: "%02d:%02d", abs(offset) / 60, abs(offset) % 60)))"
    }

    func dateTime(_ date: Date) -> String { format(date, "EEE d MMM yyyy, HH:mm") }
    func date(_ date: Date) -> String { format(date, "d MMM yyyy") }

    private func format(_ date: Date, _ pattern: String) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = timeZone
        formatter.dateFormat = pattern
        return formatter.string(from: date)
    }
}
