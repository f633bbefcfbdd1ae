import Foundation

/// A clock time as typed, before am/pm and the part of the day settle it.
struct TypedTime {
    var hour: Int
    var minute = 0
    var second = 0
    /// nil: no am/pm given.
    var pm: Bool?
    /// A lone number ("at 9"): an hour that needs am/pm or a part of the day unless ≥ 13.
    var bare = false
    var text: String
}

/// One end of what was typed: a day, a time or part of the day, or a moment.
struct TypedPoint {
    var day: CivilDay?
    /// True when the day itself is a guess ("2 weeks ago").
    var dayApproximate = false
    var part: PartOfDay?
    var time: TypedTime?
    var moment: Date?
    var approximate = false
    /// A weekday named beside a date ("Mon 2 Mar 2026"), checked against it.
    var weekday: (day: Int, text: String)?
    /// Several days: a month, part of a month, a weekend, "a few days ago" (end exclusive).
    var window: (start: CivilDay, end: CivilDay)?
    /// "early", "mid" or "late", waiting for its month.
    var monthPart: MonthPart?

    var isEmpty: Bool { day == nil && part == nil && time == nil && moment == nil && window == nil }
}

/// Reads the words of one end of a date ("last friday 8pm", "2 mar 2026 evening").
struct PointParser {
    let tokens: [DateToken]
    let today: CivilDay
    let now: Date
    let calendar: LocalCalendar
    var index = 0
    var point = TypedPoint()

    init(tokens: [DateToken], today: CivilDay, now: Date, calendar: LocalCalendar) {
        self.tokens = tokens
        self.today = today
        self.now = now
        self.calendar = calendar
    }

    /// The point the tokens describe.
    static func parse(
        _ tokens: [DateToken], today: CivilDay, now: Date, calendar: LocalCalendar
    ) throws(HumanDateError) -> TypedPoint {
        var parser = PointParser(tokens: tokens, today: today, now: now, calendar: calendar)
        while parser.index < tokens.count { try parser.step() }
        try parser.settleWeekday()
        if parser.point.monthPart != nil {
            throw .notUnderstood(parser.tokens.map(parser.text(of:)).joined(separator: " "))
        }
        return parser.point
    }

    func peek(_ offset: Int = 0) -> DateToken? {
        index + offset < tokens.count ? tokens[index + offset] : nil
    }

    func word(_ offset: Int = 0) -> String? {
        if case let .word(text) = peek(offset) { return DateWords.corrected(text) }
        return nil
    }

    func text(of token: DateToken) -> String {
        switch token {
        case let .word(text): return text
        case let .number(_, text): return text
        case let .clock(_, _, _, text): return text
        case let .meridiem(pm): return pm ? "pm" : "am"
        case let .isoDate(_, text): return text
        case let .isoMonth(_, _, text): return text
        case let .instant(_, text): return text
        case let .numericDate(text): return text
        case .dash: return "-"
        case .tilde: return "~"
        }
    }

    mutating func setDay(_ day: CivilDay, approximate: Bool = false, _ what: DateToken) throws(HumanDateError) {
        guard point.day == nil, point.moment == nil, point.window == nil else { throw .notUnderstood(text(of: what)) }
        point.day = day
        point.dayApproximate = approximate
    }

    private mutating func setTime(_ time: TypedTime, _ what: DateToken) throws(HumanDateError) {
        guard point.time == nil, point.moment == nil else { throw .notUnderstood(text(of: what)) }
        point.time = time
    }

    private mutating func setPart(_ part: PartOfDay, _ what: DateToken) throws(HumanDateError) {
        guard point.part == nil, point.moment == nil else { throw .notUnderstood(text(of: what)) }
        point.part = part
    }

    private mutating func setMoment(_ moment: Date, _ what: DateToken) throws(HumanDateError) {
        guard point.isEmpty else { throw .notUnderstood(text(of: what)) }
        point.moment = moment
    }

    private mutating func step() throws(HumanDateError) {
        let token = tokens[index]
        index += 1
        switch token {
        case .tilde:
            point.approximate = true
        case let .numericDate(text):
            throw .ambiguousDayMonth(text)
        case let .instant(date, _):
            try setMoment(date, token)
        case let .isoDate(day, text):
            guard calendar.isValid(day) else { throw .noSuchDate(text) }
            try setDay(day, token)
        case let .isoMonth(year, month, _):
            try monthWindow(month, year: year, token: token)
        case let .clock(hour, minute, second, text):
            var time = TypedTime(hour: hour, minute: minute, second: second, text: text)
            if case let .meridiem(pm) = peek() {
                index += 1
                time.pm = pm
                time.text += pm ? " pm" : " am"
            }
            try setTime(time, token)
        case .meridiem:
            throw .notUnderstood(text(of: token))
        case .dash:
            throw .notUnderstood("-")
        case let .number(value, text):
            try number(value, text: text, token: token)
        case let .word(raw):
            try self.word(DateWords.corrected(raw), raw: raw, token: token)
        }
    }

    private mutating func number(_ value: Int, text: String, token: DateToken) throws(HumanDateError) {
        if case .meridiem(let pm) = peek() {
            index += 1
            try setTime(TypedTime(hour: value, pm: pm, text: text + (pm ? "pm" : "am")), token)
            return
        }
        if let next = word(), let month = DateWords.months[next] {
            index += 1
            try dayOfMonth(value, month: month, token: token)
            return
        }
        if word() == "of", let next = word(1), let month = DateWords.months[next] {
            index += 2
            try dayOfMonth(value, month: month, token: token)
            return
        }
        if let next = word(), let unit = DateWords.units[next], word(1) == "ago" {
            index += 2
            try ago(value, unit, token: token)
            return
        }
        if Self.isOrdinal(text) {
            try nthOfMonth(value, token: token)
            return
        }
        guard Self.digitCount(text) <= 2, value <= 23 else { throw .notUnderstood(text) }
        try setTime(TypedTime(hour: value, bare: true, text: text), token)
    }

    private mutating func word(_ word: String, raw: String, token: DateToken) throws(HumanDateError) {
        if let part = MonthPart(word) {
            guard point.monthPart == nil else { throw .notUnderstood(raw) }
            point.monthPart = part
        } else if try fewAgo(word, token: token) {
            return
        } else if DateWords.approximateWords.contains(word) {
            point.approximate = true
        } else if let value = DateWords.numberWords[word], let next = self.word(), let unit = DateWords.units[next],
            self.word(1) == "ago"
        {
            index += 2
            try ago(value, unit, token: token)
        } else if DateWords.fillerWords.contains(word) {
            return
        } else if let weekday = DateWords.weekdays[word] {
            guard point.weekday == nil, point.moment == nil else { throw .notUnderstood(raw) }
            point.weekday = (weekday, raw)
        } else if let part = DateWords.parts[word] {
            if part == .evening, self.word() == "or", self.word(1) == "night" {
                index += 2
                try setPart(.eveningAndNight, token)
            } else {
                try setPart(part, token)
            }
        } else if let month = DateWords.months[word] {
            let skip = self.word() == "the" ? 1 : 0
            if point.monthPart == nil, case let .number(value, text) = peek(skip), Self.digitCount(text) <= 2 {
                index += skip + 1
                try dayOfMonth(value, month: month, token: token)
            } else if case let .number(year, text) = peek(), Self.digitCount(text) == 4 {
                index += 1
                try monthWindow(month, year: year, token: token)
            } else {
                try monthWindow(month, year: nil, token: token)
            }
        } else {
            switch word {
            case "now":
                try setMoment(now, token)
            case "today":
                try setDay(today, token)
            case "yesterday":
                try setDay(calendar.adding(days: -1, to: today), token)
            case "tomorrow":
                try setDay(calendar.adding(days: 1, to: today), token)
            case "tonight":
                try setDay(today, token)
                try setPart(.eveningAndNight, token)
            case "noon", "midday":
                try setTime(TypedTime(hour: 12, pm: true, text: word), token)
            case "midnight":
                try setTime(TypedTime(hour: 0, pm: false, text: word), token)
            case "last":
                try last(token)
            case "day" where self.word() == "before" && self.word(1) == "yesterday":
                index += 2
                try setDay(calendar.adding(days: -2, to: today), token)
            default:
                throw .notUnderstood(raw)
            }
        }
    }

    /// A weekday alone is the most recent such day, today included; beside a date it must be
    /// that date's weekday.
    private mutating func settleWeekday() throws(HumanDateError) {
        guard let (weekday, text) = point.weekday else { return }
        guard let day = point.day ?? point.moment.map(calendar.day(of:)) else {
            point.day = mostRecent(weekday, strictlyBeforeToday: false)
            return
        }
        let actual = calendar.weekday(of: day)
        guard actual == weekday else {
            let named = HumanDate.weekdayNames[actual - 1]
            throw .wrongWeekday("\(day.day) \(HumanDate.monthNames[day.month - 1]) \(day.year)", is: named, not: text)
        }
    }

    /// "last night", "last friday".
    private mutating func last(_ token: DateToken) throws(HumanDateError) {
        if try lastWindow(token) { return }
        if word() == "night" {
            index += 1
            try setDay(calendar.adding(days: -1, to: today), token)
            try setPart(.eveningAndNight, token)
        } else if let next = word(), let weekday = DateWords.weekdays[next] {
            index += 1
            try setDay(mostRecent(weekday, strictlyBeforeToday: true), token)
        } else {
            throw .notUnderstood("last" + (word().map { " " + $0 } ?? ""))
        }
    }

    /// The most recent such weekday: today counts unless `strictlyBeforeToday` ("last friday").
    private func mostRecent(_ weekday: Int, strictlyBeforeToday: Bool) -> CivilDay {
        var back = (calendar.weekday(of: today) - weekday + 7) % 7
        if back == 0, strictlyBeforeToday { back = 7 }
        return calendar.adding(days: -back, to: today)
    }

    /// "2 march", "march 2nd", "2 mar 2026": the year, when missing, is the most recent one in
    /// which that day is not after today.
    private mutating func dayOfMonth(_ value: Int, month: Int, token: DateToken) throws(HumanDateError) {
        let name = HumanDate.monthNames[month - 1]
        if case let .number(year, text) = peek(), Self.digitCount(text) == 4 {
            index += 1
            let day = CivilDay(year: year, month: month, day: value)
            guard calendar.isValid(day) else { throw .noSuchDate("\(value) \(name) \(year)") }
            try setDay(day, token)
            return
        }
        var year = today.year
        for _ in 0..<8 {
            let day = CivilDay(year: year, month: month, day: value)
            if calendar.isValid(day), day <= today {
                try setDay(day, token)
                return
            }
            year -= 1
        }
        throw .noSuchDate("\(value) \(name)")
    }

    /// "3 days ago" (that day), "2 weeks ago" (about that day), "2 hours ago" (about then).
    private mutating func ago(_ count: Int, _ unit: DateWords.Unit, token: DateToken) throws(HumanDateError) {
        guard count <= 10_000 else { throw .notUnderstood(text(of: token)) }
        switch unit {
        case .minute:
            try setMoment(now.addingTimeInterval(-60 * Double(count)), token)
        case .hour:
            try setMoment(now.addingTimeInterval(-3600 * Double(count)), token)
            point.approximate = true
        case .day:
            try setDay(calendar.adding(days: -count, to: today), token)
        case .week:
            try setDay(calendar.adding(days: -7 * count, to: today), approximate: true, token)
        case .month:
            try setDay(calendar.adding(months: -count, to: today), approximate: true, token)
        case .year:
            try setDay(calendar.adding(months: -12 * count, to: today), approximate: true, token)
        }
    }
}
