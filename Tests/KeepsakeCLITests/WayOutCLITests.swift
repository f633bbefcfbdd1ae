import Foundation
import KeepsakeTestSupport
import Testing

/// Boundaries, letters to oneself and `keepsake remember` through the built program: asked
/// and reviewed on a terminal, kept exactly as typed, amended by new versions, shown calmly on
/// 80 columns (in the shell too), and private: nothing of them leaves in a bundle unless
/// named, and a letter never.
@Suite struct WayOutCLITests {
    /// Today as the program writes a day ("Sun 6 Dec 2026").
    static var today: String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = .current
        formatter.dateFormat = "EEE d MMM yyyy"
        return formatter.string(from: Date())
    }

    static func shortID(_ output: String) throws -> String {
        let json = try JSONSerialization.jsonObject(with: Data(output.utf8)) as? [String: Any]
        return String(try #require(json?["id"] as? String).prefix(8))
    }

    @Test func aBoundaryIsAskedReviewedSavedAndAmendedKeepingItsEarlierWording() throws {
        let vault = try CLIVault()
        let first = ["No one shouts at me, \"ever\", in front of the kids.", "maybe", "no"]
        let terminal = try vault.terminal(["boundaries", "add"])
        try terminal.expect("in your own words")
        try terminal.answer([("What won't you accept again?", first + [""])])
        let review = try terminal.expect("type a number to change that answer")
        #expect(review.contains("What I won't accept again:"), "\(review)")
        for line in first { #expect(review.contains(line), "\(line) in \(review)") }
        try terminal.send("")
        let saved = try terminal.expect("keepsake remember")
        #expect(saved.contains("Saved as ") && saved.contains("written \(Self.today)"), "\(saved)")
        #expect(try terminal.wait() == .exited(0))

        let listed = try #require(try vault.json(["boundaries"]) as? [[String: Any]])
        #expect(listed.count == 1)
        let id = String(try #require(listed.first?["id"] as? String).prefix(8))
        #expect((listed.first?["boundary"] as? [String: Any])?["text"] as? String == first.joined(separator: "\n"))

        // Amended by its question: the saved words are shown, the new ones replace them.
        let second = ["Nobody reads my messages.", "Not even \"just once\", no."]
        let amend = try vault.terminal(["boundaries", "amend", id])
        let asked = try amend.expect("What won't you accept again?")
        _ = asked
        let shownSaved = try amend.expect("Press Enter to keep it")
        #expect(shownSaved.contains("ever"), "the saved wording is shown: \(shownSaved)")
        for line in second { try amend.send(line) }
        try amend.send("")
        try amend.expect("type a number to change that answer")
        try amend.send("")
        try amend.expect("The earlier wording is kept")
        #expect(try amend.wait() == .exited(0))

        let shown = try #require(try vault.json(["show", id]) as? [String: Any])
        let history = try #require(shown["history"] as? [[String: Any]])
        #expect(history.map { ($0["boundary"] as? [String: Any])?["text"] as? String } == [
            first.joined(separator: "\n"), second.joined(separator: "\n"),
        ])
        #expect(history.allSatisfy { $0["writtenAt"] is String })
        let text = try vault.run(["boundaries", "--history"])
        #expect(text.status == 0, "\(text)")
        #expect(text.output.contains("Written \(Self.today), changed \(Self.today) (2 versions)"), "\(text.output)")
        #expect(text.output.contains("Earlier, written \(Self.today):"), "\(text.output)")
        #expect(text.output.contains("Nobody reads my messages.") && text.output.contains("\"ever\""), "\(text.output)")

        // The same words again change nothing; an empty wording is refused; taken back by a retraction.
        #expect(try vault.run(["boundaries", "amend", id, "--text", second.joined(separator: "\n")]).output.contains("Nothing changed"))
        let empty = try vault.run(["boundaries", "amend", id, "--text", "  "])
        #expect(empty.status == 2 && empty.errors.contains("boundaries remove"), "\(empty)")
        let removed = try vault.run(["boundaries", "remove", id, "--reason", "said differently now"])
        #expect(removed.status == 0, "\(removed)")
        #expect((try vault.json(["boundaries"]) as? [[String: Any]])?.isEmpty == true)
        #expect(try vault.run(["boundaries", "amend", id, "--text", "x"]).status != 0, "a boundary taken back can't be amended")
        let noText = try vault.run(["boundaries", "add"])
        #expect(noText.status == 2 && noText.errors.contains("run it on a terminal"), "\(noText)")
    }

    @Test func aLetterIsKeptExactlyAsTypedAndAmendedAsANewVersion() throws {
        let vault = try CLIVault()
        let letter = [
            "Dear me,", "", "You said \"maybe\" last time, and then: no.", "Commas, quotes, \"all of it\", stay.", "", "",
            "maybe", "no", "  indented, as typed",
        ]
        let terminal = try vault.terminal(["letter", "write"])
        try terminal.expect("alone on a line.")
        for line in letter { try terminal.send(line) }
        try terminal.send(".")
        let review = try terminal.expect("type a number to change that answer")
        #expect(review.contains("Your letter:") && review.contains("You said \"maybe\" last time, and then: no."), "\(review)")
        try terminal.send("")
        try terminal.expect("keepsake remember")
        #expect(try terminal.wait() == .exited(0))

        let letters = try #require(try vault.json(["letter"]) as? [[String: Any]])
        #expect(letters.count == 1)
        #expect((letters.first?["letter"] as? [String: Any])?["text"] as? String == letter.joined(separator: "\n"))
        let id = String(try #require(letters.first?["id"] as? String).prefix(8))

        // Amend: a full stop alone keeps it; new lines replace it, the first version stays.
        let keep = try vault.terminal(["letter", "amend", id])
        try keep.expect("alone on a line.")
        try keep.send(".")
        try keep.expect("type a number to change that answer")
        try keep.send("")
        try keep.expect("Nothing changed, so nothing was saved.")
        #expect(try keep.wait() == .exited(0))
        let change = try vault.terminal(["letter", "amend", id])
        try change.expect("alone on a line.")
        try change.send("Dear me, again.")
        try change.send(".")
        try change.expect("type a number to change that answer")
        try change.send("")
        try change.expect("Saved the new version of your letter")
        #expect(try change.wait() == .exited(0))
        let shown = try #require(try vault.json(["show", id]) as? [String: Any])
        let history = try #require(shown["history"] as? [[String: Any]])
        #expect(history.map { ($0["letter"] as? [String: Any])?["text"] as? String } == [letter.joined(separator: "\n"), "Dear me, again."])

        // Several letters: the newest first.
        #expect(try vault.run(["letter", "write", "--stdin"], extraInput: ["A second letter."]).status == 0)
        let both = try #require(try vault.json(["letter"]) as? [[String: Any]])
        #expect(both.compactMap { ($0["letter"] as? [String: Any])?["text"] as? String } == ["A second letter.", "Dear me, again."])
        let offTerminal = try vault.run(["letter", "write"])
        #expect(offTerminal.status == 2 && offTerminal.errors.contains("--stdin"), "\(offTerminal)")
    }

    /// A vault with four incidents (the two most serious on 15 Mar and 20 Apr 2025), two
    /// promises (one broken), two boundaries, a letter and three contacts.
    static func knownVault() throws -> CLIVault {
        let vault = try CLIVault()
        let runs: [[String]] = [
            ["log", "--when", "2025-01-01 21:00", "--text", "He shouted at me for an hour.", "--kind", "verbal"],
            ["log", "--when", "2025-02-11 21:00", "--text", "He pushed me into the door.", "--kind", "physical"],
            ["log", "--when", "2025-03-15 21:00", "--text", "His hands on my neck.", "--high-risk", "strangulation"],
            ["log", "--when", "2025-04-20 21:00", "--text", "He said he would kill me if I left.", "--high-risk", "threat-to-kill"],
            ["moments", "add", "promise", "He would see someone about his anger.", "--when", "2025-01-02"],
            ["moments", "add", "promise", "He would stop drinking.", "--when", "2025-03-16"],
            ["boundaries", "add", "No one shouts at me in front of the children."],
            ["boundaries", "add", "My phone and my money are mine."],
            ["contacts", "add", "Jo", "--role", "family", "--phone", "0700 000 001"],
            ["contacts", "add", "Sam", "--role", "friend", "--phone", "0700 000 002", "--knows"],
            ["contacts", "add", "Refuge", "--role", "hotline", "--phone", "0808 2000 247"],
            ["contacts", "add", "Alex", "--role", "friend", "--knows"],
        ]
        for arguments in runs {
            let result = try vault.run(arguments)
            precondition(result.status == 0, "\(arguments): \(result)")
        }
        let letter = try vault.run(
            ["letter", "write", "--stdin"],
            extraInput: ["Dear me,", "", "You know what happened. You wrote it down.", "Call Sam before you call him."])
        precondition(letter.status == 0, "\(letter)")
        let promises = try #require(try vault.json(["moments", "list"]) as? [[String: Any]])
        let first = String(try #require(promises.first?["id"] as? String).prefix(8))
        #expect(try vault.run(["moments", "broken", first, "--on", "2025-02-11"]).status == 0)
        let second = String(try #require(promises.last?["id"] as? String).prefix(8))
        #expect(try vault.run(["moments", "kept", second, "--on", "2025-04-01"]).status == 0)
        return vault
    }

    @Test func rememberReadsCalmlyOnEightyColumns() throws {
        let vault = try Self.knownVault()
        vault.runner.environment["KEEPSAKE_REGION"] = "AU"
        let result = try vault.run(["remember"])
        #expect(result.status == 0, "\(result)")
        let golden = """
            This is what you wanted to remember.

            Your letter to yourself, written TODAY:

              Dear me,

              You know what happened. You wrote it down.
              Call Sam before you call him.

            What your own record says:
              You wrote down 4 incidents, from Wed 1 Jan 2025 to Sun 20 Apr 2025 (about 4
              months).
              The most serious:
                Sun 20 Apr 2025, 21:00: a threat to kill
                  “He said he would kill me if I left.”
                Sat 15 Mar 2025, 21:00: choking or strangulation
                  “His hands on my neck.”
                Tue 11 Feb 2025, 21:00: physical harm
                  “He pushed me into the door.”
              Promises: 2 promises written down; 1 broken, 1 kept.
                Broken: made Thu 2 Jan 2025, seen broken Tue 11 Feb 2025.
                  “He would see someone about his anger.”

            What you won't accept again:
              - No one shouts at me in front of the children.
                written TODAY
              - My phone and my money are mine.
                written TODAY

            Call someone instead:
              Sam (friend, knows what is happening): 0700 000 002
              Jo (family): 0700 000 001
              Refuge: 0808 2000 247
              1800RESPECT: 1800 737 732 (24 hours)

            You can read this again whenever you need it.

            """.replacingOccurrences(of: "TODAY", with: Self.today)
        #expect(result.output == golden, "\(result.output)")
        #expect(result.output.split(separator: "\n").allSatisfy { $0.count <= 80 })

        let json = try #require(try vault.json(["remember"]) as? [String: Any])
        #expect(json["incidentCount"] as? Int == 4 && json["periodDays"] as? Int == 109)
        #expect((json["mostSerious"] as? [[String: Any]])?.map { $0["level"] as? Int } == [5, 5, 2])
        #expect(json["promisesMade"] as? Int == 2 && json["promisesKept"] as? Int == 1)
        #expect((json["promisesBroken"] as? [[String: Any]])?.count == 1)
        #expect((json["people"] as? [[String: Any]])?.map { $0["name"] as? String } == ["Sam", "Jo"])
        #expect((json["helplines"] as? [[String: Any]])?.map { $0["name"] as? String } == ["Refuge", "1800RESPECT"])
        #expect((json["letters"] as? [[String: Any]])?.first?["text"] as? String
            == "Dear me,\n\nYou know what happened. You wrote it down.\nCall Sam before you call him.")
    }

    @Test func withNothingWrittenRememberSaysWhatItCouldShow() throws {
        let vault = try CLIVault()
        vault.runner.environment["KEEPSAKE_REGION"] = "GB"
        let result = try vault.run(["remember"])
        #expect(result.status == 0, "\(result)")
        let golden = """
            Nothing is written here yet. When the urge to reach out or go back comes,
            `keepsake remember` can show you, in this order:

              - a letter you write to yourself while your head is clear
                  keepsake letter write
              - plain facts from your own record: how many incidents and over what time, the
                most serious ones, the promises that were broken
                  keepsake log, keepsake moments add
              - what you won't accept again
                  keepsake boundaries add
              - the people you trust, to call instead
                  keepsake contacts add

            Add any of them whenever you feel ready.

            If you want to talk to someone now:
              National Domestic Abuse Helpline (Refuge): 0808 2000 247 (free, 24 hours)

            """
        #expect(result.output == golden, "\(result.output)")
        let json = try #require(try vault.json(["remember"]) as? [String: Any])
        #expect(json["incidentCount"] as? Int == 0 && (json["letters"] as? [Any])?.isEmpty == true)
    }

    @Test func rememberWorksInTheShellWithOneLetter() throws {
        let vault = try Self.knownVault()
        let terminal = try vault.terminal(["shell"])
        try terminal.expect("keepsake> ")
        try terminal.send("r")
        let shown = try terminal.expect("keepsake> ")
        #expect(shown.contains("This is what you wanted to remember."), "\(shown)")
        #expect(shown.contains("Call Sam before you call him.") && shown.contains("Sam (friend, knows what is happening)"), "\(shown)")
        try terminal.send("remember")
        let again = try terminal.expect("keepsake> ")
        #expect(again.contains("You can read this again whenever you need it."), "\(again)")
        try terminal.send("lock")
        #expect(try terminal.wait() == .exited(0))
    }

    /// Markers in boundaries and letters; exported with every other option, none of them is in
    /// any file of the opened bundle (entries.json included), in clear, hex or base64.
    static func markedVault() throws -> (vault: CLIVault, boundaryID: String) {
        let vault = try CLIVault()
        #expect(try vault.run(["log", "--when", "2025-03-15 21:00", "--text", "He broke the door."]).status == 0)
        let boundary = try vault.run(["boundaries", "add", "KSBOUNDARYMARK first wording", "--json"])
        let id = try shortID(boundary.output)
        #expect(try vault.run(["boundaries", "amend", id, "--text", "KSBOUNDARYMARK second wording"]).status == 0)
        #expect(try vault.run(["letter", "write", "--stdin"], extraInput: ["KSLETTERMARK dear me", "", "no"]).status == 0)
        #expect(try vault.run(["moments", "add", "promise", "never again", "--when", "2025-03-16"]).status == 0)
        #expect(try vault.run(["contacts", "add", "Sam", "--role", "friend", "--phone", "0700 000 002"]).status == 0)
        return (vault, id)
    }

    static func export(_ vault: CLIVault, _ options: [String]) throws -> (output: String, folder: String, key: String, bundle: String) {
        let key = vault.folder.appending("key-\(options.count).txt")
        let made = try vault.runner.run(["recipient", "new", "-o", key])
        let recipient = try #require(made.output.split(separator: "\n").last.map(String.init), "\(made)")
        let bundle = vault.folder.appending("b-\(options.count).age")
        let exported = try vault.run(["export", "-o", bundle, "--to", recipient] + options)
        #expect(exported.status == 0, "\(exported)")
        let folder = vault.folder.appending("opened-\(options.count)")
        #expect(try vault.runner.run(["open", bundle, "-i", key, "-o", folder]).status == 0)
        return (exported.output, folder, key, bundle)
    }

    @Test func nothingOfABoundaryOrALetterLeavesWithoutItsFlag() throws {
        let (vault, boundaryID) = try Self.markedVault()
        let options = ["--include-plan", "--include-contacts", "--include-cycle", "--history", "--id", boundaryID]
        // `--id` of a boundary alone does not bring it: only the flag does.
        let all = try vault.run(["list", "--json"])
        let incident = try #require(((try JSONSerialization.jsonObject(with: Data(all.output.utf8))) as? [[String: Any]])?.first?["id"] as? String)
        let exported = try Self.export(vault, options + ["--id", String(incident.prefix(8))])
        let files = TestFiles.fingerprintContents(exported.folder)
        #expect(files["entries.json"] != nil && files["report.html"] != nil)
        for marker in ["KSBOUNDARYMARK", "KSLETTERMARK", "\"boundary\"", "\"letter\"", "won't accept"] {
            for (name, bytes) in files {
                for form in TraceSearch.forms(marker) { #expect(!bytes.containsBytes(form), "\(marker) in \(name)") }
            }
        }
        #expect(exported.output.contains("Kept private, not in the bundle:"), "\(exported.output)")
        #expect(exported.output.contains("your boundaries (--include-boundaries puts them in)"), "\(exported.output)")
        #expect(exported.output.contains("your letters to yourself (they never leave the vault)"), "\(exported.output)")
    }

    @Test func withIncludeBoundariesTheyHaveTheirOwnSectionTheLetterStaysAndVerifyChecksEveryWord() throws {
        let (vault, _) = try Self.markedVault()
        let exported = try Self.export(vault, ["--include-boundaries", "--history"])
        #expect(exported.output.contains("your boundaries (1, in their own section)"), "\(exported.output)")
        #expect(!exported.output.contains("--include-boundaries puts them in"), "\(exported.output)")
        let files = TestFiles.fingerprintContents(exported.folder)
        for (name, bytes) in files {
            for form in TraceSearch.forms("KSLETTERMARK") { #expect(!bytes.containsBytes(form), "the letter in \(name)") }
        }
        let report = String(decoding: try #require(files["report.html"]), as: UTF8.self)
        let section = try #require(report.range(of: "<h2>What I won&#39;t accept again</h2>"))
        let incidents = try #require(report.range(of: "<h2>Incidents, most recent first</h2>"))
        #expect(incidents.upperBound < section.lowerBound)
        #expect(report[section.upperBound...].contains("KSBOUNDARYMARK second wording"), "the current wording")
        #expect(report[section.upperBound...].contains("KSBOUNDARYMARK first wording"), "with --history, the earlier wording")
        #expect(!report[..<section.lowerBound].contains("KSBOUNDARYMARK"))
        #expect(report.contains("Boundary written \(Self.shortDay)"), "\(report)")
        let csv = String(decoding: try #require(files["incidents.csv"]), as: UTF8.self)
        #expect(!csv.contains("KSBOUNDARYMARK") && csv.split(whereSeparator: \.isNewline).count == 2)

        // verify renders it again from the entries: the same bytes pass, one changed word fails.
        #expect(try vault.runner.run(["verify", exported.bundle, "-i", exported.key]).status == 0)
        let verified = try vault.runner.run(["verify", exported.folder])
        #expect(verified.status == 0, "\(verified)")
        let changed = report.replacingOccurrences(of: "KSBOUNDARYMARK second wording", with: "KSBOUNDARYMARK other wording")
        try Data(changed.utf8).write(to: URL(fileURLWithPath: exported.folder + "/report.html"))
        let refused = try vault.runner.run(["verify", exported.folder])
        #expect(refused.status != 0, "\(refused)")
        #expect((refused.output + refused.errors).contains("report.html"), "\(refused)")
    }

    /// The report's day format ("15 Mar 2025").
    static var shortDay: String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = .current
        formatter.dateFormat = "d MMM yyyy"
        return formatter.string(from: Date())
    }
}
