import Foundation
import KeepsakeCrypto
import KeepsakeVault

/// The exhibits of a layout 4 report: every attached file numbered in the order its incident
/// appears ("Exhibit 3"), with its caption, the incident it belongs to, its SHA-256 and its
/// place in the bundle; an image shown whole at the full text width, any other file listed.
struct ReportExhibits {
    /// Each exhibit: its number, the item it is attached to and the file.
    let list: [(number: Int, owner: Item, file: AttachedFile)]
    /// Exhibit numbers by attachment entry.
    let number: [EntryID: Int]
    let input: ReportHTML.Input

    init(incidents: [Item], input: ReportHTML.Input) {
        let owners = incidents + input.selection.planSteps + input.selection.contacts
        var list: [(number: Int, owner: Item, file: AttachedFile)] = []
        for owner in owners {
            for file in owner.visibleAttachments { list.append((list.count + 1, owner, file)) }
        }
        self.list = list
        number = Dictionary(list.map { ($0.file.entryID, $0.number) }, uniquingKeysWith: { a, _ in a })
        self.input = input
    }

    func render(_ page: inout HTMLText, dates: ReportDates) {
        page.raw("<section class=\"exhibits\">")
        page.element("h2", "Exhibits")
        guard !list.isEmpty else {
            page.element("p", "No files were attached.")
            page.raw("</section>\n")
            return
        }
        page.raw("<table class=\"index\"><thead><tr><th>Exhibit</th><th>File</th><th>Attached to</th><th>Added</th><th>SHA-256 and place in the bundle</th></tr></thead><tbody>\n")
        for exhibit in list {
            let ref = exhibit.file.reference
            page.raw("<tr><td>")
            page.text("Exhibit \(exhibit.number)")
            page.raw("</td><td>")
            page.text("\(ref.fileName)\n(\(ref.mediaType), \(ref.size) bytes)".replacingOccurrences(of: "\n", with: " "))
            page.raw("</td><td>")
            page.text(owner(exhibit.owner, short: true))
            page.raw("</td><td>")
            page.text(dates.dateTime(exhibit.file.addedAt))
            page.raw("</td><td><span class=\"hash\">")
            page.text(ref.sha256)
            page.raw("</span><br>")
            page.text(input.paths[exhibit.file.entryID] ?? "not included in this bundle")
            page.raw("</td></tr>\n")
        }
        page.raw("</tbody></table>\n")
        page.element("p", "Anyone can check a file: `sha256sum FILE` (Linux), `shasum -a 256 FILE` (macOS) or `certutil -hashfile FILE SHA256` (Windows) prints the same SHA-256.", class: "note")
        for exhibit in list { shown(&page, exhibit, dates) }
        page.raw("</section>\n")
    }

    /// The item a file is attached to: "incident of Sat 15 Aug 2026, 21:40 (UTC-07:00) (entry
    /// 541fc27)", or in the index "incident of 15 Aug 2026 (entry 541fc27)".
    private func owner(_ item: Item, short: Bool = false) -> String {
        if let occurred = item.current.incident?.occurred {
            let dates = ReportDates(timeZone: input.timeZone)
            return "incident of \(short ? dates.date(occurred.start) : dates.occurred(occurred)) (entry \(item.id.short))"
        }
        return "\(item.current.kindName) (entry \(item.id.short))"
    }

    private func shown(_ page: inout HTMLText, _ exhibit: (number: Int, owner: Item, file: AttachedFile), _ dates: ReportDates) {
        let ref = exhibit.file.reference
        page.raw("<figure class=\"exhibit\">")
        page.element("h3", "Exhibit \(exhibit.number): \(ref.fileName)")
        page.raw("<p class=\"note\">")
        if let caption = ref.caption, !caption.isEmpty { page.text("\u{201C}\(caption)\u{201D}. ") }
        page.text("Attached to the \(owner(exhibit.owner)); added \(dates.dateTime(exhibit.file.addedAt)); ")
        page.text(input.paths[exhibit.file.entryID].map { "in the bundle as \($0)" } ?? "not included in this bundle")
        page.raw("</p>")
        if let image = input.inlineImages[exhibit.file.entryID] {
            page.raw("<img alt=\"Exhibit \(exhibit.number)\" src=\"data:\(HTMLText.escape(ref.mediaType));base64,")
            page.raw(Base64.encode(image, variant: .original))
            page.raw("\">")
        } else if input.paths[exhibit.file.entryID] != nil {
            page.element("p", "This file is not shown here (\(ref.mediaType)); open it from the bundle.", class: "note")
        }
        page.raw("</figure>\n")
    }
}
