/// Why typed text could not be read as a date, in one line the owner can act on: what was not
/// understood and two forms that work.
public enum HumanDateError: Error, Equatable, Sendable, CustomStringConvertible {
    /// Nothing was typed.
    case empty
    /// Words or signs that are not part of any date form, as typed.
    case notUnderstood(String)
    /// A date in numbers with slashes or dots ("03/02/2026"), which countries read differently.
    case ambiguousDayMonth(String)
    /// A day that does not exist ("2026-02-30").
    case noSuchDate(String)
    /// A time of day that does not exist ("25:00", "13am").
    case noSuchTime(String)
    /// An hour without am/pm that could be morning or evening ("at 9").
    case ambiguousHour(Int)
    /// A weekday beside a date that falls on another day ("Tue 2 Mar 2026"): the date, its
    /// real weekday, the weekday typed.
    case wrongWeekday(String, is: String, not: String)
    /// A range whose end comes before its start.
    case endBeforeStart(String)
    /// A date later than now (with a few minutes' slack for clocks), formatted plainly.
    case inFuture(String)

    /// Two forms that are always understood.
    static let examples = "try \"yesterday 9pm\" or \"2026-03-02 21:30\""

    public var description: String {
        switch self {
        case .empty:
            return "no date was given; \(Self.examples)"
        case let .notUnderstood(text):
            return "couldn't understand \"\(text)\" as a date or time; \(Self.examples)"
        case let .ambiguousDayMonth(text):
            return Self.describeNumericDate(text)
        case let .noSuchDate(text):
            return "\"\(text)\" is not a day of the calendar; check the day and the month, or \(Self.examples)"
        case let .noSuchTime(text):
            return "\"\(text)\" is not a time of day; use 00:00 to 23:59, or 9pm, or 9:30 am"
        case let .ambiguousHour(hour) where hour == 12:
            return "\"12\" could be noon or midnight; write noon or midnight (or 12:00 or 00:00)"
        case let .ambiguousHour(hour):
            return "\"\(hour)\" could be morning or evening; write \(hour)am or \(hour)pm (or \(hour + 12):00)"
        case let .wrongWeekday(date, actual, typed):
            return "\(date) is a \(Self.fullWeekday(actual)), not \"\(typed)\"; check the day, "
                + "or leave the weekday out"
        case let .endBeforeStart(text):
            return "the end of \"\(text)\" comes before its start; try \"yesterday 21:00-23:30\" "
                + "or \"2026-03-02 21:00 to 2026-03-03 01:00\""
        case let .inFuture(when):
            return "that date is in the future (\(when)); check the year and the day"
        }
    }

    private static func fullWeekday(_ short: String) -> String {
        let names = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"]
        return names.first { $0.hasPrefix(short) } ?? short
    }

    /// "03/02/2026" could be 3 February or 2 March: both readings, and how to write each.
    private static func describeNumericDate(_ text: String) -> String {
        let parts = text.split(whereSeparator: { $0 == "/" || $0 == "." }).compactMap { Int($0) }
        let words = "or the month in words (\"2 March 2026\")"
        guard parts.count == 2 || parts.count == 3, let year = parts.count == 3 ? parts[2] : nil,
            year >= 1000
        else {
            return "\"\(text)\" is a date in numbers, which countries read differently; "
                + "write the year first (like 2026-03-02) \(words)"
        }
        func iso(_ day: Int, _ month: Int) -> String {
            "\(year)-\(HumanDate.twoDigits(month))-\(HumanDate.twoDigits(day))"
        }
        let (a, b) = (parts[0], parts[1])
        var readings: [(day: Int, month: Int)] = []
        if (1...12).contains(b), (1...31).contains(a) { readings.append((a, b)) }
        if (1...12).contains(a), (1...31).contains(b), a != b { readings.append((b, a)) }
        switch readings.count {
        case 2:
            let named = readings.map { "\($0.day) \(HumanDate.monthNames[$0.month - 1])" }
            return "\"\(text)\" could be \(named[0]) or \(named[1]); write the year first "
                + "(\(iso(readings[0].day, readings[0].month)) or \(iso(readings[1].day, readings[1].month))) \(words)"
        case 1:
            return "\"\(text)\" is a date in numbers, which countries read differently; write the year first "
                + "(\(iso(readings[0].day, readings[0].month))) \(words)"
        default:
            return "\"\(text)\" is a date in numbers, which countries read differently; "
                + "write the year first (like 2026-03-02) \(words)"
        }
    }
}
