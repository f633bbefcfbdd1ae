import Foundation
import KeepsakeTestSupport
import Testing

/// `list`, `timeline` and `plan` as an owner reads them on an 80-column terminal: golden text
/// (ids replaced by ID), and no line wider than 80 columns.
@Suite struct GoldenOutputTests {
    static func makeVault() throws -> CLIVault {
        let vault = try CLIVault()
        let runs: [[String]] = [
            ["log", "--when", "2026-09-02 21:30", "--kind", "physical", "--kind", "threats", "--text",
             "He pushed me against the fridge and shouted that I would never leave this house alive, then he took my phone and my keys"],
            ["log", "--when", "2026-10-01 evening", "--kind", "physical", "--kind", "children", "--text",
             "He slapped me in front of the children."],
            ["log", "--when", "2026-11-10 23:00 to 2026-11-11 01:00", "--kind", "physical", "--high-risk", "strangulation",
             "--high-risk", "threat-to-kill", "--injuries", "bruises on my neck", "--text", "He choked me until I nearly passed out."],
            ["log", "--when", "2026-11-28", "--kind", "threats", "--high-risk", "weapon", "--high-risk", "threat-to-kill",
             "--high-risk", "suicide-threat", "--text", "He showed me a knife and said he would kill me and then himself."],
            ["plan", "add", "Keep copies of your ID, birth certificates and passports somewhere safe outside home, with a friend",
             "--category", "documents"],
            ["plan", "add", "Pack a bag", "--category", "go-bag"],
            ["contacts", "add", "Ana (advocate at the Women's Centre on the high street)", "--role", "advocate",
             "--phone", "+44 20 7946 0958", "--email", "ana.advocate@example.org"],
        ]
        for arguments in runs {
            let result = try vault.run(arguments)
            precondition(result.status == 0, "\(arguments): \(result)")
        }
        return vault
    }

    /// The output with every 7-digit id replaced by ID.
    static func output(_ vault: CLIVault, _ arguments: [String]) throws -> String {
        let result = try vault.run(arguments)
        guard result.status == 0 else { throw CLIFailure(result: result) }
        return result.output.replacingOccurrences(of: #"\b[0-9a-f]{7}\b"#, with: "ID", options: .regularExpression)
    }

    static func widest(_ text: String) -> Int { text.split(separator: "\n").map(\.count).max() ?? 0 }

    @Test func listTimelineAndPlanFitEightyColumns() throws {
        let vault = try Self.makeVault()
        let list = try Self.output(vault, ["list"])
        #expect(list == """
            ID  Wed 2 Sep 2026, 21:30
                     He pushed me against the fridge and shouted that I would never leave t…
            ID  about Thu 1 Oct 2026, evening
                     He slapped me in front of the children.
            ID  Tue 10 Nov 2026, 23:00 – Wed 11 Nov 2026, 01:00
                     He choked me until I nearly passed out.
                     ! choking or strangulation, a threat to kill
            ID  Sat 28 Nov 2026
                     He showed me a knife and said he would kill me and then himself.
                     ! a weapon used or shown, a threat to kill, a threat of suicide

            """, "\(list)")

        let timeline = try Self.output(vault, ["timeline", "--by", "month", "--since", "2026-09-01", "--until", "2026-11-30"])
        #expect(timeline == """
            Incidents by month
            Sep 2026  ################                 1     physical
            Oct 2026  ################                 1     physical
            Nov 2026  ###############################  2 ! * choking, threat to kill, weapon
            Legend: # incidents (longest bar: 2), ! a high-risk sign, * injuries written
            down; then the most serious sign of the month.
            Total: 4 incidents over 3 months; 2 with a high-risk sign (choking or
            strangulation 1, a weapon used or shown 1, a threat to kill 2, a threat of
            suicide 1); 1 with injuries written down.
            Kinds of harm: physical 3, threats 2, children 1.
            About the same over time: 2 in the last 30 days, against 2 in the first 30 days.
            More serious lately: the most serious sign went from physical harm to choking or
            strangulation, a threat to kill and a weapon used or shown.

            """, "\(timeline)")

        let plan = try Self.output(vault, ["plan"])
        #expect(plan == """
            Your safety plan: 0 of 2 done (0%)

            Getting ready to leave  0 of 2 done
              [ ] ID  Keep copies of your ID, birth certificates and passports
                           somewhere safe outside home, with a friend
              [ ] ID  Pack a bag

            """, "\(plan)")

        let contacts = try Self.output(vault, ["list", "contacts"])
        #expect(contacts == """
            ID  Ana (advocate at the Women's Centre on the high street) (advocate)
                     +44 20 7946 0958, ana.advocate@example.org

            """, "\(contacts)")
        for text in [list, timeline, plan, contacts] { #expect(Self.widest(text) <= 80, "\(text)") }

        // The whole template, and search, fit too.
        #expect(try vault.run(["plan", "template"]).status == 0)
        #expect(Self.widest(try Self.output(vault, ["plan"])) <= 80)
        #expect(Self.widest(try Self.output(vault, ["list", "plan"])) <= 80)
        #expect(Self.widest(try Self.output(vault, ["search", "he"])) <= 80)
    }

    @Test func onAnEightyColumnTerminalTheTimelineFitsToo() throws {
        let vault = try Self.makeVault()
        let terminal = try vault.terminal(["timeline", "--by", "week"])
        #expect(try terminal.wait() == .exited(0))
        let lines = terminal.transcript.split(separator: "\n").dropFirst()  // the passphrase prompt
        #expect(lines.count > 10)
        #expect(lines.allSatisfy { $0.count <= 80 }, "\(terminal.transcript)")
    }
}
