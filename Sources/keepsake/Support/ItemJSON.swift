import Foundation
import KeepsakeVault

/// The JSON shapes of `--json` output. Field names are part of the CLI's contract: add
/// fields, don't rename them.
struct ItemJSON: Encodable {
    struct Version: Encodable {
        var entry: String
        var seq: UInt64
        var writtenAt: Date
        var incident: Incident?
        var planItem: PlanItem?
        var contact: Contact?
        var cycle: CycleMoment?
        var profile: Profile?
        var journal: JournalEntry?
        var boundary: Boundary?
        var letter: LetterToSelf?
    }

    struct Attachment: Encodable {
        var id: String
        var fileName: String
        var mediaType: String
        var size: UInt64
        var sha256: String
        var addedAt: Date
        var caption: String?
        var retracted: Bool
    }

    var id: String
    var shortId: String
    var kind: String
    var writtenAt: Date
    var updatedAt: Date
    var amended: Bool
    var retracted: Bool
    var retractionReason: String?
    var incident: Incident?
    var planItem: PlanItem?
    var contact: Contact?
    var cycle: CycleMoment?
    var profile: Profile?
    var journal: JournalEntry?
    var boundary: Boundary?
    var letter: LetterToSelf?
    var attachments: [Attachment]
    var history: [Version]?

    init(_ item: Item, withHistory: Bool = false) {
        id = item.id.rawValue
        shortId = item.id.short
        kind = item.current.entryKind.rawValue
        writtenAt = item.createdAt
        updatedAt = item.updatedAt
        amended = item.isAmended
        retracted = item.isRetracted
        retractionReason = item.retraction?.reason
        incident = item.current.incident
        planItem = item.current.planItem
        contact = item.current.contact
        cycle = item.current.cycle
        profile = item.current.profile
        journal = item.current.journal
        boundary = item.current.boundary
        letter = item.current.letter
        attachments = item.attachments.map {
            Attachment(
                id: $0.entryID.rawValue, fileName: $0.reference.fileName, mediaType: $0.reference.mediaType,
                size: $0.reference.size, sha256: $0.reference.sha256, addedAt: $0.addedAt,
                caption: $0.reference.caption, retracted: $0.retracted)
        }
        history = withHistory
            ? item.versions.map {
                Version(
                    entry: $0.entryID.rawValue, seq: $0.seq, writtenAt: $0.writtenAt, incident: $0.content.incident,
                    planItem: $0.content.planItem, contact: $0.content.contact, cycle: $0.content.cycle,
                    profile: $0.content.profile, journal: $0.content.journal,
                    boundary: $0.content.boundary, letter: $0.content.letter)
            } : nil
    }
}

/// Prints any `Encodable` as pretty JSON with sorted keys and ISO 8601 dates.
enum JSONOutput {
    static func print<T: Encodable>(_ value: T) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        let data = try encoder.encode(value)
        Swift.print(String(decoding: data, as: UTF8.self))
    }
}

/// Dates for people: local time, stable format.
enum DisplayDate {
    static func format(_ date: Date, withTime: Bool = true) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone.current
        formatter.dateFormat = withTime ? "EEE d MMM yyyy, HH:mm" : "EEE d MMM yyyy"
        return formatter.string(from: date)
    }
}
