import Foundation

/// A file name that is safe to create on the owner's disk from a name recorded in an entry
/// (which may have come from anywhere): one path component, no controls, no invisible or
/// direction-changing characters, not hidden, not too long. Letters of any script stay.
public enum SafeFileName {
    /// The most UTF-8 bytes a made name has (common file systems allow 255).
    public static let maximumByteCount = 200

    /// `name` made safe: `/`, `\`, `:`, NUL, C0/C1 controls, DEL, and every format character
    /// (bidi overrides and isolates such as U+202E, zero-width characters) become `_`; leading
    /// dots and spaces and trailing dots and spaces go; a name left empty, `.` or `..` becomes
    /// `fallback`; a long name keeps its extension and is cut at a character boundary.
    public static func make(from name: String, fallback: String = "attachment") -> String {
        var scalars = String.UnicodeScalarView()
        for scalar in name.unicodeScalars {
            scalars.append(isUnsafe(scalar) ? "_" : scalar)
        }
        var out = String(scalars)
        while let first = out.first, first == "." || first == " " { out.removeFirst() }
        while let last = out.last, last == "." || last == " " { out.removeLast() }
        if out.isEmpty { return fallback }
        return shortened(out)
    }

    private static func isUnsafe(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x00...0x1F, 0x7F...0x9F: return true  // C0, DEL, C1
        case 0x2F, 0x5C, 0x3A: return true  // / \ :
        default: break
        }
        switch scalar.properties.generalCategory {
        case .format, .lineSeparator, .paragraphSeparator, .control, .surrogate, .privateUse, .unassigned:
            return true
        default:
            return false
        }
    }

    /// Cuts the stem so the whole name fits `maximumByteCount`, keeping a short extension.
    private static func shortened(_ name: String) -> String {
        guard name.utf8.count > maximumByteCount else { return name }
        var stem = name
        var ext = ""
        if let dot = name.lastIndex(of: "."), name.distance(from: dot, to: name.endIndex) <= 16 {
            stem = String(name[..<dot])
            ext = String(name[dot...])
        }
        while stem.utf8.count + ext.utf8.count > maximumByteCount { stem.removeLast() }
        return stem.isEmpty ? "attachment" + ext : stem + ext
    }
}
