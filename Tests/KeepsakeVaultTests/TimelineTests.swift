import Foundation
import XCTest
@testable import KeepsakeVault

/// A moment written in full ISO 8601.
private func moment(_ text: String) -> Date {
    let formatter = ISO8601DateFormatter()
    formatter.formatOptions = [.withInternetDateTime]
    guard let date = formatter.date(from: text) else { fatalError("bad test moment \(text)") }
    return date
}

final class TimelineTests: XCTestCase {
    private let paris = TimeZone(identifier: "Europe/Paris")!
    private let newYork = TimeZone(identifier: "America/New_York")!

    private func at(
        _ text: String, _ kinds: [HarmKind] = [], highRisk: [HighRiskSign] = [], injuries: String? = nil
    ) -> (occurredAt: Date, incident: Incident) {
        (moment(text), Incident(kinds: kinds, account: "", injuries: injuries, highRisk: highRisk))
    }

    /// One incident on each day given (Paris, at 20:00).
    private func days(_ days: [String]) -> [(occurredAt: Date, incident: Incident)] {
        days.map { at("\($0)T20:00:00+01:00") }
    }

    /// One incident per count in consecutive weeks starting Monday 5 January 2026.
    private func weekly(_ counts: [Int]) -> Timeline {
        var incidents: [(occurredAt: Date, incident: Incident)] = []
        let first = moment("2026-01-06T12:00:00+01:00")
        for (week, count) in counts.enumerated() {
            for n in 0..<count {
                incidents.append((first.addingTimeInterval(Double(week * 7 * 86_400 + n * 3600)), Incident()))
            }
        }
        return Timeline(incidents: incidents, period: .week, timeZone: paris)
    }

    // MARK: Buckets

    func testISOWeeksAcrossTheYearBoundaryIncludingWeek53() {
        let timeline = Timeline(
            incidents: days(["2020-12-28", "2021-01-03", "2021-01-04"]), period: .week, timeZone: paris)
        XCTAssertEqual(timeline.buckets.map(\.label), ["2020-W53", "2021-W01"])
        XCTAssertEqual(timeline.buckets.map(\.count), [2, 1])
        XCTAssertEqual(timeline.buckets[0].start, moment("2020-12-28T00:00:00+01:00"))
        XCTAssertEqual(timeline.buckets[0].end, moment("2021-01-04T00:00:00+01:00"))
    }

    func testWeekOneCanStartInDecember() {
        let timeline = Timeline(incidents: days(["2025-12-28", "2025-12-29", "2026-01-04"]), period: .week,
            timeZone: paris)
        XCTAssertEqual(timeline.buckets.map(\.label), ["2025-W52", "2026-W01"])
        XCTAssertEqual(timeline.buckets.map(\.count), [1, 2])
    }

    func testMonthsAcrossTheYearBoundaryShowEmptyMonthsAsZero() {
        let timeline = Timeline(incidents: days(["2025-11-20", "2026-02-03", "2026-02-04"]), period: .month,
            timeZone: paris)
        XCTAssertEqual(timeline.buckets.map(\.label), ["Nov 2025", "Dec 2025", "Jan 2026", "Feb 2026"])
        XCTAssertEqual(timeline.buckets.map(\.count), [1, 0, 0, 2])
    }

    func testEmptyWeeksBetweenIncidentsAreShownAsZero() {
        let timeline = Timeline(incidents: days(["2026-03-02", "2026-03-24"]), period: .week, timeZone: paris)
        XCTAssertEqual(timeline.buckets.map(\.label), ["2026-W10", "2026-W11", "2026-W12", "2026-W13"])
        XCTAssertEqual(timeline.buckets.map(\.count), [1, 0, 0, 1])
    }

    func testThroughExtendsTheTimelineWithQuietPeriods() {
        let timeline = Timeline(
            incidents: days(["2026-01-10"]), period: .month, timeZone: paris,
                through: moment("2026-03-05T14:00:00+01:00"))
        XCTAssertEqual(timeline.buckets.map(\.label), ["Jan 2026", "Feb 2026", "Mar 2026"])
        XCTAssertEqual(timeline.buckets.map(\.count), [1, 0, 0])
    }

    func testBucketsFollowTheOwnersTimeZone() {
        // 23:30 UTC on 28 February is already 1 March in Paris, still February in New York.
        let incident = [at("2026-02-28T23:30:00Z")]
        XCTAssertEqual(Timeline(incidents: incident, period: .month,
            timeZone: paris).buckets.map(\.label), ["Mar 2026"])
        XCTAssertEqual(Timeline(incidents: incident, period: .month,
            timeZone: newYork).buckets.map(\.label), ["Feb 2026"])
    }

    func testWeeksAcrossADaylightSavingChange() {
        let timeline = Timeline(incidents: days(["2026-03-27", "2026-03-30"]), period: .week, timeZone: paris)
        XCTAssertEqual(timeline.buckets.map(\.label), ["2026-W13", "2026-W14"])
        XCTAssertEqual(timeline.buckets[0].end, moment("2026-03-30T00:00:00+02:00"))
        XCTAssertEqual(timeline.buckets[1].start, moment("2026-03-30T00:00:00+02:00"))
    }

    func testThePeriodIsChosenBySpan() {
        XCTAssertEqual(Timeline(incidents: days(["2026-01-01", "2026-06-30"]), timeZone: paris).period, .week)
        XCTAssertEqual(Timeline(incidents: days(["2026-01-01", "2026-07-01"]), timeZone: paris).period, .week)
        XCTAssertEqual(Timeline(incidents: days(["2026-01-01", "2026-07-02"]), timeZone: paris).period, .month)
        XCTAssertEqual(Timeline(incidents: days(["2025-01-01", "2026-01-01"]), timeZone: paris).period, .month)
    }

    // MARK: Counts

    func testCountsByKindHighRiskAndInjuries() {
        let timeline = Timeline(
            incidents: [
                at("2026-03-02T21:00:00+01:00", [.physical, .verbal], highRisk: [.strangulation, .threatToKill],
                    injuries: "bruises"),
                at("2026-03-03T21:00:00+01:00", [.verbal, .verbal]),
                at("2026-03-10T21:00:00+01:00", [.threats], highRisk: [.threatToKill]),
                (moment("2026-03-11T21:00:00+01:00"), Incident(injuryLocations: ["left arm"])),
                at("2026-03-12T21:00:00+01:00", [], injuries: "  "),
            ],
            period: .week, timeZone: paris)
        XCTAssertEqual(timeline.buckets.map(\.count), [2, 3])
        XCTAssertEqual(timeline.buckets[0].kinds, [.physical: 1, .verbal: 2])
        XCTAssertEqual(timeline.buckets.map(\.highRisk), [1, 1])
        XCTAssertEqual(timeline.buckets.map(\.injuries), [1, 1])
        XCTAssertEqual(timeline.totals.count, 5)
        XCTAssertEqual(timeline.totals.kinds, [.physical: 1, .verbal: 2, .threats: 1])
        XCTAssertEqual(timeline.totals.highRiskSigns, [.strangulation: 1, .threatToKill: 2])
        XCTAssertEqual(timeline.totals.highRisk, 2)
        XCTAssertEqual(timeline.totals.injuries, 2)
    }

    func testIncidentsInAnyOrderAreCountedTheSame() {
        let ordered = days(["2026-03-02", "2026-03-10", "2026-03-11"])
        XCTAssertEqual(
            Timeline(incidents: ordered.reversed(), period: .week, timeZone: paris),
            Timeline(incidents: ordered, period: .week, timeZone: paris))
    }

    func testVaultItemsCountWhenTheyHappenedOrElseWhenWritten() throws {
        func item(_ id: String, written: String, _ content: ItemContent, retracted: Bool = false) throws -> Item {
            let entry = try EntryID(id)
            return Item(
                id: entry, versions: [ItemVersion(entryID: entry, seq: 1, writtenAt: moment(written),
                    content: content)],
                attachments: [],
                retraction: retracted ? Retraction(entryID: entry, at: moment(written), reason: nil) : nil)
        }
        let items = [
            try item("0000000000000001", written: "2026-03-20T10:00:00+01:00",
                     .incident(Incident(occurred: Occurrence(start: moment("2026-01-15T21:00:00+01:00"))))),
            try item("0000000000000002", written: "2026-02-10T10:00:00+01:00", .incident(Incident())),
            try item("0000000000000003", written: "2026-03-01T10:00:00+01:00", .incident(Incident()), retracted: true),
            try item("0000000000000004", written: "2026-04-01T10:00:00+01:00",
                     .planItem(PlanItem(category: .documents, title: "copy passport"))),
        ]
        let timeline = Timeline(items: items, period: .month, timeZone: paris)
        XCTAssertEqual(timeline.buckets.map(\.label), ["Jan 2026", "Feb 2026"])
        XCTAssertEqual(timeline.buckets.map(\.count), [1, 1])
    }

    // MARK: Trend (equal stretches of time: whole weeks by week, 30 days by month)

    func testMoreFrequentLately() {
        // 6 Jan to 3 Mar: 57 days, stretches of 2 weeks: 6–19 Jan (1) against 18 Feb–3 Mar (the
        // weeks of 24 Feb and 3 Mar: 5).
        let timeline = weekly([1, 0, 0, 1, 1, 1, 2, 2, 3])
        XCTAssertEqual(timeline.trend?.direction, .moreFrequent)
        XCTAssertEqual(timeline.trend?.days, 14)
        XCTAssertEqual(timeline.trend?.first, 1)
        XCTAssertEqual(timeline.trend?.last, 5)
        XCTAssertEqual(timeline.trendSentence,
            "More frequent lately: 5 in the last 2 weeks, against 1 in the first 2 weeks.")
    }

    func testLessFrequentLatelySaysItCountsOnlyWhatWasWritten() {
        let timeline = weekly([3, 2, 2, 1, 1, 1, 0, 0, 1])
        XCTAssertEqual(timeline.trend?.direction, .lessFrequent)
        XCTAssertEqual(
            timeline.trendSentence,
            "Less frequent lately: 1 in the last 2 weeks, against 5 in the first 2 weeks "
                + "(this counts only what was written down).")
    }

    func testAboutTheSameWhenTheDifferenceIsSmall() {
        let even = weekly([1, 1, 1, 1, 1, 1])
        XCTAssertEqual(even.trend?.direction, .aboutTheSame)
        XCTAssertEqual(even.trend?.days, 7)
        XCTAssertEqual(even.trendSentence, "About the same over time: 1 in the last week, against 1 in the first week.")
        XCTAssertEqual(weekly([2, 1, 0, 1, 3]).trend?.direction, .aboutTheSame)
        XCTAssertEqual(weekly([4, 0, 0, 0, 0, 0, 0, 0, 5]).trend?.direction, .aboutTheSame)
    }

    func testNoTrendFromTooLittleData() {
        XCTAssertNil(weekly([1, 0, 0, 0, 1]).trend, "two incidents")
        XCTAssertNil(weekly([1, 0, 0, 0, 1]).trendSentence)
        XCTAssertNil(weekly([2, 3]).trend)
        XCTAssertNil(weekly([]).trend)
        XCTAssertNil(weekly([1, 1, 1]).trend, "15 days hold no three whole-week stretches")
        XCTAssertNotNil(weekly([1, 1, 1, 1]).trend)
    }

    func testAPartialLastMonthIsComparedOverEqualStretchesAndSaidToBeSoFar() {
        // September's four against the first six days of December: the old count compared a
        // whole month with six days. Now 30 days against 30 days, and December is "so far".
        let timeline = Timeline(
            incidents: days(["2026-09-02", "2026-09-09", "2026-09-16", "2026-09-23", "2026-12-01", "2026-12-03", "2026-12-05"]),
            period: .month, timeZone: paris, through: moment("2026-12-06T12:00:00+01:00"))
        XCTAssertEqual(timeline.trend?.days, 30)
        XCTAssertEqual(timeline.trend?.first, 4)
        XCTAssertEqual(timeline.trend?.last, 3)
        XCTAssertEqual(timeline.trendSentence, "About the same over time: 3 in the last 30 days, against 4 in the first 30 days.")
        XCTAssertEqual(timeline.buckets.map(\.partial), [false, false, false, true])
        XCTAssertTrue(timeline.render().split(separator: "\n")[4].hasSuffix("so far"), timeline.render())
        // A quiet stretch since: the last 30 days hold none.
        let quiet = Timeline(
            incidents: days(["2026-06-02", "2026-06-09", "2026-06-16", "2026-06-23"]),
            period: .month, timeZone: paris, through: moment("2026-12-06T12:00:00+01:00"))
        XCTAssertEqual(quiet.trend?.direction, .lessFrequent)
        XCTAssertEqual(quiet.trend?.last, 0)
    }

    func testMoreSeriousIsSaidWhenTheLatestStretchHoldsAMoreSeriousSignAndOnlyThen() {
        // A push, a slap, choking, a knife.
        let escalating = [
            at("2026-09-02T21:00:00+01:00", [.physical]), at("2026-10-01T21:00:00+01:00", [.physical]),
            at("2026-11-10T21:00:00+01:00", [.physical], highRisk: [.strangulation]),
            at("2026-12-01T21:00:00+01:00", [.physical, .threats], highRisk: [.weapon]),
        ]
        let through = moment("2026-12-06T12:00:00+01:00")
        let worse = Timeline(incidents: escalating, period: .month, timeZone: paris, through: through)
        XCTAssertEqual(worse.trend?.firstSeverity.level, 2)
        XCTAssertEqual(worse.trend?.lastSeverity.level, 5)
        XCTAssertEqual(worse.severitySentence,
            "More serious lately: the most serious sign went from physical harm to choking or strangulation "
                + "and a weapon used or shown.")
        XCTAssertEqual(worse.buckets.map(\.severity.short), ["physical", "physical", "choking", "weapon"])

        // An incident with only the owner's words is not said to be without violence.
        XCTAssertEqual(Severity.of(Incident(account: "he shoved me")).label, "what happened (no kind chosen)")
        XCTAssertEqual(Severity.of(Incident(kinds: [.verbal], account: "he shouted")).label, "harm without physical violence")
        XCTAssertEqual(Severity.of(Incident(account: "he shoved me")).level, 1)
        XCTAssertTrue(worse.render().contains("More serious lately"))

        // The same signs the other way round: nothing is said about seriousness.
        let calmer = [
            at("2026-09-02T21:00:00+01:00", [.physical], highRisk: [.weapon]),
            at("2026-10-01T21:00:00+01:00", [.physical], highRisk: [.strangulation]),
            at("2026-11-10T21:00:00+01:00", [.physical]), at("2026-12-01T21:00:00+01:00", [.physical]),
        ]
        XCTAssertNil(Timeline(incidents: calmer, period: .month, timeZone: paris, through: through).severitySentence)
        // As serious at the start as at the end: nothing said either.
        let steady = [
            at("2026-09-02T21:00:00+01:00", [.physical], highRisk: [.strangulation]),
            at("2026-10-20T21:00:00+01:00", [.verbal]),
            at("2026-12-01T21:00:00+01:00", [.physical], highRisk: [.strangulation]),
        ]
        XCTAssertNil(Timeline(incidents: steady, period: .month, timeZone: paris, through: through).severitySentence)
    }

    // MARK: Chart

    func testTheChartShowsEveryWeekWithBarsCountsMarkersAndTheMostSeriousSign() {
        let timeline = Timeline(
            incidents: [
                at("2026-02-03T21:00:00+01:00", [.physical], injuries: "bruise"),
                at("2026-02-18T21:00:00+01:00", [.verbal, .threats], highRisk: [.threatToKill]),
                at("2026-02-19T21:00:00+01:00", [.verbal]),
            ],
            period: .week, timeZone: paris)
        let lines = timeline.render(width: 60).split(separator: "\n").map(String.init)
        XCTAssertEqual(Array(lines.prefix(4)), [
            "Incidents by week (weeks start on Monday)",
            "2026-W06   2 Feb 2026  ########         1   * injuries",
            "2026-W07   9 Feb 2026                   0",
            "2026-W08  16 Feb 2026  ###############  2 !   threat to kill",
        ])
        XCTAssertTrue(lines.allSatisfy { $0.count <= 60 }, "\(lines)")
        XCTAssertEqual(lines.dropFirst(4).joined(separator: " "),
            "Legend: # incidents (longest bar: 2), ! a high-risk sign, * injuries written down; then the most "
                + "serious sign of the week. Total: 3 incidents over 3 weeks; 1 with a high-risk sign (a threat to "
                + "kill 1); 1 with injuries written down. Kinds of harm: physical 1, verbal 2, threats 1.")
    }

    func testTheChartByMonthScalesBarsToTheBusiestMonthAndFitsItsWidth() {
        let timeline = Timeline(
            incidents: days(["2025-11-03", "2026-01-05", "2026-01-06", "2026-01-07", "2026-01-08"]),
            period: .month, timeZone: paris)
        let lines = timeline.render(width: 30).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        XCTAssertEqual(Array(lines.prefix(4)), [
            "Incidents by month",
            "Nov 2025  ###            1",
            "Dec 2025                 0",
            "Jan 2026  #############  4",
        ])
        XCTAssertTrue(lines.allSatisfy { $0.count <= 30 }, "\(lines)")
        let text = lines.dropFirst(4).joined(separator: " ")
        XCTAssertTrue(text.contains("Total: 5 incidents over 3 months."), text)
        XCTAssertTrue(text.hasSuffix("More frequent lately: 4 in the last 22 days, against 1 in the first 22 days."), text)
        XCTAssertFalse(timeline.render().contains("\u{1B}"))
    }

    func testAnEmptyTimelineSaysSo() {
        let timeline = Timeline(incidents: [], timeZone: paris)
        XCTAssertEqual(timeline.buckets, [])
        XCTAssertEqual(timeline.totals.count, 0)
        XCTAssertEqual(timeline.render(), "No incidents to show yet.")
    }
}
