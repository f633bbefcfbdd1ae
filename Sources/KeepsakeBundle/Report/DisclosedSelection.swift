import Foundation
import KeepsakeStore
import KeepsakeVault

extension BundleSelection {
    /// The selection as the disclosed records alone show it: what a recipient can rebuild
    /// from `entries.json` with no vault. The human-readable files (report, CSV, README) are
    /// rendered from this, both by the exporter and by `verify`, so the verifier's copy is
    /// byte for byte the exporter's when nothing was changed.
    ///
    /// Items are rebuilt in log order as the vault does (a new item, then its revisions and
    /// attachments). A revision whose item's first version is not disclosed (an amended entry
    /// exported without `--history`) starts an item on its own, listed in `partialHistory`:
    /// the bundle does not show when that item was first written down. A retraction whose
    /// item is not disclosed (since report layout 4 the exporter discloses the retraction of
    /// each retracted incident) is listed in `retracted`; retracted files are left out by the
    /// exporter. A retraction whose incident is disclosed (only with `--history`, layout 5)
    /// takes that incident out of `incidents` and lists it in `retracted` with its content.
    init(disclosed records: [LogRecord]) {
        var items: [EntryID: Item] = [:]
        var order: [EntryID: UInt64] = [:]
        var partial = Set<EntryID>()
        var attachmentOwners: [EntryID: EntryID] = [:]
        var retracted: [RetractedEntry] = []
        for record in records.sorted(by: { $0.seq < $1.seq }) where record.kind == .entry {
            guard let entry = try? Entry.decode(record.payload) else { continue }
            let at = Date(timeIntervalSince1970: Double(record.writtenAt) / 1000)
            let content: ItemContent? = entry.incident.map(ItemContent.incident)
                ?? entry.planItem.map(ItemContent.planItem) ?? entry.contact.map(ItemContent.contact)
                ?? entry.cycle.map(ItemContent.cycle) ?? entry.profile.map(ItemContent.profile)
                ?? entry.journal.map(ItemContent.journal) ?? entry.boundary.map(ItemContent.boundary)
            switch entry.kind {
            case .incident, .planItem, .contact, .cycle, .profile, .journal, .boundary:
                guard let content, items[entry.id] == nil else { continue }
                items[entry.id] = Item(
                    id: entry.id, versions: [ItemVersion(entryID: entry.id, seq: record.seq, writtenAt: at, content: content)],
                    attachments: [], retraction: nil)
                order[entry.id] = record.seq
            case .revision:
                guard let target = entry.target, let content else { continue }
                let version = ItemVersion(entryID: entry.id, seq: record.seq, writtenAt: at, content: content)
                if items[target] == nil {
                    items[target] = Item(id: target, versions: [version], attachments: [], retraction: nil)
                    order[target] = record.seq
                    partial.insert(target)
                } else {
                    items[target]?.versions.append(version)
                }
            case .attachment:
                guard let target = entry.target, let reference = entry.attachment, items[target] != nil else { continue }
                items[target]?.attachments.append(
                    AttachedFile(entryID: entry.id, seq: record.seq, addedAt: at, reference: reference, retracted: false))
                attachmentOwners[entry.id] = target
            case .retraction:
                guard let target = entry.target, attachmentOwners[target] == nil else { continue }
                var content: Item?
                if let item = items[target] {
                    guard item.current.entryKind == .incident else { continue }
                    content = item
                    items[target] = nil
                }
                retracted.append(RetractedEntry(target: target, at: at, reason: entry.reason, seq: record.seq, item: content))
            case .draft, .checkIn, .letter:
                continue  // never disclosed
            }
        }
        func sorted(_ kind: EntryKind) -> [Item] {
            items.values.filter { $0.current.entryKind == kind }.sorted { a, b in
                let (da, db) = (Self.sortDate(a), Self.sortDate(b))
                return da != db ? da < db : order[a.id]! < order[b.id]!
            }
        }
        incidents = sorted(.incident)
        planSteps = sorted(.planItem)
        contacts = sorted(.contact)
        moments = sorted(.cycle)
        profile = sorted(.profile).last
        journal = sorted(.journal)
        boundaries = sorted(.boundary)
        attachments = (incidents + planSteps + contacts).flatMap { item in item.attachments.map { (owner: item, file: $0) } }
        self.records = records.sorted { $0.seq < $1.seq }
        partialHistory = partial
        self.retracted = retracted
    }

    /// An incident's start, else when its first disclosed version was written (as the vault
    /// orders items).
    static func sortDate(_ item: Item) -> Date {
        if let start = item.current.incident?.occurred?.start { return start }
        if let start = item.current.cycle?.occurred?.start { return start }
        return item.createdAt
    }
}
