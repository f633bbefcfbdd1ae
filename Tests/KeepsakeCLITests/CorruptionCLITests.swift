import Foundation
import KeepsakeTestSupport
import Testing

/// A sample of the bit flips that CorruptionTests makes in process, run through the built
/// `keepsake check` as the owner would: the exit code says damaged (4) for the log, the head
/// file (but for its newest slot: see HeadFile) and an attachment; a flip in the passphrase's key slot makes the passphrase fail (3)
/// while the recovery code still opens an intact vault. A `check` still running after 60 s is
/// killed, and its status (SIGKILL) is a failure: a hang is never an exit code.
@Suite struct CorruptionCLITests {
    @Test func keepsakeCheckReportsASampleOfFlipsInEveryFileWithTheRightExitCode() throws {
        let vault = try CLIVault()
        let photo = vault.folder.appending("photo.jpg")
        TestFiles.write((0..<5_000).map { UInt8(truncatingIfNeeded: $0 &* 3) }, to: photo)
        #expect(try vault.run(["log", "--text", "an account", "--attach", photo]).status == 0)
        let recovery = try vault.run(["recovery", "new", "--kdf-memory", "1", "--kdf-passes", "1", "--insecure-test-kdf"])
        let code = try #require(recovery.output.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
            .first { $0.count == 29 && $0.split(separator: "-").count == 5 })
        #expect(try vault.run(["check"]).status == 0)
        let blob = try #require(FileManager.default.contentsOfDirectory(atPath: vault.path + "/4").first)

        func check(recoveryCode: Bool = false) throws -> Int32 {
            try recoveryCode
                ? vault.runner.run(
                    ["check", "--recovery", "--vault", vault.path, "--passphrase-stdin"], input: code + "\n", killAfter: 60
                ).status
                : vault.run(["check"], killAfter: 60).status
        }
        var generator = SeededGenerator(seed: 2026)
        var cases = 0, asExpected = 0
        func flip(_ file: String, at offsets: [Int], expect: () throws -> Bool) throws {
            let path = vault.path + "/" + file
            let original = TestFiles.read(path)
            for offset in offsets {
                var damaged = original
                damaged[offset] ^= 1 << UInt8(Int.random(in: 0..<8, using: &generator))
                TestFiles.write(damaged, to: path)
                if try expect() { asExpected += 1 } else { Issue.record("\(file) flip at \(offset)") }
                cases += 1
            }
            TestFiles.write(original, to: path)
        }
        func sample(_ count: Int, in range: Range<Int>) -> [Int] {
            [range.lowerBound, range.upperBound - 1] + (0..<count - 2).map { _ in Int.random(in: range, using: &generator) }
        }
        let logSize = TestFiles.read(vault.path + "/1").count
        let blobSize = TestFiles.read(vault.path + "/4/" + blob).count
        // The log's frames (the first, an incident, takes at least 588 bytes): damage; the
        // filler after the frames (format 3): nothing.
        try flip("1", at: sample(8, in: 0..<588)) { try check() == 4 }
        try flip("1", at: sample(3, in: logSize - 4_096..<logSize)) { try check() == 0 }
        // The head file's two slots: damage (4), except a flip in the slot holding the newest
        // state, which reads as an unfinished update (a note, 0). The random filler between
        // them (format 3) carries nothing: a flip there is not reported (0).
        var headOutcomes: [Range<Int>: Set<Int32>] = [:]
        for slot in [0..<104, 4096..<4200] {
            try flip("2", at: sample(4, in: slot)) {
                let result = try vault.run(["check"], killAfter: 60)
                headOutcomes[slot, default: []].insert(result.status)
                return result.status == 4 || (result.status == 0 && result.output.contains("did not finish"))
            }
        }
        #expect(Set(headOutcomes.values) == [[0], [4]], "\(headOutcomes)")
        try flip("2", at: sample(3, in: 104..<4096)) { try check() == 0 }
        // The attachment's stream: damage (4); the filler after it up to the padded size: nothing (0).
        let streamSize = 5_000 + 16
        #expect(blobSize == 5_120)
        try flip("4/" + blob, at: sample(6, in: 0..<streamSize)) { try check() == 4 }
        try flip("4/" + blob, at: sample(3, in: streamSize..<blobSize)) { try check() == 0 }
        // Key slots: salt, nonce and wrapped key of each slot (not the masked header, whose
        // flips can ask Argon2id for gigabytes: CorruptionTests counts those).
        // Version 3: salt (16), four 168-byte slots (masked header, then nonce and keys), ring.
        let slotBytes = Array(16..<168)
        try flip("0", at: (0..<3).map { _ in 16 + slotBytes.randomElement(using: &generator)! }) {
            try check() == 3 && check(recoveryCode: true) == 0
        }
        try flip("0", at: (0..<3).map { _ in 16 + 168 + slotBytes.randomElement(using: &generator)! }) {
            try check() == 0 && check(recoveryCode: true) == 3
        }
        try flip("0", at: (0..<2).map { _ in 16 + 336 + slotBytes.randomElement(using: &generator)! }) { try check() == 0 }
        // The key ring (every epoch's key, after the slots): the key file is named as damaged.
        try flip("0", at: (0..<2).map { _ in 688 + Int.random(in: 0..<1064, using: &generator) }) {
            try check() == 4 && check(recoveryCode: true) == 4
        }
        print("keepsake check on bit flips: \(cases) cases through the CLI, \(asExpected) with the expected exit code, 0 crashes, 0 hangs")
        #expect(asExpected == cases)
    }

    @Test func anAttachmentOnAFullDiskFailsCleanlyThroughTheCLI() throws {
        let vault = try CLIVault()
        let logged = try vault.run(["log", "--text", "before the disk filled", "--json"])
        let id = try #require((try JSONSerialization.jsonObject(with: Data(logged.output.utf8)) as? [String: Any])?["id"] as? String)
        let photo = vault.folder.appending("big.jpg")
        TestFiles.write((0..<400_000).map { UInt8(truncatingIfNeeded: $0 &* 11) }, to: photo)
        // A full disk for the command: `ulimit -f` (at most 64 KiB) with SIGXFSZ ignored.
        let limited = ProgramRunner(executable: "/bin/sh")
        func underLimit(_ arguments: [String]) throws -> ProgramRunner.Result {
            try limited.run(
                ["-c", "trap '' XFSZ; ulimit -f 64 && exec \"$@\"", "sh", vault.runner.executable] + arguments
                    + ["--vault", vault.path, "--passphrase-stdin"],
                input: vault.passphrase + "\n")
        }
        let attach = try underLimit(["attach", String(id.prefix(8)), photo])
        #expect(attach.status == 1, "\(attach)")
        #expect(attach.errors.contains("too large for this disk"), "\(attach)")
        let logWithFile = try underLimit(["log", "--text", "written as the disk filled", "--attach", photo])
        #expect(logWithFile.status == 1, "\(logWithFile)")
        #expect(logWithFile.errors.contains("too large for this disk"), "\(logWithFile)")
        // The vault is intact: the incidents are there (the second was saved before its file),
        // no attachment half-recorded.
        let check = try vault.run(["check"])
        #expect(check.status == 0, "\(check)")
        let listed = try #require(try vault.json(["list"]) as? [[String: Any]])
        #expect(listed.count == 2)
        #expect(try FileManager.default.contentsOfDirectory(atPath: vault.path + "/4").isEmpty)
    }

    @Test func anExportAndItsOpeningOnAFullDiskFailCleanlyThroughTheCLIAndLeaveNothingHalfWritten() throws {
        let vault = try CLIVault()
        let photo = vault.folder.appending("photo.jpg")
        TestFiles.write((0..<300_000).map { UInt8(truncatingIfNeeded: $0 &* 7) }, to: photo)
        #expect(try vault.run(["log", "--text", "an incident with a photo", "--attach", photo]).status == 0)
        #expect(try vault.run(["log", "--text", "a second incident"]).status == 0)
        let made = try vault.runner.run(["recipient", "new", "-o", vault.folder.appending("advocate-key.txt")])
        let recipient = try #require(made.output.split(separator: "\n").last.map(String.init))
        let bundle = vault.folder.appending("bundle.age")
        // The sealed bundle outgrows `ulimit -f 128` (128 KiB) halfway through the photo.
        let export = try ProgramRunner(executable: "/bin/sh").run(
            ["-c", "trap '' XFSZ; ulimit -f 128 && exec \"$@\"", "sh", vault.runner.executable,
             "export", "-o", bundle, "--to", recipient, "--vault", vault.path, "--passphrase-stdin"],
            input: vault.passphrase + "\n")
        #expect(export.status == 1, "\(export)")
        #expect(export.errors.contains("could not write \(bundle): File too large"), "\(export)")
        #expect(export.errors.contains("Nothing in your vault was lost"), "\(export)")
        #expect(export.errors.split(separator: "\n").count == 1, "one line: \(export)")
        #expect(!FileManager.default.fileExists(atPath: bundle), "a half-written bundle was left behind")
        // Nothing in the vault was lost, and with room the same export succeeds.
        #expect(try vault.run(["check"]).status == 0)
        #expect(try #require(try vault.json(["list"]) as? [[String: Any]]).count == 2)
        let again = try vault.run(["export", "-o", bundle, "--to", recipient])
        #expect(again.status == 0, "\(again)")
        #expect(again.output.contains("Sealed 2 incident(s) and 1 attached file(s)"))

        // The recipient's side on a full disk: `open` and `decrypt` say so in one line and
        // keep nothing half-written.
        let key = vault.folder.appending("advocate-key.txt")
        for (arguments, made) in [
            (["open", bundle, "-i", key, "-o", vault.folder.appending("opened")], vault.folder.appending("opened")),
            (["decrypt", bundle, "-i", key, "-o", vault.folder.appending("bundle.zip")], vault.folder.appending("bundle.zip")),
        ] {
            let limited = try ProgramRunner(executable: "/bin/sh").run(
                ["-c", "trap '' XFSZ; ulimit -f 128 && exec \"$@\"", "sh", vault.runner.executable] + arguments)
            #expect(limited.status == 1, "\(arguments): \(limited)")
            #expect(limited.errors.contains("could not write") && limited.errors.contains("File too large. Nothing was kept"), "\(limited)")
            #expect(limited.errors.split(separator: "\n").count == 1, "one line: \(limited)")
            #expect(!FileManager.default.fileExists(atPath: made), "\(made) was left behind")
        }
        let opened = try vault.runner.run(["open", bundle, "-i", key, "-o", vault.folder.appending("opened")])
        #expect(opened.status == 0, "\(opened)")
    }
}
