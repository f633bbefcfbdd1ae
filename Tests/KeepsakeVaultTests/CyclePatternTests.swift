import Foundation
import KeepsakeCrypto
import KeepsakeTestSupport
import Testing
@testable import KeepsakeVault

/// The cycle figures on histories worked out by hand (Paris time, every event at 20:00).
@Suite struct CyclePatternTests {
    let paris = TimeZone(identifier: "Europe/Paris")!

    /// 20:00 Paris on a day written YYYY-MM-DD (winter time, +01:00).
    func day(_ text: String) -> Date {
        let formatter = ISO8601DateFormatter()
        return formatter.date(from: "\(text)T20:00:00+01:00")!
    }

    func apology(_ text: String) -> CyclePattern.Moment { .init(kind: .apology, date: day(text)) }

    @Test func theCalmAfterEachApologyIsCountedAndItsShorteningIsSaid() {
        // Incident 1 Jan, apology 2 Jan, calm 40 days to 11 Feb; apology 12 Feb, 20 days to
        // 4 Mar; apology 5 Mar, 10 days to 15 Mar.
        let pattern = CyclePattern(
            incidents: [day("2026-01-01"), day("2026-02-11"), day("2026-03-04"), day("2026-03-15")],
            moments: [apology("2026-01-02"), apology("2026-02-12"), apology("2026-03-05")],
            now: day("2026-03-20"), timeZone: paris)
        #expect(pattern.calms.map(\.days) == [40, 20, 10])
        #expect(pattern.calms.allSatisfy { !$0.ongoing })
        #expect(pattern.direction == .shorter)
        #expect(pattern.earlierAverage == 40 && pattern.laterAverage == 10)
        // Only the last two came within 30 days.
        #expect(pattern.followed == 2 && pattern.decided == 3 && pattern.tooRecent == 0)
        let text = pattern.sentences(timeZone: paris)
        #expect(text.contains("The calm after an apology, before the next incident, lasted 40, 20 and 10 days."))
        #expect(text.contains("The calm is getting shorter: the earlier ones lasted 40 days on average, the later ones 10 days."))
        #expect(text.contains("Of 3 apologies old enough to tell, 2 were followed by another incident within 30 days."))
    }

    @Test func aCalmThatLastsAsLongOrLongerIsSaidSo() {
        let same = CyclePattern(
            incidents: [day("2026-01-01"), day("2026-01-12"), day("2026-01-23"), day("2026-02-03")],
            moments: [apology("2026-01-02"), apology("2026-01-13"), apology("2026-01-24")],
            now: day("2026-03-01"), timeZone: paris)
        #expect(same.calms.map(\.days) == [10, 10, 10])
        #expect(same.direction == .same)
        let longer = CyclePattern(
            incidents: [day("2026-01-01"), day("2026-01-06"), day("2026-01-12"), day("2026-03-01")],
            moments: [apology("2026-01-02"), apology("2026-01-07"), apology("2026-01-13")],
            now: day("2026-03-10"), timeZone: paris)
        #expect(longer.calms.map(\.days) == [4, 5, 47])
        #expect(longer.direction == .longer)
    }

    @Test func fewerThanThreeEndedCalmsSayNoDirection() {
        let pattern = CyclePattern(
            incidents: [day("2026-01-01"), day("2026-01-20")],
            moments: [apology("2026-01-02"), apology("2026-01-21")],
            now: day("2026-02-01"), timeZone: paris)
        #expect(pattern.direction == nil)
        #expect(pattern.sentences(timeZone: paris).contains(
            "It takes 3 of them to say whether the calm is getting shorter."))
    }

    /// Partial periods: a calm still going on is counted so far and never in the direction; an
    /// apology less than 30 days old with no incident yet is too recent to tell; one older
    /// than 30 days with none is told (not followed).
    @Test func anOngoingCalmAndRecentApologiesAreNotCountedAsEndedOrFollowed() {
        let pattern = CyclePattern(
            incidents: [day("2026-01-01"), day("2026-01-11"), day("2026-01-21"), day("2026-01-31")],
            moments: [apology("2026-01-02"), apology("2026-01-12"), apology("2026-01-22"), apology("2026-03-01")],
            now: day("2026-03-11"), timeZone: paris)
        #expect(pattern.calms.map(\.days) == [9, 9, 9, 10])
        #expect(pattern.calms.map(\.ongoing) == [false, false, false, true])
        #expect(pattern.direction == .same, "the ongoing calm of 10 days so far does not count")
        #expect(pattern.followed == 3 && pattern.decided == 3 && pattern.tooRecent == 1)
        let text = pattern.sentences(timeZone: paris)
        #expect(text.contains("Since the last apology, on Sun 1 Mar 2026, no incident is written down: 10 days so far."))
        #expect(text.contains("1 apology is less than 30 days old, too recent to tell."))

        let older = CyclePattern(
            incidents: [day("2026-01-01")], moments: [apology("2026-01-02")], now: day("2026-02-15"), timeZone: paris)
        #expect(older.followed == 0 && older.decided == 1 && older.tooRecent == 0)
        #expect(older.calms == [.init(apology: day("2026-01-02"), days: 44, ongoing: true)])
    }

    @Test func promisesMadeKeptAndBrokenAreCountedAndGoodDaysAreNotWeighed() {
        let pattern = CyclePattern(
            incidents: [day("2026-01-01")],
            moments: [
                .init(kind: .promise, date: day("2026-01-02"), outcome: .broken),
                .init(kind: .promise, date: day("2026-01-03"), outcome: .broken),
                .init(kind: .promise, date: day("2026-01-04"), outcome: .kept),
                .init(kind: .promise, date: day("2026-01-05")),
                .init(kind: .goodDay, date: day("2026-01-06")),
            ],
            now: day("2026-02-01"), timeZone: paris)
        #expect((pattern.promises, pattern.kept, pattern.broken) == (4, 1, 2))
        #expect(pattern.calms.isEmpty && pattern.decided == 0)
        let text = pattern.sentences(timeZone: paris)
        #expect(text.first == "You wrote down 1 incident, 0 apologies, 4 promises and 1 good day.")
        #expect(text.contains("Promises: 4 promises made; 1 kept, 2 broken, 1 not known yet."))
    }

    @Test func theChartFitsEightyColumnsAndShowsEveryMonth() {
        let pattern = CyclePattern(
            incidents: [day("2026-01-01"), day("2026-01-15"), day("2026-03-04")],
            moments: [apology("2026-01-02"), .init(kind: .promise, date: day("2026-01-02"))],
            now: day("2026-04-10"), timeZone: paris)
        let chart = pattern.chart(width: 80, timeZone: paris)
        #expect(chart.count == 5, "a heading and January to April, February empty")
        #expect(chart.allSatisfy { $0.count <= 80 })
        #expect(chart[1].hasPrefix("Jan 2026  ") && chart[1].contains("# 2"))
        #expect(chart[2] == "Feb 2026")
    }

    /// Items of other kinds passed in are left out: an incident is never a moment, nor a
    /// moment an incident.
    @Test func itemsOfTheWrongKindAreLeftOut() throws {
        let folder = TemporaryFolder()
        let vault = try Vault.create(at: folder.appending("v"), passphrase: Passphrase(copying: "p"), parameters: TestKDF.cheap)
        try vault.add(.incident(Incident(occurred: Occurrence(start: day("2026-01-01")), account: "x")))
        try vault.add(.cycle(CycleMoment(kind: .apology, said: "sorry", occurred: Occurrence(start: day("2026-01-02")))))
        let all = vault.items.values
        let pattern = CyclePattern(incidents: all, moments: all, now: day("2026-01-10"), timeZone: paris)
        #expect(pattern.incidents == [day("2026-01-01")])
        #expect(pattern.moments.map(\.kind) == [.apology])
        #expect(vault.current(.incident).count == 1, "a moment is never an incident")
    }

    /// A check-in is kept apart from items, reopens as saved, and a later one is compared with
    /// the first in words, only where the answer changed.
    @Test func checkInsAreKeptAndComparedWithTheFirstInWords() throws {
        let folder = TemporaryFolder()
        let path = folder.appending("v")
        let passphrase = Passphrase(copying: "p")
        let vault = try Vault.create(at: path, passphrase: passphrase, parameters: TestKDF.cheap)
        let first = BondCheckIn(replies: [
            .init(sign: .keepingItSecret, answer: .yes), .init(sign: .afraidToLeave, answer: .yes),
            .init(sign: .movedFast, answer: .no), .init(sign: .onlyThey, answer: .sometimes),
        ])
        try vault.saveCheckIn(first)
        try vault.saveCheckIn(BondCheckIn(replies: [
            .init(sign: .keepingItSecret, answer: .no), .init(sign: .afraidToLeave, answer: .yes),
            .init(sign: .movedFast, answer: .sometimes),
        ], note: "told my sister"))
        vault.store.close()
        let reopened = try Vault.open(at: path, passphrase: passphrase)
        defer { reopened.store.close() }
        #expect(reopened.checkIns.count == 2)
        #expect(reopened.items.values.isEmpty, "a check-in is not an item")
        #expect(reopened.search("sister").isEmpty)
        #expect(reopened.checkIns[1].checkIn.changes(since: reopened.checkIns[0].checkIn) == [
            "“The relationship moved very fast at the start.” was no, now sometimes: more true now.",
            "“I keep what happens a secret.” was yes, now no: less true now.",
        ])
    }
}
