import Foundation

/// Dates as `YYYY-MM-DDTHH:MM:SSZ`, the only spelling the fast codec handles, limited to
/// whole seconds from 1583-01-01 to 9999-12-31 in UTC.
///
/// Why those limits: `JSONEncoder`'s `.iso8601` drops fractions of a second (it writes
/// 12:00:00.5 as 12:00:00Z, and -0.5 s as 23:59:59Z the day before), and for dates before
/// 15 October 1582 it writes and reads Julian calendar dates (one second before
/// 1582-10-15T00:00:00Z is "1582-10-04T23:59:59Z"). Inside the limits the proleptic
/// Gregorian arithmetic here gives the same dates; outside them the writer and the reader
/// leave the entry to Foundation.
enum ISO8601Seconds {
    /// Characters in the spelling.
    static let length = 20
    static let years = 1583...9999
    /// Seconds since 1970 of the first and last second inside the limits.
    static let range = secondsSince1970(year: years.lowerBound, month: 1, day: 1)
        ... secondsSince1970(year: years.upperBound, month: 12, day: 31) + 86_399

    /// The date spelled by exactly `text`, when it is inside the limits and every field is
    /// in its range (February 29 only in leap years, no second 60, no hour 24).
    static func parse(_ text: UnsafeBufferPointer<UInt8>) -> Date? {
        guard text.count == length, text[4] == UInt8(ascii: "-"), text[7] == UInt8(ascii: "-"),
            text[10] == UInt8(ascii: "T"), text[13] == UInt8(ascii: ":"), text[16] == UInt8(ascii: ":"),
            text[19] == UInt8(ascii: "Z"),
            let year = digits(text, 0, 4), let month = digits(text, 5, 2), let day = digits(text, 8, 2),
            let hour = digits(text, 11, 2), let minute = digits(text, 14, 2), let second = digits(text, 17, 2),
            years.contains(year), (1...12).contains(month), (1...daysIn(month, of: year)).contains(day),
            hour < 24, minute < 60, second < 60
        else { return nil }
        let seconds = secondsSince1970(year: year, month: month, day: day) + hour * 3600 + minute * 60 + second
        return Date(timeIntervalSince1970: TimeInterval(seconds))
    }

    /// Appends the spelling of `date`, when it is a whole second inside the limits;
    /// returns false (having appended nothing) otherwise.
    static func append(_ date: Date, to out: inout [UInt8]) -> Bool {
        let interval = date.timeIntervalSince1970
        guard interval.rounded(.down) == interval, interval >= Double(range.lowerBound),
            interval <= Double(range.upperBound)
        else { return false }
        let seconds = Int(interval)
        let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        let time = seconds - days * 86_400
        let (year, month, day) = civil(fromDays: days)
        func put(_ value: Int, _ width: Int, then separator: Unicode.Scalar) {
            var divisor = 1
            for _ in 1..<width { divisor *= 10 }
            while divisor > 0 {
                out.append(UInt8(ascii: "0") + UInt8(value / divisor % 10))
                divisor /= 10
            }
            out.append(UInt8(ascii: separator))
        }
        put(year, 4, then: "-")
        put(month, 2, then: "-")
        put(day, 2, then: "T")
        put(time / 3600, 2, then: ":")
        put(time / 60 % 60, 2, then: ":")
        put(time % 60, 2, then: "Z")
        return true
    }

    // MARK: Proleptic Gregorian arithmetic (H. Hinnant, "chrono-compatible date algorithms")

    static func secondsSince1970(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return (era * 146_097 + dayOfEra - 719_468) * 86_400
    }

    private static func civil(fromDays days: Int) -> (year: Int, month: Int, day: Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let shiftedMonth = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * shiftedMonth + 2) / 5 + 1
        let month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    private static func daysIn(_ month: Int, of year: Int) -> Int {
        switch month {
        case 2: return year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    private static func digits(_ text: UnsafeBufferPointer<UInt8>, _ start: Int, _ count: Int) -> Int? {
        var value = 0
        for byte in text[start..<(start + count)] {
            guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
            value = value * 10 + Int(byte - UInt8(ascii: "0"))
        }
        return value
    }
}
