import Foundation
import KeepsakeTestSupport
import Testing

/// `passphrase change --rekey` through the built program: the person who learned the old
/// passphrase and kept a copy of the key file reads nothing afterwards, the anchor printed
/// before still verifies an export made after, and a wrong passphrase or a full disk leaves
/// everything as it was with one line saying why.
@Suite struct RekeyCLITests {
    static let cheap = ["--kdf-memory", "1", "--kdf-passes", "1", "--insecure-test-kdf"]
    static let newPassphrase = "orbit walnut fjord ukulele"

    func makeVault(photoBytes: Int = 150_000) throws -> CLIVault {
        let vault = try CLIVault()
        let photo = vault.folder.appending("bruise.png")
        TestFiles.write((0..<photoBytes).map { UInt8(truncatingIfNeeded: $0 &* 13) }, to: photo)
        #expect(try vault.run(["log", "--when", "2026-01-05 22:00", "--kind", "physical", "--text", "He pushed me down the stairs.",
                               "--attach", photo]).status == 0)
        #expect(try vault.run(["log", "--text", "He said he would take the kids."]).status == 0)
        return vault
    }

    @Test func afterARekeyAnOldKeyFileReadsNothingAndTheAnchorPrintedBeforeStillVerifies() throws {
        let vault = try makeVault()
        let anchor = try vault.run(["anchor"]).output.split(separator: "\n").first.map(String.init) ?? ""
        #expect(anchor.hasPrefix("KS"), "\(anchor)")
        let oldKeyFile = TestFiles.read(vault.path + "/0")

        let change = try vault.run(["passphrase", "change", "--rekey"] + Self.cheap, extraInput: [Self.newPassphrase])
        #expect(change.status == 0, "\(change)")
        #expect(change.output.contains("Everything in the vault is now locked with new keys"), "\(change)")
        #expect(change.output.contains("Copies someone already took of the vault's files"), "\(change)")
        #expect(change.output.contains("before today still open with the old passphrase"), "\(change)")
        #expect(!change.errors.contains("Re-locking"), "no progress line when standard error is not a terminal: \(change)")

        // The abuser puts back the key file copied before and types the old passphrase.
        let currentKeyFile = TestFiles.read(vault.path + "/0")
        TestFiles.write(oldKeyFile, to: vault.path + "/0")
        for command in [["list"], ["check"], ["show", "1"]] {
            let result = try vault.run(command)
            #expect(result.status == 4, "\(command): \(result)")
            #expect(result.errors.contains("key file `0`") && result.errors.contains("re-keyed"), "\(result)")
            #expect(!result.output.contains("stairs") && !result.errors.contains("stairs") && !result.output.contains("kids"))
        }
        #expect(try vault.run(["list"], passphrase: Self.newPassphrase).status == 3)

        TestFiles.write(currentKeyFile, to: vault.path + "/0")
        let listed = try vault.run(["list"], passphrase: Self.newPassphrase)
        #expect(listed.status == 0 && listed.output.contains("stairs") && listed.output.contains("kids"), "\(listed)")
        let check = try vault.run(["check"], passphrase: Self.newPassphrase)
        #expect(check.status == 0, "\(check)")

        // An export made after the re-key verifies against the anchor printed before it.
        let bundle = vault.folder.appending("bundle.age")
        let words = "velvet harbor quietly juggles crimson lanterns"
        let exported = try vault.run(["export", "-o", bundle, "--passphrase"], extraInput: [words], passphrase: Self.newPassphrase)
        #expect(exported.status == 0, "\(exported)")
        let opened = try vault.runner.run(
            ["open", bundle, "--passphrase-stdin", "-o", vault.folder.appending("opened"), "--anchor", anchor], input: words + "\n")
        #expect(opened.status == 0, "\(opened)")
        #expect(opened.output.contains("VERIFIED") && opened.output.contains("only grew"), "\(opened)")
        let verified = try vault.runner.run(["verify", vault.folder.appending("opened"), "--anchor", anchor])
        #expect(verified.status == 0, "\(verified)")
    }

    @Test func aWrongPassphraseChangesNothing() throws {
        let vault = try makeVault()
        let before = TestFiles.fingerprint(vault.path)
        let result = try vault.run(["passphrase", "change", "--rekey"] + Self.cheap, extraInput: [Self.newPassphrase],
                                   passphrase: "not the passphrase at all")
        #expect(result.status == 3, "\(result)")
        #expect(result.errors.split(separator: "\n").filter { $0.contains("error") }.count == 1, "one line: \(result)")
        #expect(TestFiles.fingerprint(vault.path) == before)
    }

    @Test func aFullDiskDuringARekeyLeavesEverythingAsBeforeAndSaysSoInOneLine() throws {
        let vault = try makeVault(photoBytes: 400_000)
        let before = TestFiles.fingerprint(vault.path).filter { $0.key != "3" }
        // A full disk for the command: `ulimit -f 256` (256 KiB: the log's copy fits, the
        // photo's does not) with SIGXFSZ ignored.
        let limited = try ProgramRunner(executable: "/bin/sh").run(
            ["-c", "trap '' XFSZ; ulimit -f 256 && exec \"$@\"", "sh", vault.runner.executable,
             "passphrase", "change", "--rekey", "--vault", vault.path, "--passphrase-stdin"] + Self.cheap,
            input: vault.passphrase + "\n" + Self.newPassphrase + "\n")
        #expect(limited.status == 1, "\(limited)")
        let errorLines = limited.errors.split(separator: "\n").filter { $0.contains("error") }
        #expect(errorLines.count == 1, "one line: \(limited)")
        #expect(limited.errors.contains("File too large") || limited.errors.contains("too large for this disk"), "\(limited)")
        #expect(TestFiles.fingerprint(vault.path).filter { $0.key != "3" } == before)
        let listed = try vault.run(["list"])
        #expect(listed.status == 0 && listed.output.contains("stairs"), "\(listed)")
        #expect(try vault.run(["list"], passphrase: Self.newPassphrase).status == 3)
        #expect(try vault.run(["check"]).status == 0)
    }

    @Test func onATerminalTheRekeyShowsEntriesAndBytesDone() throws {
        let vault = try makeVault()
        let terminal = try PseudoTerminal(
            product: "keepsake",
            arguments: ["passphrase", "change", "--rekey", "--vault", vault.path, "--passphrase-stdin"] + Self.cheap, timeout: 60)
        try terminal.expect("Passphrase: ")
        try terminal.send(vault.passphrase)
        try terminal.expect("New passphrase: ")
        try terminal.send(Self.newPassphrase)
        try terminal.expect("Type it again: ")
        try terminal.send(Self.newPassphrase)
        #expect(try terminal.wait() == .exited(0), "\(terminal.transcript)")
        let transcript = terminal.transcript
        #expect(transcript.contains("Re-locking everything ["), "\(transcript)")
        let done = try #require(transcript.range(of: #"100% (\d+) of (\d+) entries, ([0-9.]+) of ([0-9.]+) MiB"#, options: .regularExpression))
        let numbers = transcript[done].split(whereSeparator: { !$0.isNumber && $0 != "." }).map(String.init)
        #expect(numbers.count == 5 && numbers[1] == numbers[2] && numbers[3] == numbers[4] && Int(numbers[1])! >= 3, "\(numbers)")
        #expect(transcript.contains("Everything in the vault is now locked with new keys"))
    }

    @Test func recoveryNewWithRekeyLeavesTheOldCodeAndKeyFileNothing() throws {
        let vault = try makeVault()
        let made = try vault.run(["recovery", "new"] + Self.cheap)
        let oldCode = try #require(KeyChangeCLITests.code(in: made.output), "\(made)")
        let oldKeyFile = TestFiles.read(vault.path + "/0")
        let rekeyed = try vault.run(["recovery", "new", "--rekey"] + Self.cheap)
        #expect(rekeyed.status == 0, "\(rekeyed)")
        let newCode = try #require(KeyChangeCLITests.code(in: rekeyed.output), "\(rekeyed)")
        #expect(newCode != oldCode && rekeyed.output.contains("Copies someone already took"))
        let withOld = try vault.runner.run(["list", "--recovery", "--vault", vault.path, "--passphrase-stdin"], input: oldCode + "\n")
        #expect(withOld.status == 3, "\(withOld)")

        let current = TestFiles.read(vault.path + "/0")
        TestFiles.write(oldKeyFile, to: vault.path + "/0")
        let oldBoth = try vault.runner.run(["list", "--recovery", "--vault", vault.path, "--passphrase-stdin"], input: oldCode + "\n")
        #expect(oldBoth.status == 4 && !oldBoth.output.contains("stairs"), "\(oldBoth)")
        #expect(try vault.run(["list"]).status == 4)
        TestFiles.write(current, to: vault.path + "/0")
        let withNew = try vault.runner.run(["list", "--recovery", "--vault", vault.path, "--passphrase-stdin"], input: newCode + "\n")
        #expect(withNew.status == 0 && withNew.output.contains("stairs"), "\(withNew)")
        #expect(try vault.run(["list"]).status == 0)
    }
}
