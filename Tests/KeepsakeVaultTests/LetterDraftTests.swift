import Foundation
import KeepsakeCrypto
import KeepsakeTestSupport
import Testing
@testable import KeepsakeVault

/// An unfinished letter in the model: a `draft` entry holding a `letter`, kept exactly until a
/// retraction settles it, never an item, never a journal or incident draft, never unreadable.
@Suite struct LetterDraftTests {
    let folder = TemporaryFolder()
    let passphrase = Passphrase(copying: "letter draft test passphrase")
    var path: String { folder.appending("v") }

    func reopen() throws -> Vault { try Vault.open(at: path, passphrase: passphrase) }

    @Test func aLetterDraftIsKeptExactlyUntilSettledAndIsNeverAnItem() throws {
        let vault = try Vault.create(at: path, passphrase: passphrase, parameters: TestKDF.cheap)
        let text = "Dear me,\n\n  He said \"once, I promise\", again.\n"
        let draft = try vault.saveLetterDraft(LetterToSelf(text: text))
        let second = try vault.saveLetterDraft(LetterToSelf(text: "a second try"))
        vault.store.close()
        var reopened = try reopen()
        #expect(reopened.letterDrafts.map(\.letter.text) == [text, "a second try"])
        #expect(reopened.letterDrafts.map(\.id) == [draft.id, second.id])
        #expect(reopened.items.count == 0 && reopened.current(.letter).isEmpty && reopened.search("promise").isEmpty)
        #expect(reopened.drafts.isEmpty && reopened.journalDrafts.isEmpty && reopened.unreadable.isEmpty)
        #expect(throws: VaultError.self) { try reopened.resolve(draft.id.short) }
        try reopened.settleLetterDraft(second.id)
        #expect(throws: VaultError.unknownID(second.id.short)) { try reopened.settleLetterDraft(second.id) }
        #expect(throws: VaultError.unknownID(draft.id.short)) { try reopened.settleJournalDraft(draft.id) }
        reopened.store.close()
        reopened = try reopen()
        #expect(reopened.letterDrafts.map(\.id) == [draft.id] && reopened.unreadable.isEmpty)
        #expect(reopened.checkIntegrity().unreadableEntries.isEmpty && reopened.checkIntegrity().isIntact)
    }

    @Test func aDraftOfAChangeNamesItsLetterAndLeavesTheLetterAsSaved() throws {
        let vault = try Vault.create(at: path, passphrase: passphrase, parameters: TestKDF.cheap)
        let letter = try vault.add(.letter(LetterToSelf(text: "Dear me, stay away.")))
        let change = try vault.saveLetterDraft(LetterToSelf(text: "Dear me, stay away.\n\nand then"), amending: letter.id)
        let json = String(decoding: try #require(vault.store.records.last).payload, as: UTF8.self)
        #expect(json.contains(#""kind":"draft""#) && json.contains(#""target":"\#(letter.id.rawValue)""#), "\(json)")
        vault.store.close()
        let reopened = try reopen()
        #expect(reopened.letterDrafts == [
            LetterDraft(id: change.id, writtenAt: change.writtenAt, letter: LetterToSelf(text: "Dear me, stay away.\n\nand then"), amending: letter.id)
        ])
        #expect(reopened.items[letter.id]?.versions.map(\.content) == [.letter(LetterToSelf(text: "Dear me, stay away."))])
        #expect(reopened.unreadable.isEmpty)
    }
}
