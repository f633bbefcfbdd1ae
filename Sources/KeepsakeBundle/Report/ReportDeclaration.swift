import Foundation

/// The declaration at the end of a layout 4 report: words for the owner to sign by hand,
/// never filled in by Keepsake.
enum ReportDeclaration {
    static func render(_ page: inout HTMLText) {
        page.raw("<section class=\"declaration\">")
        page.element("h2", "Declaration (for the owner to sign)")
        page.element("p", "I declare that the above is true and correct to the best of my knowledge.")
        page.raw("<p>Name: <span class=\"line\"></span></p>\n<p>Date: <span class=\"line\"></span></p>\n<p>Signature: <span class=\"line\"></span></p>\n")
        page.element("p", "Keepsake leaves this blank: only the owner can sign it, after reading the record above.", class: "note")
        page.raw("</section>\n")
    }
}
