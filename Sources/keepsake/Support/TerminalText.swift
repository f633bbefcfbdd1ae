import Foundation

/// Text that came from a file (a bundle's manifest, an entry, a file name) made safe to print
/// on a terminal.
///
/// A terminal obeys some characters instead of showing them: ESC starts sequences that can
/// retitle the window, clear the screen or move the cursor to redraw a FAIL line as "ok"; a
/// carriage return writes over the start of the line; bidi overrides and isolates make
/// "photo\u{202E}gpj.exe" read as "photoexe.jpg". Each such character is shown visibly as
/// `<U+XXXX>` instead: C0 controls, DEL, C1 controls, line and paragraph separators, and
/// Unicode format characters (bidi marks, overrides, isolates, invisible tags) except the
/// zero-width joiners that emoji and some scripts need. `--json` output never goes through
/// here: JSON's own escaping keeps it exact.
enum TerminalText {
    /// One line: newlines are shown as `<U+000A>` too.
    static func line(_ text: String) -> String { escape(text, keepingNewlines: false) }

    /// A block of free text the owner wrote (an account, notes): its newlines are kept (a
    /// Windows line end, CR LF, as one newline), every other control and format character is
    /// shown.
    static func block(_ text: String) -> String {
        escape(text.contains("\r\n") ? text.replacingOccurrences(of: "\r\n", with: "\n") : text, keepingNewlines: true)
    }

    /// Whether `scalar` acts on the terminal or hides how text reads, rather than showing.
    static func isHidden(_ scalar: Unicode.Scalar) -> Bool {
        let value = scalar.value
        if value < 0x20 || (0x7F...0x9F).contains(value) || value == 0x2028 || value == 0x2029 { return true }
        if value == 0x200C || value == 0x200D { return false }  // zero-width (non-)joiner: emoji, Persian
        return scalar.properties.generalCategory == .format
    }

    private static func escape(_ text: String, keepingNewlines: Bool) -> String {
        guard text.unicodeScalars.contains(where: isHidden) else { return text }
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            if isHidden(scalar) && !(keepingNewlines && scalar == "\n") {
                out.append(contentsOf: visible(scalar).unicodeScalars)
            } else {
                out.append(scalar)
            }
        }
        return String(out)
    }

    /// `<U+001B>`, `<U+202E>`: the code point in hexadecimal, at least four digits.
    private static func visible(_ scalar: Unicode.Scalar) -> String {
        let hex = String(scalar.value, radix: 16, uppercase: true)
        return "<U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex + ">"
    }
}
