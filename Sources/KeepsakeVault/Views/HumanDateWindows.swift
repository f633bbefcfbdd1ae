import Foundation

/// "early", "mid" or "late" in a month: days 1–10, 11–20, 21 to the end. Approximate, as the
/// words are.
enum MonthPart: Equatable {
    case early, mid, late

    init?(_ word: String) {
        switch word {
        case "early": self = .early
        case "mid", "middle": self = .mid
        case "late": self = .late
        default: return nil
        }
    }

    var label: String {
        switch self {
        case .early: return "early"
        case .mid: return "mid"
        case .late: return "late"
        }
    }

    /// The first day of this part of the month, and the first day after it.
    func window(_ year: Int, _ month: Int, calendar: LocalCalendar) -> (CivilDay, CivilDay) {
        let first = CivilDay(year: year, month: month, day: 1)
        switch self {
        case .early: return (first, CivilDay(year: year, month: month, day: 11))
        case .mid: return (CivilDay(year: year, month: month, day: 11), CivilDay(year: year, month: month, day: 21))
        case .late: return (CivilDay(year: year, month: month, day: 21), calendar.adding(months: 1, to: first))
        }
    }
}

/// Spans of several days, as people name them: "November", "early November", "November
/// 2026", "2026-11", "last weekend", "last week", "last month", "a few days ago", "the 3rd".
///
/// - A month without a year is the most recent one that has begun (its part, for "late
///   November"); the end of its window may lie past now, as a whole day's may.
/// - "last weekend" is the latest Saturday and Sunday both before today; "last week" is Monday
///   to Sunday of the week before this one; "last month" is the calendar month before this one.
/// - "a few days ago" (or "several") is 2 to 5 days back, "a couple of days ago" 2 to 3; weeks
///   and months alike; these are approximate.
/// - "the 3rd" is the most recent 3rd of a month, today included.
extension PointParser {
    static func isOrdinal(_ text: String) -> Bool { text.last?.isLetter == true }

    static func digitCount(_ text: String) -> Int { text.prefix(while: \.isNumber).count }

    mutating func setWindow(
        _ window: (CivilDay, CivilDay), approximate: Bool, _ what: DateToken
    ) throws(HumanDateError) {
        guard point.day == nil, point.moment == nil, point.window == nil else { throw .notUnderstood(text(of: what)) }
        point.window = (window.0, window.1)
        if approximate { point.dayApproximate = true }
    }

    /// A month (or its early, mid or late part), of `year` or the most recent one begun.
    mutating func monthWindow(_ month: Int, year: Int?, token: DateToken) throws(HumanDateError) {
        let part = point.monthPart
        point.monthPart = nil
        let calendar = self.calendar
        func window(_ year: Int) -> (CivilDay, CivilDay) {
            if let part { return part.window(year, month, calendar: calendar) }
            let first = CivilDay(year: year, month: month, day: 1)
            return (first, calendar.adding(months: 1, to: first))
        }
        var chosen = window(year ?? today.year)
        if year == nil, chosen.0 > today { chosen = window(today.year - 1) }
        try setWindow(chosen, approximate: part != nil, token)
    }

    /// "the 3rd": the most recent 3rd of a month, today included.
    mutating func nthOfMonth(_ value: Int, token: DateToken) throws(HumanDateError) {
        guard (1...31).contains(value) else { throw .noSuchDate(text(of: token)) }
        var month = CivilDay(year: today.year, month: today.month, day: 1)
        for _ in 0..<3 {
            let day = CivilDay(year: month.year, month: month.month, day: value)
            if calendar.isValid(day), day <= today {
                try setDay(day, token)
                return
            }
            month = calendar.adding(months: -1, to: month)
        }
        throw .noSuchDate(text(of: token))
    }

    /// After "last": "weekend", "week", "month"; false for anything else.
    mutating func lastWindow(_ token: DateToken) throws(HumanDateError) -> Bool {
        switch word() {
        case "weekend":
            index += 1
            var saturday = calendar.adding(days: -(calendar.weekday(of: today) % 7), to: today)
            while calendar.adding(days: 1, to: saturday) >= today { saturday = calendar.adding(days: -7, to: saturday) }
            try setWindow((saturday, calendar.adding(days: 2, to: saturday)), approximate: false, token)
        case "week":
            index += 1
            let monday = calendar.adding(days: -((calendar.weekday(of: today) + 5) % 7), to: today)
            try setWindow((calendar.adding(days: -7, to: monday), monday), approximate: false, token)
        case "month":
            index += 1
            let first = CivilDay(year: today.year, month: today.month, day: 1)
            try setWindow((calendar.adding(months: -1, to: first), first), approximate: false, token)
        default:
            return false
        }
        return true
    }

    /// "a few days ago", "several weeks ago", "a couple of months ago" (the word just read
    /// is `word`); false when the words are not one of these.
    mutating func fewAgo(_ word: String, token: DateToken) throws(HumanDateError) -> Bool {
        var ahead = 0
        var quantity = word
        if word == "a" {
            guard let next = self.word() else { return false }
            quantity = next
            ahead = 1
        }
        let range: (low: Int, high: Int)
        switch quantity {
        case "few", "several": range = (2, 5)
        case "couple": range = (2, 3)
        default: return false
        }
        if self.word(ahead) == "of" { ahead += 1 }
        guard let unitWord = self.word(ahead), let unit = DateWords.units[unitWord], self.word(ahead + 1) == "ago" else {
            return false
        }
        index += ahead + 2
        let start: CivilDay, lastDay: CivilDay
        switch unit {
        case .day:
            (start, lastDay) = (calendar.adding(days: -range.high, to: today), calendar.adding(days: -range.low, to: today))
        case .week:
            (start, lastDay) = (
                calendar.adding(days: -7 * range.high, to: today), calendar.adding(days: -7 * range.low, to: today)
            )
        case .month:
            (start, lastDay) = (
                calendar.adding(months: -range.high, to: today), calendar.adding(months: -range.low, to: today)
            )
        case .year:
            (start, lastDay) = (
                calendar.adding(months: -12 * range.high, to: today), calendar.adding(months: -12 * range.low, to: today)
            )
        case .minute, .hour:
            throw .notUnderstood(text(of: token) + " " + quantity + " " + unitWord)
        }
        try setWindow((start, calendar.adding(days: 1, to: lastDay)), approximate: true, token)
        return true
    }
}
