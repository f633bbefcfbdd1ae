import Foundation

/// One piece of typed date text.
enum DateToken: Equatable {
    /// Letters (lower-cased), with apostrophes kept inside ("o'clock").
    case word(String)
    /// Digits, with an ordinal ending dropped from the value but kept in the text ("2nd" → 2).
    case number(Int, text: String)
    /// "21:30", "9:15:20", "9.30".
    case clock(hour: Int, minute: Int, second: Int, text: String)
    /// "am" / "pm" (also "a.m.", "p.m.").
    case meridiem(pm: Bool)
    /// "2026-03-02".
    case isoDate(CivilDay, text: String)
    /// "2026-11": a whole month.
    case isoMonth(year: Int, month: Int, text: String)
    /// A full ISO 8601 moment with its offset ("2026-03-02T21:30:00+01:00", "…Z").
    case instant(Date, text: String)
    /// "03/02/2026", "2.3.2026": refused, as countries read them differently.
    case numericDate(String)
    /// "-" or a dash, between the two ends of a range.
    case dash
    /// "~": about.
    case tilde
}

/// Splits typed date text into tokens.
struct DateScanner {
    private let chars: [Character]
    private var index = 0

    init(_ text: String) {
        var folded = text.lowercased()
        for (from, to) in [
            ("a.m.", "am"), ("p.m.", "pm"), ("–", "-"), ("—", "-"), ("−", "-"), (",", " "), ("mid-", "mid "),
            ("early-", "early "), ("late-", "late "),
        ] {
            folded = folded.replacingOccurrences(of: from, with: to)
        }
        chars = Array(folded)
    }

    /// The tokens, or the first piece that is not part of any date form.
    static func scan(_ text: String) throws(HumanDateError) -> [DateToken] {
        var scanner = DateScanner(text)
        var tokens: [DateToken] = []
        while let token = try scanner.next() { tokens.append(token) }
        return tokens
    }

    private func peek(_ offset: Int = 0) -> Character? {
        index + offset < chars.count ? chars[index + offset] : nil
    }

    private func isDigit(_ offset: Int) -> Bool { peek(offset)?.isASCII == true && peek(offset)!.isNumber }

    private mutating func digits() -> String {
        var run = ""
        while isDigit(0) { run.append(chars[index]); index += 1 }
        return run
    }

    private mutating func next() throws(HumanDateError) -> DateToken? {
        while let c = peek(), c.isWhitespace { index += 1 }
        guard let c = peek() else { return nil }
        if c.isASCII && c.isNumber { return try numberLike() }
        if c.isLetter {
            var run = ""
            while let l = peek(), l.isLetter || (l == "'" && !run.isEmpty) { run.append(l); index += 1 }
            switch run {
            case "am": return .meridiem(pm: false)
            case "pm": return .meridiem(pm: true)
            default: return .word(run)
            }
        }
        index += 1
        switch c {
        case "-": return .dash
        case "~": return .tilde
        default: throw .notUnderstood(String(c))
        }
    }

    private mutating func numberLike() throws(HumanDateError) -> DateToken {
        let begin = index
        let first = digits()
        func text() -> String { String(chars[begin..<index]) }
        // 2026-03-02, and its ISO 8601 time after a "T".
        if first.count == 4, peek() == "-", isDigit(1) {
            index += 1
            let month = digits()
            if peek() != "-", month.count <= 2, !(peek()?.isLetter ?? false) {
                guard let value = Int(month), (1...12).contains(value) else { throw .noSuchDate(text()) }
                return .isoMonth(year: Int(first)!, month: value, text: text())
            }
            guard peek() == "-", isDigit(1) else { throw .notUnderstood(text()) }
            index += 1
            let day = digits()
            guard month.count <= 2, day.count <= 2 else { throw .notUnderstood(text()) }
            let date = CivilDay(year: Int(first)!, month: Int(month)!, day: Int(day)!)
            let dateText = text()
            if peek() == "t", isDigit(1) {
                index += 1
                let timeBegin = index
                let (hour, minute, second) = try clockParts(hourDigits: digits(), begin: timeBegin)
                if let offset = try offsetSeconds() {
                    let instant = try Self.moment(date, hour, minute, second, offset: offset, text: text())
                    return .instant(instant, text: text())
                }
                // A local time: the date now, the clock next.
                index = timeBegin
                return .isoDate(date, text: dateText)
            }
            return .isoDate(date, text: dateText)
        }
        // 03/02/2026 or 2.3.2026 (but 9.30 is a time).
        if peek() == "/" || (peek() == "." && isDigit(1)) {
            let separator = peek()!
            let save = index
            index += 1
            let second = digits()
            if separator == ".", peek() != ".", first.count <= 2, second.count == 2 {
                index = save
                let (hour, minute, sec) = try clockParts(hourDigits: first, begin: begin, separator: ".")
                return .clock(hour: hour, minute: minute, second: sec, text: text())
            }
            while let c = peek(), c == "/" || c == "." || (c.isASCII && c.isNumber) { index += 1 }
            return .numericDate(text())
        }
        if peek() == ":" {
            let (hour, minute, second) = try clockParts(hourDigits: first, begin: begin)
            return .clock(hour: hour, minute: minute, second: second, text: text())
        }
        // 21h30, 21h (as written in much of Europe).
        if peek() == "h", first.count <= 2, !(peek(1)?.isLetter ?? false) {
            index += 1
            let minute = digits()
            guard minute.isEmpty || minute.count == 2 else { throw .noSuchTime(text()) }
            let (hour, minutes) = (Int(first)!, Int(minute) ?? 0)
            guard hour <= 23, minutes <= 59 else { throw .noSuchTime(text()) }
            return .clock(hour: hour, minute: minutes, second: 0, text: text())
        }
        // An ordinal ending: 2nd, 21st, 3rd, 4th.
        if let a = peek(), let b = peek(1), ["st", "nd", "rd", "th"].contains(String([a, b])),
            !(peek(2)?.isLetter ?? false)
        {
            index += 2
        }
        guard first.count <= 9 else { throw .notUnderstood(text()) }
        return .number(Int(first)!, text: text())
    }

    /// After the hour's digits: ":mm" or ".mm", then ":ss" (and a fraction, ignored).
    private mutating func clockParts(
        hourDigits: String, begin: Int, separator: Character = ":"
    ) throws(HumanDateError) -> (Int, Int, Int) {
        func text() -> String { String(chars[begin..<index]) }
        guard !hourDigits.isEmpty, hourDigits.count <= 2, peek() == separator, isDigit(1) else {
            throw .notUnderstood(text())
        }
        index += 1
        let minute = digits()
        var second = "0"
        if separator == ":", peek() == ":", isDigit(1) {
            index += 1
            second = digits()
            if peek() == ".", isDigit(1) { index += 1; _ = digits() }
            guard second.count == 2 else { throw .noSuchTime(text()) }
        }
        guard minute.count == 2 else { throw .noSuchTime(text()) }
        let (h, m, s) = (Int(hourDigits)!, Int(minute)!, Int(second)!)
        guard h <= 23, m <= 59, s <= 59 else { throw .noSuchTime(text()) }
        return (h, m, s)
    }

    /// "z", "+01:00", "-0500", "+01" right after an ISO time; nil when there is none.
    private mutating func offsetSeconds() throws(HumanDateError) -> Int? {
        if peek() == "z", !(peek(1)?.isLetter ?? false) { index += 1; return 0 }
        guard let sign = peek(), sign == "+" || sign == "-", isDigit(1), isDigit(2) else { return nil }
        let begin = index
        index += 1
        let hours = Int(String(chars[index..<index + 2]))!
        index += 2
        var minutes = 0
        if peek() == ":" { index += 1 }
        if isDigit(0), isDigit(1) {
            minutes = Int(String(chars[index..<index + 2]))!
            index += 2
        } else if chars[index - 1] == ":" {
            throw .notUnderstood(String(chars[begin..<index]))
        }
        guard hours <= 14, minutes <= 59 else { throw .notUnderstood(String(chars[begin..<index])) }
        return (sign == "+" ? 1 : -1) * (hours * 3600 + minutes * 60)
    }

    private static func moment(
        _ day: CivilDay, _ hour: Int, _ minute: Int, _ second: Int, offset: Int, text: String
    ) throws(HumanDateError) -> Date {
        let calendar = LocalCalendar(timeZone: TimeZone(secondsFromGMT: offset)!)
        guard calendar.isValid(day) else { throw .noSuchDate(text) }
        return calendar.instant(day, hour: hour, minute: minute, second: second)
    }
}
