import KeepsakeVault

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

    /// `text` folded at spaces to `width` (the terminal's), each line after `indent`.
    static func lines(_ text: String, width: Int = TextWrap.width, indent: String = "") -> [String] {
        PlainText.wrap(text, width: width, indent: indent)
    }

    /// Prints `text` folded to the terminal.
    static func print(_ text: String, indent: String = "") {
        for line in lines(text, indent: indent) { Swift.print(line) }
    }
}
