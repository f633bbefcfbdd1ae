import Foundation

/// One of the owner's boundaries: something they won't accept again, in their own words
/// (entry kind `boundary`, schema 4). An item like any other: the date it was written is its
/// first version's, a change is a new version (the earlier wording stays in its history),
/// and it is taken back by a retraction. Private: it goes into a bundle only when the owner
/// names it (`export --include-boundaries`).
public struct Boundary: Codable, Equatable, Sendable {
    /// What the owner won't accept again, exactly as typed.
    public var text: String

    /// A boundary in the owner's words.
    public init(text: String) {
        self.text = text
    }
}
