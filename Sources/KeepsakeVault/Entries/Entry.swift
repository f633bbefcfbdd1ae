import Foundation

/// What an entry is.
public enum EntryKind: String, Codable, Sendable {
    /// A new incident.
    case incident
    /// A new plan step.
    case planItem = "plan"
    /// A new contact.
    case contact
    /// An attachment added to an incident (or any item).
    case attachment
    /// A new version of an item (the whole content, not a difference).
    case revision
    /// Hides an item (or an attachment) from views; its history stays. Naming a draft, it
    /// marks the draft as dealt with (saved as an incident, or thrown away).
    case retraction
    /// An unfinished incident, kept (encrypted, like every entry) when the guided questions
    /// were stopped; `log` offers to carry on with it. Never an item. (Schema 2.)
    case draft
    /// A good day, an apology or a promise (`CycleMoment`): its own item, never an incident.
    /// (Schema 3.)
    case cycle
    /// A private check-in on the bond (`BondCheckIn`): kept, compared, never an item and never
    /// exported. (Schema 3.)
    case checkIn
    /// The owner's standing answers (`Profile`): the parties, children, firearms, pets. One
    /// item, changed by revisions; exported only with `--include-profile`. (Schema 4.)
    case profile
    /// A journal entry (`JournalEntry`): private free text with tags, never an incident.
    /// (Schema 4.)
    case journal
    /// Something the owner won't accept again (`Boundary`): its own item, private unless
    /// named at export. (Schema 4.)
    case boundary
    /// A letter to oneself (`LetterToSelf`): its own item, never exported. (Schema 4.)
    case letter
}

/// One entry of the vault model: the JSON payload of an entry record in the log. Entries are
/// never changed: a change is a new revision, a removal a retraction.
///
/// `schema` is the version of this JSON; readers accept every version up to their own and
/// refuse newer ones by name rather than misread them.
public struct Entry: Codable, Equatable, Sendable {
    /// The schema this version writes.
    public static let currentSchema = 4

    /// Schema version of this entry.
    public var schema: Int
    /// What the entry is.
    public var kind: EntryKind
    /// This entry's id (for new items, the item's id).
    public var id: EntryID
    /// The item a revision, retraction or attachment refers to; the letter (journal entry) a
    /// letter (journal) draft would change.
    public var target: EntryID?
    /// Content of a new incident, or of a revision of one.
    public var incident: Incident?
    /// Content of a new plan step, or of a revision of one.
    public var planItem: PlanItem?
    /// Content of a new contact, or of a revision of one.
    public var contact: Contact?
    /// Content of a new good day, apology or promise, or of a revision of one (schema 3).
    public var cycle: CycleMoment?
    /// The answers of a check-in on the bond (schema 3).
    public var checkIn: BondCheckIn?
    /// The attachment, for `attachment` entries.
    public var attachment: AttachmentReference?
    /// Why, for retractions (optional, in the owner's words).
    public var reason: String?
    /// The owner's standing answers, or a revision of them (schema 4).
    public var profile: Profile?
    /// Content of a new journal entry, or of a revision of one; or what a journal draft
    /// holds (schema 4).
    public var journal: JournalEntry?
    /// Content of a new boundary, or of a revision of one (schema 4).
    public var boundary: Boundary?
    /// Content of a new letter to oneself, or of a revision of one; or what a letter draft
    /// holds (schema 4).
    public var letter: LetterToSelf?

    /// Makes an entry of the current schema.
    public init(
        kind: EntryKind, id: EntryID = .random(), target: EntryID? = nil,
        incident: Incident? = nil, planItem: PlanItem? = nil, contact: Contact? = nil,
        cycle: CycleMoment? = nil, checkIn: BondCheckIn? = nil, attachment: AttachmentReference? = nil, reason: String? = nil,
        profile: Profile? = nil, journal: JournalEntry? = nil,
        boundary: Boundary? = nil, letter: LetterToSelf? = nil
    ) {
        schema = Self.currentSchema
        self.kind = kind
        self.id = id
        self.target = target
        self.incident = incident
        self.planItem = planItem
        self.contact = contact
        self.cycle = cycle
        self.checkIn = checkIn
        self.attachment = attachment
        self.reason = reason
        self.profile = profile
        self.journal = journal
        self.boundary = boundary
        self.letter = letter
    }

    /// The JSON bytes stored in the log (sorted keys, ISO 8601 dates): `EntryJSONWriter`'s,
    /// byte for byte what `Self.encoder` writes, or `Self.encoder`'s own for the rare entry
    /// the writer leaves to it (a date with a fraction of a second, or before 1583).
    public func encoded() -> [UInt8] {
        EntryJSONWriter.write(self) ?? foundationEncoded()
    }

    /// `Self.encoder`'s bytes for this entry.
    func foundationEncoded() -> [UInt8] {
        // Every field is encodable by construction.
        Array(try! Self.encoder.encode(self))
    }

    /// Parses an entry's JSON: `EntryJSONReader` for the entries this version writes,
    /// `JSONDecoder` for anything that reader is not sure of.
    /// - Throws: `VaultError.newerSchema` for an entry from a newer version,
    ///   `.malformedEntry` for anything else that does not parse.
    public static func decode(_ bytes: [UInt8]) throws(VaultError) -> Entry {
        if let entry = bytes.withUnsafeBufferPointer(EntryJSONReader.read) { return entry }
        let data = Data(bytes)
        let decoder = Self.decoder
        // One pass for the usual case, an entry of a schema this version reads.
        if let entry = try? decoder.decode(Entry.self, from: data), entry.schema <= currentSchema {
            return entry
        }
        // Otherwise say why it can't be read.
        struct SchemaOnly: Decodable { var schema: Int }
        guard let schema = try? decoder.decode(SchemaOnly.self, from: data).schema else {
            throw .malformedEntry("no schema version")
        }
        guard schema <= currentSchema else { throw .newerSchema(schema) }
        do {
            return try decoder.decode(Entry.self, from: data)
        } catch {
            throw .malformedEntry("\(error)")
        }
    }

    /// One encoder and one decoder for every entry the fast codec leaves to Foundation (and
    /// for the tests that check it against them): making a decoder per entry added about
    /// 5 µs to a 40 µs decode, measured alone. Both are `Sendable`; the decoder is used from
    /// several threads at once when a vault opens.
    static let encoder: JSONEncoder = {
        let e = JSONEncoder()
        e.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        e.dateEncodingStrategy = .iso8601
        return e
    }()

    static let decoder: JSONDecoder = {
        let d = JSONDecoder()
        d.dateDecodingStrategy = .iso8601
        return d
    }()
}
