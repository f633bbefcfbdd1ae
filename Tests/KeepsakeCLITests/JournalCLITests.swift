import Foundation
import KeepsakeTestSupport
import Testing

/// The journal through the built program: written on a terminal exactly as typed (blank
/// lines, quotes, commas, "maybe" and "no" kept as words), kept as a draft when stopped,
/// read from standard input, listed, shown and searched on 80 columns, amended and retracted,
/// never among incidents, and never in a bundle without `--include-journal`.
@Suite struct JournalCLITests {
    static func id(_ output: String) throws -> String {
        let json = try JSONSerialization.jsonObject(with: Data(output.utf8)) as? [String: Any]
        return try #require(json?["shortId"] as? String)
    }

    /// The entry's journal content and history, from `journal show ID --json`.
    static func shown(_ vault: CLIVault, _ id: String) throws -> [String: Any] {
        try #require(try vault.json(["journal", "show", id]) as? [String: Any])
    }

    /// An entry written with `--text-stdin` (the text on the lines after the passphrase).
    static func write(_ vault: CLIVault, _ text: String, tags: [String] = []) throws -> String {
        let result = try vault.run(
            ["journal", "write", "--text-stdin", "--json"] + tags.flatMap { ["--tag", $0] }, extraInput: [text])
        guard result.status == 0 else { throw CLIFailure(result: result) }
        return try id(result.output)
    }

    /// A time as `list` and `show` print it (the program runs in this process's time zone).
    static func displayed(_ iso: Any?) throws -> String {
        let text = try #require(iso as? String)
        let date = try #require(ISO8601DateFormatter().date(from: text))
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.dateFormat = "EEE d MMM yyyy, HH:mm"
        return formatter.string(from: date)
    }

    static let typed = [
        "He said \"maybe, later\", and I said no.",
        "",
        "maybe",
        "no",
        "  indented, with commas, 'single quotes' and a tab:\tthere.",
        "",
        "Last line.",
    ]

    @Test func aGuidedEntryKeepsEveryLineExactlyAsTyped() throws {
        let vault = try CLIVault()
        let terminal = try vault.terminal(["journal", "write"])
        try terminal.expect("it is not an incident")
        try terminal.expect("type a full stop (.) alone on a line")
        for line in Self.typed { try terminal.send(line) }
        try terminal.send(".")
        try terminal.expect("Any tags, to find it again later?")
        try terminal.send("Therapy, #self-care , therapy")
        let review = try terminal.expect("type a number to change that answer")
        #expect(review.contains("Tags: Therapy, #self-care"), "\(review)")
        #expect(review.contains("He said \"maybe, later\", and I said no."), "\(review)")
        try terminal.send("")
        let saved = try terminal.expect("--include-journal`.")
        #expect(saved.contains("Saved in your journal as"), "\(saved)")
        #expect(try terminal.wait() == .exited(0))

        let entries = try #require(try vault.json(["journal", "list"]) as? [[String: Any]])
        #expect(entries.count == 1)
        let id = String(try #require(entries.first?["id"] as? String).prefix(8))
        let journal = try #require(try Self.shown(vault, id)["journal"] as? [String: Any])
        #expect(journal["text"] as? String == Self.typed.joined(separator: "\n"))
        #expect(journal["tags"] as? [String] == ["Therapy", "#self-care"])
        // Never an incident.
        #expect(try vault.incidentIDs().isEmpty)
        let timeline = try #require(try vault.json(["timeline"]) as? [String: Any])
        #expect(timeline["incidents"] as? Int == 0)
    }

    @Test func aStoppedEntryIsKeptAsADraftAndOfferedNextTime() throws {
        let vault = try CLIVault()
        try vault.keepJournalDraft(["First thought, not finished", "", "second paragraph"])
        #expect((try vault.json(["journal", "list"]) as? [[String: Any]])?.isEmpty == true)

        let again = try vault.terminal(["journal", "write"])
        try again.expect("You have an unfinished journal entry")
        try again.expect("Do you want to carry on with it?")
        try again.send("")
        let shown = try again.expect("Type a full stop (.) alone on a line to keep it")
        #expect(shown.contains("second paragraph"), "\(shown)")
        try again.send(".")
        try again.expect("Any tags")
        try again.send("")
        try again.expect("type a number to change that answer")
        try again.send("")
        try again.expect("Saved in your journal as")
        #expect(try again.wait() == .exited(0))
        let entries = try #require(try vault.json(["journal", "list"]) as? [[String: Any]])
        let journal = try #require(entries.first?["journal"] as? [String: Any])
        #expect(journal["text"] as? String == "First thought, not finished\n\nsecond paragraph")

        // The draft was settled: the next write does not offer it.
        let third = try vault.terminal(["journal", "write"])
        let start = try third.expect("type a full stop (.) alone on a line")
        #expect(!start.contains("unfinished"), "\(start)")
        try third.sendControlC()
        try third.expect("Nothing new was written")
        #expect(try third.wait() == .exited(0))
    }

    @Test func inTheShellAnEntryIsWrittenAndTheIdleLockKeepsADraft() throws {
        let vault = try CLIVault()
        let terminal = try vault.terminal(["shell", "--idle-seconds", "3"])
        try terminal.expect("keepsake> ")
        try terminal.send("journal write")
        try terminal.expect("alone on a line")
        try terminal.send("Written in the shell.")
        try terminal.send(".")
        try terminal.expect("Any tags")
        try terminal.send("shell")
        try terminal.expect("type a number to change that answer")
        try terminal.send("")
        try terminal.expect("Saved in your journal as")
        try terminal.expect("keepsake> ")
        try terminal.send("journal list --tag SHELL")
        try terminal.expect("Written in the shell.")
        try terminal.expect("keepsake> ")
        try terminal.send("journal write")
        try terminal.expect("alone on a line")
        try terminal.send("first line")
        try terminal.send("")
        try terminal.type("half a line")
        let locked = try terminal.expect("without typing.", timeout: 15)
        #expect(locked.contains("kept as an encrypted draft"), "\(locked)")
        #expect(try terminal.wait() == .exited(0))

        let next = try vault.terminal(["journal", "write"])
        try next.expect("You have an unfinished journal entry")
        try next.send("yes")
        let shown = try next.expect("Type a full stop (.) alone on a line to keep it")
        #expect(shown.contains("first line") && shown.contains("half a line"), "\(shown)")
        next.interrupt()
        try next.expect("Nothing new was written")
        #expect(try next.wait() == .exited(0))
        let entries = try #require(try vault.json(["journal", "list"]) as? [[String: Any]])
        #expect(entries.compactMap { ($0["journal"] as? [String: Any])?["text"] as? String } == ["Written in the shell."])
    }

    @Test func amendOnATerminalAsksTheJournalsQuestionsAndKeepsTheEarlierVersion() throws {
        let vault = try CLIVault()
        let id = try Self.write(vault, "First draft of a thought.", tags: ["later"])
        let terminal = try vault.terminal(["amend", id])
        let asked = try terminal.expect("Type a full stop (.) alone on a line to keep it")
        #expect(asked.contains("First draft of a thought."), "\(asked)")
        try terminal.send("A better thought,")
        try terminal.send("")
        try terminal.send("no longer a draft.")
        try terminal.send(".")
        try terminal.expect("Any tags")
        try terminal.send("")
        try terminal.expect("type a number to change that answer")
        try terminal.send("")
        try terminal.expect("Saved a new version of \(id)")
        #expect(try terminal.wait() == .exited(0))
        let history = try #require(try Self.shown(vault, id)["history"] as? [[String: Any]])
        #expect(history.compactMap { ($0["journal"] as? [String: Any])?["text"] as? String }
            == ["First draft of a thought.", "A better thought,\n\nno longer a draft."])
        #expect(history.compactMap { ($0["journal"] as? [String: Any])?["tags"] as? [String] } == [["later"], ["later"]])
        let offTerminal = try vault.run(["amend", id])
        #expect(offTerminal.status == 2 && offTerminal.errors.contains("journal amend"), "\(offTerminal)")
    }

    @Test func listShowAndSearchOnEightyColumnsAndAmendAndRetract() throws {
        let vault = try CLIVault()
        let first = try Self.write(vault, "Slept badly again.\nTalked to Sam about it, which helped.", tags: ["sleep"])
        let second = try Self.write(
            vault, "Therapy: we worked on the word \"no\".\n\nShe said boundaries are not walls, they are doors I choose to open.",
            tags: ["Therapy", "self-care"])
        try vault.run(["log", "--text", "He took my keys.", "--when", "yesterday"])
        let amended = try vault.run(["journal", "amend", second, "--text-stdin"], extraInput: [
            "Therapy: we worked on the word \"no\".\n\nShe said boundaries are not walls, they are doors I choose to open.\nNext time: say it out loud.",
        ])
        #expect(amended.status == 0 && amended.output.contains("Saved a new version of \(second)"), "\(amended)")
        let same = try vault.run(["journal", "amend", second, "--tag", "Therapy", "--tag", "self-care", "--tag", "#therapy"])
        #expect(same.output.contains("Nothing changed"), "\(same)")  // "#therapy" is "Therapy" again: no new version

        let a = try Self.shown(vault, first), b = try Self.shown(vault, second)
        let history = try #require(b["history"] as? [[String: Any]])
        #expect(history.count == 2)
        let list = try vault.run(["journal", "list"])
        #expect(list.status == 0, "\(list)")
        #expect(list.output == """
            \(first)  \(try Self.displayed(a["writtenAt"]))  tags: sleep
                     Slept badly again. Talked to Sam about it, which helped.
            \(second)  \(try Self.displayed(b["writtenAt"])) (amended)  tags: Therapy, self-care
                     Therapy: we worked on the word "no". She said boundaries are not walls…

            """, "\(list.output)")
        #expect(list.output.split(separator: "\n").allSatisfy { $0.count <= 80 })
        let show = try vault.run(["journal", "show", second])
        #expect(show.output == """
            Journal Entry \(second)
            Written down: \(try Self.displayed(b["writtenAt"]))
            Last amended: \(try Self.displayed(b["updatedAt"]))

            Tags: Therapy, self-care
            What I wrote:
              Therapy: we worked on the word "no".

              She said boundaries are not walls, they are doors I choose to open.
              Next time: say it out loud.

            History
            Version 1, written \(try Self.displayed(history[0]["writtenAt"])):
              Tags: Therapy, self-care
              What I wrote:
                Therapy: we worked on the word "no".

                She said boundaries are not walls, they are doors I choose to open.
            Version 2, written \(try Self.displayed(history[1]["writtenAt"])):
              Tags: Therapy, self-care
              What I wrote:
                Therapy: we worked on the word "no".

                She said boundaries are not walls, they are doors I choose to open.
                Next time: say it out loud.

            """, "\(show.output)")
        #expect(show.output.split(separator: "\n").allSatisfy { $0.count <= 80 })

        // Tags and words, capitals and accents aside; the journal only.
        let tagged = try #require(try vault.json(["journal", "list", "--tag", "#THERAPY"]) as? [[String: Any]])
        #expect(tagged.compactMap { $0["shortId"] as? String } == [second])
        let found = try #require(try vault.json(["journal", "search", "OUT", "loud", "thérapy"]) as? [[String: Any]])
        #expect(found.compactMap { $0["shortId"] as? String } == [second])
        #expect(try vault.run(["journal", "search", "keys"]).output == "No journal entry holds that.\n")
        let bySleep = try vault.run(["journal", "search", "sam", "--tag", "sleep"])
        #expect(bySleep.output.hasPrefix(first), "\(bySleep)")
        // `keepsake search` keeps to the record: no journal entry among its results.
        let everywhere = try vault.run(["search", "slept"])
        #expect(everywhere.output == "No entry contains that.\n", "\(everywhere)")
        #expect(try vault.run(["search", "keys"]).output.contains("He took my keys."))

        // A journal command refuses an incident, and an incident command is not fed the journal.
        let incident = try #require(try vault.incidentIDs().first).prefix(8)
        let wrong = try vault.run(["journal", "show", String(incident)])
        #expect(wrong.status == 1 && wrong.errors.contains("is not a journal entry (it is an incident)"), "\(wrong)")
        #expect(try vault.run(["list"]).output.contains("Slept") == false)

        let retracted = try vault.run(["journal", "retract", first, "--reason", "not needed"])
        #expect(retracted.status == 0, "\(retracted)")
        let left = try #require(try vault.json(["journal", "list"]) as? [[String: Any]])
        #expect(left.count == 1)
        #expect(try Self.shown(vault, first)["retractionReason"] as? String == "not needed")
        #expect(try vault.run(["journal", "search", "slept"]).output == "No journal entry holds that.\n")

        // Off a terminal without --text-stdin, it says what to do.
        let offTerminal = try vault.run(["journal", "write"])
        #expect(offTerminal.status == 2 && offTerminal.errors.contains("--text-stdin"), "\(offTerminal)")
        let empty = try vault.run(["journal", "write", "--text-stdin"], extraInput: ["", ""])
        #expect(empty.status == 2 && empty.errors.contains("empty"), "\(empty)")
        // From a descriptor (here standard input, after the passphrase's line): the same text.
        let fromDescriptor = try vault.run(["journal", "write", "--text-fd", "0", "--json"], extraInput: ["one\r", "", "two"])
        #expect(fromDescriptor.status == 0, "\(fromDescriptor)")
        let written = try Self.shown(vault, try Self.id(fromDescriptor.output))["journal"] as? [String: Any]
        #expect(written?["text"] as? String == "one\n\ntwo")  // a Windows line end read as one
        let both = try vault.run(["journal", "write", "--text-stdin", "--text-fd", "3"])
        #expect(both.status == 2, "\(both)")
    }

    static let secret = "KSJOURNALMARK quiet lake pebble"

    static func journalVault() throws -> (CLIVault, recipient: String, key: String) {
        let vault = try CLIVault()
        try vault.run(["log", "--when", "2026-03-02 21:30", "--text", "He threw my phone at the wall."])
        _ = try write(vault, "A day for me.\n\n\(secret), said the counsellor.", tags: ["therapy-KSTAGMARK"])
        let key = vault.folder.appending("advocate-key.txt")
        let made = try vault.runner.run(["recipient", "new", "-o", key])
        let recipient = try #require(made.output.split(separator: "\n").last.map(String.init), "\(made)")
        return (vault, recipient, key)
    }

    /// Without `--include-journal` no word of the journal is anywhere in the opened bundle
    /// (entries.json included), even with every other option; naming a journal entry by id
    /// without the flag is refused.
    @Test func anExportLeavesTheJournalOutUnlessNamed() throws {
        let (vault, recipient, key) = try Self.journalVault()
        let bundle = vault.folder.appending("b.age")
        let exported = try vault.run(
            ["export", "-o", bundle, "--to", recipient, "--include-plan", "--include-contacts", "--include-cycle", "--history"])
        #expect(exported.status == 0, "\(exported)")
        #expect(exported.output.contains("Kept private, not in the bundle: your journal (--include-journal puts it in)."), "\(exported)")
        let folder = vault.folder.appending("opened")
        #expect(try vault.runner.run(["open", bundle, "-i", key, "-o", folder]).status == 0)
        let files = TestFiles.fingerprintContents(folder)
        #expect(files.keys.contains("entries.json") && files.keys.contains("report.html"))
        for marker in ["KSJOURNALMARK", "KSTAGMARK", "A day for me", "\"journal\""] {
            for (name, bytes) in files {
                for form in TraceSearch.forms(marker) { #expect(!bytes.containsBytes(form), "\(marker) in \(name)") }
            }
        }
        let entry = try #require(try vault.json(["journal", "list"]) as? [[String: Any]]).first?["id"] as? String
        let named = try vault.run(["export", "-o", vault.folder.appending("c.age"), "--to", recipient, "--id", String(try #require(entry).prefix(8))])
        #expect(named.status == 2 && named.errors.contains("only with --include-journal"), "\(named)")
        #expect(!FileManager.default.fileExists(atPath: vault.folder.appending("c.age")))
    }

    /// With `--include-journal` it goes in, in its own section after the incidents, never
    /// counted as one; `verify` renders it again byte for byte, and a changed word fails.
    @Test func withIncludeJournalItGoesInItsOwnSectionAndAChangedWordFailsVerify() throws {
        let (vault, recipient, key) = try Self.journalVault()
        // An unfinished entry kept as a draft: never in a bundle, even with the flag.
        try vault.keepJournalDraft(["KSDRAFTMARK unfinished"])
        let bundle = vault.folder.appending("b.age")
        let exported = try vault.run(["export", "-o", bundle, "--to", recipient, "--include-journal"])
        #expect(exported.status == 0, "\(exported)")
        #expect(exported.output.contains("Sealed 1 incident(s)"), "\(exported)")
        #expect(exported.output.contains("journal entries (1, in their own section)"), "\(exported)")
        #expect(!exported.output.contains("your journal"), "\(exported)")
        #expect(try vault.runner.run(["verify", bundle, "-i", key]).status == 0)
        let folder = vault.folder.appending("opened")
        #expect(try vault.runner.run(["open", bundle, "-i", key, "-o", folder]).status == 0)
        let files = TestFiles.fingerprintContents(folder)
        for (name, bytes) in files {
            for form in TraceSearch.forms("KSDRAFTMARK") { #expect(!bytes.containsBytes(form), "the draft in \(name)") }
        }
        let report = String(decoding: try #require(files["report.html"]), as: UTF8.self)
        let section = try #require(report.range(of: "<h2>Journal</h2>"))
        let incidents = try #require(report.range(of: "<h2>Incidents, most recent first</h2>"))
        #expect(incidents.upperBound < section.lowerBound)
        #expect(report[section.upperBound...].contains("A day for me.<br><br>\(Self.secret), said the counsellor."), "\(report)")
        #expect(report[section.upperBound...].contains("therapy-KSTAGMARK"))
        #expect(!report[..<section.lowerBound].contains("KSJOURNALMARK"))
        #expect(report.contains("1 incident(s)"))
        let csv = String(decoding: try #require(files["incidents.csv"]), as: UTF8.self)
        #expect(csv.split(whereSeparator: \.isNewline).count == 2 && !csv.contains("KSJOURNALMARK"), "\(csv)")
        let manifest = String(decoding: try #require(files["manifest.json"]), as: UTF8.self)
        #expect(manifest.contains("\"reportLayout\" : 5") || manifest.contains("\"reportLayout\":5"), "\(manifest)")
        #expect(try vault.runner.run(["verify", folder]).status == 0)

        // One word of the journal changed in the report: not verified.
        TestFiles.write(Array(report.replacingOccurrences(of: "said the counsellor", with: "said the lawyer").utf8), to: folder + "/report.html")
        let altered = try vault.runner.run(["verify", folder])
        #expect(altered.status == 4, "\(altered)")
        #expect(altered.output.contains("NOT VERIFIED"), "\(altered)")
    }

    /// On a terminal, `--include-journal` asks first; "no" exports nothing.
    @Test func onATerminalIncludingTheJournalIsConfirmedFirst() throws {
        let (vault, recipient, _) = try Self.journalVault()
        let bundle = vault.folder.appending("b.age")
        let terminal = try vault.terminal(["export", "-o", bundle, "--to", recipient, "--include-journal"])
        try terminal.expect("1 journal entry goes into this\nbundle, where whoever opens it can read it in full.")
        try terminal.expect("Put your journal in this bundle?")
        try terminal.send("no")
        try terminal.expect("nothing was exported")
        #expect(try terminal.wait() == .exited(1))
        #expect(!FileManager.default.fileExists(atPath: bundle))
    }
}

extension CLIVault {
    /// Starts `journal write` on a terminal, types `lines`, stops it with Ctrl-C and keeps
    /// what was written as a draft.
    func keepJournalDraft(_ lines: [String]) throws { try keepDraft(["journal", "write"], lines) }
}
