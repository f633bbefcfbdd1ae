import Foundation
import KeepsakeTestSupport
import Testing

/// An unfinished letter to oneself is never lost (issue 22): on a pseudo-terminal, as the owner
/// meets it, the shell's idle lock keeps it without asking, Ctrl-C keeps it after asking (yes
/// unless the owner says no), the next `letter write` offers it and saves it exactly, a draft
/// thrown away leaves nothing, and a draft is never read, listed, searched, remembered or
/// exported.
@Suite struct LetterDraftCLITests {
    static let lines = [
        "Dear me,",
        "",
        "He said \"just this once, I promise\", and I believed it, again.",
        "  Commas, 'single quotes', \"double\" ones: all of it stays.",
    ]

    /// The letters' texts, from `letter --json`.
    static func letters(_ vault: CLIVault) throws -> [String] {
        try #require(try vault.json(["letter"]) as? [[String: Any]])
            .compactMap { ($0["letter"] as? [String: Any])?["text"] as? String }
    }

    @Test func theShellsIdleLockKeepsTheLetterAndTheNextWriteSavesItExactly() throws {
        let vault = try CLIVault()
        let terminal = try vault.terminal(["shell", "--idle-seconds", "3"])
        try terminal.expect("keepsake> ")
        try terminal.send("letter write")
        try terminal.expect("alone on a line.")
        for line in Self.lines { try terminal.send(line) }
        try terminal.type("half a line, not ended")
        let locked = try terminal.expect("without typing.", timeout: 15)
        #expect(locked.contains("What you wrote is kept as an encrypted draft; `letter write` will offer it"), "\(locked)")
        #expect(!locked.contains("Keep what you wrote"), "the lock does not ask: \(locked)")
        #expect(try terminal.wait() == .exited(0))
        #expect(try Self.letters(vault).isEmpty, "a draft is not a letter")

        let next = try vault.terminal(["letter", "write"])
        let offered = try next.expect("Do you want to carry on with it?")
        #expect(offered.contains("You have an unfinished letter, kept "), "\(offered)")
        try next.send("")
        let shown = try next.expect("type just a full stop (.) to keep")
        for line in Self.lines where !line.isEmpty { #expect(shown.contains(line), "\(line) in \(shown)") }
        #expect(shown.contains("half a line, not ended"), "\(shown)")
        try next.send(".")
        try next.expect("type a number to change that answer")
        try next.send("")
        try next.expect("Saved your letter as")
        #expect(try next.wait() == .exited(0))
        #expect(try Self.letters(vault) == [(Self.lines + ["half a line, not ended"]).joined(separator: "\n")])

        // Saved, the draft is settled: the next write starts afresh.
        let third = try vault.terminal(["letter", "write"])
        let start = try third.expect("alone on a line.")
        #expect(!start.contains("unfinished"), "\(start)")
        try third.sendControlC()
        try third.expect("Nothing new was written, so nothing was kept.")
        #expect(try third.wait() == .exited(0))
    }

    @Test func ctrlCAsksAndKeepsTheLetterByDefaultAndItIsNeverShownOrExported() throws {
        let vault = try CLIVault()
        #expect(try vault.run(["log", "--when", "2025-03-15 21:00", "--text", "He broke the door."]).status == 0)
        #expect(try vault.run(["letter", "write", "--stdin"], extraInput: ["A saved letter."]).status == 0)
        let marker = "KSLETTERDRAFTMARK"
        let terminal = try vault.terminal(["letter", "write"])
        try terminal.expect("alone on a line.")
        try terminal.send("\(marker), \"unfinished\"")
        try terminal.send("")
        try terminal.send("second paragraph")
        _ = terminal.remainingOutput(settle: 0.3)
        try terminal.sendControlC()
        try terminal.expect("Stopped. Keep what you wrote as an encrypted draft, to finish later?")
        try terminal.send("")  // Enter: yes
        try terminal.expect("Kept as an encrypted draft. `keepsake letter write` will offer to carry on with it.")
        #expect(try terminal.wait() == .exited(0))

        #expect(try Self.letters(vault) == ["A saved letter."])
        for arguments in [["letter"], ["list"], ["list", "--json"], ["remember"], ["remember", "--json"], ["search", marker],
                          ["search", marker, "--json"], ["timeline"], ["check"], ["check", "--json"]] {
            let result = try vault.run(arguments)
            #expect(result.status == 0, "\(arguments): \(result)")
            #expect(!(result.output + result.errors).contains(marker), "\(arguments): \(result)")
            #expect(!(result.output + result.errors).contains("can't read"), "\(arguments): \(result)")
            #expect(!(result.output + result.errors).contains("could not be read"), "\(arguments): \(result)")
        }
        let exported = try WayOutCLITests.export(
            vault, ["--include-plan", "--include-contacts", "--include-cycle", "--include-boundaries", "--include-journal", "--history"])
        let files = TestFiles.fingerprintContents(exported.folder)
        #expect(files["entries.json"] != nil && files["report.html"] != nil)
        for (name, bytes) in files {
            for form in TraceSearch.forms(marker) { #expect(!bytes.containsBytes(form), "the draft in \(name)") }
            for form in TraceSearch.forms("\"letter\"") { #expect(!bytes.containsBytes(form), "a letter in \(name)") }
        }
        #expect(try vault.runner.run(["verify", exported.bundle, "-i", exported.key]).status == 0)

        // Offered by the next write, and kept again for later when the owner says so.
        let later = try vault.terminal(["letter", "write"])
        try later.expect("You have an unfinished letter, kept ")
        try later.expect("Do you want to carry on with it?")
        try later.send("no")
        try later.expect("Throw that draft away?")
        try later.send("")  // Enter: no
        try later.expect("The draft is kept for another time.")
        try later.expect("alone on a line.")
        try later.sendControlC()
        try later.expect("Nothing new was written, so nothing was kept.")
        #expect(try later.wait() == .exited(0))

        let carried = try vault.terminal(["letter", "write"])
        try carried.expect("Do you want to carry on with it?")
        try carried.send("yes")
        try carried.expect("type just a full stop (.) to keep")
        try carried.send(".")
        try carried.expect("type a number to change that answer")
        try carried.send("")
        try carried.expect("Saved your letter as")
        #expect(try carried.wait() == .exited(0))
        #expect(try Self.letters(vault).first == "\(marker), \"unfinished\"\n\nsecond paragraph")
    }

    @Test func aDraftThrownAwayLeavesNoDraftAndNoLetter() throws {
        let vault = try CLIVault()
        try vault.keepLetterDraft(["To be thrown away."])
        let terminal = try vault.terminal(["letter", "write"])
        try terminal.expect("Do you want to carry on with it?")
        try terminal.send("no")
        try terminal.expect("Throw that draft away?")
        try terminal.send("yes")
        try terminal.expect("The draft was thrown away.")
        try terminal.expect("alone on a line.")
        try terminal.sendControlC()
        try terminal.expect("Nothing new was written, so nothing was kept.")
        #expect(try terminal.wait() == .exited(0))
        #expect(try Self.letters(vault).isEmpty)

        let again = try vault.terminal(["letter", "write"])
        let start = try again.expect("alone on a line.")
        #expect(!start.contains("unfinished"), "no draft is left: \(start)")
        try again.sendControlC()
        try again.expect("Nothing new was written")
        #expect(try again.wait() == .exited(0))
        let checked = try vault.run(["check"])
        #expect(checked.status == 0 && !checked.output.contains("note: entry"), "\(checked)")
    }
}

extension LetterDraftCLITests {
    /// `amend ID` of a letter in the shell, locked while idle: the change is kept as a draft of
    /// that letter (after its saved words, which stay saved), offered by `letter amend ID` and
    /// not by `letter write`, and saved from there as a new version.
    @Test func aChangeToALetterStoppedByTheIdleLockIsOfferedByItsNextAmend() throws {
        let vault = try CLIVault()
        let written = try vault.run(["letter", "write", "--stdin", "--json"], extraInput: ["Dear me,", "", "stay away."])
        let id = try WayOutCLITests.shortID(written.output)
        let saved = "Dear me,\n\nstay away."
        let shell = try vault.terminal(["shell", "--idle-seconds", "3"])
        try shell.expect("keepsake> ")
        try shell.send("amend \(id)")
        try shell.expect("alone on a line.")
        try shell.send("Dear me, again.")
        try shell.send("He said \"never\", twice, and I said: \"enough\".")
        try shell.type("and then")
        let locked = try shell.expect("without typing.", timeout: 15)
        #expect(locked.contains("kept as an encrypted draft; `letter amend \(id.prefix(7))` will offer it"), "\(locked)")
        #expect(try shell.wait() == .exited(0))
        #expect(try Self.letters(vault) == [saved], "the saved letter is unchanged")

        let write = try vault.terminal(["letter", "write"])
        let start = try write.expect("alone on a line.")
        #expect(!start.contains("unfinished"), "a change to a letter is not a new letter: \(start)")
        try write.sendControlC()
        try write.expect("Nothing new was written")
        #expect(try write.wait() == .exited(0))

        let amend = try vault.terminal(["letter", "amend", id])
        let offered = try amend.expect("Do you want to carry on with it?")
        #expect(offered.contains("You have an unfinished change to this letter, kept "), "\(offered)")
        try amend.send("")
        let shown = try amend.expect("type just a full stop (.) to keep")
        #expect(shown.contains("stay away.") && shown.contains("twice, and I said") && shown.contains("and then"), "\(shown)")
        try amend.send(".")
        try amend.expect("type a number to change that answer")
        try amend.send("")
        try amend.expect("Saved the new version of your letter")
        #expect(try amend.wait() == .exited(0))
        let history = try #require(try vault.json(["show", id]) as? [String: Any])["history"] as? [[String: Any]]
        #expect(history?.map { ($0["letter"] as? [String: Any])?["text"] as? String } == [
            saved, saved + "\n\nDear me, again.\nHe said \"never\", twice, and I said: \"enough\".\nand then",
        ])

        // Settled; a change stopped with Ctrl-C and not kept ("no") leaves no draft either.
        let again = try vault.terminal(["letter", "amend", id])
        let fresh = try again.expect("alone on a line.")
        #expect(!fresh.contains("unfinished"), "the draft was settled: \(fresh)")
        try again.send("Not this after all.")
        _ = again.remainingOutput(settle: 0.3)
        try again.sendControlC()
        try again.expect("Keep what you wrote as an encrypted draft")
        try again.send("no")
        try again.expect("Nothing was kept.")
        #expect(try again.wait() == .exited(0))
        let last = try vault.terminal(["letter", "amend", id])
        let none = try last.expect("alone on a line.")
        #expect(!none.contains("unfinished"), "\(none)")
        try last.sendControlC()
        try last.expect("Nothing new was written")
        #expect(try last.wait() == .exited(0))
        #expect(try Self.letters(vault).first?.hasSuffix("and then") == true)
    }
}

extension LetterDraftCLITests {
    /// Carrying on with a kept draft (a letter, a journal entry), typing more and stopping again
    /// keeps both: the earlier words, then what was just typed.
    @Test(arguments: [["letter", "write"], ["journal", "write"]])
    func writingOverAKeptDraftAndStoppingAgainKeepsBoth(_ command: [String]) throws {
        let vault = try CLIVault()
        try vault.keepDraft(command, ["The first evening, \"kept\"."])
        let again = try vault.terminal(command)
        try again.expect("Do you want to carry on with it?")
        try again.send("yes")
        try again.expect("alone on a line")
        try again.send("The second evening, more.")
        _ = again.remainingOutput(settle: 0.3)
        try again.sendControlC()
        try again.expect("Keep what you wrote as an encrypted draft")
        try again.send("yes")
        try again.expect("Kept as an encrypted draft")
        #expect(try again.wait() == .exited(0))

        let last = try vault.terminal(command)
        try last.expect("Do you want to carry on with it?")
        try last.send("yes")
        let shown = try last.expect("alone on a line")
        #expect(shown.contains("The first evening, \"kept\".") && shown.contains("The second evening, more."), "\(shown)")
        try last.send(".")
        if command[0] == "journal" {
            try last.expect("Any tags")
            try last.send("")
        }
        try last.expect("type a number to change that answer")
        try last.send("")
        try last.expect("Saved ")
        #expect(try last.wait() == .exited(0))
        let saved = command[0] == "letter"
            ? try Self.letters(vault)
            : try #require(try vault.json(["journal", "list"]) as? [[String: Any]])
                .compactMap { ($0["journal"] as? [String: Any])?["text"] as? String }
        #expect(saved == ["The first evening, \"kept\".\n\nThe second evening, more."])
    }
}

extension CLIVault {
    /// Starts `letter write` on a terminal, types `lines`, stops it with Ctrl-C and keeps what
    /// was written as a draft.
    func keepLetterDraft(_ lines: [String]) throws { try keepDraft(["letter", "write"], lines) }
}
