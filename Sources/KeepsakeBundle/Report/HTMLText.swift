import Foundation

/// Builds HTML text with every value escaped: entry text is the owner's, but a report must
/// never run anything, so the page also forbids scripts in its security policy.
struct HTMLText {
    private(set) var html = ""

    /// Escapes `&`, `<`, `>`, `"` and `'`.
    static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.count)
        for ch in text {
            switch ch {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(ch)
            }
        }
        return out
    }

    /// Appends markup written by the program (never content).
    mutating func raw(_ markup: String) { html += markup }

    /// Appends escaped text.
    mutating func text(_ content: String) { html += Self.escape(content) }

    /// `<tag>escaped text</tag>`.
    mutating func element(_ tag: String, _ content: String, class className: String? = nil) {
        html += "<\(tag)\(className.map { " class=\"\($0)\"" } ?? "")>" + Self.escape(content) + "</\(tag)>"
    }

    /// A table row with a heading cell and an escaped value (multi-line text keeps its lines).
    mutating func row(_ label: String, _ value: String?) {
        guard let value, !value.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else { return }
        html += "<tr><th>" + Self.escape(label) + "</th><td>"
            + Self.escape(value).replacingOccurrences(of: "\n", with: "<br>") + "</td></tr>\n"
    }
}
