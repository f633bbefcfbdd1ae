import Foundation
import KeepsakeTestSupport
import Testing

/// The safety plan from the command line: the owner's answers asked on a terminal (stored
/// byte for byte, amended with history, cleared), phases hidden and shown again, warnings on
/// exactly the steps that can alert, and plans from older vaults.
@Suite struct PlanAnswerTests {
    /// The id of the plan step with this template key, from `plan --json`.
    static func stepID(_ vault: CLIVault, key: String) throws -> String {
        let plan = try #require(try vault.json(["plan"]) as? [String: Any])
        let steps = try #require(plan["steps"] as? [[String: Any]])
        let step = try #require(steps.first { ($0["planItem"] as? [String: Any])?["key"] as? String == key })
        return try #require(step["id"] as? String)
    }

    /// Runs `plan answer ID` on a terminal: waits for `question`, types `lines`, saves.
    static func answer(_ vault: CLIVault, _ id: String, after question: String, _ lines: [String]) throws {
        let terminal = try vault.terminal(["plan", "answer", id])
        try terminal.expect(question)
        for line in lines { try terminal.send(line) }
        try terminal.expect("type a number to change that answer")
        try terminal.send("")
        try terminal.expect("Saved your answer")
        #expect(try terminal.wait() == .exited(0))
    }

    static func history(_ vault: CLIVault, _ id: String) throws -> [[String: Any]] {
        let json = try #require(try vault.json(["show", id]) as? [String: Any])
        return (json["history"] as? [[String: Any]] ?? []).compactMap { $0["planItem"] as? [String: Any] }
    }

    @Test func anAnswerIsAskedStoredByteForByteAmendedWithHistoryAndCleared() throws {
        let vault = try CLIVault()
        #expect(try vault.run(["plan", "template"]).status == 0)
        let id = try Self.stepID(vault, key: "incident.code-word")
        let marker = "  blue\u{301}bird “café” ✓  "

        try Self.answer(vault, String(id.prefix(7)), after: "I can use ___ as my code word", [marker])
        let saved = try #require(try vault.shown(id, "planItem")["answer"] as? String)
        #expect(Array(saved.utf8) == Array(marker.utf8))

        try Self.answer(vault, String(id.prefix(7)), after: "I can use ___ as my code word", ["kestrel"])
        #expect(try vault.shown(id, "planItem")["answer"] as? String == "kestrel")
        let plan = try vault.run(["plan"]).output
        #expect(plan.contains("= I can use kestrel as my code word"), "\(plan)")

        #expect(try vault.run(["plan", "answer", id, "--clear"]).status == 0)
        #expect(try vault.shown(id, "planItem")["answer"] == nil)
        let history = try Self.history(vault, id)
        #expect(history.map { $0["answer"] as? String } == [nil, marker, "kestrel", nil])
        #expect(!(try vault.run(["plan"]).output.contains("kestrel")))
    }

    @Test func aContactFromTheVaultCanBeTheAnswer() throws {
        let vault = try CLIVault()
        #expect(try vault.run(["contacts", "add", "Jo next door", "--role", "friend", "--phone", "0700 900 123"]).status == 0)
        #expect(try vault.run(["plan", "template"]).status == 0)
        let id = try Self.stepID(vault, key: "incident.neighbour")
        try Self.answer(vault, id, after: "1. Jo next door (friend) 0700 900 123", ["1"])
        let step = try vault.shown(id, "planItem")
        #expect((step["answerContact"] as? String)?.count == 16)
        #expect(step["answer"] == nil)
        let plan = try vault.run(["plan"]).output
        #expect(plan.contains("= I could ask Jo next door (friend) 0700 900 123 to call the"), "\(plan)")
    }

    /// The text with every run of spaces and line breaks made one space (a folded line read whole).
    static func flat(_ text: String) -> String {
        text.split(whereSeparator: { $0 == " " || $0 == "\n" }).joined(separator: " ")
    }

    @Test func importantNumbersComeFromContactsAndTheBuiltInHotlineList() throws {
        let vault = try CLIVault()
        #expect(try vault.run(["plan", "template"]).status == 0)
        vault.runner.environment["KEEPSAKE_REGION"] = "GB"
        let national = Self.flat(try vault.run(["plan"]).output)
        #expect(national.contains("= The hotline: National Domestic Abuse Helpline (Refuge) 0808 2000 247"), "\(national)")
        #expect(try vault.run(["contacts", "add", "Ana", "--role", "advocate", "--phone", "0161 000 111"]).status == 0)
        #expect(try vault.run(["contacts", "add", "Local line", "--role", "hotline", "--phone", "0800 123"]).status == 0)
        let own = Self.flat(try vault.run(["plan"]).output)
        #expect(own.contains("= My advocate: Ana 0161 000 111 (from your contacts)"), "\(own)")
        #expect(own.contains("= The hotline: Local line 0800 123 (from your contacts)"), "\(own)")
        #expect(!own.contains("Refuge"), "\(own)")
        vault.runner.environment["KEEPSAKE_REGION"] = nil
        #expect(!(try vault.run(["plan"]).output.contains("= The police:")))
    }

    @Test func thePlanReadsAsTheOwnersOwnOnEightyColumns() throws {
        let vault = try CLIVault()
        #expect(try vault.run(["plan", "template"]).status == 0)
        for phase in ["preparing-to-leave", "day-of-leaving", "home-after-leaving", "protection-order", "work-and-public",
                      "children-and-pets", "alcohol-or-drugs", "emotional-health", "important-numbers"] {
            #expect(try vault.run(["plan", "hide", phase]).status == 0)
        }
        let id = try Self.stepID(vault, key: "incident.code-word")
        try Self.answer(vault, id, after: "I can use ___ as my code word", ["sunflowers on the table"])
        #expect(try vault.run(["plan", "done", try Self.stepID(vault, key: "incident.keys")]).status == 0)
        let plan = try GoldenOutputTests.output(vault, ["plan"])
        #expect(plan == """
            Your safety plan: 1 of 13 done (7%)

            If there is an incident  1 of 7 done
              [ ] ID  Pick a room to move to if an argument starts: two ways out, not
                           the kitchen, bathroom or garage
              [ ] ID  Practise the way out of your home: doors, windows, stairs
              [x] ID  Keep your keys and bag where you can grab them quickly
              [ ] ID  Agree a code word with family, friends and your children that
                           means "call for help"
                           = I can use sunflowers on the table as my code word
              [ ] ID  Ask a neighbour you trust to call the police if they hear trouble
              [ ] ID  Talk with your children about what they could do: where to go,
                           who to call, to stay out of it
              [ ] ID  Trust your judgement: calming things down or giving in for a
                           while can be a way to stay safe

            Phones, computers and accounts  0 of 6 done
              [ ] ID  Turn off location sharing on your phone and check apps you didn't
                           install
                           ! Careful: this could let them know. You could do it from a
                           device they have never used, or at the moment you leave, and talk
                           it through with an advocate first.
              [ ] ID  Change the passwords for email, bank and social media, on a
                           device only you use
                           ! Careful: this could let them know. You could do it from a
                           device they have never used, or at the moment you leave, and talk
                           it through with an advocate first.
              [ ] ID  Think about a prepaid phone that only you know about
                           ! Careful: this could let them know. You could do it from a
                           device they have never used, or at the moment you leave, and talk
                           it through with an advocate first.
              [ ] ID  Check your accounts for devices and logins you don't recognise
                           ! Careful: this could let them know. You could do it from a
                           device they have never used, or at the moment you leave, and talk
                           it through with an advocate first.
              [ ] ID  Check the car, bags and gifts for tracking devices, with help if
                           you can
                           ! Careful: this could let them know. You could do it from a
                           device they have never used, or at the moment you leave, and talk
                           it through with an advocate first.
              [ ] ID  Use a computer at a library, a friend's or work to look for help

            Hidden (not for you): Getting ready to leave, The day you leave, Safety at home
            after leaving, With a protection order, At work, school and in public, Children
            and pets, Alcohol or drugs, Looking after how you feel, Important numbers

            """, "\(plan)")
        #expect(GoldenOutputTests.widest(plan) <= 80)
    }

    @Test func anAnswerIsNeverTakenFromTheCommandLine() throws {
        let vault = try CLIVault()
        #expect(try vault.run(["plan", "template"]).status == 0)
        let id = try Self.stepID(vault, key: "incident.code-word")
        let result = try vault.run(["plan", "answer", id])
        #expect(result.status == 2, "\(result)")
        #expect(result.errors.contains("on a terminal"), "\(result)")
    }

    @Test func aPhaseThatDoesNotApplyIsHiddenAndShownAgain() throws {
        let vault = try CLIVault()
        #expect(try vault.run(["plan", "template"]).status == 0)
        #expect(try vault.run(["plan"]).output.contains("Alcohol or drugs  0 of 3 done"))
        #expect(try vault.run(["plan", "hide", "alcohol-or-drugs"]).status == 0)
        let hidden = try vault.run(["plan"]).output
        #expect(!hidden.contains("Alcohol or drugs  0 of"), "\(hidden)")
        #expect(hidden.contains("Hidden (not for you): Alcohol or drugs"), "\(hidden)")
        #expect(try vault.run(["plan", "unhide", "alcohol-or-drugs"]).status == 0)
        #expect(try vault.run(["plan"]).output.contains("Alcohol or drugs  0 of 3 done"))
        // The template does not add the steps again.
        #expect(try vault.run(["plan", "template"]).output.contains("already has every step"))
    }

    @Test func warningsAreOnExactlyTheStepsThatCanAlertAndLouderWhenTrackingIsRecorded() throws {
        let vault = try CLIVault()
        #expect(try vault.run(["plan", "template"]).status == 0)
        let calm = try vault.run(["plan"]).output
        let lines = calm.split(separator: "\n").map(String.init)
        let warned = lines.indices.filter { lines[$0].contains("! Careful: this could let them know.") }
            .map { lines[$0 - 1].trimmingCharacters(in: .whitespaces) }
        // The line above each warning is the (last line of the) step that carries it.
        #expect(warned.count == 9, "\(calm)")
        for words in ["Turn off location", "Change the passwords", "prepaid phone", "logins you don't recognise",
                      "tracking devices", "bank you don't share", "Put some cash aside", "shared phone plan",
                      "share of money"] {
            #expect(lines.indices.contains { index in
                lines[index].contains(words) && (index + 1..<min(index + 3, lines.count)).contains { lines[$0].contains("! Careful") }
            }, "\(words)")
        }
        #expect(try vault.run(["log", "--when", "2026-11-02", "--kind", "technology", "--text", "I found an app on my phone"]).status == 0)
        let louder = try vault.run(["plan"]).output
        #expect(louder.components(separatedBy: "! Careful: your record mentions tracking").count - 1 == 9, "\(louder)")
        #expect(!louder.contains("this could let them know"))
    }

    @Test(arguments: ["vault-v1", "vault-v2"]) func anOlderVaultsPlanOpensAndTheTemplateAddsTheMissingSteps(_ name: String) throws {
        let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Fixtures").path
        let vault = try CLIVault(create: false)
        TestFiles.copyFolder(fixtures + "/" + name, to: vault.path)
        let passphrase = try String(contentsOfFile: fixtures + "/\(name).passphrase.txt", encoding: .utf8)
            .trimmingCharacters(in: .newlines)
        let before = try vault.run(["plan"], passphrase: passphrase)
        #expect(before.status == 0, "\(before)")
        #expect(before.output.contains("Your safety plan: 1 of 1 done (100%)"), "\(before)")
        #expect(before.output.contains("Pack a go-bag with medicine and chargers"), "\(before)")
        // Two steps as the first template wrote them (a title and a category, nothing more).
        let oldCodeWord = "Agree a code word with someone you trust that means \"call for help\""
        #expect(try vault.run(["plan", "add", oldCodeWord, "--category", "people"], passphrase: passphrase).status == 0)
        #expect(try vault.run(["plan", "add", "Turn off location sharing on your phone and check apps you didn't install",
                               "--category", "technology"], passphrase: passphrase).status == 0)
        let added = try vault.run(["plan", "template"], passphrase: passphrase)
        #expect(added.output.contains("Added 70 steps"), "\(added)")
        let plan = try vault.run(["plan"], passphrase: passphrase).output
        #expect(plan.contains("Your safety plan: 1 of 73 done"), "\(plan)")
        #expect(!plan.contains("Agree a code word with family"), "\(plan)")
        #expect(plan.components(separatedBy: "Turn off location sharing").count == 2, "\(plan)")
        let incidentPhase = try #require(plan.components(separatedBy: "If there is an incident").last?
            .components(separatedBy: "Getting ready to leave").first)
        #expect(incidentPhase.contains("Agree a code word with someone you trust"), "\(plan)")
        let again = try vault.run(["plan", "template"], passphrase: passphrase)
        #expect(again.output.contains("already has every step"), "\(again)")
        #expect(try vault.run(["check"], passphrase: passphrase).status == 0)
    }
}
