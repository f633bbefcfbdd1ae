#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Fitting text to the terminal: the width, and paragraphs folded at spaces.
enum TextWrap {
    /// The terminal's width (80 when it can't be told), at most 100 for reading comfort.
    static var width: Int {
        var size = winsize()
        if ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 { return min(Int(size.ws_col), 100) }
        return 80
    }

    /// `text` folded at spaces into lines of at most `width` characters, each after `indent`
    /// (a word longer than a line is cut).
    static func lines(_ text: String, width: Int = TextWrap.width, indent: String = "") -> [String] {
        let room = max(10, width - indent.count)
        var lines: [String] = []
        var line = ""
        for word in text.split(separator: " ", omittingEmptySubsequences: true) {
            var word = Substring(word)
            while word.count > room {
                if !line.isEmpty { lines.append(line); line = "" }
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

    /// Prints `text` folded to the terminal.
    static func print(_ text: String, indent: String = "") {
        for line in lines(text, indent: indent) { Swift.print(line) }
    }
}
