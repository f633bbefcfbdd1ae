import Foundation
import KeepsakeCrypto
import KeepsakeTestSupport
import Testing
@testable import KeepsakeVault

/// `Vault.current` keeps a small key per item (kind, sort date, retracted), in log order, so
/// that listing doesn't copy every item. Over a random history of additions, revisions
/// (some moving an incident's date, some removing it) and retractions, before and after
/// reopening, it must list exactly what filtering and sorting the items themselves gives.
@Suite struct ListingOrderTests {
    let folder = TemporaryFolder()
    let passphrase = Passphrase(copying: "listing order words")

    /// The listing worked out from the items alone, as `current` did before it kept keys.
    static func reference(_ vault: Vault, _ kind: EntryKind) -> [EntryID] {
        vault.items.values.filter { !$0.isRetracted && $0.current.entryKind == kind }
            .sorted { a, b in
                let (x, y) = (Vault.sortDate(a), Vault.sortDate(b))
                return x != y ? x < y : a.versions[0].seq < b.versions[0].seq
            }
            .map(\.id)
    }

    @Test func listingsMatchTheItemsThroughARandomHistory() throws {
        let path = folder.appending("v")
        var vault = try Vault.create(at: path, passphrase: passphrase, parameters: TestKDF.cheap)
        var generator = SeededGenerator(seed: 77)
        var ids: [EntryID] = []
        func someDate() -> Occurrence? {
            // A few dates repeat, so ties are broken by the first frame.
            Int.random(in: 0..<5, using: &generator) == 0
                ? nil : Occurrence(start: Date(timeIntervalSince1970: Double(Int.random(in: 0..<40, using: &generator)) * 86_400))
        }
        for step in 0..<300 {
            let roll = ids.isEmpty ? 0 : Int.random(in: 0..<10, using: &generator)
            switch roll {
            case 0..<4:
                ids.append(try vault.add(.incident(Incident(occurred: someDate(), account: "incident \(step)"))).id)
            case 4 where step % 3 == 2:
                ids.append(try vault.add(.journal(JournalEntry(text: "journal \(step)", tags: ["t\(step % 4)"]))).id)
            case 4 where step % 3 == 0:
                ids.append(try vault.add(.boundary(Boundary(text: "boundary \(step)"))).id)
            case 4:
                ids.append(try vault.add(.planItem(PlanItem(category: .documents, title: "step \(step)"))).id)
            case 5 where step % 2 == 1:
                ids.append(try vault.add(.cycle(CycleMoment(kind: .apology, said: "sorry \(step)", occurred: someDate()))).id)
            case 5:
                ids.append(try vault.add(.contact(Contact(name: "person \(step)", role: .friend))).id)
            case 6..<9:
                let id = ids.randomElement(using: &generator)!
                guard let item = vault.items[id], !item.isRetracted else { continue }
                switch item.current {
                case .incident: try vault.revise(id, to: .incident(Incident(occurred: someDate(), account: "revised \(step)")))
                case .planItem(var plan):
                    plan.status = .done
                    try vault.revise(id, to: .planItem(plan))
                case .contact(var contact):
                    contact.notes = "revised \(step)"
                    try vault.revise(id, to: .contact(contact))
                case .cycle(var moment):
                    moment.occurred = someDate()
                    try vault.revise(id, to: .cycle(moment))
                case .profile(var profile):
                    profile.owner = "revised \(step)"
                    try vault.revise(id, to: .profile(profile))
                case .journal(var entry):
                    entry.text += "\n\nrevised \(step)"
                    try vault.revise(id, to: .journal(entry))
                case .boundary: try vault.revise(id, to: .boundary(Boundary(text: "revised \(step)")))
                case .letter: try vault.revise(id, to: .letter(LetterToSelf(text: "revised \(step)")))
                }
            default:
                let id = ids.randomElement(using: &generator)!
                if vault.items[id]?.isRetracted == false { try vault.retract(id, reason: nil) }
            }
            if step % 50 == 49 {
                for kind in [EntryKind.incident, .planItem, .contact, .cycle, .journal, .boundary] {
                    #expect(vault.current(kind).map(\.id) == Self.reference(vault, kind), "step \(step), \(kind)")
                }
            }
        }
        try vault.close()
        vault = try Vault.open(at: path, passphrase: passphrase, mode: .readOnly)
        defer { vault.store.close() }
        var listed = 0
        for kind in [EntryKind.incident, .planItem, .contact, .cycle, .journal, .boundary] {
            let ids = vault.current(kind).map(\.id)
            #expect(ids == Self.reference(vault, kind), "reopened, \(kind)")
            listed += ids.count
        }
        #expect(listed > 50 && listed < vault.items.count, "a history with retractions: \(listed) of \(vault.items.count)")
    }

    @Test func idsAreSixteenASCIIHexDigits() throws {
        #expect(try EntryID("00000000000000FF") == EntryID("00000000000000ff"))
        // Fullwidth digits are hex digits to `Character.isHexDigit`, but not in an id.
        #expect(throws: VaultError.self) { try EntryID("０００００００００００００００１") }
        #expect(throws: VaultError.self) { try EntryID("000000000000000g") }
        #expect(throws: VaultError.self) { try EntryID("0000000000000001f") }
    }
}
