import Foundation

/// Dates as people type and read them: "yesterday 9pm", "last friday evening",
/// "about 2 march", "2026-03-02 21:00 to 23:30". Everything takes the present moment and the
/// time zone explicitly, so the same text always means the same thing in tests.
///
/// Decisions a reader of the code should know:
/// - A weekday ("friday") is the most recent such day, today included; "last friday" is the
///   one strictly before today.
/// - A day with no time ("2026-03-02", "yesterday", "3 days ago") is the whole day: from its
///   first moment to the next day's, not approximate.
/// - A part of the day is a window, approximate: morning 06–12, afternoon 12–18, evening
///   18–22, night 22–06 the next day; "last night" and "tonight" cover evening and night,
///   18–06.
/// - With a part of the day, a time without am/pm takes its meaning ("friday night 11" is
///   23:00); in the night, a time before noon is on the next day ("last night at 2am").
/// - "9" alone could be morning or evening and is refused, but "21", "9pm" and "9:00" (read as
///   24-hour) are not; in a range the side without am/pm takes the reading that makes the
///   range shortest ("9-11pm" is 21:00–23:00).
/// - "midnight" is 00:00 at the start of the named day, except after "night" (the next day).
/// - A range whose end is earlier than its start on the same day crosses midnight
///   ("23:00-01:00").
/// - "march 2" without a year is the most recent 2 March that is not after today.
/// - "2 weeks ago", "3 months ago", "2 hours ago" are approximate; "3 days ago" is that day.
/// - Dates in numbers with slashes or dots ("03/02/2026") are always refused, even when only
///   one reading exists, so that a habit never silently flips meaning.
/// - A start later than now plus five minutes is refused; so is a typed end time later than
///   that. The end of a window (a whole day, the evening) may lie past now.
/// - A long word one slip away from a single known word is read as that word ("yesterdy").
/// - The calendar is always Gregorian in the given zone; a clock time skipped by a
///   daylight-saving change is moved forward by the gap (02:30 → 03:30), a repeated one is
///   its first occurrence.
public enum HumanDate {
    /// How far past now a typed time may be before it is refused (clocks differ).
    public static let clockSlack: TimeInterval = 5 * 60

    static let monthNames = [
        "January", "February", "March", "April", "May", "June", "July", "August", "September",
        "October", "November", "December",
    ]
    static let weekdayNames = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]

    static func twoDigits(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }

    /// Reads what the owner typed for "when it happened".
    /// - Parameters:
    ///   - text: what was typed, in any case, with any spacing.
    ///   - now: the present moment (dates after it are refused).
    ///   - timeZone: the zone the owner's days and clock times are in.
    /// - Throws: `HumanDateError`, whose description says in one line what was not understood
    ///   and gives two forms that work.
    public static func parse(_ text: String, now: Date, timeZone: TimeZone) throws(HumanDateError) -> Occurrence {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty else { throw .empty }
        let calendar = LocalCalendar(timeZone: timeZone)
        let today = calendar.day(of: now)
        let tokens = try DateScanner.scan(trimmed)
        guard !tokens.isEmpty else { throw .notUnderstood(trimmed) }
        let sides = try split(tokens, text: trimmed)
        func point(_ tokens: [DateToken]) throws(HumanDateError) -> TypedPoint {
            let point = try PointParser.parse(tokens, today: today, now: now, calendar: calendar)
            guard !point.isEmpty else { throw .notUnderstood(trimmed) }
            return point
        }
        let resolver = Resolver(calendar: calendar, today: today)
        let occurrence: Occurrence
        var typedEnd: Date?
        if sides.count == 1 {
            let resolved = try resolver.resolve(try point(sides[0]))
            occurrence = Occurrence(start: resolved.start, end: resolved.end, approximate: resolved.approximate)
        } else {
            (occurrence, typedEnd) = try resolver.range(try point(sides[0]), try point(sides[1]), text: trimmed)
        }
        let limit = now.addingTimeInterval(clockSlack)
        if occurrence.start > limit {
            throw .inFuture(format(Occurrence(start: occurrence.start, end: occurrence.end), timeZone: timeZone))
        }
        if let typedEnd, typedEnd > limit {
            throw .inFuture(format(Occurrence(start: typedEnd), timeZone: timeZone))
        }
        return occurrence
    }

    /// The first moment of the day the text names, for filters such as `--since` and
    /// `--until` ("2026-03-02", "3 days ago", "last monday").
    /// - Throws: `HumanDateError`, as `parse` does.
    public static func parseDay(_ text: String, now: Date, timeZone: TimeZone) throws(HumanDateError) -> Date {
        let occurrence = try parse(text, now: now, timeZone: timeZone)
        let calendar = LocalCalendar(timeZone: timeZone)
        return calendar.start(of: calendar.day(of: occurrence.start))
    }

    /// The tokens on each side of a range's separator ("to", "until", "-", "and" after
    /// "between"); one side when there is none.
    private static func split(_ tokens: [DateToken], text: String) throws(HumanDateError) -> [[DateToken]] {
        let hasBetween = tokens.contains(.word("between"))
        let separators = tokens.indices.filter { index in
            switch tokens[index] {
            case .dash: return true
            case let .word(word):
                return ["to", "until", "till", "til", "through", "thru"].contains(word)
                    || (word == "and" && hasBetween)
            default: return false
            }
        }
        guard let at = separators.first else { return [tokens] }
        guard separators.count == 1 else { throw .notUnderstood(text) }
        let left = Array(tokens[..<at])
        let right = Array(tokens[(at + 1)...])
        guard !left.isEmpty, !right.isEmpty else { throw .notUnderstood(text) }
        return [left, right]
    }
}

/// Turns typed points into moments.
struct Resolver {
    let calendar: LocalCalendar
    let today: CivilDay

    struct Resolved {
        var start: Date
        var end: Date?
        var approximate: Bool
        /// True when the point names a moment (a time or "now"), not a window.
        var isMoment: Bool
    }

    func resolve(_ point: TypedPoint) throws(HumanDateError) -> Resolved {
        let approximate = point.approximate || point.dayApproximate
        if let window = point.window {
            guard point.time == nil, point.part == nil, point.day == nil else {
                throw .notUnderstood(point.time?.text ?? point.part?.label ?? "")
            }
            return Resolved(
                start: calendar.start(of: window.start), end: calendar.start(of: window.end),
                approximate: approximate, isMoment: false)
        }
        if let moment = point.moment {
            return Resolved(start: moment, end: nil, approximate: approximate, isMoment: true)
        }
        var day = point.day ?? today
        if let time = point.time {
            let hour = try hour24(time, part: point.part)
            if let part = point.part, part.hours.nextDay, hour < 12 { day = calendar.adding(days: 1, to: day) }
            let start = calendar.instant(day, hour: hour, minute: time.minute, second: time.second)
            return Resolved(start: start, end: nil, approximate: approximate, isMoment: true)
        }
        if let part = point.part {
            let hours = part.hours
            let endDay = hours.nextDay ? calendar.adding(days: 1, to: day) : day
            return Resolved(
                start: calendar.instant(day, hour: hours.start), end: calendar.instant(endDay, hour: hours.end),
                approximate: true, isMoment: false)
        }
        return Resolved(
            start: calendar.start(of: day), end: calendar.start(of: calendar.adding(days: 1, to: day)),
            approximate: approximate, isMoment: false)
    }

    /// The hour on a 24-hour clock, from am/pm or the part of the day.
    func hour24(_ time: TypedTime, part: PartOfDay?) throws(HumanDateError) -> Int {
        let hour = time.hour
        if let pm = time.pm {
            if hour > 12 {
                // "21pm" can only mean 21:00; "13am" and "25pm" mean nothing.
                guard pm, hour <= 23 else { throw .noSuchTime(time.text) }
                return hour
            }
            guard hour >= 1 || !pm else { throw .noSuchTime(time.text) }
            if hour == 12 { return pm ? 12 : 0 }
            return pm ? hour + 12 : hour
        }
        guard hour <= 12 else { return hour }
        switch part {
        case .morning: return hour
        case .afternoon, .evening: return hour == 12 ? 12 : hour + 12
        case .night, .eveningAndNight: return hour == 12 ? 0 : (hour <= 5 ? hour : hour + 12)
        case nil:
            guard !time.bare || hour == 0 else { throw .ambiguousHour(hour) }
            return hour
        }
    }

    /// A range: the end takes the start's day (and part of the day) when it has none, and the
    /// other way round; a side without am/pm takes the reading that makes the range shortest.
    /// Returns the occurrence and, when the end was a typed time, that time (for the future
    /// check).
    func range(_ first: TypedPoint, _ second: TypedPoint, text: String) throws(HumanDateError) -> (Occurrence, Date?) {
        if first.window != nil || second.window != nil {
            // "November to January", "early to mid March" is not read: both ends name their days.
            let start = try resolve(first), end = try resolve(second)
            let endMoment = end.end ?? end.start
            guard endMoment > start.start else { throw .endBeforeStart(text) }
            let occurrence = Occurrence(start: start.start, end: endMoment, approximate: start.approximate || end.approximate)
            return (occurrence, end.isMoment ? endMoment : nil)
        }
        var (left, right) = (first, second)
        let endDayImplicit = right.day == nil && right.moment == nil
        if left.day == nil, left.moment == nil {
            left.day = right.day ?? right.moment.map(calendar.day(of:))
            left.dayApproximate = right.dayApproximate
        }
        if endDayImplicit {
            right.day = left.day ?? left.moment.map(calendar.day(of:))
            right.dayApproximate = left.dayApproximate
        }
        if left.day == nil, left.moment == nil { left.day = today }
        if right.day == nil, right.moment == nil { right.day = today }
        if left.part == nil, left.time != nil { left.part = right.part }
        if right.part == nil, right.time != nil, right.day == left.day { right.part = left.part }
        if let l = left.time, let r = right.time {
            if l.pm == nil, r.pm != nil, l.hour >= 1, l.hour <= 12, left.part == nil {
                let end = try hour24(r, part: right.part) * 60 + r.minute
                left.time?.pm = shortestReading(l, isStart: true, other: end)
            } else if r.pm == nil, l.pm != nil, r.hour >= 1, r.hour <= 12, right.part == nil {
                let start = try hour24(l, part: left.part) * 60 + l.minute
                right.time?.pm = shortestReading(r, isStart: false, other: start)
            }
        }
        let start = try resolve(left)
        var end = try resolve(right)
        var endMoment = end.end ?? end.start
        if endMoment <= start.start, endDayImplicit, let day = right.day {
            right.day = calendar.adding(days: 1, to: day)
            end = try resolve(right)
            endMoment = end.end ?? end.start
        }
        guard endMoment > start.start else { throw .endBeforeStart(text) }
        let occurrence = Occurrence(
            start: start.start, end: endMoment, approximate: start.approximate || end.approximate)
        return (occurrence, end.isMoment ? endMoment : nil)
    }

    /// Whether `time` should be pm: the reading whose distance to the other end, going
    /// forward through the day, is shortest.
    private func shortestReading(_ time: TypedTime, isStart: Bool, other: Int) -> Bool {
        func minutes(pm: Bool) -> Int { ((time.hour % 12) + (pm ? 12 : 0)) * 60 + time.minute }
        func distance(pm: Bool) -> Int {
            let gap = isStart ? other - minutes(pm: pm) : minutes(pm: pm) - other
            return gap > 0 ? gap : gap + 24 * 60
        }
        return distance(pm: true) < distance(pm: false)
    }
}
