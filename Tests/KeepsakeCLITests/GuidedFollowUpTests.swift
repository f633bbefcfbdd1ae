import Foundation
import KeepsakeTestSupport
import Testing

/// The strangulation follow-ups and "arrest made" in the guided `log` and `amend`, on a
/// pseudo-terminal: asked exactly when choking is answered yes or not sure (never after no or
/// a skip), each skippable, yes/no kept as yes / no / not sure, shown for review, and one
/// follow-up amended as a new revision.
@Suite struct GuidedFollowUpTests {
    static let firstFollowUp = "How long did the choking last?"

    /// Runs a guided `log` answering choking with `choking` and the police with `police`,
    /// pressing Enter everywhere else; returns the transcript.
    func log(_ vault: CLIVault, choking: String, police: String) throws -> String {
        let terminal = try vault.terminal(["log"])
        try terminal.pressEnter(until: "What happened, in your own words?")
        try terminal.send("He held me against the door.")
        try terminal.send("")
        try terminal.pressEnter(until: "choked or strangled")
        try terminal.send(choking)
        try terminal.pressEnter(until: "Were the police called")
        try terminal.send(police)
        try terminal.pressEnter(until: "type a number to change that answer")
        try terminal.send("")
        try terminal.answer([("attach a photo", [""])])
        try terminal.expect("Saved as ")
        #expect(try terminal.wait() == .exited(0))
        return terminal.transcript
    }

    @Test func theFollowUpsAreAskedOnlyWhenChokingIsYesOrNotSure() throws {
        let vault = try CLIVault()
        for answer in ["no", "", "skip"] {
            let transcript = try log(vault, choking: answer, police: "no")
            #expect(!transcript.contains(Self.firstFollowUp), "asked after “\(answer)”")
            #expect(!transcript.contains("Choking or strangulation"), "shown for review after “\(answer)”")
            #expect(!transcript.contains("Was anyone arrested?"), "arrest asked with no police")
        }
        let unsure = try log(vault, choking: "not sure", police: "not sure")
        #expect(unsure.contains(Self.firstFollowUp) && unsure.contains("Was anyone arrested?"))
        let ids = try vault.incidentIDs()
        #expect(ids.count == 4)
        for id in ids {
            let incident = try vault.shown(id)
            #expect(incident["strangulation"] == nil, "skipped follow-ups store nothing")
            #expect(incident["arrestMade"] == nil)
        }
    }

    @Test func eachFollowUpIsKeptAsAnsweredAndShownForReview() throws {
        let vault = try CLIVault()
        let terminal = try vault.terminal(["log"])
        try terminal.pressEnter(until: "What happened, in your own words?")
        try terminal.send("He choked me in the hallway.")
        try terminal.send("")
        try terminal.pressEnter(until: "choked or strangled")
        try terminal.send("yes")
        try terminal.pressEnter(until: Self.firstFollowUp)
        try terminal.send("about 10 seconds")
        try terminal.expect("How many times were you choked")
        try terminal.send("n")
        let reasked = try terminal.expect("How many times were you choked")
        #expect(reasked.contains("This question wants a few words"), "\(reasked)")
        try terminal.send("3 or 4")
        try terminal.answer([("Could you breathe", ["no"]), ("Could you speak", ["not sure"]), ("black out", ["maybe"])])
        let again = try terminal.expect("black out")
        #expect(again.contains("Please answer yes, no, not sure, or skip."), "\(again)")
        try terminal.send("yes")
        try terminal.answer([
            ("voice change", [""]), ("hard or painful to swallow", ["don't know"]), ("bladder or bowels", ["no"]),
            ("What was used?", ["1, ligature"]), ("What marks or injuries did you see", ["red marks on my neck"]),
        ])
        try terminal.pressEnter(until: "Were the police called")
        try terminal.send("yes")
        try terminal.answer([
            ("officer's name or number", [""]), ("report or case number", ["R-2026-77"]), ("Was anyone arrested?", ["not sure"]),
        ])
        let review = try terminal.pressEnterReturning(until: "type a number to change that answer")
        for line in [
            "Choking or strangulation:", "How long: about 10 seconds", "How many times: 3 or 4", "Could breathe: no",
            "Could speak: not sure", "Blacked out or lost consciousness: yes", "Trouble swallowing afterwards: not sure",
            "Lost bladder or bowel control: no", "What was used: hands; a cord, belt, scarf or other ligature",
            "Marks or injuries seen: red marks on my neck", "arrest made: not sure",
        ] {
            #expect(review.contains(line), "\(line) in \(review)")
        }
        #expect(!review.contains("Voice changed afterwards"), "a skipped follow-up is not shown")
        try terminal.send("")
        try terminal.answer([("attach a photo", [""])])
        try terminal.expect("Saved as ")
        #expect(try terminal.wait() == .exited(0))
        let wide = terminal.transcript.split(separator: "\n").filter { $0.count > 80 }
        #expect(wide.isEmpty, "lines wider than the 80-column terminal: \(wide)")

        let id = try #require(try vault.incidentIDs().first)
        let incident = try vault.shown(id)
        let details = try #require(incident["strangulation"] as? [String: Any])
        #expect(details["howLong"] as? String == "about 10 seconds")
        #expect(details["times"] as? String == "3 or 4")
        #expect(details["couldBreathe"] as? Bool == false)
        #expect(details["couldSpeak"] as? String == "notSure")
        #expect(details["lostConsciousness"] as? Bool == true)
        #expect(details["voiceChanged"] == nil, "skipped stays unanswered, not no")
        #expect(details["troubleSwallowing"] as? String == "notSure")
        #expect(details["lostBladderOrBowelControl"] as? Bool == false)
        #expect(details["means"] as? [String] == ["hands", "ligature"])
        #expect(details["marks"] as? String == "red marks on my neck")
        #expect(incident["arrestMade"] as? String == "notSure")
        let shown = try vault.run(["show", String(id.prefix(8))])
        #expect(shown.output.contains("Choking: how long: about 10 seconds"), "\(shown)")
        #expect(shown.output.contains("Arrest made: not sure"), "\(shown)")
    }

    @Test func amendChangesOneFollowUpAsANewRevision() throws {
        let vault = try CLIVault()
        let logging = try vault.terminal(["log"])
        try logging.pressEnter(until: "choked or strangled")
        try logging.send("yes")
        try logging.pressEnter(until: Self.firstFollowUp)
        try logging.send("about 10 seconds")
        try logging.answer([("How many times were you choked", ["twice"])])
        try logging.pressEnter(until: "type a number to change that answer")
        try logging.send("")
        try logging.answer([("attach a photo", [""])])
        try logging.expect("Saved as ")
        #expect(try logging.wait() == .exited(0))
        let id = String(try #require(try vault.incidentIDs().first).prefix(8))

        let terminal = try vault.terminal(["amend", id])
        try terminal.pressEnter(until: Self.firstFollowUp)
        #expect(try terminal.expect("> ").contains("Saved: about 10 seconds"))
        try terminal.send("about a minute")
        try terminal.expect("How many times were you choked")
        #expect(try terminal.expect("> ").contains("Saved: twice"))
        try terminal.send("")
        let review = try terminal.pressEnterReturning(until: "type a number to change that answer")
        #expect(review.contains("How long: about a minute") && review.contains("How many times: twice"), "\(review)")
        try terminal.send("")
        try terminal.expect("Saved a new version")
        #expect(try terminal.wait() == .exited(0))

        let json = try #require(try vault.json(["show", id]) as? [String: Any])
        let history = try #require(json["history"] as? [[String: Any]])
        #expect(history.count == 2)
        let versions = history.compactMap { ($0["incident"] as? [String: Any])?["strangulation"] as? [String: Any] }
        #expect(versions.map { $0["howLong"] as? String } == ["about 10 seconds", "about a minute"])
        #expect(versions.map { $0["times"] as? String } == ["twice", "twice"])
    }

    @Test func theDefaultBundleShowsTheAmendedTimeAndHistoryAloneCarriesRetractedContent() throws {
        let vault = try CLIVault()
        let words = "copper lantern orchard whistle mango"
        let logged = try vault.run([
            "log", "--when", "2026-03-02 22:00", "--text", "He pushed me.", "--police", "--arrest-made", "not-sure", "--json",
        ])
        let id = String(try #require((try JSONSerialization.jsonObject(with: Data(logged.output.utf8)) as? [String: Any])?["id"] as? String).prefix(8))
        #expect(try vault.run(["amend", id, "--when", "2026-03-02 21:40", "--arrest-made", "yes"]).status == 0)
        let marker = "RETRACTED-CLI-MARKER-5521"
        let second = try vault.run(["log", "--when", "2026-03-03 09:00", "--text", marker, "--json"])
        let mistake = String(try #require((try JSONSerialization.jsonObject(with: Data(second.output.utf8)) as? [String: Any])?["id"] as? String).prefix(8))
        #expect(try vault.run(["retract", mistake, "--reason", "typed twice"]).status == 0)

        func exported(_ name: String, _ extra: [String]) throws -> (output: String, report: String, everything: String) {
            let sealed = vault.folder.appending(name + ".age")
            let made = try vault.run(["export", "-o", sealed, "--passphrase"] + extra, extraInput: [words])
            #expect(made.status == 0, "\(made)")
            let out = vault.folder.appending(name)
            let opened = try vault.runner.run(["open", sealed, "--passphrase-stdin", "-o", out], input: words + "\n")
            #expect(opened.status == 0 && opened.output.contains("say exactly what those entries say"), "\(opened)")
            #expect(try vault.runner.run(["verify", out]).status == 0)
            let text = { (file: String) in String(decoding: TestFiles.read(out + "/" + file), as: UTF8.self) }
            // Every file of the opened bundle, for what must not be anywhere in it.
            let every = try FileManager.default.subpathsOfDirectory(atPath: out).filter { name in
                var isFolder: ObjCBool = false
                return FileManager.default.fileExists(atPath: out + "/" + name, isDirectory: &isFolder) && !isFolder.boolValue
            }.map(text).joined(separator: "\n")
            return (made.output, text("report.html"), every)
        }
        // No flag: the amendment's old and new time are in the report, the retracted text is not.
        let plain = try exported("plain", [])
        #expect(plain.report.contains("<td class=\"old\">Mon 2 Mar 2026, 22:00"), "the old time")
        #expect(plain.report.contains("<td>Mon 2 Mar 2026, 21:40"), "the new time")
        #expect(plain.report.contains("<tr><td>Arrest made</td><td class=\"old\">not sure</td><td>yes</td></tr>"))
        #expect(plain.report.contains("<td>typed twice</td>"))
        #expect(!plain.everything.contains(marker), "a retracted incident's words are in no file of the bundle")
        #expect(plain.output.contains("what they said stayed private (--history puts it in)"), "\(plain.output)")
        // --latest-only: the earlier version stays out, and the report says how.
        let latest = try exported("latest", ["--latest-only"])
        #expect(!latest.report.contains("Mon 2 Mar 2026, 22:00") && latest.report.contains("left them out with --latest-only"))
        // --history: the retracted incident's content, marked as retracted.
        let history = try exported("history", ["--history"])
        #expect(history.report.contains("what it said (retracted ") && history.report.contains(marker))
        #expect(history.output.contains("what they said is inside, each marked as retracted"), "\(history.output)")
        // Both at once is a usage error; nothing is written.
        let both = vault.folder.appending("both.age")
        let refused = try vault.run(["export", "-o", both, "--passphrase", "--history", "--latest-only"], extraInput: [words])
        #expect(refused.status == 2, "\(refused)")
        #expect(!FileManager.default.fileExists(atPath: both))
    }
}

extension PseudoTerminal {
    /// Presses Enter until `text` is printed, and returns what was printed since the last
    /// expected text, up to it.
    func pressEnterReturning(until text: String, limit: Int = 40) throws -> String {
        for _ in 0..<limit {
            if remainingOutput(settle: 0.15).contains(text) { break }
            try send("")
        }
        return try expect(text)
    }
}
