import Foundation
import XCTest
@testable import KeepsakeVault

/// The present for every test: Thursday 5 March 2026, 14:00 in Paris (13:00 UTC).
private let paris = TimeZone(identifier: "Europe/Paris")!
private let newYork = TimeZone(identifier: "America/New_York")!
private let now = moment("2026-03-05T14:00:00+01:00")

/// A moment written in full ISO 8601.
private func moment(_ text: String) -> Date {
    let formatter = ISO8601DateFormatter()
    formatter.formatOptions = [.withInternetDateTime]
    guard let date = formatter.date(from: text) else { fatalError("bad test moment \(text)") }
    return date
}

final class HumanDateTests: XCTestCase {
    private func check(
        _ text: String, start: String, end: String? = nil, approximate: Bool = false,
        now: Date = now, zone: TimeZone = paris, file: StaticString = #filePath, line: UInt = #line
    ) {
        do {
            let occurrence = try HumanDate.parse(text, now: now, timeZone: zone)
            XCTAssertEqual(occurrence.start, moment(start), "start of \"\(text)\"", file: file, line: line)
            XCTAssertEqual(occurrence.end, end.map(moment), "end of \"\(text)\"", file: file, line: line)
            XCTAssertEqual(occurrence.approximate, approximate, "approximate \"\(text)\"", file: file, line: line)
        } catch {
            XCTFail("\"\(text)\" was refused: \(error)", file: file, line: line)
        }
    }

    private func refuse(
        _ text: String, _ expected: HumanDateError, now: Date = now, zone: TimeZone = paris,
        file: StaticString = #filePath, line: UInt = #line
    ) {
        do {
            let occurrence = try HumanDate.parse(text, now: now, timeZone: zone)
            XCTFail("\"\(text)\" was accepted as \(occurrence)", file: file, line: line)
        } catch {
            XCTAssertEqual(error, expected, "\"\(text)\"", file: file, line: line)
        }
    }

    // MARK: Days and times relative to today

    func testNowIsThePresentMoment() {
        check("now", start: "2026-03-05T14:00:00+01:00")
        check("  NOW ", start: "2026-03-05T14:00:00+01:00")
        check("just now", start: "2026-03-05T14:00:00+01:00")
    }

    func testTodayAndYesterdayAreWholeDays() {
        check("today", start: "2026-03-05T00:00:00+01:00", end: "2026-03-06T00:00:00+01:00")
        check("yesterday", start: "2026-03-04T00:00:00+01:00", end: "2026-03-05T00:00:00+01:00")
        check("the day before yesterday", start: "2026-03-03T00:00:00+01:00", end: "2026-03-04T00:00:00+01:00")
    }

    func testTodayWithATime() {
        check("today 13:30", start: "2026-03-05T13:30:00+01:00")
        check("today 21:30", start: "2026-03-05T21:30:00+01:00", now: moment("2026-03-05T23:00:00+01:00"))
        check("13:30", start: "2026-03-05T13:30:00+01:00")
        check("this morning", start: "2026-03-05T06:00:00+01:00", end: "2026-03-05T12:00:00+01:00", approximate: true)
    }

    func testYesterdayWithTwelveAndTwentyFourHourTimes() {
        check("yesterday 9pm", start: "2026-03-04T21:00:00+01:00")
        check("yesterday at 9:15 pm", start: "2026-03-04T21:15:00+01:00")
        check("yesterday 9 p.m.", start: "2026-03-04T21:00:00+01:00")
        check("yesterday 9.30pm", start: "2026-03-04T21:30:00+01:00")
        check("yesterday 21:30", start: "2026-03-04T21:30:00+01:00")
        check("yesterday 7am", start: "2026-03-04T07:00:00+01:00")
        check("yesterday 12am", start: "2026-03-04T00:00:00+01:00")
        check("yesterday 12pm", start: "2026-03-04T12:00:00+01:00")
        check("yesterday noon", start: "2026-03-04T12:00:00+01:00")
        check("yesterday at midnight", start: "2026-03-04T00:00:00+01:00")
        check("9pm yesterday", start: "2026-03-04T21:00:00+01:00")
        check("yesterday at 21", start: "2026-03-04T21:00:00+01:00")
        check("yesterday 21h30", start: "2026-03-04T21:30:00+01:00")
        check("yesterday 21h", start: "2026-03-04T21:00:00+01:00")
        check("yesterday 21pm", start: "2026-03-04T21:00:00+01:00")
    }

    func testCaseAndSpacingDoNotMatter() {
        check("  YESTERDAY    at   9:15PM  ", start: "2026-03-04T21:15:00+01:00")
        check("Yesterday, 9pm", start: "2026-03-04T21:00:00+01:00")
    }

    func testAOneLetterSlipInALongWordIsForgiven() {
        check("yesterdy 9pm", start: "2026-03-04T21:00:00+01:00")
        check("yesterday evenign", start: "2026-03-04T18:00:00+01:00", end: "2026-03-04T22:00:00+01:00",
            approximate: true)
    }

    // MARK: Calendar dates

    func testISODatesAndLocalTimes() {
        check("2026-03-02", start: "2026-03-02T00:00:00+01:00", end: "2026-03-03T00:00:00+01:00")
        check("2026-03-02 21:30", start: "2026-03-02T21:30:00+01:00")
        check("2026-03-02T21:30", start: "2026-03-02T21:30:00+01:00")
        check("2026-03-02 21:30:15", start: "2026-03-02T21:30:15+01:00")
        check("2026-3-2 9pm", start: "2026-03-02T21:00:00+01:00")
    }

    func testFullISO8601KeepsItsOwnOffset() {
        check("2026-03-02T21:30:00+01:00", start: "2026-03-02T20:30:00Z")
        check("2026-03-02T21:30:00Z", start: "2026-03-02T21:30:00Z")
        check("2026-03-02T21:30:00.250Z", start: "2026-03-02T21:30:00Z")
        check("2026-03-02T21:30-0500", start: "2026-03-03T02:30:00Z")
        check("2026-03-02T21:30:00+01:00", start: "2026-03-02T20:30:00Z", now: moment("2026-03-05T19:00:00Z"),
            zone: newYork)
    }

    func testMonthNamesWithTheYearGivenOrTheMostRecent() {
        check("march 2", start: "2026-03-02T00:00:00+01:00", end: "2026-03-03T00:00:00+01:00")
        check("2 march", start: "2026-03-02T00:00:00+01:00", end: "2026-03-03T00:00:00+01:00")
        check("2 mar 2026", start: "2026-03-02T00:00:00+01:00", end: "2026-03-03T00:00:00+01:00")
        check("March 2nd", start: "2026-03-02T00:00:00+01:00", end: "2026-03-03T00:00:00+01:00")
        check("the 2nd of march 9pm", start: "2026-03-02T21:00:00+01:00")
        check("march 5", start: "2026-03-05T00:00:00+01:00", end: "2026-03-06T00:00:00+01:00")
        check("march 6", start: "2025-03-06T00:00:00+01:00", end: "2025-03-07T00:00:00+01:00")
        check("25 december", start: "2025-12-25T00:00:00+01:00", end: "2025-12-26T00:00:00+01:00")
        check("feb 29", start: "2024-02-29T00:00:00+01:00", end: "2024-03-01T00:00:00+01:00")
        check("14 sept 2025 21:00", start: "2025-09-14T21:00:00+02:00")
    }

    // MARK: Weekdays and "ago"

    func testAWeekdayIsTheMostRecentIncludingToday() {
        check("monday", start: "2026-03-02T00:00:00+01:00", end: "2026-03-03T00:00:00+01:00")
        check("thursday", start: "2026-03-05T00:00:00+01:00", end: "2026-03-06T00:00:00+01:00")
        check("friday", start: "2026-02-27T00:00:00+01:00", end: "2026-02-28T00:00:00+01:00")
        check("Wed 8pm", start: "2026-03-04T20:00:00+01:00")
    }

    func testLastWeekdayIsStrictlyBeforeToday() {
        check("last thursday", start: "2026-02-26T00:00:00+01:00", end: "2026-02-27T00:00:00+01:00")
        check("last friday 8pm", start: "2026-02-27T20:00:00+01:00")
        check("last monday evening", start: "2026-03-02T18:00:00+01:00", end: "2026-03-02T22:00:00+01:00",
            approximate: true)
    }

    func testDaysAgoIsThatDayAndWeeksAgoIsApproximate() {
        check("3 days ago", start: "2026-03-02T00:00:00+01:00", end: "2026-03-03T00:00:00+01:00")
        check("2 weeks ago", start: "2026-02-19T00:00:00+01:00", end: "2026-02-20T00:00:00+01:00", approximate: true)
        check("a week ago", start: "2026-02-26T00:00:00+01:00", end: "2026-02-27T00:00:00+01:00", approximate: true)
        check("two months ago", start: "2026-01-05T00:00:00+01:00", end: "2026-01-06T00:00:00+01:00", approximate: true)
        check("3 days ago 9pm", start: "2026-03-02T21:00:00+01:00")
        check("2 hours ago", start: "2026-03-05T12:00:00+01:00", approximate: true)
        check("10 minutes ago", start: "2026-03-05T13:50:00+01:00")
    }

    // MARK: Parts of the day

    func testPartsOfTheDayAreApproximateWindows() {
        check("2026-03-02 morning", start: "2026-03-02T06:00:00+01:00", end: "2026-03-02T12:00:00+01:00",
            approximate: true)
        check("2026-03-02 afternoon", start: "2026-03-02T12:00:00+01:00", end: "2026-03-02T18:00:00+01:00",
            approximate: true)
        check("2026-03-02 evening", start: "2026-03-02T18:00:00+01:00", end: "2026-03-02T22:00:00+01:00",
            approximate: true)
        check("2026-03-02 night", start: "2026-03-02T22:00:00+01:00", end: "2026-03-03T06:00:00+01:00",
            approximate: true)
        check("in the evening 2 march", start: "2026-03-02T18:00:00+01:00", end: "2026-03-02T22:00:00+01:00",
            approximate: true)
    }

    func testLastNightCoversTheEveningAndTheNight() {
        check("last night", start: "2026-03-04T18:00:00+01:00", end: "2026-03-05T06:00:00+01:00", approximate: true)
        check("last night at 11", start: "2026-03-04T23:00:00+01:00")
        check("last night at 2am", start: "2026-03-05T02:00:00+01:00")
        check("last night at midnight", start: "2026-03-05T00:00:00+01:00")
        check("friday night 11:30", start: "2026-02-27T23:30:00+01:00")
        check("yesterday evening 9", start: "2026-03-04T21:00:00+01:00")
    }

    // MARK: About

    func testAboutAroundAndTildeMakeItApproximate() {
        check("about 2026-03-02 21:00", start: "2026-03-02T21:00:00+01:00", approximate: true)
        check("around 2026-03-02 21:00", start: "2026-03-02T21:00:00+01:00", approximate: true)
        check("~2026-03-02 21:00", start: "2026-03-02T21:00:00+01:00", approximate: true)
        check("~ yesterday", start: "2026-03-04T00:00:00+01:00", end: "2026-03-05T00:00:00+01:00", approximate: true)
        check("yesterday around 9pm", start: "2026-03-04T21:00:00+01:00", approximate: true)
    }

    // MARK: Ranges

    func testRangesWithADateOrARelativeDay() {
        check("2026-03-02 21:00 to 23:30", start: "2026-03-02T21:00:00+01:00", end: "2026-03-02T23:30:00+01:00")
        check("2026-03-02 21:00-23:30", start: "2026-03-02T21:00:00+01:00", end: "2026-03-02T23:30:00+01:00")
        check("yesterday 21:00-23:30", start: "2026-03-04T21:00:00+01:00", end: "2026-03-04T23:30:00+01:00")
        check("yesterday 21:00 – 23:30", start: "2026-03-04T21:00:00+01:00", end: "2026-03-04T23:30:00+01:00")
        check("10:00-11:30", start: "2026-03-05T10:00:00+01:00", end: "2026-03-05T11:30:00+01:00")
        check("about yesterday 21:00 until 23:30", start: "2026-03-04T21:00:00+01:00",
            end: "2026-03-04T23:30:00+01:00", approximate: true)
        check("2026-03-02 21:00 to 2026-03-03 01:00", start: "2026-03-02T21:00:00+01:00",
            end: "2026-03-03T01:00:00+01:00")
        check("monday to wednesday", start: "2026-03-02T00:00:00+01:00", end: "2026-03-05T00:00:00+01:00")
    }

    func testARangeCanCrossMidnight() {
        check("yesterday 23:00-01:00", start: "2026-03-04T23:00:00+01:00", end: "2026-03-05T01:00:00+01:00")
        check("last night 11pm to 1am", start: "2026-03-04T23:00:00+01:00", end: "2026-03-05T01:00:00+01:00")
    }

    func testTheSideWithoutAmPmTakesTheShortestReading() {
        check("yesterday 9-11pm", start: "2026-03-04T21:00:00+01:00", end: "2026-03-04T23:00:00+01:00")
        check("between 9 and 11pm yesterday", start: "2026-03-04T21:00:00+01:00", end: "2026-03-04T23:00:00+01:00")
        check("yesterday 11-1pm", start: "2026-03-04T11:00:00+01:00", end: "2026-03-04T13:00:00+01:00")
        check("yesterday 9pm-11:30", start: "2026-03-04T21:00:00+01:00", end: "2026-03-04T23:30:00+01:00")
        check("yesterday 9pm-1", start: "2026-03-04T21:00:00+01:00", end: "2026-03-05T01:00:00+01:00")
    }

    // MARK: Other zones and daylight saving

    func testNewYorkDaysAndTimes() {
        let nyNow = moment("2026-03-05T14:00:00-05:00")
        check("yesterday 9pm", start: "2026-03-04T21:00:00-05:00", now: nyNow, zone: newYork)
        check("today", start: "2026-03-05T00:00:00-05:00", end: "2026-03-06T00:00:00-05:00", now: nyNow, zone: newYork)
        check("2026-03-02 evening", start: "2026-03-02T18:00:00-05:00", end: "2026-03-02T22:00:00-05:00",
              approximate: true, now: nyNow, zone: newYork)
    }

    func testADayWhenClocksGoForwardIsTwentyThreeHours() {
        let after = moment("2026-03-30T10:00:00+02:00")
        check("yesterday", start: "2026-03-29T00:00:00+01:00", end: "2026-03-30T00:00:00+02:00", now: after)
        check("yesterday 01:30", start: "2026-03-29T01:30:00+01:00", now: after)
        check("yesterday 21:30", start: "2026-03-29T21:30:00+02:00", now: after)
        check("yesterday evening", start: "2026-03-29T18:00:00+02:00", end: "2026-03-29T22:00:00+02:00",
              approximate: true, now: after)
        check("last night", start: "2026-03-28T18:00:00+01:00", end: "2026-03-29T06:00:00+02:00",
              approximate: true, now: moment("2026-03-29T10:00:00+02:00"))
        let nyAfter = moment("2026-03-09T12:00:00-04:00")
        check("yesterday", start: "2026-03-08T00:00:00-05:00", end: "2026-03-09T00:00:00-04:00", now: nyAfter,
            zone: newYork)
    }

    func testAClockTimeSkippedOrRepeatedByDaylightSaving() {
        check("2026-03-29 02:30", start: "2026-03-29T03:30:00+02:00", now: moment("2026-03-30T10:00:00+02:00"))
        check("2026-10-25 02:30", start: "2026-10-25T02:30:00+02:00", now: moment("2026-11-01T10:00:00+01:00"))
    }

    // MARK: Refusals

    func testEmptyAndUnreadableTextIsRefusedWithExamples() {
        refuse("", .empty)
        refuse("   ", .empty)
        refuse("blah", .notUnderstood("blah"))
        refuse("yesterday blah", .notUnderstood("blah"))
        // "last week" and "march" alone are read now (spans of days, below).
        refuse("last year", .notUnderstood("last year"))
        refuse("yesterday today", .notUnderstood("today"))
        refuse("march blah", .notUnderstood("blah"))
        refuse("1 march 26", .notUnderstood("26"))
        refuse("yesterday 0900", .notUnderstood("0900"))
        refuse("21:00 to", .notUnderstood("21:00 to"))
        refuse("9pm - 10pm - 11pm", .notUnderstood("9pm - 10pm - 11pm"))
        refuse("yesterday @ 9pm", .notUnderstood("@"))
        let line = HumanDateError.notUnderstood("blah").description
        XCTAssertEqual(line,
            "couldn't understand \"blah\" as a date or time; try \"yesterday 9pm\" or \"2026-03-02 21:30\"")
        XCTAssertFalse(line.contains("\n"))
    }

    func testDayMonthInNumbersIsRefusedAsAmbiguous() {
        refuse("03/02/2026", .ambiguousDayMonth("03/02/2026"))
        refuse("3/2", .ambiguousDayMonth("3/2"))
        refuse("02.03.2026", .ambiguousDayMonth("02.03.2026"))
        refuse("25/12/2025 9pm", .ambiguousDayMonth("25/12/2025"))
        XCTAssertEqual(
            HumanDateError.ambiguousDayMonth("03/02/2026").description,
            "\"03/02/2026\" could be 3 February or 2 March; write the year first (2026-02-03 or 2026-03-02) "
                + "or the month in words (\"2 March 2026\")")
        XCTAssertEqual(
            HumanDateError.ambiguousDayMonth("25/12/2025").description,
            "\"25/12/2025\" is a date in numbers, which countries read differently; write the year first "
                + "(2025-12-25) or the month in words (\"2 March 2026\")")
    }

    func testTheFutureIsRefusedKindly() {
        refuse("2027-03-02", .inFuture("Tue 2 Mar 2027"))
        refuse("tomorrow", .inFuture("Fri 6 Mar 2026"))
        refuse("today 21:30", .inFuture("Thu 5 Mar 2026, 21:30"))
        refuse("tonight", .inFuture("Thu 5 Mar 2026, evening or night"))
        refuse("2026-03-05 14:06", .inFuture("Thu 5 Mar 2026, 14:06"))
        refuse("10:00-14:30", .inFuture("Thu 5 Mar 2026, 14:30"))
        check("2026-03-05 14:04", start: "2026-03-05T14:04:00+01:00")
        XCTAssertEqual(
            HumanDateError.inFuture("Tue 2 Mar 2027").description,
            "that date is in the future (Tue 2 Mar 2027); check the year and the day")
    }

    func testImpossibleDatesAndTimesAreRefused() {
        refuse("25:00", .noSuchTime("25:00"))
        refuse("yesterday 21:60", .noSuchTime("21:60"))
        refuse("yesterday 13am", .noSuchTime("13am"))
        refuse("yesterday 25pm", .noSuchTime("25pm"))
        refuse("yesterday 0pm", .noSuchTime("0pm"))
        refuse("2026-02-30", .noSuchDate("2026-02-30"))
        refuse("2026-13-01", .noSuchDate("2026-13-01"))
        refuse("30 february 2026", .noSuchDate("30 February 2026"))
        refuse("31 april", .noSuchDate("31 April"))
        refuse("2026-02-30T10:00:00Z", .noSuchDate("2026-02-30t10:00:00z"))
    }

    func testAnHourAloneMustSayMorningOrEvening() {
        refuse("yesterday at 9", .ambiguousHour(9))
        refuse("yesterday 9-11", .ambiguousHour(9))
        refuse("yesterday 12", .ambiguousHour(12))
        XCTAssertEqual(
            HumanDateError.ambiguousHour(12).description,
            "\"12\" could be noon or midnight; write noon or midnight (or 12:00 or 00:00)")
        XCTAssertEqual(
            HumanDateError.ambiguousHour(9).description,
            "\"9\" could be morning or evening; write 9am or 9pm (or 21:00)")
    }

    func testAWeekdayBesideADateMustMatchIt() {
        check("Mon 2 Mar 2026, 21:30", start: "2026-03-02T21:30:00+01:00")
        refuse("Tue 2 Mar 2026", .wrongWeekday("2 March 2026", is: "Mon", not: "tue"))
        XCTAssertEqual(
            HumanDateError.wrongWeekday("2 March 2026", is: "Mon", not: "tue").description,
            "2 March 2026 is a Monday, not \"tue\"; check the day, or leave the weekday out")
    }

    func testARangeEndingBeforeItStartsIsRefused() {
        refuse("2026-03-03 to 2026-03-02", .endBeforeStart("2026-03-03 to 2026-03-02"))
    }

    // MARK: Formatting

    func testFormatIsPlainFixedEnglish() {
        let start = moment("2026-03-02T21:30:00+01:00")
        XCTAssertEqual(HumanDate.format(Occurrence(start: start), timeZone: paris), "Mon 2 Mar 2026, 21:30")
        XCTAssertEqual(HumanDate.format(Occurrence(start: start), timeZone: newYork), "Mon 2 Mar 2026, 15:30")
        XCTAssertEqual(
            HumanDate.format(Occurrence(start: start, approximate: true), timeZone: paris),
            "about Mon 2 Mar 2026, 21:30")
        XCTAssertEqual(
            HumanDate.format(Occurrence(start: moment("2026-03-02T21:30:15+01:00")), timeZone: paris),
            "Mon 2 Mar 2026, 21:30:15")
    }

    func testFormatRangesWindowsAndNotes() throws {
        func text(_ typed: String) throws -> String {
            HumanDate.format(try HumanDate.parse(typed, now: now, timeZone: paris), timeZone: paris)
        }
        XCTAssertEqual(try text("2026-03-02 21:00 to 23:30"), "Mon 2 Mar 2026, 21:00–23:30")
        XCTAssertEqual(try text("2026-03-02 evening"), "about Mon 2 Mar 2026, evening")
        XCTAssertEqual(try text("2026-03-02 night"), "about Mon 2 Mar 2026, night")
        XCTAssertEqual(try text("last night"), "about Wed 4 Mar 2026, evening or night")
        XCTAssertEqual(try text("2026-03-02"), "Mon 2 Mar 2026")
        XCTAssertEqual(try text("2 weeks ago"), "about Thu 19 Feb 2026")
        XCTAssertEqual(try text("monday to wednesday"), "Mon 2 Mar 2026 – Wed 4 Mar 2026")
        XCTAssertEqual(try text("yesterday 23:00-01:00"), "Wed 4 Mar 2026, 23:00 – Thu 5 Mar 2026, 01:00")
        var noted = try HumanDate.parse("2026-03-02 evening", now: now, timeZone: paris)
        noted.note = "the night of the party"
        XCTAssertEqual(HumanDate.format(noted, timeZone: paris),
            "about Mon 2 Mar 2026, evening (the night of the party)")
    }

    func testFormatOnADaylightSavingDay() throws {
        let after = moment("2026-03-30T10:00:00+02:00")
        let day = try HumanDate.parse("yesterday", now: after, timeZone: paris)
        XCTAssertEqual(HumanDate.format(day, timeZone: paris), "Sun 29 Mar 2026")
        let evening = try HumanDate.parse("yesterday evening", now: after, timeZone: paris)
        XCTAssertEqual(HumanDate.format(evening, timeZone: paris), "about Sun 29 Mar 2026, evening")
    }

    func testWhatIsFormattedReadsBackTheSame() throws {
        let typed = [
            "2026-03-02 21:30", "2026-03-02", "yesterday 21:00-23:30", "about 2026-03-02 21:00", "2026-03-02 evening",
            "last night", "monday to wednesday", "yesterday 23:00-01:00", "2 weeks ago", "2026-03-02 21:30:15",
            "November", "early November", "mid-November", "late November", "sometime in October", "last month",
            "last weekend", "a few days ago", "the 3rd", "November 2025", "2025-11", "November 2025 to January 2026",
        ]
        for typed in typed {
            let first = try HumanDate.parse(typed, now: now, timeZone: paris)
            let shown = HumanDate.format(first, timeZone: paris)
            let again = try HumanDate.parse(shown, now: now, timeZone: paris)
            XCTAssertEqual(again, first, "\(typed) → \(shown)")
        }
    }

    // MARK: Days for filters

    func testParseDayGivesTheFirstMomentOfTheDay() throws {
        XCTAssertEqual(try HumanDate.parseDay("2026-03-02 21:30", now: now,
            timeZone: paris), moment("2026-03-02T00:00:00+01:00"))
        XCTAssertEqual(try HumanDate.parseDay("3 days ago", now: now,
            timeZone: paris), moment("2026-03-02T00:00:00+01:00"))
        XCTAssertEqual(try HumanDate.parseDay("today", now: now,
            timeZone: newYork), moment("2026-03-05T00:00:00-05:00"))
        XCTAssertThrowsError(try HumanDate.parseDay("03/02/2026", now: now, timeZone: paris))
    }

    // MARK: Spans people name: months, parts of months, weekends, "a few days ago"

    func testAMonthIsTheMostRecentOneBegunAsWholeDays() {
        check("November", start: "2025-11-01T00:00:00+01:00", end: "2025-12-01T00:00:00+01:00")
        check("in November", start: "2025-11-01T00:00:00+01:00", end: "2025-12-01T00:00:00+01:00")
        check("March", start: "2026-03-01T00:00:00+01:00", end: "2026-04-01T00:00:00+02:00")
        check("sometime in October", start: "2025-10-01T00:00:00+02:00", end: "2025-11-01T00:00:00+01:00", approximate: true)
        check("November 2025", start: "2025-11-01T00:00:00+01:00", end: "2025-12-01T00:00:00+01:00")
        check("2025-11", start: "2025-11-01T00:00:00+01:00", end: "2025-12-01T00:00:00+01:00")
        check("nov 2025", start: "2025-11-01T00:00:00+01:00", end: "2025-12-01T00:00:00+01:00")
    }

    func testEarlyMidAndLateAreThirdsOfTheMonthAndApproximate() {
        check("early November", start: "2025-11-01T00:00:00+01:00", end: "2025-11-11T00:00:00+01:00", approximate: true)
        check("mid-November", start: "2025-11-11T00:00:00+01:00", end: "2025-11-21T00:00:00+01:00", approximate: true)
        check("mid November", start: "2025-11-11T00:00:00+01:00", end: "2025-11-21T00:00:00+01:00", approximate: true)
        check("late November", start: "2025-11-21T00:00:00+01:00", end: "2025-12-01T00:00:00+01:00", approximate: true)
        check("late February 2026", start: "2026-02-21T00:00:00+01:00", end: "2026-03-01T00:00:00+01:00", approximate: true)
        // Late March has not begun on 5 March: the one before.
        check("late March", start: "2025-03-21T00:00:00+01:00", end: "2025-04-01T00:00:00+02:00", approximate: true)
        check("early March", start: "2026-03-01T00:00:00+01:00", end: "2026-03-11T00:00:00+01:00", approximate: true)
    }

    func testLastWeekendWeekAndMonthAreTheWholeCalendarSpans() {
        // Thursday 5 March 2026.
        check("last weekend", start: "2026-02-28T00:00:00+01:00", end: "2026-03-02T00:00:00+01:00")
        check("last week", start: "2026-02-23T00:00:00+01:00", end: "2026-03-02T00:00:00+01:00")
        check("last month", start: "2026-02-01T00:00:00+01:00", end: "2026-03-01T00:00:00+01:00")
        // On a Sunday, last weekend is the one before this one.
        check("last weekend", start: "2026-02-28T00:00:00+01:00", end: "2026-03-02T00:00:00+01:00",
              now: moment("2026-03-08T10:00:00+01:00"))
        check("last weekend", start: "2026-03-07T00:00:00+01:00", end: "2026-03-09T00:00:00+01:00",
              now: moment("2026-03-09T10:00:00+01:00"))
    }

    func testAFewDaysAgoIsTwoToFiveDaysBackAndApproximate() {
        check("a few days ago", start: "2026-02-28T00:00:00+01:00", end: "2026-03-04T00:00:00+01:00", approximate: true)
        check("several days ago", start: "2026-02-28T00:00:00+01:00", end: "2026-03-04T00:00:00+01:00", approximate: true)
        check("a couple of days ago", start: "2026-03-02T00:00:00+01:00", end: "2026-03-04T00:00:00+01:00", approximate: true)
        check("a few weeks ago", start: "2026-01-29T00:00:00+01:00", end: "2026-02-20T00:00:00+01:00", approximate: true)
    }

    func testTheNthIsTheMostRecentSuchDay() {
        check("the 3rd", start: "2026-03-03T00:00:00+01:00", end: "2026-03-04T00:00:00+01:00")
        check("the 5th", start: "2026-03-05T00:00:00+01:00", end: "2026-03-06T00:00:00+01:00")
        check("the 6th", start: "2026-02-06T00:00:00+01:00", end: "2026-02-07T00:00:00+01:00")
        check("the 31st", start: "2026-01-31T00:00:00+01:00", end: "2026-02-01T00:00:00+01:00")
        check("the 3rd at 9pm", start: "2026-03-03T21:00:00+01:00")
        check("November 3rd", start: "2025-11-03T00:00:00+01:00", end: "2025-11-04T00:00:00+01:00")
        check("3rd of November", start: "2025-11-03T00:00:00+01:00", end: "2025-11-04T00:00:00+01:00")
    }

    func testSpansInTheFutureAndAmbiguousNumbersAreStillRefused() {
        refuse("November 2026", .inFuture("November 2026"))
        refuse("2026-11", .inFuture("November 2026"))
        refuse("late March 2026", .inFuture("late March 2026"))
        refuse("2026-13", .noSuchDate("2026-13"))
        refuse("03/11/2026", .ambiguousDayMonth("03/11/2026"))
        refuse("11/2026", .ambiguousDayMonth("11/2026"))
        refuse("the 32nd", .noSuchDate("32nd"))
    }

    func testSpansAreShownTheWayTheyWereMeant() throws {
        func shown(_ text: String) throws -> String {
            HumanDate.format(try HumanDate.parse(text, now: now, timeZone: paris), timeZone: paris)
        }
        XCTAssertEqual(try shown("November"), "November 2025")
        XCTAssertEqual(try shown("2025-11"), "November 2025")
        XCTAssertEqual(try shown("early November"), "early November 2025")
        XCTAssertEqual(try shown("mid-November"), "mid November 2025")
        XCTAssertEqual(try shown("late November"), "late November 2025")
        XCTAssertEqual(try shown("sometime in October"), "sometime in October 2025")
        XCTAssertEqual(try shown("last month"), "February 2026")
        XCTAssertEqual(try shown("last weekend"), "Sat 28 Feb 2026 – Sun 1 Mar 2026")
        XCTAssertEqual(try shown("a few days ago"), "about Sat 28 Feb 2026 – Tue 3 Mar 2026")
        XCTAssertEqual(try shown("the 3rd"), "Tue 3 Mar 2026")
        XCTAssertEqual(try shown("November 2025 to January 2026"), "November 2025 – January 2026")
    }
}
