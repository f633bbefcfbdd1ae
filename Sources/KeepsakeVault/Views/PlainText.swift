/// Plain text for a terminal: paragraphs folded at spaces to a width.
public enum PlainText {
    /// `text` folded at spaces into lines of at most `width` characters including `indent`
    /// (a word longer than a line is cut); at least one line.
    public static func wrap(_ text: String, width: Int, indent: String = "") -> [String] {
        let room = max(10, width - indent.count)
        var lines: [String] = []
        var line = ""
        for piece in text.split(separator: " ", omittingEmptySubsequences: true) {
            var word = Substring(piece)
            while word.count > room {
                if !line.isEmpty {
                    lines.append(line)
                    line = ""
                }
                lines.append(String(word.prefix(room)))
                word = word.dropFirst(room)
            }
            if line.isEmpty {
                line = String(word)
            } else if line.count + 1 + word.count <= room {
                line += " " + word
            } else {
                lines.append(line)
                line = String(word)
            }
        }
        if !line.isEmpty || lines.isEmpty { lines.append(line) }
        return lines.map { indent + $0 }
    }
}
