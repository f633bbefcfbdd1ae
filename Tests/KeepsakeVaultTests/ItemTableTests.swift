import Foundation
import Testing
@testable import KeepsakeVault

/// The vault's item table (items in log order, found by id) and the ids it is keyed by.
@Suite struct ItemTableTests {
    static func item(_ id: String, _ account: String) throws -> Item {
        Item(
            id: try EntryID(id),
            versions: [
                ItemVersion(
                    entryID: try EntryID(id), seq: 0, writtenAt: Date(timeIntervalSince1970: 0),
                    content: .incident(Incident(account: account)))
            ], attachments: [], retraction: nil)
    }

    @Test func itemsKeepTheirOrderAndAnIdIsTakenOnce() throws {
        var table = ItemTable(capacity: 2)
        #expect(table.append(try Self.item("00000000000000b2", "first")) == 0)
        #expect(table.append(try Self.item("00000000000000a1", "second")) == 1)
        // The same id again: refused, and the first item stays.
        #expect(table.append(try Self.item("00000000000000B2", "again")) == nil)
        #expect(table.count == 2)
        #expect(table.keys == [try EntryID("00000000000000b2"), try EntryID("00000000000000a1")])
        #expect(table[try EntryID("00000000000000b2")]?.current.incident?.account == "first")
        #expect(table[try EntryID("00000000000000c3")] == nil)

        let position = try #require(table.position(of: try EntryID("00000000000000a1")))
        table.modify(at: position) { $0.retraction = Retraction(entryID: $0.id, at: Date(), reason: "test") }
        #expect(table[try EntryID("00000000000000a1")]?.isRetracted == true)
        #expect(table.values.map(\.isRetracted) == [false, true])
    }

    @Test func idsCompareAndHashByTheirLowerCasedDigits() throws {
        let upper = try EntryID("ABCDEF0123456789")
        let lower = try EntryID("abcdef0123456789")
        #expect(upper == lower && upper.hashValue == lower.hashValue)
        #expect(upper != (try EntryID("abcdef0123456788")))
        #expect(Set([upper, lower, try EntryID("0000000000000000")]).count == 2)
        // Random ids: equal exactly when their text is.
        let ids = (0..<2_000).map { _ in EntryID.random() }
        #expect(Set(ids).count == Set(ids.map(\.rawValue)).count)
    }

    @Test func anUpperCaseIdInAnEntryIsReadLowerCasedByBothReaders() throws {
        var entry = Entry(kind: .incident, id: try EntryID("0123456789abcdef"), incident: Incident(account: "a"))
        entry.target = try EntryID("fedcba9876543210")
        let json = String(decoding: entry.encoded(), as: UTF8.self)
            .replacingOccurrences(of: "0123456789abcdef", with: "0123456789ABCDEF")
            .replacingOccurrences(of: "fedcba9876543210", with: "FEDCBA9876543210")
        let bytes = Array(json.utf8)
        let fast = try #require(bytes.withUnsafeBufferPointer(EntryJSONReader.read), "the fast reader takes it")
        let foundation = try Entry.decoder.decode(Entry.self, from: Data(bytes))
        #expect(fast == foundation)
        #expect(fast.id.rawValue == "0123456789abcdef" && fast.target?.rawValue == "fedcba9876543210")
    }
}
