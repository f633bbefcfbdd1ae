import Foundation

/// The owner's record over time: incidents counted per ISO week or calendar month, with every
/// period between the first and the last shown (empty ones as zero, so gaps and escalation are
/// visible), totals, and a trend stated only when there is enough to say it.
public struct Timeline: Equatable, Sendable {
    /// The length of one bucket.
    public enum Period: String, Equatable, Sendable, CaseIterable {
        /// An ISO 8601 week, Monday to Sunday; week 1 is the one holding the year's first Thursday.
        case week
        /// A calendar month.
        case month
    }

    /// One period's counts.
    public struct Bucket: Equatable, Sendable {
        /// The period's first moment, in the timeline's zone.
        public var start: Date
        /// The next period's first moment.
        public var end: Date
        /// "2026-W09" for a week, "Mar 2026" for a month.
        public var label: String
        /// Incidents in the period.
        public var count: Int
        /// Incidents per kind of harm (an incident of two kinds counts in both).
        public var kinds: [HarmKind: Int]
        /// Incidents with at least one high-risk sign.
        public var highRisk: Int
        /// Incidents with injuries written down.
        public var injuries: Int
        /// The most serious sign written down in the period.
        public var severity: Severity = .none
        /// True when the period is not over yet (the timeline ends inside it).
        public var partial = false
    }

    /// Counts over the whole timeline.
    public struct Totals: Equatable, Sendable {
        /// Incidents.
        public var count: Int
        /// Incidents per kind of harm.
        public var kinds: [HarmKind: Int]
        /// Incidents per high-risk sign.
        public var highRiskSigns: [HighRiskSign: Int]
        /// Incidents with at least one high-risk sign.
        public var highRisk: Int
        /// Incidents with injuries written down.
        public var injuries: Int
    }

    /// How often incidents were logged in the latest stretch of time compared with the first
    /// stretch of the same length: whole weeks when counting by week, 30 days when counting by
    /// month (fewer when the record is shorter than 90 days), each at most a third of the
    /// record, so partial weeks or months are never compared with whole ones.
    public struct Trend: Equatable, Sendable {
        /// The direction, stated plainly.
        public enum Direction: String, Equatable, Sendable {
            case moreFrequent, aboutTheSame, lessFrequent
        }
        /// The direction.
        public var direction: Direction
        /// The length of each stretch, in days (a multiple of 7 when counting by week).
        public var days: Int
        /// Incidents in the first stretch.
        public var first: Int
        /// Incidents in the latest stretch.
        public var last: Int
        /// The most serious sign in the first stretch.
        public var firstSeverity: Severity = .none
        /// The most serious sign in the latest stretch.
        public var lastSeverity: Severity = .none

        /// True only when the latest stretch holds a more serious sign than the first.
        public var moreSerious: Bool { lastSeverity.level > firstSeverity.level && firstSeverity.level > 0 }
    }

    /// Weeks or months.
    public let period: Period
    /// The zone whose weeks and months are counted.
    public let timeZone: TimeZone
    /// Every period from the first incident's to the last one's (or `through`), in order.
    public let buckets: [Bucket]
    /// Counts over everything.
    public let totals: Totals
    /// The trend, or nil with fewer than 3 incidents or a record shorter than three stretches.
    public let trend: Trend?

    /// Builds a timeline.
    /// - Parameters:
    ///   - incidents: each incident with the moment it is counted at (when it happened).
    ///   - period: weeks or months; nil chooses by span (weeks up to six months).
    ///   - timeZone: the owner's zone, which decides where weeks and months begin.
    ///   - through: extends the timeline with empty periods up to this moment (e.g. now), so
    ///     that a quiet time since the last incident shows.
    public init(
        incidents: [(occurredAt: Date, incident: Incident)], period: Period? = nil, timeZone: TimeZone,
        through: Date? = nil
    ) {
        let sorted = incidents.sorted { $0.occurredAt < $1.occurredAt }
        self.timeZone = timeZone
        var totals = Totals(count: 0, kinds: [:], highRiskSigns: [:], highRisk: 0, injuries: 0)
        for (_, incident) in sorted {
            totals.count += 1
            for kind in Set(incident.kinds) { totals.kinds[kind, default: 0] += 1 }
            for sign in Set(incident.highRisk) { totals.highRiskSigns[sign, default: 0] += 1 }
            if !incident.highRisk.isEmpty { totals.highRisk += 1 }
            if Self.hasInjuries(incident) { totals.injuries += 1 }
        }
        self.totals = totals
        guard let first = sorted.first?.occurredAt, let lastIncident = sorted.last?.occurredAt else {
            self.period = period ?? .week
            self.buckets = []
            self.trend = nil
            return
        }
        let last = max(lastIncident, through ?? lastIncident)
        let chosen = period ?? Self.automaticPeriod(from: first, to: last, timeZone: timeZone)
        self.period = chosen
        var buckets = Self.buckets(sorted, from: first, to: last, period: chosen, timeZone: timeZone)
        if let through, let lastBucket = buckets.indices.last, buckets[lastBucket].end.timeIntervalSince(through) > 1 {
            buckets[lastBucket].partial = true
        }
        self.buckets = buckets
        self.trend = Self.trend(sorted, from: first, to: last, period: chosen, timeZone: timeZone)
    }

    /// Builds a timeline from the vault's incidents that are not retracted, each counted at
    /// when it happened or, when that was not given, when it was written down.
    public init(items: [Item], period: Period? = nil, timeZone: TimeZone, through: Date? = nil) {
        let incidents = items.compactMap { item -> (occurredAt: Date, incident: Incident)? in
            guard !item.isRetracted, let incident = item.current.incident else { return nil }
            return (incident.occurred?.start ?? item.createdAt, incident)
        }
        self.init(incidents: incidents, period: period, timeZone: timeZone, through: through)
    }

    /// Weeks when the last moment falls at the latest on the same date six months after the
    /// first (1 January → 1 July), months beyond.
    public static func automaticPeriod(from first: Date, to last: Date, timeZone: TimeZone) -> Period {
        let calendar = LocalCalendar(timeZone: timeZone)
        let limit = calendar.adding(days: 1, to: calendar.adding(months: 6, to: calendar.day(of: first)))
        return last < calendar.start(of: limit) ? .week : .month
    }

    static func hasInjuries(_ incident: Incident) -> Bool {
        let words = incident.injuries?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
        return !words.isEmpty || !incident.injuryLocations.isEmpty
    }

    private static func buckets(
        _ incidents: [(occurredAt: Date, incident: Incident)], from first: Date, to last: Date,
        period: Period, timeZone: TimeZone
    ) -> [Bucket] {
        let calendar = LocalCalendar(timeZone: timeZone, iso8601: period == .week).calendar
        let unit: Calendar.Component = period == .week ? .weekOfYear : .month
        func interval(_ date: Date) -> DateInterval { calendar.dateInterval(of: unit, for: date)! }
        func label(_ start: Date) -> String {
            switch period {
            case .week:
                let parts = calendar.dateComponents([.yearForWeekOfYear, .weekOfYear], from: start)
                return "\(parts.yearForWeekOfYear!)-W\(HumanDate.twoDigits(parts.weekOfYear!))"
            case .month:
                let parts = calendar.dateComponents([.year, .month], from: start)
                return "\(HumanDate.monthNames[parts.month! - 1].prefix(3)) \(parts.year!)"
            }
        }
        var buckets: [Bucket] = []
        var current = interval(first)
        var index = 0
        while current.start <= last {
            var bucket = Bucket(
                start: current.start, end: current.end, label: label(current.start), count: 0, kinds: [:],
                highRisk: 0, injuries: 0)
            while index < incidents.count, incidents[index].occurredAt < current.end {
                let incident = incidents[index].incident
                bucket.count += 1
                for kind in Set(incident.kinds) { bucket.kinds[kind, default: 0] += 1 }
                if !incident.highRisk.isEmpty { bucket.highRisk += 1 }
                if hasInjuries(incident) { bucket.injuries += 1 }
                bucket.severity = Severity.most([bucket.severity, Severity.of(incident)])
                index += 1
            }
            buckets.append(bucket)
            current = interval(current.end)
        }
        return buckets
    }

    /// Compares the latest stretch of time with the first one of the same length (see
    /// `Trend`), from the first incident's day to the end of the last one's (or `through`). A
    /// change in frequency is claimed only when it is at least two incidents and at least half
    /// as many again.
    private static func trend(
        _ incidents: [(occurredAt: Date, incident: Incident)], from first: Date, to last: Date, period: Period,
        timeZone: TimeZone
    ) -> Trend? {
        guard incidents.count >= 3 else { return nil }
        let calendar = LocalCalendar(timeZone: timeZone)
        let startDay = calendar.day(of: first)
        let endDay = calendar.adding(days: 1, to: calendar.day(of: last))
        let span = calendar.calendar.dateComponents([.day], from: calendar.start(of: startDay), to: calendar.start(of: endDay)).day ?? 0
        let days: Int
        switch period {
        case .week: days = (span / 3) / 7 * 7
        case .month: days = min(30, span / 3)
        }
        guard days >= 7 else { return nil }
        let firstEnd = calendar.start(of: calendar.adding(days: days, to: startDay))
        let lastStart = calendar.start(of: calendar.adding(days: -days, to: endDay))
        let early = incidents.filter { $0.occurredAt < firstEnd }
        let late = incidents.filter { $0.occurredAt >= lastStart }
        func clearlyMore(_ a: Int, than b: Int) -> Bool { a - b >= 2 && 2 * a >= 3 * b }
        let direction: Trend.Direction
        if clearlyMore(late.count, than: early.count) {
            direction = .moreFrequent
        } else if clearlyMore(early.count, than: late.count) {
            direction = .lessFrequent
        } else {
            direction = .aboutTheSame
        }
        return Trend(
            direction: direction, days: days, first: early.count, last: late.count,
            firstSeverity: Severity.most(early.map { Severity.of($0.incident) }),
            lastSeverity: Severity.most(late.map { Severity.of($0.incident) }))
    }
}
