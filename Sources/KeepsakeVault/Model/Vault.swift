import Foundation
import KeepsakeCrypto
import KeepsakeStore

/// The owner's vault as people think of it: incidents, plan steps and contacts, each with its
/// history, over the append-only store. Reading builds the current view from every entry in
/// log order; writing appends one entry and never changes an earlier one.
public final class Vault {
    /// The store underneath (for checks, attachments, checkpoints).
    public let store: VaultStore
    /// Every item by id, retracted ones included, oldest first.
    public private(set) var items: ItemTable
    /// Log sequence numbers of entries that could not be read (from a newer version, or
    /// malformed), with why; they are kept in the log untouched.
    public private(set) var unreadable: [(seq: UInt64, reason: String)] = []
    private var attachmentOwners: [EntryID: EntryID] = [:]
    /// Drafts not yet dealt with (saved or thrown away), oldest first.
    public internal(set) var drafts: [Draft] = []
    /// Check-ins on the bond, oldest first (never items, never exported).
    public internal(set) var checkIns: [SavedCheckIn] = []
    /// Unfinished journal entries not yet dealt with, oldest first (never items).
    public internal(set) var journalDrafts: [JournalDraft] = []
    /// Unfinished letters to oneself not yet dealt with, oldest first (never items).
    public internal(set) var letterDrafts: [LetterDraft] = []
    /// What `current` filters and sorts by, per item (by its index in `items.values`), kept by
    /// `apply`: listing then copies only the items it returns, not every item's content.
    private var listKeys: [ListKey] = []

    private struct ListKey {
        var kind: EntryKind
        /// `sortDate` of the item.
        var date: Date
        var retracted: Bool
    }

    /// Wraps an open store and reads its entries (their JSON parsed on every core, applied
    /// in log order).
    public init(store: VaultStore) {
        self.store = store
        items = ItemTable(capacity: store.records.count)
        listKeys.reserveCapacity(store.records.count)
        let records = store.records
        EntryDecoding.forEach(records, at: records.indices.filter { records[$0].kind == .entry }) { record, entry in
            apply(record, entry)
        }
    }

    /// Signs the tree head of what this session wrote (a checkpoint), then releases the
    /// store. A writer's session always ends with a checkpoint, so a later export or anchor
    /// can prove that the log only grew.
    /// - Throws: `VaultError.store` when the checkpoint can't be written (the entries
    ///   themselves are already durable).
    public func close() throws(VaultError) {
        defer { store.close() }
        try checkpointIfNeeded()
    }

    /// Writes a checkpoint when entries were added since the last one (writers only).
    public func checkpointIfNeeded() throws(VaultError) {
        guard store.mode == .readWrite, !store.isClosed, !store.isDamaged, store.needsCheckpoint else { return }
        do { try store.writeCheckpoint() } catch { throw .store(error) }
    }

    deinit { try? close() }

    /// Creates a new vault.
    /// - Throws: `VaultError.store` (already exists, I/O …).
    public static func create(
        at folder: String, passphrase: Passphrase, parameters: Argon2idParameters = .moderate
    ) throws(VaultError) -> Vault {
        do { return Vault(store: try VaultStore.create(at: folder, passphrase: passphrase, parameters: parameters)) }
        catch { throw .store(error) }
    }

    /// Unlocks and opens a vault.
    /// - Throws: `VaultError.store` (wrong passphrase, busy, …).
    public static func open(
        at folder: String, passphrase: Passphrase, kind: KeySlot.Kind = .passphrase,
        mode: VaultStore.AccessMode = .readWrite
    ) throws(VaultError) -> Vault {
        do { return Vault(store: try VaultStore.open(at: folder, passphrase: passphrase, kind: kind, mode: mode)) }
        catch { throw .store(error) }
    }

    // MARK: Reading

    private func apply(_ record: LogRecord, _ decoded: consuming Result<Entry, VaultError>) {
        var entry: Entry
        switch consume decoded {
        case .success(let decodedEntry):
            entry = decodedEntry
        case .failure(let error):
            unreadable.append((record.seq, error.description))
            return
        }
        let at = Date(timeIntervalSince1970: Double(record.writtenAt) / 1000)
        func version(_ content: consuming ItemContent) -> ItemVersion {
            ItemVersion(entryID: entry.id, seq: record.seq, writtenAt: at, content: content)
        }
        switch entry.kind {
        case .incident, .planItem, .contact, .cycle, .profile, .journal, .boundary, .letter:
            guard let content = entry.takeContent() else {
                unreadable.append((record.seq, "entry \(entry.id) has no content or a repeated id"))
                return
            }
            // The list key first: then the content is moved into the item, not copied.
            let key = ListKey(
                kind: content.entryKind, date: Self.sortDate(content, createdAt: at), retracted: false)
            let item = Item(id: entry.id, versions: [version(consume content)], attachments: [], retraction: nil)
            guard items.append(item) != nil else {
                unreadable.append((record.seq, "entry \(entry.id) has no content or a repeated id"))
                return
            }
            listKeys.append(key)
        case .revision:
            guard let target = entry.target, let position = items.position(of: target),
                let content = entry.takeContent(), content.entryKind == listKeys[position].kind
            else {
                unreadable.append((record.seq, "revision \(entry.id) does not match its item"))
                return
            }
            let createdAt = items.values[position].createdAt
            listKeys[position].date = Self.sortDate(content, createdAt: createdAt)
            let newest = version(consume content)
            items.modify(at: position) { $0.versions.append(newest) }
        case .attachment:
            guard let target = entry.target, let position = items.position(of: target),
                let reference = entry.attachment
            else {
                unreadable.append((record.seq, "attachment \(entry.id) does not match its item"))
                return
            }
            let file = AttachedFile(entryID: entry.id, seq: record.seq, addedAt: at, reference: reference, retracted: false)
            items.modify(at: position) { $0.attachments.append(file) }
            attachmentOwners[entry.id] = target
        case .draft:
            if let journal = entry.journal {
                journalDrafts.append(JournalDraft(id: entry.id, writtenAt: at, entry: journal, amending: entry.target))
                return
            }
            if let letter = entry.letter {
                letterDrafts.append(LetterDraft(id: entry.id, writtenAt: at, letter: letter, amending: entry.target))
                return
            }
            guard let incident = entry.incident else {
                unreadable.append((record.seq, "draft \(entry.id) has no content"))
                return
            }
            drafts.append(Draft(id: entry.id, writtenAt: at, incident: incident))
        case .checkIn:
            guard let checkIn = entry.checkIn else {
                unreadable.append((record.seq, "check-in \(entry.id) has no answers"))
                return
            }
            checkIns.append(SavedCheckIn(id: entry.id, writtenAt: at, checkIn: checkIn))
        case .retraction:
            guard let target = entry.target else {
                unreadable.append((record.seq, "retraction \(entry.id) names nothing"))
                return
            }
            if let index = drafts.firstIndex(where: { $0.id == target }) {
                drafts.remove(at: index)
            } else if let index = journalDrafts.firstIndex(where: { $0.id == target }) {
                journalDrafts.remove(at: index)
            } else if let index = letterDrafts.firstIndex(where: { $0.id == target }) {
                letterDrafts.remove(at: index)
            } else if let position = items.position(of: target) {
                let retraction = Retraction(entryID: entry.id, at: at, reason: entry.reason, seq: record.seq)
                items.modify(at: position) { $0.retraction = retraction }
                listKeys[position].retracted = true
            } else if let owner = attachmentOwners[target].flatMap(items.position(of:)),
                let index = items.values[owner].attachments.firstIndex(where: { $0.entryID == target })
            {
                items.modify(at: owner) { $0.attachments[index].retracted = true }
            } else {
                unreadable.append((record.seq, "retraction \(entry.id) names an unknown entry"))
            }
        }
    }

    /// Items of one kind that are not retracted: incidents, good days, apologies and promises
    /// by when they happened (else when written), plan steps and contacts by when written.
    public func current(_ kind: EntryKind) -> [Item] {
        // Items are in log order, so an item's index orders ties as its first frame does.
        var matching: [(date: Date, position: Int)] = []
        for (position, key) in listKeys.enumerated() where !key.retracted && key.kind == kind {
            matching.append((key.date, position))
        }
        matching.sort { a, b in a.date != b.date ? a.date < b.date : a.position < b.position }
        let values = items.values
        return matching.map { values[$0.position] }
    }

    /// When an item counts as having happened, for ordering: an incident's start, else when
    /// it was first written down.
    static func sortDate(_ item: Item) -> Date { sortDate(item.current, createdAt: item.createdAt) }

    static func sortDate(_ content: ItemContent, createdAt: Date) -> Date {
        if case .incident(let incident) = content, let start = incident.occurred?.start { return start }
        if case .cycle(let moment) = content, let start = moment.occurred?.start { return start }
        return createdAt
    }

    /// The id an abbreviation names: among items and attachments, retracted ones included.
    /// - Throws: `VaultError.unknownID`, `.ambiguousID`, `.invalidID`.
    public func resolve(_ prefix: String) throws(VaultError) -> EntryID {
        let text = prefix.lowercased()
        guard !text.isEmpty, text.utf8.count <= 16, EntryID.isHex(text) else { throw .invalidID(prefix) }
        let candidates = Set(items.keys).union(attachmentOwners.keys)
        let matches = candidates.filter { $0.rawValue.hasPrefix(text) }.sorted()
        guard let first = matches.first else { throw .unknownID(prefix) }
        guard matches.count == 1 else { throw .ambiguousID(prefix, matches: matches.map(\.short)) }
        return first
    }

    /// The item an id names, or the item owning the attachment it names.
    public func item(owning id: EntryID) -> Item? {
        items[id] ?? attachmentOwners[id].flatMap { items[$0] }
    }

    /// Items whose current text contains `text` (case- and diacritic-insensitive), searched in
    /// memory over decrypted content.
    public func search(_ text: String) -> [Item] {
        let needle = text.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil)
        return items.values.filter { item in
            !item.isRetracted && SearchText.of(item).folding(
                options: [.caseInsensitive, .diacriticInsensitive], locale: nil
            ).contains(needle)
        }.sorted { Self.sortDate($0) < Self.sortDate($1) }
    }

    // MARK: Writing

    /// Adds a new item.
    /// - Throws: `VaultError.store` (damaged vault, full disk …).
    @discardableResult
    public func add(_ content: ItemContent) throws(VaultError) -> Item {
        let entry = Entry(kind: content.entryKind, content: content)
        try write(entry)
        return items[entry.id]!
    }

    /// Writes a new version of an item.
    /// - Throws: `VaultError.unknownID`, `.wrongKind`, `.retracted`, `.store`.
    @discardableResult
    public func revise(_ id: EntryID, to content: ItemContent) throws(VaultError) -> Item {
        guard let item = items[id] else { throw .unknownID(id.short) }
        guard item.current.entryKind == content.entryKind else {
            throw .wrongKind(id: id.short, expected: item.current.kindName, actual: content.kindName)
        }
        guard !item.isRetracted else { throw .retracted(id.short) }
        try write(Entry(kind: .revision, target: id, content: content))
        return items[id]!
    }

    /// Retracts an item or an attachment: hidden from views, kept in the history.
    /// - Throws: `VaultError.unknownID`, `.retracted`, `.store`.
    public func retract(_ id: EntryID, reason: String?) throws(VaultError) {
        if let item = items[id] {
            guard !item.isRetracted else { throw .retracted(id.short) }
        } else if attachmentOwners[id] == nil {
            throw .unknownID(id.short)
        }
        try write(Entry(kind: .retraction, target: id, reason: reason))
    }

    /// Streams a file into the vault (encrypted, hashed) and records it against an item.
    /// - Parameters:
    ///   - source: the file's bytes, read to the end.
    ///   - fileName: its original name, without folders.
    ///   - mediaType: e.g. "image/jpeg" (see `AttachmentReference.mediaType(forFileName:)`).
    /// - Throws: `VaultError.unknownID` (before anything is written), `.store`, or what
    ///   `source` throws. If the entry can't be appended the blob stays as an unreferenced
    ///   file, reported as harmless by `check`.
    @discardableResult
    public func attach(
        from source: inout some ByteSource, fileName: String, mediaType: String, caption: String? = nil,
        to id: EntryID
    ) throws -> AttachedFile {
        guard items[id] != nil else { throw VaultError.unknownID(id.short) }
        let blob: AttachmentBlob
        do { blob = try store.addAttachment(from: &source) } catch let error as StoreError {
            throw VaultError.store(error)
        }
        let reference = AttachmentReference(blob: blob, mediaType: mediaType, fileName: fileName, caption: caption)
        return try recordAttachment(reference, to: id)
    }

    /// Records an attachment stored with `store.addAttachment` against an item.
    /// - Throws: `VaultError.unknownID`, `.store`.
    @discardableResult
    public func recordAttachment(_ reference: AttachmentReference, to id: EntryID) throws(VaultError) -> AttachedFile {
        guard items[id] != nil else { throw .unknownID(id.short) }
        let entry = Entry(kind: .attachment, target: id, attachment: reference)
        try write(entry)
        return items[id]!.attachments.last!
    }

    func write(_ entry: Entry) throws(VaultError) {
        let record: LogRecord
        do { record = try store.append(entry.encoded()) } catch { throw .store(error) }
        apply(record, EntryDecoding.decode(record))
    }
}

extension Entry {
    /// The content carried, matching the entry's kind.
    init(kind: EntryKind, target: EntryID? = nil, content: ItemContent) {
        self.init(
            kind: kind, target: target, incident: content.incident, planItem: content.planItem,
            contact: content.contact, cycle: content.cycle, profile: content.profile, journal: content.journal,
            boundary: content.boundary, letter: content.letter)
    }

    /// The content of an item-creating entry or a revision, moved out of the entry (whose
    /// content fields are then nil): applying many entries copies none of their strings.
    mutating func takeContent() -> ItemContent? {
        if let incident = incident.take() { return .incident(incident) }
        if let planItem = planItem.take() { return .planItem(planItem) }
        if let contact = contact.take() { return .contact(contact) }
        if let cycle = cycle.take() { return .cycle(cycle) }
        if let profile = profile.take() { return .profile(profile) }
        if let journal = journal.take() { return .journal(journal) }
        if let boundary = boundary.take() { return .boundary(boundary) }
        if let letter = letter.take() { return .letter(letter) }
        return nil
    }
}
