import Foundation

/// An unfinished incident kept when the guided questions were stopped (Ctrl-C, or the shell
/// locking itself), stored as a `draft` entry: encrypted in the log like everything else,
/// never written anywhere in clear. It is not an item: it is not listed, searched or
/// exported. A retraction naming it marks it as dealt with.
public struct Draft: Equatable, Sendable {
    /// The draft entry's id.
    public let id: EntryID
    /// When it was kept.
    public let writtenAt: Date
    /// What had been typed.
    public let incident: Incident
}

extension Vault {
    /// Keeps an unfinished incident as a draft.
    /// - Throws: `VaultError.store` (damaged vault, full disk …).
    @discardableResult
    public func saveDraft(_ incident: Incident) throws(VaultError) -> Draft {
        let entry = Entry(kind: .draft, incident: incident)
        try write(entry)
        return drafts.last!
    }

    /// Marks a draft as dealt with (carried into an incident, or thrown away).
    /// - Throws: `VaultError.unknownID` when it is not a pending draft, `.store`.
    public func settleDraft(_ id: EntryID) throws(VaultError) {
        guard drafts.contains(where: { $0.id == id }) else { throw .unknownID(id.short) }
        try write(Entry(kind: .retraction, target: id, reason: nil))
    }
}
