import Foundation

/// An unfinished journal entry, kept when writing it was stopped (Ctrl-C, or the shell locking
/// itself): a `draft` entry holding a `journal` field, encrypted in the log like everything
/// else. Not an item: never listed, searched or exported. A retraction naming it marks it as
/// dealt with. A draft of a change to a saved entry (`journal amend`) names that entry as its
/// `target`.
public struct JournalDraft: Equatable, Sendable {
    /// The draft entry's id.
    public let id: EntryID
    /// When it was kept.
    public let writtenAt: Date
    /// What had been written.
    public let entry: JournalEntry
    /// The saved journal entry this draft would change; nil for a new entry.
    public let amending: EntryID?
}

extension Vault {
    /// Journal entries that are not retracted, oldest first; with `tag`, only those carrying
    /// it (compared by `JournalEntry.tagKey`).
    public func journal(tag: String? = nil) -> [Item] {
        let entries = current(.journal)
        guard let tag else { return entries }
        return entries.filter { $0.current.journal?.hasTag(tag) == true }
    }

    /// Journal entries (not retracted) whose text or tags hold every one of `words`
    /// (capitals and accents ignored, in any order), oldest first; with `tag`, only those
    /// carrying it.
    public func searchJournal(_ words: String, tag: String? = nil) -> [Item] {
        journal(tag: tag).filter { $0.current.journal?.contains(words: words) == true }
    }

    /// Keeps an unfinished journal entry as a draft; `amending`, of a change to that saved entry.
    /// - Throws: `VaultError.store` (damaged vault, full disk …).
    @discardableResult
    public func saveJournalDraft(_ entry: JournalEntry, amending: EntryID? = nil) throws(VaultError) -> JournalDraft {
        try write(Entry(kind: .draft, target: amending, journal: entry))
        return journalDrafts.last!
    }

    /// Marks a journal draft as dealt with (saved as an entry, or thrown away).
    /// - Throws: `VaultError.unknownID` when it is not a pending journal draft, `.store`.
    public func settleJournalDraft(_ id: EntryID) throws(VaultError) {
        guard journalDrafts.contains(where: { $0.id == id }) else { throw .unknownID(id.short) }
        try write(Entry(kind: .retraction, target: id, reason: nil))
    }
}
