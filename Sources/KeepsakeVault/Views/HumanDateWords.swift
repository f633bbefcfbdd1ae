import Foundation

/// A part of the day, for when the owner remembers "in the evening" but not the clock.
enum PartOfDay: CaseIterable {
    case morning, afternoon, evening, night, eveningAndNight

    /// Start hour, end hour, and whether the end is on the next day.
    var hours: (start: Int, end: Int, nextDay: Bool) {
        switch self {
        case .morning: return (6, 12, false)
        case .afternoon: return (12, 18, false)
        case .evening: return (18, 22, false)
        case .night: return (22, 6, true)
        case .eveningAndNight: return (18, 6, true)
        }
    }

    /// Words for `format`.
    var label: String {
        switch self {
        case .morning: return "morning"
        case .afternoon: return "afternoon"
        case .evening: return "evening"
        case .night: return "night"
        case .eveningAndNight: return "evening or night"
        }
    }
}

/// The words dates are made of, and forgiveness for a slip of the finger.
enum DateWords {
    static let months: [String: Int] = {
        var table: [String: Int] = [:]
        for (index, name) in HumanDate.monthNames.enumerated() {
            table[name.lowercased()] = index + 1
            table[String(name.lowercased().prefix(3))] = index + 1
        }
        table["sept"] = 9
        return table
    }()

    /// 1 = Sunday … 7 = Saturday, as Foundation counts.
    static let weekdays: [String: Int] = [
        "sunday": 1, "sun": 1, "monday": 2, "mon": 2, "tuesday": 3, "tue": 3, "tues": 3,
        "wednesday": 4, "wed": 4, "thursday": 5, "thu": 5, "thur": 5, "thurs": 5,
        "friday": 6, "fri": 6, "saturday": 7, "sat": 7,
    ]

    static let parts: [String: PartOfDay] = [
        "morning": .morning, "afternoon": .afternoon, "evening": .evening, "night": .night,
    ]

    static let approximateWords: Set<String> = [
        "about", "around", "approximately", "approx", "circa", "ca", "roughly", "maybe", "sometime",
    ]

    static let fillerWords: Set<String> = [
        "at", "on", "in", "the", "of", "this", "from", "between", "just", "right", "o'clock", "oclock",
    ]

    static let numberWords: [String: Int] = [
        "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
        "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
    ]

    enum Unit { case minute, hour, day, week, month, year }

    static let units: [String: Unit] = [
        "minute": .minute, "minutes": .minute, "min": .minute, "mins": .minute,
        "hour": .hour, "hours": .hour, "hr": .hour, "hrs": .hour,
        "day": .day, "days": .day, "week": .week, "weeks": .week, "wk": .week, "wks": .week,
        "month": .month, "months": .month, "year": .year, "years": .year, "yr": .year, "yrs": .year,
    ]

    static let otherWords: Set<String> = [
        "now", "today", "yesterday", "tomorrow", "tonight", "last", "noon", "midday", "midnight", "ago", "before",
    ]

    /// Every word the parser knows, for forgiving a one-letter slip in a long word.
    static let vocabulary: [String] = {
        var words = Set(months.keys).union(weekdays.keys).union(parts.keys).union(approximateWords)
            .union(fillerWords).union(numberWords.keys).union(units.keys).union(otherWords)
        return words.filter { $0.count >= 5 }.sorted()
    }()

    /// A word as known, or the one known word it is a single slip away from (for words of five
    /// letters or more: "yesterdy", "evenig", "fridya").
    static func corrected(_ word: String) -> String {
        guard word.count >= 5, !vocabulary.contains(word) else { return word }
        let near = vocabulary.filter { isOneSlipAway(word, $0) }
        return near.count == 1 ? near[0] : word
    }

    static func isOneSlipAway(_ a: String, _ b: String) -> Bool {
        let (x, y) = (Array(a), Array(b))
        if x.count == y.count {
            let differences = zip(x, y).enumerated().filter { $0.element.0 != $0.element.1 }.map(\.offset)
            if differences.count == 1 { return true }
            if differences.count == 2, differences[1] == differences[0] + 1,
                x[differences[0]] == y[differences[1]], x[differences[1]] == y[differences[0]]
            {
                return true
            }
            return false
        }
        let (short, long) = x.count < y.count ? (x, y) : (y, x)
        guard long.count == short.count + 1 else { return false }
        var i = 0
        while i < short.count, short[i] == long[i] { i += 1 }
        return short[i...] == long[(i + 1)...]
    }
}
