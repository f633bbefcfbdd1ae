import Foundation
import KeepsakeCrypto
import KeepsakeTestSupport
import Testing
@testable import KeepsakeVault

/// A draft of a change to a journal entry in the model: a `draft` entry holding `journal` with
/// the entry's id as `target`, kept exactly until a retraction settles it, leaving the entry as
/// saved; never an item, never a letter draft, never unreadable.
@Suite struct JournalChangeDraftTests {
    let folder = TemporaryFolder()
    let passphrase = Passphrase(copying: "journal change draft test passphrase")
    var path: String { folder.appending("v") }

    func reopen() throws -> Vault { try Vault.open(at: path, passphrase: passphrase) }

    @Test func aDraftOfAChangeNamesItsEntryAndLeavesTheEntryAsSavedUntilSettled() throws {
        let vault = try Vault.create(at: path, passphrase: passphrase, parameters: TestKDF.cheap)
        let saved = JournalEntry(text: "Saw my sister today.", tags: ["family"])
        let item = try vault.add(.journal(saved))
        let changed = JournalEntry(text: "Saw my sister today.\n\n  He texted \"we need to talk\", twice.", tags: ["family"])
        let change = try vault.saveJournalDraft(changed, amending: item.id)
        let json = String(decoding: try #require(vault.store.records.last).payload, as: UTF8.self)
        #expect(json.contains(#""kind":"draft""#) && json.contains(#""target":"\#(item.id.rawValue)""#), "\(json)")
        let fresh = try vault.saveJournalDraft(JournalEntry(text: "half a thought"))
        vault.store.close()

        var reopened = try reopen()
        #expect(reopened.journalDrafts == [
            JournalDraft(id: change.id, writtenAt: change.writtenAt, entry: changed, amending: item.id),
            JournalDraft(id: fresh.id, writtenAt: fresh.writtenAt, entry: JournalEntry(text: "half a thought"), amending: nil),
        ])
        #expect(reopened.items.count == 1 && reopened.items[item.id]?.versions.map(\.content) == [.journal(saved)])
        #expect(reopened.journal().count == 1 && reopened.searchJournal("twice").isEmpty && reopened.search("twice").isEmpty)
        #expect(reopened.letterDrafts.isEmpty && reopened.drafts.isEmpty && reopened.unreadable.isEmpty)
        #expect(throws: VaultError.self) { try reopened.resolve(change.id.short) }
        #expect(throws: VaultError.unknownID(change.id.short)) { try reopened.settleLetterDraft(change.id) }

        try reopened.revise(item.id, to: .journal(changed))
        try reopened.settleJournalDraft(change.id)
        #expect(throws: VaultError.unknownID(change.id.short)) { try reopened.settleJournalDraft(change.id) }
        reopened.store.close()
        reopened = try reopen()
        #expect(reopened.journalDrafts.map(\.id) == [fresh.id] && reopened.unreadable.isEmpty)
        #expect(reopened.items[item.id]?.versions.map(\.content) == [.journal(saved), .journal(changed)])
        #expect(reopened.checkIntegrity().unreadableEntries.isEmpty && reopened.checkIntegrity().isIntact)
    }
}
