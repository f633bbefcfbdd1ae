import Foundation
import KeepsakeCrypto
import KeepsakeTestSupport
import Testing
@testable import KeepsakeVault

/// Boundaries and letters as items (revisions keep the earlier wording and its date), and the
/// facts `keepsake remember` shows, on a history worked out by hand (Paris time, 20:00).
@Suite struct WayOutTests {
    let paris = TimeZone(identifier: "Europe/Paris")!

    /// 20:00 Paris on a day written YYYY-MM-DD (+01:00 in winter, +02:00 in summer).
    func day(_ text: String) -> Date {
        let formatter = ISO8601DateFormatter()
        formatter.timeZone = paris
        formatter.formatOptions = [.withFullDate, .withTime, .withColonSeparatorInTime, .withDashSeparatorInDate]
        return formatter.date(from: "\(text)T20:00:00")!
    }

    /// An item written on `written` (and changed on the later dates given, one version each).
    func item(_ id: String, _ contents: [(String, ItemContent)], retracted: Bool = false) throws -> Item {
        let versions = contents.enumerated().map { index, version in
            ItemVersion(entryID: .random(), seq: UInt64(index), writtenAt: day(version.0), content: version.1)
        }
        return Item(
            id: try EntryID(id), versions: versions, attachments: [],
            retraction: retracted ? Retraction(entryID: .random(), at: day(contents[0].0), reason: nil) : nil)
    }

    func incident(_ id: String, _ when: String, _ incident: Incident) throws -> Item {
        var incident = incident
        incident.occurred = Occurrence(start: day(when))
        return try item(id, [("2025-06-01", .incident(incident))])
    }

    func promise(_ id: String, _ when: String, _ said: String, _ outcome: CycleMoment.Outcome?, seen: String? = nil) throws -> Item {
        let moment = CycleMoment(
            kind: .promise, said: said, occurred: Occurrence(start: day(when)), outcome: outcome, outcomeOn: seen.map(day))
        return try item(id, [("2025-06-01", .cycle(moment))])
    }

    @Test func aBoundaryKeepsItsEarlierWordingAndDatesAcrossReopening() throws {
        let folder = TemporaryFolder()
        let path = folder.appending("v")
        let passphrase = Passphrase(copying: "p")
        let vault = try Vault.create(at: path, passphrase: passphrase, parameters: TestKDF.cheap)
        let first = try vault.add(.boundary(Boundary(text: "No shouting at me in front of the kids.")))
        let other = try vault.add(.boundary(Boundary(text: "Him reading my messages.")))
        try vault.revise(first.id, to: .boundary(Boundary(text: "No shouting at me, ever.\nNot \"maybe\": no.")))
        try vault.retract(other.id, reason: "written twice")
        let letter = try vault.add(.letter(LetterToSelf(text: "Dear me,\n\nRemember, no.")))
        // A boundary can't become something else.
        #expect(throws: VaultError.self) { try vault.revise(first.id, to: .letter(LetterToSelf(text: "x"))) }
        vault.store.close()

        let reopened = try Vault.open(at: path, passphrase: passphrase)
        defer { reopened.store.close() }
        let boundaries = reopened.current(.boundary)
        #expect(boundaries.map(\.id) == [first.id], "the retracted one no longer shows")
        let kept = try #require(boundaries.first)
        #expect(kept.versions.map { $0.content.boundary?.text } == [
            "No shouting at me in front of the kids.", "No shouting at me, ever.\nNot \"maybe\": no.",
        ])
        #expect(kept.versions[0].writtenAt <= kept.versions[1].writtenAt)
        #expect(kept.createdAt == first.createdAt, "the date it was written stays the first version's")
        #expect(reopened.items[other.id]?.isRetracted == true && reopened.items[other.id]?.versions.count == 1)
        #expect(reopened.current(.letter).map { $0.current.letter?.text } == ["Dear me,\n\nRemember, no."])
        #expect(reopened.current(.letter).first?.id == letter.id)
        // Neither is an incident, a moment or a contact.
        #expect(reopened.current(.incident).isEmpty && reopened.current(.cycle).isEmpty)
    }

    /// Five incidents from 1 Jan to 20 Apr 2025 (109 days), a sixth retracted; four promises,
    /// one kept, two broken; contacts with and without numbers.
    func history() throws -> (incidents: [Item], moments: [Item], boundaries: [Item], letters: [Item], contacts: [Item]) {
        let incidents = [
            try incident("00000000000000a1", "2025-01-01", Incident(kinds: [.verbal], account: "He shouted for an hour.")),
            try incident("00000000000000a2", "2025-02-11", Incident(kinds: [.physical], account: "He pushed me.")),
            try incident("00000000000000a3", "2025-03-04", Incident(account: "He grabbed my arm.", injuries: "bruised arm")),
            try incident("00000000000000a4", "2025-03-15", Incident(account: "His hands on my neck.", highRisk: [.strangulation])),
            try incident("00000000000000a6", "2025-04-20", Incident(account: "He said he would kill me.", highRisk: [.threatToKill])),
        ]
        let moments = [
            try promise("00000000000000b1", "2025-01-02", "He would see someone about his anger.", .broken, seen: "2025-02-11"),
            try promise("00000000000000b2", "2025-02-12", "He would give my phone back.", .kept),
            try promise("00000000000000b3", "2025-03-05", "Never again.", nil),
            try promise("00000000000000b4", "2025-03-16", "He would stop drinking.", .broken, seen: "2025-04-20"),
            try item("00000000000000b5", [("2025-03-17", .cycle(CycleMoment(kind: .apology, said: "sorry")))]),
        ]
        let boundaries = [
            try item("00000000000000c1", [
                ("2025-05-02", .boundary(Boundary(text: "No shouting."))),
                ("2025-05-10", .boundary(Boundary(text: "No shouting at me, ever."))),
            ]),
            try item("00000000000000c2", [("2025-05-03", .boundary(Boundary(text: "My phone is mine.")))]),
        ]
        let letters = [
            try item("00000000000000d1", [("2025-05-01", .letter(LetterToSelf(text: "first letter")))]),
            try item("00000000000000d2", [("2025-06-01", .letter(LetterToSelf(text: "second letter")))]),
        ]
        let contacts = [
            try item("00000000000000e1", [("2025-05-01", .contact(Contact(name: "Jo", role: .family, phone: "0700 000 001")))]),
            try item("00000000000000e2", [("2025-05-02", .contact(Contact(name: "Sam", role: .friend, phone: "0700 000 002", knows: true)))]),
            try item("00000000000000e3", [("2025-05-03", .contact(Contact(name: "Refuge", role: .hotline, phone: "0808 2000 247")))]),
            try item("00000000000000e4", [("2025-05-04", .contact(Contact(name: "Alex", role: .friend, knows: true)))]),
        ]
        return (incidents, moments, boundaries, letters, contacts)
    }

    @Test func theFactsToRememberAreCountedOnAHandCheckedHistory() throws {
        let h = try history()
        let facts = RememberFacts(
            incidents: h.incidents, moments: h.moments, boundaries: h.boundaries, letters: h.letters,
            contacts: h.contacts, now: day("2025-07-01"), timeZone: paris, region: "GB")
        #expect(facts.incidentCount == 5)
        #expect(facts.firstIncident == day("2025-01-01") && facts.lastIncident == day("2025-04-20"))
        #expect(facts.periodDays == 109, "31 + 28 + 31 + 19 days")
        // The most serious: the two of level 5 (the most recent first), then the injuries.
        #expect(facts.mostSerious.map(\.id.rawValue) == ["00000000000000a6", "00000000000000a4", "00000000000000a3"])
        #expect(facts.mostSerious.map(\.severity.level) == [5, 5, 3])
        #expect(facts.mostSerious[0].severity.label == "a threat to kill")
        #expect(facts.mostSerious[1].account == "His hands on my neck.")
        #expect(facts.promisesMade == 4 && facts.promisesKept == 1)
        #expect(facts.promisesBroken.map(\.id.rawValue) == ["00000000000000b1", "00000000000000b4"])
        #expect(facts.promisesBroken.map(\.seenOn) == [day("2025-02-11"), day("2025-04-20")])
        #expect(facts.promisesBroken[1].said == "He would stop drinking.")
        #expect(facts.letters.map(\.text) == ["second letter", "first letter"], "the newest first")
        #expect(facts.boundaries.map(\.text) == ["No shouting at me, ever.", "My phone is mine."])
        #expect(facts.boundaries[0].writtenAt == day("2025-05-02") && facts.boundaries[0].changedAt == day("2025-05-10"))
        #expect(facts.boundaries[0].versions == 2 && facts.boundaries[1].changedAt == nil)
        // Who knows first; no number, not listed; the helpline apart, not twice.
        #expect(facts.people.map(\.name) == ["Sam", "Jo"])
        #expect(facts.helplines.map(\.name) == ["Refuge"], "GB's line is the owner's own Refuge contact")
        let australia = RememberFacts(
            incidents: [], moments: [], boundaries: [], letters: [], contacts: h.contacts, now: day("2025-07-01"),
            timeZone: paris, region: "AU")
        #expect(australia.helplines.map(\.phone) == ["0808 2000 247", "1800 737 732"])
        #expect(australia.incidentCount == 0 && australia.firstIncident == nil && australia.mostSerious.isEmpty)
    }

    @Test func nothingWrittenIsEmptyAndOneIncidentIsOneDay() throws {
        let none = RememberFacts(
            incidents: [], moments: [], boundaries: [], letters: [], contacts: [], now: day("2025-07-01"),
            timeZone: paris, region: nil)
        #expect(none.isEmpty)
        let one = RememberFacts(
            incidents: [try incident("00000000000000a1", "2025-01-01", Incident(account: ""))], moments: [],
            boundaries: [], letters: [], contacts: [], now: day("2025-07-01"), timeZone: paris, region: nil)
        #expect(!one.isEmpty && one.incidentCount == 1 && one.periodDays == 0)
        #expect(one.mostSerious.isEmpty, "nothing written down about it: no severity to show")
    }
}
