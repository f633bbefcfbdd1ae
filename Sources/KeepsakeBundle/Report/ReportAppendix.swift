import Foundation

/// The appendix of a layout 4 report: how the record can be checked, in one plain sentence
/// first, then the details a technical expert asks for (tree size, key, anchor, clock).
enum ReportAppendix {
    static func render(_ page: inout HTMLText, input: ReportHTML.Input, dates: ReportDates) {
        page.raw("<section class=\"appendix\">")
        page.element("h2", "Appendix: how this record can be checked")
        page.element("p", "Each entry was sealed and signed on the owner's device when it was written, so anyone with this bundle can run `keepsake verify` to confirm that no entry, file or word of this report was changed or removed after it was written down.")
        page.raw("<table>\n")
        page.row("Entries in the vault's signed record", "\(input.treeSize)")
        page.row("Vault key fingerprint", input.keyFingerprint)
        page.row("Anchor", input.pinnedAnchor)
        page.row("Written down", ReportLayout.writtenDownSentence)
        if !input.clock.isEmpty {
            page.row("Device clock", "The device clock went backwards \(input.clock.count) time(s) between entries in this bundle: each such entry says so, with the earliest time it can have been written down.")
        }
        page.row("Exported", dates.dateTime(input.exportedAt))
        page.raw("</table>\n")
        page.element("p", "README.txt in the bundle explains the checks step by step.", class: "note")
        page.raw("</section>\n")
    }
}
