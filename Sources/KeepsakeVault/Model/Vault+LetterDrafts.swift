import Foundation

/// An unfinished letter to oneself, kept when writing it was stopped (Ctrl-C, or the shell
/// locking itself): a `draft` entry holding a `letter` field, encrypted in the log like
/// everything else. Not an item: never listed, searched, exported or shown by `remember`. A
/// retraction naming it marks it as dealt with. A draft of a change to a saved letter (`letter
/// amend`) names that letter as its `target`.
public struct LetterDraft: Equatable, Sendable {
    /// The draft entry's id.
    public let id: EntryID
    /// When it was kept.
    public let writtenAt: Date
    /// What had been written.
    public let letter: LetterToSelf
    /// The saved letter this draft would change; nil for a new letter.
    public let amending: EntryID?
}

extension Vault {
    /// Keeps an unfinished letter as a draft; `amending`, of a change to that saved letter.
    /// - Throws: `VaultError.store` (damaged vault, full disk …).
    @discardableResult
    public func saveLetterDraft(_ letter: LetterToSelf, amending: EntryID? = nil) throws(VaultError) -> LetterDraft {
        try write(Entry(kind: .draft, target: amending, letter: letter))
        return letterDrafts.last!
    }

    /// Marks a letter draft as dealt with (saved as a letter, or thrown away).
    /// - Throws: `VaultError.unknownID` when it is not a pending letter draft, `.store`.
    public func settleLetterDraft(_ id: EntryID) throws(VaultError) {
        guard letterDrafts.contains(where: { $0.id == id }) else { throw .unknownID(id.short) }
        try write(Entry(kind: .retraction, target: id, reason: nil))
    }
}
