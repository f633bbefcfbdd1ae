import Foundation
import KeepsakeVault

/// How a journal entry reads on the terminal: one summary for lists and search results, and
/// the fields `show` prints (the text whole, its line breaks and blank lines kept).
enum JournalText {
    /// The id, when it was written (and whether amended) and its tags; under them, the start
    /// of the text. Each line within `width`.
    static func line(_ item: Item, _ entry: JournalEntry, id: String, indent: String, width: Int) -> String {
        let tags = entry.tags.isEmpty ? "" : "  tags: " + entry.tags.joined(separator: ", ")
        let heading = DisplayDate.format(item.createdAt) + (item.isAmended ? " (amended)" : "") + tags
        var lines = [id + "  " + TerminalText.line(Summary.excerpt(heading, length: width - indent.count))]
        if !entry.text.isEmpty {
            lines.append(indent + TerminalText.line(Summary.excerpt(entry.text, length: width - indent.count)))
        }
        return lines.joined(separator: "\n")
    }

    /// The tags, then the text under a heading, indented by two spaces (blank lines left
    /// empty).
    static func fields(_ entry: JournalEntry) -> [String] {
        var out: [String] = []
        if !entry.tags.isEmpty { out.append("Tags: " + TerminalText.line(entry.tags.joined(separator: ", "))) }
        out.append("What I wrote:")
        out += TerminalText.block(entry.text).components(separatedBy: "\n").map { $0.isEmpty ? "" : "  " + $0 }
        return out
    }
}
