import Foundation
import KeepsakeTestSupport
import Testing

/// A change to a journal entry is never lost (issue 22): on a pseudo-terminal, as the owner
/// meets it, a `journal amend ID` (or `amend ID`) stopped by the shell's idle lock keeps the
/// change as a draft of that entry without asking, Ctrl-C keeps it after asking (yes unless the
/// owner says no); only the next amend of that entry offers it, `journal write` does not, and
/// carried on it is saved exactly as kept. A change draft is never listed, searched, counted
/// or exported.
@Suite struct JournalChangeDraftCLITests {
    static let saved = "Saw my sister today.\n\nIt helped."
    static let lines = [
        "Saw my sister today, again.",
        "He texted \"we need to talk\", twice, and I said: \"no\".",
        "  'Not today', I wrote back.",
    ]

    /// The journal's texts, from `journal list --json`.
    static func texts(_ vault: CLIVault) throws -> [String] {
        try #require(try vault.json(["journal", "list"]) as? [[String: Any]])
            .compactMap { ($0["journal"] as? [String: Any])?["text"] as? String }
    }

    /// The texts of every version of the entry `id`, oldest first.
    static func history(_ vault: CLIVault, _ id: String) throws -> [String] {
        try #require(try JournalCLITests.shown(vault, id)["history"] as? [[String: Any]])
            .compactMap { ($0["journal"] as? [String: Any])?["text"] as? String }
    }

    /// Starts `command` on a terminal and checks it offers no draft; stops it with Ctrl-C.
    static func offersNothing(_ vault: CLIVault, _ command: [String]) throws {
        let terminal = try vault.terminal(command)
        let start = try terminal.expect("alone on a line")
        #expect(!start.contains("You have an unfinished"), "\(command): \(start)")
        try terminal.sendControlC()
        try terminal.expect("Nothing new was written, so nothing was kept.")
        #expect(try terminal.wait() == .exited(0))
    }

    @Test func aChangeStoppedByTheIdleLockIsOfferedOnlyByItsNextAmendAndSavedExactly() throws {
        let vault = try CLIVault()
        let id = try JournalCLITests.write(vault, Self.saved, tags: ["family"])
        let other = try JournalCLITests.write(vault, "Another day.")
        let shell = try vault.terminal(["shell", "--idle-seconds", "3"])
        try shell.expect("keepsake> ")
        try shell.send("journal amend \(id)")
        try shell.expect("alone on a line to keep it")
        for line in Self.lines { try shell.send(line) }
        try shell.type("and then")
        let locked = try shell.expect("without typing.", timeout: 15)
        #expect(locked.contains("kept as an encrypted draft; `journal amend \(id)` will offer it"), "\(locked)")
        #expect(!locked.contains("Keep what you wrote"), "the lock does not ask: \(locked)")
        #expect(!locked.contains("Nothing was saved"), "\(locked)")
        #expect(try shell.wait() == .exited(0))
        #expect(try Self.texts(vault) == [Self.saved, "Another day."], "the saved entry is unchanged")

        // Not offered by a new entry, nor by a change to another entry.
        try Self.offersNothing(vault, ["journal", "write"])
        try Self.offersNothing(vault, ["journal", "amend", other])

        let kept = Self.saved + "\n\n" + (Self.lines + ["and then"]).joined(separator: "\n")
        let amend = try vault.terminal(["journal", "amend", id])
        let offered = try amend.expect("Do you want to carry on with it?")
        #expect(offered.contains("You have an unfinished change to this journal entry, kept "), "\(offered)")
        try amend.send("")
        let shown = try amend.expect("alone on a line to keep it")
        for line in Self.lines { #expect(shown.contains(line), "\(line) in \(shown)") }
        try amend.send(".")
        try amend.expect("Any tags")
        try amend.send("")
        try amend.expect("type a number to change that answer")
        try amend.send("")
        try amend.expect("Saved a new version of \(id)")
        #expect(try amend.wait() == .exited(0))
        #expect(try Self.history(vault, id) == [Self.saved, kept])
        #expect(try Self.texts(vault) == [kept, "Another day."])

        // Saved, the draft is settled: the next amend starts afresh.
        try Self.offersNothing(vault, ["journal", "amend", id])
    }

    @Test func ctrlCOnAChangeAsksAndKeepsItByDefaultNeverShownCountedOrExportedAndNoKeepsNothing() throws {
        let vault = try CLIVault()
        #expect(try vault.run(["log", "--when", "2025-03-15 21:00", "--text", "He broke the door."]).status == 0)
        let id = try JournalCLITests.write(vault, Self.saved)
        let marker = "KSJOURNALCHANGEMARK"
        let terminal = try vault.terminal(["amend", id])
        try terminal.expect("alone on a line to keep it")
        try terminal.send("\(marker), \"unfinished\"")
        try terminal.send("")
        try terminal.send("second paragraph")
        _ = terminal.remainingOutput(settle: 0.3)
        try terminal.sendControlC()
        try terminal.expect("Stopped. Keep what you wrote as an encrypted draft, to finish later?")
        try terminal.send("")  // Enter: yes
        try terminal.expect("Kept as an encrypted draft. `keepsake journal amend \(id)` will offer to carry on with it.")
        #expect(try terminal.wait() == .exited(0))
        #expect(try Self.texts(vault) == [Self.saved])

        for arguments in [["journal"], ["journal", "--json"], ["journal", "search", marker], ["journal", "show", id],
                          ["journal", "show", id, "--json"], ["list"], ["list", "--json"], ["search", marker],
                          ["search", marker, "--json"], ["timeline"], ["remember"], ["check"], ["check", "--json"]] {
            let result = try vault.run(arguments)
            #expect(result.status == 0, "\(arguments): \(result)")
            #expect(!(result.output + result.errors).contains(marker), "\(arguments): \(result)")
            #expect(!(result.output + result.errors).contains("can't read"), "\(arguments): \(result)")
            #expect(!(result.output + result.errors).contains("could not be read"), "\(arguments): \(result)")
        }
        let exported = try WayOutCLITests.export(
            vault, ["--include-plan", "--include-contacts", "--include-cycle", "--include-boundaries", "--include-journal", "--history"])
        #expect(exported.output.contains("journal entries (1, in their own section)"), "counted once: \(exported.output)")
        let files = TestFiles.fingerprintContents(exported.folder)
        #expect(files["entries.json"] != nil && files["report.html"] != nil)
        for (name, bytes) in files {
            for form in TraceSearch.forms(marker) { #expect(!bytes.containsBytes(form), "the draft in \(name)") }
        }
        #expect(try vault.runner.run(["verify", exported.bundle, "-i", exported.key]).status == 0)

        // Offered by the next amend (`amend ID` too), kept again for later when the owner says so.
        let later = try vault.terminal(["amend", id])
        try later.expect("You have an unfinished change to this journal entry, kept ")
        try later.expect("Do you want to carry on with it?")
        try later.send("no")
        try later.expect("Throw that draft away?")
        try later.send("")  // Enter: no
        try later.expect("The draft is kept for another time.")
        try later.expect("alone on a line to keep it")
        try later.sendControlC()
        try later.expect("Nothing new was written, so nothing was kept.")
        #expect(try later.wait() == .exited(0))

        let carried = try vault.terminal(["journal", "amend", id])
        try carried.expect("Do you want to carry on with it?")
        try carried.send("yes")
        try carried.expect("alone on a line to keep it")
        try carried.send(".")
        try carried.expect("Any tags")
        try carried.send("")
        try carried.expect("type a number to change that answer")
        try carried.send("")
        try carried.expect("Saved a new version of \(id)")
        #expect(try carried.wait() == .exited(0))
        let kept = Self.saved + "\n\n\(marker), \"unfinished\"\n\nsecond paragraph"
        #expect(try Self.history(vault, id) == [Self.saved, kept])

        // A change stopped and not kept ("no") leaves no draft.
        let again = try vault.terminal(["journal", "amend", id])
        let fresh = try again.expect("alone on a line to keep it")
        #expect(!fresh.contains("You have an unfinished"), "the draft was settled: \(fresh)")
        try again.send("Not this after all.")
        _ = again.remainingOutput(settle: 0.3)
        try again.sendControlC()
        try again.expect("Keep what you wrote as an encrypted draft")
        try again.send("no")
        try again.expect("Nothing was kept.")
        #expect(try again.wait() == .exited(0))
        try Self.offersNothing(vault, ["amend", id])
        try Self.offersNothing(vault, ["journal", "write"])
        #expect(try Self.history(vault, id) == [Self.saved, kept])
    }

    /// A change kept for an entry since retracted is offered by `journal write`, as a letter's is.
    @Test func aChangeToAnEntrySinceRetractedIsOfferedAsANewEntry() throws {
        let vault = try CLIVault()
        let id = try JournalCLITests.write(vault, Self.saved)
        try vault.keepDraft(["journal", "amend", id], ["Rewritten, \"kept\"."])
        #expect(try vault.run(["journal", "retract", id]).status == 0)

        let write = try vault.terminal(["journal", "write"])
        let offered = try write.expect("Do you want to carry on with it?")
        #expect(offered.contains("You have an unfinished journal entry, kept "), "\(offered)")
        try write.send("yes")
        try write.expect("alone on a line to keep it")
        try write.send(".")
        try write.expect("Any tags")
        try write.send("")
        try write.expect("type a number to change that answer")
        try write.send("")
        try write.expect("Saved in your journal as")
        #expect(try write.wait() == .exited(0))
        #expect(try Self.texts(vault) == [Self.saved + "\n\nRewritten, \"kept\"."])
        try Self.offersNothing(vault, ["journal", "write"])
    }
}
