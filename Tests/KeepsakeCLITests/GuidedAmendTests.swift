import Foundation
import KeepsakeTestSupport
import Testing

/// `amend`, `contacts add` and `plan add` on a terminal: each saved value shown (lists too),
/// kept with Enter, changed, or cleared; no phone number ever typed on the command line.
@Suite struct GuidedAmendTests {
    @Test func amendShowsEachSavedValueAndKeepsChangesOrClearsIt() throws {
        let vault = try CLIVault()
        let logged = try vault.run([
            "log", "--when", "2026-03-02 21:30", "--quote", "If you leave, I'll find you", "--quote", "Nobody will believe you",
            "--who", "my sister", "--weapons", "a belt", "--high-risk", "weapon", "--high-risk", "strangulation",
            "--children-present", "--text", "He pushed me.", "--json",
        ])
        let id = try #require((try JSONSerialization.jsonObject(with: Data(logged.output.utf8)) as? [String: Any])?["id"] as? String)
        let terminal = try vault.terminal(["amend", String(id.prefix(8))])
        try terminal.answer([
            ("When did it happen?", [""]), ("How long did it last?", [""]), ("Where did it happen?", [""]),
            ("What happened, in your own words?", [""]),
        ])
        try terminal.expect("What exact words were said")
        let quotes = try terminal.expect("> ")
        #expect(quotes.contains("- If you leave, I'll find you\n") && quotes.contains("- Nobody will believe you\n"), "\(quotes)")
        try terminal.send("")
        try terminal.answer([("What kinds of harm?", [""]), ("How did you feel?", [""])])
        try terminal.expect("Who else was there?")
        let people = try terminal.expect("> ")
        #expect(people.contains("my sister"), "\(people)")
        try terminal.send("clear")
        try terminal.answer([("Who saw or heard it?", [""])])
        try terminal.expect("Were children there?")
        #expect(try terminal.expect("> ").contains("Saved: yes"))
        try terminal.send("no")
        try terminal.answer([("What injuries did you have", [""])])
        try terminal.expect("What weapon or object was used, if any?")
        #expect(try terminal.expect("> ").contains("Saved: a belt"))
        try terminal.send("clear")
        try terminal.expect("choked or strangled")
        #expect(try terminal.expect("> ").contains("Saved: yes"))
        try terminal.send("")
        try terminal.expect("Was a weapon used or shown?")
        #expect(try terminal.expect("> ").contains("Saved: yes"))
        try terminal.send("no")
        try terminal.pressEnter(until: "type a number to change that answer")
        try terminal.send("")
        try terminal.expect("Saved a new version")
        #expect(try terminal.wait() == .exited(0))

        let incident = try vault.shown(String(id.prefix(8)))
        #expect(incident["quotes"] as? [String] == ["If you leave, I'll find you", "Nobody will believe you"])
        #expect(incident["people"] as? [String] == [])
        #expect(incident["childrenPresent"] as? Bool == false)
        #expect(incident["weapons"] == nil)
        #expect(incident["highRisk"] as? [String] == ["strangulation"], "answering no clears the weapon flag")
        #expect(incident["account"] as? String == "He pushed me.")
        let history = try #require((try vault.json(["show", String(id.prefix(8))]) as? [String: Any])?["history"] as? [Any])
        #expect(history.count == 2)
    }

    @Test func contactsAreAddedAndAmendedByQuestions() throws {
        let vault = try CLIVault()
        let terminal = try vault.terminal(["contacts", "add"])
        try terminal.answer([
            ("What is their name", ["Ana (advocate, Women's Aid)"]),
            ("Who are they to you?", ["advocat"]),
        ])
        try terminal.expect("I don't know “advocat”")
        try terminal.send("advocate")
        try terminal.answer([
            ("What is their phone number?", ["+44 20 7946 0958"]), ("What is their email address?", [""]),
            ("What is their address?", [""]), ("When and how is it safe to contact them?", ["texts only, before 3 pm"]),
            ("Anything else about them?", [""]), ("Do they know what is happening to you?", ["yes"]),
        ])
        let review = try terminal.expect("type a number to change that answer")
        #expect(review.contains("Phone: +44 20 7946 0958"), "\(review)")
        #expect(review.contains("Knows what is happening: yes"), "\(review)")
        try terminal.send("")
        try terminal.expect("Added Ana (advocate, Women's Aid) as ")
        #expect(try terminal.wait() == .exited(0))
        let contacts = try #require(try vault.json(["contacts", "list"]) as? [[String: Any]])
        let contact = try #require(contacts.first?["contact"] as? [String: Any])
        #expect(contact["name"] as? String == "Ana (advocate, Women's Aid)")
        #expect(contact["role"] as? String == "advocate")
        #expect(contact["phone"] as? String == "+44 20 7946 0958")
        #expect(contact["safeContact"] as? String == "texts only, before 3 pm")
        #expect(contact["knows"] as? Bool == true)
        // The plan says who knows.
        #expect(try vault.run(["plan", "add", "Pack a bag", "--category", "go-bag"]).status == 0)
        #expect(try vault.run(["plan"]).output.contains("People who know what is happening: Ana (advocate, Women's Aid) (advocate)."))

        let id = String(try #require(contacts.first?["id"] as? String).prefix(8))
        let amend = try vault.terminal(["amend", id])
        try amend.answer([("What is their name", [""]), ("Who are they to you?", ["friend"])])
        try amend.expect("What is their phone number?")
        #expect(try amend.expect("> ").contains("Saved: +44 20 7946 0958"))
        try amend.send("clear")
        try amend.pressEnter(until: "type a number to change that answer")
        try amend.send("")
        try amend.expect("Saved a new version")
        #expect(try amend.wait() == .exited(0))
        let amended = try vault.shown(id, "contact")
        #expect(amended["role"] as? String == "friend")
        #expect(amended["phone"] == nil)
        #expect(amended["name"] as? String == "Ana (advocate, Women's Aid)")
    }

    @Test func planStepsAreAddedByQuestions() throws {
        let vault = try CLIVault()
        let terminal = try vault.terminal(["plan", "add"])
        try terminal.answer([
            ("What is the step", [""]),
        ])
        try terminal.expect("This one is needed")
        try terminal.send("Copy my passport, and hide the copy")
        try terminal.answer([
            ("Which part of your plan is it?", ["documents"]), ("Anything else about it?", [""]),
            ("By when do you want it done?", ["2026-12-20"]),
        ])
        try terminal.expect("type a number to change that answer")
        try terminal.send("")
        try terminal.expect("Added step ")
        #expect(try terminal.wait() == .exited(0))
        let plan = try #require(try vault.json(["plan"]) as? [String: Any])
        let step = try #require(((plan["steps"] as? [[String: Any]])?.first)?["planItem"] as? [String: Any])
        #expect(step["title"] as? String == "Copy my passport, and hide the copy")
        #expect(step["category"] as? String == "documents")
        #expect(step["due"] != nil)
    }

    @Test func withoutATerminalAndWithoutANameAddingSaysWhatToDo() throws {
        let vault = try CLIVault()
        for arguments in [["contacts", "add"], ["plan", "add"]] {
            let result = try vault.run(arguments)
            #expect(result.status == 2, "\(arguments): \(result)")
            #expect(result.errors.hasPrefix("keepsake: error: give "), "\(result)")
        }
    }
}
