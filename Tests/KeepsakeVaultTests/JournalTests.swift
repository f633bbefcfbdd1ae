import Foundation
import KeepsakeCrypto
import KeepsakeStore
import KeepsakeTestSupport
import Testing
@testable import KeepsakeVault

/// The journal in the model: entries with tags kept exactly, revisions, retraction, drafts,
/// tag and word search (capitals, accents, non-ASCII), and never an incident.
@Suite struct JournalTests {
    let folder = TemporaryFolder()
    let passphrase = Passphrase(copying: "journal test passphrase")
    var path: String { folder.appending("v") }

    func makeVault() throws -> Vault { try Vault.create(at: path, passphrase: passphrase, parameters: TestKDF.cheap) }
    func reopen() throws -> Vault { try Vault.open(at: path, passphrase: passphrase) }

    static let text = "Therapy today.\n\n  She asked: \"maybe, or no?\"\tI said no.\n\nÜbung: breathe; café after."

    @Test func anEntryKeepsItsTextAndTagsExactlyAcrossReopening() throws {
        let vault = try makeVault()
        let item = try vault.add(.journal(JournalEntry(text: Self.text, tags: [" Therapy ", "#therapy", "self care", "", "THÉRAPY", "Self  CARE", "self-care"])))
        let record = try #require(vault.store.records.last)
        vault.store.close()
        let read = try #require(try reopen().items[item.id])
        let entry = try #require(read.current.journal)
        #expect(entry.text == Self.text)
        // Kept as typed (trimmed), each once: "#therapy" and "THÉRAPY" are "Therapy" again,
        // "Self  CARE" is "self care"; "self-care" is another tag.
        #expect(entry.tags == ["Therapy", "self care", "self-care"])
        #expect(read.current.kindName == "journal entry")
        // The entry is schema 4 and says it is a journal entry.
        let json = String(decoding: record.payload, as: UTF8.self)
        #expect(json.contains(#""kind":"journal""#) && json.contains(#""schema":4"#), "\(json)")
    }

    @Test func itIsNeverAnIncident() throws {
        let vault = try makeVault()
        try vault.add(.incident(Incident(account: "He shouted.")))
        try vault.add(.journal(JournalEntry(text: "I slept well for once.")))
        vault.store.close()
        let reopened = try reopen()
        #expect(reopened.current(.incident).count == 1)
        #expect(reopened.current(.journal).count == 1)
        #expect(reopened.current(.incident).allSatisfy { $0.current.incident != nil })
    }

    @Test func anAmendmentIsANewVersionAndARetractionHidesItWithItsHistoryKept() throws {
        let vault = try makeVault()
        let first = JournalEntry(text: "first words", tags: ["sleep"])
        let item = try vault.add(.journal(first))
        let second = JournalEntry(text: "first words\n\nand later ones", tags: ["sleep", "therapy"])
        try vault.revise(item.id, to: .journal(second))
        // A revision of another kind is refused.
        #expect(throws: VaultError.self) { try vault.revise(item.id, to: .incident(Incident(account: "x"))) }
        try vault.retract(item.id, reason: "too raw")
        vault.store.close()
        let reopened = try reopen()
        let read = try #require(reopened.items[item.id])
        #expect(read.versions.map(\.content) == [.journal(first), .journal(second)])
        #expect(read.retraction?.reason == "too raw")
        #expect(reopened.journal().isEmpty)
        #expect(reopened.searchJournal("later").isEmpty)
        #expect(throws: VaultError.retracted(item.id.short)) { try reopened.revise(item.id, to: .journal(first)) }
        reopened.store.close()
    }

    @Test func tagsAreComparedWithoutCapitalsAccentsOrAHash() throws {
        let vault = try makeVault()
        let a = try vault.add(.journal(JournalEntry(text: "a", tags: ["Thérapie", "self care"]))).id
        let b = try vault.add(.journal(JournalEntry(text: "b", tags: ["#sleep"]))).id
        _ = try vault.add(.journal(JournalEntry(text: "c")))
        #expect(vault.journal(tag: "therapie").map(\.id) == [a])
        #expect(vault.journal(tag: "#THERAPIE").map(\.id) == [a])
        #expect(vault.journal(tag: "self   care").map(\.id) == [a])
        #expect(vault.journal(tag: "Sleep").map(\.id) == [b])
        #expect(vault.journal(tag: "self").isEmpty)  // a tag is matched whole
        #expect(vault.journal().count == 3)
    }

    @Test func searchFindsEveryWordInTextOrTagsIgnoringCapitalsAndAccents() throws {
        let vault = try makeVault()
        let a = try vault.add(.journal(JournalEntry(text: Self.text, tags: ["Körper"]))).id
        let b = try vault.add(.journal(JournalEntry(text: "Ein ruhiger Tag. 静かな日。", tags: ["self-care"]))).id
        try vault.add(.incident(Incident(account: "therapy mentioned in an incident")))
        #expect(vault.searchJournal("THERAPY").map(\.id) == [a])
        #expect(vault.searchJournal("cafe uebung").isEmpty)  // accents fold, spellings don't
        #expect(vault.searchJournal("cafe ubung").map(\.id) == [a])  // every word, any order
        #expect(vault.searchJournal("café übung breathe").map(\.id) == [a])
        #expect(vault.searchJournal("körper").map(\.id) == [a])  // a tag is searched too
        #expect(vault.searchJournal("korper").map(\.id) == [a])
        #expect(vault.searchJournal("静かな").map(\.id) == [b])
        #expect(vault.searchJournal("self-care").map(\.id) == [b])
        #expect(vault.searchJournal("therapy", tag: "self-care").isEmpty)
        #expect(vault.searchJournal("tag", tag: "SELF-CARE").map(\.id) == [b])
        #expect(vault.searchJournal("therapy nothing").isEmpty)
        // Only journal entries: the incident holding "therapy" is not a result.
        #expect(vault.searchJournal("mentioned").isEmpty)
    }

    @Test func aDraftIsKeptUntilSettledAndIsNeverAnItem() throws {
        let vault = try makeVault()
        let draft = try vault.saveJournalDraft(JournalEntry(text: "half a thought", tags: ["later"]))
        vault.store.close()
        var reopened = try reopen()
        #expect(reopened.journalDrafts.map(\.entry) == [JournalEntry(text: "half a thought", tags: ["later"])])
        #expect(reopened.drafts.isEmpty && reopened.items.count == 0)
        try reopened.settleJournalDraft(draft.id)
        #expect(throws: VaultError.unknownID(draft.id.short)) { try reopened.settleJournalDraft(draft.id) }
        reopened.store.close()
        reopened = try reopen()
        #expect(reopened.journalDrafts.isEmpty && reopened.unreadable.isEmpty)
    }
}
