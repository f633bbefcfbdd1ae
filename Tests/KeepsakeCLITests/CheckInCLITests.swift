import Foundation
import KeepsakeTestSupport
import Testing

/// `keepsake check-in` on a terminal: every sign asked, answers reviewed and kept; a second
/// check-in says in words what changed since the first; no score anywhere.
@Suite struct CheckInCLITests {
    static let statements = [
        "The relationship moved very fast", "only they can meet my needs", "I can't leave", "makes me feel awful",
        "nothing changes", "proof they really care", "I defend them", "I keep what happens a secret",
        "given up friends or family", "afraid of what happens if I leave",
    ]

    func checkIn(_ vault: CLIVault, _ answers: [String], note: String, misunderstood: Bool = false) throws -> String {
        let terminal = try vault.terminal(["check-in"])
        try terminal.expect("no score")
        var said = ""
        for (index, (statement, answer)) in zip(Self.statements, answers).enumerated() {
            try terminal.expect(statement)
            try terminal.expect("> ")
            if index == 0 && misunderstood {
                try terminal.send("maybe")
                said += try terminal.expect("> ")
            }
            try terminal.send(answer)
        }
        try terminal.answer([("Anything you want to add, for yourself?", [note])])
        let review = try terminal.expect("type a number to change that answer")
        try terminal.send("")
        try terminal.expect("Saved.")
        #expect(try terminal.wait() == .exited(0))
        return said + review + terminal.transcript
    }

    @Test func aSecondCheckInSaysWhatChangedSinceTheFirst() throws {
        let vault = try CLIVault()
        let first = try checkIn(vault, ["no", "sometimes", "yes", "yes", "yes", "yes", "", "yes", "yes", "yes"], note: "")
        #expect(first.contains("I keep what happens a secret.: yes"), "\(first)")
        #expect(first.contains("This is your first check-in."), "\(first)")
        let second = try checkIn(
            vault, ["no", "no", "yes", "yes", "yes", "yes", "", "no", "yes", "yes"], note: "I told Ana", misunderstood: true)
        #expect(second.contains("Please answer yes, sometimes or no"), "\(second)")
        #expect(second.contains("Since your first check-in"), "\(second)")
        #expect(second.contains("was sometimes, now no: less true now."), "\(second)")
        #expect(second.contains("“I keep what happens a secret.” was yes, now no: less true now."), "\(second)")
        #expect(!second.lowercased().contains("score:"))

        let changes = try vault.run(["check-in", "--changes"])
        #expect(changes.status == 0 && changes.output.contains("(2 so far)"), "\(changes)")
        let json = try #require(try vault.json(["check-in"]) as? [[String: Any]])
        #expect(json.count == 2)
        #expect(((json[1]["checkIn"] as? [String: Any])?["note"] as? String) == "I told Ana")
        // Never an item: not listed, not searched.
        #expect(try vault.run(["search", "Ana"]).output.contains("No entry contains that."))
        #expect(try vault.run(["check-in"]).status == 2, "off a terminal it says what to do")
    }

    /// Breaking the silence: contacts marked as knowing are listed under the plan; one marked
    /// as not knowing, or not marked, is not.
    @Test func thePlanSaysWhoKnowsWhatIsHappening() throws {
        let vault = try CLIVault()
        for arguments in [
            ["contacts", "add", "Sam", "--role", "friend", "--knows"], ["contacts", "add", "Mum", "--role", "family", "--no-knows"],
            ["contacts", "add", "Dr Lee", "--role", "doctor"], ["plan", "add", "Pack a bag", "--category", "go-bag"],
        ] { #expect(try vault.run(arguments).status == 0, "\(arguments)") }
        let plan = try vault.run(["plan"])
        #expect(plan.output.hasSuffix("\nPeople who know what is happening: Sam (friend).\n"), "\(plan)")
        #expect(try vault.run(["list", "contacts"]).output.components(separatedBy: "knows what is happening").count == 2)
    }
}
