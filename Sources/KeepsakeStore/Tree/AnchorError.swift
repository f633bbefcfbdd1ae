/// Why a piece of text is not a usable anchor. Each case says, in plain words, what to do.
public enum AnchorError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The text does not start with `KS` and a version: it is not a Keepsake anchor.
    case notAnAnchor
    /// The anchor is in a format (`KS<version>-`) that this Keepsake does not read.
    case unknownVersion(String)
    /// A character that anchors never use (anchors use 0–9 and A–Z without I, L, O and U; I and
    /// L are read as 1 and O as 0, in either case).
    case invalidCharacter(Character)
    /// Characters are missing or extra: `found` after the `KS1-` or `KS2-` prefix where `expected` belong
    /// (hyphens and spaces not counted).
    case wrongLength(found: Int, expected: Int)
    /// The checksum does not match: a character was mistyped or two were swapped. `suspect` is
    /// the one character whose change would make it match, when there is exactly one; it is only
    /// a hint, never a correction.
    case checksumMismatch(suspect: Anchor.CharacterPosition?)

    /// One line in plain words: what is wrong and what to do.
    public var description: String {
        switch self {
        case .notAnAnchor:
            return "this is not a Keepsake anchor: an anchor starts with KS2- (or KS1- for older ones); copy the whole anchor from where it was sent"
        case let .unknownVersion(version):
            return "this anchor is in format KS\(version), which this version of Keepsake cannot read; check it with a newer Keepsake"
        case let .invalidCharacter(character):
            return "this anchor has a typo: \"\(character)\" never appears in anchors; copy it again from where it was sent"
        case let .wrongLength(found, expected) where found < expected:
            return "this anchor is too short: \(expected - found) character(s) are missing; copy it again from where it was sent"
        case let .wrongLength(found, expected):
            return "this anchor is too long: it has \(found - expected) character(s) too many; copy it again from where it was sent"
        case let .checksumMismatch(suspect?):
            return "this anchor has a typo: its checksum does not match (\(suspect) looks wrong); copy it again from where it was sent"
        case .checksumMismatch(nil):
            return "this anchor has a typo: its checksum does not match; copy it again from where it was sent"
        }
    }
}
