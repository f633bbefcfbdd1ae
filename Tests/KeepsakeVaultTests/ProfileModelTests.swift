import Foundation
import KeepsakeCrypto
import KeepsakeStore
import KeepsakeTestSupport
import Testing
@testable import KeepsakeVault

/// The owner's profile (entry kind `profile`, schema 4): one item, changed by revisions, the
/// latest version current and every earlier one kept; read back the same after reopening,
/// through the fast codec.
@Suite struct ProfileModelTests {
    let folder = TemporaryFolder()
    let passphrase = Passphrase(copying: "profile model test passphrase")
    var path: String { folder.appending("v") }

    static let first = Profile(
        owner: "Maria Lopez",
        respondent: Respondent(name: "Daniel Lopez", relationship: .formerSpouse, age: "born 1984", details: "grey pickup"),
        children: [Child(name: "A. L.", age: "7"), Child(name: "B. L.", age: "2019")],
        firearms: Firearms(answer: .dontKnow),
        pets: Pets(have: true, who: "Rex, a dog"))

    @Test func aProfileIsChangedByRevisionsTheLatestWinsAndTheHistoryIsKept() throws {
        let vault = try Vault.create(at: path, passphrase: passphrase, parameters: TestKDF.cheap)
        #expect(vault.profile == nil)
        let id = try vault.add(.profile(Self.first)).id
        var second = Self.first
        second.firearms = Firearms(answer: .yes, kind: "a handgun", count: "1", kept: "his truck")
        try vault.revise(id, to: .profile(second))
        var third = second
        third.children.removeFirst()
        third.pets?.harm = "He kicked Rex and said he would get rid of him."
        try vault.revise(id, to: .profile(third))
        try vault.close()

        let reopened = try Vault.open(at: path, passphrase: passphrase, mode: .readOnly)
        defer { reopened.store.close() }
        let item = try #require(reopened.profile)
        #expect(item.id == id)
        #expect(item.current == .profile(third))
        #expect(item.versions.map(\.content) == [.profile(Self.first), .profile(second), .profile(third)])
        #expect(item.isAmended && reopened.unreadable.isEmpty)
        // Never listed among incidents, plan steps or contacts; found by search like any entry.
        #expect(reopened.current(.incident).isEmpty && reopened.current(.contact).isEmpty)
        #expect(reopened.search("daniel lopez").map(\.id) == [id])
        #expect(reopened.search("rid of him").map(\.id) == [id])
    }

    @Test func eachVersionIsWrittenAsSchemaFourByTheFastCodecAndReadBackTheSame() throws {
        let vault = try Vault.create(at: path, passphrase: passphrase, parameters: TestKDF.cheap)
        defer { vault.store.close() }
        try vault.add(.profile(Self.first))
        try vault.add(.profile(Profile()))  // nothing answered: an empty profile still round-trips
        for record in vault.store.records where record.kind == .entry {
            let fast = try #require(EntryFuzzing.fastDecode(record.payload), "\(String(decoding: record.payload, as: UTF8.self))")
            #expect(fast.schema == 4 && fast.kind == .profile)
            #expect(EntryFuzzing.same(fast, try #require(EntryFuzzing.foundationDecode(record.payload))))
            #expect(EntryFuzzing.fastEncode(fast) == record.payload)
        }
    }

    @Test func aRetractedProfileIsNoLongerTheProfileAndTheNextOneIs() throws {
        let vault = try Vault.create(at: path, passphrase: passphrase, parameters: TestKDF.cheap)
        defer { vault.store.close() }
        let old = try vault.add(.profile(Self.first)).id
        try vault.retract(old, reason: "started again")
        #expect(vault.profile == nil)
        let new = try vault.add(.profile(Profile(owner: "M. L."))).id
        #expect(vault.profile?.id == new)
        #expect(vault.items[old]?.isRetracted == true, "the retracted one stays in the history")
    }

    @Test func emptyPartsAreTidiedAwaySoASkippedQuestionSavesNothing() {
        var profile = Profile(respondent: Respondent(), pets: Pets())
        #expect(profile.isEmpty)
        profile = profile.tidied
        #expect(profile.respondent == nil && profile.pets == nil)
        #expect(Profile(children: [Child(name: "J.")]).isEmpty == false)
    }
}
