import Foundation
import KeepsakeTestSupport
import Testing

/// The evidence chain through the program, as an owner and a recipient use it: the anchor
/// carries the key's fingerprint, a bundle from another vault fails against it naming both
/// keys, no anchor gives SIGNED (never VERIFIED), a report of a newer layout exits 6, and an
/// entry saved with the clock set back is flagged when saved, by `check`, by `verify` and in
/// the report.
@Suite struct EvidenceChainCLITests {
    static let fixtures = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures").path
    static let words = "orbit willow cinder meadow falcon"

    /// Logs one incident, prints the anchor, exports with a passphrase and decrypts to a ZIP.
    func vaultWithBundle(_ text: String) throws -> (vault: CLIVault, anchor: String, fingerprint: String, zip: String) {
        let vault = try CLIVault()
        #expect(try vault.run(["log", "--text", text]).status == 0)
        let anchor = try vault.run(["anchor"])
        #expect(anchor.status == 0, "\(anchor)")
        let anchorText = try #require(anchor.output.split(separator: "\n").first.map(String.init))
        let json = try #require(try vault.json(["anchor"]) as? [String: Any])
        let fingerprint = try #require(json["keyFingerprint"] as? String)
        #expect(anchor.output.contains("key fingerprint, \(fingerprint)"), "\(anchor.output)")
        let sealed = vault.folder.appending("b.age")
        #expect(try vault.run(["export", "-o", sealed, "--passphrase"], extraInput: [Self.words]).status == 0)
        let zip = vault.folder.appending("b.zip")
        #expect(try vault.runner.run(["decrypt", sealed, "--passphrase-stdin", "-o", zip], input: Self.words + "\n").status == 0)
        return (vault, anchorText, fingerprint, zip)
    }

    @Test func anAnchorOfAnotherVaultFailsNamingBothKeysAndNoAnchorIsOnlySigned() throws {
        let owner = try vaultWithBundle("He broke the door.")
        let stranger = try vaultWithBundle("Something else.")
        #expect(owner.fingerprint != stranger.fingerprint)

        let mine = try owner.vault.runner.run(["verify", owner.zip, "--anchor", owner.anchor])
        #expect(mine.status == 0, "\(mine)")
        #expect(mine.output.contains("VERIFIED: "))

        let other = try owner.vault.runner.run(["verify", owner.zip, "--anchor", stranger.anchor])
        #expect(other.status == 4, "\(other)")
        #expect(other.output.contains(owner.fingerprint) && other.output.contains(stranger.fingerprint))
        #expect(other.output.contains("NOT VERIFIED"))

        let bare = try owner.vault.runner.run(["verify", owner.zip])
        #expect(bare.status == 0, "\(bare)")
        #expect(bare.output.contains("SIGNED: "))
        #expect(bare.output.contains("signed by key") || bare.output.contains("Signed by key \(owner.fingerprint)"))
        #expect(bare.output.contains("without an anchor from the owner you can't tell who made this bundle"))
        #expect(!bare.output.contains("VERIFIED"))

        // The owner's vault says the same of the stranger's anchor.
        let check = try owner.vault.run(["check", "--anchor", stranger.anchor])
        #expect(check.status == 4, "\(check)")
        #expect(check.output.contains(stranger.fingerprint) && check.output.contains(owner.fingerprint))
    }

    @Test func aReportOfANewerKeepsakeExitsSixAndIsNeverVerified() throws {
        let runner = ProgramRunner(product: "keepsake")
        let folder = Self.fixtures + "/bundle-newer-layout"
        let anchor = try String(contentsOfFile: folder + "/anchor.txt", encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
        let result = try runner.run(["verify", folder + "/bundle.zip", "--anchor", anchor])
        #expect(result.status == 6, "\(result)")
        #expect(result.output.contains("NOT FULLY CHECKED"))
        #expect(result.output.contains("made by a newer Keepsake"))
        #expect(!result.output.contains("VERIFIED:"))
    }

    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/faketime")))
    func anEntrySavedWithTheClockSetBackIsFlaggedEverywhere() throws {
        let vault = try CLIVault()
        #expect(try vault.run(["log", "--when", "2026-01-05 22:00", "--text", "He pushed me."]).status == 0)
        let back = ProgramRunner(executable: "/usr/bin/faketime")
        let input = vault.passphrase + "\n"
        let saved = try back.run(["-f", "-30d", vault.runner.executable, "log", "--when", "2026-01-04 10:00", "--text", "He took my phone.",
                                  "--vault", vault.path, "--passphrase-stdin"], input: input)
        #expect(saved.status == 0, "\(saved)")
        #expect(saved.errors.contains("earlier than something already saved in your vault"), "\(saved)")

        let check = try vault.run(["check"])
        #expect(check.status == 0, "a clock set back is not damage: \(check)")
        #expect(check.output.contains("the device clock went backwards"))
        let json = try #require(try vault.json(["check"]) as? [String: Any])
        #expect((json["clockSteps"] as? [Any])?.isEmpty == false)

        let sealed = vault.folder.appending("b.age")
        #expect(try vault.run(["export", "-o", sealed, "--passphrase"], extraInput: [Self.words]).status == 0)
        let out = vault.folder.appending("opened")
        let opened = try vault.runner.run(["open", sealed, "--passphrase-stdin", "-o", out], input: Self.words + "\n")
        #expect(opened.status == 0, "\(opened)")
        let verified = try vault.runner.run(["verify", out])
        #expect(verified.status == 0, "\(verified)")
        #expect(verified.output.contains("the device clock was behind"))
        let report = String(decoding: TestFiles.read(out + "/report.html"), as: UTF8.self)
        #expect(report.contains("The device clock went backwards 1 time(s)"))
        #expect(report.contains("so this was written down no earlier than that"))
        #expect(report.contains("rests on the device clock"))
    }

    /// Thirty days without an anchor: `log` reminds the owner once; printing one quiets it until
    /// thirty more days have passed with something written.
    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/faketime")))
    func aReminderComesWhenNoAnchorWasPrintedForThirtyDays() throws {
        let vault = try CLIVault()
        let later = ProgramRunner(executable: "/usr/bin/faketime")
        func run(_ offset: String, _ arguments: [String]) throws -> ProgramRunner.Result {
            try later.run(["-f", offset, vault.runner.executable] + arguments + ["--vault", vault.path, "--passphrase-stdin"],
                          input: vault.passphrase + "\n")
        }
        let first = try vault.run(["log", "--text", "He shouted at me."])
        #expect(first.status == 0 && !first.output.contains("anchor"), "\(first)")
        let month = try run("+31d", ["log", "--text", "He took the car keys."])
        #expect(month.status == 0, "\(month)")
        #expect(month.output.contains("You have been writing for 31 days without printing an anchor"), "\(month)")
        let anchor = try run("+31d", ["anchor"])
        #expect(anchor.status == 0 && anchor.output.contains("KS2-"), "\(anchor)")
        let again = try run("+31d", ["anchor"])
        #expect(again.output.split(separator: "\n").first == anchor.output.split(separator: "\n").first,
                "the same anchor, nothing new signed: \(again)")
        let dayAfter = try run("+32d", ["log", "--text", "He apologised."])
        #expect(dayAfter.status == 0 && !dayAfter.output.contains("anchor"), "\(dayAfter)")
        let twoMonths = try run("+62d", ["log", "--text", "He shouted again."])
        #expect(twoMonths.output.contains("It has been 31 days since you last printed an anchor"), "\(twoMonths)")
        #expect(try vault.run(["check"]).status == 0)
    }
}
