import Foundation
import KeepsakeTestSupport
import Testing

/// Good days, apologies and promises through the built program: asked on a terminal like an
/// incident, never listed, counted or exported as one; a promise marked kept or broken by a
/// new version; the cycle view on 80 columns.
@Suite struct CycleCLITests {
    static func id(_ output: String) throws -> String {
        let json = try JSONSerialization.jsonObject(with: Data(output.utf8)) as? [String: Any]
        return String(try #require(json?["id"] as? String).prefix(8))
    }

    @Test func aPromiseIsAskedForReviewedSavedAndLaterMarkedBrokenByANewVersion() throws {
        let vault = try CLIVault()
        let logged = try vault.run(["log", "--when", "2026-03-02 21:30", "--text", "He threw my phone at the wall.", "--json"])
        let incident = try Self.id(logged.output)
        let terminal = try vault.terminal(["moments", "add"])
        try terminal.expect("never counted as one")
        try terminal.answer([
            ("Was it a good day, an apology or a promise?", ["promise"]),
            ("When did it happen?", ["2026-03-03 evening"]),
            ("What was said or done, in your own words?", ["He said he would never touch my phone again.", ""]),
            ("Did it come after one of these incidents?", ["1"]),
        ])
        let review = try terminal.expect("type a number to change that answer")
        #expect(review.contains("What it was: promise"), "\(review)")
        #expect(review.contains("What was said or done: He said he would never touch my phone again."), "\(review)")
        #expect(review.contains("After the incident: \(incident.prefix(7))"), "\(review)")
        try terminal.send("")
        let saved = try terminal.expect("broken")
        #expect(saved.contains("Saved the promise as"), "\(saved)")
        #expect(try terminal.wait() == .exited(0))

        let moments = try #require(try vault.json(["moments", "list"]) as? [[String: Any]])
        #expect(moments.count == 1)
        let promise = String(try #require(moments.first?["id"] as? String).prefix(8))
        let cycle = try vault.shown(promise, "cycle")
        #expect(cycle["kind"] as? String == "promise")
        #expect((cycle["incident"] as? String)?.hasPrefix(incident) == true)
        #expect(cycle["outcome"] == nil)

        // Never an incident: not listed, not counted on the timeline.
        #expect(try vault.incidentIDs().count == 1)
        let timeline = try #require(try vault.json(["timeline"]) as? [String: Any])
        #expect(timeline["incidents"] as? Int == 1)

        let broken = try vault.run(["moments", "broken", promise, "--on", "2026-03-20"])
        #expect(broken.status == 0 && broken.output.contains("was broken, Fri 20 Mar 2026"), "\(broken)")
        let again = try vault.run(["moments", "broken", promise, "--on", "2026-03-20"])
        #expect(again.output.contains("nothing was saved"), "\(again)")
        let kept = try vault.run(["moments", "kept", promise, "--on", "2026-03-21"])
        #expect(kept.output.contains("It was noted as broken before"), "\(kept)")
        let shown = try #require(try vault.json(["show", promise]) as? [String: Any])
        let history = try #require(shown["history"] as? [[String: Any]])
        #expect(history.compactMap { ($0["cycle"] as? [String: Any]).map { $0["outcome"] as? String ?? "none" } }
            == ["none", "broken", "kept"])

        // An incident can't be marked, nor a promise linked to something that is not an incident.
        let wrong = try vault.run(["moments", "kept", incident])
        #expect(wrong.status == 2 && wrong.errors.contains("promise"), "\(wrong)")
        let badLink = try vault.run(["moments", "add", "apology", "sorry", "--incident", promise])
        #expect(badLink.status == 2 && badLink.errors.contains("incident"), "\(badLink)")
    }

    @Test func withoutTextAndOffATerminalItSaysWhatToDo() throws {
        let vault = try CLIVault()
        let result = try vault.run(["moments", "add", "apology"])
        #expect(result.status == 2, "\(result)")
        #expect(result.errors.contains("run it on a terminal"), "\(result)")
        #expect(try vault.run(["timeline", "--cycle", "--by", "week"]).status == 2)
    }

    static func cycleVault() throws -> CLIVault {
        let vault = try CLIVault()
        let runs: [[String]] = [
            ["log", "--when", "2025-01-01 21:00", "--text", "first"],
            ["moments", "add", "apology", "He cried and said sorry.", "--when", "2025-01-02"],
            ["moments", "add", "promise", "He promised to see someone about his anger.", "--when", "2025-01-02"],
            ["log", "--when", "2025-02-11 21:00", "--text", "second"],
            ["moments", "add", "apology", "Flowers, and sorry again.", "--when", "2025-02-12"],
            ["log", "--when", "2025-03-04 21:00", "--text", "third"],
            ["moments", "add", "apology", "He said it would never happen again.", "--when", "2025-03-05"],
            ["moments", "add", "good-day", "A walk by the river, he was kind.", "--when", "2025-03-08"],
            ["log", "--when", "2025-03-15 21:00", "--text", "fourth"],
        ]
        for arguments in runs {
            let result = try vault.run(arguments)
            precondition(result.status == 0, "\(arguments): \(result)")
        }
        let promise = try #require(try vault.json(["moments", "list"]) as? [[String: Any]]).first {
            ($0["cycle"] as? [String: Any])?["kind"] as? String == "promise"
        }
        let id = String(try #require(promise?["id"] as? String).prefix(8))
        #expect(try vault.run(["moments", "broken", id, "--on", "2025-02-11"]).status == 0)
        return vault
    }

    @Test func theCycleViewReadsInAMinuteOnEightyColumns() throws {
        let vault = try Self.cycleVault()
        let result = try vault.run(["timeline", "--cycle"])
        #expect(result.status == 0, "\(result)")
        let head = """
            You wrote down 4 incidents, 3 apologies, 1 promise and 1 good day.
            The calm after an apology, before the next incident, lasted 40, 20 and 10 days.
            The calm is getting shorter: the earlier ones lasted 40 days on average, the
            later ones 10 days.
            Promises: 1 promise made; 0 kept, 1 broken.
            Of 3 apologies old enough to tell, 2 were followed by another incident within 30
            days.

                      Incidents                          Apologies, promises
            Jan 2025  ############### 1                  ++++++++++++++++++++++++++++++ 2
            Feb 2025  ############### 1                  +++++++++++++++ 1
            Mar 2025  ############################## 2   +++++++++++++++ 1

            """
        #expect(result.output.hasPrefix(head), "\(result.output)")
        let rest = result.output.dropFirst(head.count).split(separator: "\n", omittingEmptySubsequences: false)
        // Then the quiet months up to this one, and the legend.
        #expect(rest.dropLast(3).allSatisfy { $0.range(of: #"^[A-Z][a-z]{2} 20\d\d$"#, options: .regularExpression) != nil }, "\(rest)")
        #expect(rest.suffix(3) == ["", "# an incident, + an apology or a promise, per month.", ""], "\(rest)")
        #expect(result.output.split(separator: "\n").allSatisfy { $0.count <= 80 }, "\(result.output)")
    }

    /// Nothing of a good day, an apology or a promise leaves in a bundle, even with every other
    /// option given: the unpacked bundle is searched for their words.
    @Test func anExportLeavesTheMomentsOut() throws {
        let vault = try Self.cycleVault()
        let key = vault.folder.appending("advocate-key.txt")
        let made = try vault.runner.run(["recipient", "new", "-o", key])
        let recipient = try #require(made.output.split(separator: "\n").last.map(String.init), "\(made)")
        let bundle = vault.folder.appending("b.age")
        let exported = try vault.run(["export", "-o", bundle, "--to", recipient, "--include-plan", "--include-contacts", "--history"])
        #expect(exported.status == 0, "\(exported)")
        let folder = vault.folder.appending("opened")
        #expect(try vault.runner.run(["open", bundle, "-i", key, "-o", folder]).status == 0)
        let files = TestFiles.fingerprintContents(folder)
        #expect(files.count > 3)
        for marker in ["He cried and said sorry.", "Flowers, and sorry", "about his anger", "by the river", "goodDay", "\"cycle\""] {
            for (name, bytes) in files {
                for form in TraceSearch.forms(marker) {
                    #expect(!bytes.containsBytes(form), "\(marker) in \(name)")
                }
            }
        }
        let report = String(decoding: try #require(files["report.html"]), as: UTF8.self)
        #expect(report.contains("fourth"))
        #expect(exported.output.contains("Kinds inside: incidents."), "\(exported)")
        #expect(exported.output.contains("Kept private, not in the bundle: your good days, apologies and promises"), "\(exported)")
    }

    /// With `--include-cycle` they go in, in their own report section, never as incidents;
    /// `verify` renders the report again from the entries byte for byte.
    @Test func withIncludeCycleTheyGoInTheirOwnSectionAndTheBundleVerifies() throws {
        let vault = try Self.cycleVault()
        let key = vault.folder.appending("advocate-key.txt")
        let made = try vault.runner.run(["recipient", "new", "-o", key])
        let recipient = try #require(made.output.split(separator: "\n").last.map(String.init), "\(made)")
        let bundle = vault.folder.appending("b.age")
        let exported = try vault.run(["export", "-o", bundle, "--to", recipient, "--include-cycle", "--history"])
        #expect(exported.status == 0, "\(exported)")
        #expect(exported.output.contains("Sealed 4 incident(s)"), "\(exported)")
        #expect(exported.output.contains("good days, apologies and promises (5, in their own section)"), "\(exported)")
        #expect(!exported.output.contains("Kept private"), "\(exported)")
        let verified = try vault.runner.run(["verify", bundle, "-i", key])
        #expect(verified.status == 0, "\(verified)")
        let folder = vault.folder.appending("opened")
        #expect(try vault.runner.run(["open", bundle, "-i", key, "-o", folder]).status == 0)
        let report = String(decoding: try #require(TestFiles.fingerprintContents(folder)["report.html"]), as: UTF8.self)
        let section = try #require(report.range(of: "<h2>Good days, apologies and promises</h2>"))
        let incidents = try #require(report.range(of: "<h2>Incidents, most recent first</h2>"))  // report layout 4
        #expect(incidents.upperBound < section.lowerBound)
        for words in ["He cried and said sorry.", "about his anger", "by the river"] {
            #expect(report[section.upperBound...].contains(words), "\(words)")
            #expect(!report[..<section.lowerBound].contains(words), "\(words) outside its section")
        }
        #expect(report.contains("The promise was</th><td>broken"), "\(report)")
        #expect(report.contains("4 incident(s)"))
        let csv = String(decoding: try #require(TestFiles.fingerprintContents(folder)["incidents.csv"]), as: UTF8.self)
        #expect(csv.split(whereSeparator: \.isNewline).count == 5, "a header and the 4 incidents: \(csv)")
        #expect(!csv.contains("sorry"))
    }
}
