import Foundation

/// What `keepsake remember` shows when the urge to reach out or go back comes, drawn from
/// the owner's own record in one pass: their letters to themselves (newest first), plain
/// facts (how many incidents and over what period, the most serious ones, promises broken),
/// their boundaries, and the people to call instead (those who know what is happening
/// first), then the helplines. Facts only: no score and no judgement.
public struct RememberFacts: Equatable, Sendable {
    /// A letter or a boundary as written, with its dates.
    public struct Written: Equatable, Sendable {
        public var id: EntryID
        public var text: String
        /// When it was first written down.
        public var writtenAt: Date
        /// When it was last changed, if it was.
        public var changedAt: Date?
        /// How many versions it has (1 when never changed).
        public var versions: Int
    }

    /// One of the most serious incidents.
    public struct Serious: Equatable, Sendable {
        public var id: EntryID
        /// When it happened, if the owner said.
        public var occurred: Occurrence?
        /// When it counts as having happened (its start, else when written down).
        public var date: Date
        public var severity: Severity
        /// What happened, in the owner's words.
        public var account: String
    }

    /// A promise the owner marked broken.
    public struct BrokenPromise: Equatable, Sendable {
        public var id: EntryID
        /// When it was made (else written down).
        public var date: Date
        public var said: String
        /// The day it was seen broken, if noted.
        public var seenOn: Date?
    }

    /// Someone to call: a contact with a number.
    public struct Person: Equatable, Sendable {
        public var name: String
        public var role: Contact.Role
        public var phone: String
        /// Marked as knowing what is happening.
        public var knows: Bool
        /// When it answers (built-in helplines only).
        public var hours: String?
    }

    /// The most serious incidents shown.
    public static let seriousShown = 3

    /// Letters to oneself, newest first.
    public var letters: [Written]
    /// Incidents written down (retracted ones left out).
    public var incidentCount: Int
    /// The first and the last incident's day (by when it happened, else when written down).
    public var firstIncident: Date?
    public var lastIncident: Date?
    /// Calendar days from the first incident to the last, in the owner's zone.
    public var periodDays: Int
    /// At most `seriousShown` incidents, the most serious first (ties: the most recent first).
    public var mostSerious: [Serious]
    /// Promises made, kept and broken (as `timeline --cycle` counts them).
    public var promisesMade: Int, promisesKept: Int
    /// The promises marked broken, oldest first.
    public var promisesBroken: [BrokenPromise]
    /// Boundaries, oldest first.
    public var boundaries: [Written]
    /// Contacts with a number to call instead, those who know what is happening first (then
    /// in the order they were written down); helplines are listed apart.
    public var people: [Person]
    /// The owner's own helpline contacts, then the built-in line of their region unless one
    /// of theirs has the same number.
    public var helplines: [Person]

    /// Whether the owner has written nothing of what it shows (helplines aside: they are there
    /// for everyone).
    public var isEmpty: Bool {
        letters.isEmpty && incidentCount == 0 && promisesMade == 0 && boundaries.isEmpty && people.isEmpty
    }

    /// The facts of a vault (one pass over its current items).
    public init(vault: Vault, now: Date, timeZone: TimeZone, region: String?) {
        self.init(
            incidents: vault.current(.incident), moments: vault.current(.cycle), boundaries: vault.current(.boundary),
            letters: vault.current(.letter), contacts: vault.current(.contact), now: now, timeZone: timeZone,
            region: region)
    }

    /// The facts of these items (each list holds items of its kind; others are left out).
    public init(
        incidents: [Item], moments: [Item], boundaries: [Item], letters: [Item], contacts: [Item], now: Date,
        timeZone: TimeZone, region: String?
    ) {
        func written(_ item: Item, _ text: String) -> Written {
            Written(
                id: item.id, text: text, writtenAt: item.createdAt, changedAt: item.isAmended ? item.updatedAt : nil,
                versions: item.versions.count)
        }
        self.letters = letters.compactMap { item in item.current.letter.map { written(item, $0.text) } }
            .sorted { $0.writtenAt != $1.writtenAt ? $0.writtenAt > $1.writtenAt : $0.id.rawValue < $1.id.rawValue }
        self.boundaries = boundaries.compactMap { item in item.current.boundary.map { written(item, $0.text) } }

        let serious = incidents.compactMap { item -> Serious? in
            guard let incident = item.current.incident else { return nil }
            return Serious(
                id: item.id, occurred: incident.occurred, date: incident.occurred?.start ?? item.createdAt,
                severity: .of(incident), account: incident.account)
        }
        incidentCount = serious.count
        firstIncident = serious.map(\.date).min()
        lastIncident = serious.map(\.date).max()
        if let first = firstIncident, let last = lastIncident {
            let calendar = LocalCalendar(timeZone: timeZone)
            let a = calendar.noon(of: calendar.day(of: first)), b = calendar.noon(of: calendar.day(of: last))
            periodDays = Int((b.timeIntervalSince(a) / 86_400).rounded())
        } else {
            periodDays = 0
        }
        mostSerious = Array(
            serious.filter { $0.severity.level > 0 }.sorted { a, b in
                a.severity.level != b.severity.level ? a.severity.level > b.severity.level : a.date > b.date
            }.prefix(Self.seriousShown))

        let pattern = CyclePattern(incidents: incidents, moments: moments, now: now, timeZone: timeZone)
        (promisesMade, promisesKept) = (pattern.promises, pattern.kept)
        promisesBroken = moments.compactMap { item -> BrokenPromise? in
            guard let moment = item.current.cycle, moment.kind == .promise, moment.outcome == .broken else { return nil }
            return BrokenPromise(
                id: item.id, date: moment.occurred?.start ?? item.createdAt, said: moment.said, seenOn: moment.outcomeOn)
        }.sorted { $0.date < $1.date }

        let reachable = contacts.compactMap(\.current.contact).compactMap { contact -> Person? in
            guard let phone = contact.phone?.trimmingCharacters(in: .whitespaces), !phone.isEmpty else { return nil }
            return Person(name: contact.name, role: contact.role, phone: phone, knows: contact.knows == true)
        }
        let others = reachable.filter { $0.role != .hotline }
        people = others.filter(\.knows) + others.filter { !$0.knows }
        helplines = reachable.filter { $0.role == .hotline }
        if let national = region.flatMap(Hotlines.forRegion),
            !helplines.contains(where: { Self.digits($0.phone) == Self.digits(national.phone) })
        {
            helplines.append(Person(name: national.name, role: .hotline, phone: national.phone, knows: false, hours: national.hours))
        }
    }

    private static func digits(_ phone: String) -> String { phone.filter(\.isNumber) }
}
