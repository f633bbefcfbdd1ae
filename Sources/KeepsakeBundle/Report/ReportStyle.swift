import Foundation

/// The head of a layout 4 report: its security policy (nothing loads, nothing runs) and its
/// print style: Letter/A4-safe margins, "Page x of y" and the case number in each page's
/// footer, table rows that never split and table headings that repeat on every page, an
/// incident heading kept with what follows it, an image kept whole at the full text width.
enum ReportStyle {
    static func head(caseNumber: String?) -> String {
        let footer = caseNumber.map { "@bottom-left{content:\"Case \(cssString($0))\";font:9pt Georgia,serif;color:#333}" } ?? ""
        return """
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8">
            <meta http-equiv="Content-Security-Policy" content="default-src 'none'; img-src data:; style-src 'unsafe-inline'">
            <title>Record of incidents</title>
            <style>
            @page{margin:2cm 1.9cm 2.2cm;\(footer)@bottom-right{content:"Page " counter(page) " of " counter(pages);font:9pt Georgia,serif;color:#333}}
            body{font:11pt/1.45 Georgia,serif;max-width:52em;margin:2em auto;padding:0 1em;color:#111}
            h1{font-size:1.6em;margin-top:0}h2{font-size:1.25em;border-bottom:1px solid #999;margin-top:2em;break-after:avoid}
            h3{font-size:1.05em;margin:1.6em 0 .4em;break-after:avoid}table{border-collapse:collapse;width:100%;margin:.3em 0}
            th,td{border:1px solid #bbb;padding:.3em .5em;text-align:left;vertical-align:top}tr{break-inside:avoid}
            thead{display:table-header-group}th{width:12em;background:#f2f2f2;font-weight:normal}thead th{width:auto;font-weight:bold}
            .risk{color:#900;font-weight:bold}.old{color:#555;text-decoration:line-through}.hash{font:9pt monospace;word-break:break-all}
            .note{color:#444;font-size:.95em}.exhibit{break-inside:avoid}.exhibit img{display:block;width:100%;height:auto;max-height:8in;object-fit:contain;object-position:left top;margin:.4em 0}
            .incidents,.declaration{break-before:page}figure{margin:1em 0}.index td:first-child{white-space:nowrap}.line{display:inline-block;min-width:22em;border-bottom:1px solid #111;height:1.6em}
            .declaration p{margin:1.6em 0}
            @media print{body{margin:0;max-width:none;padding:0}}
            </style></head><body>

            """
    }

    /// Text as a CSS string's content: every character but letters, digits, space, `-`, `/`,
    /// `.` and `:` written as a CSS escape, so nothing the owner typed can end the string or
    /// the style sheet.
    static func cssString(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            if scalar.isASCII, CharacterSet.alphanumerics.contains(scalar) || " -/.:".unicodeScalars.contains(scalar) {
                out.unicodeScalars.append(scalar)
            } else {
                out += "\\" + String(format: "%06X", scalar.value)
            }
        }
        return out
    }
}
