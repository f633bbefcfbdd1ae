import Foundation
import KeepsakeTestSupport
import Testing

/// The helper that runs a program for the CLI tests: both outputs and the input larger than a
/// pipe holds, moved without either side waiting on the other; the exit code, or the signal
/// that ended the program; no descriptor of the test process handed to the program.
@Suite struct ProgramRunnerTests {
    @Test func largeInputAndBothOutputsPassWithoutWaitingOnEachOther() throws {
        let script = #"head -c 200000 /dev/zero | tr '\0' a; head -c 150000 /dev/zero | tr '\0' b >&2; echo; cat | wc -c; exit 7"#
        let input = String(repeating: "x", count: 300_000)
        let result = try ProgramRunner(executable: "/bin/sh").run(["-c", script], input: input)
        #expect(result.status == 7)
        #expect(result.output.hasPrefix(String(repeating: "a", count: 200_000) + "\n"))
        #expect(result.output.trimmingCharacters(in: .whitespacesAndNewlines).hasSuffix("300000"))
        #expect(result.errors == String(repeating: "b", count: 150_000))
    }

    @Test func aProgramEndedByASignalReportsTheSignal() throws {
        let result = try ProgramRunner(executable: "/bin/sh").run(["-c", "kill -TERM $$"])
        #expect(result.status == SIGTERM)
    }

    @Test func aProgramRunningPastItsTimeIsKilledAndSaysSo() throws {
        let started = Date()
        let result = try ProgramRunner(executable: "/bin/sh").run(["-c", "echo begun; sleep 30"], killAfter: 0.5)
        #expect(result.timedOut && result.status == SIGKILL, "\(result)")
        #expect(result.output == "begun\n")
        #expect(Date().timeIntervalSince(started) < 10)
        let quick = try ProgramRunner(executable: "/bin/sh").run(["-c", "exit 3"], killAfter: 30)
        #expect(!quick.timedOut && quick.status == 3)
    }

    @Test func theProgramGetsNoDescriptorOfTheTestProcess() throws {
        var ends: [Int32] = [0, 0]
        #expect(pipe(&ends) == 0)
        defer { ends.forEach { close($0) } }
        var info = stat()
        #expect(fstat(ends[1], &info) == 0)
        let result = try ProgramRunner(executable: "/bin/ls").run(["-l", "/proc/self/fd/"])
        #expect(result.status == 0)
        #expect(result.output.contains("1 -> pipe:"), "\(result)")
        #expect(!result.output.contains("pipe:[\(info.st_ino)]"), "the test's pipe reached the program: \(result)")
    }
}
