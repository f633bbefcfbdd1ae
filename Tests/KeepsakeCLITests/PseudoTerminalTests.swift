import Foundation
import KeepsakeTestSupport
import Testing

/// The pseudo-terminal test helper itself: a program run on it sees a terminal (its own
/// controlling terminal), gets typed lines, Ctrl-C and Ctrl-D as a terminal sends them, and
/// the terminal's size.
@Suite struct PseudoTerminalTests {
    @Test func answersAQuestionAndReportsTheExitStatus() throws {
        let terminal = try PseudoTerminal(
            executable: "/bin/sh",
            arguments: ["-c", #"printf 'Your name? '; read name; echo "got [$name]"; [ -t 0 ] && [ -t 1 ] && echo on-a-tty; exit 3"#])
        let asked = try terminal.expect("Your name? ")
        #expect(asked == "Your name? ")
        try terminal.send("Ana María, 6")
        let reply = try terminal.expect("on-a-tty")
        #expect(reply.contains("got [Ana María, 6]"), "\(reply)")
        #expect(try terminal.wait() == .exited(3))
    }

    @Test func controlCInterruptsTheProgramThroughItsControllingTerminal() throws {
        let terminal = try PseudoTerminal(
            executable: "/bin/sh",
            arguments: ["-c", #"trap 'echo interrupted; exit 7' INT; echo ready; while :; do sleep 0.05; done"#])
        try terminal.expect("ready")
        try terminal.sendControlC()
        try terminal.expect("interrupted")
        #expect(try terminal.wait() == .exited(7))
    }

    @Test func controlDEndsInput() throws {
        let terminal = try PseudoTerminal(executable: "/bin/sh", arguments: ["-c", "cat; echo cat-ended"])
        try terminal.send("first line")
        try terminal.expect("first line")
        try terminal.sendEOF()
        try terminal.expect("cat-ended")
        #expect(try terminal.wait() == .exited(0))
    }

    @Test func typedTextIsShownOnlyWhileEchoIsOn() throws {
        let terminal = try PseudoTerminal(
            executable: "/bin/sh",
            arguments: ["-c", #"read shown; stty -echo; echo hidden-next; read hidden; stty echo; echo "got [$shown] [$hidden]""#])
        try terminal.send("visible words")
        try terminal.expect("hidden-next")
        try terminal.send("secret words")
        let rest = try terminal.expect("got [visible words] [secret words]")
        #expect(!rest.contains("secret words\n"), "echoed while echo was off: \(rest)")
        #expect(terminal.transcript.contains("visible words\n"), "echoed while echo was on")
        #expect(try terminal.wait() == .exited(0))
    }

    @Test func theTerminalHasTheSizeAskedFor() throws {
        let terminal = try PseudoTerminal(
            executable: "/bin/sh", arguments: ["-c", "stty size"], columns: 80, rows: 30)
        try terminal.expect("30 80")
        #expect(try terminal.wait() == .exited(0))
    }

    /// A descriptor open in the test process (here the write end of a pipe, as another test's
    /// `ProgramRunner` holds one while its program runs) does not reach the program on the
    /// terminal: if it did, that other test would wait for end-of-file until this session
    /// ended (in CI, a test of `attach` waited past its two-minute limit).
    @Test func theProgramInheritsNoDescriptorBeyondTheTerminal() throws {
        var ends: [Int32] = [0, 0]
        #expect(pipe(&ends) == 0)
        defer { ends.forEach { close($0) } }
        var info = stat()
        #expect(fstat(ends[1], &info) == 0)
        let terminal = try PseudoTerminal(executable: "/bin/ls", arguments: ["-l", "/proc/self/fd/"])
        #expect(try terminal.wait() == .exited(0))
        let listing = terminal.transcript
        #expect(listing.contains("0 -> /dev/pts/"), "the terminal is its input: \(listing)")
        #expect(!listing.contains("pipe:[\(info.st_ino)]"), "the test's pipe reached the program: \(listing)")
    }

    @Test func aMissingTextTimesOutWithWhatWasPrinted() throws {
        let terminal = try PseudoTerminal(
            executable: "/bin/sh", arguments: ["-c", "echo something else; sleep 5"], timeout: 0.5)
        #expect(throws: PseudoTerminal.Failure.self) { try terminal.expect("never printed") }
    }

    @Test func runsTheBuiltKeepsake() throws {
        let terminal = try PseudoTerminal(product: "keepsake", arguments: ["--version"])
        try terminal.expect("0.1.0")
        #expect(try terminal.wait() == .exited(0))
    }
}
