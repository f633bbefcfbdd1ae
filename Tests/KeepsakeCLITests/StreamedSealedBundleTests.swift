import Foundation
import KeepsakeTestSupport
import Testing

/// `verify` and `open` read a sealed bundle as it is decrypted, front to back. A bundle cut
/// short fails and leaves nothing; a bundle re-packed by stock `zip` and `age` (as a recipient's
/// own tools might) reads as it did; an archive whose central directory names a file
/// otherwise than its local header fails.
@Suite struct StreamedSealedBundleTests {
    static let age = ProgramRunner(executable: "/usr/bin/age")

    func sealedBundle() throws -> (vault: CLIVault, key: String, recipient: String, bundle: String) {
        let vault = try CLIVault()
        #expect(try vault.run(["log", "--when", "2026-01-05 22:00", "--text", "He shoved me hard against the door."]).status == 0)
        let photo = vault.folder.appending("photo.bin")
        TestFiles.write((0..<300_000).map { UInt8(truncatingIfNeeded: $0 &* 13) }, to: photo)
        #expect(try vault.run(["log", "--text", "the bruise", "--attach", photo]).status == 0)
        let key = vault.folder.appending("advocate-key.txt")
        let made = try vault.runner.run(["recipient", "new", "-o", key])
        let recipient = try #require(made.output.split(separator: "\n").last.map(String.init))
        let bundle = vault.folder.appending("bundle.age")
        #expect(try vault.run(["export", "-o", bundle, "--to", recipient]).status == 0)
        return (vault, key, recipient, bundle)
    }

    @Test func aSealedBundleCutShortFailsAndOpenLeavesNothing() throws {
        let (vault, key, _, bundle) = try sealedBundle()
        let whole = TestFiles.read(bundle)
        #expect(try vault.runner.run(["verify", bundle, "-i", key]).status == 0)
        // In the header, in the first chunk, on a chunk boundary (64 KiB of plaintext is 65,552
        // bytes of ciphertext), inside the last chunk, one byte short. The payload starts after
        // the header's last line ("--- MAC") and a 16-byte nonce.
        let mark = Array("\n--- ".utf8)
        let macLine = try #require((0...(whole.count - mark.count)).first { Array(whole[$0..<$0 + mark.count]) == mark })
        let header = try #require(whole[(macLine + 1)...].firstIndex(of: 0x0A)) + 1 + 16
        for cut in [120, header + 1_000, header + 65_552, header + 2 * 65_552, whole.count - 100, whole.count - 1] {
            let cutShort = vault.folder.appending("cut-\(cut).age")
            TestFiles.write(Array(whole[..<cut]), to: cutShort)
            let verified = try vault.runner.run(["verify", cutShort, "-i", key])
            #expect(verified.status == 4, "cut at \(cut): \(verified)")
            #expect(!verified.output.contains("VERIFIED") && !verified.output.contains("SIGNED"), "cut at \(cut): \(verified)")
            let out = vault.folder.appending("opened-\(cut)")
            let opened = try vault.runner.run(["open", cutShort, "-i", key, "-o", out])
            #expect(opened.status == 4, "cut at \(cut): \(opened)")
            #expect(!FileManager.default.fileExists(atPath: out), "cut at \(cut): files left behind")
        }
    }

    @Test func aBundleRepackedByStockZipAndAgeReadsTheSame() throws {
        let (vault, key, recipient, bundle) = try sealedBundle()
        let zip = vault.folder.appending("plain.zip")
        #expect(try Self.age.run(["-d", "-i", key, "-o", zip, bundle]).status == 0)
        let work = vault.folder.appending("work")
        #expect(try ProgramRunner(executable: "/usr/bin/unzip").run(["-q", zip, "-d", work]).status == 0)
        // With folder entries and Unix extra fields this time (which Keepsake does not write).
        let repacked = vault.folder.appending("repacked.zip")
        let zipped = try ProgramRunner(executable: "/bin/sh").run(["-c", "cd \"$1\" && /usr/bin/zip -q -0 -r \"$2\" .", "sh", work, repacked])
        #expect(zipped.status == 0, "\(zipped)")
        let sealed = vault.folder.appending("repacked.age")
        #expect(try Self.age.run(["-r", recipient, "-o", sealed, repacked]).status == 0)
        let verified = try vault.runner.run(["verify", sealed, "-i", key])
        #expect(verified.status == 0, "\(verified)")
        #expect(verified.output.contains("SIGNED"), "\(verified)")
        let out = vault.folder.appending("opened")
        let opened = try vault.runner.run(["open", sealed, "-i", key, "-o", out])
        #expect(opened.status == 0, "\(opened)")
        #expect(FileManager.default.fileExists(atPath: out + "/report.html"))
    }

    @Test func aNameTheCentralDirectoryGivesOtherwiseFailsSealed() throws {
        let (vault, key, recipient, bundle) = try sealedBundle()
        let zip = vault.folder.appending("plain.zip")
        #expect(try Self.age.run(["-d", "-i", key, "-o", zip, bundle]).status == 0)
        var bytes = TestFiles.read(zip)
        // The last "report.html" in the archive is the central directory's: call it "report.htmX".
        let name = Array("report.html".utf8)
        let at = try #require((0...(bytes.count - name.count)).last { Array(bytes[$0..<$0 + name.count]) == name })
        bytes[at + 10] = UInt8(ascii: "X")
        TestFiles.write(bytes, to: zip)
        let sealed = vault.folder.appending("renamed.age")
        #expect(try Self.age.run(["-r", recipient, "-o", sealed, zip]).status == 0)
        let verified = try vault.runner.run(["verify", sealed, "-i", key])
        #expect(verified.status == 4, "\(verified)")
        #expect(verified.errors.contains("the entry report.html is named report.htmX in the central directory"), "\(verified)")
        let out = vault.folder.appending("opened")
        let opened = try vault.runner.run(["open", sealed, "-i", key, "-o", out])
        #expect(opened.status == 4, "\(opened)")
        #expect(!FileManager.default.fileExists(atPath: out))
    }
}
