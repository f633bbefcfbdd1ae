import Foundation

extension HumanDate {
    /// An occurrence in plain words, in fixed English whatever the machine's language:
    /// "Mon 2 Mar 2026, 21:30", "Mon 2 Mar 2026, 21:00–23:30", "about Mon 2 Mar 2026, evening",
    /// "Mon 2 Mar 2026" (the whole day), "Mon 2 Mar 2026, 23:00 – Tue 3 Mar 2026, 01:00";
    /// a note, if any, follows in brackets.
    public static func format(_ occurrence: Occurrence, timeZone: TimeZone) -> String {
        let calendar = LocalCalendar(timeZone: timeZone)
        var text: String
        if let end = occurrence.end, let months = monthSpan(occurrence.start, end, calendar: calendar) {
            text = (occurrence.approximate && !months.named ? "sometime in " : "") + months.text
        } else {
            text = occurrence.approximate ? "about " : ""
            text += span(occurrence.start, occurrence.end, calendar: calendar)
        }
        if let note = occurrence.note?.trimmingCharacters(in: .whitespacesAndNewlines), !note.isEmpty {
            text += " (\(note))"
        }
        return text
    }

    /// "Mon 2 Mar 2026".
    static func dayText(_ day: CivilDay, calendar: LocalCalendar) -> String {
        let weekday = weekdayNames[calendar.weekday(of: day) - 1]
        return "\(weekday) \(day.day) \(monthNames[day.month - 1].prefix(3)) \(day.year)"
    }

    /// "21:30", or "21:30:15" when the seconds are not zero.
    static func clockText(_ date: Date, calendar: LocalCalendar) -> String {
        let (hour, minute, second) = calendar.clock(of: date)
        let text = "\(twoDigits(hour)):\(twoDigits(minute))"
        return second == 0 ? text : text + ":\(twoDigits(second))"
    }

    /// "November 2026", "early November 2026", "November 2026 – January 2027", when the
    /// span is whole months or a third of one; `named` when the words say it is approximate.
    private static func monthSpan(_ start: Date, _ end: Date, calendar: LocalCalendar) -> (text: String, named: Bool)? {
        let first = calendar.day(of: start), after = calendar.day(of: end)
        guard start == calendar.start(of: first), end == calendar.start(of: after), after > first else { return nil }
        let name = "\(monthNames[first.month - 1]) \(first.year)"
        for part in [MonthPart.early, .mid, .late] where part.window(first.year, first.month, calendar: calendar) == (first, after) {
            return ("\(part.label) \(name)", true)
        }
        guard first.day == 1, after.day == 1 else { return nil }
        let last = calendar.adding(months: -1, to: after)
        if last == first { return (name, false) }
        return ("\(name) – \(monthNames[last.month - 1]) \(last.year)", false)
    }

    private static func span(_ start: Date, _ end: Date?, calendar: LocalCalendar) -> String {
        let startDay = calendar.day(of: start)
        let startText = dayText(startDay, calendar: calendar)
        guard let end else { return "\(startText), \(clockText(start, calendar: calendar))" }
        let endDay = calendar.day(of: end)
        // Whole days: from a day's first moment to a later day's first moment.
        if start == calendar.start(of: startDay), end == calendar.start(of: endDay), endDay > startDay {
            let lastDay = calendar.adding(days: -1, to: endDay)
            return lastDay == startDay ? startText : "\(startText) – \(dayText(lastDay, calendar: calendar))"
        }
        // A part of the day.
        for part in PartOfDay.allCases {
            let hours = part.hours
            let partEndDay = hours.nextDay ? calendar.adding(days: 1, to: startDay) : startDay
            if start == calendar.instant(startDay, hour: hours.start),
                end == calendar.instant(partEndDay, hour: hours.end)
            {
                return "\(startText), \(part.label)"
            }
        }
        if endDay == startDay {
            return "\(startText), \(clockText(start, calendar: calendar))–\(clockText(end, calendar: calendar))"
        }
        return "\(startText), \(clockText(start, calendar: calendar)) – "
            + "\(dayText(endDay, calendar: calendar)), \(clockText(end, calendar: calendar))"
    }
}
