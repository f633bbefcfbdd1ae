import Foundation

/// A letter the owner writes to themselves while their head is clear, to read when the urge
/// to reach out or go back comes (`keepsake remember`; entry kind `letter`, schema 4). Kept
/// exactly as typed, blank lines included; a change is a new version. It never goes into a
/// bundle: it is written for one reader, and no flag puts it in.
public struct LetterToSelf: Codable, Equatable, Sendable {
    /// The letter, exactly as typed (lines joined by "\n").
    public var text: String

    /// A letter from its text.
    public init(text: String) {
        self.text = text
    }
}
