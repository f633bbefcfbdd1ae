import Foundation
import KeepsakeStore

/// The content of an item, of whichever kind it is.
public enum ItemContent: Equatable, Sendable {
    case incident(Incident)
    case planItem(PlanItem)
    case contact(Contact)
    /// A good day, an apology or a promise: never an incident.
    case cycle(CycleMoment)
    /// The owner's standing answers: the parties, children, firearms, pets (one item).
    case profile(Profile)
    /// A journal entry: private, never an incident.
    case journal(JournalEntry)
    /// Something the owner won't accept again (schema 4).
    case boundary(Boundary)
    /// A letter to oneself (schema 4).
    case letter(LetterToSelf)

    /// The entry kind that creates an item of this content.
    public var entryKind: EntryKind {
        switch self {
        case .incident: return .incident
        case .planItem: return .planItem
        case .contact: return .contact
        case .cycle: return .cycle
        case .profile: return .profile
        case .journal: return .journal
        case .boundary: return .boundary
        case .letter: return .letter
        }
    }

    /// A word for the kind, for people.
    public var kindName: String {
        switch self {
        case .incident: return "incident"
        case .planItem: return "plan item"
        case .contact: return "contact"
        case .cycle(let moment): return moment.kind.label
        case .profile: return "profile"
        case .journal: return "journal entry"
        case .boundary: return "boundary"
        case .letter: return "letter to yourself"
        }
    }

    /// The incident, if this is one.
    public var incident: Incident? { if case let .incident(value) = self { value } else { nil } }
    /// The plan step, if this is one.
    public var planItem: PlanItem? { if case let .planItem(value) = self { value } else { nil } }
    /// The contact, if this is one.
    public var contact: Contact? { if case let .contact(value) = self { value } else { nil } }
    /// The good day, apology or promise, if this is one.
    public var cycle: CycleMoment? { if case let .cycle(value) = self { value } else { nil } }
    /// The owner's standing answers, if this is them.
    public var profile: Profile? { if case let .profile(value) = self { value } else { nil } }
    /// The journal entry, if this is one.
    public var journal: JournalEntry? { if case let .journal(value) = self { value } else { nil } }
    /// The boundary, if this is one.
    public var boundary: Boundary? { if case let .boundary(value) = self { value } else { nil } }
    /// The letter to oneself, if this is one.
    public var letter: LetterToSelf? { if case let .letter(value) = self { value } else { nil } }
}

/// One version of an item, as written.
public struct ItemVersion: Equatable, Sendable {
    /// The entry that wrote it.
    public var entryID: EntryID
    /// Its frame in the log.
    public var seq: UInt64
    /// When it was written down (device clock at save).
    public var writtenAt: Date
    /// What it said.
    public var content: ItemContent

    /// A version from its parts (a recipient rebuilding items from disclosed entries).
    public init(entryID: EntryID, seq: UInt64, writtenAt: Date, content: ItemContent) {
        self.entryID = entryID
        self.seq = seq
        self.writtenAt = writtenAt
        self.content = content
    }
}

/// A file attached to an item.
public struct AttachedFile: Equatable, Sendable {
    /// The attachment entry's id.
    public var entryID: EntryID
    /// Its frame in the log.
    public var seq: UInt64
    /// When it was added.
    public var addedAt: Date
    /// The blob and what it is.
    public var reference: AttachmentReference
    /// Whether it was retracted.
    public var retracted: Bool

    /// An attached file from its parts.
    public init(entryID: EntryID, seq: UInt64, addedAt: Date, reference: AttachmentReference, retracted: Bool) {
        self.entryID = entryID
        self.seq = seq
        self.addedAt = addedAt
        self.reference = reference
        self.retracted = retracted
    }
}

/// A retraction: the item stays in the history, hidden from views.
public struct Retraction: Equatable, Sendable {
    /// The retraction entry's id.
    public var entryID: EntryID
    /// When it was retracted.
    public var at: Date
    /// Why, in the owner's words.
    public var reason: String?
    /// The retraction record's place in the log (0 when not known).
    public var seq: UInt64 = 0
}

/// An incident, plan step or contact with its whole history: every version in order, its
/// attachments, and its retraction if any.
public struct Item: Equatable, Sendable {
    /// The item's id (its first entry's id).
    public var id: EntryID
    /// Every version, oldest first; never empty.
    public var versions: [ItemVersion]
    /// Files attached, oldest first.
    public var attachments: [AttachedFile]
    /// Set when the item was retracted.
    public var retraction: Retraction?

    /// An item from its parts; `versions` must not be empty.
    public init(id: EntryID, versions: [ItemVersion], attachments: [AttachedFile], retraction: Retraction?) {
        precondition(!versions.isEmpty, "an item has at least one version")
        self.id = id
        self.versions = versions
        self.attachments = attachments
        self.retraction = retraction
    }

    /// The latest version's content.
    public var current: ItemContent { versions[versions.count - 1].content }
    /// When it was first written down.
    public var createdAt: Date { versions[0].writtenAt }
    /// When it was last changed.
    public var updatedAt: Date { versions[versions.count - 1].writtenAt }
    /// Whether it was changed after it was first written.
    public var isAmended: Bool { versions.count > 1 }
    /// Whether it is hidden from views.
    public var isRetracted: Bool { retraction != nil }
    /// Attachments that were not retracted.
    public var visibleAttachments: [AttachedFile] { attachments.filter { !$0.retracted } }
}
