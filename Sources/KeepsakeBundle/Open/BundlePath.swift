/// The one rule for a path inside a bundle, applied to the names in a ZIP archive, to the paths
/// a manifest lists and to the files found in an unpacked folder, before any of them is opened.
///
/// A path is relative, made of plain components separated by `/`: no leading `/`, no `\`, no
/// `.` or `..`, no empty component, no NUL or other control character (C0, DEL, C1), no
/// invisible format character (bidi overrides and isolates, zero-width characters: they make a
/// name read differently from what it is), at most `maximumDepth` components and 1,024 bytes.
/// The exporter writes two levels (`attachments/NAME`) of plain ASCII names.
enum BundlePath {
    /// The most components a path may have: the exporter writes two; more is refused, so that
    /// opening a bundle costs the same at any depth an attacker chooses.
    static let maximumDepth = 4

    /// `path` without a trailing `/` when it obeys the rule, or nil.
    static func clean(_ path: String) -> String? {
        var text = path
        if text.hasSuffix("/") { text.removeLast() }
        guard !text.isEmpty, text.utf8.count <= 1024, !text.hasPrefix("/"), !text.contains("\\"),
            !text.unicodeScalars.contains(where: isHidden)
        else { return nil }
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count <= maximumDepth,
            parts.allSatisfy({ !$0.isEmpty && $0 != "." && $0 != ".." && $0.utf8.count <= 255 })
        else { return nil }
        return text
    }

    /// Whether `path` obeys the rule exactly as written (a manifest path must need no cleaning).
    static func isSafe(_ path: String) -> Bool { clean(path) == path }

    /// A character that is invisible or changes how the text around it is shown: C0 and C1
    /// controls, DEL, and Unicode format characters (bidi marks, overrides and isolates,
    /// zero-width joiners and spaces, the byte-order mark), line and paragraph separators.
    static func isHidden(_ scalar: Unicode.Scalar) -> Bool {
        let value = scalar.value
        if value < 0x20 || (0x7F...0x9F).contains(value) || value == 0x2028 || value == 0x2029 { return true }
        return scalar.properties.generalCategory == .format
    }
}
