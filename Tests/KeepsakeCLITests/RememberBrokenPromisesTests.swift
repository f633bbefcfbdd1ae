import Foundation
import KeepsakeTestSupport
import Testing

/// `keepsake remember` shows at most three broken promises, the most recent first, and says how
/// many earlier ones there are and where to read them all.
@Suite struct RememberBrokenPromisesTests {
    /// Five promises made on the 5th of January to May 2025, each seen broken on the 20th.
    static let said = [
        "He would see someone about his anger.", "He would give my phone back.", "Never again.",
        "He would stop drinking.", "He would let me see my sister.",
    ]

    @Test func atMostThreeBrokenPromisesAreShownTheMostRecentFirstAndTheRestAreCounted() throws {
        let vault = try CLIVault()
        for (index, words) in Self.said.enumerated() {
            let month = String(format: "%02d", index + 1)
            let made = try vault.run(["moments", "add", "promise", words, "--when", "2025-\(month)-05", "--json"])
            #expect(made.status == 0, "\(made)")
            let id = try WayOutCLITests.shortID(made.output)
            #expect(try vault.run(["moments", "broken", id, "--on", "2025-\(month)-20"]).status == 0)
        }
        let result = try vault.run(["remember"])
        #expect(result.status == 0, "\(result)")
        let lines = result.output.components(separatedBy: "\n")
        let start = try #require(lines.firstIndex { $0.hasPrefix("  Promises:") }, "\(result.output)")
        #expect(Array(lines[start...].prefix(8)) == [
            "  Promises: 5 promises written down; 5 broken, 0 kept.",
            "    Broken: made Mon 5 May 2025, seen broken Tue 20 May 2025.",
            "      \u{201C}He would let me see my sister.\u{201D}",
            "    Broken: made Sat 5 Apr 2025, seen broken Sun 20 Apr 2025.",
            "      \u{201C}He would stop drinking.\u{201D}",
            "    Broken: made Wed 5 Mar 2025, seen broken Thu 20 Mar 2025.",
            "      \u{201C}Never again.\u{201D}",
            "    And 2 earlier broken promises: `keepsake moments list` shows them all.",
        ], "\(result.output)")
        #expect(!result.output.contains("see someone about his anger") && !result.output.contains("my phone back"))
        // What it says of the rest holds: `moments list` shows all five.
        let listed = try vault.run(["moments", "list"])
        for words in Self.said { #expect(listed.output.contains(words), "\(words) in \(listed.output)") }
        // `remember --json` holds all five, oldest first.
        let json = try #require(try vault.json(["remember"]) as? [String: Any])
        let broken = try #require(json["promisesBroken"] as? [[String: Any]])
        #expect(broken.compactMap { $0["said"] as? String } == Self.said)
    }
}
