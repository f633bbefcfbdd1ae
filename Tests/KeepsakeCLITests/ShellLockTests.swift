import Foundation
import KeepsakeTestSupport
import Testing

/// `keepsake shell` on a terminal: the idle lock works at any question (what was typed kept as
/// an encrypted draft), clears the screen and its scrollback, and `keepsake` typed in front of a
/// command is accepted.
@Suite struct ShellLockTests {
    static let clear = "\u{1B}[H\u{1B}[2J\u{1B}[3J"

    @Test func theIdleLockWorksInTheMiddleOfALogAndKeepsADraft() throws {
        let vault = try CLIVault()
        let terminal = try vault.terminal(["shell", "--idle-seconds", "3"])
        try terminal.expect("keepsake> ")
        try terminal.send("log")
        try terminal.answer([("When did it happen?", ["yesterday"]), ("How long did it last?", ["ten minutes"])])
        try terminal.expect("Where did it happen?")
        try terminal.type("in the hall, by the")
        // Nothing more is typed: the shell locks at the question.
        let locked = try terminal.expect("without typing.", timeout: 15)
        #expect(locked.contains("kept as an encrypted draft"), "\(locked)")
        #expect(locked.contains("Locked after 3 seconds without typing."), "\(locked)")
        #expect(try terminal.wait() == .exited(0))
        #expect(terminal.transcript.hasSuffix(Self.clear), "the screen and scrollback are cleared last")
        #expect(try vault.incidentIDs().isEmpty)

        // The draft is offered by the next log, with what was typed.
        let next = try vault.terminal(["log"])
        try next.expect("You have an unfinished entry")
        try next.send("yes")
        try next.answer([("When did it happen?", [""]), ("How long did it last?", [])])
        #expect(try next.expect("> ").contains("Saved: ten minutes"))
        try next.send("")
        try next.expect("Where did it happen?")
        let unfinished = try next.expect("> ")
        #expect(unfinished.contains("Saved: in the hall, by the"), "the answer being typed is in the draft: \(unfinished)")
        next.interrupt()
        try next.expect("Nothing new was typed")
        #expect(try next.wait() == .exited(0))
    }

    /// Ctrl-C, then nothing typed at "Keep what you typed…?": the shell locks at that
    /// question, keeping the draft (the question's own default) instead of dropping what was
    /// typed and staying unlocked for another idle spell. The same for the journal.
    @Test func leftAtTheKeepQuestionAfterCtrlCTheShellLocksAndKeepsTheDraft() throws {
        let vault = try CLIVault()
        let terminal = try vault.terminal(["shell", "--idle-seconds", "3"])
        try terminal.expect("keepsake> ")
        try terminal.send("log")
        try terminal.answer([("When did it happen?", ["yesterday"]), ("How long did it last?", ["ten minutes"])])
        try terminal.expect("Where did it happen?")
        try terminal.send("in the hall")
        try terminal.expect("> ")
        try terminal.sendControlC()
        try terminal.expect("Keep what you typed as an encrypted draft")
        let locked = try terminal.expect("without typing.", timeout: 15)
        #expect(locked.contains("kept as an encrypted draft"), "\(locked)")
        #expect(!locked.contains("Nothing was kept"), "\(locked)")
        #expect(try terminal.wait() == .exited(0))
        #expect(try vault.incidentIDs().isEmpty)
        let next = try vault.terminal(["log"])
        try next.expect("You have an unfinished entry")
        next.interrupt()
        _ = try next.wait()

        let shell = try vault.terminal(["shell", "--idle-seconds", "3"])
        try shell.expect("keepsake> ")
        try shell.send("journal write")
        try shell.expect("alone on a line")
        try shell.send("a line written before Ctrl-C")
        _ = shell.remainingOutput(settle: 0.3)
        try shell.sendControlC()
        try shell.expect("Keep what you wrote as an encrypted draft")
        let journalLocked = try shell.expect("without typing.", timeout: 15)
        #expect(journalLocked.contains("kept as an encrypted draft"), "\(journalLocked)")
        #expect(try shell.wait() == .exited(0))
        let journal = try vault.terminal(["journal", "write"])
        try journal.expect("You have an unfinished journal entry")
        journal.interrupt()
        _ = try journal.wait()
    }

    @Test func theIdleLockAtThePromptSaysMinutesInTheSingular() throws {
        let vault = try CLIVault()
        let terminal = try vault.terminal(["shell", "--idle-seconds", "1"])
        let shown = try terminal.expect("without typing.", timeout: 15)
        #expect(shown.contains("Locked after 1 second without typing."), "\(shown)")
        #expect(try terminal.wait() == .exited(0))
        let help = try vault.runner.run(["shell", "--help"])
        #expect(help.output.contains("--idle-minutes"))
        #expect(!help.output.contains("idle-seconds"), "a test knob, not shown")
    }

    @Test func keepsakeTypedInTheShellIsAcceptedAndMistakesAreOneLine() throws {
        let vault = try CLIVault()
        let terminal = try vault.terminal(["shell"])
        try terminal.expect("keepsake> ")
        try terminal.send("keepsake contacts add Ana --role advocate")
        try terminal.expect("Added Ana as ")
        try terminal.expect("keepsake> ")
        try terminal.send("keepsake list contacts")
        let listed = try terminal.expect("keepsake> ")
        #expect(listed.contains("Ana (advocate)") && !listed.contains("unexpected"), "\(listed)")
        try terminal.send("lgo")
        let typo = try terminal.expect("keepsake> ")
        #expect(typo.contains("keepsake: error: there is no command 'lgo'; did you mean 'log'?"), "\(typo)")
        try terminal.send("log --kind hitting")
        let value = try terminal.expect("keepsake> ")
        #expect(value.contains("keepsake: error: the value 'hitting' is invalid for '--kind <kind>'"), "\(value)")
        try terminal.send("lock")
        #expect(try terminal.wait() == .exited(0))
    }
}
