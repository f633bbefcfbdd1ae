import Foundation

/// The pattern of incidents, apologies and promises over time, in figures the owner can read
/// in a minute: how long the calm lasted after each apology and whether it is getting
/// shorter, what became of the promises, and how many apologies were followed by another
/// incident within 30 days. Good days are counted, never weighed. Days are calendar days in
/// the owner's zone.
public struct CyclePattern: Equatable, Sendable {
    /// A good day, apology or promise, as the pattern needs it.
    public struct Moment: Equatable, Sendable {
        public var kind: CycleMoment.Kind
        /// When it happened (else when it was written down).
        public var date: Date
        public var outcome: CycleMoment.Outcome?

        /// A moment from its parts.
        public init(kind: CycleMoment.Kind, date: Date, outcome: CycleMoment.Outcome? = nil) {
            self.kind = kind
            self.date = date
            self.outcome = outcome
        }
    }

    /// The calm after one apology.
    public struct Calm: Equatable, Sendable {
        /// When the apology was made.
        public var apology: Date
        /// Days from the apology to the next incident, or to today while none has followed.
        public var days: Int
        /// True while no incident has followed it (the calm is still going on).
        public var ongoing: Bool
    }

    /// Which way the calm after an apology is going.
    public enum Direction: String, Equatable, Sendable {
        case shorter, longer, same
    }

    /// The days apologies are followed by an incident within.
    public static let window = 30
    /// Ended calms needed before a direction is said.
    public static let calmsForDirection = 3

    /// Incidents' dates, oldest first.
    public private(set) var incidents: [Date]
    /// Good days, apologies and promises, oldest first.
    public private(set) var moments: [Moment]
    /// The calm after each apology, oldest first.
    public private(set) var calms: [Calm] = []
    /// Shorter, longer or about the same: the later half of the ended calms against the
    /// earlier half (the middle one left out when their number is odd); nil with fewer than
    /// `calmsForDirection` ended calms.
    public private(set) var direction: Direction?
    /// Average days of the earlier and the later half of the ended calms, when `direction` is set.
    public private(set) var earlierAverage: Double?
    public private(set) var laterAverage: Double?
    /// Promises made, and how many the owner marked kept or broken.
    public private(set) var promises = 0, kept = 0, broken = 0
    /// Apologies followed by an incident within `window` days, and those whose window is
    /// over or already ended by one (the share is `followed` of `decided`).
    public private(set) var followed = 0, decided = 0
    /// Apologies less than `window` days old with no incident yet: too recent to tell.
    public private(set) var tooRecent = 0
    /// The day the pattern was drawn up.
    public let now: Date

    /// The pattern of these incidents' and moments' dates, as of `now`.
    public init(incidents: [Date], moments: [Moment], now: Date, timeZone: TimeZone) {
        self.incidents = incidents.sorted()
        self.moments = moments.sorted { $0.date < $1.date }
        self.now = now
        let calendar = LocalCalendar(timeZone: timeZone)
        func days(_ from: Date, _ to: Date) -> Int {
            let a = calendar.noon(of: calendar.day(of: from)), b = calendar.noon(of: calendar.day(of: to))
            return Int((b.timeIntervalSince(a) / 86_400).rounded())
        }
        for moment in self.moments {
            switch moment.kind {
            case .goodDay: continue
            case .promise:
                promises += 1
                if moment.outcome == .kept { kept += 1 }
                if moment.outcome == .broken { broken += 1 }
            case .apology:
                let next = self.incidents.first { $0 > moment.date }
                if let next {
                    calms.append(Calm(apology: moment.date, days: days(moment.date, next), ongoing: false))
                } else {
                    calms.append(Calm(apology: moment.date, days: max(0, days(moment.date, now)), ongoing: true))
                }
                if let next, days(moment.date, next) <= Self.window {
                    followed += 1
                    decided += 1
                } else if days(moment.date, now) >= Self.window {
                    decided += 1
                } else {
                    tooRecent += 1
                }
            }
        }
        let ended = calms.filter { !$0.ongoing }.map { Double($0.days) }
        if ended.count >= Self.calmsForDirection {
            let half = ended.count / 2
            let earlier = ended.prefix(half).reduce(0, +) / Double(half)
            let later = ended.suffix(half).reduce(0, +) / Double(half)
            (earlierAverage, laterAverage) = (earlier, later)
            direction = later < earlier * 0.8 ? .shorter : later > earlier * 1.25 ? .longer : .same
        }
    }

    /// The pattern of a vault's incidents and moments (items of those kinds; others are left out).
    public init(incidents: [Item], moments: [Item], now: Date, timeZone: TimeZone) {
        self.init(
            incidents: incidents.compactMap { item in
                item.current.incident.map { $0.occurred?.start ?? item.createdAt }
            },
            moments: moments.compactMap { item in
                item.current.cycle.map { Moment(kind: $0.kind, date: $0.occurred?.start ?? item.createdAt, outcome: $0.outcome) }
            },
            now: now, timeZone: timeZone)
    }

    /// Apologies, good days: how many of each kind were written down.
    public func count(_ kind: CycleMoment.Kind) -> Int { moments.filter { $0.kind == kind }.count }
}
