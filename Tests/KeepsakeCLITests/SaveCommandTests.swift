import Foundation
import KeepsakeTestSupport
import Testing

/// `keepsake save`: an attached file comes back out byte for byte, checked, never overwriting,
/// never leaving a partial or unchecked copy behind.
@Suite struct SaveCommandTests {
    /// Logs an incident with `files` attached; returns its id and its attachments' ids.
    func incident(with files: [String], in vault: CLIVault) throws -> (id: String, attachments: [String]) {
        let logged = try vault.run(["log", "--text", "an incident with files", "--json"] + files.flatMap { ["--attach", $0] })
        #expect(logged.status == 0, "\(logged)")
        let id = try #require((try JSONSerialization.jsonObject(with: Data(logged.output.utf8)) as? [String: Any])?["id"] as? String)
        let shown = try #require(try vault.json(["show", id]) as? [String: Any])
        let attachments = try #require(shown["attachments"] as? [[String: Any]]).compactMap { $0["id"] as? String }
        return (id, attachments)
    }

    func bytes(_ count: Int, seed: Int) -> [UInt8] {
        (0..<count).map { UInt8(truncatingIfNeeded: ($0 &* 131) ^ ($0 >> 9) &+ seed) }
    }

    @Test(arguments: [0, 1, 65_535, 65_536, 65_537, 3 * 1_048_576 + 17])
    func anAttachmentComesBackByteForByteAsA0600File(size: Int) throws {
        let vault = try CLIVault()
        let original = bytes(size, seed: size)
        let source = vault.folder.appending("photo.jpg")
        TestFiles.write(original, to: source)
        let (id, attachments) = try incident(with: [source], in: vault)
        #expect(attachments.count == 1)

        // By the attachment's id, to a new file name.
        let byAttachment = vault.folder.appending("back.jpg")
        let saved = try vault.run(["save", String(attachments[0].prefix(8)), "-o", byAttachment])
        #expect(saved.status == 0, "\(saved)")
        #expect(TestFiles.read(byAttachment) == original)
        #expect(TestFiles.mode(byAttachment) == 0o600)
        #expect(saved.errors.contains("not encrypted"), "the warning: \(saved)")
        #expect(saved.errors.components(separatedBy: "not encrypted").count == 2, "warned once: \(saved)")

        // By the incident's id (it has exactly one), into a folder: the original name.
        let folder = vault.folder.appending("out")
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: false)
        let byIncident = try vault.run(["save", String(id.prefix(8)), "-o", folder])
        #expect(byIncident.status == 0, "\(byIncident)")
        #expect(TestFiles.read(folder + "/photo.jpg") == original)
    }

    @Test func severalAttachmentsGoIntoAFolderUnderSafeNamesAndNeverIntoOneFile() throws {
        let vault = try CLIVault()
        let hostileNames = ["evil\u{1B}]0;pwned\u{07}.txt", "invoice\u{202E}gpj.exe", "..hidden", "same.txt"]
        var sources: [String] = []
        for (n, name) in hostileNames.enumerated() {
            let path = vault.folder.appending(name)
            TestFiles.write(Array("file \(n)".utf8), to: path)
            sources.append(path)
        }
        // A second file of the same name, from another folder.
        try FileManager.default.createDirectory(atPath: vault.folder.appending("other"), withIntermediateDirectories: false)
        let twin = vault.folder.appending("other/same.txt")
        TestFiles.write(Array("the twin".utf8), to: twin)
        sources.append(twin)
        let (id, _) = try incident(with: sources, in: vault)

        let intoFile = try vault.run(["save", String(id.prefix(8)), "-o", vault.folder.appending("one-file")])
        #expect(intoFile.status == 2, "\(intoFile)")
        #expect(intoFile.errors.contains("give a folder"), "\(intoFile)")
        #expect(!FileManager.default.fileExists(atPath: vault.folder.appending("one-file")))

        let folder = vault.folder.appending("saved")
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: false)
        let saved = try vault.run(["save", String(id.prefix(8)), "-o", folder])
        #expect(saved.status == 0, "\(saved)")
        let names = Set(try FileManager.default.contentsOfDirectory(atPath: folder))
        #expect(names == ["evil_]0;pwned_.txt", "invoice_gpj.exe", "hidden", "same.txt", "same (2).txt"])
        #expect(TestFiles.read(folder + "/same (2).txt") == Array("the twin".utf8))
        #expect(!saved.output.unicodeScalars.contains { $0 == "\u{1B}" || $0 == "\u{202E}" }, "\(saved.output)")
    }

    @Test func anExistingTargetIsNeverOverwritten() throws {
        let vault = try CLIVault()
        let source = vault.folder.appending("note.txt")
        TestFiles.write(Array("attached".utf8), to: source)
        let (_, attachments) = try incident(with: [source], in: vault)
        let target = vault.folder.appending("exists.txt")
        TestFiles.write(Array("precious".utf8), to: target)
        let result = try vault.run(["save", String(attachments[0].prefix(8)), "-o", target])
        #expect(result.status == 1, "\(result)")
        #expect(result.errors.contains("already exists"), "\(result)")
        #expect(TestFiles.read(target) == Array("precious".utf8))
        // Into a folder that holds a file of the same name: the same.
        let folder = vault.folder.appending("dir")
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: false)
        TestFiles.write(Array("also precious".utf8), to: folder + "/note.txt")
        let again = try vault.run(["save", String(attachments[0].prefix(8)), "-o", folder])
        #expect(again.status == 1, "\(again)")
        #expect(TestFiles.read(folder + "/note.txt") == Array("also precious".utf8))
    }

    @Test func aChangedBlobByteIsAnIntegrityFailureAndLeavesNoFile() throws {
        let vault = try CLIVault()
        let source = vault.folder.appending("photo.jpg")
        TestFiles.write(bytes(200_000, seed: 3), to: source)
        let (_, attachments) = try incident(with: [source], in: vault)
        let blobs = try FileManager.default.contentsOfDirectory(atPath: vault.path + "/4")
        #expect(blobs.count == 1)
        let blob = vault.path + "/4/" + blobs[0]
        var stored = TestFiles.read(blob)
        stored[150_000] ^= 0x01
        TestFiles.write(stored, to: blob)

        let target = vault.folder.appending("back.jpg")
        let result = try vault.run(["save", String(attachments[0].prefix(8)), "-o", target])
        #expect(result.status == 4, "\(result)")
        #expect(result.errors.contains("nothing was saved"), "\(result)")
        #expect(!FileManager.default.fileExists(atPath: target), "a partial, unchecked copy was left behind")
    }

    @Test func aFullDiskLeavesNoPartialFileAndSaysSoInOneLine() throws {
        let vault = try CLIVault()
        let source = vault.folder.appending("video.mp4")
        TestFiles.write(bytes(400_000, seed: 9), to: source)
        let (_, attachments) = try incident(with: [source], in: vault)
        let target = vault.folder.appending("back.mp4")
        // A full disk for the command: `ulimit -f 64` (64 KiB) with SIGXFSZ ignored.
        let limited = try ProgramRunner(executable: "/bin/sh").run(
            ["-c", "trap '' XFSZ; ulimit -f 64 && exec \"$@\"", "sh", vault.runner.executable,
             "save", String(attachments[0].prefix(8)), "-o", target, "--vault", vault.path, "--passphrase-stdin"],
            input: vault.passphrase + "\n")
        #expect(limited.status == 1, "\(limited)")
        #expect(limited.errors.contains("could not write \(target): File too large"), "\(limited)")
        #expect(limited.errors.contains("partial copy was removed"), "\(limited)")
        let errorLines = limited.errors.split(separator: "\n").filter { $0.contains("error") }
        #expect(errorLines.count == 1, "one line: \(limited)")
        #expect(!FileManager.default.fileExists(atPath: target))
        // With room, the same save succeeds.
        #expect(try vault.run(["save", String(attachments[0].prefix(8)), "-o", target]).status == 0)
        #expect(TestFiles.read(target) == bytes(400_000, seed: 9))
    }

    @Test func anEntryWithoutFilesSaysHowToFindThem() throws {
        let vault = try CLIVault()
        let logged = try vault.run(["log", "--text", "no files", "--json"])
        let id = try #require((try JSONSerialization.jsonObject(with: Data(logged.output.utf8)) as? [String: Any])?["id"] as? String)
        let result = try vault.run(["save", String(id.prefix(8)), "-o", vault.folder.appending("x")])
        #expect(result.status == 2, "\(result)")
        #expect(result.errors.contains("has no attached files"), "\(result)")
    }
    @Test func aSavedFileLeavesNoTraceButAtThePathTheOwnerChose() throws {
        let started = Date().addingTimeInterval(-2)
        let vault = try CLIVault()
        let marker = "KSMARKsaved\(UInt64.random(in: 1...UInt64.max))"
        let source = vault.folder.appending("letter.txt")
        TestFiles.write(bytes(150_000, seed: 5) + Array(marker.utf8), to: source)
        let (_, attachments) = try incident(with: [source], in: vault)
        let target = vault.folder.appending("chosen.txt")
        #expect(try vault.run(["save", String(attachments[0].prefix(8)), "-o", target]).status == 0)
        #expect(TestFiles.read(target).containsBytes(Array(marker.utf8)))
        // The vault (encrypted), the temporary folder and everything else in the test's folder:
        // the marker is only in the original and the chosen copy.
        let files = TraceSearch.files(in: [vault.folder.path], temporaryFolderExcept: [], since: started)
            .filter { $0.key != source && $0.key != target }
        #expect(files.count >= 3, "the vault's files were searched: \(files.keys)")
        #expect(TraceSearch.find([marker], in: files).isEmpty)
    }
}
