import Foundation
import KeepsakeCrypto
import KeepsakeStore
import KeepsakeTestSupport
import Testing
@testable import KeepsakeVault

@Suite struct VaultModelTests {
    let folder = TemporaryFolder()
    let passphrase = Passphrase(copying: "model test passphrase")
    var path: String { folder.appending("v") }

    func makeVault() throws -> Vault {
        try Vault.create(at: path, passphrase: passphrase, parameters: TestKDF.cheap)
    }

    func reopen() throws -> Vault { try Vault.open(at: path, passphrase: passphrase) }

    @Test func anIncidentKeepsEveryFieldAcrossReopening() throws {
        let incident = Incident(
            occurred: Occurrence(start: Date(timeIntervalSince1970: 1_772_000_000), approximate: true, note: "after dinner"),
            duration: "about 20 minutes", location: "kitchen", people: ["my sister"], witnesses: ["neighbour"],
            childrenPresent: true, childrenHarmed: "scared, not hurt", kinds: [.physical, .threats],
            account: "He pushed me against the fridge.", quotes: ["You'll regret this"], feelings: "terrified",
            injuries: "bruise", injuryLocations: ["left arm"], weapons: "none", highRisk: [.threatToKill],
            medicalCare: "none", police: PoliceReport(involved: true, officer: "PC Smith", reportNumber: "123/26"),
            technology: "he read my texts")
        let id = try makeVault().add(.incident(incident)).id
        let item = try #require(try reopen().items[id])
        #expect(item.current == .incident(incident))
        #expect(!item.isAmended)
    }

    @Test func aDraftIsKeptApartFromItemsUntilItIsSettled() throws {
        let vault = try makeVault()
        let unfinished = Incident(childrenPresent: .notSure, account: "he took my keys", unsureSigns: [.gunAccess])
        let draft = try vault.saveDraft(unfinished)
        vault.store.close()
        let reopened = try reopen()
        #expect(reopened.drafts.map(\.incident) == [unfinished])
        #expect(reopened.items.values.isEmpty, "a draft is not an item")
        #expect(reopened.search("keys").isEmpty)
        try reopened.settleDraft(draft.id)
        #expect(reopened.drafts.isEmpty)
        reopened.store.close()
        #expect(try reopen().drafts.isEmpty)
    }

    @Test func anAmendmentKeepsTheEarlierTextInTheHistory() throws {
        let vault = try makeVault()
        let id = try vault.add(.incident(Incident(account: "first words"))).id
        try vault.revise(id, to: .incident(Incident(account: "corrected words")))
        vault.store.close()
        let item = try #require(try reopen().items[id])
        #expect(item.versions.map { $0.content.incident?.account } == ["first words", "corrected words"])
        #expect(item.isAmended)
        #expect(item.versions[0].writtenAt <= item.versions[1].writtenAt)
    }

    @Test func aRetractedItemLeavesViewsButKeepsItsHistory() throws {
        let vault = try makeVault()
        let keep = try vault.add(.incident(Incident(account: "keep"))).id
        let gone = try vault.add(.incident(Incident(account: "gone"))).id
        try vault.retract(gone, reason: "logged twice")
        vault.store.close()
        let reopened = try reopen()
        #expect(reopened.current(.incident).map(\.id) == [keep])
        #expect(reopened.items[gone]?.retraction?.reason == "logged twice")
        #expect(throws: VaultError.retracted(gone.short)) { try reopened.retract(gone, reason: nil) }
    }

    @Test func abbreviatedIdsResolveAndAmbiguityIsExplained() throws {
        let vault = try makeVault()
        let id = try vault.add(.contact(Contact(name: "Advocate A", role: .advocate))).id
        #expect(try vault.resolve(id.short) == id)
        #expect(try vault.resolve(id.rawValue.uppercased()) == id)
        #expect(throws: VaultError.invalidID("zz")) { try vault.resolve("zz") }
        #expect(throws: VaultError.self) { try vault.resolve("0123456789abcdef0") }
    }

    @Test func searchFindsWordsInAnyFieldIgnoringCaseAndAccents() throws {
        let vault = try makeVault()
        try vault.add(.incident(Incident(location: "the Café on Main", account: "x")))
        try vault.add(.planItem(PlanItem(category: .documents, title: "Copy passport")))
        try vault.add(.incident(Incident(account: "nothing here")))
        #expect(vault.search("cafe").count == 1)
        #expect(vault.search("PASSPORT").count == 1)
        #expect(vault.search("absent").isEmpty)
    }

    @Test func anEntryFromANewerVersionIsKeptAsideNotMisread() throws {
        let vault = try makeVault()
        try vault.store.append(Array(#"{"schema":99,"kind":"incident","id":"0011223344556677"}"#.utf8))
        try vault.add(.incident(Incident(account: "still readable")))
        vault.store.close()
        let reopened = try reopen()
        #expect(reopened.current(.incident).count == 1)
        #expect(reopened.unreadable.count == 1)
        #expect(reopened.unreadable.first?.reason.contains("newer") == true)
    }

    /// A second entry that creates an item under an id already taken (only a foreign or
    /// broken writer makes one) is set aside; the first item, its content and its place in
    /// the list stay as they were, and a revision after it still applies to the first.
    @Test func anEntryRepeatingAnItemsIdIsSetAsideAndTheFirstItemStays() throws {
        let vault = try makeVault()
        let first = try vault.add(.incident(Incident(account: "the first account")))
        let repeated = Entry(kind: .incident, id: first.id, incident: Incident(account: "a second item, same id"))
        let repeatedSeq = try vault.store.append(repeated.encoded()).seq
        try vault.revise(first.id, to: .incident(Incident(account: "the first account, revised")))
        vault.store.close()
        let reopened = try reopen()
        #expect(reopened.items.count == 1)
        #expect(reopened.items[first.id]?.versions.map(\.content.incident?.account) == [
            "the first account", "the first account, revised",
        ])
        #expect(reopened.current(.incident).map(\.id) == [first.id])
        #expect(reopened.unreadable.map(\.seq) == [repeatedSeq])
        #expect(reopened.unreadable.first?.reason.contains("repeated id") == true)
    }

    @Test func incidentsAreOrderedByWhenTheyHappenedNotWhenWritten() throws {
        let vault = try makeVault()
        let later = try vault.add(.incident(Incident(occurred: Occurrence(start: Date(timeIntervalSince1970: 2_000_000)), account: "b"))).id
        let earlier = try vault.add(.incident(Incident(occurred: Occurrence(start: Date(timeIntervalSince1970: 1_000_000)), account: "a"))).id
        #expect(vault.current(.incident).map(\.id) == [earlier, later])
    }
}
