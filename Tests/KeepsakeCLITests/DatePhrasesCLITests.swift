import Foundation
import KeepsakeTestSupport
import Testing

/// Dates as people say them, through the built program: `plan add --due friday` (the help
/// offers it), and the vague phrases of `log --when`, stored as ranges.
@Suite struct DatePhrasesCLITests {
    static func dueDates(_ vault: CLIVault) throws -> [String: Date] {
        let plan = try #require(try vault.json(["plan"]) as? [String: Any])
        var dates: [String: Date] = [:]
        for step in plan["steps"] as? [[String: Any]] ?? [] {
            let item = step["planItem"] as? [String: Any]
            if let title = item?["title"] as? String, let due = item?["due"] as? String {
                dates[title] = ISO8601DateFormatter().date(from: due)
            }
        }
        return dates
    }

    @Test func aDueDateMayBeAWeekdayOrAFewDaysAhead() throws {
        let vault = try CLIVault()
        for (title, due) in [("a", "friday"), ("b", "next friday"), ("c", "in 3 days"), ("d", "tomorrow"), ("e", "2026-12-20")] {
            let result = try vault.run(["plan", "add", title, "--due", due])
            #expect(result.status == 0, "\(due): \(result)")
        }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = .current
        let today = calendar.startOfDay(for: Date())
        let ahead = (6 - calendar.component(.weekday, from: today) + 7) % 7
        let dates = try Self.dueDates(vault)
        #expect(dates["a"] == calendar.date(byAdding: .day, value: ahead, to: today))
        #expect(dates["b"] == calendar.date(byAdding: .day, value: ahead == 0 ? 7 : ahead, to: today))
        #expect(dates["c"] == calendar.date(byAdding: .day, value: 3, to: today))
        #expect(dates["d"] == calendar.date(byAdding: .day, value: 1, to: today))
        let refused = try vault.run(["plan", "add", "f", "--due", "20/12/2026"])
        #expect(refused.status == 2, "\(refused)")
        #expect(refused.errors.hasPrefix("keepsake: error: can't read the due date"), "\(refused)")
    }

    @Test func vaguePhrasesAreStoredAsRangesAndShownAsMeant() throws {
        let vault = try CLIVault()
        let logged = try vault.run(["log", "--when", "last month", "--text", "it started", "--json"])
        #expect(logged.status == 0, "\(logged)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(logged.output.utf8)) as? [String: Any])
        let occurred = try #require((json["incident"] as? [String: Any])?["occurred"] as? [String: Any])
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = .current
        let thisMonth = calendar.date(from: calendar.dateComponents([.year, .month], from: Date()))!
        let lastMonth = calendar.date(byAdding: .month, value: -1, to: thisMonth)!
        #expect(occurred["start"] as? String == ISO8601DateFormatter().string(from: lastMonth))
        #expect(occurred["end"] as? String == ISO8601DateFormatter().string(from: thisMonth))
        #expect(occurred["approximate"] as? Bool == false)
        let id = String(try #require(json["id"] as? String).prefix(8))
        let shown = try vault.run(["show", id])
        let name = DateFormatter()
        name.locale = Locale(identifier: "en_US_POSIX")
        name.dateFormat = "MMMM yyyy"
        #expect(shown.output.contains(name.string(from: lastMonth)), "\(shown)")
        for phrase in ["early November", "a few days ago", "last weekend", "the 1st", "sometime in October"] {
            let result = try vault.run(["log", "--when", phrase, "--text", phrase])
            #expect(result.status == 0, "\(phrase): \(result)")
        }
        let future = try vault.run(["log", "--when", "2099-11", "--text", "x"])
        #expect(future.status == 2 && future.errors.contains("future"), "\(future)")
    }
}
