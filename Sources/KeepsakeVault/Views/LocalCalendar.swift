import Foundation

/// A day on the wall calendar, with no time and no zone.
struct CivilDay: Equatable, Comparable, Hashable, Sendable {
    var year: Int
    var month: Int
    var day: Int

    static func < (a: CivilDay, b: CivilDay) -> Bool {
        (a.year, a.month, a.day) < (b.year, b.month, b.day)
    }
}

/// The Gregorian calendar in one time zone, made fresh wherever it is needed (`Calendar` is
/// not shared between tasks here). Days are moved through their noon so that daylight-saving
/// changes never shift a day.
struct LocalCalendar {
    let calendar: Calendar

    init(timeZone: TimeZone, iso8601: Bool = false) {
        var calendar = Calendar(identifier: iso8601 ? .iso8601 : .gregorian)
        calendar.timeZone = timeZone
        calendar.locale = Locale(identifier: "en_US_POSIX")
        if iso8601 {
            calendar.firstWeekday = 2
            calendar.minimumDaysInFirstWeek = 4
        }
        self.calendar = calendar
    }

    /// The day a moment falls on.
    func day(of date: Date) -> CivilDay {
        let parts = calendar.dateComponents([.year, .month, .day], from: date)
        return CivilDay(year: parts.year!, month: parts.month!, day: parts.day!)
    }

    /// Hour, minute and second of a moment.
    func clock(of date: Date) -> (hour: Int, minute: Int, second: Int) {
        let parts = calendar.dateComponents([.hour, .minute, .second], from: date)
        return (parts.hour!, parts.minute!, parts.second!)
    }

    /// Whether the day exists (no 30 February).
    func isValid(_ day: CivilDay) -> Bool {
        guard (1...12).contains(day.month), (1...31).contains(day.day), (1...9999).contains(day.year) else {
            return false
        }
        return self.day(of: noon(of: day)) == day
    }

    /// The moment at a time of day on a day. A time skipped by a daylight-saving change comes
    /// out as Foundation places it (shifted forward by the gap); a repeated one as its first
    /// occurrence.
    func instant(_ day: CivilDay, hour: Int = 0, minute: Int = 0, second: Int = 0) -> Date {
        var parts = DateComponents(year: day.year, month: day.month, day: day.day)
        parts.hour = hour
        parts.minute = minute
        parts.second = second
        return calendar.date(from: parts)!
    }

    /// The first moment of a day.
    func start(of day: CivilDay) -> Date {
        calendar.startOfDay(for: noon(of: day))
    }

    func noon(of day: CivilDay) -> Date { instant(day, hour: 12) }

    /// The day `count` days later (earlier when negative).
    func adding(days count: Int, to day: CivilDay) -> CivilDay {
        self.day(of: calendar.date(byAdding: .day, value: count, to: noon(of: day))!)
    }

    /// The same day of the month `count` months later (clamped to the month's last day).
    func adding(months count: Int, to day: CivilDay) -> CivilDay {
        self.day(of: calendar.date(byAdding: .month, value: count, to: noon(of: day))!)
    }

    /// 1 = Sunday … 7 = Saturday.
    func weekday(of day: CivilDay) -> Int {
        calendar.component(.weekday, from: noon(of: day))
    }
}
